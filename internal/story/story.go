// Package story tells one real event from its many reports: it links exact and near-duplicate
// articles (content hash; MinHash with LSH over word shingles), groups articles into stories
// incrementally and in bounded memory, and keys each coded event so that the store can merge
// the reports of one event into one event record.
package story

import (
	"fmt"
	"net/url"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/dateline-news/dateline"
)

// Config sets the assigner's thresholds and memory bounds. The zero value of a field means its
// default (see DefaultConfig).
type Config struct {
	Shingle      int     // words per shingle for duplicate detection
	NearDup      float64 // estimated Jaccard similarity of shingle sets at or above which an article is a near duplicate
	MinShingles  int     // articles with fewer distinct shingles are never near duplicates (too short to tell)
	Join         float64 // mean cosine between two groups of articles at or above which they are one story
	MaxGapDays   int     // an article joins only a story whose reports are within this many days of its date (0 = no limit)
	MergeDays    int     // events whose dates differ by at most this many days may merge
	Window       int     // articles kept for duplicate detection
	MaxStories   int     // stories kept open for new articles
	ProfileTerms int     // terms kept in a story's profile
	QueryTerms   int     // an article's strongest terms used to find candidate stories
}

// DefaultConfig returns the defaults. The thresholds were chosen as described in
// docs/stories.md; the bounds keep the assigner's memory under about 100 MB whatever the
// stream's length (measured in docs/stories.md).
func DefaultConfig() Config {
	return Config{
		Shingle:      4,
		NearDup:      0.5,
		MinShingles:  8,
		Join:         0.24,
		MaxGapDays:   4,
		MergeDays:    1,
		Window:       20000,
		MaxStories:   5000,
		ProfileTerms: 150,
		QueryTerms:   40,
	}
}

func (c Config) withDefaults() Config {
	d := DefaultConfig()
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	setF := func(v *float64, def float64) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&c.Shingle, d.Shingle)
	setF(&c.NearDup, d.NearDup)
	set(&c.MinShingles, d.MinShingles)
	setF(&c.Join, d.Join)
	if c.MaxGapDays < 0 {
		c.MaxGapDays = 0
	} else if c.MaxGapDays == 0 {
		c.MaxGapDays = d.MaxGapDays
	}
	if c.MergeDays < 0 {
		c.MergeDays = 0
	} else if c.MergeDays == 0 {
		c.MergeDays = d.MergeDays
	}
	set(&c.Window, d.Window)
	set(&c.MaxStories, d.MaxStories)
	set(&c.ProfileTerms, d.ProfileTerms)
	set(&c.QueryTerms, d.QueryTerms)
	return c
}

// Duplicate kinds.
const (
	Exact = "exact" // the same body text (content hash), under another id
	Near  = "near"  // most of the same wording: a republished, updated or re-headlined copy
)

// Assignment is what the stage decided for one article.
type Assignment struct {
	ArticleID   string
	StoryID     string  // the id of the story's first article
	NewStory    bool    // the article opened its story
	DuplicateOf string  // the earlier article this one copies, if any
	Duplicate   string  // Exact, Near or ""
	Similarity  float64 // to the original (estimated Jaccard) for a duplicate, else the cosine to the story joined (0 for a new story)
	Outlet      string  // the publishing source: URL host or wire agency ("" when unknown)
	Hash        string  // the article's content hash
	Signature   Signature
	Events      []EventKey // one per event of the document, in its order
}

// EventKey says which earlier events an event may merge with: those of the same story with
// the same Key whose date lies in [From, To] (both empty when the date is unknown, which
// matches any date).
type EventKey struct {
	Key      string
	From, To string
}

// StoryState is one story's record as the assigner keeps it between runs.
type StoryState struct {
	ID       string
	Title    string
	Articles int
	Profile  []byte // the open story's profile (MarshalProfile); nil for a closed story
}

// Result is what Assign decided for a batch.
type Result struct {
	Articles []Assignment
	Stories  []StoryState // stories opened or extended by the batch
}

// Assigner assigns arriving articles to stories. It is not safe for concurrent use: arrival
// order is part of its result.
type Assigner struct {
	cfg   Config
	clu   *clusterer
	dup   *window
	seq   int64 // articles seen, across runs
	dirty map[string]bool
}

// New returns an assigner with no history.
func New(cfg Config) *Assigner {
	cfg = cfg.withDefaults()
	return &Assigner{cfg: cfg, clu: newClusterer(cfg), dup: newWindow(cfg.Window), dirty: map[string]bool{}}
}

