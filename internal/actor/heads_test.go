package actor

import "testing"

// TestGroupHeads: followers, dwellers and state forces of no stated country.
func TestGroupHeads(t *testing.T) {
	runMentionCases(t, []mentionCase{
		{"supporters of a former leader", "Several hundred supporters of former Prime Minister Nawaz Sharif marched through the streets on Sunday.", "2001-05-06",
			"supporters", "PAKOPP:"},
		{"inhabitants of a place named by a nationality", "Kurdish inhabitants of the Iraqi town of Kirkuk staged a sit-in on Monday.", "2003-05-05",
			"Kurdish inhabitants", "IRQCVL:"},
		{"the people of a country", "The people of Kosovo voted in a referendum on Sunday.", "1991-09-29",
			"The people", "KSVCVL:"},
		{"people alone are no actor", "Eight people were killed in a bus crash on Sunday.", "2010-05-03",
			"people", ""},
		{"troops loyal to a person", "Troops loyal to President Laurent Gbagbo surrounded the hotel on Tuesday.", "2004-11-09",
			"Troops", "CIVMIL:"},
		{"a group in the one place named", "Striking workers blocked roads in the northern city of Kano on Monday, demanding back pay from Chinese firms.", "2012-01-09",
			"workers", "NGALAB:"},
		{"a place named after 'from' does not count", "Refugees demanded independence from Indonesia at a rally in Dili on Monday.", "1999-08-02",
			"Refugees", "TLSREF:"},
		{"state forces of the one country in play, a -based compound aside", "The Nigerian Red Cross, a Lagos-based charity, said ten people were killed by security forces in Jos.", "2010-03-08",
			"security forces", "NGAMIL:"},
		{"the army of the one place", "The army said it had killed 20 rebels near Manila on Friday.", "2010-03-08",
			"The army", "PHLMIL:"},
		{"a city under a place preposition is no president's surname", "Thousands rallied in Lagos on Thursday against the new fuel tax.", "2003-06-05",
			"Lagos", "NGA:Lagos"},
		{"a capital after 'in the capital city of' is a place", "Students marched in the capital city of Algiers on Friday.", "1991-06-07",
			"Students", "DZAEDU:"},
		{"a person from a city", "A Christian missionary from Calgary was arrested in Lebanon on Sunday.", "1992-03-01",
			"A Christian missionary", "CANREL:"},
		{"adjectives before the country", "President Bush met exiled dissidents from military-ruled Myanmar on Thursday.", "2008-08-06",
			"dissidents", "MMROPP:"},
		{"a delegation from a capital", "A delegation from Beijing arrived in Seoul on Monday.", "2005-03-07",
			"A delegation", "CHNGOV:"},
		{"forces leave from a place, they are not of it", "Nigeria said it would withdraw their peacekeeping force from Chad.", "1982-03-01",
			"their peacekeeping force", ""},
		{"troops abroad stay of no country", "France is ready to contribute 4,000 troops to an international force in Yugoslavia.", "1991-11-20",
			"troops", "MIL:"},
	})
}
