// Command dateline turns news reports into an auditable database of political events.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/dateline-news/dateline/internal/kb"
	"github.com/dateline-news/dateline/internal/pipeline"
	"github.com/dateline-news/dateline/internal/store"
	"github.com/dateline-news/dateline/internal/store/postgres"
	"github.com/dateline-news/dateline/internal/store/sqlite"
)

// exitError carries an exit status without printing more than what was already said.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// commands are the subcommands; each file registers its own in an init function, so a new
// command is a new file.
var commands []func(*globals) *cobra.Command

func init() {
	commands = append(commands, demoCmd, ingestCmd, codeCmd, eventsCmd, exportCmd, evalCmd, benchCmd, explainCmd)
}

type globals struct {
	noLearned bool
	store     string
	dicts     []string
	workers   int
	verbose   bool
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	g := &globals{}
	root := &cobra.Command{
		Use:           "dateline",
		Short:         "Turn news reports into an auditable database of political events",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, args []string) {
			level := slog.LevelWarn
			if g.verbose {
				level = slog.LevelDebug
			}
			slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level})))
		},
	}
	def := os.Getenv("DATELINE_STORE")
	if def == "" {
		def = "./dateline.db"
	}
	root.PersistentFlags().StringVar(&g.store, "store", def, "where events are stored: an SQLite file or a postgres:// URL (env DATELINE_STORE)")
	root.PersistentFlags().StringArrayVar(&g.dicts, "dict", nil, "extra dictionary file (actors, agents, people or verb patterns; repeatable)")
	root.PersistentFlags().IntVar(&g.workers, "workers", 0, "coding goroutines (0 = all cores)")
	root.PersistentFlags().BoolVarP(&g.verbose, "verbose", "v", false, "log more to stderr")
	root.PersistentFlags().BoolVar(&g.noLearned, "no-learned", false, "neither use nor remember actors learned from earlier articles")
	for _, mk := range commands {
		root.AddCommand(mk(g))
	}
	if err := root.ExecuteContext(ctx); err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			if ee.msg != "" {
				fmt.Fprintln(os.Stderr, "dateline:", ee.msg)
			}
			os.Exit(ee.code)
		}
		fmt.Fprintln(os.Stderr, "dateline:", err)
		os.Exit(1)
	}
}

func (g *globals) pipeline() (*pipeline.Pipeline, error) {
	return pipeline.Load(pipeline.Options{Dicts: g.dicts})
}

// storeAndPipeline opens the store named by --store and loads the pipeline with what it has
// learned; the caller closes the store.
func (g *globals) storeAndPipeline(ctx context.Context) (store.Store, *pipeline.Pipeline, error) {
	st, err := openStore(ctx, g.store)
	if err != nil {
		return nil, nil, err
	}
	p, err := g.pipelineFor(ctx, st)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, p, nil
}

// pipelineFor loads the pipeline with the actors the store has learned (all but the rejected),
// as one snapshot for the whole run, so that a run's output does not depend on the order in
// which workers finish.
func (g *globals) pipelineFor(ctx context.Context, st store.Store) (*pipeline.Pipeline, error) {
	opt := pipeline.Options{Dicts: g.dicts}
	if as, ok := st.(store.ActorStore); ok && !g.noLearned {
		ls, err := as.LearnedActors(ctx, "")
		if err != nil {
			return nil, err
		}
		for _, l := range ls {
			if l.Status == "rejected" {
				continue
			}
			country, agent := l.Country, l.Agent
			if len(l.Code) >= 3 && !strings.HasPrefix(l.Code, "IGO") { // a user's fix wins
				country, agent = l.Code[:3], l.Code[3:]
			}
			opt.Learned = append(opt.Learned, kb.Learned{Name: l.Name, Country: country, Agent: agent, Office: l.Office, Since: l.FirstDate})
		}
	}
	return pipeline.Load(opt)
}

// openStore opens the store named by --store.
func openStore(ctx context.Context, where string) (store.Store, error) {
	if postgres.IsURL(where) {
		return postgres.Open(ctx, where)
	}
	return sqlite.Open(ctx, strings.TrimPrefix(where, "sqlite://"))
}
