package story

// entry is one article in the duplicate window.
type entry struct {
	n         int64
	articleID string
	storyID   string
	hash      string
	sig       Signature
}

// window finds exact and near duplicates among the last size articles. Exact copies are
// found by content hash; near copies by MinHash signatures through an LSH index, verified by
// the signatures' Jaccard estimate.
type window struct {
	size   int
	ring   []*entry // oldest first, at most size
	byN    map[int64]*entry
	byID   map[string]*entry
	byHash map[string]*entry // the first article with each hash still in the window
	index  *lsh
}

func newWindow(size int) *window {
	return &window{size: size, byN: map[int64]*entry{}, byID: map[string]*entry{}, byHash: map[string]*entry{}, index: newLSH()}
}

// match returns the earlier article this one duplicates: the first one with the same content
// hash, else (when near is allowed) the most similar one whose estimated Jaccard is at least
// threshold, earliest on ties. hasText false means an empty body, which is nobody's copy.
func (w *window) match(hash string, sig *Signature, near bool, threshold float64, hasText bool) (*entry, string, float64) {
	if !hasText {
		return nil, "", 0
	}
	if e := w.byHash[hash]; hash != "" && e != nil {
		return e, Exact, 1
	}
	if !near {
		return nil, "", 0
	}
	keys := sig.bandKeys()
	var best *entry
	bestSim := 0.0
	w.index.candidates(&keys, func(n int64) {
		e := w.byN[n]
		if sim := sig.Jaccard(&e.sig); sim >= threshold && sim > bestSim {
			best, bestSim = e, sim
		}
	})
	if best == nil {
		return nil, "", 0
	}
	return best, Near, bestSim
}

// add puts an article in the window, dropping the oldest beyond its size.
func (w *window) add(articleID, storyID, hash string, sig *Signature, n int64) {
	e := &entry{n: n, articleID: articleID, storyID: storyID, hash: hash, sig: *sig}
	w.ring = append(w.ring, e)
	w.byN[n] = e
	w.byID[articleID] = e
	if _, ok := w.byHash[hash]; !ok && hash != "" {
		w.byHash[hash] = e
	}
	if !sig.empty() {
		// The empty text's signature would put every empty article in one bucket.
		keys := sig.bandKeys()
		w.index.add(n, &keys)
	}
	for len(w.ring) > w.size {
		old := w.ring[0]
		w.ring[0] = nil
		w.ring = w.ring[1:]
		delete(w.byN, old.n)
		if w.byID[old.articleID] == old {
			delete(w.byID, old.articleID)
		}
		if w.byHash[old.hash] == old {
			delete(w.byHash, old.hash)
		}
		if !old.sig.empty() {
			k := old.sig.bandKeys()
			w.index.remove(old.n, &k)
		}
	}
}

// setStory records the story of an article added to the window without one.
func (w *window) setStory(articleID, storyID string) {
	if e := w.byID[articleID]; e != nil {
		e.storyID = storyID
	}
}

// storyOf returns the story of an article in the window.
func (w *window) storyOf(articleID string) string {
	if e := w.byID[articleID]; e != nil {
		return e.storyID
	}
	return ""
}
