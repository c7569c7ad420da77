package queue

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/pipeline"
	"github.com/dateline-news/dateline/internal/store"
	"github.com/dateline-news/dateline/internal/store/postgres"
	"github.com/dateline-news/dateline/internal/store/postgres/pgtest"
	"github.com/dateline-news/dateline/internal/store/sqlite"
)

// EnvNATS names the variable that points the tests at a NATS server with JetStream. When it is
// set, a test that cannot reach it fails; when it is not, the local server (127.0.0.1:4222) is
// used if it answers, else an embedded server in a temporary folder.
const EnvNATS = "DATELINE_TEST_NATS"

// testQueue opens a queue with a stream name of its own and deletes its streams when the test
// ends, so that parallel packages and earlier runs cannot interfere.
func testQueue(t testing.TB, opts Options) *Queue {
	t.Helper()
	server := os.Getenv(EnvNATS)
	if server == "" {
		if c, err := net.DialTimeout("tcp", "127.0.0.1:4222", time.Second); err == nil {
			c.Close()
			server = "nats://127.0.0.1:4222"
		} else {
			server = "embedded:" + t.TempDir()
		}
	}
	stream := "T_" + pgtest.Random()
	q, err := Open(context.Background(), server+"?stream="+stream, opts)
	if err != nil {
		t.Fatalf("Open queue: %v", err)
	}
	t.Cleanup(func() {
		if err := q.Delete(context.Background()); err != nil {
			t.Errorf("delete queue: %v", err)
		}
		q.Close()
	})
	return q
}

var (
	pipeOnce sync.Once
	pipe     *pipeline.Pipeline
	pipeErr  error
)

func testPipeline(t testing.TB) *pipeline.Pipeline {
	t.Helper()
	pipeOnce.Do(func() { pipe, pipeErr = pipeline.Load(pipeline.Options{}) })
	if pipeErr != nil {
		t.Fatal(pipeErr)
	}
	return pipe
}

func sqliteStore(t testing.TB) store.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "t.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// stories returns the bundled sample stories and n generated ones, as ingest would read them.
func stories(t testing.TB, n int) []dateline.RawDoc {
	t.Helper()
	files, err := filepath.Glob("../../data/sample/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no sample stories: %v", err)
	}
	var docs []dateline.RawDoc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, dateline.RawDoc{ID: filepath.Base(f), Text: string(b), Origin: f})
	}
	for i := range n {
		docs = append(docs, dateline.RawDoc{
			ID:     fmt.Sprintf("gen-%04d", i),
			Origin: fmt.Sprintf("generated:%d", i+1),
			Text: fmt.Sprintf("date 2021-05-%02d\nLONDON, May %d (Reuters) - Britain urged Russia to withdraw its troops from the border on day %d.\n\n"+
				"France and Germany signed an agreement on energy cooperation in Paris.", i%28+1, i%28+1, i),
		})
	}
	return docs
}

func publish(t testing.TB, q *Queue, docs []dateline.RawDoc) PublishSummary {
	t.Helper()
	p := q.NewPublisher()
	for _, d := range docs {
		if err := p.Publish(context.Background(), d); err != nil {
			t.Fatal(err)
		}
	}
	return p.Wait()
}

// publishRaw puts bytes on the queue as they are, as a broken or foreign publisher could.
func publishRaw(t testing.TB, q *Queue, data []byte) {
	t.Helper()
	if _, err := q.js.Publish(context.Background(), q.Names.Subject, data); err != nil {
		t.Fatal(err)
	}
}

