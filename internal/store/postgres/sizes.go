package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// TableSize is what one table takes on disk: rows (the planner's estimate, refreshed by
// ANALYZE), the heap with its TOAST (long bodies) and its indexes, summed over partitions.
type TableSize struct {
	Table      string
	Rows       int64
	TableBytes int64 // heap, TOAST and free-space maps
	IndexBytes int64
}

// Sizes reports the size of each of dateline's tables, for `dateline status` and the capacity
// model in docs/scaling.md. Row counts are estimates, so that it stays cheap on billions of
// rows; run ANALYZE first for exact figures on a quiet database.
func (s *Store) Sizes(ctx context.Context) ([]TableSize, error) {
	rows, err := s.pool.Query(ctx, `
SELECT t.name,
	COALESCE(SUM(GREATEST(c.reltuples, 0)), 0)::bigint,
	COALESCE(SUM(pg_table_size(p.relid)), 0)::bigint,
	COALESCE(SUM(pg_indexes_size(p.relid)), 0)::bigint
FROM unnest(ARRAY['articles', 'actors', 'events', 'meetings']) WITH ORDINALITY AS t (name, ord)
CROSS JOIN LATERAL (
	-- A partitioned table's partitions; a plain table is its own (pg_partition_tree gives it
	-- no row).
	SELECT tree.relid FROM pg_partition_tree(to_regclass(t.name)) AS tree WHERE tree.isleaf
	UNION
	SELECT c.oid FROM pg_class c WHERE c.oid = to_regclass(t.name) AND c.relkind = 'r'
) AS p
JOIN pg_class c ON c.oid = p.relid
GROUP BY t.name, t.ord
ORDER BY t.ord`)
	if err != nil {
		return nil, fmt.Errorf("postgres: sizes: %w", err)
	}
	sizes, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (TableSize, error) {
		var ts TableSize
		err := r.Scan(&ts.Table, &ts.Rows, &ts.TableBytes, &ts.IndexBytes)
		return ts, err
	})
	if err != nil {
		return nil, fmt.Errorf("postgres: sizes: %w", err)
	}
	return sizes, nil
}

// Analyze refreshes the planner's statistics (and so Sizes' row estimates) of dateline's tables.
func (s *Store) Analyze(ctx context.Context) error {
	if _, err := s.pool.Exec(ctx, `ANALYZE articles, actors, events, meetings`); err != nil {
		return fmt.Errorf("postgres: analyze: %w", err)
	}
	return nil
}
