package ui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"nguon/model"
)

// The name ranks must order rows exactly as their collation keys do, with
// equal keys (the same name, or the same name written another way) sharing
// a rank, however many distinct names there are.
func TestNameRanksFollowTheCollation(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	// Names that differ but collate equal ("Lê  Anh", "Lê Anh ", a
	// decomposed "Thủy") must share a rank too.
	spellings := []string{"Nguyễn Thị Thủy", "Nguyễn Thị Thuỷ", "nguyễn thị thủy", "Thu\u0309y", "Thủy", "Đặng Văn An",
		"Dặng Văn An", "Lê Ánh", "Lê Anh", "Lê  Anh", "Lê Anh ", "Lê Ảnh", "Ngô Bảo Châu", "A", "", "Zô"}
	for _, n := range []int{0, 1, 2, 3, 17, 1000, 20000} {
		d := &data{}
		for range n {
			name := spellings[r.IntN(len(spellings))]
			if r.IntN(2) == 0 {
				name = benchFamily[r.IntN(len(benchFamily))] + " " + benchMiddle2[r.IntN(len(benchMiddle2))] + " " + benchGiven[r.IntN(len(benchGiven))]
			}
			d.rows = append(d.rows, model.CandidateRow{ID: model.NewID(testNow), Name: name})
		}
		d.index()
		ranks := d.nameRanks()
		if len(ranks) != n {
			t.Fatalf("%d rows, %d ranks", n, len(ranks))
		}
		for range min(n*n, 200000) {
			i, j := r.IntN(n), r.IntN(n)
			want := strings.Compare(d.sortKeys[i], d.sortKeys[j])
			got := ranks[i] - ranks[j]
			if (want < 0) != (got < 0) || (want == 0) != (got == 0) {
				t.Fatalf("%d rows: %q (rank %d) and %q (rank %d): keys compare %d", n, d.rows[i].Name, ranks[i], d.rows[j].Name, ranks[j], want)
			}
		}
		if n > 0 && ranks[0] < 0 {
			t.Fatal("negative rank")
		}
	}
}
