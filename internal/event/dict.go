// Package event codes events in sentences: verb and noun patterns from a CAMEO dictionary,
// matched over a shallow clause analysis (verb groups, subjects, objects, passive voice,
// coordination, reported speech and infinitives), with negation and mood, and the evidence —
// sentence, span, trigger and rule — behind each event.
package event

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/dateline-news/dateline/internal/tsv"
)

// element kinds of a pattern
const (
	elWords  = iota // one of Alts, each a sequence of lemmas
	elGap           // *
	elTarget        // $
	elTo            // TO: "to" and a verb
)

type element struct {
	kind     int
	alts     [][]string
	optional bool
}

// Pattern is one line of a verb dictionary.
type Pattern struct {
	Code      string
	Text      string
	Source    string // file:line
	elems     []element
	weight    int // specificity: word elements count 2, $ and TO count 1
	hasTarget bool
	// required lists, for each obligatory word element after the trigger, the first words of its
	// alternatives: a sentence that has none of them cannot match, and is not tried.
	required [][]string
}

// Dict is a verb-pattern dictionary, indexed by trigger lemma. Immutable after loading.
type Dict struct {
	byTrigger map[string][]*Pattern
	Patterns  []*Pattern
}

// NewDict returns an empty dictionary.
func NewDict() *Dict { return &Dict{byTrigger: map[string][]*Pattern{}} }

// Read adds the patterns of one file (format: data/README.md § verbs.txt). Later files override:
// a pattern with the same text replaces the earlier one's code.
func (d *Dict) Read(name string, r io.Reader) error {
	err := tsv.Rows(name, r, func(line int, s string, cols []string) error {
		if len(cols) < 2 {
			f := strings.Fields(s)
			if len(f) < 2 {
				return fmt.Errorf("want CODE<TAB>PATTERN")
			}
			cols = []string{f[0], strings.Join(f[1:], " ")}
		}
		code := strings.TrimSpace(cols[0])
		text := strings.TrimSpace(cols[1])
		if i := strings.Index(text, " #"); i >= 0 {
			text = strings.TrimSpace(text[:i])
		}
		if len(code) < 3 || len(code) > 4 || strings.Trim(code, "0123456789") != "" {
			return fmt.Errorf("bad CAMEO code %q", code)
		}
		p, err := parsePattern(text)
		if err != nil {
			return err
		}
		p.Code, p.Text, p.Source = code, text, fmt.Sprintf("%s:%d", name, line)
		d.add(p)
		return nil
	})
	if err != nil {
		return err
	}
	d.sortTriggers()
	return nil
}

func (d *Dict) add(p *Pattern) {
	for _, old := range d.Patterns {
		if old.Text == p.Text {
			old.Code, old.Source = p.Code, p.Source
			return
		}
	}
	d.Patterns = append(d.Patterns, p)
	seen := map[string]bool{}
	for _, alt := range p.elems[0].alts {
		t := alt[0]
		if !seen[t] {
			seen[t] = true
			d.byTrigger[t] = append(d.byTrigger[t], p)
		}
	}
}

// sortTriggers puts each trigger's most specific patterns first.
func (d *Dict) sortTriggers() {
	for _, ps := range d.byTrigger {
		sort.SliceStable(ps, func(i, j int) bool { return ps[i].weight > ps[j].weight })
	}
}

// Triggers returns every trigger lemma.
func (d *Dict) Triggers() []string {
	out := make([]string, 0, len(d.byTrigger))
	for t := range d.byTrigger {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

// Words returns every word the patterns use, for inflection.
func (d *Dict) Words() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range d.Patterns {
		for _, e := range p.elems {
			for _, alt := range e.alts {
				for _, w := range alt {
					if !seen[w] {
						seen[w] = true
						out = append(out, w)
					}
				}
			}
		}
	}
	sort.Strings(out)
	return out
}

func parsePattern(s string) (*Pattern, error) {
	p := &Pattern{}
	for _, f := range strings.Fields(s) {
		e := element{}
		if strings.HasPrefix(f, "(") && strings.HasSuffix(f, ")") {
			e.optional = true
			f = f[1 : len(f)-1]
		}
		switch {
		case f == "*":
			e.kind = elGap
		case f == "$":
			e.kind = elTarget
			p.hasTarget = true
			p.weight++
		case f == "TO":
			e.kind = elTo
			p.weight++
		case strings.HasPrefix(f, "{") && strings.HasSuffix(f, "}"):
			for _, a := range strings.Split(f[1:len(f)-1], "|") {
				if a == "" {
					return nil, fmt.Errorf("empty alternative in %q", f)
				}
				e.alts = append(e.alts, strings.Split(strings.ToLower(a), "_"))
			}
			if !e.optional {
				p.weight += 2
			}
		default:
			if strings.ContainsAny(f, "{}()|") {
				return nil, fmt.Errorf("unbalanced element %q", f)
			}
			e.alts = [][]string{strings.Split(strings.ToLower(f), "_")}
			if !e.optional {
				p.weight += 2
			}
		}
		p.elems = append(p.elems, e)
	}
	if len(p.elems) == 0 || p.elems[0].kind != elWords || p.elems[0].optional {
		return nil, fmt.Errorf("pattern must start with a trigger word: %q", s)
	}
	for _, e := range p.elems[1:] {
		if e.kind == elWords && !e.optional {
			var firsts []string
			for _, alt := range e.alts {
				firsts = append(firsts, alt[0])
			}
			p.required = append(p.required, firsts)
		}
	}
	return p, nil
}
