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
	codes    map[string]*Code
	list     []*Code
	families map[string][4]string // action code prefix → intent, appeal, demand, refusal codes
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

// Families of an action: what CAMEO codes it as when announced, requested, demanded or refused.
const (
	Intent = iota
	Appeal
	Demand
	Refusal
)

// ReadFamilies adds the action → intent/appeal/demand/refusal table (families.tsv).
func (t *Table) ReadFamilies(name string, r io.Reader) error {
	t.families = map[string][4]string{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if s == "" || s[0] == '#' {
			continue
		}
		c := strings.Fields(s)
		if len(c) != 5 {
			return fmt.Errorf("%s:%d: want ACTION INTENT APPEAL DEMAND REFUSAL, got %q", name, line, s)
		}
		var f [4]string
		for i, code := range c[1:] {
			if code == "-" {
				continue
			}
			if t.codes[code] == nil {
				return fmt.Errorf("%s:%d: unknown CAMEO code %q", name, line, code)
			}
			f[i] = code
		}
		t.families[c[0]] = f
	}
	return sc.Err()
}

// InFamily returns the code the action code takes in a family ("0833", Intent → "0343";
// "084", Appeal → "0253"; "163", Intent → "1312"), or nil if none.
func (t *Table) InFamily(code string, family int) *Code {
	for n := len(code); n >= 2; n-- {
		if f, ok := t.families[code[:n]]; ok {
			if f[family] == "" {
				return nil
			}
			return t.codes[f[family]]
		}
	}
	return nil
}
