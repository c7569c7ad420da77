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
