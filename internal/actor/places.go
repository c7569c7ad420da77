package actor

import (
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/mention"
	"github.com/dateline-news/dateline/internal/place"
)

// Places: cities and divisions the knowledge base does not name as actors ("the mayor of
// Nablus", "police in Hebron", "the governor of Texas") still say whose they are — the country
// they lie in. The place gazetteer (internal/place) answers, preferring the countries the
// sentence names, then those the story names, so that "Tripoli ... the north Lebanese port" is
// Lebanon's.

// placeNouns name a kind of place: "the West Bank city of Nablus", "the Tyumen region".
var placeNouns = map[string]bool{"city": true, "town": true, "village": true, "region": true,
	"province": true, "state": true, "district": true, "port": true, "capital": true, "county": true,
	"municipality": true, "governorate": true, "prefecture": true, "territory": true, "enclave": true,
	"suburb": true, "suburbs": true, "peninsula": true, "outskirts": true, "island": true, "area": true, "border": true,
	"oblast": true, "republic": true, "stronghold": true, "centre": true, "center": true}

// placeNamePreps: a bare name after these is where something is ("in Hebron", "near Jenin").
// "from" and "to" are left out: "a letter from Jackson", "spoke to Kerry".
var placeNamePreps = map[string]bool{"in": true, "at": true, "near": true, "across": true,
	"throughout": true, "inside": true, "outside": true, "around": true, "within": true, "into": true}

// locate resolves a place name to the gazetteer entry the sentence most likely means: one in a
// country the sentence names, else the best one given the story.
func (l *linker) locate(name string) *place.Place {
	g := l.r.Places
	if g == nil || name == "" {
		return nil
	}
	if within := l.sentPlaces(); len(within) > 0 {
		h := l.hints
		h.Within = within
		if p := g.Lookup(name, "", h); p != nil {
			return p
		}
	}
	p := g.Lookup(name, "", l.hints)
	if p == nil || p.Kind != place.City || p.Pop >= 100000 || p.Capital() || p.Feature == "PPLA" ||
		p.Country == l.home || l.hints.Story[p.Country] > 0 {
		return p
	}
	// A small town of a country the story never names is more likely a plain word or a
	// name of something else ("in Mission", "at Victory").
	return nil
}

func (l *linker) sentPlaces() []*place.Place { return l.countryPlaces(l.sentCountries) }

func (l *linker) countryPlaces(cs []string) []*place.Place {
	var out []*place.Place
	for _, c := range cs {
		if p := l.r.Places.Country(c); p != nil {
			out = append(out, p)
		}
	}
	return out
}

// placeEntity is the entity of a place that stands for its country ("shelled Nablus").
func (l *linker) placeEntity(name string, p *place.Place) *Entity {
	return l.entity("l:"+name+":"+p.Country, func() *Entity {
		return &Entity{Name: name, Kind: "place", Country: p.Country, Source: "kb"}
	})
}

// namedPlace links an unknown capitalised name that stands where a place stands: after "in",
// "near" and the like, after "the city of", after a title ("the governor of Texas"), or before
// a place noun ("the Tyumen region").
func (l *linker) namedPlace(p *mention.Phrase, toks []dateline.Token) *place.Place {
	if !l.placeContext(p, toks) {
		return nil
	}
	if len(l.r.Gaz.Surnames(p.Name)) > 0 || mention.CalendarWords[p.Name] {
		return nil // a known person's surname
	}
	if partOfLongerName(p, toks) {
		return nil
	}
	pl := l.locate(p.Name)
	if pl == nil {
		return nil
	}
	return pl
}

func (l *linker) placeContext(p *mention.Phrase, toks []dateline.Token) bool {
	if p.Possessive {
		return false
	}
	if placeNamePreps[p.Prep] {
		return true
	}
	if p.End < len(toks) && placeNouns[toks[p.End].Text] {
		return true // "the Tyumen region", "Cankaya district"
	}
	if p.Prep == "of" && p.Start >= 2 {
		w := strings.ToLower(toks[p.Start-2].Text)
		if toks[p.Start-1].Text != "of" {
			return false // "of the ...": a determiner stands between
		}
		if placeNouns[w] {
			return true // "the city of Nablus", "the outskirts of Kabul"
		}
		if a, ok := l.r.KB.Agents[w]; ok && a.Agent == "GOV" {
			return true // "the mayor of Nablus", "the governor of Texas"
		}
	}
	return false
}

// placeOf returns the country of the place a group's "of"/"in" complement names: "the mayor
// of the northern West Bank city of Nablus", "police in Dili", "the governor of Texas". Up to
// eight tokens of determiners, adjectives, place nouns and names are read; a place name the
// gazetteer knows wins over a country named on the way, which it prefers.
func (l *linker) placeOf(s *dateline.Sentence, p *mention.Phrase) string {
	toks := s.Tokens
	if p.End+1 >= len(toks) {
		return ""
	}
	if w := strings.ToLower(toks[p.End].Text); w != "in" && w != "of" {
		return ""
	}
	lo := p.End + 1
	hi := min(len(toks), lo+8)
	hint := ""
	pos := lo
	for _, q := range l.r.Gaz.Find(toks[lo:hi]) {
		start, end := lo+q.Start, lo+q.End
		for j := pos; j < start; j++ {
			if !linkWord(toks[j]) {
				return hint
			}
		}
		switch {
		case q.Kind == mention.PhraseCountry && q.Country != "" && !q.Modifier:
			if hint != "" {
				return hint
			}
			hint = q.Country
		case q.Kind == mention.PhraseCountry && q.Modifier && q.Via == mention.KindNationality:
			// "the Swiss city of Geneva": the nationality word and its place noun
			if hint != "" {
				return hint
			}
			hint = q.Country
		case q.Kind == mention.PhraseName:
			if len(l.r.Gaz.Surnames(q.Name)) > 0 {
				return hint
			}
			if hint != "" {
				if pl := l.r.Places.Lookup(q.Name, "", place.Hints{Within: []*place.Place{l.r.Places.Country(hint)}}); pl != nil {
					return pl.Country
				}
				return hint
			}
			if pl := l.locate(q.Name); pl != nil {
				return pl.Country
			}
			return ""
		default:
			return hint
		}
		pos = end
	}
	return hint
}

