package export

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/dateline-news/dateline"
)

// JSONL writes events as JSON Lines, one Event object per line in the data model's form (the
// same as the API and `dateline code` write).
func JSONL(w io.Writer, events []dateline.Event) error {
	bw := bufio.NewWriterSize(w, writeBufferSize)
	enc := json.NewEncoder(bw)
	// Sentences quote "<" and "&" often enough; keep them readable rather than \u003c.
	enc.SetEscapeHTML(false)
	for i := range events {
		if err := enc.Encode(&events[i]); err != nil {
			return fmt.Errorf("export jsonl: event %q: %w", events[i].ID, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("export jsonl: write: %w", err)
	}
	return nil
}
