package store

import (
	"fmt"
	"strconv"

	"github.com/dateline-news/dateline"
)

// Helpers both engines use to turn documents into rows and ids into keys, so that SQLite and
// PostgreSQL store and find the same things.

// GlobalID parses an all-digit id.
func GlobalID(id string) (int64, bool) {
	if id == "" {
		return 0, false
	}
	for _, r := range id {
		if r < '0' || r > '9' {
			return 0, false
		}
	}
	n, err := strconv.ParseInt(id, 10, 64)
	return n, err == nil
}

// ArticleRow merges the document's header fields with its Article: the document's own values
// win (they are what `dateline code` prints), the Article fills what the document leaves empty
// and holds the body. Document reads both back from the same columns.
func ArticleRow(doc *dateline.Document) dateline.Article {
	var a dateline.Article
	if doc.Article != nil {
		a = *doc.Article
	}
	a.Title = FirstNonEmpty(doc.Title, a.Title)
	a.Published = FirstNonEmpty(doc.Published, a.Published)
	a.Date = FirstNonEmpty(doc.Date, a.Date)
	a.DateSource = FirstNonEmpty(doc.DateSource, a.DateSource)
	if doc.Dateline != (dateline.Dateline{}) {
		a.Dateline = doc.Dateline
	}
	return a
}

// EventID is the key an event is stored under: its own ID, or one derived from its place in
// the document when the coder gave none (the column is UNIQUE and NOT NULL).
func EventID(articleID string, i int, id string) string {
	if id != "" {
		return id
	}
	return fmt.Sprintf("%s#%d", articleID, i)
}

// SideArgs returns the five columns of one side of an event, all NULL when the side is absent.
func SideArgs(r *dateline.ActorRef) [5]any {
	if r == nil {
		return [5]any{}
	}
	return [5]any{r.Text, r.Name, r.Code, r.Country, r.Agent}
}

func FirstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