// linkWord: a word that may stand between a title's "of" and the place it names.
func linkWord(t dateline.Token) bool {
	w := strings.ToLower(t.Text)
	return w == "the" || w == "of" || t.Tag == "JJ" || placeNouns[w] || t.Tag == "NNP" && directions[w]
}

var directions = map[string]bool{"northern": true, "southern": true, "eastern": true, "western": true,
	"central": true, "north": true, "south": true, "east": true, "west": true}

// namesake: a capital named as a place ("in Tripoli") when the sentence names other countries
// as places ("the north Lebanese port", "in Lebanon") but not the capital's own: a city of the
// same name in one of those countries is meant. A people's nationality does not count: "British
// diplomats in Kingston" are in Jamaica.
func (l *linker) namesake(name, iso3 string) *place.Place {
	if l.r.Places == nil || len(l.sentLands) == 0 {
		return nil
	}
	for _, c := range l.sentCountries {
		if c == iso3 {
			return nil
		}
	}
	h := l.hints
	h.Within = l.countryPlaces(l.sentLands)
	if pl := l.r.Places.Lookup(name, "", h); pl != nil && pl.Kind == place.City && pl.Country != iso3 {
		return pl
	}
	return nil
}

// placeTail reports whether toks[from:to] are one or more place nouns, adjectives and "of":
// "capital", "northern city of".
func placeTail(toks []dateline.Token, from, to int) bool {
	noun := false
	for j := from; j < to; j++ {
		if !linkWord(toks[j]) || strings.EqualFold(toks[j].Text, "the") {
			return false
		}
		noun = noun || placeNouns[strings.ToLower(toks[j].Text)]
	}
	return noun
}

// placeNounPrep: for a name after "PREP the ADJ place-noun of" ("in the capital city of
// Algiers"), that preposition when it says where; else "".
func placeNounPrep(toks []dateline.Token, start int) string {
	if start < 2 || !strings.EqualFold(toks[start-1].Text, "of") || !placeNouns[strings.ToLower(toks[start-2].Text)] {
		return ""
	}
	for k := start - 3; k >= 0 && k >= start-8; k-- {
		w := strings.ToLower(toks[k].Text)
		if placePreps[w] && w != "from" && (toks[k].Tag == "IN" || toks[k].Tag == "RB") {
			return w
		}
		if !linkWord(toks[k]) || w == "of" {
			return ""
		}
	}
	return ""
}

// origin returns the country of "from PLACE" right after a group word: a country, a capital or
// a place the gazetteer knows.
func (l *linker) origin(s *dateline.Sentence, p *mention.Phrase) string {
	toks := s.Tokens
	if p.End+1 >= len(toks) || !strings.EqualFold(toks[p.End].Text, "from") || p.Agent == "MIL" || p.Definite {
		return "" // "withdraw their forces from Chad": where forces leave, not whose they are
	}
	skip := 0 // "dissidents from military-ruled Myanmar", "refugees from war-torn Syria"
	for p.End+1+skip < len(toks) && skip < 3 && (toks[p.End+1+skip].Tag == "JJ" || toks[p.End+1+skip].Tag == "DT") {
		skip++
	}
	qs := l.r.Gaz.Find(toks[p.End+1 : min(len(toks), p.End+6+skip)])
	if len(qs) == 0 || qs[0].Start > skip {
		return ""
	}
	q := qs[0]
	switch {
	case q.Kind == mention.PhraseCountry && !q.Possessive && (q.Via == mention.KindCountry || q.Via == mention.KindCapital):
		return q.Country
	case q.Kind == mention.PhraseName && !q.Possessive && len(l.r.Gaz.Surnames(q.Name)) == 0 && !mention.CalendarWords[q.Name]:
		if pl := l.locate(q.Name); pl != nil {
			return pl.Country
		}
	}
	return ""
}

// compassWords name directions and regions, not places the gazetteer should look up.
var compassWords = map[string]bool{"North": true, "South": true, "East": true, "West": true,
	"Central": true, "Northern": true, "Southern": true, "Eastern": true, "Western": true,
	"Middle": true, "Northeast": true, "Northwest": true, "Southeast": true, "Southwest": true}

func isCapWord(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// partOfLongerName: "in the South", "the South China Sea" — a direction, or a word of a longer
// capitalised name, is not a place to look up on its own.
func partOfLongerName(p *mention.Phrase, toks []dateline.Token) bool {
	return compassWords[p.Name] || p.End < len(toks) && isCapWord(toks[p.End].Text)
}
