package storetest

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store"
)

// meetingCases are the MeetingStore cases; Run skips them for a store without meetings queries.
var meetingCases = []struct {
	name string
	fn   func(t *testing.T, s meetingStore)
}{
	{"MeetingsFilter", testMeetingsFilter},
	{"MeetingsRoundTrip", testMeetingsRoundTrip},
	{"MeetingsBadDate", testMeetingsBadDate},
	{"Agreements", testAgreements},
}

// meetingStore is a store with meeting queries.
type meetingStore interface {
	store.Store
	store.MeetingStore
}

// runMeetings runs a meeting case on a store that implements MeetingStore, else skips it.
func runMeetings(t *testing.T, s store.Store, fn func(t *testing.T, s meetingStore)) {
	ms, ok := s.(meetingStore)
	if !ok {
		t.Skip("this store does not implement store.MeetingStore")
	}
	fn(t, ms)
}

// SeriesID is the article of SeriesReport.
const SeriesID = "tass-20211130-ru-cn-heads-of-government"

// SeriesReport is a later article on the series of the Meeting fixture: the 26th meeting
// (2021-11-30, with two agreements) and, reported in passing, the 24th (2019-09-17), so that
// the series has ordinals 24, 25 and 26 across two articles and the 25th comes from the other.
func SeriesReport() *dateline.Document {
	const s1 = "Russian Prime Minister Mikhail Mishustin and Chinese Premier Li Keqiang held the 26th regular meeting of heads of government via video link on Tuesday and signed a joint communique and an agreement on space cooperation."
	body := "MOSCOW, Nov. 30 (TASS) -- " + s1
	b := newBuilder(SeriesID, body)
	series := "regular meeting between Chinese and Russian heads of government"
	cochairs := []dateline.Participant{
		{Code: "RUSGOV", Name: "Mikhail Mishustin", Role: "co-chair"},
		{Code: "CHNGOV", Name: "Li Keqiang", Role: "co-chair"},
	}
	doc := &dateline.Document{
		ID: SeriesID, Title: "Russia, China hold 26th regular meeting of heads of government",
		Published: "2021-11-30", Date: "2021-11-30", DateSource: "dateline",
		Dateline: dateline.Dateline{Place: "Moscow", Country: "RUS", Agency: "TASS", Date: "2021-11-30", Raw: "MOSCOW, Nov. 30 (TASS) --"},
		Actors:   []dateline.Actor{},
		Events:   []dateline.Event{},
		Meetings: []dateline.Meeting{{
			Kind: "regular meeting", Ordinal: 26, Series: series, Date: "2021-11-30", Place: "virtual", Format: "video link",
			Participants: cochairs,
			Outcomes:     []string{"joint communique", "agreement on space cooperation"},
			Topics:       []string{"space"},
			Sentence:     s1,
			Agreements: []dateline.Agreement{
				{Title: "joint communique", Action: "signed", Parties: []string{"CHNGOV", "RUSGOV"}, Topics: []string{}},
				{Title: "agreement on space cooperation", Action: "signed", Parties: []string{"CHNGOV", "RUSGOV"}, Topics: []string{"space"}},
			},
		}, {
			Kind: "regular meeting", Ordinal: 24, Series: series, Date: "2019-09-17", Place: "St. Petersburg", Format: "in person",
			Participants: []dateline.Participant{
				{Code: "RUSGOV", Name: "Dmitry Medvedev", Role: "co-chair"},
				{Code: "CHNGOV", Name: "Li Keqiang", Role: "co-chair"},
			},
			Outcomes: []string{}, Topics: []string{},
		}},
	}
	doc.Article = b.article(doc, time.Date(2021, 11, 30, 12, 0, 0, 0, time.UTC))
	return doc
}

func meetingIDs(t *testing.T, s meetingStore, f store.MeetingFilter) []string {
	t.Helper()
	ms, err := s.Meetings(context.Background(), f)
	if err != nil {
		t.Fatalf("Meetings(%+v): %v", f, err)
	}
	var ids []string
	for _, m := range ms {
		ids = append(ids, m.ID)
	}
	return ids
}

