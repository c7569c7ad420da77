package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store"
)

var _ store.StoryStore = (*DB)(nil)

// SaveStories implements store.StoryStore: Save, plus each new article's story row, its
// duplicate link, and its events merged into the root events of its story, in one transaction.
func (d *DB) SaveStories(ctx context.Context, docs []*dateline.Document, b store.StoryBatch) (store.SaveResult, error) {
	h := &storyHook{byID: make(map[string]*store.ArticleStory, len(b.Articles)), batch: b}
	for i := range b.Articles {
		a := &b.Articles[i]
		if a.StoryID == "" {
			return store.SaveResult{}, fmt.Errorf("sqlite: save stories: article %q has no story", a.ArticleID)
		}
		h.byID[a.ArticleID] = a
	}
	return d.save(ctx, docs, h)
}

type storyHook struct {
	byID  map[string]*store.ArticleStory
	batch store.StoryBatch
}

// saved records one stored document's story and merges its events. An event merges into the
// oldest root event of the same story with the same key whose date lies in the window; the
// root's counts are then recounted from its reports, so they stay right however the reports
// arrived.
func (h *storyHook) saved(ctx context.Context, tx *sql.Tx, doc *dateline.Document, globalIDs []int64) error {
	a := h.byID[doc.ID]
	if a == nil {
		return nil // no story for it: stored as Save stores it
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO story_articles
		(article_id, story_id, duplicate_of, duplicate, similarity, outlet, signature)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		doc.ID, a.StoryID, a.DuplicateOf, a.Duplicate, a.Similarity, a.Outlet, a.Signature); err != nil {
		return fmt.Errorf("story of article: %w", err)
	}
	if len(a.Events) != 0 && len(a.Events) != len(globalIDs) {
		return fmt.Errorf("story: %d event keys for %d events", len(a.Events), len(globalIDs))
	}
	for i, gid := range globalIDs {
		var k store.EventMerge
		if len(a.Events) != 0 {
			k = a.Events[i]
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET story_id = ?, merge_key = ?, outlet = ? WHERE global_id = ?`,
			a.StoryID, k.Key, a.Outlet, gid); err != nil {
			return fmt.Errorf("event %d: story: %w", gid, err)
		}
		if k.Key == "" {
			continue
		}
		var root int64
		err := tx.QueryRowContext(ctx, `SELECT global_id FROM events
			WHERE story_id = ? AND merge_key = ? AND merged_into IS NULL AND global_id < ?
			  AND (? = '' OR date = '' OR (date >= ? AND date <= ?))
			ORDER BY global_id LIMIT 1`,
			a.StoryID, k.Key, gid, k.From, k.From, k.To).Scan(&root)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return fmt.Errorf("event %d: find root: %w", gid, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE events SET merged_into = ? WHERE global_id = ?`, root, gid); err != nil {
			return fmt.Errorf("event %d: merge: %w", gid, err)
		}
		// The root is its own first report. NumMentions adds the report's mentions; NumArticles
		// counts distinct articles (two outlets' copies of one wire story are two); NumSources
		// counts distinct known outlets, and at least one.
		// reports lists the root and the rows merged into it through two index look-ups (an OR
		// of the two conditions would scan the table).
		const reports = `(SELECT article_id, outlet, is_root FROM events WHERE global_id = ?1
			UNION ALL SELECT article_id, outlet, is_root FROM events WHERE merged_into = ?1)`
		if _, err := tx.ExecContext(ctx, `UPDATE events SET
			num_mentions = num_mentions + (SELECT MAX(num_mentions, 1) FROM events r WHERE r.global_id = ?2),
			num_articles = (SELECT COUNT(DISTINCT article_id) FROM `+reports+`),
			num_sources = MAX(1, (SELECT COUNT(DISTINCT outlet) FROM `+reports+` WHERE outlet <> '')),
			is_root = (SELECT MAX(is_root) FROM `+reports+`)
			WHERE global_id = ?1`, root, gid); err != nil {
			return fmt.Errorf("event %d: count reports: %w", root, err)
		}
	}
	return nil
}

