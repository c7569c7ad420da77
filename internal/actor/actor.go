// Package actor links the actor phrases of an article into entities, the way an analyst reads
// it ("Li" is Li Keqiang, "his Russian counterpart" is Mishustin, "the two sides" are China and
// Russia), and gives each entity a CAMEO actor code as of the article's event date.
package actor

import (
	"sort"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/kb"
	"github.com/dateline-news/dateline/internal/mention"
	"github.com/dateline-news/dateline/internal/place"
)

// Entity is one actor of an article: every phrase that refers to it.
type Entity struct {
	Key      string
	Name     string
	Kind     string // person | organisation | country | place | group
	Country  string
	Agent    string
	Org      string
	Office   string
	Gender   string
	Surname  string
	Title    string // the title the article gave the person ("premier")
	Source   string // kb | article | inferred
	Person   *kb.Person
	Count    int
	Mentions []dateline.Mention
}

// Code is the entity's CAMEO actor code: country or organisation, then agent.
func (e *Entity) Code() string {
	base := e.Country
	if e.Org != "" {
		return e.Org // an organisation's code already says what it is ("IGOUNO", not "IGOUNOGOV")
	}
	if e.Agent != "" && !strings.HasSuffix(base, e.Agent) {
		return base + e.Agent
	}
	return base
}

// Ref is one phrase of a sentence, resolved.
type Ref struct {
	mention.Phrase
	Entities   []*Entity // one, or two for "the two sides"; empty if unresolved
	Place      bool      // the phrase names where something happened ("in Beijing"), not who acted
	Quantified bool      // "a group of Moroccan diplomats", "hundreds of UN troops": the "of" phrase is the head
}

func isDet(w string) bool { return w == "the" || w == "a" || w == "an" }

// quantityNouns head a noun phrase whose "of" phrase names who it is.
var quantityNouns = map[string]bool{"group": true, "groups": true, "number": true, "hundreds": true,
	"thousands": true, "dozens": true, "scores": true, "tens": true, "millions": true, "delegation": true,
	"team": true, "members": true, "member": true, "some": true, "many": true, "most": true, "all": true,
	"several": true, "few": true, "one": true, "two": true, "three": true, "contingent": true, "unit": true,
	"units": true, "band": true, "crowd": true, "crowds": true, "majority": true, "handful": true}

// Resolver links and codes actors. It is immutable and safe for concurrent use.
type Resolver struct {
	Gaz    *mention.Gazetteer
	KB     *kb.KB
	Places *place.Gazetteer // cities and divisions, for places the knowledge base does not name; may be nil
}

// Result is the actors of one article.
type Result struct {
	Entities []*Entity
	Refs     [][]Ref   // per sentence
	Pair     []*Entity // the two countries the article is about, when it is about two
}

var placePreps = map[string]bool{"in": true, "at": true, "near": true, "across": true, "throughout": true,
	"inside": true, "outside": true, "around": true, "within": true, "from": true, "into": true, "outskirts": true}

// domestic agents: institutions and groups that, named without a country, belong to the country
// of the story's dateline.
var domestic = map[string]bool{"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true,
	"OPP": true, "PTY": true, "CVL": true, "SPY": true, "LAB": true, "EDU": true, "HLH": true, "BUS": true}

type linker struct {
	r        *Resolver
	home     string // the dateline's country
	homeOK   bool   // the current sentence names no other country
	date     time.Time
	body     string
	ents     []*Entity
	byKey    map[string]*Entity
	lastSubj []*Entity // person entities that were subjects in the previous sentence
	curSubj  []*Entity
	hints    place.Hints // the story's countries, for places of one name in several
	// the countries the current sentence names (a capital named as a place aside)
	sentCountries []string
	sentLands     []string // of those, the countries it names as places, not as people's
}

