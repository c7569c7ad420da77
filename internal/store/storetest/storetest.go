// Package storetest is the conformance suite that every store.Store implementation runs, so that
// the SQLite and PostgreSQL stores keep the same semantics; it ships the fixture documents too.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store"
)

// Run runs the suite. open must return a new, empty store for each call; Run closes it. The
// suite uses nothing but the Store interface.
func Run(t *testing.T, open func(t *testing.T) store.Store) {
	t.Helper()
	newStore := func(t *testing.T) store.Store {
		t.Helper()
		s := open(t)
		t.Cleanup(func() {
			if err := s.Close(); err != nil {
				t.Errorf("Close: %v", err)
			}
		})
		return s
	}
	for _, c := range []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"Fixtures", testFixtures},
		{"Empty", testEmpty},
		{"SaveCounts", testSaveCounts},
		{"SaveIdempotent", testSaveIdempotent},
		{"SaveDuplicateInCall", testSaveDuplicateInCall},
		{"SaveSameBodyDifferentIDs", testSameBody},
		{"SaveAssignsIDs", testSaveAssignsIDs},
		{"SaveCanceled", testSaveCanceled},
		{"Has", testHas},
		{"EventsFilter", testEventsFilter},
		{"EventsLocationErrors", testEventsLocationErrors},
		{"EventsComplete", testEventsComplete},
		{"Event", testEvent},
		{"DocumentRoundTrip", testDocumentRoundTrip},
		{"NotFound", testNotFound},
		{"Stats", testStats},
		// concurrent.go: what a queue of workers relies on, and input both engines must take.
		{"SaveConcurrent", testSaveConcurrent},
		{"SaveSkipsFailedAndNil", testSaveSkipsFailedAndNil},
		{"SaveRejectsMissingID", testSaveRejectsMissingID},
		{"SaveDerivesEventID", testSaveDerivesEventID},
		{"HasMany", testHasMany},
		{"EventsTextInput", testEventsTextInput},
		{"EventsBadDate", testEventsBadDate},
	} {
		t.Run(c.name, func(t *testing.T) { c.fn(t, newStore(t)) })
	}
	// stories.go: the optional StoryStore; skipped for an engine without it.
	for _, c := range storyCases {
		t.Run(c.name, func(t *testing.T) { runStories(t, newStore(t), c.fn) })
	}
	// meetings.go: the optional MeetingStore; skipped for an engine without it.
	for _, c := range meetingCases {
		t.Run(c.name, func(t *testing.T) { runMeetings(t, newStore(t), c.fn) })
	}
}

// save saves docs and fails the test on error.
func save(t *testing.T, s store.Store, docs ...*dateline.Document) store.SaveResult {
	t.Helper()
	res, err := s.Save(context.Background(), docs)
	if err != nil {
		t.Fatalf("Save: %v", err)
	}
	return res
}

func stats(t *testing.T, s store.Store) store.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

func eventCount(docs ...*dateline.Document) int {
	n := 0
	for _, d := range docs {
		n += len(d.Events)
	}
	return n
}

// testFixtures checks the fixtures themselves, so that a broken fixture is not mistaken for a
// broken store.
func testFixtures(t *testing.T, _ store.Store) {
	for _, d := range append(Fixtures(), SameBody("copy")) {
		body := d.Article.Body
		for _, e := range d.Events {
			if e.Span[0] < 0 || body[e.Span[0]:e.Span[1]] != e.Sentence {
				t.Errorf("%s: span %v is not the sentence", e.ID, e.Span)
			}
		}
		for _, a := range d.Actors {
			for _, m := range a.Mentions {
				if m.Span[0] < 0 || body[m.Span[0]:m.Span[1]] != m.Text {
					t.Errorf("%s: mention %q at %v not in body", d.ID, m.Text, m.Span)
				}
			}
		}
	}
}

