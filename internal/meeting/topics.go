package meeting

import (
	"fmt"
	"io"
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/tsv"
)

// Topics is the policy-area taxonomy of data/topics.tsv: each area with the words that name it.
// Immutable after loading; safe for concurrent use.
type Topics struct {
	names []string
	cues  map[string][]cue // first word → cues starting with it
	nots  map[string][][]string
}

type cue struct {
	words []string
	topic int // index into names
}

// ReadTopics reads a topics.tsv file.
func ReadTopics(name string, r io.Reader) (*Topics, error) {
	t := &Topics{cues: map[string][]cue{}, nots: map[string][][]string{}}
	seen := map[string]bool{}
	err := tsv.Rows(name, r, func(_ int, s string, cols []string) error {
		if len(cols) < 2 {
			return fmt.Errorf("want topic<TAB>cues[<TAB>not<TAB>scope], got %q", s)
		}
		topic := strings.Join(strings.Fields(strings.ToLower(cols[0])), " ")
		if topic == "" {
			return fmt.Errorf("empty topic name")
		}
		if seen[topic] {
			return fmt.Errorf("topic %q listed twice", topic)
		}
		seen[topic] = true
		idx := len(t.names)
		t.names = append(t.names, topic)
		n := 0
		for _, c := range strings.Split(cols[1], "|") {
			words := strings.Fields(strings.ToLower(c))
			if len(words) == 0 {
				continue
			}
			t.cues[words[0]] = append(t.cues[words[0]], cue{words: words, topic: idx})
			n++
		}
		if n == 0 {
			return fmt.Errorf("topic %q has no cue words", topic)
		}
		if len(cols) > 2 {
			for _, c := range strings.Split(cols[2], "|") {
				if words := strings.Fields(strings.ToLower(c)); len(words) > 0 {
					t.nots[words[0]] = append(t.nots[words[0]], words)
				}
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(t.names) == 0 {
		return nil, fmt.Errorf("%s: no topics", name)
	}
	return t, nil
}

// Names lists the topics in the taxonomy's order.
func (t *Topics) Names() []string { return append([]string(nil), t.names...) }

func wordIs(tok *dateline.Token, w string) bool {
	return strings.EqualFold(tok.Text, w) || tok.Lemma == w
}

func matchWords(toks []dateline.Token, i int, words []string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	for k, w := range words {
		if !wordIs(&toks[i+k], w) {
			return false
		}
	}
	return true
}

// mark sets found[topic] for every cue in toks[from:to] that lies outside a "not" phrase.
func (t *Topics) mark(toks []dateline.Token, from, to int, found []bool) {
	blocked := make([]bool, len(toks))
	for i := from; i < to; i++ {
		for _, words := range t.nots[strings.ToLower(toks[i].Text)] {
			if i+len(words) <= to && matchWords(toks, i, words) {
				for k := range words {
					blocked[i+k] = true
				}
			}
		}
	}
	for i := from; i < to; i++ {
		for _, key := range []string{strings.ToLower(toks[i].Text), toks[i].Lemma} {
			for _, c := range t.cues[key] {
				if i+len(c.words) > to || !matchWords(toks, i, c.words) {
					continue
				}
				free := false
				for k := range c.words {
					if !blocked[i+k] {
						free = true
					}
				}
				if free {
					found[c.topic] = true
				}
			}
		}
	}
}

// Of returns the topics named in the tokens, in the taxonomy's order; never nil.
func (t *Topics) Of(toks []dateline.Token) []string {
	found := make([]bool, len(t.names))
	t.mark(toks, 0, len(toks), found)
	return t.list(found)
}

func (t *Topics) list(found []bool) []string {
	out := []string{}
	for i, ok := range found {
		if ok {
			out = append(out, t.names[i])
		}
	}
	return out
}