// Resolve finds, links and codes the actors of an article's sentences.
func (r *Resolver) Resolve(a *dateline.Article, sents []dateline.Sentence) *Result {
	l := &linker{r: r, body: a.Body, byKey: map[string]*Entity{}, home: a.Dateline.Country}
	if a.Date != "" {
		l.date, _ = time.Parse("2006-01-02", a.Date)
	}
	res := &Result{Refs: make([][]Ref, len(sents))}
	if a.Dateline.Agency != "" {
		l.agency(a)
	}
	if r.Places != nil {
		l.hints = r.Places.DatelineHints(sents)
		l.hints.Home = l.home
	}
	for si := range sents {
		s := &sents[si]
		phrases := r.Gaz.Find(s.Tokens)
		refs := make([]Ref, 0, len(phrases))
		l.curSubj = nil
		// "police" in a GENEVA story about Goma are not Swiss: the dateline's country lends
		// itself only to sentences that name no other country.
		l.homeOK = true
		l.sentCountries, l.sentLands = l.sentCountries[:0], l.sentLands[:0]
		for _, p := range phrases {
			if p.Country != "" && p.Country != l.home && p.Kind != mention.PhraseAgency {
				l.homeOK = false
			}
			if p.Country != "" && p.Kind != mention.PhraseAgency && !(p.Via == mention.KindCapital && placePreps[p.Prep]) {
				l.sentCountries = append(l.sentCountries, p.Country)
				if p.Kind == mention.PhraseCountry && (p.Via != mention.KindNationality || p.Modifier && placeNouns[strings.ToLower(s.Tokens[p.End-1].Text)]) {
					// "in Lebanon", "the north Lebanese port": a country named as a place
					l.sentLands = append(l.sentLands, p.Country)
				}
			}
		}
		for pi := range phrases {
			p := phrases[pi]
			if p.Prep == "" && len(refs) > 0 {
				if q := refs[len(refs)-1]; q.Place && q.Possessive && placeTail(s.Tokens, q.End, p.Start) {
					// "in East Timor's capital Dili", "in Israel's northern city of Haifa": the
					// place the possessive country's phrase goes on to name
					p.Prep = q.Prep
				}
			}
			if p.Prep == "of" {
				if pr := placeNounPrep(s.Tokens, p.Start); pr != "" {
					// "in the capital city of Algiers", "near the northern town of Jenin": the
					// place phrase's own preposition
					p.Prep = pr
				}
			}
			ref := Ref{Phrase: p}
			ref.Place = placePreps[p.Prep] && (p.Kind == mention.PhraseCountry)
			if p.Prep == "of" && p.Start >= 2 {
				// "a group of Moroccan diplomats", "the presidents of Iraq and Egypt": the head
				// noun only says how many or in what office; the "of" phrase says who.
				head := strings.ToLower(s.Tokens[p.Start-2].Text)
				_, title := r.KB.Agents[head]
				// "supporters of X", "residents of Y" are not X or Y themselves.
				ref.Quantified = quantityNouns[head] || title && !isDet(head) && !followerWords[head] && !dwellerWords[head]
			}
			ref.Entities = l.link(&p, s, refs)
			ref.Phrase = p
			if len(ref.Entities) == 1 && ref.Entities[0].Kind == "place" {
				ref.Place = true // "in Hebron", "the city of Nablus": where, not who
			}
			for _, e := range ref.Entities {
				if len(ref.Entities) == 1 {
					e.Count++
					e.Mentions = append(e.Mentions, dateline.Mention{Text: p.Text(a.Body, s.Tokens), Span: p.Span(s.Tokens)})
				}
			}
			if len(ref.Entities) == 1 && ref.Entities[0].Kind == "person" && p.Prep == "" && isSubjectPos(s.Tokens, p) {
				l.curSubj = append(l.curSubj, ref.Entities[0])
			}
			refs = append(refs, ref)
		}
		l.inferCountries(refs)
		l.placeGroups(refs, s.Tokens)
		l.stateGroups(refs, s.Tokens)
		l.ofHeads(refs, s.Tokens)
		l.peoplesHome(refs, s.Tokens)
		l.lateReported(refs, s.Tokens)
		res.Refs[si] = refs
		if len(l.curSubj) > 0 {
			l.lastSubj = l.curSubj
		}
	}
	if cs := l.mainPair(); cs != nil && len(sents) >= 3 {
		for _, c := range cs {
			if e := l.byKey["c:"+c]; e != nil {
				res.Pair = append(res.Pair, e)
			}
		}
		if len(res.Pair) != 2 {
			res.Pair = nil
		}
	}
	res.Entities = l.ents
	return res
}

