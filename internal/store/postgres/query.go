package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/place"
	"github.com/dateline-news/dateline/internal/store"
)

// eventColumns is the column list scanEvent reads, in its order.
const eventColumns = `global_id, id, article_id, date, date_source,
	source_text, source_name, source_code, source_country, source_agent,
	target_text, target_name, target_code, target_country, target_agent,
	cameo, cameo_root, plover, quad_class, goldstein, negated, mood,
	location, topics, sentence, span_start, span_end, trigger, rule, confidence,
	is_root, num_mentions, num_sources, num_articles, source_url, date_added, mutual`

// textVector is the expression the articles_text index is built on; a query must repeat it
// exactly for the planner to use the index.
const textVector = `to_tsvector('english'::regconfig, title || ' ' || body)`

// Events lists the events matching f, ordered by event date, then GlobalID.
func (s *Store) Events(ctx context.Context, f store.EventFilter) ([]dateline.Event, error) {
	w, err := s.eventWhere(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("postgres: events: %w", err)
	}
	q := `SELECT ` + eventColumns + ` FROM events` + w.where() + ` ORDER BY date, global_id`
	if f.Limit > 0 {
		q += ` LIMIT ` + w.arg(f.Limit)
	}
	if f.Offset > 0 {
		q += ` OFFSET ` + w.arg(f.Offset)
	}
	rows, err := s.pool.Query(ctx, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres: events: %w", err)
	}
	defer rows.Close()
	events := []dateline.Event{} // an empty result is [] in JSON, not null
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("postgres: events: %w", err)
		}
		events = append(events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres: events: %w", err)
	}
	return events, nil
}

// query collects a WHERE clause's conditions and numbered arguments.
type query struct {
	conds []string
	args  []any
}

// arg adds an argument and returns its placeholder.
func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	return "$" + strconv.Itoa(len(q.args))
}

func (q *query) add(cond string) { q.conds = append(q.conds, cond) }

func (q *query) where() string {
	if len(q.conds) == 0 {
		return ""
	}
	return ` WHERE ` + strings.Join(q.conds, ` AND `)
}

// eventWhere turns a filter into conditions with the SQLite store's semantics.
func (s *Store) eventWhere(ctx context.Context, f store.EventFilter) (*query, error) {
	q := &query{}
	// Actor codes are upper case by CAMEO's convention; accept "chn" as "CHN".
	if v := strings.ToUpper(strings.TrimSpace(f.Actor)); v != "" {
		q.add(`(` + q.sideMatch("source", v) + ` OR ` + q.sideMatch("target", v) + `)`)
	}
	if v := strings.ToUpper(strings.TrimSpace(f.Source)); v != "" {
		q.add(`(` + q.sideMatch("source", v) + `)`)
	}
	if v := strings.ToUpper(strings.TrimSpace(f.Target)); v != "" {
		q.add(`(` + q.sideMatch("target", v) + `)`)
	}
	if f.Since != "" {
		if err := checkDate("since", f.Since); err != nil {
			return nil, err
		}
		q.add(`date >= ` + q.arg(f.Since))
		// The same bound on the partition key lets PostgreSQL skip earlier months' partitions;
		// the undated partition stays in (an unparsable date is NULL there but may still
		// compare within the range as text).
		q.add(`(month >= ` + q.arg(f.Since[:8]+"01") + `::date OR month IS NULL)`)
	}
	if f.Until != "" {
		if err := checkDate("until", f.Until); err != nil {
			return nil, err
		}
		// An event of unknown date ('') sorts before every date; it is in no range.
		q.add(`date <> '' AND date <= ` + q.arg(f.Until))
		q.add(`(month <= ` + q.arg(f.Until[:8]+"01") + `::date OR month IS NULL)`)
	}
	if v := strings.TrimSpace(f.Cameo); v != "" {
		lo, hi := prefixRange(v)
		q.add(`cameo >= ` + q.arg(lo) + ` AND cameo < ` + q.arg(hi))
	}
	if f.QuadClass != 0 {
		q.add(`quad_class = ` + q.arg(f.QuadClass))
	}
	if f.ArticleID != "" {
		q.add(`article_id = ` + q.arg(f.ArticleID))
	}
	if terms := textTerms(f.Text); len(terms) > 0 {
		tsq, err := s.tsquery(ctx, terms)
		if err != nil {
			return nil, err
		}
		if tsq != "" {
			q.add(`article_id IN (SELECT id FROM articles WHERE ` + textVector + ` @@ ` + q.arg(tsq) + `::tsquery)`)
		}
	}
	if err := q.location(f); err != nil {
		return nil, err
	}
	if !f.All {
		q.add(`NOT negated AND mood <> ` + q.arg(dateline.MoodHypothetical))
	}
	return q, nil
}