func testEmpty(t *testing.T, s store.Store) {
	ctx := context.Background()
	if st := stats(t, s); st != (store.Stats{}) {
		t.Errorf("Stats of an empty store = %+v, want zero", st)
	}
	ev, err := s.Events(ctx, store.EventFilter{All: true})
	if err != nil || len(ev) != 0 {
		t.Errorf("Events of an empty store = %d events, %v; want none", len(ev), err)
	}
	for _, docs := range [][]*dateline.Document{nil, {}} {
		if res := save(t, s, docs...); res != (store.SaveResult{}) {
			t.Errorf("Save(%v) = %+v, want zero", docs, res)
		}
	}
}

func testSaveCounts(t *testing.T, s store.Store) {
	docs := Fixtures()
	res := save(t, s, docs...)
	want := store.SaveResult{Articles: 3, Events: eventCount(docs...)}
	if res != want {
		t.Errorf("Save = %+v, want %+v", res, want)
	}
}

func testSaveIdempotent(t *testing.T, s store.Store) {
	first := save(t, s, Fixtures()...)
	before := stats(t, s)

	res := save(t, s, Fixtures()...)
	if want := (store.SaveResult{Skipped: 3}); res != want {
		t.Errorf("second Save = %+v, want %+v", res, want)
	}
	if after := stats(t, s); after != before {
		t.Errorf("second Save changed Stats: %+v, was %+v", after, before)
	}

	// Old and new documents mixed: only the new one is written.
	s2 := SameBody("reprint-1")
	res = save(t, s, Meeting(), s2)
	if want := (store.SaveResult{Articles: 1, Skipped: 1, Events: len(s2.Events)}); res != want {
		t.Errorf("mixed Save = %+v, want %+v", res, want)
	}
	if first.Events == 0 {
		t.Error("first Save added no events")
	}
}

func testSaveDuplicateInCall(t *testing.T, s store.Store) {
	m := Meeting()
	res := save(t, s, m, Meeting())
	if want := (store.SaveResult{Articles: 1, Skipped: 1, Events: len(m.Events)}); res != want {
		t.Errorf("Save of a document twice in one call = %+v, want %+v", res, want)
	}
	if st := stats(t, s); st.Articles != 1 || st.Events != int64(len(m.Events)) {
		t.Errorf("Stats = %+v, want 1 article and %d events", st, len(m.Events))
	}
}

// testSameBody: the key is the article id; two reports with the same words are two articles
// (merging them is the story stage's job, not the store's).
func testSameBody(t *testing.T, s store.Store) {
	a, b := Meeting(), SameBody("reprint-2")
	res := save(t, s, a, b)
	if want := (store.SaveResult{Articles: 2, Events: len(a.Events) + len(b.Events)}); res != want {
		t.Errorf("Save = %+v, want %+v", res, want)
	}
	got := eventIDs(t, s, store.EventFilter{Text: "Mishustin", All: true})
	want := append(ids(a.Events), ids(b.Events)...)
	if !slices.Equal(got, want) {
		t.Errorf("Events(Text) = %v, want %v", got, want)
	}
	for _, id := range []string{a.ID, b.ID} {
		d, err := s.Document(context.Background(), id)
		if err != nil {
			t.Fatalf("Document(%q): %v", id, err)
		}
		if d.Article.Body != a.Article.Body || d.Article.Hash != a.Article.Hash {
			t.Errorf("Document(%q): body or hash differs from what was saved", id)
		}
	}
}

func testSaveAssignsIDs(t *testing.T, s store.Store) {
	before := time.Now().UTC().Truncate(time.Second)
	first, second := Meeting(), Sanctions()
	save(t, s, first)
	save(t, s, second)
	after := time.Now().UTC().Add(time.Second)

	var last int64
	seen := map[int64]bool{}
	for _, d := range []*dateline.Document{first, second} {
		for _, e := range d.Events {
			if e.GlobalID <= last || seen[e.GlobalID] {
				t.Errorf("%s: GlobalID %d not unique and increasing (previous %d)", e.ID, e.GlobalID, last)
			}
			last = e.GlobalID
			seen[e.GlobalID] = true
			added, err := time.Parse(time.RFC3339, e.DateAdded)
			if err != nil || !strings.HasSuffix(e.DateAdded, "Z") {
				t.Errorf("%s: DateAdded %q is not RFC 3339 UTC (%v)", e.ID, e.DateAdded, err)
				continue
			}
			if added.Before(before) || added.After(after) {
				t.Errorf("%s: DateAdded %s outside the Save call [%s, %s]", e.ID, added, before, after)
			}
			if e.ArticleID != d.ID {
				t.Errorf("%s: ArticleID %q, want %q", e.ID, e.ArticleID, d.ID)
			}
		}
	}

	// A skipped document gets nothing new.
	again := Meeting()
	save(t, s, again)
	for _, e := range again.Events {
		if e.GlobalID != 0 || e.DateAdded != "" {
			t.Errorf("%s: skipped document's event got GlobalID %d, DateAdded %q", e.ID, e.GlobalID, e.DateAdded)
		}
	}
}

