package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store/storetest"
)

// seedEvent is the seed story's main event as the store returns it.
func seedEvent() dateline.Event {
	return dateline.Event{
		ID:         "xinhua-20201202/e1",
		ArticleID:  "xinhua-20201202",
		Date:       "2020-12-02",
		DateSource: "dateline",
		Source:     &dateline.ActorRef{Text: "Chinese Premier Li Keqiang", Name: "Li Keqiang", Code: "CHNGOV", Country: "CHN", Agent: "GOV"},
		Target:     &dateline.ActorRef{Text: "his Russian counterpart Mikhail Mishustin", Name: "Mikhail Mishustin", Code: "RUSGOV", Country: "RUS", Agent: "GOV"},
		Cameo:      "040", CameoRoot: "04", Plover: "CONSULT", QuadClass: 1, Goldstein: 1.0,
		Mood:        dateline.MoodAsserted,
		Location:    &dateline.Location{Name: "Beijing", Country: "CHN", Precision: "city", Lat: 39.9042, Lon: 116.4074, ADM1: "CH22", FeatureID: "-1898541"},
		Topics:      []string{"trade", "energy"},
		Sentence:    "Chinese Premier Li Keqiang and his Russian counterpart Mikhail Mishustin co-chaired the meeting.",
		Span:        [2]int{28, 124},
		Trigger:     "co-chaired ... meeting",
		Rule:        "verbs.txt:412",
		Confidence:  0.9,
		IsRoot:      true,
		Mutual:      true,
		NumMentions: 3, NumSources: 2, NumArticles: 3,
		GlobalID:  1001,
		DateAdded: "2020-12-02T15:04:05+08:00",
	}
}

func fips(iso3 string) string { return map[string]string{"CHN": "CH", "RUS": "RS", "USA": "US"}[iso3] }

// TestGDELTRow spells out one event's whole row, column by column.
func TestGDELTRow(t *testing.T) {
	want := []string{
		"1001", "20201202", "202012", "2020", "2020.9918",
		"CHNGOV", "LI KEQIANG", "CHN", "", "", "", "", "GOV", "", "",
		"RUSGOV", "MIKHAIL MISHUSTIN", "RUS", "", "", "", "", "GOV", "", "",
		"1", "040", "040", "04", "1", "1", "3", "2", "3", "",
		"4", "Beijing", "CH", "CH22", "", "39.9042", "116.4074", "-1898541", // a meeting: both actors at its place
		"4", "Beijing", "CH", "CH22", "", "39.9042", "116.4074", "-1898541",
		"4", "Beijing", "CH", "CH22", "", "39.9042", "116.4074", "-1898541",
		"20201202070405", "xinhua-20201202",
	}
	var buf bytes.Buffer
	if err := GDELTWith(&buf, []dateline.Event{seedEvent()}, GDELTOptions{FIPS: fips}); err != nil {
		t.Fatal(err)
	}
	line, ok := strings.CutSuffix(buf.String(), "\n")
	if !ok || strings.Contains(line, "\n") {
		t.Fatalf("want one line ending in a newline, got %q", buf.String())
	}
	got := strings.Split(line, "\t")
	if len(got) != len(GDELTColumns) || len(want) != len(GDELTColumns) {
		t.Fatalf("got %d columns, want %d (table has %d)", len(got), len(GDELTColumns), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("column %d %s = %q, want %q", i+1, GDELTColumns[i], got[i], want[i])
		}
	}
}

