// Package meeting builds meeting records — summits, talks, visits, calls, sessions of
// commissions — from an article's actors, events and sentences: who met whom and in what role,
// in what format and where, the how-manyeth meeting of which series it was, the documents it
// produced, and the policy areas it covered.
//
// A meeting is read from clause structure, never from a word alone: a meeting noun or verb
// from data/meetings.tsv counts only with the actors the actor stage resolved in its clause
// (the subject of "held talks", the "with"/"between"/"of" phrases of "talks", the object of
// "met"), or from a consult event (CAMEO 04x) the event coder found. The verb group that
// governs it says whether it took place: postponed, planned, future, negated or long past
// meetings are not recorded.
package meeting

import (
	"fmt"
	"io/fs"
	"sort"
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/actor"
	"github.com/dateline-news/dateline/internal/kb"
)

// Finder builds meeting records. It is immutable and safe for concurrent use.
type Finder struct {
	Lex    *Lexicon
	Topics *Topics
	KB     *kb.KB // names and adjectives of countries and organisations, for series names
	// Trace, when set, receives the verb groups of each sentence and one line for every meeting
	// mention and outcome read, held or not: for seeing why a meeting was or was not recorded.
	Trace func(format string, args ...any)
}

// Load reads meetings.tsv and topics.tsv from fsys (data/ embedded).
func Load(fsys fs.FS, k *kb.KB, inflect Inflector) (*Finder, error) {
	f, err := fsys.Open("meetings.tsv")
	if err != nil {
		return nil, fmt.Errorf("meeting lexicon: %w", err)
	}
	lex, err := ReadLexicon("meetings.tsv", f, inflect)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("meeting lexicon: %w", err)
	}
	f, err = fsys.Open("topics.tsv")
	if err != nil {
		return nil, fmt.Errorf("topics: %w", err)
	}
	tp, err := ReadTopics("topics.tsv", f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("topics: %w", err)
	}
	return &Finder{Lex: lex, Topics: tp, KB: k}, nil
}

// Input is what Find reads: the article, its sentences with their resolved actor phrases
// (actor.Result.Refs, one slice per sentence), and the events coded from them.
type Input struct {
	Article   *dateline.Article
	Sentences []dateline.Sentence
	Refs      [][]actor.Ref
	Events    []dateline.Event
}

// Whether a mentioned meeting took place.
const (
	held = iota
	future
	past
	notHeld
)

// part is one participant as a mention or record knows it.
type part struct {
	code, name, office, kind string
	role                     string
	pos                      int // where it is named: sentence << 16 | token, for the order of participants
}

func (p part) country() string {
	if strings.HasPrefix(p.code, "IGO") || strings.HasPrefix(p.code, "NGO") || len(p.code) < 3 {
		return p.code
	}
	return p.code[:3]
}

// mention is one place in the article that reports a meeting.
type mention struct {
	sent     int
	head     int // the meeting noun or verb
	gov      int // the verb group that governs a meeting noun, or -1
	kind     string
	status   int
	parts    []part
	counter  bool // the other side is named but is no actor ("talks with creditor banks")
	format   string
	ordinal  int
	phrase   string // the series phrase: "regular meeting", "round of trade talks"
	series   bool   // a series word or an ordinal
	org      string // an organisation the meeting is "of" ("summit of the Group of Seven")
	places   []place
	definite bool // "the talks", "their meeting": may point back to one already named
}

type place struct {
	name, country string
	city          bool
}

// outcome is a document an article says was signed, passed or adopted.
type outcome struct {
	sent    int
	title   string
	action  string
	parties []part
	topics  []string // named in the title itself
}

// record is one meeting being assembled from its mentions.
type record struct {
	mentions []*mention
	outcomes []outcome
}