// inferCountries gives groups and people of no stated country ("police", "rebels", "former
// president X") the one country their sentence names, when it names exactly one and the story
// has no dateline country to go by.
func (l *linker) inferCountries(refs []Ref) {
	if l.home != "" {
		return
	}
	country := ""
	for _, r := range refs {
		for _, e := range r.Entities {
			if e.Country == "" || e.Agent == "MED" {
				continue
			}
			if country != "" && country != e.Country {
				return
			}
			country = e.Country
		}
	}
	if country == "" {
		return
	}
	for _, r := range refs {
		for _, e := range r.Entities {
			if e.Country == "" && e.Org == "" && (e.Kind == "group" || e.Kind == "person") {
				e.Country, e.Source = country, "inferred"
			}
		}
	}
}

// isSubjectPos: the phrase is followed (within a few tokens) by a verb, with no verb before it
// since the last clause boundary — a rough test for "this person is a subject".
func isSubjectPos(toks []dateline.Token, p mention.Phrase) bool {
	for j := p.End; j < len(toks) && j < p.End+6; j++ {
		t := toks[j].Tag
		if strings.HasPrefix(t, "VB") || t == "MD" {
			return true
		}
		if t == "," && j == p.End {
			continue
		}
	}
	return false
}

func (l *linker) entity(key string, mk func() *Entity) *Entity {
	if e, ok := l.byKey[key]; ok {
		return e
	}
	e := mk()
	e.Key = key
	l.byKey[key] = e
	l.ents = append(l.ents, e)
	return e
}

func (l *linker) agency(a *dateline.Article) {
	for _, ag := range l.r.KB.Agencies {
		names := append([]string{ag.Name}, ag.Aliases...)
		for _, nm := range names {
			if strings.EqualFold(nm, a.Dateline.Agency) {
				e := l.entity("a:"+ag.Name, func() *Entity {
					return &Entity{Name: ag.Name, Kind: "organisation", Country: ag.Country, Agent: "MED", Source: "kb"}
				})
				if i := strings.Index(a.Body, "("+a.Dateline.Agency+")"); i >= 0 {
					e.Mentions = append(e.Mentions, dateline.Mention{Text: a.Dateline.Agency, Span: [2]int{i + 1, i + 1 + len(a.Dateline.Agency)}})
				}
				e.Count++
				return
			}
		}
	}
}

// link returns the entities a phrase refers to.
func (l *linker) link(p *mention.Phrase, s *dateline.Sentence, before []Ref) []*Entity {
	switch p.Kind {
	case mention.PhrasePerson:
		return l.person(p, before)
	case mention.PhraseName:
		if placeNamePreps[p.Prep] && !p.Possessive && l.byName(p.Name) == nil {
			// "a rally in Lagos": under a place preposition a name is the place, unless a
			// person of that name is already in play (a president named Lagos is not).
			if pl := l.locate(p.Name); pl != nil && (pl.Pop >= 100000 || pl.Capital() || pl.Kind != place.City) && !mention.CalendarWords[p.Name] && !partOfLongerName(p, s.Tokens) {
				return []*Entity{l.placeEntity(p.Name, pl)}
			}
		}
		if es := l.name(p); es != nil {
			return es
		}
		if pl := l.namedPlace(p, s.Tokens); pl != nil {
			return []*Entity{l.placeEntity(p.Name, pl)}
		}
		return nil
	case mention.PhrasePronoun:
		return l.pronoun(p, s.Tokens, before)
	case mention.PhrasePair:
		return l.pair(p)
	case mention.PhraseCountry:
		c := l.r.KB.Country(p.Country)
		if c == nil {
			return nil
		}
		if p.Via == mention.KindGovName || p.Via == mention.KindCapital && !placePreps[p.Prep] && isSubjectPos(s.Tokens, *p) {
			// "Beijing said", "the Kremlin": the government, not the place.
			return []*Entity{l.entity("g:"+c.ISO3+"GOV", func() *Entity {
				return &Entity{Name: c.Name, Kind: "organisation", Country: c.ISO3, Agent: "GOV", Source: "kb"}
			})}
		}
		if p.Via == mention.KindCapital && placePreps[p.Prep] {
			if pl := l.namesake(c.Capital, c.ISO3); pl != nil {
				// "rival militias in Tripoli ... the north Lebanese port": Lebanon's Tripoli
				return []*Entity{l.placeEntity(pl.Name, pl)}
			}
			return []*Entity{l.entity("l:"+c.Capital, func() *Entity {
				return &Entity{Name: c.Capital, Kind: "place", Country: c.ISO3, Source: "kb"}
			})}
		}
		// A capital as object ("shelled Juba", "flew to Moscow") stands for its country.
		return []*Entity{l.entity("c:"+c.ISO3, func() *Entity {
			return &Entity{Name: c.Name, Kind: "country", Country: c.ISO3, Source: "kb"}
		})}
	case mention.PhraseOrg:
		name, code := p.Name, p.Org
		if name == "" {
			o := l.r.KB.Org(code)
			if o == nil {
				return nil
			}
			name = o.Name
		}
		return []*Entity{l.entity("o:"+name, func() *Entity {
			if country, agent, ok := kb.CountryBased(code); ok {
				// a country's named group: Hamas (PSEREB), the Washington Post (USAMED)
				return &Entity{Name: name, Kind: "organisation", Country: country, Agent: agent, Source: "kb"}
			}
			return &Entity{Name: name, Kind: "organisation", Org: code, Source: "kb"}
		})}
	case mention.PhraseAgency:
		return []*Entity{l.entity("a:"+p.Name, func() *Entity {
			return &Entity{Name: p.Name, Kind: "organisation", Country: p.Country, Agent: "MED", Source: "kb"}
		})}
	case mention.PhraseGroup:
		return l.group(p, s, before)
	}
	return nil
}

