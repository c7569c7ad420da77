package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store"
)

func init() {
	commands = append(commands, meetingsCmd, agreementsCmd)
}

func meetingFlags(cmd *cobra.Command, f *store.MeetingFilter, format *string) {
	fl := cmd.Flags()
	fl.StringVar(&f.Actor, "actor", "", "a participant's code starts with this (CHN, RUSGOV, IGO)")
	fl.StringVar(&f.Series, "series", "", "the series name contains this (\"Chinese and Russian heads of government\")")
	fl.StringVar(&f.Kind, "kind", "", "summit, talks, regular meeting, visit, phone call, video call, ministerial, session, conference or meeting")
	fl.StringVar(&f.Since, "since", "", "meetings on or after this date (YYYY-MM-DD)")
	fl.StringVar(&f.Until, "until", "", "meetings on or before this date (YYYY-MM-DD)")
	fl.StringVar(&f.ArticleID, "article", "", "meetings of one article")
	fl.IntVar(&f.Limit, "limit", 0, "at most this many (0 = all)")
	fl.StringVar(format, "format", "table", "table, jsonl or csv")
}

// meetingStore opens --store and checks that it can answer meeting queries.
func meetingStore(cmd *cobra.Command, g *globals) (store.Store, store.MeetingStore, error) {
	st, err := openStore(cmd.Context(), g.store)
	if err != nil {
		return nil, nil, err
	}
	ms, ok := st.(store.MeetingStore)
	if !ok {
		st.Close()
		return nil, nil, fmt.Errorf("store %s cannot list meetings yet; use an SQLite store", g.store)
	}
	return st, ms, nil
}

// listRegister runs one query of the meeting registers and writes its rows to stdout as a
// table, JSONL or CSV.
func listRegister[T any](cmd *cobra.Command, g *globals, format string, query func(store.MeetingStore) ([]T, error), table, csv func(io.Writer, []T) error) error {
	if err := checkFormat(format); err != nil {
		return err
	}
	st, ms, err := meetingStore(cmd, g)
	if err != nil {
		return err
	}
	defer st.Close()
	list, err := query(ms)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	switch format {
	case "jsonl":
		return writeLines(w, list)
	case "csv":
		return csv(w, list)
	}
	return table(w, list)
}

func checkFormat(format string) error {
	switch format {
	case "table", "jsonl", "csv":
		return nil
	}
	return fmt.Errorf("--format %q: want table, jsonl or csv", format)
}

func meetingsCmd(g *globals) *cobra.Command {
	var f store.MeetingFilter
	var format string
	cmd := &cobra.Command{
		Use:   "meetings",
		Short: "List stored meetings: summits, talks, visits, calls, with participants, series and outcomes",
		Long: `Meetings lists the meetings, summits, talks, visits and calls that stored articles report as
having taken place, in date order. With --series, the table ends with each series' ordinals
and the ones no stored article reports (gaps).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			table := func(w io.Writer, list []dateline.Meeting) error {
				if err := meetingTable(w, list); err != nil || f.Series == "" {
					return err
				}
				return seriesGaps(w, list)
			}
			return listRegister(cmd, g, format, func(ms store.MeetingStore) ([]dateline.Meeting, error) {
				return ms.Meetings(cmd.Context(), f)
			}, table, meetingCSV)
		},
	}
	meetingFlags(cmd, &f, &format)
	return cmd
}

func agreementsCmd(g *globals) *cobra.Command {
	var f store.MeetingFilter
	var format string
	cmd := &cobra.Command{
		Use:   "agreements",
		Short: "List the agreements register: documents signed, passed or adopted at stored meetings",
		Long: `Agreements lists the documents that stored meetings produced — communiques, memoranda,
agreements, declarations — with what was done to them, their parties, date and the meeting they
came from. --actor matches a party of the document; the other filters the meeting.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return listRegister(cmd, g, format, func(ms store.MeetingStore) ([]store.Agreement, error) {
				return ms.Agreements(cmd.Context(), f)
			}, agreementTable, agreementCSV)
		},
	}
	meetingFlags(cmd, &f, &format)
	return cmd
}

func writeLines[T any](w io.Writer, xs []T) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for i := range xs {
		if err := enc.Encode(&xs[i]); err != nil {
			return err
		}
	}
	return nil
}

