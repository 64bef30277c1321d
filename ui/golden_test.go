package ui

import (
	"testing"

	"nguon/model"
)

// TestGoldenScreens pins each tab on the demo data at 100×30, ANSI stripped,
// in both languages. Regenerate with: go test ./ui -run Golden -update
func TestGoldenScreens(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		h := newHarness(t, true, lang)
		for i, name := range []string{"dashboard", "cells", "sources", "classes", "meetings"} {
			h.press(h.keys().Tabs[i])
			golden(t, name+"_"+string(lang), h.screen())
		}
		// A detail view of each list.
		h.press(h.keys().Tabs[tabSources])
		h.press(h.keys().Open)
		golden(t, "candidate_detail_"+string(lang), h.screen())
		h.press(h.keys().Back)
		h.press(h.keys().Tabs[tabCells])
		h.press(h.keys().Open)
		golden(t, "cell_detail_"+string(lang), h.screen())
		h.press(h.keys().Tabs[tabClasses])
		h.press(h.keys().Open)
		golden(t, "class_detail_"+string(lang), h.screen())
	}
}
