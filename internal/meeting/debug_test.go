package meeting_test

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/pipeline"
)

func TestDebugDump(t *testing.T) {
	path := os.Getenv("DUMP")
	if path == "" {
		t.Skip()
	}
	p, err := pipeline.Load(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	a := article.Parse(dateline.RawDoc{ID: "x", Text: string(b)})
	sents := p.Analyzer.Sentences(a.Body, a.Paragraphs, article.TextStart(a))
	res := p.Resolver.Resolve(a, sents)
	for si, s := range sents {
		var sb strings.Builder
		for _, tk := range s.Tokens {
			fmt.Fprintf(&sb, "%s/%s/%s ", tk.Text, tk.Tag, tk.Lemma)
		}
		fmt.Println(si, sb.String())
		for _, r := range res.Refs[si] {
			var codes []string
			for _, e := range r.Entities {
				codes = append(codes, e.Code()+":"+e.Name+":"+e.Kind+":"+e.Office)
			}
			fmt.Printf("   ref [%d,%d) kind=%s prep=%q place=%v poss=%v title=%q -> %v\n", r.Start, r.End, r.Kind, r.Prep, r.Place, r.Possessive, r.Title, codes)
		}
	}
}
