package story

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/article"
)

// Short wire stories written for these tests.
const (
	quakeText = `JAKARTA, March 3 (Reuters) - A magnitude 6.4 earthquake struck off the coast of Sulawesi on Tuesday, killing at least 12 people and damaging hundreds of homes in the town of Mamuju, Indonesia's disaster agency said.
    Rescue workers in Mamuju searched collapsed buildings through the night, agency spokesman Raditya Jati told reporters. Power was cut across much of West Sulawesi province.
    The quake struck at a depth of 10 km, the U.S. Geological Survey said. No tsunami warning was issued.`
	talksText = `GENEVA, March 3 (Reuters) - Negotiators from Armenia and Azerbaijan met in Geneva on Tuesday for a second round of talks on the disputed border, the Swiss foreign ministry said.
    The delegations, led by deputy foreign ministers Mher Grigoryan and Shahin Mustafayev, discussed the return of prisoners and the opening of transport links.
    A third round is planned for April in Brussels, a European Union official said.`
	strikeText = `PARIS, March 3 (AFP) - French rail workers walked out on Tuesday in a strike over pension reform, halting most high-speed trains between Paris and Lyon, the SNCF rail operator said.
    The CGT union said turnout was above 60 percent at depots in Marseille and Bordeaux. Commuters crowded onto buses in the capital.
    Transport Minister Clement Beaune called the strike irresponsible.`
)

func doc(id, title, text string) *dateline.Document {
	a := article.Parse(dateline.RawDoc{ID: id, Title: title, Text: text, Published: "2020-03-03"})
	return &dateline.Document{ID: id, Title: a.Title, Date: a.Date, Dateline: a.Dateline, Article: a}
}

func TestWords(t *testing.T) {
	got := words("Tara Reid's rep said. The 6.1 quake hit 1,000 homes; Police don't know", false, nil)
	var texts []string
	var caps []string
	for _, w := range got {
		texts = append(texts, w.text)
		if w.cap {
			caps = append(caps, w.text)
		}
	}
	want := []string{"tara", "reid", "rep", "said", "the", "6.1", "quake", "hit", "1,000", "homes", "police", "dont", "know"}
	if !slices.Equal(texts, want) {
		t.Errorf("words = %q, want %q", texts, want)
	}
	// "Tara", "The" and "Police" open sentences: their capitals say nothing.
	if !slices.Equal(caps, []string{"reid"}) {
		t.Errorf("names = %q, want [reid]", caps)
	}
}

func TestStem(t *testing.T) {
	for in, want := range map[string]string{"sanctions": "sanction", "countries": "country", "bus": "bus",
		"crisis": "crisis", "glass": "glass", "classes": "class", "is": "is"} {
		if got := stem(in); got != want {
			t.Errorf("stem(%q) = %q, want %q", in, got, want)
		}
	}
}

// setPair makes two shingle sets of sizes with the given Jaccard similarity.
func setPair(shared, onlyA, onlyB int) ([]uint64, []uint64) {
	var a, b []uint64
	for i := range shared {
		a = append(a, mix64(uint64(i)))
		b = append(b, mix64(uint64(i)))
	}
	for i := range onlyA {
		a = append(a, mix64(uint64(1e6+i)))
	}
	for i := range onlyB {
		b = append(b, mix64(uint64(2e6+i)))
	}
	return a, b
}

func TestMinHashEstimatesJaccard(t *testing.T) {
	for _, c := range []struct{ shared, onlyA, onlyB int }{{300, 0, 0}, {240, 30, 30}, {150, 75, 75}, {60, 120, 120}, {0, 200, 200}} {
		a, b := setPair(c.shared, c.onlyA, c.onlyB)
		exact := ExactJaccard(a, b)
		sa, sb := MinHash(a), MinHash(b)
		if est := sa.Jaccard(&sb); est < exact-0.15 || est > exact+0.15 {
			t.Errorf("Jaccard %.2f estimated as %.2f", exact, est)
		}
	}
	empty := MinHash(nil)
	if !empty.empty() {
		t.Error("the empty set's signature is not recognised as empty")
	}
}

func TestSignatureRoundTrip(t *testing.T) {
	a, _ := setPair(50, 0, 0)
	s := MinHash(a)
	b, err := s.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var back Signature
	if err := back.UnmarshalBinary(b); err != nil || back != s {
		t.Errorf("round trip: %v, equal %v", err, back == s)
	}
	if err := back.UnmarshalBinary(b[:10]); err == nil {
		t.Error("a short signature was accepted")
	}
}