func testSaveCanceled(t *testing.T, s store.Store) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Save(ctx, Fixtures()); err == nil {
		t.Error("Save with a canceled context succeeded")
	}
	if st := stats(t, s); st.Articles != 0 || st.Events != 0 {
		t.Errorf("canceled Save stored something: %+v", st)
	}
}

func testHas(t *testing.T, s store.Store) {
	ctx := context.Background()
	all := []string{MeetingID, SanctionsID, VisitID, "never-stored"}
	has, err := s.Has(ctx, all)
	if err != nil {
		t.Fatalf("Has: %v", err)
	}
	for _, id := range all {
		if has[id] {
			t.Errorf("Has(%q) before Save = true", id)
		}
	}
	save(t, s, Meeting(), Visit())
	if has, err = s.Has(ctx, all); err != nil {
		t.Fatalf("Has: %v", err)
	}
	want := map[string]bool{MeetingID: true, SanctionsID: false, VisitID: true, "never-stored": false}
	for id, w := range want {
		if has[id] != w {
			t.Errorf("Has(%q) = %v, want %v", id, has[id], w)
		}
	}
	if has, err = s.Has(ctx, nil); err != nil || slices.Contains(slices.Collect(maps.Values(has)), true) {
		t.Errorf("Has(nil) = %v, %v; want nothing stored", has, err)
	}
}

// Short names of the fixture events, for the filter table.
var (
	a1, a2, a3, a4, a5 = MeetingID + "/e1", MeetingID + "/e2", MeetingID + "/e3", MeetingID + "/e4", MeetingID + "/e5"
	b1, b2, b3         = SanctionsID + "/e1", SanctionsID + "/e2", SanctionsID + "/e3"
	d1, d2, d3         = VisitID + "/e1", VisitID + "/e2", VisitID + "/e3"
)

