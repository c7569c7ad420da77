package meeting

import (
	"strconv"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/actor"
)

// mentions finds the meetings one sentence reports through its meeting nouns ("held talks
// with", "the 25th regular meeting") and verbs ("met", "visited", "spoke by telephone with").
func (f *Finder) mentions(st *sent, a *dateline.Article) []*mention {
	var out []*mention
	governed := map[int]bool{} // verb groups whose object is a meeting noun
	toks := st.toks
	for i := 0; i < len(toks); i++ {
		n, kind := f.Lex.at(clNoun, toks, st.low, i)
		if n == 0 || st.inActor(i) {
			continue
		}
		head := i + n - 1
		if n == 1 && !nounUse(st, i) {
			continue
		}
		if i > 0 {
			if _, ok := f.Lex.has(clExclude, &toks[i-1]); ok {
				i = head
				continue
			}
		}
		m := f.nounMention(st, a, i, head, kind)
		if m.gov >= 0 {
			governed[m.gov] = true
		}
		out = append(out, m)
		i = head
	}
	for g := range st.groups {
		if governed[g] {
			continue
		}
		if m := f.verbMention(st, a, g); m != nil {
			out = append(out, m)
		}
	}
	return append(out, f.visiting(st, a)...)
}

// nounUse reports whether the one-word meeting term at i is used as a noun: "talks" in "held
// talks", not in "Li talks with".
func nounUse(st *sent, i int) bool {
	if strings.HasPrefix(st.toks[i].Tag, "NN") {
		return true
	}
	if i == 0 {
		return false
	}
	switch st.toks[i-1].Tag {
	case "DT", "JJ", "JJR", "JJS", "CD", "PRP$", "POS":
		return true
	}
	switch st.low[i-1] {
	case "of", "in", "at", "for", "during", "after", "before", "from", "on":
		return true
	}
	return false
}

// npStart returns where the noun phrase ending with the noun at i begins: its determiner,
// numbers, adjectives, nouns and names ("the 25th regular", "a three-day state", "Nakasone's").
func (st *sent) npStart(i int) int {
	j := i - 1
	for ; j >= 0 && i-j <= 8; j-- {
		t := st.toks[j].Tag
		if st.inRef(j) {
			continue
		}
		if g := st.groupOf[j]; g >= 0 {
			if st.groups[g].adj {
				continue // a participle used as an adjective: "the planned meeting"
			}
			break
		}
		if t == "DT" || t == "PRP$" || t == "WP$" {
			return j
		}
		if adjectival(t) || t == "POS" || t == "CD" || st.low[j] == "-" {
			continue
		}
		// "Chinese and Russian", not "a communique and several documents"
		if (st.low[j] == "and" || st.low[j] == "or") && j > 0 && j+1 < i && (strings.HasPrefix(st.toks[j-1].Tag, "JJ") || st.inRef(j-1)) &&
			(strings.HasPrefix(st.toks[j+1].Tag, "JJ") || st.inRef(j+1)) {
			continue
		}
		break
	}
	return j + 1
}

func adjectival(t string) bool {
	return strings.HasPrefix(t, "JJ") || strings.HasPrefix(t, "NN") || t == "CD" || t == "DT" || t == "PRP$" || t == "POS"
}

var determiners = map[string]bool{"the": true, "this": true, "that": true, "these": true, "those": true,
	"their": true, "its": true, "his": true, "her": true, "our": true}

// unstable words describe one report of a meeting, not its series: "a new round of talks".
var unstable = map[string]bool{"a": true, "an": true, "new": true, "fresh": true, "further": true, "latest": true,
	"current": true, "renewed": true, "final": true, "this": true, "that": true}

