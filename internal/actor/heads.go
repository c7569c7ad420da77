package actor

import (
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/mention"
)

// Groups named by whom they follow or where they live: "supporters of former President Ahmed
// Ben Bella", "the inhabitants of the Syrian Golan Heights", "militants loyal to Iraq's
// Al-Qaeda frontman". The group is of the country of the person, place or group its
// complement names, which says more than the dateline does.

// followerWords are group words whose "of" phrase names the person or group followed.
var followerWords = map[string]bool{"supporters": true, "followers": true, "loyalists": true,
	"partisans": true, "disciples": true, "adherents": true}

// dwellerWords are group words whose "of" phrase names where they live.
var dwellerWords = map[string]bool{"inhabitants": true, "residents": true, "people": true,
	"citizens": true, "villagers": true, "population": true, "natives": true, "peoples": true,
	"youths": true, "civilians": true, "townspeople": true}

// loyalLinks join a group to whom it serves: "troops loyal to", "militias allied with".
var loyalLinks = map[string]bool{"loyal to": true, "faithful to": true, "allied to": true,
	"allied with": true, "loyal to the": true}

// ofHeads gives such groups the country of their complement.
func (l *linker) ofHeads(refs []Ref, toks []dateline.Token) {
	for i := 0; i+1 < len(refs); i++ {
		r, q := &refs[i], &refs[i+1]
		if len(r.Entities) != 1 || len(q.Entities) != 1 || q.Start <= r.End || q.Place && q.Kind != "country" {
			continue
		}
		e, qe := r.Entities[0], q.Entities[0]
		if e.Kind != "group" || e.Org != "" || e.Country != "" && e.Source != "inferred" {
			continue
		}
		if qe.Country == "" || qe.Agent == "MED" || qe == e {
			continue
		}
		title := r.Title
		if f := strings.Fields(title); len(f) > 0 {
			title = f[len(f)-1]
		}
		link := strings.ToLower(strings.Join(words(toks[r.End:q.Start]), " "))
		of := link == "of" || link == "of the"
		follower := of && followerWords[title]
		if !(follower || of && dwellerWords[title] && qe.Kind != "person" || loyalLinks[link]) {
			continue
		}
		agent := e.Agent
		if follower && qe.Kind == "person" && qe.Agent != "GOV" && qe.Agent != "MIL" {
			agent = "OPP" // the following of someone out of office
		}
		l.regroup(r, toks, qe.Country, agent, "article")
	}
}

// peoplesHome: a people named by a nationality and a collective noun ("the Turkish community")
// that no place, complement or story gave a country to is of the nationality's country.
func (l *linker) peoplesHome(refs []Ref, toks []dateline.Token) {
	for i := range refs {
		r := &refs[i]
		if r.People == "" || len(r.Entities) != 1 {
			continue
		}
		if e := r.Entities[0]; e.Kind == "group" && e.Country == "" && e.Org == "" {
			l.regroup(r, toks, r.People, e.Agent, "article")
		}
	}
}

// placeGroups: a group of no stated country acting in a place ("Islamic fundamentalists ...
// blocked roads in the capital city of Algiers", "Prisoners rioted at a jail in East Timor's
// capital Dili ... independence from Indonesian rule") is of the place's country, when the
// sentence names places of one country only; other countries named as owners or modifiers
// do not count.
func (l *linker) placeGroups(refs []Ref, toks []dateline.Token) {
	country := ""
	for _, r := range refs {
		if !r.Place || len(r.Entities) != 1 || r.Prep == "from" {
			continue // "independence from Indonesia" is no place where anyone acts
		}
		if r.Via == mention.KindNationality && r.Modifier && !placeNouns[strings.ToLower(toks[r.End-1].Text)] {
			continue // "under Indonesian rule"
		}
		c := r.Entities[0].Country
		if c == "" {
			continue
		}
		if country != "" && country != c {
			return
		}
		country = c
	}
	if country == "" {
		return
	}
	for i := range refs {
		r := &refs[i]
		if len(r.Entities) != 1 || r.Place || r.Kind != "group" {
			continue
		}
		if e := r.Entities[0]; e.Kind == "group" && e.Org == "" && e.Country == "" && localAgents[e.Agent] {
			l.regroup(r, toks, country, e.Agent, "inferred")
		}
	}
}

