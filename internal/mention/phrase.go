package mention

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/kb"
	"github.com/dateline-news/dateline/internal/text"
)

// Phrase kinds.
const (
	PhrasePerson  = "person"  // a named person: "Chinese Premier Li Keqiang", "Mishustin"
	PhraseCountry = "country" // "China", "Russia's", "Beijing" as actor, "the Kremlin"
	PhraseOrg     = "org"     // "the United Nations", "NATO"
	PhraseAgency  = "agency"  // "Xinhua"
	PhraseGroup   = "group"   // a title or group word with no name: "Chinese troops", "the premier"
	PhraseName    = "name"    // a bare capitalised name the gazetteer does not know: "Li", "Smith"
	PhrasePronoun = "pronoun" // he, she, him
	PhrasePair    = "pair"    // "the two countries", "both sides"
)

// Phrase is one reference to an actor in a sentence.
type Phrase struct {
	Start, End  int // token indexes [Start, End)
	Kind        string
	Country     string // ISO3 from a country, nationality word, capital or possessive
	Org         string // organisation code
	Person      *kb.Person
	Name        string // the name as written, for people the gazetteer does not know
	Title       string // the head title or group word ("premier", "troops")
	Agent       string // CAMEO agent code implied by the title
	Office      string
	Gender      string
	Counterpart bool // "his Russian counterpart"
	Definite    bool // "the premier": points back to someone already in play
	Plural      bool
	Possessive  bool   // "Russia's": the phrase modifies what follows
	Modifier    bool   // a nationality word before a plain noun: "an Indian proposal"
	Via         string // what named the country: country | nationality | capital | govname
	Prep        string // the preposition just before the phrase ("in", "with", "by"), lower case
	Owner       string // the possessive pronoun that opens a group phrase ("their forces"): its | their | his | her
	People      string // a people named by a nationality ("the Albanian population"): that nationality's country
}

// Span returns the byte span of the phrase in the article body.
func (p *Phrase) Span(toks []dateline.Token) [2]int {
	return [2]int{toks[p.Start].Start, toks[p.End-1].End}
}

// Text returns the phrase as written.
func (p *Phrase) Text(body string, toks []dateline.Token) string {
	s := p.Span(toks)
	return strings.Join(strings.Fields(body[s[0]:s[1]]), " ")
}

var pairNouns = map[string]bool{"countries": true, "sides": true, "nations": true, "governments": true,
	"leaders": true, "states": true, "neighbours": true, "neighbors": true, "premiers": true,
	"presidents": true, "ministers": true, "heads": true, "parties": true, "delegations": true}

// CalendarWords are capitalised words that are never a bare name in news ("Friday" is also a
// prime minister's surname, "May" a British one).
var CalendarWords = map[string]bool{"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true,
	"Friday": true, "Saturday": true, "Sunday": true, "January": true, "February": true, "March": true,
	"April": true, "May": true, "June": true, "July": true, "August": true, "September": true,
	"October": true, "November": true, "December": true}

// subordinators are tagged IN like prepositions but begin a clause.
var subordinators = map[string]bool{"that": true, "whether": true, "if": true, "because": true,
	"although": true, "though": true, "while": true, "whereas": true, "unless": true, "once": true,
	"since": false, "after": false, "before": false}

var determiners = map[string]bool{"the": true, "his": true, "her": true, "its": true, "their": true,
	"a": true, "an": true, "this": true, "that": true, "these": true, "those": true, "our": true}

// Find returns the actor phrases of one sentence, left to right.
func (g *Gazetteer) Find(toks []dateline.Token) []Phrase {
	n := len(toks)
	matches := make([]*entry, n)
	for i := 0; i < n; {
		if e := g.match(toks, i); e != nil {
			// A capitalised title-less name the gazetteer only knows as a title word is still a match;
			// a lone title word in lower case inside a proper name ("Bank") is not worth special-casing.
			matches[i] = e
			i += len(e.words)
			continue
		}
		i++
	}
	var out []Phrase
	for i := 0; i < n; {
		p, next := g.phraseAt(toks, matches, i)
		if next <= i {
			i++
			continue
		}
		if p != nil && p.Kind == PhraseCountry && waterBody(toks, p.Start, p.End) {
			i = next // "the South China Sea", "the Sea of Japan": a body of water, not the country
			continue
		}
		if p != nil {
			if p.Start > 0 {
				prev := strings.ToLower(toks[p.Start-1].Text)
				if subordinators[prev] {
					// "said that China is ready": a clause begins, China is its subject
				} else if toks[p.Start-1].Tag == "IN" || toks[p.Start-1].Tag == "TO" {
					p.Prep = prev
				} else if p.Start > 1 && determiners[prev] && (toks[p.Start-2].Tag == "IN" || toks[p.Start-2].Tag == "TO") {
					p.Prep = strings.ToLower(toks[p.Start-2].Text)
				}
			}
			out = append(out, *p)
		}
		i = next
	}
	return mergeAppositives(listedHardware(out, toks), toks)
}

