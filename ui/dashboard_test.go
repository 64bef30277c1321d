package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/model"
)

// The dashboard shows every cell's target, admissions and percent, flags
// cells with no candidates, and enter on a cell opens its candidates.
func TestDashboardPerCellAndOpen(t *testing.T) {
	h := newHarness(t, true, model.VI)
	dash := h.app.screens[tabDashboard].(*dashboardScreen)
	for _, c := range dash.cells {
		n := dash.counts.ByCell[c.ID]
		h.mustSee(shortCell(c.Name), model.Rate(n.Admitted, n.Target, model.VI))
	}
	h.press(h.keys().Down)
	want := dash.cells[1]
	h.press(h.keys().Open)
	s := h.app.screens[tabSources].(*sourcesScreen)
	if h.app.active != tabSources || s.fCell != want.ID {
		t.Fatalf("enter on %s: tab %d, cell filter %v", want.Name, h.app.active, s.fCell)
	}
	h.mustSee("Lọc: " + want.Name)
	for _, r := range s.tbl.view {
		if h.app.env.d.rows[r].Cell != want.ID {
			t.Fatalf("a candidate of another cell is listed: %s", h.app.env.d.rows[r].Name)
		}
	}
}

func TestDashboardYearKeys(t *testing.T) {
	h := newHarness(t, true, model.VI)
	dash := h.app.screens[tabDashboard].(*dashboardScreen)
	year := dash.year
	h.press(h.keys().PrevYear)
	if dash.year != year-1 || dash.counts.Year != year-1 {
		t.Fatalf("[ gave year %d", dash.year)
	}
	h.mustSee("năm " + itoaZ(year-1))
	if h.app.active != tabDashboard {
		t.Fatal("[ switched the tab instead of the year")
	}
	h.press(h.keys().NextYear)
	if dash.counts.Total.Admitted != model.Count(h.app.env.d.cells, h.app.env.d.rows, nil, year).Total.Admitted {
		t.Error("back to this year, the figures differ from a recount")
	}
}

func TestDashboardFlagsCellsWithoutCandidatesAndScrollsToDeadlines(t *testing.T) {
	h := newHarness(t, true, model.VI)
	cell := model.Cell{Name: "Chi bộ thôn Mới Lập", Kind: "village"}
	if err := h.st.PutCell(&cell); err != nil {
		t.Fatal(err)
	}
	h.app.env.d.putCell(cell)
	h.send(dataChangedMsg{})
	h.mustSee("thôn Mới Lập", "chưa có quần chúng")
	h.press(h.keys().Bottom)
	h.mustSee("Việc sắp đến hạn")
	if !strings.Contains(h.screen(), "›") {
		t.Error("the cursor is not shown after G")
	}
}

// The dashboard formats only the deadlines it shows; the cursor must still
// land on the right one, in view, beside the tables on a wide window and
// below them on a narrow one.
func TestDashboardCursorOnDeadlinesWideAndNarrow(t *testing.T) {
	for _, size := range []tea.WindowSizeMsg{{Width: 160, Height: 30}, {Width: 80, Height: 24}} {
		h := newHarness(t, true, model.VI)
		h.send(size)
		dash := h.app.screens[tabDashboard].(*dashboardScreen)
		if len(dash.overdue) == 0 || len(dash.due) < 2 {
			t.Fatalf("the demo has %d overdue and %d due deadlines", len(dash.overdue), len(dash.due))
		}
		want := dash.due[1] // past the cells and the overdue ones
		for range dash.top() + len(dash.overdue) + 1 {
			h.press(h.keys().Down)
		}
		var marked []string
		for _, l := range strings.Split(h.screen(), "\n") {
			if strings.Contains(l, "›") {
				marked = append(marked, l)
			}
		}
		if len(marked) != 1 || !strings.Contains(marked[0], want.Name) || !strings.Contains(marked[0], want.Due.String()) {
			t.Errorf("at %dx%d the marked lines are %q, want the one of %s due %s", size.Width, size.Height, marked, want.Name, want.Due)
		}
		if at := strings.Index(marked[0], "›"); size.Width >= 150 && ansi.StringWidth(marked[0][:at]) < 80 {
			t.Errorf("on a wide window the deadline stands beside the tables, not at column %d: %q", ansi.StringWidth(marked[0][:at]), marked[0])
		}
	}
}
