package queue

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"

	"github.com/dateline-news/dateline"
)

// Publisher puts raw documents on the queue. Publications are asynchronous, many in flight at
// once; Wait collects the server's acknowledgements. It is not safe for concurrent use.
type Publisher struct {
	q       *Queue
	futures chan pending
	done    chan struct{}

	mu  sync.Mutex
	sum PublishSummary
}

// PublishSummary counts what a Publisher did.
type PublishSummary struct {
	Published  int64     // stored in the stream
	Duplicates int64     // dropped by the stream: the same document id was published moments ago
	Failed     []Problem // not published
}

// Problem is a document that could not be published, with the reason.
type Problem struct {
	ID, Origin string
	Err        error
}

func (p Problem) Error() string {
	return fmt.Sprintf("%s: document %q: %v", p.Origin, p.ID, p.Err)
}

type pending struct {
	doc  dateline.RawDoc
	data []byte
	f    jetstream.PubAckFuture
}

// NewPublisher returns a publisher; call Wait when done.
func (q *Queue) NewPublisher() *Publisher {
	p := &Publisher{q: q, futures: make(chan pending, 8192), done: make(chan struct{})}
	go p.collect()
	return p
}

// Publish sends one document. It blocks only while too many publications are in flight. A
// document too large for the server is reported in the summary, and the others go on.
func (p *Publisher) Publish(ctx context.Context, doc dateline.RawDoc) error {
	data, err := json.Marshal(doc)
	if err != nil { // plain strings and a map of strings: cannot fail
		p.fail(doc, fmt.Errorf("encode: %w", err))
		return nil
	}
	if max := p.q.nc.MaxPayload(); int64(len(data)) > max {
		p.fail(doc, fmt.Errorf("%d bytes is more than the queue server takes in one message (%d; its max_payload)", len(data), max))
		return nil
	}
	f, err := p.q.js.PublishAsync(p.q.Names.Subject, data, p.msgOpts(doc)...)
	if err != nil {
		// Too many in flight for too long, or the connection is down: try once synchronously,
		// which waits for the server.
		if err := p.publishSync(ctx, doc, data); err != nil {
			p.fail(doc, err)
		}
		return ctx.Err()
	}
	select {
	case p.futures <- pending{doc, data, f}:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// msgOpts sets the message id to the document id, so that the stream drops a second
// publication of one document within its duplicate window.
func (p *Publisher) msgOpts(doc dateline.RawDoc) []jetstream.PublishOpt {
	if doc.ID == "" {
		return nil
	}
	return []jetstream.PublishOpt{jetstream.WithMsgID(doc.ID)}
}

func (p *Publisher) publishSync(ctx context.Context, doc dateline.RawDoc, data []byte) error {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	ack, err := p.q.js.Publish(ctx, p.q.Names.Subject, data, p.msgOpts(doc)...)
	if err != nil {
		return fmt.Errorf("publish: %w", err)
	}
	p.count(ack.Duplicate)
	return nil
}

// count records one acknowledged publication: new, or a duplicate the stream already held.
func (p *Publisher) count(duplicate bool) {
	p.mu.Lock()
	if duplicate {
		p.sum.Duplicates++
	} else {
		p.sum.Published++
	}
	p.mu.Unlock()
}

func (p *Publisher) fail(doc dateline.RawDoc, err error) {
	p.mu.Lock()
	p.sum.Failed = append(p.sum.Failed, Problem{ID: doc.ID, Origin: doc.Origin, Err: err})
	p.mu.Unlock()
}

// collect waits for each publication's acknowledgement in turn; one that failed (a timeout,
// a lost connection) is retried synchronously once.
func (p *Publisher) collect() {
	defer close(p.done)
	for pd := range p.futures {
		select {
		case ack := <-pd.f.Ok():
			p.count(ack.Duplicate)
		case err := <-pd.f.Err():
			if err2 := p.publishSync(context.Background(), pd.doc, pd.data); err2 != nil {
				p.fail(pd.doc, fmt.Errorf("%w (retried: %v)", err, err2))
			}
		}
	}
}

// Wait waits for every publication to be acknowledged (or to fail) and returns the summary.
// The Publisher cannot be used after it.
func (p *Publisher) Wait() PublishSummary {
	close(p.futures)
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.sum
}

// Summary returns the counts so far.
func (p *Publisher) Summary() PublishSummary {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.sum
	s.Failed = append([]Problem(nil), p.sum.Failed...)
	return s
}
