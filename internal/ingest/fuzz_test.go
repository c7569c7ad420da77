package ingest

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// addFixtures seeds a fuzzer with the testdata files of the given patterns.
func addFixtures(f *testing.F, patterns ...string) {
	for _, pat := range patterns {
		paths, err := filepath.Glob(filepath.Join("testdata", pat))
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			if fi, err := os.Stat(p); err != nil || !fi.Mode().IsRegular() {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(b)
		}
	}
}

func FuzzDetect(f *testing.F) {
	addFixtures(f, "*/*.txt", "*/*.json*", "bin/*", "gz/*")
	f.Add([]byte("{\"id\":\"1\"}\n{"))
	f.Add([]byte("[\n"))
	f.Fuzz(func(t *testing.T, head []byte) {
		got := Detect(head)
		switch got {
		case "jsonl", "json", "text", "binary":
		default:
			t.Fatalf("Detect = %q", got)
		}
		if bytes.IndexByte(head[:min(len(head), sniffSize)], 0) >= 0 && got != "binary" {
			t.Fatalf("Detect = %q for a head with NUL", got)
		}
		if Detect(head) != got {
			t.Fatal("Detect is not deterministic")
		}
		if len(head) > sniffSize {
			if again := Detect(append(head[:sniffSize:sniffSize], "\x00 more"...)); again != got {
				t.Fatalf("Detect looked past %d bytes: %q then %q", sniffSize, got, again)
			}
		}
	})
}

// fuzzWalker is a walker that collects what it reads.
func fuzzWalker(max int64) (*walker, *[]dateline.RawDoc, *[]Problem) {
	var docs []dateline.RawDoc
	var problems []Problem
	w := &walker{
		r:    &Reader{},
		ctx:  context.Background(),
		emit: func(d dateline.RawDoc) error { docs = append(docs, d); return nil },
		bad:  func(p Problem) { problems = append(problems, p) },
		max:  max,
	}
	return w, &docs, &problems
}

func checkDoc(t *testing.T, d dateline.RawDoc) {
	t.Helper()
	for _, s := range []string{d.ID, d.URL, d.Title, d.Published, d.Text, d.Origin} {
		if !utf8.ValidString(s) {
			t.Fatalf("%s: invalid UTF-8 %q", d.Origin, s)
		}
	}
	for k, v := range d.Meta {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			t.Fatalf("%s: invalid UTF-8 in meta %q: %q", d.Origin, k, v)
		}
	}
	if strings.TrimSpace(d.Text) == "" {
		t.Fatalf("%s: empty text", d.Origin)
	}
	if strings.Contains(d.Text, "\r") {
		t.Fatalf("%s: CR left in text", d.Origin)
	}
}

func FuzzJSONL(f *testing.F) {
	addFixtures(f, "jsonl/*", "corpus/*.jsonl")
	f.Add([]byte(`{"text":"a"}` + "\r\n\n" + `{"body":"b","published":1}` + "\n" + `[1]`))
	f.Add([]byte(`{"id":{"x":1},"text":"a\r\nb"}` + "\r"))
	f.Fuzz(func(t *testing.T, data []byte) {
		const max = 100
		w, docs, problems := fuzzWalker(max)
		// The smallest buffer, so that lines span several reads.
		if err := w.jsonl("fuzz", bufio.NewReaderSize(bytes.NewReader(data), 16)); err != nil {
			t.Fatalf("jsonl: %v", err)
		}
		for _, d := range *docs {
			checkDoc(t, d)
		}

		// Compare with a plain reading of the same lines.
		var want []string
		lines := bytes.Split(data, []byte{'\n'})
		for i, line := range lines {
			if i < len(lines)-1 {
				line = bytes.TrimSuffix(line, []byte{'\r'})
			}
			n := strconv.Itoa(i + 1)
			switch _, err := parseDoc(line); {
			case len(line) > max:
				want = append(want, "problem "+n)
			case len(bytes.TrimSpace(line)) == 0:
			case err != nil:
				want = append(want, "problem "+n)
			default:
				want = append(want, "doc "+n)
			}
		}
		var got []string
		di, pi := 0, 0
		for di < len(*docs) || pi < len(*problems) {
			// Merge by line: each line gives at most one of either.
			dl, pl := 1<<62, 1<<62
			if di < len(*docs) {
				_, num, _ := strings.Cut((*docs)[di].Origin, ":")
				dl, _ = strconv.Atoi(num)
			}
			if pi < len(*problems) {
				pl = (*problems)[pi].Line
			}
			if dl < pl {
				got = append(got, "doc "+strconv.Itoa(dl))
				di++
			} else {
				got = append(got, "problem "+strconv.Itoa(pl))
				pi++
			}
		}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("read %q\nwant %q\nproblems %v", got, want, *problems)
		}
	})
}

func FuzzJSON(f *testing.F) {
	addFixtures(f, "json/*")
	f.Add([]byte(`[{"text":"a"},{"text":"b"}] {"text":"c"}`))
	f.Add([]byte(`[{"text":"a\"]}"}, 1, "x", [}], {"text":"b"}`))
	f.Add([]byte(`[,]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		w, docs, problems := fuzzWalker(100)
		if err := w.json("fuzz", bufio.NewReaderSize(bytes.NewReader(data), 16)); err != nil {
			t.Fatalf("json: %v", err)
		}
		lines := 1 + bytes.Count(data, []byte{'\n'})
		for _, d := range *docs {
			checkDoc(t, d)
		}
		for _, p := range *problems {
			if p.Line < 1 || p.Line > lines {
				t.Fatalf("problem at line %d of %d: %v", p.Line, lines, p)
			}
		}
	})
}

// FuzzStdin feeds arbitrary bytes through the whole reader, detection and gzip included.
func FuzzStdin(f *testing.F) {
	addFixtures(f, "*/*")
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &Reader{MaxDocBytes: 1 << 10}
		err := r.Walk(context.Background(), []string{"-"}, bytes.NewReader(data),
			func(d dateline.RawDoc) error { checkDoc(t, d); return nil },
			func(p Problem) {
				if p.Origin != "stdin" || p.Err == nil {
					t.Fatalf("bad problem %#v", p)
				}
			})
		if err != nil {
			t.Fatalf("Walk: %v", err)
		}
	})
}
