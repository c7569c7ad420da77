package main

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/data"
	"github.com/dateline-news/dateline/internal/eval"
	"github.com/dateline-news/dateline/internal/pipeline"
	"github.com/dateline-news/dateline/internal/store/sqlite"
)

func evalCmd(g *globals) *cobra.Command {
	var cases bool
	cmd := &cobra.Command{
		Use:   "eval GOLD.jsonl",
		Short: "Score coding against hand-coded gold sentences, with the misses and false alarms",
		Long: `Eval codes each gold sentence (the coder sees only its text and date, never the gold id or
labels) and prints the figures of shared/tools/score_sentences.py, the actor figure, a confusion
table by CAMEO root and, with --cases, every miss and false alarm.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := os.Open(args[0])
			if err != nil {
				return err
			}
			defer f.Close()
			gold, err := eval.ReadGold(f)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			p, err := g.pipeline()
			if err != nil {
				return err
			}
			sys := codeGold(cmd.Context(), p, gold, g.workers)
			eval.Score(gold, sys).Write(os.Stdout, cases)
			return nil
		},
	}
	cmd.Flags().BoolVar(&cases, "cases", true, "list misses and false alarms")
	return cmd
}

// codeGold codes gold sentences under neutral ids, so no label in a gold id can reach the coder.
func codeGold(ctx context.Context, p *pipeline.Pipeline, gold []eval.Gold, workers int) map[string][]dateline.Event {
	in := make(chan dateline.RawDoc, len(gold))
	for i, g := range gold {
		in <- dateline.RawDoc{ID: fmt.Sprintf("s%d", i+1), Text: g.Text, Published: g.Date}
	}
	close(in)
	sys := map[string][]dateline.Event{}
	i := 0
	_ = p.Run(ctx, in, workers, func(d *dateline.Document) error {
		sys[gold[i].ID] = d.Events
		i++
		return nil
	})
	return sys
}

func demoCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "demo",
		Short: "Code the bundled sample stories into a temporary store and print their events",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			dir, err := os.MkdirTemp("", "dateline-demo-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			names, err := fs.Glob(data.Files, "sample/*.txt")
			if err != nil {
				return err
			}
			stories := dir + "/stories"
			if err := os.Mkdir(stories, 0o755); err != nil {
				return err
			}
			for _, n := range names {
				b, err := fs.ReadFile(data.Files, n)
				if err != nil {
					return err
				}
				if err := os.WriteFile(stories+"/"+strings.TrimPrefix(n, "sample/"), b, 0o644); err != nil {
					return err
				}
			}
			p, err := g.pipeline()
			if err != nil {
				return err
			}
			st, err := sqlite.Open(ctx, dir+"/demo.db")
			if err != nil {
				return err
			}
			defer st.Close()
			sum, err := ingestInto(cmd, g, st, p, []string{stories}, false)
			if err != nil {
				return err
			}
			fmt.Printf("dateline demo: %d bundled stories coded, %d events stored (a temporary store; use `dateline ingest` for your own)\n\n", sum.added, sum.events)
			docs := map[string]bool{}
			for _, n := range names {
				docs[strings.TrimSuffix(strings.TrimPrefix(n, "sample/"), ".txt")] = true
			}
			for _, n := range names {
				id := strings.TrimSuffix(strings.TrimPrefix(n, "sample/"), ".txt")
				d, err := st.Document(ctx, id)
				if err != nil {
					return err
				}
				fmt.Printf("== %s — %s, dateline %s (%s), event date %s from the %s\n", id, d.Title, d.Dateline.Place, d.Dateline.Agency, d.Date, d.DateSource)
				tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "  actors:")
				for _, a := range d.Actors {
					var ms []string
					for _, m := range a.Mentions {
						ms = append(ms, fmt.Sprintf("%q", m.Text))
					}
					fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\n", a.Code, a.Name, a.Type, strings.Join(uniq(ms), " "))
				}
				tw.Flush()
				var evs []dateline.Event
				for _, e := range d.Events {
					evs = append(evs, e)
				}
				if err := eventTable(os.Stdout, evs); err != nil {
					return err
				}
				fmt.Println()
			}
			return nil
		},
	}
}

func uniq(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

func benchCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "bench FILE|DIR...",
		Short: "Measure the whole pipeline into a fresh store: articles/s, sentences/s, MB/s, peak memory",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			dir, err := os.MkdirTemp("", "dateline-bench-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(dir)
			t0 := time.Now()
			p, err := g.pipeline()
			if err != nil {
				return err
			}
			load := time.Since(t0)
			st, err := sqlite.Open(ctx, dir+"/bench.db")
			if err != nil {
				return err
			}
			defer st.Close()
			sum, err := ingestInto(cmd, g, st, p, args, false)
			if err != nil {
				return err
			}
			var ru syscall.Rusage
			_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
			secs := sum.elapsed.Seconds()
			workers := g.workers
			if workers <= 0 {
				workers = runtime.GOMAXPROCS(0)
			}
			fmt.Printf("dateline bench: %s on %d cores (%d workers), %s\n", strings.Join(args, " "), runtime.NumCPU(), workers, runtime.Version())
			fmt.Printf("  knowledge and models loaded in %.2fs\n", load.Seconds())
			fmt.Printf("  articles   %8d   %9.0f /s\n", sum.read, float64(sum.read)/secs)
			fmt.Printf("  sentences  %8d   %9.0f /s\n", sum.sentences, float64(sum.sentences)/secs)
			fmt.Printf("  events     %8d   %9.0f /s\n", sum.events, float64(sum.events)/secs)
			fmt.Printf("  text       %8.1f MB %7.2f MB/s\n", float64(sum.bytes)/1e6, float64(sum.bytes)/1e6/secs)
			fmt.Printf("  elapsed    %8.2f s (read, code and store into a fresh SQLite file)\n", secs)
			fmt.Printf("  peak RSS   %8.0f MB\n", float64(ru.Maxrss)/1024)
			if sum.bad > 0 {
				fmt.Printf("  problems   %8d documents could not be read\n", sum.bad)
			}
			return nil
		},
	}
}
