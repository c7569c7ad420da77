package pipeline

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/article"
)

func TestZZDebug(t *testing.T) {
	s := os.Getenv("DBG")
	if s == "" {
		t.Skip()
	}
	p, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(s, "\n") {
		raw := dateline.RawDoc{ID: "x", Text: line}
		a := article.Parse(raw)
		sents := p.Analyzer.Sentences(a.Body, a.Paragraphs, article.TextStart(a))
		res := p.Resolver.Resolve(a, sents)
		for si, se := range sents {
			var b strings.Builder
			for _, tk := range se.Tokens {
				fmt.Fprintf(&b, "%s/%s/%s ", tk.Text, tk.Tag, tk.Lemma)
			}
			fmt.Println(b.String())
			for _, r := range res.Refs[si] {
				var es []string
				for _, e := range r.Entities {
					es = append(es, e.Code()+"("+e.Source+")")
				}
				fmt.Printf("  ref %d-%d %q kind=%s prep=%s poss=%v place=%v -> %v\n", r.Start, r.End, r.Text(a.Body, se.Tokens), r.Kind, r.Prep, r.Possessive, r.Place, es)
			}
			for _, ev := range p.Coder.Code(a, &sents[si], res.Refs[si], res.Pair) {
				tg := "-"
				if ev.Target != nil {
					tg = ev.Target.Code
				}
				fmt.Printf("  EV %s -%s-> %s neg=%v mood=%s [%s] rule=%s\n", ev.Source.Code, ev.Cameo, tg, ev.Negated, ev.Mood, ev.Trigger, ev.Rule)
			}
		}
	}
}
