package tsv

import (
	"errors"
	"strings"
	"testing"
)

func TestRows(t *testing.T) {
	in := "# header\n\na\tb\r\n  # indented comment\nc\td\te\n"
	var got []string
	err := Rows("f.tsv", strings.NewReader(in), func(line int, text string, cols []string) error {
		got = append(got, strings.Join(cols, "|")+"@"+string(rune('0'+line)))
		return nil
	})
	if err != nil || strings.Join(got, " ") != "a|b@3 c|d|e@5" {
		t.Fatalf("rows %v, err %v", got, err)
	}
	bad := errors.New("bad row")
	err = Rows("f.tsv", strings.NewReader("x\ny\n"), func(line int, _ string, _ []string) error {
		if line == 2 {
			return bad
		}
		return nil
	})
	if !errors.Is(err, bad) || err.Error() != "f.tsv:2: bad row" {
		t.Fatalf("error %v", err)
	}
}
