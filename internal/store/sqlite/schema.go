package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// migrations is the schema's history, oldest first. Migration i (0-based) brings the database
// to version i+1. Never edit or reorder an applied migration: append a new one, so that every
// existing database file can be brought forward. The SQL stays close to standard so that the
// PostgreSQL store can mirror it; the SQLite-only parts (FTS5, triggers) are marked.
var migrations = []string{
	// 1: articles, full-text index, actors, events, meetings.
	`
-- seq is the integer key the full-text index points at. It must be an INTEGER PRIMARY KEY
-- (a rowid alias): a bare rowid may be renumbered by VACUUM, which would silently detach the
-- external-content FTS index from its rows. The article's own key is id, kept UNIQUE.
CREATE TABLE articles (
	seq              INTEGER PRIMARY KEY,
	id               TEXT NOT NULL UNIQUE,
	url              TEXT NOT NULL DEFAULT '',
	title            TEXT NOT NULL DEFAULT '',
	published        TEXT NOT NULL DEFAULT '',
	pub_date         TEXT NOT NULL DEFAULT '',  -- parsed publication time, RFC 3339, '' if unknown
	date             TEXT NOT NULL DEFAULT '',  -- event date YYYY-MM-DD
	date_source      TEXT NOT NULL DEFAULT '',
	date_note        TEXT NOT NULL DEFAULT '',
	dateline_place   TEXT NOT NULL DEFAULT '',
	dateline_country TEXT NOT NULL DEFAULT '',
	dateline_agency  TEXT NOT NULL DEFAULT '',
	dateline_date    TEXT NOT NULL DEFAULT '',
	dateline_raw     TEXT NOT NULL DEFAULT '',
	body             TEXT NOT NULL DEFAULT '',
	paragraphs       TEXT NOT NULL DEFAULT 'null', -- JSON [[start,end],...]
	lead_end         INTEGER NOT NULL DEFAULT 0,
	hash             TEXT NOT NULL DEFAULT '',
	meta             TEXT NOT NULL DEFAULT 'null', -- JSON object
	stored_at        TEXT NOT NULL                 -- RFC 3339 UTC, fixed width so MAX() orders it
);
CREATE INDEX articles_stored_at ON articles (stored_at);

-- SQLite only: FTS5 over title and body, stored once (external content on articles).
-- PostgreSQL uses a generated tsvector column with a GIN index instead.
-- There is no INSERT trigger: Save indexes each call's new articles in one statement at the
-- end of its transaction. FTS5 flushes its pending terms at every statement savepoint, so a
-- per-row trigger writes one tiny index segment per article and spends its time merging them.
CREATE VIRTUAL TABLE articles_fts USING fts5(
	title, body,
	content = 'articles', content_rowid = 'seq',
	tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
	INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
	INSERT INTO articles_fts (rowid, title, body) VALUES (new.seq, new.title, new.body);
END;

CREATE TABLE actors (
	article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx        INTEGER NOT NULL,
	name       TEXT NOT NULL DEFAULT '',
	code       TEXT NOT NULL DEFAULT '',
	country    TEXT NOT NULL DEFAULT '',
	agent      TEXT NOT NULL DEFAULT '',
	type       TEXT NOT NULL DEFAULT '',
	source     TEXT NOT NULL DEFAULT '',
	role       TEXT NOT NULL DEFAULT '',
	mentions   TEXT NOT NULL DEFAULT 'null', -- JSON [{"text":..,"span":[s,e]}]
	PRIMARY KEY (article_id, idx)
);

-- global_id is GDELT's GLOBALEVENTID. AUTOINCREMENT so that an id is never handed out twice,
-- even after rows are deleted: exported ids must stay unique forever.
-- A side (source_*, target_*) whose code is NULL was absent (nil ActorRef).
CREATE TABLE events (
	global_id      INTEGER PRIMARY KEY AUTOINCREMENT,
	id             TEXT NOT NULL UNIQUE,
	article_id     TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	date           TEXT NOT NULL DEFAULT '',
	date_source    TEXT NOT NULL DEFAULT '',
	source_text    TEXT,
	source_name    TEXT,
	source_code    TEXT,
	source_country TEXT,
	source_agent   TEXT,
	target_text    TEXT,
	target_name    TEXT,
	target_code    TEXT,
	target_country TEXT,
	target_agent   TEXT,
	cameo          TEXT NOT NULL DEFAULT '',
	cameo_root     TEXT NOT NULL DEFAULT '',
	plover         TEXT NOT NULL DEFAULT '',
	quad_class     INTEGER NOT NULL DEFAULT 0,
	goldstein      REAL NOT NULL DEFAULT 0,
	negated        INTEGER NOT NULL DEFAULT 0,
	mood           TEXT NOT NULL DEFAULT '',
	location       TEXT,                         -- JSON Location, NULL when unknown
	topics         TEXT NOT NULL DEFAULT 'null', -- JSON array
	sentence       TEXT NOT NULL DEFAULT '',
	span_start     INTEGER NOT NULL DEFAULT 0,
	span_end       INTEGER NOT NULL DEFAULT 0,
	trigger        TEXT NOT NULL DEFAULT '',
	rule           TEXT NOT NULL DEFAULT '',
	confidence     REAL NOT NULL DEFAULT 0,
	is_root        INTEGER NOT NULL DEFAULT 0,
	num_mentions   INTEGER NOT NULL DEFAULT 0,
	num_sources    INTEGER NOT NULL DEFAULT 0,
	num_articles   INTEGER NOT NULL DEFAULT 0,
	source_url     TEXT NOT NULL DEFAULT '',
	date_added     TEXT NOT NULL DEFAULT ''
);
-- (date, global_id) is the listing order, so a date range is read straight off the index.
CREATE INDEX events_date ON events (date, global_id);
CREATE INDEX events_source_code ON events (source_code);
CREATE INDEX events_target_code ON events (target_code);
CREATE INDEX events_source_country ON events (source_country);
CREATE INDEX events_target_country ON events (target_country);
CREATE INDEX events_cameo ON events (cameo);
CREATE INDEX events_article_id ON events (article_id);

CREATE TABLE meetings (
	article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	idx        INTEGER NOT NULL,
	kind       TEXT NOT NULL DEFAULT '',
	ordinal    INTEGER NOT NULL DEFAULT 0,
	series     TEXT NOT NULL DEFAULT '',
	date       TEXT NOT NULL DEFAULT '',
	data       TEXT NOT NULL, -- the whole Meeting as JSON
	PRIMARY KEY (article_id, idx)
);
CREATE INDEX meetings_series ON meetings (series, ordinal);
CREATE INDEX meetings_date ON meetings (date);
`,
	// 2: actors learned from articles' own introductions ("Jane Doe, Freedonia's foreign
	// minister"), kept with their evidence for a user to confirm, fix or reject.
	`
CREATE TABLE learned_actors (
	name       TEXT PRIMARY KEY,
	code       TEXT NOT NULL,
	country    TEXT NOT NULL DEFAULT '',
	agent      TEXT NOT NULL DEFAULT '',
	office     TEXT NOT NULL DEFAULT '',
	first_date TEXT NOT NULL DEFAULT '',  -- event date of the first article that introduced them
	article_id TEXT NOT NULL DEFAULT '',  -- that article: the evidence
	evidence   TEXT NOT NULL DEFAULT '',  -- the mention as written
	count      INTEGER NOT NULL DEFAULT 1, -- articles that introduced them so
	status     TEXT NOT NULL DEFAULT 'pending' -- pending | confirmed | rejected
);
CREATE INDEX learned_actors_status ON learned_actors (status);
`,
	// 3: stories. Which articles report one real-world event (stories, story_articles), which
	// copy which (duplicate_of), and events merged across reports: a report's event that repeats
	// an earlier event of its story points at it (merged_into), and that root event's counts
	// cover all its reports. story_state keeps the story assigner's counts between runs.
	`
CREATE TABLE stories (
	seq         INTEGER PRIMARY KEY,          -- the order stories began
	id          TEXT NOT NULL UNIQUE,         -- its first article's id
	title       TEXT NOT NULL DEFAULT '',
	articles    INTEGER NOT NULL DEFAULT 0,   -- articles the assigner's profile sums
	profile     BLOB,                         -- the assigner's profile of the story (opaque)
	updated_seq INTEGER NOT NULL DEFAULT 0,   -- story_articles.seq when it last grew
	updated_at  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX stories_updated ON stories (updated_seq);

CREATE TABLE story_articles (
	seq          INTEGER PRIMARY KEY,          -- arrival order
	article_id   TEXT NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
	story_id     TEXT NOT NULL,
	duplicate_of TEXT NOT NULL DEFAULT '',     -- the earlier article this one copies
	duplicate    TEXT NOT NULL DEFAULT '',     -- exact | near | ''
	similarity   REAL NOT NULL DEFAULT 0,
	outlet       TEXT NOT NULL DEFAULT '',
	signature    BLOB                          -- MinHash signature, for later runs' comparisons
);
CREATE INDEX story_articles_story ON story_articles (story_id, seq);
CREATE INDEX story_articles_duplicate_of ON story_articles (duplicate_of) WHERE duplicate_of <> '';

CREATE TABLE story_state (
	name TEXT PRIMARY KEY,
	data BLOB NOT NULL
);

ALTER TABLE events ADD COLUMN story_id TEXT;
ALTER TABLE events ADD COLUMN merged_into INTEGER REFERENCES events (global_id) ON DELETE SET NULL;
ALTER TABLE events ADD COLUMN merge_key TEXT NOT NULL DEFAULT '';
ALTER TABLE events ADD COLUMN outlet TEXT NOT NULL DEFAULT '';
CREATE INDEX events_story_merge ON events (story_id, merge_key, global_id) WHERE merged_into IS NULL;
CREATE INDEX events_merged_into ON events (merged_into) WHERE merged_into IS NOT NULL;
`,
	// 4: meetings by participant, and the agreements register. A meeting's participants and
	// its agreements' parties get rows of their own, so that "meetings of CHN" and "agreements
	// RUS signed" are index look-ups; the meeting's JSON stays the record. Meetings stored
	// before this version are filled in from their JSON (SQLite's JSON1 here; PostgreSQL reads
	// jsonb with jsonb_array_elements).
	`
ALTER TABLE meetings ADD COLUMN id TEXT NOT NULL DEFAULT '';

CREATE TABLE meeting_participants (
	article_id  TEXT NOT NULL,
	meeting_idx INTEGER NOT NULL,
	code        TEXT NOT NULL,
	role        TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (article_id, meeting_idx, code),
	FOREIGN KEY (article_id, meeting_idx) REFERENCES meetings (article_id, idx) ON DELETE CASCADE
);
CREATE INDEX meeting_participants_code ON meeting_participants (code);

CREATE TABLE agreements (
	article_id  TEXT NOT NULL,
	meeting_idx INTEGER NOT NULL,
	idx         INTEGER NOT NULL,
	title       TEXT NOT NULL DEFAULT '',
	action      TEXT NOT NULL DEFAULT '',
	parties     TEXT NOT NULL DEFAULT '[]', -- JSON array of codes
	topics      TEXT NOT NULL DEFAULT '[]', -- JSON array
	PRIMARY KEY (article_id, meeting_idx, idx),
	FOREIGN KEY (article_id, meeting_idx) REFERENCES meetings (article_id, idx) ON DELETE CASCADE
);

CREATE TABLE agreement_parties (
	article_id    TEXT NOT NULL,
	meeting_idx   INTEGER NOT NULL,
	agreement_idx INTEGER NOT NULL,
	code          TEXT NOT NULL,
	PRIMARY KEY (article_id, meeting_idx, agreement_idx, code),
	FOREIGN KEY (article_id, meeting_idx, agreement_idx) REFERENCES agreements (article_id, meeting_idx, idx) ON DELETE CASCADE
);
CREATE INDEX agreement_parties_code ON agreement_parties (code);

UPDATE meetings SET id = COALESCE(json_extract(data, '$.id'), '');
INSERT INTO meeting_participants (article_id, meeting_idx, code, role)
	SELECT m.article_id, m.idx, json_extract(p.value, '$.code'), COALESCE(json_extract(p.value, '$.role'), '')
	FROM meetings m, json_each(m.data, '$.participants') p
	WHERE COALESCE(json_extract(p.value, '$.code'), '') <> ''
	ON CONFLICT DO NOTHING;
INSERT INTO agreements (article_id, meeting_idx, idx, title, action, parties, topics)
	SELECT m.article_id, m.idx, a.key, COALESCE(json_extract(a.value, '$.title'), ''),
		COALESCE(json_extract(a.value, '$.action'), ''), COALESCE(json_extract(a.value, '$.parties'), '[]'),
		COALESCE(json_extract(a.value, '$.topics'), '[]')
	FROM meetings m, json_each(m.data, '$.agreements') a
	WHERE true;
INSERT INTO agreement_parties (article_id, meeting_idx, agreement_idx, code)
	SELECT a.article_id, a.meeting_idx, a.idx, p.value
	FROM agreements a, json_each(a.parties) p
	WHERE COALESCE(p.value, '') <> ''
	ON CONFLICT DO NOTHING;
`,
	// 5: joint acts. A mutual event ("Jordan and Britain agreed") is stored once and read in
	// both directions.
	`
ALTER TABLE events ADD COLUMN mutual INTEGER NOT NULL DEFAULT 0;
`,
}

// migrate brings the database to the newest schema version. All pending migrations run in one
// transaction, so a failure leaves the database at the version it had. The transaction begins
// IMMEDIATE (see dsn), so two processes opening a new file at once cannot both migrate it.
func migrate(ctx context.Context, db *sql.DB) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin migration: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit

	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    INTEGER PRIMARY KEY,
		applied_at TEXT NOT NULL
	)`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	var version int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("database schema version %d is newer than this program's %d: upgrade dateline", version, len(migrations))
	}
	if version == len(migrations) {
		return nil
	}
	now := time.Now().UTC().Format(time.RFC3339)
	for v := version + 1; v <= len(migrations); v++ {
		if _, err := tx.ExecContext(ctx, migrations[v-1]); err != nil {
			return fmt.Errorf("migration %d: %w", v, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)`, v, now); err != nil {
			return fmt.Errorf("record migration %d: %w", v, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migrations: %w", err)
	}
	return nil
}