// drain runs a worker until the queue is empty, failing the test after a minute.
func drain(t testing.TB, w *Worker) {
	t.Helper()
	w.Drain = true
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := w.Run(ctx); err != nil {
		t.Fatalf("worker: %v", err)
	}
	if ctx.Err() != nil {
		t.Fatal("worker did not drain the queue within a minute")
	}
}

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Target
		err  string
	}{
		{in: "nats://127.0.0.1:4222", want: Target{Servers: "nats://127.0.0.1:4222", Stream: DefaultStream, Replicas: 1}},
		{in: "nats://a:4222,nats://b:4222?stream=news_1&replicas=3", want: Target{Servers: "nats://a:4222,nats://b:4222", Stream: "news_1", Replicas: 3}},
		{in: "tls://user:pw@a:4222", want: Target{Servers: "tls://user:pw@a:4222", Stream: DefaultStream, Replicas: 1}},
		{in: "embedded", want: Target{Embedded: EmbeddedDir, Stream: DefaultStream, Replicas: 1}},
		{in: "embedded:/tmp/q?stream=x", want: Target{Embedded: "/tmp/q", Stream: "x", Replicas: 1}},
		{in: "embedded:", err: "names no folder"},
		{in: "nats://h:4222?stream=a.b", err: "stream name"},
		{in: "nats://h:4222?replicas=0", err: "replicas"},
		{in: "nats://h:4222?stream=x&color=red", err: "unknown parameter"},
		{in: "http://h:4222", err: "want nats://"},
		{in: "127.0.0.1:4222", err: "want nats://"},
	} {
		got, err := Parse(c.in)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("Parse(%q) = %+v, %v; want error %q", c.in, got, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	if r := redact("nats://user:secret@h:4222,nats://h2:4222?stream=x"); strings.Contains(r, "secret") {
		t.Errorf("redact kept the password: %s", r)
	}
}

// panicky is the real pipeline with one fault injected: it panics on one document, as a bug
// in a stage might on some odd input.
type panicky struct {
	*pipeline.Pipeline
	id string
}

func (p panicky) Code(raw dateline.RawDoc) *dateline.Document {
	if raw.ID == p.id {
		panic("injected fault on " + raw.ID)
	}
	return p.Pipeline.Code(raw)
}

// TestWorker: documents published go through a worker into the store, each once and coded as
// in-process; malformed messages and a document whose coding panics become dead letters with
// their errors, and the rest goes on.
func TestWorker(t *testing.T) {
	ctx := context.Background()
	q := testQueue(t, Options{})
	p := testPipeline(t)
	docs := stories(t, 40)
	docs = append(docs, dateline.RawDoc{ID: "explode.txt", Text: "PARIS, May 6 (AFP) - France and Germany signed an agreement.", Origin: "explode.txt"})
	sum := publish(t, q, docs)
	if sum.Published != int64(len(docs)) || len(sum.Failed) != 0 {
		t.Fatalf("published %+v, want %d", sum, len(docs))
	}
	publishRaw(t, q, []byte(`{"id": "broken", "text": `))
	publishRaw(t, q, []byte(`{"id": "empty", "text": "   "}`))
	publishRaw(t, q, []byte{0xff, 0xfe, 0x00})

	st := sqliteStore(t)
	w := &Worker{Queue: q, Coder: panicky{p, "explode.txt"}, Store: st, Batch: 16}
	drain(t, w)

	good := docs[:len(docs)-1]
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != int64(len(good)) {
		t.Errorf("%d articles stored, want %d", stats.Articles, len(good))
	}
	for _, raw := range good {
		want := p.Code(raw)
		got, err := st.Document(ctx, want.ID)
		if err != nil {
			t.Errorf("Document(%q): %v", want.ID, err)
			continue
		}
		if g, w := eventContent(got.Events), eventContent(want.Events); g != w {
			t.Errorf("%s: events differ from in-process coding:\n got %s\nwant %s", want.ID, g, w)
		}
	}

	dead, err := q.DeadLetters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	errs := map[string]string{}
	for _, d := range dead {
		key := d.DocID
		if key == "" {
			key = string(d.Data)
		}
		errs[key] = d.Error
		if d.StreamSeq == 0 || d.Deliveries != 1 || d.Worker == "" || d.FailedAt.IsZero() {
			t.Errorf("dead letter %d lacks its facts: %+v", d.Seq, d)
		}
	}
	for key, want := range map[string]string{
		"explode.txt":                 "coding panicked: injected fault on explode.txt",
		`{"id": "broken", "text": `:   "not a document: JSON",
		"empty":                       `no "text"`,
		string([]byte{0xff, 0xfe, 0}): "invalid UTF-8",
	} {
		if !strings.Contains(errs[key], want) {
			t.Errorf("dead letter %q: error %q, want %q", key, errs[key], want)
		}
	}
	if len(dead) != 4 {
		t.Errorf("%d dead letters, want 4: %v", len(dead), errs)
	}
	if ws := w.Stats(); ws.Dead != 4 || ws.Articles != int64(len(good)) || ws.Docs != int64(len(docs)+3) {
		t.Errorf("worker stats %+v", ws)
	}

	// Fixed (here: the same pipeline without the fault), the dead document is replayed and
	// stored; the dropped ones are gone.
	var explode uint64
	var others []uint64
	for _, d := range dead {
		if d.DocID == "explode.txt" {
			explode = d.Seq
		} else {
			others = append(others, d.Seq)
		}
	}
	if n, err := q.Replay(ctx, []uint64{explode}); err != nil || n != 1 {
		t.Fatalf("Replay = %d, %v", n, err)
	}
	if _, err := q.Replay(ctx, []uint64{explode}); err == nil {
		t.Error("a replayed dead letter could be replayed again")
	}
	drain(t, &Worker{Queue: q, Coder: p, Store: st})
	if has, _ := st.Has(ctx, []string{"explode.txt"}); !has["explode.txt"] {
		t.Error("the replayed document was not stored")
	}
	if n, err := q.Drop(ctx, nil); err != nil || n != len(others) {
		t.Errorf("Drop(all) = %d, %v; want %d", n, err, len(others))
	}
	status, err := q.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if status.Dead != 0 || status.Waiting != 0 || status.InFlight != 0 || status.Published != uint64(len(docs)+4) ||
		status.Finished != status.Published {
		t.Errorf("status after all: %+v", status)
	}
}

// eventContent renders events without what Save assigns (GlobalID, DateAdded), for comparing
// runs and engines.
func eventContent(events []dateline.Event) string {
	var b strings.Builder
	for _, e := range events {
		e.GlobalID, e.DateAdded = 0, ""
		if e.ArticleID == "" {
			e.ArticleID = strings.SplitN(e.ID, "#", 2)[0]
		}
		j, _ := json.Marshal(e)
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.String()
}

// TestRedelivery: a worker that dies holding documents (here: a consumer that fetched a batch
// and never acknowledged it) loses none; after the ack wait another worker codes them, and
// documents stored before the crash are not stored twice.
func TestRedelivery(t *testing.T) {
	ctx := context.Background()
	q := testQueue(t, Options{AckWait: time.Second})
	docs := stories(t, 30)
	publish(t, q, docs)
	st := sqliteStore(t)
	p := testPipeline(t)

	// The "crashed" worker: it took 20 documents and stored the first 10 before dying.
	cons, err := q.js.Consumer(ctx, q.Names.Stream, q.Names.Consumer)
	if err != nil {
		t.Fatal(err)
	}
	mb, err := cons.Fetch(20, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	var taken []*dateline.Document
	for m := range mb.Messages() {
		raw, err := decode(m.Data())
		if err != nil {
			t.Fatal(err)
		}
		taken = append(taken, p.Code(raw))
	}
	if len(taken) != 20 {
		t.Fatalf("fetched %d, want 20", len(taken))
	}
	if _, err := st.Save(ctx, taken[:10]); err != nil {
		t.Fatal(err)
	}

	w := &Worker{Queue: q, Coder: p, Store: st, Batch: 7}
	drain(t, w)
	stats, _ := st.Stats(ctx)
	if stats.Articles != int64(len(docs)) {
		t.Errorf("%d articles stored, want %d", stats.Articles, len(docs))
	}
	ws := w.Stats()
	if ws.Articles != int64(len(docs)-10) || ws.Skipped != 10 {
		t.Errorf("worker added %d and skipped %d, want %d and 10", ws.Articles, ws.Skipped, len(docs)-10)
	}
	ev, err := st.Events(ctx, store.EventFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range ev {
		if seen[e.ID] {
			t.Errorf("event %s stored twice", e.ID)
		}
		seen[e.ID] = true
	}
}

// TestMaxDeliveries: a document that no worker acknowledges within MaxDeliver deliveries (each
// taker crashed) becomes a dead letter saying so, through the server's advisory.
func TestMaxDeliveries(t *testing.T) {
	ctx := context.Background()
	q := testQueue(t, Options{AckWait: time.Second, MaxDeliver: 1})
	publish(t, q, stories(t, 0)[:1])
	cons, err := q.js.Consumer(ctx, q.Names.Stream, q.Names.Consumer)
	if err != nil {
		t.Fatal(err)
	}
	mb, err := cons.Fetch(1, jetstream.FetchMaxWait(5*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	for range mb.Messages() { // taken, never acknowledged: the taker "crashed"
	}

	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w := &Worker{Queue: q, Coder: testPipeline(t), Store: sqliteStore(t)}
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	var dead []DeadLetter
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if dead, err = q.DeadLetters(ctx); err != nil {
			t.Fatal(err)
		}
		if len(dead) > 0 {
			break
		}
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("worker: %v", err)
	}
	if len(dead) != 1 || !strings.Contains(dead[0].Error, "delivered 1 times without an acknowledgement") {
		t.Fatalf("dead letters %+v, want the unacknowledged document", dead)
	}
	if raw, err := decode(dead[0].Data); err != nil || raw.ID == "" || dead[0].DocID != raw.ID {
		t.Errorf("dead letter data %q (doc %q): %v", dead[0].Data, dead[0].DocID, err)
	}
	st, err := q.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Stuck != 0 || st.Waiting != 0 || st.Dead != 1 {
		t.Errorf("status %+v: the document should have left the work stream for the dead letters", st)
	}
}

// TestPublisher: a second publication of a document within the duplicate window is dropped by
// the stream, and a document too large for the server is reported, not sent.
func TestPublisher(t *testing.T) {
	q := testQueue(t, Options{})
	docs := stories(t, 3)
	huge := dateline.RawDoc{ID: "huge", Origin: "huge.txt", Text: strings.Repeat("x", int(q.nc.MaxPayload())+1)}
	sum := publish(t, q, append(append(docs, huge), docs...))
	if sum.Published != int64(len(docs)) || sum.Duplicates != int64(len(docs)) {
		t.Errorf("published %d, duplicates %d; want %d each", sum.Published, sum.Duplicates, len(docs))
	}
	if len(sum.Failed) != 1 || sum.Failed[0].ID != "huge" || !strings.Contains(sum.Failed[0].Error(), "huge.txt") ||
		!strings.Contains(sum.Failed[0].Error(), "max_payload") {
		t.Errorf("failures %v, want the huge document named with its origin", sum.Failed)
	}
	st, err := q.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Waiting != uint64(len(docs)) || st.Published != uint64(len(docs)) {
		t.Errorf("status %+v, want %d waiting", st, len(docs))
	}
}

// TestStatusWorkers: a running worker is listed with its counters; a stopped one is not.
func TestStatusWorkers(t *testing.T) {
	ctx := context.Background()
	q := testQueue(t, Options{})
	publish(t, q, stories(t, 5))
	wctx, cancel := context.WithCancel(ctx)
	w := &Worker{Queue: q, Coder: testPipeline(t), Store: sqliteStore(t), ID: "test worker/1", Heartbeat: 100 * time.Millisecond}
	done := make(chan error, 1)
	go func() { done <- w.Run(wctx) }()
	var st Status
	var err error
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if st, err = q.Status(ctx); err != nil {
			t.Fatal(err)
		}
		if st.Finished == 9 && len(st.Workers) == 1 && st.Workers[0].Docs == 9 {
			break
		}
	}
	if len(st.Workers) != 1 || st.Workers[0].ID != "test_worker_1" || st.Workers[0].PID != os.Getpid() {
		t.Errorf("workers %+v, want this one", st.Workers)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if st, err = q.Status(ctx); err != nil || len(st.Workers) != 0 {
		t.Errorf("after the worker stopped: %+v, %v", st.Workers, err)
	}
}

// TestStoreDown: when the store fails for every document, the worker hands the batch back
// instead of filing good documents as dead letters.
func TestStoreDown(t *testing.T) {
	ctx := context.Background()
	q := testQueue(t, Options{})
	publish(t, q, stories(t, 3))
	st := sqliteStore(t)
	st.Close() // every call fails from now on
	wctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	w := &Worker{Queue: q, Coder: testPipeline(t), Store: st}
	if err := w.Run(wctx); err != nil {
		t.Fatal(err)
	}
	if ws := w.Stats(); ws.Dead != 0 || ws.Retried == 0 || ws.Articles != 0 {
		t.Errorf("worker stats %+v: want documents handed back, none dead", ws)
	}
	if dead, err := q.DeadLetters(ctx); err != nil || len(dead) != 0 {
		t.Errorf("dead letters %v, %v; want none", dead, err)
	}
}

// TestWorkerPostgres runs documents through a worker into PostgreSQL, including one the store
// refuses (a NUL byte PostgreSQL text cannot hold): it alone becomes a dead letter, with the
// store's error, and the others of its batch are stored.
func TestWorkerPostgres(t *testing.T) {
	ctx := context.Background()
	db := pgtest.NewDatabase(t)
	st, err := postgres.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q := testQueue(t, Options{})
	docs := stories(t, 20)
	docs = append(docs, dateline.RawDoc{ID: "nul.json", Origin: "nul.json:1", Text: "PARIS, May 6 (AFP) - France and Germany signed an agreement.\x00"})
	publish(t, q, docs)
	w := &Worker{Queue: q, Coder: testPipeline(t), Store: st, Batch: 64}
	drain(t, w)
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != int64(len(docs)-1) {
		t.Errorf("%d articles stored, want %d", stats.Articles, len(docs)-1)
	}
	dead, err := q.DeadLetters(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(dead) != 1 || dead[0].DocID != "nul.json" || dead[0].Origin != "nul.json:1" || !strings.Contains(dead[0].Error, "NUL") {
		t.Errorf("dead letters %+v, want nul.json with the store's error", dead)
	}
}

func TestEmbedded(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	q, err := Open(ctx, "embedded:"+dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	publish(t, q, stories(t, 2))
	q.Close()
	// The streams are kept on disk: a new process finds the documents waiting.
	q, err = Open(ctx, "embedded:"+dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	st := sqliteStore(t)
	drain(t, &Worker{Queue: q, Coder: testPipeline(t), Store: st})
	if s, _ := st.Stats(ctx); s.Articles != 6 {
		t.Errorf("%d articles, want 6", s.Articles)
	}
}
