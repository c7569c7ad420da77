package story

import (
	"encoding/binary"
	"errors"
	"math"
)

// MinHash parameters. 128 values estimate a Jaccard similarity with a standard error of about
// sqrt(J(1-J)/128) ≤ 0.044; 32 bands of 4 rows make a pair a candidate with probability
// 1-(1-J⁴)³²: 0.999 at J = 0.7, 0.87 at J = 0.5, 0.23 at J = 0.3, so that every pair above
// the near-duplicate threshold is seen and few below it cost a comparison.
const (
	sigSize  = 128
	lshBands = 32
	lshRows  = sigSize / lshBands
)

// Signature is a MinHash signature of an article's word shingles: for each of sigSize hash
// functions, the least hash over the shingles. Two signatures agree at a position with
// probability equal to the Jaccard similarity of the shingle sets.
type Signature [sigSize]uint32

// seeds are the hash functions' keys, fixed so that signatures stored by one run compare
// with the next run's.
var seeds = func() (s [sigSize]uint64) {
	x := uint64(0x2545f4914f6cdd1d)
	for i := range s {
		x += 0x9e3779b97f4a7c15
		s[i] = mix64(x)
	}
	return s
}()

// MinHash computes the signature of a set of shingle hashes. An empty set gives the
// all-ones signature, which matches nothing but another empty text.
func MinHash(shingles []uint64) Signature {
	var sig Signature
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	for _, sh := range shingles {
		for i, seed := range seeds {
			if v := uint32(mix64(sh ^ seed)); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// empty reports whether the signature is that of an empty text.
func (s *Signature) empty() bool {
	for _, v := range s {
		if v != math.MaxUint32 {
			return false
		}
	}
	return true
}

// Jaccard estimates the Jaccard similarity of the two shingle sets.
func (s *Signature) Jaccard(o *Signature) float64 {
	same := 0
	for i := range s {
		if s[i] == o[i] {
			same++
		}
	}
	return float64(same) / sigSize
}

// bandKeys returns the LSH bucket key of each band: a hash of the band's rows, salted with
// the band number so that equal rows in different bands land in different buckets.
func (s *Signature) bandKeys() [lshBands]uint64 {
	var keys [lshBands]uint64
	for b := range keys {
		h := uint64(b+1) * 0x9e3779b97f4a7c15
		for _, v := range s[b*lshRows : (b+1)*lshRows] {
			h = mix64(h ^ uint64(v))
		}
		keys[b] = h
	}
	return keys
}

// MarshalBinary encodes the signature in sigSize little-endian 32-bit words.
func (s *Signature) MarshalBinary() ([]byte, error) {
	b := make([]byte, 4*sigSize)
	for i, v := range s {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b, nil
}

// UnmarshalBinary decodes what MarshalBinary wrote.
func (s *Signature) UnmarshalBinary(b []byte) error {
	if len(b) != 4*sigSize {
		return errors.New("minhash signature: wrong length")
	}
	for i := range s {
		s[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return nil
}

// lsh is a banded locality-sensitive hash index over signatures: two signatures that agree on
// every row of some band share that band's bucket. Entries are numbered by the caller; removal
// is by number, so a bounded window can drop its oldest.
type lsh struct {
	buckets [lshBands]map[uint64][]int64
}

func newLSH() *lsh {
	l := &lsh{}
	for i := range l.buckets {
		l.buckets[i] = map[uint64][]int64{}
	}
	return l
}

func (l *lsh) add(n int64, keys *[lshBands]uint64) {
	for b, k := range keys {
		l.buckets[b][k] = append(l.buckets[b][k], n)
	}
}

func (l *lsh) remove(n int64, keys *[lshBands]uint64) {
	for b, k := range keys {
		list := l.buckets[b][k]
		for i, m := range list {
			if m == n {
				list = append(list[:i], list[i+1:]...)
				break
			}
		}
		if len(list) == 0 {
			delete(l.buckets[b], k)
		} else {
			l.buckets[b][k] = list
		}
	}
}

// candidates calls fn once for each entry sharing a bucket with keys, in ascending order of
// entry number (the caller's arrival order), so that the result does not depend on map order.
func (l *lsh) candidates(keys *[lshBands]uint64, fn func(n int64)) {
	seen := map[int64]bool{}
	var all []int64
	for b, k := range keys {
		for _, n := range l.buckets[b][k] {
			if !seen[n] {
				seen[n] = true
				all = append(all, n)
			}
		}
	}
	sortInt64(all)
	for _, n := range all {
		fn(n)
	}
}

func sortInt64(a []int64) {
	// insertion sort: candidate lists are short
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}
