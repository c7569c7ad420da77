package storetest

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store"
)

// storyCases are the StoryStore cases; Run skips them for a store without stories.
var storyCases = []struct {
	name string
	fn   func(t *testing.T, s storyStore)
}{
	{"StoriesMergeReports", testStoriesMerge},
	{"StoriesDateWindow", testStoriesDateWindow},
	{"StoriesIdempotent", testStoriesIdempotent},
	{"StoriesState", testStoriesState},
	{"StoriesList", testStoriesList},
}

// storyStore is a store with stories.
type storyStore interface {
	store.Store
	store.StoryStore
}

// runStories runs the story cases on a store that implements StoryStore, else skips them.
func runStories(t *testing.T, s store.Store, fn func(t *testing.T, s storyStore)) {
	ss, ok := s.(storyStore)
	if !ok {
		t.Skip("this store does not implement store.StoryStore")
	}
	fn(t, ss)
}

// Report returns the meeting fixture as another outlet's report of it: its own id, URL and
// headline, and event ids of its own; the text is the same, so its events repeat the
// meeting's.
func Report(id, url, title string) *dateline.Document {
	d := Meeting()
	d.ID, d.Title = id, title
	d.Article.ID, d.Article.URL, d.Article.Title = id, url, title
	for i := range d.Events {
		e := &d.Events[i]
		e.ID = strings.Replace(e.ID, MeetingID, id, 1)
		e.ArticleID = id
		e.SourceURL = url
	}
	for i := range d.Meetings {
		d.Meetings[i].ID = strings.Replace(d.Meetings[i].ID, MeetingID, id, 1)
		d.Meetings[i].ArticleID = id
	}
	return d
}

// storyOf builds the story entries of documents that all belong to story id, keyed as the
// story stage keys events (sides, code, negation, mood) with a one-day window.
func storyOf(id string, outlets []string, docs ...*dateline.Document) store.StoryBatch {
	var b store.StoryBatch
	for i, d := range docs {
		a := store.ArticleStory{ArticleID: d.ID, StoryID: id, Outlet: outlets[i], Signature: []byte{byte(i), 1, 2}}
		for _, e := range d.Events {
			a.Events = append(a.Events, store.EventMerge{Key: mergeKey(e), From: dayBefore(e.Date), To: dayAfter(e.Date)})
		}
		b.Articles = append(b.Articles, a)
	}
	b.Stories = []store.StoryRecord{{ID: id, Title: docs[0].Title, Articles: len(docs), Profile: []byte("profile")}}
	return b
}

func mergeKey(e dateline.Event) string {
	code := func(r *dateline.ActorRef) string {
		if r == nil {
			return ""
		}
		return r.Code
	}
	neg := "0"
	if e.Negated {
		neg = "1"
	}
	return strings.Join([]string{code(e.Source), code(e.Target), e.Cameo, neg, e.Mood}, "|")
}

// The fixtures' dates are mid-month, so the window needs no calendar.
func dayBefore(d string) string { return shiftDay(d, -1) }
func dayAfter(d string) string  { return shiftDay(d, +1) }
func shiftDay(d string, by int) string {
	if len(d) != 10 {
		return ""
	}
	day := int(d[8]-'0')*10 + int(d[9]-'0') + by
	return d[:8] + string(rune('0'+day/10)) + string(rune('0'+day%10))
}

func saveStories(t *testing.T, s store.StoryStore, b store.StoryBatch, docs ...*dateline.Document) store.SaveResult {
	t.Helper()
	res, err := s.SaveStories(context.Background(), docs, b)
	if err != nil {
		t.Fatalf("SaveStories: %v", err)
	}
	return res
}

