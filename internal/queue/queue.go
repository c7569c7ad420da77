// Package queue carries raw documents from `dateline ingest` to any number of `dateline worker`
// processes through a NATS JetStream work-queue stream: workers code and store each document
// and acknowledge it only after its rows commit, send documents that cannot be coded or stored
// to a dead-letter stream with their error, and report what they do for `dateline status`.
package queue

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// DefaultStream is the stream's name when the queue URL names none.
const DefaultStream = "DATELINE"

// EmbeddedDir is where an embedded server keeps its streams when the URL names no folder.
const EmbeddedDir = "dateline-queue"

// Defaults of the work consumer, used when it is first created (and by workers asked to
// update it).
const (
	// DefaultAckWait is how long a worker may hold a document before the server gives it to
	// another. Workers mark long batches in progress, so this bounds only how soon a killed
	// worker's documents go to the others.
	DefaultAckWait = 60 * time.Second
	// DefaultMaxDeliver is how often a document is handed out before it counts as poison: a
	// document that kills or stalls every worker that takes it goes to the dead letters then.
	DefaultMaxDeliver = 5
	// maxAckPending bounds the documents handed out and not yet acknowledged, over all workers.
	maxAckPending = 20000
	// dupWindow is how long the stream remembers a document id to drop a second publication of
	// it (a re-run ingest); later copies reach a worker, which finds them stored and skips them.
	dupWindow = 2 * time.Minute
)

// Names are the JetStream names of one queue, all derived from the stream's name.
type Names struct {
	Stream      string // the work-queue stream of raw documents
	Subject     string // its subject
	Consumer    string // the durable consumer all workers share
	Dead        string // the dead-letter stream
	DeadSubject string
	Workers     string // key-value bucket of worker heartbeats
}

// NamesFor returns the names of the queue whose stream is named stream.
func NamesFor(stream string) Names {
	return Names{
		Stream:      stream,
		Subject:     stream + ".docs",
		Consumer:    "workers",
		Dead:        stream + "_DEAD",
		DeadSubject: stream + ".dead",
		Workers:     stream + "_workers",
	}
}

// Options configure Open.
type Options struct {
	// AckWait and MaxDeliver configure the work consumer when Open creates it (0: the
	// defaults). An existing consumer keeps its settings unless UpdateConsumer is set.
	AckWait        time.Duration
	MaxDeliver     int
	UpdateConsumer bool
	Name           string // the connection's name, shown by the server's monitoring
}

// Queue is a connection to one queue's streams.
type Queue struct {
	Names Names
	nc    *nats.Conn
	js    jetstream.JetStream
	srv   *server.Server // the embedded server, or nil
	where string         // the URL without credentials, for messages
	opts  Options
}

var streamName = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// Target is a parsed queue URL.
type Target struct {
	Servers  string // comma-separated server URLs for nats.Connect, or "" when embedded
	Embedded string // the embedded server's folder, or ""
	Stream   string
	Replicas int
}

// Parse reads a queue URL:
//
//	nats://host:4222[,nats://host2:4222...][?stream=NAME&replicas=N]   (tls:// too)
//	embedded[:DIR][?stream=NAME]      an in-process server keeping its streams in DIR
//
// stream names the stream (letters, digits, - and _; default DATELINE), so that several
// queues can share a server; replicas is the copies a clustered server keeps of each stream
// (default 1), used when the streams are created.
func Parse(raw string) (Target, error) {
	t := Target{Stream: DefaultStream, Replicas: 1}
	base, query, _ := strings.Cut(raw, "?")
	q, err := url.ParseQuery(query)
	if err != nil {
		return t, fmt.Errorf("queue %q: %w", raw, err)
	}
	for k := range q {
		switch k {
		case "stream":
			t.Stream = q.Get(k)
			if !streamName.MatchString(t.Stream) {
				return t, fmt.Errorf("queue %q: stream name %q: use letters, digits, - and _", raw, t.Stream)
			}
		case "replicas":
			if t.Replicas, err = strconv.Atoi(q.Get(k)); err != nil || t.Replicas < 1 || t.Replicas > 5 {
				return t, fmt.Errorf("queue %q: replicas %q: want 1 to 5", raw, q.Get(k))
			}
		default:
			return t, fmt.Errorf("queue %q: unknown parameter %q (want stream or replicas)", raw, k)
		}
	}
	switch {
	case base == "embedded":
		t.Embedded = EmbeddedDir
	case strings.HasPrefix(base, "embedded:"):
		t.Embedded = strings.TrimPrefix(base, "embedded:")
		if t.Embedded == "" {
			return t, fmt.Errorf("queue %q: embedded: names no folder", raw)
		}
	default:
		for _, s := range strings.Split(base, ",") {
			u, err := url.Parse(strings.TrimSpace(s))
			if err != nil || u.Host == "" || (u.Scheme != "nats" && u.Scheme != "tls") {
				return t, fmt.Errorf("queue %q: want nats://HOST:PORT (or tls://, or embedded[:DIR])", raw)
			}
		}
		t.Servers = base
	}
	return t, nil
}

