package actor

import (
	"testing"
)

// TestPlaces: titles and groups of a place the knowledge base does not name, places that stand
// for their country, and capitals whose namesake the sentence means.
func TestPlaces(t *testing.T) {
	cases := []mentionCase{
		{"title of a city described by its region", "Israel on Wednesday released the mayor of the northern West Bank city of Nablus, Palestinian officials said.", "2008-08-06",
			"the mayor", "PSEGOV:Palestine mayor"},
		{"the city itself", "Israel on Wednesday released the mayor of the northern West Bank city of Nablus, Palestinian officials said.", "2008-08-06",
			"Nablus", "PSE:Nablus"},
		{"title of a division", "The deputy governor of the Tyumen region was detained on Friday on bribery charges.", "2010-02-05",
			"governor", "RUSGOV:Russia governor"},
		{"title of a US state", "The governor of Texas signed the bill on Friday.", "2015-06-12",
			"The governor", "USAGOV:United States governor"},
		{"police in a city", "Police in Hebron arrested three men on Sunday.", "2012-03-04",
			"Police", "PSECOP:Palestine police"},
		{"a city as where something happened", "Palestinians and Israelis clashed in Hebron on Friday.", "2012-03-04",
			"Hebron", "PSE:Hebron"},
		{"a capital's namesake in a country named as a place", "Syrian officers today ended mediation efforts between rival militias in Tripoli as shells continued crashing into the north Lebanese port.", "1983-11-20",
			"militias", "LBNUAF:Lebanon militias"},
		{"a people's nationality does not move a capital", "British diplomats in Kingston met Jamaican officials on Monday.", "2010-05-03",
			"Kingston", "JAM:Kingston"},
		{"a capital stays its country's", "Gunmen in Tripoli attacked the parliament building on Sunday.", "2014-05-18",
			"Gunmen", "LBYUAF:Libya gunmen"},
		{"a surname is no place", "Officials in Washington met Blair on Monday, and Bush spoke in Crawford.", "2003-04-07",
			"Bush", "USAGOV:George W. Bush"},
		{"a capital after its country's possessive is a place", "Prisoners rioted at a jail in East Timor's capital Dili on Monday.", "1999-01-04",
			"Dili", "TLS:Dili"},
		{"a city after its country's possessive", "Rockets fell in Israel's northern city of Haifa on Sunday.", "2006-07-16",
			"Haifa", "ISR:Haifa"},
		{"a small town of a country the story does not name is no place", "The rebels were seen in Mission on Monday.", "2010-05-03",
			"Mission", ""},
		{"a name after 'from' is not looked up", "The minister received a letter from Jackson on Monday.", "2010-05-03",
			"Jackson", ""},
	}
	runMentionCases(t, cases)
}
