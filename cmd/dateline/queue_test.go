package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/queue"
	"github.com/dateline-news/dateline/internal/store"
	"github.com/dateline-news/dateline/internal/store/postgres"
	"github.com/dateline-news/dateline/internal/store/postgres/pgtest"
	"github.com/dateline-news/dateline/internal/store/sqlite"
)

// The queue tests run real processes against the real servers: PostgreSQL (see pgtest) and a
// NATS server with JetStream, at DATELINE_TEST_NATS or the local one. When the variable is
// set a test that cannot reach the server fails; when it is not, the test skips.
const (
	envNATS         = "DATELINE_TEST_NATS"
	envCorpusQueue  = "DATELINE_TEST_CORPUS_QUEUE" // 1: run the whole Reuters corpus through the queue
	reutersCorpus   = "../../../shared/corpus/reuters21578.jsonl"
	subsetDocuments = 1500
)

func natsURL(t testing.TB) string {
	t.Helper()
	if u := os.Getenv(envNATS); u != "" {
		return u
	}
	c, err := net.DialTimeout("tcp", "127.0.0.1:4222", time.Second)
	if err != nil {
		t.Skipf("no NATS server at 127.0.0.1:4222 (set %s to require one): %v", envNATS, err)
	}
	c.Close()
	return "nats://127.0.0.1:4222"
}

// testQueueURL returns a queue URL with a stream of the test's own, deleted when it ends.
func testQueueURL(t testing.TB) string {
	t.Helper()
	u := natsURL(t) + "?stream=T_" + pgtest.Random()
	t.Cleanup(func() {
		q, err := queue.Open(context.Background(), u, queue.Options{})
		if err != nil {
			t.Errorf("clean up queue: %v", err)
			return
		}
		defer q.Close()
		if err := q.Delete(context.Background()); err != nil {
			t.Errorf("clean up queue: %v", err)
		}
	})
	return u
}

// corpusInput writes the first n stories of the Reuters corpus (all of them when n <= 0) to a
// temporary file, or, without ../shared, n generated stories.
func corpusInput(t testing.TB, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "input.jsonl")
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	in, err := os.Open(reutersCorpus)
	if err != nil {
		if n <= 0 {
			t.Skipf("no Reuters corpus at %s: %v", reutersCorpus, err)
		}
		for i := range n {
			fmt.Fprintf(out, `{"id":"gen-%d","published":"2021-05-%02d","text":"LONDON, May %d (Reuters) - Britain urged Russia to withdraw its troops from the border on day %d. France and Germany signed an agreement on energy cooperation in Paris."}`+"\n",
				i, i%28+1, i%28+1, i)
		}
		return path
	}
	defer in.Close()
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for i := 0; sc.Scan() && (n <= 0 || i < n); i++ {
		out.Write(sc.Bytes())
		out.Write([]byte{'\n'})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return path
}

// worker is a `dateline worker` process.
type worker struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
}

func startWorker(t testing.TB, queueURL, storeURL, id string, extra ...string) *worker {
	t.Helper()
	w := &worker{}
	args := append([]string{"worker", "--queue", queueURL, "--store", storeURL, "--id", id, "--ack-wait", "5s", "--heartbeat", "200ms"}, extra...)
	w.cmd = exec.Command(bin, args...)
	w.cmd.Env = append(os.Environ(), "DATELINE_STORE=", "DATELINE_QUEUE=")
	w.cmd.Stderr = &w.stderr
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if w.cmd.ProcessState == nil {
			w.cmd.Process.Kill()
			w.cmd.Wait()
		}
	})
	return w
}

// stop ends the worker with SIGTERM, as a supervisor would, and checks it exits cleanly.
func (w *worker) stop(t testing.TB) {
	t.Helper()
	w.cmd.Process.Signal(syscall.SIGTERM)
	if err := w.cmd.Wait(); err != nil {
		t.Errorf("worker %v: %v\n%s", w.cmd.Args, err, w.stderr.String())
	}
}

