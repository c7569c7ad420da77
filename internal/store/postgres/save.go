package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store"
)

// insertArticlesSQL inserts a whole call's articles in one statement from parallel arrays.
// ON CONFLICT DO NOTHING is how an already stored article is found without a separate look-up;
// RETURNING names the ones this call added. The rows go in id order, so that two writers saving
// overlapping batches take the articles' key locks in the same order and cannot deadlock.
const insertArticlesSQL = `INSERT INTO articles (
	id, url, title, published, pub_date, date, date_source, date_note,
	dateline_place, dateline_country, dateline_agency, dateline_date, dateline_raw,
	body, paragraphs, lead_end, hash, meta, stored_at
)
SELECT id, url, title, published, NULLIF(pub_date, '')::timestamptz, date, date_source, date_note,
	dateline_place, dateline_country, dateline_agency, dateline_date, dateline_raw,
	body, paragraphs::jsonb, lead_end, hash, meta::jsonb, $19
FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[],
	$9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
	$14::text[], $15::text[], $16::int[], $17::text[], $18::text[])
	AS t (id, url, title, published, pub_date, date, date_source, date_note,
	dateline_place, dateline_country, dateline_agency, dateline_date, dateline_raw,
	body, paragraphs, lead_end, hash, meta)
ORDER BY id COLLATE "C"
ON CONFLICT (id) DO NOTHING
RETURNING id`

var (
	actorColumns = []string{"article_id", "idx", "name", "code", "country", "agent", "type", "source", "role", "mentions"}
	eventCopy    = []string{"global_id", "id", "article_id", "month", "date", "date_source",
		"source_text", "source_name", "source_code", "source_country", "source_agent",
		"target_text", "target_name", "target_code", "target_country", "target_agent",
		"cameo", "cameo_root", "plover", "quad_class", "goldstein", "negated", "mood",
		"location", "topics", "sentence", "span_start", "span_end", "trigger", "rule", "confidence",
		"is_root", "num_mentions", "num_sources", "num_articles", "source_url", "date_added", "mutual"}
	meetingColumns = []string{"article_id", "idx", "kind", "ordinal", "series", "date", "data"}
)

// saveAttempts bounds the retries of a transaction that PostgreSQL aborted to break a deadlock
// or a serialization conflict with another writer; such an abort leaves nothing behind, and the
// next attempt usually goes through.
const saveAttempts = 5

// Save writes the documents in one transaction, with the semantics of store.Store and of the
// SQLite store: a document whose article ID is stored already, or repeats an earlier one of the
// same call, is skipped whole; nil documents and those with an Error are not stored. Writers in
// any number of processes may save the same documents at once: each article is added by
// exactly one of them.
//
// After the commit, Save sets each new event's GlobalID, DateAdded (the time of the call, RFC
// 3339 UTC, whole seconds), ArticleID and, when empty, its ID; a meeting without an ArticleID
// gets the document's. Nothing is changed if Save fails.
func (s *Store) Save(ctx context.Context, docs []*dateline.Document) (store.SaveResult, error) {
	var res store.SaveResult
	seen := make(map[string]bool, len(docs))
	var todo []*dateline.Document
	for i, doc := range docs {
		if doc == nil || doc.Error != "" {
			continue
		}
		if doc.ID == "" {
			return store.SaveResult{}, fmt.Errorf("postgres: save: document %d has no id", i)
		}
		if err := storable(doc); err != nil {
			return store.SaveResult{}, fmt.Errorf("postgres: save %q: %w", doc.ID, err)
		}
		if seen[doc.ID] {
			res.Skipped++
			continue
		}
		seen[doc.ID] = true
		todo = append(todo, doc)
	}
	if len(todo) == 0 {
		return res, nil
	}
	if err := ctx.Err(); err != nil {
		return store.SaveResult{}, fmt.Errorf("postgres: save: %w", err)
	}

	var months []string
	for _, doc := range todo {
		for i := range doc.Events {
			if m := monthOf(doc.Events[i].Date); m != "" && !slices.Contains(months, m) {
				months = append(months, m)
			}
		}
	}
	if err := s.ensurePartitions(ctx, months); err != nil {
		return store.SaveResult{}, fmt.Errorf("postgres: save: %w", err)
	}

	// The stamp is whole seconds, so that DateAdded reads back exactly as it was written back.
	stamp := s.now().UTC().Truncate(time.Second)
	var (
		added     map[string]bool
		globalIDs [][]int64
		err       error
	)
	for attempt := 1; ; attempt++ {
		added, globalIDs, err = s.saveTx(ctx, todo, stamp)
		if err == nil || attempt == saveAttempts || !retryable(err) {
			break
		}
	}
	if err != nil {
		return store.SaveResult{}, fmt.Errorf("postgres: save: %w", err)
	}

	// Only now are the ids real: a rolled-back transaction must not leave them on the caller's
	// documents.
	dateAdded := stamp.Format(time.RFC3339)
	for k, doc := range todo {
		if !added[doc.ID] {
			res.Skipped++
			continue
		}
		res.Articles++
		res.Events += len(doc.Events)
		for j := range doc.Events {
			e := &doc.Events[j]
			e.ID = store.EventID(doc.ID, j, e.ID)
			e.ArticleID = doc.ID
			e.GlobalID = globalIDs[k][j]
			e.DateAdded = dateAdded
		}
		for j := range doc.Meetings {
			if doc.Meetings[j].ArticleID == "" {
				doc.Meetings[j].ArticleID = doc.ID
			}
		}
	}
	return res, nil
}

