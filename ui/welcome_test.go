package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
	"nguon/store"
)

// The texts of the menu in each language, as a clerk sees them.
var welcomeTexts = map[model.Lang][]string{
	model.VI: {"Chào mừng đến với nguồn", "Bắt đầu với tệp trống (nhập chi bộ của xã mình)", "Xem thử dữ liệu mẫu", "Mở bản sao từ USB hoặc máy khác"},
	model.EN: {"Welcome to nguon", "Start with an empty file (enter your commune's cells)", "Try the demo data", "Open a copy from a USB stick or another computer"},
}

// selectedChoice is the menu line the highlight is on.
func (h *harness) selectedChoice() string {
	h.t.Helper()
	for _, l := range strings.Split(h.screen(), "\n") {
		if i := strings.Index(l, "▸ "); i >= 0 {
			return strings.TrimSpace(l[i+len("▸ "):])
		}
	}
	h.t.Fatalf("no menu line is highlighted:\n%s", h.screen())
	return ""
}

// The menu shows its three choices, and ↓/j, ↑/k move the highlight,
// wrapping at both ends.
func TestWelcomeMenuMoves(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		h := newHarness(t, false, lang)
		texts := welcomeTexts[lang]
		h.mustSee(texts...)
		if got := h.selectedChoice(); got != texts[1] {
			t.Fatalf("%s: first highlight on %q", lang, got)
		}
		for _, step := range []struct {
			key  string
			want string
		}{{"down", texts[2]}, {"j", texts[3]}, {"j", texts[1]}, {"k", texts[3]}, {"up", texts[2]}} {
			h.key(step.key)
			if got := h.selectedChoice(); got != step.want {
				t.Fatalf("%s: after %s the highlight is on %q, want %q", lang, step.key, got, step.want)
			}
		}
		if lang == model.VI {
			h.mustNotSee("Use ", "Paste")
		} else {
			h.mustNotSee("Dùng", "Dán")
		}
	}
}

// The first choice, and 2 as before the menu, go to the cells tab and
// end the welcome.
func TestWelcomeStartEmpty(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		h := newHarness(t, false, lang)
		h.key("enter")
		if h.app.active != tabCells || h.app.empty {
			t.Fatalf("%s: enter on the first choice: tab %d, empty %v", lang, h.app.active, h.app.empty)
		}
		h.mustSee(map[model.Lang]string{model.VI: "Chưa có chi bộ nào", model.EN: "No cells yet"}[lang])
		h.press(h.keys().Tabs[tabDashboard])
		h.mustNotSee(welcomeTexts[lang][1])

		h2 := newHarness(t, false, lang)
		h2.key("2")
		if h2.app.active != tabCells || h2.app.empty {
			t.Fatalf("%s: 2 on the welcome: tab %d, empty %v", lang, h2.app.active, h2.app.empty)
		}
	}
}

// The demo goes into nguon-mau.db beside the data file, which stays empty;
// the status says so, naming both files.
func TestWelcomeDemoOpensItsOwnFile(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		h := newHarness(t, false, lang)
		real := h.st.Path()
		h.key("j")
		h.key("enter")
		if h.app.env.store == h.st {
			t.Fatalf("%s: the demo did not replace the open file; status %q", lang, h.app.status)
		}
		h.st = h.app.env.store // the cleanup checks and closes the file open now
		demo := filepath.Join(filepath.Dir(real), DemoFileName)
		if h.st.Path() != demo {
			t.Fatalf("%s: open file %s, want %s", lang, h.st.Path(), demo)
		}
		h.mustSee("Trường Sơn")
		if h.app.statusErr || !strings.Contains(h.app.status, demo) || !strings.Contains(h.app.status, real) {
			t.Fatalf("%s: status %q does not name both files", lang, h.app.status)
		}
		want := map[model.Lang]string{model.VI: "tệp dữ liệu mẫu", model.EN: "demo file"}[lang]
		if !strings.Contains(h.app.status, want) {
			t.Errorf("%s: status %q", lang, h.app.status)
		}
		if n := len(h.app.env.d.cells); n != 11 {
			t.Errorf("%s: %d cells shown, want the demo's 11", lang, n)
		}
		if h.app.welcoming() {
			t.Errorf("%s: the welcome still shows", lang)
		}
		st := reopen(t, real)
		empty, err := st.IsEmpty()
		st.Close()
		if err != nil || !empty {
			t.Errorf("%s: the real file is not empty after the demo (%v)", lang, err)
		}
	}
}

// A demo file that already holds data (an earlier try, with the clerk's
// changes) is opened as it is, not filled again.
func TestWelcomeDemoKeepsExistingDemoFile(t *testing.T) {
	h := newHarness(t, false, model.VI)
	demo := filepath.Join(filepath.Dir(h.st.Path()), DemoFileName)
	st := reopen(t, demo)
	tried := model.Cell{Name: "Chi bộ thử", Kind: "village", OfficialMembers: 4}
	if err := st.PutCell(&tried); err != nil {
		t.Fatal(err)
	}
	st.Close()
	h.key("j")
	h.key("enter")
	h.st = h.app.env.store
	if h.st.Path() != demo {
		t.Fatalf("open file %s; status %q", h.st.Path(), h.app.status)
	}
	if cells := h.app.env.d.cells; len(cells) != 1 || !hasCell(cells, tried.Name) {
		t.Errorf("the demo file was changed: %d cells", len(cells))
	}
}

