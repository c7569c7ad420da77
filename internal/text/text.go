// Package text splits an article body into sentences and tokens that survive newswire
// (abbreviations, initials, quotes, hard-wrapped lines) and tags and lemmatises each token.
package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// Analyzer turns article bodies into tagged sentences. It is immutable and safe for concurrent use.
type Analyzer struct {
	Tagger *Tagger
	Lemma  *Lemmatizer
	// SplitHyphen, when set, says whether a hyphenated word is a compound of names to split
	// ("Russia-China" → "Russia" "-" "China"), so each name can be found on its own.
	SplitHyphen func(word string) bool
}

// sentenceStarters are capitalised words that, after an ambiguous abbreviation such as "U.S." or
// "Inc.", show that a new sentence began.
var sentenceStarters = map[string]bool{
	"The": true, "He": true, "She": true, "It": true, "They": true, "We": true, "I": true, "But": true,
	"And": true, "In": true, "A": true, "An": true, "This": true, "That": true, "These": true,
	"Those": true, "Its": true, "His": true, "Her": true, "Their": true, "There": true, "On": true,
	"At": true, "For": true, "After": true, "Before": true, "However": true, "Meanwhile": true,
	"Earlier": true, "Later": true, "Officials": true, "Analysts": true, "Some": true, "Many": true,
	"If": true, "When": true, "While": true, "Last": true, "Since": true, "As": true, "Both": true,
	"Our": true, "You": true, "What": true, "Such": true, "Other": true, "Under": true, "Despite": true,
}

// Sentences splits body[start:end] (one paragraph or more) into sentences.
func (a *Analyzer) Sentences(body string, paragraphs [][2]int, from int) []dateline.Sentence {
	var out []dateline.Sentence
	for pi, p := range paragraphs {
		s, e := p[0], p[1]
		if e <= from {
			continue
		}
		if s < from {
			s = from
		}
		toks := Tokenize(body, s, e)
		if a.SplitHyphen != nil {
			toks = a.splitCompounds(toks)
		}
		for _, span := range splitTokens(toks) {
			st := toks[span[0]:span[1]]
			if len(st) == 0 {
				continue
			}
			sent := dateline.Sentence{
				Index:     len(out),
				Paragraph: pi,
				Start:     st[0].Start,
				End:       st[len(st)-1].End,
				Tokens:    st,
			}
			sent.Text = flatten(body[sent.Start:sent.End])
			a.tag(sent.Tokens)
			out = append(out, sent)
		}
	}
	return out
}

// flatten turns the hard line breaks of wire copy into single spaces.
func flatten(s string) string {
	if !strings.ContainsAny(s, "\n\r\t") && !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

func (a *Analyzer) tag(toks []dateline.Token) {
	words := make([]string, len(toks))
	for i := range toks {
		words[i] = toks[i].Text
	}
	tags := a.Tagger.Tag(words)
	for i := 1; i+1 < len(toks); i++ {
		// "Osama bin Laden", "Hamad bin Khalifa", "Abu Bakr al Baghdadi": a name particle between
		// two capitalised words belongs to the name (the model reads "bin" as a verb).
		if nameParticles[words[i]] && isCapitalised(words[i-1]) && isCapitalised(words[i+1]) {
			tags[i] = "NNP"
		}
	}
	for i := range toks {
		toks[i].Tag = tags[i]
		toks[i].Lemma = a.Lemma.Lemma(toks[i].Text, tags[i])
	}
}

func isCloser(t string) bool {
	return t == `"` || t == "”" || t == "’" || t == "'" || t == ")" || t == "]" || t == "''"
}

// splitTokens returns [start, end) token index pairs of the sentences in toks.
func splitTokens(toks []dateline.Token) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i < len(toks); i++ {
		t := toks[i].Text
		end := -1
		switch {
		case t == "." || t == "?" || t == "!" || t == "..." || strings.HasPrefix(t, ".."):
			end = i + 1
		case len(t) > 1 && strings.HasSuffix(t, ".") && ambiguousAbbrev(t):
			if i+1 < len(toks) && sentenceStarters[toks[i+1].Text] {
				end = i + 1
			}
		}
		if end < 0 {
			continue
		}
		for end < len(toks) && isCloser(toks[end].Text) {
			end++
		}
		if end < len(toks) && !startsSentence(toks[end].Text) {
			continue
		}
		out = append(out, [2]int{start, end})
		start = end
		i = end - 1
	}
	if start < len(toks) {
		out = append(out, [2]int{start, len(toks)})
	}
	return out
}

// ambiguousAbbrev: an abbreviation token that may also end a sentence ("U.S.", "Inc.", "etc.").
func ambiguousAbbrev(t string) bool {
	w := strings.ToLower(strings.TrimSuffix(t, "."))
	if titleAbbreviations[w] {
		return false
	}
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsLetter(r) {
		return false // an initial
	}
	return true
}

func startsSentence(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || t == `"` || t == "“" || t == "'" || t == "‘" || t == "(" || t == "["
}

// splitCompounds splits hyphenated tokens that SplitHyphen accepts into their parts.
func (a *Analyzer) splitCompounds(toks []dateline.Token) []dateline.Token {
	var out []dateline.Token
	for i, t := range toks {
		if !strings.Contains(t.Text, "-") || !a.SplitHyphen(t.Text) {
			if out != nil {
				out = append(out, t)
			}
			continue
		}
		if out == nil {
			out = append(make([]dateline.Token, 0, len(toks)+4), toks[:i]...)
		}
		pos := t.Start
		for j, part := range strings.Split(t.Text, "-") {
			if j > 0 {
				out = append(out, dateline.Token{Text: "-", Start: pos, End: pos + 1})
				pos++
			}
			out = append(out, dateline.Token{Text: part, Start: pos, End: pos + len(part)})
			pos += len(part)
		}
	}
	if out == nil {
		return toks
	}
	return out
}

// nameParticles are lower-case words inside Arabic, Dutch, German, Romance and other names.
var nameParticles = map[string]bool{"bin": true, "bint": true, "ibn": true, "al": true, "el": true,
	"abu": true, "van": true, "von": true, "de": true, "da": true, "di": true, "du": true, "der": true,
	"den": true, "del": true, "la": true, "le": true, "dos": true, "das": true, "ben": true}

func isCapitalised(w string) bool {
	return w != "" && w[0] >= 'A' && w[0] <= 'Z'
}
