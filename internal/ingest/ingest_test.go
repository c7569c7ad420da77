package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
)

// result is what one Walk produced.
type result struct {
	docs     []dateline.RawDoc
	problems []Problem
	err      error
}

func walk(t *testing.T, r *Reader, inputs []string, stdin io.Reader) result {
	t.Helper()
	var res result
	res.err = r.Walk(context.Background(), inputs, stdin,
		func(d dateline.RawDoc) error { res.docs = append(res.docs, d); return nil },
		func(p Problem) { res.problems = append(res.problems, p) })
	return res
}

// origins lists "origin id" for each doc.
func (res result) origins() []string {
	var out []string
	for _, d := range res.docs {
		out = append(out, d.Origin+" "+d.ID)
	}
	return out
}

// where lists "origin:line" for each problem.
func (res result) where() []string {
	var out []string
	for _, p := range res.problems {
		out = append(out, fmt.Sprintf("%s:%d", p.Origin, p.Line))
	}
	return out
}

func td(parts ...string) string { return filepath.Join(append([]string{"testdata"}, parts...)...) }

func TestWalk(t *testing.T) {
	tests := []struct {
		name         string
		inputs       []string
		stdin        string
		wantDocs     []string // "origin id"
		wantProblems []string // "origin:line"
		wantErrs     []error  // errors.Is targets, one per problem
		wantSkipped  int64
	}{
		{
			name:   "folder with nested stories, JSONL, and a file sniffed as JSONL",
			inputs: []string{td("corpus")},
			wantDocs: []string{
				td("corpus", "000_5f1c0a9e2b7d4c31.txt") + " 000_5f1c0a9e2b7d4c31",
				td("corpus", "asia", "003_e7d2b5a90c4f1638.story") + " 003_e7d2b5a90c4f1638",
				td("corpus", "europe", "001_8a2e61d04c9b7f15.txt") + " 001_8a2e61d04c9b7f15",
				td("corpus", "europe", "nordic", "002_c04b9e7a13d6f582") + " 002_c04b9e7a13d6f582",
				td("corpus", "feed.wire") + ":1 feed-1",
				td("corpus", "wire.jsonl") + ":1 wire-101",
				td("corpus", "wire.jsonl") + ":2 wire-102",
			},
			wantSkipped: 1, // photo.png; hidden files are not even looked at
		},
		{
			name:         "JSONL with a broken line in the middle",
			inputs:       []string{td("jsonl", "broken.jsonl")},
			wantDocs:     []string{td("jsonl", "broken.jsonl") + ":1 b1", td("jsonl", "broken.jsonl") + ":3 b3"},
			wantProblems: []string{td("jsonl", "broken.jsonl") + ":2"},
			wantErrs:     []error{ErrSyntax},
		},
		{
			name:   "JSONL with lines that are not documents",
			inputs: []string{td("jsonl", "mixed.jsonl")},
			wantDocs: []string{
				td("jsonl", "mixed.jsonl") + ":1 ok1",
				td("jsonl", "mixed.jsonl") + ":8 42",
			},
			wantProblems: []string{
				td("jsonl", "mixed.jsonl") + ":3",
				td("jsonl", "mixed.jsonl") + ":4",
				td("jsonl", "mixed.jsonl") + ":5",
				td("jsonl", "mixed.jsonl") + ":7",
			},
			wantErrs: []error{ErrNotObject, ErrNoText, ErrFieldType, ErrNoText},
		},
		{
			name:         "JSONL line with invalid UTF-8",
			inputs:       []string{td("jsonl", "badutf8.jsonl")},
			wantDocs:     []string{td("jsonl", "badutf8.jsonl") + ":1 u1", td("jsonl", "badutf8.jsonl") + ":3 u3"},
			wantProblems: []string{td("jsonl", "badutf8.jsonl") + ":2"},
			wantErrs:     []error{ErrInvalidUTF8},
		},
		{
			name:         "text file with invalid UTF-8",
			inputs:       []string{td("text", "latin1.txt")},
			wantProblems: []string{td("text", "latin1.txt") + ":2"},
			wantErrs:     []error{ErrInvalidUTF8},
		},
		{
			name:         "binary file named directly",
			inputs:       []string{td("bin", "photo.png")},
			wantProblems: []string{td("bin", "photo.png") + ":0"},
			wantErrs:     []error{ErrBinary},
		},
		{
			name:         "empty and blank files",
			inputs:       []string{td("text", "empty.txt"), td("text", "blank.txt")},
			wantProblems: []string{td("text", "empty.txt") + ":0", td("text", "blank.txt") + ":0"},
			wantErrs:     []error{ErrEmpty, ErrEmpty},
		},
		{
			name:         "missing input does not stop the batch",
			inputs:       []string{td("no-such-file.txt"), td("text", "bom_crlf.txt")},
			wantDocs:     []string{td("text", "bom_crlf.txt") + " bom_crlf"},
			wantProblems: []string{td("no-such-file.txt") + ":0"},
			wantErrs:     []error{ErrOpen},
		},
		{
			name:   "gzip by extension and by magic bytes",
			inputs: []string{td("gz")},
			wantDocs: []string{
				td("gz", "005_1d9a7c3e5b20f846.txt.gz") + " 005_1d9a7c3e5b20f846",
				td("gz", "packed") + " packed",
				td("gz", "wire.jsonl.gz") + ":1 gz1",
				td("gz", "wire.jsonl.gz") + ":2 gz2",
			},
		},
		{
			name:   "JSON array and pretty-printed object",
			inputs: []string{td("json", "array.json"), td("json", "object.json")},
			wantDocs: []string{
				td("json", "array.json") + ":2 a1",
				td("json", "array.json") + ":7 a2",
				td("json", "object.json") + ":1 o1",
			},
		},
		{
			name:         "JSON array with an element that is not an object",
			inputs:       []string{td("json", "badarray.json")},
			wantDocs:     []string{td("json", "badarray.json") + ":2 x1", td("json", "badarray.json") + ":4 x3"},
			wantProblems: []string{td("json", "badarray.json") + ":3"},
			wantErrs:     []error{ErrNotObject},
		},
		{
			name:     "stdin JSONL",
			inputs:   []string{"-"},
			stdin:    "{\"id\":\"s1\",\"text\":\"LOME, Aug. 10 -- Togo thanked Ghana.\"}\n\n{\"text\":\"ACCRA, Aug. 11 -- Ghana replied.\"}\n",
			wantDocs: []string{"stdin:1 s1", "stdin:3 "},
		},
		{
			name:     "stdin text story",
			inputs:   []string{"-"},
			stdin:    "date 2021-08-10 LOME, Aug. 10 (Gulf Wire) -- Togo thanked Ghana for reopening the border.\n",
			wantDocs: []string{"stdin "},
		},
		{
			name:         "stdin named twice is read once",
			inputs:       []string{"-", "-"},
			stdin:        "LOME, Aug. 10 -- Togo thanked Ghana.\n",
			wantDocs:     []string{"stdin "},
			wantProblems: []string{"stdin:0"},
			wantErrs:     []error{ErrOpen},
		},
		{
			name:         "empty stdin",
			inputs:       []string{"-"},
			wantProblems: []string{"stdin:0"},
			wantErrs:     []error{ErrEmpty},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Reader{}
			res := walk(t, r, tt.inputs, strings.NewReader(tt.stdin))
			if res.err != nil {
				t.Fatalf("Walk: %v", res.err)
			}
			if got := res.origins(); !reflect.DeepEqual(got, tt.wantDocs) {
				t.Errorf("docs:\n got %q\nwant %q", got, tt.wantDocs)
			}
			if got := res.where(); !reflect.DeepEqual(got, tt.wantProblems) {
				t.Errorf("problems:\n got %q\nwant %q\n(%v)", got, tt.wantProblems, res.problems)
			}
			for i, p := range res.problems {
				if i < len(tt.wantErrs) && !errors.Is(p, tt.wantErrs[i]) {
					t.Errorf("problem %d = %v, want %v", i, p, tt.wantErrs[i])
				}
			}
			if got := r.Skipped(); got != tt.wantSkipped {
				t.Errorf("Skipped() = %d, want %d", got, tt.wantSkipped)
			}
			for _, d := range res.docs {
				if strings.TrimSpace(d.Text) == "" {
					t.Errorf("%s: empty text", d.Origin)
				}
			}
		})
	}
}

