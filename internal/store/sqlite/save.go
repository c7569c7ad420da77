package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store"
)

// The INSERT statements Save binds to its transaction. ON CONFLICT ... DO NOTHING is shared with
// PostgreSQL, and is how an already stored article is detected without a separate look-up.
const (
	insertArticleSQL = `INSERT INTO articles (
	id, url, title, published, pub_date, date, date_source, date_note,
	dateline_place, dateline_country, dateline_agency, dateline_date, dateline_raw,
	body, paragraphs, lead_end, hash, meta, stored_at
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING`

	insertActorSQL = `INSERT INTO actors (
	article_id, idx, name, code, country, agent, type, source, role, mentions
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

	insertEventSQL = `INSERT INTO events (
	id, article_id, date, date_source,
	source_text, source_name, source_code, source_country, source_agent,
	target_text, target_name, target_code, target_country, target_agent,
	cameo, cameo_root, plover, quad_class, goldstein, negated, mood,
	location, topics, sentence, span_start, span_end, trigger, rule, confidence,
	is_root, num_mentions, num_sources, num_articles, source_url, date_added, mutual
) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

	insertMeetingSQL = `INSERT INTO meetings (
	article_id, idx, id, kind, ordinal, series, date, data
) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
)

// Save writes the documents in one transaction. A document whose article ID is already stored,
// or repeats an earlier one of the same call, is skipped whole and counted in Skipped. Documents
// that carry an Error (coding failed) or are nil are not stored: storing them would make a later
// re-run skip them as done.
//
// After the commit, Save sets on the given documents each new event's GlobalID (the events
// table's integer key), DateAdded (the time of the call, RFC 3339 UTC, as the rows' stored_at), ArticleID (the document's
// ID) and, when empty, its ID ("<article id>#<index>"); a meeting without an ArticleID gets
// the document's, and without an ID "<article id>/m<index+1>". Nothing is changed if Save fails.
func (d *DB) Save(ctx context.Context, docs []*dateline.Document) (store.SaveResult, error) {
	return d.save(ctx, docs, nil)
}

// txHook adds writes to Save's transaction: after each stored document, with its events'
// global ids, and once before the commit. SaveStories uses it.
type txHook interface {
	saved(ctx context.Context, tx *sql.Tx, doc *dateline.Document, globalIDs []int64) error
	finish(ctx context.Context, tx *sql.Tx) error
}

func (d *DB) save(ctx context.Context, docs []*dateline.Document, hook txHook) (store.SaveResult, error) {
	var res store.SaveResult
	if len(docs) == 0 {
		return res, nil // no need to take the write lock
	}
	for i, doc := range docs {
		if doc != nil && doc.Error == "" && doc.ID == "" {
			return res, fmt.Errorf("sqlite: save: document %d has no id", i)
		}
	}

	d.writeMu.Lock()
	defer d.writeMu.Unlock()

	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("sqlite: save: begin: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit

	w := &saver{
		ctx:     ctx,
		tx:      tx,
		article: tx.StmtContext(ctx, d.insArticle),
		actor:   tx.StmtContext(ctx, d.insActor),
		event:   tx.StmtContext(ctx, d.insEvent),
		meeting: tx.StmtContext(ctx, d.insMeeting),
		stamp:   d.now().UTC().Format(time.RFC3339),
	}
	seen := make(map[string]bool, len(docs))
	var saved []savedDoc
	for _, doc := range docs {
		if doc == nil || doc.Error != "" {
			continue
		}
		if seen[doc.ID] {
			res.Skipped++
			continue
		}
		seen[doc.ID] = true
		ids, added, err := w.save(doc)
		if err != nil {
			return store.SaveResult{}, fmt.Errorf("sqlite: save %q: %w", doc.ID, err)
		}
		if !added {
			res.Skipped++
			continue
		}
		res.Articles++
		res.Events += len(ids)
		saved = append(saved, savedDoc{doc, ids})
		if hook != nil {
			if err := hook.saved(ctx, tx, doc, ids); err != nil {
				return store.SaveResult{}, fmt.Errorf("sqlite: save %q: %w", doc.ID, err)
			}
		}
	}
	if hook != nil {
		if err := hook.finish(ctx, tx); err != nil {
			return store.SaveResult{}, fmt.Errorf("sqlite: save: %w", err)
		}
	}
	if w.firstSeq > 0 {
		// Index the new articles in one statement (see the schema's note on articles_fts). This
		// transaction has held SQLite's single write lock since its first insert, so every seq
		// from firstSeq on is this call's.
		if _, err := tx.ExecContext(ctx, `INSERT INTO articles_fts (rowid, title, body)
			SELECT seq, title, body FROM articles WHERE seq >= ?`, w.firstSeq); err != nil {
			return store.SaveResult{}, fmt.Errorf("sqlite: save: index text: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return store.SaveResult{}, fmt.Errorf("sqlite: save: commit: %w", err)
	}

	// Only now are the ids real: a rolled-back transaction must not leave them on the caller's
	// documents.
	for _, s := range saved {
		for j := range s.doc.Events {
			e := &s.doc.Events[j]
			e.ID = store.EventID(s.doc.ID, j, e.ID)
			e.ArticleID = s.doc.ID
			e.GlobalID = s.globalIDs[j]
			e.DateAdded = w.stamp
		}
		for j := range s.doc.Meetings {
			if s.doc.Meetings[j].ArticleID == "" {
				s.doc.Meetings[j].ArticleID = s.doc.ID
			}
			s.doc.Meetings[j].ID = meetingID(s.doc.ID, j, s.doc.Meetings[j].ID)
		}
	}
	return res, nil
}

type savedDoc struct {
	doc       *dateline.Document
	globalIDs []int64
}

// saver holds one Save call's transaction-bound statements.
type saver struct {
	ctx                            context.Context
	tx                             *sql.Tx // for the rows of meetings (meetings.go)
	article, actor, event, meeting *sql.Stmt
	stamp                          string // DateAdded and stored_at for every row of this call
	firstSeq                       int64  // articles.seq of the call's first new article, 0 if none
}

// save inserts one document. added is false when its article was already stored, in which case
// nothing was written.
func (w *saver) save(doc *dateline.Document) (globalIDs []int64, added bool, err error) {
	a := store.ArticleRow(doc)
	r, err := w.article.ExecContext(w.ctx,
		doc.ID, a.URL, a.Title, a.Published, formatTime(a.PubDate), a.Date, a.DateSource, a.DateNote,
		a.Dateline.Place, a.Dateline.Country, a.Dateline.Agency, a.Dateline.Date, a.Dateline.Raw,
		a.Body, jsonText(a.Paragraphs), a.LeadEnd, a.Hash, jsonText(a.Meta), w.stamp)
	if err != nil {
		return nil, false, fmt.Errorf("insert article: %w", err)
	}
	if n, err := r.RowsAffected(); err != nil {
		return nil, false, fmt.Errorf("insert article: %w", err)
	} else if n == 0 {
		return nil, false, nil
	}
	if w.firstSeq == 0 {
		if w.firstSeq, err = r.LastInsertId(); err != nil {
			return nil, false, fmt.Errorf("insert article: %w", err)
		}
	}

	for i, ac := range doc.Actors {
		if _, err := w.actor.ExecContext(w.ctx, doc.ID, i, ac.Name, ac.Code, ac.Country, ac.Agent,
			ac.Type, ac.Source, ac.Role, jsonText(ac.Mentions)); err != nil {
			return nil, false, fmt.Errorf("insert actor %d (%s): %w", i, ac.Code, err)
		}
	}

	globalIDs = make([]int64, len(doc.Events))
	for i := range doc.Events {
		e := &doc.Events[i]
		id := store.EventID(doc.ID, i, e.ID)
		st, tg := store.SideArgs(e.Source), store.SideArgs(e.Target)
		var loc any // NULL when unknown, so "no location" is not confused with an empty one
		if e.Location != nil {
			loc = jsonText(e.Location)
		}
		r, err := w.event.ExecContext(w.ctx,
			id, doc.ID, e.Date, e.DateSource,
			st[0], st[1], st[2], st[3], st[4],
			tg[0], tg[1], tg[2], tg[3], tg[4],
			e.Cameo, e.CameoRoot, e.Plover, e.QuadClass, e.Goldstein, e.Negated, e.Mood,
			loc, jsonText(e.Topics), e.Sentence, e.Span[0], e.Span[1], e.Trigger, e.Rule, e.Confidence,
			e.IsRoot, e.NumMentions, e.NumSources, e.NumArticles, e.SourceURL, w.stamp, e.Mutual)
		if err != nil {
			return nil, false, fmt.Errorf("insert event %q: %w", id, err)
		}
		// LastInsertId is SQLite's cheap way to the new key; PostgreSQL uses RETURNING global_id.
		if globalIDs[i], err = r.LastInsertId(); err != nil {
			return nil, false, fmt.Errorf("insert event %q: %w", id, err)
		}
	}

	for i, m := range doc.Meetings {
		if m.ArticleID == "" {
			m.ArticleID = doc.ID
		}
		m.ID = meetingID(doc.ID, i, m.ID)
		if _, err := w.meeting.ExecContext(w.ctx, doc.ID, i, m.ID, m.Kind, m.Ordinal, m.Series, m.Date,
			jsonText(m)); err != nil {
			return nil, false, fmt.Errorf("insert meeting %d: %w", i, err)
		}
		if err := w.meetingRows(doc.ID, i, &m); err != nil {
			return nil, false, fmt.Errorf("insert meeting %d: %w", i, err)
		}
	}
	return globalIDs, true, nil
}

// jsonText encodes v for a JSON column. The values are plain data (strings, numbers, slices,
// maps of strings), for which encoding/json cannot fail; a nil slice or map becomes "null" and
// so reads back as nil, keeping nil and empty apart.
func jsonText(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Unreachable for dateline's types; keep the row rather than lose the article.
		return "null"
	}
	return string(b)
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// Has reports which of ids are stored. The look-up goes in chunks to stay under SQLite's limit
// on bound parameters.
func (d *DB) Has(ctx context.Context, ids []string) (map[string]bool, error) {
	const chunk = 500
	has := make(map[string]bool, len(ids))
	for len(ids) > 0 {
		n := min(chunk, len(ids))
		part := ids[:n]
		ids = ids[n:]
		args := make([]any, len(part))
		for i, id := range part {
			args[i] = id
		}
		q := `SELECT id FROM articles WHERE id IN (?` + strings.Repeat(", ?", len(part)-1) + `)`
		rows, err := d.db.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite: has: %w", err)
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite: has: %w", err)
			}
			has[id] = true
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("sqlite: has: %w", err)
		}
	}
	return has, nil
}
