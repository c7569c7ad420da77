package story

import (
	"math"
	"slices"
	"strings"

	"github.com/dateline-news/dateline"
)

// dfBits sizes the table of document frequencies: terms are counted in 2^dfBits hashed
// slots (4 MiB), so memory does not grow with the vocabulary. Two terms sharing a slot add
// their counts; with the tens of thousands of terms a news stream uses, that touches a few
// percent of terms and only makes them look a little commoner.
const dfBits = 20

// docFreq counts, for each hashed term, the articles it occurred in.
type docFreq struct {
	n     uint32 // articles counted
	slots []uint32
}

func newDocFreq() *docFreq { return &docFreq{slots: make([]uint32, 1<<dfBits)} }

func (d *docFreq) add(terms map[uint64]float64) {
	d.n++
	for t := range terms {
		if s := &d.slots[t&(1<<dfBits-1)]; *s < math.MaxUint32 {
			*s++
		}
	}
}

// idf is the smoothed inverse document frequency. Before many articles have been seen every
// term looks rare; the stop list keeps function words out meanwhile.
func (d *docFreq) idf(t uint64) float64 {
	df := float64(d.slots[t&(1<<dfBits-1)])
	return math.Log((float64(d.n)+1)/(df+1)) + 1
}

// Term kinds are kept apart by a prefix before hashing, so that the actor code "RUS" and the
// word "rus" are different terms.
const (
	kindWord  = "w:"
	kindActor = "a:"
	kindEvent = "e:"
	kindPlace = "p:"
	kindName  = "n:"
)

// Feature weights, relative to a content word. They say how much each kind of evidence tells
// that two reports are of one event, and are general to news rather than fitted to a corpus:
// a name (a word written capitalised inside a sentence) identifies the people, places and
// organisations involved far better than a common noun; a coded actor or event adds the
// knowledge base's view of who did what; the dateline place says where the story was filed.
const (
	weightTitle  = 2.0
	weightName   = 2.5
	weightNumber = 1.5
	weightActor  = 1.0
	weightEvent  = 1.5
	weightPlace  = 1.0
	posBoost     = 1.0
	weightBigram = 2.5
)

// features builds an article's term frequencies: words of the title and body (stop words
// dropped, plurals folded), boosted when written as names, plus its coded actors, event types
// with their dyads, and dateline place. The values are log-scaled frequencies times the
// weights above; IDF is applied when comparing.
func features(doc *dateline.Document) map[uint64]float64 {
	a := doc.Article
	title, body := doc.Title, ""
	if a != nil {
		body = a.Body
		if title == "" {
			title = a.Title
		}
	}
	var ws []word
	// A title that is just the body's opening (as when it was derived from it) is not a
	// separate headline; counting it again would only double the lead.
	if title != "" && !strings.HasPrefix(strings.TrimSpace(body), strings.TrimSpace(title)) {
		ws = words(title, true, ws)
	}
	ws = words(body, false, ws)
	lead := leadEnd(ws)

	names := map[string]bool{}
	for _, w := range ws {
		if w.cap && !stopwords[w.text] {
			names[w.text] = true
		}
	}
	type acc struct {
		tf   float64
		boos float64
	}
	counts := map[string]*acc{}
	sent := 0
	for i, w := range ws {
		if w.first && i > 0 && !w.inTitle {
			sent++
		}
		if stopwords[w.text] || (len(w.text) < 2) || (w.number && len(w.text) < 2) {
			continue
		}
		t := w.text
		boost := 1.0
		switch {
		case w.number:
			boost = weightNumber
		case names[t]:
			boost = weightName
		default:
			t = stem(t)
		}
		c := counts[t]
		if c == nil {
			c = &acc{boos: boost}
			counts[t] = c
		}
		switch {
		case w.inTitle || i < lead:
			c.tf += weightTitle
		default:
			c.tf += 1 + posBoost/float64(1+sent)
		}
	}
	out := make(map[uint64]float64, len(counts)+len(doc.Actors)+len(doc.Events)+1)
	for t, c := range counts {
		out[hashString(kindWord+t)] = (1 + math.Log(c.tf)) * c.boos
	}
	// Names of two words ("Matt Smith", "Pierre Thomas") tell people apart where a surname or
	// a first name alone does not.
	bi := map[string]float64{}
	for i := 1; i < len(ws); i++ {
		p, w := ws[i-1], ws[i]
		if (p.cap || names[p.text]) && w.cap && !stopwords[p.text] && !stopwords[w.text] && p.inTitle == w.inTitle {
			bi[p.text+" "+w.text]++
		}
	}
	for t, n := range bi {
		out[hashString(kindName+t)] = (1 + math.Log(n)) * weightBigram
	}
	for _, ac := range doc.Actors {
		if ac.Code != "" {
			out[hashString(kindActor+ac.Code)] = weightActor
		}
	}
	for _, e := range doc.Events {
		if !e.Counted() || e.CameoRoot == "" {
			continue
		}
		out[hashString(kindEvent+e.CameoRoot+"|"+code(e.Source)+"|"+code(e.Target))] = weightEvent
	}
	if doc.Dateline.Place != "" {
		out[hashString(kindPlace+strings.ToLower(doc.Dateline.Place))] = weightPlace
	}
	return out
}

// leadEnd is the index just past the first sentence of a headline-less text: the opening
// sentence of a news story states its event, so it weighs like a headline.
func leadEnd(ws []word) int {
	for i, w := range ws {
		if w.inTitle {
			return 0 // there is a real headline
		}
		if i > 0 && w.first {
			return i
		}
	}
	return len(ws)
}

func code(r *dateline.ActorRef) string {
	if r == nil {
		return ""
	}
	return r.Code
}

// vector is a sparse term vector in a fixed order (by term), so that sums are deterministic.
type vector struct {
	terms []uint64
	vals  []float64
}

func toVector(m map[uint64]float64) vector {
	v := vector{terms: make([]uint64, 0, len(m)), vals: make([]float64, 0, len(m))}
	for t := range m {
		v.terms = append(v.terms, t)
	}
	slices.Sort(v.terms)
	for _, t := range v.terms {
		v.vals = append(v.vals, m[t])
	}
	return v
}

// dot is the dot product of two vectors, merging their sorted terms.
func (v vector) dot(o vector) float64 {
	var s float64
	i, j := 0, 0
	for i < len(v.terms) && j < len(o.terms) {
		switch a, b := v.terms[i], o.terms[j]; {
		case a < b:
			i++
		case a > b:
			j++
		default:
			s += v.vals[i] * o.vals[j]
			i++
			j++
		}
	}
	return s
}
