package main

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/ingest"
	"github.com/dateline-news/dateline/internal/pipeline"
	"github.com/dateline-news/dateline/internal/store"
)

const saveBatch = 256

func ingestCmd(g *globals) *cobra.Command {
	var noProgress bool
	var queueURL string
	cmd := &cobra.Command{
		Use:   "ingest [FILE|DIR|-]...",
		Short: "Read, code and store documents (re-ingesting the same input adds nothing)",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if queueURL != "" { // publish raw documents for workers instead (worker.go)
				return ingestToQueue(cmd, g, queueURL, args)
			}
			ctx := cmd.Context()
			st, p, err := g.storeAndPipeline(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			sum, err := ingestInto(cmd, g, st, p, args, !noProgress && term.IsTerminal(int(os.Stderr.Fd())))
			fmt.Fprintf(os.Stderr, "dateline: %d articles read, %d added, %d already stored, %d events added, %d problems, %.1fs → %s\n",
				sum.read, sum.added, sum.skipped, sum.events, sum.bad, sum.elapsed.Seconds(), g.store)
			if err != nil {
				return err
			}
			if sum.bad > 0 {
				return &exitError{code: 1}
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&noProgress, "no-progress", false, "no progress bar even on a terminal")
	ingestQueueFlag(cmd, &queueURL)
	cmd.Flags().Bool("stories", true, "link copies, group articles into stories and merge the reports of one event (stories.go)")
	return cmd
}

type ingestSummary struct {
	read, added, skipped, events, bad, sentences int64
	bytes                                        int64
	elapsed                                      time.Duration
}

func ingestInto(cmd *cobra.Command, g *globals, st store.Store, p *pipeline.Pipeline, inputs []string, progress bool) (ingestSummary, error) {
	ctx := cmd.Context()
	start := time.Now()
	var sum ingestSummary
	var bad, early atomic.Int64 // early: already stored, skipped before coding
	r := &ingest.Reader{}
	var bar *progressbar.ProgressBar
	if progress {
		bar = progressbar.DefaultBytes(ingest.Size(inputs), "ingesting")
	}
	batch := make([]*dateline.Document, 0, saveBatch)
	stories := newStoryHook(cmd, st) // stories.go: duplicates, stories and merged events
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		res, err := stories.save(ctx, batch)
		if err != nil {
			return err
		}
		if err := learn(ctx, g, st, batch); err != nil {
			return err
		}
		sum.added += int64(res.Articles)
		sum.skipped += int64(res.Skipped)
		sum.events += int64(res.Events)
		batch = batch[:0]
		if bar != nil {
			_ = bar.Set64(r.BytesRead())
		}
		return nil
	}
	// Documents with an id already stored are not coded again.
	skip := func(d dateline.RawDoc) bool {
		if d.ID == "" {
			return false
		}
		has, err := st.Has(ctx, []string{d.ID})
		if err == nil && has[d.ID] {
			early.Add(1)
			return true
		}
		return false
	}
	_, err := runWith(ctx, p, r, g.workers, inputs, skip, func(d *dateline.Document) error {
		sum.read++
		sum.sentences += int64(len(d.Sentences))
		sum.bytes += int64(len(d.Article.Body))
		d.Sentences = nil // not stored; free early
		batch = append(batch, d)
		if len(batch) == saveBatch {
			return flush()
		}
		return nil
	}, func(pr ingest.Problem) {
		bad.Add(1)
		if bar != nil {
			_ = bar.Clear()
		}
		fmt.Fprintln(os.Stderr, "dateline:", pr.Error())
	}, &bad)
	if ferr := flush(); err == nil {
		err = ferr
	}
	if bar != nil {
		_ = bar.Finish()
	}
	sum.bad = bad.Load()
	sum.skipped += early.Load()
	sum.read += early.Load()
	sum.elapsed = time.Since(start)
	return sum, err
}

// learn remembers the people a batch's articles introduced that the knowledge base lacks.
func learn(ctx context.Context, g *globals, st store.Store, docs []*dateline.Document) error {
	as, ok := st.(store.ActorStore)
	if !ok || g.noLearned {
		return nil
	}
	var ls []store.LearnedActor
	for _, d := range docs {
		for _, a := range pipeline.Learnable(d) {
			ls = append(ls, store.LearnedActor{Name: a.Name, Code: a.Code, Country: a.Country, Agent: a.Agent,
				Office: a.Role, FirstDate: d.Date, ArticleID: d.ID, Evidence: a.Mentions[0].Text})
		}
	}
	return as.LearnActors(ctx, ls)
}