// nounMention reads the meeting named by the noun phrase whose meeting noun spans [i, head].
func (f *Finder) nounMention(st *sent, a *dateline.Article, i, head int, kind string) *mention {
	m := &mention{sent: st.idx, head: head, gov: -1, kind: kind, status: held}
	start := st.npStart(i)
	outer, core := start, start
	// "the 12th round of talks" numbers the talks; "two days of talks", "the start of a visit" wrap
	// them. The phrase that governs the meeting is the outermost one.
	for k := 0; k < 3 && outer >= 2 && st.low[outer-1] == "of" && strings.HasPrefix(st.toks[outer-2].Tag, "NN") && !st.inRef(outer-2); k++ {
		w := outer - 2
		ws := st.npStart(w)
		if _, ok := f.Lex.has(clSeriesOf, &st.toks[w]); ok && core == outer {
			core = ws
		}
		outer = ws
	}
	cStart, cEnd := st.clause(head)
	cStart = min(cStart, outer)

	// Words inside the phrase: kind, series, ordinal, and whether it is past or future.
	var phrase []string
	current := false
	for k := core; k < head; k++ {
		t := &st.toks[k]
		if v, ok := f.Lex.has(clModifier, t); ok && (m.kind == "meeting" || m.kind == "talks" || m.kind == "conference" || v == m.kind) &&
			kindRank[v] > kindRank[m.kind] {
			m.kind = v
		}
		if _, ok := f.Lex.has(clSeries, t); ok {
			m.series = true
		}
		if _, ok := f.Lex.has(clFutureMod, t); ok {
			m.status = future
		}
		if _, ok := f.Lex.has(clPastMod, t); ok {
			m.status = past
		}
		if _, ok := f.Lex.has(clNotHold, t); ok {
			m.status = notHeld
		}
		if st.low[k] == "today" || st.low[k] == "tonight" || st.low[k] == "yesterday" {
			current = true
		}
		// "OPEC's December conference", "the June summit": another month than the article's
		if mo, ok := months[st.low[k]]; ok && isCap(t.Text) && len(a.Date) >= 7 {
			if am, _ := strconv.Atoi(a.Date[5:7]); am > 0 && mo != am {
				if mo < am {
					m.status = max(m.status, past)
				} else {
					m.status = max(m.status, future)
				}
			}
		}
		if n := ordinal(st.low[k]); n > 0 && m.ordinal == 0 {
			m.ordinal = n
			continue
		}
		if st.inRef(k) || determiners[st.low[k]] || unstable[st.low[k]] || t.Tag == "CD" || t.Tag == "POS" || t.Tag == "PRP$" || timeWords[st.low[k]] ||
			strings.HasSuffix(st.low[k], "-day") || strings.HasSuffix(st.low[k], "-week") || !isWord(st.low[k]) {
			continue
		}
		if _, ok := f.Lex.has(clFutureMod, t); ok {
			continue
		}
		if _, ok := f.Lex.has(clPastMod, t); ok {
			continue
		}
		phrase = append(phrase, st.low[k])
	}
	if m.ordinal == 1 && !m.series {
		m.ordinal = 0 // "their first meeting" tells novelty, not a place in a series
	}
	if m.ordinal > 0 {
		m.series = true
	}
	for k := i; k <= head; k++ {
		phrase = append(phrase, st.low[k])
	}
	m.phrase = strings.Join(phrase, " ")
	npStatus := m.status // what the phrase's own words say
	m.definite = determiners[st.low[start]]
	for k := start; k < i; k++ {
		if st.toks[k].Tag == "NNP" || st.toks[k].Tag == "NNPS" {
			m.definite = false // "the Uruguay Round negotiations", "the Venice summit": named, not pointing back
		}
	}
	if f.Lex.ending(clFuturePrep, st.toks, st.low, outer) > 0 || f.Lex.ending(clFuturePrep, st.toks, st.low, start) > 0 {
		m.status = max(m.status, future)
	}
	// "hope for talks", "a proposal for a summit"
	if outer >= 2 && (st.low[outer-1] == "for" || st.low[outer-1] == "to") {
		if _, ok := f.Lex.has(clIntend, &st.toks[outer-2]); ok && strings.HasPrefix(st.toks[outer-2].Tag, "NN") {
			m.status = max(m.status, future)
		}
	}

	role := func(def string) string {
		if m.kind == "visit" && def == "" {
			return "guest"
		}
		return def
	}
	// Actors inside the phrase: "the European Union summit", "Nakasone's visit", "U.S.-Japan talks".
	for k := range st.refs {
		r := &st.refs[k]
		if r.Start >= outer && r.End <= head && len(r.Entities) > 0 && !r.Place {
			r0 := ""
			if m.kind == "visit" && r.Possessive {
				r0 = "guest"
			}
			if r.End < len(st.low) && st.low[r.End] == "round" {
				continue // "the Uruguay Round" is named after where it began
			}
			m.addRef(f, r, r0)
			if r.Kind == "org" && m.org == "" && len(r.Entities) == 1 {
				m.org = r.Entities[0].Name
			}
		}
	}
	// Actors after it: "with X", "between X and Y", "of the G7", "to Russia", "by the premier".
	postEnd := head + 1
	for postEnd < cEnd && postEnd < head+18 && (st.groupOf[postEnd] < 0 || st.inRef(postEnd)) {
		postEnd++
	}
	objRole := ""
	var sRole string
	g := st.groupBefore(outer, cStart)
	if g >= 0 {
		if v, ok := f.Lex.has(clVerb, &st.toks[st.groups[g].head]); ok {
			_, sRole, objRole, _ = parseVerb(v)
		}
	}
	taken := map[int]bool{}
	for k := range st.refs {
		r := &st.refs[k]
		if taken[k] || r.Start <= head || r.Start >= postEnd || len(r.Entities) == 0 || r.Place {
			continue
		}
		var rl string
		prep, at := st.prepOf(r.Start)
		switch prep {
		case "with":
			rl = objRole
		case "between", "among", "of":
			// "of" names who meets right after the meeting noun ("summit of the G7") or after a
			// title in a with-phrase ("with the trade ministers of the US"), not in "talks on the
			// future of Macao".
			if prep == "of" && at > head+2 && !st.titleBefore(f, at) {
				continue
			}
			rl = ""
			if m.kind == "visit" && prep == "of" {
				rl = "guest"
			}
			if prep == "of" && r.Kind == "org" && m.org == "" && len(r.Entities) == 1 {
				m.org = r.Entities[0].Name
			}
		case "by":
			rl = role("")
		case "to":
			if m.kind != "visit" {
				continue
			}
			rl = "host"
		default:
			continue
		}
		cs := st.coord(k)
		for _, c := range cs {
			taken[c] = true
		}
		m.addList(f, st, cs, rl)
		// "between the Argentine government and its bank advisory committee": the other side
		// is named but is no actor of ours.
		if end := st.refs[cs[len(cs)-1]].End; (prep == "between" || prep == "with") && end+1 < len(st.low) &&
			st.low[end] == "and" && st.refAt(end+1) < 0 && st.refAt(end+2) < 0 {
			m.counter = true
		}
	}
	// "a meeting of trade ministers from 22 nations": many sides, none named.
	if head+1 < len(st.low) && st.low[head+1] == "of" && len(taken) == 0 {
		for k := head + 2; k < len(st.low) && k < head+6 && st.refAt(k) < 0; k++ {
			if ag := f.agent(st.low[k]); ag != "" && strings.HasSuffix(st.low[k], "s") && politicalAgent(ag) {
				m.counter = true
			}
		}
	}
	// A visit by a foreign guest that names no host ("a visit here this week by X", "during
	// the visit of the West German president" in a story from La Paz): the dateline's country.
	if home := a.Dateline.Country; m.kind == "visit" && home != "" && len(m.parts) > 0 {
		hosted, foreign := false, false
		for _, p := range m.parts {
			hosted = hosted || p.role == "host"
			foreign = foreign || p.country() != home
		}
		if !hosted && foreign && !contains(countries(m.parts), home) {
			m.parts = append(m.parts, part{code: home, kind: "country", name: f.countryName(home), role: "host", pos: st.idx<<16 | head})
		}
	}
	// "talks with creditor banks": a side named that is no actor of ours. "Talks with the
	// government" name a government the actor stage could not place: most likely the home one.
	if head+1 < len(st.low) && (st.low[head+1] == "with" || st.low[head+1] == "between") && len(taken) == 0 {
		m.counter = true
		for k := head + 2; k < len(st.low) && k < head+6; k++ {
			if ag := f.agent(st.low[k]); ag != "" && politicalAgent(ag) {
				m.counter = false
			}
		}
	}

	// The verb that governs the phrase: "held talks", "attended the summit", "postponed the
	// meeting"; or, when the phrase opens its clause, the verb after it ("the talks ended").
	prep := ""
	if outer > 0 && (st.toks[outer-1].Tag == "IN" || st.toks[outer-1].Tag == "TO") {
		prep = st.low[outer-1]
	}
	during := prep == "after" || prep == "following" || prep == "during" || prep == "at" || prep == "from" || m.kind == "visit" && prep == "on"
	if g >= 0 {
		m.gov = g
		if during {
			// A meeting that dates what was done: the tense of the finite verb tells ("failed to
			// reach agreement at two days of talks": the talks were held).
			m.status = max(m.status, f.tenseStatus(st, g))
		} else {
			m.status = max(m.status, f.groupStatus(st, g))
		}
		vg := st.groups[g]
		hv := &st.toks[vg.head]
		_, hold := f.Lex.has(clHold, hv)
		_, verb := f.Lex.has(clVerb, hv)
		// The subject took part when the verb holds the meeting ("held talks", "attended the
		// summit"), or the meeting is when the subject acted ("said after talks with", "spoke at
		// the meeting", "on a visit to") — the meeting phrase itself, not one deep inside
		// another ("discussions with the premiers on the pace of free trade talks").
		if (hold || verb || during) && !vg.passive && (during || st.direct(vg.end, outer)) {
			m.addList(f, st, st.subject(g), role(sRole))
		}
		// "met Stoltenberg for talks", "visited Tokyo for talks": the meeting verb's own object
		// is the other side.
		if verb && !vg.passive {
			for k := range st.refs {
				r := &st.refs[k]
				if r.Start >= vg.end && r.End <= outer && len(r.Entities) > 0 && !r.Place && (r.Prep == "" || r.Prep == "with") && !r.Possessive {
					m.addList(f, st, st.coord(k), objRole)
					break
				}
			}
		}
	} else {
		main := -1
		for gg := range st.groups {
			vg := st.groups[gg]
			if vg.start <= head {
				continue
			}
			if n, _ := f.Lex.at(clNotHold, st.toks, st.low, vg.head); n > 0 {
				m.status = notHeld
			}
			if vg.finite && !relative(st, vg.start) && main < 0 {
				main = gg
				if gg+1 < len(st.groups) && st.groups[gg+1].infinitive && st.groups[gg+1].start <= vg.end+3 &&
					(isBe(st.low[vg.head]) || vg.passive) {
					main = gg + 1 // "the talks are due to begin": the infinitive and what governs it
				}
				break
			}
		}
		if main >= 0 {
			m.status = max(m.status, f.groupStatus(st, main))
			switch prep {
			case "at", "during", "after", "on", "in", "following":
				// "At the meeting, Li said ...": the one who spoke took part.
				m.addList(f, st, st.subject(main), role(""))
			}
		}
	}
	m.status = max(m.status, f.timeStatus(st, cStart, cEnd, a.Date))
	// "talks which ended in Washington yesterday": a relative clause on the meeting itself says
	// better than the verb governing it whether it took place; the phrase's own words ("OPEC's
	// December conference, which set ...") still stand.
	for k := head + 1; k < len(st.low) && k <= head+3; k++ {
		if (st.low[k] == "which" || st.low[k] == "that") && k+1 < len(st.low) {
			if rg := st.groupAfter(k+1, min(k+4, len(st.low))); rg >= 0 && st.groups[rg].finite {
				_, rEnd := st.clause(st.groups[rg].head)
				m.status = max(npStatus, f.groupStatus(st, rg), f.timeStatus(st, k+1, rEnd, a.Date))
			}
			break
		}
	}
	// "today's summit", "this week's talks": under way whatever prepares for them.
	if m.status == future && current {
		m.status = held
	}
	m.format = f.format(st, cStart, cEnd)
	m.places = st.places(cStart, cEnd)
	return m
}

