// Package ingest turns files, folders and standard input into raw documents (dateline.RawDoc),
// detecting each input's format (JSON Lines, JSON, plain-text stories, gzip) from its content and
// reporting every document it cannot read as a Problem without stopping the batch.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync/atomic"

	"github.com/dateline-news/dateline"
)

// DefaultMaxDocBytes is the size limit of one document when Reader.MaxDocBytes is zero.
const DefaultMaxDocBytes = 8 << 20

// sniffSize is how many leading bytes of an input Detect is shown.
const sniffSize = 8 << 10

// Errors a Problem wraps, for errors.Is.
var (
	ErrBinary      = errors.New("binary file skipped")
	ErrEmpty       = errors.New("empty file")
	ErrTooLarge    = errors.New("document too large")
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	ErrSyntax      = errors.New("invalid JSON")
	ErrNotObject   = errors.New("not a JSON object")
	ErrNoText      = errors.New("no text")
	ErrFieldType   = errors.New("wrong field type")
	ErrOpen        = errors.New("cannot open input")
)

// Problem is a document or input that could not be read. Origin is the file path ("stdin" for
// standard input) and Line the 1-based line where the document starts, or 0 when the problem
// concerns the whole input.
type Problem struct {
	Origin string
	Line   int
	Err    error
}

// Error returns "origin:line: reason", or "origin: reason" when there is no line.
func (p Problem) Error() string {
	reason := "unknown problem"
	if p.Err != nil {
		reason = p.Err.Error()
	}
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.Origin, p.Line, reason)
	}
	return fmt.Sprintf("%s: %s", p.Origin, reason)
}

// Unwrap returns the underlying error.
func (p Problem) Unwrap() error { return p.Err }

// Reader reads inputs into raw documents. The zero value is ready to use; a Reader may be used by
// several goroutines at once, and must not be copied after first use.
type Reader struct {
	// MaxDocBytes is the largest document (a JSONL line, a JSON array element or a whole text
	// file) that is read; larger ones are reported and skipped. Zero means DefaultMaxDocBytes.
	MaxDocBytes int64
	// Log, when set, receives debug messages about files skipped quietly.
	Log *slog.Logger

	skipped atomic.Int64
	read    atomic.Int64
}

// Skipped returns how many files found inside folders were skipped quietly because they are not
// text (images, archives, ...), over all walks of this Reader.
func (r *Reader) Skipped() int64 { return r.skipped.Load() }

// BytesRead returns how many input bytes (as stored, so compressed bytes for gzip files) the
// Reader has consumed from files so far, over all walks. Together with Size it drives a progress
// bar; standard input is not counted by either.
func (r *Reader) BytesRead() int64 { return r.read.Load() }

func (r *Reader) maxDoc() int64 {
	if r.MaxDocBytes > 0 {
		return r.MaxDocBytes
	}
	return DefaultMaxDocBytes
}

// Walk reads every input (a path to a file or folder, or "-" for stdin) and calls emit for each
// document, in order: inputs as given, folders recursively in lexical order, documents in file
// order. A document that cannot be read is passed to bad (with origin file and line) and skipped;
// so is an input that cannot be opened at all, and Walk goes on with the next one. Walk returns
// only on context cancellation or an emit error; otherwise it returns nil once all inputs are read.
func (r *Reader) Walk(ctx context.Context, inputs []string, stdin io.Reader, emit func(dateline.RawDoc) error, bad func(Problem)) error {
	if emit == nil {
		emit = func(dateline.RawDoc) error { return nil }
	}
	if bad == nil {
		bad = func(Problem) {}
	}
	w := &walker{r: r, ctx: ctx, emit: emit, bad: bad, max: r.maxDoc()}
	stdinRead := false
	for _, in := range inputs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if in == "-" {
			switch {
			case stdin == nil:
				bad(Problem{Origin: "stdin", Err: fmt.Errorf("%w: no standard input given", ErrOpen)})
				continue
			case stdinRead:
				bad(Problem{Origin: "stdin", Err: fmt.Errorf("%w: standard input named twice; it is read once", ErrOpen)})
				continue
			}
			stdinRead = true
			if err := w.stream("stdin", "", stdin, kindAny); err != nil {
				return err
			}
			continue
		}
		err := walkTree(in, tree{
			visit: w.file,
			bad:   bad,
			skip:  w.skipped,
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Size returns a cheap estimate of the total bytes of the inputs as stored (compressed bytes for
// gzip files): the sizes of the files Walk would read. Standard input ("-") counts as 0. Inputs
// that cannot be opened are ignored.
func Size(inputs []string) int64 {
	var total int64
	for _, in := range inputs {
		if in == "-" {
			continue
		}
		_ = walkTree(in, tree{
			visit: func(_ string, size int64) error {
				total += size
				return nil
			},
			bad: func(Problem) {},
		})
	}
	return total
}
