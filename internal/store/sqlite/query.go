package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

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

// Events lists the events matching f, ordered by event date, then GlobalID.
func (d *DB) Events(ctx context.Context, f store.EventFilter) ([]dateline.Event, error) {
	where, args, err := eventWhere(f)
	if err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	q := `SELECT ` + eventColumns + ` FROM events` + where + ` ORDER BY date, global_id`
	if f.Limit > 0 || f.Offset > 0 {
		limit := f.Limit
		if limit <= 0 {
			limit = -1 // SQLite's "no limit"; PostgreSQL writes LIMIT ALL
		}
		q += ` LIMIT ? OFFSET ?`
		args = append(args, limit, max(f.Offset, 0))
	}
	rows, err := d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	defer rows.Close()
	events := []dateline.Event{} // an empty result is [] in JSON, not null
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlite: events: %w", err)
		}
		events = append(events, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: events: %w", err)
	}
	return events, nil
}

// eventWhere turns a filter into a WHERE clause (with its leading space) and its arguments.
func eventWhere(f store.EventFilter) (string, []any, error) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) {
		conds = append(conds, cond)
		args = append(args, a...)
	}

	// Actor codes are upper case by CAMEO's convention; accept "chn" as "CHN".
	if v := strings.ToUpper(strings.TrimSpace(f.Actor)); v != "" {
		lo, hi := prefixRange(v)
		add(`(`+sideMatch("source")+` OR `+sideMatch("target")+`)`, lo, hi, v, lo, hi, v)
	}
	if v := strings.ToUpper(strings.TrimSpace(f.Source)); v != "" {
		lo, hi := prefixRange(v)
		add(`(`+sideMatch("source")+`)`, lo, hi, v)
	}
	if v := strings.ToUpper(strings.TrimSpace(f.Target)); v != "" {
		lo, hi := prefixRange(v)
		add(`(`+sideMatch("target")+`)`, lo, hi, v)
	}
	if f.Since != "" {
		if err := checkDate("since", f.Since); err != nil {
			return "", nil, err
		}
		add(`date >= ?`, f.Since)
	}
	if f.Until != "" {
		if err := checkDate("until", f.Until); err != nil {
			return "", nil, err
		}
		// An event of unknown date ('') sorts before every date; it is in no range.
		add(`date <> '' AND date <= ?`, f.Until)
	}
	if v := strings.TrimSpace(f.Cameo); v != "" {
		lo, hi := prefixRange(v)
		add(`cameo >= ? AND cameo < ?`, lo, hi)
	}
	if f.QuadClass != 0 {
		add(`quad_class = ?`, f.QuadClass)
	}
	if f.ArticleID != "" {
		add(`article_id = ?`, f.ArticleID)
	}
	if q := ftsQuery(f.Text); q != "" {
		// SQLite only: PostgreSQL matches its tsvector column with websearch_to_tsquery.
		add(`article_id IN (SELECT a.id FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid
			WHERE articles_fts MATCH ?)`, q)
	}
	if err := locationWhere(f, add); err != nil {
		return "", nil, err
	}
	if !f.All {
		add(`negated = 0 AND mood <> ?`, dateline.MoodHypothetical)
	}
	if !f.Reports {
		// Events, not reports: a report merged into an earlier event is evidence of it.
		add(`merged_into IS NULL`)
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args, nil
}

// locationWhere adds the Country and Near conditions on the event's location (a JSON column; an
// event without a location matches neither). Their semantics are place.CountryCode's and
// place.Area's; the PostgreSQL store writes the same conditions over jsonb.
func locationWhere(f store.EventFilter, add func(string, ...any)) error {
	if strings.TrimSpace(f.Country) != "" {
		c, err := place.CountryCode(f.Country)
		if err != nil {
			return err
		}
		add(`json_extract(location, '$.country') = ?`, c)
	}
	if strings.TrimSpace(f.Near) == "" {
		return nil
	}
	a, err := place.ParseNear(f.Near)
	if err != nil {
		return err
	}
	const lat, lon = `json_extract(location, '$.lat')`, `json_extract(location, '$.lon')`
	switch a.Kind {
	case place.City:
		// A box first, then the distance (see Area.Box); locations without a point have no lat.
		latMin, latMax, lonMin, lonMax, k, r2 := a.Box()
		add(lat+` BETWEEN ? AND ? AND `+lon+` BETWEEN ? AND ? AND
			(`+lat+` - ?) * (`+lat+` - ?) + (`+lon+` - ?) * (`+lon+` - ?) * ? <= ?`,
			latMin, latMax, lonMin, lonMax, a.Lat, a.Lat, a.Lon, a.Lon, k*k, r2)
	case place.Division:
		add(`json_extract(location, '$.adm1') = ?`, a.ADM1)
	case place.Country:
		add(`json_extract(location, '$.country') = ?`, a.Country)
	default:
		name := strings.ToLower(a.Name)
		add(`(lower(json_extract(location, '$.name')) = ? OR lower(json_extract(location, '$.full_name')) = ?)`, name, name)
	}
	return nil
}

