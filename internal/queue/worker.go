package queue

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/store"
)

// Coder codes one raw document; *pipeline.Pipeline is one.
type Coder interface {
	Code(raw dateline.RawDoc) *dateline.Document
}

// Worker pulls documents from the queue, codes them, saves them in batches and acknowledges
// each only after the batch's transaction has committed. A worker killed at any point loses
// nothing: what it had not acknowledged goes to another worker after the consumer's ack wait,
// and saving a document again is harmless because Save skips stored articles.
type Worker struct {
	Queue   *Queue
	Coder   Coder
	Store   store.Store
	Batch   int          // documents per fetch and per Save (default 128)
	Threads int          // coding goroutines (default GOMAXPROCS)
	Drain   bool         // return once nothing is waiting or in flight, instead of waiting for more
	Log     *slog.Logger // default slog.Default()
	// AfterSave, if set, runs after each successful Save with the documents saved (the CLI
	// records learned actors with it, as in-process ingest does). Its failure is logged: the
	// documents are stored, and are acknowledged all the same.
	AfterSave func(ctx context.Context, docs []*dateline.Document) error
	// Heartbeat is how often the worker publishes its counters for status (default 5s).
	Heartbeat time.Duration
	ID        string // shown in status (default host-pid)

	stats workerStats
}

// workerStats are a worker's counters, read by the heartbeat.
type workerStats struct {
	started                time.Time
	docs                   atomic.Int64 // messages handled: stored, skipped or dead
	articles, events       atomic.Int64 // added by this worker
	skipped, dead, retried atomic.Int64
}

// Stats is a worker's record, as its heartbeat publishes it and status shows it.
type Stats struct {
	ID       string    `json:"id"`
	Host     string    `json:"host"`
	PID      int       `json:"pid"`
	Started  time.Time `json:"started"`
	Updated  time.Time `json:"updated"`
	Docs     int64     `json:"docs"`     // messages handled
	Articles int64     `json:"articles"` // articles this worker added
	Events   int64     `json:"events"`
	Skipped  int64     `json:"skipped"` // already stored (a redelivery or a re-ingest)
	Dead     int64     `json:"dead"`    // sent to the dead letters
	Retried  int64     `json:"retried"` // handed back for another try (store unavailable)
	Rate     float64   `json:"rate"`    // documents per second over the last heartbeat interval
}

func (w *Worker) snapshot() Stats {
	host, _ := os.Hostname()
	return Stats{ID: w.ID, Host: host, PID: os.Getpid(), Started: w.stats.started, Updated: time.Now().UTC(),
		Docs: w.stats.docs.Load(), Articles: w.stats.articles.Load(), Events: w.stats.events.Load(),
		Skipped: w.stats.skipped.Load(), Dead: w.stats.dead.Load(), Retried: w.stats.retried.Load()}
}

// Stats returns the worker's counters so far.
func (w *Worker) Stats() Stats { return w.snapshot() }

// heartbeat timing: a record every heartbeatEvery, dropped by the bucket heartbeatTTL after the
// last one.
const (
	heartbeatEvery = 5 * time.Second
	heartbeatTTL   = time.Minute
)

// item is one message of a batch on its way through the worker.
type item struct {
	msg      jetstream.Msg
	seq      uint64 // stream sequence
	delivery uint64 // 1 on the first delivery
	raw      dateline.RawDoc
	doc      *dateline.Document
	done     bool // acknowledged, handed back or sent to the dead letters already
}

type batch struct {
	items []*item
	stop  func() // ends the in-progress ticker
}

