package place

import (
	"strconv"
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/text"
)

// Dateline resolves an article's dateline place, setting Dateline.Country and Dateline.Location
// when it resolves, and returns the hints (the dateline's country, the countries the story
// names) that later choose between namesakes in the story's text.
func (g *Gazetteer) Dateline(a *dateline.Article, sents []dateline.Sentence) Hints {
	h := g.DatelineHints(sents)
	if a.Dateline.Place != "" {
		if p := g.ResolveDateline(a.Dateline, h); p != nil {
			a.Dateline.Country = p.Country
			a.Dateline.Location = g.Location(p)
		}
	}
	h.Home = a.Dateline.Country
	return h
}

// Locate sets each event's Location: the place named in the event's own clause; else the
// dateline place when the event plainly happened there (see plainlyAtDateline); else none. An
// event in a sentence about a meeting by video link or telephone has no single place and gets
// none.
func (g *Gazetteer) Locate(doc *dateline.Document, h Hints) {
	if len(doc.Events) == 0 {
		return
	}
	byStart := make(map[int]int, len(doc.Sentences))
	for i := range doc.Sentences {
		byStart[doc.Sentences[i].Start] = i
	}
	remoteStory := false
	for i := 0; i < len(doc.Sentences) && i < 3; i++ {
		remoteStory = remoteStory || remote(doc.Sentences[i].Tokens)
	}
	remoteSent := map[int]bool{} // by sentence: several events share one
	seen := map[string]int{}     // sentence and trigger → events seen with it, for repeated triggers
	for k := range doc.Events {
		e := &doc.Events[k]
		e.Location = nil
		si, ok := byStart[e.Span[0]]
		if !ok || doc.Sentences[si].End != e.Span[1] {
			continue
		}
		s := &doc.Sentences[si]
		r, ok := remoteSent[si]
		if !ok {
			r = remote(s.Tokens)
			remoteSent[si] = r
		}
		if r {
			continue
		}
		id := strconv.Itoa(si) + "\x00" + e.Trigger
		t, end := findTrigger(s.Tokens, e.Trigger, seen[id])
		seen[id]++
		if t >= 0 {
			lo, hi := clause(s.Tokens, t, end)
			if p := g.clausePlace(s.Tokens, lo, hi, t, end, h); p != nil {
				e.Location = g.Location(p)
				continue
			}
		}
		if !remoteStory && plainlyAtDateline(e, s, doc.Dateline) {
			l := *doc.Dateline.Location
			e.Location = &l
		}
	}
}

// plainlyAtDateline reports whether an event with no place of its own plainly happened at the
// dateline place: it is reported in the lead paragraph (the dateline's own news), and it is
// something said, asked, intended, demanded or refused (CAMEO 01–03, 05, 10–13) by an actor of
// the dateline's country — a government speaks from home — or a meeting or visit (04) with such
// an actor on either side. A material act (aid, an arrest, an attack) or a protest is where it
// is done, which the dateline does not tell: a reporter in Jerusalem writes about shootings in
// the West Bank.
func plainlyAtDateline(e *dateline.Event, s *dateline.Sentence, dl dateline.Dateline) bool {
	if dl.Location == nil || s.Paragraph != 0 {
		return false
	}
	home := dl.Location.Country
	isHome := func(r *dateline.ActorRef) bool { return r != nil && r.Country == home }
	switch e.CameoRoot {
	case "04":
		return isHome(e.Source) || isHome(e.Target)
	case "01", "02", "03", "05", "10", "11", "12", "13":
		return isHome(e.Source)
	}
	return false
}

// remote reports whether a sentence tells of a meeting or talk held at a distance: by video
// link, by telephone, online.
func remote(toks []dateline.Token) bool {
	for i := range toks {
		for _, m := range remoteMarkers[strings.ToLower(toks[i].Text)] {
			if i+len(m) <= len(toks) && wordsAre(toks[i+1:i+len(m)], m[1:]) {
				return true
			}
		}
	}
	return false
}

func wordsAre(toks []dateline.Token, ws []string) bool {
	for k, w := range ws {
		if !strings.EqualFold(toks[k].Text, w) {
			return false
		}
	}
	return true
}

