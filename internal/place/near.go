package place

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/dateline-news/dateline/data"
	"github.com/dateline-news/dateline/internal/kb"
)

// Default returns the gazetteer built from the embedded data, loading it on first use. Stores
// use it to resolve `--near PLACE`; the pipeline builds its own, with the user's dictionaries.
var Default = sync.OnceValues(func() (*Gazetteer, error) {
	k, err := kb.Load(data.Files)
	if err != nil {
		return nil, err
	}
	return Load(k.Countries, data.Files)
})

// DefaultRadiusKm is the radius of `--near PLACE` when none is given.
const DefaultRadiusKm = 50

// Area is what a `--near` filter selects, resolved from its text:
//
//   - a city or a point ("Geneva", "Portland, Ore.", "46.2,6.15"): events located at a point
//     within RadiusKm of it. Events located only to a division or a country have no point and
//     are near nothing.
//   - a division ("Bavaria", "Texas"): events located in it, at city or division precision
//     (their ADM1 code is the division's).
//   - a country ("Kenya"): events located in it, as the country filter.
//   - a name the gazetteer does not know: events whose location's name or full name is that text
//     (ignoring case).
type Area struct {
	Kind     Kind    // City (a circle around Lat, Lon), Division, Country, or 0 for Name
	Name     string  // the place it resolved to, or the text when unresolved
	Lat, Lon float64 // the centre of a circle
	RadiusKm float64
	Country  string // ISO3 of a country area
	ADM1     string // ADM1 code of a division area, as in Location.ADM1
}

// Box returns the latitude and longitude bounds of a circle (for an index-friendly first test)
// and the factor that scales longitude differences to latitude degrees at the centre: a point
// is inside when dlat² + (dlon·f)² ≤ (RadiusKm/111.2)². This equirectangular distance is within
// about 1% of the great-circle one for radii of a few hundred kilometres; circles across the
// 180th meridian are cut at it.
func (a Area) Box() (latMin, latMax, lonMin, lonMax, f, r2 float64) {
	r := a.RadiusKm / kmPerDegree
	f = math.Cos(a.Lat * math.Pi / 180)
	dlon := 180.0
	if f > 1e-6 {
		dlon = math.Min(180, r/f)
	}
	return a.Lat - r, a.Lat + r, a.Lon - dlon, a.Lon + dlon, f, r * r
}

const kmPerDegree = 111.2

// ParseNear resolves the text of a `--near` filter with the default gazetteer: "PLACE",
// "PLACE:RADIUS" or "LAT,LON:RADIUS", with RADIUS in km ("100", "100km") or miles ("60mi").
// PLACE may carry a qualifier after a comma ("Portland, Ore.", "Salvador, Brazil").
func ParseNear(s string) (Area, error) {
	g, err := Default()
	if err != nil {
		return Area{}, fmt.Errorf("near %q: %w", s, err)
	}
	return g.Near(s)
}

// Near resolves the text of a `--near` filter (see ParseNear).
func (g *Gazetteer) Near(s string) (Area, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return Area{}, errors.New("near: empty place")
	}
	a := Area{RadiusKm: DefaultRadiusKm}
	if i := strings.LastIndexByte(text, ':'); i >= 0 {
		r, err := parseRadius(text[i+1:])
		if err != nil {
			return Area{}, fmt.Errorf("near %q: %w", s, err)
		}
		a.RadiusKm = r
		text = strings.TrimSpace(text[:i])
	}
	if lat, lon, ok, err := parseLatLon(text); ok {
		if err != nil {
			return Area{}, fmt.Errorf("near %q: %w", s, err)
		}
		a.Kind, a.Name, a.Lat, a.Lon = City, text, lat, lon
		return a, nil
	}
	if text == "" {
		return Area{}, fmt.Errorf("near %q: empty place", s)
	}
	name, region, _ := strings.Cut(text, ",")
	var h Hints
	if region = strings.TrimSpace(region); region != "" {
		h.Within = g.Region(region)
	}
	p := g.lookupKey(Key(name), &h, true)
	if p == nil {
		a.Name = text
		return a, nil
	}
	a.Kind, a.Name = p.Kind, p.Name
	switch p.Kind {
	case City:
		a.Lat, a.Lon = p.Lat, p.Lon
	case Division:
		a.ADM1 = g.Location(p).ADM1
		if a.ADM1 == "" {
			// A division GDELT has no code for cannot be matched by code; match its name.
			a.Kind = 0
		}
	case Country:
		a.Country = p.Country
	}
	return a, nil
}

func parseRadius(s string) (float64, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	unit := 1.0
	switch {
	case strings.HasSuffix(s, "km"):
		s = s[:len(s)-2]
	case strings.HasSuffix(s, "mi"):
		s, unit = s[:len(s)-2], 1.609344
	}
	r, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || !(r > 0) || r > 20000 {
		return 0, fmt.Errorf("radius %q: want a distance such as 50, 50km or 30mi, above 0 and at most 20000 km", s)
	}
	return r * unit, nil
}

// parseLatLon reads "46.2,6.15". ok says whether the text looks like coordinates at all.
func parseLatLon(s string) (lat, lon float64, ok bool, err error) {
	a, b, found := strings.Cut(s, ",")
	if !found {
		return 0, 0, false, nil
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
	if err1 != nil || err2 != nil {
		return 0, 0, false, nil // a name with a qualifier
	}
	if !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180) {
		return 0, 0, true, fmt.Errorf("coordinates %q: latitude must be within ±90 and longitude within ±180", s)
	}
	return lat, lon, true, nil
}

// CountryCode resolves the text of a `--country` filter: an ISO3 code ("CHN", any case) or a
// country's name as countries.tsv gives it ("China", "Ivory Coast").
func CountryCode(s string) (string, error) {
	s = strings.TrimSpace(s)
	if len(s) == 3 && isLetters(s) {
		return strings.ToUpper(s), nil
	}
	g, err := Default()
	if err != nil {
		return "", fmt.Errorf("country %q: %w", s, err)
	}
	for n := g.chain(&g.names, Key(s)); n >= 0; n = g.nodes[n].next {
		if p := &g.places[g.nodes[n].place]; p.Kind == Country {
			return p.Country, nil
		}
	}
	return "", fmt.Errorf("country %q: not an ISO3 code or a country name dateline knows", s)
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}
