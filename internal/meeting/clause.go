package meeting

import (
	"strconv"
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/actor"
)

// vgroup is a verb group: auxiliaries, modals, adverbs and verbs of one predicate.
type vgroup struct {
	start, end int // token range
	head       int // its last verb
	finite     bool
	negated    bool
	modal      string
	infinitive bool // "to" before it
	passive    bool
	adj        bool // a lone participle used as an adjective: "the planned meeting", "negotiating stance"
}

// sent is one sentence prepared for reading meetings out of it.
type sent struct {
	idx     int
	s       *dateline.Sentence
	toks    []dateline.Token
	low     []string
	refs    []actor.Ref
	groups  []vgroup
	groupOf []int // token → its verb group, or -1
}

var negWords = map[string]bool{"not": true, "n't": true, "never": true}

// timeAdverbs may sit inside a verb group: "are today meeting", "was yesterday visiting".
var timeAdverbs = map[string]bool{"today": true, "yesterday": true, "tomorrow": true, "now": true, "tonight": true}

// futureModals put what they govern in the future or leave it unrealised.
var futureModals = map[string]bool{"will": true, "would": true, "shall": true, "'ll": true, "could": true,
	"might": true, "may": true, "should": true, "must": true, "wo": true, "ca": true, "can": true}

func isVerbTag(t string) bool { return strings.HasPrefix(t, "VB") || t == "MD" }

func newSent(idx int, s *dateline.Sentence, refs []actor.Ref) *sent {
	st := &sent{idx: idx, s: s, toks: s.Tokens, refs: refs}
	st.low = make([]string, len(s.Tokens))
	for i := range s.Tokens {
		st.low[i] = strings.ToLower(s.Tokens[i].Text)
	}
	st.groupOf = make([]int, len(s.Tokens))
	for i := range st.groupOf {
		st.groupOf[i] = -1
	}
	toks := s.Tokens
	for i := 0; i < len(toks); {
		if !isVerbTag(toks[i].Tag) || st.inRef(i) || prepositional(st.low, i) {
			i++
			continue
		}
		g := vgroup{start: i, head: i}
		if i > 0 && st.low[i-1] == "to" {
			g.infinitive = true
		}
		sawBe := false
		lexical := false // a verb other than an auxiliary ends the group: "told visiting"
		j := i
		for j < len(toks) {
			t := toks[j].Tag
			if isVerbTag(t) && !st.inRef(j) && !lexical {
				switch t {
				case "MD":
					g.modal = st.low[j]
					g.finite = true
				case "VBD", "VBZ", "VBP":
					g.finite = true
				case "VBN":
					if sawBe {
						g.passive = true
					}
				}
				be := isBe(st.low[j])
				if be {
					sawBe = true
				} else if t != "MD" && !isHave(st.low[j]) {
					sawBe = false
				}
				if t != "MD" && !be && !isHave(st.low[j]) && !isDo(st.low[j]) {
					lexical = true
				}
				g.head = j
				j++
				continue
			}
			if negWords[st.low[j]] {
				g.negated = true
				j++
				continue
			}
			if (t == "RB" || t == "RBR" || timeAdverbs[st.low[j]]) && j+1 < len(toks) && isVerbTag(toks[j+1].Tag) && !lexical {
				j++
				continue
			}
			break
		}
		g.end = j
		if g.end-g.start == 1 && (toks[i].Tag == "VBN" || toks[i].Tag == "VBG") && j < len(toks) &&
			(strings.HasPrefix(toks[j].Tag, "NN") || strings.HasPrefix(toks[j].Tag, "JJ")) &&
			(i == 0 || premodifierBefore(toks[i-1].Tag) || st.inRef(i-1)) {
			g.adj = true
		}
		for k := g.start; k < g.end; k++ {
			st.groupOf[k] = len(st.groups)
		}
		st.groups = append(st.groups, g)
		i = j
	}
	return st
}

// premodifierBefore: a tag after which a participle starts or continues a noun phrase.
func premodifierBefore(t string) bool {
	switch t {
	case "DT", "PRP$", "POS", "IN", "CD", ",", "JJ", "JJR", "JJS", "TO":
		return true
	}
	return false
}

func isBe(w string) bool {
	switch w {
	case "be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re":
		return true
	}
	return false
}

// prepositional reports whether the participle at i is used as a preposition: "following two
// days of talks", "including an agreement", "regarding trade".
func prepositional(low []string, i int) bool {
	switch low[i] {
	case "following", "including", "regarding", "concerning", "excluding":
		return i > 0 && low[i-1] != "is" && low[i-1] != "are" && low[i-1] != "was" && low[i-1] != "were"
	}
	return false
}

func isDo(w string) bool { return w == "do" || w == "does" || w == "did" }

func isHave(w string) bool { return w == "have" || w == "has" || w == "had" || w == "having" }