// Open connects to the queue at the URL (see Parse) and creates its streams, consumer and
// heartbeat bucket if they do not exist yet, so that any of ingest, worker or status may be
// the first to run.
func Open(ctx context.Context, rawURL string, opts Options) (*Queue, error) {
	t, err := Parse(rawURL)
	if err != nil {
		return nil, err
	}
	q := &Queue{Names: NamesFor(t.Stream), where: redact(rawURL), opts: opts}
	if opts.Name == "" {
		opts.Name = "dateline"
	}
	connOpts := []nats.Option{
		nats.Name(opts.Name),
		// A worker outlives a restart of the server or a failover in a cluster: it reconnects
		// for as long as it runs, and its fetches fail meanwhile without ending it.
		nats.MaxReconnects(-1),
		nats.ReconnectWait(time.Second),
		nats.Timeout(10 * time.Second),
	}
	if t.Embedded != "" {
		if q.srv, err = startEmbedded(t.Embedded); err != nil {
			return nil, fmt.Errorf("queue %s: %w", q.where, err)
		}
		connOpts = append(connOpts, nats.InProcessServer(q.srv))
	}
	if q.nc, err = nats.Connect(t.Servers, connOpts...); err != nil {
		q.shutdownServer()
		return nil, fmt.Errorf("queue %s: connect: %w", q.where, err)
	}
	if q.js, err = jetstream.New(q.nc, jetstream.WithPublishAsyncMaxPending(4096)); err != nil {
		q.Close()
		return nil, fmt.Errorf("queue %s: %w", q.where, err)
	}
	if err := q.ensure(ctx, t.Replicas, opts); err != nil {
		q.Close()
		return nil, fmt.Errorf("queue %s: %w", q.where, err)
	}
	return q, nil
}

// startEmbedded runs a JetStream server in this process, reachable only through it.
func startEmbedded(dir string) (*server.Server, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("embedded server folder %s: %w", dir, err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("embedded server folder: %w", err)
	}
	srv, err := server.NewServer(&server.Options{
		ServerName: "dateline-embedded",
		JetStream:  true,
		StoreDir:   abs,
		DontListen: true, // in-process connections only: nothing is exposed on the network
		NoSigs:     true,
		NoLog:      true,
	})
	if err != nil {
		return nil, fmt.Errorf("embedded server: %w", err)
	}
	srv.Start()
	if !srv.ReadyForConnections(30 * time.Second) {
		srv.Shutdown()
		return nil, fmt.Errorf("embedded server in %s did not start", abs)
	}
	return srv, nil
}

