package place

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"testing"
	"time"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/article"
)

func TestZZExplore(t *testing.T) {
	t0 := time.Now()
	g, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("load %v, %d places, %d names", time.Since(t0), g.Len(), g.names.used)
	f, err := os.Open("../../../shared/corpus/reuters21578.jsonl")
	if err != nil {
		t.Skip(err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	count := map[string]int{}
	res := map[string]string{}
	n, nd, ok, city := 0, 0, 0, 0
	for sc.Scan() {
		var r dateline.RawDoc
		json.Unmarshal(sc.Bytes(), &r)
		a := article.Parse(r)
		n++
		if a.Dateline.Place == "" {
			continue
		}
		nd++
		p := g.ResolveDateline(a.Dateline, Hints{})
		k := a.Dateline.Place + " | " + a.Dateline.Region
		if p == nil {
			count[k]++
			continue
		}
		ok++
		if p.Kind == City {
			city++
		}
		l := g.Location(p)
		res[k] = l.FullName + " " + l.Precision
	}
	type kv struct{ k string; n int }
	var xs []kv
	for k, v := range count { xs = append(xs, kv{k, v}) }
	sort.Slice(xs, func(i, j int) bool { return xs[i].n > xs[j].n })
	out, _ := os.Create("/tmp/unresolved.txt")
	for _, x := range xs { fmt.Fprintf(out, "%d\t%s\n", x.n, x.k) }
	out.Close()
	out, _ = os.Create("/tmp/resolved.txt")
	for k, v := range res { fmt.Fprintf(out, "%s\t=> %s\n", k, v) }
	out.Close()
	t.Logf("%d docs, %d datelines, %d resolved (%.2f%%), %d city", n, nd, ok, 100*float64(ok)/float64(nd), city)
}
