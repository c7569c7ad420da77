package meeting

import (
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/data"
)

func TestReadLexiconErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"noun\n", "m.tsv:1: want class<TAB>term"},
		{"# ok\nnoun\tsummit\tsummit\nwhatever\tx\ty\n", "m.tsv:3: unknown class \"whatever\""},
		{"noun\t \tsummit\n", "m.tsv:1: empty term"},
		{"verb\tmeet\ta|b|c|d|e\n", "m.tsv:1: verb value"},
	} {
		_, err := ReadLexicon("m.tsv", strings.NewReader(c.in), nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ReadLexicon(%q): %v, want %q", c.in, err, c.want)
		}
	}
}

func TestReadTopicsErrors(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"trade\n", "t.tsv:1: want topic<TAB>cues"},
		{"trade\ttrade\ntrade\texport\n", "t.tsv:2: topic \"trade\" listed twice"},
		{"trade\t | \n", "t.tsv:1: topic \"trade\" has no cue words"},
		{" \ttrade\n", "t.tsv:1: empty topic name"},
		{"# nothing\n", "t.tsv: no topics"},
	} {
		_, err := ReadTopics("t.tsv", strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ReadTopics(%q): %v, want %q", c.in, err, c.want)
		}
	}
}

// words makes tokens of a lower-case phrase, with a crude lemma (plural s dropped), enough for
// the topic matcher.
func words(s string) []dateline.Token {
	var out []dateline.Token
	for _, w := range strings.Fields(s) {
		out = append(out, dateline.Token{Text: w, Lemma: strings.TrimSuffix(strings.ToLower(w), "s"), Tag: "NN"})
	}
	return out
}

func TestTopicsOf(t *testing.T) {
	f, err := data.Files.Open("topics.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tp, err := ReadTopics("topics.tsv", f)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		want []string
	}{
		{"cooperation in trade , energy and the digital economy", []string{"trade", "energy", "digital economy and technology"}},
		{"medium and small-sized enterprises", []string{"small and medium enterprises"}},
		{"research and development of Vaccines", []string{"health and vaccines", "science"}},
		// "not" phrases: no security in social security, no trade in a trade union
		{"reform of social security", []string{}},
		{"the trade union called a strike", []string{}},
		{"a trade war over tariffs", []string{"trade"}},
	} {
		if got := tp.Of(words(c.text)); strings.Join(got, "|") != strings.Join(c.want, "|") {
			t.Errorf("Of(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestOrdinal(t *testing.T) {
	for w, want := range map[string]int{"25th": 25, "1st": 1, "22nd": 22, "3rd": 3, "second": 2, "Twelfth": 12,
		"twenty-fifth": 25, "thirtieth": 30, "25": 0, "th": 0, "fifth-largest": 0, "100000th": 0} {
		if got := ordinal(w); got != want {
			t.Errorf("ordinal(%q) = %d, want %d", w, got, want)
		}
	}
}

// FuzzRead: the readers of user-suppliable knowledge files never panic.
func FuzzRead(f *testing.F) {
	f.Add("noun\tsummit\tsummit\nverb\tmeet\tmeeting|host|guest|telephone\n")
	f.Add("trade\ttrade|export\tsocial security\tscope\n")
	f.Add("\t\t\t\n#\n\x00")
	f.Fuzz(func(t *testing.T, in string) {
		if l, err := ReadLexicon("f", strings.NewReader(in), func(s string) []string { return []string{s, s + "s"} }); err == nil {
			toks := words(in)
			for i := range toks {
				low := make([]string, len(toks))
				for k := range toks {
					low[k] = strings.ToLower(toks[k].Text)
				}
				l.at(clNoun, toks, low, i)
				l.ending(clFuturePrep, toks, low, i)
			}
		}
		if tp, err := ReadTopics("f", strings.NewReader(in)); err == nil {
			tp.Of(words(in))
		}
	})
}
