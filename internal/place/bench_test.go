package place

import (
	"testing"

	"github.com/dateline-news/dateline/data"
	"github.com/dateline-news/dateline/internal/kb"
)

// BenchmarkLoad measures building the gazetteer from the embedded data, which `dateline code`
// pays once at start-up.
func BenchmarkLoad(b *testing.B) {
	k, err := kb.Load(data.Files)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(k.Countries, data.Files); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKBLoad is the knowledge base's load, for comparison.
func BenchmarkKBLoad(b *testing.B) {
	for b.Loop() {
		if _, err := kb.Load(data.Files); err != nil {
			b.Fatal(err)
		}
	}
}
