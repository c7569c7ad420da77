package place

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/dateline-news/dateline"
	"github.com/dateline-news/dateline/internal/article"
)

func TestZZExplore(t *testing.T) {
	f, err := os.Open("../../../shared/corpus/reuters21578.jsonl")
	if err != nil {
		t.Skip(err)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	count := map[string]int{}
	n, nd := 0, 0
	for sc.Scan() {
		var r dateline.RawDoc
		json.Unmarshal(sc.Bytes(), &r)
		a := article.Parse(r)
		n++
		if a.Dateline.Place == "" {
			continue
		}
		nd++
		count[a.Dateline.Place+" | "+a.Dateline.Region]++
	}
	type kv struct {
		k string
		n int
	}
	var xs []kv
	for k, v := range count {
		xs = append(xs, kv{k, v})
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].n > xs[j].n })
	out, _ := os.Create("/tmp/datelines.txt")
	for _, x := range xs {
		fmt.Fprintf(out, "%d\t%s\n", x.n, x.k)
	}
	out.Close()
	t.Logf("%d docs, %d datelines, %d distinct", n, nd, len(xs))
}
