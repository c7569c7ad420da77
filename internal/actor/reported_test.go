package actor

import (
	"strings"
	"testing"
)

type mentionCase struct {
	name, story, pub string
	mention          string
	want             string // code:name; "" = must not link
}

func runMentionCases(t *testing.T, cases []mentionCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, a := resolve(t, c.story, c.pub)
			got := mentionCode(res, a, c.mention)
			if c.want == "" {
				if len(got) > 0 {
					t.Errorf("%q should stay unlinked, got %v", c.mention, got)
				}
				return
			}
			if len(got) != 1 || got[0] != c.want && !strings.HasSuffix(c.want, ":") || strings.HasSuffix(c.want, ":") && !strings.HasPrefix(got[0], c.want) {
				var all []string
				for _, e := range res.Entities {
					var ms []string
					for _, m := range e.Mentions {
						ms = append(ms, m.Text)
					}
					all = append(all, e.Code()+":"+e.Name+"="+strings.Join(ms, "|"))
				}
				t.Errorf("%q → %v, want %s\nentities: %v", c.mention, got, c.want, all)
			}
		})
	}
}

// TestReportedClausePronouns: the pronoun that opens a reported clause is the one who reports
// it, when it agrees.
func TestReportedClausePronouns(t *testing.T) {
	runMentionCases(t, []mentionCase{
		{"it: a government body", "Ukraine's defence ministry announced that it had moved two brigades to the border.", "2015-02-03",
			"it", "UKRMIL:"},
		{"it: after an object and a time phrase", "Kenya's electoral commission told reporters on Monday it would recount the votes.", "2013-03-11",
			"it", "KENGOV:"},
		{"they: a plural group with a post-modifier", "Gunmen loyal to a renegade Libyan general said they had seized the airport.", "2014-05-18",
			"they", "LBYUAF:"},
		{"they: not a nearer organisation", "Fighters allied with the Taliban said they would free the hostages.", "2010-05-03",
			"they", "AFGREB:REB"},
		{"he: the reporting person", "Pakistan's President Asif Ali Zardari said he would travel to Kabul next week.", "2010-05-03",
			"he", "PAKGOV:"},
		{"it: a person does not agree", "President Asif Ali Zardari said it would take years to rebuild.", "2010-05-03",
			"it", ""},
	})
}
