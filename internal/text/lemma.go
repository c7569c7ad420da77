package text

import (
	"bufio"
	"fmt"
	"io/fs"
	"strings"
)

// Lemmatizer maps inflected words to their base forms: verbs through a table of irregular forms
// and a set of known base verbs (those of the event patterns), nouns through English plural rules.
type Lemmatizer struct {
	irregular map[string]string // inflected form → base
	known     map[string]bool   // base verbs the rules may restore ("hoped" → "hope" only if "hope" is known)
	Forms     map[string][]string
}

var irregularPlurals = map[string]string{
	"men": "man", "women": "woman", "people": "people", "children": "child", "countries": "country",
	"allies": "ally", "parties": "party", "authorities": "authority", "militias": "militia",
	"chiefs": "chief", "thieves": "thief", "lives": "life", "wives": "wife", "leaves": "leave",
	"data": "data", "media": "media", "news": "news", "talks": "talks", "arms": "arms", "police": "police",
	"forces": "force", "troops": "troops", "relations": "relations", "ties": "tie", "series": "series",
	"crises": "crisis", "analyses": "analysis", "bases": "base", "headquarters": "headquarters",
	"embargoes": "embargo", "vetoes": "veto", "heroes": "hero", "torpedoes": "torpedo", "cargoes": "cargo",
	"volcanoes": "volcano", "tornadoes": "tornado",
}