// TestQueueKillWorker runs a subset of the Reuters corpus through the queue with two worker
// processes, kills one with SIGKILL mid-run and starts another, and checks that every article
// is stored exactly once with events identical to an in-process ingest of the same input. The
// whole corpus runs the same way with DATELINE_TEST_CORPUS_QUEUE=1 (a step of its own in
// .ci/run, without -race).
func TestQueueKillWorker(t *testing.T) {
	queueKillWorker(t, corpusInput(t, subsetDocuments))
}

func TestQueueKillWorkerCorpus(t *testing.T) {
	if os.Getenv(envCorpusQueue) != "1" {
		t.Skipf("set %s=1 to run the whole Reuters corpus through the queue (a few minutes)", envCorpusQueue)
	}
	queueKillWorker(t, corpusInput(t, 0))
}

func queueKillWorker(t *testing.T, input string) {
	queueURL := testQueueURL(t)
	pg := pgtest.NewDatabase(t)
	ctx := context.Background()

	// The reference: the same input coded in-process, with the same knowledge (no actors
	// learned from the corpus, no story stage, which workers do not run).
	ref := filepath.Join(t.TempDir(), "ref.db")
	start := time.Now()
	if _, stderr, code := runCLI(t, "", "ingest", "--store", ref, "--no-learned", "--stories=false", "--no-progress", input); code != 0 {
		t.Fatalf("in-process ingest: exit %d\n%s", code, stderr)
	}
	t.Logf("in-process ingest: %.1fs", time.Since(start).Seconds())
	refStore, err := sqlite.Open(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	defer refStore.Close()
	refStats, err := refStore.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := refStats.Articles

	if _, stderr, code := runCLI(t, "", "ingest", "--queue", queueURL, input); code != 0 || !strings.Contains(stderr, fmt.Sprintf(" %d published", want)) {
		t.Fatalf("ingest --queue: exit %d, want %d published:\n%s", code, want, stderr)
	}
	// A malformed document in the stream must end in the dead letters, and the rest go on.
	q, err := queue.Open(ctx, queueURL, queue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if _, err := q.JetStream().Publish(ctx, q.Names.Subject, []byte(`{"id": "malformed", "text": `)); err != nil {
		t.Fatal(err)
	}

	start = time.Now()
	a := startWorker(t, queueURL, pg, "a")
	b := startWorker(t, queueURL, pg, "b")
	pgStore := openPostgres(t, pg)
	count := func() int64 {
		st, err := pgStore.Stats(ctx)
		if err != nil {
			t.Fatalf("Stats: %v", err)
		}
		return st.Articles
	}
	// Kill worker a once it has stored articles of its own and a quarter of all are stored:
	// mid-run, holding documents.
	var atKill int64
	for deadline := time.Now().Add(5 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if atKill = count(); atKill >= want/4 && storedBy(t, q, "a") > 0 {
			break
		}
		if atKill == want {
			t.Fatalf("all %d articles stored before worker a stored any: nothing to kill mid-run", want)
		}
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d articles stored after 5 minutes\nworker a: %s\nworker b: %s", atKill, want, &a.stderr, &b.stderr)
		}
	}
	if err := a.cmd.Process.Kill(); err != nil { // SIGKILL: no chance to finish anything
		t.Fatal(err)
	}
	a.cmd.Wait()
	status, _ := q.Status(ctx)
	t.Logf("killed worker a at %d of %d articles (%.1fs); %d in flight", atKill, want, time.Since(start).Seconds(), status.InFlight)
	if atKill >= want {
		t.Fatalf("the run had finished (%d of %d articles) before the kill: use more documents", atKill, want)
	}
	c := startWorker(t, queueURL, pg, "c")

	for deadline := time.Now().Add(30 * time.Minute); ; time.Sleep(200 * time.Millisecond) {
		st, err := q.Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Waiting == 0 && st.InFlight == 0 && st.Stuck == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue not drained: %+v", st)
		}
	}
	elapsed := time.Since(start)
	b.stop(t)
	c.stop(t)
	t.Logf("queue drained in %.1fs: %.0f articles/s with 2 workers (one killed and replaced)", elapsed.Seconds(), float64(want)/elapsed.Seconds())
	t.Logf("worker b: %sworker c: %s", lastLine(b.stderr.String()), lastLine(c.stderr.String()))

	// Every article exactly once, each with the events of the in-process run.
	if got := count(); got != want {
		t.Errorf("%d articles stored, want %d", got, want)
	}
	refEvents := eventsByArticle(t, refStore)
	gotEvents := eventsByArticle(t, pgStore)
	if len(gotEvents) != len(refEvents) {
		t.Errorf("%d articles with events, want %d", len(gotEvents), len(refEvents))
	}
	diffs := 0
	for id, w := range refEvents {
		if g := gotEvents[id]; g != w && diffs < 5 {
			diffs++
			t.Errorf("article %s: events differ from the in-process run:\n got %s\nwant %s", id, g, w)
		}
	}
	all, err := pgStore.Events(ctx, store.EventFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range all {
		if seen[e.ID] {
			t.Errorf("event %s stored twice", e.ID)
		}
		seen[e.ID] = true
	}
	if refAll, _ := refStore.Events(ctx, store.EventFilter{All: true}); len(all) != len(refAll) {
		t.Errorf("%d events stored, want %d", len(all), len(refAll))
	}

	out, stderr, code := runCLI(t, "", "deadletter", "list", "--json", "--queue", queueURL)
	if code != 0 {
		t.Fatalf("deadletter list: exit %d: %s", code, stderr)
	}
	var dead []queue.DeadLetter
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var d queue.DeadLetter
		if err := json.Unmarshal([]byte(line), &d); err != nil {
			t.Fatalf("deadletter list --json: %v: %q", err, line)
		}
		dead = append(dead, d)
	}
	if len(dead) != 1 || !strings.Contains(dead[0].Error, "not a document") {
		t.Errorf("dead letters %+v, want the malformed document with its error", dead)
	}
}