// sideMatch matches one side's code by prefix or its country exactly. The prefix is a range
// rather than LIKE: both engines use a plain index for a range, and LIKE's case rules differ
// between them.
func sideMatch(side string) string {
	return `(` + side + `_code >= ? AND ` + side + `_code < ?) OR ` + side + `_country = ?`
}

// prefixRange returns the half-open range [lo, hi) of strings starting with p under byte-wise
// (BINARY) comparison: hi is p followed by the greatest code point, which sorts after every
// code continuing p.
func prefixRange(p string) (lo, hi string) {
	return p, p + "\U0010FFFF"
}

func checkDate(name, v string) error {
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		return fmt.Errorf("%s date %q: want YYYY-MM-DD", name, v)
	}
	return nil
}

// ftsQuery turns a user's search text into an FTS5 query: every word, or "quoted phrase", must
// occur. Each is passed as an FTS5 string, so punctuation ("U.S.", "co-chaired") and FTS5
// operators in the input cannot cause a syntax error; the result is what PostgreSQL's
// websearch_to_tsquery gives for plain words and phrases.
func ftsQuery(text string) string {
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
	for i, t := range terms {
		terms[i] = `"` + t + `"` // no '"' can be left inside: the text was split on them
	}
	return strings.Join(terms, " ")
}

// hasWordChar reports whether s has a letter or digit: a term of punctuation alone would be an
// empty FTS5 phrase.
func hasWordChar(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f {
			return true
		}
	}
	return false
}

// Event returns one event by its ID or, when id is all digits, by its GlobalID.
func (d *DB) Event(ctx context.Context, id string) (*dateline.Event, error) {
	q := `SELECT ` + eventColumns + ` FROM events WHERE id = ?`
	var arg any = id
	if gid, ok := store.GlobalID(id); ok {
		q = `SELECT ` + eventColumns + ` FROM events WHERE global_id = ?`
		arg = gid
	}
	e, err := scanEvent(d.db.QueryRowContext(ctx, q, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: event %q: %w", id, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: event %q: %w", id, err)
	}
	return &e, nil
}

type scanner interface{ Scan(dest ...any) error }

func scanEvent(s scanner) (dateline.Event, error) {
	var (
		e        dateline.Event
		src, tgt [5]sql.NullString
		loc      sql.NullString
		topics   string
	)
	err := s.Scan(&e.GlobalID, &e.ID, &e.ArticleID, &e.Date, &e.DateSource,
		&src[0], &src[1], &src[2], &src[3], &src[4],
		&tgt[0], &tgt[1], &tgt[2], &tgt[3], &tgt[4],
		&e.Cameo, &e.CameoRoot, &e.Plover, &e.QuadClass, &e.Goldstein, &e.Negated, &e.Mood,
		&loc, &topics, &e.Sentence, &e.Span[0], &e.Span[1], &e.Trigger, &e.Rule, &e.Confidence,
		&e.IsRoot, &e.NumMentions, &e.NumSources, &e.NumArticles, &e.SourceURL, &e.DateAdded, &e.Mutual)
	if err != nil {
		return e, err
	}
	e.Source = side(src)
	e.Target = side(tgt)
	if loc.Valid {
		e.Location = new(dateline.Location)
		if err := json.Unmarshal([]byte(loc.String), e.Location); err != nil {
			return e, fmt.Errorf("event %q: location: %w", e.ID, err)
		}
	}
	if err := json.Unmarshal([]byte(topics), &e.Topics); err != nil {
		return e, fmt.Errorf("event %q: topics: %w", e.ID, err)
	}
	return e, nil
}

// side rebuilds one side of an event; a NULL code means the side was absent.
func side(c [5]sql.NullString) *dateline.ActorRef {
	if !c[2].Valid {
		return nil
	}
	return &dateline.ActorRef{Text: c[0].String, Name: c[1].String, Code: c[2].String,
		Country: c[3].String, Agent: c[4].String}
}

