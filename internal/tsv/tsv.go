// Package tsv reads the tab-separated knowledge files of data/: blank lines and '#' comments
// skipped, every problem reported as "file:line: reason".
package tsv

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Rows calls fn for each line of r that is neither blank nor a comment, with its 1-based line
// number, the line (without a trailing CR) and its tab-separated fields. An error from fn stops
// the reading and is returned prefixed with name and line.
func Rows(name string, r io.Reader, fn func(line int, text string, cols []string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if t := strings.TrimSpace(s); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if err := fn(line, s, strings.Split(s, "\t")); err != nil {
			return fmt.Errorf("%s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
