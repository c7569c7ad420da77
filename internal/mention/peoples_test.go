package mention

import (
	"testing"
)

// TestPeoplesAndUnits: ethnic groups, peoples of a country and local units between a country
// and its office. Each phrase is written kind:text=country/agent.
func TestPeoplesAndUnits(t *testing.T) {
	g, an := testAnalyzer(t)
	cases := []struct {
		sentence string
		want     []string
	}{
		// "ethnic" makes the nationality a people of no stated country
		{"Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.",
			[]string{"group:ethnic Albanians=/CVL", "country:Serbia=SRB/"}},
		{"Ethnic Serb villagers blocked the road.", []string{"group:Ethnic Serb villagers=/CVL"}},
		// a country word before a people: the country's
		{"Kosovo Albanians rejected the offer.", []string{"country:Kosovo Albanians=KSV/"}},
		{"Iraqi Kurds fled to the mountains.", []string{"country:Iraqi Kurds=IRQ/"}},
		{"Turkey will let 13,000 Turkish Kurd refugees return home.", []string{"country:Turkey=TUR/", "group:Turkish Kurd refugees=TUR/REF"}},
		{"Bosnian Serb leaders met in Pale.", []string{"group:Bosnian Serb leaders=BIH/GOV"}},
		// but a list stays a list
		{"Kosovo and Albanians clashed.", []string{"country:Kosovo=KSV/", "country:Albanians=ALB/"}},
		// a local unit between a country and its office
		{"Ankara's Cankaya district administration has denied land allocation.",
			[]string{"group:Ankara's Cankaya district administration=TUR/GOV"}},
		{"Russia's Tyumen region governor resigned.", []string{"group:Russia's Tyumen region governor=RUS/GOV"}},
		// time words end a nationality's noun phrase
		{"Syrian officers today ended their mediation.", []string{"country:Syrian officers=SYR/"}},
		// wire-copy spellings
		{"Pakistan rejected an offer from Afganistan.", []string{"country:Pakistan=PAK/", "country:Afganistan=AFG/"}},
		{"Quatar and the Phillippines signed an accord.", []string{"country:Quatar=QAT/", "country:the Phillippines=PHL/"}},
	}
	for _, c := range cases {
		checkPhrases(t, g, an, c.sentence, c.want)
	}
}
