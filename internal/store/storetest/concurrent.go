package storetest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store"
)

// The cases in this file came with the PostgreSQL store and the queue of workers in front of
// it: what a worker relies on (many writers, redelivered documents, look-ups of many ids) and
// input both engines must take without an error.

// testSaveConcurrent: writers saving the same documents at once, as redelivered queue messages
// make them do, store each article exactly once between them, and GlobalIDs stay unique.
func testSaveConcurrent(t *testing.T, s store.Store) {
	const writers = 4
	batch := func(w int) []*dateline.Document {
		docs := append(Fixtures(), SameBody(fmt.Sprintf("copy-%d", w)))
		for i := range 8 {
			docs = append(docs, SameBody(fmt.Sprintf("shared-%d", i)))
		}
		if w%2 == 1 { // the other half in the opposite order
			slices.Reverse(docs)
		}
		return docs
	}
	results := make([]store.SaveResult, writers)
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for w := range writers {
		docs := batch(w)
		wg.Go(func() { results[w], errs[w] = s.Save(context.Background(), docs) })
	}
	wg.Wait()
	var total store.SaveResult
	for w, err := range errs {
		if err != nil {
			t.Fatalf("writer %d: Save: %v", w, err)
		}
		total.Articles += results[w].Articles
		total.Skipped += results[w].Skipped
		total.Events += results[w].Events
	}
	// Every writer has the 3 fixtures, 8 shared copies and one copy of its own.
	shared := 3 + 8
	wantArticles := shared + writers
	wantEvents := eventCount(Fixtures()...) + (8+writers)*len(SameBody("x").Events)
	if total.Articles != wantArticles || total.Skipped != (writers-1)*shared || total.Events != wantEvents {
		t.Errorf("Saves added %d articles (%d skipped) and %d events, want %d (%d) and %d",
			total.Articles, total.Skipped, total.Events, wantArticles, (writers-1)*shared, wantEvents)
	}
	st := stats(t, s)
	if st.Articles != int64(wantArticles) || st.Events != int64(wantEvents) {
		t.Errorf("Stats = %+v, want %d articles and %d events", st, wantArticles, wantEvents)
	}
	ev, err := s.Events(context.Background(), store.EventFilter{All: true})
	if err != nil {
		t.Fatalf("Events: %v", err)
	}
	gids, eids := map[int64]bool{}, map[string]bool{}
	for _, e := range ev {
		if gids[e.GlobalID] || eids[e.ID] {
			t.Errorf("event %s (GlobalID %d) stored twice", e.ID, e.GlobalID)
		}
		gids[e.GlobalID], eids[e.ID] = true, true
	}
}

// testHasMany: Has takes more ids than a statement has parameters in SQLite.
func testHasMany(t *testing.T, s store.Store) {
	save(t, s, Fixtures()...)
	ids := []string{VisitID}
	for i := range 1200 {
		ids = append(ids, fmt.Sprintf("absent-%d", i))
	}
	ids = append(ids, MeetingID)
	has, err := s.Has(context.Background(), ids)
	if err != nil {
		t.Fatalf("Has(%d ids): %v", len(ids), err)
	}
	if len(has) != 2 || !has[VisitID] || !has[MeetingID] {
		t.Errorf("Has(%d ids) = %v, want the visit and the meeting", len(ids), has)
	}
}

// testEventsTextInput: search text is the user's words, never the engine's query syntax, so
// operators, stray quotes and punctuation neither fail nor change the match.
func testEventsTextInput(t *testing.T, s store.Store) {
	save(t, s, Fixtures()...)
	all := eventCount(Fixtures()...)
	for text, want := range map[string]int{
		`Mishustin AND`:        5, // the meeting: "and" is a word (or a stop word), not an operator
		`sanction`:             3, // stemmed: matches "sanctions"
		`NEAR(Li Putin)`:       0, // no story has the word "near"
		`title:slaps`:          0, // the words "title slaps", not a column filter
		`"unclosed quote`:      0,
		`-- ..`:                all, // no words: no restriction
		`Li*`:                  5,   // the word "li", not a prefix query
		`Xi^`:                  3,
		`Mishustin OR Xi`:      0, // "or" is a word (or a stop word), not an operator
		`-Mishustin`:           5, // a hyphen is punctuation, not negation
		`Kremlin & | ! <-> :*`: 3,
	} {
		ev, err := s.Events(context.Background(), store.EventFilter{Text: text, All: true})
		if err != nil {
			t.Errorf("Events(Text %q): %v", text, err)
			continue
		}
		if len(ev) != want {
			t.Errorf("Events(Text %q) = %d events, want %d", text, len(ev), want)
		}
	}
}

// testSaveSkipsFailedAndNil: a document whose coding failed is not stored (a re-run must code
// it again), nor is a nil one.
func testSaveSkipsFailedAndNil(t *testing.T, s store.Store) {
	failed := &dateline.Document{ID: "broken.txt", Error: "no body"}
	res := save(t, s, nil, failed, Visit())
	if want := (store.SaveResult{Articles: 1, Events: len(Visit().Events)}); res != want {
		t.Errorf("Save = %+v, want %+v (the one good document only)", res, want)
	}
	if has, err := s.Has(context.Background(), []string{"broken.txt"}); err != nil || has["broken.txt"] {
		t.Errorf("Has(broken.txt) = %v, %v: a document that failed coding was stored", has, err)
	}
}

// testSaveRejectsMissingID: a document without an id fails the whole call, which stores
// nothing.
func testSaveRejectsMissingID(t *testing.T, s store.Store) {
	doc := Visit()
	doc.ID = ""
	if _, err := s.Save(context.Background(), []*dateline.Document{Meeting(), doc}); err == nil {
		t.Fatal("Save of a document without id succeeded")
	}
	if st := stats(t, s); st.Articles != 0 {
		t.Errorf("a failed Save stored %d articles", st.Articles)
	}
}

// testSaveDerivesEventID: an event without an ID is stored as "<article id>#<index>".
func testSaveDerivesEventID(t *testing.T, s store.Store) {
	doc := Visit()
	doc.Events[1].ID = ""
	doc.Events[1].ArticleID = ""
	save(t, s, doc)
	want := VisitID + "#1"
	if e := doc.Events[1]; e.ID != want || e.ArticleID != VisitID {
		t.Errorf("event written back as id %q article %q, want %q, %q", e.ID, e.ArticleID, want, VisitID)
	}
	if _, err := s.Event(context.Background(), want); err != nil {
		t.Errorf("Event(%q): %v", want, err)
	}
}

// testEventsBadDate: a malformed date is an error, not an empty result.
func testEventsBadDate(t *testing.T, s store.Store) {
	for _, f := range []store.EventFilter{{Since: "2020"}, {Until: "12/02/2020"}, {Since: "2020-13-01"}} {
		if _, err := s.Events(context.Background(), f); err == nil {
			t.Errorf("Events(%+v) accepted a malformed date", f)
		}
	}
}
