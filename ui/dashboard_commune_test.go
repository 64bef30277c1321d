package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/model"
)

const hoaBinh = "Đảng bộ xã Hòa Bình"

// twoCommunes is a harness on the demo file after a merge brought three
// cells of another commune, at 80x24; it returns the cells of each.
func twoCommunes(t *testing.T) (*harness, []model.Cell, []model.Cell) {
	h := newHarness(t, false, model.VI)
	ds := model.Demo(model.DateOf(testNow))
	for i := range ds.Cells[:3] {
		ds.Cells[i].Commune = hoaBinh
	}
	if err := h.st.Import(ds); err != nil {
		t.Fatal(err)
	}
	h.run(h.app.load())
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	return h, ds.Cells[:3], ds.Cells[3:]
}

// narrow is as much of a cell's name as an 80-column table always shows.
func narrow(name string) string {
	r := []rune(shortCell(name))
	return string(r[:min(len(r), 12)])
}

func (h *harness) fitsWidth(w int) {
	h.t.Helper()
	for _, l := range strings.Split(h.screen(), "\n") {
		if ansi.StringWidth(l) > w {
			h.t.Fatalf("a line is wider than %d:\n%q", w, l)
		}
	}
}

// The commune key steps from all communes (one row each) to each commune's
// own dashboard and back; each shows only that commune's cells, figures and
// deadlines.
func TestDashboardCyclesCommunes(t *testing.T) {
	h, hb, ts := twoCommunes(t)
	dash := h.app.screens[tabDashboard].(*dashboardScreen)
	d := h.app.env.d
	h.mustSee("Tất cả 2 xã", "xã Hòa Bình", "xã Trường Sơn")
	h.mustNotSee(narrow(hb[0].Name), narrow(ts[0].Name))
	h.fitsWidth(80)
	whole := model.Count(d.cells, d.rows, d.classes, dash.year)
	if dash.counts.Total != whole.Total {
		t.Errorf("all communes: %+v, recount %+v", dash.counts.Total, whole.Total)
	}
	for i, cells := range [][]model.Cell{hb, ts} {
		h.press(h.keys().Commune)
		name := []string{hoaBinh, "Đảng bộ xã Trường Sơn"}[i]
		h.mustSee(name, "Xã "+itoaZ(i+1)+"/2")
		h.fitsWidth(80)
		in := map[model.ID]bool{}
		for _, c := range cells {
			in[c.ID] = true
			h.mustSee(narrow(c.Name))
		}
		if len(dash.cells) != len(cells) {
			t.Fatalf("%s shows %d cells, want %d", name, len(dash.cells), len(cells))
		}
		var rows []model.CandidateRow
		for _, r := range d.rows {
			if in[r.Cell] {
				rows = append(rows, r)
			} else if dash.counts.ByCell[r.Cell] != (model.CellCount{}) {
				t.Fatalf("%s counts a cell of another commune", name)
			}
		}
		want := model.Count(cells, rows, nil, dash.year)
		if dash.counts.Total.Target != want.Total.Target || dash.counts.Total.Active != want.Total.Active || dash.counts.Total == whole.Total {
			t.Errorf("%s: %+v, want %+v", name, dash.counts.Total, want.Total)
		}
		for _, dl := range dash.items() {
			if !in[d.rows[d.rowIdx[dl.Candidate]].Cell] {
				t.Errorf("%s lists %s's deadline, of another commune", name, dl.Name)
			}
		}
	}
	for _, c := range hb {
		h.mustNotSee(narrow(c.Name))
	}
	h.press(h.keys().Commune)
	if dash.commune != 0 || dash.counts.Total != whole.Total {
		t.Fatalf("after the last commune: commune %d, %+v", dash.commune, dash.counts.Total)
	}
	h.mustSee("Tất cả 2 xã")
	// Enter on a commune's row opens its dashboard.
	h.press(h.keys().Down)
	h.press(h.keys().Open)
	if dash.commune != 2 || h.app.active != tabDashboard {
		t.Fatalf("enter on the second commune: commune %d, tab %d", dash.commune, h.app.active)
	}
}

