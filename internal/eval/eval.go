// Package eval scores coded events against hand-coded gold sentences, with the same matching
// rules as shared/tools/score_sentences.py, and lists the misses and false alarms.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dateline-news/dateline"
)

// GoldEvent is one hand-coded event.
type GoldEvent struct {
	Source  []string `json:"source"`
	Target  []string `json:"target"`
	Cameo   string   `json:"cameo"`
	Plover5 string   `json:"plover05"`
}

// Gold is one gold sentence.
type Gold struct {
	ID     string      `json:"id"`
	Set    string      `json:"set"`
	Date   string      `json:"date"`
	Text   string      `json:"text"`
	Events []GoldEvent `json:"events"`
}

// ReadGold reads gold JSONL.
func ReadGold(r io.Reader) ([]Gold, error) {
	var out []Gold
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var g Gold
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			return nil, fmt.Errorf("gold line %d: %w", line, err)
		}
		out = append(out, g)
	}
	return out, sc.Err()
}

// plover05 maps gold PLOVER 0.5 types to the CAMEO prefixes that count as the same type.
var plover05 = map[string][]string{
	"AGREE": {"03", "057"}, "CONSULT": {"04"}, "SUPPORT": {"05"}, "CONCEDE": {"08"},
	"COOPERATE": {"06"}, "AID": {"07"}, "RETREAT": {"08"}, "INVESTIGATE": {"09"},
	"DEMAND": {"02", "10"}, "DISAPPROVE": {"11"}, "REJECT": {"12"}, "THREATEN": {"13"},
	"PROTEST": {"14"}, "MOBILIZE": {"15"}, "SANCTION": {"16"}, "COERCE": {"17"},
	"ASSAULT": {"18", "20"}, "FIGHT": {"19"},
}

func country(r *dateline.ActorRef) string {
	if r == nil {
		return ""
	}
	c := r.Country
	if c == "" {
		c = r.Code
	}
	c = strings.ToUpper(c)
	if strings.HasPrefix(c, "IGO") || strings.HasPrefix(c, "NGO") {
		return c
	}
	if len(c) > 3 {
		c = c[:3]
	}
	return c
}

func typeOK(g GoldEvent, e *dateline.Event) bool {
	if e.Cameo == "" {
		return false
	}
	if g.Cameo != "" {
		return len(e.Cameo) >= 2 && len(g.Cameo) >= 2 && e.Cameo[:2] == g.Cameo[:2]
	}
	for _, p := range plover05[g.Plover5] {
		if strings.HasPrefix(e.Cameo, p) {
			return true
		}
	}
	return false
}

func sideOK(gold []string, r *dateline.ActorRef) bool {
	var g []string
	for _, x := range gold {
		if x != "" {
			g = append(g, x)
		}
	}
	if len(g) == 0 {
		return true
	}
	c := country(r)
	if c == "" {
		return false
	}
	for _, x := range g {
		if c == x || strings.HasPrefix(x, "IGO") && strings.HasPrefix(c, "IGO") {
			return true
		}
	}
	return false
}

// match pairs gold and system events one to one, greedily, as the shared scorer does; it
// returns the matched system index for each gold event (-1 if none).
func match(gevs []GoldEvent, sevs []dateline.Event, dyad bool) []int {
	used := map[int]bool{}
	out := make([]int, len(gevs))
	for gi, g := range gevs {
		out[gi] = -1
		for i := range sevs {
			if used[i] || !typeOK(g, &sevs[i]) {
				continue
			}
			if dyad && !(sideOK(g.Source, sevs[i].Source) && sideOK(g.Target, sevs[i].Target)) {
				continue
			}
			used[i] = true
			out[gi] = i
			break
		}
	}
	return out
}

// PRF is a precision/recall/F1 triple with its counts.
type PRF struct {
	TP, System, Gold int
}