// remoteMarkers, by first word: the word sequences that tell of a meeting at a distance.
var remoteMarkers = func() map[string][][]string {
	m := map[string][][]string{}
	for _, p := range []string{
		"video link", "video-link", "videolink", "video conference", "video-conference", "videoconference",
		"video conferencing", "video call", "by video", "via video", "video linkup", "teleconference",
		"conference call", "telephone call", "telephone conversation", "telephone talks", "phone call",
		"phone conversation", "phone talks", "by telephone", "by phone", "over the phone",
		"over the telephone", "telephoned", "phoned", "virtual meeting", "virtual summit",
		"virtual talks", "virtually", "online meeting", "online summit", "online talks",
	} {
		ws := strings.Fields(p)
		m[ws[0]] = append(m[ws[0]], ws)
	}
	return m
}()

// findTrigger finds the nth occurrence of an event's trigger (its tokens joined by spaces) in a
// sentence, returning its token range, or -1.
func findTrigger(toks []dateline.Token, trig string, nth int) (int, int) {
	if trig == "" {
		return -1, -1
	}
	for t := range toks {
		rest, j := trig, t
		for j < len(toks) {
			w := toks[j].Text
			if !strings.HasPrefix(rest, w) {
				break
			}
			rest = rest[len(w):]
			j++
			if rest == "" {
				break
			}
			if rest[0] != ' ' {
				j = -1
				break
			}
			rest = rest[1:]
		}
		if j > t && rest == "" {
			if nth == 0 {
				return t, j
			}
			nth--
		}
	}
	return -1, -1
}

var hardBoundary = map[string]bool{";": true, ":": true, "--": true, "—": true, "–": true, `"`: true,
	"“": true, "”": true, "(": true, ")": true}

// clauseOpeners start a clause of their own: a place after them belongs to that clause.
var clauseOpeners = map[string]bool{"who": true, "whom": true, "whose": true, "which": true, "where": true,
	"while": true, "whereas": true, "although": true, "though": true, "because": true, "after": true,
	"before": true, "when": true, "if": true, "unless": true, "until": true, "since": true}

func finite(t *dateline.Token) bool {
	switch t.Tag {
	case "VBD", "VBZ", "VBP", "MD":
		return true
	}
	return false
}

func verbal(t *dateline.Token) bool {
	return strings.HasPrefix(t.Tag, "VB") || t.Tag == "MD" || t.Tag == "RB" || t.Tag == "TO"
}

// segmentHasFinite reports whether tokens from i up to the next comma or hard boundary hold a
// finite verb.
func segmentHasFinite(toks []dateline.Token, i, hi int) bool {
	for ; i < hi; i++ {
		if toks[i].Text == "," || hardBoundary[toks[i].Text] {
			return false
		}
		if finite(&toks[i]) {
			return true
		}
	}
	return false
}

// clause returns the token range of the clause around an event's trigger [t, end): it stops
// at semicolons, dashes and quotes, at words that open another clause ("who", "after"), at
// another finite verb to the left ("officials said X met Y"), and at a comma or "and" that is
// followed by a clause of its own ("X met Y in Geneva, officials in Bern said"). A phrase before
// a comma stays in ("In Geneva, X met Y"), unless it is a subordinate clause ("After talks in
// Geneva, X flew to Paris").
func clause(toks []dateline.Token, t, end int) (int, int) {
	n := len(toks)
	// Left: past the trigger's own verb group first.
	lo := t
	for lo > 0 && verbal(&toks[lo-1]) {
		lo--
	}
	for lo > 0 {
		w := toks[lo-1]
		low := strings.ToLower(w.Text)
		if hardBoundary[w.Text] || clauseOpeners[low] || finite(&w) {
			break
		}
		if w.Text == "," {
			// The segment before the comma: keep it if it is a phrase, not a clause.
			s := lo - 1
			for s > 0 && toks[s-1].Text != "," && !hardBoundary[toks[s-1].Text] {
				s--
			}
			if s == lo-1 || clauseOpeners[strings.ToLower(toks[s].Text)] || segmentHasFinite(toks, s, lo-1) {
				break
			}
		}
		if (low == "and" || low == "but" || low == "or") && hasFiniteBefore(toks, lo-1) {
			break
		}
		lo--
	}
	hi := end
	for hi < n {
		w := toks[hi]
		low := strings.ToLower(w.Text)
		if hardBoundary[w.Text] || clauseOpeners[low] {
			break
		}
		if (w.Text == "," || low == "and" || low == "but" || low == "or") && segmentHasFinite(toks, hi+1, n) {
			break
		}
		if finite(&w) && hi > end {
			break
		}
		hi++
	}
	return lo, hi
}