// testStoriesMerge: three reports of one event (two outlets' copies of one text and a third
// with its own headline) make one event record per event, counted once, with NumArticles 3,
// NumSources 2, the first report's URL, and every report's sentence as evidence.
func testStoriesMerge(t *testing.T, s storyStore) {
	ctx := context.Background()
	r1 := Report("wire-1", "https://news.example.com/a", "China, Russia hold heads-of-government meeting")
	r2 := Report("wire-2", "https://www.news.example.com/b", "Li, Mishustin co-chair talks by video link")
	r3 := Report("paper-3", "https://paper.example.org/c", "Chinese, Russian premiers meet online")
	r3.Events[0].IsRoot, r1.Events[0].IsRoot = true, false // the lead event is root in one report only
	b := storyOf("wire-1", []string{"news.example.com", "news.example.com", "paper.example.org"}, r1, r2, r3)
	res := saveStories(t, s, b, r1, r2, r3)
	if want := (store.SaveResult{Articles: 3, Events: 3 * len(r1.Events)}); res != want {
		t.Errorf("SaveStories = %+v, want %+v", res, want)
	}

	counted, err := s.Events(ctx, store.EventFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := ids(counted), ids(r1.Events); !slices.Equal(sorted(got), sorted(want)) {
		t.Fatalf("Events = %v, want the first report's events only %v", got, want)
	}
	for _, e := range counted {
		if e.NumMentions != 3 || e.NumArticles != 3 || e.NumSources != 2 {
			t.Errorf("%s: mentions %d, articles %d, sources %d; want 3, 3, 2", e.ID, e.NumMentions, e.NumArticles, e.NumSources)
		}
		if e.SourceURL != "https://news.example.com/a" {
			t.Errorf("%s: SourceURL %q, want the first report's", e.ID, e.SourceURL)
		}
	}
	if e, err := s.Event(ctx, r1.Events[0].ID); err != nil || !e.IsRoot {
		t.Errorf("merged lead event: IsRoot = %v (%v), want true: one report has it in its lead", e != nil && e.IsRoot, err)
	}
	// Counted events by default (negated and hypothetical left out), as before.
	def, err := s.Events(ctx, store.EventFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(def) != 3 {
		t.Errorf("Events() = %d events, want the 3 counted events of one report", len(def))
	}
	all, err := s.Events(ctx, store.EventFilter{All: true, Reports: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3*len(r1.Events) {
		t.Errorf("Events(Reports) = %d rows, want every report's %d", len(all), 3*len(r1.Events))
	}

	st, err := s.Story(ctx, "wire-1", true)
	if err != nil {
		t.Fatalf("Story: %v", err)
	}
	var arts []string
	for _, a := range st.Articles {
		arts = append(arts, a.ID)
	}
	if !slices.Equal(arts, []string{"wire-1", "wire-2", "paper-3"}) {
		t.Errorf("Story articles = %v, want the three reports in arrival order", arts)
	}
	if len(st.Events) != len(r1.Events) {
		t.Fatalf("Story has %d events, want %d", len(st.Events), len(r1.Events))
	}
	for _, e := range st.Events {
		var from []string
		for _, r := range e.Reports {
			from = append(from, r.ArticleID)
			if r.Sentence != e.Sentence || r.Sentence == "" {
				t.Errorf("%s: report %s sentence %q, want the evidence sentence %q", e.ID, r.EventID, r.Sentence, e.Sentence)
			}
		}
		if !slices.Equal(from, []string{"wire-1", "wire-2", "paper-3"}) {
			t.Errorf("%s: reports from %v, want one per article", e.ID, from)
		}
	}
	// Story without All leaves out the negated and hypothetical events.
	if st, err := s.Story(ctx, "wire-1", false); err != nil || len(st.Events) != 3 {
		t.Errorf("Story(all=false): %d events, %v; want 3", len(st.Events), err)
	}
}

// testStoriesDateWindow: the same dyad and code a week apart is a new event, not a report of
// the old one; the same dyad in another story is another event.
func testStoriesDateWindow(t *testing.T, s storyStore) {
	ctx := context.Background()
	r1 := Report("day-1", "", "first")
	r2 := Report("day-8", "", "a week on")
	r3 := Report("other-story", "", "elsewhere")
	for i := range r2.Events {
		r2.Events[i].Date = "2020-12-09"
	}
	b := storyOf("day-1", []string{"", "", ""}, r1, r2, r3)
	b.Articles[2].StoryID = "other-story"
	b.Stories = append(b.Stories, store.StoryRecord{ID: "other-story", Articles: 1})
	saveStories(t, s, b, r1, r2, r3)
	ev, err := s.Events(ctx, store.EventFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(ev) != 3*len(r1.Events) {
		t.Errorf("Events = %d, want %d: nothing merges across a week or across stories", len(ev), 3*len(r1.Events))
	}
	for _, e := range ev {
		if e.NumMentions != 1 || e.NumArticles != 1 || e.NumSources != 1 {
			t.Errorf("%s: counts %d/%d/%d, want 1/1/1 (unknown outlet counts as one source)", e.ID, e.NumMentions, e.NumSources, e.NumArticles)
		}
	}
}

func testStoriesIdempotent(t *testing.T, s storyStore) {
	ctx := context.Background()
	r1, r2 := Report("i-1", "", "one"), Report("i-2", "", "two")
	saveStories(t, s, storyOf("i-1", []string{"a", "b"}, r1, r2), r1, r2)
	before, err := s.Events(ctx, store.EventFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	r1, r2 = Report("i-1", "", "one"), Report("i-2", "", "two")
	res := saveStories(t, s, storyOf("i-1", []string{"a", "b"}, r1, r2), r1, r2)
	if res != (store.SaveResult{Skipped: 2}) {
		t.Errorf("second SaveStories = %+v, want both skipped", res)
	}
	after, err := s.Events(ctx, store.EventFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	if js(after) != js(before) {
		t.Errorf("second SaveStories changed the events:\n%s\nwas\n%s", js(after), js(before))
	}
}

func testStoriesState(t *testing.T, s storyStore) {
	ctx := context.Background()
	st, err := s.StoryState(ctx, 10, 10)
	if err != nil {
		t.Fatal(err)
	}
	if st.State != nil || len(st.Stories) != 0 || len(st.Articles) != 0 {
		t.Errorf("StoryState of an empty store = %+v, want nothing", st)
	}
	r1, r2, r3 := Report("s-1", "", "one"), Report("s-2", "", "two"), Report("s-3", "", "three")
	b := storyOf("s-1", []string{"", "", ""}, r1, r2)
	b.State = []byte("state one")
	saveStories(t, s, b, r1, r2)
	b = storyOf("s-3", []string{""}, r3)
	b.State = []byte("state two")
	saveStories(t, s, b, r3)

	st, err = s.StoryState(ctx, 10, 2)
	if err != nil {
		t.Fatal(err)
	}
	if string(st.State) != "state two" {
		t.Errorf("State = %q, want the last saved", st.State)
	}
	var sids []string
	for _, x := range st.Stories {
		sids = append(sids, x.ID)
		if x.ID == "s-1" && (x.Articles != 2 || string(x.Profile) != "profile" || x.Title != "one") {
			t.Errorf("story s-1 = %+v", x)
		}
	}
	if !slices.Equal(sids, []string{"s-3", "s-1"}) {
		t.Errorf("Stories = %v, want the most recently extended first", sids)
	}
	var aids []string
	for _, a := range st.Articles {
		aids = append(aids, a.ArticleID)
		if a.Hash != r1.Article.Hash || len(a.Signature) != 3 || a.StoryID == "" {
			t.Errorf("article %s: hash %q, signature %v, story %q", a.ArticleID, a.Hash, a.Signature, a.StoryID)
		}
	}
	if !slices.Equal(aids, []string{"s-3", "s-2"}) {
		t.Errorf("Articles = %v, want the 2 newest, newest first", aids)
	}
}

func testStoriesList(t *testing.T, s storyStore) {
	ctx := context.Background()
	r1, r2, r3 := Report("l-1", "", "one"), Report("l-2", "", "two"), Report("l-3", "", "three")
	b := storyOf("l-1", []string{"", ""}, r1, r2)
	b.Articles[1].DuplicateOf, b.Articles[1].Duplicate, b.Articles[1].Similarity = "l-1", "exact", 1
	saveStories(t, s, b, r1, r2)
	saveStories(t, s, storyOf("l-3", []string{""}, r3), r3)

	list, err := s.Stories(ctx, store.StoryFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].ID != "l-1" || list[1].ID != "l-3" || len(list[0].Articles) != 2 {
		t.Fatalf("Stories = %s", js(list))
	}
	if a := list[0].Articles[1]; a.DuplicateOf != "l-1" || a.Duplicate != "exact" || a.Title != "two" {
		t.Errorf("duplicate article = %+v", a)
	}
	if got, err := s.Stories(ctx, store.StoryFilter{MinArticles: 2}); err != nil || len(got) != 1 {
		t.Errorf("Stories(MinArticles 2) = %d, %v; want 1", len(got), err)
	}
	if got, err := s.Stories(ctx, store.StoryFilter{Limit: 1, Offset: 1}); err != nil || len(got) != 1 || got[0].ID != "l-3" {
		t.Errorf("Stories(Limit 1, Offset 1) = %s, %v", js(got), err)
	}
	if _, err := s.Story(ctx, "nope", false); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Story(nope) = %v, want ErrNotFound", err)
	}
}

func sorted(xs []string) []string {
	out := slices.Clone(xs)
	slices.Sort(out)
	return out
}