// timeSubordinators are tagged IN and are prepositions before a noun phrase ("as a gesture",
// "after talks") but open a clause before a subject and its verb ("as Israel announced").
var timeSubordinators = map[string]bool{"as": true, "after": true, "before": true, "since": true,
	"until": true, "till": true, "once": true, "while": true, "because": true}

// ClauseSubject: the phrase at [start, end) follows a time subordinator (perhaps with a
// determiner between) and is followed by a finite verb, so it is the subject of the clause the
// subordinator opens ("came as Israel announced", "after the US leader said"); its Prep is
// still the subordinator, which the coder reads as a clause opener. "such as", "as well as"
// and "the same as" compare or list instead.
func ClauseSubject(toks []dateline.Token, start, end int) bool {
	k := start - 1
	if k >= 1 && determiners[strings.ToLower(toks[k].Text)] && toks[k].Tag == "DT" {
		k--
	}
	if k < 0 || toks[k].Tag != "IN" || !timeSubordinators[strings.ToLower(toks[k].Text)] {
		return false
	}
	if strings.EqualFold(toks[k].Text, "as") && k > 0 {
		switch strings.ToLower(toks[k-1].Text) {
		case "such", "well", "same", "as", "so", "known", "seen", "regarded", "described":
			return false
		}
	}
	j := end
	for j < len(toks) && j < end+2 && toks[j].Tag == "RB" {
		j++
	}
	if j >= len(toks) {
		return false
	}
	switch toks[j].Tag {
	case "VBD", "VBZ", "VBP", "MD":
		return true
	}
	return false
}

// stateNouns head a country's formal name: "the republic of Slovenia", "the Kingdom of
// Morocco", "the state of Israel" are the country itself.
var stateNouns = map[string]bool{"republic": true, "kingdom": true, "state": true, "emirate": true,
	"principality": true, "sultanate": true, "duchy": true, "commonwealth": true, "federation": true}

// listedHardware adds the arms a country's forces are said to include: "Russian aircraft
// including helicopter gunships" — the gunships are Russia's military too.
func listedHardware(ps []Phrase, toks []dateline.Token) []Phrase {
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		if p.Agent != "MIL" || p.Country == "" || p.End >= len(toks) {
			continue
		}
		k := p.End
		switch {
		case strings.EqualFold(toks[k].Text, "including"):
			k++
		case k+1 < len(toks) && strings.EqualFold(toks[k].Text, "such") && strings.EqualFold(toks[k+1].Text, "as"):
			k += 2
		default:
			continue
		}
		if i+1 < len(ps) && ps[i+1].Start < hardwareAt(toks, k) {
			continue
		}
		if j := hardwareAt(toks, k); j > k {
			q := Phrase{Start: k, End: j, Kind: PhraseGroup, Country: p.Country, Via: KindNationality, Agent: "MIL",
				Title: strings.ToLower(text.Join(toks[k:j])), Plural: pluralTerm(strings.ToLower(toks[j-1].Text))}
			ps = append(ps[:i+1], append([]Phrase{q}, ps[i+1:]...)...)
			i++
		}
	}
	return ps
}