// person links a named person, known to the knowledge base or introduced by the article.
func (l *linker) person(p *mention.Phrase, before []Ref) []*Entity {
	if p.Person != nil {
		kp := p.Person
		// Namesakes: the one in office on the date, or of the country the article gives.
		if same := l.r.KB.Named(kp.Name); len(same) > 1 {
			for _, q := range same {
				t, ok := q.RoleAt(l.date)
				if ok && !l.date.IsZero() || p.Country != "" && t.Country == p.Country {
					kp = q
					break
				}
			}
		}
		defer l.noteTitle(kp.Name, p.Title)
		e := l.entity("p:"+kp.Name, func() *Entity {
			e := &Entity{Name: kp.Name, Kind: "person", Person: kp, Gender: kp.Gender, Surname: kp.Surname, Source: "kb"}
			if kp.Learned {
				e.Source = "article" // remembered from an earlier article's own introduction
			}
			if t, ok := kp.RoleAt(l.date); ok {
				e.Country, e.Agent, e.Office = t.Country, t.Agent, t.Office
				if strings.HasPrefix(t.Country, "IGO") {
					e.Org, e.Country, e.Agent = t.Country, "", ""
				}
			} else if p.Country != "" || p.Agent != "" {
				e.Country, e.Agent, e.Office, e.Source = p.Country, p.Agent, p.Office, "article"
				if t, ok := kp.RoleAt(time.Time{}); ok && e.Country == "" {
					e.Country = t.Country // "former Prime Minister Imran Khan": still Pakistan's
				}
			} else if t, ok := kp.RoleAt(time.Time{}); ok {
				// Not in office on this date: still of that country, now among its elites.
				e.Country, e.Agent, e.Office = t.Country, "ELI", ""
			}
			return e
		})
		return []*Entity{e}
	}
	// An unknown name: first an entity of the article with that name or surname.
	if e := l.byName(p.Name); e != nil {
		l.fill(e, p)
		return []*Entity{e}
	}
	// "President Bush": a title and a surname the knowledge base knows.
	if f := strings.Fields(p.Name); len(f) == 1 || len(f) == 2 && len(f[0]) <= 2 {
		var cands []*kb.Person
		for _, kp := range l.r.Gaz.Surnames(f[len(f)-1]) {
			if t, ok := kp.RoleAt(l.date); ok && (p.Country == "" || t.Country == p.Country) {
				cands = append(cands, kp)
			}
		}
		if len(cands) == 1 {
			q := *p
			q.Person = cands[0]
			return l.person(&q, before)
		}
		if len(cands) > 1 && p.Country == "" {
			// Several namesakes (the two Presidents Bush) of one country: the person stays
			// unknown, the country does not.
			same := true
			for _, kp := range cands[1:] {
				t0, _ := cands[0].RoleAt(l.date)
				t1, _ := kp.RoleAt(l.date)
				same = same && t0.Country == t1.Country
			}
			if same {
				t0, _ := cands[0].RoleAt(l.date)
				p.Country = t0.Country
			}
		}
	}
	if p.Counterpart && p.Office == "" {
		if subj := l.counterpartOf(before); subj != nil {
			p.Office, p.Agent = subj.Office, subj.Agent
		}
	}
	agent := p.Agent
	if agent == "" && p.Office != "" {
		agent = "GOV"
	}
	f := strings.Fields(p.Name)
	e := l.entity("p:"+p.Name, func() *Entity {
		return &Entity{Name: p.Name, Kind: "person", Country: p.Country, Agent: agent, Office: p.Office,
			Gender: p.Gender, Surname: f[len(f)-1], Source: "article", Org: p.Org}
	})
	l.noteTitle(p.Name, p.Title)
	return []*Entity{e}
}

