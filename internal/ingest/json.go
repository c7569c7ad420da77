package ingest

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// json reads a JSON input: an object, an array of objects, or several of either one after the
// other. Each object is a document whose origin is the line where it starts. A bad element is
// reported and skipped; input whose structure breaks (an unterminated string, a missing comma)
// is reported and the rest of it dropped.
func (w *walker) json(name string, br *bufio.Reader) error {
	s := &jsonScanner{br: br, line: 1, max: w.max}
	for {
		c, err := s.skipSpace()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			w.problem(name, s.line, fmt.Errorf("reading: %w", err))
			return nil
		}
		var ok bool
		switch c {
		case '[':
			ok, err = w.jsonArray(name, s)
		case '{':
			ok, err = w.jsonElement(name, s, c)
		default:
			w.problem(name, s.line, fmt.Errorf("%w: found %q where an object or an array of objects should start", ErrSyntax, c))
		}
		if err != nil || !ok {
			return err
		}
	}
}

// jsonArray reads the elements of an array whose '[' has been read. It reports whether reading
// can go on after it; the error is a cancellation or an emit error.
func (w *walker) jsonArray(name string, s *jsonScanner) (bool, error) {
	start := s.line
	c, err := s.skipSpace()
	if err == nil && c == ']' {
		return true, nil
	}
	for err == nil {
		ok, ferr := w.jsonElement(name, s, c)
		if ferr != nil || !ok {
			return false, ferr
		}
		if c, err = s.skipSpace(); err != nil {
			break
		}
		switch c {
		case ']':
			return true, nil
		case ',':
			c, err = s.skipSpace()
		default:
			w.problem(name, s.line, fmt.Errorf("%w: found %q after an array element, want ',' or ']'", ErrSyntax, c))
			return false, nil
		}
	}
	w.endProblem(name, start, "array", err)
	return false, nil
}

// jsonElement reads one value, whose first byte c has been read, and emits it if it is a
// document. It reports whether reading can go on after it.
func (w *walker) jsonElement(name string, s *jsonScanner, c byte) (bool, error) {
	if err := w.ctx.Err(); err != nil {
		return false, err
	}
	line := s.line
	size, err := s.value(c)
	if err != nil {
		if errors.Is(err, ErrSyntax) {
			w.problem(name, line, err)
		} else {
			w.endProblem(name, line, "value", err)
		}
		return false, nil
	}
	if size > w.max {
		w.problem(name, line, fmt.Errorf("%w: value is %d bytes, over the %d-byte limit", ErrTooLarge, size, w.max))
		return true, nil
	}
	doc, err := parseDoc(s.buf)
	if err != nil {
		w.problem(name, line, err)
		return true, nil
	}
	doc.Origin = name + ":" + strconv.Itoa(line)
	return true, w.send(doc)
}

// endProblem reports input that stopped inside a value started at line.
func (w *walker) endProblem(name string, line int, what string, err error) {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		w.problem(name, line, fmt.Errorf("%w: input ends inside the %s that starts here", ErrSyntax, what))
		return
	}
	w.problem(name, line, fmt.Errorf("reading: %w", err))
}

// jsonScanner finds the bounds of JSON values in a stream without decoding them, counting lines
// and keeping at most max bytes of a value, so that a huge value costs no memory and a broken
// one can be skipped. encoding/json checks what it keeps.
type jsonScanner struct {
	br   *bufio.Reader
	line int
	max  int64
	buf  []byte // the value read last, unless it was over max
	size int64  // its length
}

func (s *jsonScanner) readByte() (byte, error) {
	c, err := s.br.ReadByte()
	if c == '\n' && err == nil {
		s.line++
	}
	return c, err
}

// skipSpace returns the next byte that is not JSON white space.
func (s *jsonScanner) skipSpace() (byte, error) {
	for {
		c, err := s.readByte()
		if err != nil {
			return 0, err
		}
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			return c, nil
		}
	}
}

func (s *jsonScanner) add(c byte) {
	s.size++
	if s.size <= s.max {
		s.buf = append(s.buf, c)
	} else if s.buf != nil {
		s.buf = s.buf[:0]
	}
}

// value reads the JSON value that starts with c (already read) and returns its length; the value
// is in s.buf when the length is at most max. Brackets are matched by count only: a value with
// mismatched brackets is found whole and encoding/json reports it.
func (s *jsonScanner) value(c byte) (int64, error) {
	s.buf, s.size = s.buf[:0], 0
	switch c {
	case '{', '[':
		s.add(c)
		depth := 1
		for depth > 0 {
			c, err := s.readByte()
			if err != nil {
				return s.size, err
			}
			s.add(c)
			switch c {
			case '"':
				if err := s.rest(); err != nil {
					return s.size, err
				}
			case '{', '[':
				depth++
			case '}', ']':
				depth--
			}
		}
	case '"':
		s.add(c)
		if err := s.rest(); err != nil {
			return s.size, err
		}
	case ',', ':', ']', '}':
		return 0, fmt.Errorf("%w: found %q where a value should be", ErrSyntax, c)
	default:
		// A literal or number: up to the next delimiter.
		s.add(c)
		for {
			c, err := s.readByte()
			if err == io.EOF {
				break
			}
			if err != nil {
				return s.size, err
			}
			if c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ']' || c == '}' {
				if c == '\n' {
					s.line--
				}
				_ = s.br.UnreadByte()
				break
			}
			s.add(c)
		}
	}
	return s.size, nil
}

// rest reads the rest of a string whose opening quote has been read.
func (s *jsonScanner) rest() error {
	escaped := false
	for {
		c, err := s.readByte()
		if err != nil {
			return err
		}
		s.add(c)
		switch {
		case escaped:
			escaped = false
		case c == '\\':
			escaped = true
		case c == '"':
			return nil
		}
	}
}
