package meeting_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/meeting"
	"github.com/dateline-news/dateline/internal/pipeline"
)

var (
	loadOnce sync.Once
	shared   *pipeline.Pipeline
	loadErr  error
)

// code runs the whole pipeline on one story of testdata/ (or another path): meetings are read
// from what the actor and event stages made of it, as in production.
func code(t *testing.T, path string) *dateline.Document {
	t.Helper()
	loadOnce.Do(func() { shared, loadErr = pipeline.Load(pipeline.Options{}) })
	if loadErr != nil {
		t.Fatal(loadErr)
	}
	if !strings.Contains(path, "/") {
		path = filepath.Join("testdata", path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSuffix(filepath.Base(path), ".txt")
	return shared.Code(dateline.RawDoc{ID: id, Text: string(b)})
}

// only returns the one meeting of a document, failing the test if there is not exactly one.
func only(t *testing.T, d *dateline.Document) dateline.Meeting {
	t.Helper()
	if len(d.Meetings) != 1 {
		t.Fatalf("%s: %d meetings, want 1: %+v", d.ID, len(d.Meetings), d.Meetings)
	}
	return d.Meetings[0]
}

func roles(m dateline.Meeting) map[string]string {
	out := map[string]string{}
	for _, p := range m.Participants {
		out[p.Code] = p.Role
	}
	return out
}

func hasOutcome(m dateline.Meeting, word string) bool {
	for _, o := range m.Outcomes {
		if strings.Contains(strings.ToLower(o), word) {
			return true
		}
	}
	return false
}

func TestSeedMeeting(t *testing.T) {
	m := only(t, code(t, "../../data/sample/seed-china-russia-heads-of-government.txt"))
	if m.Kind != "regular meeting" || m.Ordinal != 25 || m.Date != "2020-12-02" {
		t.Errorf("kind %q, ordinal %d, date %s", m.Kind, m.Ordinal, m.Date)
	}
	if m.Format != "video link" || m.Place != "virtual" {
		t.Errorf("format %q, place %q", m.Format, m.Place)
	}
	if want := map[string]string{"CHNGOV": "co-chair", "RUSGOV": "co-chair"}; !mapsEqual(roles(m), want) {
		t.Errorf("participants %v, want %v", roles(m), want)
	}
	if m.Series != "regular meeting between Chinese and Russian heads of government" {
		t.Errorf("series %q", m.Series)
	}
	if !hasOutcome(m, "joint communique") || !hasOutcome(m, "cooperation documents") {
		t.Errorf("outcomes %q", m.Outcomes)
	}
	for _, a := range m.Agreements {
		if a.Action != "passed" || !slices.Equal(a.Parties, []string{"CHNGOV", "RUSGOV"}) {
			t.Errorf("agreement %+v: want passed by CHNGOV and RUSGOV", a)
		}
	}
	got := 0
	want := []string{"trade", "investment", "energy", "agriculture", "nuclear", "digital economy", "education", "tourism", "space", "health"}
	joined := strings.Join(m.Topics, " | ")
	for _, w := range want {
		if strings.Contains(joined, w) {
			got++
		}
	}
	if got < 9 {
		t.Errorf("topics %q: %d of %v", m.Topics, got, want)
	}
	if strings.Contains(joined, "security") {
		t.Errorf("topics %q: nothing in the seed is about security", m.Topics)
	}
}

func TestStateVisitWithSigning(t *testing.T) {
	m := only(t, code(t, "state-visit.txt"))
	if m.Kind != "visit" || m.Format != "in person" || m.Place != "Moscow" {
		t.Errorf("kind %q, format %q, place %q", m.Kind, m.Format, m.Place)
	}
	if want := map[string]string{"CHNGOV": "guest", "RUSGOV": "host"}; !mapsEqual(roles(m), want) {
		t.Errorf("participants %v, want %v", roles(m), want)
	}
	for _, w := range []string{"memorandum of understanding on nuclear energy cooperation", "joint statement", "arctic shipping route"} {
		if !hasOutcome(m, w) {
			t.Errorf("outcomes %q: no %q", m.Outcomes, w)
		}
	}
	var mou *dateline.Agreement
	for i := range m.Agreements {
		if strings.HasPrefix(m.Agreements[i].Title, "memorandum") {
			mou = &m.Agreements[i]
		}
	}
	if mou == nil || mou.Action != "signed" || !slices.Contains(mou.Topics, "nuclear") || !slices.Contains(mou.Topics, "energy") {
		t.Errorf("memorandum agreement %+v: want signed, topics nuclear and energy", mou)
	}
	if m.Ordinal != 0 || m.Series != "" {
		t.Errorf("a state visit of no series: ordinal %d, series %q", m.Ordinal, m.Series)
	}
}

func TestPhoneCallBetweenForeignMinisters(t *testing.T) {
	m := only(t, code(t, "phone-call.txt"))
	if m.Kind != "phone call" || m.Format != "telephone" || m.Place != "virtual" {
		t.Errorf("kind %q, format %q, place %q", m.Kind, m.Format, m.Place)
	}
	if got := roles(m); len(got) != 2 || got["TURGOV"] == "" || got["RUSGOV"] == "" {
		t.Errorf("participants %v, want TURGOV and RUSGOV", got)
	}
	if len(m.Outcomes) != 0 {
		t.Errorf("a call that produced no document: outcomes %q", m.Outcomes)
	}
	if !slices.Contains(m.Topics, "culture and tourism") {
		t.Errorf("topics %q: the ministers discussed tourism", m.Topics)
	}
}

func TestMultilateralSummit(t *testing.T) {
	m := only(t, code(t, "summit.txt"))
	if m.Kind != "summit" || m.Place != "Versailles" {
		t.Errorf("kind %q, place %q", m.Kind, m.Place)
	}
	got := roles(m)
	for _, c := range []string{"FRAGOV", "DEUGOV", "ITAGOV", "ESPGOV", "POLGOV", "NLDGOV"} {
		if _, ok := got[c]; !ok {
			t.Errorf("participants %v: no %s", got, c)
		}
	}
	if got["FRAGOV"] != "host" {
		t.Errorf("Macron hosted: FRAGOV is %q", got["FRAGOV"])
	}
	if _, ok := got["UKR"]; ok {
		t.Errorf("the war in Ukraine makes Ukraine no participant: %v", got)
	}
	if !hasOutcome(m, "versailles declaration") || len(m.Agreements) != 1 || m.Agreements[0].Action != "adopted" {
		t.Errorf("outcomes %q, agreements %+v", m.Outcomes, m.Agreements)
	}
}

func TestTalksWithoutAgreement(t *testing.T) {
	m := only(t, code(t, "talks-no-deal.txt"))
	if m.Kind != "talks" || m.Place != "Geneva" {
		t.Errorf("kind %q, place %q", m.Kind, m.Place)
	}
	if got := roles(m); len(got) != 2 || got["ARMGOV"] == "" || got["AZEGOV"] == "" {
		t.Errorf("participants %v, want ARMGOV and AZEGOV", got)
	}
	if len(m.Outcomes) != 0 || len(m.Agreements) != 0 {
		t.Errorf("talks ended without agreement, the accord was not signed: outcomes %q", m.Outcomes)
	}
}

func TestNoMeetingHeld(t *testing.T) {
	for _, c := range []struct{ file, why string }{
		{"postponed.txt", "the meeting was postponed"},
		{"future-visit.txt", "the visit is next month and the signing during it"},
		{"company-talks.txt", "talks between companies are no meeting of states"},
		{"past-meeting.txt", "the summits named were a year and more before"},
	} {
		if d := code(t, c.file); len(d.Meetings) != 0 {
			t.Errorf("%s: %s, yet %+v", c.file, c.why, d.Meetings)
		}
	}
}

// TestSeriesAcrossArticles: three years' reports, worded differently and with another Russian
// premier, name one series, so that a store can list it by ordinal and show gaps.
func TestSeriesAcrossArticles(t *testing.T) {
	seed := only(t, code(t, "../../data/sample/seed-china-russia-heads-of-government.txt"))
	m24 := only(t, code(t, "series-24th.txt"))
	m26 := only(t, code(t, "series-26th.txt"))
	if m24.Ordinal != 24 || m26.Ordinal != 26 {
		t.Errorf("ordinals %d and %d, want 24 and 26", m24.Ordinal, m26.Ordinal)
	}
	if m24.Series != seed.Series || m26.Series != seed.Series || seed.Series == "" {
		t.Errorf("series differ:\n 24: %q\n 25: %q\n 26: %q", m24.Series, seed.Series, m26.Series)
	}
	if m24.Format != "in person" || m24.Place != "St. Petersburg" || m26.Format != "video link" {
		t.Errorf("24th %s in %q, 26th %s", m24.Format, m24.Place, m26.Format)
	}
}

// TestEventTopics: each event carries the policy areas of its sentence.
func TestEventTopics(t *testing.T) {
	d := code(t, "../../data/sample/seed-china-russia-heads-of-government.txt")
	for _, e := range d.Events {
		if e.Topics == nil {
			t.Errorf("event %s: nil topics", e.ID)
		}
		if strings.Contains(e.Sentence, "space cooperation") && !slices.Contains(e.Topics, "space") {
			t.Errorf("event %s %q: topics %q", e.Cameo, e.Sentence, e.Topics)
		}
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// BenchmarkFind measures the meeting stage alone on the seed story, its input prepared once.
func BenchmarkFind(b *testing.B) {
	loadOnce.Do(func() { shared, loadErr = pipeline.Load(pipeline.Options{}) })
	if loadErr != nil {
		b.Fatal(loadErr)
	}
	raw, err := os.ReadFile("../../data/sample/seed-china-russia-heads-of-government.txt")
	if err != nil {
		b.Fatal(err)
	}
	p := shared
	a := article.Parse(dateline.RawDoc{ID: "seed", Text: string(raw)})
	sents := p.Analyzer.Sentences(a.Body, a.Paragraphs, article.TextStart(a))
	res := p.Resolver.Resolve(a, sents)
	var events []dateline.Event
	for si := range sents {
		events = append(events, p.Coder.Code(a, &sents[si], res.Refs[si], res.Pair)...)
	}
	in := meeting.Input{Article: a, Sentences: sents, Refs: res.Refs, Events: events}
	b.ResetTimer()
	for range b.N {
		if ms := p.Meetings.Find(in); len(ms) != 1 {
			b.Fatalf("%d meetings", len(ms))
		}
	}
}

// BenchmarkFindReuters measures the meeting stage alone on the first 1,000 Reuters stories
// (read in place from ../shared; skipped where absent), their input prepared once.
func BenchmarkFindReuters(b *testing.B) {
	f, err := os.Open("../../../shared/corpus/reuters21578.jsonl")
	if err != nil {
		b.Skip("no Reuters corpus:", err)
	}
	defer f.Close()
	loadOnce.Do(func() { shared, loadErr = pipeline.Load(pipeline.Options{}) })
	if loadErr != nil {
		b.Fatal(loadErr)
	}
	p := shared
	var ins []meeting.Input
	dec := json.NewDecoder(f)
	for len(ins) < 1000 {
		var raw dateline.RawDoc
		if err := dec.Decode(&raw); err != nil {
			break
		}
		a := article.Parse(raw)
		sents := p.Analyzer.Sentences(a.Body, a.Paragraphs, article.TextStart(a))
		res := p.Resolver.Resolve(a, sents)
		var events []dateline.Event
		for si := range sents {
			events = append(events, p.Coder.Code(a, &sents[si], res.Refs[si], res.Pair)...)
		}
		ins = append(ins, meeting.Input{Article: a, Sentences: sents, Refs: res.Refs, Events: events})
	}
	b.ResetTimer()
	for range b.N {
		for _, in := range ins {
			p.Meetings.Find(in)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*len(ins)), "µs/article")
}
