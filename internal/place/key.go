package place

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key normalises a place name for lookup, so that the spellings news and the gazetteer use for one
// name meet: lower case, accents folded ("São Paulo" → "sao paulo"), dots, apostrophes, commas
// and brackets dropped, hyphens as spaces ("Winston-Salem" → "winston salem"), the abbreviations
// of Saint, Sainte, Fort and Mount in one form ("St. Louis" = "Saint Louis" → "st louis") and a
// leading "the" dropped ("The Hague" → "hague"). The generator writes alternate names as keys,
// so the data file and the lookups always agree.
func Key(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true // at the start, or just wrote a space: drop further spaces
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
				space = false
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				b.WriteByte(c)
				space = false
			case c == '.' || c == '\'' || c == ',' || c == '(' || c == ')' || c == '"':
				// dropped: "N.Y." → "ny", "Xi'an" → "xian"
			default: // spaces, hyphens, slashes and other punctuation separate words
				if !space {
					b.WriteByte(' ')
					space = true
				}
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == '’' || r == '‘' || r == 'ʻ' || r == 'ʼ' || r == '`' {
			continue
		}
		if unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r) {
			if !space {
				b.WriteByte(' ')
				space = true
			}
			continue
		}
		if f, ok := foldSpecial[r]; ok {
			b.WriteString(f)
			space = false
			continue
		}
		// Decompose and keep the base letters: "é" → "e", "ñ" → "n".
		for _, d := range norm.NFD.String(string(r)) {
			if unicode.Is(unicode.Mn, d) {
				continue
			}
			b.WriteRune(unicode.ToLower(d))
			space = false
		}
	}
	k := strings.TrimSuffix(b.String(), " ")
	if !strings.Contains(k, " ") {
		return k
	}
	words := strings.Split(k, " ")
	changed := false
	for i, w := range words {
		if s, ok := synonyms[w]; ok {
			words[i] = s
			changed = true
		}
	}
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
		changed = true
	}
	if !changed {
		return k
	}
	return strings.Join(words, " ")
}

// foldSpecial holds letters that do not decompose into a base letter and a mark.
var foldSpecial = map[rune]string{
	'ß': "ss", 'ø': "o", 'Ø': "o", 'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'đ': "d", 'Đ': "d",
	'ł': "l", 'Ł': "l", 'ı': "i", 'þ': "th", 'Þ': "th", 'ð': "d", 'Ð': "d", 'ħ': "h", 'Ħ': "h",
}

// synonyms puts the abbreviated and spelled-out forms of common name words in one form. They
// apply only inside names of several words, so a town called "Mount" keeps its name.
var synonyms = map[string]string{
	"saint": "st", "sainte": "ste", "fort": "ft", "mount": "mt",
}