// In a commune's dashboard, a save in another commune changes nothing, and
// one in this commune is counted as a recount would.
func TestDashboardCommuneFollowsOneRow(t *testing.T) {
	h, hb, _ := twoCommunes(t)
	dash := h.app.screens[tabDashboard].(*dashboardScreen)
	h.press(h.keys().Commune)
	d := h.app.env.d
	mine := map[model.ID]bool{hb[0].ID: true, hb[1].ID: true, hb[2].ID: true}
	var ours, theirs *model.CandidateRow
	for i, r := range d.rows {
		if model.InPipeline(r) && mine[r.Cell] && ours == nil {
			ours = &d.rows[i]
		} else if model.InPipeline(r) && !mine[r.Cell] && theirs == nil {
			theirs = &d.rows[i]
		}
	}
	before := dash.counts.Total
	gone := *theirs
	gone.Outcome = model.OutcomeRemoved
	h.send(statsChangedMsg{old: theirs, now: &gone})
	if dash.counts.Total != before {
		t.Fatalf("a save in another commune changed this one's figures: %+v → %+v", before, dash.counts.Total)
	}
	gone = *ours
	gone.Outcome = model.OutcomeRemoved
	h.send(statsChangedMsg{old: ours, now: &gone})
	if dash.counts.Total.Active != before.Active-1 {
		t.Fatalf("a removal in this commune: active %d, want %d", dash.counts.Total.Active, before.Active-1)
	}
}

// A commune's own file has no commune key and looks as it always did.
func TestDashboardOneCommuneHasNoCommuneKey(t *testing.T) {
	h := newHarness(t, true, model.VI)
	before := h.screen()
	h.press(h.keys().Commune)
	if h.screen() != before || strings.Contains(before, "xã khác") {
		t.Fatalf("the commune key acted on a one-commune file:\n%s", h.screen())
	}
	h.helpShows(nil, []string{"xã khác"})
}

// :report offers a merged file's communes: one commune, or each in turn.
func TestReportScreenCommuneChoice(t *testing.T) {
	t.Setenv("NGUON_DOCS", t.TempDir())
	h, _, _ := twoCommunes(t)
	h.send(tea.WindowSizeMsg{Width: 120, Height: 30})
	h.command("report")
	h.reportFocus("commune")
	h.typeText("hoa binh")
	h.press(h.keys().Save)
	h.mustSee("ĐẢNG BỘ XÃ HÒA BÌNH", "Chi bộ thôn Đông Hòa")
	h.mustNotSee("Chi bộ Cơ quan xã", "Tất cả các xã")
	h.press(reportKeyMap(model.VI).Change)
	h.reportFocus("commune")
	h.typeText("tung xa")
	h.press(h.keys().Save)
	h.mustSee("Đảng bộ xã Hòa Bình", "Chi bộ thôn Đông Hòa", "Tất cả các xã")
}

// A commune's own file's :report form asks nothing about communes.
func TestReportScreenOneCommuneNoChoice(t *testing.T) {
	h := newHarness(t, true, model.VI)
	h.command("report")
	h.mustSee("Loại báo cáo")
	if f := h.app.screens[h.app.active].(*reportScreen).form; len(f.fields) != 3 {
		t.Fatalf("the form has %d fields, want 3", len(f.fields))
	}
}

// reportFocus moves the :report form's focus to the field key.
func (h *harness) reportFocus(key string) {
	h.t.Helper()
	f := h.app.screens[h.app.active].(*reportScreen).form
	for range f.fields {
		if f.fields[f.focus].key == key {
			return
		}
		h.press(h.keys().NextField)
	}
	h.t.Fatalf("no field %q in the report form", key)
}

// In a merged file the candidate list filters by commune too (w), as the
// dashboard shows one commune (x); a commune's own file is not offered
// the filter.
func TestSourcesFilterByCommune(t *testing.T) {
	h, hb, _ := twoCommunes(t)
	k := h.keys()
	h.press(k.Tabs[tabSources])
	src := h.app.screens[tabSources].(*sourcesScreen)
	d := h.app.env.d
	ofHB := map[model.ID]bool{}
	for _, c := range hb {
		ofHB[c.ID] = true
	}
	want := 0
	for _, r := range d.rows {
		if ofHB[r.Cell] {
			want++
		}
	}
	h.press(k.ByCommune)
	h.mustSee("Lọc theo xã", "Hòa Bình", "Trường Sơn")
	h.typeText("hoa binh")
	h.key("enter")
	if len(src.tbl.view) != want || want == 0 {
		t.Fatalf("filtered to %d candidates, want the %d of Hòa Bình's cells", len(src.tbl.view), want)
	}
	for _, r := range src.tbl.view {
		if !ofHB[d.rows[r].Cell] {
			t.Fatalf("%s of another commune is listed", d.rows[r].Name)
		}
	}
	h.mustSee("Lọc: xã Hòa Bình")
	h.fitsWidth(80)
	h.press(k.ClearFilters)
	if len(src.tbl.view) != len(d.rows) {
		t.Fatalf("clearing the filters shows %d of %d", len(src.tbl.view), len(d.rows))
	}

	one := newHarness(t, true, model.VI)
	one.press(one.keys().Tabs[tabSources])
	one.press(one.keys().ByCommune)
	if one.app.screens[tabSources].(*sourcesScreen).mode != listMode {
		t.Error("a commune's own file offered the filter by commune")
	}
}