// Find returns the meetings an article reports as having taken place, in the order they are
// first mentioned. It never returns nil.
func (f *Finder) Find(in Input) []dateline.Meeting {
	out := []dateline.Meeting{}
	if in.Article == nil || len(in.Sentences) == 0 {
		return out
	}
	sents := make([]*sent, len(in.Sentences))
	for i := range in.Sentences {
		var refs []actor.Ref
		if i < len(in.Refs) {
			refs = in.Refs[i]
		}
		sents[i] = newSent(i, &in.Sentences[i], refs)
	}
	var ms []*mention
	var outs []outcome
	for _, st := range sents {
		found := f.mentions(st, in.Article)
		found = append(found, f.eventMentions(st, in, found)...)
		ms = append(ms, found...)
		outs = append(outs, f.outcomes(st, in)...)
	}
	if f.Trace != nil {
		for _, st := range sents {
			var gs []string
			for _, g := range st.groups {
				gs = append(gs, fmt.Sprintf("%q%s", strings.Join(st.low[g.start:g.end], " "), map[bool]string{true: "/adj"}[g.adj]))
			}
			f.Trace("s%d groups %s\n", st.idx, strings.Join(gs, " "))
		}
		for _, m := range ms {
			f.Trace("s%d tok%d %-11s status=%d ord=%d fmt=%q def=%v counter=%v parts=%v phrase=%q\n", m.sent, m.head, m.kind, m.status,
				m.ordinal, m.format, m.definite, m.counter, m.parts, m.phrase)
		}
		for _, o := range outs {
			f.Trace("s%d outcome %q %s parties=%v\n", o.sent, o.title, o.action, o.parties)
		}
	}
	recs := f.group(ms)
	f.attach(recs, outs)
	parts := make([][]part, len(recs))
	for i, r := range recs {
		for _, m := range r.mentions {
			parts[i] = append(parts[i], m.parts...)
		}
		parts[i] = mergeParts(parts[i])
	}
	about := assign(recs, parts, sents)
	for i, r := range recs {
		out = append(out, f.build(r, i+1, parts[i], about[i], sents, in))
	}
	return out
}

// group merges the held mentions that report one meeting into records.
func (f *Finder) group(ms []*mention) []*record {
	var recs []*record
	var last *mention // the latest mention, held or not
	for _, m := range ms {
		prev := last
		last = m
		if m.status != held {
			continue
		}
		if len(m.parts) == 0 {
			if !m.definite {
				continue // "international meetings": none in particular
			}
			// "the meeting", "the talks": the meeting named last, unless that one never took place.
			if prev != nil && prev.status != held && prev.sent >= m.sent-2 {
				m.status = prev.status
				continue
			}
			if r := latest(recs, func(r *record) bool { return compatible(r, m) }); r != nil {
				r.mentions = append(r.mentions, m)
			}
			continue
		}
		if r := latest(recs, func(r *record) bool { return compatible(r, m) }); r != nil {
			r.mentions = append(r.mentions, m)
			continue
		}
		if enough(m) {
			recs = append(recs, &record{mentions: []*mention{m}})
		}
	}
	return recs
}