func TestSimHash(t *testing.T) {
	a := shingles(quakeText, 4)
	edited := shingles(strings.Replace(quakeText, "at least 12 people", "at least 14 people", 1), 4)
	other := shingles(talksText, 4)
	if d := Hamming(SimHash(a), SimHash(a)); d != 0 {
		t.Errorf("same text: distance %d", d)
	}
	near, far := Hamming(SimHash(a), SimHash(edited)), Hamming(SimHash(a), SimHash(other))
	if near >= far || near > 10 || far < 16 {
		t.Errorf("distance to an edited copy %d, to another story %d", near, far)
	}
}

func TestDuplicates(t *testing.T) {
	a := New(Config{})
	orig := doc("wire-1", "Quake kills 12 in Indonesia", quakeText)
	exact := doc("paper-1", "Deadly earthquake hits Sulawesi", quakeText) // same text, another outlet's headline
	updated := doc("wire-2", "UPDATE 1-Quake kills 14 in Indonesia",
		strings.Replace(strings.Replace(quakeText, "at least 12 people", "at least 14 people", 1),
			"No tsunami warning was issued.", "No tsunami warning was issued. Aftershocks continued into Wednesday.", 1))
	other := doc("wire-3", "Armenia, Azerbaijan hold talks", talksText)
	res := a.Assign([]*dateline.Document{orig, exact, updated, other})
	got := map[string]Assignment{}
	for _, as := range res.Articles {
		got[as.ArticleID] = as
	}
	if as := got["paper-1"]; as.Duplicate != Exact || as.DuplicateOf != "wire-1" || as.StoryID != "wire-1" {
		t.Errorf("exact copy: %+v", as)
	}
	if as := got["wire-2"]; as.Duplicate != Near || as.DuplicateOf != "wire-1" || as.StoryID != "wire-1" || as.Similarity < 0.5 {
		t.Errorf("updated copy: %s %s of %s, %.2f, story %s", as.ArticleID, as.Duplicate, as.DuplicateOf, as.Similarity, as.StoryID)
	}
	if as := got["wire-3"]; as.Duplicate != "" || as.StoryID != "wire-3" || !as.NewStory {
		t.Errorf("unrelated story: %+v", as)
	}
	if got["wire-1"].Outlet != "reuters" {
		t.Errorf("outlet %q, want the dateline's agency", got["wire-1"].Outlet)
	}

	// A later batch finds the copies of the earlier one.
	res = a.Assign([]*dateline.Document{doc("agg-1", "", quakeText)})
	if as := res.Articles[0]; as.Duplicate != Exact || as.DuplicateOf != "wire-1" || as.StoryID != "wire-1" {
		t.Errorf("copy in a later batch: %+v", as)
	}
	// Empty and very short texts are nobody's copies.
	res = a.Assign([]*dateline.Document{doc("e1", "", ""), doc("e2", "", ""), doc("s1", "", "Police said."), doc("s2", "", "Police said.")})
	for _, as := range res.Articles {
		if as.Duplicate == Near || (as.Duplicate == Exact && as.ArticleID[0] == 'e') {
			t.Errorf("%s linked as %s copy of %s", as.ArticleID, as.Duplicate, as.DuplicateOf)
		}
	}
}

// rewrite returns the quake story reworded by another outlet: the same event, few shared
// word sequences.
func rewrite(id string) *dateline.Document {
	return doc(id, "Indonesia quake toll rises", `MAMUJU, Indonesia, March 3 (AP) - Rescuers in Mamuju dug through rubble after a strong earthquake shook West Sulawesi on Tuesday. The 6.4 quake left 12 dead, according to the disaster agency, and destroyed homes across the province. Spokesman Raditya Jati said power was out in much of Sulawesi.`)
}

func TestStoriesGroupReports(t *testing.T) {
	a := New(Config{})
	docs := []*dateline.Document{
		doc("q1", "Quake kills 12 in Indonesia", quakeText),
		doc("t1", "Armenia, Azerbaijan hold talks", talksText),
		rewrite("q2"),
		doc("s1", "French rail strike", strikeText),
	}
	res := a.Assign(docs)
	story := map[string]string{}
	for _, as := range res.Articles {
		story[as.ArticleID] = as.StoryID
	}
	if story["q2"] != "q1" {
		t.Errorf("the reworded quake report is in story %q, want q1", story["q2"])
	}
	if story["t1"] != "t1" || story["s1"] != "s1" {
		t.Errorf("unrelated stories merged: %v", story)
	}
	// A report in a later batch joins the open story.
	res = a.Assign([]*dateline.Document{rewrite("q3"), doc("t2", "Talks on Armenia-Azerbaijan border", strings.Replace(talksText, "second round", "new round", 1)+" Officials described the mood as constructive.")})
	for _, as := range res.Articles {
		if want := map[string]string{"q3": "q1", "t2": "t1"}[as.ArticleID]; as.StoryID != want {
			t.Errorf("%s in story %q, want %q", as.ArticleID, as.StoryID, want)
		}
	}
}

