package actor

import (
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/mention"
)

// Reported clauses: in "X said (that) it/he/they ...", the pronoun that opens the complement
// clause is X when X agrees with it — "it" an organisation, country or government body, "he"
// and "she" a person of that gender, "they" a plural group or an organisation. The rule is
// strong: it wins over the nearest-candidate and two-candidate cautions of plain pronouns.

// speechVerbs are lemmas of verbs that report what their subject says, plans or believes.
var speechVerbs = map[string]bool{"say": true, "announce": true, "tell": true, "warn": true,
	"state": true, "declare": true, "claim": true, "insist": true, "add": true, "confirm": true,
	"deny": true, "threaten": true, "indicate": true, "report": true, "vow": true, "pledge": true,
	"promise": true, "admit": true, "assert": true, "stress": true, "reiterate": true,
	"believe": true, "hope": true, "fear": true, "think": true, "argue": true, "acknowledge": true,
	"complain": true, "charge": true, "allege": true, "explain": true, "note": true, "reply": true,
	"respond": true, "signal": true, "decide": true, "agree": true, "suggest": true,
	"predict": true, "maintain": true, "hint": true, "disclose": true, "reveal": true,
	"emphasize": true, "emphasise": true, "affirm": true, "concede": true, "assure": true,
	"inform": true, "notify": true, "remind": true, "contend": true, "estimate": true,
	"expect": true, "know": true, "underline": true, "recall": true}

// auxiliaries may stand between a subject and its speech verb ("has said", "would also announce").
var auxiliaries = map[string]bool{"have": true, "be": true, "will": true, "would": true, "do": true,
	"can": true, "could": true, "may": true, "might": true, "shall": true, "should": true, "must": true}

// reportedSubject returns the subject of the speech verb whose complement clause the pronoun p
// opens, or -1: "Iraq's interim government announced that it ...", "Militants loyal to X said
// they ...", "Li told reporters on Monday he ...".
func reportedSubject(toks []dateline.Token, p *mention.Phrase, before []Ref) int {
	j := p.Start - 1
	if j >= 0 && strings.EqualFold(toks[j].Text, "that") {
		j--
	}
	// the speech verb, perhaps followed by its object and a time phrase ("told reporters on
	// Monday", "said on Tuesday")
	v := -1
	for k := j; k >= 0 && k >= j-5; k-- {
		t := toks[k]
		if strings.HasPrefix(t.Tag, "VB") {
			if speechVerbs[t.Lemma] && t.Tag != "VBG" {
				v = k
			}
			break
		}
		if !(strings.HasPrefix(t.Tag, "NN") || t.Tag == "DT" || t.Tag == "IN" || t.Tag == "JJ" || t.Tag == "CD" || t.Tag == "RB" || t.Tag == "PRP") {
			break
		}
	}
	if v <= 0 {
		return -1
	}
	// the verb's own auxiliaries and adverbs
	a := v - 1
	for a >= 0 && (auxiliaries[toks[a].Lemma] && (strings.HasPrefix(toks[a].Tag, "VB") || toks[a].Tag == "MD") || toks[a].Tag == "RB") {
		a--
	}
	// the clause: back to the sentence start, a finite verb or a word that opens a clause
	start := 0
	for k := a; k >= 0; k-- {
		t := toks[k]
		if (t.Tag == "VBD" || t.Tag == "VBZ" || t.Tag == "VBP" || t.Tag == "MD") && !postAdjectives[t.Lemma] || t.Text == ";" || t.Text == ":" ||
			t.Tag == "WDT" || t.Tag == "WP" || t.Tag == "IN" && clauseOpeners[strings.ToLower(t.Text)] {
			start = k + 1
			break
		}
	}
	if start > 0 && start-1 == a && (toks[start-1].Tag == "WP" || toks[start-1].Tag == "WDT") {
		// "rebels who said their fighters ...": the relative pronoun's antecedent says it
		for i := len(before) - 1; i >= 0; i-- {
			if r := before[i]; r.End == start-1 && len(r.Entities) > 0 && !r.Place && !r.Possessive {
				return i
			}
		}
		return -1
	}
	for i, r := range before {
		if r.Start < start || r.End > a+1 {
			continue
		}
		if len(r.Entities) == 0 || r.Place {
			continue
		}
		if r.Possessive {
			// "Israel's cabinet said it": the possessor acts through the head noun after it
			if r.Prep == "" && onlyHeadNoun(toks, r.End, a+1) {
				return i
			}
			continue
		}
		if r.Prep == "" || r.Prep == "of" && r.Quantified || mention.ClauseSubject(toks, r.Start, r.End) {
			// ("came as Israel announced it would ...": the subject of the subordinate clause)
			return i
		}
	}
	return -1
}

