package event

import (
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/actor"
	"github.com/dateline-news/dateline/internal/mention"
)

// attributionVerbs end a wire sentence's source clause: "..., a Jordanian official confirmed."
var attributionVerbs = map[string]bool{"say": true, "tell": true, "announce": true, "report": true,
	"confirm": true, "add": true, "state": true, "claim": true, "write": true, "quote": true,
	"allege": true, "disclose": true, "reveal": true, "indicate": true, "note": true, "charge": true}

// span is a token range [start, end); start == -1 when absent.
type span struct{ start, end int }

func (s span) has(i int) bool { return s.start >= 0 && i >= s.start && i < s.end }

// attribution finds the trailing clause that names where a wire sentence comes from: ",
// military sources said on Thursday", ", according to a senator who acted as a go-between". Its
// words are not news: no event is triggered in it and no target is taken from it. The span runs
// from the comma to the end of the reporting verb (or of the sentence, for "according to").
func attribution(toks []dateline.Token, groups []vgroup) span {
	for c := len(toks) - 2; c > 0; c-- {
		if toks[c].Text != "," {
			continue
		}
		if strings.EqualFold(toks[c+1].Text, "according") && c+2 < len(toks) && toks[c+2].Lemma == "to" {
			return span{c, len(toks)}
		}
		// ", NP VERB[ adverbs, time]." with no other finite verb after the comma.
		var g *vgroup
		for k := range groups {
			if groups[k].start <= c {
				continue
			}
			if groups[k].finite && g == nil {
				g = &groups[k]
				continue
			}
			if groups[k].finite {
				g = nil // another clause follows: not a trailing attribution
				break
			}
		}
		if g == nil || !attributionVerbs[toks[g.head].Lemma] || g.passive || g.start == c+1 {
			continue
		}
		np := true
		for i := c + 1; i < g.start; i++ {
			tg := toks[i].Tag
			if tg == "VBN" && toks[i-1].Text == "-" {
				continue // "a Saudi-owned weekly reports"
			}
			if strings.HasPrefix(tg, "VB") || tg == "MD" || toks[i].Text == "," || tg == "WDT" || tg == "WP" {
				np = false
				break
			}
		}
		if np && !hasFinite(groups, g.end) {
			return span{c, g.end}
		}
	}
	return span{-1, -1}
}

func hasFinite(groups []vgroup, from int) bool {
	for _, g := range groups {
		if g.start >= from && g.finite {
			return true
		}
	}
	return false
}

// ownerTarget finds whose proposal, request or plan a matched object noun is: "rejected a U.S.
// request", "rejected North Korea's demand", "a fresh offer from Afghanistan", "calls by
// Belarus's rulers". The owner is an actor written as a premodifier of the object noun the
// pattern ended on, or in a from/by phrase right after it; -1 if there is none.
func ownerTarget(toks []dateline.Token, refs []actor.Ref, t, end int, passive bool) int {
	if end <= t+1 || end > len(toks) || !strings.HasPrefix(toks[end-1].Tag, "NN") {
		return -1
	}
	for k := range refs {
		r := &refs[k]
		if r.Start <= t || r.End > end || len(r.Entities) == 0 || r.Place || r.Kind == "pronoun" {
			continue
		}
		if (r.Prep == "from" || r.Prep == "by" && !passive) && r.Start > 1 && strings.HasPrefix(toks[r.Start-2].Tag, "NN") {
			// "rejected calls by Belarus's rulers for economic aid": the pattern ran past the owner.
			return k
		}
		if r.End == end {
			continue
		}
		// Only modifiers may stand between the owner and the noun: "North Korea's consistent".
		ok := true
		for i := r.End; i < end-1; i++ {
			tg := toks[i].Tag
			if !(tg == "JJ" || tg == "POS" || tg == "NN" || tg == "NNS" || tg == "VBN" || tg == "HYPH" || toks[i].Text == "-" || toks[i].Text == "'s") {
				ok = false
				break
			}
		}
		if ok {
			return k
		}
		break // only the first actor after the verb: "meet Modi at the BRICS summit" is about Modi
	}
	if end < len(toks) {
		p := strings.ToLower(toks[end].Text)
		if p == "from" || p == "by" && !passive {
			for k := range refs {
				r := &refs[k]
				if r.Start > end && r.Start <= end+2 && len(r.Entities) > 0 && (!r.Place || r.Kind == "country") {
					return k
				}
			}
		}
	}
	return -1
}

