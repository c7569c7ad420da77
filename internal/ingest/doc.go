package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dateline-news/dateline"
)

// Field names of a JSON document, the first non-empty of each group winning. Synonyms that lose
// are kept in Meta like any other field.
var (
	textFields      = []string{"text", "body", "content"}
	publishedFields = []string{"published", "date"}
)

// parseDoc turns one JSON object (a JSONL line or an element of a JSON array) into a RawDoc.
// Origin is left for the caller.
func parseDoc(raw []byte) (dateline.RawDoc, error) {
	var doc dateline.RawDoc
	if !utf8.Valid(raw) {
		return doc, fmt.Errorf("%w at byte %d", ErrInvalidUTF8, invalidAt(raw))
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		if kind := jsonKind(raw); kind != "" && json.Valid(raw) {
			return doc, fmt.Errorf("%w: found %s", ErrNotObject, kind)
		}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return doc, fmt.Errorf("%w: %s (at byte %d)", ErrSyntax, syn.Error(), syn.Offset)
		}
		var typ *json.UnmarshalTypeError
		if errors.As(err, &typ) {
			return doc, fmt.Errorf("%w: found %s", ErrNotObject, typ.Value)
		}
		return doc, fmt.Errorf("%w: %w", ErrSyntax, err)
	}
	if fields == nil { // the literal null
		return doc, fmt.Errorf("%w: found null", ErrNotObject)
	}

	var err error
	if doc.ID, err = idField(fields); err != nil {
		return doc, err
	}
	if doc.URL, err = stringField(fields, "url"); err != nil {
		return doc, err
	}
	if doc.Title, err = stringField(fields, "title"); err != nil {
		return doc, err
	}
	if doc.Published, err = firstString(fields, publishedFields); err != nil {
		return doc, err
	}
	if doc.Text, err = firstString(fields, textFields); err != nil {
		return doc, err
	}
	doc.Text = normalizeText(doc.Text)
	if strings.TrimSpace(doc.Text) == "" {
		return doc, fmt.Errorf("%w: want a non-empty \"text\", \"body\" or \"content\" string", ErrNoText)
	}

	for k, v := range fields {
		if doc.Meta == nil {
			doc.Meta = make(map[string]string, len(fields))
		}
		if v[0] == '"' {
			var s string
			if err := json.Unmarshal(v, &s); err != nil {
				return doc, fmt.Errorf("%w: field %q: %w", ErrSyntax, k, err)
			}
			doc.Meta[k] = s
			continue
		}
		var buf bytes.Buffer
		if err := json.Compact(&buf, v); err != nil {
			return doc, fmt.Errorf("%w: field %q: %w", ErrSyntax, k, err)
		}
		doc.Meta[k] = buf.String()
	}
	return doc, nil
}

// idField takes "id" out of fields: a string, or a number kept as written.
func idField(fields map[string]json.RawMessage) (string, error) {
	v, ok := fields["id"]
	if !ok {
		return "", nil
	}
	delete(fields, "id")
	switch jsonKind(v) {
	case "null":
		return "", nil
	case "number":
		return string(v), nil
	}
	return decodeString("id", v)
}

// stringField takes the string field name out of fields; absent and null give "".
func stringField(fields map[string]json.RawMessage, name string) (string, error) {
	v, ok := fields[name]
	if !ok {
		return "", nil
	}
	delete(fields, name)
	if jsonKind(v) == "null" {
		return "", nil
	}
	return decodeString(name, v)
}

// firstString takes out of fields the first of names holding a non-blank string. The others stay
// in fields (so in Meta); any of them present with a type other than string or null is an error.
func firstString(fields map[string]json.RawMessage, names []string) (string, error) {
	for _, name := range names {
		v, ok := fields[name]
		if !ok {
			continue
		}
		if jsonKind(v) == "null" {
			delete(fields, name)
			continue
		}
		s, err := decodeString(name, v)
		if err != nil {
			return "", err
		}
		if strings.TrimSpace(s) != "" {
			delete(fields, name)
			return s, nil
		}
	}
	return "", nil
}

func decodeString(name string, v json.RawMessage) (string, error) {
	if kind := jsonKind(v); kind != "string" {
		return "", fmt.Errorf("%w: %q is %s, want a string", ErrFieldType, name, article(kind))
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return "", fmt.Errorf("%w: field %q: %w", ErrSyntax, name, err)
	}
	return s, nil
}

// jsonKind names the type of a JSON value from its first byte.
func jsonKind(v []byte) string {
	if len(v) == 0 {
		return ""
	}
	switch v[0] {
	case '{':
		return "object"
	case '[':
		return "array"
	case '"':
		return "string"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return "number"
	}
	return ""
}

func article(kind string) string {
	switch kind {
	case "":
		return "empty"
	case "object", "array":
		return "an " + kind
	}
	return "a " + kind
}

// normalizeText drops a byte-order mark and turns line endings into LF: CRLF, and a lone CR (old
// Mac files) too, so that no CRLF is left ("\r\r\n" is a CR then a CRLF: two line ends).
func normalizeText(s string) string {
	s = strings.TrimPrefix(s, "\uFEFF")
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return crlf.Replace(s)
}

var crlf = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// invalidAt returns the offset of the first byte of b that is not valid UTF-8, or -1.
func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