func participants(ps []dateline.Participant) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Code
		if p.Role != "" && p.Role != "participant" {
			out[i] += ":" + p.Role
		}
	}
	return strings.Join(out, " ")
}

func ordinalText(n int) string {
	if n == 0 {
		return "-"
	}
	return strconv.Itoa(n)
}

// clip shortens s to at most n runes for a table cell.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// meetingTable prints meetings for a person to read, one line each.
func meetingTable(w io.Writer, ms []dateline.Meeting) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tKIND\tNO.\tPARTICIPANTS\tFORMAT\tPLACE\tOUTCOMES\tSERIES\tID")
	for _, m := range ms {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\n", m.Date, m.Kind, ordinalText(m.Ordinal),
			participants(m.Participants), m.Format, orDash(m.Place), len(m.Outcomes), orDash(clip(m.Series, 60)), m.ID)
	}
	return tw.Flush()
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// seriesGaps prints, for each series among ms, the ordinals on record and those missing between
// the first and the last: the meetings no stored article reports.
func seriesGaps(w io.Writer, ms []dateline.Meeting) error {
	seen := map[string]map[int]bool{}
	var names []string
	for _, m := range ms {
		if m.Series == "" || m.Ordinal == 0 {
			continue
		}
		if seen[m.Series] == nil {
			seen[m.Series] = map[int]bool{}
			names = append(names, m.Series)
		}
		seen[m.Series][m.Ordinal] = true
	}
	sort.Strings(names)
	for _, name := range names {
		var have []int
		for n := range seen[name] {
			have = append(have, n)
		}
		sort.Ints(have)
		var missing []string
		for n := have[0] + 1; n < have[len(have)-1]; n++ {
			if !seen[name][n] {
				missing = append(missing, strconv.Itoa(n))
			}
		}
		gaps := "none"
		if len(missing) > 0 {
			gaps = strings.Join(missing, ", ")
		}
		if _, err := fmt.Fprintf(w, "\nseries %q: ordinals %s; not on record: %s\n", name, ranges(have), gaps); err != nil {
			return err
		}
	}
	return nil
}

// ranges writes sorted ordinals as "24-26, 28".
func ranges(xs []int) string {
	var parts []string
	for i := 0; i < len(xs); {
		j := i
		for j+1 < len(xs) && xs[j+1] == xs[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", xs[i], xs[j]))
		} else {
			parts = append(parts, strconv.Itoa(xs[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// meetingCSV writes one row per meeting; lists inside a field are separated by "; ".
func meetingCSV(w io.Writer, ms []dateline.Meeting) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"id", "article_id", "date", "kind", "ordinal", "series", "format", "place",
		"participants", "outcomes", "topics", "sentence"})
	for _, m := range ms {
		ps := make([]string, len(m.Participants))
		for i, p := range m.Participants {
			ps[i] = p.Code + ":" + p.Role
		}
		cw.Write([]string{m.ID, m.ArticleID, m.Date, m.Kind, strconv.Itoa(m.Ordinal), m.Series, m.Format, m.Place,
			strings.Join(ps, "; "), strings.Join(m.Outcomes, "; "), strings.Join(m.Topics, "; "), m.Sentence})
	}
	cw.Flush()
	return cw.Error()
}

func agreementTable(w io.Writer, as []store.Agreement) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "DATE\tACTION\tTITLE\tPARTIES\tMEETING\tTOPICS")
	for _, a := range as {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", a.Date, orDash(a.Action), clip(a.Title, 70), strings.Join(a.Parties, " "),
			a.MeetingID, orDash(strings.Join(a.Topics, ", ")))
	}
	return tw.Flush()
}

func agreementCSV(w io.Writer, as []store.Agreement) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"meeting_id", "article_id", "date", "kind", "series", "ordinal", "title", "action", "parties", "topics"})
	for _, a := range as {
		cw.Write([]string{a.MeetingID, a.ArticleID, a.Date, a.Kind, a.Series, strconv.Itoa(a.Ordinal), a.Title, a.Action,
			strings.Join(a.Parties, "; "), strings.Join(a.Topics, "; ")})
	}
	cw.Flush()
	return cw.Error()
}
