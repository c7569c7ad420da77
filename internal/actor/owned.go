package actor

import (
	"strings"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/mention"
)

// Groups owned by a pronoun: "their forces", "its troops", "his government". The possessive
// pronoun stands for an actor of the sentence by the rules pronouns follow ("its" a country,
// organisation or singular institution; "their" a plural group, an organisation, a pair or a
// people named by its country, "Bosnian Serbs"; "his"/"her" a person of that gender), and the
// group is that actor's, with the group word's agent: "Bosnian Serbs said ... their forces" are
// Bosnia's military. When two actors fit, the phrase stays unresolved.

var ownerPronoun = map[string]string{"its": "it", "their": "they", "his": "he", "her": "she"}

// owned resolves a group phrase opened by a possessive pronoun; nil when no single owner fits.
func (l *linker) owned(p *mention.Phrase, toks []dateline.Token, before []Ref) []*Entity {
	pro := ownerPronoun[p.Owner]
	if pro == "" || p.Title == "" || p.Counterpart || p.Country != "" || p.Org != "" || p.Title == "opposition" {
		return nil // ("their opposition to the scheme": a stance, not a party)
	}
	q := mention.Phrase{Start: p.Start, End: p.Start + 1, Kind: mention.PhrasePronoun, Name: pro, Plural: pro == "they"}
	if pro == "she" {
		q.Gender = "f"
	} else if pro == "he" {
		q.Gender = "m"
	}
	var owners []*Entity
	if k := reportedSubject(toks, &q, before); k >= 0 && agrees(&q, &before[k]) {
		// "Bosnian Serbs said on Tuesday their forces ...": the one who says it
		owners = before[k].Entities
	} else if pro == "he" || pro == "she" {
		owners = l.pronoun(&q, toks, before)
	} else {
		var cands []*Entity
		together := false // cands are two actors named together
		for i := range before {
			r := &before[i]
			if r.Place {
				continue
			}
			if len(r.Entities) == 0 {
				if r.Kind == mention.PhraseGroup && r.Title != "" && (pro == "they" && r.Plural || pro == "it" && !r.Plural && isBody(r.Title)) {
					return nil // "the army", of no country yet, may be the owner as well
				}
				continue
			}
			if pro == "they" && i+1 < len(before) && joined(toks, r, &before[i+1]) && len(before[i+1].Entities) > 0 {
				// "Spain and Portugal ... their": the two together are one more candidate
				both := append(append([]*Entity{}, r.Entities...), before[i+1].Entities...)
				if len(cands) > 0 {
					return nil
				}
				cands, together = both, true
				continue
			}
			if !agrees(&q, r) {
				continue
			}
			if len(r.Entities) > 1 {
				if len(cands) > 0 {
					return nil
				}
				cands, together = r.Entities, true
				continue
			}
			if together && contains(cands, r.Entities[0]) {
				continue
			}
			if together {
				return nil
			}
			if !contains(cands, r.Entities[0]) {
				cands = append(cands, r.Entities[0])
			}
		}
		owners = cands
		if len(owners) > 1 && !together && !sameOwner(owners, p.Agent) {
			return nil
		}
		if len(owners) > 1 && !together && sameOwner(owners, p.Agent) {
			owners = owners[:1]
		}
	}
	if len(owners) == 0 {
		return nil
	}
	if ownObject(toks, p, before, owners) {
		return nil
	}
	var out []*Entity
	for _, o := range owners {
		if (pro == "he" || pro == "she") && !personOwns(o, p.Agent) {
			return nil
		}
		e := l.ownedGroup(p, o)
		if e == nil {
			return nil
		}
		out = append(out, e)
	}
	return out
}

// sameOwner: the owners make one and the same group ("Bosnian Serbs" and "their leaders" own
// the same forces).
func sameOwner(owners []*Entity, agent string) bool {
	c, o, a := ownerCode(owners[0], agent)
	for _, e := range owners[1:] {
		c2, o2, a2 := ownerCode(e, agent)
		if c2 != c || o2 != o || a2 != a {
			return false
		}
	}
	return true
}

// personOwns: a person's group is the state's only when the person holds state office and the
// group is the state's ("his government", "his troops"), or it is the person's own kind of
// group ("the rebel leader and his fighters").
func personOwns(o *Entity, agent string) bool {
	if agent == "" {
		agent = "GOV"
	}
	return o.Agent == agent || (o.Agent == "GOV" || o.Agent == "MIL") && (agent == "GOV" || stateAgents[agent])
}

// ownerCode is the country, organisation and agent of the group an owner's word names: a
// state's or its government's word keeps its own agent ("its troops": MIL); a state body's
// leaders and officials are the body ("the army ... its commanders"); a group outside the state
// owns only itself ("the rebels ... their forces" are rebels).
func ownerCode(o *Entity, word string) (country, org, agent string) {
	if word == "" {
		word = "GOV"
	}
	a := o.Agent
	switch {
	case o.Org != "":
		return "", o.Org, ""
	case a == "" || a == "GOV":
		agent = word
	case word == "GOV" || word == "ELI":
		agent = a
	case stateAgents[a] || a == "LEG":
		agent = word
	default:
		agent = a
	}
	return o.Country, "", agent
}

// ownedGroup is the entity of the group an owner's word names.
func (l *linker) ownedGroup(p *mention.Phrase, o *Entity) *Entity {
	country, org, agent := ownerCode(o, p.Agent)
	if country == "" && org == "" && (agent == "GOV" || agent == "") {
		return nil
	}
	if org != "" {
		return o // an organisation's own forces or officials are the organisation
	}
	name := agent + " " + p.Title
	if c := l.r.KB.Country(country); c != nil {
		name = c.Name + " " + p.Title
	}
	return l.entity("g:"+country+agent, func() *Entity {
		return &Entity{Name: name, Kind: "group", Country: country, Agent: agent, Source: "article"}
	})
}

// ownObject: the phrase is no clause subject and the nearest actor before it is its owner —
// "Nigeria will withdraw its troops from Mali", "Sarney will reshuffle part of his cabinet",
// "the United States lifted its ban on its diplomats", "Reagan and his advisers". What one
// does with one's own forces, cabinet or envoys is one's own act, not an actor acted on; the
// owned group stays unlinked so that no event is read as aimed at itself. ("rebels fighting to
// topple his government": the nearest actor is someone else.)
func ownObject(toks []dateline.Token, p *mention.Phrase, before []Ref, owners []*Entity) bool {
	j := p.End
	for j < len(toks) && toks[j].Tag == "RB" {
		j++
	}
	coord := p.Start > 0 && toks[p.Start-1].Tag == "CC"
	if !coord && j < len(toks) && (toks[j].Tag == "VBD" || toks[j].Tag == "VBZ" || toks[j].Tag == "VBP" || toks[j].Tag == "MD") {
		return false // "said its troops had left": the subject of the reported clause
	}
	for i := len(before) - 1; i >= 0; i-- {
		r := &before[i]
		if r.End > p.Start || r.Place {
			continue
		}
		for _, o := range owners {
			if contains(r.Entities, o) {
				return true
			}
		}
		return false // another actor, or one not yet resolved ("the army had shelled their villages")
	}
	return false
}

// joined: two actor phrases coordinated by "and" ("Spain and Portugal").
func joined(toks []dateline.Token, a, b *Ref) bool {
	return b.Start == a.End+1 && strings.EqualFold(toks[a.End].Text, "and") && !a.Place && !b.Place && !a.Possessive
}
