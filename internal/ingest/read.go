package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

const bufSize = 64 << 10

// walker is one Walk in progress.
type walker struct {
	r    *Reader
	ctx  context.Context
	emit func(dateline.RawDoc) error
	bad  func(Problem)
	max  int64
}

func (w *walker) problem(origin string, line int, err error) {
	w.bad(Problem{Origin: origin, Line: line, Err: err})
}

func (w *walker) skipped(path, reason string, file bool) {
	if file {
		w.r.skipped.Add(1)
	}
	if w.r.Log != nil {
		w.r.Log.Debug("ingest: skipped", "path", path, "reason", reason)
	}
}

// send passes doc on, checking for cancellation first.
func (w *walker) send(doc dateline.RawDoc) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	if err := w.emit(doc); err != nil {
		if err == w.ctx.Err() {
			return err // a cancellation seen by emit stays a plain cancellation
		}
		return fmt.Errorf("ingest: %s: %w", doc.Origin, err)
	}
	return nil
}

// hint is what a file's extension says about its format.
type hint int

const (
	kindAny   hint = iota // content decides
	kindJSON              // .json: an object, an array of objects, or JSON Lines
	kindJSONL             // .jsonl, .ndjson
)

func hintOf(path string) hint {
	switch ext, _ := splitExt(filepath.Base(path)); ext {
	case ".json":
		return kindJSON
	case ".jsonl", ".ndjson":
		return kindJSONL
	}
	return kindAny
}

// file reads one file. Only cancellation and emit errors are returned.
func (w *walker) file(path string, size int64) error {
	if err := w.ctx.Err(); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		w.problem(path, 0, fmt.Errorf("%w: %w", ErrOpen, err))
		w.r.read.Add(size)
		return nil
	}
	defer f.Close()
	cr := &countingReader{r: f, total: &w.r.read}
	err = w.stream(path, docID(path), cr, hintOf(path))
	if rest := size - cr.n; rest > 0 {
		w.r.read.Add(rest) // the part not read because of a problem still counts as done
	}
	return err
}

// stream reads one input: name is its origin, id the document ID if it holds a text story.
// Only cancellation and emit errors are returned.
func (w *walker) stream(name, id string, r io.Reader, h hint) error {
	br := bufio.NewReaderSize(r, bufSize)
	if isGzip(br) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			if !errors.Is(err, gzip.ErrHeader) { // which says "gzip:" itself
				err = fmt.Errorf("gzip: %w", err)
			}
			w.problem(name, 0, err)
			return nil
		}
		defer zr.Close()
		br = bufio.NewReaderSize(zr, bufSize)
	}
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF {
		w.problem(name, 0, fmt.Errorf("reading: %w", err))
		return nil
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		w.problem(name, 0, fmt.Errorf("%w: UTF-16 text; convert it to UTF-8", ErrBinary))
		return nil
	}
	skip := 0
	if bytes.HasPrefix(head, bom) {
		skip, _ = br.Discard(len(bom))
		head = head[skip:]
	}
	if len(head) < sniffSize && len(bytes.TrimSpace(head)) == 0 {
		w.problem(name, 0, ErrEmpty)
		return nil
	}
	kind := Detect(head)
	switch start := firstNonSpace(head); {
	case kind == "binary":
	case h == kindJSONL && start == '{':
		kind = "jsonl"
	case h != kindAny && start != '{' && start != '[':
		w.problem(name, 0, fmt.Errorf("%w: file named as JSON holds no JSON object", ErrNotObject))
		return nil
	case h != kindAny && kind == "text":
		kind = "json" // e.g. "[1, 2]": let the JSON reader say what is wrong
	}
	switch kind {
	case "jsonl":
		return w.jsonl(name, br)
	case "json":
		return w.json(name, br)
	case "text":
		return w.text(name, id, br, skip)
	}
	w.problem(name, 0, ErrBinary)
	return nil
}

