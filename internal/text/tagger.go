package text

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/jdkato/prose/v2"
)

// Tagger assigns Penn Treebank part-of-speech tags. It runs the averaged-perceptron model that
// ships with github.com/jdkato/prose/v2 (loaded once through prose's public Asset API), with the
// same features, but in a flat, allocation-free form: prose's own document pass runs at about
// 9,500 tokens/s; this one runs the same model at several hundred thousand (see BenchmarkTag).
// A Tagger is immutable after loading and safe for concurrent use.
type Tagger struct {
	classes []string
	tagMap  map[string]string // frequent unambiguous words → tag
	feats   map[string]int32  // feature string → row in weights
	weights []float32         // rows of len(classes)
}

var sharedTagger = sync.OnceValues(loadTagger)

// DefaultTagger returns the shared tagger, loading the model on first use.
func DefaultTagger() (*Tagger, error) { return sharedTagger() }

func loadTagger() (*Tagger, error) {
	asset := func(name string) (*gob.Decoder, error) {
		b, err := prose.Asset("model/AveragedPerceptron/" + name)
		if err != nil {
			return nil, fmt.Errorf("tagger model %s: %w", name, err)
		}
		return gob.NewDecoder(bytes.NewReader(b)), nil
	}
	t := &Tagger{}
	var wts map[string]map[string]float64
	for name, into := range map[string]any{"classes.gob": &t.classes, "tags.gob": &t.tagMap, "weights.gob": &wts} {
		dec, err := asset(name)
		if err != nil {
			return nil, err
		}
		if err := dec.Decode(into); err != nil {
			return nil, fmt.Errorf("tagger model %s: %w", name, err)
		}
	}
	sort.Strings(t.classes) // deterministic tie-breaking
	idx := make(map[string]int, len(t.classes))
	for i, c := range t.classes {
		idx[c] = i
	}
	nc := len(t.classes)
	t.feats = make(map[string]int32, len(wts))
	t.weights = make([]float32, 0, len(wts)*4)
	keys := make([]string, 0, len(wts))
	for k := range wts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, f := range keys {
		row := make([]float32, nc)
		for c, w := range wts[f] {
			if i, ok := idx[c]; ok {
				row[i] = float32(w)
			}
		}
		t.feats[f] = int32(len(t.weights) / nc)
		t.weights = append(t.weights, row...)
	}
	return t, nil
}

// normalize mirrors the model's training-time word normalisation.
func normalize(w string) string {
	if w == "" {
		return w
	}
	if strings.Contains(w, "-") && w[0] != '-' {
		return "!HYPHEN"
	}
	if len(w) == 4 && isDigits(w) {
		return "!YEAR"
	}
	if w[0] >= '0' && w[0] <= '9' {
		return "!DIGITS"
	}
	return strings.ToLower(w)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	_, err := strconv.Atoi(s)
	return err == nil
}

// tagText is the form the model was trained on: PTB quotes and brackets.
func tagText(w string) string {
	switch w {
	case "“", "‘":
		return "``"
	case "”", "’":
		return "''"
	case "—", "–":
		return "--"
	}
	return w
}

// Tag returns one tag per word. words are token texts as in the sentence.
func (t *Tagger) Tag(words []string) []string {
	n := len(words)
	tags := make([]string, n)
	ctx := make([]string, n+4)
	ctx[0], ctx[1] = "-START-", "-START2-"
	raw := make([]string, n)
	quoteOpen := false
	for i, w := range words {
		w = tagText(w)
		if w == `"` { // straight quotes: alternate opening and closing
			if quoteOpen {
				w = "''"
			} else {
				w = "``"
			}
			quoteOpen = !quoteOpen
		}
		raw[i] = w
		ctx[i+2] = normalize(w)
	}
	ctx[n+2], ctx[n+3] = "-END-", "-END2-"
	nc := len(t.classes)
	scores := make([]float32, nc)
	buf := make([]byte, 0, 64)
	p1, p2 := "-START-", "-START2-"
	for i := 0; i < n; i++ {
		w := raw[i]
		var tag string
		if w == "-" {
			tag = ":"
		} else if tg, ok := t.tagMap[w]; ok {
			tag = tg
		} else {
			for k := range scores {
				scores[k] = 0
			}
			c := i + 2
			suf := w
			if len(w) > 3 {
				suf = w[len(w)-3:]
			}
			prev, next := ctx[c-1], ctx[c+1]
			if len(prev) > 3 {
				prev = prev[len(prev)-3:]
			}
			if len(next) > 3 {
				next = next[len(next)-3:]
			}
			add := func(parts ...string) {
				buf = buf[:0]
				for j, p := range parts {
					if j > 0 {
						buf = append(buf, ' ')
					}
					buf = append(buf, p...)
				}
				if row, ok := t.feats[string(buf)]; ok {
					ws := t.weights[int(row)*nc : int(row)*nc+nc]
					for k, x := range ws {
						scores[k] += x
					}
				}
			}
			add("bias")
			add("i suffix", suf)
			add("i pref1", w[:1])
			add("i-1 tag", p1)
			add("i-2 tag", p2)
			add("i tag+i-2 tag", p1, p2)
			add("i word", ctx[c])
			add("i-1 tag+i word", p1, ctx[c])
			add("i-1 word", ctx[c-1])
			add("i-1 suffix", prev)
			add("i-2 word", ctx[c-2])
			add("i+1 word", ctx[c+1])
			add("i+1 suffix", next)
			add("i+2 word", ctx[c+2])
			best := 0
			for k := 1; k < nc; k++ {
				if scores[k] > scores[best] {
					best = k
				}
			}
			tag = t.classes[best]
		}
		tags[i] = tag
		p2, p1 = p1, tag
	}
	return tags
}