// testEventsFilter checks every EventFilter field against the fixtures. By date: the visit
// (2019-06-05: d1 CHNGOV→RUS 042, d2 RUSGOV→CHNGOV 043, d3 BUS/RUS→CHNBUS 057), the meeting
// (2020-12-02: a1 CHNGOV→RUSGOV 040, a2 back, a3 CHNGOV→RUS 0311, a4 negated 057, a5
// hypothetical RUSGOV 138), the sanctions (2021-03-15: b1 USAGOV→RUSGOV 163, b2 RUSGOV→USAGOV
// 112, b3 IGOUNO 010). They are saved meeting, sanctions, visit, so date order is not save
// order.
func testEventsFilter(t *testing.T, s store.Store) {
	save(t, s, Fixtures()...)
	for _, c := range []struct {
		name string
		f    store.EventFilter
		want []string
	}{
		{"none", store.EventFilter{}, []string{d1, d2, d3, a1, a2, a3, b1, b2, b3}},
		{"all", store.EventFilter{All: true}, []string{d1, d2, d3, a1, a2, a3, a4, a5, b1, b2, b3}},

		{"actor country", store.EventFilter{Actor: "CHN"}, []string{d1, d2, d3, a1, a2, a3}},
		{"actor code", store.EventFilter{Actor: "CHNGOV"}, []string{d1, d2, a1, a2, a3}},
		{"actor lower case", store.EventFilter{Actor: "chngov"}, []string{d1, d2, a1, a2, a3}},
		{"actor by country only", store.EventFilter{Actor: "RUS"}, []string{d1, d2, d3, a1, a2, a3, b1, b2}},
		{"actor all", store.EventFilter{Actor: "RUS", All: true}, []string{d1, d2, d3, a1, a2, a3, a4, a5, b1, b2}},
		{"actor prefix", store.EventFilter{Actor: "US"}, []string{b1, b2}},
		{"actor IGO", store.EventFilter{Actor: "IGO"}, []string{b3}},
		{"actor unknown", store.EventFilter{Actor: "XYZ"}, nil},
		{"source", store.EventFilter{Source: "RUS"}, []string{d2, d3, a2, b2}},
		{"target", store.EventFilter{Target: "RUS"}, []string{d1, a1, a3, b1}},
		{"source and target", store.EventFilter{Source: "USA", Target: "RUSGOV"}, []string{b1}},
		{"target only", store.EventFilter{Target: "USA"}, []string{b2}},

		{"since inclusive", store.EventFilter{Since: "2020-12-02"}, []string{a1, a2, a3, b1, b2, b3}},
		{"until inclusive", store.EventFilter{Until: "2020-12-02"}, []string{d1, d2, d3, a1, a2, a3}},
		{"one day", store.EventFilter{Since: "2020-12-02", Until: "2020-12-02"}, []string{a1, a2, a3}},
		{"after the last", store.EventFilter{Since: "2021-03-16"}, nil},

		{"cameo root", store.EventFilter{Cameo: "04"}, []string{d1, d2, a1, a2}},
		{"cameo code", store.EventFilter{Cameo: "040"}, []string{a1, a2}},
		{"cameo leading zero", store.EventFilter{Cameo: "043"}, []string{d2}},
		{"cameo sub-code", store.EventFilter{Cameo: "03"}, []string{a3}},
		{"cameo negated hidden", store.EventFilter{Cameo: "057"}, []string{d3}},
		{"cameo negated all", store.EventFilter{Cameo: "057", All: true}, []string{d3, a4}},
		{"cameo hypothetical hidden", store.EventFilter{Cameo: "13"}, nil},
		{"cameo hypothetical all", store.EventFilter{Cameo: "13", All: true}, []string{a5}},

		{"quad 1", store.EventFilter{QuadClass: 1}, []string{d1, d2, d3, a1, a2, a3, b3}},
		{"quad 3", store.EventFilter{QuadClass: 3}, []string{b2}},
		{"quad 3 all", store.EventFilter{QuadClass: 3, All: true}, []string{a5, b2}},
		{"quad 4", store.EventFilter{QuadClass: 4}, []string{b1}},

		{"article", store.EventFilter{ArticleID: MeetingID}, []string{a1, a2, a3}},
		{"article all", store.EventFilter{ArticleID: MeetingID, All: true}, []string{a1, a2, a3, a4, a5}},
		{"article unknown", store.EventFilter{ArticleID: "nope"}, nil},

		{"text body", store.EventFilter{Text: "Mishustin"}, []string{a1, a2, a3}},
		{"text title only", store.EventFilter{Text: "slaps"}, []string{b1, b2, b3}},
		{"text all words", store.EventFilter{Text: "Gazprom Kremlin"}, []string{d1, d2, d3}},
		{"text words in different articles", store.EventFilter{Text: "Xi Mishustin"}, nil},
		{"text phrase", store.EventFilter{Text: `"video link"`}, []string{a1, a2, a3}},
		{"text phrase order", store.EventFilter{Text: `"link video"`}, nil},
		{"text punctuation", store.EventFilter{Text: "co-chaired"}, []string{a1, a2, a3}},
		{"text no match", store.EventFilter{Text: "zeppelin"}, nil},
		{"text and source", store.EventFilter{Text: "Mishustin", Source: "RUS"}, []string{a2}},

		{"limit", store.EventFilter{Limit: 2}, []string{d1, d2}},
		{"limit offset", store.EventFilter{Limit: 2, Offset: 2}, []string{d3, a1}},
		{"offset only", store.EventFilter{Offset: 8}, []string{b3}},
		{"offset past end", store.EventFilter{Limit: 10, Offset: 20}, nil},
		{"limit after filter", store.EventFilter{Actor: "RUS", All: true, Limit: 3, Offset: 4}, []string{a2, a3, a4}},

		{"combined", store.EventFilter{Actor: "CHN", Since: "2020-01-01", Cameo: "04"}, []string{a1, a2}},

		// Locations: a1 Beijing, b1 Washington (cities), b3 the United States (country level),
		// d1 and d2 Moscow.
		{"country", store.EventFilter{Country: "RUS"}, []string{d1, d2}},
		{"country lower case", store.EventFilter{Country: "usa"}, []string{b1, b3}},
		{"country name", store.EventFilter{Country: "United States"}, []string{b1, b3}},
		{"country unknown code", store.EventFilter{Country: "XYZ"}, nil},
		{"country and actor", store.EventFilter{Country: "USA", Actor: "IGO"}, []string{b3}},
		{"near city", store.EventFilter{Near: "Moscow"}, []string{d1, d2}},
		{"near city with region", store.EventFilter{Near: "Washington, D.C."}, []string{b1}},
		{"near beyond the radius", store.EventFilter{Near: "Tianjin"}, nil}, // ~110 km from Beijing
		{"near within a radius", store.EventFilter{Near: "Tianjin:150km"}, []string{a1}},
		{"near radius in miles", store.EventFilter{Near: "Tianjin:100mi"}, []string{a1}},
		{"near a point", store.EventFilter{Near: "55.75,37.62:5km"}, []string{d1, d2}},
		{"near a division", store.EventFilter{Near: "District of Columbia"}, []string{b1}},
		{"near a country", store.EventFilter{Near: "Russia"}, []string{d1, d2}},
		{"near a country-level location is no point", store.EventFilter{Near: "40,20:12000km"}, []string{d1, d2, a1, b1}},
		{"near an unknown place", store.EventFilter{Near: "Qwxyzville"}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := eventIDs(t, s, c.f); !slices.Equal(got, c.want) {
				t.Errorf("Events(%+v)\n got %v\nwant %v", c.f, got, c.want)
			}
		})
	}
}

