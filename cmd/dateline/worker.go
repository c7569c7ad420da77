package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"github.com/spf13/cobra"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/ingest"
	"github.com/dateline-news/dateline/internal/queue"
	"github.com/dateline-news/dateline/internal/store/postgres"
)

func init() {
	commands = append(commands, workerCmd)
}

// queueFlag adds --queue, defaulting to $DATELINE_QUEUE.
func queueFlag(cmd *cobra.Command, dst *string) {
	cmd.Flags().StringVar(dst, "queue", os.Getenv("DATELINE_QUEUE"),
		"NATS JetStream queue: nats://HOST:4222[,nats://HOST2:4222][?stream=NAME], or embedded[:DIR] for an in-process server (env DATELINE_QUEUE)")
}

// ingestQueueFlag adds ingest's --queue. It has no default from the environment: a plain
// `dateline ingest` codes in-process, whatever the shell's workers are set up to use.
func ingestQueueFlag(cmd *cobra.Command, dst *string) {
	cmd.Flags().StringVar(dst, "queue", "",
		"publish the raw documents to this NATS JetStream queue for 'dateline worker' instead of coding them here: nats://HOST:4222[?stream=NAME], or embedded[:DIR] to run the queue and a worker in this process")
}

// storeName is the store's name for messages, without a password.
func storeName(where string) string {
	if postgres.IsURL(where) {
		return postgres.Redact(where)
	}
	return where
}

func workerCmd(g *globals) *cobra.Command {
	var (
		queueURL, id string
		batch        int
		drain        bool
		ackWait      time.Duration
		heartbeat    time.Duration
		maxDeliver   int
	)
	cmd := &cobra.Command{
		Use:   "worker --queue URL [--store postgres://...]",
		Short: "Code documents from the queue and store them (run any number, on any machines)",
		Long: `Worker pulls raw documents that 'dateline ingest --queue' published, codes them and saves them
to the store (on many machines: PostgreSQL), acknowledging each document only after its rows are
committed. Run as many as you like; a killed worker loses nothing (its documents go to another
after the ack wait), and a document is never stored twice. A document that cannot be coded or
stored goes to the dead letters with its error ('dateline deadletter list') and the worker goes on.
SIGINT or SIGTERM stops it after saving what it has coded.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if queueURL == "" {
				return errors.New("worker: no queue: give --queue nats://HOST:4222 (or set DATELINE_QUEUE)")
			}
			ctx := cmd.Context()
			st, p, err := g.storeAndPipeline(ctx)
			if err != nil {
				return err
			}
			defer st.Close()
			q, err := queue.Open(ctx, queueURL, queue.Options{
				AckWait: ackWait, MaxDeliver: maxDeliver, Name: "dateline worker",
				UpdateConsumer: cmd.Flags().Changed("ack-wait") || cmd.Flags().Changed("max-deliver"),
			})
			if err != nil {
				return err
			}
			defer q.Close()
			if id == "" {
				host, _ := os.Hostname()
				id = fmt.Sprintf("%s-%d", host, os.Getpid())
			}
			w := &queue.Worker{Queue: q, Coder: p, Store: st, Batch: batch, Threads: g.workers, Drain: drain, ID: id,
				Heartbeat: heartbeat,
				AfterSave: func(ctx context.Context, docs []*dateline.Document) error { return learn(ctx, g, st, docs) }}
			fmt.Fprintf(os.Stderr, "dateline: worker %s: coding documents from %s (stream %s) into %s\n",
				id, q.Where(), q.Names.Stream, storeName(g.store))
			start := time.Now()
			err = w.Run(ctx)
			printWorkerSummary(w.Stats(), time.Since(start), g.store)
			return err
		},
	}
	queueFlag(cmd, &queueURL)
	cmd.Flags().IntVar(&batch, "batch", 128, "documents per fetch and per store transaction")
	cmd.Flags().BoolVar(&drain, "drain", false, "exit once nothing is waiting or in flight, instead of waiting for more")
	cmd.Flags().StringVar(&id, "id", "", "the worker's name in status (default HOST-PID)")
	cmd.Flags().DurationVar(&heartbeat, "heartbeat", 5*time.Second, "how often the worker reports its counters to status")
	cmd.Flags().DurationVar(&ackWait, "ack-wait", queue.DefaultAckWait, "how long a document may be held before another worker gets it (sets the queue's consumer)")
	cmd.Flags().IntVar(&maxDeliver, "max-deliver", queue.DefaultMaxDeliver, "deliveries before an unacknowledged document becomes a dead letter (sets the queue's consumer)")
	return cmd
}

func printWorkerSummary(s queue.Stats, elapsed time.Duration, where string) {
	fmt.Fprintf(os.Stderr, "dateline: worker %s: %d documents, %d articles added, %d events added, %d already stored, %d dead letters, %d handed back, %.1fs → %s\n",
		s.ID, s.Docs, s.Articles, s.Events, s.Skipped, s.Dead, s.Retried, elapsed.Seconds(), storeName(where))
}

// ingestToQueue is `dateline ingest --queue`: it reads the inputs and publishes each raw
// document to the queue instead of coding it, for workers to code. With an embedded queue
// (one machine that wants the queue's semantics) it then codes them itself, with the same
// worker code, into --store.
func ingestToQueue(cmd *cobra.Command, g *globals, queueURL string, inputs []string) error {
	ctx := cmd.Context()
	target, err := queue.Parse(queueURL)
	if err != nil {
		return err
	}
	q, err := queue.Open(ctx, queueURL, queue.Options{Name: "dateline ingest"})
	if err != nil {
		return err
	}
	defer q.Close()
	start := time.Now()
	var read, bad atomic.Int64
	pub := q.NewPublisher()
	r := &ingest.Reader{}
	werr := r.Walk(ctx, inputs, os.Stdin, func(d dateline.RawDoc) error {
		read.Add(1)
		return pub.Publish(ctx, d)
	}, func(pr ingest.Problem) {
		bad.Add(1)
		fmt.Fprintln(os.Stderr, "dateline:", pr.Error())
	})
	sum := pub.Wait()
	for _, pr := range sum.Failed {
		fmt.Fprintln(os.Stderr, "dateline:", pr.Error())
	}
	problems := bad.Load() + int64(len(sum.Failed))
	fmt.Fprintf(os.Stderr, "dateline: %d documents read, %d published, %d already queued, %d problems, %.1fs → %s (stream %s)\n",
		read.Load(), sum.Published, sum.Duplicates, problems, time.Since(start).Seconds(), q.Where(), q.Names.Stream)
	if werr != nil {
		return werr
	}
	if target.Embedded != "" {
		if err := drainHere(ctx, g, q); err != nil {
			return err
		}
	}
	if problems > 0 {
		return &exitError{code: 1}
	}
	return nil
}

// drainHere codes everything on the queue in this process, into --store.
func drainHere(ctx context.Context, g *globals, q *queue.Queue) error {
	st, err := openStore(ctx, g.store)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := g.pipelineFor(ctx, st)
	if err != nil {
		return err
	}
	w := &queue.Worker{Queue: q, Coder: p, Store: st, Threads: g.workers, Drain: true,
		AfterSave: func(ctx context.Context, docs []*dateline.Document) error { return learn(ctx, g, st, docs) }}
	start := time.Now()
	err = w.Run(ctx)
	printWorkerSummary(w.Stats(), time.Since(start), g.store)
	if err != nil {
		return err
	}
	if s := w.Stats(); s.Dead > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d document(s) could not be coded or stored: see 'dateline deadletter list --queue %s'", s.Dead, q.Where())}
	}
	return nil
}