// storedBy returns the articles the worker has added, as its last heartbeat says.
func storedBy(t testing.TB, q *queue.Queue, id string) int64 {
	t.Helper()
	st, err := q.Status(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range st.Workers {
		if w.ID == id {
			return w.Articles
		}
	}
	return 0
}

func openPostgres(t testing.TB, url string) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// eventsByArticle renders each article's events without what Save assigns (GlobalID,
// DateAdded), which legitimately differ between runs and engines.
func eventsByArticle(t testing.TB, s store.Store) map[string]string {
	t.Helper()
	events, err := s.Events(context.Background(), store.EventFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string][]dateline.Event{}
	for _, e := range events {
		e.GlobalID, e.DateAdded = 0, ""
		by[e.ArticleID] = append(by[e.ArticleID], e)
	}
	out := make(map[string]string, len(by))
	for id, evs := range by {
		b, _ := json.Marshal(evs)
		out[id] = string(b)
	}
	return out
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1] + "\n"
}

// TestQueueCLI: the status and deadletter commands against a queue with a dead letter, and the
// embedded queue on one machine.
func TestQueueCLI(t *testing.T) {
	queueURL := testQueueURL(t)
	pg := pgtest.NewDatabase(t)
	stories := filepath.Join("..", "..", "data", "sample")
	if _, stderr, code := runCLI(t, "", "ingest", "--queue", queueURL, stories); code != 0 || !strings.Contains(stderr, "4 published") {
		t.Fatalf("ingest --queue: %d %s", code, stderr)
	}
	out, stderr, code := runCLI(t, "", "status", "--queue", queueURL, "--interval", "0")
	if code != 0 || !strings.Contains(out, "waiting       4") {
		t.Errorf("status: %d %q %s", code, out, stderr)
	}
	q, err := queue.Open(context.Background(), queueURL, queue.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if _, err := q.JetStream().Publish(context.Background(), q.Names.Subject, []byte(`not json`)); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "", "worker", "--drain", "--queue", queueURL, "--store", pg); code != 0 ||
		!strings.Contains(stderr, "4 articles added") || !strings.Contains(stderr, "1 dead letters") {
		t.Errorf("worker --drain: %d %s", code, stderr)
	}
	out, _, code = runCLI(t, "", "status", "--queue", queueURL, "--store", pg, "--interval", "0", "--analyze")
	for _, want := range []string{"finished      5", "dead letters  1", "articles  4", "events    "} {
		if !strings.Contains(out, want) {
			t.Errorf("status lacks %q:\n%s", want, out)
		}
	}
	out, _, code = runCLI(t, "", "deadletter", "list", "--queue", queueURL)
	if code != 0 || !strings.Contains(out, "not a document") {
		t.Errorf("deadletter list: %d %q", code, out)
	}
	seq := strings.Fields(strings.Split(out, "\n")[1])[0]
	if _, stderr, code := runCLI(t, "", "deadletter", "replay", "--queue", queueURL); code == 0 {
		t.Errorf("replay without SEQ or --all succeeded: %s", stderr)
	}
	if _, stderr, code := runCLI(t, "", "deadletter", "replay", "--queue", queueURL, seq); code != 0 || !strings.Contains(stderr, "1 dead letter(s) replayed") {
		t.Errorf("replay %s: %d %s", seq, code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "deadletter", "drop", "--queue", queueURL, seq); code == 0 || !strings.Contains(stderr, "no such dead letter") {
		t.Errorf("drop of a replayed dead letter: %d %s", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "worker", "--queue", "http://nowhere"); code == 0 || !strings.Contains(stderr, "nats://") {
		t.Errorf("worker with a bad queue URL: %d %s", code, stderr)
	}

	// One machine, queue semantics: an embedded server, the worker in the same process.
	dir := t.TempDir()
	db := filepath.Join(dir, "e.db")
	_, stderr, code = runCLI(t, "", "ingest", "--queue", "embedded:"+filepath.Join(dir, "q"), "--store", db, stories)
	if code != 0 || !strings.Contains(stderr, "4 published") || !strings.Contains(stderr, "4 articles added") {
		t.Errorf("ingest --queue embedded: %d %s", code, stderr)
	}
}

// runBin executes the built binary for a benchmark or test; it fails on a non-zero exit.
func runBin(tb testing.TB, args ...string) string {
	tb.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "DATELINE_STORE=", "DATELINE_QUEUE=")
	var errb bytes.Buffer
	cmd.Stderr = &errb
	if err := cmd.Run(); err != nil {
		tb.Fatalf("dateline %s: %v\n%s", strings.Join(args, " "), err, errb.String())
	}
	return errb.String()
}

// BenchmarkWorkers measures the queue's throughput into PostgreSQL with 1, 2 and 4 worker
// processes on this machine: the Reuters corpus (or its first DATELINE_BENCH_DOCS stories) is
// published, then the workers are started with --drain and timed until the last one exits
// (their start-up, loading the knowledge base, included). It also reports what an event, an
// article and its actors cost on disk, from PostgreSQL's own sizes after ANALYZE:
//
//	go test ./cmd/dateline -run '^$' -bench Workers -benchtime 1x -timeout 60m
func BenchmarkWorkers(b *testing.B) {
	n := 0
	if v := os.Getenv("DATELINE_BENCH_DOCS"); v != "" {
		fmt.Sscan(v, &n)
	}
	input := corpusInput(b, n)
	for _, workers := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			var articles int64
			var elapsed time.Duration
			var pg string
			for range b.N {
				queueURL := testQueueURL(b)
				pg = pgtest.NewDatabase(b)
				runBin(b, "ingest", "--queue", queueURL, input)
				start := time.Now()
				var procs []*worker
				for i := range workers {
					procs = append(procs, startWorker(b, queueURL, pg, fmt.Sprintf("w%d", i), "--drain"))
				}
				for _, w := range procs {
					if err := w.cmd.Wait(); err != nil {
						b.Fatalf("worker: %v\n%s", err, &w.stderr)
					}
				}
				elapsed += time.Since(start)
				st, err := openPostgres(b, pg).Stats(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				articles += st.Articles
			}
			b.ReportMetric(float64(articles)/elapsed.Seconds(), "articles/s")
			if workers > 1 {
				return
			}
			s := openPostgres(b, pg)
			ctx := context.Background()
			if err := s.Analyze(ctx); err != nil {
				b.Fatal(err)
			}
			sizes, err := s.Sizes(ctx)
			if err != nil {
				b.Fatal(err)
			}
			st, err := s.Stats(ctx)
			if err != nil {
				b.Fatal(err)
			}
			for _, t := range sizes {
				b.Logf("%-9s %8d rows %12d table bytes %12d index bytes %7.0f bytes/row", t.Table, t.Rows, t.TableBytes, t.IndexBytes,
					float64(t.TableBytes+t.IndexBytes)/float64(max(t.Rows, 1)))
				switch t.Table {
				case "events":
					b.ReportMetric(float64(t.TableBytes)/float64(max(st.Events, 1)), "event-table-B")
					b.ReportMetric(float64(t.IndexBytes)/float64(max(st.Events, 1)), "event-index-B")
				case "articles":
					b.ReportMetric(float64(t.TableBytes+t.IndexBytes)/float64(max(st.Articles, 1)), "article-B")
				}
			}
			b.ReportMetric(float64(st.Events)/float64(max(st.Articles, 1)), "events/article")
			marginalBytes(b, s, pg)
		})
	}
}

