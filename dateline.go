// Package dateline holds the domain types that pass between dateline's stages: raw documents,
// articles, sentences, actors, events and meetings. Stages live in internal/ and depend on these
// types, never on each other's internals.
package dateline

import "time"

// RawDoc is one document as ingest read it, before any analysis.
type RawDoc struct {
	ID        string            `json:"id,omitempty"`        // the input's id, or the file name
	URL       string            `json:"url,omitempty"`       // where it came from, when known
	Title     string            `json:"title,omitempty"`     // headline, when given
	Published string            `json:"published,omitempty"` // publication time as given (may be empty)
	Text      string            `json:"text"`                // the story as given, header and dateline included
	Meta      map[string]string `json:"meta,omitempty"`      // unknown input fields, kept but never used for coding
	Origin    string            `json:"origin,omitempty"`    // file:line or file, for error messages
}

// Dateline is the wire dateline at the head of a story: "BEIJING, Dec. 2 (Xinhua) --".
type Dateline struct {
	Place   string `json:"place"`            // as written, title-cased ("Beijing")
	Region  string `json:"region,omitempty"` // state, province or country after it ("Calif.", "South Africa")
	Country string `json:"country"`          // ISO3 of the place, when resolved
	Agency  string `json:"agency"`           // news agency named in it ("Xinhua", "Reuters")
	Date    string `json:"date"`             // the dateline's day resolved to YYYY-MM-DD, or ""
	Raw     string `json:"raw,omitempty"`
	// Location is the gazetteer entry the place resolved to (with coordinates for a city), or nil.
	Location *Location `json:"location,omitempty"`
}

// Article is a document with its header, dateline and body separated, and its event date resolved.
type Article struct {
	ID         string            `json:"id"`
	URL        string            `json:"url,omitempty"`
	Title      string            `json:"title,omitempty"`
	Published  string            `json:"published,omitempty"` // as given
	PubDate    time.Time         `json:"-"`                   // parsed publication date (zero if unknown)
	Body       string            `json:"body"`                // the text spans point into (header line removed)
	Dateline   Dateline          `json:"dateline"`
	Date       string            `json:"date"`        // event date YYYY-MM-DD ("" if nothing known)
	DateSource string            `json:"date_source"` // dateline | text | published | ""
	DateNote   string            `json:"date_note,omitempty"`
	Paragraphs [][2]int          `json:"-"`    // byte spans of paragraphs in Body
	LeadEnd    int               `json:"-"`    // end of the lead paragraph in Body
	Hash       string            `json:"hash"` // content hash of Body
	Meta       map[string]string `json:"meta,omitempty"`
}

// Token is one word or punctuation mark of a sentence.
type Token struct {
	Text  string // as in the body
	Lemma string // lower-case base form
	Tag   string // Penn Treebank part-of-speech tag
	Start int    // byte offset into Article.Body
	End   int
}

// Sentence is a sentence of an article with its tokens.
type Sentence struct {
	Index     int
	Paragraph int
	Start     int // byte offsets into Article.Body
	End       int
	Text      string
	Tokens    []Token
}

// Mention is one place where an actor is named or referred to.
type Mention struct {
	Text string `json:"text"`
	Span [2]int `json:"span"` // byte offsets into Article.Body
}

// Actor is one entity of an article (a chain of mentions) with its resolved CAMEO code.
type Actor struct {
	Name     string    `json:"name"`
	Code     string    `json:"code"`
	Country  string    `json:"country"`
	Agent    string    `json:"agent"`
	Type     string    `json:"type"`   // person | organisation | country | place | group
	Source   string    `json:"source"` // kb | article | inferred
	Role     string    `json:"role,omitempty"`
	Mentions []Mention `json:"mentions"`
}

// ActorRef is one side of an event.
type ActorRef struct {
	Text    string `json:"text"`
	Name    string `json:"name,omitempty"`
	Code    string `json:"code"`
	Country string `json:"country"`
	Agent   string `json:"agent"`
}

// Location is where an event happened, with its precision. Only a city is a point: a division
// or a country has no coordinates (lat and lon are then left out of JSON), so that nothing is
// pinned to a centroid.
type Location struct {
	Name      string  `json:"name"`
	FullName  string  `json:"full_name,omitempty"` // "Salvador, Bahia, Brazil", as GDELT's Geo_FullName
	Country   string  `json:"country"`
	Precision string  `json:"precision"` // city | division | country
	Lat       float64 `json:"lat,omitempty"`
	Lon       float64 `json:"lon,omitempty"`
	ADM1      string  `json:"adm1,omitempty"`       // GDELT's ADM1 code: FIPS country code + division code ("CH22")
	FeatureID string  `json:"feature_id,omitempty"` // GeoNames id of a city; the ADM1 code of a division
}