// inRef reports whether token i is inside an actor phrase (its words are names, not verbs).
func (st *sent) inRef(i int) bool {
	for k := range st.refs {
		if st.refs[k].Start <= i && i < st.refs[k].End && st.refs[k].Kind != "pronoun" {
			return true
		}
	}
	return false
}

// inActor reports whether token i is inside a resolved actor phrase; an unresolved name
// ("the Versailles Declaration", "the Venice Summit") is no actor.
func (st *sent) inActor(i int) bool {
	for k := range st.refs {
		if st.refs[k].Start <= i && i < st.refs[k].End && len(st.refs[k].Entities) > 0 {
			return true
		}
	}
	return false
}

// refAt returns the index of the ref covering token i, or -1.
func (st *sent) refAt(i int) int {
	for k := range st.refs {
		if st.refs[k].Start <= i && i < st.refs[k].End {
			return k
		}
	}
	return -1
}

// boundary reports whether token i ends one clause and starts another: a semicolon, colon,
// quotation mark, or a word that opens a relative or adverbial clause.
func (st *sent) boundary(i int) bool {
	switch st.low[i] {
	case ";", ":", "who", "which", "whom", "whose", "while", "whereas", "although",
		"though", "because", "but", "if", "unless", "when", "where":
		return true
	case "that":
		return st.toks[i].Tag == "WDT" || st.toks[i].Tag == "IN"
	}
	return false
}

// reporting verbs close the clause that reports: "X said the talks were useful".
var reporting = map[string]bool{"say": true, "said": true, "says": true, "tell": true, "told": true,
	"tells": true, "add": true, "added": true, "adds": true}

// clause returns the token range of the clause around token i.
func (st *sent) clause(i int) (int, int) {
	start := 0
	for j := i - 1; j >= 0; j-- {
		if st.boundary(j) || (st.groupOf[j] >= 0 && reporting[st.low[st.groups[st.groupOf[j]].head]] &&
			j+1 < len(st.low) && (st.low[j+1] == "that" || st.groupOf[j+1] < 0 && st.toks[j+1].Tag != "IN")) {
			start = j + 1
			break
		}
	}
	end := len(st.toks)
	for j := i + 1; j < len(st.toks); j++ {
		if st.boundary(j) {
			end = j
			break
		}
		// ", officials said" closes the clause before it.
		if st.low[j] == "," && j+1 < len(st.toks) {
			rest := j + 1
			for rest < len(st.toks) && rest < j+6 && st.groupOf[rest] < 0 {
				rest++
			}
			if rest < len(st.toks) && st.groupOf[rest] >= 0 && reporting[st.low[st.groups[st.groupOf[rest]].head]] {
				end = j
				break
			}
		}
	}
	return start, end
}

// groupBefore returns the nearest verb group ending at or before token i, at or after from, or -1.
func (st *sent) groupBefore(i, from int) int {
	for g := len(st.groups) - 1; g >= 0; g-- {
		if st.groups[g].end <= i && st.groups[g].start >= from && !st.groups[g].adj {
			return g
		}
	}
	return -1
}

// groupAfter returns the first verb group starting at or after i, before to, or -1.
func (st *sent) groupAfter(i, to int) int {
	for g := range st.groups {
		if st.groups[g].start >= i && st.groups[g].start < to && !st.groups[g].adj {
			return g
		}
	}
	return -1
}

// subjectRef is a ref that can be a clause's subject.
func subjectRef(r *actor.Ref) bool {
	return len(r.Entities) > 0 && !r.Place && (r.Prep == "" || r.Prep == "as") && (!r.Possessive || r.Kind == "pair")
}

// subject returns the refs that are the subject of verb group g: the nearest subject-like ref
// before it in its clause (with refs coordinated to it: "Li and Mishustin"), the antecedent of
// "who", or the subject of the verb group it is coordinated with.
func (st *sent) subject(g int) []int { return st.subjectOf(g, 0) }

