package story

import (
	"math"
	"sort"
)

// openStory is a story that can still take articles. Its profile is the sum of its articles'
// unit TF-IDF vectors, cut to its strongest terms to bound memory: the dot product of the
// profile with another such sum, divided by both article counts, is the mean cosine between
// the two groups' articles (average link).
type openStory struct {
	id       string
	title    string
	articles int
	firstDay int32 // event days since 1970-01-01, 0 when unknown
	lastDay  int32
	lastSeq  int64 // arrival number of its newest article: the least recent story is closed first
	profile  map[uint64]float64
	posted   []uint64 // the profile's terms, as they are in the inverted index

	candStamp int64 // the last query that considered this story, to list each once
	candIdx   int   // its place in that query's candidates, -1 when out of time
}

// posting is one story in a term's posting list, with the term's weight in its profile.
type posting struct {
	s *openStory
	w float64
}

// group is a set of arriving articles to be placed together: their summed unit vectors, count
// and day range.
type group struct {
	sum               map[uint64]float64
	n                 int
	firstDay, lastDay int32
}

// clusterer keeps the open stories, an inverted index from term to the stories whose profile
// holds it, and the document frequencies that weigh terms.
type clusterer struct {
	cfg       Config
	df        *docFreq
	open      map[string]*openStory
	postings  map[uint64][]posting
	stamp     int64
	newestDay int32 // the latest article day seen
}

func newClusterer(cfg Config) *clusterer {
	return &clusterer{cfg: cfg, df: newDocFreq(), open: map[string]*openStory{}, postings: map[uint64][]posting{}}
}

// unit returns the article's TF-IDF vector scaled to unit length (nil for an article without
// terms).
func (c *clusterer) unit(tf map[uint64]float64) map[uint64]float64 {
	w := make(map[uint64]float64, len(tf))
	var n2 float64
	for t, v := range tf {
		x := v * c.df.idf(t)
		w[t] = x
		n2 += x * x
	}
	if n2 == 0 {
		return nil
	}
	n := math.Sqrt(n2)
	for t := range w {
		w[t] /= n
	}
	return w
}

// strongest returns up to k terms of v with the largest values, ties by term, so that the
// choice does not depend on map order.
func strongest(v map[uint64]float64, k int) []uint64 {
	ts := make([]uint64, 0, len(v))
	for t := range v {
		ts = append(ts, t)
	}
	sort.Slice(ts, func(i, j int) bool {
		if v[ts[i]] != v[ts[j]] {
			return v[ts[i]] > v[ts[j]]
		}
		return ts[i] < ts[j]
	})
	if len(ts) > k {
		ts = ts[:k]
	}
	return ts
}

// best finds the open story whose articles are on average most similar to the group's. The
// candidates are the stories sharing one of the group's strongest terms and within the time
// gap, ranked by the part of the dot product those terms give; only the best Candidates of them
// are scored in full. Ties go to the older story, so the result does not depend on map order.
func (c *clusterer) best(g *group) (*openStory, float64) {
	if g.n == 0 || len(g.sum) == 0 {
		return nil, 0
	}
	c.stamp++
	type cand struct {
		s       *openStory
		partial float64
	}
	var cands []cand
	for _, q := range strongest(g.sum, c.cfg.QueryTerms) {
		x := g.sum[q]
		for _, p := range c.postings[q] {
			s := p.s
			if s.candStamp != c.stamp {
				s.candStamp = c.stamp
				s.candIdx = -1
				if c.inTime(s, g.firstDay) && c.inTime(s, g.lastDay) {
					s.candIdx = len(cands)
					cands = append(cands, cand{s: s})
				}
			}
			if s.candIdx >= 0 {
				cands[s.candIdx].partial += x * p.w / float64(s.articles)
			}
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		if cands[i].partial != cands[j].partial {
			return cands[i].partial > cands[j].partial
		}
		return cands[i].s.lastSeq < cands[j].s.lastSeq
	})
	if len(cands) > candidates {
		cands = cands[:candidates]
	}
	var best *openStory
	bestSim := 0.0
	for _, cd := range cands {
		s := cd.s
		var dot float64
		for t, x := range g.sum {
			dot += x * s.profile[t]
		}
		sim := dot / float64(g.n*s.articles)
		if sim > bestSim || (sim == bestSim && best != nil && s.lastSeq < best.lastSeq) {
			best, bestSim = s, sim
		}
	}
	return best, bestSim
}

// candidates is how many stories are scored in full for a group. The group's strongest terms
// carry most of any dot product, so the story that wins in full is almost always among the
// few that lead on those terms.
const candidates = 24

// inTime reports whether an article of the given day may join the story: a story is one event,
// and its reports come within days of it. Unknown days never exclude.
func (c *clusterer) inTime(s *openStory, day int32) bool {
	if day == 0 || s.lastDay == 0 || c.cfg.MaxGapDays <= 0 {
		return true
	}
	gap := int32(c.cfg.MaxGapDays)
	return day <= s.lastDay+gap && day >= s.firstDay-gap
}

