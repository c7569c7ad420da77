package sqlite

import (
	"context"
	"fmt"

	"github.com/dateline-news/dateline/internal/store"
)

var _ store.ActorStore = (*DB)(nil)

// LearnActors implements store.ActorStore.
func (d *DB) LearnActors(ctx context.Context, actors []store.LearnedActor) error {
	if len(actors) == 0 {
		return nil
	}
	tx, err := d.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("learn actors: %w", err)
	}
	defer tx.Rollback()
	st, err := tx.PrepareContext(ctx, `INSERT INTO learned_actors (name, code, country, agent, office, first_date, article_id, evidence)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET count = count + 1`)
	if err != nil {
		return fmt.Errorf("learn actors: %w", err)
	}
	defer st.Close()
	for _, a := range actors {
		if _, err := st.ExecContext(ctx, a.Name, a.Code, a.Country, a.Agent, a.Office, a.FirstDate, a.ArticleID, a.Evidence); err != nil {
			return fmt.Errorf("learn actor %q: %w", a.Name, err)
		}
	}
	return tx.Commit()
}

// LearnedActors implements store.ActorStore.
func (d *DB) LearnedActors(ctx context.Context, status string) ([]store.LearnedActor, error) {
	rows, err := d.db.QueryContext(ctx, `SELECT name, code, country, agent, office, first_date, article_id, evidence, count, status
		FROM learned_actors WHERE (? = '' OR status = ?) ORDER BY count DESC, name`, status, status)
	if err != nil {
		return nil, fmt.Errorf("learned actors: %w", err)
	}
	defer rows.Close()
	var out []store.LearnedActor
	for rows.Next() {
		var a store.LearnedActor
		if err := rows.Scan(&a.Name, &a.Code, &a.Country, &a.Agent, &a.Office, &a.FirstDate, &a.ArticleID, &a.Evidence, &a.Count, &a.Status); err != nil {
			return nil, fmt.Errorf("learned actors: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// SetLearnedActor implements store.ActorStore.
func (d *DB) SetLearnedActor(ctx context.Context, name, status, code string) error {
	switch status {
	case "pending", "confirmed", "rejected":
	default:
		return fmt.Errorf("learned actor %q: status %q: want pending, confirmed or rejected", name, status)
	}
	res, err := d.db.ExecContext(ctx, `UPDATE learned_actors SET status = ?, code = CASE WHEN ? = '' THEN code ELSE ? END WHERE name = ?`, status, code, code, name)
	if err != nil {
		return fmt.Errorf("learned actor %q: %w", name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return fmt.Errorf("learned actor %q: %w", name, store.ErrNotFound)
	}
	return nil
}
