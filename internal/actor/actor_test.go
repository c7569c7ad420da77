package actor

import (
	"strings"
	"sync"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/data"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/kb"
	"github.com/dateline-news/dateline/internal/mention"
	"github.com/dateline-news/dateline/internal/place"
	"github.com/dateline-news/dateline/internal/text"
)

var (
	once     sync.Once
	resolver *Resolver
	analyzer *text.Analyzer
	setupErr error
)

func setup(t testing.TB) (*Resolver, *text.Analyzer) {
	once.Do(func() {
		k, err := kb.Load(data.Files)
		if err != nil {
			setupErr = err
			return
		}
		tg, err := text.DefaultTagger()
		if err != nil {
			setupErr = err
			return
		}
		lem, err := text.NewLemmatizer(data.Files, "irregular.tsv")
		if err != nil {
			setupErr = err
			return
		}
		g := mention.NewGazetteer(k)
		places, err := place.Load(k.Countries, data.Files)
		if err != nil {
			setupErr = err
			return
		}
		resolver = &Resolver{Gaz: g, KB: k, Places: places}
		analyzer = &text.Analyzer{Tagger: tg, Lemma: lem, SplitHyphen: g.IsNameCompound}
	})
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	return resolver, analyzer
}

// resolve runs article, text and actor stages over a story published on pub.
func resolve(t *testing.T, story, pub string) (*Result, *dateline.Article) {
	r, an := setup(t)
	a := article.Parse(dateline.RawDoc{ID: "t", Text: story, Published: pub})
	for _, c := range r.KB.Countries { // the place stage's job in the pipeline
		if c.Capital != "" && strings.EqualFold(c.Capital, a.Dateline.Place) {
			a.Dateline.Country = c.ISO3
		}
	}
	sents := an.Sentences(a.Body, a.Paragraphs, article.TextStart(a))
	return r.Resolve(a, sents), a
}

// codeOf returns the code of the entity that the first mention with this text refers to.
func mentionCode(res *Result, a *dateline.Article, text string) []string {
	var out []string
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			if m.Text == text {
				out = append(out, e.Code()+":"+e.Name)
			}
		}
	}
	return out
}

func TestLinking(t *testing.T) {
	cases := []mentionCase{
		{"surname to full name", "BERLIN, March 2 (Reuters) - German Chancellor Angela Merkel arrived in Paris on Monday. Merkel said the talks went well.", "2015-03-03",
			"Merkel", "DEUGOV:Angela Merkel"},
		{"the chancellor", "BERLIN, March 2 (Reuters) - German Chancellor Angela Merkel arrived in Paris on Monday. The chancellor said the talks went well.", "2015-03-03",
			"The chancellor", "DEUGOV:Angela Merkel"},
		{"family name first", "BEIJING, Dec. 2 (Xinhua) -- Chinese Premier Li Keqiang met business leaders. Li said China would open wider.", "2020-12-03",
			"Li", "CHNGOV:Li Keqiang"},
		{"counterpart by nationality and office", "NEW DELHI, May 5 (Reuters) - Indian Prime Minister Narendra Modi spoke to his Pakistani counterpart on Tuesday.", "2015-05-06",
			"his Pakistani counterpart", "PAKGOV:Nawaz Sharif"},
		{"counterpart with a name", "MOSCOW, March 14 - Russian Foreign Minister Sergei Lavrov held talks with his Turkish counterpart Mevlut Cavusoglu.", "2019-03-15",
			"his Turkish counterpart Mevlut Cavusoglu", "TURGOV:Mevlut Cavusoglu"},
		{"pronoun: the subject before", "Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Monday. He said relations had never been better.", "2023-03-21",
			"He", "RUSGOV:Vladimir Putin"},
		{"pronoun: gender", "British Prime Minister Theresa May met French President Emmanuel Macron in London. She said the meeting was useful.", "2018-01-19",
			"She", "GBRGOV:Theresa May"},
		{"appositive gives country and title", "Mikhail Mishustin, Russia's prime minister, said on Wednesday the government would act.", "2020-12-03",
			"Mikhail Mishustin, Russia's prime minister", "RUSGOV:Mikhail Mishustin"},
		{"the Kremlin", "MOSCOW, March 2 (Reuters) - The Kremlin said on Monday it was ready for talks.", "2022-03-02",
			"The Kremlin", "RUSGOV:Russia"},
		{"capital as metonym", "WASHINGTON, Jan 5 (Reuters) - Beijing said on Tuesday it opposed the sale.", "2021-01-06",
			"Beijing", "CHNGOV:China"},
		{"police with the dateline's country", "NAIROBI, Nov 8 - Police arrested 12 protesters on Tuesday.", "2022-11-09",
			"Police", "KENCOP:Kenya police"},
		{"a court in a named country", "A court in Guyana has issued arrest warrants for two Brazilian men, officials said Wednesday.", "2008-08-06",
			"A court", "GUYJUD:Guyana court"},
		{"their minister is not the minister named before", "German Economics Minister Martin Bangemann said Bonn would act. British diplomats said their minister, Giles Shaw, disagreed.", "1987-03-01",
			"their minister", ""},
		{"two candidates for 'the president': decline", "U.S. President Barack Obama met French President Francois Hollande. The president said nothing.", "2014-02-11",
			"The president", ""},
	}
	runMentionCases(t, cases)
}

func TestPairAndNoFalseCountries(t *testing.T) {
	res, a := resolve(t, "BEIJING, Dec. 2 (Xinhua) -- China and Russia pledged to deepen ties. The two countries signed a trade deal in May. Let us hope, an official said.", "2020-12-03")
	found := false
	for si := range res.Refs {
		for _, r := range res.Refs[si] {
			if r.Kind == mention.PhrasePair {
				found = true
				var cs []string
				for _, e := range r.Entities {
					cs = append(cs, e.Country)
				}
				if strings.Join(cs, ",") != "CHN,RUS" {
					t.Errorf("the two countries → %v", cs)
				}
			}
		}
	}
	if !found {
		t.Error("no pair reference found")
	}
	for _, e := range res.Entities {
		for _, m := range e.Mentions {
			if m.Text == "us" || m.Text == "May" {
				t.Errorf("%q became actor %s", m.Text, e.Code())
			}
		}
		if e.Name == "Xinhua" && e.Code() != "CHNMED" {
			t.Errorf("Xinhua coded %s", e.Code())
		}
	}
	_ = a
}

func TestDateAwareResolution(t *testing.T) {
	story := "WASHINGTON, June 2 - The U.S. president met Mexican officials on Tuesday."
	for pub, want := range map[string]string{"2004-06-02": "George W. Bush", "2024-06-05": "Joe Biden"} {
		res, _ := resolve(t, story, pub)
		got := mentionCode(res, nil, "The U.S. president")
		if len(got) != 1 || !strings.HasSuffix(got[0], ":"+want) {
			t.Errorf("%s: the U.S. president → %v, want %s", pub, got, want)
		}
	}
}