// harnessOn is newHarness on the file at path.
func harnessOn(t *testing.T, path string, lang model.Lang) *harness {
	t.Helper()
	h := &harness{t: t, st: reopen(t, path)}
	t.Cleanup(func() { h.st.Close() })
	h.app = New(h.st, Options{Lang: lang, Now: func() time.Time { return testNow }})
	h.run(h.app.Init())
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	return h
}

// Opened on nguon-mau.db itself, the demo goes into that file, as before.
func TestWelcomeDemoIntoTheDemoFile(t *testing.T) {
	demo := filepath.Join(t.TempDir(), DemoFileName)
	h := harnessOn(t, demo, model.EN)
	h.key("j")
	h.key("enter")
	if h.app.env.store != h.st {
		t.Fatalf("the demo file was swapped for another: %s", h.app.env.store.Path())
	}
	h.mustSee("Trường Sơn", "Demo data loaded.")
	if empty, err := h.st.IsEmpty(); err != nil || empty {
		t.Errorf("the demo file is still empty (%v)", err)
	}
}

// A demo file that cannot be used (here: not a nguon file) is said in one
// sentence, and the clerk stays on the real file, welcome and all.
func TestWelcomeDemoRefused(t *testing.T) {
	h := newHarness(t, false, model.VI)
	demo := filepath.Join(filepath.Dir(h.st.Path()), DemoFileName)
	garbage := []byte(strings.Repeat("không phải tệp nguon ", 400))
	if err := os.WriteFile(demo, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	h.key("j")
	h.key("enter")
	if h.app.env.store != h.st || h.app.restoring {
		t.Fatalf("the real file was left: %s", h.app.env.store.Path())
	}
	if !h.app.statusErr || !strings.Contains(h.app.status, "Không mở được tệp mẫu "+demo) {
		t.Fatalf("status %q", h.app.status)
	}
	if b, _ := os.ReadFile(demo); string(b) != string(garbage) {
		t.Error("the refused demo file was changed")
	}
	h.mustSee(welcomeTexts[model.VI]...)
}

// demoCopy writes a file holding the demo, as if brought on a USB stick,
// in a folder whose name has a space, as Windows' often do.
func demoCopy(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "USB Xa", "nguon.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	st := reopen(t, path)
	if err := st.Import(model.Demo(model.DateOf(testNow))); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// openCopy chooses the third line and types the path.
func (h *harness) openCopy(path string) {
	h.t.Helper()
	h.key("up") // the menu wraps: the last line
	h.key("enter")
	if !h.app.welcomeTyping() {
		h.t.Fatalf("the third choice did not open the path line:\n%s", h.screen())
	}
	h.typeText(path)
	h.key("enter")
}

// A pasted path in double quotes ("Copy as path") is installed as the data
// file: the dashboard shows its commune, and the copy itself is untouched.
func TestWelcomeCopyInstalled(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		h := newHarness(t, false, lang)
		from := demoCopy(t)
		before := fileSum(t, from)
		path := h.st.Path()
		h.openCopy(`"` + from + `"`)
		if h.app.env.store == h.st {
			t.Fatalf("%s: the file was not opened again; status %q", lang, h.app.status)
		}
		h.st = h.app.env.store
		if h.st.Path() != path {
			t.Fatalf("%s: open file %s, want the data file %s", lang, h.st.Path(), path)
		}
		h.mustSee("Đảng bộ xã Trường Sơn")
		want := map[model.Lang]string{model.VI: "Đã chép bản sao " + from, model.EN: "Copied " + from}[lang]
		if h.app.statusErr || !strings.Contains(h.app.status, want) {
			t.Fatalf("%s: status %q", lang, h.app.status)
		}
		if h.app.welcoming() || h.app.active != tabDashboard {
			t.Errorf("%s: welcome %v, tab %d", lang, h.app.welcoming(), h.app.active)
		}
		if empty, err := h.st.IsEmpty(); err != nil || empty {
			t.Errorf("%s: the data file is empty after the copy (%v)", lang, err)
		}
		if fileSum(t, from) != before {
			t.Errorf("%s: the copy on the stick was changed", lang)
		}
	}
}

// A missing path, a folder and a file that is not nguon's are each said in
// one sentence in the clerk's language; the data file stays open and byte
// for byte as it was, and the path line stays for a correction.
func TestWelcomeCopyRefused(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "ds.xlsx")
	if err := os.WriteFile(garbage, []byte(strings.Repeat("PK not a nguon file ", 500)), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		path   string
		lang   model.Lang
		reason string
	}{
		{filepath.Join(dir, "khong-co.db"), model.VI, "Không tìm thấy tệp"},
		{filepath.Join(dir, "khong-co.db"), model.EN, "does not exist"},
		{dir, model.VI, "là một thư mục"},
		{garbage, model.VI, "không phải tệp dữ liệu của nguon"},
		{garbage, model.EN, "not a nguon data file"},
	} {
		h := newHarness(t, false, tc.lang)
		path := h.st.Path()
		before := fileSum(t, path)
		h.openCopy(`"` + tc.path + `"`)
		if h.app.env.store != h.st || h.app.restoring {
			t.Fatalf("%s %s: the data file was closed", tc.lang, tc.reason)
		}
		if !h.app.statusErr || !strings.Contains(h.app.status, tc.reason) || !strings.Contains(h.app.status, tc.path) {
			t.Errorf("%s: status %q, want %q naming %s", tc.lang, h.app.status, tc.reason, tc.path)
		}
		if n := strings.Count(strings.TrimSuffix(h.app.status, "."), ". "); n != 0 || !strings.HasSuffix(h.app.status, ".") {
			t.Errorf("%s: not one sentence: %q", tc.lang, h.app.status)
		}
		if !h.app.welcomeTyping() {
			t.Errorf("%s: the path line closed after a refusal", tc.lang)
		}
		if fileSum(t, path) != before {
			t.Errorf("%s: a refused copy changed the data file", tc.lang)
		}
		if list, _ := store.ListBackups(path); len(list) != 0 {
			t.Errorf("%s: a refused copy left backups: %+v", tc.lang, list)
		}
		// esc closes the path line; the menu is back.
		h.key("esc")
		if h.app.welcomeTyping() || !h.app.welcoming() {
			t.Errorf("%s: esc did not go back to the menu", tc.lang)
		}
	}
}

