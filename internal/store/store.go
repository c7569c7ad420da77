// Package store defines how coded documents are kept and queried; store/sqlite and
// store/postgres implement it with the same semantics, checked by one shared test suite.
package store

import (
	"context"
	"errors"
	"time"

	"github.com/dateline-news/dateline"
)

// ErrNotFound is returned when a requested record does not exist.
var ErrNotFound = errors.New("not found")

// SaveResult says what one Save call changed.
type SaveResult struct {
	Articles int // articles added
	Skipped  int // articles already stored under the same key (nothing written for them)
	Events   int // events added
}

// EventFilter selects events. Zero values mean "no restriction".
type EventFilter struct {
	Actor     string // matches the start of the source or target code, or its country ("CHN", "CHNGOV", "IGO")
	Source    string // like Actor, source side only
	Target    string // like Actor, target side only
	Since     string // YYYY-MM-DD, inclusive, on the event date
	Until     string // YYYY-MM-DD, inclusive
	Cameo     string // code prefix ("04", "057")
	QuadClass int    // 1..4
	ArticleID string
	Text      string // full-text query over the article (title and body)
	Country   string // the event's location is in this country: ISO3 ("CHN") or a country name
	Near      string // the event's location is near a place: "Geneva", "Geneva:100km", "46.2,6.15:30mi", a division or a country (see place.Area)
	All       bool   // include negated and hypothetical events (kept for audit, not counted by default)
	Reports   bool   // list every report of an event, not only the merged event (see StoryStore)
	Limit     int    // 0 = no limit
	Offset    int
}

// Store keeps articles with their actors, events and meetings.
type Store interface {
	// Save writes each document's article, actors, events and meetings in one transaction per
	// call. An article whose key (its ID) is already stored is skipped entirely, so re-ingesting
	// the same input adds nothing. Save assigns each new event its GlobalID and DateAdded.
	Save(ctx context.Context, docs []*dateline.Document) (SaveResult, error)
	// Has reports which of the given article IDs are already stored.
	Has(ctx context.Context, ids []string) (map[string]bool, error)
	// Events lists events matching f, ordered by event date, then GlobalID.
	Events(ctx context.Context, f EventFilter) ([]dateline.Event, error)
	// Event returns one event by its ID or, if id is all digits, its GlobalID.
	Event(ctx context.Context, id string) (*dateline.Event, error)
	// Document returns a stored article with its actors, events and meetings.
	Document(ctx context.Context, articleID string) (*dateline.Document, error)
	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)
	Close() error
}

// Stats counts stored rows.
type Stats struct {
	Articles int64
	Events   int64
	Actors   int64
	Meetings int64
	Newest   time.Time // when the newest article was stored
}

// LearnedActor is a person an article introduced by title and nationality that the knowledge
// base lacks, remembered so later articles can resolve a bare mention of them.
type LearnedActor struct {
	Name      string `json:"name"`
	Code      string `json:"code"`
	Country   string `json:"country"`
	Agent     string `json:"agent"`
	Office    string `json:"office,omitempty"`
	FirstDate string `json:"first_date"`
	ArticleID string `json:"article_id"`
	Evidence  string `json:"evidence"`
	Count     int    `json:"count"`
	Status    string `json:"status"` // pending | confirmed | rejected
}

// ActorStore is implemented by stores that remember learned actors.
type ActorStore interface {
	// LearnActors adds actors, or counts another article for ones already known (their code
	// and status are kept: a user's decision is not overwritten).
	LearnActors(ctx context.Context, actors []LearnedActor) error
	// LearnedActors lists learned actors with the given status ("" = all), most seen first.
	LearnedActors(ctx context.Context, status string) ([]LearnedActor, error)
	// SetLearnedActor sets an actor's status and, if code is not empty, its code.
	SetLearnedActor(ctx context.Context, name, status, code string) error
}

// StoryStore is implemented by stores that keep stories: which articles report one real-world
// event, which articles copy which, and the events of many reports merged into one record.
// It is separate from Store so that an engine can add it later; a store without it keeps
// every report's events as events of their own.
//
// A report's event that merges into an earlier event of its story keeps its row, with its
// sentence as evidence, and a link to that root event; the root's NumMentions, NumSources and
// NumArticles count all its reports, as GDELT defines them. Events lists root events only,
// unless EventFilter.Reports is set.
type StoryStore interface {
	// SaveStories saves docs as Save does and, in the same transaction, records each new
	// article's story and duplicate link and merges its events into the events of its story
	// they repeat. b.Articles holds one entry per document (by ArticleID); entries of documents
	// that Save skips are ignored.
	SaveStories(ctx context.Context, docs []*dateline.Document, b StoryBatch) (SaveResult, error)
	// StoryState returns what the story assigner needs to resume: its saved state, the
	// maxStories most recently extended open stories and the maxArticles newest articles, both
	// newest first.
	StoryState(ctx context.Context, maxStories, maxArticles int) (*StoryState, error)
	// Stories lists stories in the order they began, each with its articles and merged events.
	Stories(ctx context.Context, f StoryFilter) ([]Story, error)
	// Story returns one story; ErrNotFound if there is none with that id.
	Story(ctx context.Context, id string, all bool) (*Story, error)
}

