// Package article turns a raw document into an Article: it separates the header line and the wire
// dateline from the body, finds paragraphs, and resolves the date of the events it reports.
package article

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

var months = map[string]time.Month{
	"jan": time.January, "january": time.January, "feb": time.February, "february": time.February,
	"mar": time.March, "march": time.March, "apr": time.April, "april": time.April, "may": time.May,
	"jun": time.June, "june": time.June, "jul": time.July, "july": time.July, "aug": time.August,
	"august": time.August, "sep": time.September, "sept": time.September, "september": time.September,
	"oct": time.October, "october": time.October, "nov": time.November, "november": time.November,
	"dec": time.December, "december": time.December,
}

var weekdays = map[string]time.Weekday{
	"monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday, "sunday": time.Sunday,
}

// headerRe matches the optional header line of plain-text stories: "date 2020-12-03".
var headerRe = regexp.MustCompile(`^\s*(?i:date):?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*\r?\n?`)

const monthAlt = `(?i:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`

// datelineRe matches the wire datelines news agencies use:
//
//	BEIJING, Dec. 2 (Xinhua) --      SALVADOR, Feb 26 -      WASHINGTON (Reuters) -
//	MOSCOW, March 3 (AFP) —          PORTLAND, Ore., Feb 26 -  Kuala Lumpur, March 3 (Reuters) -
//	SOWETO, South Africa, March 2 -  AMSTERDAM, 2 March -     OAKLAND , N.J., FEB 26 -
var datelineRe = regexp.MustCompile(`^(?P<place>` +
	// an upper-case place of up to five words, or a title-case one (then a date or agency must follow)
	`(?:[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]*){0,4}|(?P<tc>[A-Za-z][a-z'’\-]+(?: [A-Za-z][a-z'’\-]+){0,3}))` +
	`)` +
	// a state, province or country: ", Calif." ", N.Y." ", Texas" ", South Africa" ", Del"
	`(?:\s*,\s*(?P<region>[A-Z][A-Za-z'’]*\.?(?:[ ]?[A-Z][A-Za-z'’]*\.?){0,2}))?` +
	`(?:\s*,?\s+(?P<date>` + monthAlt + `\.?\s+\d{1,2}|\d{1,2}\s+` + monthAlt + `\.?))?` +
	`(?:,?\s*\((?P<agency>[A-Za-z][A-Za-z .&'’\-]{0,40})\)|,\s*(?P<agency2>Reuters?|AFP|AP|Xinhua))?` +
	`\s*,?\s*(?:--|-|—|–|:)\s+`)

// Parse turns a raw document into an Article. It never fails on content: what it cannot
// find is left empty, and notes explain what it decided.
func Parse(doc dateline.RawDoc) *dateline.Article {
	text := strings.TrimPrefix(doc.Text, "\ufeff")
	a := &dateline.Article{
		ID:        doc.ID,
		URL:       doc.URL,
		Title:     strings.TrimSpace(doc.Title),
		Published: doc.Published,
		Meta:      doc.Meta,
	}
	var notes []string
	if m := headerRe.FindStringSubmatchIndex(text); m != nil {
		if a.Published == "" {
			a.Published = text[m[2]:m[3]]
		}
		text = text[m[1]:]
	}
	a.Body = strings.TrimSpace(strings.ReplaceAll(text, "\r\n", "\n"))
	if a.Published != "" {
		if t, ok := ParseTime(a.Published); ok {
			a.PubDate = t
		} else {
			notes = append(notes, fmt.Sprintf("publication date %q not understood", a.Published))
		}
	}
	sum := sha256.Sum256([]byte(a.Body))
	a.Hash = hex.EncodeToString(sum[:16])
	if a.ID == "" {
		if a.URL != "" {
			a.ID = a.URL
		} else {
			a.ID = "sha-" + a.Hash[:16]
		}
	}
	textStart := 0
	if m := datelineRe.FindStringSubmatchIndex(a.Body); m != nil && m[1] < 200 {
		dl, ok := datelineFrom(a.Body, m)
		if ok {
			a.Dateline = dl
			textStart = m[1]
		}
	}
	a.Paragraphs = Paragraphs(a.Body, textStart)
	if len(a.Paragraphs) > 0 {
		a.LeadEnd = a.Paragraphs[0][1]
	}
	if a.Title == "" && len(a.Paragraphs) > 0 {
		a.Title = firstLine(a.Body[a.Paragraphs[0][0]:a.Paragraphs[0][1]], 120)
	}
	resolveDate(a, textStart, &notes)
	a.DateNote = strings.Join(notes, "; ")
	return a
}

