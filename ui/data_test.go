package ui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

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

// After a load the dashboard shows without waiting for the name keys,
// which the candidate list waits for: the list put off its reload until
// they came, or until it is shown.
func TestListWaitsForNameKeysTheDashboardDoesNot(t *testing.T) {
	h := newHarness(t, true, model.VI)
	old := h.app.env.d
	d := &data{settings: old.settings, cells: old.cells, rows: old.rows, classes: old.classes, meetings: old.meetings}
	d.indexIDs()
	gate := make(chan struct{}) // the keys "being computed" until the test closes it
	d.keysDone = gate
	_, cmd := h.app.Update(loadedMsg{d: d})
	src := h.app.screens[tabSources].(*sourcesScreen)
	if !src.stale {
		t.Fatal("the list reloaded before the name keys were there")
	}
	frame := make(chan string, 1)
	go func() { frame <- h.app.View().Content }()
	select {
	case v := <-frame:
		if !strings.Contains(v, "Tổng quan") || !strings.Contains(v, "Quần chúng đang theo dõi") {
			t.Fatalf("the first frame is not the dashboard:\n%s", v)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the dashboard's frame waited for the name keys")
	}
	d.nameKeys()
	d.ranks = d.computeRanks()
	close(gate)
	h.run(cmd) // the list's wait ends: keysReadyMsg
	if src.stale {
		t.Fatal("the list is still stale after the keys came")
	}
	h.press(h.keys().Tabs[tabSources])
	screen := h.screen()
	if want := fmt.Sprintf("%d/%d", len(d.rows), len(d.rows)); !strings.Contains(screen, want) {
		t.Errorf("the list does not show %s:\n%s", want, screen)
	}
	// Shown before the keys come, the list waits for them and is whole.
	d2 := &data{settings: old.settings, cells: old.cells, rows: old.rows, classes: old.classes, meetings: old.meetings}
	d2.indexIDs()
	d2.keysInBackground()
	h.app.Update(loadedMsg{d: d2})
	if !strings.Contains(h.app.View().Content, fmt.Sprintf("%d/%d", len(d2.rows), len(d2.rows))) || src.stale {
		t.Errorf("the list shown at once after a load is not whole:\n%s", h.app.View().Content)
	}
}