func TestTimeGap(t *testing.T) {
	a := New(Config{})
	first := doc("q1", "Quake kills 12 in Indonesia", quakeText)
	later := rewrite("q-later")
	later.Date = "2020-04-20" // six weeks on: another event, however alike
	first.Date = "2020-03-03"
	a.Assign([]*dateline.Document{first})
	res := a.Assign([]*dateline.Document{later})
	if as := res.Articles[0]; as.StoryID == "q1" {
		t.Errorf("an article six weeks later joined the story")
	}
	if a.clu.open["q1"] != nil {
		t.Error("a story no article can join any more is still open")
	}
}

// TestBatchOrder: within a batch, arrival order changes nothing but which article names a
// story.
func TestBatchOrder(t *testing.T) {
	mk := func() []*dateline.Document {
		return []*dateline.Document{
			doc("q1", "Quake kills 12 in Indonesia", quakeText), doc("t1", "Armenia, Azerbaijan hold talks", talksText),
			rewrite("q2"), doc("s1", "French rail strike", strikeText), doc("q3", "", quakeText),
			doc("t2", "", strings.Replace(talksText, "Geneva", "Switzerland", 2)),
		}
	}
	partition := func(res Result) []string {
		groups := map[string][]string{}
		for _, as := range res.Articles {
			groups[as.StoryID] = append(groups[as.StoryID], as.ArticleID)
		}
		var out []string
		for _, g := range groups {
			slices.Sort(g)
			out = append(out, strings.Join(g, ","))
		}
		slices.Sort(out)
		return out
	}
	want := partition(New(Config{}).Assign(mk()))
	for seed := range 5 {
		docs := mk()
		rand.New(rand.NewPCG(uint64(seed), 1)).Shuffle(len(docs), func(i, j int) { docs[i], docs[j] = docs[j], docs[i] })
		if got := partition(New(Config{}).Assign(docs)); !slices.Equal(got, want) {
			t.Errorf("order %d: stories %v, want %v", seed, got, want)
		}
	}
}

// TestRestore: an assigner rebuilt from what the store keeps decides as the one that ran on.
func TestRestore(t *testing.T) {
	first := []*dateline.Document{doc("q1", "Quake kills 12 in Indonesia", quakeText), doc("t1", "Talks", talksText)}
	a := New(Config{})
	res := a.Assign(first)

	b := New(Config{})
	var articles []Assignment
	for i := len(res.Articles) - 1; i >= 0; i-- { // newest first, as the store returns them
		articles = append(articles, res.Articles[i])
	}
	if err := b.Restore(a.Snapshot(), res.Stories, articles); err != nil {
		t.Fatal(err)
	}
	next := func() []*dateline.Document {
		return []*dateline.Document{rewrite("q2"), doc("copy", "", talksText), doc("s1", "Strike", strikeText)}
	}
	ra, rb := a.Assign(next()), b.Assign(next())
	for i := range ra.Articles {
		x, y := ra.Articles[i], rb.Articles[i]
		if x.StoryID != y.StoryID || x.DuplicateOf != y.DuplicateOf || x.NewStory != y.NewStory {
			t.Errorf("%s: running %+v, restored %+v", x.ArticleID, x, y)
		}
	}
	if err := New(Config{}).Restore([]byte{9, 9}, nil, nil); err == nil {
		t.Error("a damaged state was accepted")
	}
	if err := New(Config{}).Restore(nil, []StoryState{{ID: "x", Profile: []byte{1, 2}}}, nil); err == nil {
		t.Error("a damaged profile was accepted")
	}
}

// TestBounded: however long the stream, the open stories and the duplicate window stay within
// their bounds.
func TestBounded(t *testing.T) {
	a := New(Config{MaxStories: 20, Window: 30})
	for i := range 300 {
		// distinct stories: each names its own place and numbers
		text := fmt.Sprintf("TOWN%d, March 3 - Officials in Town%d counted %d votes for candidate Name%d on Tuesday, the election board of Region%d said.", i, i, 1000+i, i, i)
		a.Assign([]*dateline.Document{doc(fmt.Sprint("a", i), "", text)})
		if len(a.clu.open) > 20 || len(a.dup.ring) > 30 || len(a.dup.byN) > 30 || len(a.dup.byID) > 30 {
			t.Fatalf("after %d articles: %d open stories, %d articles in the window", i+1, len(a.clu.open), len(a.dup.ring))
		}
	}
	postings := 0
	for _, l := range a.clu.postings {
		postings += len(l)
	}
	if postings > 20*2*a.cfg.ProfileTerms {
		t.Errorf("%d postings for at most 20 stories", postings)
	}
}