// Document returns a stored article with its actors, events (in saved order) and meetings.
// Document.Article is always set, holding the body and the article fields the document lacks.
// The reads need no transaction: a document is written in one transaction and never updated.
func (d *DB) Document(ctx context.Context, articleID string) (*dateline.Document, error) {
	var (
		a                    dateline.Article
		pubDate, paras, meta string
	)
	err := d.db.QueryRowContext(ctx, `SELECT id, url, title, published, pub_date, date, date_source,
		date_note, dateline_place, dateline_country, dateline_agency, dateline_date, dateline_raw,
		body, paragraphs, lead_end, hash, meta
		FROM articles WHERE id = ?`, articleID).Scan(
		&a.ID, &a.URL, &a.Title, &a.Published, &pubDate, &a.Date, &a.DateSource,
		&a.DateNote, &a.Dateline.Place, &a.Dateline.Country, &a.Dateline.Agency, &a.Dateline.Date, &a.Dateline.Raw,
		&a.Body, &paras, &a.LeadEnd, &a.Hash, &meta)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: document %q: %w", articleID, store.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: document %q: %w", articleID, err)
	}
	if pubDate != "" {
		if a.PubDate, err = time.Parse(time.RFC3339Nano, pubDate); err != nil {
			return nil, fmt.Errorf("sqlite: document %q: pub_date: %w", articleID, err)
		}
	}
	if err := json.Unmarshal([]byte(paras), &a.Paragraphs); err != nil {
		return nil, fmt.Errorf("sqlite: document %q: paragraphs: %w", articleID, err)
	}
	if err := json.Unmarshal([]byte(meta), &a.Meta); err != nil {
		return nil, fmt.Errorf("sqlite: document %q: meta: %w", articleID, err)
	}
	doc := &dateline.Document{
		ID: a.ID, Title: a.Title, Published: a.Published, Date: a.Date, DateSource: a.DateSource,
		Dateline: a.Dateline, Article: &a,
		// Non-nil, so that a document without any is written as [] in JSON, as `dateline code` does.
		Actors: []dateline.Actor{}, Events: []dateline.Event{}, Meetings: []dateline.Meeting{},
	}
	if err := d.documentActors(ctx, doc); err != nil {
		return nil, fmt.Errorf("sqlite: document %q: actors: %w", articleID, err)
	}
	if err := d.documentEvents(ctx, doc); err != nil {
		return nil, fmt.Errorf("sqlite: document %q: events: %w", articleID, err)
	}
	if err := d.documentMeetings(ctx, doc); err != nil {
		return nil, fmt.Errorf("sqlite: document %q: meetings: %w", articleID, err)
	}
	return doc, nil
}

func (d *DB) documentActors(ctx context.Context, doc *dateline.Document) error {
	rows, err := d.db.QueryContext(ctx, `SELECT name, code, country, agent, type, source, role, mentions
		FROM actors WHERE article_id = ? ORDER BY idx`, doc.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			a        dateline.Actor
			mentions string
		)
		if err := rows.Scan(&a.Name, &a.Code, &a.Country, &a.Agent, &a.Type, &a.Source, &a.Role, &mentions); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(mentions), &a.Mentions); err != nil {
			return fmt.Errorf("actor %s: mentions: %w", a.Code, err)
		}
		doc.Actors = append(doc.Actors, a)
	}
	return rows.Err()
}

func (d *DB) documentEvents(ctx context.Context, doc *dateline.Document) error {
	// global_id order is the order Save inserted them, the document's own order.
	rows, err := d.db.QueryContext(ctx, `SELECT `+eventColumns+` FROM events
		WHERE article_id = ? ORDER BY global_id`, doc.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEvent(rows)
		if err != nil {
			return err
		}
		doc.Events = append(doc.Events, e)
	}
	return rows.Err()
}

func (d *DB) documentMeetings(ctx context.Context, doc *dateline.Document) error {
	rows, err := d.db.QueryContext(ctx, `SELECT data FROM meetings WHERE article_id = ? ORDER BY idx`, doc.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			m    dateline.Meeting
			data string
		)
		if err := rows.Scan(&data); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(data), &m); err != nil {
			return fmt.Errorf("meeting %d: %w", len(doc.Meetings), err)
		}
		doc.Meetings = append(doc.Meetings, m)
	}
	return rows.Err()
}

// Stats counts what is stored.
func (d *DB) Stats(ctx context.Context) (store.Stats, error) {
	var (
		st     store.Stats
		newest sql.NullString
	)
	err := d.db.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM articles),
		(SELECT COUNT(*) FROM events),
		(SELECT COUNT(*) FROM actors),
		(SELECT COUNT(*) FROM meetings),
		(SELECT MAX(stored_at) FROM articles)`).Scan(&st.Articles, &st.Events, &st.Actors, &st.Meetings, &newest)
	if err != nil {
		return st, fmt.Errorf("sqlite: stats: %w", err)
	}
	if newest.Valid && newest.String != "" {
		if st.Newest, err = time.Parse(time.RFC3339, newest.String); err != nil {
			return st, fmt.Errorf("sqlite: stats: stored_at %q: %w", newest.String, err)
		}
	}
	return st, nil
}
