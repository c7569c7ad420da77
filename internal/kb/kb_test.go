package kb

import (
	"bufio"
	"encoding/csv"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/dateline-news/dateline/data"
)

func load(t testing.TB) *KB {
	k, err := Load(data.Files)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestDateAware(t *testing.T) {
	k := load(t)
	for _, c := range []struct{ country, office, date, want string }{
		{"USA", "head_of_state", "2004-06-01", "George W. Bush"},
		{"USA", "head_of_state", "2012-06-01", "Barack Obama"},
		{"RUS", "head_of_government", "2020-12-02", "Mikhail Mishustin"},
		{"CHN", "head_of_government", "2020-12-02", "Li Keqiang"},
		{"CHN", "head_of_government", "2024-01-01", "Li Qiang"},
		{"DEU", "head_of_government", "2010-01-01", "Angela Merkel"},
	} {
		hs := k.Holders(c.country, c.office, day(c.date))
		if len(hs) != 1 || hs[0].Name != c.want {
			var names []string
			for _, h := range hs {
				names = append(names, h.Name)
			}
			t.Errorf("%s %s on %s: %v, want %s", c.country, c.office, c.date, names, c.want)
		}
	}
	// A person who changed office changes role with the date: Putin was prime minister in 2010.
	putin := k.Person("Vladimir Putin")
	if putin == nil {
		t.Fatal("no Vladimir Putin")
	}
	if r, _ := putin.RoleAt(day("2010-05-01")); r.Office != "head_of_government" {
		t.Errorf("Putin in 2010: %s", r.Office)
	}
	if r, _ := putin.RoleAt(day("2015-05-01")); r.Office != "head_of_state" {
		t.Errorf("Putin in 2015: %s", r.Office)
	}
}

func TestBadFiles(t *testing.T) {
	k := &KB{Agents: map[string]*Agent{}, byCode: map[string]*Country{}, orgCode: map[string]*Org{}, byName: map[string]*Person{}, named: map[string][]*Person{}}
	for _, c := range []struct{ kind, text, want string }{
		{"people", "Jane Doe\t\tDoe\tXYZ\thead_of_state\tGOV\t2020-13-01\t\tf\n", "people.tsv:1: start: date"},
		{"people", "Jane Doe\t\tDoe\tXYZ\thead_of_state\tGOV\t2020\t\tf\textra\tmore\n", "fields"},
		{"countries", "XYZ\tXYZ\t\t\t\t\t\t\t\t\t\n", "country needs"},
		{"nonsense", "x\n", "unknown knowledge file kind"},
	} {
		err := k.Read(c.kind+".tsv", c.kind, strings.NewReader(c.text))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", c.kind, err, c.want)
		}
	}
}

func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, _ := transform.String(t, s)
	return strings.ToLower(out)
}

func words(s string) []string {
	return strings.FieldsFunc(fold(s), func(r rune) bool { return !(r >= 'a' && r <= 'z') })
}

// near: the same word, or one edit apart for longer words (REIGN's spellings vary).
func near(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < 5 || len(b) < 5 {
		return false
	}
	d := make([]int, len(b)+1)
	for j := range d {
		d[j] = j
	}
	for i := 1; i <= len(a); i++ {
		prev := d[0]
		d[0] = i
		for j := 1; j <= len(b); j++ {
			cur := d[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[j] = min(d[j]+1, d[j-1]+1, prev+cost)
			prev = cur
		}
	}
	return d[len(b)] <= 1
}

// TestReignCoverage checks the knowledge base against REIGN's effective leaders: each one in
// office at any time since 2000 must be in the KB, in that country, as head of state or of
// government over overlapping months.
func TestReignCoverage(t *testing.T) {
	f, err := os.Open("../../../shared/reference/reign-leaderlist-2021-03.csv")
	if err != nil {
		t.Skip("../shared/reference is absent: skipping the REIGN check")
	}
	defer f.Close()
	cow := map[string]string{}
	cf, err := os.Open("testdata/cow-iso3.tsv")
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(cf)
	for sc.Scan() {
		if c := strings.Split(sc.Text(), "\t"); len(c) == 3 && !strings.HasPrefix(c[0], "#") {
			cow[c[0]] = c[2]
		}
	}
	cf.Close()
	k := load(t)
	// The file mixes UTF-8 and Windows-1252 names: each field is decoded as UTF-8 when valid.
	r := csv.NewReader(f)
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	num := func(rec []string, name string, def int) int {
		n, err := strconv.Atoi(strings.TrimSpace(rec[col[name]]))
		if err != nil {
			return def
		}
		return n
	}
	since := day("2000-01-01")
	byCountry := map[string][]*Person{}
	nameWords := map[*Person][]string{}
	for _, p := range k.People {
		for _, n := range append([]string{p.Name, p.Surname}, p.Aliases...) {
			nameWords[p] = append(nameWords[p], words(n)...)
		}
		seen := map[string]bool{}
		for _, tn := range p.Tenures {
			if !seen[tn.Country] {
				seen[tn.Country] = true
				byCountry[tn.Country] = append(byCountry[tn.Country], p)
			}
		}
	}
	total, found := 0, 0
	var missing []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		start := time.Date(num(rec, "syear", 0), time.Month(num(rec, "smonth", 1)), num(rec, "sdate", 1), 0, 0, 0, 0, time.UTC)
		end := time.Date(2021, 3, 31, 0, 0, 0, 0, time.UTC)
		if y := num(rec, "eyear", 0); y > 0 {
			end = time.Date(y, time.Month(num(rec, "emonth", 12)), 1, 0, 0, 0, 0, time.UTC).AddDate(0, 1, -1)
		}
		if end.Before(since) {
			continue
		}
		iso := cow[rec[col["ccode"]]]
		if iso == "" {
			t.Errorf("no ISO3 for COW %s", rec[col["ccode"]])
			continue
		}
		total++
		name := rec[col["leader"]]
		if !utf8.ValidString(name) {
			name, _ = charmap.Windows1252.NewDecoder().String(name)
		}
		leader := words(name)
		ok := false
		for _, p := range byCountry[iso] {
			match := false
			for _, w := range nameWords[p] {
				for _, lw := range leader {
					if len(lw) >= 3 && near(w, lw) {
						match = true
					}
				}
			}
			if !match {
				continue
			}
			for _, tn := range p.Tenures {
				if tn.Country != iso || (tn.Office != "head_of_state" && tn.Office != "head_of_government" && tn.Office != "monarch" && tn.Office != "party_leader" && tn.Office != "supreme_leader") {
					continue
				}
				te := tn.End
				if te.IsZero() {
					te = time.Now()
				}
				// overlapping months
				if !tn.Start.After(end.AddDate(0, 1, 0)) && !te.Before(start.AddDate(0, -1, 0)) {
					ok = true
				}
			}
			if ok {
				break
			}
		}
		if ok {
			found++
		} else {
			missing = append(missing, iso+" "+name+" "+start.Format("2006-01"))
		}
	}
	share := float64(found) / float64(total)
	t.Logf("REIGN leaders in office since 2000 found in the knowledge base: %d/%d = %.1f%%", found, total, 100*share)
	for _, m := range missing {
		t.Logf("  not found: %s", m)
	}
	if share < 0.95 {
		t.Errorf("coverage %.1f%% is below 95%%", 100*share)
	}
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(data.Files); err != nil {
			b.Fatal(err)
		}
	}
}