// direct reports whether a meeting phrase starting at `to` is what the verb ending at `from`
// acts on: its object, or in a phrase attached to the verb ("held talks", "arrived in Algiers
// at the head of a delegation for talks"), not a phrase inside another object ("held
// discussions with the premiers on the pace of free trade talks").
func (st *sent) direct(from, to int) bool {
	for k := from; k < to; k++ {
		t := st.toks[k].Tag
		if t == "IN" || t == "TO" {
			return true // past the object position: what follows hangs on the verb
		}
		if strings.HasPrefix(t, "NN") && !st.inRef(k) && !timeAdverbs[st.low[k]] {
			return false // the verb has an object of its own
		}
	}
	return true
}

// relative reports whether the verb group starting at i opens a relative clause ("that had been
// planned") or is a participle after a noun ("planned for Friday").
func relative(st *sent, i int) bool {
	for j := i - 1; j >= 0 && j >= i-3; j-- {
		switch st.low[j] {
		case "who", "which", "that":
			return true
		}
	}
	return false
}

// timeWords say when, not what kind of meeting: "this week's meeting", "Sunday's talks".
var timeWords = map[string]bool{"week": true, "weekend": true, "month": true, "year": true, "day": true,
	"today": true, "yesterday": true, "tomorrow": true, "monday": true, "tuesday": true, "wednesday": true,
	"thursday": true, "friday": true, "saturday": true, "sunday": true, "such": true, "morning": true,
	"evening": true, "night": true, "afternoon": true}

