package mention

import (
	"testing"
)

// TestHardwareAndPeoples: arms that stand for a country's military, and groups of people named
// by a community or by the place they belong to. Each phrase is written kind:text=country/agent.
func TestHardwareAndPeoples(t *testing.T) {
	g, an := testAnalyzer(t)
	cases := []struct {
		sentence string
		want     []string
	}{
		{"Israeli warplanes pounded targets on Tuesday.", []string{"group:Israeli warplanes=ISR/MIL"}},
		{"Turkish tanks rolled across the frontier.", []string{"group:Turkish tanks=TUR/MIL"}},
		{"U.S. drones struck a compound overnight.", []string{"group:U.S. drones=USA/MIL"}},
		{"Indian fighter jets intercepted the intruder.", []string{"group:Indian fighter jets=IND/MIL"}},
		{"A Syrian army helicopter crashed on Sunday.", []string{"group:A Syrian army helicopter=SYR/MIL"}},
		{"Chinese navy vessels entered the strait.", []string{"group:Chinese navy vessels=CHN/MIL"}},
		{"Russian aircraft including helicopter gunships raided the valley.",
			[]string{"group:Russian aircraft=RUS/MIL", "group:helicopter gunships=RUS/MIL"}},
		// arms of business news stay words
		{"Russian aircraft orders rose in March.", []string{"country:Russian aircraft orders=RUS/"}},
		{"Chinese planes landed at the new airport.", []string{"country:Chinese planes=CHN/"}},
		{"Boeing aircraft deliveries fell.", nil},
		// a community before a group word, and the people of a place
		{"Druze inhabitants of the Golan went on strike.", []string{"group:Druze inhabitants=/CVL"}},
		{"The people of Kosovo voted on Sunday.", []string{"group:The people=/CVL", "country:Kosovo=KSV/"}},
		{"Eight people were killed.", nil},
	}
	for _, c := range cases {
		checkPhrases(t, g, an, c.sentence, c.want)
	}
}