func TestTabariDictionaries(t *testing.T) {
	k := load(t)
	actors := `# a user's old PETRARCH dictionary
JOHN_DOE_MCGUFFIN_ [FRDGOV 20050101-20091231] [FRDELI 20100101-]
+PRESIDENT_MCGUFFIN
FREEDONIA_LIBERATION_FRONT_ [FRDREB]
`
	if !IsTabari(actors) {
		t.Fatal("TABARI format not recognised")
	}
	if err := k.ReadTabari("actors.txt", strings.NewReader(actors)); err != nil {
		t.Fatal(err)
	}
	if err := k.ReadTabari("agents.txt", strings.NewReader("WARLORD_ [~REB]\nPEACEKEEPERS_ [~IGO]\n")); err != nil {
		t.Fatal(err)
	}
	k.Reindex()
	p := k.Person("John Doe Mcguffin")
	if p == nil || k.Person("President Mcguffin") != p {
		t.Fatalf("actor or alias missing: %v", p)
	}
	if r, _ := p.RoleAt(day("2007-05-01")); r.Country != "FRD" || r.Agent != "GOV" {
		t.Errorf("2007 role %+v", r)
	}
	if r, _ := p.RoleAt(day("2012-05-01")); r.Agent != "ELI" {
		t.Errorf("2012 role %+v", r)
	}
	if a := k.Agents["warlord"]; a == nil || a.Agent != "REB" {
		t.Errorf("agent warlord: %+v", a)
	}
	if err := k.ReadTabari("bad.txt", strings.NewReader("+ALIAS_WITHOUT_ACTOR\n")); err == nil || !strings.Contains(err.Error(), "bad.txt:1") {
		t.Errorf("bad dictionary error: %v", err)
	}
	if err := k.ReadTabari("bad.txt", strings.NewReader("X_ [ABCGOV 2005]\n")); err == nil {
		t.Logf("short date accepted as a code-only entry")
	}
}

func FuzzReadTabari(f *testing.F) {
	f.Add("JOHN_DOE_ [USAGOV 20050101-20091231]\n+JD\n")
	f.Add("POLICE_ [~COP]\n")
	f.Add("[\n+\n_ [A]")
	f.Fuzz(func(t *testing.T, s string) {
		k := &KB{Agents: map[string]*Agent{}, byCode: map[string]*Country{}, orgCode: map[string]*Org{}, byName: map[string]*Person{}, named: map[string][]*Person{}}
		_ = k.ReadTabari("fuzz.txt", strings.NewReader(s))
		k.Reindex()
	})
}

func FuzzRead(f *testing.F) {
	f.Add("people", "Jane Doe\tJ. Doe\tDoe\tXYZ\thead_of_state\tGOV\t2020-01\t\tf\n")
	f.Add("countries", "XYZ\tXYZ\tXY\tXY\tXland\tX|Ex\tXish\tXcity\t\t1.5\t2\n")
	f.Add("agents", "premier\tGOV\thead_of_government\t\n")
	f.Fuzz(func(t *testing.T, kind, s string) {
		k := &KB{Agents: map[string]*Agent{}, byCode: map[string]*Country{}, orgCode: map[string]*Org{}, byName: map[string]*Person{}, named: map[string][]*Person{}}
		_ = k.Read("fuzz.tsv", kind, strings.NewReader(s))
		k.Reindex()
		for _, p := range k.People {
			p.RoleAt(time.Time{})
		}
	})
}
