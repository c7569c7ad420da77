package meeting

import (
	"sort"
	"strings"

	"github.com/dateline-news/dateline"
)

// seriesName names the series a meeting belongs to, built from its series phrase and who meets
// rather than from the article's wording, so that reports of the 24th, 25th and 26th meetings in
// different years name the same series: "regular meeting between Chinese and Russian heads of
// government", "summit of Group of Seven", "round of trade talks between Japan and United States".
func (f *Finder) seriesName(m *mention, ps []part) string {
	phrase := m.phrase
	if m.org != "" {
		return phrase + " of " + m.org
	}
	for _, p := range ps {
		if strings.HasPrefix(p.code, "IGO") {
			if f.KB != nil {
				if o := f.KB.Org(p.code); o != nil {
					return phrase + " of " + o.Name
				}
			}
			return phrase + " of " + p.code
		}
	}
	var cs []string
	for _, c := range countries(ps) {
		if !strings.HasPrefix(c, "IGO") && !strings.HasPrefix(c, "NGO") {
			cs = append(cs, c)
		}
	}
	sort.Strings(cs)
	switch len(cs) {
	case 0:
		return phrase
	case 1:
		return phrase + " of " + f.countryName(cs[0])
	case 2:
		if level := levelOf(ps); level != "" {
			return phrase + " between " + f.adjective(cs[0]) + " and " + f.adjective(cs[1]) + " " + level
		}
		return phrase + " between " + f.countryName(cs[0]) + " and " + f.countryName(cs[1])
	}
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = f.countryName(c)
	}
	return phrase + " of " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

func (f *Finder) adjective(code string) string {
	if f.KB != nil {
		if c := f.KB.Country(code); c != nil && len(c.Adjectives) > 0 {
			return c.Adjectives[0]
		}
	}
	return f.countryName(code)
}

var levels = map[string]string{"head_of_state": "heads of state", "head_of_government": "heads of government",
	"foreign_minister": "foreign ministers", "defence_minister": "defence ministers", "finance_minister": "finance ministers",
	"interior_minister": "interior ministers", "minister": "ministers", "deputy_head_of_government": "deputy heads of government",
	"central_bank_governor": "central bank governors", "speaker": "speakers of parliament"}

// levelOf names the level at which the sides met, when all their office holders share it.
func levelOf(ps []part) string {
	var offices []string
	for _, p := range ps {
		if p.office != "" && !contains(offices, p.office) {
			offices = append(offices, p.office)
		}
	}
	switch {
	case len(offices) == 1:
		return levels[offices[0]]
	case len(offices) == 2 && contains(offices, "head_of_state") && contains(offices, "head_of_government"):
		return "leaders"
	}
	return ""
}

// assign decides which sentences speak about each meeting: those that report it, and those that
// name one of its participants (or both of its countries) after it was first reported — each to
// the meeting reported last before it. The meeting's topics are read from these sentences.
func assign(recs []*record, parts [][]part, sents []*sent) [][]int {
	out := make([][]int, len(recs))
	for si, st := range sents {
		direct := false
		for ri, r := range recs {
			for _, m := range r.mentions {
				if m.sent == si {
					out[ri] = append(out[ri], si)
					direct = true
					break
				}
			}
		}
		if direct {
			continue
		}
		best, bestSent := -1, -1
		for ri := range recs {
			if !names(st, parts[ri]) {
				continue
			}
			first := recs[ri].mentions[0].sent
			if first > si && best >= 0 {
				continue
			}
			if best < 0 || first <= si && first > bestSent {
				best, bestSent = ri, first
			}
		}
		if best >= 0 {
			out[best] = append(out[best], si)
		}
	}
	return out
}

// names reports whether a sentence names a participant, or two of the participants' countries.
func names(st *sent, ps []part) bool {
	var seen []string
	for k := range st.refs {
		for _, e := range st.refs[k].Entities {
			code := e.Code()
			for _, p := range ps {
				if p.code == code && (len(code) > 3 || strings.HasPrefix(code, "IGO")) {
					return true
				}
				if p.country() == e.Country && e.Country != "" && !contains(seen, e.Country) {
					seen = append(seen, e.Country)
				}
			}
		}
	}
	return len(seen) >= 2
}

// meetingTopics is the union of the topics of the sentences that speak about the meeting.
func (f *Finder) meetingTopics(sentIdx []int, sents []*sent) []string {
	found := make([]bool, len(f.Topics.names))
	for _, si := range sentIdx {
		f.Topics.mark(sents[si].toks, 0, len(sents[si].toks), found)
	}
	return f.Topics.list(found)
}

// TagEvents sets each event's topics to the policy areas named in its sentence.
func (f *Finder) TagEvents(events []dateline.Event, sentences []dateline.Sentence) {
	byStart := make(map[int]*dateline.Sentence, len(sentences))
	for i := range sentences {
		byStart[sentences[i].Start] = &sentences[i]
	}
	for i := range events {
		if s := byStart[events[i].Span[0]]; s != nil {
			events[i].Topics = f.Topics.Of(s.Tokens)
		} else if events[i].Topics == nil {
			events[i].Topics = []string{}
		}
	}
}
