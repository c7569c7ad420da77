package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store"
	"github.com/dateline-news/dateline/internal/story"
)

func init() {
	commands = append(commands, storiesCmd, storyCmd)
}

// storyHook puts each ingest batch through the story stage before it is saved: articles are
// linked to the articles they copy and placed in stories, and their events keyed so that the
// store merges the reports of one event. With a store that keeps no stories, or with
// --stories=false, it is plain Save.
type storyHook struct {
	st  store.Store
	ss  store.StoryStore
	asg *story.Assigner
}

func newStoryHook(cmd *cobra.Command, st store.Store) *storyHook {
	h := &storyHook{st: st}
	if f := cmd.Flags().Lookup("stories"); f != nil && f.Value.String() == "false" {
		return h
	}
	h.ss, _ = st.(store.StoryStore)
	return h
}

// save assigns the batch's new articles to stories and saves the batch.
func (h *storyHook) save(ctx context.Context, docs []*dateline.Document) (store.SaveResult, error) {
	if h.ss == nil {
		return h.st.Save(ctx, docs)
	}
	if h.asg == nil {
		// Resume where the last run stopped: its counts, open stories and recent articles.
		cfg := story.DefaultConfig()
		state, err := h.ss.StoryState(ctx, cfg.MaxStories, cfg.Window)
		if err != nil {
			return store.SaveResult{}, err
		}
		asg := story.New(cfg)
		if err := restore(asg, state); err != nil {
			return store.SaveResult{}, fmt.Errorf("stories: %w (run with --stories=false to ingest without them)", err)
		}
		h.asg = asg
	}
	// Only articles not stored yet go to the assigner: Save skips the others, and they must not
	// count twice in its memory.
	ids := make([]string, 0, len(docs))
	for _, d := range docs {
		if d != nil {
			ids = append(ids, d.ID)
		}
	}
	has, err := h.st.Has(ctx, ids)
	if err != nil {
		return store.SaveResult{}, err
	}
	fresh := make([]*dateline.Document, 0, len(docs))
	for _, d := range docs {
		if d != nil && !has[d.ID] {
			fresh = append(fresh, d)
		}
	}
	res := h.asg.Assign(fresh)
	return h.ss.SaveStories(ctx, docs, storyBatch(res, h.asg.Snapshot()))
}

// storyBatch turns the story stage's result into the store's terms.
func storyBatch(res story.Result, state []byte) store.StoryBatch {
	b := store.StoryBatch{State: state}
	for _, a := range res.Articles {
		sig, _ := a.Signature.MarshalBinary() // cannot fail
		as := store.ArticleStory{
			ArticleID: a.ArticleID, StoryID: a.StoryID, DuplicateOf: a.DuplicateOf, Duplicate: a.Duplicate,
			Similarity: a.Similarity, Outlet: a.Outlet, Hash: a.Hash, Signature: sig,
		}
		for _, k := range a.Events {
			as.Events = append(as.Events, store.EventMerge{Key: k.Key, From: k.From, To: k.To})
		}
		b.Articles = append(b.Articles, as)
	}
	for _, s := range res.Stories {
		b.Stories = append(b.Stories, store.StoryRecord{ID: s.ID, Title: s.Title, Articles: s.Articles, Profile: s.Profile})
	}
	return b
}

func restore(asg *story.Assigner, st *store.StoryState) error {
	stories := make([]story.StoryState, len(st.Stories))
	for i, s := range st.Stories {
		stories[i] = story.StoryState{ID: s.ID, Title: s.Title, Articles: s.Articles, Profile: s.Profile}
	}
	articles := make([]story.Assignment, 0, len(st.Articles))
	for _, a := range st.Articles {
		var sig story.Signature
		if err := sig.UnmarshalBinary(a.Signature); err != nil {
			continue // an article stored without stories has no signature: nothing to compare
		}
		articles = append(articles, story.Assignment{ArticleID: a.ArticleID, StoryID: a.StoryID, Hash: a.Hash, Signature: sig})
	}
	return asg.Restore(st.State, stories, articles)
}

// storyStore opens --store and checks that it keeps stories.
func storyStore(ctx context.Context, g *globals) (store.StoryStore, func() error, error) {
	st, err := openStore(ctx, g.store)
	if err != nil {
		return nil, nil, err
	}
	ss, ok := st.(store.StoryStore)
	if !ok {
		st.Close()
		return nil, nil, fmt.Errorf("store %s keeps no stories", g.store)
	}
	return ss, st.Close, nil
}

