package story

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/pipeline"
)

const goldPath = "../../../shared/gold/stories-dev.jsonl"

type goldDoc struct {
	ID, Cluster, Title, Text string
}

func readGold(t testing.TB) []goldDoc {
	f, err := os.Open(goldPath)
	if err != nil {
		t.Skipf("no story gold: %v", err)
	}
	defer f.Close()
	var out []goldDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var g struct {
			ID      string `json:"id"`
			Cluster string `json:"cluster"`
			Title   string `json:"title"`
			Text    string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		out = append(out, goldDoc{g.ID, g.Cluster, g.Title, g.Text})
	}
	return out
}

// codeGold codes the gold articles under neutral ids ("d1", ...): only title and text reach
// the pipeline.
func codeGold(t testing.TB, gold []goldDoc) []*dateline.Document {
	p, err := pipeline.Load(pipeline.Options{})
	if err != nil {
		t.Fatal(err)
	}
	in := make(chan dateline.RawDoc, len(gold))
	for i, g := range gold {
		in <- dateline.RawDoc{ID: fmt.Sprintf("d%d", i+1), Title: g.Title, Text: g.Text}
	}
	close(in)
	var docs []*dateline.Document
	if err := p.Run(context.Background(), in, 0, func(d *dateline.Document) error {
		d.Sentences = nil
		docs = append(docs, d)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return docs
}

// scores are score_stories.py's figures.
type scores struct{ pp, pr, pf, bp, br, bf float64 }

func score(gold, sys []string) scores {
	type cell struct{ g, s string }
	gs, ss, cs := map[string]int{}, map[string]int{}, map[cell]int{}
	for i := range gold {
		gs[gold[i]]++
		ss[sys[i]]++
		cs[cell{gold[i], sys[i]}]++
	}
	pairs := func(n int) float64 { return float64(n*(n-1)) / 2 }
	var shared, gp, sp float64
	for _, n := range cs {
		shared += pairs(n)
	}
	for _, n := range gs {
		gp += pairs(n)
	}
	for _, n := range ss {
		sp += pairs(n)
	}
	var r scores
	if sp > 0 {
		r.pp = shared / sp
	}
	if gp > 0 {
		r.pr = shared / gp
	}
	f := func(p, r float64) float64 {
		if p+r == 0 {
			return 0
		}
		return 2 * p * r / (p + r)
	}
	r.pf = f(r.pp, r.pr)
	for i := range gold {
		c := float64(cs[cell{gold[i], sys[i]}])
		r.bp += c / float64(ss[sys[i]])
		r.br += c / float64(gs[gold[i]])
	}
	r.bp /= float64(len(gold))
	r.br /= float64(len(gold))
	r.bf = f(r.bp, r.br)
	return r
}

func clusterGold(cfg Config, docs []*dateline.Document, order []int, batch int) []string {
	a := New(cfg)
	sys := make([]string, len(docs))
	for k := 0; k < len(order); k += batch {
		var in []*dateline.Document
		idx := order[k:min(k+batch, len(order))]
		for _, i := range idx {
			in = append(in, docs[i])
		}
		res := a.Assign(in)
		for j, i := range idx {
			sys[i] = res.Articles[j].StoryID
		}
	}
	return sys
}

// TestDevGoldSweep prints the figures for a range of thresholds and arrival orders (file order
// and 10 shuffles), in batches of DATELINE_STORY_BATCH articles (default 256, ingest's). It is
// for choosing defaults (see docs/stories.md), so it runs only with DATELINE_STORY_SWEEP=1. Only
// title and text reach the pipeline; the gold clusters are used for scoring alone.
func TestDevGoldSweep(t *testing.T) {
	if os.Getenv("DATELINE_STORY_SWEEP") == "" {
		t.Skip("set DATELINE_STORY_SWEEP=1 to run")
	}
	gold := readGold(t)
	docs := codeGold(t, gold)
	labels := make([]string, len(gold))
	for i, g := range gold {
		labels[i] = g.Cluster
	}
	inOrder := make([]int, len(docs))
	for i := range inOrder {
		inOrder[i] = i
	}
	for _, join := range []float64{0.12, 0.15, 0.18, 0.2, 0.22, 0.25, 0.28} {
		cfg := DefaultConfig()
		cfg.Join = join
		batch := 256
		if b := os.Getenv("DATELINE_STORY_BATCH"); b != "" {
			batch, _ = strconv.Atoi(b)
		}
		s := score(labels, clusterGold(cfg, docs, inOrder, batch))
		var sum, lo, hi float64 = 0, 1, 0
		const shuffles = 10
		for k := range shuffles {
			order := rand.New(rand.NewPCG(uint64(k), 7)).Perm(len(docs))
			f := score(labels, clusterGold(cfg, docs, order, batch)).pf
			sum += f
			lo, hi = min(lo, f), max(hi, f)
		}
		t.Logf("join %.2f  file order: pairwise P %.3f R %.3f F1 %.3f  B3 P %.3f R %.3f F1 %.3f   shuffled F1 mean %.3f [%.3f, %.3f]",
			join, s.pp, s.pr, s.pf, s.bp, s.br, s.bf, sum/shuffles, lo, hi)
	}
}

// TestDevGoldConfusion lists the system stories that mix gold stories.
func TestDevGoldConfusion(t *testing.T) {
	if os.Getenv("DATELINE_STORY_SWEEP") == "" {
		t.Skip("set DATELINE_STORY_SWEEP=1 to run")
	}
	gold := readGold(t)
	docs := codeGold(t, gold)
	inOrder := make([]int, len(docs))
	for i := range inOrder {
		inOrder[i] = i
	}
	cfg := DefaultConfig()
	sys := clusterGold(cfg, docs, inOrder, 256)
	comp := map[string]map[string]int{}
	var order []string
	for i, s := range sys {
		if comp[s] == nil {
			comp[s] = map[string]int{}
			order = append(order, s)
		}
		comp[s][gold[i].Cluster]++
	}
	for _, s := range order {
		if len(comp[s]) > 1 {
			t.Logf("mixed %s: %v", s, comp[s])
		}
	}
	t.Logf("%d stories", len(order))
}
