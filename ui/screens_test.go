package ui

import (
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

func TestCellCreateEditDeleteUndo(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.press(k.Tabs[tabCells])
	before := len(h.app.env.d.cells)
	h.press(k.New)
	h.typeText("Chi bộ thôn Bái Thượng")
	h.press(k.NextField) // kind (village by default)
	h.press(k.NextField) // secretary
	h.typeText("Lê Văn Tâm")
	h.press(k.NextField)
	h.press(k.NextField) // official members
	h.typeText("17")
	h.press(k.Save)
	h.mustSee("Đã lưu.", "Chi bộ thôn Bái Thượng", "Lê Văn Tâm", "17")
	h.mustNotSee("Chi bộ Chi bộ") // the name already says "Chi bộ"
	cells, _ := h.st.Cells()
	if len(cells) != before+1 {
		t.Fatalf("store has %d cells, want %d", len(cells), before+1)
	}
	// Edit from the detail view.
	h.press(k.Edit)
	h.key("ctrl+u") // textinput: delete to start of line
	h.typeText("Chi bộ thôn Bái Thượng 2")
	h.press(k.Save)
	h.mustSee("Chi bộ thôn Bái Thượng 2")
	// Targets for this year, per source group.
	h.press(k.Targets)
	h.press(k.NextField)
	h.typeText("3")
	h.press(k.NextField)
	h.typeText("2") // youth union
	h.press(k.Save)
	h.mustSee("2026: 0 / 3", "Đoàn viên thanh niên 2")
	// Delete with confirmation, then undo.
	h.press(k.Delete)
	h.mustSee("Xóa “Chi bộ thôn Bái Thượng 2”? (y/N)")
	h.key("y")
	h.mustSee("Bấm u để hoàn tác")
	if cells, _ := h.st.Cells(); len(cells) != before {
		t.Fatalf("after delete the store has %d cells, want %d", len(cells), before)
	}
	h.press(k.Undo)
	cells, _ = h.st.Cells()
	found := false
	for _, c := range cells {
		if c.Name == "Chi bộ thôn Bái Thượng 2" && c.TargetFor(2026).Total == 3 {
			found = true
		}
	}
	if !found {
		t.Fatal("undo did not bring the cell back with its targets")
	}
}

func TestCellValidationAndDiscardGuard(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.press(k.Tabs[tabCells])
	h.press(k.New)
	h.press(k.Save)
	h.mustSee("Ô này không được để trống.")
	if h.app.screens[tabCells].(*cellsScreen).mode != formMode {
		t.Fatal("a failed validation closed the form")
	}
	h.typeText("Chi bộ thử")
	h.press(k.NextField)
	h.press(k.NextField)
	h.press(k.NextField)
	h.press(k.NextField)
	h.typeText("mười")
	h.press(k.NextField) // leaving the field checks it
	h.mustSee("Phải là một số nguyên không âm.")
	// esc on a changed form asks first; n keeps the form.
	h.press(k.Cancel)
	h.mustSee("Bỏ các thay đổi chưa lưu? (y/N)")
	h.key("n")
	h.mustSee("Chi bộ thử")
	h.press(k.Cancel)
	h.key("y")
	h.mustNotSee("Chi bộ thử")
	if cells, _ := h.st.Cells(); len(cells) != 11 {
		t.Fatalf("discarded form wrote a cell: %d cells", len(cells))
	}
}

// fillCandidate types a minimal valid candidate through the form.
func fillCandidate(h *harness, name string) {
	h.newRecord(tabSources)
	h.fill(name, "nu", "05/09/2000") // sex: type to filter → Nữ
	h.focus("source")
	h.fill("phu nu", "dong hoa")
	h.press(h.keys().NextField)
}

func TestCandidateTelexBurstAndCtrlH(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.press(k.Tabs[tabSources])
	h.press(k.New)
	// Unikey/Telex: "Nguyeenx" arrives as letters, then backspaces and replacements.
	h.typeText("Nguye")
	h.key("backspace")
	h.typeText("ê")
	h.typeText("n")
	h.key("backspace")
	h.key("backspace")
	h.typeText("ễn Thị Thuy")
	h.key("ctrl+h") // Unikey's 0x08 is ctrl+h: one character back
	h.typeText("ỷ")
	// NFD input from another IME must be stored as NFC.
	h.typeText(" Le\u0302")
	s := h.app.screens[tabSources].(*sourcesScreen)
	if got := s.form.field("full_name").value(); got != "Nguyễn Thị Thuỷ Lê" {
		t.Fatalf("name field = %q", got)
	}
	h.press(k.NextField)
	h.fill("nu", "05/09/2000")
	h.focus("source")
	h.typeText("phu nu")
	h.press(k.Save)
	h.mustSee("Đã lưu.", "Nguyễn Thị Thuỷ Lê", "Hội viên phụ nữ")
	c, err := h.st.Candidate(s.cur.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.FullName != model.NFC("Nguyễn Thị Thuỷ Lê") || c.Sex != model.Female || c.DOB != model.NewDate(2000, 9, 5) {
		t.Fatalf("stored %q %q %v", c.FullName, c.Sex, c.DOB)
	}
}

func TestCandidateValidationKeepsForm(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.newRecord(tabSources)
	h.fill("Trần Văn Bình", "nam", "31/02/2000")
	h.press(k.NextField)
	h.mustSee("Ngày này không có trong lịch.")
	h.focus("cccd")
	h.typeText("12345")
	h.press(k.NextField)
	h.mustSee("Số CCCD phải gồm đúng 12 chữ số.")
	h.press(k.Save)
	s := h.app.screens[tabSources].(*sourcesScreen)
	if s.mode != formMode {
		t.Fatal("invalid candidate left the form")
	}
	if got := s.form.field("full_name").value(); got != "Trần Văn Bình" {
		t.Fatalf("typed text lost: %q", got)
	}
}

func TestPasteControlCharacters(t *testing.T) {
	h := newHarness(t, true, model.VI)
	fillCandidate(h, "")
	s := h.app.screens[tabSources].(*sourcesScreen)
	s.form.focusField(0)
	h.send(tea.PasteMsg{Content: "Hoàng\x1b[31m Văn\x07 Nam\x1b[0m"})
	h.press(h.keys().Save)
	c, err := h.st.Candidate(s.cur.ID)
	if err != nil {
		t.Fatalf("save after paste: %v\n%s", err, h.screen())
	}
	if strings.ContainsAny(c.FullName, "\x1b\x07") || !strings.Contains(c.FullName, "Hoàng") {
		t.Fatalf("stored name %q", c.FullName)
	}
}

func TestStoredControlCharsShownEscaped(t *testing.T) {
	h := newHarness(t, true, model.VI)
	d := h.app.env.d
	d.putRow(model.CandidateRow{ID: model.NewID(testNow), Name: "Aaa \x1b[2J evil", Stage: model.StageSource})
	h.send(dataChangedMsg{})
	h.press(h.keys().Tabs[tabSources])
	raw := h.app.View().Content
	if strings.Contains(raw, "\x1b[2J") {
		t.Fatal("a stored escape sequence reached the terminal raw")
	}
	h.mustSee("Aaa")
}

func TestFilterAccentInsensitive(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.press(k.Tabs[tabSources])
	s := h.app.screens[tabSources].(*sourcesScreen)
	total := len(h.app.env.d.rows)
	h.press(k.Filter)
	h.typeText("nguyen")
	if len(s.tbl.view) == 0 || len(s.tbl.view) == total {
		t.Fatalf("nguyen matched %d of %d", len(s.tbl.view), total)
	}
	for _, r := range s.tbl.view {
		if !strings.Contains(h.app.env.d.rows[r].Name, "Nguyễn") {
			t.Fatalf("nguyen matched %q", h.app.env.d.rows[r].Name)
		}
	}
	h.mustSee(s.tbl.Count())
	// q typed into the filter is text, not quit.
	h.typeText("q")
	if h.quit {
		t.Fatal("q in the filter quit the app")
	}
	h.key("backspace")
	h.key("esc")
	if len(s.tbl.view) != total {
		t.Fatalf("esc did not clear the filter: %d", len(s.tbl.view))
	}
	// "duc" finds Đức; typed with accents, Đức ranks before Dục/Duc.
	h.press(k.Filter)
	h.typeText("duc")
	for _, r := range s.tbl.view {
		if model.Fold(h.app.env.d.rows[r].Name) == "" || !strings.Contains(model.Fold(h.app.env.d.rows[r].Name), "duc") {
			t.Fatalf("duc matched %q", h.app.env.d.rows[r].Name)
		}
	}
	if len(s.tbl.view) == 0 {
		t.Fatal("duc found nobody")
	}
	h.key("enter")
	if s.tbl.capturing() {
		t.Fatal("enter did not leave the filter line")
	}
}

func TestFilterRanksExactAccentFirst(t *testing.T) {
	h := newHarness(t, false, model.VI)
	// Đức folds to duc: all three match, the exact one first.
	got := h.filterNames([]string{"Ngô Văn Duc", "Lê Văn Dục", "Trần Đức An"}, "Đức")
	if len(got) != 3 || got[0] != "Trần Đức An" {
		t.Fatalf("Đức → %v", got)
	}
}

func TestSortAndQuickFilter(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.press(k.Tabs[tabSources])
	s := h.app.screens[tabSources].(*sourcesScreen)
	rows := h.app.env.d.rows
	h.press(k.Sort) // by date of birth
	for i := 1; i < len(s.tbl.view); i++ {
		if rows[s.tbl.view[i-1]].DOB > rows[s.tbl.view[i]].DOB {
			t.Fatal("not sorted by date of birth")
		}
	}
	h.press(k.SortReverse)
	if rows[s.tbl.view[0]].DOB < rows[s.tbl.view[len(s.tbl.view)-1]].DOB {
		t.Fatal("reverse did not reverse")
	}
	h.press(k.BySource)
	h.typeText("phu nu")
	h.key("enter")
	if len(s.tbl.view) == 0 {
		t.Fatal("no women's union candidates")
	}
	for _, r := range s.tbl.view {
		if rows[r].Source != model.SourceWomen {
			t.Fatalf("quick filter kept %v", rows[r].Source)
		}
	}
	h.mustSee("Lọc: Hội viên phụ nữ")
	h.press(k.ClearFilters)
	if len(s.tbl.view) != len(rows) {
		t.Fatal("x did not clear the quick filter")
	}
}

func TestClassEnrolmentAndCertificate(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.newRecord(tabClasses)
	h.fill("Lớp nhận thức về Đảng khóa 3", "doan")
	h.press(k.NextField)
	h.press(k.NextField)
	h.typeText("02/11/2026")
	h.press(k.NextField)
	h.typeText("06/11/2026")
	h.press(k.Save)
	h.mustSee("Lớp nhận thức về Đảng khóa 3", "Chưa có học viên")
	// Enrol someone found by typing part of the name without accents.
	target := h.app.env.d.rows[0]
	h.press(k.Enrol)
	h.typeText(model.Fold(target.Name))
	h.key("enter")
	h.mustSee(target.Name, "Đã ghi danh")
	h.press(k.Result) // enrolled → attended
	h.mustSee("Đã dự học")
	h.press(k.Open) // certificate form
	h.typeText("dat")
	h.press(k.NextField)
	h.typeText("CN-NTVĐ 0999/2026")
	h.press(k.NextField)
	h.typeText("06/11/2026")
	h.press(k.Save)
	h.mustSee("CN-NTVĐ 0999/2026", "06/11/2026 → 06/11/2031")
	// The certificate appears on the candidate's detail view with its expiry.
	h.send(navigateMsg{tab: tabSources, open: target.ID})
	h.mustSee("Lớp nhận thức về Đảng khóa 3", "hết hạn 06/11/2031")
}

func TestFailedSaveKeepsForm(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.press(k.Tabs[tabCells])
	h.press(k.New)
	h.typeText("Chi bộ thôn Mất Điện")
	// The file disappears under the app (USB stick pulled): the save must fail cleanly.
	h.st.Close()
	h.press(k.Save)
	s := h.app.screens[tabCells].(*cellsScreen)
	if s.mode != formMode || s.form.field("name").value() != "Chi bộ thôn Mất Điện" {
		t.Fatal("a failed save lost the form")
	}
	if s.form.err == "" {
		t.Fatal("a failed save said nothing")
	}
	reopenForCleanup(t, h)
}

// reopenForCleanup lets the harness's consistency check run after a test closed the store.
func reopenForCleanup(t *testing.T, h *harness) {
	t.Helper()
	if _, err := os.Stat(h.st.Path()); err != nil {
		t.Fatal(err)
	}
	h.st = reopen(t, h.st.Path())
}

func TestUndoFromAnotherTabAndCountsFollow(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	dash := h.app.screens[tabDashboard].(*dashboardScreen)
	active := dash.counts.Total.Active
	h.press(k.Tabs[tabSources])
	s := h.app.screens[tabSources].(*sourcesScreen)
	// Pick an active candidate before the admission decision, so the count moves.
	for i, r := range s.tbl.view {
		row := h.app.env.d.rows[r]
		if row.Outcome == "" && row.Stage.Index() < model.StageDecision.Index() {
			s.tbl.cursor = i
			break
		}
	}
	name := h.app.env.d.rows[s.tbl.Selected()].Name
	h.press(k.Delete)
	h.key("y")
	if dash.counts.Total.Active != active-1 {
		t.Fatalf("dashboard count after delete = %d, want %d", dash.counts.Total.Active, active-1)
	}
	h.press(k.Tabs[tabDashboard])
	h.mustSee("Bấm u để hoàn tác")
	h.press(k.Undo)
	if dash.counts.Total.Active != active {
		t.Fatalf("dashboard count after undo = %d, want %d", dash.counts.Total.Active, active)
	}
	found := false
	for _, r := range s.tbl.view {
		found = found || h.app.env.d.rows[r].Name == name
	}
	if !found {
		t.Fatal("undo from another tab did not bring the row back to the list")
	}
}

func TestFilterWordsInAnyOrder(t *testing.T) {
	h := newHarness(t, false, model.VI)
	if got := h.filterNames([]string{"Nguyễn Văn Thuỷ", "Nguyễn Thị Hoa", "Trần Thủy Tiên"}, "nguyen thuy"); len(got) != 1 || got[0] != "Nguyễn Văn Thuỷ" {
		t.Fatalf("nguyen thuy matched %v", got)
	}
	s := h.app.screens[tabSources].(*sourcesScreen)
	h.key("ctrl+u")
	h.typeText("thuy")
	if len(s.tbl.view) != 2 {
		t.Fatalf("thuy matched %d rows, want Thuỷ and Thủy", len(s.tbl.view))
	}
}
