package meeting

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/tsv"
)

// Lexicon classes of data/meetings.tsv (see data/README.md § meetings.tsv).
const (
	clNoun       = "noun"
	clModifier   = "modifier"
	clExclude    = "exclude"
	clVerb       = "verb"
	clHold       = "hold"
	clNotHold    = "nothold"
	clIntend     = "intend"
	clFutureMod  = "futuremod"
	clFuturePrep = "futureprep"
	clFutureTime = "futuretime"
	clPastMod    = "pastmod"
	clPastTime   = "pasttime"
	clFormat     = "format"
	clDocument   = "document"
	clOutcome    = "outcome"
	clSeries     = "series"
	clSeriesOf   = "seriesof"
)

var knownClasses = map[string]bool{clNoun: true, clModifier: true, clExclude: true, clVerb: true,
	clHold: true, clNotHold: true, clIntend: true, clFutureMod: true, clFuturePrep: true,
	clFutureTime: true, clPastMod: true, clPastTime: true, clFormat: true, clDocument: true,
	clOutcome: true, clSeries: true, clSeriesOf: true}

// verbClasses hold verbs, whose inflected forms must match too ("met", "co-chaired").
var verbClasses = []string{clVerb, clHold, clNotHold, clIntend, clOutcome}

// Lexicon is the meeting vocabulary: terms by class, with the value each gives. Immutable after
// loading; safe for concurrent use.
type Lexicon struct {
	terms map[string]map[string]string     // class → term (words joined by one space) → value
	multi map[string]map[string][][]string // class → first word → multi-word terms as words, longest first
	base  map[string]string                // inflected verb form → base form
}

// Inflector gives a base verb's inflected forms; text.Lemmatizer.Inflect is one.
type Inflector func(base string) []string

// ReadLexicon reads a meetings.tsv file. inflect, if not nil, adds the inflected forms of the
// verbs so that "met" matches "meet".
func ReadLexicon(name string, r io.Reader, inflect Inflector) (*Lexicon, error) {
	l := &Lexicon{terms: map[string]map[string]string{}, multi: map[string]map[string][][]string{}, base: map[string]string{}}
	err := tsv.Rows(name, r, func(_ int, s string, cols []string) error {
		if len(cols) < 2 {
			return fmt.Errorf("want class<TAB>term[<TAB>value], got %q", s)
		}
		class := strings.TrimSpace(cols[0])
		if !knownClasses[class] {
			return fmt.Errorf("unknown class %q", class)
		}
		term := strings.Join(strings.Fields(strings.ToLower(cols[1])), " ")
		if term == "" {
			return fmt.Errorf("empty term")
		}
		value := ""
		if len(cols) > 2 {
			value = strings.TrimSpace(cols[2])
		}
		if class == clVerb && strings.Count(value, "|") > 3 {
			return fmt.Errorf("verb value %q: want kind|subject role|object role[|format]", value)
		}
		if l.terms[class] == nil {
			l.terms[class] = map[string]string{}
		}
		l.terms[class][term] = value
		if words := strings.Fields(term); len(words) > 1 {
			if l.multi[class] == nil {
				l.multi[class] = map[string][][]string{}
			}
			l.multi[class][words[0]] = append(l.multi[class][words[0]], words)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, byFirst := range l.multi {
		for _, m := range byFirst {
			sort.SliceStable(m, func(i, j int) bool { return len(m[i]) > len(m[j]) })
		}
	}
	if inflect != nil {
		for _, class := range verbClasses {
			for term := range l.terms[class] {
				words := strings.Fields(term)
				for _, f := range inflect(words[0]) {
					if _, taken := l.base[f]; !taken && f != words[0] {
						l.base[f] = words[0]
					}
				}
			}
		}
	}
	return l, nil
}

// word is the form of a token the lexicon compares: lower case, verbs in their base form.
func (l *Lexicon) word(t *dateline.Token) string { return l.wordOf(t, strings.ToLower(t.Text)) }

// wordOf is word for a token whose lower-case form is known.
func (l *Lexicon) wordOf(t *dateline.Token, low string) string {
	if strings.HasPrefix(t.Tag, "VB") {
		if b, ok := l.base[low]; ok {
			return b
		}
	}
	return low
}

// has reports whether the token is a one-word term of the class, and its value.
func (l *Lexicon) has(class string, t *dateline.Token) (string, bool) {
	return l.lookup(class, t, strings.ToLower(t.Text))
}

// lookup is has for a token whose lower-case form is known.
func (l *Lexicon) lookup(class string, t *dateline.Token, low string) (string, bool) {
	m := l.terms[class]
	if m == nil {
		return "", false
	}
	if v, ok := m[low]; ok {
		return v, true
	}
	if !slices.Contains(verbClasses, class) {
		return "", false // "visiting" is no form of the noun "visit"
	}
	if w := l.wordOf(t, low); w != low {
		if v, ok := m[w]; ok {
			return v, true
		}
	}
	if t.Lemma != "" && t.Lemma != low {
		if v, ok := m[t.Lemma]; ok && strings.HasPrefix(t.Tag, "VB") {
			return v, true
		}
	}
	return "", false
}

// at returns the longest term of the class starting at token i: its length in tokens (0 if
// none) and its value. low holds the tokens in lower case. The first word of a multi-word verb
// term may be inflected ("called off").
func (l *Lexicon) at(class string, toks []dateline.Token, low []string, i int) (int, string) {
	if i >= len(toks) {
		return 0, ""
	}
	if byFirst := l.multi[class]; byFirst != nil {
		firsts := []string{low[i]}
		if slices.Contains(verbClasses, class) {
			if w := l.wordOf(&toks[i], low[i]); w != low[i] {
				firsts = append(firsts, w)
			}
		}
		for _, first := range firsts {
			for _, words := range byFirst[first] {
				if i+len(words) > len(toks) {
					continue
				}
				ok := true
				for k := 1; k < len(words); k++ {
					if low[i+k] != words[k] {
						ok = false
						break
					}
				}
				if ok {
					return len(words), l.terms[class][strings.Join(words, " ")]
				}
			}
		}
	}
	if v, ok := l.lookup(class, &toks[i], low[i]); ok {
		return 1, v
	}
	return 0, ""
}

// ending returns the length of a term of the class that ends just before token i (0 if none).
func (l *Lexicon) ending(class string, toks []dateline.Token, low []string, i int) int {
	best := 0
	for n := 1; n <= 4 && n <= i; n++ {
		if k, _ := l.at(class, toks, low, i-n); k == n && n > best {
			best = n
		}
	}
	return best
}