func isCap(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// phraseAt builds the phrase starting at token i, returning it (or nil) and the next index.
func (g *Gazetteer) phraseAt(toks []dateline.Token, m []*entry, i int) (*Phrase, int) {
	n := len(toks)
	low := strings.ToLower(toks[i].Text)
	// Pair references: "the two countries", "both sides".
	if (low == "the" && i+2 < n && strings.ToLower(toks[i+1].Text) == "two" && pairNouns[strings.ToLower(toks[i+2].Text)]) ||
		(low == "both" && i+1 < n && pairNouns[strings.ToLower(toks[i+1].Text)]) {
		end := i + 2
		if low == "the" {
			end = i + 3
		}
		p := &Phrase{Start: i, End: end, Kind: PhrasePair, Plural: true, Title: strings.ToLower(toks[end-1].Text)}
		if end < n && (toks[end].Text == "'" || toks[end].Text == "'s") {
			p.Possessive = true
			end++
			p.End = end
		}
		return p, end
	}
	switch low {
	case "they":
		if toks[i].Tag == "PRP" && i+1 < n && (strings.HasPrefix(toks[i+1].Tag, "VB") || toks[i+1].Tag == "MD") {
			return &Phrase{Start: i, End: i + 1, Kind: PhrasePronoun, Name: low, Plural: true}, i + 1
		}
	case "it":
		// only as a subject: "Israel announced it would free ..."
		if toks[i].Tag == "PRP" && i+1 < n && (strings.HasPrefix(toks[i+1].Tag, "VB") || toks[i+1].Tag == "MD") {
			return &Phrase{Start: i, End: i + 1, Kind: PhrasePronoun, Name: low}, i + 1
		}
	case "he", "she", "him":
		if toks[i].Tag == "PRP" {
			g := "m"
			if low == "she" {
				g = "f"
			}
			return &Phrase{Start: i, End: i + 1, Kind: PhrasePronoun, Gender: g, Name: low}, i + 1
		}
	}
	start := i
	definite := false
	if determiners[low] && i+1 < n && !(low == "that" || low == "this") && (m[i] == nil || m[i].kind == KindTitle) {
		// (a name that itself begins with "The", "The Hague", is matched whole)
		definite = low == "the" || low == "his" || low == "her" || low == "their" || low == "its"
		i++
	}
	p := &Phrase{Start: start}
	if low == "his" || low == "her" || low == "their" || low == "its" {
		p.Owner = low
	}
	if m[i] == nil && i+2 < n && stateNouns[strings.ToLower(toks[i].Text)] && strings.EqualFold(toks[i+1].Text, "of") &&
		m[i+2] != nil && m[i+2].kind == KindCountry && (low == "the" || i == start) {
		// "the republic of Slovenia": the country, named formally
		i += 2
	}
	// "ethnic Albanians", "ethnic Serb villagers": the nationality word names a people, not the
	// state of that name; where they live is told by the place they are in.
	ethnic := strings.EqualFold(toks[i].Text, "ethnic") && i+1 < n && m[i+1] != nil && m[i+1].kind == KindNationality
	if ethnic {
		i++
	}
	collective := false
	if m[i] == nil && i+1 < n && isCap(toks[i].Text) && people[strings.ToLower(toks[i].Text)] && m[i+1] != nil && m[i+1].kind == KindTitle {
		// "Druze inhabitants", "Shiite militants": a community of no stated country, like
		// "ethnic Albanian guerrillas"; where they live is told by a place or the story.
		i++
	}
	if m[i] == nil && i+2 < n && ofPeopleNouns[strings.ToLower(toks[i].Text)] && strings.ToLower(toks[i+1].Text) == "of" && m[i] == nil &&
		(m[i+2] != nil && m[i+2].kind != KindTitle && m[i+2].kind != KindPerson || strings.EqualFold(toks[i+2].Text, "the") && i+3 < n && m[i+3] != nil && m[i+3].kind != KindTitle && m[i+3].kind != KindPerson) {
		// "the people of Kosovo", "the population of the Syrian Golan": its civilians; the
		// country is the "of" phrase's, found by the actor stage.
		p.Kind, p.Title, p.Agent, p.Plural, p.Definite = PhraseGroup, strings.ToLower(toks[i].Text), "CVL", true, false
		p.End = i + 1
		return p, i + 1
	}
	// (country | nationality | capital | org)('s)?
	if e := m[i]; e != nil && e.kind != KindTitle && e.kind != KindPerson {
		switch e.kind {
		case KindCountry, KindNationality, KindCapital, KindGovName:
			p.Country, p.Via = e.code, e.kind
			if e.kind == KindNationality {
				p.Via = KindNationality
			}
		case KindOrg:
			p.Org, p.Name = e.code, e.name
		case KindAgency:
			p.Country, p.Name, p.Kind = e.code, e.name, PhraseAgency
		}
		i += len(e.words)
		if e.kind == KindNationality && len(e.words) == 1 {
			// "Palestinians", "Serbs": a people, plural ("their leaders" may be theirs); a word
			// after it may still make it a modifier below, which then stands for the country
			if w := toks[i-1].Text; strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
				p.Plural = true
			}
		}
		if i < n && (toks[i].Text == "'s" || toks[i].Text == "’s" || toks[i].Text == "'") {
			p.Possessive = true
			i++
		}
		if !p.Possessive && p.Country != "" && (e.kind == KindCountry || e.kind == KindNationality) && i < n {
			if g.isPeople(toks, m, i) {
				// "Kosovo Albanians", "Iraqi Kurds", "Bosnian Serbs": a people of the named country.
				i++
				p.Via, p.Plural = KindNationality, true
			} else if (m[i] != nil && m[i].kind == KindNationality && len(m[i].words) == 1 || m[i] == nil && people[strings.ToLower(toks[i].Text)]) &&
				i+1 < n && m[i+1] != nil && m[i+1].kind == KindTitle {
				i++ // "Kosovo Albanian leaders", "Turkish Kurd refugees": the first country's
			}
		}
		if i+1 < n && toks[i].Text == "-" && compoundTails[strings.ToLower(toks[i+1].Text)] {
			// "Vietnamese-led forces": the forces are of the named country's doing.
			i += 2
			if p.Via == KindCountry {
				p.Via = KindNationality
			}
		}
	}
	// titles and group words: "Premier", "Foreign Minister", "counterpart", "troops"
	for i < n {
		w := strings.ToLower(toks[i].Text)
		if w == "counterpart" || w == "counterparts" {
			p.Counterpart = true
			p.Title = w
			p.Plural = w == "counterparts"
			i++
			continue
		}
		e := m[i]
		if e == nil && toks[i].Tag == "JJ" && i+1 < n && m[i+1] != nil && m[i+1].kind == KindTitle && (p.Country != "" || p.Org != "" || p.Title != "") {
			i++ // "Nigerian junior foreign minister", "Russia's acting defence minister"
			continue
		}
		if e == nil && p.Possessive && p.Title == "" && p.Country != "" {
			if j := localUnit(toks, m, i); j > i {
				i = j // "Ankara's Cankaya district administration", "Iraq's Anbar provincial council"
				continue
			}
		}
		if e != nil && e.kind == KindTitle && len(e.words) == 1 && toks[i].Tag == "JJ" && i+1 < n && strings.HasPrefix(toks[i+1].Tag, "NN") && m[i+1] == nil {
			e = nil // "a new military offensive": an adjective, not the military
		}
		if e != nil && e.kind == KindTitle && len(e.words) == 1 && toks[i].Tag == "JJ" && i+3 < n && toks[i+1].Tag == "CC" && toks[i+2].Tag == "JJ" && strings.HasPrefix(toks[i+3].Tag, "NN") {
			e = nil // "military and civilian personnel", "military and economic aid": adjectives
		}
		if e == nil || e.kind != KindTitle {
			// "of Russia" after a title: "the president of Russia"
			if p.Title != "" && w == "of" && i+1 < n && m[i+1] != nil && (m[i+1].kind == KindCountry || m[i+1].kind == KindOrg) && p.Country == "" && p.Org == "" {
				e2 := m[i+1]
				if e2.kind == KindCountry {
					p.Country, p.Via = e2.code, KindCountry
				} else {
					p.Org, p.Name = e2.code, e2.name
				}
				i += 1 + len(e2.words)
				continue
			}
			break
		}
		p.Title, p.Agent, p.Office = e.agent.Term, e.agent.Agent, e.agent.Office
		p.Possessive = false // "China's foreign ministry": the ministry is the phrase's head
		if e.agent.Gender != "" {
			p.Gender = e.agent.Gender
		}
		p.Plural = pluralTerm(e.agent.Term)
		i += len(e.words)
	}
	if p.Agent == "MIL" && p.Title != "" && !p.Plural && p.Office == "" {
		if j := hardwareAt(toks, i); j > i {
			// "a Yugoslav army jet", "air force helicopters": the military's own
			p.Plural = pluralTerm(strings.ToLower(toks[j-1].Text))
			i = j
		}
	}
	// a name: known person, or capitalised words after a title
	if i < n {
		if e := m[i]; e != nil && e.kind == KindPerson {
			p.Possessive = false // "Russia's Vladimir Putin"
			p.Person, p.Name, p.Gender = e.person, e.person.Name, e.person.Gender
			i += len(e.words)
			p.Kind = PhrasePerson
		} else if (p.Title != "" || p.Counterpart) && !p.Plural && e == nil {
			j := i
			for j < n && j-i < 4 && (toks[j].Tag == "NNP") && isCap(toks[j].Text) && m[j] == nil {
				j++
			}
			if j > i {
				p.Name = text.Join(toks[i:j])
				p.Kind = PhrasePerson
				i = j
			}
		}
	}
	if p.Kind == "" {
		switch {
		case p.Title != "" || p.Counterpart:
			p.Kind = PhraseGroup
			p.Definite = definite && p.Country == "" && p.Org == ""
		case p.Country != "" && p.Via != "" || p.Org != "":
			if p.Via == KindCountry && !p.Possessive && p.Org == "" {
				if j := hardwareAt(toks, i); j > i {
					p.Via = KindNationality // "U.S. drones": as "American drones"
				}
			}
			if p.Via == KindNationality && !p.Possessive {
				// "the Chinese side", "an Indian proposal", "Russian aircraft": a nationality
				// word before a noun that is no title stands for its country (CAMEO codes "an
				// Australian ultimatum" as Australia's). The noun joins the phrase.
				if i < n && isSideNoun(toks[i].Text) {
					i++
				} else if i < n && collectiveNouns[strings.ToLower(toks[i].Text)] {
					// "the Albanian population of the province", "the Hungarian minority in
					// Romania": a people, of the country where they live, as "ethnic Albanians"
					ethnic, collective = true, true
					i++
				} else if j := hardwareAt(toks, i); j > i {
					// "Russian aircraft", "Israeli warplanes", "Turkish tanks": the country's
					// military, as CAMEO codes the arms for the forces that use them.
					p.Kind, p.Agent, p.Title = PhraseGroup, "MIL", strings.ToLower(text.Join(toks[i:j]))
					p.Plural = pluralTerm(strings.ToLower(toks[j-1].Text)) || strings.EqualFold(toks[j-1].Text, "aircraft")
					i = j
				} else {
					for i < n && i-start < 6 && !timeWords[strings.ToLower(toks[i].Text)] && (strings.HasPrefix(toks[i].Tag, "NN") && toks[i].Tag != "NNP" || toks[i].Tag == "JJ" && i+1 < n && strings.HasPrefix(toks[i+1].Tag, "NN")) {
						i++
					}
					p.Modifier = true
				}
			}
			if p.Kind == PhraseGroup {
				// hardware, above
			} else if p.Org != "" {
				p.Kind = PhraseOrg
			} else {
				p.Kind = PhraseCountry
			}
		case p.Kind == PhraseAgency:
		default:
			// a bare capitalised word: a surname in second mention?
			if i == start && toks[i].Tag == "NNP" && isCap(toks[i].Text) && m[i] == nil && len(toks[i].Text) > 1 && !CalendarWords[toks[i].Text] {
				j := i
				for j < n && toks[j].Tag == "NNP" && isCap(toks[j].Text) && m[j] == nil {
					j++
				}
				return &Phrase{Start: i, End: j, Kind: PhraseName, Name: text.Join(toks[i:j])}, j
			}
			if i > start {
				return nil, start + 1
			}
			return nil, i + 1
		}
	}
	if ethnic && p.Kind != PhraseAgency {
		// The people, not the state: of no country until a place or the story says which.
		if collective {
			p.People = p.Country // unless neither does: "the Turkish community"
		}
		p.Country, p.Via, p.Modifier = "", "", false
		if p.Kind == PhraseCountry {
			p.Kind, p.Agent, p.Plural = PhraseGroup, "CVL", true
			p.Title = strings.ToLower(text.Join(toks[start:i]))
		}
	}
	if p.Kind == PhraseAgency && p.Title == "" {
		p.Agent = "MED"
	}
	// Trailing possessive after a name: "Li's" keeps the person as the phrase.
	if i < n && (toks[i].Text == "'s" || toks[i].Text == "’s") && p.Kind != PhraseCountry {
		p.Possessive = true
		i++
	}
	p.End = i
	if p.Start == p.End {
		return nil, i + 1
	}
	return p, i
}