// add puts a group's articles into a story and re-indexes the story.
func (c *clusterer) add(s *openStory, g *group, seq int64) {
	for t, v := range g.sum {
		s.profile[t] += v
	}
	s.articles += g.n
	s.lastSeq = seq
	c.newestDay = max(c.newestDay, g.lastDay)
	for _, day := range []int32{g.firstDay, g.lastDay} {
		if day != 0 {
			if s.firstDay == 0 || day < s.firstDay {
				s.firstDay = day
			}
			s.lastDay = max(s.lastDay, day)
		}
	}
	c.trim(s)
	c.index(s)
}

// trim keeps the profile's ProfileTerms strongest terms once it has grown to half as many
// again, so that the sort is paid once per several additions.
func (c *clusterer) trim(s *openStory) {
	if len(s.profile) <= c.cfg.ProfileTerms*3/2 {
		return
	}
	keep := strongest(s.profile, c.cfg.ProfileTerms)
	kept := make(map[uint64]float64, len(keep))
	for _, t := range keep {
		kept[t] = s.profile[t]
	}
	s.profile = kept
}

// index replaces the story's postings with its current profile terms.
func (c *clusterer) index(s *openStory) {
	c.unindex(s)
	s.posted = s.posted[:0]
	for t, w := range s.profile {
		c.postings[t] = append(c.postings[t], posting{s, w})
		s.posted = append(s.posted, t)
	}
}

func (c *clusterer) unindex(s *openStory) {
	for _, t := range s.posted {
		list := c.postings[t]
		for i, x := range list {
			if x.s == s {
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

// newStory opens a story.
func (c *clusterer) newStory(id, title string) *openStory {
	s := &openStory{id: id, title: title, profile: map[uint64]float64{}}
	c.open[id] = s
	return s
}

// evict closes stories that no new article can join any more (their last report is more than
// twice the time gap before the newest article seen), then, if more than MaxStories are still
// open, the least recently extended ones, in steps of a tenth so that the sort is paid rarely.
func (c *clusterer) evict() {
	if gap := int32(c.cfg.MaxGapDays); gap > 0 && c.newestDay != 0 {
		for id, s := range c.open {
			if s.lastDay != 0 && s.lastDay+2*gap < c.newestDay {
				c.unindex(s)
				delete(c.open, id)
			}
		}
	}
	if len(c.open) <= c.cfg.MaxStories {
		return
	}
	all := make([]*openStory, 0, len(c.open))
	for _, s := range c.open {
		all = append(all, s)
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].lastSeq != all[j].lastSeq {
			return all[i].lastSeq < all[j].lastSeq
		}
		return all[i].id < all[j].id
	})
	drop := len(all) - (c.cfg.MaxStories - c.cfg.MaxStories/10)
	for _, s := range all[:min(drop, len(all))] {
		c.unindex(s)
		delete(c.open, s.id)
	}
}

// agglomerate groups a batch's articles by average-link agglomerative clustering: starting
// from the given groups, it merges the two groups whose articles are on average most similar
// as long as that mean cosine is at least threshold, and never joins articles more than the
// time gap apart. sims[i][j] is the cosine between articles i and j; members[k] lists group
// k's articles. It returns the merged groups' member lists, each in arrival order, ordered by
// their first member.
func agglomerate(sims [][]float64, members [][]int, days []int32, gap int32, threshold float64) [][]int {
	n := len(members)
	// total[a][b]: sum of cosines between the members of groups a and b.
	total := make([][]float64, n)
	for a := range total {
		total[a] = make([]float64, n)
	}
	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			var s float64
			for _, i := range members[a] {
				for _, j := range members[b] {
					if gap > 0 && days[i] != 0 && days[j] != 0 && (days[i]-days[j] > gap || days[j]-days[i] > gap) {
						s = math.Inf(-1)
					}
					s += sims[i][j]
				}
			}
			total[a][b], total[b][a] = s, s
		}
	}
	alive := make([]bool, n)
	for i := range alive {
		alive[i] = true
	}
	for {
		ba, bb, bs := -1, -1, threshold
		for a := 0; a < n; a++ {
			if !alive[a] {
				continue
			}
			for b := a + 1; b < n; b++ {
				if !alive[b] {
					continue
				}
				if s := total[a][b] / float64(len(members[a])*len(members[b])); s >= bs && (ba < 0 || s > bs) {
					ba, bb, bs = a, b, s
				}
			}
		}
		if ba < 0 {
			break
		}
		members[ba] = append(members[ba], members[bb]...)
		alive[bb] = false
		for k := 0; k < n; k++ {
			if alive[k] && k != ba {
				total[ba][k] += total[bb][k]
				total[k][ba] = total[ba][k]
			}
		}
	}
	var out [][]int
	for a := 0; a < n; a++ {
		if alive[a] {
			sort.Ints(members[a])
			out = append(out, members[a])
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}