// text reads a whole input as one story; skip is the length of a byte-order mark already read.
func (w *walker) text(name, id string, br *bufio.Reader, skip int) error {
	data, err := io.ReadAll(io.LimitReader(br, w.max+1))
	if err != nil {
		w.problem(name, 0, fmt.Errorf("reading: %w", err))
		return nil
	}
	if int64(len(data)) > w.max {
		w.problem(name, 0, fmt.Errorf("%w: file is over the %d-byte limit", ErrTooLarge, w.max))
		return nil
	}
	if !utf8.Valid(data) {
		at := invalidAt(data)
		w.problem(name, 1+bytes.Count(data[:at], []byte{'\n'}), fmt.Errorf("%w at byte %d", ErrInvalidUTF8, skip+at))
		return nil
	}
	text := normalizeText(string(data))
	if strings.TrimSpace(text) == "" {
		w.problem(name, 0, ErrEmpty)
		return nil
	}
	return w.send(dateline.RawDoc{ID: id, Text: text, Origin: name})
}

// jsonl reads one JSON object per line. A bad line is reported and reading goes on.
func (w *walker) jsonl(name string, br *bufio.Reader) error {
	lr := lineReader{br: br, max: w.max}
	for n := 1; ; n++ {
		line, size, err := lr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			w.problem(name, n, fmt.Errorf("reading: %w", err))
			return nil
		}
		if size > w.max {
			w.problem(name, n, fmt.Errorf("%w: line is %d bytes, over the %d-byte limit", ErrTooLarge, size, w.max))
		} else if len(bytes.TrimSpace(line)) > 0 {
			doc, perr := parseDoc(line)
			if perr != nil {
				w.problem(name, n, perr)
			} else {
				doc.Origin = name + ":" + strconv.Itoa(n)
				if err := w.send(doc); err != nil {
					return err
				}
			}
		}
		if n%256 == 0 {
			if err := w.ctx.Err(); err != nil {
				return err
			}
		}
	}
}

// lineReader reads lines of any length, keeping at most max bytes of one.
type lineReader struct {
	br  *bufio.Reader
	max int64
	buf []byte
}

// next returns the next line without its "\n" or "\r\n", and its length. When the length is over
// max, the line is read through and dropped and nil is returned in its place. The error is io.EOF
// when there is no line left, or the error that stopped reading (the line is then lost).
func (lr *lineReader) next() (line []byte, size int64, err error) {
	lr.buf = lr.buf[:0]
	over := false
	for {
		chunk, err := lr.br.ReadSlice('\n')
		size += int64(len(chunk))
		if err == nil && size == int64(len(chunk)) {
			// The common case: the whole line was in the buffer.
			line = trimEOL(chunk)
			return line, int64(len(line)), nil
		}
		if !over {
			// Keep up to max bytes plus a "\r\n" that may follow.
			if int64(len(lr.buf)+len(chunk)) > lr.max+2 {
				over = true
				lr.buf = lr.buf[:0]
			} else {
				lr.buf = appendDoubling(lr.buf, chunk, lr.max+2)
			}
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err == io.EOF && size == 0:
			return nil, 0, io.EOF
		case err != nil && err != io.EOF:
			return nil, size, err
		}
		// A full line, or a last line without "\n".
		if over {
			last := chunk
			if len(last) == 0 {
				last = nil
			}
			return nil, size - eolLen(last), nil
		}
		line = trimEOL(lr.buf)
		return line, int64(len(line)), nil
	}
}

// appendDoubling appends chunk to buf, doubling its capacity (up to limit) when it must grow:
// append's gentler growth for large slices would allocate several times a long line's size.
func appendDoubling(buf, chunk []byte, limit int64) []byte {
	if need := len(buf) + len(chunk); need > cap(buf) {
		n := int64(max(2*cap(buf), need, bufSize))
		n = max(min(n, limit), int64(need))
		grown := make([]byte, len(buf), n)
		copy(grown, buf)
		buf = grown
	}
	return append(buf, chunk...)
}

func trimEOL(b []byte) []byte {
	return b[:int64(len(b))-eolLen(b)]
}

func eolLen(b []byte) int64 {
	switch {
	case bytes.HasSuffix(b, []byte("\r\n")):
		return 2
	case bytes.HasSuffix(b, []byte("\n")):
		return 1
	}
	return 0
}

// countingReader counts the bytes read through it into total, for progress.
type countingReader struct {
	r     io.Reader
	n     int64
	total *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	c.total.Add(int64(n))
	return n, err
}
