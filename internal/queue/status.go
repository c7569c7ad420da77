package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Status is the state of the queue at one moment.
type Status struct {
	Stream      string    `json:"stream"`
	At          time.Time `json:"at"`
	Published   uint64    `json:"published"`    // documents ever published (the stream's last sequence)
	Finished    uint64    `json:"finished"`     // documents that have left the queue: stored, skipped or dead
	Waiting     uint64    `json:"waiting"`      // not yet handed to a worker
	InFlight    int       `json:"in_flight"`    // handed out, not yet acknowledged
	Redelivered int       `json:"redelivered"`  // of those, handed out more than once
	Stuck       uint64    `json:"stuck"`        // in the stream but neither waiting nor in flight
	Bytes       uint64    `json:"bytes"`        // stored in the work stream
	Dead        uint64    `json:"dead_letters"` // in the dead-letter stream
	AckWait     string    `json:"ack_wait"`
	MaxDeliver  int       `json:"max_deliver"`
	Workers     []Stats   `json:"workers"`
}

// Status reads the queue's state: its depth, the dead letters and the workers' last heartbeats.
func (q *Queue) Status(ctx context.Context) (Status, error) {
	st := Status{Stream: q.Names.Stream, At: time.Now().UTC(), Workers: []Stats{}}
	stream, err := q.js.Stream(ctx, q.Names.Stream)
	if err != nil {
		return st, fmt.Errorf("status: %w", err)
	}
	si, err := stream.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("status: %w", err)
	}
	cons, err := stream.Consumer(ctx, q.Names.Consumer)
	if err != nil {
		return st, fmt.Errorf("status: %w", err)
	}
	ci, err := cons.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("status: %w", err)
	}
	st.Published = si.State.LastSeq
	st.Finished = si.State.LastSeq - min(si.State.Msgs, si.State.LastSeq) // a work queue deletes what is acknowledged
	st.Bytes = si.State.Bytes
	st.Waiting = ci.NumPending
	st.InFlight = ci.NumAckPending
	st.Redelivered = ci.NumRedelivered
	if held := ci.NumPending + uint64(ci.NumAckPending); si.State.Msgs > held {
		st.Stuck = si.State.Msgs - held
	}
	st.AckWait = ci.Config.AckWait.String()
	st.MaxDeliver = ci.Config.MaxDeliver

	dead, err := q.js.Stream(ctx, q.Names.Dead)
	if err != nil {
		return st, fmt.Errorf("status: %w", err)
	}
	di, err := dead.Info(ctx)
	if err != nil {
		return st, fmt.Errorf("status: %w", err)
	}
	st.Dead = di.State.Msgs

	kv, err := q.js.KeyValue(ctx, q.Names.Workers)
	if err != nil {
		return st, fmt.Errorf("status: workers: %w", err)
	}
	keys, err := kv.Keys(ctx)
	if err != nil && !errors.Is(err, jetstream.ErrNoKeysFound) {
		return st, fmt.Errorf("status: workers: %w", err)
	}
	for _, k := range keys {
		e, err := kv.Get(ctx, k)
		if err != nil {
			continue // gone since the listing
		}
		var ws Stats
		if json.Unmarshal(e.Value(), &ws) == nil {
			st.Workers = append(st.Workers, ws)
		}
	}
	sort.Slice(st.Workers, func(i, j int) bool { return st.Workers[i].ID < st.Workers[j].ID })
	return st, nil
}
