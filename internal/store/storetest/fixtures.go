package storetest

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// Article ids of the fixtures.
const (
	MeetingID   = "xinhua-20201202-cn-ru-heads-of-government"
	SanctionsID = "reuters-20210315-us-sanctions-russia"
	VisitID     = "xinhua-20190605-xi-state-visit-moscow"
)

// Fixtures returns fresh copies of the suite's three documents, in the order the suite saves
// them (which is not date order): the Chinese–Russian heads-of-government meeting
// (2020-12-02), U.S. sanctions on Russia (2021-03-15) and Xi Jinping's state visit to Moscow
// (2019-06-05). Each call builds new values, so a Save that writes ids back into one copy does
// not leak into another.
func Fixtures() []*dateline.Document {
	return []*dateline.Document{Meeting(), Sanctions(), Visit()}
}

// Meeting is the seed story: Li Keqiang and Mikhail Mishustin co-chair the 25th regular meeting
// of Chinese and Russian heads of government. Its events: CHNGOV→RUSGOV 040 and back, an intent
// to cooperate economically (0311), a negated agreement (057, "did not sign") and a
// hypothetical military threat (138, "could be met with").
func Meeting() *dateline.Document {
	const (
		s1 = "Chinese Premier Li Keqiang and Russian Prime Minister Mikhail Mishustin co-chaired the 25th regular meeting between Chinese and Russian heads of government via video link on Wednesday."
		s2 = "Li said China is willing to work with Russia to expand cooperation in trade, energy and science."
		s3 = "The two sides did not sign a new gas supply agreement at the meeting, officials said."
		s4 = "Mishustin warned that any attempt to encircle the two countries could be met with a military response."
	)
	body := "BEIJING, Dec. 2 (Xinhua) -- " + s1 + "\n\n" + s2 + "\n\n" + s3 + "\n\n" + s4
	b := newBuilder(MeetingID, body)
	li := &dateline.ActorRef{Text: "Chinese Premier Li Keqiang", Name: "Li Keqiang", Code: "CHNGOV", Country: "CHN", Agent: "GOV"}
	mi := &dateline.ActorRef{Text: "Russian Prime Minister Mikhail Mishustin", Name: "Mikhail Mishustin", Code: "RUSGOV", Country: "RUS", Agent: "GOV"}
	date := "2020-12-02"
	doc := &dateline.Document{
		ID:         MeetingID,
		Title:      "China, Russia hold 25th regular meeting of heads of government",
		Published:  "2020-12-02 21:47:10",
		Date:       date,
		DateSource: "dateline",
		Dateline:   dateline.Dateline{Place: "Beijing", Country: "CHN", Agency: "Xinhua", Date: date, Raw: "BEIJING, Dec. 2 (Xinhua) --"},
		Actors: []dateline.Actor{
			b.actor(dateline.Actor{Name: "Li Keqiang", Code: "CHNGOV", Country: "CHN", Agent: "GOV", Type: "person", Source: "kb", Role: "Premier"},
				"Chinese Premier Li Keqiang", "Li said"),
			b.actor(dateline.Actor{Name: "Mikhail Mishustin", Code: "RUSGOV", Country: "RUS", Agent: "GOV", Type: "person", Source: "kb", Role: "Prime Minister"},
				"Russian Prime Minister Mikhail Mishustin", "Mishustin warned"),
			b.actor(dateline.Actor{Name: "China", Code: "CHN", Country: "CHN", Type: "country", Source: "kb"}, "China is"),
			b.actor(dateline.Actor{Name: "Russia", Code: "RUS", Country: "RUS", Type: "country", Source: "kb"}, "with Russia"),
		},
		Events: []dateline.Event{
			b.event(MeetingID+"/e1", date, s1, li, mi, "040", "CONSULT", 1, 1.0, "co-chaired ... meeting", func(e *dateline.Event) {
				e.IsRoot = true
				e.Mutual = true // stored and read back
				e.Location = &dateline.Location{Name: "Beijing", Country: "CHN", Precision: "city", Lat: 39.9042, Lon: 116.4074, ADM1: "CH22", FeatureID: "-1898541"}
				e.Topics = []string{"trade", "energy"}
			}),
			b.event(MeetingID+"/e2", date, s1, mi, li, "040", "CONSULT", 1, 1.0, "co-chaired ... meeting", nil),
			b.event(MeetingID+"/e3", date, s2, &dateline.ActorRef{Text: "Li", Name: "Li Keqiang", Code: "CHNGOV", Country: "CHN", Agent: "GOV"},
				&dateline.ActorRef{Text: "Russia", Name: "Russia", Code: "RUS", Country: "RUS"}, "0311", "COOPERATE", 1, 5.2, "willing to work with", func(e *dateline.Event) {
					e.Topics = []string{"trade", "energy", "science"}
				}),
			b.event(MeetingID+"/e4", date, s3, &dateline.ActorRef{Text: "The two sides", Code: "CHNGOV", Country: "CHN", Agent: "GOV"},
				&dateline.ActorRef{Text: "The two sides", Code: "RUSGOV", Country: "RUS", Agent: "GOV"}, "057", "AGREE", 1, 8.0, "did not sign", func(e *dateline.Event) {
					e.Negated = true
					e.Confidence = 0.7
				}),
			b.event(MeetingID+"/e5", date, s4, &dateline.ActorRef{Text: "Mishustin", Name: "Mikhail Mishustin", Code: "RUSGOV", Country: "RUS", Agent: "GOV"},
				nil, "138", "THREATEN", 3, -7.0, "could be met with a military response", func(e *dateline.Event) {
					e.Mood = dateline.MoodHypothetical
					e.Confidence = 0.6
				}),
		},
		Meetings: []dateline.Meeting{{
			ID:        MeetingID + "/m1",
			ArticleID: MeetingID,
			Kind:      "meeting",
			Ordinal:   25,
			Series:    "regular meeting between Chinese and Russian heads of government",
			Date:      date,
			Format:    "video link",
			Participants: []dateline.Participant{
				{Code: "CHNGOV", Name: "Li Keqiang", Role: "co-chair"},
				{Code: "RUSGOV", Name: "Mikhail Mishustin", Role: "co-chair"},
			},
			Outcomes: []string{},
			Topics:   []string{"trade", "energy", "science"},
			Sentence: s1,
		}},
	}
	doc.Article = b.article(doc, time.Date(2020, 12, 2, 13, 47, 10, 0, time.UTC))
	return doc
}