// TestGDELTColumns covers the cases beside the seed row, by column name.
func TestGDELTColumns(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(e *dateline.Event)
		opts GDELTOptions
		want map[string]string
	}{
		{"no FIPS table keeps ISO3", nil, GDELTOptions{},
			map[string]string{"ActionGeo_CountryCode": "CHN", "ActionGeo_ADM1Code": "CH22"}},
		{"FIPS without an entry keeps ISO3", func(e *dateline.Event) { e.Location.Country = "KSV" }, GDELTOptions{FIPS: fips},
			map[string]string{"ActionGeo_CountryCode": "KSV"}},
		{"leading zeros", func(e *dateline.Event) { e.Cameo = "043" }, GDELTOptions{},
			map[string]string{"EventCode": "043", "EventBaseCode": "043", "EventRootCode": "04"}},
		{"four-digit code", func(e *dateline.Event) { e.Cameo = "0311" }, GDELTOptions{},
			map[string]string{"EventCode": "0311", "EventBaseCode": "031", "EventRootCode": "03"}},
		{"negative goldstein", func(e *dateline.Event) { e.Cameo, e.QuadClass, e.Goldstein = "1823", 4, -10 }, GDELTOptions{},
			map[string]string{"EventCode": "1823", "EventBaseCode": "182", "EventRootCode": "18", "QuadClass": "4", "GoldsteinScale": "-10"}},
		{"fraction goldstein", func(e *dateline.Event) { e.Goldstein = 1.9 }, GDELTOptions{},
			map[string]string{"GoldsteinScale": "1.9"}},
		{"US city", func(e *dateline.Event) {
			e.Location = &dateline.Location{Name: "Washington", Country: "USA", Precision: "city", Lat: 38.89511, Lon: -77.03637, ADM1: "USDC"}
		}, GDELTOptions{FIPS: fips},
			map[string]string{"ActionGeo_Type": "3", "ActionGeo_CountryCode": "US", "ActionGeo_Lat": "38.8951", "ActionGeo_Long": "-77.0364", "ActionGeo_FeatureID": ""}},
		{"US state", func(e *dateline.Event) {
			e.Location = &dateline.Location{Name: "Texas", Country: "USA", Precision: "division", ADM1: "USTX"}
		}, GDELTOptions{},
			map[string]string{"ActionGeo_Type": "2", "ActionGeo_ADM1Code": "USTX", "ActionGeo_Lat": "", "ActionGeo_Long": ""}},
		{"world state", func(e *dateline.Event) {
			e.Location = &dateline.Location{Name: "Heilongjiang", Country: "CHN", Precision: "division", ADM1: "CH08", Lat: 47.7, Lon: 128}
		}, GDELTOptions{},
			map[string]string{"ActionGeo_Type": "5", "ActionGeo_Lat": "47.7", "ActionGeo_Long": "128"}},
		{"country", func(e *dateline.Event) {
			e.Location = &dateline.Location{Name: "Russia", Country: "RUS", Precision: "country"}
		}, GDELTOptions{FIPS: fips},
			map[string]string{"ActionGeo_Type": "1", "ActionGeo_FullName": "Russia", "ActionGeo_CountryCode": "RS",
				"ActionGeo_ADM1Code": "RS", "ActionGeo_FeatureID": "RS", "ActionGeo_Lat": ""}},
		{"statement: only the speaker at the place", func(e *dateline.Event) { e.Cameo = "010" }, GDELTOptions{},
			map[string]string{"Actor1Geo_Type": "4", "Actor1Geo_FullName": "Beijing", "Actor2Geo_Type": "0", "Actor2Geo_FullName": "", "ActionGeo_Type": "4"}},
		{"no source, no actor place", func(e *dateline.Event) { e.Source = nil }, GDELTOptions{},
			map[string]string{"Actor1Geo_Type": "0", "Actor2Geo_Type": "4"}},
		{"full name", func(e *dateline.Event) { e.Location.FullName = "Beijing, Beijing, China" }, GDELTOptions{},
			map[string]string{"ActionGeo_FullName": "Beijing, Beijing, China", "Actor1Geo_FullName": "Beijing, Beijing, China"}},
		{"no location", func(e *dateline.Event) { e.Location = nil }, GDELTOptions{},
			map[string]string{"ActionGeo_Type": "0", "ActionGeo_FullName": "", "ActionGeo_CountryCode": ""}},
		{"no target", func(e *dateline.Event) { e.Target = nil }, GDELTOptions{},
			map[string]string{"Actor2Code": "", "Actor2Name": "", "Actor2CountryCode": "", "Actor2Type1Code": ""}},
		{"name from text", func(e *dateline.Event) { e.Source.Name = "" }, GDELTOptions{},
			map[string]string{"Actor1Name": "CHINESE PREMIER LI KEQIANG"}},
		{"source url", func(e *dateline.Event) { e.SourceURL = "https://example.org/a" }, GDELTOptions{},
			map[string]string{"SOURCEURL": "https://example.org/a"}},
		{"not stored", func(e *dateline.Event) { e.GlobalID, e.DateAdded = 0, "" }, GDELTOptions{},
			map[string]string{"GLOBALEVENTID": "", "DATEADDED": ""}},
		{"unknown date", func(e *dateline.Event) { e.Date = "" }, GDELTOptions{},
			map[string]string{"SQLDATE": "", "MonthYear": "", "Year": "", "FractionDate": ""}},
		{"start of year", func(e *dateline.Event) { e.Date = "2021-01-01" }, GDELTOptions{},
			map[string]string{"SQLDATE": "20210101", "MonthYear": "202101", "Year": "2021", "FractionDate": "2021.0849"}},
		{"not root", func(e *dateline.Event) { e.IsRoot = false }, GDELTOptions{},
			map[string]string{"IsRootEvent": "0"}},
		{"tabs and newlines", func(e *dateline.Event) { e.Source.Name = "Li\tKeqiang\r\n" }, GDELTOptions{},
			map[string]string{"Actor1Name": "LI KEQIANG "}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := seedEvent()
			if c.edit != nil {
				c.edit(&e)
			}
			row := gdeltRow(t, e, c.opts)
			for name, want := range c.want {
				i := columnIndex(t, name)
				if row[i] != want {
					t.Errorf("%s = %q, want %q", name, row[i], want)
				}
			}
		})
	}
}