// retryable reports whether PostgreSQL aborted the transaction to resolve a conflict with
// another one (deadlock_detected, serialization_failure).
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40P01" || pe.Code == "40001")
}

// saveTx runs one attempt of Save's transaction. It returns the ids of the articles it added
// and, per document of todo, the GlobalIDs of its events (nil for a skipped one).
func (s *Store) saveTx(ctx context.Context, todo []*dateline.Document, stamp time.Time) (map[string]bool, [][]int64, error) {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback(ctx) //nolint:errcheck // a no-op after Commit

	added, err := insertArticles(ctx, tx, todo, stamp)
	if err != nil {
		return nil, nil, err
	}
	if len(added) == 0 {
		return added, nil, tx.Commit(ctx)
	}

	// One round trip reserves every new event's GlobalID, in document order, so that the rows
	// can be written with COPY and Document reads them back in that order.
	nEvents := 0
	for _, doc := range todo {
		if added[doc.ID] {
			nEvents += len(doc.Events)
		}
	}
	ids := make([]int64, 0, nEvents)
	if nEvents > 0 {
		rows, err := tx.Query(ctx, `SELECT nextval('events_global_id_seq') FROM generate_series(1, $1)`, nEvents)
		if err != nil {
			return nil, nil, fmt.Errorf("reserve event ids: %w", err)
		}
		if ids, err = pgx.AppendRows(ids, rows, pgx.RowTo[int64]); err != nil {
			return nil, nil, fmt.Errorf("reserve event ids: %w", err)
		}
		slices.Sort(ids)
	}
	globalIDs := make([][]int64, len(todo))
	next := 0
	for k, doc := range todo {
		if added[doc.ID] {
			globalIDs[k] = ids[next : next+len(doc.Events)]
			next += len(doc.Events)
		}
	}

	var actorRows, eventRows, meetingRows [][]any
	for k, doc := range todo {
		if !added[doc.ID] {
			continue
		}
		for i, a := range doc.Actors {
			actorRows = append(actorRows, []any{doc.ID, i, a.Name, a.Code, a.Country, a.Agent, a.Type,
				a.Source, a.Role, jsonBytes(a.Mentions)})
		}
		for i := range doc.Events {
			eventRows = append(eventRows, eventRow(doc.ID, i, &doc.Events[i], globalIDs[k][i], stamp))
		}
		for i, m := range doc.Meetings {
			if m.ArticleID == "" {
				m.ArticleID = doc.ID
			}
			meetingRows = append(meetingRows, []any{doc.ID, i, m.Kind, m.Ordinal, m.Series, m.Date, jsonBytes(m)})
		}
	}
	for _, c := range []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"actors", actorColumns, actorRows},
		{"events", eventCopy, eventRows},
		{"meetings", meetingColumns, meetingRows},
	} {
		if len(c.rows) == 0 {
			continue
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromRows(c.rows)); err != nil {
			return nil, nil, fmt.Errorf("copy %s: %w", c.table, err)
		}
	}
	if err := tx.Commit(ctx); err != nil {
		return nil, nil, fmt.Errorf("commit: %w", err)
	}
	return added, globalIDs, nil
}