// TextStart returns where the story's own text begins in the body, after the dateline.
func TextStart(a *dateline.Article) int {
	if len(a.Paragraphs) == 0 {
		return 0
	}
	return a.Paragraphs[0][0]
}

func datelineFrom(body string, m []int) (dateline.Dateline, bool) {
	get := func(name string) string {
		i := datelineRe.SubexpIndex(name)
		if m[2*i] < 0 {
			return ""
		}
		return body[m[2*i]:m[2*i+1]]
	}
	place, date, agency, region := get("place"), get("date"), get("agency"), get("region")
	if get("tc") != "" && date == "" && agency == "" && get("agency2") == "" {
		return dateline.Dateline{}, false // "Officials said - ..." is not a dateline
	}
	if agency == "" {
		agency = get("agency2")
	}
	if strings.Contains(place, "\n") {
		return dateline.Dateline{}, false
	}
	dl := dateline.Dateline{Place: titleCase(strings.TrimSpace(place)), Region: region, Agency: agency, Raw: strings.TrimSpace(body[m[0]:m[1]])}
	dl.Date = date // resolved to YYYY-MM-DD later, once the publication date is known
	return dl, true
}

// titleCase turns "NEW YORK" into "New York", "st paul" into "St Paul"; "Kuala Lumpur" stays.
func titleCase(s string) string {
	if strings.ToUpper(s) != s && strings.ToLower(s) != s {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			if p == "" {
				continue
			}
			r, n := utf8.DecodeRuneInString(p)
			parts[j] = strings.ToUpper(string(r)) + p[n:]
		}
		words[i] = strings.Join(parts, "-")
	}
	return strings.Join(words, " ")
}

// Paragraphs splits body[from:] at blank lines and at indented line starts (the Reuters form),
// returning trimmed byte spans.
func Paragraphs(body string, from int) [][2]int {
	var out [][2]int
	start := from
	emit := func(s, e int) {
		for s < e && isSpace(body[s]) {
			s++
		}
		for e > s && isSpace(body[e-1]) {
			e--
		}
		if e > s {
			out = append(out, [2]int{s, e})
		}
	}
	for i := from; i < len(body); i++ {
		if body[i] != '\n' {
			continue
		}
		j := i + 1
		for j < len(body) && (body[j] == ' ' || body[j] == '\t' || body[j] == '\r') {
			j++
		}
		blank := j < len(body) && body[j] == '\n'
		indented := j-(i+1) >= 2 || (j < len(body) && j > i+1 && body[i+1] == '\t')
		if blank || indented {
			emit(start, i)
			start = j
			i = j - 1
		}
	}
	emit(start, len(body))
	return out
}

func isSpace(b byte) bool { return b == ' ' || b == '\n' || b == '\t' || b == '\r' }

func firstLine(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= max {
		return s
	}
	cut := strings.LastIndexByte(s[:max], ' ')
	if cut < max/2 {
		cut = max
	}
	return s[:cut] + "…"
}

// ParseTime reads the publication times that feeds and files carry.
func ParseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05",
		"2006-01-02 15:04", "2006-01-02", "2006/01/02", "20060102", time.RFC1123Z, time.RFC1123, time.RFC822Z,
		time.RFC822, "Jan 2, 2006", "January 2, 2006", "2 January 2006", "2 Jan 2006", "Mon, 2 Jan 2006 15:04:05 -0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			if t.Year() < 1800 || t.Year() > 2200 {
				return time.Time{}, false
			}
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

