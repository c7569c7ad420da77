package event

import (
	"fmt"
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/actor"
	"github.com/dateline-news/dateline/internal/taxonomy"
	"github.com/dateline-news/dateline/internal/text"
)

// NullCode marks a dictionary pattern that matches words which are no event ("demand boosting
// measures"): it wins over shorter patterns like any other and codes nothing.
const NullCode = "000"

// Coder turns sentences with resolved actors into events. Immutable; safe for concurrent use.
type Coder struct {
	Dict      *Dict
	Codes     *taxonomy.Table
	formWords map[string][]string // an inflected form → the pattern words it may be ("met" → "meet")
}

// NewCoder prepares a coder: every pattern word is inflected once, so matching compares strings.
func NewCoder(d *Dict, codes *taxonomy.Table, lem *text.Lemmatizer) *Coder {
	c := &Coder{Dict: d, Codes: codes, formWords: map[string][]string{}}
	for _, w := range d.Words() {
		for _, f := range lem.Inflect(w) {
			c.formWords[f] = appendNew(c.formWords[f], w)
		}
	}
	return c
}

// vgroup is a verb group: auxiliaries, modals, adverbs and the verbs of one predicate.
type vgroup struct {
	start, end int // token range
	head       int // last verb token
	finite     bool
	passive    bool
	negated    bool
	modal      string
	infinitive bool // introduced by "to"
}

// failVerbs say that the infinitive after them did not happen.
var failVerbs = map[string]bool{"fail": true, "neglect": true}

// failNouns say the same of the infinitive after them.
var failNouns = map[string]bool{"refusal": true, "failure": true, "reluctance": true,
	"unwillingness": true, "inability": true}

var negWords = map[string]bool{"not": true, "n't": true, "never": true}

var beForms = map[string]bool{"be": true}

func verbGroups(toks []dateline.Token) []vgroup {
	var out []vgroup
	for i := 0; i < len(toks); {
		t := toks[i].Tag
		if !(strings.HasPrefix(t, "VB") || t == "MD") {
			i++
			continue
		}
		g := vgroup{start: i, head: i}
		if i > 0 && toks[i-1].Lemma == "to" {
			g.infinitive = true
			g.start = i - 1
			if i > 1 && negWords[toks[i-2].Lemma] {
				g.negated = true // "decided not to prosecute"
			}
			if len(out) > 0 && out[len(out)-1].end == i-1 && failVerbs[toks[out[len(out)-1].head].Lemma] {
				g.negated = true // "failed to reach agreement": it did not happen
			}
			if i > 1 && failNouns[toks[i-2].Lemma] {
				g.negated = true // "upheld the commission's refusal to extend duties"
			}
		}
		j := i
		sawBe := false
		for j < len(toks) {
			tj := toks[j].Tag
			lw := strings.ToLower(toks[j].Text)
			if strings.HasPrefix(tj, "VB") || tj == "MD" {
				if tj == "MD" {
					g.modal = lw
				}
				if tj == "VBD" || tj == "VBZ" || tj == "VBP" || tj == "MD" {
					g.finite = true
				}
				if tj == "VBN" && sawBe {
					g.passive = true
				}
				if beForms[toks[j].Lemma] {
					sawBe = true
				} else if tj != "MD" && toks[j].Lemma != "have" {
					sawBe = false
				}
				g.head = j
				j++
				continue
			}
			if (tj == "RB" || tj == "RBR") && j+1 < len(toks) && (strings.HasPrefix(toks[j+1].Tag, "VB") || toks[j+1].Tag == "RB") {
				if negWords[lw] {
					g.negated = true
				}
				j++
				continue
			}
			if negWords[lw] {
				g.negated = true
				j++
				continue
			}
			break
		}
		g.end = j
		out = append(out, g)
		i = j
	}
	return out
}

// match state
type matchResult struct {
	p             *Pattern
	end           int  // token after the match
	target        int  // index into refs, or -1
	passiveTarget bool // a passive match whose pattern found the target itself
}

