package place

import "hash/maphash"

// table maps name keys to chains of candidate nodes. It is an open-addressing hash table over the
// nodes slice rather than a Go map because the gazetteer has about 100,000 names and is built at
// every start of `dateline code`: one probe sequence per insert (a Go map needs a lookup and an
// assignment), keys that are substrings of the data file (no copies), and no per-name slices
// make building it several times faster. Lookups are one hash and a short probe: constant time.
type table struct {
	slots []int32 // index of the head node of a key + 1; 0 is empty
	mask  uint64
	seed  maphash.Seed
	used  int
}

func newTable(capacity int) table {
	n := 1024
	for n < capacity*2 {
		n <<= 1
	}
	return table{slots: make([]int32, n), mask: uint64(n - 1), seed: maphash.MakeSeed()}
}

// head returns the head node of key, or -1.
func (t *table) head(nodes []node, key string) int32 {
	for i := maphash.String(t.seed, key) & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 {
			return -1
		}
		if nodes[s-1].key == key {
			return s - 1
		}
	}
}

// slot returns the slot index of key: where it is, or the empty slot where it goes.
func (t *table) slot(nodes []node, key string) uint64 {
	for i := maphash.String(t.seed, key) & t.mask; ; i = (i + 1) & t.mask {
		s := t.slots[i]
		if s == 0 || nodes[s-1].key == key {
			return i
		}
	}
}

// setHead makes node n the head of its key's chain at slot i, growing the table when it gets
// more than half full.
func (t *table) setHead(nodes []node, i uint64, n int32) {
	if t.slots[i] == 0 {
		t.used++
	}
	t.slots[i] = n + 1
	if t.used*2 > len(t.slots) {
		t.grow(nodes)
	}
}

func (t *table) grow(nodes []node) {
	old := t.slots
	t.slots = make([]int32, len(old)*2)
	t.mask = uint64(len(t.slots) - 1)
	for _, s := range old {
		if s != 0 {
			t.slots[t.slot(nodes, nodes[s-1].key)] = s
		}
	}
}