func latest(recs []*record, ok func(*record) bool) *record {
	best := -1
	for i, r := range recs {
		if ok(r) && (best < 0 || lastSent(r) >= lastSent(recs[best])) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	return recs[best]
}

func lastSent(r *record) int { return r.mentions[len(r.mentions)-1].sent }

// enough reports whether a mention names enough of a meeting to start a record: two sides,
// an organisation that meets, or one side and a named but unresolved counterpart.
//
// One side at least must be a state or an organisation of states: companies holding talks, or
// a minister meeting bankers of his own country, are no meetings of this register.
func enough(m *mention) bool {
	if len(m.parts) > 1 && len(countries(m.parts)) == 1 {
		return false // sides of one country: a domestic meeting
	}
	var political []string
	others := 0
	for _, p := range m.parts {
		c := p.country()
		switch {
		case strings.HasPrefix(p.code, "IGO"):
			return true
		case politicalCode(p.code):
			if !contains(political, c) {
				political = append(political, c)
			}
		default:
			others++
		}
	}
	if len(political) >= 2 {
		return true
	}
	if len(political) == 1 {
		// One state and a side that is no state: a counterpart the actor stage could not
		// resolve, or — for a government, not a country named in passing — a foreign company.
		if m.counter {
			return true // "Brazil enters talks with its creditors"
		}
		gov := false
		for _, p := range m.parts {
			if p.country() == political[0] && len(p.code) > 3 {
				gov = true
			}
		}
		if !gov {
			return false
		}
		for _, p := range m.parts {
			if p.country() != political[0] {
				return true
			}
		}
	}
	return false
}

// politicalCode: a country, or a country's government, military, legislature, judiciary,
// police, intelligence, opposition or elite (former office holders). Parties, companies and
// civil groups are sides of talks, but not states.
func politicalCode(code string) bool {
	return len(code) == 3 || politicalAgent(code[3:])
}

func politicalAgent(agent string) bool {
	switch agent {
	case "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "ELI":
		return true
	}
	return false
}

func countries(ps []part) []string {
	var out []string
	for _, p := range ps {
		if c := p.country(); c != "" && !contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// compatible reports whether mention m can be another report of the meeting of record r.
func compatible(r *record, m *mention) bool {
	var rparts []part
	for _, x := range r.mentions {
		if x.ordinal > 0 && m.ordinal > 0 && x.ordinal != m.ordinal {
			return false
		}
		if x.format != "" && m.format != "" && x.format != m.format {
			return false
		}
		if remote(x) != remote(m) && x.kind != "talks" && m.kind != "talks" && x.kind != "meeting" && m.kind != "meeting" {
			return false
		}
		rparts = append(rparts, x.parts...)
	}
	if len(m.parts) == 0 {
		return true
	}
	rc, mc := countries(rparts), countries(m.parts)
	shared := 0
	for _, c := range mc {
		if contains(rc, c) {
			shared++
		}
	}
	return shared >= min(2, len(rc), len(mc)) && shared > 0
}

// remote: a call or video link, as against meeting in person.
func remote(m *mention) bool {
	return m.format == "telephone" || m.format == "video link" || m.kind == "phone call" || m.kind == "video call"
}

// attach gives each outcome to the meeting it came from: the one reported in its sentence, else
// the latest one whose participants include its parties, else — when its parties are only "the
// two sides" or not named — the meeting reported last before it.
func (f *Finder) attach(recs []*record, outs []outcome) {
	for _, o := range outs {
		var best *record
		for _, r := range recs {
			for _, m := range r.mentions {
				if m.sent == o.sent {
					best = r
				}
			}
		}
		if best == nil && len(o.parties) > 0 {
			best = latest(recs, func(r *record) bool {
				for _, m := range r.mentions {
					for _, p := range m.parts {
						for _, q := range o.parties {
							if p.code == q.code || len(q.code) == 3 && p.country() == q.code {
								return true
							}
						}
					}
				}
				return false
			})
		}
		if best == nil && len(o.parties) == 0 {
			best = latest(recs, func(r *record) bool { return r.mentions[0].sent <= o.sent })
		}
		if best != nil {
			best.outcomes = append(best.outcomes, o)
		}
	}
}

// kindRank orders kinds from the least to the most precise; a record takes the most precise
// kind any of its mentions gives ("talks" during a "state visit" make a visit).
var kindRank = map[string]int{"meeting": 1, "talks": 2, "conference": 3, "phone call": 4, "video call": 4,
	"visit": 5, "ministerial": 6, "session": 7, "summit": 8, "regular meeting": 9}

var roleRank = map[string]int{"": 0, "participant": 0, "guest": 1, "host": 2, "chair": 3, "co-chair": 4}

// build turns a record into a Meeting.
func (f *Finder) build(r *record, n int, parts []part, about []int, sents []*sent, in Input) dateline.Meeting {
	a := in.Article
	m := dateline.Meeting{
		ID:        fmt.Sprintf("%s/m%d", a.ID, n),
		ArticleID: a.ID,
		Date:      a.Date,
		Outcomes:  []string{},
		Topics:    []string{},
		Sentence:  sents[r.mentions[0].sent].s.Text,
	}
	var series *mention
	for _, x := range r.mentions {
		if kindRank[x.kind] > kindRank[m.Kind] {
			m.Kind = x.kind
		}
		if m.Format == "" {
			m.Format = x.format
		}
		if x.ordinal > 0 && m.Ordinal == 0 {
			m.Ordinal = x.ordinal
			series = x
		}
		if series == nil && x.series {
			series = x
		}
	}
	switch {
	case m.Format == "telephone" && (m.Kind == "talks" || m.Kind == "meeting" || m.Kind == "conference"):
		m.Kind = "phone call"
	case m.Format == "video link" && (m.Kind == "talks" || m.Kind == "meeting"):
		m.Kind = "video call"
	case m.Kind == "phone call":
		m.Format = "telephone"
	case m.Kind == "video call":
		m.Format = "video link"
	}
	if m.Format == "" {
		m.Format = "in person"
	}
	if m.Kind == "visit" {
		visitRoles(parts, a.Dateline.Country)
	}
	for _, p := range parts {
		role := p.role
		if role == "" {
			role = "participant"
		}
		name := ""
		if p.kind == "person" || p.kind == "organisation" || p.kind == "country" {
			name = p.name
		}
		m.Participants = append(m.Participants, dateline.Participant{Code: p.code, Name: name, Role: role})
	}
	if m.Participants == nil {
		m.Participants = []dateline.Participant{}
	}
	m.Place = f.place(r, parts, m.Format, a)
	if series != nil {
		m.Series = f.seriesName(series, parts)
	}
	f.addOutcomes(&m, r, parts)
	m.Topics = f.meetingTopics(about, sents)
	return m
}

// mergeParts joins the participants that are one actor: the same code, or a country and an
// office holder or government of that country ("Russia" as host, then "Putin").
func mergeParts(ps []part) []part {
	ps = append([]part(nil), ps...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].pos < ps[j].pos })
	var out []part
	idx := map[string]int{}
	for _, p := range ps {
		if p.code == "" {
			continue
		}
		if i, ok := idx[p.code]; ok {
			q := &out[i]
			if roleRank[p.role] > roleRank[q.role] {
				q.role = p.role
			}
			if q.kind != "person" && p.kind == "person" || q.name == "" {
				q.pos = min(q.pos, p.pos)
				q.name, q.kind, q.office = p.name, p.kind, p.office
			}
			continue
		}
		idx[p.code] = len(out)
		out = append(out, p)
	}
	// A bare country gives way to someone of that country.
	var keep []part
	for i, p := range out {
		if len(p.code) == 3 && p.kind != "organisation" {
			var other *part
			for j := range out {
				if j != i && out[j].country() == p.code && len(out[j].code) > 3 {
					other = &out[j]
					break
				}
			}
			if other != nil {
				if other.role == "" || other.role == "participant" {
					other.role = p.role // "a visit to Russia" made Russia host: Putin hosts
				}
				continue
			}
		}
		keep = append(keep, out[i])
	}
	// The roles moved after keep copied them: copy again from out.
	for i := range keep {
		for j := range out {
			if out[j].code == keep[i].code {
				keep[i].role = out[j].role
			}
		}
	}
	return keep
}

// visitRoles completes a visit's roles: whoever is not of a guest's country hosts, and the
// other way round.
func visitRoles(ps []part, home string) {
	var guests, hosts []string
	for _, p := range ps {
		switch p.role {
		case "guest":
			guests = append(guests, p.country())
		case "host":
			hosts = append(hosts, p.country())
		}
	}
	if len(guests) == 0 && len(hosts) == 0 && home != "" {
		hosts = []string{home}
		for i := range ps {
			if ps[i].country() == home {
				ps[i].role = "host"
			}
		}
	}
	for i := range ps {
		if ps[i].role != "" && ps[i].role != "participant" {
			continue
		}
		c := ps[i].country()
		switch {
		case len(guests) > 0 && !contains(guests, c):
			ps[i].role = "host"
		case len(hosts) > 0 && !contains(hosts, c):
			ps[i].role = "guest"
		}
	}
}

// place says where a meeting was held: "virtual" for calls and video links; otherwise the place
// the article names for it, or the dateline's place when the meeting was in person there (the
// story names no other place, and no host of another country).
func (f *Finder) place(r *record, ps []part, format string, a *dateline.Article) string {
	if format == "telephone" || format == "video link" {
		return "virtual"
	}
	home := a.Dateline.Country
	for _, m := range r.mentions {
		for _, pl := range m.places {
			if pl.city {
				return pl.name
			}
			if home != "" && pl.country == home && a.Dateline.Place != "" {
				return a.Dateline.Place
			}
			return pl.name
		}
	}
	// A visit is in its host's country: at the dateline when that is the host's, else in the
	// host country. Anything else met in person where the story was filed.
	var hosts []string
	for _, p := range ps {
		if p.role == "host" {
			hosts = append(hosts, p.country())
		}
	}
	if len(hosts) > 0 && home != "" && !contains(hosts, home) {
		return f.countryName(hosts[0])
	}
	return a.Dateline.Place
}

// addOutcomes writes the record's documents into the meeting, each once.
func (f *Finder) addOutcomes(m *dateline.Meeting, r *record, ps []part) {
	seen := map[string]bool{}
	for _, o := range r.outcomes {
		key := strings.ToLower(o.title)
		if seen[key] {
			continue
		}
		seen[key] = true
		m.Outcomes = append(m.Outcomes, o.title)
		parties := []string{}
		src := o.parties
		if len(countries(src)) < 2 {
			src = append(src, ps...)
		}
		for _, p := range mergeParts(src) {
			if !contains(parties, p.code) {
				parties = append(parties, p.code)
			}
		}
		sort.Strings(parties)
		m.Agreements = append(m.Agreements, dateline.Agreement{Title: o.title, Action: o.action,
			Parties: parties, Topics: o.topics})
	}
}
