package eval

import (
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

func ref(code string) *dateline.ActorRef { return &dateline.ActorRef{Code: code, Country: code[:3]} }

func TestScoreFollowsTheSharedScorer(t *testing.T) {
	gold, err := ReadGold(strings.NewReader(`{"id":"a","text":"x","events":[{"source":["CHN"],"target":["RUS"],"cameo":"057"}]}
{"id":"b","text":"y","events":[{"source":["USA"],"target":null,"cameo":null,"plover05":"SANCTION"}]}
{"id":"c","text":"z","events":[]}
`))
	if err != nil {
		t.Fatal(err)
	}
	sys := map[string][]dateline.Event{
		"a": {
			{Cameo: "0571", CameoRoot: "05", Source: ref("CHNGOV"), Target: ref("RUSGOV")},            // typed + dyad
			{Cameo: "057", CameoRoot: "05", Source: ref("CHNGOV"), Target: ref("RUS"), Negated: true}, // not counted
		},
		"b": {{Cameo: "163", CameoRoot: "16", Source: ref("GBRGOV"), Target: ref("IRN")}}, // typed, wrong source
		"c": {{Cameo: "040", CameoRoot: "04", Source: ref("FRA"), Target: ref("DEU"), Mood: dateline.MoodHypothetical}},
	}
	r := Score(gold, sys)
	if r.Dyad.TP != 1 || r.Dyad.System != 2 || r.Dyad.Gold != 2 {
		t.Errorf("dyad %+v, want tp 1 of system 2, gold 2", r.Dyad)
	}
	if r.Typed.TP != 2 {
		t.Errorf("typed %+v, want 2", r.Typed)
	}
	if r.Detect.TP != 2 || r.Detect.System != 2 || r.Detect.Gold != 2 {
		t.Errorf("detect %+v", r.Detect)
	}
	if r.ActorHit != 1 || r.ActorTotal != 2 {
		t.Errorf("actor figure %d/%d, want 1/2", r.ActorHit, r.ActorTotal)
	}
	if len(r.Misses) != 1 || len(r.FalseAlarms) != 1 {
		t.Errorf("misses %d, false alarms %d", len(r.Misses), len(r.FalseAlarms))
	}
	var b strings.Builder
	r.Write(&b, true)
	if !strings.Contains(b.String(), "typed events with dyad (headline)    P 0.500  R 0.500  F1 0.500") {
		t.Errorf("report:\n%s", b.String())
	}
}