func appendNew(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// tokenWords lists, for each token, the pattern words it can stand for: its lemma, its lower-case
// text and every pattern word of which it is an inflected form. Computed once per sentence so
// that matching compares short string slices.
func (c *Coder) tokenWords(toks []dateline.Token) [][]string {
	out := make([][]string, len(toks))
	for i := range toks {
		low := toks[i].Lemma
		if toks[i].Text != low {
			low = strings.ToLower(toks[i].Text)
		}
		ws := make([]string, 0, 3)
		ws = append(ws, toks[i].Lemma)
		if low != toks[i].Lemma {
			ws = append(ws, low)
		}
		for _, w := range c.formWords[low] {
			ws = appendNew(ws, w)
		}
		if len(low) > 5 && strings.HasPrefix(low, "re") && !notAgain[toks[i].Lemma] {
			// "reimposed", "reopened": the action again — unless the word is a verb of its own
			// ("replace" is no placing, "research" no search)
			for _, w := range c.formWords[low[2:]] {
				ws = appendNew(ws, w)
			}
		}
		out[i] = ws
	}
	return out
}

// notAgain: verbs that begin with "re" without meaning "again".
var notAgain = map[string]bool{"replace": true, "represent": true, "research": true, "reserve": true,
	"resort": true, "reside": true, "resent": true, "remark": true, "remind": true, "render": true,
	"repair": true, "report": true, "reform": true, "remain": true, "refer": true, "relay": true,
	"retire": true, "restrict": true, "reassure": true, "resound": true,
	"resign": true, "regard": true, "relate": true, "rely": true, "remedy": true, "repose": true,
	"resolve": true, "respect": true, "respond": true, "retain": true, "retract": true, "reward": true}

// possible reports whether every required word element of p has an alternative whose first
// word occurs in the sentence: a cheap test that rules out most patterns before matching.
func (m *mctx) possible(p *Pattern) bool {
	if m.present == nil {
		return true
	}
	for _, alts := range p.required {
		ok := false
		for _, w := range alts {
			if m.present[w] {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// wordsAt reports whether token i begins the word sequence ws.
func (m *mctx) wordsAt(i int, ws []string) bool {
	if i+len(ws) > len(m.words) {
		return false
	}
	for k, w := range ws {
		found := false
		for _, x := range m.words[i+k] {
			if x == w {
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

// refAt returns the ref starting at token i, or after up to three determiners, numbers and
// adjectives ("12 protesters", "the visiting Chinese premier"), or -1.
func refAt(refs []actor.Ref, toks []dateline.Token, i int) int {
	for k := range refs {
		r := &refs[k]
		if r.Start < i || r.Start > i+5 || len(r.Entities) == 0 || r.Place {
			continue
		}
		ok := true
		for j := i; j < r.Start; j++ {
			tg := toks[j].Tag
			if !(isDet(toks[j].Text) || tg == "CD" || tg == "JJ" || tg == "JJR" || tg == "DT" || tg == "VBG" || tg == "PRP$" || quantifiers[toks[j].Lemma]) {
				ok = false
			}
		}
		if ok {
			return k
		}
	}
	return -1
}

// quantifiers may precede a target: "freed over 150 Palestinian prisoners", "up to 16 advisers".
var quantifiers = map[string]bool{"over": true, "about": true, "some": true, "nearly": true, "almost": true,
	"least": true, "at": true, "up": true, "to": true, "more": true, "than": true, "around": true,
	"roughly": true, "approximately": true, "dozens": true, "hundreds": true, "thousands": true, "of": true}

func isDet(w string) bool {
	if len(w) > 5 {
		return false
	}
	switch strings.ToLower(w) {
	case "the", "a", "an", "its", "his", "her", "their", "both":
		return true
	}
	return false
}

// mctx is one pattern match attempt over a sentence.
type mctx struct {
	c       *Coder
	present map[string]bool // every word the sentence's tokens can stand for
	toks    []dateline.Token
	refs    []actor.Ref
	words   [][]string // per token: the pattern words it can stand for
	inRef   []bool     // per token: inside an actor phrase (not a pronoun)
	head    []bool     // per token: the head noun of a group phrase ("its troops", "the demonstrators")
	stop    int        // a match ends before this token (the trailing attribution), 0 = none
	passive bool       // the trigger's verb group is passive
}

func (c *mctx) matchFrom(p *Pattern, ei, ti, limit int, target int) (int, int, bool) {
	if ei == len(p.elems) {
		return ti, target, true
	}
	e := p.elems[ei]
	if e.optional {
		if end, tg, ok := c.matchOne(p, e, ei, ti, limit, target); ok {
			return end, tg, true
		}
		return c.matchFrom(p, ei+1, ti, limit, target)
	}
	return c.matchOne(p, e, ei, ti, limit, target)
}

func (c *mctx) matchOne(p *Pattern, e element, ei, ti, limit, target int) (int, int, bool) {
	toks, refs := c.toks, c.refs
	switch e.kind {
	case elGap:
		for k := 0; k <= 6 && ti+k <= limit; k++ {
			if k > 0 {
				w := toks[ti+k-1].Text
				if w == ";" || w == "." || w == ":" {
					break
				}
			}
			if end, tg, ok := c.matchFrom(p, ei+1, ti+k, limit, target); ok {
				return end, tg, true
			}
		}
		return 0, 0, false
	case elTarget:
		k := -1
		if ti < limit {
			k = refAt(refs, toks, ti)
		}
		if k < 0 {
			if c.passive {
				// "was accused of ...": in the passive the target is the subject, not here.
				return c.matchFrom(p, ei+1, ti, limit, target)
			}
			return 0, 0, false
		}
		// "urged Iran and the EU trio (France, Germany and Britain) to ...": the pattern goes on
		// after the whole coordinated target; the coder expands the target itself. A short
		// adjunct may follow the target: "asked China on Thursday to lift ...".
		end := coordEnd(refs, toks, k)
		if e, tg, ok := c.matchFrom(p, ei+1, end, limit, k); ok {
			return e, tg, true
		}
		if ei+1 < len(p.elems) {
			if skip := adjunctEnd(toks, end); skip > end {
				return c.matchFrom(p, ei+1, skip, limit, k)
			}
		}
		return 0, 0, false
	case elTo:
		for _, at := range []int{ti, adjunctEnd(toks, ti)} {
			// "refused on Thursday to ratify": a time adjunct may come first
			if at+1 < limit && toks[at].Lemma == "to" && strings.HasPrefix(toks[at+1].Tag, "VB") {
				return c.matchFrom(p, ei+1, at+2, limit, target)
			}
		}
		return 0, 0, false
	default:
		for _, alt := range e.alts {
			at := ti
			if ei > 0 && at < limit && !c.wordsAt(at, alt) {
				at = adjunctEnd(toks, ti) // "refused on Thursday to", "called on Tuesday for"
			}
			if at+len(alt) <= limit && c.wordsAt(at, alt) && (!c.inRef[at] || ei > 0 && c.head[at]) {
				if end, tg, ok := c.matchFrom(p, ei+1, at+len(alt), limit, target); ok {
					return end, tg, true
				}
			}
		}
		return 0, 0, false
	}
}

// adjunctEnd skips a short time adjunct ("on Thursday", "again", "last week") at i; it returns i
// when there is none. Called on every failed word match, so it looks at tags before words.
func adjunctEnd(toks []dateline.Token, i int) int {
	j := i
	if j < len(toks) && toks[j].Tag == "RB" {
		j++
	}
	if j+1 < len(toks) {
		t := toks[j].Text
		switch toks[j].Tag {
		case "IN", "JJ", "DT":
			if strings.EqualFold(t, "last") || strings.EqualFold(t, "this") {
				j += 2
			} else if (strings.EqualFold(t, "on") || strings.EqualFold(t, "next")) && toks[j+1].Tag == "NNP" {
				j += 2
			}
		}
	}
	return j
}

// coordEnd returns the token after ref k and the refs coordinated with it, and after a
// parenthesis that follows them.
func coordEnd(refs []actor.Ref, toks []dateline.Token, k int) int {
	end := refs[k].End
	for {
		if end < len(toks) && toks[end].Text == "(" {
			j := end
			for j < len(toks) && toks[j].Text != ")" && j-end < 12 {
				j++
			}
			if j < len(toks) && toks[j].Text == ")" {
				end = j + 1
				continue
			}
		}
		next := -1
		if end < len(toks) {
			switch toks[end].Lemma {
			case "and", "or", ",":
				for j := end + 1; j <= end+3 && j < len(toks); j++ {
					if m := refAt(refs, toks, j); m >= 0 && refs[m].Start >= end {
						next = m
						break
					}
				}
			}
		}
		if next < 0 {
			return end
		}
		end = refs[next].End
	}
}

// best finds the most specific pattern firing at trigger token t.
func (c *Coder) best(base *mctx, t int, passive bool) *matchResult {
	m := *base
	m.passive = passive
	toks := m.toks
	var seen map[*Pattern]bool
	var best *matchResult
	for _, key := range m.words[t] {
		for _, p := range c.Dict.byTrigger[key] {
			if seen[p] {
				continue
			}
			if seen == nil {
				seen = map[*Pattern]bool{}
			}
			seen[p] = true
			if !m.possible(p) {
				continue
			}
			if best != nil && p.weight < best.p.weight {
				break
			}
			limit := len(toks)
			if m.stop > t {
				limit = m.stop // not into ", relief officials in Nairobi said"
			}
			if end, tg, ok := m.matchFrom(p, 0, t, limit, -1); ok {
				if best == nil || p.weight > best.p.weight {
					best = &matchResult{p: p, end: end, target: tg}
				}
			}
		}
	}
	return best
}

// Code returns the events of one sentence.
//
// pair, when the article is about two countries, supplies the target of a cooperative act with
// none in its sentence ("he called for closer cooperation in trade" in a report of bilateral talks).
func (c *Coder) Code(a *dateline.Article, s *dateline.Sentence, refs []actor.Ref, pair []*actor.Entity) []dateline.Event {
	toks := s.Tokens
	if len(toks) == 0 {
		return nil
	}
	groups := verbGroups(toks)
	groupOf := make([]int, len(toks))
	for i := range groupOf {
		groupOf[i] = -1
	}
	for gi, g := range groups {
		for i := g.start; i < g.end; i++ {
			groupOf[i] = gi
		}
	}
	var out []dateline.Event
	attr := attribution(toks, groups)
	consumed := -1 // tokens before this index belong to an earlier match
	eventGroup := map[int]bool{}
	background := map[int]bool{} // indexes into out of events in subordinate clauses
	wrapped := map[int]int{}     // verb group → the family of the wrapper event it completes
	mc := &mctx{c: c, toks: toks, refs: refs, words: c.tokenWords(toks), inRef: make([]bool, len(toks)), head: make([]bool, len(toks))}
	if attr.start > 0 {
		mc.stop = attr.start
	}
	mc.present = make(map[string]bool, len(toks)*2)
	for _, ws := range mc.words {
		for _, w := range ws {
			mc.present[w] = true
		}
	}
	for k := range refs {
		if refs[k].Kind != "pronoun" && len(refs[k].Entities) > 0 {
			// An unresolved phrase ("released the mayor") is only words: patterns may match them.
			for i := refs[k].Start; i < refs[k].End; i++ {
				mc.inRef[i] = true
			}
			if refs[k].Kind == "group" {
				// "withdrew its troops", "dispersed the demonstrators": the group's noun is also
				// the object a pattern names.
				mc.head[refs[k].End-1] = true
			}
		}
	}
	for t := range toks {
		if t < consumed || mc.inRef[t] || attr.has(t) {
			continue
		}
		trigger := false
		for _, w := range mc.words[t] {
			if _, ok := c.Dict.byTrigger[w]; ok {
				trigger = true
				break
			}
		}
		if !trigger {
			continue
		}
		gi := groupOf[t]
		m := c.best(mc, t, gi >= 0 && groups[gi].passive)
		if m != nil && m.p.Code == NullCode {
			// "demand boosting measures", "the crash of a Boeing which killed 520 people": the
			// dictionary says these words are no event, and none of them starts one.
			consumed = max(consumed, m.end)
			continue
		}
		if attributive(toks, t) && (toks[t].Tag == "JJ" || gi >= 0 && groups[gi].end == t+1 && (groups[gi].start == t || toks[t].Tag == "VBN")) {
			continue // "the occupied territories", "Israeli-occupied West Bank": an adjective
		}
		if (gi < 0 || toks[t].Tag == "VBG" && groups[gi].start == t) && backgroundNoun(toks, t) {
			continue // "in an attack on a village", "during talks": background, not the news
		}
		if m == nil && gi >= 0 && groups[gi].passive {
			m = c.bestPassive(mc, groups, gi, t)
		}
		if m == nil {
			continue
		}
		if gi < 0 && strings.HasPrefix(toks[t].Tag, "NN") && len(m.p.elems) == 1 {
			continue // "U.S. oil demand rose": a bare noun is an event only through a longer pattern
		}
		var g vgroup
		if gi >= 0 {
			g = groups[gi]
			// An infinitive that completes an earlier event ("willing to work") is part of it.
			if g.infinitive && gi > 0 && eventGroup[gi-1] {
				continue
			}
			// "threatened to stop negotiations to reduce nuclear weapons": an infinitive right
			// after a coded event's words says what that event is for, not a new event.
			if g.infinitive && consumed >= 0 && g.start <= consumed+1 {
				continue
			}
		} else {
			g = vgroup{start: t, end: t + 1, head: t}
		}
		code := c.Codes.Get(m.p.Code)
		if code == nil {
			continue
		}
		rule := ""
		var embeddedTarget int = -1
		absorb := -1 // end of a demanded clause's own match, which is part of this event
		if fam, ok := wrapperFamily[code.Root]; ok {
			// "urged Myanmar to release prisoners": the appeal is for a release, 0253.
			v := embeddedVerb(toks, m.end)
			thatClause := false
			if v < 0 && (code.Root == "02" || code.Root == "10") {
				// "demanding that President Mugabe abandon his policy": what is demanded is
				// said in the clause; it refines the demand and is not an act of its own.
				if v = thatVerb(toks, groups, m.end); v >= 0 {
					thatClause = true
				}
			}
			if v >= 0 {
				if !thatClause && groupOf[v] >= 0 {
					wrapped[groupOf[v]] = fam
				}
				am := c.best(mc, v, false)
				if thatClause && am != nil {
					absorb = am.end
				}
				if am == nil && (code.Root == "03" || code.Root == "12") && m.p.weight <= 3 && m.target < 0 {
					// "declined to identify", "plans to raise prices": a generic intent or
					// refusal is an event only when what is intended or refused is one.
					continue
				}
				if am != nil && !thatClause {
					embeddedTarget = am.target
				}
				if am != nil {
					if ac := c.Codes.Get(am.p.Code); ac != nil {
						// "plans to impose sanctions" announces a conflict action: a threat (13x).
						threat := fam == taxonomy.Intent && fc0(c.Codes.InFamily(ac.Code, fam)) == "13"
						if fc := c.Codes.InFamily(ac.Code, fam); fc != nil && (fc.Root == code.Root && len(fc.Code) >= len(code.Code) && (code.Root != "13" || code.Code == "130") || threat && code.Root != "13") {
							code = fc
							rule = " (+ " + am.p.Source + " " + am.p.Text + ")"
						} else if fam == taxonomy.Intent && code.Root == "03" && (ac.Root == "11" || ac.Root == "12") {
							// "vowed to oppose the plan": declaring opposition is opposing (CAMEO has
							// no intent to disapprove), not an intent to cooperate.
							code = ac
							rule = " (+ " + am.p.Source + " " + am.p.Text + ": vowed opposition is opposition)"
						}
					}
				}
			}
		}
		if code.Root == "11" || code.Root == "17" {
			// "charging its neighbour with supporting dissidents", "accused of misusing funds",
			// "arrested for collaborating with Israel": the gerund is what is alleged, not an
			// act the sentence reports.
			if v := allegedVerb(toks, m.end); v >= 0 {
				if am := c.best(mc, v, false); am != nil {
					absorb = am.end
				} else {
					absorb = v + 1
				}
			}
		}
		if gi > 0 && coordInfinitive(toks, groups, gi) {
			if fam, ok := wrapped[gi-1]; ok {
				// "pledged to free the sailors and return the ship": both are pledged.
				wrapped[gi] = fam
				if fc := c.Codes.InFamily(code.Code, fam); fc != nil {
					code = fc
					rule += " (coordinated with a wrapped act: " + fc.Code + ")"
				}
			}
		}
		srcs := c.subject(toks, refs, groups, gi, t)
		var tgts []*actor.Entity
		if m.target < 0 && (code.Root == "10" || code.Root == "02") && m.end < len(toks) && strings.EqualFold(toks[m.end].Text, "that") {
			// "demanded that Azerbaijan release ...": the demand is made of the clause's subject.
			if k := refAt(refs, toks, m.end+1); k >= 0 {
				m.target = k
			}
		}
		if m.target < 0 {
			// "rejected a U.S. request", "dismissed an offer from Kabul": whose it was.
			if k := ownerTarget(toks, refs, t, m.end, gi >= 0 && groups[gi].passive); k >= 0 {
				m.target = k
				rule += " (target: the owner of the object)"
			}
		}
		if m.target < 0 && embeddedTarget >= 0 {
			// "refused to ratify Sweden's application": the wrapped action's target.
			m.target = embeddedTarget
		}
		if m.target >= 0 {
			tgts = expandCoord(refs, toks, m.target)
		} else {
			tgts = c.object(toks, refs, groups, gi, t, m.end, attr.start, code.Code)
			if len(srcs) > 1 && len(tgts) > 0 && allPlaces(refs, tgts) {
				tgts = nil // "Kishida and Yoon held talks in Tokyo": with each other
			}
		}
		if g.passive && gi >= 0 && !stativePassive(toks, g) {
			// "X was arrested by Y": the agent is the source, the subject the target — unless
			// the pattern named its target ("sanctions were imposed on Iran by the U.S.").
			by := agentOf(toks, refs, t+1)
			if m.passiveTarget {
				srcs = by
			} else {
				if len(srcs) == 0 {
					// "A camp for Congolese refugees was attacked": the subject names no actor;
					// the one it was for or of is who was acted on.
					srcs = ppSubject(toks, refs, g.start)
				}
				tgts, srcs = srcs, by
			}
		}
		need := false
		if gi >= 0 && (g.modal == "must" || g.modal == "should") {
			// "Russia said Sudan must return the helicopter": not a return but Russia's demand
			// (or, with "should", appeal) that Sudan return it.
			if k := reporter(toks, groups, gi); k >= 0 {
				if speaker := c.subject(toks, refs, groups, k, groups[k].start); len(speaker) > 0 && sameCountry(speaker, srcs) {
					// A country's own official on what it must do states a need, not an act.
					need = true
				} else if len(speaker) > 0 {
					fam, base := taxonomy.Demand, "100"
					if g.modal == "should" {
						fam, base = taxonomy.Appeal, "020"
					}
					dc := c.Codes.InFamily(code.Code, fam)
					if dc == nil {
						dc = c.Codes.Get(base)
					}
					if dc != nil {
						tgts, srcs, code = srcs, speaker, dc
						rule += " (reported \"" + g.modal + "\": " + dc.Code + ")"
					}
				}
			}
		}
		if code.Root == "11" && m.target >= 0 && m.target < len(refs) && refs[m.target].Prep == "to" {
			// "complained to the United Nations over Israeli air raids": a complaint is against
			// whom it is about; the addressee is who hears it.
			if k := topicRef(toks, refs, m.end, attr.start); k >= 0 {
				tgts = expandCoord(refs, toks, k)
			}
		}
		if len(srcs) == 0 && len(tgts) > 0 && code.Root >= "17" && code.Root <= "20" && (g.passive || attackSubject(toks, groups, gi)) {
			// "A missionary was arrested in Lebanon", "servicemen were killed by a bomb outside
			// the Iraqi city of Basra": no one is named as acting; those who arrest and the
			// unknown attackers are, as analysts code them, of the country where it happened.
			if cc := locationCountry(toks, refs, attr); cc != "" {
				srcs = []*actor.Entity{{Name: cc, Kind: "country", Country: cc, Source: "inferred"}}
				rule += " (source inferred: where it happened)"
			}
		}
		srcs = c.reportedSource(toks, refs, groups, gi, srcs)
		neg := g.negated || hasNo(toks, t, m.end)
		mood := moodOf(code.Root)
		refused := false
		if neg && g.negated && gi >= 0 && isFuture(toks, groups, gi) && code.Root != "12" && len(srcs) > 0 && (srcs[0].Country != "" || srcs[0].Org != "") {
			// "would not meet their demands", "will not attend": in CAMEO a stated refusal (12x),
			// an event in its own right, not a negated intention.
			if rc := c.Codes.InFamily(code.Code, taxonomy.Refusal); rc != nil {
				code, neg, refused = rc, false, true
				mood = moodOf(code.Root)
				rule += " (will not: a refusal, " + code.Code + ")"
			}
		}
		if !refused && gi >= 0 && isFuture(toks, groups, gi) && mood == dateline.MoodAsserted {
			// "Turkey will allow refugees to return": in CAMEO an announced action is an intent
			// (or, for force and sanctions, a threat) — its own event code.
			if in := c.Codes.InFamily(code.Code, taxonomy.Intent); in != nil && in.Code != code.Code {
				code = in
				mood = moodOf(code.Root)
				rule = " (future: announced, so " + code.Code + ")"
			}
			if code.Root == "03" && !neg && conditional(toks, m.end) {
				// "will withdraw its force unless ...": an announced act made conditional on
				// another's conduct is a threat.
				if th := c.Codes.Get("130"); th != nil {
					code = th
					mood = moodOf(code.Root)
					rule += " (conditional: \"unless\", a threat)"
				}
			}
		}
		switch g.modal {
		case "could", "might", "may":
			mood = dateline.MoodHypothetical
		}
		if need || alleged(toks, groups, gi) || hypotheticalReport(toks, groups, gi) || gi < 0 && hypotheticalReport(toks, groups, governing(groups, t)) {
			mood = dateline.MoodHypothetical
		}
		implicit := false
		if len(tgts) == 0 && len(srcs) == 1 && len(pair) == 2 && code.QuadClass <= 2 {
			for k, pe := range pair {
				if pe.Country == srcs[0].Country && srcs[0].Country != "" {
					tgts = []*actor.Entity{pair[1-k]}
					implicit = true
				}
			}
		}
		if len(tgts) == 0 && len(srcs) == 1 && srcs[0].Country != "" && (code.Root == "17" || code.Code == "133" || strings.HasPrefix(code.Code, "132")) {
			// "Iraq's government imposed martial law", "threatened to boycott the elections":
			// coercion and threats of protest or bans with no one named are aimed at home.
			tgts = []*actor.Entity{{Name: srcs[0].Country, Kind: "country", Country: srcs[0].Country}}
			rule += " (target implied: the source's own country)"
		}
		if (code.QuadClass == 4 || code.Root == "13") && len(tgts) == 0 && !m.p.hasTarget && !(m.p.weight >= 4 && armedClause(refs, srcs)) {
			if code.Root == "13" && m.end > consumed {
				consumed = m.end // the threatened act did not happen: it is not an event either
			}
			// "waging a losing war against a fungus", "vowed to attack the problem": force
			// with no one it is used against, threatened by no armed actor, is a figure of
			// speech. "Azerbaijani forces violated the ceasefire" stays.
			continue
		}
		if (code.Root == "18" || code.Root == "19" || code.Root == "20") && len(srcs) > 0 && civilAgents[srcs[0].Agent] {
			// "A different union struck CBS": workers, companies and reporters strike or
			// "fight" a decision; they do not use armed force.
			if toks[t].Lemma != "strike" {
				continue
			}
			if sc := c.Codes.Get("143"); sc != nil {
				code = sc
				rule += " (a civil actor's strike: 143)"
			}
		}
		if len(tgts) == 0 && len(srcs) == 1 && srcs[0].Country != "" && domesticRoots[code.Root] && !ownedObject(toks, t, m.end, code.Root) && !g.passive {
			// "Egyptian demonstrators rioted", "Serbia lifted a night curfew": protest,
			// concession, coercion and refusal with no one named are aimed at home.
			tgts = []*actor.Entity{{Name: srcs[0].Country, Kind: "country", Country: srcs[0].Country}}
			rule += " (target implied: the source's own country)"
		}
		evs := c.pairs(a, s, srcs, tgts, code, m, t, neg, mood)
		for k := range evs {
			evs[k].Rule += rule
		}
		if implicit {
			for k := range evs {
				evs[k].Rule += " (target implied: the other country of the article)"
				evs[k].Confidence = float64(int(evs[k].Confidence*80)) / 100
			}
		}
		if len(evs) > 0 {
			if subordinate(toks, refs, groups, gi) || gi < 0 && subordinate(toks, refs, groups, governing(groups, t)) {
				for k := range evs {
					background[len(out)+k] = true
				}
			}
			out = append(out, evs...)
			if gi >= 0 {
				eventGroup[gi] = true
			}
			consumed = max(m.end, absorb)
		}
	}
	out = append(out, c.reportedDemands(a, s, mc, groups, eventGroup)...)
	if len(background) > 0 {
		// When the sentence's own clause carries news, the scene-setting clauses around it do not.
		var main []dateline.Event
		for k, e := range out {
			if !background[k] {
				main = append(main, e)
			}
		}
		if main = dropStatements(dropFrames(main, toks, groups)); len(main) > 0 {
			return dedupe(main)
		}
	}
	return dedupe(dropStatements(dropFrames(out, toks, groups)))
}

// reportedDemands codes "X said Y must ..." as X's demand (or, with "should", appeal) of Y when
// the embedded action itself matched no pattern: the demand is news whatever is demanded.
func (c *Coder) reportedDemands(a *dateline.Article, s *dateline.Sentence, mc *mctx, groups []vgroup, done map[int]bool) []dateline.Event {
	var out []dateline.Event
	for gi, g := range groups {
		if done[gi] || g.negated || g.modal != "must" && g.modal != "should" {
			continue
		}
		k := reporter(mc.toks, groups, gi)
		if k < 0 {
			continue
		}
		speaker := c.subject(mc.toks, mc.refs, groups, k, groups[k].start)
		addressee := c.subject(mc.toks, mc.refs, groups, gi, groups[gi].start)
		if len(speaker) == 0 || len(addressee) == 0 || speaker[0] == addressee[0] || sameCountry(speaker, addressee) {
			continue // "Funaro said Brazil must finance its exports": a need, not a demand
		}
		if speaker[0].Country == "" && speaker[0].Org == "" {
			continue // a speaker of no known country: whose demand it is cannot be told
		}
		code := c.Codes.Get("100")
		if g.modal == "should" {
			code = c.Codes.Get("020")
		}
		if code == nil {
			continue
		}
		m := &matchResult{p: &Pattern{Code: code.Code, Text: "X said Y " + g.modal + " ...", Source: "coder"}, end: g.end}
		out = append(out, c.pairs(a, s, speaker, addressee, code, m, g.start, false, dateline.MoodRequested)...)
	}
	return out
}

// dropFrames removes a bare statement ("announced", "confirmed") that only frames a clause of its
// own ("Israel announced it would free ..."): the clause is the news, coded or not.
func dropFrames(evs []dateline.Event, toks []dateline.Token, groups []vgroup) []dateline.Event {
	out := evs[:0]
	for _, e := range evs {
		if e.CameoRoot == "01" && !strings.Contains(e.Trigger, " ") && finiteAfter(toks, groups, e.Trigger) {
			continue
		}
		out = append(out, e)
	}
	return out
}

// finiteAfter reports whether a finite verb group follows the first token written as word.
func finiteAfter(toks []dateline.Token, groups []vgroup, word string) bool {
	at := -1
	for i := range toks {
		if toks[i].Text == word {
			at = i
			break
		}
	}
	if at < 0 {
		return false
	}
	for _, g := range groups {
		if g.start > at && g.finite {
			return true
		}
	}
	return false
}

var backgroundPreps = map[string]bool{"in": true, "during": true, "after": true, "amid": true, "following": true,
	"despite": true, "before": true, "since": true, "over": true, "for": true, "of": true, "from": true}

// backgroundNoun: a noun trigger inside a prepositional phrase ("killed 46 civilians in an attack
// on a village", "during the fight against Serb forces") mentions an event as background.
func backgroundNoun(toks []dateline.Token, t int) bool {
	if !strings.HasPrefix(toks[t].Tag, "NN") && toks[t].Tag != "VBG" {
		return false
	}
	for i := t - 1; i >= 0 && i >= t-4; i-- {
		w := toks[i].Lemma
		if backgroundPreps[w] {
			return true
		}
		tg := toks[i].Tag
		if !(tg == "DT" || tg == "JJ" || tg == "PRP$" || tg == "CD" || strings.HasPrefix(tg, "NN") || tg == "POS") {
			return false
		}
	}
	return false
}

// domesticRoots: events that, with no target named, concern the actor's own country.
var domesticRoots = map[string]bool{"08": true, "12": true, "14": true, "17": true}

// civilAgents never use armed force in CAMEO's sense.
var civilAgents = map[string]bool{"LAB": true, "BUS": true, "MED": true, "EDU": true, "AGR": true, "HLH": true}

// armed agents: who uses force in earnest.
var armedAgents = map[string]bool{"MIL": true, "REB": true, "INS": true, "SEP": true, "UAF": true, "COP": true, "SPY": true, "CRM": true}

// armedClause reports whether the source, or anyone in the sentence, is an armed actor.
func armedClause(refs []actor.Ref, srcs []*actor.Entity) bool {
	for _, e := range srcs {
		if armedAgents[e.Agent] {
			return true
		}
	}
	for k := range refs {
		for _, e := range refs[k].Entities {
			if armedAgents[e.Agent] {
				return true
			}
		}
	}
	return false
}

// attributive: a word between a determiner or adjective and a noun ("the occupied territories").
// A participle the tagger calls an adjective elsewhere ("..., urged Russia to") is still a verb.
func attributive(toks []dateline.Token, t int) bool {
	if t == 0 || t+1 >= len(toks) {
		return false
	}
	p := toks[t-1]
	if n := toks[t+1].Tag; (n == "NNP" || n == "NNPS" || n == "JJ") && p.Tag == "DT" {
		return true // "the occupied West Bank", "the besieged Bosnian town"
	}
	if toks[t].Tag == "VBN" && strings.HasPrefix(p.Tag, "VB") && p.Lemma != "have" && p.Lemma != "be" && p.Lemma != "get" {
		// "release jailed activists", "reject proposed Israeli changes": the participle
		// describes the object
		if n := toks[t+1].Tag; strings.HasPrefix(n, "NN") || n == "JJ" {
			return true
		}
	}
	if !strings.HasPrefix(toks[t+1].Tag, "NN") || toks[t+1].Tag == "NNP" {
		return false
	}
	return p.Tag == "DT" || p.Tag == "JJ" || p.Tag == "PRP$" || p.Text == "-" || p.Tag == "POS"
}

// isFuture: "will meet", "would free", "is to call", "is going to visit".
func isFuture(toks []dateline.Token, groups []vgroup, gi int) bool {
	switch groups[gi].modal {
	case "will", "would", "shall", "'ll", "wo":
		return true
	}
	if groups[gi].infinitive && gi > 0 && groups[gi-1].end == groups[gi].start {
		switch toks[groups[gi-1].head].Lemma {
		case "be", "go":
			return groups[gi-1].head == groups[gi-1].end-1
		}
	}
	return false
}

func fc0(c *taxonomy.Code) string {
	if c == nil {
		return ""
	}
	return c.Root
}

// bestPassive matches the patterns of a passive verb against the clause in active order: "New
// sanctions were imposed on Iran by the United States" is read as "imposed new sanctions on Iran
// by the United States", so "impose * sanction on $" can fire. The target is the subject, as
// for every passive; the match carries no target of its own.
func (c *Coder) bestPassive(base *mctx, groups []vgroup, gi, t int) *matchResult {
	segStart := 0
	if gi > 0 {
		segStart = groups[gi-1].end
	}
	subj := []int{}
	for i := segStart; i < groups[gi].start; i++ {
		subj = append(subj, i)
	}
	if len(subj) == 0 || len(subj) > 12 {
		return nil
	}
	order := append([]int{t}, subj...)
	for i := t + 1; i < len(base.toks); i++ {
		order = append(order, i)
	}
	pos := make([]int, len(base.toks)) // original token → position in the active order
	for i := range pos {
		pos[i] = -1
	}
	m := &mctx{c: c, toks: make([]dateline.Token, len(order)), words: make([][]string, len(order)), inRef: make([]bool, len(order)), head: make([]bool, len(order)), passive: true}
	for k, i := range order {
		m.toks[k] = base.toks[i]
		m.words[k] = base.words[i]
		m.inRef[k] = base.inRef[i]
		m.head[k] = base.head[i]
		pos[i] = k
	}
	// The refs after the verb keep their order (and index), moved to their new positions.
	var orig []int
	for k, r := range base.refs {
		if r.Start > t && pos[r.Start] >= 0 {
			r2 := r
			r2.Start, r2.End = pos[r.Start], pos[r.Start]+(r.End-r.Start)
			m.refs = append(m.refs, r2)
			orig = append(orig, k)
		}
	}
	res := c.best(m, 0, true)
	if res == nil || res.end <= 1+len(subj) {
		return nil // the pattern must use what follows the verb or the moved subject words
	}
	out := &matchResult{p: res.p, end: t + res.end - len(subj), target: -1}
	if res.target >= 0 {
		out.target, out.passiveTarget = orig[res.target], true
	}
	return out
}

// wrapperFamily: the CAMEO roots whose events wrap another action ("urge X to release ...").
var wrapperFamily = map[string]int{"02": taxonomy.Appeal, "03": taxonomy.Intent, "10": taxonomy.Demand, "12": taxonomy.Refusal, "13": taxonomy.Intent}

var reportingVerbs = map[string]bool{"say": true, "tell": true, "insist": true, "announce": true, "stress": true,
	"warn": true, "add": true, "declare": true, "state": true, "argue": true, "note": true, "write": true}

// reporter returns the verb group that reports the clause of group gi ("Russia said ..."), or -1.
func reporter(toks []dateline.Token, groups []vgroup, gi int) int {
	for k := gi - 1; k >= 0 && k >= gi-3; k-- {
		if ownVerbs[toks[groups[k].head].Lemma] {
			return -1 // "Japan agrees that it must provide more help": its own acknowledgement
		}
		if reportingVerbs[toks[groups[k].head].Lemma] {
			return k
		}
	}
	return -1
}

// ownVerbs introduce what a subject grants about itself, not a demand made of it.
var ownVerbs = map[string]bool{"agree": true, "acknowledge": true, "admit": true, "concede": true,
	"accept": true, "recognize": true, "recognise": true, "realize": true, "realise": true, "feel": true}

// embeddedVerb finds the verb of the infinitive a wrapper pattern ends on or just before.
func embeddedVerb(toks []dateline.Token, end int) int {
	for i := max(end-2, 0); i <= end && i+1 < len(toks); i++ {
		if strings.EqualFold(toks[i].Text, "to") && strings.HasPrefix(toks[i+1].Tag, "VB") {
			return i + 1
		}
	}
	return -1
}

func moodOf(root string) string {
	switch root {
	case "02", "10":
		return dateline.MoodRequested
	case "03", "13":
		return dateline.MoodIntended
	}
	return dateline.MoodAsserted
}

// hasNo: "no agreement was reached", "reached no deal".
func hasNo(toks []dateline.Token, t, end int) bool {
	if t > 0 && strings.EqualFold(toks[t-1].Text, "no") {
		return true
	}
	for i := t; i < end && i < len(toks); i++ {
		if strings.EqualFold(toks[i].Text, "no") || strings.EqualFold(toks[i].Text, "without") {
			return true
		}
	}
	return false
}

var speculators = map[string]bool{"analyst": true, "expert": true, "observer": true, "diplomat": true}

// hypotheticalReport: "analysts said it may ..." — a modal group after a speculation.
func hypotheticalReport(toks []dateline.Token, groups []vgroup, gi int) bool {
	if gi < 0 {
		return false
	}
	for i := 0; i < groups[gi].start; i++ {
		w := toks[i].Lemma
		if w == "if" || w == "unless" {
			return true
		}
	}
	// "whether to accept or reject the offer", "statements either supporting or opposing the
	// acquisition": alternatives still open, neither of which happened.
	for i := groups[gi].start - 1; i >= 0 && i >= groups[gi].start-8; i-- {
		switch strings.ToLower(toks[i].Text) {
		case "whether", "either":
			return true
		case ".", ";":
			return false
		}
	}
	return false
}

func subjectRef(r *actor.Ref) bool {
	return len(r.Entities) > 0 && !r.Place && (r.Prep == "" || r.Prep == "as" || r.Prep == "of" && r.Quantified) && !r.Possessive
}

// subject finds the source of the verb group gi: the actor before it in its own clause, or the
// subject of the verb group it is coordinated with or completes.
func (c *Coder) subject(toks []dateline.Token, refs []actor.Ref, groups []vgroup, gi, t int) []*actor.Entity {
	start := t
	segStart := 0
	if gi >= 0 {
		start = groups[gi].start
		if gi > 0 {
			segStart = groups[gi-1].end
		}
		if groups[gi].finite {
			// A finite verb's subject may stand before a participle that only modifies it
			// ("Russian aircraft including helicopter gunships killed ..."): look back to the
			// previous finite verb or clause boundary.
			segStart = 0
			for k := gi - 1; k >= 0; k-- {
				if groups[k].finite || toks[groups[k].start].Text == "to" {
					segStart = groups[k].end
					break
				}
			}
		}
	} else {
		// a noun trigger: the nearest verb group before it bounds the search
		for k := len(groups) - 1; k >= 0; k-- {
			if groups[k].end <= t {
				segStart = groups[k].end
				break
			}
		}
	}
	// Relative clause: "..., who met X" — the antecedent before "who".
	if start > 0 {
		w := toks[start-1].Lemma
		if w == "who" || w == "which" || w == "that" {
			for k := len(refs) - 1; k >= 0; k-- {
				if refs[k].End <= start-1 && refs[k].End >= start-4 && len(refs[k].Entities) > 0 && !refs[k].Place {
					return entitiesOf(refs, toks, k)
				}
			}
		}
	}
	if gi > 0 && start > 0 {
		// "Putin met Xi and praised ...": after "and", a verb with no subject of its own shares
		// the subject of the verb before; "Xi" is that verb's object.
		prev := toks[start-1].Lemma
		if (prev == "and" || prev == "but" || prev == "or") && groups[gi-1].finite && groups[gi].finite {
			return c.subject(toks, refs, groups, gi-1, groups[gi-1].start)
		}
		if coordInfinitive(toks, groups, gi) {
			// "plans to visit Japan and meet with Kishida": the "to" and the subject carry over.
			return c.subject(toks, refs, groups, gi-1, groups[gi-1].start)
		}
	}
	if rel := relativeBefore(toks, start); rel >= 0 {
		// "Lula, who visited China last week, criticised ...": the subject stands before the
		// relative clause, which has verbs of its own.
		start = rel
		segStart = 0
		for k := len(groups) - 1; k >= 0; k-- {
			if groups[k].end <= rel && groups[k].finite {
				segStart = groups[k].end
				break
			}
		}
	}
	if gi > 0 && toks[groups[gi].start].Tag == "VBG" && groups[gi].start > 0 && toks[groups[gi].start-1].Text == "," && !groups[gi-1].passive {
		// "Rebels shelled the capital Juba, killing 20 people": a participle after a comma
		// shares its clause's subject; "Juba" is that clause's object.
		k := gi - 1
		for k > 0 && !groups[k].finite {
			k-- // "rejected an Indian proposal for signing a deal, urging ...": the finite verb's
		}
		if s := c.subject(toks, refs, groups, k, groups[k].start); len(s) > 0 {
			return s
		}
	}
	for k := len(refs) - 1; k >= 0; k-- {
		r := &refs[k]
		if r.End > start || r.Start < segStart || venue(toks, r) {
			continue
		}
		if subjectRef(r) && eventNounSubject(toks, refs, segStart, r) {
			return nil // "The departure of Baker's aide will not change ...": no actor acts
		}
		if subjectRef(r) {
			if j := appositiveHead(toks, refs, k, start); j >= 0 {
				// "Ukraine, one of the world's largest grain exporters, accused ...": the
				// appositive describes the subject before it.
				return expandCoordBack(refs, toks, j)
			}
			return expandCoordBack(refs, toks, k)
		}
		if r.Possessive && len(r.Entities) > 0 && !r.Place && r.Prep == "" && headNounOnly(toks, r.End, start) {
			// "Iraq's national security adviser met ...": the possessor acts through its official.
			return entitiesOf(refs, toks, k)
		}
	}
	if gi < 0 {
		// "Italy announced a suspension of air links": a noun that is the object of the verb
		// before it is that verb's subject's act.
		for k := len(groups) - 1; k >= 0; k-- {
			if groups[k].end > t {
				continue
			}
			if !groups[k].finite {
				return nil // "to demand the return of property": the infinitive's own pattern decides
			}
			for i := groups[k].end; i < t; i++ {
				if tg := toks[i].Tag; !(tg == "DT" || tg == "JJ" || tg == "PRP$" || tg == "CD") {
					return nil
				}
			}
			return c.subject(toks, refs, groups, k, groups[k].start)
		}
		return nil
	}
	// Nothing in its own segment: a coordinated, infinitival or participial verb ("..., killing
	// 20 people") shares the subject of the verb group before it.
	if gi > 0 {
		between := strings.ToLower(strings.TrimSpace(text.Join(toks[groups[gi-1].end:groups[gi].start])))
		participle := toks[groups[gi].start].Tag == "VBG" && groups[gi].start > 0 && toks[groups[gi].start-1].Text == ","
		if between == "" || between == "and" || between == "," || between == "to" || between == ", and" || groups[gi].infinitive || strings.HasPrefix(between, "and ") || participle {
			return c.subject(toks, refs, groups, gi-1, groups[gi-1].start)
		}
		if participle || toks[groups[gi].start].Tag == "VBG" && (noRefBetween(refs, groups[gi-1].end, groups[gi].start) || onlyPrepRefs(refs, groups[gi-1].end, groups[gi].start)) {
			// "have written to President Bush urging him to ...": the writers urge.
			return c.subject(toks, refs, groups, gi-1, groups[gi-1].start)
		}
	}
	return nil
}

// appositiveHead: when ref k sits in ", ... ," just before the verb at start and a subject ref
// ends right before the first comma, that ref's index; else -1.
func appositiveHead(toks []dateline.Token, refs []actor.Ref, k, start int) int {
	if start == 0 || toks[start-1].Text != "," {
		return -1
	}
	for i := refs[k].Start - 1; i > 0 && i >= refs[k].Start-8; i-- {
		if toks[i].Text == "," {
			for j := k - 1; j >= 0; j-- {
				if refs[j].End == i && subjectRef(&refs[j]) {
					return j
				}
			}
			return -1
		}
	}
	return -1
}

// relativeBefore: when the verb at start follows ", who/which ... ,", the index of that comma
// before "who"; else -1.
func relativeBefore(toks []dateline.Token, start int) int {
	if start < 3 || toks[start-1].Text != "," {
		return -1
	}
	for i := start - 2; i > 0 && i >= start-25; i-- {
		if toks[i].Text == "," {
			w := toks[i+1].Lemma
			if w == "who" || w == "which" || w == "whose" {
				return i
			}
			return -1
		}
	}
	return -1
}

func noRefBetween(refs []actor.Ref, from, to int) bool {
	for k := range refs {
		if refs[k].Start >= from && refs[k].End <= to && len(refs[k].Entities) > 0 {
			return false
		}
	}
	return true
}

// headNounOnly: the tokens between a possessive and the verb are only the possessed noun phrase.
func headNounOnly(toks []dateline.Token, from, to int) bool {
	if to <= from || to-from > 5 {
		return false
	}
	for i := from; i < to; i++ {
		t := toks[i].Tag
		if !(strings.HasPrefix(t, "NN") || t == "JJ" || t == "RB") {
			return false
		}
	}
	return true
}

func entitiesOf(refs []actor.Ref, toks []dateline.Token, k int) []*actor.Entity {
	return append([]*actor.Entity(nil), refs[k].Entities...)
}

// expandCoordBack: "Li and Mishustin appreciated" — the refs joined by "and" before ref k.
func expandCoordBack(refs []actor.Ref, toks []dateline.Token, k int) []*actor.Entity {
	out := entitiesOf(refs, toks, k)
	for j := k - 1; j >= 0; j-- {
		gap := strings.ToLower(text.Join(toks[refs[j].End:refs[j+1].Start]))
		if (gap == "and" || gap == ",") && subjectRef(&refs[j]) {
			out = append(entitiesOf(refs, toks, j), out...)
			continue
		}
		break
	}
	return out
}

// expandCoord: "met Li and Mishustin" — ref k and the refs joined to it by "and".
func expandCoord(refs []actor.Ref, toks []dateline.Token, k int) []*actor.Entity {
	out := entitiesOf(refs, toks, k)
	for j := k + 1; j < len(refs); j++ {
		gap := strings.ToLower(text.Join(toks[refs[j-1].End:refs[j].Start]))
		if gap == "," && clauseSubject(toks, &refs[j]) {
			break // "..., the White House announced": not a list
		}
		if gap == "," && !listGoesOn(refs, toks, j) {
			break // "a Russian training ground, military officers in Seoul said": no "and" follows
		}
		if (gap == "and" || gap == "," || gap == ", and" || gap == "-" || gap == "and the") && len(refs[j].Entities) > 0 && !refs[j].Place {
			out = append(out, refs[j].Entities...)
			continue
		}
		break
	}
	return out
}

var targetPreps = map[string]bool{"": true, "with": true, "to": true, "against": true, "on": true,
	"toward": true, "towards": true, "for": true, "at": true, "upon": true, "over": true, "between": true,
	"from": true, "about": true, "into": true}

// object finds the target when the pattern names none: the first actor after the trigger in the
// same clause, as object or in a with/to/against/on phrase.
func (c *Coder) object(toks []dateline.Token, refs []actor.Ref, groups []vgroup, gi, t, end, stop int, code string) []*actor.Entity {
	root := code[:2]
	limit := len(toks)
	for k := range groups {
		if groups[k].start > t && groups[k].finite && groups[k].start >= end {
			limit = groups[k].start
			break
		}
	}
	if stop > t && stop < limit {
		limit = stop // not from the attribution: "..., a spokeswoman for the U.S. embassy said"
	}
	for i := end; i+1 < limit; i++ {
		if toks[i].Text == "," && (toks[i+1].Tag == "VBN" || toks[i+1].Tag == "VBG") {
			// "launched war games, expected to be joined later by Italian vessels": a
			// participle clause after a comma names no one the main verb acts on.
			limit = i
			break
		}
	}
	for i := end; i < limit; i++ {
		if scenePreps[strings.ToLower(toks[i].Text)] && (toks[i].Tag == "IN" || toks[i].Tag == "VBG") {
			// "reimposed blockades in the West Bank following the deaths of two Israelis":
			// whoever the scene-setting phrase names is not the one acted on.
			limit = i
			break
		}
	}
	fallback, place, addressee, skip := -1, -1, -1, -1
	for k := range refs {
		r := &refs[k]
		if r.Start <= t || r.Start >= limit || r.Start < skip || venue(toks, r) {
			continue
		}
		if startsClause(toks, groups, r) {
			break // "..., the White House announced": the subject of another clause
		}
		if len(r.Entities) == 0 {
			continue
		}
		if r.Prep == "by" {
			// "denied charges by Ivory Coast": in an active clause, who made them.
			if (gi < 0 || !groups[gi].passive) && fallback < 0 && r.Start > 1 && strings.HasPrefix(toks[r.Start-2].Tag, "NN") {
				fallback = k
			}
			continue
		}
		if r.Place {
			// "lifted a night curfew in Montenegro", "arrived in Amman": where it happened is
			// whom it concerned, when the clause names no one else.
			if place < 0 {
				place = k
			}
			continue
		}
		if r.Prep == "of" || r.Possessive && r.Kind != "pair" && r.Prep == "" {
			// "China's willingness", "the withdrawal of Syrian forces": only if nothing better.
			if fallback < 0 && r.Start <= end+3 {
				fallback = k
			}
			continue
		}
		if (root == "10" || root == "11" || root == "12" || root == "13") && r.Prep == "to" && addressee < 0 {
			// "complained to the United Nations over Israeli air raids": a complaint's target is
			// what it is about; the addressee only when nothing else is named.
			addressee = k
			skip = coordEnd(refs, toks, k) // "to the United States and Israel": one addressee
			continue
		}
		if targetPreps[r.Prep] {
			return expandCoord(refs, toks, k)
		}
	}
	if root == "04" && !placeTargetCode[code] {
		place = -1 // "held talks in Tokyo": where they talked, not with whom
	}
	if verbalRoots[root] {
		place = -1 // "criticized the panels in London", "filed suit in a New York court": a venue
	}
	for _, k := range []int{addressee, fallback, place} {
		if k >= 0 {
			return expandCoord(refs, toks, k)
		}
	}
	return nil
}

// scenePreps open phrases and clauses that set the scene of an event rather than complete it.
var scenePreps = map[string]bool{"following": true, "after": true, "amid": true, "despite": true,
	"before": true, "since": true, "because": true, "while": true, "when": true}

// verbalRoots: statements, appeals, intents, support, demands, disapproval and rejection are
// made about someone, never about where they were made (a threat of force in a place is about
// that place, so 13 is not here).
var verbalRoots = map[string]bool{"01": true, "02": true, "03": true, "05": true, "10": true,
	"11": true, "12": true}

// placeTargetCode: consultations whose place is their counterpart ("arrived in Amman": a visit to Jordan).
var placeTargetCode = map[string]bool{"042": true, "043": true, "044": true}

// allPlaces reports whether every entity was named as a place in the sentence.
func allPlaces(refs []actor.Ref, es []*actor.Entity) bool {
	for _, e := range es {
		place := false
		for k := range refs {
			for _, x := range refs[k].Entities {
				if x == e && refs[k].Place {
					place = true
				}
			}
		}
		if !place {
			return false
		}
	}
	return true
}

// clauseSubject: the ref is followed closely by a finite verb (it is the subject of a clause).
func clauseSubject(toks []dateline.Token, r *actor.Ref) bool {
	for i := r.End; i < len(toks) && i <= r.End+2; i++ {
		switch toks[i].Tag {
		case "VBD", "VBZ", "VBP", "MD":
			return true
		case "RB":
			continue
		}
		if i > r.End {
			break
		}
	}
	return false
}

// startsClause: a ref followed by a finite verb of its own, after a comma ("..., the White
// House said") begins another clause.
func startsClause(toks []dateline.Token, groups []vgroup, r *actor.Ref) bool {
	if r.Start == 0 || toks[r.Start-1].Text != "," && !(r.Start > 1 && isDet(toks[r.Start-1].Text) && toks[r.Start-2].Text == ",") {
		return false
	}
	for _, g := range groups {
		if g.start >= r.End && g.start <= r.End+2 && g.finite {
			return true
		}
	}
	return false
}

// agentOf finds "by X" after a passive verb.
func agentOf(toks []dateline.Token, refs []actor.Ref, from int) []*actor.Entity {
	for k := range refs {
		if refs[k].Start >= from && refs[k].Start <= from+8 && refs[k].Prep == "by" && len(refs[k].Entities) > 0 {
			return expandCoord(refs, toks, k)
		}
	}
	return nil
}

// reportedSource: "Li said China is ready to ..." — the embedded subject is the speaker's own
// country, so the speaker (the government) is the more precise source.
func (c *Coder) reportedSource(toks []dateline.Token, refs []actor.Ref, groups []vgroup, gi int, srcs []*actor.Entity) []*actor.Entity {
	if gi <= 0 || len(srcs) != 1 || srcs[0].Kind != "country" {
		return srcs
	}
	for k := gi - 1; k >= 0; k-- {
		if head := toks[groups[k].head].Lemma; head == "say" || head == "add" || head == "tell" || head == "state" || head == "stress" || head == "note" {
			sp := c.subject(toks, refs, groups, k, groups[k].start)
			if len(sp) == 1 && sp[0].Country == srcs[0].Country && sp[0].Agent == "GOV" {
				return sp
			}
			return srcs
		}
	}
	return srcs
}

// pairs builds one event per source–target pair, resolving pair references against the source.
func (c *Coder) pairs(a *dateline.Article, s *dateline.Sentence, srcs, tgts []*actor.Entity, code *taxonomy.Code, m *matchResult, t int, neg bool, mood string) []dateline.Event {
	if len(srcs) == 0 && len(tgts) == 0 {
		return nil
	}
	if len(srcs) == 0 {
		return nil // an event needs someone who acted
	}
	var out []dateline.Event
	mutual := len(tgts) == 0 && len(srcs) > 1
	if mutual && code.Code == "150" {
		// "French and Egyptian warships launched war games": exercises held together are
		// military cooperation; alone they are a show of force.
		if jc := c.Codes.Get("062"); jc != nil {
			code = jc
		}
	}
	for si, src := range srcs {
		ts := tgts
		if mutual {
			// "Jordan and Britain agreed to hold exercises": each pair acted together, once.
			ts = nil
			for _, o := range srcs[si+1:] {
				if o != src && !(o.Country != "" && o.Country == src.Country && o.Kind == "country") {
					ts = append(ts, o)
				}
			}
			if len(ts) == 0 {
				continue
			}
		}
		var keep []*actor.Entity
		for _, tg := range ts {
			if tg == src || tg.Country != "" && tg.Country == src.Country && tg.Kind == "country" && len(ts) > 1 {
				continue
			}
			keep = append(keep, tg)
		}
		if len(keep) == 0 {
			if len(ts) > 0 && len(srcs) > 1 {
				continue // one of several sources with only itself as target
			}
			// "Liberia denied charges that Monrovia ...": no one else named; the act stands.
			keep = []*actor.Entity{nil}
		}
		for _, tg := range keep {
			ev := dateline.Event{
				ArticleID:   a.ID,
				Date:        a.Date,
				DateSource:  a.DateSource,
				Source:      refOf(src),
				Target:      refOf(tg),
				Cameo:       code.Code,
				CameoRoot:   code.Root,
				Plover:      code.Plover,
				QuadClass:   code.QuadClass,
				Goldstein:   code.Goldstein,
				Negated:     neg,
				Mood:        mood,
				Topics:      []string{},
				Sentence:    s.Text,
				Span:        [2]int{s.Start, s.End},
				Trigger:     text.Join(s.Tokens[t:min(m.end, len(s.Tokens))]),
				Rule:        m.p.Source + " " + m.p.Text,
				Confidence:  confidence(m, src, tg),
				IsRoot:      s.Paragraph == 0,
				Mutual:      mutual,
				NumMentions: 1, NumSources: 1, NumArticles: 1,
				SourceURL: a.URL,
			}
			out = append(out, ev)
		}
	}
	return out
}

func confidence(m *matchResult, src, tg *actor.Entity) float64 {
	c := 0.5 + 0.05*float64(m.p.weight)
	if c > 0.8 {
		c = 0.8
	}
	if src != nil && src.Source == "kb" {
		c += 0.05
	}
	if tg != nil {
		c += 0.1
	}
	if c > 0.99 {
		c = 0.99
	}
	return float64(int(c*100)) / 100
}

func refOf(e *actor.Entity) *dateline.ActorRef {
	if e == nil {
		return nil
	}
	return &dateline.ActorRef{Text: e.Name, Name: e.Name, Code: e.Code(), Country: countryOf(e), Agent: e.Agent}
}

func countryOf(e *actor.Entity) string {
	if e.Org != "" {
		return e.Org
	}
	return e.Country
}

// dropStatements removes bare "make a statement" events (01x) from a sentence that has a more
// informative event: the statement is only how that event was reported.
func dropStatements(evs []dateline.Event) []dateline.Event {
	other := false
	for _, e := range evs {
		if e.CameoRoot != "01" {
			other = true
		}
	}
	if !other {
		return evs
	}
	out := evs[:0]
	for _, e := range evs {
		if e.CameoRoot != "01" {
			out = append(out, e)
		}
	}
	return out
}

func dedupe(evs []dateline.Event) []dateline.Event {
	seen := map[string]bool{}
	out := evs[:0]
	for _, e := range evs {
		k := fmt.Sprintf("%v|%v|%s|%v", codeOf(e.Source), codeOf(e.Target), e.Cameo, e.Negated)
		if seen[k] {
			continue
		}
		seen[k] = true
		out = append(out, e)
	}
	return out
}

func codeOf(r *dateline.ActorRef) string {
	if r == nil {
		return ""
	}
	return r.Code
}