// location adds the Country and Near conditions on the event's location, with the SQLite
// store's semantics (place.CountryCode, place.Area) over the jsonb column.
func (q *query) location(f store.EventFilter) error {
	if strings.TrimSpace(f.Country) != "" {
		c, err := place.CountryCode(f.Country)
		if err != nil {
			return err
		}
		q.add(`location->>'country' = ` + q.arg(c))
	}
	if strings.TrimSpace(f.Near) == "" {
		return nil
	}
	a, err := place.ParseNear(f.Near)
	if err != nil {
		return err
	}
	const lat, lon = `(location->>'lat')::float8`, `(location->>'lon')::float8`
	switch a.Kind {
	case place.City:
		// A box first, then the distance (see Area.Box); locations without a point have no lat.
		latMin, latMax, lonMin, lonMax, k, r2 := a.Box()
		q.add(lat + ` BETWEEN ` + q.arg(latMin) + ` AND ` + q.arg(latMax) + ` AND ` + lon + ` BETWEEN ` + q.arg(lonMin) + ` AND ` + q.arg(lonMax) +
			` AND (` + lat + ` - ` + q.arg(a.Lat) + `)^2 + (` + lon + ` - ` + q.arg(a.Lon) + `)^2 * ` + q.arg(k*k) + ` <= ` + q.arg(r2))
	case place.Division:
		q.add(`location->>'adm1' = ` + q.arg(a.ADM1))
	case place.Country:
		q.add(`location->>'country' = ` + q.arg(a.Country))
	default:
		name := q.arg(strings.ToLower(a.Name))
		q.add(`(lower(location->>'name') = ` + name + ` OR lower(location->>'full_name') = ` + name + `)`)
	}
	return nil
}

// sideMatch matches one side's code by prefix or its country exactly. The prefix is a range
// rather than LIKE, as in the SQLite store: the columns are COLLATE "C", so the range is
// byte order and reads a plain index.
func (q *query) sideMatch(side, v string) string {
	lo, hi := prefixRange(v)
	return `(` + side + `_code >= ` + q.arg(lo) + ` AND ` + side + `_code < ` + q.arg(hi) + `) OR ` +
		side + `_country = ` + q.arg(v)
}

// prefixRange returns the half-open range [lo, hi) of strings starting with p in byte order:
// hi is p followed by the greatest code point.
func prefixRange(p string) (lo, hi string) {
	return p, p + "\U0010FFFF"
}

func checkDate(name, v string) error {
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return fmt.Errorf("%s date %q: want YYYY-MM-DD", name, v)
	}
	return nil
}

// textTerms splits a user's search text as the SQLite store does: every word, or "quoted
// phrase", must occur; terms without a letter or digit are dropped.
func textTerms(text string) []string {
	var terms []string
	for i, part := range strings.Split(text, `"`) {
		if i%2 == 1 { // inside quotes: one phrase
			if p := strings.Join(strings.Fields(part), " "); p != "" && hasWordChar(p) {
				terms = append(terms, p)
			}
			continue
		}
		for _, w := range strings.Fields(part) {
			if hasWordChar(w) {
				terms = append(terms, w)
			}
		}
	}
	return terms
}

func hasWordChar(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f {
			return true
		}
	}
	return false
}

