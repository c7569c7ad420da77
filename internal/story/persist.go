package story

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// Binary formats of what the assigner keeps in the store between runs. Each starts with a
// version byte, so that a later format can still read an older one. Decoding checks every
// length against the data left, so a damaged record is an error, never a panic or a huge
// allocation.
const (
	profileVersion = 1
	stateVersion   = 1
)

var errShort = errors.New("truncated")

// marshalProfile encodes an open story's dates, recency and profile terms (sorted by term,
// so that the bytes are deterministic).
func marshalProfile(s *openStory) []byte {
	v := toVector(s.profile)
	b := make([]byte, 0, 32+12*len(v.terms))
	b = append(b, profileVersion)
	b = binary.AppendVarint(b, int64(s.firstDay))
	b = binary.AppendVarint(b, int64(s.lastDay))
	b = binary.AppendVarint(b, s.lastSeq)
	b = binary.AppendUvarint(b, uint64(len(v.terms)))
	for i, t := range v.terms {
		b = binary.LittleEndian.AppendUint64(b, t)
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(float32(v.vals[i])))
	}
	return b
}

// unmarshalProfile decodes what marshalProfile wrote.
func unmarshalProfile(id string, b []byte) (*openStory, error) {
	r := reader{b: b}
	if v := r.byte(); v != profileVersion {
		if r.err != nil {
			return nil, fmt.Errorf("profile: %w", r.err)
		}
		return nil, fmt.Errorf("profile: unknown version %d", v)
	}
	s := &openStory{id: id}
	s.firstDay = int32(r.varint())
	s.lastDay = int32(r.varint())
	s.lastSeq = r.varint()
	n := r.uvarint()
	if r.err == nil && n > uint64(len(r.b))/12 {
		return nil, fmt.Errorf("profile: %d terms in %d bytes: %w", n, len(r.b), errShort)
	}
	s.profile = make(map[uint64]float64, n)
	for i := uint64(0); i < n && r.err == nil; i++ {
		t := r.u64()
		w := float64(math.Float32frombits(r.u32()))
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return nil, errors.New("profile: weight is not a number")
		}
		s.profile[t] = w
	}
	if r.err != nil {
		return nil, fmt.Errorf("profile: %w", r.err)
	}
	if len(r.b) != 0 {
		return nil, fmt.Errorf("profile: %d bytes left over", len(r.b))
	}
	return s, nil
}

// marshal encodes the document frequencies and the arrival count: only the slots in use, as
// (gap, count) pairs.
func (d *docFreq) marshal(seq int64) []byte {
	b := []byte{stateVersion}
	b = binary.AppendVarint(b, seq)
	b = binary.AppendUvarint(b, uint64(d.n))
	used := 0
	for _, c := range d.slots {
		if c != 0 {
			used++
		}
	}
	b = binary.AppendUvarint(b, uint64(used))
	last := -1
	for i, c := range d.slots {
		if c != 0 {
			b = binary.AppendUvarint(b, uint64(i-last))
			b = binary.AppendUvarint(b, uint64(c))
			last = i
		}
	}
	return b
}

// unmarshal replaces the frequencies with what marshal wrote and returns the arrival count.
func (d *docFreq) unmarshal(b []byte) (int64, error) {
	r := reader{b: b}
	if v := r.byte(); v != stateVersion {
		if r.err != nil {
			return 0, r.err
		}
		return 0, fmt.Errorf("unknown version %d", v)
	}
	seq := r.varint()
	n := r.uvarint()
	used := r.uvarint()
	if r.err != nil {
		return 0, r.err
	}
	if seq < 0 || n > math.MaxUint32 || used > uint64(len(d.slots)) || used > uint64(len(r.b))/2 {
		return 0, errors.New("counts out of range")
	}
	slots := make([]uint32, len(d.slots))
	i := -1
	for k := uint64(0); k < used && r.err == nil; k++ {
		gap := r.uvarint()
		c := r.uvarint()
		if gap == 0 || gap > uint64(len(slots)) || int64(i)+int64(gap) >= int64(len(slots)) || c > math.MaxUint32 {
			return 0, errors.New("slot out of range")
		}
		i += int(gap)
		slots[i] = uint32(c)
	}
	if r.err != nil {
		return 0, r.err
	}
	if len(r.b) != 0 {
		return 0, fmt.Errorf("%d bytes left over", len(r.b))
	}
	d.n, d.slots = uint32(n), slots
	return seq, nil
}

// reader decodes little-endian and varint values, remembering the first error.
type reader struct {
	b   []byte
	err error
}

func (r *reader) byte() byte {
	if r.err != nil || len(r.b) < 1 {
		r.fail()
		return 0
	}
	v := r.b[0]
	r.b = r.b[1:]
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) u64() uint64 {
	if r.err != nil || len(r.b) < 8 {
		r.fail()
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *reader) u32() uint32 {
	if r.err != nil || len(r.b) < 4 {
		r.fail()
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

func (r *reader) fail() {
	if r.err == nil {
		r.err = errShort
	}
}