// testEventsLocationErrors: a location filter that cannot be understood is an error naming it,
// not an empty result.
func testEventsLocationErrors(t *testing.T, s store.Store) {
	save(t, s, Fixtures()...)
	for _, f := range []store.EventFilter{
		{Country: "Narnia"},
		{Near: "Moscow:far"},
		{Near: "Moscow:-5km"},
		{Near: "95,10"},
		{Near: ":10km"},
	} {
		if ev, err := s.Events(context.Background(), f); err == nil {
			t.Errorf("Events(%+v) = %d events, want an error", f, len(ev))
		} else if v := f.Country + f.Near; !strings.Contains(err.Error(), v) {
			t.Errorf("Events(%+v): error %q does not name %q", f, err, v)
		}
	}
}

// testEventsComplete: Events returns whole events, the same as Document does.
func testEventsComplete(t *testing.T, s store.Store) {
	ctx := context.Background()
	save(t, s, Fixtures()...)
	for _, id := range []string{MeetingID, SanctionsID, VisitID} {
		doc, err := s.Document(ctx, id)
		if err != nil {
			t.Fatalf("Document(%q): %v", id, err)
		}
		got, err := s.Events(ctx, store.EventFilter{ArticleID: id, All: true})
		if err != nil {
			t.Fatalf("Events: %v", err)
		}
		if !reflect.DeepEqual(got, doc.Events) {
			t.Errorf("Events(ArticleID %q) differ from Document's:\n got %s\nwant %s", id, js(got), js(doc.Events))
		}
	}
}

func testEvent(t *testing.T, s store.Store) {
	ctx := context.Background()
	saved := Meeting()
	save(t, s, Sanctions(), saved)
	for _, want := range saved.Events { // negated and hypothetical ones too: Event takes no filter
		got, err := s.Event(ctx, want.ID)
		if err != nil {
			t.Fatalf("Event(%q): %v", want.ID, err)
		}
		if !reflect.DeepEqual(*got, want) {
			t.Errorf("Event(%q)\n got %s\nwant %s", want.ID, js(got), js(want))
		}
		gid := strconv.FormatInt(want.GlobalID, 10)
		got, err = s.Event(ctx, gid)
		if err != nil {
			t.Fatalf("Event(%s): %v", gid, err)
		}
		if got.ID != want.ID {
			t.Errorf("Event(%s) = %q, want %q", gid, got.ID, want.ID)
		}
	}
}