// hasFiniteBefore reports whether a finite verb comes before token i in its comma segment.
func hasFiniteBefore(toks []dateline.Token, i int) bool {
	for j := i - 1; j >= 0; j-- {
		if toks[j].Text == "," || hardBoundary[toks[j].Text] {
			return false
		}
		if finite(&toks[j]) {
			return true
		}
	}
	return false
}

// placeIntro are the words after which a place is where something happens ("on" only before a
// place noun: "on the border with").
var placeIntro = map[string]bool{"in": true, "at": true, "near": true, "outside": true, "inside": true,
	"across": true, "throughout": true, "around": true, "within": true, "off": true, "along": true,
	"on": true, "visit": true, "visits": true, "visited": true, "visiting": true}

// placeNouns name the kind of place in "the city of Geneva", "the Swiss capital Bern".
var placeNouns = map[string]bool{"city": true, "town": true, "village": true, "port": true, "capital": true,
	"province": true, "state": true, "region": true, "district": true, "county": true, "area": true,
	"island": true, "islands": true, "resort": true, "outskirts": true, "suburbs": true, "suburb": true,
	"centre": true, "center": true, "heart": true, "streets": true, "coast": true, "border": true,
	"borders": true, "frontier": true, "enclave": true, "municipality": true, "prefecture": true}

// placeAdjectives describe a place without naming it: "northern Iraq", "the restive province of".
var placeAdjectives = map[string]bool{"northern": true, "southern": true, "eastern": true, "western": true,
	"central": true, "north": true, "south": true, "east": true, "west": true, "northeastern": true,
	"northwestern": true, "southeastern": true, "southwestern": true, "coastal": true, "nearby": true,
	"neighbouring": true, "neighboring": true, "restive": true, "besieged": true, "disputed": true,
	"breakaway": true, "occupied": true, "embattled": true, "remote": true, "main": true, "southernmost": true,
	"northernmost": true, "easternmost": true, "westernmost": true}

// topicNouns take a place as part of what they name ("the situation in Syria", "investment in
// China"): the place is the topic of the event, not where it happened.
var topicNouns = map[string]bool{"situation": true, "crisis": true, "war": true, "conflict": true,
	"violence": true, "fighting": true, "unrest": true, "attack": true, "attacks": true, "bombing": true,
	"bombings": true, "killing": true, "killings": true, "investment": true, "investments": true,
	"interest": true, "interests": true, "stake": true, "presence": true, "role": true, "involvement": true,
	"interference": true, "intervention": true, "election": true, "elections": true, "events": true,
	"developments": true, "democracy": true, "rights": true, "peace": true, "stability": true,
	"security": true, "operations": true, "embassy": true, "embassies": true, "ambassador": true,
	"consulate": true, "people": true, "refugees": true, "protests": true, "demonstrations": true,
	"trade": true, "business": true, "market": true, "markets": true, "sales": true, "plant": true,
	"subsidiary": true, "unit": true, "operation": true, "office": true, "offices": true}

// topicPreps introduce what an event is about: a place after them ("concern over the attack in
// Kabul") is part of the topic.
var topicPreps = map[string]bool{"over": true, "about": true, "regarding": true, "concerning": true,
	"on": true, "against": true, "for": true, "of": true}

// notPlaces are capitalised words that follow "in" or "at" without being places, though some
// town somewhere bears their name.
var notPlaces = map[string]bool{"january": true, "february": true, "march": true, "april": true, "may": true,
	"june": true, "july": true, "august": true, "september": true, "october": true, "november": true,
	"december": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "christmas": true, "easter": true, "congress": true, "parliament": true,
	"senate": true, "court": true, "council": true, "assembly": true, "cabinet": true, "government": true,
	"ministry": true, "office": true, "house": true, "summit": true, "conference": true, "talks": true}

// nameSuffixes may follow a place's name without making it another name ("Hebei Province").
var nameSuffixes = map[string]bool{"Province": true, "State": true, "City": true, "Region": true,
	"District": true, "County": true, "Prefecture": true, "Oblast": true, "Governorate": true, "Airport": true}

// maxPhraseWords bounds the words of a place name looked up in running text, so that the
// lookups per token stay few whatever alternate names the data holds.
const maxPhraseWords = 5

