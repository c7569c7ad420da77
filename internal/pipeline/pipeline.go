// Package pipeline wires dateline's stages together — article, text, actor, event — loads the
// knowledge they share once, and runs them over a stream of documents on all cores, keeping the
// output in input order. It is the only package that knows the order of the stages.
package pipeline

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/data"
	"github.com/dateline-news/dateline/internal/actor"
	"github.com/dateline-news/dateline/internal/article"
	"github.com/dateline-news/dateline/internal/event"
	"github.com/dateline-news/dateline/internal/kb"
	"github.com/dateline-news/dateline/internal/meeting"
	"github.com/dateline-news/dateline/internal/mention"
	"github.com/dateline-news/dateline/internal/place"
	"github.com/dateline-news/dateline/internal/taxonomy"
	"github.com/dateline-news/dateline/internal/text"
)

// Pipeline codes documents. It is immutable once built and safe for concurrent use.
type Pipeline struct {
	KB       *kb.KB
	Codes    *taxonomy.Table
	Analyzer *text.Analyzer
	Resolver *actor.Resolver
	Coder    *event.Coder
	Meetings *meeting.Finder  // meeting records, agreements and topics
	Places   *place.Gazetteer // datelines and event locations
}

// Options configure loading.
type Options struct {
	Dicts   []string     // user dictionary files (--dict): actors, agents, people or verb patterns
	Learned []kb.Learned // actors remembered from earlier articles (not rejected by the user)
}

// Load builds a pipeline from the embedded knowledge in data/ and the user's dictionaries.
func Load(opt Options) (*Pipeline, error) {
	k, err := kb.Load(data.Files)
	if err != nil {
		return nil, err
	}
	codesFile, err := data.Files.Open("cameo.tsv")
	if err != nil {
		return nil, err
	}
	codes, err := taxonomy.Read("cameo.tsv", codesFile)
	codesFile.Close()
	if err != nil {
		return nil, err
	}
	if err := readFS(data.Files, "families.tsv", codes.ReadFamilies); err != nil {
		return nil, err
	}
	lem, err := text.NewLemmatizer(data.Files, "irregular.tsv")
	if err != nil {
		return nil, err
	}
	dict := event.NewDict()
	if err := readFS(data.Files, "verbs.txt", dict.Read); err != nil {
		return nil, err
	}
	var placeDicts []string // read into the gazetteer once it is built
	for _, path := range opt.Dicts {
		if kind, err := DictKind(path); err == nil && (kind == "place" || kind == "places") {
			placeDicts = append(placeDicts, path)
			continue
		}
		if err := addDict(k, dict, path); err != nil {
			return nil, err
		}
	}
	k.AddLearned(opt.Learned)
	k.Reindex()
	lem.Know(dict.Words()...)
	// The gazetteer's ~100,000 names are indexed while the tagger's model loads.
	var places *place.Gazetteer
	var placesErr error
	placesDone := make(chan struct{})
	go func() {
		defer close(placesDone)
		places, placesErr = loadPlaces(k, placeDicts)
	}()
	tagger, err := text.DefaultTagger()
	<-placesDone
	if err != nil {
		return nil, err
	}
	if placesErr != nil {
		return nil, placesErr
	}
	gaz := mention.NewGazetteer(k)
	meetings, err := meeting.Load(data.Files, k, lem.Inflect)
	if err != nil {
		return nil, err
	}
	p := &Pipeline{
		KB:       k,
		Codes:    codes,
		Analyzer: &text.Analyzer{Tagger: tagger, Lemma: lem, SplitHyphen: gaz.IsNameCompound},
		Resolver: &actor.Resolver{Gaz: gaz, KB: k, Places: places},
		Coder:    event.NewCoder(dict, codes, lem),
		Meetings: meetings,
		Places:   places,
	}
	return p, nil
}

// loadPlaces builds the gazetteer and adds the user's place-names files.
func loadPlaces(k *kb.KB, dicts []string) (*place.Gazetteer, error) {
	g, err := place.Load(k.Countries, data.Files)
	if err != nil {
		return nil, err
	}
	for _, path := range dicts {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("dictionary: %w", err)
		}
		err = g.ReadNames(path, f)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return g, nil
}

func readFS(fsys fs.FS, name string, read func(string, io.Reader) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("knowledge file %s: %w", name, err)
	}
	defer f.Close()
	return read(name, f)
}