// tsquery builds the text search query for the terms: each term a phrase
// (phraseto_tsquery, so that operators in the input are plain words and cannot be a syntax
// error), all of them required. It returns "" when no term has a searchable word (only stop
// words such as "the"): such a search restricts nothing, where an empty tsquery would match
// nothing. PostgreSQL builds the query text itself, so the stemming is its own.
func (s *Store) tsquery(ctx context.Context, terms []string) (string, error) {
	var b strings.Builder
	args := make([]any, len(terms))
	b.WriteString(`SELECT numnode(q), q::text FROM (SELECT `)
	for i, t := range terms {
		if strings.IndexByte(t, 0) >= 0 {
			t = strings.ReplaceAll(t, "\x00", " ") // PostgreSQL text cannot hold NUL; it is no word anyway
		}
		if i > 0 {
			b.WriteString(` && `)
		}
		fmt.Fprintf(&b, `phraseto_tsquery('english'::regconfig, $%d)`, i+1)
		args[i] = strings.ToValidUTF8(t, "\uFFFD")
	}
	b.WriteString(` AS q) AS t`)
	var (
		n    int
		text string
	)
	if err := s.pool.QueryRow(ctx, b.String(), args...).Scan(&n, &text); err != nil {
		return "", fmt.Errorf("text query: %w", err)
	}
	if n == 0 {
		return "", nil
	}
	return text, nil
}

// Event returns one event by its ID or, when id is all digits, by its GlobalID.
func (s *Store) Event(ctx context.Context, id string) (*dateline.Event, error) {
	q := `SELECT ` + eventColumns + ` FROM events WHERE id = $1`
	var arg any = id
	if gid, ok := store.GlobalID(id); ok {
		q = `SELECT ` + eventColumns + ` FROM events WHERE global_id = $1`
		arg = gid
	} else if strings.IndexByte(id, 0) >= 0 || !utf8.ValidString(id) {
		return nil, fmt.Errorf("postgres: event %q: %w", id, store.ErrNotFound)
	}
	e, err := scanEvent(s.pool.QueryRow(ctx, q, arg))
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: event %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: event %q: %w", id, err)
	}
	return &e, nil
}

func scanEvent(row pgx.Row) (dateline.Event, error) {
	var (
		e         dateline.Event
		src, tgt  [5]*string
		loc       []byte
		topics    []byte
		quad      int16
		spanStart int32
		spanEnd   int32
		mentions  [3]int32
		added     time.Time
	)
	err := row.Scan(&e.GlobalID, &e.ID, &e.ArticleID, &e.Date, &e.DateSource,
		&src[0], &src[1], &src[2], &src[3], &src[4],
		&tgt[0], &tgt[1], &tgt[2], &tgt[3], &tgt[4],
		&e.Cameo, &e.CameoRoot, &e.Plover, &quad, &e.Goldstein, &e.Negated, &e.Mood,
		&loc, &topics, &e.Sentence, &spanStart, &spanEnd, &e.Trigger, &e.Rule, &e.Confidence,
		&e.IsRoot, &mentions[0], &mentions[1], &mentions[2], &e.SourceURL, &added, &e.Mutual)
	if err != nil {
		return e, err
	}
	e.QuadClass = int(quad)
	e.Span = [2]int{int(spanStart), int(spanEnd)}
	e.NumMentions, e.NumSources, e.NumArticles = int(mentions[0]), int(mentions[1]), int(mentions[2])
	e.DateAdded = added.UTC().Format(time.RFC3339)
	e.Source = side(src)
	e.Target = side(tgt)
	if loc != nil {
		e.Location = new(dateline.Location)
		if err := json.Unmarshal(loc, e.Location); err != nil {
			return e, fmt.Errorf("event %q: location: %w", e.ID, err)
		}
	}
	if err := json.Unmarshal(topics, &e.Topics); err != nil {
		return e, fmt.Errorf("event %q: topics: %w", e.ID, err)
	}
	return e, nil
}

// side rebuilds one side of an event; a NULL code means the side was absent.
func side(c [5]*string) *dateline.ActorRef {
	if c[2] == nil {
		return nil
	}
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	return &dateline.ActorRef{Text: str(c[0]), Name: str(c[1]), Code: *c[2], Country: str(c[3]), Agent: str(c[4])}
}

// Document returns a stored article with its actors, events (in saved order) and meetings.
// Document.Article is always set. The four reads share one snapshot (a read-only repeatable
// read transaction), so a concurrent delete cannot leave half a document.
func (s *Store) Document(ctx context.Context, articleID string) (*dateline.Document, error) {
	if strings.IndexByte(articleID, 0) >= 0 || !utf8.ValidString(articleID) {
		return nil, fmt.Errorf("postgres: document %q: %w", articleID, store.ErrNotFound)
	}
	var doc *dateline.Document
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		var err error
		doc, err = readDocument(ctx, tx, articleID)
		return err
	})
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: document %q: %w", articleID, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: document %q: %w", articleID, err)
	}
	return doc, nil
}

