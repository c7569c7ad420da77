// Package export writes coded events in formats other tools read: the GDELT 2.0 event table,
// JSON Lines and CSV.
package export

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/dateline-news/dateline"
)

// GDELTColumns names the 61 columns of the GDELT 2.0 event table, in GDELT's order. GDELT files
// have no header line and neither does GDELT's output here; the names are for documentation and
// for readers that want them.
var GDELTColumns = []string{
	"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
	"Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
	"Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
	"Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
	"Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
	"ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
	"DATEADDED", "SOURCEURL",
}

// gdeltColumnCount is the width of every GDELT 2.0 event row.
const gdeltColumnCount = 61

// GDELT geographic resolution codes (the *Geo_Type columns).
const (
	geoNone       = "0"
	geoCountry    = "1"
	geoUSState    = "2"
	geoUSCity     = "3"
	geoWorldCity  = "4"
	geoWorldState = "5"
)

const (
	countryUSA      = "USA" // GDELT's geo types single out the United States
	writeBufferSize = 64 << 10
)

// GDELTOptions adjusts the GDELT writer.
type GDELTOptions struct {
	// FIPS maps an ISO 3166-1 alpha-3 code to the FIPS 10-4 country code that GDELT's geo
	// columns use ("CHN" → "CH", "RUS" → "RS"). With no FIPS function, or when it returns "",
	// the ISO3 code is written as it is: a wrong-but-labelled code is worse than an honest
	// ISO3 one, and the lookup table lives in data/countries.tsv, not in this package.
	FIPS func(iso3 string) string
}

// GDELT writes events as rows of the GDELT 2.0 event table (tab-separated, 61 columns, no
// header), leaving country codes in the geo columns in ISO3. It writes the events it is given:
// choosing them (by default without negated and hypothetical ones) is the query's job.
func GDELT(w io.Writer, events []dateline.Event) error {
	return GDELTWith(w, events, GDELTOptions{})
}

// GDELTWith is GDELT with options.
func GDELTWith(w io.Writer, events []dateline.Event, opts GDELTOptions) error {
	bw := bufio.NewWriterSize(w, writeBufferSize)
	for i := range events {
		row, err := opts.row(&events[i])
		if err != nil {
			return fmt.Errorf("export gdelt: event %q: %w", events[i].ID, err)
		}
		for j, f := range row {
			if j > 0 {
				bw.WriteByte('\t')
			}
			bw.WriteString(f)
		}
		// bufio keeps the first write error and returns it from every later call, so checking
		// once per row is enough.
		if err := bw.WriteByte('\n'); err != nil {
			return fmt.Errorf("export gdelt: write: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export gdelt: write: %w", err)
	}
	return nil
}

// row returns the event's 61 GDELT fields.
func (o GDELTOptions) row(e *dateline.Event) ([]string, error) {
	r := make([]string, 0, gdeltColumnCount)
	r = append(r, formatID(e.GlobalID))

	dates, err := gdeltDates(e.Date)
	if err != nil {
		return nil, err
	}
	r = append(r, dates[:]...)
	r = appendActor(r, e.Source)
	r = appendActor(r, e.Target)

	cameo := clean(e.Cameo)
	r = append(r,
		boolDigit(e.IsRoot),
		cameo,
		prefix(cameo, 3), // EventBaseCode: the three-digit code a four-digit one refines
		prefix(cameo, 2), // EventRootCode
		positive(e.QuadClass),
		strconv.FormatFloat(e.Goldstein, 'f', -1, 64), // GDELT writes "1", "1.9", "-10"
		strconv.Itoa(e.NumMentions),
		strconv.Itoa(e.NumSources),
		strconv.Itoa(e.NumArticles),
		"", // AvgTone: dateline does not score tone
	)
	// dateline locates the event; an actor is placed there only when the event puts it there
	// (see actorsAtPlace), else its block is GDELT's "no geography" (type 0, the rest empty).
	at1, at2 := actorsAtPlace(e)
	r = o.appendGeo(r, pickLoc(at1, e.Location))
	r = o.appendGeo(r, pickLoc(at2, e.Location))
	r = o.appendGeo(r, e.Location)

	added, err := gdeltDateAdded(e.DateAdded)
	if err != nil {
		return nil, err
	}
	source := e.SourceURL
	if source == "" {
		source = e.ArticleID
	}
	r = append(r, added, clean(source))
	if len(r) != gdeltColumnCount {
		// A programming error in this file, not bad input; never write a misaligned row.
		return nil, fmt.Errorf("built %d columns, want %d", len(r), gdeltColumnCount)
	}
	return r, nil
}

// gdeltDates returns SQLDATE, MonthYear, Year and FractionDate for a YYYY-MM-DD date, all empty
// when the date is unknown. FractionDate is GDELT's year + (month*30 + day)/365.
func gdeltDates(date string) ([4]string, error) {
	if date == "" {
		return [4]string{}, nil
	}
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return [4]string{}, fmt.Errorf("date %q: want YYYY-MM-DD", date)
	}
	frac := float64(t.Year()) + float64(int(t.Month())*30+t.Day())/365
	return [4]string{
		t.Format("20060102"),
		t.Format("200601"),
		t.Format("2006"),
		strconv.FormatFloat(frac, 'f', 4, 64),
	}, nil
}

