package story

import (
	"math"
	"os"
	"sort"
)

// openStory is a story the clusterer can still add articles to: its profile is the sum of its
// articles' unit term vectors (IDF is applied when comparing, so that the profile stays valid
// as document frequencies move), cut to its strongest terms to bound memory.
type openStory struct {
	id       string
	title    string
	articles int
	firstDay int32 // event days since 1970-01-01, 0 when unknown
	lastDay  int32
	firstSeq int64 // arrival number of its first article: the older of two merged stories survives
	lastSeq  int64 // arrival number of its newest article: the least recent story is closed first
	profile  map[uint64]float64
	posted   []uint64 // the profile's terms, as they are in the inverted index

	norm      float64 // |profile ⊙ idf|, valid while normN is close to the current article count
	normN     uint32
	candStamp int64 // the last article that considered this story, to list each once
}

// clusterer assigns articles to stories in one pass, in arrival order.
type clusterer struct {
	cfg      Config
	df       *docFreq
	open     map[string]*openStory
	postings map[uint64][]*openStory
	stamp    int64
}

func newClusterer(cfg Config) *clusterer {
	return &clusterer{cfg: cfg, df: newDocFreq(), open: map[string]*openStory{}, postings: map[uint64][]*openStory{}}
}

// weighted returns the article's TF-IDF vector and its norm.
func (c *clusterer) weighted(tf map[uint64]float64) (map[uint64]float64, float64) {
	w := make(map[uint64]float64, len(tf))
	var n2 float64
	for t, v := range tf {
		x := v * c.df.idf(t)
		w[t] = x
		n2 += x * x
	}
	return w, math.Sqrt(n2)
}

func (c *clusterer) storyNorm(s *openStory) float64 {
	if s.normN != 0 && float64(c.df.n) <= float64(s.normN)*1.02+1 {
		return s.norm
	}
	var n2 float64
	for _, v := range s.profile {
		n2 += v * v
	}
	s.norm, s.normN = math.Sqrt(n2), c.df.n
	return s.norm
}

// best finds the open story most similar to the article (cosine of TF-IDF vectors), among
// those sharing one of its strongest terms and within the time gap. Ties go to the older
// story, so the result does not depend on map order.
func (c *clusterer) best(w map[uint64]float64, norm float64, day int32) (*openStory, float64) {
	if norm == 0 {
		return nil, 0
	}
	c.stamp++
	type tw struct {
		t uint64
		w float64
	}
	top := make([]tw, 0, len(w))
	for t, x := range w {
		top = append(top, tw{t, x})
	}
	sort.Slice(top, func(i, j int) bool {
		if top[i].w != top[j].w {
			return top[i].w > top[j].w
		}
		return top[i].t < top[j].t
	})
	if len(top) > c.cfg.QueryTerms {
		top = top[:c.cfg.QueryTerms]
	}
	var best *openStory
	bestSim := 0.0
	for _, q := range top {
		for _, s := range c.postings[q.t] {
			if s.candStamp == c.stamp {
				continue
			}
			s.candStamp = c.stamp
			if !c.inTime(s, day) {
				continue
			}
			var dot float64
			for t, x := range w {
				if v, ok := s.profile[t]; ok {
					dot += x * v
				}
			}
			sim := dot / norm / float64(s.articles)
			if os.Getenv("X_CENTROID") != "" {
				sim = dot / norm / c.storyNorm(s)
			}
			if sim > bestSim || (sim == bestSim && best != nil && s.lastSeq < best.lastSeq) {
				best, bestSim = s, sim
			}
		}
	}
	return best, bestSim
}

// inTime reports whether an article of the given day may join the story: a story is one event,
// and its reports come within days of it. Unknown days never exclude.
func (c *clusterer) inTime(s *openStory, day int32) bool {
	if day == 0 || s.lastDay == 0 || c.cfg.MaxGapDays <= 0 {
		return true
	}
	gap := int32(c.cfg.MaxGapDays)
	return day <= s.lastDay+gap && day >= s.firstDay-gap
}

// add puts an article's TF-IDF vector, made unit length, into a story's profile and
// re-indexes the story. The profile is then the sum of its articles' unit vectors, so its dot
// product with another unit vector, divided by the story's article count, is that article's
// mean cosine to the story's articles (average link).
func (c *clusterer) add(s *openStory, w map[uint64]float64, norm float64, day int32, seq int64) {
	if norm > 0 {
		for t, v := range w {
			s.profile[t] += v / norm
		}
	}
	s.articles++
	s.lastSeq = seq
	if day != 0 {
		if s.firstDay == 0 || day < s.firstDay {
			s.firstDay = day
		}
		if day > s.lastDay {
			s.lastDay = day
		}
	}
	c.trim(s)
	c.index(s)
	s.normN = 0
}