func (p PRF) P() float64 { return ratio(p.TP, p.System) }
func (p PRF) R() float64 { return ratio(p.TP, p.Gold) }
func (p PRF) F1() float64 {
	pr, rc := p.P(), p.R()
	if pr+rc == 0 {
		return 0
	}
	return 2 * pr * rc / (pr + rc)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report is the result of scoring.
type Report struct {
	Sentences int
	Typed     PRF // typed events, dyad ignored
	Detect    PRF // sentences with any event
	Dyad      PRF // typed events with dyad: the headline
	// Actor: share of gold events for which some system event in the sentence has the gold
	// source and target countries, whatever its type.
	ActorHit, ActorTotal int
	Confusion            map[string]map[string]int // gold root → system root (or "none") → count
	Misses               []Case
	FalseAlarms          []Case
}

// Case is one gold sentence where the system went wrong.
type Case struct {
	Text   string
	Gold   string
	System string
}

// Score compares system events (by gold id; only counted events) with the gold.
func Score(gold []Gold, sys map[string][]dateline.Event) Report {
	rep := Report{Sentences: len(gold), Confusion: map[string]map[string]int{}}
	for _, g := range gold {
		var sevs []dateline.Event
		for _, e := range sys[g.ID] {
			if e.Counted() {
				sevs = append(sevs, e)
			}
		}
		dy := match(g.Events, sevs, true)
		ty := match(g.Events, sevs, false)
		for _, m := range ty {
			if m >= 0 {
				rep.Typed.TP++
			}
		}
		for _, m := range dy {
			if m >= 0 {
				rep.Dyad.TP++
			}
		}
		rep.Typed.System += len(sevs)
		rep.Typed.Gold += len(g.Events)
		rep.Dyad.System += len(sevs)
		rep.Dyad.Gold += len(g.Events)
		if len(g.Events) > 0 && len(sevs) > 0 {
			rep.Detect.TP++
		}
		if len(sevs) > 0 {
			rep.Detect.System++
		}
		if len(g.Events) > 0 {
			rep.Detect.Gold++
		}
		for gi, ge := range g.Events {
			groot := goldRoot(ge)
			row := rep.Confusion[groot]
			if row == nil {
				row = map[string]int{}
				rep.Confusion[groot] = row
			}
			if ty[gi] >= 0 {
				row[sevs[ty[gi]].CameoRoot]++
			} else if len(sevs) > 0 {
				row[sevs[0].CameoRoot]++
			} else {
				row["none"]++
			}
			rep.ActorTotal++
			for i := range sevs {
				if sideOK(ge.Source, sevs[i].Source) && sideOK(ge.Target, sevs[i].Target) {
					rep.ActorHit++
					break
				}
			}
			if dy[gi] < 0 {
				rep.Misses = append(rep.Misses, Case{Text: g.Text, Gold: describeGold(ge), System: describeSys(sevs)})
			}
		}
		matched := map[int]bool{}
		for _, m := range dy {
			if m >= 0 {
				matched[m] = true
			}
		}
		for i := range sevs {
			if !matched[i] {
				rep.FalseAlarms = append(rep.FalseAlarms, Case{Text: g.Text, Gold: describeGolds(g.Events), System: describeSys(sevs[i : i+1])})
			}
		}
	}
	return rep
}

func goldRoot(g GoldEvent) string {
	if len(g.Cameo) >= 2 {
		return g.Cameo[:2]
	}
	if ps := plover05[g.Plover5]; len(ps) > 0 {
		return ps[0][:2]
	}
	return "??"
}

func describeGold(g GoldEvent) string {
	t := g.Cameo
	if t == "" {
		t = g.Plover5
	}
	return fmt.Sprintf("%s -%s-> %s", strings.Join(g.Source, "/"), t, strings.Join(g.Target, "/"))
}

func describeGolds(gs []GoldEvent) string {
	var parts []string
	for _, g := range gs {
		parts = append(parts, describeGold(g))
	}
	if len(parts) == 0 {
		return "(no event)"
	}
	return strings.Join(parts, "; ")
}

func describeSys(evs []dateline.Event) string {
	if len(evs) == 0 {
		return "(no event)"
	}
	var parts []string
	for _, e := range evs {
		s, t := "-", "-"
		if e.Source != nil {
			s = e.Source.Code
		}
		if e.Target != nil {
			t = e.Target.Code
		}
		parts = append(parts, fmt.Sprintf("%s -%s-> %s [%s]", s, e.Cameo, t, e.Trigger))
	}
	return strings.Join(parts, "; ")
}

// Write prints the report: the three figures of score_sentences.py, the actor figure, the
// confusion table by CAMEO root, and (if cases) the misses and false alarms.
func (r Report) Write(w io.Writer, cases bool) {
	fmt.Fprintf(w, "sentences %d\n", r.Sentences)
	line := func(label string, p PRF) {
		fmt.Fprintf(w, "%-36s P %.3f  R %.3f  F1 %.3f   (tp %d, system %d, gold %d)\n", label, p.P(), p.R(), p.F1(), p.TP, p.System, p.Gold)
	}
	line("typed events (dyad ignored)", r.Typed)
	line("sentences with any event", r.Detect)
	line("typed events with dyad (headline)", r.Dyad)
	fmt.Fprintf(w, "%-36s %.3f   (%d of %d gold events)\n", "actors (gold dyad in some event)", ratio(r.ActorHit, r.ActorTotal), r.ActorHit, r.ActorTotal)
	fmt.Fprintf(w, "\nconfusion by CAMEO root (rows gold, columns system; 'none' = no event in the sentence)\n")
	var roots []string
	cols := map[string]bool{}
	for g, row := range r.Confusion {
		roots = append(roots, g)
		for s := range row {
			cols[s] = true
		}
	}
	sort.Strings(roots)
	var cs []string
	for c := range cols {
		cs = append(cs, c)
	}
	sort.Strings(cs)
	fmt.Fprintf(w, "gold")
	for _, c := range cs {
		fmt.Fprintf(w, " %4s", c)
	}
	fmt.Fprintln(w)
	for _, g := range roots {
		fmt.Fprintf(w, "%4s", g)
		for _, c := range cs {
			if n := r.Confusion[g][c]; n > 0 {
				fmt.Fprintf(w, " %4d", n)
			} else {
				fmt.Fprintf(w, " %4s", ".")
			}
		}
		fmt.Fprintln(w)
	}
	if !cases {
		return
	}
	fmt.Fprintf(w, "\nmisses (%d): gold events with no matching system event\n", len(r.Misses))
	for _, c := range r.Misses {
		fmt.Fprintf(w, "- %s\n    gold:   %s\n    system: %s\n", c.Text, c.Gold, c.System)
	}
	fmt.Fprintf(w, "\nfalse alarms (%d): system events with no matching gold event\n", len(r.FalseAlarms))
	for _, c := range r.FalseAlarms {
		fmt.Fprintf(w, "- %s\n    gold:   %s\n    system: %s\n", c.Text, c.Gold, c.System)
	}
}