// conditional: "will withdraw its force unless ...": an announced act made to depend on what
// another does is a threat.
func conditional(toks []dateline.Token, from int) bool {
	for i := from; i < len(toks); i++ {
		if strings.EqualFold(toks[i].Text, "unless") {
			return true
		}
	}
	return false
}

// subordinators open adverbial clauses that set the scene for the sentence's news: "two weeks
// after rebels kidnapped dozens of peacekeepers", "as the leaders sought to ease tensions".
var subordinators = map[string]bool{"after": true, "before": true, "as": true, "when": true,
	"while": true, "since": true, "until": true, "whereas": true, "following": true, "where": true}

// npTag: a word that may stand inside a clause's subject noun phrase.
func npTag(tk dateline.Token) bool {
	switch tk.Tag {
	case "DT", "JJ", "JJR", "JJS", "CD", "POS", "PRP", "PRP$", "NN", "NNS", "NNP", "NNPS", "HYPH", "VBN":
		return true
	}
	return tk.Text == "-" || tk.Text == "'s"
}

// subordinate reports whether verb group gi is the predicate of an adverbial clause
// ("after X kidnapped", "as Y sought") or of a relative clause whose antecedent is not an actor
// ("a helicopter that was captured by"). Such events are background when the sentence's own
// clause carries one.
func subordinate(toks []dateline.Token, refs []actor.Ref, groups []vgroup, gi int) bool {
	if gi < 0 {
		return false
	}
	g := groups[gi]
	if coordInfinitive(toks, groups, gi) {
		return subordinate(toks, refs, groups, gi-1) // "that aims to tighten sanctions and impose ..."
	}
	if !g.finite && !g.infinitive && toks[g.start].Tag == "VB" && gi > 0 && g.start-groups[gi-1].end <= 4 {
		switch toks[groups[gi-1].head].Lemma {
		case "help", "let", "make", "have", "see", "watch", "request", "ask", "demand", "insist", "propose", "recommend", "urge":
			// "to help the army fight rebels", "helped him oust": the complement of a
			// causative says what was to be done, not what was done.
			return true
		}
	}
	if g.infinitive && gi > 0 && groups[gi-1].end == g.start && subordinate(toks, refs, groups, gi-1) {
		return true // "two days before he is to call elections", "a resolution that aims to tighten"
	}
	if g.infinitive && g.start > 0 && gi > 0 {
		// "offered its troops to President Hrawi to help him oust Aoun": an infinitive after a
		// complete clause says what its act is for, which has not happened.
		switch p := toks[g.start-1]; {
		case strings.HasPrefix(p.Tag, "NN") || p.Tag == "CD" || p.Tag == "PRP":
			return true
		}
	}
	if toks[g.start].Tag == "VBG" && g.start > 0 && gi > 0 {
		switch p := toks[g.start-1]; {
		case p.Lemma == "at" || p.Lemma == "for" || p.Lemma == "of" || p.Lemma == "about" || p.Lemma == "toward" || p.Lemma == "towards":
			// "an informal meeting aimed at establishing close relations", "a plan for
			// reducing troops": a gerund that completes a noun or adjective names a goal.
			return true
		case p.Tag == "NNS" || p.Tag == "NN" || p.Tag == "NNPS":
			// "disperse demonstrators protesting election results": describes the noun.
			return true
		}
	}
	if !g.finite && toks[g.start].Tag == "VBN" && g.start > 0 && strings.HasPrefix(toks[g.start-1].Tag, "NN") && gi > 0 {
		// "arms seized last week in Turkey": a participle after a noun with nothing for it to
		// act on describes the noun.
		if g.end >= len(toks) {
			return true
		}
		switch nx := toks[g.end]; {
		case nx.Tag == "IN" || nx.Tag == "RB" || nx.Tag == "TO" || nx.Text == "," || nx.Text == "." || nx.Lemma == "last":
			return true
		}
	}
	// The tagger reads some past tenses after a plural subject as participles ("rebels kidnapped").
	g.finite = g.finite || toks[g.start].Tag == "VBN" && g.start > 0 && strings.HasPrefix(toks[g.start-1].Tag, "NNS")
	j := g.start - 1
	if g.finite {
		for j >= 0 && (npTag(toks[j]) || toks[j].Lemma == "of" || toks[j].Lemma == "and") && !subordinators[strings.ToLower(toks[j].Text)] {
			j--
		}
	}
	if j < 0 || j == g.start-1 && g.finite && !relWord(toks[j]) {
		return false // no subject between: a coordinated or main verb
	}
	w := strings.ToLower(toks[j].Text)
	if subordinators[w] {
		return g.finite || toks[g.start].Tag == "VBG" && j == g.start-1
	}
	if relWord(toks[j]) && j < g.start-1 && g.finite && j > 0 && (strings.HasPrefix(toks[j-1].Tag, "NN") || toks[j-1].Text == "," && !strings.EqualFold(toks[j].Text, "that")) {
		return true // an object relative, "whom they had taken hostage": about the object
	}
	if relWord(toks[j]) && j == g.start-1 && j > 0 {
		// a relative pronoun right before the verb: its antecedent is the word before it
		for k := range refs {
			if refs[k].End == j || refs[k].End == j-1 && toks[j-1].Text == "," {
				return false // "Putin, who spoke with Erdogan": about an actor, news
			}
		}
		return strings.HasPrefix(toks[j-1].Tag, "NN")
	}
	return false
}

