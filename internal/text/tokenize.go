package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// abbreviations that keep their final period as part of the token. Lower-case keys, without the
// final period. Single letters ("S." in "Mikhail S. Gorbachev") and dotted acronyms ("U.S.",
// "U.N.") are recognised by shape, not listed.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true,
	"col": true, "maj": true, "capt": true, "cmdr": true, "adm": true, "sgt": true, "cpl": true,
	"pvt": true, "gov": true, "sen": true, "rep": true, "rev": true, "hon": true, "pres": true,
	"sr": true, "jr": true, "st": true, "mt": true, "ft": true, "messrs": true, "amb": true,
	"supt": true, "insp": true, "det": true, "brig": true, "gens": true, "sens": true, "reps": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"inc": true, "corp": true, "ltd": true, "co": true, "bros": true, "plc": true, "cos": true,
	"no": true, "nos": true, "vs": true, "etc": true, "approx": true, "dept": true, "est": true,
	"ave": true, "blvd": true, "rd": true, "calif": true, "mass": true, "conn": true, "fla": true,
	"ill": true, "ind": true, "kan": true, "md": true, "mich": true, "minn": true, "mo": true,
	"neb": true, "nev": true, "okla": true, "ore": true, "pa": true, "tenn": true, "tex": true,
	"va": true, "wash": true, "wis": true, "ariz": true, "colo": true, "del": true, "ga": true,
	"ky": true, "la": true, "miss": true, "wyo": true, "ala": true, "ark": true,
}

// titleAbbreviations never end a sentence: they always precede a name or a number.
var titleAbbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "gen": true, "lt": true,
	"col": true, "maj": true, "capt": true, "cmdr": true, "adm": true, "sgt": true, "gov": true,
	"sen": true, "rep": true, "rev": true, "hon": true, "st": true, "mt": true, "no": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "brig": true, "amb": true,
	"messrs": true, "supt": true, "insp": true, "det": true, "pres": true, "vs": true,
}

// Tokenize splits body[start:end] into Penn-Treebank-style tokens with byte offsets into body:
// punctuation apart, clitics apart ("China's" → "China" "'s", "don't" → "do" "n't"), hyphenated
// words and numbers ("two-way", "155,221", "5.93") whole, abbreviations with their period.
func Tokenize(body string, start, end int) []dateline.Token {
	toks := make([]dateline.Token, 0, (end-start)/5+4)
	i := start
	for i < end {
		r, n := utf8.DecodeRuneInString(body[i:end])
		switch {
		case unicode.IsSpace(r):
			i += n
		case isWordRune(r):
			j := scanWord(body, i, end)
			toks = appendWord(toks, body, i, j)
			i = j
		case r == '-' || r == '—' || r == '–':
			j := i + n
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(body[j:end])
				if r2 != '-' && r2 != '—' && r2 != '–' {
					break
				}
				j += n2
			}
			toks = append(toks, tok(body, i, j))
			i = j
		case r == '.':
			j := i + 1
			for j < end && body[j] == '.' {
				j++
			}
			toks = append(toks, tok(body, i, j))
			i = j
		case r == '\'' || r == '’' || r == '‘':
			// A leading apostrophe: a clitic glued to the previous word ("'s" after a
			// quote-free word is handled in scanWord) or an opening/closing single quote.
			j := i + n
			if j < end {
				if w := scanWord(body, j, end); w > j {
					low := strings.ToLower(body[j:w])
					if low == "s" || low == "re" || low == "ve" || low == "ll" || low == "d" || low == "m" {
						toks = append(toks, tok(body, i, w))
						i = w
						continue
					}
				}
			}
			toks = append(toks, tok(body, i, j))
			i = j
		default:
			toks = append(toks, tok(body, i, i+n))
			i += n
		}
	}
	return toks
}

func tok(body string, s, e int) dateline.Token {
	return dateline.Token{Text: body[s:e], Start: s, End: e}
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '$' || r == '%' || r == '&' || r == '#' || r == '@'
}

// scanWord returns the end of the word starting at i: letters and digits, joined by internal
// periods, apostrophes, hyphens, commas between digits and slashes between digits.
func scanWord(body string, i, end int) int {
	j := i
	for j < end {
		r, n := utf8.DecodeRuneInString(body[j:end])
		if r == '$' || r == '%' {
			if j == i || r == '%' {
				j += n
				if r == '%' {
					return j
				}
				continue
			}
			return j
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&' || r == '#' || r == '@' || unicode.Is(unicode.Mn, r) {
			j += n
			continue
		}
		if j > i && j+n < end && (r == '.' || r == '\'' || r == '’' || r == '-' || r == ',' || r == '/' || r == ':') {
			next, _ := utf8.DecodeRuneInString(body[j+n : end])
			prev, _ := utf8.DecodeLastRuneInString(body[i:j])
			ok := false
			switch r {
			case '.':
				ok = unicode.IsLetter(next) || unicode.IsDigit(next)
				if ok && unicode.IsDigit(next) && !unicode.IsDigit(prev) {
					ok = false
				}
			case '\'', '’', '-':
				ok = unicode.IsLetter(next) || unicode.IsDigit(next)
			case ',', '/', ':':
				ok = unicode.IsDigit(prev) && unicode.IsDigit(next)
			}
			if ok {
				j += n
				continue
			}
		}
		if r == '.' && j > i && isAbbrevAt(body, i, j) {
			return j + 1
		}
		break
	}
	return j
}

// isAbbrevAt reports whether the word body[i:j] followed by a period keeps that period.
func isAbbrevAt(body string, i, j int) bool {
	w := body[i:j]
	if abbreviations[strings.ToLower(w)] {
		return true
	}
	// Single letters ("S."), and dotted acronyms whose last part is one letter ("U.S", "U.N").
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsLetter(r) {
		return true
	}
	if strings.Contains(w, ".") {
		last := w[strings.LastIndexByte(w, '.')+1:]
		if utf8.RuneCountInString(last) == 1 {
			return true
		}
	}
	return false
}

// appendWord appends the word body[s:e], splitting English clitics off its end.
func appendWord(toks []dateline.Token, body string, s, e int) []dateline.Token {
	w := body[s:e]
	low := strings.ToLower(w)
	// n't
	if strings.HasSuffix(low, "n't") || strings.HasSuffix(low, "n’t") {
		k := len(w) - len("n't")
		if strings.HasSuffix(low, "n’t") {
			k = len(w) - len("n’t")
		}
		if k > 0 {
			return append(toks, tok(body, s, s+k), tok(body, s+k, e))
		}
	}
	for _, suf := range [...]string{"'s", "’s", "'re", "’re", "'ve", "’ve", "'ll", "’ll", "'d", "’d", "'m", "’m"} {
		if strings.HasSuffix(low, suf) && len(w) > len(suf) {
			k := len(w) - len(suf)
			return append(toks, tok(body, s, s+k), tok(body, s+k, e))
		}
	}
	return append(toks, tok(body, s, e))
}

// Join writes tokens as text, one space between them: how stages quote a phrase or a trigger.
func Join(ts []dateline.Token) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}
