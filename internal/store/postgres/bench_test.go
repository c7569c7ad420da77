package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store/postgres/pgtest"
	"github.com/dateline-news/dateline/internal/store/storetest"
)

// benchDocs makes n distinct documents shaped like a wire story, as the SQLite store's
// benchmark does: a ~3 KB body, 4 actors, 5 events and a meeting.
func benchDocs(prefix string, n int) []*dateline.Document {
	filler := strings.Fields(`the two sides agreed to deepen practical cooperation in trade energy
		science technology agriculture and people-to-people exchanges and to coordinate closely on
		regional and international affairs said officials after talks in the capital on Wednesday`)
	docs := make([]*dateline.Document, n)
	for i := range docs {
		d := storetest.SameBody(fmt.Sprintf("%s-%d", prefix, i))
		var b strings.Builder
		b.WriteString(d.Article.Body)
		for p := 0; b.Len() < 3000; p++ {
			b.WriteString("\n\n")
			for w := 0; w < 40; w++ {
				b.WriteString(filler[(i*7+p*13+w)%len(filler)])
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "item %d-%d.", i, p)
		}
		d.Article.Body = b.String()
		docs[i] = d
	}
	return docs
}

// BenchmarkSave measures Save throughput, one Save call per batch, against the local server:
//
//	go test ./internal/store/postgres -run '^$' -bench Save -benchtime 2000x
func BenchmarkSave(b *testing.B) {
	db := pgtest.NewDatabase(b)
	for _, batch := range []int{1, 100, 1000} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			s := openIn(b, db)
			defer s.Close()
			docs := benchDocs(b.Name(), b.N*batch)
			ctx := context.Background()
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				res, err := s.Save(ctx, docs[i*batch:(i+1)*batch])
				if err != nil {
					b.Fatal(err)
				}
				if res.Articles != batch {
					b.Fatalf("saved %d articles, want %d", res.Articles, batch)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