func relWord(tk dateline.Token) bool {
	w := strings.ToLower(tk.Text)
	return w == "that" || w == "which" || w == "who" || w == "whom"
}

// placeNouns name a place a country adjective may qualify: "the Iraqi city of Basra".
var placeNouns = map[string]bool{"city": true, "town": true, "village": true, "province": true,
	"region": true, "capital": true, "port": true, "district": true, "border": true, "area": true}

// locationCountry is the country where the clause says an event happened ("was arrested in
// Lebanon", "outside the Iraqi city of Basra"), or "" — searched outside the attribution.
func locationCountry(toks []dateline.Token, refs []actor.Ref, attr span) string {
	for k := range refs {
		r := &refs[k]
		if attr.has(r.Start) || len(r.Entities) == 0 || r.Entities[0].Country == "" {
			continue
		}
		if r.Place {
			return r.Entities[0].Country
		}
		if r.Kind == "country" && r.End < len(toks) && placeNouns[toks[r.End].Lemma] {
			return r.Entities[0].Country
		}
	}
	return ""
}

// stativeVerbs read as states, not passives, before "in": "forces were engaged in ethnic
// cleansing" says what the forces did.
var stativeVerbs = map[string]bool{"engage": true, "involve": true, "embroil": true, "lock": true, "mire": true}

func stativePassive(toks []dateline.Token, g vgroup) bool {
	return stativeVerbs[toks[g.head].Lemma] && g.end < len(toks) && toks[g.end].Lemma == "in"
}

// governing returns the verb group a noun trigger at t follows ("arranged a ceasefire"), or -1.
func governing(groups []vgroup, t int) int {
	for k := len(groups) - 1; k >= 0; k-- {
		if groups[k].end <= t {
			return k
		}
	}
	return -1
}

// thatVerb finds the verb of a "that" clause right after a demand or appeal ("demanded that
// Azerbaijan release ...", "urged that the talks resume"), or -1.
func thatVerb(toks []dateline.Token, groups []vgroup, end int) int {
	i := adjunctEnd(toks, end)
	if i >= len(toks) || !strings.EqualFold(toks[i].Text, "that") {
		return -1
	}
	for _, g := range groups {
		if g.start > i && g.start <= i+10 {
			return g.head
		}
	}
	return -1
}

// allegedVerb finds the gerund an accusation names ("charged X with supporting", "accused of
// misusing", "blamed for attacking") within a few words after the match, or -1.
func allegedVerb(toks []dateline.Token, end int) int {
	if end > 0 && end < len(toks) && toks[end].Tag == "VBG" {
		if w := strings.ToLower(toks[end-1].Text); w == "with" || w == "of" || w == "for" {
			return end // the pattern ended on the preposition: "charging its neighbour with"
		}
	}
	for i := end; i < len(toks) && i <= end+6; i++ {
		w := strings.ToLower(toks[i].Text)
		if (w == "with" || w == "of" || w == "for") && i+1 < len(toks) && toks[i+1].Tag == "VBG" {
			return i + 1
		}
		if toks[i].Text == "," || toks[i].Text == "." {
			break
		}
	}
	return -1
}