func readDocument(ctx context.Context, tx pgx.Tx, articleID string) (*dateline.Document, error) {
	var (
		a           dateline.Article
		pubDate     *time.Time
		paras, meta []byte
		leadEnd     int32
	)
	err := tx.QueryRow(ctx, `SELECT id, url, title, published, pub_date, date, date_source,
		date_note, dateline_place, dateline_country, dateline_agency, dateline_date, dateline_raw,
		body, paragraphs, lead_end, hash, meta
		FROM articles WHERE id = $1`, articleID).Scan(
		&a.ID, &a.URL, &a.Title, &a.Published, &pubDate, &a.Date, &a.DateSource,
		&a.DateNote, &a.Dateline.Place, &a.Dateline.Country, &a.Dateline.Agency, &a.Dateline.Date, &a.Dateline.Raw,
		&a.Body, &paras, &leadEnd, &a.Hash, &meta)
	if err != nil {
		return nil, err
	}
	if pubDate != nil {
		a.PubDate = pubDate.UTC()
	}
	a.LeadEnd = int(leadEnd)
	if err := json.Unmarshal(paras, &a.Paragraphs); err != nil {
		return nil, fmt.Errorf("paragraphs: %w", err)
	}
	if err := json.Unmarshal(meta, &a.Meta); err != nil {
		return nil, fmt.Errorf("meta: %w", err)
	}
	doc := &dateline.Document{
		ID: a.ID, Title: a.Title, Published: a.Published, Date: a.Date, DateSource: a.DateSource,
		Dateline: a.Dateline, Article: &a,
		// Non-nil, so that a document without any is written as [] in JSON, as `dateline code` does.
		Actors: []dateline.Actor{}, Events: []dateline.Event{}, Meetings: []dateline.Meeting{},
	}

	rows, _ := tx.Query(ctx, `SELECT name, code, country, agent, type, source, role, mentions
		FROM actors WHERE article_id = $1 ORDER BY idx`, articleID)
	var ac dateline.Actor
	var mentions []byte
	_, err = pgx.ForEachRow(rows, []any{&ac.Name, &ac.Code, &ac.Country, &ac.Agent, &ac.Type, &ac.Source, &ac.Role, &mentions}, func() error {
		a := ac
		a.Mentions = nil
		if err := json.Unmarshal(mentions, &a.Mentions); err != nil {
			return fmt.Errorf("actor %s: mentions: %w", a.Code, err)
		}
		doc.Actors = append(doc.Actors, a)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("actors: %w", err)
	}

	// global_id order is the order Save reserved them in, the document's own order.
	evRows, err := tx.Query(ctx, `SELECT `+eventColumns+` FROM events WHERE article_id = $1 ORDER BY global_id`, articleID)
	if err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}
	for evRows.Next() {
		e, err := scanEvent(evRows)
		if err != nil {
			evRows.Close()
			return nil, fmt.Errorf("events: %w", err)
		}
		doc.Events = append(doc.Events, e)
	}
	evRows.Close()
	if err := evRows.Err(); err != nil {
		return nil, fmt.Errorf("events: %w", err)
	}

	rows, _ = tx.Query(ctx, `SELECT data FROM meetings WHERE article_id = $1 ORDER BY idx`, articleID)
	var data []byte
	_, err = pgx.ForEachRow(rows, []any{&data}, func() error {
		var m dateline.Meeting
		if err := json.Unmarshal(data, &m); err != nil {
			return fmt.Errorf("meeting %d: %w", len(doc.Meetings), err)
		}
		doc.Meetings = append(doc.Meetings, m)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("meetings: %w", err)
	}
	return doc, nil
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (store.Stats, error) {
	var (
		st     store.Stats
		newest *time.Time
	)
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT COUNT(*) FROM articles),
		(SELECT COUNT(*) FROM events),
		(SELECT COUNT(*) FROM actors),
		(SELECT COUNT(*) FROM meetings),
		(SELECT MAX(stored_at) FROM articles)`).Scan(&st.Articles, &st.Events, &st.Actors, &st.Meetings, &newest)
	if err != nil {
		return st, fmt.Errorf("postgres: stats: %w", err)
	}
	if newest != nil {
		st.Newest = newest.UTC()
	}
	return st, nil
}
