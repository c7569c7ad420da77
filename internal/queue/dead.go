package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// Headers of a dead letter. Its data is the original message, byte for byte, so that a replay
// publishes exactly what was published first.
const (
	hdrError      = "Dateline-Error"
	hdrDoc        = "Dateline-Doc"
	hdrOrigin     = "Dateline-Origin"
	hdrSeq        = "Dateline-Stream-Seq"
	hdrDeliveries = "Dateline-Deliveries"
	hdrWorker     = "Dateline-Worker"
	hdrFailedAt   = "Dateline-Failed-At"
)

// DeadLetter is a document that could not be coded or stored, kept with its error.
type DeadLetter struct {
	Seq        uint64    `json:"seq"` // in the dead-letter stream: what replay and drop take
	DocID      string    `json:"doc_id,omitempty"`
	Origin     string    `json:"origin,omitempty"`
	Error      string    `json:"error"`
	StreamSeq  uint64    `json:"stream_seq"` // where it was in the work stream
	Deliveries int       `json:"deliveries"`
	Worker     string    `json:"worker,omitempty"`
	FailedAt   time.Time `json:"failed_at"`
	Data       []byte    `json:"data"` // the message as published
}

// deadLetter stores the item's message in the dead-letter stream with err, then acknowledges
// the original, so that it leaves the work queue. If the dead letter cannot be stored, the
// message is handed back instead: it is never dropped.
func (w *Worker) deadLetter(it *item, err error) {
	q := w.Queue
	h := nats.Header{}
	h.Set(hdrError, headerValue(err.Error()))
	h.Set(hdrDoc, headerValue(it.raw.ID))
	h.Set(hdrOrigin, headerValue(it.raw.Origin))
	h.Set(hdrSeq, strconv.FormatUint(it.seq, 10))
	h.Set(hdrDeliveries, strconv.FormatUint(it.delivery, 10))
	h.Set(hdrWorker, w.ID)
	h.Set(hdrFailedAt, time.Now().UTC().Format(time.RFC3339Nano))
	// The message id makes a second dead letter of the same delivery (a worker killed between
	// the two steps, or two workers racing on an advisory) a duplicate the stream drops.
	h.Set(nats.MsgIdHdr, deadLetterID(q.Names, it.seq))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, perr := q.js.PublishMsg(ctx, &nats.Msg{Subject: q.Names.DeadSubject, Header: h, Data: it.msg.Data()}); perr != nil {
		w.Log.Error("worker: store dead letter; handing the document back", "seq", it.seq, "doc", it.raw.ID, "err", perr)
		_ = it.msg.NakWithDelay(30 * time.Second)
		it.done = true
		w.stats.retried.Add(1)
		return
	}
	w.Log.Warn("worker: dead letter", "seq", it.seq, "doc", it.raw.ID, "origin", it.raw.Origin, "err", err)
	w.ack(it)
	w.stats.dead.Add(1)
}

func deadLetterID(n Names, seq uint64) string {
	return fmt.Sprintf("%s-%d", n.Stream, seq)
}

// headerValue makes s fit a header: one line, at most 4 KB.
func headerValue(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s)
	if len(s) > 4096 {
		s = s[:4093] + "..."
	}
	return s
}

// maxDeliveriesSubject is where the server announces a message of the work consumer that has
// been delivered MaxDeliver times without an acknowledgement.
func maxDeliveriesSubject(n Names) string {
	return "$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES." + n.Stream + "." + n.Consumer
}

// onMaxDeliveries turns a message the server gave up on into a dead letter: every worker that
// took it was killed, crashed or stalled before acknowledging it. The message is still in the
// work stream (nothing acknowledged it); it is copied out, then deleted.
func (w *Worker) onMaxDeliveries(data []byte) {
	var adv struct {
		StreamSeq  uint64 `json:"stream_seq"`
		Deliveries uint64 `json:"deliveries"`
	}
	if err := json.Unmarshal(data, &adv); err != nil || adv.StreamSeq == 0 {
		w.Log.Warn("worker: unreadable max-deliveries advisory", "data", string(data))
		return
	}
	q := w.Queue
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	stream, err := q.js.Stream(ctx, q.Names.Stream)
	if err != nil {
		w.Log.Warn("worker: max deliveries", "seq", adv.StreamSeq, "err", err)
		return
	}
	msg, err := stream.GetMsg(ctx, adv.StreamSeq)
	if errors.Is(err, jetstream.ErrMsgNotFound) {
		return // another worker has moved it already
	}
	if err != nil {
		w.Log.Warn("worker: max deliveries", "seq", adv.StreamSeq, "err", err)
		return
	}
	raw, _ := decode(msg.Data)
	h := nats.Header{}
	h.Set(hdrError, fmt.Sprintf("delivered %d times without an acknowledgement: every worker that took it crashed, was killed or stalled past the ack wait", adv.Deliveries))
	h.Set(hdrDoc, headerValue(raw.ID))
	h.Set(hdrOrigin, headerValue(raw.Origin))
	h.Set(hdrSeq, strconv.FormatUint(adv.StreamSeq, 10))
	h.Set(hdrDeliveries, strconv.FormatUint(adv.Deliveries, 10))
	h.Set(hdrWorker, w.ID)
	h.Set(hdrFailedAt, time.Now().UTC().Format(time.RFC3339Nano))
	h.Set(nats.MsgIdHdr, deadLetterID(q.Names, adv.StreamSeq))
	if _, err := q.js.PublishMsg(ctx, &nats.Msg{Subject: q.Names.DeadSubject, Header: h, Data: msg.Data}); err != nil {
		w.Log.Error("worker: store dead letter", "seq", adv.StreamSeq, "err", err)
		return
	}
	if err := stream.DeleteMsg(ctx, adv.StreamSeq); err != nil && !errors.Is(err, jetstream.ErrMsgNotFound) {
		w.Log.Warn("worker: remove dead document from the queue", "seq", adv.StreamSeq, "err", err)
	}
	w.Log.Warn("worker: dead letter", "seq", adv.StreamSeq, "doc", raw.ID, "deliveries", adv.Deliveries)
	w.stats.dead.Add(1)
}

