// Package mention finds the words in a sentence that name or point to actors: countries and
// nationality words, capitals and government metonyms, organisations, news agencies, people
// (known or introduced by a title), titles and group words, pronouns and "the two sides", and
// groups them into actor phrases such as "his Russian counterpart Mikhail Mishustin".
package mention

import (
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/kb"
	"github.com/dateline-news/dateline/internal/text"
)

// Kinds of gazetteer entries and mentions.
const (
	KindCountry     = "country"
	KindNationality = "nationality"
	KindCapital     = "capital"
	KindGovName     = "govname"
	KindOrg         = "org"
	KindAgency      = "agency"
	KindPerson      = "person"
	KindTitle       = "title"
)

type entry struct {
	words  []string // token texts (lower case for titles)
	kind   string
	code   string // country ISO3, org code, agency country
	name   string // canonical name
	person *kb.Person
	agent  *kb.Agent
}

// Gazetteer matches knowledge-base names over tokens. Built once; safe for concurrent use.
type Gazetteer struct {
	KB       *kb.KB
	proper   map[string][]*entry // by exact first token
	lower    map[string][]*entry // titles, by lower-case first token
	surnames map[string][]*kb.Person
}

// NewGazetteer indexes every name of the knowledge base.
func NewGazetteer(k *kb.KB) *Gazetteer {
	g := &Gazetteer{KB: k, proper: map[string][]*entry{}, lower: map[string][]*entry{}, surnames: map[string][]*kb.Person{}}
	add := func(name, kind, code, canon string, p *kb.Person, a *kb.Agent) {
		toks := text.Tokenize(name, 0, len(name))
		if len(toks) == 0 {
			return
		}
		e := &entry{kind: kind, code: code, name: canon, person: p, agent: a}
		for _, t := range toks {
			w := t.Text
			if kind == KindTitle {
				w = strings.ToLower(w)
			}
			e.words = append(e.words, w)
		}
		m := g.proper
		if kind == KindTitle {
			m = g.lower
		}
		for _, old := range m[e.words[0]] {
			if old.kind == e.kind && old.code == e.code && equal(old.words, e.words) {
				return
			}
		}
		m[e.words[0]] = append(m[e.words[0]], e)
	}
	for _, c := range k.Countries {
		add(c.Name, KindCountry, c.ISO3, c.Name, nil, nil)
		for _, a := range c.Aliases {
			add(a, KindCountry, c.ISO3, c.Name, nil, nil)
			if strings.HasPrefix(a, "the ") {
				add(a[4:], KindCountry, c.ISO3, c.Name, nil, nil)
			}
		}
		for _, a := range c.Adjectives {
			add(a, KindNationality, c.ISO3, c.Name, nil, nil)
		}
		if c.Capital != "" {
			add(c.Capital, KindCapital, c.ISO3, c.Capital, nil, nil)
		}
		for _, gname := range c.GovNames {
			add(strings.TrimPrefix(gname, "the "), KindGovName, c.ISO3, gname, nil, nil)
		}
	}
	for _, o := range k.Orgs {
		add(o.Name, KindOrg, o.Code, o.Name, nil, nil)
		for _, a := range o.Aliases {
			if strings.HasPrefix(a, "the ") && strings.ToLower(a) == a {
				continue // "the world body": an anaphor, resolved by the actor stage
			}
			add(a, KindOrg, o.Code, o.Name, nil, nil)
		}
		for _, a := range o.Abbrevs {
			add(a, KindOrg, o.Code, o.Name, nil, nil)
		}
	}
	for _, ag := range k.Agencies {
		add(ag.Name, KindAgency, ag.Country, ag.Name, nil, nil)
		for _, a := range ag.Aliases {
			if len(a) >= 3 {
				add(a, KindAgency, ag.Country, ag.Name, nil, nil)
			}
		}
	}
	for _, p := range k.People {
		add(p.Name, KindPerson, "", p.Name, p, nil)
		for _, a := range p.Aliases {
			add(a, KindPerson, "", p.Name, p, nil)
		}
		if p.Surname != "" {
			g.surnames[p.Surname] = append(g.surnames[p.Surname], p)
		}
	}
	for _, a := range k.Agents {
		add(a.Term, KindTitle, a.Agent, a.Term, nil, a)
	}
	// Longest entries first so the first full match is the longest.
	for _, m := range []map[string][]*entry{g.proper, g.lower} {
		for k, es := range m {
			sortByLen(es)
			m[k] = es
		}
	}
	return g
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func sortByLen(es []*entry) {
	for i := 1; i < len(es); i++ {
		for j := i; j > 0 && len(es[j].words) > len(es[j-1].words); j-- {
			es[j], es[j-1] = es[j-1], es[j]
		}
	}
}

// match returns the longest entry starting at token i, or nil.
func (g *Gazetteer) match(toks []dateline.Token, i int) *entry {
	var best *entry
	try := func(es []*entry, lower bool) {
		for _, e := range es {
			if best != nil && len(e.words) <= len(best.words) {
				return
			}
			if i+len(e.words) > len(toks) {
				continue
			}
			ok := true
			for j, w := range e.words[1:] {
				t := toks[i+1+j].Text
				if lower {
					t = strings.ToLower(t)
				}
				if t != w {
					ok = false
					break
				}
			}
			if ok {
				best = e
				return
			}
		}
	}
	t := toks[i].Text
	try(g.proper[t], false)
	if up := strings.ToUpper(t); up == t && len(t) > 3 && best == nil {
		// ALL-CAPS text (headlines, datelines): "CHINA" → "China".
		try(g.proper[titleWord(t)], false)
	}
	try(g.lower[strings.ToLower(t)], true)
	return best
}

func titleWord(s string) string {
	if s == "" {
		return s
	}
	return s[:1] + strings.ToLower(s[1:])
}

// Surnames returns the known people with this surname.
func (g *Gazetteer) Surnames(s string) []*kb.Person { return g.surnames[s] }

// compoundTails are participles that make "X-led" an adjective of X's doing.
var compoundTails = map[string]bool{"led": true, "backed": true, "based": true, "controlled": true,
	"held": true, "run": true, "owned": true, "sponsored": true, "funded": true, "brokered": true,
	"allied": true, "linked": true, "supported": true, "occupied": true, "installed": true, "born": true,
	"made": true, "trained": true, "armed": true, "dominated": true, "affiliated": true, "aligned": true}

// IsNameCompound reports whether a hyphenated word joins names the gazetteer knows on their own
// but not together ("Russia-China", "U.S.-Japanese"), so that it should be split.
func (g *Gazetteer) IsNameCompound(w string) bool {
	if _, ok := g.proper[w]; ok {
		return false
	}
	parts := strings.Split(w, "-")
	if len(parts) < 2 {
		return false
	}
	if len(parts) == 2 && compoundTails[strings.ToLower(parts[1])] {
		// "U.S.-led", "Vietnamese-backed", "Kremlin-controlled": the name leads the phrase.
		for _, e := range g.proper[parts[0]] {
			if len(e.words) == 1 && e.kind != KindPerson {
				return true
			}
		}
		return false
	}
	for _, p := range parts {
		found := false
		for _, e := range g.proper[p] {
			if len(e.words) == 1 && (e.kind == KindCountry || e.kind == KindNationality || e.kind == KindOrg) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
