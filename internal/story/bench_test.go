package story

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/article"
)

const reutersPath = "../../../shared/corpus/reuters21578.jsonl"

// reuters reads up to n Reuters stories in place (the corpus is research-licensed and never
// copied), parsed into articles; the benchmarks skip without it.
func reuters(tb testing.TB, n int) []*dateline.Document {
	f, err := os.Open(reutersPath)
	if err != nil {
		tb.Skipf("no Reuters corpus: %v", err)
	}
	defer f.Close()
	var docs []*dateline.Document
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() && (n <= 0 || len(docs) < n) {
		var raw dateline.RawDoc
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			tb.Fatal(err)
		}
		a := article.Parse(raw)
		docs = append(docs, &dateline.Document{ID: a.ID, Title: a.Title, Date: a.Date, Dateline: a.Dateline, Article: a})
	}
	return docs
}

// BenchmarkAssign measures the story stage alone on Reuters stories in ingest's batches of
// 256; ns/op is per article.
func BenchmarkAssign(b *testing.B) {
	docs := reuters(b, 5120)
	b.ResetTimer()
	n := 0
	for n < b.N {
		a := New(Config{})
		for k := 0; k < len(docs) && n < b.N; k += 256 {
			batch := docs[k:min(k+256, len(docs))]
			a.Assign(batch)
			n += len(batch)
		}
	}
}

// BenchmarkMinHash and BenchmarkSimHash compare the two fingerprints' cost per article.
func BenchmarkMinHash(b *testing.B) {
	sh := bodyShingles(b, 1000)
	b.ResetTimer()
	for i := range b.N {
		MinHash(sh[i%len(sh)])
	}
}

func BenchmarkSimHash(b *testing.B) {
	sh := bodyShingles(b, 1000)
	b.ResetTimer()
	for i := range b.N {
		SimHash(sh[i%len(sh)])
	}
}

// bodyShingles returns the 4-word shingles of the bodies of the first n Reuters stories.
func bodyShingles(b *testing.B, n int) [][]uint64 {
	docs := reuters(b, n)
	sh := make([][]uint64, len(docs))
	for i, d := range docs {
		sh[i] = shingles(d.Article.Body, 4)
	}
	return sh
}
