package meeting

import (
	"testing"

	"github.com/dateline-news/dateline"
)

func tokens(words ...string) *dateline.Sentence {
	s := &dateline.Sentence{}
	for i := 0; i+1 < len(words); i += 2 {
		s.Tokens = append(s.Tokens, dateline.Token{Text: words[i], Tag: words[i+1], Lemma: words[i]})
	}
	return s
}

// TestSubjectTerminates: a fronted participle looks for its subject forward and a coordinated
// verb looks back; with no subject anywhere ("Speaking to reporters and met officials") the
// search must end. (It once recursed until the stack overflowed on a Reuters story.)
func TestSubjectTerminates(t *testing.T) {
	st := newSent(0, tokens("Speaking", "VBG", "to", "TO", "reporters", "NNS", "and", "CC", "met", "VBD", "officials", "NNS", ".", "."), nil)
	if len(st.groups) != 2 {
		t.Fatalf("verb groups %+v, want Speaking and met", st.groups)
	}
	for g := range st.groups {
		if got := st.subject(g); got != nil {
			t.Errorf("subject(%d) = %v, want none", g, got)
		}
	}
}

func TestVerbGroups(t *testing.T) {
	for _, c := range []struct {
		words []string
		want  []string // each group's words
	}{
		// auxiliaries join the verb; a lexical verb ends the group ("told visiting")
		{[]string{"talks", "NNS", "will", "MD", "be", "VB", "held", "VBN"}, []string{"will be held"}},
		{[]string{"Tamura", "NNP", "told", "VBD", "visiting", "VBG", "officials", "NNS"}, []string{"told", "visiting"}},
		// a time adverb inside the group
		{[]string{"they", "PRP", "are", "VBP", "today", "NN", "meeting", "VBG", "Lawson", "NNP"}, []string{"are today meeting"}},
		// "following" before a noun phrase is a preposition
		{[]string{"he", "PRP", "said", "VBD", "following", "VBG", "two", "CD", "days", "NNS"}, []string{"said"}},
	} {
		st := newSent(0, tokens(c.words...), nil)
		var got []string
		for _, g := range st.groups {
			got = append(got, st.gap(g.start, g.end))
		}
		if len(got) != len(c.want) {
			t.Errorf("%v: groups %q, want %q", c.words, got, c.want)
			continue
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%v: groups %q, want %q", c.words, got, c.want)
			}
		}
	}
}
