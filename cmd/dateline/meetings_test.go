package main

import (
	"encoding/csv"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// TestMeetingsSeries: reports of the 24th and 26th meetings of one series, from two articles,
// list as one series with the 25th shown missing; their documents are in the agreements
// register, and a state visit is found by its host.
func TestMeetingsSeries(t *testing.T) {
	db := filepath.Join(t.TempDir(), "m.db")
	dir := filepath.Join("..", "..", "internal", "meeting", "testdata")
	in := []string{filepath.Join(dir, "series-24th.txt"), filepath.Join(dir, "series-26th.txt"), filepath.Join(dir, "state-visit.txt")}
	if _, stderr, code := runCLI(t, "", append([]string{"ingest", "--store", db, "--no-progress"}, in...)...); code != 0 {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}

	out, stderr, code := runCLI(t, "", "meetings", "--store", db, "--series", "chinese and russian heads", "--format", "jsonl")
	if code != 0 {
		t.Fatalf("meetings: exit %d: %s", code, stderr)
	}
	var ordinals []int
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var m dateline.Meeting
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("meetings --format jsonl: %v: %s", err, line)
		}
		ordinals = append(ordinals, m.Ordinal)
	}
	if len(ordinals) != 2 || ordinals[0] != 24 || ordinals[1] != 26 {
		t.Errorf("series ordinals %v, want [24 26] in date order", ordinals)
	}

	table, _, code := runCLI(t, "", "meetings", "--store", db, "--series", "Chinese and Russian heads")
	if code != 0 || !strings.Contains(table, "ordinals 24, 26; not on record: 25") {
		t.Errorf("meetings table (exit %d) does not show the gap:\n%s", code, table)
	}

	visits, _, _ := runCLI(t, "", "meetings", "--store", db, "--actor", "RUS", "--kind", "visit", "--format", "csv")
	rows, err := csv.NewReader(strings.NewReader(visits)).ReadAll()
	if err != nil {
		t.Fatalf("meetings --format csv: %v", err)
	}
	if len(rows) != 2 || rows[0][0] != "id" || !strings.Contains(rows[1][8], "RUSGOV:host") {
		t.Errorf("visits of RUS as CSV:\n%s", visits)
	}

	reg, _, code := runCLI(t, "", "agreements", "--store", db, "--actor", "CHN", "--until", "2019-12-31", "--format", "csv")
	rows, err = csv.NewReader(strings.NewReader(reg)).ReadAll()
	if code != 0 || err != nil {
		t.Fatalf("agreements: exit %d, %v", code, err)
	}
	var titles []string
	for _, r := range rows[1:] {
		titles = append(titles, r[6])
	}
	if !strings.Contains(strings.Join(titles, "|"), "memorandum of understanding on nuclear energy cooperation") ||
		!strings.Contains(strings.Join(titles, "|"), "joint communique") {
		t.Errorf("agreements of CHN before 2020: %q", titles)
	}

	if _, stderr, code := runCLI(t, "", "meetings", "--store", db, "--format", "xml"); code != 1 || !strings.Contains(stderr, "--format") {
		t.Errorf("--format xml: exit %d, %q", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "agreements", "--store", db, "--since", "2019-02-30"); code != 1 || !strings.Contains(stderr, "since") {
		t.Errorf("--since 2019-02-30: exit %d, %q", code, stderr)
	}
}