// StoryBatch is what the story stage decided for a batch of documents.
type StoryBatch struct {
	Articles []ArticleStory
	Stories  []StoryRecord // stories opened or extended, with the assigner's profiles
	State    []byte        // the assigner's saved state, replacing the stored one (nil: unchanged)
}

// ArticleStory is one article's place in a story.
type ArticleStory struct {
	ArticleID   string
	StoryID     string
	DuplicateOf string  // the earlier article it copies, or ""
	Duplicate   string  // "exact" (same text), "near" (most of the same wording) or ""
	Similarity  float64 // to the original for a copy, else to the story it joined
	Outlet      string  // publishing source (URL host or agency), for NumSources
	Hash        string  // content hash (filled by StoryState; SaveStories takes the article's)
	Signature   []byte  // near-duplicate signature, kept so that a later run can compare
	Events      []EventMerge
}

// EventMerge says which earlier events of the same story an event repeats: those with the same
// Key whose date is within [From, To] (an empty bound, or an event without date, matches).
type EventMerge struct {
	Key      string
	From, To string
}

// StoryRecord is a story as the assigner keeps it.
type StoryRecord struct {
	ID       string
	Title    string
	Articles int    // articles the profile sums
	Profile  []byte // opaque to the store
}

// StoryState is the assigner's memory as the store returns it.
type StoryState struct {
	State    []byte
	Stories  []StoryRecord
	Articles []ArticleStory // with ArticleID, StoryID, Hash and Signature
}

// StoryFilter selects stories. Zero values mean "no restriction".
type StoryFilter struct {
	MinArticles int  // stories of at least this many articles
	All         bool // include negated and hypothetical events
	Limit       int
	Offset      int
}

// Story is a group of articles reporting one real-world event, with its merged events.
type Story struct {
	ID       string         `json:"id"` // its first article's id
	Title    string         `json:"title"`
	Articles []StoryArticle `json:"articles"`
	Events   []StoryEvent   `json:"events"`
}

// StoryArticle is one article of a story.
type StoryArticle struct {
	ID          string  `json:"id"`
	Title       string  `json:"title"`
	URL         string  `json:"url,omitempty"`
	Outlet      string  `json:"outlet,omitempty"`
	Date        string  `json:"date,omitempty"`
	DuplicateOf string  `json:"duplicate_of,omitempty"`
	Duplicate   string  `json:"duplicate,omitempty"`
	Similarity  float64 `json:"similarity,omitempty"`
}

// StoryEvent is a merged event with every report of it.
type StoryEvent struct {
	dateline.Event
	Reports []Report `json:"reports"`
}

// Report is one article's mention of an event: the evidence behind a merged event.
type Report struct {
	EventID   string `json:"event_id"`
	ArticleID string `json:"article_id"`
	Sentence  string `json:"sentence"`
	Span      [2]int `json:"span"`
}

// MeetingFilter selects meetings, and agreements by the meeting they came from. Zero values
// mean "no restriction".
type MeetingFilter struct {
	Actor     string // a participant's code (for agreements: a party's) starts with this ("CHN", "RUSGOV", "IGO")
	Series    string // the series name contains this, ignoring case ("Chinese and Russian heads")
	Kind      string // the meeting's kind exactly ("summit", "visit", "phone call")
	Since     string // YYYY-MM-DD, inclusive, on the meeting date
	Until     string // YYYY-MM-DD, inclusive
	ArticleID string
	Limit     int // 0 = no limit
	Offset    int
}

// Agreement is one entry of the agreements register: a document a meeting produced, with the
// meeting it came from.
type Agreement struct {
	dateline.Agreement
	MeetingID string `json:"meeting_id"`
	ArticleID string `json:"article_id"`
	Date      string `json:"date"`
	Kind      string `json:"kind"` // of the meeting
	Series    string `json:"series,omitempty"`
	Ordinal   int    `json:"ordinal,omitempty"`
}

// MeetingStore is implemented by stores that can query the meetings they keep and the
// agreements register. It is separate from Store so that an engine can add it later; callers
// type-assert.
type MeetingStore interface {
	// Meetings lists meetings matching f, ordered by date, then ordinal, article and position
	// in the article: a series lists in the order of its meetings.
	Meetings(ctx context.Context, f MeetingFilter) ([]dateline.Meeting, error)
	// Agreements lists the documents of the meetings matching f (f.Actor matching a party of
	// the document), in the order of Meetings, then as the article names them.
	Agreements(ctx context.Context, f MeetingFilter) ([]Agreement, error)
}
