package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dateline-news/dateline/internal/store"
)

func init() { commands = append(commands, actorsCmd) }

func actorsCmd(g *globals) *cobra.Command {
	var status, format string
	cmd := &cobra.Command{
		Use:   "actors",
		Short: "List actors learned from articles' own introductions; confirm, fix or reject them",
		Long: `When an article introduces a person the knowledge base lacks ("Jane Doe, Freedonia's foreign
minister"), ingest remembers them with the article as evidence and resolves later bare mentions
("Doe said") to them. List them here; 'actors confirm NAME [--code CODE]' or 'actors reject NAME'
records your decision (rejected actors are no longer used).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			as, closeFn, err := actorStore(cmd, g)
			if err != nil {
				return err
			}
			defer closeFn()
			ls, err := as.LearnedActors(cmd.Context(), status)
			if err != nil {
				return err
			}
			w := bufio.NewWriter(os.Stdout)
			defer w.Flush()
			switch format {
			case "table":
				tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
				fmt.Fprintln(tw, "NAME\tCODE\tSTATUS\tARTICLES\tFIRST\tEVIDENCE")
				for _, l := range ls {
					fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\t%s (%s)\n", l.Name, l.Code, l.Status, l.Count, l.FirstDate, l.Evidence, l.ArticleID)
				}
				return tw.Flush()
			case "jsonl":
				enc := json.NewEncoder(w)
				for _, l := range ls {
					if err := enc.Encode(l); err != nil {
						return err
					}
				}
				return nil
			case "csv":
				cw := csv.NewWriter(w)
				cw.Write([]string{"name", "code", "country", "agent", "office", "status", "count", "first_date", "article_id", "evidence"})
				for _, l := range ls {
					cw.Write([]string{l.Name, l.Code, l.Country, l.Agent, l.Office, l.Status, strconv.Itoa(l.Count), l.FirstDate, l.ArticleID, l.Evidence})
				}
				cw.Flush()
				return cw.Error()
			}
			return fmt.Errorf("--format %q: want table, jsonl or csv", format)
		},
	}
	cmd.Flags().StringVar(&status, "status", "", "only pending, confirmed or rejected actors")
	cmd.Flags().StringVar(&format, "format", "table", "table, jsonl or csv")
	var code string
	set := func(use, status, short string) *cobra.Command {
		c := &cobra.Command{
			Use:   use + " NAME",
			Short: short,
			Args:  cobra.ExactArgs(1),
			RunE: func(cmd *cobra.Command, args []string) error {
				as, closeFn, err := actorStore(cmd, g)
				if err != nil {
					return err
				}
				defer closeFn()
				return as.SetLearnedActor(cmd.Context(), args[0], status, code)
			},
		}
		return c
	}
	confirm := set("confirm", "confirmed", "Confirm a learned actor (optionally fixing its code with --code)")
	confirm.Flags().StringVar(&code, "code", "", "the right CAMEO code, e.g. FRDGOV")
	cmd.AddCommand(confirm, set("reject", "rejected", "Reject a learned actor: it is no longer used"))
	return cmd
}

func actorStore(cmd *cobra.Command, g *globals) (store.ActorStore, func(), error) {
	st, err := openStore(cmd.Context(), g.store)
	if err != nil {
		return nil, nil, err
	}
	as, ok := st.(store.ActorStore)
	if !ok {
		st.Close()
		return nil, nil, fmt.Errorf("store %s does not keep learned actors", g.store)
	}
	return as, func() { st.Close() }, nil
}
