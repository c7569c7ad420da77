package place

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/article"
)

// reutersPath is the research-licensed Reuters-21578 corpus, read in place (never copied).
const reutersPath = "../../../shared/corpus/reuters21578.jsonl"

var unresolvedOut = flag.String("places.unresolved", "", "write the Reuters datelines that resolve to nothing to this file")

// TestReutersDatelines measures how many Reuters-21578 datelines resolve to a gazetteer entry
// (the issue asks for 95%), as the pipeline resolves them: the dateline's place and region. It
// skips where ../shared is absent.
//
//	go test ./internal/place -run ReutersDatelines -v -places.unresolved /tmp/unresolved.txt
func TestReutersDatelines(t *testing.T) {
	f, err := os.Open(reutersPath)
	if err != nil {
		t.Skipf("Reuters corpus not available: %v", err)
	}
	defer f.Close()
	g := gaz(t)
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var total, resolved, cities int
	unresolved := map[string]int{}
	for sc.Scan() {
		var raw dateline.RawDoc
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			t.Fatalf("corpus line %d: %v", total+1, err)
		}
		// The dateline is in the story's first 200 bytes (article.Parse looks no further); the
		// rest of a long story would only slow the parse.
		if len(raw.Text) > 400 {
			cut := 400
			for cut > 0 && !utf8.RuneStart(raw.Text[cut]) {
				cut--
			}
			raw.Text = raw.Text[:cut]
		}
		a := article.Parse(raw)
		if a.Dateline.Place == "" {
			continue
		}
		total++
		// Without the story's countries: they choose among namesakes, never whether a
		// dateline resolves, and tokenising every story would triple the test's time.
		p := g.ResolveDateline(a.Dateline, Hints{})
		if p == nil {
			unresolved[strings.TrimSuffix(a.Dateline.Place+", "+a.Dateline.Region, ", ")]++
			continue
		}
		resolved++
		if p.Kind == City {
			cities++
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if total == 0 {
		t.Fatal("no datelines in the corpus")
	}
	share := float64(resolved) / float64(total)
	t.Logf("%d datelines: %d resolved (%.2f%%), %d of them to a city (%.2f%% of all); %d unresolved (%d distinct)",
		total, resolved, 100*share, cities, 100*float64(cities)/float64(total), total-resolved, len(unresolved))
	if share < 0.95 {
		t.Errorf("%.2f%% of datelines resolved, want at least 95%%", 100*share)
	}
	if *unresolvedOut != "" {
		names := make([]string, 0, len(unresolved))
		for n := range unresolved {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool {
			if unresolved[names[i]] != unresolved[names[j]] {
				return unresolved[names[i]] > unresolved[names[j]]
			}
			return names[i] < names[j]
		})
		var b strings.Builder
		for _, n := range names {
			fmt.Fprintf(&b, "%d\t%s\n", unresolved[n], n)
		}
		if err := os.WriteFile(*unresolvedOut, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
