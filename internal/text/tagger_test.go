package text

import (
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
)

func TestTaggerAgreesWithProse(t *testing.T) {
	tg, err := DefaultTagger()
	if err != nil {
		t.Fatal(err)
	}
	sents := []string{
		"Chinese Premier Li Keqiang on Wednesday expressed to Russia China 's willingness to share development opportunities .",
		"The army shelled rebel positions near the border , officials said .",
		"He was arrested by police after the protest turned violent .",
		"Israel on Wednesday released the mayor of the northern West Bank city of Nablus .",
		"The two sides signed a memorandum of understanding on energy cooperation .",
	}
	agree, total := 0, 0
	for _, s := range sents {
		words := strings.Fields(s)
		doc, err := prose.NewDocument(s, prose.WithSegmentation(false), prose.WithExtraction(false))
		if err != nil {
			t.Fatal(err)
		}
		ptoks := doc.Tokens()
		if len(ptoks) != len(words) {
			t.Logf("prose tokenised differently: %d vs %d: %q", len(ptoks), len(words), s)
			continue
		}
		got := tg.Tag(words)
		for i := range words {
			total++
			if got[i] == ptoks[i].Tag {
				agree++
			} else {
				t.Logf("%q: %s vs prose %s", words[i], got[i], ptoks[i].Tag)
			}
		}
	}
	if total == 0 || agree*100 < total*98 {
		t.Fatalf("agreement with prose %d/%d", agree, total)
	}
}

func BenchmarkTag(b *testing.B) {
	tg, err := DefaultTagger()
	if err != nil {
		b.Fatal(err)
	}
	words := strings.Fields("Chinese Premier Li Keqiang on Wednesday expressed to Russia China 's willingness to share development opportunities , expand two-way opening-up , and enhance mutually beneficial cooperation .")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tg.Tag(words)
	}
	b.ReportMetric(float64(b.N*len(words))/b.Elapsed().Seconds(), "tokens/s")
}