// hardwareHeads are arms that stand for the forces using them when a country, nationality or
// military word comes before them; alone ("aircraft orders", "Boeing aircraft") they are none.
var hardwareHeads = map[string]bool{"aircraft": true, "warplane": true, "warplanes": true, "jet": true,
	"jets": true, "bomber": true, "bombers": true, "gunship": true, "gunships": true,
	"helicopter": true, "helicopters": true, "drone": true, "drones": true, "tank": true, "tanks": true,
	"warship": true, "warships": true, "gunboat": true, "gunboats": true, "artillery": true,
	"submarine": true, "submarines": true, "vessel": true, "vessels": true, "frigate": true,
	"frigates": true, "destroyer": true, "destroyers": true, "planes": true, "plane": true,
	"troop carriers": true, "armoured vehicles": true, "armored vehicles": true, "patrol boats": true}

// hardwareMods may stand before a hardware head: "fighter jets", "helicopter gunships",
// "navy vessels", "military aircraft".
var hardwareMods = map[string]bool{"fighter": true, "helicopter": true, "military": true, "army": true,
	"navy": true, "naval": true, "air": true, "force": true, "combat": true, "attack": true,
	"patrol": true, "battle": true, "war": true, "coast": true, "guard": true, "reconnaissance": true,
	"spy": true, "unmanned": true, "armoured": true, "armored": true, "armed": true}

