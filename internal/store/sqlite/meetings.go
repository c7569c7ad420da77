package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store"
)

var _ store.MeetingStore = (*DB)(nil)

// meetingID is the id a meeting is stored under: its own, or one derived from its place in the
// document ("<article id>/m1" for the first), as the meeting stage numbers them.
func meetingID(articleID string, i int, id string) string {
	if id != "" {
		return id
	}
	return fmt.Sprintf("%s/m%d", articleID, i+1)
}

// meetingRows writes the rows that index one meeting: its participants, and its agreements with
// their parties. A code listed twice is kept once.
func (w *saver) meetingRows(articleID string, idx int, m *dateline.Meeting) error {
	for _, p := range m.Participants {
		if p.Code == "" {
			continue
		}
		if _, err := w.tx.ExecContext(w.ctx, `INSERT INTO meeting_participants (article_id, meeting_idx, code, role)
			VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, articleID, idx, p.Code, p.Role); err != nil {
			return fmt.Errorf("participant %s: %w", p.Code, err)
		}
	}
	for j, a := range m.Agreements {
		parties, topics := a.Parties, a.Topics
		if parties == nil {
			parties = []string{}
		}
		if topics == nil {
			topics = []string{}
		}
		if _, err := w.tx.ExecContext(w.ctx, `INSERT INTO agreements (article_id, meeting_idx, idx, title, action, parties, topics)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, articleID, idx, j, a.Title, a.Action, jsonText(parties), jsonText(topics)); err != nil {
			return fmt.Errorf("agreement %d: %w", j, err)
		}
		for _, c := range parties {
			if c == "" {
				continue
			}
			if _, err := w.tx.ExecContext(w.ctx, `INSERT INTO agreement_parties (article_id, meeting_idx, agreement_idx, code)
				VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, articleID, idx, j, c); err != nil {
				return fmt.Errorf("agreement %d party %s: %w", j, c, err)
			}
		}
	}
	return nil
}

// meetingWhere turns a filter into conditions on meetings m; actor gives the condition that
// f.Actor's code range [lo, hi) sets (on participants for meetings, parties for agreements).
func meetingWhere(f store.MeetingFilter, actor func(lo, hi string) (string, []any)) (string, []any, error) {
	var conds []string
	var args []any
	if v := strings.ToUpper(strings.TrimSpace(f.Actor)); v != "" {
		lo, hi := prefixRange(v)
		c, a := actor(lo, hi)
		conds = append(conds, c)
		args = append(args, a...)
	}
	if v := strings.TrimSpace(f.Series); v != "" {
		// instr on lower-cased text: a plain substring, so that "%" or "_" in the query are
		// literal (PostgreSQL: strpos).
		conds = append(conds, `instr(lower(m.series), lower(?)) > 0`)
		args = append(args, v)
	}
	if v := strings.TrimSpace(f.Kind); v != "" {
		conds = append(conds, `m.kind = ?`)
		args = append(args, v)
	}
	if f.Since != "" {
		if err := checkDate("since", f.Since); err != nil {
			return "", nil, err
		}
		conds = append(conds, `m.date >= ?`)
		args = append(args, f.Since)
	}
	if f.Until != "" {
		if err := checkDate("until", f.Until); err != nil {
			return "", nil, err
		}
		conds = append(conds, `m.date <> '' AND m.date <= ?`)
		args = append(args, f.Until)
	}
	if f.ArticleID != "" {
		conds = append(conds, `m.article_id = ?`)
		args = append(args, f.ArticleID)
	}
	if len(conds) == 0 {
		return "", nil, nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args, nil
}

// limit appends LIMIT/OFFSET for f.
func limit(q string, args []any, n, offset int) (string, []any) {
	if n > 0 || offset > 0 {
		if n <= 0 {
			n = -1 // SQLite's "no limit"
		}
		q += ` LIMIT ? OFFSET ?`
		args = append(args, n, max(offset, 0))
	}
	return q, args
}

// Meetings lists the meetings matching f, ordered by date, ordinal, article and position.
func (d *DB) Meetings(ctx context.Context, f store.MeetingFilter) ([]dateline.Meeting, error) {
	where, args, err := meetingWhere(f, func(lo, hi string) (string, []any) {
		return `EXISTS (SELECT 1 FROM meeting_participants p WHERE p.article_id = m.article_id
			AND p.meeting_idx = m.idx AND p.code >= ? AND p.code < ?)`, []any{lo, hi}
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: meetings: %w", err)
	}
	q, args := limit(`SELECT m.id, m.article_id, m.idx, m.data FROM meetings m`+where+
		` ORDER BY m.date, m.ordinal, m.article_id, m.idx`, args, f.Limit, f.Offset)
	rows, err := d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: meetings: %w", err)
	}
	defer rows.Close()
	out := []dateline.Meeting{} // none is [] in JSON
	for rows.Next() {
		var (
			id, articleID, data string
			idx                 int
		)
		if err := rows.Scan(&id, &articleID, &idx, &data); err != nil {
			return nil, fmt.Errorf("sqlite: meetings: %w", err)
		}
		var m dateline.Meeting
		if err := json.Unmarshal([]byte(data), &m); err != nil {
			return nil, fmt.Errorf("sqlite: meetings: %s meeting %d: %w", articleID, idx, err)
		}
		m.ID = meetingID(articleID, idx, store.FirstNonEmpty(m.ID, id))
		m.ArticleID = store.FirstNonEmpty(m.ArticleID, articleID)
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: meetings: %w", err)
	}
	return out, nil
}

// Agreements lists the agreements register: the documents of the meetings matching f, with
// f.Actor matching a party of the document.
func (d *DB) Agreements(ctx context.Context, f store.MeetingFilter) ([]store.Agreement, error) {
	where, args, err := meetingWhere(f, func(lo, hi string) (string, []any) {
		return `EXISTS (SELECT 1 FROM agreement_parties p WHERE p.article_id = a.article_id
			AND p.meeting_idx = a.meeting_idx AND p.agreement_idx = a.idx AND p.code >= ? AND p.code < ?)`, []any{lo, hi}
	})
	if err != nil {
		return nil, fmt.Errorf("sqlite: agreements: %w", err)
	}
	q, args := limit(`SELECT a.article_id, a.meeting_idx, a.title, a.action, a.parties, a.topics,
		m.id, m.kind, m.series, m.ordinal, m.date
		FROM agreements a JOIN meetings m ON m.article_id = a.article_id AND m.idx = a.meeting_idx`+where+
		` ORDER BY m.date, m.ordinal, m.article_id, m.idx, a.idx`, args, f.Limit, f.Offset)
	rows, err := d.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: agreements: %w", err)
	}
	defer rows.Close()
	out := []store.Agreement{}
	for rows.Next() {
		var (
			a               store.Agreement
			idx             int
			parties, topics string
		)
		if err := rows.Scan(&a.ArticleID, &idx, &a.Title, &a.Action, &parties, &topics,
			&a.MeetingID, &a.Kind, &a.Series, &a.Ordinal, &a.Date); err != nil {
			return nil, fmt.Errorf("sqlite: agreements: %w", err)
		}
		if err := json.Unmarshal([]byte(parties), &a.Parties); err != nil {
			return nil, fmt.Errorf("sqlite: agreements: %s meeting %d: parties: %w", a.ArticleID, idx, err)
		}
		if err := json.Unmarshal([]byte(topics), &a.Topics); err != nil {
			return nil, fmt.Errorf("sqlite: agreements: %s meeting %d: topics: %w", a.ArticleID, idx, err)
		}
		a.MeetingID = meetingID(a.ArticleID, idx, a.MeetingID)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: agreements: %w", err)
	}
	return out, nil
}