func TestContent(t *testing.T) {
	tests := []struct {
		name   string
		inputs []string
		stdin  string
		want   []dateline.RawDoc
	}{
		{
			name:   "text file with BOM and CRLF",
			inputs: []string{td("text", "bom_crlf.txt")},
			want: []dateline.RawDoc{{
				ID:     "bom_crlf",
				Origin: td("text", "bom_crlf.txt"),
				Text:   "date 2020-11-30 WELLINGTON, Nov. 30 (Kiwi Wire) -- New Zealand and Fiji\nagreed on Monday to extend a labour mobility scheme.\n\nFiji's foreign minister called it a milestone.\n",
			}},
		},
		{
			name:   "JSONL with BOM and CRLF, text synonyms",
			inputs: []string{td("jsonl", "bom_crlf.jsonl")},
			want: []dateline.RawDoc{
				{ID: "c1", Origin: td("jsonl", "bom_crlf.jsonl") + ":1", Text: "DAKAR, Oct. 5 (Sahel Wire) -- Senegal and Mali agreed\nto a joint water commission."},
				{ID: "c2", Origin: td("jsonl", "bom_crlf.jsonl") + ":2", Text: "BAMAKO, Oct. 6 -- Mali's prime minister welcomed the deal."},
			},
		},
		{
			name:   "metadata kept as strings",
			inputs: []string{td("jsonl", "meta.jsonl")},
			want: []dateline.RawDoc{{
				ID:        "m1",
				URL:       "https://wire.example/m1",
				Title:     "Brazil and Argentina sign trade pact",
				Published: "2023-09-14",
				Text:      "BRASILIA, Sept. 14 (Pampas Wire) -- Brazil and Argentina signed a trade pact on Thursday.",
				Origin:    td("jsonl", "meta.jsonl") + ":1",
				Meta: map[string]string{
					"source": "Pampas Wire",
					"lang":   "en",
					"words":  "15",
					"tags":   `["trade","mercosur"]`,
					"extra":  `{"desk":"americas"}`,
					"flag":   "true",
					"note":   "null",
				},
			}},
		},
		{
			name:   "date and body synonyms; losing synonyms kept in Meta",
			inputs: []string{"-"},
			stdin:  `{"date":"2022-06-02","body":"NAIROBI, June 2 -- Kenya hosted a summit.","content":"older copy","text":"  "}` + "\n",
			want: []dateline.RawDoc{{
				Published: "2022-06-02",
				Text:      "NAIROBI, June 2 -- Kenya hosted a summit.",
				Origin:    "stdin:1",
				Meta:      map[string]string{"content": "older copy", "text": "  "},
			}},
		},
		{
			name:   "pretty-printed JSON object",
			inputs: []string{td("json", "object.json")},
			want: []dateline.RawDoc{{
				ID: "o1", Published: "2019-04-01", Origin: td("json", "object.json") + ":1",
				Text: "ANKARA, April 1 (Anatolia Wire) -- Turkey and Azerbaijan signed a gas transit accord.",
			}},
		},
		{
			name:   "gzip text story",
			inputs: []string{td("gz", "005_1d9a7c3e5b20f846.txt.gz")},
			want: []dateline.RawDoc{{
				ID: "005_1d9a7c3e5b20f846", Origin: td("gz", "005_1d9a7c3e5b20f846.txt.gz"),
				Text: "CANBERRA, Feb. 8 (Southern Cross Wire) -- Australia and Indonesia held their annual ministerial dialogue on Monday.\n",
			}},
		},
		{
			name:   "stdin text keeps a leading space and the date header",
			inputs: []string{"-"},
			stdin:  "\ufeff date 2020-12-03 BEIJING, Dec. 2 (Xinhua) -- A test story.\r\n",
			want:   []dateline.RawDoc{{Origin: "stdin", Text: " date 2020-12-03 BEIJING, Dec. 2 (Xinhua) -- A test story.\n"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := walk(t, &Reader{}, tt.inputs, strings.NewReader(tt.stdin))
			if res.err != nil || len(res.problems) > 0 {
				t.Fatalf("Walk: err %v, problems %v", res.err, res.problems)
			}
			if !reflect.DeepEqual(res.docs, tt.want) {
				t.Errorf("docs:\n got %#v\nwant %#v", res.docs, tt.want)
			}
		})
	}
}

func TestHugeLine(t *testing.T) {
	// A 50 MB line between two good ones, generated as a stream: it must be reported and
	// dropped without being held in memory, and the line after it must survive.
	const huge = 50 << 20
	good := `{"id":"g","text":"VIENNA, Jan. 5 -- Austria and Hungary met."}` + "\n"
	stdin := io.MultiReader(
		strings.NewReader(good),
		strings.NewReader(`{"id":"big","text":"`),
		io.LimitReader(repeatReader('x'), huge),
		strings.NewReader("\"}\r\n"),
		strings.NewReader(good),
	)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res := walk(t, &Reader{}, []string{"-"}, stdin)
	runtime.ReadMemStats(&after)
	if res.err != nil {
		t.Fatal(res.err)
	}
	if got, want := res.origins(), []string{"stdin:1 g", "stdin:3 g"}; !reflect.DeepEqual(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
	if len(res.problems) != 1 || res.problems[0].Line != 2 || !errors.Is(res.problems[0], ErrTooLarge) {
		t.Fatalf("problems = %v, want one ErrTooLarge at line 2", res.problems)
	}
	if want := fmt.Sprintf("line is %d bytes", huge+22); !strings.Contains(res.problems[0].Error(), want) {
		t.Errorf("problem %q does not say %q", res.problems[0], want)
	}
	// At most the 8 MiB kept of the line (grown by doubling) and buffers: far from 50 MB.
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 32<<20 {
		t.Errorf("allocated %d MiB for a %d MiB line", alloc>>20, huge>>20)
	}
}

func TestMaxDocBytes(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "long.txt")
	writeFile(t, text, "ROME, Jan. 1 -- "+strings.Repeat("word ", 100))
	arr := filepath.Join(dir, "arr.json")
	writeFile(t, arr, `[{"text":"`+strings.Repeat("y", 300)+`"}, {"text":"short one"}]`)
	jl := filepath.Join(dir, "lines.jsonl")
	writeFile(t, jl, `{"text":"`+strings.Repeat("z", 300)+`"}`+"\n"+`{"text":"short one"}`)

	res := walk(t, &Reader{MaxDocBytes: 200}, []string{text, arr, jl}, nil)
	if got, want := res.origins(), []string{arr + ":1 ", jl + ":2 "}; !reflect.DeepEqual(got, want) {
		t.Errorf("docs = %q, want %q", got, want)
	}
	if got, want := res.where(), []string{text + ":0", arr + ":1", jl + ":1"}; !reflect.DeepEqual(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
	for _, p := range res.problems {
		if !errors.Is(p, ErrTooLarge) {
			t.Errorf("problem %v is not ErrTooLarge", p)
		}
	}
}

func TestFolderRules(t *testing.T) {
	dir := t.TempDir()
	story := "TOKYO, Mar. 3 (Sakura Wire) -- Japan and South Korea held talks on Friday.\n"
	writeFile(t, filepath.Join(dir, "b", "001.txt"), story)
	writeFile(t, filepath.Join(dir, "a", "000.txt"), story)
	writeFile(t, filepath.Join(dir, "a", "notes.csv"), "plain text under an unknown extension\n")
	writeFile(t, filepath.Join(dir, "a", "data.bin"), "\x00\x01\x02\x03")
	writeFile(t, filepath.Join(dir, "a", "empty.log"), "")
	writeFile(t, filepath.Join(dir, "a", "broken.txt"), "\x00\x01binary under a text extension")
	writeFile(t, filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/main\n")
	// A symbolic link loop and a link to a folder outside.
	if err := os.Symlink("..", filepath.Join(dir, "a", "loop")); err != nil {
		t.Skipf("no symbolic links: %v", err)
	}
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "002.txt"), story)
	if err := os.Symlink(outside, filepath.Join(dir, "c")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling.txt")); err != nil {
		t.Fatal(err)
	}

	r := &Reader{}
	res := walk(t, r, []string{dir}, nil)
	if res.err != nil {
		t.Fatal(res.err)
	}
	wantDocs := []string{
		filepath.Join(dir, "a", "000.txt") + " 000",
		filepath.Join(dir, "a", "notes.csv") + " notes",
		filepath.Join(dir, "b", "001.txt") + " 001",
		filepath.Join(dir, "c", "002.txt") + " 002",
	}
	if got := res.origins(); !reflect.DeepEqual(got, wantDocs) {
		t.Errorf("docs:\n got %q\nwant %q", got, wantDocs)
	}
	wantProblems := []string{filepath.Join(dir, "a", "broken.txt") + ":0", filepath.Join(dir, "dangling.txt") + ":0"}
	if got := res.where(); !reflect.DeepEqual(got, wantProblems) {
		t.Errorf("problems:\n got %q\nwant %q", got, wantProblems)
	}
	if got := r.Skipped(); got != 2 { // data.bin, empty.log
		t.Errorf("Skipped() = %d, want 2", got)
	}

	// Size counts what Walk reads, and BytesRead reaches it.
	var want int64
	for _, d := range wantDocs {
		fi, err := os.Stat(strings.Fields(d)[0])
		if err != nil {
			t.Fatal(err)
		}
		want += fi.Size()
	}
	want += int64(len("\x00\x01binary under a text extension"))
	if got := Size([]string{dir, "-", filepath.Join(dir, "missing")}); got != want {
		t.Errorf("Size = %d, want %d", got, want)
	}
	if got := r.BytesRead(); got != want {
		t.Errorf("BytesRead = %d, want %d", got, want)
	}
}

func TestOddInputs(t *testing.T) {
	dir := t.TempDir()
	story := "PRAGUE, Jun. 6 (Vltava Wire) -- The Czech and Slovak premiers met on Monday.\n"
	var zipped bytes.Buffer
	zw := gzip.NewWriter(&zipped)
	_, _ = zw.Write([]byte(strings.Repeat(story, 50)))
	_ = zw.Close()

	tests := []struct {
		name    string
		content string
		want    error
		line    int
	}{
		{"truncated.txt.gz", zipped.String()[:zipped.Len()/2], io.ErrUnexpectedEOF, 0},
		{"badheader.gz", "\x1f\x8b\x00 not really gzip", gzip.ErrHeader, 0},
		{"prose.json", story, ErrNotObject, 0},
		{"numbers.json", "[1]\n", ErrNotObject, 1},
		{"string.jsonl", `"BRNO -- a story"`, ErrNotObject, 0},
		{"utf16.txt", "\xff\xfeP\x00R\x00", ErrBinary, 0},
		{"bom-only.txt", "\ufeff", ErrEmpty, 0},
		{"unterminated.json", `[{"text": "BRNO -- cut`, ErrSyntax, 1},
		{"nul-early.story", story + "\x00", ErrBinary, 0},
		{"nul-late.story", strings.Repeat(story, 200) + "\x00", nil, 0}, // only the head is sniffed
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, tt.name)
			writeFile(t, path, tt.content)
			res := walk(t, &Reader{}, []string{path}, nil)
			if tt.want == nil {
				if len(res.problems) != 0 || len(res.docs) != 1 {
					t.Fatalf("got %d docs, problems %v; want one doc", len(res.docs), res.problems)
				}
				return
			}
			if len(res.problems) != 1 || !errors.Is(res.problems[0], tt.want) || res.problems[0].Line != tt.line {
				t.Fatalf("problems = %v, want one %v at line %d", res.problems, tt.want, tt.line)
			}
			if res.problems[0].Origin != path {
				t.Errorf("origin = %q, want %q", res.problems[0].Origin, path)
			}
		})
	}

	t.Run("no stdin", func(t *testing.T) {
		res := walk(t, &Reader{}, []string{"-"}, nil)
		if len(res.problems) != 1 || !errors.Is(res.problems[0], ErrOpen) {
			t.Errorf("problems = %v, want one ErrOpen", res.problems)
		}
	})
}