// hardwareAt returns the end of a hardware noun phrase at i ("helicopter gunships", "fighter
// jets", "tanks") whose last word is its head; else i. "plane(s)" and "vessel(s)" need a
// military word before them ("navy vessels", "military planes", "warplanes").
func hardwareAt(toks []dateline.Token, i int) int {
	j := i
	for j < len(toks) && j-i < 4 {
		w := strings.ToLower(toks[j].Text)
		if !hardwareMods[w] && !hardwareHeads[w] {
			break
		}
		j++
	}
	// the run's last word must be a head, the words before it modifiers
	for j > i && !hardwareHeads[strings.ToLower(toks[j-1].Text)] {
		j--
	}
	if j == i {
		return i
	}
	mod := false
	for k := i; k < j-1; k++ {
		w := strings.ToLower(toks[k].Text)
		if !hardwareMods[w] {
			return i
		}
		mod = mod || militaryMods[w]
	}
	head := strings.ToLower(toks[j-1].Text)
	if (head == "plane" || head == "planes" || head == "vessel" || head == "vessels") && !mod {
		return i
	}
	if j < len(toks) && (strings.HasPrefix(toks[j].Tag, "NN") || toks[j].Text == "-") {
		return i // "aircraft orders", "tank battalion": not the head
	}
	return j
}