// While the path is typed, letters are text: q does not quit, ? opens no
// help, and the footer offers only enter and esc.
func TestWelcomePathLineTakesLetters(t *testing.T) {
	h := newHarness(t, false, model.VI)
	h.key("up")
	h.key("enter")
	h.typeText("q?j2")
	if h.quit || h.app.showHelp || h.app.active != tabDashboard {
		t.Fatalf("a letter in the path acted: quit %v, help %v, tab %d", h.quit, h.app.showHelp, h.app.active)
	}
	if got := h.app.welcome.input.Value(); got != "q?j2" {
		t.Errorf("typed %q", got)
	}
	h.send(tea.PasteMsg{Content: "\x1b[31mD:\\Xa\x1b[0m\nrest"})
	if got := h.app.welcome.input.Value(); got != `q?j2D:\Xa` {
		t.Errorf("after a paste: %q", got)
	}
	foot := h.footer()
	if !strings.Contains(foot, "enter mở") || !strings.Contains(foot, "esc hủy") || strings.Contains(foot, "trợ giúp") {
		t.Errorf("footer while typing:\n%s", foot)
	}
}

// At 80×24 the whole menu shows, uncut, in both languages, and ? lists
// each key once.
func TestWelcomeFits80x24(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		h := newHarness(t, false, lang)
		h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
		h.mustSee(welcomeTexts[lang]...)
		h.fitsWidth(80)
		if strings.Contains(h.screen(), "…") {
			t.Errorf("%s: something is cut:\n%s", lang, h.screen())
		}
		h.key("up")
		h.key("enter")
		h.mustSee("D:\\Xa\\nguon.db", map[model.Lang]string{model.VI: "esc để quay lại", model.EN: "esc to go back"}[lang])
		h.fitsWidth(80)
		if strings.Contains(h.screen(), "…") {
			t.Errorf("%s: the path line is cut:\n%s", lang, h.screen())
		}
		h.key("esc")
		h.press(h.keys().Help)
		lines := strings.Split(h.screen(), "\n")
		help := strings.Join(lines[1:len(lines)-3], "\n") // not the tabs, the status or the key bar
		if !strings.Contains(help, map[model.Lang]string{model.VI: "bắt đầu với tệp trống", model.EN: "start empty"}[lang]) {
			t.Errorf("%s: help does not say what 2 does:\n%s", lang, help)
		}
		for _, k := range []string{"↑/k", "↓/j", "enter", "2 "} {
			if n := strings.Count(help, k); n != 1 {
				t.Errorf("%s: help lists %q %d times:\n%s", lang, k, n, help)
			}
		}
	}
}

// A file opened --read-only writes nothing: neither the demo nor a copy.
func TestWelcomeReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nguon.db")
	st := reopen(t, path)
	st.Close()
	ro, err := store.Open(path, store.Options{ReadOnly: true, DeviceID: "test-device"})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, st: ro}
	t.Cleanup(func() { h.st.Close() })
	h.app = New(ro, Options{Lang: model.EN, Now: func() time.Time { return testNow }})
	h.run(h.app.Init())
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.key("j")
	h.key("enter")
	if h.app.env.store != ro || !strings.Contains(h.app.status, "read-only") {
		t.Fatalf("demo on a read-only file: status %q", h.app.status)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(path), DemoFileName)); err == nil {
		t.Error("a read-only session wrote the demo file")
	}
}
