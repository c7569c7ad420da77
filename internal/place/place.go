// Package place says where things happened: it holds the gazetteer (countries, first-level
// divisions and cities with their alternate names), resolves a story's dateline to a gazetteer
// entry, and gives each event the place named in its own clause, the dateline place only when
// the event plainly happened there, or none — always with its precision.
//
// Lookups are hash lookups on normalised keys (see Key), a bounded number per token, so
// matching costs the same however large the gazetteer is.
//
//go:generate go run ./gen -countries ../../data/countries.tsv -o ../../data/places.tsv
package place

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"unsafe"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/kb"
)

// Kind is what a gazetteer entry is.
type Kind uint8

// Kinds of entries, from the coarsest.
const (
	Country Kind = iota + 1
	Division
	City
)

// String returns the precision name dateline uses for the kind ("country", "division", "city").
func (k Kind) String() string {
	switch k {
	case Country:
		return "country"
	case Division:
		return "division"
	case City:
		return "city"
	}
	return ""
}

// Place is one gazetteer entry.
type Place struct {
	Kind    Kind
	ID      string // GeoNames id (city), ISO3.admin1 (division), ISO3 (country)
	Name    string
	Country string // ISO3
	Admin1  string // GeoNames first-level division code; "" for a country
	Feature string // GeoNames feature code of a city (PPLC, PPLA, PPL, ...)
	Pop     int
	Lat     float64 // a city's coordinates; divisions and countries have no point
	Lon     float64
}

// Capital reports whether the place is a national capital or seat of government.
func (p *Place) Capital() bool { return p.Feature == "PPLC" || p.Feature == "PPLG" }

// flags of one name of a place.
const (
	flagMain      uint8 = 1 << iota // the place's own name or its ASCII spelling, not an alternate
	flagPreferred                   // place-names.tsv: the name news means (New York → the city)
	flagDivision                    // place-names.tsv: the name means the division, not a city in it
)

// node is one candidate of a name: names chain their candidates through next (-1 ends), so that
// building the index costs one map entry per distinct name and no slice per name.
type node struct {
	key   string
	place int32
	flags uint8
	next  int32
}

// Gazetteer knows the world's countries, first-level divisions and larger cities. It is
// immutable once loaded and safe for concurrent use.
type Gazetteer struct {
	places    []Place
	nodes     []node
	names     table            // key → first node: names usable in running text and datelines
	regions   table            // key → first node: abbreviations usable only after a place and a comma
	maxWords  int              // the most words of a name
	divisions map[string]int32 // ISO3.admin1 → place
	countries map[string]*kb.Country
	country   map[string]int32  // ISO3 → its country place
	capital   map[string]int32  // ISO3 → its capital city, when the gazetteer has it
	govNames  map[string]string // key of a government metonym ("White House") → ISO3
	demonyms  map[string]string // nationality word as written ("Swiss") → ISO3
	storyName map[string][]storyName
}

// storyName is a country name or nationality word as written, for counting the countries a
// story is about.
type storyName struct {
	words []string
	iso3  string
}

// Files the gazetteer reads from the data folder.
const (
	PlacesFile = "places.tsv"
	NamesFile  = "place-names.tsv"
)

// Load builds the gazetteer from the countries of the knowledge base and the places and names
// files in fsys (data/, embedded).
func Load(countries []*kb.Country, fsys fs.FS) (*Gazetteer, error) {
	g := newGazetteer(countries)
	b, err := fs.ReadFile(fsys, PlacesFile)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	// The bytes are never written again, so the names can point into them without a copy.
	if err := g.readPlaces(PlacesFile, unsafe.String(unsafe.SliceData(b), len(b))); err != nil {
		return nil, err
	}
	f, err := fsys.Open(NamesFile)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	defer f.Close()
	if err := g.ReadNames(NamesFile, f); err != nil {
		return nil, err
	}
	g.findCapitals()
	return g, nil
}

func newGazetteer(countries []*kb.Country) *Gazetteer {
	g := &Gazetteer{
		names: newTable(1 << 17), regions: newTable(256), maxWords: 1,
		divisions: map[string]int32{}, countries: map[string]*kb.Country{}, country: map[string]int32{},
		capital: map[string]int32{}, govNames: map[string]string{}, demonyms: map[string]string{},
		storyName: map[string][]storyName{},
	}
	for _, c := range countries {
		g.countries[c.ISO3] = c
		i := g.add(Place{Kind: Country, ID: c.ISO3, Name: c.Name, Country: c.ISO3})
		g.country[c.ISO3] = i
		g.addName(Key(c.Name), i, flagMain, true)
		g.addStoryName(c.Name, c.ISO3)
		for _, a := range c.Aliases {
			g.addName(Key(a), i, 0, true)
			g.addStoryName(a, c.ISO3)
		}
		for _, a := range c.Adjectives {
			g.demonyms[a] = c.ISO3
			g.addStoryName(a, c.ISO3)
			// "Brazilian" after a place and a comma is not written; but a region such as
			// "South African" is not either, so adjectives stay out of the name index.
		}
		for _, n := range c.GovNames {
			g.govNames[Key(n)] = c.ISO3
		}
	}
	return g
}

