package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sync/atomic"

	"github.com/spf13/cobra"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/ingest"
	"github.com/dateline-news/dateline/internal/pipeline"
)

func codeCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "code [FILE|DIR|-]...",
		Short: "Code documents without a store: one JSON line per document on stdout",
		Long: `Code reads stories (plain text, JSONL with id/title/published/text, folders, or - for stdin)
and writes one JSON object per document to stdout: its dateline, date, actors, events and meetings.
Logs and problems go to stderr; the exit status is 1 if any document could not be read.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := g.pipeline()
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(os.Stdout, 1<<16)
			defer w.Flush()
			enc := json.NewEncoder(w)
			enc.SetEscapeHTML(false)
			bad, err := run(cmd.Context(), p, g.workers, args, func(d *dateline.Document) error {
				return enc.Encode(d)
			})
			if err != nil {
				return err
			}
			if bad > 0 {
				w.Flush()
				return &exitError{code: 1, msg: fmt.Sprintf("%d document(s) could not be read", bad)}
			}
			return nil
		},
	}
	return cmd
}

// run reads the inputs and codes every document, calling out in input order. Problems are
// reported on stderr and counted.
func run(ctx context.Context, p *pipeline.Pipeline, workers int, inputs []string, out func(*dateline.Document) error) (int64, error) {
	var bad atomic.Int64
	r := &ingest.Reader{}
	return runWith(ctx, p, r, workers, inputs, nil, out, func(pr ingest.Problem) {
		bad.Add(1)
		fmt.Fprintln(os.Stderr, "dateline:", pr.Error())
	}, &bad)
}

func runWith(ctx context.Context, p *pipeline.Pipeline, r *ingest.Reader, workers int, inputs []string,
	skip func(dateline.RawDoc) bool, out func(*dateline.Document) error, badFn func(ingest.Problem), bad *atomic.Int64) (int64, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	ch := make(chan dateline.RawDoc, 64)
	walkErr := make(chan error, 1)
	go func() {
		defer close(ch)
		walkErr <- r.Walk(ctx, inputs, os.Stdin, func(d dateline.RawDoc) error {
			if skip != nil && skip(d) {
				return nil
			}
			select {
			case ch <- d:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}, badFn)
	}()
	err := p.Run(ctx, ch, workers, out)
	cancel()
	for range ch { // let the walker finish
	}
	if werr := <-walkErr; err == nil && werr != nil && werr != context.Canceled {
		err = werr
	}
	return bad.Load(), err
}
