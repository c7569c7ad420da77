package text

import (
	"os"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/data"
)

func words(s string) []string {
	var out []string
	for _, t := range Tokenize(s, 0, len(s)) {
		if s[t.Start:t.End] != t.Text {
			panic("offsets do not point at the token")
		}
		out = append(out, t.Text)
	}
	return out
}

func TestTokenize(t *testing.T) {
	cases := map[string]string{
		"Li Keqiang on Wednesday expressed to Russia China's willingness.": "Li|Keqiang|on|Wednesday|expressed|to|Russia|China|'s|willingness|.",
		"The U.S. and U.N. officials met Dec. 2 in Washington.":            "The|U.S.|and|U.N.|officials|met|Dec.|2|in|Washington|.",
		"Arrivals were 155,221 bags of 60 kilos, up 5.93 pct.":             "Arrivals|were|155,221|bags|of|60|kilos|,|up|5.93|pct|.",
		"two-way opening-up and Russia-China relations":                    "two-way|opening-up|and|Russia-China|relations",
		`"China is willing," said Li.`:                                     `"|China|is|willing|,|"|said|Li|.`,
		"He didn't sign -- and won't.":                                     "He|did|n't|sign|--|and|wo|n't|.",
		"Mikhail S. Gorbachev (the Soviet leader) spoke.":                  "Mikhail|S.|Gorbachev|(|the|Soviet|leader|)|spoke|.",
		"the two countries' leaders":                                       "the|two|countries|'|leaders",
		"Chang'e-5 landed":                                                 "Chang'e-5|landed",
		"costs $1.5 billion, 20% more":                                     "costs|$1.5|billion|,|20%|more",
	}
	for in, want := range cases {
		if got := strings.Join(words(in), "|"); got != want {
			t.Errorf("%q:\n got %s\nwant %s", in, got, want)
		}
	}
}

func analyzer(t testing.TB) *Analyzer {
	tg, err := DefaultTagger()
	if err != nil {
		t.Fatal(err)
	}
	lem, err := NewLemmatizer(data.Files, "irregular.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lem.Know("sign", "release", "agree", "hope", "visit", "commit", "meet")
	return &Analyzer{Tagger: tg, Lemma: lem}
}

func TestSentences(t *testing.T) {
	a := analyzer(t)
	cases := []struct {
		in   string
		want int
	}{
		{"Gen. Smith met Mr. Jones on Dec. 2. They talked.", 2},
		{"The U.S. President spoke. He left.", 2},
		{"Prices rose in the U.S. The dollar fell.", 2},
		{"Troops arrived in the U.S. capital on Monday.", 1},
		{`"We will not yield," he said. "Never."`, 2},
		{"Shares of Acme Inc. rose 5 pct. Analysts were surprised.", 2},
		{"The rate was 5.5 pct in\nthe week ended February 22, officials\nsaid. Arrivals rose.", 2},
		{"Mikhail S. Gorbachev arrived. Talks began.", 2},
		{"Is it over? Nobody knows!", 2},
	}
	for _, c := range cases {
		got := a.Sentences(c.in, [][2]int{{0, len(c.in)}}, 0)
		if len(got) != c.want {
			var ss []string
			for _, s := range got {
				ss = append(ss, s.Text)
			}
			t.Errorf("%q: %d sentences %q, want %d", c.in, len(got), ss, c.want)
		}
		for _, s := range got {
			if strings.Contains(s.Text, "\n") {
				t.Errorf("hard line breaks must be flattened: %q", s.Text)
			}
		}
	}
}

func TestLemmas(t *testing.T) {
	a := analyzer(t)
	s := "China and Russia signed agreements, met officials, released prisoners and were hoping for talks."
	got := map[string]string{}
	for _, sent := range a.Sentences(s, [][2]int{{0, len(s)}}, 0) {
		for _, tok := range sent.Tokens {
			got[tok.Text] = tok.Lemma
		}
	}
	want := map[string]string{"signed": "sign", "agreements": "agreement", "met": "meet", "released": "release",
		"prisoners": "prisoner", "were": "be", "hoping": "hope", "talks": "talks"}
	for w, l := range want {
		if got[w] != l {
			t.Errorf("lemma(%s) = %q, want %q", w, got[w], l)
		}
	}
}

func TestInflect(t *testing.T) {
	lem, err := NewLemmatizer(data.Files, "irregular.tsv")
	if err != nil {
		t.Fatal(err)
	}
	for base, forms := range map[string]string{"sign": "signs signed signing", "meet": "met meets meeting",
		"commit": "committed commits", "agree": "agreed agrees agreeing", "urge": "urged urges urging",
		"carry": "carries carried", "seize": "seized seizes"} {
		got := " " + strings.Join(lem.Inflect(base), " ") + " "
		for _, f := range strings.Fields(forms) {
			if !strings.Contains(got, " "+f+" ") {
				t.Errorf("Inflect(%s) = %s, missing %s", base, got, f)
			}
		}
	}
}

func BenchmarkSentences(b *testing.B) {
	a := analyzer(b)
	body, err := os.ReadFile("../../data/sample/seed-china-russia-heads-of-government.txt")
	if err != nil {
		b.Skip(err)
	}
	s := string(body)
	paras := [][2]int{{0, len(s)}}
	b.SetBytes(int64(len(s)))
	n := 0
	for i := 0; i < b.N; i++ {
		n += len(a.Sentences(s, paras, 0))
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "sentences/s")
}

func TestNameParticles(t *testing.T) {
	a := analyzer(t)
	s := "Sheikh Hamad bin Khalifa met Osama bin Laden's envoy, and the bin was empty."
	var tags []string
	for _, sent := range a.Sentences(s, [][2]int{{0, len(s)}}, 0) {
		for _, tok := range sent.Tokens {
			if tok.Text == "bin" {
				tags = append(tags, tok.Tag)
			}
		}
	}
	if len(tags) != 3 || tags[0] != "NNP" || tags[1] != "NNP" || tags[2] == "NNP" {
		t.Errorf("tags of bin = %v, want NNP inside the two names and not in \"the bin was\"", tags)
	}
}

func TestSingularOfOPlurals(t *testing.T) {
	for w, want := range map[string]string{"embargoes": "embargo", "vetoes": "veto", "shoes": "shoe", "sanctions": "sanction"} {
		if got := Singular(w); got != want {
			t.Errorf("Singular(%q) = %q, want %q", w, got, want)
		}
	}
}