func TestEventKeys(t *testing.T) {
	a := New(Config{})
	src := &dateline.ActorRef{Code: "ARMGOV"}
	tgt := &dateline.ActorRef{Code: "AZEGOV"}
	d := doc("t1", "", talksText)
	d.Events = []dateline.Event{
		{Source: src, Target: tgt, Cameo: "040", Date: "2020-03-03", Mood: dateline.MoodAsserted},
		{Source: src, Target: tgt, Cameo: "040", Date: "", Mood: dateline.MoodAsserted, Negated: true},
	}
	as := a.Assign([]*dateline.Document{d}).Articles[0]
	if k := as.Events[0]; k.Key != "ARMGOV|AZEGOV|040|0|asserted" || k.From != "2020-03-02" || k.To != "2020-03-04" {
		t.Errorf("key %+v", k)
	}
	if k := as.Events[1]; k.Key == as.Events[0].Key || k.From != "" || k.To != "" {
		t.Errorf("a negated event of unknown date keyed %+v", k)
	}
}

func TestOutlet(t *testing.T) {
	for _, c := range []struct{ url, agency, want string }{
		{"https://www.Reuters.com/world/x", "AFP", "reuters.com"},
		{"", "Xinhua", "xinhua"},
		{"not a url", "", ""},
		{"", "", ""},
	} {
		if got := Outlet(c.url, c.agency); got != c.want {
			t.Errorf("Outlet(%q, %q) = %q, want %q", c.url, c.agency, got, c.want)
		}
	}
}

func TestProfileRoundTrip(t *testing.T) {
	s := &openStory{id: "x", firstDay: 18000, lastDay: 18003, lastSeq: 42, profile: map[uint64]float64{1: 0.5, 1 << 63: 2.25}}
	back, err := unmarshalProfile("x", marshalProfile(s))
	if err != nil {
		t.Fatal(err)
	}
	if back.firstDay != s.firstDay || back.lastDay != s.lastDay || back.lastSeq != s.lastSeq || len(back.profile) != 2 || back.profile[1<<63] != 2.25 {
		t.Errorf("round trip: %+v", back)
	}
	d := newDocFreq()
	d.add(map[uint64]float64{5: 1, 1<<dfBits - 1: 1})
	d.add(map[uint64]float64{5: 1})
	e := newDocFreq()
	seq, err := e.unmarshal(d.marshal(7))
	if err != nil || seq != 7 || e.n != 2 || e.slots[5] != 2 || e.slots[1<<dfBits-1] != 1 {
		t.Errorf("state round trip: seq %d, n %d, %v", seq, e.n, err)
	}
}

func FuzzUnmarshalProfile(f *testing.F) {
	f.Add(marshalProfile(&openStory{profile: map[uint64]float64{1: 1, 2: 0.5}}))
	f.Add([]byte{profileVersion, 0, 0, 0, 200})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := unmarshalProfile("x", b)
		if err == nil && s.profile == nil {
			t.Error("accepted without a profile")
		}
	})
}

func FuzzUnmarshalState(f *testing.F) {
	d := newDocFreq()
	d.add(map[uint64]float64{3: 1, 77: 1})
	f.Add(d.marshal(3))
	f.Add([]byte{stateVersion, 2, 2, 2, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		e := newDocFreq()
		if _, err := e.unmarshal(b); err == nil && len(e.slots) != 1<<dfBits {
			t.Error("slots resized")
		}
	})
}

func FuzzAssign(f *testing.F) {
	f.Add("Tara Reid's rep said.", "Quake")
	f.Add(quakeText, "")
	f.Add("\xff\xfe 6.1.2,3 '' ’s", "’")
	f.Fuzz(func(t *testing.T, text, title string) {
		a := New(Config{})
		res := a.Assign([]*dateline.Document{doc("a", title, text), doc("b", title, text)})
		if len(res.Articles) != 2 || res.Articles[0].StoryID == "" || res.Articles[1].StoryID == "" {
			t.Fatalf("result %+v", res)
		}
		for _, w := range words(text, false, nil) {
			if w.text == "" {
				t.Fatal("empty word")
			}
		}
	})
}