// marginalBytes measures what one more row costs at scale: the stored articles (with their
// actors and meetings) and events are copied four times under new ids, and the growth of each
// table and its indexes is divided by the rows added. A small database's sizes are dominated by
// fixed costs (every monthly partition and each of its indexes takes pages of its own); the
// growth is the figure a year's projection needs.
func marginalBytes(b *testing.B, s *postgres.Store, url string) {
	ctx := context.Background()
	before, err := s.Sizes(ctx)
	if err != nil {
		b.Fatal(err)
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		b.Fatal(err)
	}
	defer conn.Close(ctx)
	// jsonb_populate_record overrides the keys of a copied row, whatever its other columns.
	for _, q := range []string{
		`INSERT INTO articles SELECT (jsonb_populate_record(a, jsonb_build_object('id', 'copy' || k || '-' || a.id))).*
			FROM articles a, generate_series(1, 4) k`,
		`INSERT INTO actors SELECT (jsonb_populate_record(a, jsonb_build_object('article_id', 'copy' || k || '-' || a.article_id))).*
			FROM actors a, generate_series(1, 4) k`,
		`INSERT INTO meetings SELECT (jsonb_populate_record(m, jsonb_build_object('article_id', 'copy' || k || '-' || m.article_id))).*
			FROM meetings m, generate_series(1, 4) k`,
		`INSERT INTO events SELECT (jsonb_populate_record(e, jsonb_build_object('id', 'copy' || k || '-' || e.id,
			'article_id', 'copy' || k || '-' || e.article_id, 'global_id', nextval('events_global_id_seq')))).*
			FROM events e, generate_series(1, 4) k`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			b.Fatalf("%s: %v", q, err)
		}
	}
	if err := s.Analyze(ctx); err != nil {
		b.Fatal(err)
	}
	after, err := s.Sizes(ctx)
	if err != nil {
		b.Fatal(err)
	}
	for i, t := range after {
		rows := float64(t.Rows - before[i].Rows)
		table := float64(t.TableBytes-before[i].TableBytes) / rows
		index := float64(t.IndexBytes-before[i].IndexBytes) / rows
		b.Logf("marginal %-9s %8.0f rows added: %5.0f table + %5.0f index = %5.0f bytes/row", t.Table, rows, table, index, table+index)
		b.ReportMetric(table+index, "marginal-"+t.Table+"-B")
	}
}