func gdeltRow(t *testing.T, e dateline.Event, opts GDELTOptions) []string {
	t.Helper()
	var buf bytes.Buffer
	if err := GDELTWith(&buf, []dateline.Event{e}, opts); err != nil {
		t.Fatal(err)
	}
	row := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\t")
	if len(row) != 61 {
		t.Fatalf("%d columns, want 61: %q", len(row), buf.String())
	}
	return row
}

func columnIndex(t *testing.T, name string) int {
	t.Helper()
	for i, c := range GDELTColumns {
		if c == name {
			return i
		}
	}
	t.Fatalf("no GDELT column %q", name)
	return -1
}

// TestGDELTEveryLine61 writes every fixture event and checks each line's width.
func TestGDELTEveryLine61(t *testing.T) {
	if len(GDELTColumns) != 61 {
		t.Fatalf("GDELTColumns has %d names, want 61", len(GDELTColumns))
	}
	events := fixtureEvents()
	events[0].Sentence = "a sentence\twith a tab\nand a newline" // not a GDELT column, but must not matter
	events[1].Source.Text = "tab\tin\ttext"
	var buf bytes.Buffer
	if err := GDELTWith(&buf, events, GDELTOptions{FIPS: fips}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(events) {
		t.Fatalf("%d lines for %d events", len(lines), len(events))
	}
	for i, l := range lines {
		if n := strings.Count(l, "\t") + 1; n != 61 {
			t.Errorf("line %d (%s): %d columns, want 61", i+1, events[i].ID, n)
		}
		if strings.HasPrefix(l, "GLOBALEVENTID") {
			t.Errorf("line %d is a header; GDELT files have none", i+1)
		}
	}
}

func TestGDELTBadInput(t *testing.T) {
	for name, edit := range map[string]func(*dateline.Event){
		"date":       func(e *dateline.Event) { e.Date = "12/02/2020" },
		"date added": func(e *dateline.Event) { e.DateAdded = "yesterday" },
	} {
		e := seedEvent()
		edit(&e)
		err := GDELT(io.Discard, []dateline.Event{e})
		if err == nil || !strings.Contains(err.Error(), e.ID) {
			t.Errorf("%s: error %v, want one naming the event", name, err)
		}
	}
}

// fixtureEvents is every event of the store suite's fixtures, as saved.
func fixtureEvents() []dateline.Event {
	var events []dateline.Event
	for i, d := range storetest.Fixtures() {
		for j, e := range d.Events {
			e.GlobalID = int64(100*i + j + 1)
			e.DateAdded = "2021-03-16T00:00:00Z"
			events = append(events, e)
		}
	}
	return events
}

func TestCSVRoundTrip(t *testing.T) {
	events := fixtureEvents()
	events[0].Sentence = "He said: \"yes, \nand no\", then left." // quotes, comma, newline
	events[1].Topics = nil
	var buf bytes.Buffer
	if err := CSV(&buf, events); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv cannot read the output: %v", err)
	}
	if !reflect.DeepEqual(records[0], CSVColumns) {
		t.Fatalf("header %v, want %v", records[0], CSVColumns)
	}
	if len(records) != len(events)+1 {
		t.Fatalf("%d records, want header + %d", len(records), len(events))
	}
	for i, rec := range records[1:] {
		got, err := parseCSVEvent(rec)
		if err != nil {
			t.Fatalf("record %d: %v", i+1, err)
		}
		if !reflect.DeepEqual(got, events[i]) {
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(events[i])
			t.Errorf("record %d round trip:\n got %s\nwant %s", i+1, gj, wj)
		}
	}
}