func TestWalkStops(t *testing.T) {
	stop := errors.New("store full")
	inputs := []string{td("jsonl", "broken.jsonl"), td("corpus")}

	t.Run("emit error", func(t *testing.T) {
		n := 0
		err := (&Reader{}).Walk(context.Background(), inputs, nil,
			func(dateline.RawDoc) error { n++; return stop }, nil)
		if !errors.Is(err, stop) || n != 1 {
			t.Errorf("Walk = %v after %d docs, want %v after 1", err, n, stop)
		}
		if !strings.Contains(err.Error(), "broken.jsonl:1") {
			t.Errorf("error %q does not name the document", err)
		}
	})
	t.Run("cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		n := 0
		err := (&Reader{}).Walk(ctx, inputs, nil,
			func(dateline.RawDoc) error { n++; cancel(); return nil }, nil)
		if !errors.Is(err, context.Canceled) || n != 1 {
			t.Errorf("Walk = %v after %d docs, want context.Canceled after 1", err, n)
		}
	})
	t.Run("cancellation returned by emit", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		err := (&Reader{}).Walk(ctx, inputs, nil,
			func(dateline.RawDoc) error { cancel(); return ctx.Err() }, nil)
		if err != context.Canceled {
			t.Errorf("Walk = %v, want context.Canceled itself", err)
		}
	})
}

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{Origin: "a.jsonl", Line: 2, Err: ErrNoText}, "a.jsonl:2: no text"},
		{Problem{Origin: "b.png", Err: ErrBinary}, "b.png: binary file skipped"},
		{Problem{Origin: "stdin"}, "stdin: unknown problem"},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestNormalizeText(t *testing.T) {
	tests := map[string]string{
		"a\r\nb\r\n":          "a\nb\n",
		"\ufeffa\rb":          "a\nb",
		"\r\r\n00":            "\n\n00",
		"no line ends":        "no line ends",
		"mid\ufeffword\n\r\n": "mid\ufeffword\n\n",
	}
	for in, want := range tests {
		if got := normalizeText(in); got != want {
			t.Errorf("normalizeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDocID(t *testing.T) {
	tests := map[string]string{
		"dir/000_2477d322e01346b2.txt":    "000_2477d322e01346b2",
		"dir/000_2477d322e01346b2":        "000_2477d322e01346b2",
		"dir/005_1d9a7c3e5b20f846.txt.gz": "005_1d9a7c3e5b20f846",
		"story.v2.txt":                    "story.v2",
		"Dec. 2 talks":                    "Dec. 2 talks",
		"archive.gz":                      "archive",
	}
	for in, want := range tests {
		if got := docID(in); got != want {
			t.Errorf("docID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		head string
		want string
	}{
		{"", "text"},
		{"BEIJING, Dec. 2 (Xinhua) -- Chinese Premier Li Keqiang", "text"},
		{"\ufeffdate 2020-12-03 BEIJING", "text"},
		{"[UPDATE 2] MOSCOW, Dec. 2 -- ", "text"},
		{"{Editor's note} BERLIN -- ", "text"},
		{"Café au lait, Genève", "text"},
		{"Caf\xe9 au lait, Gen\xe8ve, a story with a Latin-1 letter or two", "text"},
		{"\x00\x00\x00\x01", "binary"},
		{"\xff\xfeB\x00E\x00", "binary"},
		{"\x1f\x8b\x08\x00\x00\x00\x00\x00", "binary"},
		{"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"},
		{"\x89\x8a\x8b\x8c\x8d\x8e\x8f\x90\x91 some words, mostly junk \x92\x93\x94\x95\x96\x97\x98", "binary"},
		{"\x80\x81\x82\x83\x84 abc", "binary"},
		{`{"id":"1","text":"a"}` + "\n" + `{"id":"2","text":"b"}` + "\n", "jsonl"},
		{`{"id":"1","text":"a"}`, "jsonl"},
		{`{"id":"1","text":"a very long line cut by the head`, "jsonl"},
		{`{"id":"1","text":"broken` + "\n" + `{"id":"2","text":"b"}` + "\n" + `{"id":"3","text":"c"}` + "\n", "jsonl"},
		{"{\n  \"id\": \"1\",\n  \"text\": \"a\"\n}\n", "json"},
		{"  [\n  {\"id\": \"1\"}\n]", "json"},
		{"[]", "json"},
		{"[", "json"},
		{"\ufeff[{\"id\":1}]", "json"},
	}
	for _, tt := range tests {
		if got := Detect([]byte(tt.head)); got != tt.want {
			t.Errorf("Detect(%q) = %q, want %q", tt.head, got, tt.want)
		}
	}
}

// repeatReader is an endless stream of one byte.
type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkWalk reads the shared Reuters corpus when it is beside the repository, or else a
// generated JSONL file of the same shape.
func BenchmarkWalk(b *testing.B) {
	path := filepath.Join("..", "..", "..", "shared", "corpus", "reuters21578.jsonl")
	if _, err := os.Stat(path); err != nil {
		path = filepath.Join(b.TempDir(), "gen.jsonl")
		var sb strings.Builder
		for i := range 5000 {
			fmt.Fprintf(&sb, `{"id":"gen-%d","published":"1987-02-26T15:01:01Z","title":"Story %d","text":"LONDON, Feb 26 - %s"}`+"\n",
				i, i, strings.Repeat("Ministers met and agreed on trade. ", 25))
		}
		if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(Size([]string{path}))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		err := (&Reader{}).Walk(context.Background(), []string{path}, nil,
			func(dateline.RawDoc) error { n++; return nil },
			func(p Problem) { b.Fatal(p) })
		if err != nil || n == 0 {
			b.Fatalf("Walk: %v, %d docs", err, n)
		}
	}
}
