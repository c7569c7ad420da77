package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dateline-news/dateline/internal/queue"
	"github.com/dateline-news/dateline/internal/store"
	"github.com/dateline-news/dateline/internal/store/postgres"
)

func init() {
	commands = append(commands, statusCmd)
}

// statusReport is what `dateline status --json` writes.
type statusReport struct {
	Queue *queueReport `json:"queue,omitempty"`
	Store *storeReport `json:"store,omitempty"`
}

type queueReport struct {
	queue.Status
	Where string `json:"where"`
	// Rates over the sampling interval: documents published, and documents finished (stored,
	// skipped or dead), per second.
	Interval      string  `json:"interval,omitempty"`
	PublishedRate float64 `json:"published_per_s"`
	FinishedRate  float64 `json:"finished_per_s"`
}

type storeReport struct {
	Where  string               `json:"where"`
	Stats  store.Stats          `json:"stats"`
	Tables []postgres.TableSize `json:"tables,omitempty"`
}

func statusCmd(g *globals) *cobra.Command {
	var (
		queueURL        string
		interval        time.Duration
		asJSON, analyze bool
	)
	cmd := &cobra.Command{
		Use:   "status [--queue URL] [--store ...]",
		Short: "Show the queue's depth, rates, dead letters and workers, and what the store holds",
		Long: `Status shows the queue (documents waiting, in flight, finished and dead; how fast they are
published and finished, measured over --interval; each running worker's counters) and the store
(rows; for PostgreSQL, each table's rows and bytes on disk with its indexes).
The store is shown when --store (or DATELINE_STORE) is given, or when there is no queue.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			var rep statusReport
			if queueURL != "" {
				q, err := queue.Open(ctx, queueURL, queue.Options{Name: "dateline status"})
				if err != nil {
					return err
				}
				defer q.Close()
				first, err := q.Status(ctx)
				if err != nil {
					return err
				}
				qr := &queueReport{Status: first, Where: q.Where()}
				if interval > 0 {
					select {
					case <-ctx.Done():
						return ctx.Err()
					case <-time.After(interval):
					}
					last, err := q.Status(ctx)
					if err != nil {
						return err
					}
					dt := last.At.Sub(first.At).Seconds()
					qr.Status = last
					qr.Interval = last.At.Sub(first.At).Round(time.Millisecond).String()
					qr.PublishedRate = float64(last.Published-first.Published) / dt
					qr.FinishedRate = float64(last.Finished-first.Finished) / dt
				}
				rep.Queue = qr
			}
			if queueURL == "" || cmd.Flag("store").Changed || os.Getenv("DATELINE_STORE") != "" {
				st, err := openStore(ctx, g.store)
				if err != nil {
					return err
				}
				defer st.Close()
				sr := &storeReport{Where: storeName(g.store)}
				if sr.Stats, err = st.Stats(ctx); err != nil {
					return err
				}
				if pg, ok := st.(*postgres.Store); ok {
					if analyze {
						if err := pg.Analyze(ctx); err != nil {
							return err
						}
					}
					if sr.Tables, err = pg.Sizes(ctx); err != nil {
						return err
					}
				}
				rep.Store = sr
			}
			if asJSON {
				enc := json.NewEncoder(os.Stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(rep)
			}
			return printStatus(os.Stdout, rep)
		},
	}
	queueFlag(cmd, &queueURL)
	cmd.Flags().DurationVar(&interval, "interval", 2*time.Second, "how long to watch the queue to measure rates (0: no rates)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "write the report as JSON")
	cmd.Flags().BoolVar(&analyze, "analyze", false, "refresh PostgreSQL's statistics first, so that the tables' row counts are exact")
	return cmd
}

func printStatus(out io.Writer, rep statusReport) error {
	w := tabwriter.NewWriter(out, 2, 8, 2, ' ', 0)
	if q := rep.Queue; q != nil {
		fmt.Fprintf(w, "queue %s (stream %s)\n", q.Where, q.Stream)
		fmt.Fprintf(w, "  published\t%d\n", q.Published)
		fmt.Fprintf(w, "  finished\t%d  (stored, already stored, or dead)\n", q.Finished)
		fmt.Fprintf(w, "  waiting\t%d\n", q.Waiting)
		fmt.Fprintf(w, "  in flight\t%d  (%d redelivered)\n", q.InFlight, q.Redelivered)
		if q.Stuck > 0 {
			fmt.Fprintf(w, "  stuck\t%d  (neither waiting nor in flight: given up on after the maximum deliveries while no worker was there to file them as dead letters)\n", q.Stuck)
		}
		fmt.Fprintf(w, "  dead letters\t%d%s\n", q.Dead, map[bool]string{true: "  (dateline deadletter list)", false: ""}[q.Dead > 0])
		if q.Interval != "" {
			fmt.Fprintf(w, "  rate\t%.1f documents/s finished, %.1f/s published  (over %s)\n", q.FinishedRate, q.PublishedRate, q.Interval)
		}
		fmt.Fprintf(w, "  consumer\tack wait %s, max deliveries %d\n", q.AckWait, q.MaxDeliver)
		w.Flush()
		fmt.Fprintf(out, "workers: %d\n", len(q.Workers))
		if len(q.Workers) > 0 {
			fmt.Fprintln(w, "  ID\tDOCS\tADDED\tEVENTS\tSKIPPED\tDEAD\tHANDED BACK\tDOCS/S\tUP\tSEEN")
			for _, ws := range q.Workers {
				fmt.Fprintf(w, "  %s\t%d\t%d\t%d\t%d\t%d\t%d\t%.1f\t%s\t%s ago\n", ws.ID, ws.Docs, ws.Articles, ws.Events,
					ws.Skipped, ws.Dead, ws.Retried, ws.Rate, q.At.Sub(ws.Started).Round(time.Second),
					q.At.Sub(ws.Updated).Round(time.Second))
			}
		}
		w.Flush()
	}
	if s := rep.Store; s != nil {
		fmt.Fprintf(w, "store %s\n", s.Where)
		fmt.Fprintf(w, "  articles\t%d\n  events\t%d\n  actors\t%d\n  meetings\t%d\n", s.Stats.Articles, s.Stats.Events, s.Stats.Actors, s.Stats.Meetings)
		if !s.Stats.Newest.IsZero() {
			fmt.Fprintf(w, "  newest\t%s\n", s.Stats.Newest.Format(time.RFC3339))
		}
		if len(s.Tables) > 0 {
			fmt.Fprintln(w, "  TABLE\tROWS\tTABLE BYTES\tINDEX BYTES\tBYTES/ROW")
			for _, t := range s.Tables {
				per := "-"
				if t.Rows > 0 {
					per = fmt.Sprintf("%.0f", float64(t.TableBytes+t.IndexBytes)/float64(t.Rows))
				}
				fmt.Fprintf(w, "  %s\t%d\t%d\t%d\t%s\n", t.Table, t.Rows, t.TableBytes, t.IndexBytes, per)
			}
		}
	}
	if err := w.Flush(); err != nil {
		return errors.Join(errors.New("status: write"), err)
	}
	return nil
}
