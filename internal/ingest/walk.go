package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// textExts are the extensions read from folders without looking at the content first.
var textExts = map[string]bool{
	"":        true,
	".txt":    true,
	".text":   true,
	".json":   true,
	".jsonl":  true,
	".ndjson": true,
	".story":  true,
}

// splitExt returns the lower-cased extension of name, looking through a ".gz" suffix
// ("a.jsonl.gz" → ".jsonl"), and whether the name had that suffix.
func splitExt(name string) (ext string, gz bool) {
	ext = strings.ToLower(filepath.Ext(name))
	if ext == ".gz" {
		gz = true
		name = name[:len(name)-len(ext)]
		ext = strings.ToLower(filepath.Ext(name))
	}
	if !looksLikeExt(ext) {
		ext = ""
	}
	return ext, gz
}

// looksLikeExt reports whether ext (with its dot) is a file extension rather than a dot inside a
// name ("Dec. 2 talks"): up to 8 ASCII letters and digits, at least one a letter.
func looksLikeExt(ext string) bool {
	if len(ext) < 2 || len(ext) > 9 {
		return false
	}
	letter := false
	for _, c := range []byte(ext[1:]) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9':
		default:
			return false
		}
	}
	return letter
}

// docID is the ID of a text story read from path: its base name without extension(s).
func docID(path string) string {
	base := filepath.Base(path)
	ext, gz := splitExt(base)
	if gz {
		base = base[:len(base)-len(".gz")]
	}
	return base[:len(base)-len(ext)]
}

// tree is what walkTree calls back: visit for each file to read, bad for what cannot be opened,
// and skip (may be nil) for what is passed over quietly: files (file is true) and looping links.
// A file given as an input itself is always visited; one found in a folder only when its
// extension is a text one or its content is text.
type tree struct {
	visit func(path string, size int64) error
	bad   func(Problem)
	skip  func(path, reason string, file bool)
}

// walkTree visits root, or every readable file under it when it is a folder: recursively, in
// lexical order, skipping hidden names, following symbolic links but never round a loop. It
// returns only an error returned by visit.
func walkTree(root string, t tree) error {
	fi, err := os.Stat(root)
	if err != nil {
		t.bad(Problem{Origin: root, Err: fmt.Errorf("%w: %w", ErrOpen, err)})
		return nil
	}
	if !fi.IsDir() {
		return t.visit(root, fi.Size())
	}
	return walkDir(root, []fs.FileInfo{fi}, t)
}

func walkDir(dir string, ancestors []fs.FileInfo, t tree) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		// ReadDir returns what it could read; report the rest and go on with that.
		t.bad(Problem{Origin: dir, Err: fmt.Errorf("%w: reading folder: %w", ErrOpen, err)})
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		path := filepath.Join(dir, name)
		fi, err := os.Stat(path) // follows symbolic links
		if err != nil {
			t.bad(Problem{Origin: path, Err: fmt.Errorf("%w: %w", ErrOpen, err)})
			continue
		}
		if fi.IsDir() {
			if inside(ancestors, fi) {
				t.skipped(path, "symbolic link loop", false)
				continue
			}
			if err := walkDir(path, append(ancestors[:len(ancestors):len(ancestors)], fi), t); err != nil {
				return err
			}
			continue
		}
		if !fi.Mode().IsRegular() {
			t.skipped(path, "not a regular file", true)
			continue
		}
		if ext, _ := splitExt(name); !textExts[ext] {
			if reason := sniffFile(path); reason != "" {
				t.skipped(path, reason, true)
				continue
			}
		}
		if err := t.visit(path, fi.Size()); err != nil {
			return err
		}
	}
	return nil
}

func (t tree) skipped(path, reason string, file bool) {
	if t.skip != nil {
		t.skip(path, reason, file)
	}
}

// inside reports whether dir is one of the folders already open above it.
func inside(ancestors []fs.FileInfo, dir fs.FileInfo) bool {
	for _, a := range ancestors {
		if os.SameFile(a, dir) {
			return true
		}
	}
	return false
}

// sniffFile looks at the head of a file found in a folder under an unknown extension and returns
// why it should be skipped, or "" when Detect finds text or JSON Lines in it.
func sniffFile(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return "cannot open: " + err.Error()
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, sniffSize)
	if isGzip(br) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return "broken gzip"
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, sniffSize)
	}
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF {
		return "unreadable: " + err.Error()
	}
	head = bytes.TrimPrefix(head, bom)
	if len(bytes.TrimSpace(head)) == 0 {
		return "empty"
	}
	switch k := Detect(head); k {
	case "text", "jsonl":
		return ""
	default:
		return k
	}
}

func isGzip(br *bufio.Reader) bool {
	magic, _ := br.Peek(2)
	return len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b
}