func isWord(w string) bool {
	for _, r := range w {
		if r >= 'a' && r <= 'z' {
			return true
		}
	}
	return false
}

// parseVerb splits a verb's lexicon value: kind | subject role | object role | required format.
func parseVerb(v string) (kind, subj, obj, format string) {
	f := strings.Split(v, "|")
	for len(f) < 4 {
		f = append(f, "")
	}
	return f[0], f[1], f[2], f[3]
}

// verbMention reads a meeting reported by a verb alone: "Xi met Putin", "the two leaders met",
// "Baker visited Tokyo", "Wang spoke by telephone with Lavrov".
func (f *Finder) verbMention(st *sent, a *dateline.Article, g int) *mention {
	vg := st.groups[g]
	head := &st.toks[vg.head]
	val, ok := f.Lex.has(clVerb, head)
	if !ok || vg.adj {
		return nil
	}
	kind, sRole, oRole, need := parseVerb(val)
	cStart, cEnd := st.clause(vg.head)
	format := f.format(st, cStart, cEnd)
	if need != "" && format != need {
		return nil
	}
	next := cEnd
	if ng := st.groupAfter(vg.end, cEnd); ng >= 0 {
		next = st.groups[ng].start
	}
	var obj, by []int
	for k := range st.refs {
		r := &st.refs[k]
		if r.Start < vg.end || r.Start >= next || len(r.Entities) == 0 || r.Place {
			continue
		}
		if r.Prep == "by" && vg.passive {
			by = st.coord(k)
			break
		}
		if r.Prep == "" || r.Prep == "with" || r.Prep == "to" && kind != "meeting" {
			if r.Possessive && r.Kind != "pair" {
				continue
			}
			if st.low[vg.head] == "visiting" && r.Start <= vg.end+2 && r.Kind != "country" {
				return nil // "met visiting X": an adjective, read by visiting()
			}
			obj = st.coord(k)
			break
		}
	}
	subj := st.subject(g)
	if vg.passive {
		subj, obj = by, subj
	}
	if kind == "visit" && len(subj) == 0 {
		return nil // a visit without its visitor ("after visiting X, Y and Z, he ...")
	}
	m := &mention{sent: st.idx, head: vg.head, gov: g, kind: kind, status: held, format: format}
	m.addList(f, st, subj, sRole)
	m.addList(f, st, obj, oRole)
	if len(obj) == 0 {
		// Alone, a verb reports a meeting only when its subject is several sides: "the two
		// leaders met", "ministers of X and Y gathered"; or names one it cannot resolve.
		if len(countries(m.parts)) < 2 {
			if vg.end < len(st.low) && st.low[vg.end] == "with" && len(m.parts) > 0 {
				m.counter = true
			} else {
				return nil
			}
		}
	}
	m.status = max(f.groupStatus(st, g), f.timeStatus(st, cStart, cEnd, a.Date))
	m.places = st.places(cStart, cEnd)
	return m
}

