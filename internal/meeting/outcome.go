package meeting

import (
	"strings"

	"github.com/dateline-news/dateline"
)

// outcomes finds the documents a sentence says were signed, passed, adopted, issued or reached:
// a document noun ("communique", "memorandum of understanding") that an outcome verb or noun
// governs ("signed", "the passage of", "witnessed the signing of ..., including"), where that
// act took place (not "failed to sign", "will sign", "no agreement").
func (f *Finder) outcomes(st *sent, in Input) []outcome {
	var out []outcome
	toks := st.toks
	for i := 0; i < len(toks); i++ {
		n, _ := f.Lex.at(clDocument, toks, st.low, i)
		if n == 0 || st.inActor(i) {
			continue
		}
		head := i + n - 1
		if !strings.HasPrefix(toks[head].Tag, "NN") && n == 1 {
			continue // "to deal with"
		}
		start := st.npStart(i)
		if st.low[start] == "no" || start > 0 && (st.low[start-1] == "without" || st.low[start-1] == "no") {
			i = head
			continue
		}
		if f.unrealised(st, start, head) {
			i = head
			continue // "any new trade deal", "a possible accord"
		}
		action, parties, ok := f.outcomeAct(st, start, in.Article.Date)
		if !ok {
			action, parties, ok = f.outcomeAfter(st, head, in.Article.Date)
		}
		if !ok {
			i = head
			continue
		}
		from, end := st.title(f, start, head)
		if from >= end {
			i = head
			continue
		}
		title := strings.Join(strings.Fields(st.s.Text[toks[from].Start-st.s.Start:toks[end-1].End-st.s.Start]), " ")
		found := make([]bool, len(f.Topics.names))
		f.Topics.mark(toks, from, end, found)
		// "with X", "between X and Y" after the document name its parties too.
		_, cEnd := st.clause(head)
		m := &mention{}
		for k := range st.refs {
			r := &st.refs[k]
			if r.Start >= end && r.Start < cEnd && (r.Prep == "with" || r.Prep == "between") && len(r.Entities) > 0 && !r.Place {
				for _, c := range st.coord(k) {
					m.addRef(f, &st.refs[c], "")
				}
				break
			}
		}
		parties = append(parties, m.parts...)
		out = append(out, outcome{sent: st.idx, title: title, action: action, parties: parties, topics: f.Topics.list(found)})
		i = max(end-1, head)
	}
	if len(out) == 0 {
		out = f.eventOutcomes(st, in)
	}
	return out
}

// outcomeAct looks left of a document phrase for the act that produced it, and returns the
// action, the parties (the act's subject) and whether the act took place.
func (f *Finder) outcomeAct(st *sent, start int, date string) (string, []part, bool) {
	cStart, cEnd := st.clause(start)
	for j := start - 1; j >= 0 && j >= start-25; j-- {
		if st.boundary(j) || st.low[j] == ";" {
			return "", nil, false
		}
		if g := st.groupOf[j]; g >= 0 && !st.inRef(j) {
			vg := st.groups[g]
			hv := &st.toks[vg.head]
			if st.low[vg.head] == "including" || st.low[vg.head] == "include" || st.low[vg.head] == "includes" {
				j = vg.start
				continue
			}
			action, ok := f.Lex.has(clOutcome, hv)
			if !ok {
				return "", nil, false
			}
			if f.groupStatus(st, g) != held || f.timeStatus(st, min(cStart, vg.start), cEnd, date) != held {
				return "", nil, false
			}
			return action, f.subjectParts(st, g), true
		}
		if action, ok := f.Lex.has(clOutcome, &st.toks[j]); ok && strings.HasPrefix(st.toks[j].Tag, "NN") {
			// "witnessed the signing of", "announced the passage of"
			g := st.groupBefore(j, 0)
			if g >= 0 && (f.groupStatus(st, g) != held || f.timeStatus(st, min(cStart, st.groups[g].start), cEnd, date) != held) {
				return "", nil, false
			}
			if g < 0 && f.timeStatus(st, cStart, cEnd, date) != held {
				return "", nil, false
			}
			return action, f.subjectParts(st, g), true
		}
	}
	return "", nil, false
}

// unrealised reports whether a document phrase names one that does not exist yet.
func (f *Finder) unrealised(st *sent, start, head int) bool {
	for k := start; k < head; k++ {
		if _, ok := f.Lex.has(clFutureMod, &st.toks[k]); ok {
			return true
		}
	}
	return false
}