// listGoesOn: after "A, B" the list continues with "," or "and"/"or" ("Iran, Libya, North Korea
// and Sudan"); a comma alone before a ref does not make a list.
func listGoesOn(refs []actor.Ref, toks []dateline.Token, j int) bool {
	end := refs[j].End
	for i := end; i < len(toks) && i <= end+1; i++ {
		switch strings.ToLower(toks[i].Text) {
		case ",", "and", "or":
			return true
		}
	}
	return false
}

// onlyPrepRefs: every actor between from and to is in a prepositional phrase ("to President
// Bush"), so none of them is the subject of what follows.
func onlyPrepRefs(refs []actor.Ref, from, to int) bool {
	for k := range refs {
		if refs[k].Start >= from && refs[k].End <= to && refs[k].Prep == "" {
			return false
		}
	}
	return true
}

// ppSubject: the actor in an "of"/"for" phrase of a clause subject that is not itself an actor
// ("A temporary camp for Congolese refugees was attacked"), within the words before the verb.
func ppSubject(toks []dateline.Token, refs []actor.Ref, verb int) []*actor.Entity {
	for k := len(refs) - 1; k >= 0; k-- {
		r := &refs[k]
		if r.End > verb || r.End < verb-3 || len(r.Entities) == 0 || r.Place {
			continue
		}
		if r.Prep == "for" || r.Prep == "of" {
			return r.Entities
		}
	}
	return nil
}

// topicRef finds what a complaint is about: the first actor after an "over", "about" or
// "against" within the clause ("over two Israeli air raids"), or -1.
func topicRef(toks []dateline.Token, refs []actor.Ref, from, stop int) int {
	if stop < 0 || stop > len(toks) {
		stop = len(toks)
	}
	for i := from; i < stop; i++ {
		w := strings.ToLower(toks[i].Text)
		if w == "," || w == ";" {
			return -1
		}
		if w != "over" && w != "about" && w != "against" {
			continue
		}
		for k := range refs {
			if refs[k].Start > i && refs[k].Start <= i+3 && refs[k].End <= stop && len(refs[k].Entities) > 0 && !refs[k].Place {
				return k
			}
		}
		return -1
	}
	return -1
}

// coordInfinitive: group gi is a bare verb joined by "and"/"or" to the infinitive before it
// ("to visit Japan and meet with Kishida"), so it shares that infinitive's "to".
func coordInfinitive(toks []dateline.Token, groups []vgroup, gi int) bool {
	if gi <= 0 || groups[gi].finite || groups[gi].infinitive || toks[groups[gi].start].Tag != "VB" {
		return false
	}
	w := toks[groups[gi].start-1].Lemma
	return (w == "and" || w == "or") && groups[gi-1].infinitive
}

// sameCountry: every entity of b is of the country of a's first (a speaker and the country he
// speaks for).
func sameCountry(a, b []*actor.Entity) bool {
	if len(a) == 0 || len(b) == 0 || a[0].Country == "" {
		return false
	}
	for _, e := range b {
		if len(b) > 1 && e.Country == a[0].Country && (e.Kind == "country" || e.Agent == a[0].Agent) {
			return true // "the two countries must find better mechanisms": the speaker's own side too
		}
	}
	for _, e := range b {
		if e.Country != a[0].Country || e.Kind != "country" && e.Agent != a[0].Agent {
			return false // "rebels said the government must agree": a demand at home
		}
	}
	return true
}

// venue: a court named as where a case is filed or heard ("filed suit in U.S. District Court",
// "filed claims with a special Saudi court") is neither side of the case.
func venue(toks []dateline.Token, r *actor.Ref) bool {
	if len(r.Entities) == 0 || r.Entities[0].Agent != "JUD" {
		return false
	}
	for i := r.Start - 1; i >= 0 && i >= r.Start-5; i-- {
		switch strings.ToLower(toks[i].Text) {
		case "in", "with", "before", "at", "to":
			return true
		}
		if tg := toks[i].Tag; !(tg == "NNP" || tg == "NN" || tg == "JJ" || tg == "DT" || tg == "NNPS") {
			return false
		}
	}
	return false
}

// eventNounSubject: the clause begins "The departure of ...", "The release of ...": its subject
// is an event noun, and the actors in its "of" phrase did not act.
func eventNounSubject(toks []dateline.Token, refs []actor.Ref, segStart int, r *actor.Ref) bool {
	i := segStart
	for i < len(toks) && (toks[i].Tag == "DT" || toks[i].Tag == "JJ") {
		i++
	}
	if i+1 >= len(toks) || !(toks[i].Tag == "NN" || toks[i].Tag == "NNS") || toks[i+1].Lemma != "of" || r.Start <= i {
		return false
	}
	for k := range refs {
		if refs[k].Start <= i && refs[k].End > i {
			return false // "The presidents of Iraq and Egypt": the head is an actor word
		}
	}
	return !quantityWords[toks[i].Lemma]
}

