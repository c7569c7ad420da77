package story

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// word is one token of an article's text as the story stage sees it: lower-cased, with
// whether it was written with a capital inside a sentence (a name, most likely) and whether it
// opens a sentence.
type word struct {
	text    string
	cap     bool // capitalised and not the first word of a sentence
	first   bool // first word of a sentence (its capital says nothing)
	number  bool
	inTitle bool
}

// words splits text into words: runs of letters and digits, with inner apostrophes dropped
// ("Reid's" → "reids" would lose the name, so the possessive 's is cut) and decimal points
// kept inside numbers ("6.1"). Line breaks and . ! ? end sentences. It never fails.
func words(text string, inTitle bool, out []word) []word {
	first := true
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			if r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' || r == ';' {
				first = true
			}
			i += n
			continue
		}
		start := i
		capital := unicode.IsUpper(r)
		digits := unicode.IsDigit(r)
		var b strings.Builder
	scan:
		for i < len(text) {
			r, n = utf8.DecodeRuneInString(text[i:])
			switch {
			case isWordRune(r):
				b.WriteRune(unicode.ToLower(r))
				i += n
			case (r == '.' || r == ',') && digits && i > start && isDigit(text[i-1]) && i+n < len(text) && isDigit(text[i+n]):
				// 6.1, 1,000: one number
				b.WriteByte(byte(r))
				i += n
			case (r == '\'' || r == '’') && i+n < len(text) && isWordByte(text[i+n]):
				rest := text[i+n:]
				if (rest[0] == 's' || rest[0] == 'S') && (len(rest) == 1 || !isWordByte(rest[1])) {
					// "Reid's": the possessive marks a name but is not part of it.
					i += n + 1
					break scan
				}
				i += n // "don't" → "dont"
			default:
				break scan
			}
		}
		w := b.String()
		if w == "" {
			continue
		}
		out = append(out, word{text: w, cap: capital && !first, first: first, number: digits, inTitle: inTitle})
		first = false
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
func isDigit(b byte) bool    { return b >= '0' && b <= '9' }
func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b >= 0x80
}

// stem reduces English plurals so that "sanction" and "sanctions" count as one term. It is
// deliberately light: a stronger stemmer conflates names ("Reid" and "Reider" should differ).
func stem(w string) string {
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "ies"):
		return w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "sses"):
		return w[:n-2]
	case n > 3 && w[n-1] == 's' && w[n-2] != 's' && w[n-2] != 'u' && w[n-2] != 'i':
		return w[:n-1]
	}
	return w
}

// stopwords are English function words and the commonest newswire words, which say nothing
// about which event a story reports. The list is general English, not fitted to any corpus.
var stopwords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against ago all almost also although always am among an and
	another any anyone anything are around as at away back be became because become been before being below
	between both but by came can cannot could did do does doing done down during each either else enough even
	ever every few first for former from further get gets getting got had has have having he her here hers
	herself him himself his how however i if in including into is it its itself just last later least less
	like made make many may me might more most much must my myself near nearly neither never new next no nor
	not now of off often on once one only or other others our ours ourselves out over own per perhaps put
	rather really said same say says see seen several shall she should since so some something still such
	than that the their theirs them themselves then there these they this those though three through thus
	to today told too took toward two under until up upon us use used very via was we well were what when
	where whether which while who whom whose why will with within without would yes yet you your yours
	yourself yourselves mr mrs ms dr st week weeks
	year years day days month months time times according reported reports report told news people going
	told tell take takes taken way ways part don didn doesn isn wasn weren hasn haven hadn won wouldn couldn
	shouldn also the its it's am pm`) {
		m[w] = true
	}
	return m
}()

// shingles returns the hashes of the article text's k-word shingles, in text order, with
// repeats. Every word counts (function words included): near-duplicate detection is about
// copied wording, not content.
func shingles(text string, k int) []uint64 {
	ws := words(text, false, nil)
	if len(ws) == 0 {
		return nil
	}
	if len(ws) < k {
		k = len(ws)
	}
	hs := make([]uint64, len(ws))
	for i, w := range ws {
		hs[i] = hashString(w.text)
	}
	out := make([]uint64, 0, len(ws)-k+1)
	for i := 0; i+k <= len(ws); i++ {
		h := uint64(k)
		for _, x := range hs[i : i+k] {
			h = mix64(h*0x9e3779b97f4a7c15 ^ x)
		}
		out = append(out, h)
	}
	return out
}

// hashString is FNV-1a, 64 bits: stable across runs and machines, unlike hash/maphash, so that
// signatures and profiles kept in the store stay valid.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix64 is SplitMix64's finaliser: a cheap bijection that spreads every input bit over the
// output, so that a hash combined with a seed behaves as an independent hash function.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
