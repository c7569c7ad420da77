package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dateline-news/dateline/internal/store/sqlite"
)

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "dateline-cli-")
	if err != nil {
		panic(err)
	}
	bin = filepath.Join(dir, "dateline")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		panic("build: " + err.Error() + "\n" + string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// runCLI executes the built binary; it returns stdout, stderr and the exit code.
func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "DATELINE_STORE=")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	cmd.Stdin = strings.NewReader(stdin)
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), errb.String(), code
}

func TestDemo(t *testing.T) {
	out, stderr, code := runCLI(t, "", "demo")
	if code != 0 {
		t.Fatalf("demo exit %d: %s", code, stderr)
	}
	for _, want := range []string{"Li Keqiang", "CHNGOV", "Beijing", "2020-12-02"} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q", want)
		}
	}
}

func TestCodeStdinJSONL(t *testing.T) {
	in := `{"id":"a","text":"Russian Foreign Minister Sergei Lavrov met his Chinese counterpart Wang Yi in Moscow on Tuesday.","date":"2019-04-10"}
{"id":"b", broken
{"id":"c","text":"Police arrested 12 protesters in Nairobi.","date":"2022-11-09"}
`
	out, stderr, code := runCLI(t, in, "code", "-")
	if code != 1 {
		t.Errorf("a broken line must make the exit status 1, got %d", code)
	}
	if !strings.Contains(stderr, "stdin:2") {
		t.Errorf("the problem should name stdin line 2: %q", stderr)
	}
	var ids []string
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		var d map[string]any
		if err := json.Unmarshal(sc.Bytes(), &d); err != nil {
			t.Fatalf("stdout must be JSONL only: %v: %q", err, sc.Text())
		}
		ids = append(ids, d["id"].(string))
		for _, f := range []string{"title", "published", "date", "date_source", "dateline", "actors", "events", "meetings"} {
			if _, ok := d[f]; !ok {
				t.Errorf("document %s lacks field %s", d["id"], f)
			}
		}
	}
	if strings.Join(ids, ",") != "a,c" {
		t.Errorf("ids %v, want a,c (the broken line skipped, the rest kept in order)", ids)
	}
}

func TestIngestTwiceAddsNothing(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "t.db")
	stories := filepath.Join(dir, "stories")
	os.MkdirAll(filepath.Join(stories, "sub"), 0o755)
	os.WriteFile(filepath.Join(stories, "one.txt"), []byte("date 2021-05-06\nLONDON, May 5 (Reuters) - Britain urged Russia to withdraw its troops from the border.\n"), 0o644)
	os.WriteFile(filepath.Join(stories, "sub", "two.txt"), []byte("date 2021-05-07\nPARIS, May 6 (AFP) - France and Germany signed an agreement on energy cooperation.\n"), 0o644)
	os.WriteFile(filepath.Join(stories, "sub", "junk.txt"), []byte{0, 1, 2, 3, 0xff, 0xfe}, 0o644)
	_, stderr, code := runCLI(t, "", "ingest", "--store", store, stories)
	if code != 1 || !strings.Contains(stderr, "junk.txt") {
		t.Errorf("a binary story must be reported by name and set exit 1: %d %q", code, stderr)
	}
	if !strings.Contains(stderr, "2 added") {
		t.Errorf("first ingest: %q", stderr)
	}
	_, stderr, _ = runCLI(t, "", "ingest", "--store", store, stories)
	if !strings.Contains(stderr, " 0 added") || !strings.Contains(stderr, " 0 events added") {
		t.Errorf("second ingest must add nothing: %q", stderr)
	}
	out, stderr, code := runCLI(t, "", "events", "--store", store, "--format", "csv")
	if code != 0 || !strings.HasPrefix(out, "id,") {
		t.Errorf("events csv: %d %q %q", code, out, stderr)
	}
	out, _, code = runCLI(t, "", "export", "--store", store, "--format", "gdelt")
	if code != 0 {
		t.Fatalf("export exit %d", code)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		if n := len(strings.Split(line, "\t")); n != 61 {
			t.Errorf("GDELT line with %d columns: %q", n, line)
		}
	}
}

func TestCodeUnknownStore(t *testing.T) {
	_, stderr, code := runCLI(t, "", "events", "--store", "postgres://nowhere/db")
	if code == 0 || !strings.Contains(stderr, "postgres") {
		t.Errorf("unsupported store: %d %q", code, stderr)
	}
}

func TestLearnedActors(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "t.db")
	first := filepath.Join(dir, "first.txt")
	second := filepath.Join(dir, "second.txt")
	os.WriteFile(first, []byte("date 2023-05-03\nN'DJAMENA, May 2 (Reuters) - Zorglub Bapti, Chad's foreign minister, met French officials on Tuesday.\n"), 0o644)
	os.WriteFile(second, []byte("date 2023-06-08\nPARIS, June 7 (AFP) - Bapti criticized Sudan on Wednesday.\n"), 0o644)
	if _, stderr, code := runCLI(t, "", "ingest", "--store", store, first); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	out, _, _ := runCLI(t, "", "actors", "--store", store, "--format", "jsonl")
	if !strings.Contains(out, `"name":"Zorglub Bapti"`) || !strings.Contains(out, `"code":"TCDGOV"`) || !strings.Contains(out, `"status":"pending"`) {
		t.Fatalf("learned actors: %s", out)
	}
	if _, stderr, code := runCLI(t, "", "ingest", "--store", store, second); code != 0 {
		t.Fatalf("ingest: %s", stderr)
	}
	// The second article's bare "Bapti" resolves through what the first one taught.
	db, err := sqlite.Open(context.Background(), store)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := db.Document(context.Background(), "second")
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, a := range doc.Actors {
		if a.Name == "Zorglub Bapti" && a.Code == "TCDGOV" && len(a.Mentions) > 0 && a.Mentions[0].Text == "Bapti" {
			found = true
		}
	}
	if !found {
		t.Errorf("second article's actors: %+v", doc.Actors)
	}
	if _, _, code := runCLI(t, "", "actors", "--store", store, "reject", "Zorglub Bapti"); code != 0 {
		t.Fatal("reject failed")
	}
	out, _, _ = runCLI(t, "", "actors", "--store", store, "--status", "rejected", "--format", "csv")
	if !strings.Contains(out, "Zorglub Bapti") {
		t.Errorf("rejected actor not listed: %s", out)
	}
	if _, stderr, code := runCLI(t, "", "actors", "--store", store, "reject", "Nobody Atall"); code == 0 || !strings.Contains(stderr, "not found") {
		t.Errorf("rejecting an unknown actor: %d %s", code, stderr)
	}
}