func storiesCmd(g *globals) *cobra.Command {
	var (
		f      store.StoryFilter
		format string
	)
	cmd := &cobra.Command{
		Use:   "stories",
		Short: "List stories: the articles that report one real-world event, with their merged events",
		Long: `Stories lists the stored stories in the order they began. --format jsonl writes one line per
story: {"id", "title", "articles": [{"id", "title", ...}], "events": [merged events, each with its
reports]}, where an article's id is the id it had in its input.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "table" && format != "jsonl" {
				return fmt.Errorf("--format %q: want table or jsonl", format)
			}
			ss, closeFn, err := storyStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer closeFn()
			list, err := ss.Stories(cmd.Context(), f)
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(os.Stdout, 1<<16)
			defer w.Flush()
			if format == "jsonl" {
				enc := json.NewEncoder(w)
				enc.SetEscapeHTML(false)
				for i := range list {
					if err := enc.Encode(&list[i]); err != nil {
						return err
					}
				}
				return nil
			}
			return storyTable(w, list)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "table", "table or jsonl")
	fl.IntVar(&f.MinArticles, "min-articles", 0, "only stories of at least this many articles")
	fl.BoolVar(&f.All, "all", false, "include negated and hypothetical events")
	fl.IntVar(&f.Limit, "limit", 0, "at most this many stories (0 = all)")
	fl.IntVar(&f.Offset, "offset", 0, "skip this many stories")
	return cmd
}

// storyTable prints one line per story.
func storyTable(w io.Writer, list []store.Story) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STORY\tARTICLES\tCOPIES\tEVENTS\tREPORTS\tTITLE")
	for _, s := range list {
		copies, reports := 0, 0
		for _, a := range s.Articles {
			if a.Duplicate != "" {
				copies++
			}
		}
		for _, e := range s.Events {
			reports += len(e.Reports)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%s\n", s.ID, len(s.Articles), copies, len(s.Events), reports, cut(s.Title, 80))
	}
	return tw.Flush()
}

func storyCmd(g *globals) *cobra.Command {
	var (
		all    bool
		format string
	)
	cmd := &cobra.Command{
		Use:   "story ID",
		Short: "Show one story: its articles (with the copies they are) and its merged events with every report",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if format != "text" && format != "json" {
				return fmt.Errorf("--format %q: want text or json", format)
			}
			ss, closeFn, err := storyStore(cmd.Context(), g)
			if err != nil {
				return err
			}
			defer closeFn()
			s, err := ss.Story(cmd.Context(), args[0], all)
			if errors.Is(err, store.ErrNotFound) {
				return fmt.Errorf("no story %q (a story's id is its first article's id; see `dateline stories`)", args[0])
			}
			if err != nil {
				return err
			}
			w := bufio.NewWriter(os.Stdout)
			defer w.Flush()
			if format == "json" {
				enc := json.NewEncoder(w)
				enc.SetEscapeHTML(false)
				enc.SetIndent("", "  ")
				return enc.Encode(s)
			}
			return showStory(w, s)
		},
	}
	cmd.Flags().BoolVar(&all, "all", false, "include negated and hypothetical events")
	cmd.Flags().StringVar(&format, "format", "text", "text or json")
	return cmd
}

func showStory(w io.Writer, s *store.Story) error {
	fmt.Fprintf(w, "story %s: %s\n%d articles, %d events\n\n", s.ID, s.Title, len(s.Articles), len(s.Events))
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ARTICLE\tDATE\tOUTLET\tCOPY OF\tTITLE")
	for _, a := range s.Articles {
		dup := "-"
		if a.Duplicate != "" {
			dup = fmt.Sprintf("%s (%s, %.2f)", a.DuplicateOf, a.Duplicate, a.Similarity)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.ID, dash(a.Date), dash(a.Outlet), dup, cut(a.Title, 70))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, e := range s.Events {
		mood := e.Mood
		if e.Negated {
			mood += ",negated"
		}
		fmt.Fprintf(w, "\nevent %s  %s  %s %s %s  %s  mentions %d, sources %d, articles %d\n",
			strconv.FormatInt(e.GlobalID, 10), dash(e.Date), side(e.Source), e.Cameo, side(e.Target), mood,
			e.NumMentions, e.NumSources, e.NumArticles)
		for _, r := range e.Reports {
			fmt.Fprintf(w, "  %s: %s\n", r.ArticleID, cut(r.Sentence, 110))
		}
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// cut shortens s to about n bytes at a word boundary, on one line.
func cut(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	i := strings.LastIndexByte(s[:n], ' ')
	if i < n/2 {
		i = n
		for i > 0 && !isRuneStart(s[i]) {
			i--
		}
	}
	return s[:i] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