// noteTitle remembers the first title the article gave a person, for "the premier" later.
func (l *linker) noteTitle(name, title string) {
	if e := l.byKey["p:"+name]; e != nil && e.Title == "" && title != "" && title != "counterpart" {
		e.Title = title
	}
}

func (l *linker) fill(e *Entity, p *mention.Phrase) {
	if e.Country == "" && p.Country != "" {
		e.Country = p.Country
	}
	if e.Agent == "" && p.Agent != "" {
		e.Agent, e.Office = p.Agent, p.Office
	}
}

func (l *linker) byName(name string) *Entity {
	var found *Entity
	for _, e := range l.ents {
		if e.Kind != "person" {
			continue
		}
		// The surname, or for a name the article introduced (whose order we do not know, as
		// with "Li Keqiang") its first or last word.
		f := strings.Fields(e.Name)
		if e.Name == name || e.Surname == name || f[len(f)-1] == name || e.Source != "kb" && len(f) > 1 && f[0] == name {
			if found != nil && found != e {
				return nil // two people fit: decline
			}
			found = e
		}
	}
	return found
}

// name links a bare capitalised word: a surname of someone in play, or of a known office holder.
func (l *linker) name(p *mention.Phrase) []*Entity {
	if mention.CalendarWords[p.Name] {
		return nil
	}
	if e := l.byName(p.Name); e != nil {
		return []*Entity{e}
	}
	var cands []*kb.Person
	for _, kp := range l.r.Gaz.Surnames(p.Name) {
		if _, ok := kp.RoleAt(l.date); ok {
			cands = append(cands, kp)
		}
	}
	if len(cands) == 1 && len(p.Name) >= 4 {
		q := *p
		q.Person = cands[0]
		return l.person(&q, nil)
	}
	return nil
}

// pronoun links he/she/him to the person who was the subject just before, if exactly one fits,
// and "it" to the country or organisation that was ("Israel announced it would free ...").
func (l *linker) pronoun(p *mention.Phrase, toks []dateline.Token, before []Ref) []*Entity {
	if k := reportedSubject(toks, p, before); k >= 0 && agrees(p, &before[k]) {
		// "Iraq's interim government announced that it ...": the one who says it
		return before[k].Entities
	}
	if p.Name == "they" {
		// "Nigerian police said they had arrested ...": the group or country that was the
		// subject just before in the same sentence.
		for i := len(before) - 1; i >= 0; i-- {
			r := before[i]
			if len(r.Entities) == 1 && !r.Place && r.Prep == "" && !r.Possessive {
				if e := r.Entities[0]; e.Kind == "group" || e.Kind == "country" || e.Kind == "organisation" {
					return []*Entity{e}
				}
				return nil
			}
			if len(r.Entities) > 1 && r.Prep == "" {
				return r.Entities // "the two sides said they would ..."
			}
		}
		return nil
	}
	if p.Name == "it" {
		for i := len(before) - 1; i >= 0; i-- {
			r := before[i]
			if len(r.Entities) == 1 && !r.Place && r.Prep == "" && !r.Possessive {
				if e := r.Entities[0]; (e.Kind == "country" || e.Kind == "organisation") && !(r.Plural && r.Kind == mention.PhraseCountry) {
					return []*Entity{e}
				}
				return nil // the nearest candidate is a person, group or people: "it" is something else
			}
		}
		return nil
	}
	fits := func(e *Entity) bool { return e.Kind == "person" && (e.Gender == "" || e.Gender == p.Gender) }
	// Someone earlier in the same sentence? ("Li said he ...")
	var cands []*Entity
	for _, r := range before {
		if len(r.Entities) == 1 && fits(r.Entities[0]) && !contains(cands, r.Entities[0]) {
			cands = append(cands, r.Entities[0])
		}
	}
	if len(cands) == 0 {
		for _, e := range l.lastSubj {
			if fits(e) && !contains(cands, e) {
				cands = append(cands, e)
			}
		}
	}
	if len(cands) == 1 {
		return cands
	}
	return nil
}