// Sanctions is a Reuters story of material and verbal conflict: USAGOV→RUSGOV 163 (sanctions),
// RUSGOV→USAGOV 112 (accuse), and a U.N. statement without a target (010). The word "slaps"
// occurs only in its title.
func Sanctions() *dateline.Document {
	const (
		s1 = "The United States imposed sanctions on senior Russian officials on Monday over the poisoning of opposition politician Alexei Navalny."
		s2 = "Russia's Foreign Ministry accused Washington of interfering in the country's internal affairs."
		s3 = "The U.N. Security Council said it was following the situation closely."
	)
	body := "WASHINGTON, March 15 (Reuters) - " + s1 + "\n\n" + s2 + "\n\n" + s3
	b := newBuilder(SanctionsID, body)
	date := "2021-03-15"
	usa := &dateline.ActorRef{Text: "The United States", Name: "United States", Code: "USAGOV", Country: "USA", Agent: "GOV"}
	rus := &dateline.ActorRef{Text: "senior Russian officials", Code: "RUSGOV", Country: "RUS", Agent: "GOV"}
	doc := &dateline.Document{
		ID:         SanctionsID,
		Title:      "U.S. slaps sanctions on Russian officials over Navalny poisoning",
		Published:  "2021-03-15T18:02:00Z",
		Date:       date,
		DateSource: "text",
		Dateline:   dateline.Dateline{Place: "Washington", Country: "USA", Agency: "Reuters", Date: date, Raw: "WASHINGTON, March 15 (Reuters) -"},
		Actors: []dateline.Actor{
			b.actor(dateline.Actor{Name: "United States", Code: "USAGOV", Country: "USA", Agent: "GOV", Type: "country", Source: "kb"}, "The United States", "Washington of"),
			b.actor(dateline.Actor{Name: "Russian officials", Code: "RUSGOV", Country: "RUS", Agent: "GOV", Type: "group", Source: "article"}, "senior Russian officials"),
			b.actor(dateline.Actor{Name: "Alexei Navalny", Code: "RUSOPP", Country: "RUS", Agent: "OPP", Type: "person", Source: "kb", Role: "opposition politician"}, "Alexei Navalny"),
			b.actor(dateline.Actor{Name: "United Nations Security Council", Code: "IGOUNO", Type: "organisation", Source: "kb"}, "The U.N. Security Council"),
		},
		Events: []dateline.Event{
			b.event(SanctionsID+"/e1", date, s1, usa, rus, "163", "SANCTION", 4, -8.0, "imposed sanctions on", func(e *dateline.Event) {
				e.IsRoot = true
				e.Location = &dateline.Location{Name: "Washington", Country: "USA", Precision: "city", Lat: 38.8951, Lon: -77.0364, ADM1: "USDC"}
				e.SourceURL = "https://www.reuters.com/article/us-usa-russia-sanctions"
			}),
			b.event(SanctionsID+"/e2", date, s2,
				&dateline.ActorRef{Text: "Russia's Foreign Ministry", Name: "Ministry of Foreign Affairs", Code: "RUSGOV", Country: "RUS", Agent: "GOV"},
				&dateline.ActorRef{Text: "Washington", Name: "United States", Code: "USAGOV", Country: "USA", Agent: "GOV"},
				"112", "ACCUSE", 3, -2.0, "accused ... of", nil),
			b.event(SanctionsID+"/e3", date, s3,
				&dateline.ActorRef{Text: "The U.N. Security Council", Name: "United Nations Security Council", Code: "IGOUNO"},
				nil, "010", "", 1, 0.0, "said", func(e *dateline.Event) {
					e.Location = &dateline.Location{Name: "United States", Country: "USA", Precision: "country"}
				}),
		},
		Meetings: []dateline.Meeting{},
	}
	doc.Article = b.article(doc, time.Date(2021, 3, 15, 18, 2, 0, 0, time.UTC))
	doc.Article.Meta = map[string]string{"lang": "en", "section": "World"}
	return doc
}