// clausePlace finds the places named in toks[lo:hi] and returns the most precise (nearest to
// the trigger among equals), or nil.
func (g *Gazetteer) clausePlace(toks []dateline.Token, lo, hi, t, end int, h Hints) *Place {
	var best *Place
	bestDist := 0
	for i := lo; i < hi; i++ {
		if i >= t && i < end && !isVisit(toks[i].Text) {
			continue // inside the trigger (but "visited Moscow" names the place)
		}
		if !placeIntro[strings.ToLower(toks[i].Text)] {
			continue
		}
		if i > 0 && topicNouns[strings.ToLower(toks[i-1].Text)] {
			continue
		}
		if i >= end && topicBetween(toks, end, i) {
			continue
		}
		p := g.phraseAt(toks, i, hi, h)
		if p == nil {
			continue
		}
		d := i - t
		if i >= end {
			d = i - end
		} else if d < 0 {
			d = -d
		}
		if best == nil || p.Kind > best.Kind || p.Kind == best.Kind && d < bestDist {
			best, bestDist = p, d
		}
	}
	return best
}

func isVisit(w string) bool {
	switch strings.ToLower(w) {
	case "visit", "visits", "visited", "visiting":
		return true
	}
	return false
}

// topicBetween reports whether a topic preposition comes between the trigger and token i.
func topicBetween(toks []dateline.Token, from, i int) bool {
	for j := from; j < i; j++ {
		if topicPreps[strings.ToLower(toks[j].Text)] {
			return true
		}
	}
	return false
}

// phraseAt reads the place phrase introduced by toks[i] ("in the Swiss city of Geneva", "near
// Portland, Ore.", "at the White House") and resolves it, or returns nil.
func (g *Gazetteer) phraseAt(toks []dateline.Token, i, hi int, h Hints) *Place {
	intro := strings.ToLower(toks[i].Text)
	j := i + 1
	if isVisit(intro) && j < hi && strings.ToLower(toks[j].Text) == "to" {
		j++ // "a visit to China"
	}
	var nationality string
	typed := false // a place noun came before: "the city of X"
scan:
	for steps := 0; j < hi && steps < 7; steps++ {
		w := toks[j].Text
		low := strings.ToLower(w)
		switch {
		case low == "the" || low == "a" || low == "an" || low == "its" || low == "their":
		case placeAdjectives[low] || placeNouns[low]:
			typed = typed || placeNouns[low]
		case (low == "of" || low == "with" || w == ",") && typed:
		case g.demonyms[w] != "" && j+1 < hi && !capitalised(toks[j+1].Text):
			nationality = g.demonyms[w] // "the Swiss city of"
		case toks[j].Tag == "JJ" && !capitalised(w):
		default:
			break scan
		}
		j++
	}
	if j >= hi || !capitalised(toks[j].Text) || intro == "on" && !typed {
		return nil // "on" places only through a place noun: "on the border with", "on the outskirts of"
	}
	if intro == "at" || intro == "outside" || intro == "inside" || intro == "near" {
		// "at the White House", "outside the Kremlin": the government's seat, in its capital.
		for n := min(4, hi-j); n >= 1; n-- {
			if iso3, ok := g.govNames[Key(text.Join(toks[j:j+n]))]; ok {
				if c, ok := g.capital[iso3]; ok {
					return &g.places[c]
				}
				return &g.places[g.country[iso3]]
			}
		}
	}
	if notPlaces[strings.ToLower(toks[j].Text)] {
		return nil
	}
	for n := min(g.maxWords, maxPhraseWords, hi-j); n >= 1; n-- {
		last := toks[j+n-1].Text
		if !capitalised(last) {
			continue
		}
		key := Key(text.Join(toks[j : j+n]))
		if g.names.head(g.nodes, key) < 0 {
			continue
		}
		after := j + n
		if after < len(toks) && capitalised(toks[after].Text) && !nameSuffixes[toks[after].Text] {
			return nil // part of a longer name: "Geneva Convention", "New York Times"
		}
		hh := h
		if after+1 < hi && toks[after].Text == "," && capitalised(toks[after+1].Text) {
			// A qualifier: "Geneva, Switzerland", "Portland, Ore.", "Springfield, Illinois".
			for m := min(3, hi-after-1); m >= 1; m-- {
				if w := g.Region(text.Join(toks[after+1 : after+1+m])); w != nil {
					hh.Within = w
					break
				}
			}
		}
		if hh.Within == nil && nationality != "" {
			hh.Within = []*Place{&g.places[g.country[nationality]]}
		}
		p := g.lookupKey(key, &hh, false)
		if p == nil && hh.Within != nil {
			p = g.lookupKey(key, &h, false)
		}
		return p
	}
	return nil
}
