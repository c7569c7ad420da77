package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// migrations is the schema's history, oldest first; migration i (0-based) brings the database
// to version i+1. It mirrors store/sqlite's migrations one for one: same tables, columns and
// meaning, so that a version number says the same in both engines. Never edit or reorder an
// applied migration: append a new one.
//
// Where it departs from SQLite, and why:
//   - Text columns that are compared or ranged over (ids, codes, dates) are COLLATE "C": the
//     prefix ranges of the event filters assume byte order, which a database's locale collation
//     does not give, and "C" indexes are the fastest.
//   - Full-text search is an expression GIN index over to_tsvector('english', title || ' ' ||
//     body) rather than a stored tsvector column: the column would cost as much space again as
//     the body's words, and only phrase queries need the recheck that recomputes it.
//   - events is partitioned by month (the month column, NULL for an undated event, which goes
//     to the default partition). Save creates a month's partition before the first event of
//     that month is written; the default partition's CHECK (month IS NULL) lets PostgreSQL
//     create a new partition without scanning it.
//   - global_id comes from a sequence that Save draws a whole call's ids from at once, so that
//     the events can be written with COPY.
//   - Every table that grows with the feed carries the article id, its distribution key under
//     Citus, and its only foreign keys point at articles through that key (co-located, never
//     across shards). events has no primary key: a partitioned or distributed table's unique
//     keys must include the partition and distribution columns, and an event is unique
//     already because it is written only in the transaction that inserts its article.
var migrations = []string{
	// 1: articles, full-text index, actors, events, meetings.
	`
CREATE TABLE articles (
	id               text COLLATE "C" PRIMARY KEY,
	url              text NOT NULL DEFAULT '',
	title            text NOT NULL DEFAULT '',
	published        text NOT NULL DEFAULT '',
	pub_date         timestamptz,                 -- parsed publication time, NULL if unknown
	date             text COLLATE "C" NOT NULL DEFAULT '', -- event date YYYY-MM-DD
	date_source      text NOT NULL DEFAULT '',
	date_note        text NOT NULL DEFAULT '',
	dateline_place   text NOT NULL DEFAULT '',
	dateline_country text NOT NULL DEFAULT '',
	dateline_agency  text NOT NULL DEFAULT '',
	dateline_date    text NOT NULL DEFAULT '',
	dateline_raw     text NOT NULL DEFAULT '',
	body             text NOT NULL DEFAULT '',
	paragraphs       jsonb NOT NULL DEFAULT 'null',
	lead_end         integer NOT NULL DEFAULT 0,
	hash             text NOT NULL DEFAULT '',
	meta             jsonb NOT NULL DEFAULT 'null',
	stored_at        timestamptz NOT NULL
);
CREATE INDEX articles_stored_at ON articles (stored_at);
CREATE INDEX articles_text ON articles USING gin (to_tsvector('english'::regconfig, title || ' ' || body));

CREATE TABLE actors (
	article_id text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx        integer NOT NULL,
	name       text NOT NULL DEFAULT '',
	code       text COLLATE "C" NOT NULL DEFAULT '',
	country    text COLLATE "C" NOT NULL DEFAULT '',
	agent      text NOT NULL DEFAULT '',
	type       text NOT NULL DEFAULT '',
	source     text NOT NULL DEFAULT '',
	role       text NOT NULL DEFAULT '',
	mentions   jsonb NOT NULL DEFAULT 'null',
	PRIMARY KEY (article_id, idx)
);

-- GDELT's GLOBALEVENTID. A sequence never hands out a value twice, even after rows are
-- deleted or a transaction rolls back: exported ids stay unique forever.
CREATE SEQUENCE events_global_id_seq AS bigint;

-- A side (source_*, target_*) whose code is NULL was absent (nil ActorRef).
CREATE TABLE events (
	global_id      bigint NOT NULL,
	id             text COLLATE "C" NOT NULL,
	article_id     text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	month          date,                                -- partition key: the date's month, NULL if undated
	date           text COLLATE "C" NOT NULL DEFAULT '',
	date_source    text NOT NULL DEFAULT '',
	source_text    text,
	source_name    text,
	source_code    text COLLATE "C",
	source_country text COLLATE "C",
	source_agent   text,
	target_text    text,
	target_name    text,
	target_code    text COLLATE "C",
	target_country text COLLATE "C",
	target_agent   text,
	cameo          text COLLATE "C" NOT NULL DEFAULT '',
	cameo_root     text NOT NULL DEFAULT '',
	plover         text NOT NULL DEFAULT '',
	quad_class     smallint NOT NULL DEFAULT 0,
	goldstein      double precision NOT NULL DEFAULT 0,
	negated        boolean NOT NULL DEFAULT false,
	mood           text NOT NULL DEFAULT '',
	location       jsonb,                               -- NULL when unknown
	topics         jsonb NOT NULL DEFAULT 'null',
	sentence       text NOT NULL DEFAULT '',
	span_start     integer NOT NULL DEFAULT 0,
	span_end       integer NOT NULL DEFAULT 0,
	trigger        text NOT NULL DEFAULT '',
	rule           text NOT NULL DEFAULT '',
	confidence     double precision NOT NULL DEFAULT 0,
	is_root        boolean NOT NULL DEFAULT false,
	num_mentions   integer NOT NULL DEFAULT 0,
	num_sources    integer NOT NULL DEFAULT 0,
	num_articles   integer NOT NULL DEFAULT 0,
	source_url     text NOT NULL DEFAULT '',
	date_added     timestamptz NOT NULL
) PARTITION BY RANGE (month);
CREATE TABLE events_undated PARTITION OF events DEFAULT;
ALTER TABLE events_undated ADD CONSTRAINT events_undated_month CHECK (month IS NULL);
-- (date, global_id) is the listing order, so a date range is read straight off the index.
CREATE INDEX events_date ON events (date, global_id);
CREATE INDEX events_global_id ON events (global_id);
CREATE INDEX events_id ON events (id);
CREATE INDEX events_source_code ON events (source_code);
CREATE INDEX events_target_code ON events (target_code);
CREATE INDEX events_source_country ON events (source_country);
CREATE INDEX events_target_country ON events (target_country);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_article_id ON events (article_id);

CREATE TABLE meetings (
	article_id text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx        integer NOT NULL,
	kind       text NOT NULL DEFAULT '',
	ordinal    integer NOT NULL DEFAULT 0,
	series     text NOT NULL DEFAULT '',
	date       text COLLATE "C" NOT NULL DEFAULT '',
	data       jsonb NOT NULL, -- the whole Meeting
	PRIMARY KEY (article_id, idx)
);
CREATE INDEX meetings_series ON meetings (series, ordinal);
CREATE INDEX meetings_date ON meetings (date);
`,
	// 2: joint acts (SQLite's migration 5; PostgreSQL has no story, actor or meeting tables yet,
	// see docs/scaling.md). A mutual event is stored once and read in both directions.
	`
ALTER TABLE events ADD COLUMN mutual boolean NOT NULL DEFAULT false;
`,
}