// finish writes the assigner's stories and state.
func (h *storyHook) finish(ctx context.Context, tx *sql.Tx) error {
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(seq), 0) FROM story_articles`).Scan(&last); err != nil {
		return fmt.Errorf("stories: %w", err)
	}
	now := time.Now().UTC().Format(time.RFC3339)
	for _, s := range h.batch.Stories {
		if _, err := tx.ExecContext(ctx, `INSERT INTO stories (id, title, articles, profile, updated_seq, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET articles = excluded.articles, profile = excluded.profile,
				updated_seq = excluded.updated_seq, updated_at = excluded.updated_at`,
			s.ID, s.Title, s.Articles, s.Profile, last, now); err != nil {
			return fmt.Errorf("story %q: %w", s.ID, err)
		}
	}
	if h.batch.State != nil {
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_state (name, data) VALUES ('assigner', ?)
			ON CONFLICT (name) DO UPDATE SET data = excluded.data`, h.batch.State); err != nil {
			return fmt.Errorf("story state: %w", err)
		}
	}
	return nil
}

// StoryState implements store.StoryStore.
func (d *DB) StoryState(ctx context.Context, maxStories, maxArticles int) (*store.StoryState, error) {
	st := &store.StoryState{}
	err := d.db.QueryRowContext(ctx, `SELECT data FROM story_state WHERE name = 'assigner'`).Scan(&st.State)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: story state: %w", err)
	}
	rows, err := d.db.QueryContext(ctx, `SELECT id, title, articles, profile FROM stories
		WHERE profile IS NOT NULL ORDER BY updated_seq DESC, seq DESC LIMIT ?`, maxStories)
	if err != nil {
		return nil, fmt.Errorf("sqlite: story state: %w", err)
	}
	for rows.Next() {
		var s store.StoryRecord
		if err := rows.Scan(&s.ID, &s.Title, &s.Articles, &s.Profile); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite: story state: %w", err)
		}
		st.Stories = append(st.Stories, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: story state: %w", err)
	}
	rows, err = d.db.QueryContext(ctx, `SELECT sa.article_id, sa.story_id, a.hash, sa.signature
		FROM story_articles sa JOIN articles a ON a.id = sa.article_id
		ORDER BY sa.seq DESC LIMIT ?`, maxArticles)
	if err != nil {
		return nil, fmt.Errorf("sqlite: story state: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a store.ArticleStory
		if err := rows.Scan(&a.ArticleID, &a.StoryID, &a.Hash, &a.Signature); err != nil {
			return nil, fmt.Errorf("sqlite: story state: %w", err)
		}
		st.Articles = append(st.Articles, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: story state: %w", err)
	}
	return st, nil
}

// Stories implements store.StoryStore. It reads a page of stories, then their articles and
// events in two queries, not one per story.
func (d *DB) Stories(ctx context.Context, f store.StoryFilter) ([]store.Story, error) {
	q := `SELECT s.id, s.title FROM stories s`
	var args []any
	if f.MinArticles > 1 {
		q += ` WHERE (SELECT COUNT(*) FROM story_articles sa WHERE sa.story_id = s.id) >= ?`
		args = append(args, f.MinArticles)
	}
	q += ` ORDER BY s.seq`
	if f.Limit > 0 || f.Offset > 0 {
		limit := f.Limit
		if limit <= 0 {
			limit = -1
		}
		q += ` LIMIT ? OFFSET ?`
		args = append(args, limit, max(f.Offset, 0))
	}
	stories, err := d.readStories(ctx, q, args, f.All)
	if err != nil {
		return nil, fmt.Errorf("sqlite: stories: %w", err)
	}
	return stories, nil
}

// Story implements store.StoryStore.
func (d *DB) Story(ctx context.Context, id string, all bool) (*store.Story, error) {
	stories, err := d.readStories(ctx, `SELECT s.id, s.title FROM stories s WHERE s.id = ?`, []any{id}, all)
	if err != nil {
		return nil, fmt.Errorf("sqlite: story %q: %w", id, err)
	}
	if len(stories) == 0 {
		return nil, fmt.Errorf("sqlite: story %q: %w", id, store.ErrNotFound)
	}
	return &stories[0], nil
}

// readStories runs a query listing stories (id, title) and fills in their articles and merged
// events. The query's rows are read first into a temporary list of ids, so that the article
// and event reads need one statement each whatever the page size.
func (d *DB) readStories(ctx context.Context, q string, args []any, all bool) ([]store.Story, error) {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	rows, err := conn.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	var out []store.Story
	at := map[string]int{}
	for rows.Next() {
		var s store.Story
		if err := rows.Scan(&s.ID, &s.Title); err != nil {
			rows.Close()
			return nil, err
		}
		s.Articles, s.Events = []store.StoryArticle{}, []store.StoryEvent{}
		at[s.ID] = len(out)
		out = append(out, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return []store.Story{}, nil
	}
	// The page's ids go into a temporary table on this connection, which the two reads join.
	if _, err := conn.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS page_stories (id TEXT PRIMARY KEY)`); err != nil {
		return nil, err
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), `DROP TABLE IF EXISTS temp.page_stories`) //nolint:errcheck // best effort; the connection may be reused
	if _, err := conn.ExecContext(ctx, `DELETE FROM temp.page_stories`); err != nil {
		return nil, err
	}
	for i := 0; i < len(out); i += 500 {
		part := out[i:min(i+500, len(out))]
		vals := make([]any, len(part))
		for j, s := range part {
			vals[j] = s.ID
		}
		if _, err := conn.ExecContext(ctx, `INSERT OR IGNORE INTO temp.page_stories (id) VALUES (?)`+
			strings.Repeat(", (?)", len(part)-1), vals...); err != nil {
			return nil, err
		}
	}

	rows, err = conn.QueryContext(ctx, `SELECT sa.story_id, a.id, a.title, a.url, sa.outlet, a.date,
		sa.duplicate_of, sa.duplicate, sa.similarity
		FROM temp.page_stories p JOIN story_articles sa ON sa.story_id = p.id JOIN articles a ON a.id = sa.article_id
		ORDER BY sa.seq`)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var sid string
		var a store.StoryArticle
		if err := rows.Scan(&sid, &a.ID, &a.Title, &a.URL, &a.Outlet, &a.Date, &a.DuplicateOf, &a.Duplicate, &a.Similarity); err != nil {
			rows.Close()
			return nil, err
		}
		out[at[sid]].Articles = append(out[at[sid]].Articles, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}

	// Root events, then every report (the roots themselves and the rows merged into them).
	filter := ``
	if !all {
		filter = ` AND e.negated = 0 AND e.mood <> '` + dateline.MoodHypothetical + `'`
	}
	rows, err = conn.QueryContext(ctx, `SELECT e.story_id, `+prefixed("e", eventColumns)+`
		FROM temp.page_stories p JOIN events e ON e.story_id = p.id
		WHERE e.merged_into IS NULL`+filter+` ORDER BY e.global_id`)
	if err != nil {
		return nil, err
	}
	type ref struct{ story, event int }
	roots := map[int64]ref{}
	for rows.Next() {
		var sid string
		e, err := scanEvent(prependScan{rows, &sid})
		if err != nil {
			rows.Close()
			return nil, err
		}
		i := at[sid]
		roots[e.GlobalID] = ref{i, len(out[i].Events)}
		out[i].Events = append(out[i].Events, store.StoryEvent{Event: e, Reports: []store.Report{}})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = conn.QueryContext(ctx, `SELECT COALESCE(e.merged_into, e.global_id), e.id, e.article_id, e.sentence, e.span_start, e.span_end
		FROM temp.page_stories p JOIN events e ON e.story_id = p.id ORDER BY e.global_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var root int64
		var r store.Report
		if err := rows.Scan(&root, &r.EventID, &r.ArticleID, &r.Sentence, &r.Span[0], &r.Span[1]); err != nil {
			return nil, err
		}
		if x, ok := roots[root]; ok {
			ev := &out[x.story].Events[x.event]
			ev.Reports = append(ev.Reports, r)
		}
	}
	return out, rows.Err()
}

// prefixed qualifies each column of a comma-separated list with a table alias.
func prefixed(alias, cols string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = alias + "." + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// prependScan scans a row whose first column is read into first and the rest by the wrapped
// scanner's caller.
type prependScan struct {
	rows  *sql.Rows
	first *string
}

func (p prependScan) Scan(dest ...any) error {
	return p.rows.Scan(append([]any{p.first}, dest...)...)
}
