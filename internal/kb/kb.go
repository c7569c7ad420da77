// Package kb is dateline's knowledge base: countries, organisations, agencies, agent titles and
// office holders with dated tenures, read from the text files in data/ (and users' own files).
package kb

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Country is a country or territory.
type Country struct {
	ISO3, Cameo, ISO2, FIPS, Name string
	Aliases, Adjectives           []string
	Capital                       string
	GovNames                      []string
	Lat, Lon                      float64
}

// Org is an international or non-governmental organisation.
type Org struct {
	Code, Name       string
	Abbrevs, Aliases []string
}

// Agency is a news agency.
type Agency struct {
	Name    string
	Aliases []string
	Country string
}

// Agent maps a title, role or group word to a CAMEO agent code.
type Agent struct {
	Term, Agent, Office, Gender string
}

// Tenure is one person's time in one office.
type Tenure struct {
	Country, Office, Agent string
	Start, End             time.Time // End is zero while in office
}

// Person is an office holder.
type Person struct {
	Learned               bool // from an earlier article's introduction, not from data/
	Name, Surname, Gender string
	Aliases               []string
	Tenures               []Tenure // sorted by Start
}

// KB is the loaded knowledge base. It is immutable after Load and safe for concurrent use.
type KB struct {
	Countries []*Country
	Orgs      []*Org
	Agencies  []*Agency
	Agents    map[string]*Agent // by lower-case term
	People    []*Person

	byCode  map[string]*Country
	orgCode map[string]*Org
	byName  map[string]*Person   // by full name and aliases (the first person of that name)
	named   map[string][]*Person // every person of a name: namesakes in different countries
	holders map[string][]*Person // country+"/"+office → people who held it
}

// Load reads the standard knowledge files from fsys (data/ embedded), then each extra file
// (users' --dict files), which add to or override the standard entries.
func Load(fsys fs.FS, extra ...string) (*KB, error) {
	k := &KB{Agents: map[string]*Agent{}, byCode: map[string]*Country{}, orgCode: map[string]*Org{},
		byName: map[string]*Person{}, named: map[string][]*Person{}, holders: map[string][]*Person{}}
	files := []string{"countries.tsv", "igos.tsv", "agencies.tsv", "agents.tsv"}
	if _, err := fs.Stat(fsys, "groups.tsv"); err == nil {
		files = append(files, "groups.tsv") // named parties, militant groups, unions, media
	}
	people, _ := fs.Glob(fsys, "people/*.tsv")
	sort.Strings(people)
	files = append(files, people...)
	for _, name := range files {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("knowledge base: %w", err)
		}
		err = k.Read(name, kindOf(name), f)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	k.index()
	return k, nil
}

func kindOf(name string) string {
	base := path.Base(name)
	switch {
	case strings.HasPrefix(name, "people/"):
		return "people"
	case base == "countries.tsv":
		return "countries"
	case base == "igos.tsv", base == "groups.tsv":
		return "igos"
	case base == "agencies.tsv":
		return "agencies"
	case base == "agents.tsv":
		return "agents"
	}
	return ""
}