// outcomeAfter reads an act named after the document: "the accord was reached between X and
// Y", "the communique was issued after talks", "an agreement reached in Tehran today". The
// parties are the "between"/"by" phrase after it.
func (f *Finder) outcomeAfter(st *sent, head int, date string) (string, []part, bool) {
	k := head + 1
	for k < len(st.low) && k <= head+2 && (st.low[k] == "," || st.toks[k].Tag == "RB") {
		k++
	}
	g := -1
	if k < len(st.low) {
		g = st.groupOf[k]
	}
	if g < 0 || st.groups[g].start != k {
		return "", nil, false
	}
	vg := st.groups[g]
	reduced := vg.end-vg.start == 1 && st.toks[vg.head].Tag == "VBN"
	if !vg.passive && !reduced {
		return "", nil, false
	}
	action, ok := f.Lex.has(clOutcome, &st.toks[vg.head])
	if !ok {
		return "", nil, false
	}
	_, cEnd := st.clause(vg.head)
	status := f.timeStatus(st, vg.start, cEnd, date)
	if !reduced {
		status = max(status, f.groupStatus(st, g))
	}
	if status != held {
		return "", nil, false
	}
	m := &mention{}
	for r := range st.refs {
		ref := &st.refs[r]
		if ref.Start < vg.end || ref.Start >= cEnd || len(ref.Entities) == 0 || ref.Place {
			continue
		}
		if p, _ := st.prepOf(ref.Start); p == "between" || p == "by" {
			m.addList(f, st, st.coord(r), "")
			break
		}
	}
	return action, m.parts, true
}

func (f *Finder) subjectParts(st *sent, g int) []part {
	if g < 0 || st.groups[g].passive {
		return nil
	}
	m := &mention{}
	for _, k := range st.subject(g) {
		m.addRef(f, &st.refs[k], "")
	}
	return m.parts
}

// title returns the token range that names a document: its phrase without the article, and
// what follows that belongs to its name ("memorandum of understanding on nuclear energy
// cooperation"), up to a comma, a verb, or a phrase that names who or when.
func (st *sent) title(f *Finder, start, head int) (int, int) {
	from := start
	for from < head && (determiners[st.low[from]] || st.low[from] == "a" || st.low[from] == "an" || st.toks[from].Tag == "PRP$") {
		from++
	}
	// "more than 20 documents"
	if from >= 2 && st.toks[from].Tag == "CD" && (st.low[from-1] == "than" || st.low[from-1] == "least") {
		from -= 2
	}
	end := head + 1
	if end < len(st.low) {
		switch st.low[end] {
		case "of", "on", "for", "concerning", "regarding":
			k := end
			for k < len(st.low) && k < head+16 {
				w, t := st.low[k], st.toks[k].Tag
				if w == "," || w == ";" || w == "." || w == ":" || w == "(" || w == ")" || w == "\"" || t == "``" || t == "''" {
					break
				}
				if t == "VBD" || t == "VBZ" || t == "VBP" || t == "MD" {
					break
				}
				switch w {
				case "with", "at", "during", "after", "before", "by", "which", "that", "who", "as", "including", "while", "in":
					if k > end {
						goto done
					}
				}
				if w == "and" && st.startsDocument(f, k+1) {
					goto done
				}
				k++
			}
		done:
			if k > end+1 {
				end = k
			}
		}
	}
	for end > from+1 && (st.low[end-1] == "and" || st.low[end-1] == "the" || st.low[end-1] == "a") {
		end--
	}
	return from, end
}

// startsDocument reports whether a new document phrase starts at i ("and a memorandum").
func (st *sent) startsDocument(f *Finder, i int) bool {
	for k := i; k < len(st.toks) && k < i+5; k++ {
		if n, _ := f.Lex.at(clDocument, st.toks, st.low, k); n > 0 {
			return true
		}
		if !adjectival(st.toks[k].Tag) {
			return false
		}
	}
	return false
}

// eventOutcomes falls back on the coder: a counted "sign formal agreement" event (057) whose
// document our words did not find.
func (f *Finder) eventOutcomes(st *sent, in Input) []outcome {
	var out []outcome
	for _, e := range in.Events {
		if e.Cameo != "057" || !e.Counted() || e.Span[0] != st.s.Start {
			continue
		}
		title := ""
		for _, w := range strings.Fields(e.Trigger) {
			t := dateline.Token{Text: w, Tag: "NN"}
			if _, ok := f.Lex.has(clDocument, &t); ok {
				title = strings.ToLower(w)
			}
		}
		if title == "" {
			continue // an agreement in words, not a document
		}
		// The coder may miss what governs its trigger ("failed to sign"): read it again.
		if at := st.find(e.Trigger); at >= 0 {
			if g := st.groupOf[at]; g >= 0 && f.groupStatus(st, g) != held {
				continue
			}
			if cs, ce := st.clause(at); f.timeStatus(st, cs, ce, in.Article.Date) != held {
				continue
			}
		}
		var ps []part
		for _, r := range []*dateline.ActorRef{e.Source, e.Target} {
			if r != nil {
				ps = append(ps, st.eventPart(r, ""))
			}
		}
		out = append(out, outcome{sent: st.idx, title: title, action: "signed", parties: ps, topics: []string{}})
		break
	}
	return out
}