// Run works until ctx ends (or, with Drain, until the queue is empty). On cancellation it
// stops fetching, saves and acknowledges what it has coded, hands back what it has not, and
// returns nil.
func (w *Worker) Run(ctx context.Context) error {
	if w.Batch <= 0 {
		w.Batch = 128
	}
	if w.Threads <= 0 {
		w.Threads = runtime.GOMAXPROCS(0)
	}
	if w.Log == nil {
		w.Log = slog.Default()
	}
	if w.ID == "" {
		host, _ := os.Hostname()
		w.ID = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	w.ID = keySafe(w.ID)
	w.stats.started = time.Now().UTC()
	q := w.Queue

	cons, err := q.js.Consumer(ctx, q.Names.Stream, q.Names.Consumer)
	if err != nil {
		return fmt.Errorf("worker: consumer %s/%s: %w", q.Names.Stream, q.Names.Consumer, err)
	}
	ackWait := cons.CachedInfo().Config.AckWait

	// Documents that no worker could finish (each delivery crashed or stalled one) are turned
	// into dead letters when the server gives up on them.
	adv, err := q.nc.Subscribe(maxDeliveriesSubject(q.Names), func(m *nats.Msg) { w.onMaxDeliveries(m.Data) })
	if err != nil {
		return fmt.Errorf("worker: subscribe to advisories: %w", err)
	}
	defer adv.Unsubscribe() //nolint:errcheck

	hbCtx, hbStop := context.WithCancel(context.WithoutCancel(ctx))
	hbDone := make(chan struct{})
	go func() { defer close(hbDone); w.heartbeat(hbCtx) }()
	defer func() { hbStop(); <-hbDone }()

	// Fetching and coding run one batch ahead of saving, so that the cores code the next batch
	// while the database commits this one.
	coded := make(chan *batch, 1)
	fetchErr := make(chan error, 1)
	go func() {
		defer close(coded)
		fetchErr <- w.fetchLoop(ctx, cons, ackWait, coded)
	}()
	// Saving outlives a cancelled ctx: a batch already coded is saved and acknowledged rather
	// than coded again by another worker.
	saveCtx := context.WithoutCancel(ctx)
	for b := range coded {
		w.commit(ctx, saveCtx, b)
		b.stop()
	}
	return <-fetchErr
}

// fetchLoop fetches, decodes and codes batches until ctx ends or, with Drain, the queue is
// empty.
func (w *Worker) fetchLoop(ctx context.Context, cons jetstream.Consumer, ackWait time.Duration, out chan<- *batch) error {
	backoff := time.Second
	for ctx.Err() == nil {
		t0 := time.Now()
		msgs, err := fetch(ctx, cons, w.Batch)
		if err != nil && ctx.Err() == nil {
			w.Log.Warn("worker: fetch", "err", err)
			if len(msgs) == 0 { // the server is away: wait longer each time
				sleep(ctx, backoff)
				backoff = min(2*backoff, 30*time.Second)
				continue
			}
		}
		if len(msgs) == 0 {
			if w.Drain && w.empty(ctx, cons) {
				return nil
			}
			continue
		}
		backoff = time.Second
		b := &batch{stop: keepAlive(msgs, ackWait)}
		for _, m := range msgs {
			it := &item{msg: m}
			if md, err := m.Metadata(); err == nil {
				it.seq, it.delivery = md.Sequence.Stream, md.NumDelivered
			}
			b.items = append(b.items, it)
		}
		t1 := time.Now()
		w.prepare(ctx, b)
		w.Log.Debug("worker: batch coded", "docs", len(msgs), "fetch", t1.Sub(t0), "code", time.Since(t1))
		select {
		case out <- b:
		case <-ctx.Done():
			// Coded but not to be saved: hand the documents back at once.
			w.handBack(b, 0)
			b.stop()
			return nil
		}
	}
	return nil
}

// fetch returns up to n messages: what is waiting now, or else what comes within a second. (A
// pull that waits for a full batch would idle on the last, short one.)
func fetch(ctx context.Context, cons jetstream.Consumer, n int) ([]jetstream.Msg, error) {
	msgs, err := collect(cons.FetchNoWait(n))
	if len(msgs) > 0 || err != nil {
		return msgs, err
	}
	fctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	return collect(cons.Fetch(n, jetstream.FetchContext(fctx)))
}

func collect(mb jetstream.MessageBatch, err error) ([]jetstream.Msg, error) {
	if err != nil {
		return nil, err
	}
	var msgs []jetstream.Msg
	for m := range mb.Messages() {
		msgs = append(msgs, m)
	}
	if err := mb.Error(); err != nil && !errors.Is(err, nats.ErrTimeout) && !errors.Is(err, context.DeadlineExceeded) &&
		!errors.Is(err, context.Canceled) && !errors.Is(err, jetstream.ErrNoMessages) {
		return msgs, err
	}
	return msgs, nil
}

// empty reports whether the consumer has nothing waiting and nothing in flight (this worker's
// own last batch included), which ends a draining worker.
func (w *Worker) empty(ctx context.Context, cons jetstream.Consumer) bool {
	info, err := cons.Info(ctx)
	if err != nil {
		return false
	}
	return info.NumPending == 0 && info.NumAckPending == 0
}

// keepAlive tells the server every third of the ack wait that the batch is still being worked
// on, so that a slow batch (a busy database) is not handed to a second worker meanwhile. The
// returned func stops it.
func keepAlive(msgs []jetstream.Msg, ackWait time.Duration) func() {
	if ackWait <= 0 {
		ackWait = DefaultAckWait
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(ackWait / 3)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				for _, m := range msgs {
					_ = m.InProgress() // best effort: at worst the document is coded twice
				}
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(stop); <-done }) }
}