// visiting reads "visiting Russian Foreign Minister Sergei Lavrov": a visit under way, the guest
// named, the host the dateline's country unless the sentence says more.
func (f *Finder) visiting(st *sent, a *dateline.Article) []*mention {
	var out []*mention
	for i, w := range st.low {
		if w != "visiting" {
			continue
		}
		if g := st.groupOf[i]; g >= 0 && st.groups[g].end-st.groups[g].start > 1 {
			continue // "is visiting Japan": a verb
		}
		if i > 0 && st.toks[i-1].Tag == "IN" {
			continue // "after visiting Japan": a gerund, with its visitor elsewhere
		}
		for k := range st.refs {
			r := &st.refs[k]
			if r.Start <= i || r.Start > i+3 || len(r.Entities) == 0 || r.Place {
				continue
			}
			m := &mention{sent: st.idx, head: i, gov: -1, kind: "visit", status: held}
			if r.Kind == "country" {
				// "visiting U.S. Trade Representative Clayton Yeutter": an official of that country.
				if r.End >= len(st.toks) || !isCap(st.toks[r.End].Text) {
					break
				}
				e := r.Entities[0]
				m.parts = append(m.parts, part{code: e.Country + "GOV", kind: "group", role: "guest", pos: st.idx<<16 | r.Start})
			} else {
				m.addList(f, st, st.coord(k), "guest")
			}
			if home := a.Dateline.Country; home != "" && !contains(countries(m.parts), home) {
				m.parts = append(m.parts, part{code: home, kind: "country", name: f.countryName(home), role: "host", pos: st.idx<<16 | i})
			}
			out = append(out, m)
			break
		}
	}
	return out
}

// addRef adds the actors of a phrase as participants with a role. Group words shared by a list
// of countries give each country their agent: "the foreign ministers of Armenia and Azerbaijan"
// are ARMGOV and AZEGOV.
func (m *mention) addRef(f *Finder, r *actor.Ref, role string) {
	for _, e := range r.Entities {
		if e.Agent == "MED" || e.Kind == "place" {
			continue
		}
		code := e.Code()
		if code == "" || (e.Country == "" && e.Org == "") || !f.knownCode(code) {
			continue
		}
		if r.Kind == "group" && e.Agent == "" && e.Org == "" {
			continue // "the Japanese steel firms": a group of no known agent is no state
		}
		office := e.Office
		if office == "" && r.Title != "" {
			office = f.office(r.Title)
		}
		m.parts = append(m.parts, part{code: code, name: e.Name, office: office, kind: e.Kind, role: role, pos: m.sent<<16 | r.Start})
	}
}

// addList adds the actors of a list of refs ("Japanese and British officials", "the leaders
// of France, Germany and Italy"). A country named only to qualify a noun that is no actor ("U.S.
// regional carrier Air Atlanta", "British and Commonwealth Shipping") is left out; a country in
// a list with a group word takes that group's agent ("Japanese ... officials" are JPNGOV).
func (m *mention) addList(f *Finder, st *sent, ks []int, role string) {
	agent, office := "", ""
	for _, k := range ks {
		r := &st.refs[k]
		if r.Kind == "group" && r.Plural && len(r.Entities) == 1 && r.Entities[0].Country != "" && r.Entities[0].Agent != "" {
			agent, office = r.Entities[0].Agent, f.office(r.Title)
		}
	}
	for _, k := range ks {
		r := &st.refs[k]
		if st.modifier(k) {
			continue
		}
		before := len(m.parts)
		m.addRef(f, r, role)
		if agent != "" && r.Kind == "country" && len(m.parts) == before+1 && len(m.parts[before].code) == 3 {
			q := &m.parts[before]
			q.code += agent
			q.kind, q.name, q.office = "group", "", office
		}
	}
}

// modifier reports whether ref k only qualifies the noun after it ("U.S. regional carrier",
// "Japanese semiconductor goods"), rather than naming an actor.
func (st *sent) modifier(k int) bool {
	r := &st.refs[k]
	if r.Kind != "country" && r.Kind != "org" || r.Possessive || r.End >= len(st.toks) {
		return false
	}
	next := &st.toks[r.End]
	if st.inActor(r.End) || st.low[r.End] == "and" || st.low[r.End] == "," {
		return false
	}
	if r.Kind == "org" {
		return next.Tag == "NNP" || next.Tag == "NNPS" // "Commonwealth Shipping"
	}
	return strings.HasPrefix(next.Tag, "NN") || strings.HasPrefix(next.Tag, "JJ")
}

// knownCode reports whether a code names a country or an organisation, not an agent alone.
func (f *Finder) knownCode(code string) bool {
	if strings.HasPrefix(code, "IGO") || strings.HasPrefix(code, "NGO") {
		return true
	}
	if len(code) < 3 || f.KB == nil {
		return len(code) >= 3
	}
	return f.KB.Country(code[:3]) != nil
}

