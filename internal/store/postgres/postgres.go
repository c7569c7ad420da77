// Package postgres keeps dateline's coded documents in PostgreSQL (through pgx), implementing
// store.Store with the same semantics as the SQLite store, for many writers on many machines.
//
// The schema follows store/sqlite's (same tables, columns and migrations history) with the
// server's own tools where they matter at scale: events partitioned by month, bulk writes with
// COPY, full-text search with PostgreSQL's text search, and every large table keyed so that it
// can be distributed with Citus by article id (see docs/scaling.md).
package postgres

import (
	"context"
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/dateline-news/dateline/internal/store"
)

// Store is a dateline store in a PostgreSQL database. It is safe for concurrent use, and any
// number of processes may write to the same database at once.
type Store struct {
	pool *pgxpool.Pool
	name string // the URL without its password, for messages

	// partitions caches the monthly events partitions known to exist, so that Save asks the
	// server about a month once per process.
	partMu     sync.Mutex
	partitions map[string]bool

	now func() time.Time // the clock, replaceable in tests
}

var _ store.Store = (*Store)(nil)

// IsURL reports whether where names a PostgreSQL database (postgres:// or postgresql://).
func IsURL(where string) bool {
	return strings.HasPrefix(where, "postgres://") || strings.HasPrefix(where, "postgresql://")
}

// Open connects to the database at the URL (postgres://user@host:port/db?sslmode=disable, any
// libpq-style parameter pgx accepts; search_path=SCHEMA keeps the tables in one schema) and
// brings its schema up to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	name := Redact(dsn)
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: open %s: %w", name, err)
	}
	// Save holds one connection for its transaction and Events one for its rows; a few more
	// than the cores leaves room for concurrent readers without flooding the server, whose
	// connections are processes.
	if cfg.MaxConns < int32(2*runtime.NumCPU()) {
		cfg.MaxConns = int32(max(4, 2*runtime.NumCPU()))
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres: open %s: %w", name, err)
	}
	s := &Store{pool: pool, name: name, partitions: map[string]bool{}, now: time.Now}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: open %s: %w", name, err)
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres: open %s: %w", name, err)
	}
	return s, nil
}

// Close closes the connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Name returns the database URL without its password.
func (s *Store) Name() string { return s.name }

// Redact returns the URL with its password replaced, for messages and logs.
func Redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}
