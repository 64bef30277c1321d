package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

func TestShellTabsHelpAndQuit(t *testing.T) {
	h := newHarness(t, true, model.VI)
	h.mustSee("Tổng quan", "Chi bộ", "Nguồn", "Lớp", "Họp", "Tệp: <tệp>")
	h.press(h.keys().Tabs[1])
	if h.app.active != tabCells {
		t.Fatalf("active tab = %d, want cells", h.app.active)
	}
	h.press(h.keys().Help)
	h.mustSee("trang trước", "sắp xếp theo cột")
	h.press(h.keys().Help)
	h.mustNotSee("trang trước")
	h.press(h.keys().Quit)
	if !h.quit {
		t.Fatal("q on a list did not quit")
	}
}

func TestTooSmallAndBack(t *testing.T) {
	h := newHarness(t, true, model.VI)
	h.send(tea.WindowSizeMsg{Width: 60, Height: 20})
	h.mustSee("quá nhỏ", "80×24")
	h.press(h.keys().Tabs[2]) // ignored while too small
	for _, sz := range [][2]int{{1, 1}, {0, 0}, {79, 24}, {80, 23}} {
		h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		_ = h.screen() // must not panic at any size
	}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.mustSee("Tổng quan", "Đảng bộ xã Trường Sơn", "Tỷ lệ")
	h.mustNotSee("quá nhỏ")
}

func TestCommandLine(t *testing.T) {
	h := newHarness(t, true, model.VI)
	h.press(h.keys().Command)
	h.typeText("lang en")
	h.key("enter")
	h.mustSee("Overview", "Cells", "Sources", "Classes")
	h.mustNotSee("Tổng quan")
	h.press(h.keys().Command)
	h.typeText("3")
	h.key("enter")
	if h.app.active != tabSources {
		t.Fatalf("active = %d after :3", h.app.active)
	}
	h.press(h.keys().Command)
	h.typeText("frobnicate")
	h.key("enter")
	h.mustSee("Unknown command")
	out := t.TempDir() + "/copy.db"
	h.press(h.keys().Command)
	h.typeText("backup " + out)
	h.key("enter")
	h.mustSee("Backed up safely")
	h.press(h.keys().Command)
	h.typeText("q")
	h.key("enter")
	if !h.quit {
		t.Fatal(":q did not quit")
	}
}

