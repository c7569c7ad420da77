package kb

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"
)

// TABARI and PETRARCH actor dictionaries, which users already own, look like
//
//	BARACK_OBAMA_ [USAELI 19610101-20050103] [USAGOV 20090120-20170120]
//	+PRESIDENT_OBAMA
//	HAMAS_ [PSEREB]
//	# comment
//
// and agent dictionaries like `PRESIDENT_ [~GOV]` or `POLICE_ [~COP]`. ReadTabari adds the
// actors as people with dated codes and the agents as title words.

var tabariCode = regexp.MustCompile(`\[\s*(~?[A-Z0-9]{3,15})\s*(?:([<>]?\d{8})?\s*-?\s*(\d{8})?)?\s*\]`)

// IsTabari reports whether a dictionary's first lines look like TABARI/PETRARCH format.
func IsTabari(head string) bool {
	for _, line := range strings.Split(head, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "+") {
			continue
		}
		return tabariCode.MatchString(line) && strings.Contains(line, "_")
	}
	return false
}

// ReadTabari adds a TABARI/PETRARCH actor or agent dictionary.
func (k *KB) ReadTabari(name string, r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	var cur *Person
	for sc.Scan() {
		line++
		s := strings.TrimSpace(sc.Text())
		if i := strings.Index(s, "#"); i >= 0 {
			s = strings.TrimSpace(s[:i])
		}
		if s == "" || s == "{" || s == "}" {
			continue
		}
		if strings.HasPrefix(s, "+") {
			if cur == nil {
				return fmt.Errorf("%s:%d: alias %q before any actor", name, line, s)
			}
			alias := tabariName(s[1:])
			if alias != "" && alias != cur.Name {
				cur.Aliases = appendNew(cur.Aliases, alias)
			}
			continue
		}
		codes := tabariCode.FindAllStringSubmatch(s, -1)
		i := strings.Index(s, "[")
		if len(codes) == 0 || i <= 0 {
			// PETRARCH allows bare synonyms under an actor; TABARI allows a name with no code
			// (it inherits the previous one). Treat both as aliases of the current actor.
			if cur != nil {
				cur.Aliases = appendNew(cur.Aliases, tabariName(s))
				continue
			}
			return fmt.Errorf("%s:%d: want NAME_ [CODE ...], got %q", name, line, s)
		}
		nm := tabariName(s[:i])
		if nm == "" {
			return fmt.Errorf("%s:%d: empty name", name, line)
		}
		if strings.HasPrefix(codes[0][1], "~") {
			k.Agents[strings.ToLower(nm)] = &Agent{Term: strings.ToLower(nm), Agent: strings.TrimPrefix(codes[0][1], "~")}
			cur = nil
			continue
		}
		p := &Person{Name: nm}
		f := strings.Fields(nm)
		p.Surname = f[len(f)-1]
		for _, c := range codes {
			code := c[1]
			if len(code) < 3 {
				continue
			}
			t := Tenure{Country: code[:3], Agent: code[3:], Office: "minister"}
			if strings.HasPrefix(code, "IGO") || strings.HasPrefix(code, "NGO") {
				t.Country, t.Agent = code, ""
				t.Office = "head_of_organisation"
			}
			if t.Agent == "GOV" {
				t.Office = "minister"
			} else if t.Agent != "" {
				t.Office = ""
			}
			var err error
			if c[2] != "" {
				if t.Start, err = time.Parse("20060102", strings.TrimLeft(c[2], "<>")); err != nil {
					return fmt.Errorf("%s:%d: date %q: %w", name, line, c[2], err)
				}
			}
			if c[3] != "" {
				if t.End, err = time.Parse("20060102", c[3]); err != nil {
					return fmt.Errorf("%s:%d: date %q: %w", name, line, c[3], err)
				}
			}
			p.Tenures = append(p.Tenures, t)
		}
		k.People = append(k.People, p)
		k.named[nm] = append(k.named[nm], p)
		if _, ok := k.byName[nm]; !ok {
			k.byName[nm] = p
		}
		cur = p
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// tabariName turns BARACK_OBAMA_ into "Barack Obama".
func tabariName(s string) string {
	s = strings.Trim(strings.TrimSpace(s), "_")
	words := strings.FieldsFunc(s, func(r rune) bool { return r == '_' || r == ' ' })
	for i, w := range words {
		if len(w) > 1 && strings.ToUpper(w) == w && !strings.Contains(w, ".") {
			words[i] = w[:1] + strings.ToLower(w[1:])
		}
	}
	return strings.Join(words, " ")
}