// addDict reads one user dictionary, recognising its kind from its name or first lines.
func addDict(k *kb.KB, dict *event.Dict, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("dictionary: %w", err)
	}
	defer f.Close()
	kind, err := DictKind(path)
	if err != nil {
		return err
	}
	switch kind {
	case "verbs":
		return dict.Read(path, f)
	case "tabari":
		return k.ReadTabari(path, f)
	}
	return k.Read(path, kind, f)
}

// DictKind recognises a dictionary file's kind from a "# kind: X" line or its name.
func DictKind(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("dictionary: %w", err)
	}
	for _, line := range strings.SplitN(string(b), "\n", 20) {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(line), "# kind:"); ok {
			return strings.TrimSpace(rest), nil
		}
	}
	if kb.IsTabari(string(b[:min(len(b), 4096)])) {
		return "tabari", nil
	}
	base := strings.ToLower(filepath.Base(path))
	for _, k := range []string{"verbs", "countries", "igos", "agencies", "agents", "people", "place"} {
		if strings.Contains(base, k) {
			return k, nil
		}
	}
	return "", fmt.Errorf("dictionary %s: cannot tell its kind; name it like data/'s files (verbs.txt, people-*.tsv, ...) or add a line '# kind: people'", path)
}

// Code runs every stage on one raw document.
func (p *Pipeline) Code(raw dateline.RawDoc) *dateline.Document {
	a := article.Parse(raw)
	sents := p.Analyzer.Sentences(a.Body, a.Paragraphs, article.TextStart(a))
	hints := p.Places.Dateline(a, sents) // sets Dateline.Country and Location, before actors use it
	res := p.Resolver.Resolve(a, sents)
	doc := &dateline.Document{
		ID:         a.ID,
		Title:      a.Title,
		Published:  a.Published,
		Date:       a.Date,
		DateSource: a.DateSource,
		Dateline:   a.Dateline,
		Actors:     []dateline.Actor{},
		Events:     []dateline.Event{},
		Meetings:   []dateline.Meeting{},
		Article:    a,
		Sentences:  sents,
	}
	for _, e := range res.Entities {
		if len(e.Mentions) == 0 {
			continue
		}
		doc.Actors = append(doc.Actors, dateline.Actor{Name: e.Name, Code: e.Code(), Country: countryOf(e),
			Agent: e.Agent, Type: e.Kind, Source: e.Source, Role: e.Office, Mentions: e.Mentions})
	}
	for si := range sents {
		for _, ev := range p.Coder.Code(a, &sents[si], res.Refs[si], res.Pair) {
			ev.ID = fmt.Sprintf("%s#%d", a.ID, len(doc.Events)+1)
			doc.Events = append(doc.Events, ev)
		}
	}
	p.Places.Locate(doc, hints)
	p.Meetings.TagEvents(doc.Events, sents)
	doc.Meetings = p.Meetings.Find(meeting.Input{Article: a, Sentences: sents, Refs: res.Refs, Events: doc.Events})
	return doc
}

func countryOf(e *actor.Entity) string {
	if e.Org != "" {
		return e.Org
	}
	return e.Country
}

// Run codes the documents from in on workers goroutines (0 = all cores) and calls out for each
// coded document in input order. It stops at the first error of out or when ctx ends.
func (p *Pipeline) Run(ctx context.Context, in <-chan dateline.RawDoc, workers int, out func(*dateline.Document) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	type job struct {
		seq int
		raw dateline.RawDoc
	}
	type result struct {
		seq int
		doc *dateline.Document
	}
	jobs := make(chan job, workers*4)
	results := make(chan result, workers*4)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				doc := p.Code(j.raw)
				select {
				case results <- result{j.seq, doc}:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(jobs)
		seq := 0
		for raw := range in {
			select {
			case jobs <- job{seq, raw}:
				seq++
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(results) }()
	pending := map[int]*dateline.Document{}
	next := 0
	var err error
	for r := range results {
		if err != nil {
			continue
		}
		pending[r.seq] = r.doc
		for {
			d, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if e := out(d); e != nil {
				err = e
				cancel()
				break
			}
		}
	}
	if err != nil {
		return err
	}
	return ctx.Err()
}

// Learnable returns the people a document introduced by title and nationality that the knowledge
// base lacks: the candidates to remember for later articles.
func Learnable(d *dateline.Document) []dateline.Actor {
	var out []dateline.Actor
	for _, a := range d.Actors {
		if a.Type == "person" && a.Source == "article" && a.Country != "" && a.Agent != "" &&
			len(strings.Fields(a.Name)) >= 2 && len(a.Mentions) > 0 {
			out = append(out, a)
		}
	}
	return out
}