func contains(es []*Entity, e *Entity) bool {
	for _, x := range es {
		if x == e {
			return true
		}
	}
	return false
}

// mainPair returns the two countries most in play; nil when a third one ties with the second.
func (l *linker) mainPair() []string {
	count := map[string]int{}
	for _, e := range l.ents {
		if e.Country != "" && e.Kind != "place" && e.Agent != "MED" {
			count[e.Country] += e.Count
		}
	}
	type kv struct {
		c string
		n int
	}
	var xs []kv
	for c, n := range count {
		xs = append(xs, kv{c, n})
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].n > xs[j].n || xs[i].n == xs[j].n && xs[i].c < xs[j].c })
	if len(xs) < 2 || len(xs) > 2 && xs[2].n == xs[1].n {
		return nil
	}
	return []string{xs[0].c, xs[1].c}
}

// pair links "the two countries" / "both sides" / "the two leaders" to the pair in play.
func (l *linker) pair(p *mention.Phrase) []*Entity {
	cs := l.mainPair()
	if cs == nil {
		return nil
	}
	var out []*Entity
	for _, c := range cs {
		if p.Title == "leaders" || p.Title == "premiers" || p.Title == "presidents" || p.Title == "ministers" || p.Title == "heads" || p.Title == "delegations" || p.Title == "sides" {
			if e := l.topPerson(c); e != nil && p.Title != "sides" || e != nil && e.Agent == "GOV" {
				out = append(out, e)
				continue
			}
		}
		co := l.r.KB.Country(c)
		if co == nil {
			return nil
		}
		out = append(out, l.entity("c:"+c, func() *Entity {
			return &Entity{Name: co.Name, Kind: "country", Country: c, Source: "kb"}
		}))
	}
	return out
}

func (l *linker) topPerson(country string) *Entity {
	var best *Entity
	for _, e := range l.ents {
		if e.Kind == "person" && e.Country == country && (best == nil || e.Count > best.Count) {
			best = e
		}
	}
	return best
}

// counterpartOf returns the person whose counterpart is meant: the person subject just before.
func (l *linker) counterpartOf(before []Ref) *Entity {
	for i := len(before) - 1; i >= 0; i-- {
		if len(before[i].Entities) == 1 && before[i].Entities[0].Kind == "person" {
			return before[i].Entities[0]
		}
	}
	if len(l.lastSubj) == 1 {
		return l.lastSubj[0]
	}
	return nil
}

