package story

import (
	"os"
	"runtime"
	"testing"
)

// TestReutersMinHashVsSimHash measures both near-duplicate methods on the Reuters corpus
// (read in place) against exact Jaccard similarity of the shingle sets. It takes about a
// minute, so it runs only with DATELINE_REUTERS=1 (.ci/run's story step sets it).
func TestReutersMinHashVsSimHash(t *testing.T) {
	if os.Getenv("DATELINE_REUTERS") == "" {
		t.Skip("set DATELINE_REUTERS=1 to run")
	}
	docs := reuters(t, 0)
	const threshold = 0.5
	sh := make([][]uint64, len(docs))
	sigs := make([]Signature, len(docs))
	sims := make([]uint64, len(docs))
	ok := make([]bool, len(docs))
	cfg := DefaultConfig()
	for i, d := range docs {
		sh[i] = shingles(d.Article.Body, cfg.Shingle)
		sigs[i] = MinHash(sh[i])
		sims[i] = SimHash(sh[i])
		ok[i] = distinct(sh[i]) >= cfg.MinShingles
	}
	type pair struct{ a, b int }
	exact := map[pair]float64{}
	jac := func(p pair) float64 {
		if v, seen := exact[p]; seen {
			return v
		}
		v := ExactJaccard(sh[p.a], sh[p.b])
		exact[p] = v
		return v
	}
	// MinHash: LSH candidates, kept when the estimate reaches the threshold.
	idx := newLSH()
	minhash := map[pair]bool{}
	for i := range docs {
		if !ok[i] {
			continue
		}
		keys := sigs[i].bandKeys()
		idx.candidates(&keys, func(n int64) {
			j := int(n)
			if sigs[i].Jaccard(&sigs[j]) >= threshold {
				minhash[pair{j, i}] = true
			}
		})
		idx.add(int64(i), &keys)
	}
	// SimHash: every pair within k bits (a linear scan: 180 million comparisons).
	simhash := map[int]map[pair]bool{3: {}, 6: {}, 10: {}}
	for i := range docs {
		if !ok[i] {
			continue
		}
		for j := 0; j < i; j++ {
			if !ok[j] {
				continue
			}
			d := Hamming(sims[i], sims[j])
			for k, m := range simhash {
				if d <= k {
					m[pair{j, i}] = true
				}
			}
		}
	}
	// The reference: pairs either method proposed whose exact Jaccard reaches the threshold.
	truth := map[pair]bool{}
	for p := range minhash {
		if jac(p) >= threshold {
			truth[p] = true
		}
	}
	for _, m := range simhash {
		for p := range m {
			if jac(p) >= threshold {
				truth[p] = true
			}
		}
	}
	report := func(name string, found map[pair]bool) {
		tp := 0
		for p := range found {
			if truth[p] {
				tp++
			}
		}
		t.Logf("%-12s pairs %5d  precision %.3f  recall %.3f (of %d pairs with exact Jaccard >= %.1f found by either)",
			name, len(found), float64(tp)/float64(max(len(found), 1)), float64(tp)/float64(max(len(truth), 1)), len(truth), threshold)
	}
	report("MinHash+LSH", minhash)
	for _, k := range []int{3, 6, 10} {
		report("SimHash<="+string(rune('0'+k/10))+string(rune('0'+k%10)), simhash[k])
	}
	if len(truth) == 0 || len(minhash) == 0 {
		t.Fatal("no near duplicates found in the Reuters corpus")
	}
}

// TestReutersMemory runs the assigner over the whole Reuters corpus in ingest's batches and
// reports the heap it holds at the end, against its bounds. Gated like the test above.
func TestReutersMemory(t *testing.T) {
	if os.Getenv("DATELINE_REUTERS") == "" {
		t.Skip("set DATELINE_REUTERS=1 to run")
	}
	docs := reuters(t, 0)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	a := New(Config{})
	size := map[string]int{}
	kinds := map[string]int{}
	for k := 0; k < len(docs); k += 256 {
		for _, as := range a.Assign(docs[k:min(k+256, len(docs))]).Articles {
			size[as.StoryID]++
			kinds[as.Duplicate]++
		}
	}
	multi := 0
	for _, n := range size {
		if n > 1 {
			multi++
		}
	}
	t.Logf("%d exact and %d near duplicates; %d stories, %d of 2+ articles (text only: no actors or events)",
		kinds[Exact], kinds[Near], len(size), multi)
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("after %d articles: %d open stories, %d articles in the duplicate window, heap held by the assigner %.0f MB",
		len(docs), len(a.clu.open), len(a.dup.ring), float64(after.HeapAlloc-before.HeapAlloc)/1e6)
	if len(a.clu.open) > a.cfg.MaxStories || len(a.dup.ring) > a.cfg.Window {
		t.Errorf("bounds exceeded")
	}
	runtime.KeepAlive(a)
}
