package ui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

// quickWidth must agree with ansi.StringWidth whenever it answers: every
// rune it counts as one cell is one cell there, and random mixes of them,
// escape sequences and runes it leaves to ansi measure the same.
func TestQuickWidthAgreesWithANSI(t *testing.T) {
	for r := rune(0); r < 0x3000; r++ {
		if oneCell(r) && ansi.StringWidth(string(r)) != 1 {
			t.Errorf("U+%04X %q: ansi says %d cells", r, r, ansi.StringWidth(string(r)))
		}
	}
	pieces := []string{"a", "Z", " ", "Nguyễn", "Đức", "ư", "ơ", "…", "›", "↑", "─", "│", "\x1b[1m", "\x1b[38;5;12m",
		"\x1b[0m", "\x1b[", "\x1b]8;;x\x07", "e\u0301", "\u00ad", "中", "😀", "\t", "\x00", "\u200b", "ﬁ"}
	r := rand.New(rand.NewPCG(1, 1))
	quick := 0
	for range 20000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := b.String()
		if n, ok := quickWidth(s); ok {
			quick++
			if want := ansi.StringWidth(s); n != want {
				t.Fatalf("%q: quickWidth %d, ansi.StringWidth %d", s, n, want)
			}
		}
	}
	if quick < 1000 {
		t.Fatalf("quickWidth answered only %d of 20000: the test tests little", quick)
	}
	if n, ok := quickWidth("\x1b[7m› Nguyễn Thị Hương  \x1b[0m"); !ok || n != 20 {
		t.Errorf("a selected table row: %d, %v", n, ok)
	}
}