// militaryMods make a plane or vessel a military one.
var militaryMods = map[string]bool{"military": true, "army": true, "navy": true, "naval": true,
	"air": true, "force": true, "war": true, "coast": true, "guard": true, "combat": true,
	"armed": true, "fighter": true, "spy": true, "reconnaissance": true, "patrol": true}

// collectiveNouns after a nationality word name a people living somewhere, not the state of
// that name: "the Albanian population", "the Turkish minority", "the Chinese community".
var collectiveNouns = map[string]bool{"population": true, "minority": true, "community": true,
	"minorities": true, "communities": true, "populations": true, "diaspora": true}

// ofPeopleNouns name the people of a place when "of" and the place follow ("the people of
// Kosovo"); alone they are no actor ("eight people were killed").
var ofPeopleNouns = map[string]bool{"people": true, "population": true, "peoples": true, "natives": true}

// pluralTerm: a group word in the plural ("troops", "gunmen", "police").
func pluralTerm(t string) bool {
	switch {
	case strings.HasSuffix(t, "s") && !strings.HasSuffix(t, "ss"), strings.HasSuffix(t, "men"):
		return true
	}
	f := strings.Fields(t)
	switch f[len(f)-1] {
	case "people", "police", "personnel", "clergy":
		return true
	}
	return false
}

// timeWords are nouns of time that end a noun phrase ("Syrian officers today ended ...").
var timeWords = map[string]bool{"today": true, "yesterday": true, "tonight": true, "tomorrow": true,
	"morning": true, "evening": true, "afternoon": true, "overnight": true}

