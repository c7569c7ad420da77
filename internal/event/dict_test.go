package event

import (
	"strings"
	"testing"
)

func TestDictRead(t *testing.T) {
	d := NewDict()
	err := d.Read("v.txt", strings.NewReader("## 05\n051\tpraise $\t# comment\n057\tsign * {agreement|joint_communique} (with) $\n020\turge $ TO\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Patterns) != 3 || len(d.byTrigger["sign"]) != 1 {
		t.Fatalf("patterns %d", len(d.Patterns))
	}
	p := d.byTrigger["sign"][0]
	if p.Code != "057" || !p.hasTarget || p.weight != 2+2+1 {
		t.Errorf("parsed %+v", p)
	}
	// a later file overrides the code of the same pattern
	if err := d.Read("user.txt", strings.NewReader("052\tpraise $\n")); err != nil {
		t.Fatal(err)
	}
	if d.byTrigger["praise"][0].Code != "052" || len(d.Patterns) != 3 {
		t.Errorf("override failed")
	}
	for _, bad := range []string{"05\tpraise\n", "051\t{praise\n", "051\t* praise\n", "051\t(praise)\n", "abc\tpraise\n", "051\n"} {
		if err := NewDict().Read("bad.txt", strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "bad.txt:") {
			t.Errorf("%q: error %v", bad, err)
		}
	}
}

func FuzzDictRead(f *testing.F) {
	f.Add("057\tsign * {agreement|accord} (with) $\n")
	f.Add("020\turge $ TO\n## x\n")
	f.Fuzz(func(t *testing.T, s string) {
		d := NewDict()
		if err := d.Read("fuzz.txt", strings.NewReader(s)); err != nil {
			return
		}
		for _, p := range d.Patterns {
			if len(p.elems) == 0 || p.elems[0].kind != elWords {
				t.Fatalf("pattern without trigger accepted: %q", p.Text)
			}
		}
	})
}