func testDocumentRoundTrip(t *testing.T, s store.Store) {
	ctx := context.Background()
	docs := Fixtures()
	save(t, s, docs...)
	for _, want := range docs {
		got, err := s.Document(ctx, want.ID)
		if err != nil {
			t.Fatalf("Document(%q): %v", want.ID, err)
		}
		for _, e := range got.Events {
			if e.GlobalID == 0 || e.DateAdded == "" {
				t.Errorf("%s: GlobalID %d, DateAdded %q: not set", e.ID, e.GlobalID, e.DateAdded)
			}
		}
		// want carries what Save wrote back (GlobalID, DateAdded); compare everything else
		// too. Times compare as instants: an engine may hand back another zone.
		if got.Article == nil {
			t.Fatalf("Document(%q).Article is nil", want.ID)
		}
		if !got.Article.PubDate.Equal(want.Article.PubDate) {
			t.Errorf("%s: PubDate %v, want %v", want.ID, got.Article.PubDate, want.Article.PubDate)
		}
		ga, wa := *got.Article, *want.Article
		ga.PubDate, wa.PubDate = time.Time{}, time.Time{}
		if !reflect.DeepEqual(ga, wa) {
			t.Errorf("%s: Article\n got %s\nwant %s", want.ID, articleJS(ga), articleJS(wa))
		}
		g, w := *got, *want
		g.Article, w.Article = nil, nil
		if !reflect.DeepEqual(g, w) {
			t.Errorf("%s: Document\n got %s\nwant %s", want.ID, js(g), js(w))
		}
	}
}

func testNotFound(t *testing.T, s store.Store) {
	ctx := context.Background()
	save(t, s, Meeting())
	for _, id := range []string{"no-such-article", SanctionsID} {
		_, err := s.Document(ctx, id)
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Document(%q) = %v, want ErrNotFound", id, err)
		} else if !strings.Contains(err.Error(), id) {
			t.Errorf("Document(%q) error %q does not name the id", id, err)
		}
	}
	for _, id := range []string{"no-such-event", "999999999"} {
		if _, err := s.Event(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("Event(%q) = %v, want ErrNotFound", id, err)
		} else if !strings.Contains(err.Error(), id) {
			t.Errorf("Event(%q) error %q does not name the id", id, err)
		}
	}
}

func testStats(t *testing.T, s store.Store) {
	before := time.Now().UTC().Truncate(time.Second)
	docs := Fixtures()
	save(t, s, docs...)
	after := time.Now().UTC().Add(time.Second)
	st := stats(t, s)
	var want store.Stats
	for _, d := range docs {
		want.Articles++
		want.Events += int64(len(d.Events))
		want.Actors += int64(len(d.Actors))
		want.Meetings += int64(len(d.Meetings))
	}
	if st.Articles != want.Articles || st.Events != want.Events || st.Actors != want.Actors || st.Meetings != want.Meetings {
		t.Errorf("Stats = %+v, want counts %+v", st, want)
	}
	if st.Newest.Before(before) || st.Newest.After(after) {
		t.Errorf("Stats.Newest = %v, want within the Save call [%v, %v]", st.Newest, before, after)
	}
}

func eventIDs(t *testing.T, s store.Store, f store.EventFilter) []string {
	t.Helper()
	ev, err := s.Events(context.Background(), f)
	if err != nil {
		t.Fatalf("Events(%+v): %v", f, err)
	}
	return ids(ev)
}

func ids(events []dateline.Event) []string {
	var out []string
	for _, e := range events {
		out = append(out, e.ID)
	}
	return out
}

func js(v any) string {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// articleJS shows an Article with the fields its JSON tags hide.
func articleJS(a dateline.Article) string {
	type shown struct {
		dateline.Article
		Paragraphs [][2]int
		LeadEnd    int
	}
	return js(shown{a, a.Paragraphs, a.LeadEnd})
}