// DeadLetters lists the dead letters, oldest first.
func (q *Queue) DeadLetters(ctx context.Context) ([]DeadLetter, error) {
	stream, err := q.js.Stream(ctx, q.Names.Dead)
	if err != nil {
		return nil, fmt.Errorf("dead letters: %w", err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("dead letters: %w", err)
	}
	out := []DeadLetter{}
	if info.State.Msgs == 0 {
		return out, nil
	}
	cons, err := stream.OrderedConsumer(ctx, jetstream.OrderedConsumerConfig{})
	if err != nil {
		return nil, fmt.Errorf("dead letters: %w", err)
	}
	for {
		m, err := cons.Next(jetstream.FetchMaxWait(5 * time.Second))
		if err != nil {
			return nil, fmt.Errorf("dead letters: read: %w", err)
		}
		md, err := m.Metadata()
		if err != nil {
			return nil, fmt.Errorf("dead letters: %w", err)
		}
		out = append(out, deadLetterOf(md.Sequence.Stream, m.Headers(), m.Data(), md.Timestamp))
		if md.NumPending == 0 || md.Sequence.Stream >= info.State.LastSeq {
			return out, nil
		}
	}
}

func deadLetterOf(seq uint64, h nats.Header, data []byte, stored time.Time) DeadLetter {
	d := DeadLetter{Seq: seq, DocID: h.Get(hdrDoc), Origin: h.Get(hdrOrigin), Error: h.Get(hdrError),
		Worker: h.Get(hdrWorker), Data: data, FailedAt: stored.UTC()}
	d.StreamSeq, _ = strconv.ParseUint(h.Get(hdrSeq), 10, 64)
	d.Deliveries, _ = strconv.Atoi(h.Get(hdrDeliveries))
	if t, err := time.Parse(time.RFC3339Nano, h.Get(hdrFailedAt)); err == nil {
		d.FailedAt = t
	}
	return d
}

// Replay puts the given dead letters (all of them when seqs is empty) back on the work queue,
// exactly as first published, and removes them from the dead letters. It returns how many it
// replayed; a document that fails again becomes a new dead letter.
func (q *Queue) Replay(ctx context.Context, seqs []uint64) (int, error) {
	return q.eachDead(ctx, seqs, func(stream jetstream.Stream, seq uint64, m *jetstream.RawStreamMsg) error {
		// No message id: the original's may still be in the duplicate window, which would
		// drop the replay.
		if _, err := q.js.Publish(ctx, q.Names.Subject, m.Data); err != nil {
			return fmt.Errorf("replay dead letter %d: %w", seq, err)
		}
		return nil
	})
}

// Drop deletes the given dead letters (all of them when seqs is empty) and returns how many.
func (q *Queue) Drop(ctx context.Context, seqs []uint64) (int, error) {
	return q.eachDead(ctx, seqs, func(jetstream.Stream, uint64, *jetstream.RawStreamMsg) error { return nil })
}

// eachDead runs fn on each dead letter named (or all), deleting it after fn succeeds.
func (q *Queue) eachDead(ctx context.Context, seqs []uint64, fn func(jetstream.Stream, uint64, *jetstream.RawStreamMsg) error) (int, error) {
	stream, err := q.js.Stream(ctx, q.Names.Dead)
	if err != nil {
		return 0, fmt.Errorf("dead letters: %w", err)
	}
	if len(seqs) == 0 {
		all, err := q.DeadLetters(ctx)
		if err != nil {
			return 0, err
		}
		for _, d := range all {
			seqs = append(seqs, d.Seq)
		}
	}
	n := 0
	for _, seq := range seqs {
		m, err := stream.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			return n, fmt.Errorf("dead letter %d: no such dead letter", seq)
		}
		if err != nil {
			return n, fmt.Errorf("dead letter %d: %w", seq, err)
		}
		if err := fn(stream, seq, m); err != nil {
			return n, err
		}
		if err := stream.DeleteMsg(ctx, seq); err != nil {
			return n, fmt.Errorf("dead letter %d: delete: %w", seq, err)
		}
		n++
	}
	return n, nil
}