func isCap(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// agent returns the CAMEO agent of a title or group word ("government" → GOV), or "".
func (f *Finder) agent(word string) string {
	if f.KB == nil {
		return ""
	}
	for _, w := range []string{word, strings.TrimSuffix(word, "s")} {
		if ag := f.KB.Agents[w]; ag != nil {
			return ag.Agent
		}
	}
	return ""
}

// office maps a title ("foreign ministers", "heads of government") to its office, if one.
func (f *Finder) office(title string) string {
	if f.KB == nil {
		return ""
	}
	for _, t := range []string{title, strings.TrimSuffix(title, "s"), strings.Replace(title, "heads", "head", 1),
		strings.Replace(title, "ministers", "minister", 1)} {
		if ag := f.KB.Agents[t]; ag != nil && ag.Office != "" {
			return ag.Office
		}
	}
	return ""
}

func (f *Finder) countryName(code string) string {
	if f.KB != nil {
		if c := f.KB.Country(code); c != nil {
			return c.Name
		}
	}
	return code
}

// places returns the places a clause names as where something happened ("in Tokyo", "at the
// Kremlin").
func (st *sent) places(from, to int) []place {
	var out []place
	for k := range st.refs {
		r := &st.refs[k]
		if r.Start < from || r.Start >= to || len(r.Entities) != 1 {
			continue
		}
		e := r.Entities[0]
		if !st.hangsOnEvent(r.Start) {
			continue // "the war in Ukraine": where something else is
		}
		switch {
		case e.Kind == "place":
			out = append(out, place{name: e.Name, country: e.Country, city: true})
		case r.Place && e.Kind == "country":
			out = append(out, place{name: e.Name, country: e.Country})
		}
	}
	return out
}

// groupStatus says whether what verb group g reports took place: "postponed", "did not meet"
// and "will meet", "is due to meet", "failed to meet" did not (yet).
func (f *Finder) groupStatus(st *sent, g int) int {
	vg := st.groups[g]
	for k := vg.start; k < vg.end; k++ {
		if n, _ := f.Lex.at(clNotHold, st.toks, st.low, k); n > 0 {
			return notHeld
		}
	}
	if vg.negated {
		return notHeld
	}
	if futureModals[vg.modal] {
		return future
	}
	if vg.start > 0 {
		// "before travelling to Washington", "ahead of meeting"; but "before leaving Tokyo
		// yesterday" is done.
		if f.Lex.ending(clFuturePrep, st.toks, st.low, vg.start) > 0 && !st.saysPast(vg.end, min(vg.end+8, len(st.toks))) {
			return future
		}
	}
	if !vg.finite && !vg.infinitive && vg.end-vg.start == 1 && (st.toks[vg.head].Tag == "VBG" || st.toks[vg.head].Tag == "VBN") {
		// A lone participle or gerund ("after holding talks", "as opposed to jawboning at the
		// summit") happens when the clause it hangs on does.
		if pg := st.groupBefore(vg.start, 0); pg >= 0 && pg < g {
			return f.groupStatus(st, pg)
		}
	}
	if !vg.infinitive && (st.toks[vg.head].Tag == "VB" || st.toks[vg.head].Tag == "VBP") && vg.modal == "" {
		// "He will meet Zheng, attend a meeting ...": a bare verb after a comma or "and" shares
		// the tense of the verb it is coordinated with.
		if pg := st.groupBefore(vg.start, 0); pg >= 0 && pg < g && st.subject(g) == nil {
			between := st.gap(st.groups[pg].end, vg.start)
			if strings.Contains(between, "and") || strings.Contains(between, ",") || strings.Contains(between, "or") {
				return f.groupStatus(st, pg)
			}
		}
	}
	if vg.infinitive {
		if gov := vg.start - 2; gov >= 0 {
			if _, ok := f.Lex.has(clIntend, &st.toks[gov]); ok {
				return future
			}
			// "advice to talk first to banks", "a decision to hold talks": what a noun proposes
			if strings.HasPrefix(st.toks[gov].Tag, "NN") && !st.inRef(gov) {
				return future
			}
			if isBe(st.low[gov]) {
				return future // "is to meet"
			}
		}
		if pg := st.groupBefore(vg.start, 0); pg >= 0 && pg < g {
			if _, ok := f.Lex.has(clIntend, &st.toks[st.groups[pg].head]); ok && vg.start-st.groups[pg].end <= 6 {
				return future // "agreed on Tuesday to meet"
			}
			return f.groupStatus(st, pg)
		}
	}
	return held
}

var weekdays = map[string]time.Weekday{"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday}

// pastTense reports whether a verb of tokens [from, to) is in the past tense or perfect.
func (st *sent) pastTense(from, to int) bool {
	for k := from; k < to; k++ {
		if st.groupOf[k] >= 0 && (st.toks[k].Tag == "VBD" || st.toks[k].Tag == "VBN" && !st.groups[st.groupOf[k]].adj) {
			return true
		}
	}
	return false
}

// saysPast reports whether tokens [from, to) hold a time word for a day already gone:
// "yesterday", "last night", "earlier".
func (st *sent) saysPast(from, to int) bool {
	for k := from; k < to; k++ {
		switch st.low[k] {
		case "yesterday", "earlier":
			return true
		case "last":
			if k+1 < to && st.low[k+1] == "night" {
				return true
			}
		}
	}
	return false
}

// tenseStatus is the status of a meeting that dates what a verb group did ("failed to reach
// agreement at two days of talks"): when the finite verb is in the past, the meeting was held,
// whatever the infinitive under it; otherwise the verb group decides ("are expected to sign ...
// during the visit": not yet).
func (f *Finder) tenseStatus(st *sent, g int) int {
	for pg := g; pg >= 0; pg = st.groupBefore(st.groups[pg].start, 0) {
		vg := st.groups[pg]
		if !vg.finite {
			continue
		}
		if futureModals[vg.modal] || vg.negated {
			break
		}
		for k := vg.start; k < vg.end; k++ {
			if w := st.low[k]; st.toks[k].Tag == "VBD" || w == "had" || w == "was" || w == "were" {
				return held
			}
		}
		break
	}
	return f.groupStatus(st, g)
}

// timeStatus reads the time phrases of a clause: "next week" is future, "last year" or "in
// 1985" (another year than the article's) is past.
func (f *Finder) timeStatus(st *sent, from, to int, date string) int {
	year, month, day := 0, 0, 0
	if len(date) >= 10 {
		year, _ = strconv.Atoi(date[:4])
		month, _ = strconv.Atoi(date[5:7])
		day, _ = strconv.Atoi(date[8:10])
	}
	for k := from; k < to; k++ {
		if n, _ := f.Lex.at(clFutureTime, st.toks, st.low, k); n > 0 {
			return future
		}
		if n, _ := f.Lex.at(clPastTime, st.toks, st.low, k); n > 0 {
			return past
		}
		if (st.low[k] == "in" || st.low[k] == "during") && k+1 < to {
			w := st.low[k+1]
			if y, err := strconv.Atoi(w); err == nil && len(w) == 4 && year > 0 && y != year {
				if y < year {
					return past
				}
				return future
			}
			if mo, ok := months[w]; ok && month > 0 && mo != month && (w != "may" || isCap(st.toks[k+1].Text)) {
				if mo < month {
					return past
				}
				return future
			}
		}
		// "on April 7", "June 8": a day after the article's is still to come, one more than a
		// week before it is past.
		if mo, ok := months[st.low[k]]; ok && k+1 < to && isCap(st.toks[k].Text) && day > 0 {
			if d, err := strconv.Atoi(strings.TrimRight(st.low[k+1], ",")); err == nil && d >= 1 && d <= 31 {
				switch diff := (mo-month)*31 + d - day; {
				case diff > 0:
					return future
				case diff < -7:
					return past
				}
			}
		}
	}
	// "when he arrives for talks on Wednesday" in a Monday story, "starts a visit on Sunday" in a
	// Friday one: another weekday, told in the present tense, is still to come. (In the past
	// tense, "on Wednesday" is the one just gone.)
	if t, err := time.Parse("2006-01-02", date); err == nil {
		for k := from; k < to; k++ {
			if wd, ok := weekdays[st.low[k]]; ok && k > 0 && st.low[k-1] == "on" && wd != t.Weekday() && !st.pastTense(from, to) {
				return future
			}
		}
	}
	// "when Miyazawa visits Washington" in a sentence about what will happen then.
	if from > 0 {
		switch st.low[from-1] {
		case "when", "before", "until", "once":
			if pg := st.groupBefore(from-1, 0); pg >= 0 && f.groupStatus(st, pg) == future {
				return future
			}
		}
	}
	return held
}

// format returns how a clause says the participants met: "video link", "telephone" or "".
func (f *Finder) format(st *sent, from, to int) string {
	for k := from; k < to; k++ {
		if st.inRef(k) {
			continue
		}
		if n, v := f.Lex.at(clFormat, st.toks, st.low, k); n > 0 {
			if k+n < len(st.low) && (st.low[k+n] == "interview" || st.low[k+n] == "interviews") {
				continue // "said in a telephone interview": how the reporter reached him
			}
			return v
		}
	}
	return ""
}

// kindOfCameo is the kind of meeting a consult event stands for.
func kindOfCameo(code string) string {
	switch code {
	case "041":
		return "phone call"
	case "042", "043":
		return "visit"
	case "046":
		return "talks"
	}
	return "meeting"
}

// eventMentions adds what the event coder found: the actors of each consult event (CAMEO 04x)
// join the meeting its sentence reports, or make one when our words found none.
func (f *Finder) eventMentions(st *sent, in Input, found []*mention) []*mention {
	var out []*mention
	for _, e := range in.Events {
		if e.CameoRoot != "04" || e.Negated || e.Mood == dateline.MoodHypothetical || e.Span[0] != st.s.Start || e.Source == nil {
			continue
		}
		sRole, tRole := "", ""
		switch e.Cameo {
		case "042":
			sRole, tRole = "guest", "host"
		case "043":
			sRole, tRole = "host", "guest"
		}
		var parts []part
		if f.knownCode(e.Source.Code) {
			parts = append(parts, st.eventPart(e.Source, sRole))
		}
		if e.Target != nil && f.knownCode(e.Target.Code) {
			parts = append(parts, st.eventPart(e.Target, tRole))
		}
		if len(parts) == 0 {
			continue
		}
		at := st.find(e.Trigger)
		var best *mention
		mine := false // a meeting word of ours inside the event's trigger: our reading stands
		for _, m := range append(found, out...) {
			if at >= 0 && m.head >= at && m.head < at+len(strings.Fields(e.Trigger)) {
				mine = true
			}
			if overlaps(m.parts, parts) && (best == nil || abs(m.head-at) < abs(best.head-at)) {
				best = m
			}
		}
		if mine && best == nil {
			continue
		}
		if best != nil {
			// The event confirms the mention; our reading of the clause keeps its roles, and a bare
			// country of the coder's (often an adjective: "Japanese steel firms") adds nothing.
			for _, p := range parts {
				if !hasCode(best.parts, p.code) && len(p.code) > 3 {
					best.parts = append(best.parts, p)
				}
			}
			continue
		}
		// Alone, an event is a meeting only when its trigger is a meeting word ("held talks",
		// "met"), not any travel the coder reads as a visit ("left for Washington").
		if !f.meetingWordAt(st, at, len(strings.Fields(e.Trigger))) {
			continue
		}
		m := &mention{sent: st.idx, head: max(at, 0), gov: -1, kind: kindOfCameo(e.Cameo), status: held, parts: parts}
		cStart, cEnd := 0, len(st.toks)
		if at >= 0 {
			cStart, cEnd = st.clause(at)
			if g := st.groupOf[at]; g >= 0 {
				m.gov = g
				m.status = f.groupStatus(st, g)
			}
		}
		m.status = max(m.status, f.timeStatus(st, cStart, cEnd, in.Article.Date))
		m.format = f.format(st, cStart, cEnd)
		m.places = st.places(cStart, cEnd)
		out = append(out, m)
	}
	return out
}

func overlaps(a, b []part) bool {
	ca := countries(a)
	for _, c := range countries(b) {
		if contains(ca, c) {
			return true
		}
	}
	return false
}

func hasCode(ps []part, code string) bool {
	for _, p := range ps {
		if p.code == code {
			return true
		}
	}
	return false
}

// meetingWordAt reports whether the n tokens from i hold a meeting noun used as a noun, or a
// meeting verb used as a verb ("held talks with", "met"; not "the U.S. negotiating stance").
func (f *Finder) meetingWordAt(st *sent, i, n int) bool {
	for k := max(i, 0); k < len(st.toks) && k < i+n; k++ {
		if _, ok := f.Lex.has(clNoun, &st.toks[k]); ok && nounUse(st, k) {
			return true
		}
		// A verb the tagger missed ("spoke" as a noun) still counts, unless it modifies a noun.
		if g := st.groupOf[k]; (g < 0 || !st.groups[g].adj) && !strings.HasPrefix(st.toks[k].Tag, "JJ") {
			t := st.toks[k]
			t.Tag = "VBD"
			if _, ok := f.Lex.has(clVerb, &t); ok {
				return true
			}
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// find returns the token where the words of s begin in the sentence, or -1.
func (st *sent) find(s string) int {
	w := strings.Fields(strings.ToLower(s))
	if len(w) == 0 {
		return -1
	}
	for i := range st.low {
		if st.low[i] == w[0] {
			return i
		}
	}
	return -1
}

// eventPart turns one side of an event into a participant, with what the sentence's actor
// phrases know of it (kind, office).
func (st *sent) eventPart(r *dateline.ActorRef, role string) part {
	p := part{code: r.Code, name: r.Name, role: role, kind: "group", pos: st.idx<<16 | 0xffff}
	if len(r.Code) == 3 {
		p.kind = "country"
	}
	for k := range st.refs {
		for _, e := range st.refs[k].Entities {
			if e.Code() == r.Code && (r.Name == "" || e.Name == r.Name) {
				p.kind, p.office, p.name = e.Kind, e.Office, e.Name
			}
		}
	}
	return p
}

// hangsOnEvent reports whether the place phrase starting at token i ("in Tokyo") follows a verb,
// a meeting word, a name or a time, rather than another noun ("the situation in Afghanistan").
func (st *sent) hangsOnEvent(i int) bool {
	j := i - 1
	for j >= 0 && (st.toks[j].Tag == "IN" || st.toks[j].Tag == "DT") {
		j--
	}
	if j < 0 || st.inRef(j) || isVerbTag(st.toks[j].Tag) || st.toks[j].Tag == "," || st.toks[j].Tag == "RB" {
		return true
	}
	switch st.low[j] {
	case "talks", "meeting", "meetings", "summit", "visit", "conference", "session", "negotiations", "trip",
		"stopover", "tour", "stay", "arrival", "gathering",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday":
		return true
	}
	return false
}
