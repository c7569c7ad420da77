package ingest

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// Detect says which format some leading bytes of an input are (at most the first 8 KiB are
// looked at; the head may end mid-line or mid-character):
//
//   - "binary": a NUL byte, a UTF-16 byte-order mark, or more than a quarter of the bytes are
//     neither UTF-8 nor usual text characters;
//   - "json": one JSON object spread over lines, or an array of objects;
//   - "jsonl": one JSON object per line;
//   - "text": anything else, including an empty head. Text that is not valid UTF-8 throughout is
//     still "text" when it is mostly text; the reader reports it.
//
// Gzip-compressed input is binary to Detect; the reader decompresses it before asking.
func Detect(head []byte) string {
	if len(head) > sniffSize {
		head = head[:sniffSize]
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return "binary"
	}
	head = bytes.TrimPrefix(head, bom)
	if isBinary(head) {
		return "binary"
	}
	t := bytes.TrimLeft(head, " \t\r\n")
	if len(t) == 0 {
		return "text"
	}
	next := firstNonSpace(t[1:])
	switch t[0] {
	case '[':
		// "[{", "[]" or a head that ends right after the bracket; "[UPDATE 2] BEIJING" is text.
		if next == '{' || next == ']' || next == 0 {
			return "json"
		}
	case '{':
		if next == '"' || next == '}' || next == 0 {
			return objectsFormat(t)
		}
	}
	return "text"
}

// objectsFormat tells JSON Lines from a JSON object spread over several lines, for a head that
// starts with '{'.
func objectsFormat(t []byte) string {
	first, rest, found := bytes.Cut(t, []byte{'\n'})
	if !found {
		// One line as far as the head goes: a long JSONL line or a minified object; reading it
		// line by line is right for both.
		return "jsonl"
	}
	if isObjectLine(first) {
		return "jsonl"
	}
	// The first line is broken or only opens an object. If most of the other complete lines
	// look like objects it is JSON Lines with a bad first line; pretty-printed JSON has field
	// lines instead.
	lines, objects := 0, 0
	for {
		line, after, more := bytes.Cut(rest, []byte{'\n'})
		if !more {
			break // the last piece may be cut short by the head's end
		}
		rest = after
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		lines++
		if line[0] == '{' && line[len(line)-1] == '}' {
			objects++
		}
	}
	if lines > 0 && objects*2 >= lines {
		return "jsonl"
	}
	return "json"
}

func isObjectLine(line []byte) bool {
	line = bytes.TrimSpace(line)
	return len(line) > 1 && line[0] == '{' && line[len(line)-1] == '}' && json.Valid(line)
}

func firstNonSpace(b []byte) byte {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
		default:
			return c
		}
	}
	return 0
}

// isBinary reports whether head has a NUL byte or more than a quarter of bad bytes: control
// characters other than whitespace and escape, and bytes that are not valid UTF-8. A character
// cut short at the end of head is not counted against it.
func isBinary(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return true
	}
	bad := 0
	for i := 0; i < len(head); {
		c := head[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b || c == 0x7f {
				bad++
			}
			i++
			continue
		}
		if !utf8.FullRune(head[i:]) {
			break
		}
		r, size := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
		}
		i += size
	}
	return bad*4 > len(head)
}
