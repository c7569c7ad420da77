package place_test

import (
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/pipeline"
)

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
	pipeErr  error
)

func code(t *testing.T, id, story string) *dateline.Document {
	t.Helper()
	pipeOnce.Do(func() { pipe, pipeErr = pipeline.Load(pipeline.Options{}) })
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	return pipe.Code(dateline.RawDoc{ID: id, Text: story})
}

// event returns the event whose trigger starts with trig, failing the test if there is none.
func event(t *testing.T, d *dateline.Document, trig string) *dateline.Event {
	t.Helper()
	for i := range d.Events {
		if strings.HasPrefix(d.Events[i].Trigger, trig) {
			return &d.Events[i]
		}
	}
	var ts []string
	for _, e := range d.Events {
		ts = append(ts, e.Trigger)
	}
	t.Fatalf("%s: no event triggered by %q; events: %q", d.ID, trig, ts)
	return nil
}

func where(l *dateline.Location) string {
	if l == nil {
		return "none"
	}
	return l.Name + " " + l.Country + " " + l.Precision
}

// TestSeedPlaces: the seed's dateline is Beijing with coordinates, and its meeting by video
// link has no place: neither the meeting nor what was said at it is pinned to Beijing.
func TestSeedPlaces(t *testing.T) {
	b, err := os.ReadFile("../../data/sample/seed-china-russia-heads-of-government.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := code(t, "seed", string(b))
	l := d.Dateline.Location
	if d.Dateline.Country != "CHN" || l == nil || l.Name != "Beijing" || l.Precision != "city" ||
		l.Lat < 39 || l.Lat > 41 || l.Lon < 115 || l.Lon > 118 {
		t.Fatalf("dateline %+v, location %+v", d.Dateline, l)
	}
	if len(d.Events) == 0 {
		t.Fatal("the seed has no events")
	}
	meeting := false
	for _, e := range d.Events {
		if e.Location != nil {
			t.Errorf("event %s %q located at %s; the meeting was by video link", e.Cameo, e.Trigger, where(e.Location))
		}
		meeting = meeting || e.CameoRoot == "04"
	}
	if !meeting {
		t.Error("no meeting event (CAMEO 04) in the seed")
	}
}

// TestDatelineElsewhere: a story datelined Geneva about an attack in Goma. The attack is in
// Goma; nothing is pinned to Geneva, where only the reporter was; "Moscow" as an actor is no
// place.
func TestDatelineElsewhere(t *testing.T) {
	d := code(t, "goma", "date 2024-05-08 GENEVA, May 7 (Dateline Test Wire) -- Rebels attacked an army base in Goma "+
		"on Tuesday, killing four soldiers, U.N. officials said.\n\nWashington accused Moscow of arming the rebels.")
	if d.Dateline.Country != "CHE" || d.Dateline.Location == nil {
		t.Fatalf("dateline %+v", d.Dateline)
	}
	if got := where(event(t, d, "attacked").Location); got != "Goma COD city" {
		t.Errorf("attack located at %s, want Goma COD city", got)
	}
	if got := where(event(t, d, "accused").Location); got != "none" {
		t.Errorf("accusation located at %s, want none: Washington and Moscow are actors there", got)
	}
	for _, e := range d.Events {
		if e.Location != nil && e.Location.Country == "CHE" {
			t.Errorf("event %q located at the dateline %s", e.Trigger, where(e.Location))
		}
	}
}

// TestCountryAsActorAndPlace: "China accused Japan" is said where the Chinese government is
// (the dateline, Beijing: a statement by the dateline's own country in the lead); "in Tokyo" is
// the place of the meeting, whatever the dateline.
func TestCountryAsActorAndPlace(t *testing.T) {
	d := code(t, "east-china-sea", "date 2024-05-08 BEIJING, May 7 (Dateline Test Wire) -- China accused Japan on Tuesday "+
		"of provoking tension in the region.\n\nJapanese Foreign Minister Yoko Kamikawa met her Chinese counterpart "+
		"Wang Yi in Tokyo later on Tuesday.")
	if got := where(event(t, d, "accused").Location); got != "Beijing CHN city" {
		t.Errorf("accusation located at %s, want the dateline, Beijing", got)
	}
	if got := where(event(t, d, "met").Location); got != "Tokyo JPN city" {
		t.Errorf("meeting located at %s, want Tokyo", got)
	}
}

// TestSalvadorCocoa: "SALVADOR" in a Brazilian cocoa story is Salvador, Bahia; the farmers'
// protest is placed in Bahia, the state, at division precision with no point.
func TestSalvadorCocoa(t *testing.T) {
	d := code(t, "cocoa", "date 1987-02-26 SALVADOR, Feb 26 (Dateline Test Wire) - Cocoa farmers in the Bahia region "+
		"protested against low prices on Thursday, the growers' union said.")
	l := d.Dateline.Location
	if d.Dateline.Country != "BRA" || l == nil || l.FullName != "Salvador, Bahia, Brazil" {
		t.Fatalf("dateline %+v, location %+v", d.Dateline, l)
	}
	e := event(t, d, "protested")
	if got := where(e.Location); got != "Bahia BRA division" {
		t.Errorf("protest located at %s, want Bahia BRA division", got)
	} else if e.Location.Lat != 0 || e.Location.Lon != 0 || e.Location.ADM1 != "BR05" {
		t.Errorf("division location %+v: want no point and ADM1 BR05", e.Location)
	}
}

// BenchmarkPlaces measures the place stage's work on one coded story (the seed, 13 sentences):
// the dateline with the story's countries, then every event's location.
func BenchmarkPlaces(b *testing.B) {
	raw, err := os.ReadFile("../../data/sample/seed-china-russia-heads-of-government.txt")
	if err != nil {
		b.Fatal(err)
	}
	pipeOnce.Do(func() { pipe, pipeErr = pipeline.Load(pipeline.Options{}) })
	if pipeErr != nil {
		b.Fatal(pipeErr)
	}
	d := pipe.Code(dateline.RawDoc{ID: "seed", Text: string(raw)})
	a := *d.Article
	b.ReportAllocs()
	for b.Loop() {
		a.Dateline.Country, a.Dateline.Location = "", nil
		h := pipe.Places.Dateline(&a, d.Sentences)
		pipe.Places.Locate(d, h)
	}
}
