package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/dateline-news/dateline/internal/queue"
)

func init() {
	commands = append(commands, deadLetterCmd)
}

func deadLetterCmd(g *globals) *cobra.Command {
	var queueURL string
	cmd := &cobra.Command{
		Use:   "deadletter list|replay|drop",
		Short: "List, replay or drop documents that workers could not code or store",
		Long: `A document a worker cannot code or store (not a document at all, a coding failure, a store
that refuses it, or one that every worker taking it died on) is kept in the queue's dead-letter
stream with its error, byte for byte as it was published. 'list' shows them; 'replay' puts them
back on the queue (after a fix, say); 'drop' deletes them. SEQ is the number 'list' shows.`,
	}
	cmd.PersistentFlags().StringVar(&queueURL, "queue", os.Getenv("DATELINE_QUEUE"),
		"NATS JetStream queue: nats://HOST:4222[?stream=NAME], or embedded[:DIR] (env DATELINE_QUEUE)")
	open := func(cmd *cobra.Command) (*queue.Queue, error) {
		if queueURL == "" {
			return nil, errors.New("deadletter: no queue: give --queue nats://HOST:4222 (or set DATELINE_QUEUE)")
		}
		return queue.Open(cmd.Context(), queueURL, queue.Options{Name: "dateline deadletter"})
	}

	var asJSON, withData bool
	list := &cobra.Command{
		Use:   "list",
		Short: "List the dead letters with their errors",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			q, err := open(cmd)
			if err != nil {
				return err
			}
			defer q.Close()
			dead, err := q.DeadLetters(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				enc := json.NewEncoder(os.Stdout)
				enc.SetEscapeHTML(false)
				for _, d := range dead {
					if !withData {
						d.Data = nil
					}
					if err := enc.Encode(d); err != nil {
						return err
					}
				}
				return nil
			}
			w := tabwriter.NewWriter(os.Stdout, 2, 8, 2, ' ', 0)
			fmt.Fprintln(w, "SEQ\tFAILED\tDOCUMENT\tORIGIN\tDELIVERIES\tERROR")
			for _, d := range dead {
				fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%d\t%s\n", d.Seq, d.FailedAt.Format(time.DateTime), dashIfEmpty(d.DocID),
					dashIfEmpty(d.Origin), d.Deliveries, d.Error)
				if withData {
					fmt.Fprintf(w, "\t\t%q\n", d.Data)
				}
			}
			if err := w.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(os.Stderr, "dateline: %d dead letter(s) in %s (stream %s)\n", len(dead), q.Where(), q.Names.Dead)
			return nil
		},
	}
	list.Flags().BoolVar(&asJSON, "json", false, "one JSON object per dead letter")
	list.Flags().BoolVar(&withData, "data", false, "include each message as published")

	var all bool
	act := func(use, short, verb string, fn func(*queue.Queue, *cobra.Command, []uint64) (int, error)) *cobra.Command {
		c := &cobra.Command{
			Use:   use + " [SEQ...] | --all",
			Short: short,
			RunE: func(cmd *cobra.Command, args []string) error {
				if len(args) == 0 && !all {
					return fmt.Errorf("deadletter %s: name dead letters by their SEQ (see 'dateline deadletter list'), or give --all", use)
				}
				if len(args) > 0 && all {
					return fmt.Errorf("deadletter %s: give SEQs or --all, not both", use)
				}
				var seqs []uint64
				for _, a := range args {
					n, err := strconv.ParseUint(a, 10, 64)
					if err != nil || n == 0 {
						return fmt.Errorf("deadletter %s: %q is not a dead letter's SEQ (a number 'dateline deadletter list' shows)", use, a)
					}
					seqs = append(seqs, n)
				}
				q, err := open(cmd)
				if err != nil {
					return err
				}
				defer q.Close()
				n, err := fn(q, cmd, seqs)
				fmt.Fprintf(os.Stderr, "dateline: %d dead letter(s) %s\n", n, verb)
				return err
			},
		}
		c.Flags().BoolVar(&all, "all", false, "every dead letter")
		return c
	}
	replay := act("replay", "Put dead letters back on the queue, as first published", "replayed",
		func(q *queue.Queue, cmd *cobra.Command, seqs []uint64) (int, error) {
			return q.Replay(cmd.Context(), seqs)
		})
	drop := act("drop", "Delete dead letters", "dropped",
		func(q *queue.Queue, cmd *cobra.Command, seqs []uint64) (int, error) {
			return q.Drop(cmd.Context(), seqs)
		})
	cmd.AddCommand(list, replay, drop)
	return cmd
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