func (g *Gazetteer) add(p Place) int32 {
	g.places = append(g.places, p)
	return int32(len(g.places) - 1)
}

// addName indexes key as a name of place i, in the text index or (text false) the index of
// names usable only as a region after a comma ("Calif.").
func (g *Gazetteer) addName(key string, i int32, flags uint8, text bool) {
	if key == "" {
		return
	}
	t := &g.regions
	if text {
		t = &g.names
	}
	slot := t.slot(g.nodes, key)
	head := int32(-1)
	if s := t.slots[slot]; s != 0 {
		head = s - 1
	}
	// A place listed twice under one key keeps one node with both flags.
	for n := head; n >= 0; n = g.nodes[n].next {
		if g.nodes[n].place == i {
			g.nodes[n].flags |= flags
			return
		}
	}
	g.nodes = append(g.nodes, node{key: key, place: i, flags: flags, next: head})
	t.setHead(g.nodes, slot, int32(len(g.nodes)-1))
	if text && strings.IndexByte(key, ' ') >= 0 {
		g.maxWords = max(g.maxWords, strings.Count(key, " ")+1)
	}
}

// chain returns the first node of key in t, or -1.
func (g *Gazetteer) chain(t *table, key string) int32 { return t.head(g.nodes, key) }

func (g *Gazetteer) addStoryName(name, iso3 string) {
	ws := strings.Fields(name)
	if len(ws) == 0 {
		return
	}
	g.storyName[ws[0]] = append(g.storyName[ws[0]], storyName{words: ws, iso3: iso3})
}

// readPlaces parses places.tsv (see its header for the format).
func (g *Gazetteer) readPlaces(name, data string) error {
	if n := strings.Count(data, "\n"); cap(g.places) < n {
		g.places = append(make([]Place, 0, len(g.places)+n), g.places...)
		g.nodes = append(make([]node, 0, len(g.nodes)+4*n), g.nodes...)
	}
	line := 0
	for len(data) > 0 {
		var l string
		l, data, _ = strings.Cut(data, "\n")
		line++
		l = strings.TrimSuffix(l, "\r")
		if l == "" || l[0] == '#' {
			continue
		}
		if err := g.placeLine(l); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	return nil
}

func (g *Gazetteer) placeLine(l string) error {
	var f [11]string
	n := 0
	for n < len(f) {
		var ok bool
		f[n], l, ok = strings.Cut(l, "\t")
		n++
		if !ok {
			break
		}
	}
	switch f[0] {
	case "D":
		if n != 4 {
			return fmt.Errorf("division: want 4 columns, have %d", n)
		}
		if _, ok := g.countries[f[1]]; !ok {
			return fmt.Errorf("division %s.%s: country %q is not in countries.tsv", f[1], f[2], f[1])
		}
		if f[2] == "" || f[3] == "" {
			return fmt.Errorf("division: empty code or name")
		}
		id := f[1] + "." + f[2]
		if _, dup := g.divisions[id]; dup {
			return fmt.Errorf("division %s listed twice", id)
		}
		i := g.add(Place{Kind: Division, ID: id, Name: f[3], Country: f[1], Admin1: f[2]})
		g.divisions[id] = i
		g.addName(Key(f[3]), i, flagMain, true)
	case "C":
		if n != 11 {
			return fmt.Errorf("city: want 11 columns, have %d", n)
		}
		if _, ok := g.countries[f[2]]; !ok {
			return fmt.Errorf("city %s: country %q is not in countries.tsv", f[1], f[2])
		}
		pop, err := strconv.Atoi(f[5])
		if err != nil || pop < 0 {
			return fmt.Errorf("city %s: population %q is not a whole number", f[1], f[5])
		}
		lat, err1 := strconv.ParseFloat(f[6], 64)
		lon, err2 := strconv.ParseFloat(f[7], 64)
		if err1 != nil || err2 != nil || !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180) {
			return fmt.Errorf("city %s: coordinates %q %q are not a latitude and longitude", f[1], f[6], f[7])
		}
		if f[1] == "" || f[8] == "" || f[9] == "" {
			return fmt.Errorf("city: empty id, name or names")
		}
		i := g.add(Place{Kind: City, ID: f[1], Name: f[8], Country: f[2], Admin1: f[3], Feature: f[4], Pop: pop, Lat: lat, Lon: lon})
		for k := range strings.SplitSeq(f[9], "|") {
			g.addName(k, i, flagMain, true)
		}
		for k := range strings.SplitSeq(f[10], "|") {
			g.addName(k, i, 0, true)
		}
	default:
		return fmt.Errorf("line kind %q: want D (division) or C (city)", f[0])
	}
	return nil
}

