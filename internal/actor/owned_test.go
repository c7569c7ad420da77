package actor

import "testing"

// TestOwnedGroups: a group opened by a possessive pronoun is its owner's, with the group
// word's agent; two owners that fit leave it unresolved.
func TestOwnedGroups(t *testing.T) {
	runMentionCases(t, []mentionCase{
		{"their: a people named by its country, reported", "Bosnian Serbs said on Tuesday their forces had completed their withdrawal from the town of Gorazde.", "1994-04-26",
			"their forces", "BIHMIL:"},
		{"its: the one country, acting", "Israel said its troops had left southern Lebanon.", "2000-05-24",
			"its troops", "ISRMIL:"},
		{"its: the subject's own object stays unlinked", "Israel withdrew its troops from southern Lebanon.", "2000-05-24",
			"its troops", ""},
		{"his: the object of someone else's act", "President Goukouni Oueddei of Chad arranged a ceasefire with rebels fighting to topple his government.", "1983-07-01",
			"his government", "TCDGOV:"},
		{"his: a head of state's government", "President Hosni Mubarak said his government would not send troops.", "2003-03-20",
			"his government", "EGYGOV:"},
		{"its: a named armed group keeps its own code", "Hamas said its fighters had fired rockets at Israel.", "2008-03-01",
			"its fighters", "PSEREB:"},
		{"their: a rebel group's fighters are rebels", "Sudanese rebels said their fighters had attacked a garrison.", "1995-06-01",
			"their fighters", "SDNREB:"},
		{"their: a rebel group's leaders are rebels", "Sudanese rebels said their leaders had rejected the offer.", "1995-06-01",
			"their leaders", "SDNREB:"},
		{"its: a government body owns the military", "Ukraine's defence ministry said its troops had left the town.", "2015-02-03",
			"its troops", "UKRMIL:"},
		{"its: two countries fit", "Israel urged Syria to withdraw its troops from Lebanon.", "1990-03-01",
			"its troops", ""},
		{"their: a single country does not fit", "Syria said their forces had crossed the border.", "1990-03-01",
			"their forces", ""},
		{"his: no person in play", "Egypt said his government would act.", "1990-03-01",
			"his government", ""},
		{"their: a people named alone", "Palestinians said their leaders would meet Israeli officials.", "2005-01-10",
			"their leaders", "PSEGOV:"},
		{"their: a relative clause's antecedent", "Sudanese troops clashed with rebels who said their fighters had killed 20 soldiers.", "1995-06-01",
			"their fighters", "SDNREB:"},
		{"their: an object of another subject", "Sudanese rebels said the army had shelled their villages and killed their leaders.", "1995-06-01",
			"their leaders", "SDNREB:"},
		{"his: coordinated with its owner, the same side", "President Ronald Reagan and his advisers discussed the stock market fall.", "1987-10-20",
			"his advisers", ""},
		{"his: an object right after its owner", "Brazilian President Jose Sarney will reshuffle part of his cabinet next month.", "1987-05-01",
			"his cabinet", ""},
		{"its: a preposition's object after its owner", "The United States lifted its ban on its diplomats speaking with North Korean diplomats.", "1987-03-20",
			"its diplomats", ""},
		{"their: not a stance", "Spain and Portugal refused to drop their opposition to the scheme.", "1987-03-01",
			"their opposition", ""},
		{"their: an organisation and a coordinated pair both fit", "The European Community said Spain and Portugal had moved their forces.", "1987-03-01",
			"their forces", ""},
		{"its: an unresolved body may own them", "Israeli officials said the army had moved its tanks.", "2000-05-24",
			"its tanks", ""},
	})
}

// TestSubordinateSubjects: after "as", "after", "while" a phrase followed by its verb is a
// clause subject, so the reported-clause pronoun after its speech verb is it.
func TestSubordinateSubjects(t *testing.T) {
	runMentionCases(t, []mentionCase{
		{"as X announced it", "The release came as Israel announced it would free 150 Palestinian prisoners.", "2008-08-20",
			"it", "ISR:Israel"},
		{"after X said it", "Talks resumed after Egypt said it would host them.", "2008-08-20",
			"it", "EGY:Egypt"},
		{"it: not a people", "Palestinians said it was a crime.", "2005-01-10",
			"it", ""},
		{"such as X is no subject", "Countries such as Egypt said it would be hard.", "2008-08-20",
			"it", ""},
	})
}

// TestStateHeads: "the republic of X", "the kingdom of X" are the country X, acting.
func TestStateHeads(t *testing.T) {
	runMentionCases(t, []mentionCase{
		{"republic", "The republic of Slovenia defied Yugoslav federal authority on Wednesday.", "1991-06-26",
			"The republic of Slovenia", "SVN:Slovenia"},
		{"state", "The state of Israel rejected the proposal.", "1991-06-26",
			"The state of Israel", "ISR:Israel"},
		{"government of X", "The government of Slovenia defied Yugoslav federal authority on Wednesday.", "1991-06-26",
			"The government of Slovenia", "SVNGOV:"},
	})
}

// TestPeoplesWhereTheyLive: a nationality before a collective noun ("the Albanian population")
// names a people, of the country where the sentence places them, else of the nationality's.
func TestPeoplesWhereTheyLive(t *testing.T) {
	runMentionCases(t, []mentionCase{
		{"the place's country", "Serb forces were engaged in ethnic cleansing in Montenegro against the Albanian population of the province.", "1999-03-01",
			"the Albanian population", "MNECVL:"},
		{"an of-phrase's country", "The Hungarian minority of Romania protested against the law.", "1999-03-01",
			"The Hungarian minority", "ROUCVL:"},
		{"no place: the nationality's", "The Turkish community protested against the law.", "1999-03-01",
			"The Turkish community", "TURCVL:"},
	})
}