// prepare decodes the batch's messages, acknowledges those already stored and codes the rest.
// A message that is not a document, or whose coding fails, goes to the dead letters.
func (w *Worker) prepare(ctx context.Context, b *batch) {
	var ids []string
	for _, it := range b.items {
		raw, err := decode(it.msg.Data())
		it.raw = raw // what could be read of it names the dead letter
		if err != nil {
			w.deadLetter(it, fmt.Errorf("not a document: %w", err))
			continue
		}
		if raw.ID != "" {
			ids = append(ids, raw.ID)
		}
	}
	// A redelivered or re-ingested document that is stored already is acknowledged uncoded.
	if len(ids) > 0 {
		has, err := w.Store.Has(ctx, ids)
		if err != nil {
			w.Log.Warn("worker: look up stored documents", "err", err)
		}
		for _, it := range b.items {
			if !it.done && it.raw.ID != "" && has[it.raw.ID] {
				w.ack(it)
				w.stats.skipped.Add(1)
			}
		}
	}

	var todo []*item
	for _, it := range b.items {
		if !it.done {
			todo = append(todo, it)
		}
	}
	var wg sync.WaitGroup
	next := atomic.Int64{}
	for range min(w.Threads, len(todo)) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(todo) {
					return
				}
				todo[i].doc, todo[i].raw.Text = w.code(todo[i]), "" // the text lives on in doc.Article
			}
		})
	}
	wg.Wait()
	for _, it := range todo {
		if it.doc == nil || it.doc.Error != "" {
			msg := "coding failed"
			if it.doc != nil {
				msg = it.doc.Error
			}
			w.deadLetter(it, errors.New(msg))
			it.doc = nil
		}
	}
}

// code runs the coder on one document; a panic is this document's failure, not the worker's.
func (w *Worker) code(it *item) (doc *dateline.Document) {
	defer func() {
		if r := recover(); r != nil {
			stack := debug.Stack()
			w.Log.Error("worker: coding panicked", "doc", it.raw.ID, "panic", r, "stack", string(stack))
			doc = &dateline.Document{ID: it.raw.ID, Error: fmt.Sprintf("coding panicked: %v", r)}
		}
	}()
	doc = w.Coder.Code(it.raw)
	if doc != nil {
		doc.Sentences = nil // not stored
	}
	return doc
}

