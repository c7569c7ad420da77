package place

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/kb"
)

// FuzzKey: any text gives a key of lower-case letters, digits and single spaces, without
// panicking.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"São Paulo", "St. Louis", "The Hague", "W. Va.", "Xi’an", "\xff\xfe", "the the", " - ", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
			t.Errorf("Key(%q) = %q: stray spaces", s, k)
		}
		if !utf8.ValidString(k) || k != strings.ToLower(k) && utf8.ValidString(s) {
			t.Errorf("Key(%q) = %q: not lower-case UTF-8", s, k)
		}
	})
}

func testCountries() []*kb.Country {
	return []*kb.Country{
		{ISO3: "USA", ISO2: "US", FIPS: "US", Name: "United States", Aliases: []string{"U.S."}, Adjectives: []string{"American"}, Capital: "Washington"},
		{ISO3: "CHE", ISO2: "CH", FIPS: "SZ", Name: "Switzerland", Adjectives: []string{"Swiss"}, Capital: "Bern"},
	}
}

// FuzzPlacesFile: a places file, however broken, is read or refused with an error naming the
// file and line; never a panic.
func FuzzPlacesFile(f *testing.F) {
	f.Add("D\tUSA\tCA\tCalifornia\nC\t1\tUSA\tCA\tPPL\t100\t34.05\t-118.24\tLos Angeles\tlos angeles\tla\n")
	f.Add("C\t1\tUSA\tCA\tPPL\tx\t1\t2\tA\ta\t\n")
	f.Add("C\t1\tCHE\tGE\tPPLA\t10\t95\t6\tGeneve\tgeneve\tgeneva\n")
	f.Add("D\tXXX\t01\tNowhere\n# comment\n\n")
	f.Add("Q\n")
	f.Fuzz(func(t *testing.T, data string) {
		g := newGazetteer(testCountries())
		if err := g.readPlaces("places.tsv", data); err != nil {
			if !strings.HasPrefix(err.Error(), "places.tsv:") {
				t.Errorf("error %q does not name the file and line", err)
			}
			return
		}
		g.findCapitals()
		for i := range g.places {
			if p := &g.places[i]; p.Kind == City && (p.Lat < -90 || p.Lat > 90 || p.Lon < -180 || p.Lon > 180) {
				t.Errorf("city %+v accepted with impossible coordinates", p)
			}
		}
		g.Lookup("Los Angeles", "Calif.", Hints{})
	})
}

// FuzzNamesFile: the same for a user's place-names file.
func FuzzNamesFile(f *testing.F) {
	f.Add("Calif.\tdivision\tUSA.CA\tregion\n")
	f.Add("LA\tcity\t1\tname\n")
	f.Add("Swiss\tcountry\tCHE\tname\n")
	f.Add("x\ty\n")
	f.Add("\tcountry\tUSA\tregion\n")
	f.Fuzz(func(t *testing.T, data string) {
		g := newGazetteer(testCountries())
		if err := g.readPlaces("places.tsv", "D\tUSA\tCA\tCalifornia\nC\t1\tUSA\tCA\tPPL\t100\t34.05\t-118.24\tLos Angeles\tlos angeles\tla\n"); err != nil {
			t.Fatal(err)
		}
		if err := g.ReadNames("names.tsv", strings.NewReader(data)); err != nil && !strings.HasPrefix(err.Error(), "names.tsv") {
			t.Errorf("error %q does not name the file", err)
		}
		g.Region("Calif.")
		g.Lookup("LA", "", Hints{})
	})
}

// FuzzNear: a --near text gives an area or an error, never a panic or an impossible circle.
func FuzzNear(f *testing.F) {
	for _, s := range []string{"Geneva", "Geneva:100km", "46.2,6.15:30mi", "Portland, Ore.", ":", "1,2:NaN", "Paris:1e400", ",:,"} {
		f.Add(s)
	}
	g := newGazetteer(testCountries())
	if err := g.readPlaces("places.tsv", "C\t1\tCHE\tGE\tPPLA\t183981\t46.2\t6.14\tGenève\tgeneve\tgeneva\n"); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := g.Near(s)
		if err != nil {
			return
		}
		if !(a.RadiusKm > 0 && a.RadiusKm <= 20000) || a.Kind == City && !(a.Lat >= -90 && a.Lat <= 90 && a.Lon >= -180 && a.Lon <= 180) {
			t.Errorf("Near(%q) = %+v", s, a)
		}
	})
}