func TestParseCommand(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want command
		err  bool
	}{
		{"q", command{name: "quit"}, false},
		{" quit ", command{name: "quit"}, false},
		{"backup D:\\sao luu\\x.db", command{name: "backup", arg: "D:\\sao luu\\x.db"}, false},
		{`backup "D:\sao luu\x.db"`, command{name: "backup", arg: `D:\sao luu\x.db`}, false},
		{`saoluu  'E:\x.db' `, command{name: "backup", arg: `E:\x.db`}, false},
		{"lang EN", command{name: "lang", arg: "en"}, false},
		{"chi bộ", command{}, true},
		{"chibộ", command{name: "tab", tab: tabCells}, false},
		{"5", command{name: "tab", tab: tabMeetings}, false},
		{"", command{}, false},
		{"xyz", command{}, true},
	} {
		got, err := parseCommand(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("parseCommand(%q) = %+v, %v; want %+v, err=%v", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestCatalogComplete(t *testing.T) {
	for k, v := range catalog {
		if strings.TrimSpace(v.VI) == "" || strings.TrimSpace(v.EN) == "" {
			t.Errorf("catalog key %q lacks a language", k)
		}
	}
	// Every screen in English shows no catalogue key placeholder.
	h := newHarness(t, true, model.EN)
	for i := range h.app.screens {
		h.app.active = i
		if s := h.screen(); strings.Contains(s, "«") {
			t.Errorf("tab %d shows a missing key:\n%s", i, s)
		}
	}
}

func TestCtrlCAsksWhenFormDirty(t *testing.T) {
	h := newHarness(t, true, model.VI)
	h.press(h.keys().Tabs[1])
	h.press(h.keys().New)
	h.typeText("Chi bộ thôn Mới")
	h.press(h.keys().ForceQuit)
	if h.quit {
		t.Fatal("ctrl+c quit with an unsaved form without asking")
	}
	h.mustSee("Vẫn thoát?")
	h.key("n")
	if h.quit {
		t.Fatal("answering n quit")
	}
	h.press(h.keys().ForceQuit)
	h.key("y")
	if !h.quit {
		t.Fatal("answering y did not quit")
	}
}

func TestSettingsForm(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.press(k.Command)
	h.typeText("settings")
	h.key("enter")
	h.mustSee("Cài đặt của đảng bộ", "Ban Thường vụ Đảng ủy xã")
	h.focus("deciding_body")
	h.typeText("huyen")
	h.focus("holidays")
	h.key("end")
	h.typeText(", 31/02/2027")
	h.press(k.NextField)
	h.mustSee("Ngày nghỉ “31/02/2027”: Ngày này không có trong lịch.")
	h.focus("holidays")
	h.key("end")
	for range len(", 31/02/2027") {
		h.key("backspace")
	}
	h.typeText(", 15/08/2027")
	h.press(k.Save)
	h.mustSee("Đã lưu.")
	v, err := h.st.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if v.DecidingBody != "district_standing" {
		t.Fatalf("deciding body = %q", v.DecidingBody)
	}
	found := false
	for _, d := range v.Holidays {
		found = found || d == model.NewDate(2027, 8, 15)
	}
	if !found {
		t.Fatal("the added holiday was not saved")
	}
}

// panicScreen stands in for a screen with a bug.
type panicScreen struct{ *cellsScreen }

func (panicScreen) update(tea.Msg) tea.Cmd { panic("boom") }

func TestBugBecomesStatusLine(t *testing.T) {
	h := newHarness(t, true, model.VI)
	h.app.screens[tabCells] = panicScreen{h.app.screens[tabCells].(*cellsScreen)}
	h.press(h.keys().Tabs[tabCells])
	h.press(h.keys().Down)
	h.mustSee("Lỗi trong chương trình (boom)")
	h.press(h.keys().Tabs[tabDashboard])
	h.mustSee("Đảng bộ xã Trường Sơn", "Tỷ lệ")
}

func TestFirstRecordEndsDemoOffer(t *testing.T) {
	h := newHarness(t, false, model.VI)
	k := h.keys()
	h.newRecord(tabCells)
	h.typeText("Chi bộ thôn Một")
	h.press(k.Save)
	h.press(k.Tabs[tabDashboard])
	h.mustNotSee("Chào mừng")
	h.mustSee("Chi bộ: 1")
	// enter on the dashboard no longer loads the demo into real work.
	h.key("enter")
	if cells, _ := h.st.Cells(); len(cells) != 1 {
		t.Fatalf("demo data was mixed into real work: %d cells", len(cells))
	}
}

// Paths pasted as Windows' "Copy as path" gives them, in quotation marks,
// work in :backup, :export and :import.
func TestQuotedPathsInCommands(t *testing.T) {
	h := newHarness(t, true, model.VI)
	dir := filepath.Join(t.TempDir(), "sao luu")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	command := func(line string) {
		h.key(":")
		h.typeText(line)
		h.key("enter")
	}
	backup := filepath.Join(dir, "bản sao.db")
	command(`backup "` + backup + `"`)
	if _, err := os.Stat(backup); err != nil {
		t.Fatalf(":backup with a quoted path: %v\n%s", err, h.screen())
	}
	list := filepath.Join(dir, "danh sách.csv")
	command(`export quanchung "` + list + `"`)
	if _, err := os.Stat(list); err != nil {
		t.Fatalf(":export with a quoted path: %v\n%s", err, h.screen())
	}
	command(`import "` + list + `"`)
	if s := h.screen(); !strings.Contains(s, "64") {
		t.Errorf(":import with a quoted path did not read the 64 candidates:\n%s", s)
	}
}

// ? lists each key once: on the dashboard "[" and "]" change the year, and
// are not listed again as the tab switch they are elsewhere.
func TestHelpListsEachKeyOnce(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		h := newHarness(t, true, lang)
		h.press(h.keys().Help)
		s := h.screen()
		year, tab := "năm trước", "thẻ trước"
		if lang == model.EN {
			year, tab = "previous year", "previous tab"
		}
		if !strings.Contains(s, year) || strings.Contains(s, tab) {
			t.Errorf("%s: the dashboard's help should list [ as %q only:\n%s", lang, year, s)
		}
		h.press(h.keys().Help)
		h.press(h.keys().Tabs[1])
		h.press(h.keys().Help)
		if s := h.screen(); !strings.Contains(s, tab) {
			t.Errorf("%s: on the cells tab [ is the previous tab:\n%s", lang, s)
		}
	}
}