// postAdjectives follow a noun with "to" and are sometimes tagged as verbs ("militants loyal
// to X"): they open no clause.
var postAdjectives = map[string]bool{"loyal": true, "close": true, "faithful": true, "opposed": true,
	"allied": true, "linked": true, "related": true, "affiliated": true, "sympathetic": true}

var clauseOpeners = map[string]bool{"that": true, "because": true, "while": true, "when": true,
	"after": true, "before": true, "although": true, "though": true, "as": true, "since": true,
	"if": true, "unless": true, "whereas": true, "until": true}

// onlyHeadNoun: toks[from:to] are a noun phrase's adjectives and nouns, with a noun last.
func onlyHeadNoun(toks []dateline.Token, from, to int) bool {
	if from >= to {
		return false
	}
	for k := from; k < to; k++ {
		t := toks[k].Tag
		if !(t == "JJ" || t == "NN" || t == "NNS" || t == "NNP" && k == from) {
			return false
		}
	}
	return strings.HasPrefix(toks[to-1].Tag, "NN")
}

// agrees reports whether the pronoun p can stand for the reported subject r.
func agrees(p *mention.Phrase, r *Ref) bool {
	es := r.Entities
	switch p.Name {
	case "it":
		if len(es) != 1 || r.Plural && !r.Possessive {
			return false
		}
		e := es[0]
		return e.Kind == "country" || e.Kind == "organisation" || e.Kind == "group" && e.Agent != "" && r.Kind == mention.PhraseGroup && isBody(r.Title)
	case "they":
		if len(es) > 1 {
			return true
		}
		e := es[0]
		// "Bosnian Serbs said they ...": a people named by its country
		return e.Kind == "organisation" || e.Kind == "group" && (r.Plural || isBody(r.Title)) ||
			e.Kind == "country" && r.Kind == mention.PhraseCountry && r.Plural && r.Via == mention.KindNationality && !r.Possessive
	case "he", "she":
		e := es[0]
		return len(es) == 1 && e.Kind == "person" && (e.Gender == "" || e.Gender == p.Gender)
	}
	return false
}

// isBody: a singular group word that names an institution, not a person ("government",
// "ministry", "army", "party"), so that "it" may stand for it.
func isBody(title string) bool {
	if title == "" {
		return false
	}
	f := strings.Fields(title)
	switch f[len(f)-1] {
	case "government", "ministry", "army", "cabinet", "military", "navy", "party", "parliament",
		"administration", "council", "court", "police", "authority", "authorities", "leadership",
		"junta", "regime", "department", "office", "agency", "committee", "commission", "assembly",
		"legislature", "senate", "congress", "opposition", "movement", "front", "alliance",
		"coalition", "union", "federation", "force", "forces", "command", "embassy", "mission",
		"delegation", "side", "state", "board", "bank", "company", "group", "organisation",
		"organization", "guard", "service", "directorate", "secretariat", "presidency":
		return true
	}
	return false
}

// lateReported links the reported-clause pronouns whose subject only got its entity after the
// sentence was read ("The army said it ...", the army being the one country's in play).
func (l *linker) lateReported(refs []Ref, toks []dateline.Token) {
	for i := range refs {
		r := &refs[i]
		if r.Kind != mention.PhrasePronoun || len(r.Entities) > 0 {
			continue
		}
		if k := reportedSubject(toks, &r.Phrase, refs[:i]); k >= 0 && agrees(&r.Phrase, &refs[k]) {
			r.Entities = refs[k].Entities
			if len(r.Entities) == 1 {
				e := r.Entities[0]
				e.Count++
				e.Mentions = append(e.Mentions, dateline.Mention{Text: r.Text(l.body, toks), Span: r.Span(toks)})
			}
		}
	}
}