// Read adds one knowledge file of the given kind (countries, igos, agencies, agents, people).
func (k *KB) Read(name, kind string, r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	want := map[string]int{"countries": 11, "igos": 4, "agencies": 4, "agents": 4, "people": 9}[kind]
	if want == 0 {
		return fmt.Errorf("%s: unknown knowledge file kind %q", name, kind)
	}
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(s) == "" || strings.HasPrefix(s, "#") {
			continue
		}
		c := strings.Split(s, "\t")
		for len(c) < want { // trailing empty fields may be trimmed by editors
			c = append(c, "")
		}
		if len(c) > want {
			return fmt.Errorf("%s:%d: %d fields, want %d", name, line, len(c), want)
		}
		for i := range c {
			c[i] = strings.TrimSpace(c[i])
		}
		if err := k.add(kind, c); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func list(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, x := range strings.Split(s, "|") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

func (k *KB) add(kind string, c []string) error {
	switch kind {
	case "countries":
		if c[0] == "" || c[4] == "" {
			return fmt.Errorf("country needs iso3 and name")
		}
		co := &Country{ISO3: c[0], Cameo: c[1], ISO2: c[2], FIPS: c[3], Name: c[4], Aliases: list(c[5]),
			Adjectives: list(c[6]), Capital: c[7], GovNames: list(c[8])}
		if co.Cameo == "" {
			co.Cameo = co.ISO3
		}
		co.Lat, _ = strconv.ParseFloat(c[9], 64)
		co.Lon, _ = strconv.ParseFloat(c[10], 64)
		if old, ok := k.byCode[co.ISO3]; ok {
			*old = *co
		} else {
			k.Countries = append(k.Countries, co)
			k.byCode[co.ISO3] = co
		}
	case "igos":
		if c[0] == "" || c[1] == "" {
			return fmt.Errorf("organisation needs code and name")
		}
		o := &Org{Code: c[0], Name: c[1], Abbrevs: list(c[2]), Aliases: list(c[3])}
		// Several groups may share a code (Hamas and Islamic Jihad are both PSEREB): a later
		// file replaces an entry only with the same code and name.
		replaced := false
		for _, old := range k.Orgs {
			if old.Code == o.Code && (old.Name == o.Name || strings.HasPrefix(o.Code, "IGO") || strings.HasPrefix(o.Code, "NGO")) {
				*old = *o
				replaced = true
				break
			}
		}
		if !replaced {
			k.Orgs = append(k.Orgs, o)
			if _, ok := k.orgCode[o.Code]; !ok {
				k.orgCode[o.Code] = o
			}
		}
	case "agencies":
		k.Agencies = append(k.Agencies, &Agency{Name: c[0], Aliases: list(c[1]), Country: c[2]})
	case "agents":
		if c[0] == "" || c[1] == "" {
			return fmt.Errorf("agent needs term and code")
		}
		k.Agents[strings.ToLower(c[0])] = &Agent{Term: strings.ToLower(c[0]), Agent: c[1], Office: c[2], Gender: c[3]}
	case "people":
		if c[0] == "" || c[3] == "" {
			return fmt.Errorf("person needs name and country")
		}
		start, err := parseDate(c[6], false)
		if err != nil {
			return fmt.Errorf("start: %w", err)
		}
		end, err := parseDate(c[7], true)
		if err != nil {
			return fmt.Errorf("end: %w", err)
		}
		// One person per name and country: namesakes in different countries (Spain's Pedro
		// Sanchez and a Colombian minister) stay apart.
		var p *Person
		for _, q := range k.named[c[0]] {
			if q.Tenures[0].Country == c[3] {
				p = q
			}
		}
		if p == nil {
			p = &Person{Name: c[0], Surname: c[2], Gender: c[8]}
			k.People = append(k.People, p)
			k.named[c[0]] = append(k.named[c[0]], p)
			if _, ok := k.byName[c[0]]; !ok {
				k.byName[c[0]] = p
			}
		}
		for _, a := range list(c[1]) {
			p.Aliases = appendNew(p.Aliases, a)
		}
		if p.Surname == "" {
			p.Surname = c[2]
		}
		if p.Surname == "" {
			f := strings.Fields(c[0])
			p.Surname = f[len(f)-1]
		}
		agent := c[5]
		if agent == "" {
			agent = "GOV"
		}
		p.Tenures = append(p.Tenures, Tenure{Country: c[3], Office: c[4], Agent: agent, Start: start, End: end})
	}
	return nil
}

func appendNew(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// parseDate reads YYYY, YYYY-MM or YYYY-MM-DD; an end date is taken to the end of its period.
func parseDate(s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	var t time.Time
	var err error
	switch len(s) {
	case 4:
		t, err = time.Parse("2006", s)
		if end && err == nil {
			t = t.AddDate(1, 0, -1)
		}
	case 7:
		t, err = time.Parse("2006-01", s)
		if end && err == nil {
			t = t.AddDate(0, 1, -1)
		}
	default:
		t, err = time.Parse("2006-01-02", s)
	}
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	return t, nil
}

func (k *KB) index() {
	k.holders = map[string][]*Person{}
	for _, p := range k.People {
		sort.SliceStable(p.Tenures, func(i, j int) bool { return p.Tenures[i].Start.Before(p.Tenures[j].Start) })
		for _, a := range p.Aliases {
			if _, ok := k.byName[a]; !ok {
				k.byName[a] = p
			}
			if !containsPerson(k.named[a], p) && a != p.Name {
				k.named[a] = append(k.named[a], p)
			}
		}
		for _, t := range p.Tenures {
			key := t.Country + "/" + t.Office
			k.holders[key] = appendPerson(k.holders[key], p)
		}
	}
}

func containsPerson(xs []*Person, p *Person) bool {
	for _, y := range xs {
		if y == p {
			return true
		}
	}
	return false
}

// Named returns every person with this name or alias.
func (k *KB) Named(name string) []*Person { return k.named[name] }

func appendPerson(xs []*Person, p *Person) []*Person {
	for _, y := range xs {
		if y == p {
			return xs
		}
	}
	return append(xs, p)
}

// Country returns a country by ISO3 / CAMEO code.
func (k *KB) Country(code string) *Country { return k.byCode[code] }

// Org returns an organisation by code.
func (k *KB) Org(code string) *Org { return k.orgCode[code] }

// Person returns a person by full name or alias.
func (k *KB) Person(name string) *Person { return k.byName[name] }

// Active reports whether t covers date; a zero date matches every tenure.
func (t Tenure) Active(date time.Time) bool {
	if date.IsZero() {
		return true
	}
	return !date.Before(t.Start) && (t.End.IsZero() || !date.After(t.End))
}

// RoleAt returns the person's tenure on date: the one active then (preferring the higher office
// when several are), or with no date the latest. ok is false if none was active on date.
func (p *Person) RoleAt(date time.Time) (Tenure, bool) {
	if len(p.Tenures) == 0 {
		return Tenure{}, false
	}
	if date.IsZero() {
		best := p.Tenures[0]
		for _, t := range p.Tenures[1:] {
			if t.Start.After(best.Start) || t.Start.Equal(best.Start) && rank(t.Office) < rank(best.Office) {
				best = t
			}
		}
		return best, true
	}
	found := false
	var best Tenure
	for _, t := range p.Tenures {
		if t.Active(date) && (!found || rank(t.Office) < rank(best.Office)) {
			best, found = t, true
		}
	}
	return best, found
}

// rank orders offices from the highest; used to choose among concurrent tenures.
func rank(office string) int {
	switch office {
	case "head_of_state", "supreme_leader":
		return 0
	case "head_of_government":
		return 1
	case "monarch": // of several realms: the head_of_state row names the home country
		return 2
	case "head_of_organisation":
		return 2
	case "vice_president", "deputy_head_of_government":
		return 3
	case "foreign_minister":
		return 4
	case "defence_minister":
		return 5
	}
	return 9
}

// Holders returns the people who held office in country at date (all holders if date is zero,
// latest first).
func (k *KB) Holders(country, office string, date time.Time) []*Person {
	var out []*Person
	for _, p := range k.holders[country+"/"+office] {
		for _, t := range p.Tenures {
			if t.Country == country && t.Office == office && t.Active(date) {
				out = append(out, p)
				break
			}
		}
	}
	if date.IsZero() {
		sort.SliceStable(out, func(i, j int) bool {
			return latestStart(out[i], country, office).After(latestStart(out[j], country, office))
		})
	}
	return out
}

func latestStart(p *Person, country, office string) time.Time {
	var s time.Time
	for _, t := range p.Tenures {
		if t.Country == country && t.Office == office && t.Start.After(s) {
			s = t.Start
		}
	}
	return s
}

// Reindex rebuilds the lookup tables after files were added with Read.
func (k *KB) Reindex() { k.index() }

// Learned is an actor remembered from an earlier article (see store.LearnedActor).
type Learned struct {
	Name, Country, Agent, Office string
	Since                        string // YYYY-MM-DD: the date of the article that introduced them
}

// AddLearned adds remembered actors as people, unless data/ already knows the name.
// Call Reindex afterwards.
func (k *KB) AddLearned(ls []Learned) {
	for _, l := range ls {
		if l.Name == "" || k.byName[l.Name] != nil || l.Country == "" {
			continue
		}
		f := strings.Fields(l.Name)
		p := &Person{Name: l.Name, Surname: f[len(f)-1], Learned: true}
		office := l.Office
		if office == "" {
			office = "minister"
		}
		// An article's introduction says who someone was then; the role stays open-ended
		// from that date, and a user can fix it with `dateline actors`.
		t := Tenure{Country: l.Country, Agent: l.Agent, Office: office}
		t.Start, _ = parseDate(l.Since, false)
		p.Tenures = []Tenure{t}
		k.People = append(k.People, p)
		k.byName[l.Name] = p
		k.named[l.Name] = append(k.named[l.Name], p)
	}
}

// CountryBased reports whether an organisation code is a country's group ("PSEREB", "USAMED")
// rather than an international one ("IGOUNO", "NGOIRC", "IMGREB"), returning country and agent.
func CountryBased(code string) (country, agent string, ok bool) {
	if len(code) < 6 || strings.HasPrefix(code, "IGO") || strings.HasPrefix(code, "NGO") || strings.HasPrefix(code, "IMG") {
		return "", "", false
	}
	return code[:3], code[3:], true
}