// quantityWords head phrases whose "of" phrase names who acts ("a group of diplomats").
var quantityWords = map[string]bool{"group": true, "number": true, "hundred": true, "thousand": true,
	"dozen": true, "score": true, "ten": true, "million": true, "delegation": true, "team": true,
	"member": true, "some": true, "many": true, "most": true, "all": true, "several": true, "few": true,
	"one": true, "two": true, "three": true, "contingent": true, "unit": true, "band": true, "crowd": true,
	"majority": true, "handful": true, "government": true, "republic": true, "kingdom": true, "people": true,
	"leader": true, "head": true, "chief": true, "president": true, "minister": true, "army": true, "force": true}

// ownedObject: the act's object belongs to someone the sentence names but dateline does not
// know ("rejecting its application", "an appeal by RTZ Oil and Gas", "prohibiting Softklone"),
// so the source's own country is not the one acted on.
func ownedObject(toks []dateline.Token, t, end int, root string) bool {
	for i := t + 1; i < len(toks) && i <= end+2; i++ {
		tk := toks[i]
		if tk.Tag == "PRP$" && root == "12" {
			return true // one rejects another's application; "opened its borders" is its own
		}
		if (tk.Lemma == "by" || tk.Lemma == "from") && i+1 < len(toks) && toks[i+1].Tag == "NNP" && !calendarWord(toks[i+1].Text) {
			return true
		}
		if i == t+1 && tk.Tag == "NNP" && !calendarWord(tk.Text) {
			return true // a named object right after the verb
		}
	}
	return false
}

func calendarWord(w string) bool { return mention.CalendarWords[w] }

// attackNouns are the means of an attack whose authors a report does not name ("a minefield
// explosion killed two youths").
var attackNouns = map[string]bool{"explosion": true, "blast": true, "bomb": true, "mine": true,
	"minefield": true, "shell": true, "rocket": true, "missile": true, "grenade": true, "gunfire": true,
	"shelling": true, "device": true, "ambush": true, "sniper": true, "gunman": true, "attack": true,
	"airstrike": true, "strike": true, "raid": true, "mortar": true, "landmine": true,
	"attempt": true, "plot": true}

// attackSubject: the clause's subject before verb group gi is the means of an attack.
func attackSubject(toks []dateline.Token, groups []vgroup, gi int) bool {
	if gi < 0 {
		return false
	}
	for i := groups[gi].start - 1; i >= 0 && i >= groups[gi].start-8; i-- {
		if attackNouns[toks[i].Lemma] {
			return true
		}
		if toks[i].Text == "," || strings.HasPrefix(toks[i].Tag, "VB") || toks[i].Tag == "MD" {
			return false
		}
	}
	return false
}

// allegationNouns name a claim whose content is alleged, not reported as fact: "a U.S.
// complaint that the restrictions violated GATT", "a suit charging the company with ...".
var allegationNouns = map[string]bool{"complaint": true, "charge": true, "allegation": true,
	"accusation": true, "claim": true, "contention": true, "assertion": true, "suggestion": true,
	"rumor": true, "rumour": true, "speculation": true, "suit": true, "lawsuit": true, "petition": true}

// alleged: verb group gi is the content of an allegation ("a complaint that X violated ...",
// "a suit charging X with violating ..."): what is alleged did not happen as far as the
// sentence reports.
func alleged(toks []dateline.Token, groups []vgroup, gi int) bool {
	if gi < 0 {
		return false
	}
	for i := groups[gi].start - 1; i > 0 && i >= groups[gi].start-12; i-- {
		w := toks[i]
		if w.Text == "." || w.Text == ";" {
			return false
		}
		if strings.EqualFold(w.Text, "that") && allegationNouns[toks[i-1].Lemma] {
			return true
		}
		if w.Tag == "VBG" && (w.Lemma == "charge" || w.Lemma == "allege" || w.Lemma == "accuse" || w.Lemma == "claim") && allegationNouns[toks[i-1].Lemma] {
			return true
		}
	}
	return false
}
