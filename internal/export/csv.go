package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dateline-news/dateline"
)

// CSVColumns is the CSV writer's header: the Event's fields, flat. The two sides become
// source_* and target_* (all empty when a side is absent), the location location_* (empty when
// unknown), topics are joined with "|" as in dateline's data files, the span becomes
// span_start and span_end.
var CSVColumns = []string{
	"id", "global_id", "article_id", "date", "date_source",
	"source_text", "source_name", "source_code", "source_country", "source_agent",
	"target_text", "target_name", "target_code", "target_country", "target_agent",
	"cameo", "cameo_root", "plover", "quad_class", "goldstein", "negated", "mood",
	"location_name", "location_country", "location_precision", "location_lat", "location_lon",
	"location_adm1", "location_feature_id",
	"topics", "sentence", "span_start", "span_end", "trigger", "rule", "confidence", "is_root",
	"num_mentions", "num_sources", "num_articles", "source_url", "date_added", "mutual",
}

// TopicSeparator joins an event's topics in its CSV cell.
const TopicSeparator = "|"

// CSV writes events as CSV (RFC 4180, as encoding/csv writes it) with a header row of
// CSVColumns. Codes stay strings, so "043" keeps its leading zero.
func CSV(w io.Writer, events []dateline.Event) error {
	bw := bufio.NewWriterSize(w, writeBufferSize)
	cw := csv.NewWriter(bw)
	if err := cw.Write(CSVColumns); err != nil {
		return fmt.Errorf("export csv: header: %w", err)
	}
	rec := make([]string, 0, len(CSVColumns))
	for i := range events {
		rec = csvRecord(rec[:0], &events[i])
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("export csv: event %q: %w", events[i].ID, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export csv: write: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export csv: write: %w", err)
	}
	return nil
}

func csvRecord(r []string, e *dateline.Event) []string {
	r = append(r, e.ID, formatID(e.GlobalID), e.ArticleID, e.Date, e.DateSource)
	r = appendSide(r, e.Source)
	r = appendSide(r, e.Target)
	r = append(r, e.Cameo, e.CameoRoot, e.Plover, strconv.Itoa(e.QuadClass), formatFloat(e.Goldstein),
		strconv.FormatBool(e.Negated), e.Mood)
	if l := e.Location; l != nil {
		r = append(r, l.Name, l.Country, l.Precision, formatFloat(l.Lat), formatFloat(l.Lon), l.ADM1, l.FeatureID)
	} else {
		r = append(r, "", "", "", "", "", "", "")
	}
	return append(r, strings.Join(e.Topics, TopicSeparator), e.Sentence,
		strconv.Itoa(e.Span[0]), strconv.Itoa(e.Span[1]), e.Trigger, e.Rule, formatFloat(e.Confidence),
		strconv.FormatBool(e.IsRoot), strconv.Itoa(e.NumMentions), strconv.Itoa(e.NumSources),
		strconv.Itoa(e.NumArticles), e.SourceURL, e.DateAdded, strconv.FormatBool(e.Mutual))
}

func appendSide(r []string, a *dateline.ActorRef) []string {
	if a == nil {
		return append(r, "", "", "", "", "")
	}
	return append(r, a.Text, a.Name, a.Code, a.Country, a.Agent)
}

// formatFloat writes the shortest form that parses back to the same value.
func formatFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
