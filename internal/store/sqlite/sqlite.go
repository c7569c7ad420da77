// Package sqlite keeps dateline's coded documents in one SQLite file (modernc.org/sqlite, pure
// Go, FTS5 for search), implementing store.Store.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/dateline-news/dateline/internal/store"
)

// DB is a dateline store in a SQLite file. It is safe for concurrent use: reads run in parallel
// (WAL), writes are serialised.
type DB struct {
	db   *sql.DB
	path string

	// writeMu serialises Save calls in this process. SQLite allows one writer at a time anyway;
	// queueing on a mutex is cheaper and fairer than spinning in SQLite's busy handler.
	writeMu sync.Mutex

	// Statements prepared once on the pool; Save binds them to its transaction with
	// Tx.StmtContext, which reuses the per-connection preparation when it exists.
	insArticle *sql.Stmt
	insActor   *sql.Stmt
	insEvent   *sql.Stmt
	insMeeting *sql.Stmt

	now func() time.Time // the clock, replaceable in tests
}

var _ store.Store = (*DB)(nil)

// busyTimeout is how long a connection waits for another process's write lock before failing.
const busyTimeout = 10 * time.Second

// Open opens the store at path, creating the file (and its directory) if needed and bringing
// its schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, errors.New("sqlite: open: empty path")
	}
	memory := path == ":memory:"
	if !memory {
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
			}
		}
	}
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	// Idle connections keep their prepared statements and page cache; keep a few around. Cap
	// the pool so that a burst of readers cannot open a page cache each without bound.
	db.SetMaxIdleConns(4)
	db.SetMaxOpenConns(max(4, 2*runtime.NumCPU()))
	if memory {
		// Every connection to ":memory:" is a separate empty database: keep exactly one.
		db.SetMaxOpenConns(1)
	}
	d := &DB{db: db, path: path, now: time.Now}
	if err := d.init(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	return d, nil
}

// dsn builds the connection string. The pragmas are set per connection, because SQLite keeps
// them per connection:
//   - WAL lets readers run while one writer commits;
//   - synchronous=NORMAL is durable against a crashed or killed process in WAL mode (only a
//     power loss can drop the last commits), and saves an fsync per transaction;
//   - foreign_keys is off by default in SQLite;
//   - busy_timeout waits for another process's write lock instead of failing at once;
//   - a 16 MiB page cache (SQLite's default is 2 MiB) keeps the events indexes' upper pages in
//     memory as the file grows, which Save's index updates touch on every row;
//   - _txlock=immediate takes the write lock at BEGIN, so a writing transaction never fails
//     half-way when upgrading a read lock (read-only transactions still begin deferred).
func dsn(path string) string {
	q := url.Values{}
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "cache_size(-16384)")
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Set("_txlock", "immediate")
	if path == ":memory:" {
		return ":memory:?" + q.Encode()
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

func (d *DB) init(ctx context.Context) error {
	if err := d.db.PingContext(ctx); err != nil {
		return err
	}
	if err := migrate(ctx, d.db); err != nil {
		return err
	}
	for _, p := range []struct {
		stmt **sql.Stmt
		sql  string
	}{
		{&d.insArticle, insertArticleSQL},
		{&d.insActor, insertActorSQL},
		{&d.insEvent, insertEventSQL},
		{&d.insMeeting, insertMeetingSQL},
	} {
		s, err := d.db.PrepareContext(ctx, p.sql)
		if err != nil {
			return fmt.Errorf("prepare %.40q: %w", p.sql, err)
		}
		*p.stmt = s
	}
	return nil
}

// Path returns the database file's path.
func (d *DB) Path() string { return d.path }

// Close closes the database. SQLite checkpoints the WAL into the main file as the last
// connection closes.
func (d *DB) Close() error {
	var errs []error
	// Let SQLite refresh its planner statistics where they have gone stale, as its docs advise
	// before closing. Best effort: a failure here loses nothing.
	_, _ = d.db.Exec(`PRAGMA optimize`)
	for _, s := range []*sql.Stmt{d.insArticle, d.insActor, d.insEvent, d.insMeeting} {
		if s != nil {
			errs = append(errs, s.Close())
		}
	}
	errs = append(errs, d.db.Close())
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("sqlite: close %s: %w", d.path, err)
	}
	return nil
}
