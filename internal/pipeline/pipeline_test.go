package pipeline

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/dateline-news/dateline"
)

func TestSeedDebug(t *testing.T) {
	extra := os.Getenv("DATELINE_TEST_DICT")
	var dicts []string
	if extra != "" {
		dicts = []string{extra}
	}
	p, err := Load(Options{Dicts: dicts})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile("../../data/sample/seed-china-russia-heads-of-government.txt")
	if err != nil {
		t.Fatal(err)
	}
	d := p.Code(dateline.RawDoc{ID: "seed", Text: string(b)})
	out, _ := json.MarshalIndent(d, "", " ")
	if os.Getenv("DATELINE_DEBUG") != "" {
		os.WriteFile("/tmp/seed.json", out, 0o644)
	}
}