// Visit is a Xinhua report of a state visit: CHNGOV→RUS 042 (make a visit), RUSGOV→CHNGOV 043
// (host a visit) and a business agreement whose Russian side is coded by sector only ("BUS",
// country RUS), so that it matches the actor filter "RUS" through its country alone.
func Visit() *dateline.Document {
	const (
		s1 = "Chinese President Xi Jinping arrived in Moscow on Wednesday for a state visit to Russia at the invitation of Russian President Vladimir Putin."
		s2 = "Putin hosted Xi at the Kremlin."
		s3 = "Gazprom and the China National Petroleum Corporation signed an agreement on gas supplies."
	)
	body := "MOSCOW, June 5 (Xinhua) -- " + s1 + "\n\n" + s2 + " " + s3
	b := newBuilder(VisitID, body)
	date := "2019-06-05"
	xi := &dateline.ActorRef{Text: "Chinese President Xi Jinping", Name: "Xi Jinping", Code: "CHNGOV", Country: "CHN", Agent: "GOV"}
	doc := &dateline.Document{
		ID:         VisitID,
		Title:      "Xi arrives in Moscow for state visit to Russia",
		Published:  "2019-06-05",
		Date:       date,
		DateSource: "dateline",
		Dateline:   dateline.Dateline{Place: "Moscow", Country: "RUS", Agency: "Xinhua", Date: date, Raw: "MOSCOW, June 5 (Xinhua) --"},
		Actors: []dateline.Actor{
			b.actor(dateline.Actor{Name: "Xi Jinping", Code: "CHNGOV", Country: "CHN", Agent: "GOV", Type: "person", Source: "kb", Role: "President"}, "Chinese President Xi Jinping", "hosted Xi"),
			b.actor(dateline.Actor{Name: "Vladimir Putin", Code: "RUSGOV", Country: "RUS", Agent: "GOV", Type: "person", Source: "kb", Role: "President"}, "Russian President Vladimir Putin", "Putin hosted"),
			b.actor(dateline.Actor{Name: "Gazprom", Code: "BUS", Country: "RUS", Agent: "BUS", Type: "organisation", Source: "inferred"}, "Gazprom"),
			b.actor(dateline.Actor{Name: "China National Petroleum Corporation", Code: "CHNBUS", Country: "CHN", Agent: "BUS", Type: "organisation", Source: "kb"}, "the China National Petroleum Corporation"),
		},
		Events: []dateline.Event{
			b.event(VisitID+"/e1", date, s1, xi, &dateline.ActorRef{Text: "Russia", Name: "Russia", Code: "RUS", Country: "RUS"},
				"042", "CONSULT", 1, 1.9, "arrived in ... for a state visit", func(e *dateline.Event) {
					e.IsRoot = true
					e.Location = &dateline.Location{Name: "Moscow", Country: "RUS", Precision: "city", Lat: 55.7522, Lon: 37.6156, ADM1: "RS48", FeatureID: "-2960561"}
				}),
			b.event(VisitID+"/e2", date, s2,
				&dateline.ActorRef{Text: "Putin", Name: "Vladimir Putin", Code: "RUSGOV", Country: "RUS", Agent: "GOV"},
				&dateline.ActorRef{Text: "Xi", Name: "Xi Jinping", Code: "CHNGOV", Country: "CHN", Agent: "GOV"},
				"043", "CONSULT", 1, 2.8, "hosted", func(e *dateline.Event) {
					e.Location = &dateline.Location{Name: "Moscow", Country: "RUS", Precision: "city", Lat: 55.7522, Lon: 37.6156, ADM1: "RS48"}
				}),
			b.event(VisitID+"/e3", date, s3,
				&dateline.ActorRef{Text: "Gazprom", Name: "Gazprom", Code: "BUS", Country: "RUS", Agent: "BUS"},
				&dateline.ActorRef{Text: "the China National Petroleum Corporation", Name: "China National Petroleum Corporation", Code: "CHNBUS", Country: "CHN", Agent: "BUS"},
				"057", "AGREE", 1, 8.0, "signed an agreement", func(e *dateline.Event) {
					e.Topics = []string{"energy"}
				}),
		},
		Meetings: []dateline.Meeting{{
			ArticleID: VisitID,
			Kind:      "visit",
			Date:      date,
			Place:     "Moscow",
			Format:    "state visit",
			Participants: []dateline.Participant{
				{Code: "CHNGOV", Name: "Xi Jinping", Role: "guest"},
				{Code: "RUSGOV", Name: "Vladimir Putin", Role: "host"},
			},
			Outcomes: []string{"agreement on gas supplies"},
			Topics:   []string{"energy"},
			Sentence: s1,
		}},
	}
	doc.Article = b.article(doc, time.Date(2019, 6, 5, 0, 0, 0, 0, time.UTC))
	return doc
}