// gdeltDateAdded turns an RFC 3339 time into GDELT's YYYYMMDDHHMMSS in UTC.
func gdeltDateAdded(s string) (string, error) {
	if s == "" {
		return "", nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return "", fmt.Errorf("date added %q: want RFC 3339", s)
	}
	return t.UTC().Format("20060102150405"), nil
}

// appendActor appends one actor's ten columns. The known-group, ethnic and religion codes are
// left empty (dateline does not assign them); Type1Code is the actor's agent (GOV, MIL, ...).
func appendActor(r []string, a *dateline.ActorRef) []string {
	if a == nil {
		return append(r, "", "", "", "", "", "", "", "", "", "")
	}
	name := a.Name
	if name == "" {
		name = a.Text
	}
	return append(r,
		clean(a.Code),
		strings.ToUpper(clean(name)), // GDELT's actor names are upper case
		clean(a.Country),
		"", "", "", "", // KnownGroup, Ethnic, Religion1, Religion2
		clean(a.Agent),
		"", "", // Type2, Type3
	)
}

// actorsAtPlace says which actors were at the event's place. The source acts where the event
// happens: a statement is made where its speaker is, an attack is carried out where it strikes.
// The target is there only when the event brings the two together — a meeting or visit (04),
// material cooperation or aid (06–08), coercion or force (17–20) — not when it is spoken of
// from afar (a protest to a government, a demand, a threat, a sanction).
func actorsAtPlace(e *dateline.Event) (source, target bool) {
	source = e.Source != nil
	switch prefix(clean(e.Cameo), 2) {
	case "04", "06", "07", "08", "17", "18", "19", "20":
		target = e.Target != nil
	}
	return source, target
}

func pickLoc(ok bool, l *dateline.Location) *dateline.Location {
	if ok {
		return l
	}
	return nil
}

func appendNoGeo(r []string) []string {
	return append(r, geoNone, "", "", "", "", "", "", "")
}

// appendGeo appends the eight geo columns for a location. GDELT's Geo_Type distinguishes US
// states and cities from those elsewhere; dateline's precision maps onto it.
func (o GDELTOptions) appendGeo(r []string, l *dateline.Location) []string {
	if l == nil {
		return appendNoGeo(r)
	}
	us := l.Country == countryUSA
	var typ string
	switch l.Precision {
	case "country":
		typ = geoCountry
	case "division":
		typ = pick(us, geoUSState, geoWorldState)
	case "city":
		typ = pick(us, geoUSCity, geoWorldCity)
	default:
		typ = geoNone // precision unknown: name what we have, claim no resolution
	}
	country := clean(o.country(l.Country))
	adm1, feature := clean(l.ADM1), clean(l.FeatureID)
	if typ == geoCountry {
		// GDELT fills a country-level location's ADM1 and feature id with the country code.
		adm1 = firstNonEmpty(adm1, country)
		feature = firstNonEmpty(feature, country)
	}
	lat, lon := "", ""
	if l.Lat != 0 || l.Lon != 0 { // (0, 0) is "no point": dateline never invents coordinates
		lat, lon = coord(l.Lat), coord(l.Lon)
	}
	// FullName as GDELT writes it ("Salvador, Bahia, Brazil"), else the bare name.
	return append(r, typ, clean(firstNonEmpty(l.FullName, l.Name)), country, adm1, "", lat, lon, feature)
}

func (o GDELTOptions) country(iso3 string) string {
	if o.FIPS != nil {
		if f := o.FIPS(iso3); f != "" {
			return f
		}
	}
	return iso3
}

// coord writes a coordinate as GDELT does: up to four decimals, no trailing zeros.
func coord(v float64) string {
	return strconv.FormatFloat(math.Round(v*1e4)/1e4, 'f', -1, 64)
}

// clean keeps a field on its line and in its column: tabs and line breaks become spaces.
func clean(s string) string {
	if !strings.ContainsAny(s, "\t\n\r") {
		return s
	}
	return strings.NewReplacer("\t", " ", "\r\n", " ", "\n", " ", "\r", " ").Replace(s)
}

func prefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}

func formatID(id int64) string {
	if id == 0 {
		return "" // not stored yet: no GLOBALEVENTID to give
	}
	return strconv.FormatInt(id, 10)
}

func positive(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func boolDigit(b bool) string { return pick(b, "1", "0") }

func pick(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
