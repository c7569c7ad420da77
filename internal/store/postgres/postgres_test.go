package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/dateline-news/dateline"

	"github.com/dateline-news/dateline/internal/store"
	"github.com/dateline-news/dateline/internal/store/postgres/pgtest"
	"github.com/dateline-news/dateline/internal/store/storetest"
)

// openIn returns a new, empty store in a schema of its own in the database at db.
func openIn(t testing.TB, db string) *Store {
	t.Helper()
	s, err := Open(context.Background(), pgtest.NewSchema(t, db))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestStore(t *testing.T) {
	db := pgtest.NewDatabase(t)
	storetest.Run(t, func(t *testing.T) store.Store { return openIn(t, db) })
}

// TestTwoWriters: two Stores (separate connection pools, as two worker processes have) save
// overlapping batches in opposite orders at once, over and over. Each article is added exactly
// once, and neither writer fails: the articles are locked in id order, and a deadlock would be
// retried anyway.
func TestTwoWriters(t *testing.T) {
	db := pgtest.NewDatabase(t)
	url := pgtest.NewSchema(t, db)
	ctx := context.Background()
	var stores [2]*Store
	for i := range stores {
		s, err := Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
	}
	const rounds, perRound = 10, 20
	var added [2]int
	var wg sync.WaitGroup
	errs := make(chan error, 2*rounds)
	for w, s := range stores {
		wg.Go(func() {
			for r := range rounds {
				var docs []*dateline.Document
				for i := range perRound {
					docs = append(docs, storetest.SameBody(fmt.Sprintf("r%d-%d", r, i)))
				}
				if w == 1 {
					slices.Reverse(docs)
				}
				res, err := s.Save(ctx, docs)
				if err != nil {
					errs <- fmt.Errorf("writer %d round %d: %w", w, r, err)
					return
				}
				added[w] += res.Articles
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := added[0] + added[1]; got != rounds*perRound {
		t.Errorf("writers added %d + %d articles, want %d in all", added[0], added[1], rounds*perRound)
	}
	st, err := stores[0].Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != rounds*perRound || st.Events != int64(rounds*perRound*len(storetest.SameBody("x").Events)) {
		t.Errorf("Stats = %+v", st)
	}
}

// TestOpenConcurrently: workers starting together against an empty database migrate it once.
func TestOpenConcurrently(t *testing.T) {
	url := pgtest.NewSchema(t, pgtest.NewDatabase(t))
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			s, err := Open(context.Background(), url)
			if err == nil {
				s.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("Open %d: %v", i, err)
		}
	}
	s := mustOpen(t, url)
	defer s.Close()
	var version, rows int
	if err := s.pool.QueryRow(context.Background(), `SELECT MAX(version), COUNT(*) FROM schema_migrations`).Scan(&version, &rows); err != nil {
		t.Fatal(err)
	}
	if version != len(migrations) || rows != len(migrations) {
		t.Errorf("schema_migrations: version %d in %d rows, want %d in %d", version, rows, len(migrations), len(migrations))
	}
}

func mustOpen(t testing.TB, url string) *Store {
	t.Helper()
	s, err := Open(context.Background(), url)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return s
}

func TestReopen(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewSchema(t, pgtest.NewDatabase(t))
	s := mustOpen(t, url)
	if _, err := s.Save(ctx, storetest.Fixtures()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = mustOpen(t, url)
	defer s.Close()
	if st, err := s.Stats(ctx); err != nil || st.Articles != 3 {
		t.Errorf("after reopen: %+v, %v; want 3 articles", st, err)
	}
	if ev, err := s.Events(ctx, store.EventFilter{Text: "Kremlin"}); err != nil || len(ev) != 3 {
		t.Errorf("text search after reopen: %d events, %v; want 3", len(ev), err)
	}
	// A new process knows nothing of the partitions; saving into an existing month must work.
	more := storetest.SameBody("after-reopen")
	if res, err := s.Save(ctx, []*dateline.Document{more}); err != nil || res.Articles != 1 {
		t.Errorf("Save after reopen = %+v, %v", res, err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewSchema(t, pgtest.NewDatabase(t))
	s := mustOpen(t, url)
	if _, err := s.pool.Exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())`, len(migrations)+1); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s, err := Open(ctx, url); err == nil {
		s.Close()
		t.Fatal("Open of a database from a newer version succeeded")
	} else if !strings.Contains(err.Error(), "newer") {
		t.Errorf("error %q does not say the database is newer", err)
	}
}

func TestOpenErrors(t *testing.T) {
	db := pgtest.NewDatabase(t)
	for _, url := range []string{
		"postgres://postgres:secret@127.0.0.1:1/nowhere?sslmode=disable&connect_timeout=2", // nothing listens
		"postgres://postgres@127.0.0.1:5432/%zz",                                           // not a URL
		db + "&search_path=no_such_schema",                                                 // nowhere to create tables
	} {
		s, err := Open(context.Background(), url)
		if err == nil {
			s.Close()
			t.Errorf("Open(%s) succeeded", url)
			continue
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("error shows the password: %v", err)
		}
	}
}

// TestPartitions: each month gets its partition, undated events go to the default one, and a
// date range reads only its months.
func TestPartitions(t *testing.T) {
	ctx := context.Background()
	s := openIn(t, pgtest.NewDatabase(t))
	defer s.Close()
	docs := storetest.Fixtures()
	undated := storetest.SameBody("undated")
	for i := range undated.Events {
		undated.Events[i].Date = ""
	}
	odd := storetest.SameBody("odd-date")
	odd.Events[0].Date = "1987-13-45" // not a date: undated partition, but kept as written
	docs = append(docs, undated, odd)
	if _, err := s.Save(ctx, docs); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	rows, err := s.pool.Query(ctx, `SELECT tableoid::regclass::text, count(*) FROM events GROUP BY 1`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		var n int
		if err := rows.Scan(&name, &n); err != nil {
			t.Fatal(err)
		}
		counts[name] = n
	}
	rows.Close()
	want := map[string]int{
		"events_p201906": 3, "events_p202012": 5 + len(odd.Events) - 1, "events_p202103": 3,
		"events_undated": len(undated.Events) + 1,
	}
	if fmt.Sprint(counts) != fmt.Sprint(want) {
		t.Errorf("events per partition = %v, want %v", counts, want)
	}
	ev, err := s.Event(ctx, odd.Events[0].ID)
	if err != nil || ev.Date != "1987-13-45" {
		t.Errorf("event with an unreadable date: %+v, %v", ev, err)
	}

	w, err := s.eventWhere(ctx, store.EventFilter{Since: "2020-12-01", Until: "2020-12-31"})
	if err != nil {
		t.Fatal(err)
	}
	plan := explain(t, s, `SELECT global_id FROM events`+w.where()+` ORDER BY date, global_id`, w.args...)
	for _, p := range []string{"events_p201906", "events_p202103"} {
		if strings.Contains(plan, p) {
			t.Errorf("a December 2020 query reads %s:\n%s", p, plan)
		}
	}
	if !strings.Contains(plan, "events_p202012") {
		t.Errorf("a December 2020 query does not read its month:\n%s", plan)
	}
}

func explain(t *testing.T, s *Store, q string, args ...any) string {
	t.Helper()
	rows, err := s.pool.Query(context.Background(), `EXPLAIN `+q, args...)
	if err != nil {
		t.Fatalf("EXPLAIN %s: %v", q, err)
	}
	lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

// TestIndexesUsed: each selective filter can be answered from an index. The fixtures are too
// few for the planner to choose one, so sequential scans are priced out for the check.
func TestIndexesUsed(t *testing.T) {
	ctx := context.Background()
	s := openIn(t, pgtest.NewDatabase(t))
	defer s.Close()
	if _, err := s.Save(ctx, storetest.Fixtures()); err != nil {
		t.Fatal(err)
	}
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SET enable_seqscan = off`); err != nil {
		t.Fatal(err)
	}
	defer conn.Exec(ctx, `RESET enable_seqscan`) //nolint:errcheck
	for _, f := range []store.EventFilter{
		{Actor: "CHN"}, {Source: "RUS"}, {Target: "USAGOV"}, {Cameo: "04"},
		{Since: "2020-01-01"}, {Until: "2020-01-01"}, {ArticleID: storetest.MeetingID}, {Text: "Mishustin"},
	} {
		w, err := s.eventWhere(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := conn.Query(ctx, `EXPLAIN SELECT global_id FROM events`+w.where()+` ORDER BY date, global_id`, w.args...)
		if err != nil {
			t.Fatal(err)
		}
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		plan := strings.Join(lines, "\n")
		if strings.Contains(plan, "Seq Scan on events_p") {
			t.Errorf("Events(%+v) scans a partition:\n%s", f, plan)
		}
		if f.Text != "" && !strings.Contains(plan, "articles_text") {
			t.Errorf("Events(%+v) does not use the text index:\n%s", f, plan)
		}
	}
}

// TestSaveRejectsWhatPostgresCannotHold: text with a NUL byte fails the call with an error
// naming the document, and nothing of the call is stored.
func TestSaveRejectsWhatPostgresCannotHold(t *testing.T) {
	ctx := context.Background()
	s := openIn(t, pgtest.NewDatabase(t))
	defer s.Close()
	bad := storetest.SameBody("nul-story")
	bad.Article.Body += "\x00"
	_, err := s.Save(ctx, []*dateline.Document{storetest.Meeting(), bad})
	if err == nil || !strings.Contains(err.Error(), "nul-story") || !strings.Contains(err.Error(), "NUL") {
		t.Fatalf("Save of a body with NUL = %v, want an error naming the document and the NUL", err)
	}
	if st, _ := s.Stats(ctx); st.Articles != 0 {
		t.Errorf("a failed Save stored %d articles", st.Articles)
	}
	// Look-ups with such ids find nothing rather than fail.
	if has, err := s.Has(ctx, []string{"a\x00b", string([]byte{0xff})}); err != nil || len(has) != 0 {
		t.Errorf("Has(unstorable ids) = %v, %v", has, err)
	}
	if _, err := s.Document(ctx, "a\x00b"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Document(NUL id) = %v, want ErrNotFound", err)
	}
}

// TestCitusReady checks the schema against Citus's rules for distributing by article id:
// every table that grows with the feed has its distribution column, every unique key includes
// it, and every foreign key goes through it to articles (co-located, never across shards).
func TestCitusReady(t *testing.T) {
	ctx := context.Background()
	s := openIn(t, pgtest.NewDatabase(t))
	defer s.Close()
	dist := map[string]string{"articles": "id", "actors": "article_id", "events": "article_id", "meetings": "article_id"}
	rows, err := s.pool.Query(ctx, `
SELECT c.conrelid::regclass::text, c.contype::text, c.conname,
	ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY(c.conkey)),
	COALESCE(c.confrelid::regclass::text, ''),
	ARRAY(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.confrelid AND a.attnum = ANY(c.confkey))
FROM pg_constraint c
WHERE c.connamespace = current_schema()::regnamespace AND c.contype IN ('p', 'u', 'f')
	AND c.conrelid::regclass::text = ANY($1)`, []string{"articles", "actors", "events", "meetings"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for rows.Next() {
		var table, typ, name, ref string
		var cols, refCols []string
		if err := rows.Scan(&table, &typ, &name, &cols, &ref, &refCols); err != nil {
			t.Fatal(err)
		}
		n++
		if !slices.Contains(cols, dist[table]) {
			t.Errorf("%s: %s %v lacks the distribution column %s", table, name, cols, dist[table])
		}
		if typ == "f" && (ref != "articles" || !slices.Equal(cols, []string{dist[table]}) || !slices.Equal(refCols, []string{"id"})) {
			t.Errorf("%s: foreign key %s %v → %s %v is not through the distribution key", table, name, cols, ref, refCols)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 6 { // three primary keys, three foreign keys
		t.Errorf("found %d keys, want at least 6", n)
	}
	var partKey string
	if err := s.pool.QueryRow(ctx, `SELECT pg_get_partkeydef('events'::regclass)`).Scan(&partKey); err != nil {
		t.Fatal(err)
	}
	if partKey != "RANGE (month)" {
		t.Errorf("events partitioned by %q, want RANGE (month)", partKey)
	}
}

func TestSizes(t *testing.T) {
	ctx := context.Background()
	s := openIn(t, pgtest.NewDatabase(t))
	defer s.Close()
	if _, err := s.Save(ctx, storetest.Fixtures()); err != nil {
		t.Fatal(err)
	}
	if err := s.Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	sizes, err := s.Sizes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, ts := range sizes {
		names = append(names, ts.Table)
		if ts.TableBytes <= 0 || ts.IndexBytes <= 0 {
			t.Errorf("%s: %d table bytes, %d index bytes", ts.Table, ts.TableBytes, ts.IndexBytes)
		}
	}
	if strings.Join(names, ",") != "articles,actors,events,meetings" {
		t.Errorf("tables %v", names)
	}
	if sizes[2].Rows != 11 {
		t.Errorf("events: %d rows after ANALYZE, want 11", sizes[2].Rows)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:pw@h:5432/db?sslmode=disable": "postgres://u:xxxxx@h:5432/db?sslmode=disable",
		"postgres://u@h/db":                         "postgres://u@h/db",
	} {
		if got := Redact(in); got != want {
			t.Errorf("Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
