package store

import (
	"strings"
	"testing"

	"nguon/model"
)

// A district merge may find thousands of pairs: the command line names the
// first 20 of each list and says how many more the review screens hold.
func TestMergeLinesAreCapped(t *testing.T) {
	r := &MergeResult{}
	for range 25 {
		r.Duplicates = append(r.Duplicates, DuplicatePair{SameName: true})
		r.Conflicts = append(r.Conflicts, ConflictInfo{Kind: "cell", Name: "Chi bộ", Heads: 2})
	}
	lines := r.Lines(model.EN)
	count := func(prefix string) int {
		n := 0
		for _, l := range lines {
			if strings.HasPrefix(l, prefix) {
				n++
			}
		}
		return n
	}
	if got := count("  – "); got != 2*maxListed {
		t.Errorf("%d listed lines, want %d:\n%s", got, 2*maxListed, strings.Join(lines, "\n"))
	}
	joined := strings.Join(lines, "\n")
	for _, want := range []string{"… and 5 more: review them all with :conflicts", "… and 5 more pairs: review them all with :duplicates"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no %q in\n%s", want, joined)
		}
	}
}
