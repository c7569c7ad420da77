package story

import "math/bits"

// SimHash is Charikar's 64-bit similarity hash of a shingle set: each bit is the sign of the
// sum, over the shingles, of ±1 by that bit of the shingle's hash. Near-identical texts differ
// in few bits. It is kept beside MinHash to be measured against it (see docs/stories.md):
// it is 16 times smaller, but its Hamming distance tracks the cosine of the shingle vectors
// only loosely, so a single threshold separates copies from rewrites less cleanly than
// MinHash's Jaccard estimate does.
func SimHash(shingles []uint64) uint64 {
	var acc [64]int32
	for _, sh := range shingles {
		h := mix64(sh)
		for b := range acc {
			if h&(1<<b) != 0 {
				acc[b]++
			} else {
				acc[b]--
			}
		}
	}
	var out uint64
	for b, v := range acc {
		if v > 0 {
			out |= 1 << b
		}
	}
	return out
}

// Hamming is the number of bits in which two SimHashes differ.
func Hamming(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// ExactJaccard is the Jaccard similarity of two shingle lists taken as sets: the reference
// that MinHash estimates, used to measure both methods.
func ExactJaccard(a, b []uint64) float64 {
	sa := make(map[uint64]struct{}, len(a))
	for _, x := range a {
		sa[x] = struct{}{}
	}
	sb := make(map[uint64]struct{}, len(b))
	for _, x := range b {
		sb[x] = struct{}{}
	}
	if len(sa) == 0 && len(sb) == 0 {
		return 1
	}
	inter := 0
	for x := range sb {
		if _, ok := sa[x]; ok {
			inter++
		}
	}
	return float64(inter) / float64(len(sa)+len(sb)-inter)
}
