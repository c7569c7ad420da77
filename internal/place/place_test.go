package place

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/data"
	"github.com/dateline-news/dateline/internal/text"
)

func gaz(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

var (
	analyzerOnce sync.Once
	analyzer     *text.Analyzer
	analyzerErr  error
)

// sentence tags one invented newswire sentence as the pipeline would.
func sentence(t *testing.T, s string) dateline.Sentence {
	t.Helper()
	analyzerOnce.Do(func() {
		tagger, err := text.DefaultTagger()
		if err != nil {
			analyzerErr = err
			return
		}
		lem, err := text.NewLemmatizer(data.Files, "irregular.tsv")
		if err != nil {
			analyzerErr = err
			return
		}
		analyzer = &text.Analyzer{Tagger: tagger, Lemma: lem}
	})
	if analyzerErr != nil {
		t.Fatal(analyzerErr)
	}
	ss := analyzer.Sentences(s, [][2]int{{0, len(s)}}, 0)
	if len(ss) != 1 {
		t.Fatalf("%q: %d sentences, want 1", s, len(ss))
	}
	return ss[0]
}

func TestKey(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Beijing", "beijing"},
		{"SÃO PAULO", "sao paulo"},
		{"São Paulo", "sao paulo"},
		{"St. Louis", "st louis"},
		{"Saint Louis", "st louis"},
		{"Saint-Louis", "st louis"},
		{"Ft. Lauderdale", "ft lauderdale"},
		{"Fort Lauderdale", "ft lauderdale"},
		{"Fort", "fort"}, // a one-word name keeps its word
		{"The Hague", "hague"},
		{"N.Y.", "ny"},
		{"W. Va.", "w va"},
		{"Winston-Salem", "winston salem"},
		{"Washington, D.C.", "washington dc"},
		{"N'Djamena", "ndjamena"},
		{"Xi’an", "xian"},
		{"Kraków", "krakow"},
		{"Malmö", "malmo"},
		{"Łódź", "lodz"},
		{"Straße", "strasse"},
		{"  New   York  ", "new york"},
		{"", ""},
		{"...", ""},
	} {
		if got := Key(c.in); got != c.want {
			t.Errorf("Key(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestOneEdit(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"houston", "houson", true},  // deletion
		{"atlanta", "altanta", true}, // swap
		{"dallas", "dalla", true},
		{"miami", "miamj", true},
		{"miami", "mioma", false}, // two edits
		{"boston", "boston", false},
		{"paris", "rome", false},
	} {
		if got := oneEdit(c.a, c.b) && c.a != c.b; got != c.want {
			t.Errorf("oneEdit(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestResolveDateline(t *testing.T) {
	g := gaz(t)
	for _, c := range []struct {
		place, region string
		story         []string // countries the story names
		want          string   // name, country and precision
	}{
		{"BEIJING", "", nil, "Beijing CHN city"},
		{"Peking", "", nil, "Beijing CHN city"},
		// A city shared by several countries: the story's country, then size, decides.
		{"SALVADOR", "", []string{"BRA"}, "Salvador BRA city"},
		{"SALVADOR", "", nil, "Salvador BRA city"},
		{"VALENCIA", "", []string{"ESP", "ESP"}, "Valencia ESP city"},
		{"VALENCIA", "", nil, "Valencia VEN city"}, // the larger
		{"LONDON", "", nil, "London GBR city"},
		{"LONDON", "Ontario", nil, "London CAN city"},
		// The region as tiebreaker, in its many spellings.
		{"PORTLAND", "Maine", nil, "Portland USA city"},
		{"PORTLAND", "Ore.", nil, "Portland USA city"},
		{"SPRINGFIELD", "ILL.", nil, "Springfield USA city"},
		{"Ft. Lauderdale", "Fla", nil, "Fort Lauderdale USA city"},
		{"CHARLESTON", "W. Va.", nil, "Charleston USA city"},
		{"FRANKFURT", "West Germany", nil, "Frankfurt am Main DEU city"},
		{"SOWETO", "South Africa", nil, "Soweto ZAF city"},
		// A dateline names a city even where a country has the name.
		{"KUWAIT", "", nil, "Kuwait City KWT city"},
		{"BAHRAIN", "", nil, "Bahrain BHR country"},
		// Typing slips, when the region narrows the search.
		{"HOUSON", "Texas", nil, "Houston USA city"},
		// A town too small for the gazetteer in a known state: the state, not a namesake abroad.
		{"BERLIN", "N.J.", nil, "New Jersey USA division"},
		{"Qwxyzville", "", nil, "none"},
		{"", "", nil, "none"},
	} {
		h := Hints{Story: map[string]int{}}
		for _, s := range c.story {
			h.Story[s]++
			h.Top = s
		}
		got := "none"
		if p := g.ResolveDateline(dateline.Dateline{Place: c.place, Region: c.region}, h); p != nil {
			got = p.Name + " " + p.Country + " " + p.Kind.String()
		}
		if got != c.want {
			t.Errorf("dateline %q, %q (story %v) = %s, want %s", c.place, c.region, c.story, got, c.want)
		}
	}
}

// TestPortlandRegions: the two Portlands' regions must pick two different cities; a broken
// region index would give the larger one twice.
func TestPortlandRegions(t *testing.T) {
	g := gaz(t)
	me := g.ResolveDateline(dateline.Dateline{Place: "PORTLAND", Region: "Me."}, Hints{})
	or := g.ResolveDateline(dateline.Dateline{Place: "PORTLAND", Region: "Oregon"}, Hints{})
	if me == nil || or == nil || me == or || me.Admin1 != "ME" || or.Admin1 != "OR" {
		t.Errorf("Portland, Me. = %+v; Portland, Oregon = %+v", me, or)
	}
}

func TestLocation(t *testing.T) {
	g := gaz(t)
	city := g.Location(g.ResolveDateline(dateline.Dateline{Place: "BEIJING"}, Hints{}))
	if city.Precision != "city" || city.Lat < 39 || city.Lat > 41 || city.Lon < 115 || city.Lon > 118 ||
		city.ADM1 != "CH22" || city.FeatureID == "" || city.FullName != "Beijing, Beijing, China" {
		t.Errorf("Beijing = %+v", city)
	}
	div := g.Location(g.Lookup("Bavaria", "", Hints{}))
	if div == nil || div.Precision != "division" || div.Lat != 0 || div.Lon != 0 || div.ADM1 != "GM02" || div.FullName != "Bavaria, Germany" {
		t.Errorf("Bavaria = %+v", div)
	}
	country := g.Location(g.Lookup("Kenya", "", Hints{}))
	if country == nil || country.Precision != "country" || country.Lat != 0 || country.Lon != 0 || country.ADM1 != "" {
		t.Errorf("Kenya = %+v: a country is no point", country)
	}
	if g.Location(nil) != nil {
		t.Error("Location(nil) is not nil")
	}
}

func TestLookupRunningText(t *testing.T) {
	g := gaz(t)
	us := Hints{Home: "USA", Story: map[string]int{"USA": 3}, Top: "USA"}
	for _, c := range []struct {
		name, region string
		h            Hints
		want         string
	}{
		{"Beijing", "", Hints{}, "Beijing CHN city"},        // a capital: the city, not the municipality
		{"Quebec", "", Hints{}, "Quebec CAN division"},      // a city and its province: the province
		{"Bahia", "", Hints{}, "Bahia BRA division"},        // not Salvador, once called Bahia
		{"Scotland", "", Hints{}, "Scotland GBR division"},  // a country's own division
		{"Georgia", "", Hints{}, "Georgia GEO country"},     // the country ...
		{"Georgia", "", us, "Georgia USA division"},         // ... unless the story is American
		{"New York", "", Hints{}, "New York City USA city"}, // place-names.tsv
		{"Washington", "", Hints{}, "Washington, D.C. USA city"},
		{"Washington", "Pa.", Hints{}, "Pennsylvania USA division"}, // ruled out by the qualifier
		{"Geneva", "", us, "Genève CHE city"},
		{"Geneva", "Ill.", Hints{}, "Geneva USA city"},
		{"Paris", "", Hints{}, "Paris FRA city"},
		{"Paris", "Texas", Hints{}, "Paris USA city"},
		{"Qwxyzville", "", Hints{}, "none"},
	} {
		got := "none"
		p := g.Lookup(c.name, c.region, c.h)
		if p == nil && c.region != "" {
			// the qualifier rules every city out: what remains known is the region
			if r := g.Region(c.region); len(r) == 1 {
				p = r[0]
			}
		}
		if p != nil {
			got = p.Name + " " + p.Country + " " + p.Kind.String()
		}
		if got != c.want {
			t.Errorf("Lookup(%q, %q) = %s, want %s", c.name, c.region, got, c.want)
		}
	}
}

// TestClausePlace covers the place of one event in invented newswire sentences: trigger is the
// first word of the event's trigger in the sentence.
func TestClausePlace(t *testing.T) {
	g := gaz(t)
	home := Hints{Home: "USA", Story: map[string]int{}}
	for _, c := range []struct {
		name, sentence, trigger string
		want                    string
	}{
		{"place in a prepositional phrase", "Foreign ministers of Iran and Oman met in Geneva on Monday to discuss shipping.", "met", "Genève CHE city"},
		{"fronted place", "In Nairobi, police arrested 30 protesters after a march on parliament.", "arrested", "Nairobi KEN city"},
		{"typed place with nationality", "Rebels attacked an army post in the eastern Congolese town of Beni overnight.", "attacked", "Beni COD city"},
		{"qualified US city", "Police arrested two men near Portland, Maine, on Friday.", "arrested", "Portland USA city"},
		{"division", "Troops clashed with militants in Punjab province late on Tuesday.", "clashed", "Punjab"},
		{"country as place", "The two leaders met in China last month.", "met", "China CHN country"},
		{"most precise place of the clause", "Troops fought rebels near Goma in Congo on Sunday.", "fought", "Goma COD city"},
		{"border", "Indian and Chinese soldiers clashed on the border with Bhutan.", "clashed", "Bhutan BTN country"},
		{"government seat", "Biden met the Kenyan president at the White House on Thursday.", "met", "Washington, D.C. USA city"},
		{"visit names its place", "The Turkish president visited Moscow in March.", "visited", "Moscow RUS city"},
		// Capitals and countries as actors are no places.
		{"capital as metonym", "Beijing said it would retaliate against the new tariffs.", "said", "none"},
		{"country as actor", "China accused Japan of provoking tension.", "accused", "none"},
		// The place of another clause is not the event's.
		{"reporting clause", "Rebels attacked a convoy, officials in Kabul said.", "attacked", "none"},
		{"subordinate clause", "After talks in Geneva ended, the envoy condemned the shelling.", "condemned", "none"},
		{"relative clause", "The minister, who arrived in Paris on Monday, criticised the plan.", "criticised", "none"},
		// A place that is part of the topic, not where the event happened.
		{"topic noun", "Japan expressed concern over the situation in Syria.", "expressed", "none"},
		{"investment", "The company announced new investment in Brazil.", "announced", "none"},
		{"longer name", "Delegates discussed the Geneva Conventions at length.", "discussed", "none"},
		{"month", "Parliament will vote in May on the budget.", "vote", "none"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := sentence(t, c.sentence)
			tr := -1
			for i, tok := range s.Tokens {
				if tok.Text == c.trigger {
					tr = i
					break
				}
			}
			if tr < 0 {
				t.Fatalf("no %q in %q", c.trigger, c.sentence)
			}
			lo, hi := clause(s.Tokens, tr, tr+1)
			got := "none"
			if p := g.clausePlace(s.Tokens, lo, hi, tr, tr+1, home); p != nil {
				got = p.Name + " " + p.Country + " " + p.Kind.String()
			}
			if got != c.want && !(c.want == "Punjab" && strings.HasPrefix(got, "Punjab ") && strings.HasSuffix(got, "division")) {
				t.Errorf("%q: place of %q = %s, want %s (clause %q)", c.sentence, c.trigger, got, c.want, text.Join(s.Tokens[lo:hi]))
			}
		})
	}
}

func TestRemote(t *testing.T) {
	for _, c := range []struct {
		s    string
		want bool
	}{
		{"Li co-chaired the meeting with his Russian counterpart via video link.", true},
		{"The two presidents held a telephone conversation on Friday.", true},
		{"Macron spoke by phone with Zelensky.", true},
		{"Leaders met virtually on Tuesday.", true},
		{"Li met his Russian counterpart in Moscow.", false},
		{"The company sells phones and video games.", false},
	} {
		if got := remote(sentence(t, c.s).Tokens); got != c.want {
			t.Errorf("remote(%q) = %v, want %v", c.s, got, c.want)
		}
	}
}

func TestFindTrigger(t *testing.T) {
	s := sentence(t, "Iran met Oman in Muscat and Iran met Qatar in Doha.")
	for _, c := range []struct {
		trig       string
		nth        int
		start, end int
	}{
		{"met", 0, 1, 2},
		{"met", 1, 7, 8},
		{"met Qatar", 0, 7, 9},
		{"met", 2, -1, -1},
		{"Iran met Oman in Muscat", 0, 0, 5},
		{"", 0, -1, -1},
		{"me", 0, -1, -1}, // part of a word is no trigger
	} {
		if s0, e0 := findTrigger(s.Tokens, c.trig, c.nth); s0 != c.start || e0 != c.end {
			t.Errorf("findTrigger(%q, %d) = %d, %d; want %d, %d", c.trig, c.nth, s0, e0, c.start, c.end)
		}
	}
}

func TestNear(t *testing.T) {
	g := gaz(t)
	for _, c := range []struct {
		in   string
		want string // kind, name and radius, or "error"
	}{
		{"Geneva", "city Genève 50"},
		{"Geneva:100km", "city Genève 100"},
		{"Geneva: 10 mi", "city Genève 16.09"},
		{"Portland, Ore.", "city Portland 50"},
		{"Tianjin", "city Tianjin 50"}, // near a point: the city, not the municipality
		{"46.2,6.15:30", "city 46.2,6.15 30"},
		{"Bavaria", "division Bavaria 50"},
		{"Kenya", "country Kenya 50"},
		{"Qwxyzville", " Qwxyzville 50"},
		{"", "error"},
		{"Geneva:", "error"},
		{"Geneva:0", "error"},
		{"Geneva:-5km", "error"},
		{"Geneva:far", "error"},
		{"95,10", "error"},
		{"10,190:5km", "error"},
		{":5km", "error"},
	} {
		a, err := g.Near(c.in)
		got := "error"
		if err == nil {
			got = a.Kind.String() + " " + a.Name + " " + formatKm(a.RadiusKm)
		} else if !strings.Contains(err.Error(), "near") {
			t.Errorf("Near(%q): error %q does not say what it is about", c.in, err)
		}
		if got != c.want {
			t.Errorf("Near(%q) = %q, want %q (err %v)", c.in, got, c.want, err)
		}
	}
}

func formatKm(v float64) string {
	return strconv.FormatFloat(math.Round(v*100)/100, 'f', -1, 64)
}

func TestCountryCode(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"CHN", "CHN"}, {"chn", "CHN"}, {"China", "CHN"}, {"United States", "USA"}, {" Kenya ", "KEN"},
		{"Narnia", "error"}, {"", "error"}, {"C1N", "error"},
	} {
		got, err := CountryCode(c.in)
		if err != nil {
			got = "error"
		}
		if got != c.want {
			t.Errorf("CountryCode(%q) = %q, want %q (%v)", c.in, got, c.want, err)
		}
	}
}

func TestPlainlyAtDateline(t *testing.T) {
	nairobi := dateline.Dateline{Place: "Nairobi", Country: "KEN",
		Location: &dateline.Location{Name: "Nairobi", Country: "KEN", Precision: "city"}}
	ken := &dateline.ActorRef{Code: "KENGOV", Country: "KEN"}
	usa := &dateline.ActorRef{Code: "USAGOV", Country: "USA"}
	lead, later := &dateline.Sentence{Paragraph: 0}, &dateline.Sentence{Paragraph: 2}
	for _, c := range []struct {
		name     string
		root     string
		src, tgt *dateline.ActorRef
		s        *dateline.Sentence
		dl       dateline.Dateline
		want     bool
	}{
		{"home government's statement in the lead", "01", ken, nil, lead, nairobi, true},
		{"home government's accusation", "11", ken, usa, lead, nairobi, true},
		{"foreign government's accusation", "11", usa, ken, lead, nairobi, false},
		{"visit received at home", "04", usa, ken, lead, nairobi, true},
		{"later paragraph", "01", ken, nil, later, nairobi, false},
		{"protest", "14", ken, nil, lead, nairobi, false},
		{"arrest", "17", ken, nil, lead, nairobi, false},
		{"attack", "19", ken, usa, lead, nairobi, false},
		{"unresolved dateline", "01", ken, nil, lead, dateline.Dateline{Place: "Qwxyz"}, false},
	} {
		e := &dateline.Event{CameoRoot: c.root, Source: c.src, Target: c.tgt}
		if got := plainlyAtDateline(e, c.s, c.dl); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}