// Event is one coded event, with the evidence behind it.
type Event struct {
	ID         string    `json:"id"`
	ArticleID  string    `json:"article_id"`
	Date       string    `json:"date"`
	DateSource string    `json:"date_source"`
	Source     *ActorRef `json:"source"`
	Target     *ActorRef `json:"target"`
	Cameo      string    `json:"cameo"`
	CameoRoot  string    `json:"cameo_root"`
	Plover     string    `json:"plover"`
	QuadClass  int       `json:"quad_class"`
	Goldstein  float64   `json:"goldstein"`
	Negated    bool      `json:"negated"`
	Mood       string    `json:"mood"` // asserted | intended | requested | hypothetical
	Location   *Location `json:"location"`
	Topics     []string  `json:"topics"`
	Sentence   string    `json:"sentence"`
	Span       [2]int    `json:"span"`
	Trigger    string    `json:"trigger"`
	Rule       string    `json:"rule"`
	Confidence float64   `json:"confidence"`
	IsRoot     bool      `json:"is_root"`
	// Mutual marks a joint act of source and target ("Jordan and Britain agreed to hold
	// exercises"): one event, read in both directions, not one row each way.
	Mutual bool `json:"mutual,omitempty"`

	// Report counts as GDELT defines them; 1 until the story stage merges reports.
	NumMentions int    `json:"num_mentions"`
	NumSources  int    `json:"num_sources"`
	NumArticles int    `json:"num_articles"`
	SourceURL   string `json:"source_url,omitempty"`

	// Set by the store: GDELT's GLOBALEVENTID (the store's integer sequence) and DATEADDED.
	GlobalID  int64  `json:"global_id,omitempty"`
	DateAdded string `json:"date_added,omitempty"` // RFC 3339, UTC
}

// Counted reports whether an event counts by default: negated and hypothetical events are kept
// for audit only.
func (e *Event) Counted() bool { return !e.Negated && e.Mood != MoodHypothetical }

// Event moods.
const (
	MoodAsserted     = "asserted"
	MoodIntended     = "intended"
	MoodRequested    = "requested"
	MoodHypothetical = "hypothetical"
)

// Participant is an actor taking part in a meeting.
type Participant struct {
	Code string `json:"code"`
	Name string `json:"name,omitempty"`
	Role string `json:"role,omitempty"` // host | guest | co-chair | participant
}

// Meeting is a meeting, summit, visit or call reported by an article.
type Meeting struct {
	ID           string        `json:"id,omitempty"`
	ArticleID    string        `json:"article_id,omitempty"`
	Kind         string        `json:"kind"`
	Ordinal      int           `json:"ordinal,omitempty"`
	Series       string        `json:"series,omitempty"`
	Date         string        `json:"date"`
	Place        string        `json:"place,omitempty"`
	Format       string        `json:"format,omitempty"`
	Participants []Participant `json:"participants"`
	Outcomes     []string      `json:"outcomes"`
	Topics       []string      `json:"topics"`
	Sentence     string        `json:"sentence,omitempty"`
	// Agreements are the documents of Outcomes with what was done to them and by whom, for the
	// agreements register.
	Agreements []Agreement `json:"agreements,omitempty"`
}

// Agreement is a document a meeting produced: signed, passed, adopted, issued or reached.
type Agreement struct {
	Title   string   `json:"title"`            // as the article names it: "joint communique"
	Action  string   `json:"action,omitempty"` // signed | passed | adopted | issued | reached | approved
	Parties []string `json:"parties"`          // actor codes
	Topics  []string `json:"topics"`
}

// Document is the coded form of one article: what `dateline code` writes, one JSON line each.
type Document struct {
	ID         string     `json:"id"`
	Title      string     `json:"title"`
	Published  string     `json:"published"`
	Date       string     `json:"date"`
	DateSource string     `json:"date_source"`
	Dateline   Dateline   `json:"dateline"`
	Actors     []Actor    `json:"actors"`
	Events     []Event    `json:"events"`
	Meetings   []Meeting  `json:"meetings"`
	Error      string     `json:"error,omitempty"`
	Article    *Article   `json:"-"`
	Sentences  []Sentence `json:"-"`
}