// trim keeps the profile's ProfileTerms strongest terms (by weight times IDF).
func (c *clusterer) trim(s *openStory) {
	if len(s.profile) <= c.cfg.ProfileTerms {
		return
	}
	type tw struct {
		t uint64
		w float64
	}
	all := make([]tw, 0, len(s.profile))
	for t, v := range s.profile {
		all = append(all, tw{t, v})
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].w != all[j].w {
			return all[i].w > all[j].w
		}
		return all[i].t < all[j].t
	})
	for _, x := range all[c.cfg.ProfileTerms:] {
		delete(s.profile, x.t)
	}
}

// index replaces the story's postings with its current profile terms.
func (c *clusterer) index(s *openStory) {
	c.unindex(s)
	s.posted = s.posted[:0]
	for t := range s.profile {
		c.postings[t] = append(c.postings[t], s)
		s.posted = append(s.posted, t)
	}
}

func (c *clusterer) unindex(s *openStory) {
	for _, t := range s.posted {
		list := c.postings[t]
		for i, x := range list {
			if x == s {
				list[i] = list[len(list)-1]
				list = list[:len(list)-1]
				break
			}
		}
		if len(list) == 0 {
			delete(c.postings, t)
		} else {
			c.postings[t] = list
		}
	}
}

// mergeCandidate finds the open story whose articles are on average most similar to s's
// (average link between the two stories), if that is at least threshold. The older story
// absorbs the younger, so the returned pair is (into, from).
func (c *clusterer) mergeCandidate(s *openStory, threshold float64) (into, from *openStory, sim float64) {
	c.stamp++
	s.candStamp = c.stamp
	type tw struct {
		t uint64
		w float64
	}
	top := make([]tw, 0, len(s.profile))
	for t, x := range s.profile {
		top = append(top, tw{t, x})
	}
	sort.Slice(top, func(i, j int) bool {
		if top[i].w != top[j].w {
			return top[i].w > top[j].w
		}
		return top[i].t < top[j].t
	})
	if len(top) > c.cfg.QueryTerms {
		top = top[:c.cfg.QueryTerms]
	}
	var best *openStory
	bestSim := 0.0
	for _, q := range top {
		for _, o := range c.postings[q.t] {
			if o.candStamp == c.stamp {
				continue
			}
			o.candStamp = c.stamp
			if !c.inTime(o, s.lastDay) || !c.inTime(o, s.firstDay) {
				continue
			}
			var dot float64
			small, large := s.profile, o.profile
			if len(small) > len(large) {
				small, large = large, small
			}
			for t, x := range small {
				dot += x * large[t]
			}
			sim := dot / float64(s.articles*o.articles)
			if sim > bestSim || (sim == bestSim && best != nil && o.firstSeq < best.firstSeq) {
				best, bestSim = o, sim
			}
		}
	}
	if best == nil || bestSim < threshold {
		return nil, nil, 0
	}
	if best.firstSeq < s.firstSeq {
		return best, s, bestSim
	}
	return s, best, bestSim
}

// merge moves story from into story into.
func (c *clusterer) merge(into, from *openStory) {
	for t, v := range from.profile {
		into.profile[t] += v
	}
	into.articles += from.articles
	into.lastSeq = max(into.lastSeq, from.lastSeq)
	if from.firstDay != 0 && (into.firstDay == 0 || from.firstDay < into.firstDay) {
		into.firstDay = from.firstDay
	}
	into.lastDay = max(into.lastDay, from.lastDay)
	c.unindex(from)
	delete(c.open, from.id)
	c.trim(into)
	c.index(into)
	into.normN = 0
}

// newStory opens a story for an article that joined none.
func (c *clusterer) newStory(id, title string, seq int64) *openStory {
	s := &openStory{id: id, title: title, profile: map[uint64]float64{}, firstSeq: seq}
	c.open[id] = s
	return s
}

// evict closes the least recently extended stories once more than MaxStories are open. It
// works in steps of a tenth, so that the sort is paid rarely.
func (c *clusterer) evict() {
	if len(c.open) <= c.cfg.MaxStories {
		return
	}
	all := make([]*openStory, 0, len(c.open))
	for _, s := range c.open {
		all = append(all, s)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].lastSeq < all[j].lastSeq })
	drop := len(all) - (c.cfg.MaxStories - c.cfg.MaxStories/10)
	for _, s := range all[:min(drop, len(all))] {
		c.unindex(s)
		delete(c.open, s.id)
	}
}
