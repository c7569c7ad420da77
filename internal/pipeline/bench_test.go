package pipeline

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/actor"
	"github.com/dateline-news/dateline/internal/article"
)

// benchDocs returns up to n Reuters stories when ../shared is present, else the bundled samples.
func benchDocs(b *testing.B, n int) []dateline.RawDoc {
	var docs []dateline.RawDoc
	if f, err := os.Open("../../../shared/corpus/reuters21578.jsonl"); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() && len(docs) < n {
			var d dateline.RawDoc
			if json.Unmarshal(sc.Bytes(), &d) == nil {
				docs = append(docs, d)
			}
		}
		return docs
	}
	files, _ := filepath.Glob("../../data/sample/*.txt")
	for _, fn := range files {
		bs, _ := os.ReadFile(fn)
		docs = append(docs, dateline.RawDoc{ID: fn, Text: string(bs)})
	}
	return docs
}

// BenchmarkStages times each stage alone over the same documents, one core.
func BenchmarkStages(b *testing.B) {
	p := testPipeline(b)
	raws := benchDocs(b, 1000)
	arts := make([]*dateline.Article, len(raws))
	for i, r := range raws {
		arts[i] = article.Parse(r)
	}
	sents := make([][]dateline.Sentence, len(arts))
	nsent := 0
	for i, a := range arts {
		sents[i] = p.Analyzer.Sentences(a.Body, a.Paragraphs, article.TextStart(a))
		nsent += len(sents[i])
	}
	results := make([]*actor.Result, len(arts))
	for i, a := range arts {
		results[i] = p.Resolver.Resolve(a, sents[i])
	}
	b.Run("article", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, r := range raws {
				article.Parse(r)
			}
		}
		b.ReportMetric(float64(b.N*len(raws))/b.Elapsed().Seconds(), "articles/s")
	})
	b.Run("text", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, a := range arts {
				p.Analyzer.Sentences(a.Body, a.Paragraphs, article.TextStart(a))
			}
		}
		b.ReportMetric(float64(b.N*nsent)/b.Elapsed().Seconds(), "sentences/s")
	})
	b.Run("actor", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for j, a := range arts {
				p.Resolver.Resolve(a, sents[j])
			}
		}
		b.ReportMetric(float64(b.N*nsent)/b.Elapsed().Seconds(), "sentences/s")
	})
	b.Run("coder", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for j, a := range arts {
				for si := range sents[j] {
					p.Coder.Code(a, &sents[j][si], results[j].Refs[si], results[j].Pair)
				}
			}
		}
		b.ReportMetric(float64(b.N*nsent)/b.Elapsed().Seconds(), "sentences/s")
	})
	b.Run("whole", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			for _, r := range raws {
				p.Code(r)
			}
		}
		b.ReportMetric(float64(b.N*len(raws))/b.Elapsed().Seconds(), "articles/s")
	})
}
