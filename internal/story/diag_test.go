package story

import (
	"os"
	"sort"
	"testing"

	"github.com/dateline-news/dateline"
)

// TestDevGoldPairs measures how well the article vectors alone separate the two stories of a
// gold topic: the cosine of same-story pairs against other-story pairs of the topic (it prints
// 1 - AUC). Gated like the sweep.
func TestDevGoldPairs(t *testing.T) {
	gold, docs, vs := goldVectors(t)
	type pr struct {
		sim   float64
		same  bool
		topic bool
	}
	var ps []pr
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			var dot float64
			for k, x := range vs[i] {
				dot += x * vs[j][k]
			}
			same := gold[i].Cluster == gold[j].Cluster
			topic := topicOf(gold[i].Cluster) == topicOf(gold[j].Cluster)
			if !topic {
				continue
			}
			ps = append(ps, pr{dot, same, topic})
		}
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i].sim > ps[j].sim })
	// AUC of same vs. same-topic-other-story
	var pos, neg, auc float64
	for _, p := range ps {
		if p.same {
			pos++
		} else {
			neg++
			auc += pos
		}
	}
	for _, q := range []float64{0.1, 0.25, 0.5, 0.75, 0.9} {
		var sa, oa []float64
		for _, p := range ps {
			if p.same {
				sa = append(sa, p.sim)
			} else {
				oa = append(oa, p.sim)
			}
		}
		t.Logf("quantile %.2f: same %.3f other %.3f", q, sa[int(float64(len(sa))*(1-q))], oa[int(float64(len(oa))*(1-q))])
	}
	t.Logf("within-topic pairs: %v same, %v other; AUC %.3f", pos, neg, 1-auc/(pos*neg))
}

func topicOf(cluster string) string {
	for i := range cluster {
		if cluster[i] == '-' {
			return cluster[:i]
		}
	}
	return cluster
}

// TestDevGoldHAC clusters the dev gold with batch average-link agglomeration over all articles
// at once: the figure incremental clustering with the same vectors is measured against.
func TestDevGoldHAC(t *testing.T) {
	gold, docs, vs := goldVectors(t)
	n := len(docs)
	sim := make([][]float64, n)
	for i := range sim {
		sim[i] = make([]float64, n)
		for j := range sim[i] {
			for k, x := range vs[i] {
				sim[i][j] += x * vs[j][k]
			}
		}
	}
	labels := make([]string, n)
	for i, g := range gold {
		labels[i] = g.Cluster
	}
	for _, th := range []float64{0.1, 0.15, 0.2, 0.25, 0.3} {
		cl := make([][]int, n)
		for i := range cl {
			cl[i] = []int{i}
		}
		for {
			bi, bj, bs := -1, -1, th
			for i := range cl {
				if cl[i] == nil {
					continue
				}
				for j := i + 1; j < n; j++ {
					if cl[j] == nil {
						continue
					}
					var s float64
					for _, a := range cl[i] {
						for _, b := range cl[j] {
							s += sim[a][b]
						}
					}
					s /= float64(len(cl[i]) * len(cl[j]))
					if s > bs {
						bi, bj, bs = i, j, s
					}
				}
			}
			if bi < 0 {
				break
			}
			cl[bi] = append(cl[bi], cl[bj]...)
			cl[bj] = nil
		}
		sys := make([]string, n)
		for i, c := range cl {
			for _, d := range c {
				sys[d] = docs[i].ID
			}
		}
		s := score(labels, sys)
		t.Logf("HAC avg %.2f: pairwise P %.3f R %.3f F1 %.3f  B3 F1 %.3f", th, s.pp, s.pr, s.pf, s.bf)
	}
}

// goldVectors codes the dev gold stories (gated like the sweep) and returns them with their
// unit TF-IDF vectors, document frequencies taken over the whole set.
func goldVectors(t *testing.T) ([]goldDoc, []*dateline.Document, []map[uint64]float64) {
	if os.Getenv("DATELINE_STORY_SWEEP") == "" {
		t.Skip("set DATELINE_STORY_SWEEP=1 to run")
	}
	gold := readGold(t)
	docs := codeGold(t, gold)
	c := newClusterer(DefaultConfig())
	tfs := make([]map[uint64]float64, len(docs))
	for i, d := range docs {
		tfs[i] = features(d)
		c.df.add(tfs[i])
	}
	vs := make([]map[uint64]float64, len(docs))
	for i := range docs {
		vs[i] = c.unit(tfs[i])
	}
	return gold, docs, vs
}