// localAgents are the groups that act where they are: not troops or officials, who are often
// abroad ("troops to a peacekeeping force in Yugoslavia").
var localAgents = map[string]bool{"OPP": true, "CVL": true, "EDU": true, "LAB": true, "REB": true,
	"UAF": true, "RAD": true, "INS": true, "REF": true, "SEP": true, "REL": true, "CRM": true,
	"AGR": true, "HRI": true}

// stateAgents are a state's own forces and services: named with no country ("government
// forces", "the army", "security forces") they are of the one country in play.
var stateAgents = map[string]bool{"MIL": true, "COP": true, "SPY": true, "JUD": true}

// stateGroups gives a state agent of no stated country the one country the sentence's actors
// and places are of: "The Syrian Observatory ..., a UK-based group, said eight people were
// killed in an air strike by government forces"; "Turkish police prevented a protest against
// sending troops to Iraq". A "-based" compound says where a group sits, not whose it is, and
// countries named after other prepositions ("to Iraq", "with Israel") are not in play.
func (l *linker) stateGroups(refs []Ref, toks []dateline.Token) {
	country := ""
	for _, r := range refs {
		if len(r.Entities) != 1 || r.Possessive && r.Kind == mention.PhraseCountry || r.Kind == mention.PhrasePronoun {
			continue
		}
		if !(r.Place || r.Prep == "" || r.Prep == "by" || r.Prep == "of" && r.Quantified) {
			continue
		}
		e := r.Entities[0]
		if e.Country == "" || e.Agent == "MED" || locatedCompound(toks, r.Start, r.End) {
			continue
		}
		if r.Via == mention.KindNationality && r.Modifier && !placeNouns[strings.ToLower(toks[r.End-1].Text)] && r.Prep != "" {
			continue // "under Indonesian rule"
		}
		if country != "" && country != e.Country {
			return
		}
		country = e.Country
	}
	if country == "" {
		return
	}
	for i := range refs {
		r := &refs[i]
		if r.Kind != mention.PhraseGroup || r.Org != "" || r.Country != "" || !stateAgents[r.Agent] || r.Office != "" {
			continue
		}
		switch {
		case len(r.Entities) == 1 && r.Entities[0].Country == "" && r.Entities[0].Org == "":
			l.regroup(r, toks, country, r.Agent, "inferred")
		case len(r.Entities) == 0 && r.Definite && strings.EqualFold(toks[r.Start].Text, "the"):
			// "the army", "the police": of the country in play
			r.Entities = []*Entity{{Kind: "group"}}
			l.regroup(r, toks, country, r.Agent, "inferred")
			e := r.Entities[0]
			e.Count++
			e.Mentions = append(e.Mentions, dateline.Mention{Text: r.Text(l.body, toks), Span: r.Span(toks)})
		}
	}
}

// locatedCompound: the phrase holds a "-based" compound ("a UK-based group").
func locatedCompound(toks []dateline.Token, from, to int) bool {
	for k := from + 1; k+1 < to; k++ {
		if toks[k].Text == "-" {
			switch strings.ToLower(toks[k+1].Text) {
			case "based", "born", "registered", "headquartered":
				return true
			}
		}
	}
	return false
}

// regroup moves ref r to the group entity of country and agent.
func (l *linker) regroup(r *Ref, toks []dateline.Token, country, agent, source string) {
	e := r.Entities[0]
	name := country + " " + r.Title
	if c := l.r.KB.Country(country); c != nil {
		name = c.Name + " " + r.Title
	}
	ne := l.entity("g:"+country+agent, func() *Entity {
		return &Entity{Name: name, Kind: "group", Country: country, Agent: agent, Office: e.Office, Source: source}
	})
	if ne == e {
		return
	}
	span := r.Span(toks)
	for k, m := range e.Mentions {
		if m.Span == span {
			e.Mentions = append(e.Mentions[:k:k], e.Mentions[k+1:]...)
			e.Count--
			ne.Mentions = append(ne.Mentions, m)
			ne.Count++
			break
		}
	}
	r.Entities = []*Entity{ne}
}

func words(toks []dateline.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}