func testMeetingsFilter(t *testing.T, s meetingStore) {
	save(t, s, append(Fixtures(), SeriesReport())...)
	var (
		m25   = MeetingID + "/m1"
		visit = VisitID + "/m1" // the Visit fixture's meeting has no id: the store derives it
		m26   = SeriesID + "/m1"
		m24   = SeriesID + "/m2"
	)
	for _, c := range []struct {
		name string
		f    store.MeetingFilter
		want []string
	}{
		{"all, by date", store.MeetingFilter{}, []string{visit, m24, m25, m26}},
		{"actor country", store.MeetingFilter{Actor: "RUS"}, []string{visit, m24, m25, m26}},
		{"actor code lower case", store.MeetingFilter{Actor: "chngov"}, []string{visit, m24, m25, m26}},
		{"actor none", store.MeetingFilter{Actor: "USA"}, nil},
		{"series substring, any case", store.MeetingFilter{Series: "Chinese and RUSSIAN heads"}, []string{m24, m25, m26}},
		{"series literal percent", store.MeetingFilter{Series: "%"}, nil},
		{"kind", store.MeetingFilter{Kind: "visit"}, []string{visit}},
		{"since", store.MeetingFilter{Since: "2020-01-01"}, []string{m25, m26}},
		{"until", store.MeetingFilter{Until: "2019-12-31"}, []string{visit, m24}},
		{"article", store.MeetingFilter{ArticleID: SeriesID}, []string{m24, m26}},
		{"limit and offset", store.MeetingFilter{Series: "regular", Limit: 1, Offset: 1}, []string{m25}},
		{"combined", store.MeetingFilter{Actor: "CHN", Series: "regular", Since: "2020-06-01", Until: "2021-06-01"}, []string{m25}},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := meetingIDs(t, s, c.f); !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// testMeetingsRoundTrip: a listed meeting is the saved one, field for field, and Save wrote the
// derived ids back.
func testMeetingsRoundTrip(t *testing.T, s meetingStore) {
	doc := SeriesReport()
	save(t, s, doc)
	if doc.Meetings[0].ID != SeriesID+"/m1" || doc.Meetings[1].ArticleID != SeriesID {
		t.Errorf("Save did not set ids: %q, %q", doc.Meetings[0].ID, doc.Meetings[1].ArticleID)
	}
	got, err := s.Meetings(context.Background(), store.MeetingFilter{ArticleID: SeriesID, Kind: "regular meeting", Since: "2021-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0], doc.Meetings[0]) {
		t.Errorf("got %s\nwant %s", js(got), js(doc.Meetings[0]))
	}
}

func testMeetingsBadDate(t *testing.T, s meetingStore) {
	for _, f := range []store.MeetingFilter{{Since: "2020-13-01"}, {Until: "yesterday"}} {
		if _, err := s.Meetings(context.Background(), f); err == nil {
			t.Errorf("Meetings(%+v): no error", f)
		}
		if _, err := s.Agreements(context.Background(), f); err == nil {
			t.Errorf("Agreements(%+v): no error", f)
		}
	}
}

func testAgreements(t *testing.T, s meetingStore) {
	save(t, s, append(Fixtures(), SeriesReport())...)
	ctx := context.Background()
	all, err := s.Agreements(ctx, store.MeetingFilter{})
	if err != nil {
		t.Fatal(err)
	}
	// The fixtures' other meetings name outcomes without structured agreements: only the
	// 26th meeting's two documents are in the register.
	if len(all) != 2 {
		t.Fatalf("got %d agreements, want 2: %s", len(all), js(all))
	}
	want := store.Agreement{
		Agreement: dateline.Agreement{Title: "agreement on space cooperation", Action: "signed", Parties: []string{"CHNGOV", "RUSGOV"}, Topics: []string{"space"}},
		MeetingID: SeriesID + "/m1", ArticleID: SeriesID, Date: "2021-11-30", Kind: "regular meeting",
		Series: "regular meeting between Chinese and Russian heads of government", Ordinal: 26,
	}
	if !reflect.DeepEqual(all[1], want) {
		t.Errorf("got %s\nwant %s", js(all[1]), js(want))
	}
	if all[0].Title != "joint communique" {
		t.Errorf("first agreement %q, want the joint communique (the article's order)", all[0].Title)
	}
	for _, c := range []struct {
		f    store.MeetingFilter
		want int
	}{
		{store.MeetingFilter{Actor: "RUS"}, 2},
		{store.MeetingFilter{Actor: "USA"}, 0},
		{store.MeetingFilter{Series: "heads of government", Until: "2021-01-01"}, 0},
		{store.MeetingFilter{Since: "2021-11-30", Kind: "regular meeting"}, 2},
		{store.MeetingFilter{Limit: 1}, 1},
	} {
		got, err := s.Agreements(ctx, c.f)
		if err != nil {
			t.Fatalf("Agreements(%+v): %v", c.f, err)
		}
		if len(got) != c.want {
			t.Errorf("Agreements(%+v): %d, want %d", c.f, len(got), c.want)
		}
	}
}