// peoples are plural names of ethnic and religious communities that a country word before them
// places in that country ("Iraqi Kurds", "Israeli Arabs", "Sri Lankan Tamils").
var peoples = map[string]bool{"kurds": true, "arabs": true, "jews": true, "muslims": true, "christians": true,
	"shiites": true, "sunnis": true, "tamils": true, "hutus": true, "tutsis": true, "pashtuns": true,
	"uighurs": true, "uyghurs": true, "copts": true, "berbers": true, "hindus": true, "sikhs": true,
	"catholics": true, "protestants": true, "baluch": true, "turkmen": true, "druze": true}

// people are the singular of peoples, written before a noun ("Turkish Kurd refugees").
var people = map[string]bool{"kurd": true, "kurdish": true, "arab": true, "jewish": true, "muslim": true,
	"christian": true, "shiite": true, "sunni": true, "tamil": true, "hutu": true, "tutsi": true,
	"pashtun": true, "uighur": true, "uyghur": true, "coptic": true, "berber": true, "hindu": true,
	"sikh": true, "catholic": true, "protestant": true, "druze": true}

// isPeople reports whether token i, after a country or nationality word, names a people in the
// plural: a plural nationality ("Kosovo Albanians", "Bosnian Serbs") or a community ("Kurds").
func (g *Gazetteer) isPeople(toks []dateline.Token, m []*entry, i int) bool {
	w := toks[i].Text
	if !isCap(w) {
		return false
	}
	if i+1 < len(toks) && (toks[i+1].Text == "'s" || toks[i+1].Text == "’s") {
		return false
	}
	if e := m[i]; e != nil {
		return e.kind == KindNationality && len(e.words) == 1 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss")
	}
	return peoples[strings.ToLower(w)]
}

// unitNouns name a local administrative unit between a country and its office ("Ankara's
// Cankaya district administration").
var unitNouns = map[string]bool{"district": true, "province": true, "provincial": true, "region": true,
	"regional": true, "state": true, "city": true, "municipal": true, "county": true, "local": true,
	"governorate": true, "prefecture": true, "town": true}

// localUnit returns the index after "NAME unit" (one to three capitalised words the gazetteer
// does not know, then a unit noun) when a title follows it; else i.
func localUnit(toks []dateline.Token, m []*entry, i int) int {
	j := i
	for j < len(toks) && j-i < 3 && toks[j].Tag == "NNP" && isCap(toks[j].Text) && m[j] == nil {
		j++
	}
	if j == i || j >= len(toks) || !unitNouns[toks[j].Text] {
		return i
	}
	j++
	if j < len(toks) && m[j] != nil && m[j].kind == KindTitle {
		return j
	}
	return i
}

func isSideNoun(w string) bool {
	switch strings.ToLower(w) {
	case "side", "government", "authorities", "leadership", "state":
		return true
	}
	return false
}

// mergeAppositives folds "Mishustin, Russia's prime minister," into the person phrase before it:
// the appositive's country and title describe the person.
func mergeAppositives(ps []Phrase, toks []dateline.Token) []Phrase {
	out := ps[:0]
	for i := 0; i < len(ps); i++ {
		p := ps[i]
		if p.Kind == PhrasePerson || p.Kind == PhraseName {
			if i+1 < len(ps) {
				q := ps[i+1]
				if q.Start == p.End+1 && toks[p.End].Text == "," && q.Kind == PhraseGroup && !q.Plural && q.Title != "" {
					if p.Country == "" {
						p.Country, p.Via = q.Country, q.Via
					}
					if p.Title == "" {
						p.Title, p.Agent, p.Office = q.Title, q.Agent, q.Office
					}
					if p.Kind == PhraseName {
						p.Kind = PhrasePerson
					}
					p.End = q.End
					i++
				}
			}
		}
		out = append(out, p)
	}
	return out
}

// waterNouns end or head the names of seas, gulfs and straits.
var waterNouns = map[string]bool{"Sea": true, "Ocean": true, "Strait": true, "Straits": true, "Gulf": true, "Bay": true, "Channel": true}

// waterBody: the country words at [start, end) are part of a water body's name.
func waterBody(toks []dateline.Token, start, end int) bool {
	if end < len(toks) && waterNouns[toks[end].Text] {
		return true
	}
	return start >= 2 && toks[start-1].Text == "of" && waterNouns[toks[start-2].Text]
}