// NewLemmatizer reads irregular verb forms from a TSV file in fsys (base, past, participle).
func NewLemmatizer(fsys fs.FS, path string) (*Lemmatizer, error) {
	f, err := fsys.Open(path)
	if err != nil {
		return nil, fmt.Errorf("lemmatizer: %w", err)
	}
	defer f.Close()
	l := &Lemmatizer{irregular: map[string]string{}, known: map[string]bool{}, Forms: map[string][]string{}}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if s == "" || s[0] == '#' {
			continue
		}
		cols := strings.Split(s, "\t")
		if len(cols) != 3 {
			return nil, fmt.Errorf("%s:%d: want 3 tab-separated columns, got %d", path, line, len(cols))
		}
		base := cols[0]
		l.known[base] = true
		for _, c := range cols[1:] {
			for _, form := range strings.Split(c, "|") {
				if form != "" && form != base {
					if _, dup := l.irregular[form]; !dup {
						l.irregular[form] = base
					}
					l.Forms[base] = appendUnique(l.Forms[base], form)
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	for _, b := range []string{"is", "are", "am", "'s", "'re", "'m"} {
		l.irregular[b] = "be"
	}
	l.irregular["has"], l.irregular["does"] = "have", "do"
	return l, nil
}

func appendUnique(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// Know adds base verbs that suffix rules may restore.
func (l *Lemmatizer) Know(bases ...string) {
	for _, b := range bases {
		l.known[b] = true
	}
}

// Lemma returns the lower-case base form of word given its Penn Treebank tag.
func (l *Lemmatizer) Lemma(word, tag string) string {
	w := strings.ToLower(word)
	w = strings.ReplaceAll(w, "’", "'")
	switch {
	case strings.HasPrefix(tag, "VB") || tag == "MD":
		if b, ok := l.irregular[w]; ok {
			return b
		}
		switch tag {
		case "VBZ":
			return l.verbStem(w, "s")
		case "VBD", "VBN":
			return l.verbStem(w, "ed")
		case "VBG":
			return l.verbStem(w, "ing")
		}
		return w
	case tag == "NNS" || tag == "NNPS":
		return Singular(w)
	case w == "n't":
		return "not"
	}
	return w
}

// VerbLemma guesses the base of a word that may be a verb form, whatever its tag (nouns like
// "talks" and "visits" are trigger words too).
func (l *Lemmatizer) VerbLemma(w string) string {
	w = strings.ToLower(w)
	if b, ok := l.irregular[w]; ok {
		return b
	}
	switch {
	case strings.HasSuffix(w, "ing"):
		return l.verbStem(w, "ing")
	case strings.HasSuffix(w, "ed"):
		return l.verbStem(w, "ed")
	case strings.HasSuffix(w, "s"):
		return l.verbStem(w, "s")
	}
	return w
}

func (l *Lemmatizer) verbStem(w, suf string) string {
	if !strings.HasSuffix(w, suf) || len(w) <= len(suf)+1 {
		return w
	}
	stem := w[:len(w)-len(suf)]
	switch suf {
	case "s":
		switch {
		case strings.HasSuffix(w, "ies") && len(w) > 4:
			return w[:len(w)-3] + "y"
		case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"),
			strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zzes"):
			return w[:len(w)-2]
		case strings.HasSuffix(w, "oes") && l.known[w[:len(w)-2]]:
			return w[:len(w)-2]
		case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
			return w
		}
		return stem
	case "ed":
		if strings.HasSuffix(w, "ied") && len(w) > 4 {
			return w[:len(w)-3] + "y"
		}
		if strings.HasSuffix(w, "eed") && l.known[w[:len(w)-1]] { // agreed → agree
			return w[:len(w)-1]
		}
	}
	// ing / ed
	if l.known[stem] {
		return stem
	}
	if l.known[stem+"e"] {
		return stem + "e"
	}
	if n := len(stem); n > 2 && stem[n-1] == stem[n-2] && strings.IndexByte("bdgklmnprtz", stem[n-1]) >= 0 {
		if l.known[stem[:n-1]] || !strings.HasSuffix(stem, "ll") && !strings.HasSuffix(stem, "ss") {
			return stem[:n-1]
		}
	}
	if strings.HasSuffix(stem, "e") || strings.HasSuffix(stem, "ee") {
		return stem
	}
	// Without a known base, restore a final e after a consonant cluster that needs one
	// ("releas" → "release", "forc" → "force", "serv" → "serve").
	n := len(stem)
	if n >= 3 {
		last, prev := stem[n-1], stem[n-2]
		if strings.IndexByte("cvzg", last) >= 0 && !isVowel(prev) && last != 'g' ||
			last == 'v' || last == 'z' && isVowel(prev) ||
			last == 's' && isVowel(prev) && prev != 'u' && !strings.HasSuffix(stem, "ss") ||
			last == 'c' && isVowel(prev) {
			return stem + "e"
		}
	}
	return stem
}

func isVowel(b byte) bool { return strings.IndexByte("aeiou", b) >= 0 }

// Singular returns the singular of a lower-case English plural noun.
func Singular(w string) string {
	if s, ok := irregularPlurals[w]; ok {
		return s
	}
	switch {
	case len(w) <= 3:
		return w
	case strings.HasSuffix(w, "ies"):
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"), strings.HasSuffix(w, "xes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// Inflect returns the forms of a base verb or noun that news text may use: the base, third person
// -s, past, participles, -ing and a plural. Over-generation is harmless: forms are only compared
// with words in a sentence.
func (l *Lemmatizer) Inflect(base string) []string {
	out := []string{base}
	add := func(f string) { out = appendUnique(out, f) }
	for _, f := range l.Forms[base] {
		add(f)
	}
	n := len(base)
	if n == 0 {
		return out
	}
	last := base[n-1]
	switch {
	case strings.HasSuffix(base, "y") && n > 1 && !isVowel(base[n-2]):
		add(base[:n-1] + "ies")
		add(base[:n-1] + "ied")
		add(base + "ing")
	case last == 'e':
		add(base + "s")
		add(base + "d")
		if strings.HasSuffix(base, "ee") {
			add(base + "ing")
		} else {
			add(base[:n-1] + "ing")
		}
	default:
		if strings.HasSuffix(base, "s") || strings.HasSuffix(base, "sh") || strings.HasSuffix(base, "ch") ||
			strings.HasSuffix(base, "x") || strings.HasSuffix(base, "z") || strings.HasSuffix(base, "o") {
			add(base + "es")
		} else {
			add(base + "s")
		}
		add(base + "ed")
		add(base + "ing")
		// A short final syllable may double its consonant ("stop" → "stopped", "commit" → "committed").
		if n >= 3 && !isVowel(last) && isVowel(base[n-2]) && !isVowel(base[n-3]) && strings.IndexByte("wxy", last) < 0 {
			add(base + string(last) + "ed")
			add(base + string(last) + "ing")
		}
	}
	return out
}
