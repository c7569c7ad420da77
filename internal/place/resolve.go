package place

import (
	"math"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// Hints are what a story tells about which of several places of one name it means.
type Hints struct {
	Home  string         // the dateline's country
	Story map[string]int // countries the story names, with how often
	Top   string         // the country the story names most
	// Within restricts the candidates to these countries or divisions: a qualifier ("Geneva,
	// Switzerland", "Portland, Ore.") or a nationality word ("the Swiss city of Geneva").
	Within []*Place
}

// Scores, in orders of magnitude of population: a city scores log10 of its population (up to
// about 7.4 for the largest), a division as a city of 3 million, a country above every city.
// Context adds less than the gap between a country and a city, but more than most gaps between
// namesakes, so that the story's country decides between two Portlands but a passing mention
// of Georgia in a US story still needs the story to be about the US.
const (
	scoreCountry   = 8.0
	scoreDivision  = 6.5
	bonusMain      = 1.0 // the place's own name, not one of its alternates
	bonusCapital   = 1.0
	bonusSeat      = 0.3 // seat of a first-level division
	bonusPreferred = 20  // place-names.tsv says news means this place by this name
	bonusHome      = 2.0 // in the dateline's country
	bonusStory     = 1.0 // in a country the story names
	bonusTop       = 1.0 // in the country the story names most
)

type cand struct {
	i     int32
	flags uint8
	score float64
}

// candidates lists the places under key in the text index (and the region index when regions is
// set), scored with the hints. Places outside h.Within are left out.
func (g *Gazetteer) candidates(key string, h *Hints, regions bool) []cand {
	var out []cand
	add := func(idx *table) {
		for n := g.chain(idx, key); n >= 0; n = g.nodes[n].next {
			nd := g.nodes[n]
			p := &g.places[nd.place]
			if len(h.Within) > 0 && !g.inAny(p, h.Within) {
				continue
			}
			dup := false
			for k := range out {
				if out[k].i == nd.place {
					out[k].flags |= nd.flags
					dup = true
				}
			}
			if !dup {
				out = append(out, cand{i: nd.place, flags: nd.flags})
			}
		}
	}
	add(&g.names)
	if regions {
		add(&g.regions)
	}
	for k := range out {
		out[k].score = g.score(&g.places[out[k].i], out[k].flags, h)
	}
	sort.SliceStable(out, func(a, b int) bool {
		if out[a].score != out[b].score {
			return out[a].score > out[b].score
		}
		return out[a].i < out[b].i
	})
	return out
}

func (g *Gazetteer) score(p *Place, flags uint8, h *Hints) float64 {
	var s float64
	switch p.Kind {
	case Country:
		s = scoreCountry
	case Division:
		s = scoreDivision
	case City:
		s = math.Log10(float64(p.Pop) + 10)
		if p.Capital() {
			s += bonusCapital
		} else if p.Feature == "PPLA" {
			s += bonusSeat
		}
	}
	if flags&flagMain != 0 {
		s += bonusMain
	}
	if flags&(flagPreferred|flagDivision) != 0 {
		s += bonusPreferred
	}
	if h.Home != "" && p.Country == h.Home {
		s += bonusHome
	}
	if h.Story[p.Country] > 0 {
		s += bonusStory
		if p.Country == h.Top {
			s += bonusTop
		}
	}
	return s
}

// inAny reports whether p lies in one of the places of within (countries or divisions).
func (g *Gazetteer) inAny(p *Place, within []*Place) bool {
	for _, w := range within {
		if g.contains(w, p) {
			return true
		}
	}
	return false
}

// contains reports whether place outer contains (or is) place inner.
func (g *Gazetteer) contains(outer, inner *Place) bool {
	switch outer.Kind {
	case Country:
		return inner.Country == outer.Country
	case Division:
		return inner.Country == outer.Country && inner.Kind != Country && inner.Admin1 == outer.Admin1
	}
	return outer == inner
}

// Region resolves a qualifier — a state, province or country after a place and a comma
// ("Calif.", "N.Y.", "Ontario", "South Africa", "West Germany") — to the divisions and countries
// it may name, or nil.
func (g *Gazetteer) Region(s string) []*Place {
	key := Key(s)
	if key == "" {
		return nil
	}
	var out []*Place
	collect := func(key string) {
		for _, idx := range []*table{&g.names, &g.regions} {
			for n := g.chain(idx, key); n >= 0; n = g.nodes[n].next {
				p := &g.places[g.nodes[n].place]
				if p.Kind != City && !containsPlace(out, p) {
					out = append(out, p)
				}
			}
		}
	}
	collect(key)
	if out == nil && strings.Contains(key, " ") {
		// "W. Va." is "W.Va.": abbreviations are written with and without the space.
		collect(strings.ReplaceAll(key, " ", ""))
	}
	if out == nil {
		if iso3, ok := g.demonyms[strings.TrimSpace(s)]; ok {
			out = append(out, &g.places[g.country[iso3]])
		}
	}
	return out
}

func containsPlace(ps []*Place, p *Place) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

// Lookup resolves a place name as running text uses it ("in Geneva", "near Portland, Ore.")
// to the entry it most likely means, or nil. region is an optional qualifier.
func (g *Gazetteer) Lookup(name, region string, h Hints) *Place {
	if region != "" {
		if w := g.Region(region); w != nil {
			h.Within = w
		}
	}
	return g.lookupKey(Key(name), &h, false)
}

// lookupKey picks the place a name in running text means. points prefers a city over the
// division of the same name it lies in (Tianjin the city, not the municipality), for finding
// what is near it.
func (g *Gazetteer) lookupKey(key string, h *Hints, points bool) *Place {
	cs := g.candidates(key, h, false)
	if len(cs) == 0 {
		return nil
	}
	best := &g.places[cs[0].i]
	bestFlags := cs[0].flags
	// Places that contain one another under one name: a city and its division ("Quebec",
	// "Bahia"), a division and its country ("Scotland"). Both readings agree on the larger
	// place; the city is meant only when it is a capital or news names it so ("Beijing",
	// "New York"), and a country's own division is the more exact reading of its name.
	for _, c := range cs[1:] {
		p := &g.places[c.i]
		switch {
		case best.Kind == City && p.Kind == Division && g.contains(p, best) && !points:
			if c.flags&flagDivision != 0 || !best.Capital() && bestFlags&flagPreferred == 0 {
				return p
			}
		case best.Kind == Country && p.Kind == Division && g.contains(best, p) && c.flags&flagMain != 0:
			return p
		}
	}
	return best
}

// DatelineHints counts the countries a story names, for choosing between namesakes.
func (g *Gazetteer) DatelineHints(sents []dateline.Sentence) Hints {
	h := Hints{Story: map[string]int{}}
	for si := range sents {
		toks := sents[si].Tokens
		for i := 0; i < len(toks); i++ {
			for _, sn := range g.storyName[toks[i].Text] {
				if i+len(sn.words) > len(toks) {
					continue
				}
				ok := true
				for j, w := range sn.words[1:] {
					if toks[i+1+j].Text != w {
						ok = false
						break
					}
				}
				if ok {
					h.Story[sn.iso3]++
					i += len(sn.words) - 1
					break
				}
			}
		}
	}
	best := 0
	for c, n := range h.Story {
		if n > best || n == best && c < h.Top {
			h.Top, best = c, n
		}
	}
	return h
}

// ResolveDateline resolves a dateline to a gazetteer entry: a city of that name if there is one
// (BEIJING, SALVADOR), else a division or a country (HAWAII, BAHRAIN). The region after the place
// ("Calif.", "South Africa") narrows the candidates; the countries the story names break ties.
// When the region is known but no city of that name lies in it, the region itself is the answer
// ("BERLIN, N.J." is somewhere in New Jersey, not in Germany). It returns nil when nothing fits.
func (g *Gazetteer) ResolveDateline(dl dateline.Dateline, h Hints) *Place {
	key := Key(dl.Place)
	if key == "" {
		return nil
	}
	var region []*Place
	if dl.Region != "" {
		region = g.Region(dl.Region)
	}
	h.Within = region
	if p := g.datelineKey(key, &h); p != nil {
		return p
	}
	if region != nil {
		if p := g.fuzzyCity(key, region); p != nil {
			return p
		}
		// The region itself, if the story tells which it is ("Montana": the US state or the
		// Bulgarian province).
		var best *Place
		bestScore, tie := 0.0, false
		for _, r := range region {
			s := g.score(r, 0, &h)
			if best == nil || s > bestScore {
				best, bestScore, tie = r, s, false
			} else if s == bestScore {
				tie = true
			}
		}
		if tie {
			return nil
		}
		return best
	}
	return nil
}

// datelineKey picks among the places of one key: datelines name cities, so a city wins over a
// division or country of the same name (KUWAIT is Kuwait City; QUEBEC the city).
func (g *Gazetteer) datelineKey(key string, h *Hints) *Place {
	cs := g.candidates(key, h, false)
	for _, kind := range []Kind{City, Division, Country} {
		for _, c := range cs {
			if p := &g.places[c.i]; p.Kind == kind {
				return p
			}
		}
	}
	return nil
}

// fuzzyCity finds the one city within region whose name is one typing slip from key
// ("HOUSON, Texas"), or nil if none or several are.
func (g *Gazetteer) fuzzyCity(key string, region []*Place) *Place {
	if len(key) < 5 {
		return nil
	}
	var found *Place
	for i := range g.places {
		p := &g.places[i]
		// Cheap tests first: this scans every city, though only for datelines nothing else fits.
		if p.Kind != City || len(p.Name) < len(key)-1 || len(p.Name) > len(key)+4 || !g.inAny(p, region) {
			continue
		}
		if k := Key(p.Name); k != key && oneEdit(k, key) {
			if found != nil && found != p {
				return nil
			}
			found = p
		}
	}
	return found
}

// oneEdit reports whether a and b differ by one inserted, deleted or replaced byte, or two
// swapped neighbours.
func oneEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return len(b) == len(a)+1
	}
	if len(a) == len(b) {
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i:] == b[i+1:]
}

// capitalised reports whether a token starts with an upper-case letter.
func capitalised(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}
