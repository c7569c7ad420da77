package meeting_test

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/pipeline"
)

// TestDebugTrace prints the meeting mentions of the documents in $MEETING_TRACE (a JSONL file,
// filtered to ids in $MEETING_IDS): a tool for reading why a meeting was or was not recorded.
func TestDebugTrace(t *testing.T) {
	path := os.Getenv("MEETING_TRACE")
	if path == "" {
		t.Skip("set MEETING_TRACE=file.jsonl (and MEETING_IDS=id,id) to trace")
	}
	p, err := pipeline.Load(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	p.Meetings.Trace = func(format string, args ...any) { fmt.Printf("    "+format, args...) }
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ids := os.Getenv("MEETING_IDS")
	for _, line := range strings.Split(string(b), "\n") {
		var raw dateline.RawDoc
		if json.Unmarshal([]byte(line), &raw) != nil {
			continue
		}
		if ids != "" && !strings.Contains(","+ids+",", ","+raw.ID+",") {
			continue
		}
		fmt.Println("==", raw.ID)
		d := p.Code(raw)
		for i, s := range d.Sentences {
			fmt.Printf("  s%d %s\n", i, s.Text)
		}
		for _, e := range d.Events {
			fmt.Printf("  EV %v %s %v neg=%v %s %q\n", sideCode(e.Source), e.Cameo, sideCode(e.Target), e.Negated, e.Mood, e.Trigger)
		}
		for _, m := range d.Meetings {
			out, _ := json.Marshal(m)
			fmt.Println("  M", string(out))
		}
	}
}

func sideCode(r *dateline.ActorRef) string {
	if r == nil {
		return "-"
	}
	return r.Code
}