// Assign places a batch of documents, in arrival order. Duplicates are found article by
// article (a copy may follow its original within the batch). The batch's other articles are
// then grouped among themselves by average-link agglomerative clustering, and each group joins
// the open story its articles are on average most similar to, or opens a new one: so the
// result depends on arrival order only through which articles arrive in one batch (see
// docs/stories.md). Documents that are nil, failed coding (Error set) or have no id are left
// out of the result.
func (a *Assigner) Assign(docs []*dateline.Document) Result {
	var res Result
	type item struct {
		doc  *dateline.Document
		as   Assignment
		tf   map[uint64]float64
		day  int32
		orig int // index in the batch of the original it copies, or -1
	}
	var items []*item
	inBatch := map[string]int{}
	pre := a.prepare(docs)
	for di, d := range docs {
		if d == nil || d.Error != "" || d.ID == "" {
			continue
		}
		if _, ok := inBatch[d.ID]; ok {
			continue // the store keeps the first of two documents with one id
		}
		a.seq++
		it := &item{doc: d, tf: pre[di].tf, day: dayOf(d.Date), orig: -1}
		it.as = a.dedup(d, pre[di].sh, pre[di].sig)
		if it.as.DuplicateOf != "" {
			if k, ok := inBatch[it.as.DuplicateOf]; ok {
				it.orig = k
			}
		}
		// The window is told the story later; meanwhile a copy in this batch finds it here.
		a.dup.add(d.ID, "", it.as.Hash, &it.as.Signature, a.seq)
		inBatch[d.ID] = len(items)
		items = append(items, it)
	}
	if len(items) == 0 {
		return res
	}
	// Document frequencies include the whole batch before any of it is weighed, so that the
	// order inside a batch does not matter.
	for _, it := range items {
		a.clu.df.add(it.tf)
	}
	units := make([]map[uint64]float64, len(items))
	days := make([]int32, len(items))
	for i, it := range items {
		units[i] = a.clu.unit(it.tf)
		days[i] = it.day
	}

	// Copies of articles of earlier batches go to their original's story; copies of articles of
	// this batch start in their original's group.
	var members [][]int
	groupOf := make([]int, len(items))
	var direct []int
	for i, it := range items {
		switch {
		case it.as.DuplicateOf != "" && it.orig < 0:
			direct = append(direct, i)
			groupOf[i] = -1
		case it.orig >= 0 && groupOf[it.orig] >= 0:
			g := groupOf[it.orig]
			members[g] = append(members[g], i)
			groupOf[i] = g
		default:
			groupOf[i] = len(members)
			members = append(members, []int{i})
		}
	}
	sims := make([][]float64, len(items))
	for i := range sims {
		sims[i] = make([]float64, len(items))
	}
	sorted := make([]vector, len(items))
	for i, u := range units {
		sorted[i] = toVector(u)
	}
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			s := sorted[i].dot(sorted[j])
			sims[i][j], sims[j][i] = s, s
		}
	}
	groups := agglomerate(sims, members, days, int32(a.cfg.MaxGapDays), a.cfg.Join)

	for _, i := range direct {
		it := items[i]
		it.as.StoryID = a.dup.storyOf(it.as.DuplicateOf)
		if s := a.clu.open[it.as.StoryID]; s != nil { // a closed story still takes the copy
			a.clu.add(s, groupFrom([]int{i}, units, days), a.seq)
			a.dirty[s.id] = true
		}
	}
	for _, g := range groups {
		gr := groupFrom(g, units, days)
		s, sim := a.clu.best(gr)
		first := items[g[0]]
		if s == nil || sim < a.cfg.Join {
			s = a.clu.newStory(first.doc.ID, firstNonEmpty(first.doc.Title, titleOf(first.doc)))
			first.as.NewStory = true
			sim = 0
		}
		for _, i := range g {
			items[i].as.StoryID = s.id
			if items[i].as.DuplicateOf == "" && !items[i].as.NewStory {
				items[i].as.Similarity = sim
			}
		}
		a.clu.add(s, gr, a.seq)
		a.dirty[s.id] = true
	}
	for _, it := range items {
		a.dup.setStory(it.doc.ID, it.as.StoryID)
		res.Articles = append(res.Articles, it.as)
	}
	// Stories in the order the batch's articles reached them, so that new stories are
	// recorded in the order they began.
	for _, as := range res.Articles {
		if s := a.clu.open[as.StoryID]; s != nil && a.dirty[s.id] {
			res.Stories = append(res.Stories, StoryState{ID: s.id, Title: s.title, Articles: s.articles, Profile: marshalProfile(s)})
			delete(a.dirty, s.id)
		}
	}
	clear(a.dirty)
	a.clu.evict()
	return res
}

// prepared is the per-article work of Assign that depends on nothing else: its term vector,
// shingles and MinHash signature, computed for a whole batch on all cores.
type prepared struct {
	tf  map[uint64]float64
	sh  []uint64
	sig Signature
}