var weekdayRe = regexp.MustCompile(`\b(?:(?:on|since|until|by|late|early|last|this)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b`)
var relDayRe = regexp.MustCompile(`\b(yesterday|today|tonight)\b`)

// resolveDate sets the article's event date: the dateline day resolved against the publication
// date (year roll-over included), checked against a weekday named in the lead; else the lead's
// weekday or "yesterday"/"today"; else the publication date.
func resolveDate(a *dateline.Article, textStart int, notes *[]string) {
	pub := a.PubDate
	lead := ""
	if len(a.Paragraphs) > 0 {
		lead = a.Body[a.Paragraphs[0][0]:a.Paragraphs[0][1]]
		// The first sentence is where a wire story dates its news.
		if i := strings.Index(lead, ". "); i > 0 {
			lead = lead[:i]
		}
	}
	var wd time.Weekday = -1
	if m := weekdayRe.FindStringSubmatch(lead); m != nil {
		wd = weekdays[strings.ToLower(m[1])]
	}
	rawDate := a.Dateline.Date
	a.Dateline.Date = ""
	if rawDate != "" {
		f := strings.Fields(strings.ReplaceAll(rawDate, ".", " "))
		mw, dw := f[0], f[len(f)-1]
		if _, err := strconv.Atoi(mw); err == nil { // "2 March"
			mw, dw = dw, mw
		}
		mon, ok := months[strings.ToLower(mw)]
		day, err := strconv.Atoi(dw)
		if ok && err == nil && day >= 1 && day <= 31 && !pub.IsZero() {
			d := time.Date(pub.Year(), mon, day, 0, 0, 0, 0, time.UTC)
			if d.Day() != day {
				*notes = append(*notes, fmt.Sprintf("dateline day %q does not exist", rawDate))
			} else {
				if d.After(pub.AddDate(0, 0, 2)) { // "Dec. 31" published on Jan. 1
					d = d.AddDate(-1, 0, 0)
				}
				if pub.Sub(d) > 300*24*time.Hour { // "Jan. 1" published on Dec. 31 the year before
					d = d.AddDate(1, 0, 0)
				}
				a.Dateline.Date = d.Format("2006-01-02")
				if wd >= 0 && d.Weekday() != wd {
					w := weekdayBefore(pub, wd)
					*notes = append(*notes, fmt.Sprintf("dateline %s is a %s but the lead says %s: took %s", a.Dateline.Date, d.Weekday(), wd, w.Format("2006-01-02")))
					a.Date, a.DateSource = w.Format("2006-01-02"), "text"
					return
				}
				a.Date, a.DateSource = a.Dateline.Date, "dateline"
				return
			}
		} else if pub.IsZero() {
			*notes = append(*notes, "dateline day without a publication date: year unknown")
		}
	}
	if pub.IsZero() {
		return
	}
	if wd >= 0 {
		a.Date, a.DateSource = weekdayBefore(pub, wd).Format("2006-01-02"), "text"
		return
	}
	if m := relDayRe.FindString(lead); m != "" {
		d := pub
		if m == "yesterday" {
			d = pub.AddDate(0, 0, -1)
		}
		a.Date, a.DateSource = d.Format("2006-01-02"), "text"
		return
	}
	a.Date, a.DateSource = pub.Format("2006-01-02"), "published"
}

// weekdayBefore returns the latest day on or before pub that falls on wd.
func weekdayBefore(pub time.Time, wd time.Weekday) time.Time {
	d := time.Date(pub.Year(), pub.Month(), pub.Day(), 0, 0, 0, 0, time.UTC)
	for d.Weekday() != wd {
		d = d.AddDate(0, 0, -1)
	}
	return d
}