// Advisory lock keys (pg_advisory_xact_lock's two-int form: class, then the schema's oid), so
// that several processes opening one database serialise their migrations and partition
// creation, while schemas of one database do not wait for each other.
const (
	lockMigrate   = 0x64617465 // "date"
	lockPartition = 0x6c696e65 // "line"
)

// migrate brings the schema to the newest version, all pending migrations in one transaction.
// An advisory lock makes a second process wait and then find the work done, so that any number
// of workers can start at once against an empty database.
func (s *Store) migrate(ctx context.Context) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("begin migration: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit

	var schema *string
	if err := tx.QueryRow(ctx, `SELECT current_schema()`).Scan(&schema); err != nil {
		return fmt.Errorf("current schema: %w", err)
	}
	if schema == nil {
		return fmt.Errorf("no schema to create tables in: the search_path names no existing schema")
	}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, current_schema()::regnamespace::oid::int)`, lockMigrate); err != nil {
		return fmt.Errorf("lock for migration: %w", err)
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    integer PRIMARY KEY,
		applied_at timestamptz NOT NULL
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	var version int
	if err := tx.QueryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("database schema version %d is newer than this program's %d: upgrade dateline", version, len(migrations))
	}
	if version == len(migrations) {
		return nil // the lock ends with the transaction
	}
	now := time.Now().UTC()
	for v := version + 1; v <= len(migrations); v++ {
		if _, err := tx.Exec(ctx, migrations[v-1]); err != nil {
			return fmt.Errorf("migration %d: %w", v, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)`, v, now); err != nil {
			return fmt.Errorf("record migration %d: %w", v, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return fmt.Errorf("commit migrations: %w", err)
	}
	return nil
}

// partitionName is the events partition of a month ("1987-02-01" → events_p198702).
func partitionName(month string) string {
	return "events_p" + month[:4] + month[5:7]
}

// ensurePartitions creates the monthly partitions of events that the given months (first days,
// YYYY-MM-01) need and do not have yet. It runs in its own short transaction before Save's: the
// DDL locks the events table, and taking that lock inside a transaction that has already
// written events could deadlock with another writer doing the same.
func (s *Store) ensurePartitions(ctx context.Context, months []string) error {
	var missing []string
	s.partMu.Lock()
	for _, m := range months {
		if !s.partitions[m] {
			missing = append(missing, m)
		}
	}
	s.partMu.Unlock()
	if len(missing) == 0 {
		return nil
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, current_schema()::regnamespace::oid::int)`, lockPartition); err != nil {
			return fmt.Errorf("lock: %w", err)
		}
		for _, m := range missing {
			start, err := time.Parse(time.DateOnly, m)
			if err != nil {
				return fmt.Errorf("month %q: %w", m, err)
			}
			end := start.AddDate(0, 1, 0).Format(time.DateOnly)
			// Identifiers and bounds are built from a parsed date, never from outside text.
			if _, err := tx.Exec(ctx, fmt.Sprintf(`CREATE TABLE IF NOT EXISTS %s PARTITION OF events FOR VALUES FROM ('%s') TO ('%s')`,
				partitionName(m), m, end)); err != nil {
				return fmt.Errorf("create partition %s: %w", partitionName(m), err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("events partitions: %w", err)
	}
	s.partMu.Lock()
	for _, m := range missing {
		s.partitions[m] = true
	}
	s.partMu.Unlock()
	return nil
}