func (a *Assigner) prepare(docs []*dateline.Document) []prepared {
	out := make([]prepared, len(docs))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				d := docs[i]
				body := ""
				if d.Article != nil {
					body = d.Article.Body
				}
				sh := shingles(body, a.cfg.Shingle)
				out[i] = prepared{tf: features(d), sh: sh, sig: MinHash(sh)}
			}
		}()
	}
	for i, d := range docs {
		if d != nil && d.Error == "" && d.ID != "" {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	return out
}

// dedup fills in an article's duplicate link, outlet, hash, signature and event keys.
func (a *Assigner) dedup(d *dateline.Document, sh []uint64, sig Signature) Assignment {
	hash, url := "", ""
	if d.Article != nil {
		hash, url = d.Article.Hash, d.Article.URL
	}
	as := Assignment{
		ArticleID: d.ID,
		Outlet:    Outlet(url, d.Dateline.Agency),
		Hash:      hash,
		Signature: sig,
		Events:    a.eventKeys(d),
	}
	orig, kind, sim := a.dup.match(hash, &as.Signature, distinct(sh) >= a.cfg.MinShingles, a.cfg.NearDup, len(sh) > 0)
	if orig != nil {
		as.DuplicateOf, as.Duplicate, as.Similarity = orig.articleID, kind, sim
	}
	return as
}

// groupFrom sums the unit vectors of a group's articles.
func groupFrom(idx []int, units []map[uint64]float64, days []int32) *group {
	g := &group{sum: map[uint64]float64{}, n: len(idx)}
	for _, i := range idx {
		for t, v := range units[i] {
			g.sum[t] += v
		}
		if d := days[i]; d != 0 {
			if g.firstDay == 0 || d < g.firstDay {
				g.firstDay = d
			}
			g.lastDay = max(g.lastDay, d)
		}
	}
	return g
}

func titleOf(d *dateline.Document) string {
	if d.Article != nil {
		return d.Article.Title
	}
	return ""
}

func distinct(xs []uint64) int {
	m := make(map[uint64]struct{}, len(xs))
	for _, x := range xs {
		m[x] = struct{}{}
	}
	return len(m)
}

// eventKeys keys each event by what must be equal for two reports to be of one event: the
// two sides' codes, the CAMEO code, negation and mood (a denial does not merge with the
// claim). The date may differ by MergeDays, because reports resolve "on Tuesday" against
// different publication days.
func (a *Assigner) eventKeys(d *dateline.Document) []EventKey {
	out := make([]EventKey, len(d.Events))
	for i, e := range d.Events {
		k := EventKey{Key: MergeKey(&e)}
		if t, err := time.Parse(time.DateOnly, e.Date); err == nil {
			k.From = t.AddDate(0, 0, -a.cfg.MergeDays).Format(time.DateOnly)
			k.To = t.AddDate(0, 0, a.cfg.MergeDays).Format(time.DateOnly)
		}
		out[i] = k
	}
	return out
}

// MergeKey is the part of an event that two reports of it must share.
func MergeKey(e *dateline.Event) string {
	neg := "0"
	if e.Negated {
		neg = "1"
	}
	a, b := code(e.Source), code(e.Target)
	if e.Mutual && b < a {
		a, b = b, a // a joint act is the same whichever party the report names first
	}
	return strings.Join([]string{a, b, e.Cameo, neg, e.Mood}, "|")
}

// Outlet names the source that published an article, for NumSources: the host of its URL
// without "www.", else its wire agency, lower-cased.
func Outlet(rawURL, agency string) string {
	if rawURL != "" {
		if u, err := url.Parse(rawURL); err == nil && u.Host != "" {
			return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		}
	}
	return strings.ToLower(strings.TrimSpace(agency))
}

// dayOf turns a YYYY-MM-DD date into days since 1970-01-01; 0 when unknown.
func dayOf(date string) int32 {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return 0
	}
	d := int32(t.Unix() / 86400)
	if d == 0 {
		d = 1 // 1970-01-01 would read as unknown
	}
	return d
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

// Restore rebuilds the assigner's memory from what an earlier run left in the store: its
// counts (State, as Snapshot wrote them), its open stories, most recent first, and its most
// recent articles, newest first. Whatever exceeds the bounds is ignored.
func (a *Assigner) Restore(state []byte, stories []StoryState, articles []Assignment) error {
	if len(state) > 0 {
		seq, err := a.clu.df.unmarshal(state)
		if err != nil {
			return fmt.Errorf("story state: %w", err)
		}
		a.seq = seq
	}
	for i, st := range stories {
		if i >= a.cfg.MaxStories {
			break
		}
		if st.Profile == nil || a.clu.open[st.ID] != nil {
			continue
		}
		s, err := unmarshalProfile(st.ID, st.Profile)
		if err != nil {
			return fmt.Errorf("story %q: %w", st.ID, err)
		}
		s.title = st.Title
		s.articles = st.Articles
		a.clu.open[s.id] = s
		a.clu.index(s)
	}
	n := min(len(articles), a.cfg.Window)
	for i := n - 1; i >= 0; i-- { // oldest first, so the window's order is arrival order
		ar := articles[i]
		a.dup.add(ar.ArticleID, ar.StoryID, ar.Hash, &ar.Signature, a.seq-int64(i))
	}
	return nil
}

// Snapshot returns the assigner's counts for Restore: the articles seen and the document
// frequencies, compactly.
func (a *Assigner) Snapshot() []byte { return a.clu.df.marshal(a.seq) }