// insertArticles inserts the documents' articles and returns the ids of those it added.
func insertArticles(ctx context.Context, tx pgx.Tx, todo []*dateline.Document, stamp time.Time) (map[string]bool, error) {
	n := len(todo)
	cols := make([][]string, 18)
	for i := range cols {
		if i != 15 {
			cols[i] = make([]string, n)
		}
	}
	leadEnd := make([]int32, n)
	for k, doc := range todo {
		a := store.ArticleRow(doc)
		for i, v := range []string{doc.ID, a.URL, a.Title, a.Published, formatTime(a.PubDate), a.Date, a.DateSource, a.DateNote,
			a.Dateline.Place, a.Dateline.Country, a.Dateline.Agency, a.Dateline.Date, a.Dateline.Raw,
			a.Body, string(jsonBytes(a.Paragraphs)), "", a.Hash, string(jsonBytes(a.Meta))} {
			if i != 15 {
				cols[i][k] = v
			}
		}
		leadEnd[k] = int32(a.LeadEnd)
	}
	args := make([]any, 0, 19)
	for i, c := range cols {
		if i == 15 {
			args = append(args, leadEnd)
		} else {
			args = append(args, c)
		}
	}
	args = append(args, stamp)
	rows, err := tx.Query(ctx, insertArticlesSQL, args...)
	if err != nil {
		return nil, fmt.Errorf("insert articles: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("insert articles: %w", err)
	}
	added := make(map[string]bool, len(ids))
	for _, id := range ids {
		added[id] = true
	}
	return added, nil
}

// eventRow is one event's values in eventCopy's order.
func eventRow(articleID string, i int, e *dateline.Event, globalID int64, stamp time.Time) []any {
	st, tg := store.SideArgs(e.Source), store.SideArgs(e.Target)
	var loc any // NULL when unknown, so "no location" is not confused with an empty one
	if e.Location != nil {
		loc = jsonBytes(e.Location)
	}
	var month any
	if m := monthOf(e.Date); m != "" {
		t, _ := time.Parse(time.DateOnly, m) // monthOf only returns parsed dates
		month = t
	}
	return []any{globalID, store.EventID(articleID, i, e.ID), articleID, month, e.Date, e.DateSource,
		st[0], st[1], st[2], st[3], st[4],
		tg[0], tg[1], tg[2], tg[3], tg[4],
		e.Cameo, e.CameoRoot, e.Plover, int16(e.QuadClass), e.Goldstein, e.Negated, e.Mood,
		loc, jsonBytes(e.Topics), e.Sentence, int32(e.Span[0]), int32(e.Span[1]), e.Trigger, e.Rule, e.Confidence,
		e.IsRoot, int32(e.NumMentions), int32(e.NumSources), int32(e.NumArticles), e.SourceURL, stamp, e.Mutual}
}

// monthOf returns the first day of the month of a YYYY-MM-DD date, or "" for an empty or
// unreadable date (such events go to the undated partition).
func monthOf(date string) string {
	if len(date) != 10 {
		return ""
	}
	t, err := time.Parse(time.DateOnly, date)
	if err != nil || t.Year() < 1 {
		return ""
	}
	return date[:8] + "01"
}

// storable checks what PostgreSQL refuses and SQLite would keep: text must be valid UTF-8
// without NUL bytes. Events' sentences and actors' mentions are cut from the body, so checking
// the article's fields covers them.
func storable(doc *dateline.Document) error {
	a := store.ArticleRow(doc)
	fields := []struct{ name, v string }{
		{"id", doc.ID}, {"url", a.URL}, {"title", a.Title}, {"published", a.Published}, {"body", a.Body},
		{"date note", a.DateNote}, {"dateline", a.Dateline.Raw},
	}
	for k, v := range a.Meta {
		fields = append(fields, struct{ name, v string }{"meta key", k}, struct{ name, v string }{"meta " + k, v})
	}
	for _, f := range fields {
		if i := strings.IndexByte(f.v, 0); i >= 0 {
			return fmt.Errorf("%s has a NUL byte at offset %d, which PostgreSQL cannot store in text", f.name, i)
		}
		if !utf8.ValidString(f.v) {
			return fmt.Errorf("%s is not valid UTF-8", f.name)
		}
	}
	return nil
}

// jsonBytes encodes v for a jsonb column. The values are plain data, for which encoding/json
// cannot fail; a nil slice or map becomes null and so reads back as nil, keeping nil and empty
// apart.
func jsonBytes(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		return []byte("null") // unreachable for dateline's types; keep the row rather than lose the article
	}
	return b
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// Has reports which of ids are stored.
func (s *Store) Has(ctx context.Context, ids []string) (map[string]bool, error) {
	has := make(map[string]bool, len(ids))
	if len(ids) == 0 {
		return has, nil
	}
	// An id PostgreSQL cannot hold as text is not stored, and must not fail the whole look-up.
	ok := make([]string, 0, len(ids))
	for _, id := range ids {
		if strings.IndexByte(id, 0) < 0 && utf8.ValidString(id) {
			ok = append(ok, id)
		}
	}
	rows, err := s.pool.Query(ctx, `SELECT id FROM articles WHERE id = ANY($1::text[])`, ok)
	if err != nil {
		return nil, fmt.Errorf("postgres: has: %w", err)
	}
	found, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("postgres: has: %w", err)
	}
	for _, id := range found {
		has[id] = true
	}
	return has, nil
}
