// Package taxonomy holds the CAMEO event code table: each code's name, root, QuadClass,
// Goldstein value and PLOVER type.
package taxonomy

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Code is one CAMEO event code.
type Code struct {
	Code      string
	Name      string
	Root      string
	QuadClass int
	Goldstein float64
	Plover    string
}

// GoldsteinTable names the Goldstein table used, for exports.
const GoldsteinTable = "GDELT CAMEO Goldstein scale"

// Table is the CAMEO code table. Immutable after Read.
type Table struct {
	codes   map[string]*Code
	list    []*Code
	intents map[string]string // action code prefix → its intent or threat code
}

// Read parses cameo.tsv.
func Read(name string, r io.Reader) (*Table, error) {
	t := &Table{codes: map[string]*Code{}}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := sc.Text()
		if strings.TrimSpace(s) == "" || s[0] == '#' {
			continue
		}
		c := strings.Split(s, "\t")
		if len(c) < 5 {
			return nil, fmt.Errorf("%s:%d: want 6 tab-separated fields, got %d", name, line, len(c))
		}
		q, err1 := strconv.Atoi(c[3])
		g, err2 := strconv.ParseFloat(c[4], 64)
		if err1 != nil || err2 != nil || len(c[0]) < 3 || c[2] != c[0][:2] {
			return nil, fmt.Errorf("%s:%d: bad row %q", name, line, s)
		}
		code := &Code{Code: c[0], Name: c[1], Root: c[2], QuadClass: q, Goldstein: g}
		if len(c) > 5 {
			code.Plover = c[5]
		}
		t.codes[code.Code] = code
		t.list = append(t.list, code)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return t, nil
}

// Get returns a code, or nil.
func (t *Table) Get(code string) *Code { return t.codes[code] }

// All returns every code in file order.
func (t *Table) All() []*Code { return t.list }

// ReadIntents adds the action → intent table (intents.tsv).
func (t *Table) ReadIntents(name string, r io.Reader) error {
	t.intents = map[string]string{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		c := strings.Fields(s)
		if len(c) != 2 || t.codes[c[1]] == nil {
			return fmt.Errorf("%s:%d: want ACTION_PREFIX INTENT_CODE with a known code, got %q", name, line, s)
		}
		t.intents[c[0]] = c[1]
	}
	return sc.Err()
}

// Intent returns the code that announcing the action code would take ("0833" → "0343",
// "163" → "1312"), or nil if none.
func (t *Table) Intent(code string) *Code {
	for n := len(code); n >= 2; n-- {
		if in, ok := t.intents[code[:n]]; ok {
			return t.codes[in]
		}
	}
	return nil
}