// parseCSVEvent reads a CSV record back into an Event: the inverse of csvRecord for events whose
// absent parts are nil (not empty).
func parseCSVEvent(rec []string) (dateline.Event, error) {
	col := map[string]string{}
	for i, name := range CSVColumns {
		col[name] = rec[i]
	}
	var errs []error
	atoi := func(k string) int {
		n, err := strconv.Atoi(col[k])
		errs = append(errs, err)
		return n
	}
	atof := func(k string) float64 {
		f, err := strconv.ParseFloat(col[k], 64)
		errs = append(errs, err)
		return f
	}
	side := func(p string) *dateline.ActorRef {
		a := dateline.ActorRef{Text: col[p+"_text"], Name: col[p+"_name"], Code: col[p+"_code"], Country: col[p+"_country"], Agent: col[p+"_agent"]}
		if a == (dateline.ActorRef{}) {
			return nil
		}
		return &a
	}
	e := dateline.Event{
		ID: col["id"], ArticleID: col["article_id"], Date: col["date"], DateSource: col["date_source"],
		Source: side("source"), Target: side("target"),
		Cameo: col["cameo"], CameoRoot: col["cameo_root"], Plover: col["plover"],
		QuadClass: atoi("quad_class"), Goldstein: atof("goldstein"),
		Negated: col["negated"] == "true", Mood: col["mood"],
		Sentence: col["sentence"], Span: [2]int{atoi("span_start"), atoi("span_end")},
		Trigger: col["trigger"], Rule: col["rule"], Confidence: atof("confidence"),
		IsRoot:      col["is_root"] == "true",
		NumMentions: atoi("num_mentions"), NumSources: atoi("num_sources"), NumArticles: atoi("num_articles"),
		SourceURL: col["source_url"], DateAdded: col["date_added"], Mutual: col["mutual"] == "true",
	}
	if col["global_id"] != "" {
		e.GlobalID = int64(atoi("global_id"))
	}
	if col["topics"] != "" {
		e.Topics = strings.Split(col["topics"], TopicSeparator)
	}
	if col["location_name"] != "" || col["location_country"] != "" {
		e.Location = &dateline.Location{Name: col["location_name"], Country: col["location_country"],
			Precision: col["location_precision"], Lat: atof("location_lat"), Lon: atof("location_lon"),
			ADM1: col["location_adm1"], FeatureID: col["location_feature_id"]}
	}
	return e, errors.Join(errs...)
}

func TestCSVLeadingZeros(t *testing.T) {
	e := seedEvent()
	e.Cameo, e.CameoRoot = "043", "04"
	var buf bytes.Buffer
	if err := CSV(&buf, []dateline.Event{e}); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := records[1][slicesIndex(CSVColumns, "cameo")]; got != "043" {
		t.Errorf("cameo = %q, want \"043\"", got)
	}
}

func slicesIndex(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

func TestJSONL(t *testing.T) {
	events := fixtureEvents()
	events[0].Sentence = "a <b> & c"
	var buf bytes.Buffer
	if err := JSONL(&buf, events); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"a <b> & c"`) {
		t.Error("JSONL escapes <, > or & in text")
	}
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	if len(lines) != len(events) {
		t.Fatalf("%d lines for %d events", len(lines), len(events))
	}
	for i, l := range lines {
		var got dateline.Event
		if err := json.Unmarshal([]byte(l), &got); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if !reflect.DeepEqual(got, events[i]) {
			t.Errorf("line %d does not decode to the event: %s", i+1, l)
		}
		if !strings.HasPrefix(l, `{"id":`) || !strings.Contains(l, `"cameo":"`+events[i].Cameo+`"`) {
			t.Errorf("line %d is not the data model's Event: %s", i+1, l)
		}
	}
}

func TestEmpty(t *testing.T) {
	for name, write := range writers() {
		var buf bytes.Buffer
		if err := write(&buf, nil); err != nil {
			t.Errorf("%s(nil): %v", name, err)
		}
		want := ""
		if name == "CSV" {
			want = strings.Join(CSVColumns, ",") + "\n"
		}
		if buf.String() != want {
			t.Errorf("%s(nil) wrote %q, want %q", name, buf.String(), want)
		}
	}
}

var errBoom = errors.New("disk full")

// failingWriter accepts n bytes, then fails.
type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if len(p) <= w.n {
		w.n -= len(p)
		return len(p), nil
	}
	n := w.n
	w.n = 0
	return n, errBoom
}

func writers() map[string]func(io.Writer, []dateline.Event) error {
	return map[string]func(io.Writer, []dateline.Event) error{"GDELT": GDELT, "JSONL": JSONL, "CSV": CSV}
}

func TestWriterError(t *testing.T) {
	few := fixtureEvents()
	var many []dateline.Event // more than one buffer's worth, so the error comes mid-stream
	for len(many) < 2000 {
		many = append(many, few...)
	}
	for name, write := range writers() {
		for _, c := range []struct {
			events []dateline.Event
			limit  int
		}{{few, 0}, {few, 100}, {many, 0}, {many, 100 << 10}} {
			err := write(&failingWriter{n: c.limit}, c.events)
			if !errors.Is(err, errBoom) {
				t.Errorf("%s: %d events, writer failing after %d bytes: error %v, want %v",
					name, len(c.events), c.limit, err, errBoom)
			}
		}
	}
}