// subjectOf is subject, following at most a few links from verb group to verb group: a
// participle opening a sentence looks forward, a coordinated verb back, and neither may loop.
func (st *sent) subjectOf(g, depth int) []int {
	if g < 0 || depth > 3 {
		return nil
	}
	vg := st.groups[g]
	from, _ := st.clause(vg.start)
	if vg.start > 0 {
		if w := st.low[vg.start-1]; w == "who" || w == "which" || w == "that" {
			for k := len(st.refs) - 1; k >= 0; k-- {
				r := &st.refs[k]
				if r.End <= vg.start-1 && r.End >= vg.start-4 && len(r.Entities) > 0 && !r.Place {
					return []int{k}
				}
			}
		}
	}
	prevEnd := 0
	for pg := st.groupBefore(vg.start, 0); pg >= 0; pg = st.groupBefore(st.groups[pg].start, 0) {
		// "A World Bank team led by X arrived": a participle after a noun does not end the subject.
		p := st.groups[pg]
		if !p.finite && !p.infinitive && p.end-p.start == 1 && pg > 0 {
			continue
		}
		prevEnd = p.end
		break
	}
	lo := max(from, prevEnd)
	for k := len(st.refs) - 1; k >= 0; k-- {
		r := &st.refs[k]
		if r.End > vg.start || r.Start < lo {
			continue
		}
		if subjectRef(r) {
			return st.coordBack(k)
		}
	}
	// "Funaro, on the third leg of a trip to explain ..., met Stoltenberg": the subject is before
	// a parenthesis set off by commas, whatever verbs it holds.
	if vg.start > 0 && st.low[vg.start-1] == "," {
		open := -1
		for j := vg.start - 2; j >= from && j >= vg.start-30; j-- {
			if st.low[j] == "," {
				open = j
				break
			}
		}
		if open > 0 {
			for k := len(st.refs) - 1; k >= 0; k-- {
				r := &st.refs[k]
				if r.End == open && r.Start >= from && subjectRef(r) {
					return st.coordBack(k)
				}
			}
		}
	}
	// "Speaking to reporters after talks with X, he said": a participle opening the sentence
	// has the subject of the clause after it.
	if !vg.finite && !vg.infinitive && vg.start <= 1 {
		for ng := g + 1; ng < len(st.groups); ng++ {
			if st.groups[ng].finite {
				return st.subjectOf(ng, depth+1)
			}
		}
	}
	// "arrived in Moscow and held talks": a coordinated verb shares its subject.
	if pg := st.groupBefore(vg.start, 0); pg >= 0 && vg.start-st.groups[pg].end <= 8 {
		for i := st.groups[pg].end; i < vg.start; i++ {
			if st.low[i] == "and" || (vg.infinitive && i == vg.start-1) {
				return st.subjectOf(pg, depth+1)
			}
		}
	}
	return nil
}

// coordBack returns ref k with the refs joined to it by "and" or commas before it.
func (st *sent) coordBack(k int) []int {
	out := []int{k}
	for j := k - 1; j >= 0; j-- {
		gap := st.gap(st.refs[j].End, st.refs[j+1].Start)
		if (gap == "and" || gap == "," || gap == ", and") && subjectRef(&st.refs[j]) {
			out = append([]int{j}, out...)
			continue
		}
		break
	}
	return out
}

// coord returns ref k with the refs joined to it by "and" or commas after it.
func (st *sent) coord(k int) []int {
	out := []int{k}
	for j := k + 1; j < len(st.refs); j++ {
		gap := st.gap(st.refs[j-1].End, st.refs[j].Start)
		if (gap == "and" || gap == "," || gap == ", and" || gap == "-" || gap == "and the" || gap == ", the" || gap == ", and the") &&
			len(st.refs[j].Entities) > 0 && !st.refs[j].Place {
			out = append(out, j)
			continue
		}
		break
	}
	return out
}

func (st *sent) gap(from, to int) string {
	if to < from {
		return "?"
	}
	return strings.Join(st.low[from:to], " ")
}

// ordinal reads "25th", "second" or "twenty-fifth"; 0 if the word is none.
func ordinal(w string) int {
	w = strings.ToLower(w)
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		if n, ok := strings.CutSuffix(w, suf); ok && n != "" {
			if v, err := strconv.Atoi(n); err == nil && v > 0 && v < 1000 {
				return v
			}
		}
	}
	if v, ok := ordinalWords[w]; ok {
		return v
	}
	if tens, unit, ok := strings.Cut(w, "-"); ok {
		if t, ok := tensWords[tens]; ok {
			if u, ok := ordinalWords[unit]; ok && u < 10 {
				return t + u
			}
		}
	}
	return 0
}

var ordinalWords = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
	"sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
	"thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
	"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
	"fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100}

var tensWords = map[string]int{"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90}

// months by lower-case name and common abbreviation.
var months = map[string]int{"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
	"july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan.": 1, "feb.": 2, "aug.": 8, "sept.": 9, "sep.": 9, "oct.": 10, "nov.": 11, "dec.": 12}

// prepOf returns the preposition a phrase starting at token i hangs on, looking past the
// determiners and adjectives before it ("between financially troubled Zaire"), and where it is;
// "" and -1 if none.
func (st *sent) prepOf(i int) (string, int) {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		t := st.toks[j].Tag
		if t == "IN" || t == "TO" {
			return st.low[j], j
		}
		if !(t == "DT" || strings.HasPrefix(t, "JJ") || strings.HasPrefix(t, "RB") || t == "CD" || t == "PRP$" || t == "VBN" || t == "VBG") {
			break
		}
	}
	return "", -1
}

// titleBefore reports whether the word before the preposition at j (past a determiner) is a
// title or group word: "the trade ministers of", "representatives of".
func (st *sent) titleBefore(f *Finder, j int) bool {
	k := j - 1
	if k >= 0 && st.toks[k].Tag == "DT" {
		k--
	}
	return k >= 0 && f.agent(st.low[k]) != ""
}