// SameBody returns the meeting story under another id, as a second outlet reprinting it word
// for word would give: same body and hash, its own article and events.
func SameBody(id string) *dateline.Document {
	doc := Meeting()
	doc.ID = id
	doc.Article.ID = id
	for i := range doc.Events {
		e := &doc.Events[i]
		e.ID = strings.Replace(e.ID, MeetingID, id, 1)
		e.ArticleID = id
	}
	for i := range doc.Meetings {
		doc.Meetings[i].ID = ""
		doc.Meetings[i].ArticleID = id
	}
	return doc
}

// builder fills the offsets of one fixture from its body, so that spans are real.
type builder struct {
	id, body string
}

func newBuilder(id, body string) *builder { return &builder{id: id, body: body} }

// span is the byte range of the first occurrence of s in the body ([-1,-1] if absent, which
// the suite's fixture check reports).
func (b *builder) span(s string) [2]int {
	i := strings.Index(b.body, s)
	if i < 0 {
		return [2]int{-1, -1}
	}
	return [2]int{i, i + len(s)}
}

func (b *builder) actor(a dateline.Actor, mentions ...string) dateline.Actor {
	a.Mentions = make([]dateline.Mention, len(mentions))
	for i, m := range mentions {
		a.Mentions[i] = dateline.Mention{Text: m, Span: b.span(m)}
	}
	return a
}

func (b *builder) event(id, date, sentence string, src, tgt *dateline.ActorRef, cameo, plover string, quad int,
	goldstein float64, trigger string, more func(*dateline.Event)) dateline.Event {
	e := dateline.Event{
		ID:          id,
		ArticleID:   b.id,
		Date:        date,
		DateSource:  "dateline",
		Source:      src,
		Target:      tgt,
		Cameo:       cameo,
		CameoRoot:   cameo[:2],
		Plover:      plover,
		QuadClass:   quad,
		Goldstein:   goldstein,
		Mood:        dateline.MoodAsserted,
		Sentence:    sentence,
		Span:        b.span(sentence),
		Trigger:     trigger,
		Rule:        "fixture/" + cameo,
		Confidence:  0.9,
		NumMentions: 1,
		NumSources:  1,
		NumArticles: 1,
	}
	if more != nil {
		more(&e)
	}
	return e
}

// article builds the Article behind doc: paragraphs split at blank lines, the lead ending with
// the first, the hash of the body.
func (b *builder) article(doc *dateline.Document, pub time.Time) *dateline.Article {
	var paras [][2]int
	start := 0
	for {
		i := strings.Index(b.body[start:], "\n\n")
		if i < 0 {
			paras = append(paras, [2]int{start, len(b.body)})
			break
		}
		paras = append(paras, [2]int{start, start + i})
		start += i + 2
	}
	sum := sha256.Sum256([]byte(b.body))
	return &dateline.Article{
		ID:         doc.ID,
		URL:        "https://example.org/news/" + doc.ID,
		Title:      doc.Title,
		Published:  doc.Published,
		PubDate:    pub,
		Body:       b.body,
		Dateline:   doc.Dateline,
		Date:       doc.Date,
		DateSource: doc.DateSource,
		DateNote:   "from the dateline " + doc.Dateline.Raw,
		Paragraphs: paras,
		LeadEnd:    paras[0][1],
		Hash:       hex.EncodeToString(sum[:]),
		Meta:       map[string]string{"lang": "en"},
	}
}
