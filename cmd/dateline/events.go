package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/export"
	"github.com/dateline-news/dateline/internal/store"
)

func filterFlags(cmd *cobra.Command, f *store.EventFilter) {
	fl := cmd.Flags()
	fl.StringVar(&f.Actor, "actor", "", "source or target code or country starts with this (CHN, CHNGOV, IGO)")
	fl.StringVar(&f.Source, "source", "", "source code or country starts with this")
	fl.StringVar(&f.Target, "target", "", "target code or country starts with this")
	fl.StringVar(&f.Since, "since", "", "events on or after this date (YYYY-MM-DD)")
	fl.StringVar(&f.Until, "until", "", "events on or before this date (YYYY-MM-DD)")
	fl.StringVar(&f.Cameo, "cameo", "", "CAMEO code prefix (04, 057)")
	fl.IntVar(&f.QuadClass, "quad", 0, "QuadClass 1-4")
	fl.StringVar(&f.Text, "text", "", "full-text search over the articles")
	fl.StringVar(&f.Country, "country", "", "events located in this country (ISO3 code or name)")
	fl.StringVar(&f.Near, "near", "", "events located near a place: a city (within 50 km; Geneva:100km, 46.2,6.15:30mi), a division or a country")
	fl.StringVar(&f.ArticleID, "article", "", "events of one article")
	fl.BoolVar(&f.All, "all", false, "include negated and hypothetical events (kept for audit, not counted by default)")
	fl.IntVar(&f.Limit, "limit", 0, "at most this many events (0 = all)")
}

// storedEvents opens the store and lists the events the filter selects.
func storedEvents(cmd *cobra.Command, g *globals, f store.EventFilter) ([]dateline.Event, error) {
	st, err := openStore(cmd.Context(), g.store)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return st.Events(cmd.Context(), f)
}

func eventsCmd(g *globals) *cobra.Command {
	var f store.EventFilter
	var format string
	cmd := &cobra.Command{
		Use:   "events",
		Short: "List stored events",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			evs, err := storedEvents(cmd, g, f)
			if err != nil {
				return err
			}
			w := bufio.NewWriter(os.Stdout)
			defer w.Flush()
			switch format {
			case "table":
				return eventTable(w, evs)
			case "jsonl":
				return export.JSONL(w, evs)
			case "csv":
				return export.CSV(w, evs)
			}
			return fmt.Errorf("--format %q: want table, jsonl or csv", format)
		},
	}
	filterFlags(cmd, &f)
	cmd.Flags().StringVar(&format, "format", "table", "table, jsonl or csv")
	return cmd
}

func side(r *dateline.ActorRef) string {
	if r == nil {
		return "-"
	}
	return r.Code
}

// eventTable prints events for a person to read: one line each, the sentence cut short.
func eventTable(w io.Writer, evs []dateline.Event) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tDATE\tSOURCE\tCAMEO\tTARGET\tMOOD\tPLACE\tEVIDENCE")
	for _, e := range evs {
		mood := e.Mood
		if e.Negated {
			mood += ",negated"
		}
		ev := e.Sentence
		if len(ev) > 90 {
			cut := strings.LastIndexByte(ev[:90], ' ')
			if cut < 40 {
				cut = 90
			}
			ev = ev[:cut] + "…"
		}
		id := e.ID
		if e.GlobalID != 0 {
			id = strconv.FormatInt(e.GlobalID, 10)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", id, e.Date, side(e.Source), e.Cameo, side(e.Target), mood, placeOf(e.Location), ev)
	}
	return tw.Flush()
}

func exportCmd(g *globals) *cobra.Command {
	var f store.EventFilter
	var format string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export stored events: GDELT 2.0 event table (TSV), JSONL or CSV",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			evs, err := storedEvents(cmd, g, f)
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(os.Stdout, 1<<16)
			defer w.Flush()
			switch format {
			case "gdelt":
				p, err := g.pipeline()
				if err != nil {
					return err
				}
				fips := map[string]string{}
				for _, c := range p.KB.Countries {
					fips[c.ISO3] = c.FIPS
				}
				return export.GDELTWith(w, evs, export.GDELTOptions{FIPS: func(iso3 string) string { return fips[iso3] }})
			case "jsonl":
				return export.JSONL(w, evs)
			case "csv":
				return export.CSV(w, evs)
			}
			return fmt.Errorf("--format %q: want gdelt, jsonl or csv", format)
		},
	}
	filterFlags(cmd, &f)
	cmd.Flags().StringVar(&format, "format", "gdelt", "gdelt, jsonl or csv")
	return cmd
}

func explainCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "explain EVENT_ID",
		Short: "Show why an event was coded: its sentence, trigger, rule, actors and mood",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			st, err := openStore(cmd.Context(), g.store)
			if err != nil {
				return err
			}
			defer st.Close()
			e, err := st.Event(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			return explain(os.Stdout, e)
		},
	}
}

func explain(w io.Writer, e *dateline.Event) error {
	b, _ := json.Marshal(e.Span)
	_, err := fmt.Fprintf(w, `event     %s (global id %d)
article   %s
date      %s (from the %s)
source    %s
target    %s
cameo     %s  root %s  QuadClass %d  Goldstein %.1f  PLOVER %s
mood      %s, negated %v, confidence %.2f
location  %s
trigger   %q
rule      %s
sentence  %s
span      %s (byte offsets in the article body)
`, e.ID, e.GlobalID, e.ArticleID, e.Date, e.DateSource, describe(e.Source), describe(e.Target), e.Cameo, e.CameoRoot,
		e.QuadClass, e.Goldstein, e.Plover, e.Mood, e.Negated, e.Confidence, describePlace(e.Location), e.Trigger, e.Rule, e.Sentence, b)
	return err
}

// placeOf names an event's location for the table: "Moscow, RUS"; "-" when it has none.
func placeOf(l *dateline.Location) string {
	if l == nil {
		return "-"
	}
	return l.Name + ", " + l.Country
}

func describePlace(l *dateline.Location) string {
	if l == nil {
		return "- (none: the text does not say where)"
	}
	s := fmt.Sprintf("%s (%s; %s", cmp.Or(l.FullName, l.Name), l.Country, l.Precision)
	if l.Precision == "city" {
		s += fmt.Sprintf(", %.4f, %.4f", l.Lat, l.Lon)
	}
	return s + ")"
}

func describe(r *dateline.ActorRef) string {
	if r == nil {
		return "-"
	}
	return fmt.Sprintf("%s (%s; country %s, agent %s)", r.Code, r.Name, r.Country, r.Agent)
}
