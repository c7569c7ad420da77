package place

import (
	"testing"

	"github.com/dateline-news/dateline"
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

// BenchmarkLookup measures resolving one place name as running text does (key, hash lookup,
// scoring), in the full gazetteer and in one of a single city: the cost per name does not grow
// with the gazetteer.
func BenchmarkLookup(b *testing.B) {
	names := []string{"Geneva", "Portland", "Beijing", "São Paulo", "St. Louis", "Qwxyzville", "New York", "Bahia"}
	full, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	small := newGazetteer(testCountries())
	if err := small.readPlaces("places.tsv", "C\t1\tCHE\tGE\tPPLA\t183981\t46.2\t6.14\tGenève\tgeneve\tgeneva\n"); err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		g    *Gazetteer
	}{{"full", full}, {"one-city", small}} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				c.g.Lookup(names[i%len(names)], "", Hints{})
				i++
			}
		})
	}
}

// BenchmarkResolveDateline measures one dateline with a region, as the pipeline pays per story.
func BenchmarkResolveDateline(b *testing.B) {
	g, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	dl := dateline.Dateline{Place: "PORTLAND", Region: "Ore."}
	b.ReportAllocs()
	for b.Loop() {
		if g.ResolveDateline(dl, Hints{}) == nil {
			b.Fatal("unresolved")
		}
	}
}