// decode reads a message as a raw document, as the publisher wrote it.
func decode(data []byte) (dateline.RawDoc, error) {
	var raw dateline.RawDoc
	if !utf8.Valid(data) {
		return raw, errors.New("invalid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&raw); err != nil {
		return raw, fmt.Errorf("JSON: %w", err)
	}
	if dec.More() {
		return raw, errors.New("JSON: more than one value")
	}
	if strings.TrimSpace(raw.Text) == "" {
		return raw, errors.New(`no "text"`)
	}
	return raw, nil
}

// commit saves the batch's coded documents in one call and acknowledges them. When the call
// fails, the documents are saved one by one, so that one document the store refuses goes to
// the dead letters and the others are stored; when the store itself is failing, everything is
// handed back to be tried again later.
//
// ctx is the worker's (its end cuts a back-off short); saveCtx, which outlives it, bounds the
// store's calls.
func (w *Worker) commit(ctx, saveCtx context.Context, b *batch) {
	var docs []*dateline.Document
	var items []*item
	for _, it := range b.items {
		if !it.done && it.doc != nil {
			docs = append(docs, it.doc)
			items = append(items, it)
		}
	}
	if len(docs) == 0 {
		return
	}
	t0 := time.Now()
	res, err := w.save(saveCtx, docs)
	if err == nil {
		w.Log.Debug("worker: batch saved", "docs", len(docs), "save", time.Since(t0))
		w.count(res)
		w.afterSave(saveCtx, docs)
		for _, it := range items {
			w.ack(it)
		}
		return
	}
	if !w.storeUp(saveCtx, docs[0].ID) {
		w.Log.Warn("worker: store unavailable; handing the batch back", "err", err)
		w.handBack(b, 10*time.Second)
		sleep(ctx, 5*time.Second)
		return
	}
	w.Log.Warn("worker: batch save failed; saving one by one", "docs", len(docs), "err", err)
	for _, it := range items {
		res, err := w.save(saveCtx, []*dateline.Document{it.doc})
		switch {
		case err == nil:
			w.count(res)
			w.afterSave(saveCtx, []*dateline.Document{it.doc})
			w.ack(it)
		case w.storeUp(saveCtx, it.doc.ID):
			w.deadLetter(it, fmt.Errorf("store: %w", err))
		default:
			w.handBack(b, 10*time.Second)
			return
		}
	}
}

func (w *Worker) afterSave(ctx context.Context, docs []*dateline.Document) {
	if w.AfterSave == nil {
		return
	}
	if err := w.AfterSave(ctx, docs); err != nil {
		w.Log.Warn("worker: after save", "err", err)
	}
}

func (w *Worker) save(ctx context.Context, docs []*dateline.Document) (store.SaveResult, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	return w.Store.Save(ctx, docs)
}

// storeUp tells a document the store refuses from a store that is failing: a look-up that
// works means the store is up, so the failure was the document's.
func (w *Worker) storeUp(ctx context.Context, id string) bool {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	_, err := w.Store.Has(ctx, []string{id})
	return err == nil
}

func (w *Worker) count(res store.SaveResult) {
	w.stats.articles.Add(int64(res.Articles))
	w.stats.events.Add(int64(res.Events))
	w.stats.skipped.Add(int64(res.Skipped))
}

func (w *Worker) ack(it *item) {
	if err := it.msg.Ack(); err != nil {
		// Lost acknowledgements mean a redelivery, which finds the document stored.
		w.Log.Warn("worker: ack", "seq", it.seq, "err", err)
	}
	it.done = true
	w.stats.docs.Add(1)
}

// handBack returns the batch's unfinished documents to the queue for another worker (or this
// one) after delay.
func (w *Worker) handBack(b *batch, delay time.Duration) {
	for _, it := range b.items {
		if it.done {
			continue
		}
		var err error
		if delay > 0 {
			err = it.msg.NakWithDelay(delay)
		} else {
			err = it.msg.Nak()
		}
		if err != nil {
			w.Log.Warn("worker: hand back", "seq", it.seq, "err", err)
		}
		it.done = true
		w.stats.retried.Add(1)
	}
}

// heartbeat publishes the worker's counters every heartbeatEvery until ctx ends, then removes
// its record.
func (w *Worker) heartbeat(ctx context.Context) {
	kv, err := w.Queue.js.KeyValue(ctx, w.Queue.Names.Workers)
	if err != nil {
		w.Log.Warn("worker: heartbeat bucket", "err", err)
		return
	}
	t := time.NewTicker(cmpOr(w.Heartbeat, heartbeatEvery))
	defer t.Stop()
	lastDocs, lastTime := int64(0), time.Now()
	beat := func() {
		st := w.snapshot()
		now := time.Now()
		if dt := now.Sub(lastTime).Seconds(); dt > 0 {
			st.Rate = float64(st.Docs-lastDocs) / dt
		}
		lastDocs, lastTime = st.Docs, now
		b, _ := json.Marshal(st)
		pctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		if _, err := kv.Put(pctx, w.ID, b); err != nil && ctx.Err() == nil {
			w.Log.Debug("worker: heartbeat", "err", err)
		}
	}
	beat()
	for {
		select {
		case <-ctx.Done():
			dctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_ = kv.Delete(dctx, w.ID) // gone from status at once rather than after the TTL
			cancel()
			return
		case <-t.C:
			beat()
		}
	}
}

// keySafe makes s a valid key-value key.
func keySafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '=' {
			return r
		}
		return '_'
	}, s)
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	}
}
