package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store"
	"github.com/dateline-news/dateline/internal/store/storetest"
)

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "dateline.db"))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return db
}

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return openTemp(t) })
}

func TestStoreMemory(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		db, err := Open(context.Background(), ":memory:")
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		return db
	})
}

func TestOpenCreatesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a dir", "with?odd#name", "dateline.db")
	db, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer db.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file not created: %v", err)
	}
	for pragma, want := range map[string]string{"journal_mode": "wal", "foreign_keys": "1", "busy_timeout": "10000", "synchronous": "1"} {
		var got string
		if err := db.db.QueryRow(`PRAGMA ` + pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", pragma, err)
		}
		if got != want {
			t.Errorf("PRAGMA %s = %q, want %q", pragma, got, want)
		}
	}
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dateline.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Save(ctx, storetest.Fixtures()); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err = Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer db.Close()
	var version, rows int
	if err := db.db.QueryRow(`SELECT MAX(version), COUNT(*) FROM schema_migrations`).Scan(&version, &rows); err != nil {
		t.Fatal(err)
	}
	if version != len(migrations) || rows != len(migrations) {
		t.Errorf("schema_migrations: version %d in %d rows, want %d in %d", version, rows, len(migrations), len(migrations))
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 3 {
		t.Errorf("after reopen: %d articles, want 3", st.Articles)
	}
	// The full-text index survives too.
	ev, err := db.Events(ctx, store.EventFilter{Text: "Kremlin"})
	if err != nil || len(ev) != 3 {
		t.Errorf("text search after reopen: %d events, %v; want 3", len(ev), err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "dateline.db")
	db, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.db.Exec(`INSERT INTO schema_migrations (version, applied_at) VALUES (?, 'later')`, len(migrations)+1); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if db, err := Open(ctx, path); err == nil {
		db.Close()
		t.Fatal("Open of a database from a newer version succeeded")
	} else if !strings.Contains(err.Error(), "newer") {
		t.Errorf("error %q does not say the database is newer", err)
	}
}

// TestConcurrent saves from several goroutines while others read; run it with -race.
func TestConcurrent(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	const writers, perWriter = 4, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers*perWriter*2)
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				if _, err := db.Save(ctx, []*dateline.Document{storetest.SameBody(fmt.Sprintf("w%d-%d", w, i))}); err != nil {
					errs <- err
				}
			}
		})
		wg.Go(func() {
			for range perWriter {
				if _, err := db.Events(ctx, store.EventFilter{Actor: "CHN", Text: "Mishustin"}); err != nil {
					errs <- err
				}
				if _, err := db.Stats(ctx); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := db.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != writers*perWriter {
		t.Errorf("%d articles, want %d", st.Articles, writers*perWriter)
	}
	ev, err := db.Events(ctx, store.EventFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[int64]bool{}
	for _, e := range ev {
		if seen[e.GlobalID] {
			t.Errorf("GlobalID %d given twice", e.GlobalID)
		}
		seen[e.GlobalID] = true
	}
}

func TestSaveRejectsMissingID(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	doc := storetest.Visit()
	doc.ID = ""
	if _, err := db.Save(context.Background(), []*dateline.Document{storetest.Meeting(), doc}); err == nil {
		t.Fatal("Save of a document without id succeeded")
	}
	if st, _ := db.Stats(context.Background()); st.Articles != 0 {
		t.Errorf("a failed Save stored %d articles", st.Articles)
	}
}

func TestSaveSkipsFailedAndNil(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	failed := &dateline.Document{ID: "broken.txt", Error: "no body"}
	res, err := db.Save(context.Background(), []*dateline.Document{nil, failed, storetest.Visit()})
	if err != nil {
		t.Fatal(err)
	}
	if res != (store.SaveResult{Articles: 1, Events: 3}) {
		t.Errorf("Save = %+v, want the one good document only", res)
	}
	if has, _ := db.Has(context.Background(), []string{"broken.txt"}); has["broken.txt"] {
		t.Error("a document that failed coding was stored")
	}
}

func TestSaveDerivesEventID(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	doc := storetest.Visit()
	doc.Events[1].ID = ""
	doc.Events[1].ArticleID = ""
	if _, err := db.Save(ctx, []*dateline.Document{doc}); err != nil {
		t.Fatal(err)
	}
	want := storetest.VisitID + "#1"
	if e := doc.Events[1]; e.ID != want || e.ArticleID != storetest.VisitID {
		t.Errorf("event written back as id %q article %q, want %q, %q", e.ID, e.ArticleID, want, storetest.VisitID)
	}
	if _, err := db.Event(ctx, want); err != nil {
		t.Errorf("Event(%q): %v", want, err)
	}
}

func TestEventsBadDate(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	for _, f := range []store.EventFilter{{Since: "2020"}, {Until: "12/02/2020"}} {
		if _, err := db.Events(context.Background(), f); err == nil {
			t.Errorf("Events(%+v) accepted a malformed date", f)
		}
	}
}

func TestEventsText(t *testing.T) {
	ctx := context.Background()
	db := openTemp(t)
	defer db.Close()
	if _, err := db.Save(ctx, storetest.Fixtures()); err != nil {
		t.Fatal(err)
	}
	// Input that would be FTS5 syntax, or nothing at all, must neither fail nor match wrongly.
	for text, want := range map[string]int{
		`Mishustin AND`:   5, // "AND" is a word here, not an operator (the meeting story has "and")
		`sanction`:        3, // stemmed: matches "sanctions"
		`NEAR(Li Putin)`:  0, // no story has the word "near"
		`title:slaps`:     0, // the phrase "title slaps", not a column filter
		`"unclosed quote`: 0,
		`-- ..`:           11, // no words: no restriction
		`Li*`:             5,  // the word "li", not a prefix query
		`Xi^`:             3,
	} {
		ev, err := db.Events(ctx, store.EventFilter{Text: text, All: true})
		if err != nil {
			t.Errorf("Events(Text %q): %v", text, err)
			continue
		}
		if len(ev) != want {
			t.Errorf("Events(Text %q) = %d events, want %d", text, len(ev), want)
		}
	}
}

func TestFTSQuery(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "",
		"  ":                   "",
		"Li Keqiang":           `"Li" "Keqiang"`,
		`"video link" meeting`: `"video link" "meeting"`,
		`co-chaired U.S.`:      `"co-chaired" "U.S."`,
		`a "b  c`:              `"a" "b c"`,
		`-- ""`:                "",
		`NEAR(x y)`:            `"NEAR(x" "y)"`,
	} {
		if got := ftsQuery(in); got != want {
			t.Errorf("ftsQuery(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestIndexesUsed checks that each selective filter reads an index rather than every event.
func TestIndexesUsed(t *testing.T) {
	db := openTemp(t)
	defer db.Close()
	if _, err := db.Save(context.Background(), storetest.Fixtures()); err != nil {
		t.Fatal(err)
	}
	for _, f := range []store.EventFilter{
		{Actor: "CHN"}, {Source: "RUS"}, {Target: "USAGOV"}, {Cameo: "04"},
		{Since: "2020-01-01"}, {Until: "2020-01-01"}, {ArticleID: storetest.MeetingID}, {Text: "Mishustin"},
	} {
		where, args, err := eventWhere(f)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := db.db.Query(`EXPLAIN QUERY PLAN SELECT global_id FROM events`+where+` ORDER BY date, global_id`, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if p := strings.Join(plan, "; "); !strings.Contains(p, "SEARCH events") {
			t.Errorf("Events(%+v) does not search an index: %s", f, p)
		}
	}
}

func TestClosedStore(t *testing.T) {
	db := openTemp(t)
	db.Close()
	if _, err := db.Stats(context.Background()); err == nil || errors.Is(err, store.ErrNotFound) {
		t.Errorf("Stats on a closed store = %v, want an error", err)
	}
}
