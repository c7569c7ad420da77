package mention

import (
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/data"
	"github.com/dateline-news/dateline/internal/kb"
	"github.com/dateline-news/dateline/internal/text"
)

func TestPhrases(t *testing.T) {
	g, an := testAnalyzer(t)
	cases := []struct {
		sentence string
		want     []string // "kind:text" of each phrase, in order
	}{
		{"Chinese Premier Li Keqiang met his Russian counterpart Mikhail Mishustin.",
			[]string{"person:Chinese Premier Li Keqiang", "person:his Russian counterpart Mikhail Mishustin"}},
		{"He hailed the two countries' cooperation and Russia-China relations.",
			[]string{"pronoun:He", "pair:the two countries'", "country:Russia", "country:China"}},
		{"Kenyan police arrested 12 protesters in Nairobi, the U.N. said.",
			[]string{"group:Kenyan police", "group:protesters", "country:Nairobi", "org:the U.N."}},
		{"The republic of Slovenia defied the kingdom of Morocco and their forces.",
			[]string{"country:The republic of Slovenia", "country:the kingdom of Morocco", "group:their forces"}},
		{"The U.N. sent 21 military and civilian personnel to the Hungarian minority.",
			[]string{"org:The U.N.", "group:the Hungarian minority"}}, // "military" is an adjective here
		{"Let us hope talks resume in May, an official said.",
			[]string{"group:an official"}}, // "us" and "May" are no countries or names
		{"Vietnamese-led forces and U.S.-backed rebels clashed.",
			[]string{"group:Vietnamese-led forces", "group:U.S.-backed rebels"}},
	}
	for _, c := range cases {
		sents := an.Sentences(c.sentence, [][2]int{{0, len(c.sentence)}}, 0)
		if len(sents) != 1 {
			t.Fatalf("%q: %d sentences", c.sentence, len(sents))
		}
		var got []string
		for _, p := range g.Find(sents[0].Tokens) {
			if p.Kind == PhraseName {
				continue
			}
			got = append(got, p.Kind+":"+p.Text(c.sentence, sents[0].Tokens))
		}
		if strings.Join(got, " | ") != strings.Join(c.want, " | ") {
			t.Errorf("%q:\n got %v\nwant %v", c.sentence, got, c.want)
		}
	}
	_ = dateline.Token{}
}

func TestWaterBodiesAreNotCountries(t *testing.T) {
	g, an := testAnalyzer(t)
	for _, s := range []string{"Warships sailed into the South China Sea on Monday.",
		"Ships crossed the Sea of Japan.", "Tankers left the Arabian Gulf and the Gulf of Oman."} {
		sents := an.Sentences(s, [][2]int{{0, len(s)}}, 0)
		for _, p := range g.Find(sents[0].Tokens) {
			if p.Kind == PhraseCountry {
				t.Errorf("%q: %q found as a country inside a sea's name", s, p.Text(s, sents[0].Tokens))
			}
		}
	}
	s := "China and Japan met."
	sents := an.Sentences(s, [][2]int{{0, len(s)}}, 0)
	if n := len(g.Find(sents[0].Tokens)); n != 2 {
		t.Errorf("%q: %d phrases, want the two countries", s, n)
	}
}

// testAnalyzer loads the knowledge base's gazetteer and a text analyzer that splits hyphenated
// names as the pipeline does.
func testAnalyzer(t testing.TB) (*Gazetteer, *text.Analyzer) {
	t.Helper()
	k, err := kb.Load(data.Files)
	if err != nil {
		t.Fatal(err)
	}
	g := NewGazetteer(k)
	tg, err := text.DefaultTagger()
	if err != nil {
		t.Fatal(err)
	}
	lem, err := text.NewLemmatizer(data.Files, "irregular.tsv")
	if err != nil {
		t.Fatal(err)
	}
	return g, &text.Analyzer{Tagger: tg, Lemma: lem, SplitHyphen: g.IsNameCompound}
}

// checkPhrases compares the phrases found in sentence, written kind:text=country/agent (names
// left out), with want.
func checkPhrases(t *testing.T, g *Gazetteer, an *text.Analyzer, sentence string, want []string) {
	t.Helper()
	sents := an.Sentences(sentence, [][2]int{{0, len(sentence)}}, 0)
	var got []string
	for _, p := range g.Find(sents[0].Tokens) {
		if p.Kind == PhraseName {
			continue
		}
		got = append(got, p.Kind+":"+p.Text(sentence, sents[0].Tokens)+"="+p.Country+"/"+p.Agent)
	}
	if strings.Join(got, " | ") != strings.Join(want, " | ") {
		t.Errorf("%q:\n got %v\nwant %v", sentence, got, want)
	}
}
