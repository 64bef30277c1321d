package ui

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"nguon/model"
)

// The filter jumps between places of the query's rarest byte; whatever
// the query, it must find exactly the rows whose folded name holds every
// word, in the table's order.
func TestFilterFindsWhatContainsFinds(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 2))
	names := make([]string, 40000) // enough for the scan to be split among the cores
	for i := range names {
		parts := []string{benchFamily[r.IntN(len(benchFamily))], benchMiddle[r.IntN(len(benchMiddle))],
			benchMiddle2[r.IntN(len(benchMiddle2))], benchGiven[r.IntN(len(benchGiven))]}
		names[i] = strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), " ")
	}
	names = append(names, "Y", "Lý Ý", "Ngô Xuân Quỳnh", "Nguyễn Thị Nguyệt Nga")
	tbl := newTable([]column{{title: model.Text{VI: "Họ tên", EN: "Name"}, width: 20, text: func(i int) string { return names[i] },
		cmp: func(a, b int) int { return strings.Compare(names[a], names[b]) }}},
		named(func() int { return len(names) }, func(i int) string { return names[i] }), 0)
	foldedNames := make([]string, len(names))
	for i, n := range names {
		foldedNames[i] = model.Fold(n)
	}
	folded := func(i int) string { return foldedNames[i] }
	queries := []string{"nguye", "y", "yen", "thi nguyet", "q", "quynh xuan", "an", "nga", "zz", "ng ng", "e", "uy", "h a"}
	for range 150 {
		// Random pieces of real names: starts, ends and middles of words.
		f := folded(r.IntN(len(names)))
		i := r.IntN(len(f))
		queries = append(queries, f[i:min(len(f), i+1+r.IntN(6))])
	}
	for _, q := range queries {
		tbl.rawQuery = q
		tbl.query = "\x00" // not a narrowing of the last query: scan everything
		tbl.refilter()
		var want []int
		for _, row := range tbl.order {
			all := true
			for _, w := range strings.Fields(model.Fold(q)) {
				all = all && strings.Contains(folded(row), w)
			}
			if all {
				want = append(want, row)
			}
		}
		got := slices.Clone(tbl.hits)
		if !slices.Equal(got, want) {
			t.Fatalf("query %q: the filter found %d rows, Contains %d", q, len(got), len(want))
		}
	}
}
