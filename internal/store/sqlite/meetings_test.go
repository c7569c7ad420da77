package sqlite

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/dateline-news/dateline/internal/store"
)

// TestMeetingsMigrationFillsIn: meetings stored before the participant and agreement tables
// existed are found by actor, and their agreements listed, once the database is upgraded.
func TestMeetingsMigrationFillsIn(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	// The schema as it was before migration 4.
	const before = 3
	if _, err := db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	for v := 1; v <= before; v++ {
		if _, err := db.Exec(migrations[v-1]); err != nil {
			t.Fatalf("migration %d: %v", v, err)
		}
		if _, err := db.Exec(`INSERT INTO schema_migrations VALUES (?, '2021-01-01T00:00:00Z')`, v); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{
		`INSERT INTO articles (id, stored_at) VALUES ('a1', '2021-01-01T00:00:00Z')`,
		`INSERT INTO meetings (article_id, idx, kind, ordinal, series, date, data) VALUES ('a1', 0, 'visit', 0, '', '2019-06-05',
			'{"id":"a1/m1","kind":"visit","date":"2019-06-05","participants":[{"code":"CHNGOV","role":"guest"},{"code":"RUSGOV","role":"host"}],
			  "outcomes":["joint statement"],"topics":[],"agreements":[{"title":"joint statement","action":"signed","parties":["CHNGOV","RUSGOV"],"topics":[]}]}')`,
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()

	d, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("Open (migrating): %v", err)
	}
	defer d.Close()
	ms, err := d.Meetings(ctx, store.MeetingFilter{Actor: "RUS"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].ID != "a1/m1" || ms[0].Participants[1].Role != "host" {
		t.Errorf("meetings of RUS after migration: %+v", ms)
	}
	as, err := d.Agreements(ctx, store.MeetingFilter{Actor: "CHN"})
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 1 || as[0].Title != "joint statement" || as[0].MeetingID != "a1/m1" || as[0].Date != "2019-06-05" {
		t.Errorf("agreements of CHN after migration: %+v", as)
	}
}
