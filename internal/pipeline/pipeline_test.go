package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dateline-news/dateline"
)

var (
	loadOnce sync.Once
	shared   *Pipeline
	loadErr  error
)

func testPipeline(t testing.TB) *Pipeline {
	loadOnce.Do(func() { shared, loadErr = Load(Options{}) })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	return shared
}

func seedDoc(t *testing.T) *dateline.Document {
	b, err := os.ReadFile("../../data/sample/seed-china-russia-heads-of-government.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := testPipeline(t).Code(dateline.RawDoc{ID: "seed", Text: string(b)})
	if os.Getenv("DATELINE_DEBUG") != "" {
		out, _ := json.MarshalIndent(d, "", " ")
		os.WriteFile(os.TempDir()+"/seed.json", out, 0o644)
	}
	return d
}

func actorNamed(d *dateline.Document, name string) *dateline.Actor {
	for i := range d.Actors {
		if d.Actors[i].Name == name {
			return &d.Actors[i]
		}
	}
	return nil
}

func TestSeedArticle(t *testing.T) {
	d := seedDoc(t)
	if d.Dateline.Place != "Beijing" || d.Dateline.Country != "CHN" || d.Dateline.Agency != "Xinhua" {
		t.Errorf("dateline = %+v", d.Dateline)
	}
	if d.Date != "2020-12-02" || d.DateSource != "dateline" || d.Published != "2020-12-03" {
		t.Errorf("date %s from %s, published %s", d.Date, d.DateSource, d.Published)
	}
	for _, e := range d.Events {
		if e.Date != "2020-12-02" {
			t.Errorf("event dated %s: %s", e.Date, e.Sentence)
		}
		if e.QuadClass >= 3 {
			t.Errorf("conflict event in a cooperative article: %s %s", e.Cameo, e.Trigger)
		}
		if e.Sentence == "" || e.Span[1] <= e.Span[0] || e.Rule == "" {
			t.Errorf("event without evidence: %+v", e)
		}
	}
}

func TestSeedActors(t *testing.T) {
	d := seedDoc(t)
	want := map[string]struct {
		code     string
		mentions []string
	}{
		"Li Keqiang":        {"CHNGOV", []string{"Li", "the premier"}},
		"Mikhail Mishustin": {"RUSGOV", []string{"Mishustin", "his Russian counterpart"}},
		"China":             {"CHN", nil},
		"Russia":            {"RUS", nil},
		"United Nations":    {"IGOUNO", nil},
	}
	for name, w := range want {
		a := actorNamed(d, name)
		if a == nil {
			t.Errorf("no actor %s", name)
			continue
		}
		if a.Code != w.code {
			t.Errorf("%s coded %s, want %s", name, a.Code, w.code)
		}
		have := map[string]bool{}
		for _, m := range a.Mentions {
			have[strings.ToLower(m.Text)] = true
			if d.Article.Body[m.Span[0]:m.Span[1]] != m.Text && !strings.Contains(m.Text, " ") {
				t.Errorf("mention %q span %v points at %q", m.Text, m.Span, d.Article.Body[m.Span[0]:m.Span[1]])
			}
		}
		for _, m := range w.mentions {
			if !have[strings.ToLower(m)] {
				t.Errorf("%s: mention %q not linked (have %v)", name, m, have)
			}
		}
	}
	for _, a := range d.Actors {
		if a.Name == "Xinhua" && (a.Type == "place" || a.Type == "country") {
			t.Error("Xinhua is a news agency, not a place")
		}
		if strings.Contains(a.Name, "Russia China") || strings.Contains(a.Name, "Russia-China") {
			t.Errorf("merged actor %q", a.Name)
		}
	}
}

func hasEvent(d *dateline.Document, src, root, tgt, evidence string) bool {
	for _, e := range d.Events {
		if !e.Counted() || !strings.HasPrefix(e.Cameo, root) || !strings.Contains(e.Sentence, evidence) {
			continue
		}
		if sides(e.Source, e.Target, src, tgt) || e.Mutual && sides(e.Target, e.Source, src, tgt) {
			return true
		}
	}
	return false
}

func TestSeedEvents(t *testing.T) {
	d := seedDoc(t)
	for _, c := range []struct{ src, root, tgt, evidence string }{
		{"CHNGOV", "03", "RUS", "expressed to Russia China's willingness"},
		{"CHNGOV", "04", "RUSGOV", "co-chaired the 25th regular meeting"},
		{"CHN", "03", "RUS", "China is willing to work with Russia"},
		{"RUSGOV", "051", "CHN", "Mishustin congratulated China"},
		{"RUS", "03", "CHN", "Russia is willing to accelerate space cooperation"},
		{"CHNGOV", "057", "RUSGOV", "announced the passage of a joint communique"},
		{"RUSGOV", "057", "CHNGOV", "announced the passage of a joint communique"},
	} {
		if !hasEvent(d, c.src, c.root, c.tgt, c.evidence) {
			t.Errorf("missing %s -%s-> %s: %q", c.src, c.root, c.tgt, c.evidence)
		}
	}
	for _, e := range d.Events {
		if strings.HasPrefix(e.Cameo, "19") || strings.HasPrefix(e.Cameo, "18") {
			t.Errorf("armed conflict coded from %q", e.Trigger)
		}
	}
}

func TestRunKeepsOrderAndIsDeterministic(t *testing.T) {
	p := testPipeline(t)
	texts := []string{
		"BEIJING, Dec. 2 (Xinhua) -- China and Russia signed an agreement on energy cooperation.",
		"MOSCOW, March 3 (AFP) -- Russian troops shelled Ukrainian positions, Kiev said.",
		"WASHINGTON (Reuters) - The United States imposed sanctions on Iran on Tuesday.",
	}
	run := func() []string {
		in := make(chan dateline.RawDoc, 30)
		for i := 0; i < 30; i++ {
			in <- dateline.RawDoc{ID: string(rune('a' + i)), Text: texts[i%3], Published: "2021-03-04"}
		}
		close(in)
		var out []string
		err := p.Run(context.Background(), in, 4, func(d *dateline.Document) error {
			b, _ := json.Marshal(d)
			out = append(out, d.ID+" "+string(b))
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	a, b := run(), run()
	if len(a) != 30 {
		t.Fatalf("got %d documents", len(a))
	}
	for i := range a {
		if !strings.HasPrefix(a[i], string(rune('a'+i))+" ") {
			t.Fatalf("output out of order at %d: %.20s", i, a[i])
		}
		if a[i] != b[i] {
			t.Fatalf("output differs between runs at %d", i)
		}
	}
}

// TestNullPatterns: a user's pattern coded 000 says its words are no event; it beats the
// shorter patterns it contains and starts no event inside it.
func TestNullPatterns(t *testing.T) {
	story := "Japan's coach praised South Korea for its late goal on Monday."
	if d := testPipeline(t).Code(dateline.RawDoc{ID: "n1", Text: story}); len(d.Events) == 0 {
		t.Fatalf("without the null pattern %q codes nothing: the test cannot tell", story)
	}
	dict := filepath.Join(t.TempDir(), "verbs-sport.txt")
	if err := os.WriteFile(dict, []byte("# kind: verbs\n000\t{praise|hail} $ for * {goal|win|victory}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Load(Options{Dicts: []string{dict}})
	if err != nil {
		t.Fatal(err)
	}
	if d := p.Code(dateline.RawDoc{ID: "n2", Text: story}); len(d.Events) != 0 {
		t.Errorf("with the null pattern: %d events, first %s %q", len(d.Events), d.Events[0].Cameo, d.Events[0].Trigger)
	}
}