// ReadNames adds a names file in place-names.tsv's format: name, kind, ref, use.
func (g *Gazetteer) ReadNames(name string, r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		l := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(l) == "" || l[0] == '#' {
			continue
		}
		f := strings.Split(l, "\t")
		if len(f) != 4 {
			return fmt.Errorf("%s:%d: want 4 TAB-separated columns (name kind ref use), have %d", name, line, len(f))
		}
		key := Key(f[0])
		if key == "" {
			return fmt.Errorf("%s:%d: empty name", name, line)
		}
		i, err := g.ref(f[1], f[2])
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
		switch f[3] {
		case "region":
			g.addName(key, i, 0, false)
		case "name":
			g.addName(key, i, flagPreferred, true)
		case "division":
			if g.places[i].Kind != Division {
				return fmt.Errorf("%s:%d: use division needs a division, %s is a %s", name, line, f[2], g.places[i].Kind)
			}
			g.addName(key, i, flagDivision, true)
		default:
			return fmt.Errorf("%s:%d: use %q: want region, name or division", name, line, f[3])
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// ref finds the place a names file refers to.
func (g *Gazetteer) ref(kind, ref string) (int32, error) {
	switch kind {
	case "country":
		if i, ok := g.country[ref]; ok {
			return i, nil
		}
	case "division":
		if i, ok := g.divisions[ref]; ok {
			return i, nil
		}
	case "city":
		if i := g.byID(ref); i >= 0 {
			return i, nil
		}
	default:
		return 0, fmt.Errorf("kind %q: want country, division or city", kind)
	}
	return 0, fmt.Errorf("no %s %q in the gazetteer", kind, ref)
}

// byID finds a city by its GeoNames id (a linear search: names files are small and read once).
func (g *Gazetteer) byID(id string) int32 {
	for i := range g.places {
		if g.places[i].Kind == City && g.places[i].ID == id {
			return int32(i)
		}
	}
	return -1
}

// findCapitals links each country to its capital city: the city of the capital's name in that
// country, a national capital (PPLC) if several are.
func (g *Gazetteer) findCapitals() {
	for iso3, c := range g.countries {
		if c.Capital == "" {
			continue
		}
		best := int32(-1)
		for n := g.chain(&g.names, Key(c.Capital)); n >= 0; n = g.nodes[n].next {
			i := g.nodes[n].place
			p := &g.places[i]
			if p.Kind != City || p.Country != iso3 {
				continue
			}
			if best < 0 || p.Capital() && !g.places[best].Capital() || p.Capital() == g.places[best].Capital() && p.Pop > g.places[best].Pop {
				best = i
			}
		}
		if best >= 0 {
			g.capital[iso3] = best
		}
	}
}

// Len returns the number of entries (countries, divisions and cities).
func (g *Gazetteer) Len() int { return len(g.places) }

// Place returns entry i.
func (g *Gazetteer) Place(i int32) *Place { return &g.places[i] }

// division returns the division a city or division lies in, or nil.
func (g *Gazetteer) division(p *Place) *Place {
	if p.Kind == Division {
		return p
	}
	if i, ok := g.divisions[p.Country+"."+p.Admin1]; ok && p.Admin1 != "" {
		return &g.places[i]
	}
	return nil
}

// Location turns a gazetteer entry into an event or dateline location: a point only for a city;
// a division or a country carries its codes but no coordinates, since any point would be made up.
func (g *Gazetteer) Location(p *Place) *dateline.Location {
	if p == nil {
		return nil
	}
	l := &dateline.Location{Name: p.Name, Country: p.Country, Precision: p.Kind.String()}
	c := g.countries[p.Country]
	full := []string{p.Name}
	if p.Kind != Country {
		if c != nil && c.FIPS != "" && p.Admin1 != "" && p.Admin1 != "00" {
			l.ADM1 = c.FIPS + p.Admin1 // GDELT's ADM1 code: FIPS country code + division code
		}
		if d := g.division(p); d != nil && d != p {
			full = append(full, d.Name)
		}
		if c != nil {
			full = append(full, c.Name)
		}
	}
	l.FullName = strings.Join(full, ", ")
	switch p.Kind {
	case City:
		l.Lat, l.Lon = round(p.Lat), round(p.Lon)
		l.FeatureID = p.ID
	case Division:
		l.FeatureID = l.ADM1 // GDELT identifies a state-level match by its ADM1 code
	}
	return l
}

func round(v float64) float64 { return math.Round(v*1e5) / 1e5 }

// Country returns the gazetteer entry of a country by ISO3, or nil.
func (g *Gazetteer) Country(iso3 string) *Place {
	if i, ok := g.country[iso3]; ok {
		return &g.places[i]
	}
	return nil
}