// ensure creates what does not exist yet; it changes existing streams only by adding nothing,
// so that a second ingest cannot reconfigure a running queue.
func (q *Queue) ensure(ctx context.Context, replicas int, opts Options) error {
	n := q.Names
	streams := []jetstream.StreamConfig{
		{
			Name:        n.Stream,
			Description: "dateline: raw documents waiting to be coded",
			Subjects:    []string{n.Subject},
			Retention:   jetstream.WorkQueuePolicy, // a document leaves the stream when acknowledged
			Storage:     jetstream.FileStorage,
			Replicas:    replicas,
			Duplicates:  dupWindow,
		},
		{
			Name:        n.Dead,
			Description: "dateline: documents that could not be coded or stored, with their errors",
			Subjects:    []string{n.DeadSubject},
			Retention:   jetstream.LimitsPolicy, // kept until replayed or dropped
			Storage:     jetstream.FileStorage,
			Replicas:    replicas,
			Duplicates:  dupWindow,
		},
	}
	for _, cfg := range streams {
		if _, err := q.js.Stream(ctx, cfg.Name); errors.Is(err, jetstream.ErrStreamNotFound) {
			if _, err := q.js.CreateStream(ctx, cfg); err != nil && !errors.Is(err, jetstream.ErrStreamNameAlreadyInUse) {
				return fmt.Errorf("create stream %s: %w", cfg.Name, err)
			}
		} else if err != nil {
			return fmt.Errorf("stream %s: %w", cfg.Name, err)
		}
	}
	cc := jetstream.ConsumerConfig{
		Durable:       n.Consumer,
		Description:   "dateline workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       cmpOr(opts.AckWait, DefaultAckWait),
		MaxDeliver:    cmpOr(opts.MaxDeliver, DefaultMaxDeliver),
		MaxAckPending: maxAckPending,
		FilterSubject: n.Subject,
		Replicas:      replicas,
	}
	_, err := q.js.Consumer(ctx, n.Stream, n.Consumer)
	switch {
	case errors.Is(err, jetstream.ErrConsumerNotFound):
		if _, err := q.js.CreateConsumer(ctx, n.Stream, cc); err != nil {
			// Another process may have created it a moment ago, with the same settings.
			if _, err2 := q.js.Consumer(ctx, n.Stream, n.Consumer); err2 != nil {
				return fmt.Errorf("create consumer: %w", err)
			}
		}
	case err != nil:
		return fmt.Errorf("consumer: %w", err)
	case opts.UpdateConsumer:
		if _, err := q.js.UpdateConsumer(ctx, n.Stream, cc); err != nil {
			return fmt.Errorf("update consumer: %w", err)
		}
	}
	if _, err := q.js.KeyValue(ctx, n.Workers); errors.Is(err, jetstream.ErrBucketNotFound) {
		if _, err := q.js.CreateKeyValue(ctx, jetstream.KeyValueConfig{
			Bucket:      n.Workers,
			Description: "dateline: worker heartbeats",
			TTL:         heartbeatTTL, // a worker that stops beating disappears from status
			Storage:     jetstream.FileStorage,
			Replicas:    replicas,
		}); err != nil && !errors.Is(err, jetstream.ErrBucketExists) {
			if _, err2 := q.js.KeyValue(ctx, n.Workers); err2 != nil {
				return fmt.Errorf("create bucket %s: %w", n.Workers, err)
			}
		}
	} else if err != nil {
		return fmt.Errorf("bucket %s: %w", n.Workers, err)
	}
	return nil
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Where returns the queue's URL without credentials.
func (q *Queue) Where() string { return q.where }

// JetStream gives tests and tools the underlying JetStream context.
func (q *Queue) JetStream() jetstream.JetStream { return q.js }

// Close drains the connection (outstanding acknowledgements and publications are sent) and
// stops the embedded server, if any.
func (q *Queue) Close() error {
	var err error
	if q.nc != nil {
		// Drain flushes what is buffered, acknowledgements included; Close alone could drop
		// the last batch's acks and have those documents coded again.
		if err = q.nc.Drain(); err == nil {
			for i := 0; i < 100 && !q.nc.IsClosed(); i++ {
				time.Sleep(20 * time.Millisecond)
			}
		}
		q.nc.Close()
	}
	q.shutdownServer()
	if err != nil {
		return fmt.Errorf("queue %s: close: %w", q.where, err)
	}
	return nil
}

func (q *Queue) shutdownServer() {
	if q.srv != nil {
		q.srv.Shutdown()
		q.srv.WaitForShutdown()
	}
}

// redact drops user information from every server URL in raw.
func redact(raw string) string {
	base, query, hasQuery := strings.Cut(raw, "?")
	parts := strings.Split(base, ",")
	for i, s := range parts {
		if u, err := url.Parse(strings.TrimSpace(s)); err == nil && u.User != nil {
			u.User = url.User("xxxxx")
			parts[i] = u.String()
		}
	}
	out := strings.Join(parts, ",")
	if hasQuery {
		out += "?" + query
	}
	return out
}

// Delete removes the queue's streams, consumer and heartbeat bucket, with everything in them.
func (q *Queue) Delete(ctx context.Context) error {
	var errs []error
	for _, s := range []string{q.Names.Stream, q.Names.Dead} {
		if err := q.js.DeleteStream(ctx, s); err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
			errs = append(errs, fmt.Errorf("delete stream %s: %w", s, err))
		}
	}
	if err := q.js.DeleteKeyValue(ctx, q.Names.Workers); err != nil && !errors.Is(err, jetstream.ErrBucketNotFound) &&
		!errors.Is(err, jetstream.ErrStreamNotFound) {
		errs = append(errs, fmt.Errorf("delete bucket %s: %w", q.Names.Workers, err))
	}
	return errors.Join(errs...)
}