// group links a title or group word without a name.
func (l *linker) group(p *mention.Phrase, s *dateline.Sentence, before []Ref) []*Entity {
	if p.Counterpart {
		ref := l.counterpartOf(before)
		var cands []*Entity
		for _, e := range l.ents {
			if e.Kind == "person" && e != ref && (p.Country == "" || e.Country == p.Country) && (ref == nil || e.Country != ref.Country) {
				cands = append(cands, e)
			}
		}
		if len(cands) == 1 {
			return cands
		}
		if len(cands) == 0 && ref != nil && p.Country != "" && ref.Office != "" {
			if hs := l.r.KB.Holders(p.Country, ref.Office, l.date); len(hs) == 1 {
				q := *p
				q.Person = hs[0]
				es := l.person(&q, nil)
				es[0].Source = "inferred"
				return es
			}
		}
		return nil
	}
	if p.Owner != "" && (p.Plural || p.Office == "" || p.Owner == "their" || p.Owner == "its") {
		// "their forces", "its troops", "his government", "their minister": the owner's
		// (a singular title of a person's, "his minister", is linked by title below)
		if es := l.owned(p, s.Tokens, before); es != nil {
			return es
		}
	}
	if p.Definite && p.Office != "" && p.Owner != "their" && p.Owner != "its" {
		// ("British diplomats said their minister ...": not the minister named before)
		var cands []*Entity
		for _, e := range l.ents {
			if e.Kind == "person" && (e.Office == p.Office || l.titleFits(e, p.Title)) {
				cands = append(cands, e)
			}
		}
		if len(cands) > 1 {
			// Two office holders fit: the one the article itself called by this title.
			var same []*Entity
			for _, e := range cands {
				if e.Title == p.Title {
					same = append(same, e)
				}
			}
			cands = same
		}
		if len(cands) == 1 {
			return cands
		}
		return nil
	}
	country := p.Country
	if country == "" && p.Org == "" {
		// "a court in Guyana", "police in Nablus": the country of the following place phrase.
		country = l.followingCountry(s, p)
		if country == "" {
			// "a Christian missionary from Calgary", "a delegation from Beijing": where they
			// come from, said right after the noun (not "flights from X": no group word)
			country = l.origin(s, p)
		}
		if country == "" && l.r.Places != nil {
			// "the mayor of the West Bank city of Nablus", "the governor of Texas"
			country = l.placeOf(s, p)
		}
	}
	source := "article"
	if country == "" && p.Org == "" && l.home != "" && l.homeOK && domestic[p.Agent] && !p.Definite {
		// "police said" in a story datelined Nairobi: Kenya's police.
		country, source = l.home, "inferred"
	}
	if country == "" && p.Org == "" && (p.Definite || p.Agent == "GOV" || p.Agent == "") {
		// "the minister", "leaders", "officials" of no stated country tell nothing about who
		// acted; a group word such as "police" or "rebels" still does (code: the agent alone).
		return nil
	}
	agent := p.Agent
	if agent == "" {
		agent = "GOV"
	}
	if p.Office != "" && country != "" && !p.Plural {
		// "the Russian prime minister": the office holder of that date, when known.
		if hs := l.r.KB.Holders(country, p.Office, l.date); len(hs) == 1 && !l.date.IsZero() {
			q := *p
			q.Person = hs[0]
			es := l.person(&q, nil)
			return es
		}
	}
	org := p.Org
	if c, a, ok := kb.CountryBased(org); ok {
		// "Hezbollah guerrillas", "Labour Party leaders": the named group's own code.
		country, agent, org = c, a, ""
	}
	key := "g:" + country + org + agent
	name := agent
	if p.Org != "" && p.Name != "" {
		name = p.Name
	} else if c := l.r.KB.Country(country); c != nil {
		name = c.Name + " " + p.Title
	}
	return []*Entity{l.entity(key, func() *Entity {
		return &Entity{Name: name, Kind: "group", Country: country, Org: org, Agent: agent, Office: p.Office, Source: source}
	})}
}

func (l *linker) titleFits(e *Entity, title string) bool {
	switch title {
	case "premier", "prime minister", "chancellor":
		return e.Office == "head_of_government"
	case "president", "king", "queen", "emir", "monarch":
		return e.Office == "head_of_state" || e.Office == "monarch"
	case "foreign minister", "foreign secretary", "secretary of state":
		return e.Office == "foreign_minister"
	}
	return false
}

func (l *linker) followingCountry(s *dateline.Sentence, p *mention.Phrase) string {
	toks := s.Tokens
	if p.End+1 < len(toks) {
		w := strings.ToLower(toks[p.End].Text)
		if w == "in" || w == "of" {
			for _, q := range l.r.Gaz.Find(toks[p.End+1 : min(len(toks), p.End+6)]) {
				if q.Start == 0 && q.Country != "" {
					if c := l.r.KB.Country(q.Country); c != nil && q.Via == mention.KindCapital {
						if pl := l.namesake(c.Capital, c.ISO3); pl != nil {
							return pl.Country // "militias in Tripoli ... the north Lebanese port"
						}
					}
					return q.Country
				}
				break
			}
		}
	}
	return ""
}
