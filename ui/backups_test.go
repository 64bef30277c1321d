package ui

import (
	"crypto/sha256"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/model"
	"nguon/store"
)

func hasCell(cells []model.Cell, name string) bool {
	for _, c := range cells {
		if c.Name == name {
			return true
		}
	}
	return false
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// :backups lists the backups; enter asks, n keeps everything, y restores:
// the screens show the backup's data, and the file it replaced is kept as
// a backup of its own.
func TestBackupsRestoreThroughKeys(t *testing.T) {
	h := newHarness(t, true, model.VI)
	old := h.st
	from, err := old.AutoBackup(store.ReasonDaily, testNow.Add(-2*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	late := model.Cell{Name: "Chi bộ thôn Mới", Kind: "village", OfficialMembers: 5}
	if err := old.PutCell(&late); err != nil {
		t.Fatal(err)
	}
	h.run(h.app.load())
	if !hasCell(h.app.env.d.cells, late.Name) {
		t.Fatal("the new cell is not loaded")
	}

	h.command("backups")
	h.mustSee("Bản sao lưu tự động", "27/11/2026 08:00", "Hằng ngày", filepath.Base(from))
	h.key("enter")
	h.mustSee(filepath.Base(from), "được giữ lại thành một bản sao lưu khác", "(y/N)")
	h.key("n")
	if h.app.env.store != old || !hasCell(h.app.env.d.cells, late.Name) {
		t.Fatal("n restored")
	}

	h.key("enter")
	h.key("y")
	h.st = h.app.env.store // the cleanup checks and closes the file open now
	if h.st == old {
		t.Fatalf("the store was not opened again; status %q", h.app.status)
	}
	if h.app.restoring || h.app.statusErr || !strings.Contains(h.app.status, "Đã khôi phục dữ liệu từ "+filepath.Base(from)) {
		t.Fatalf("status %q (error %v)", h.app.status, h.app.statusErr)
	}
	if hasCell(h.app.env.d.cells, late.Name) || len(h.app.env.d.cells) == 0 {
		t.Errorf("the screens do not show the restored data: %d cells", len(h.app.env.d.cells))
	}
	if cells, _ := h.st.Cells(); hasCell(cells, late.Name) {
		t.Error("the file still holds the cell added after the backup")
	}
	if h.app.active != tabDashboard {
		t.Errorf("after a restore the active screen is %d, want the dashboard", h.app.active)
	}
	list, err := store.ListBackups(h.st.Path())
	if err != nil || len(list) != 2 || list[0].Reason != store.ReasonRestore {
		t.Fatalf("backups after the restore: %+v, %v", list, err)
	}
	if !strings.Contains(h.app.status, list[0].Path) {
		t.Errorf("the status does not say where the previous file is kept: %q", h.app.status)
	}
	kept, err := store.Open(list[0].Path, store.Options{ReadOnly: true, DeviceID: "test-device"})
	if err != nil {
		t.Fatal(err)
	}
	defer kept.Close()
	if cells, _ := kept.Cells(); !hasCell(cells, late.Name) {
		t.Error("the kept file lacks the cell added after the backup")
	}
	// The program goes on working on the restored file.
	again := model.Cell{Name: "Chi bộ sau khôi phục", Kind: "village", OfficialMembers: 3}
	if err := h.st.PutCell(&again); err != nil {
		t.Fatalf("saving after the restore: %v", err)
	}
}

// A backup that fails the check is refused: the data file stays byte for
// byte, the program keeps it open and says why.
func TestBackupsRestoreRefusesDamaged(t *testing.T) {
	h := newHarness(t, true, model.EN)
	path := h.st.Path()
	dir := store.BackupDir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "test-2026-11-27-093000-hang-ngay.db")
	if err := os.WriteFile(bad, []byte(strings.Repeat("not a nguon file ", 300)), 0o600); err != nil {
		t.Fatal(err)
	}
	h.command("backups")
	h.mustSee("27/11/2026 09:30", "Daily")
	h.key("enter")
	h.key("y")
	h.st = h.app.env.store
	if !h.app.statusErr || !strings.Contains(h.app.status, "cannot be restored") {
		t.Fatalf("status %q", h.app.status)
	}
	before := fileSum(t, path)
	if err := h.st.Close(); err != nil {
		t.Fatal(err)
	}
	if fileSum(t, path) != before {
		t.Error("a refused restore changed the data file")
	}
	h.st = reopen(t, path)
	if cells, _ := h.st.Cells(); len(cells) == 0 {
		t.Error("the data file lost its cells")
	}
	if list, _ := store.ListBackups(path); len(list) != 1 {
		t.Errorf("a refused restore left backups: %+v", list)
	}
}

// At 80×24, in English: every line fits, the keys are in the footer and
// in ? help, the arrows move the choice (whose file name is shown), esc
// goes back to the tab :backups was typed on.
func TestBackupsScreenAt80x24(t *testing.T) {
	h := newHarness(t, true, model.EN)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	var names []string
	for i, r := range []string{store.ReasonDaily, store.ReasonImport, store.ReasonRestore, store.ReasonManual, store.ReasonMerge} {
		p, err := h.st.AutoBackup(r, testNow.Add(time.Duration(i)*time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, filepath.Base(p))
	}
	h.press(h.keys().Tabs[tabCells])
	h.command("backups")
	h.mustSee("Automatic backups", "Before a merge", "Manual", "Before a restore", "Before an import", "Daily",
		"27/11/2026 14:00", "KB", "enter restore this one", "b back up now", names[4])
	for i, l := range strings.Split(h.screen(), "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line %d is %d wide: %q", i, w, l)
		}
	}
	h.press(h.keys().Down)
	h.press(h.keys().Down)
	h.mustSee(names[2])
	h.press(h.keys().Bottom)
	h.mustSee(names[0])
	h.press(h.keys().Help)
	h.mustSee("restore this one", "back up now")
	h.key("esc")

	h.key("b")
	manual := 0
	list, _ := store.ListBackups(h.st.Path())
	for _, b := range list {
		if b.Reason == store.ReasonManual {
			manual++
		}
	}
	if len(list) != 6 || manual != 2 {
		t.Errorf("b made no manual backup: %+v", list)
	}
	h.mustSee("Backed up safely", "Manual")
	h.key("esc")
	if h.app.active != tabCells {
		t.Errorf("esc went to screen %d, want the cells tab", h.app.active)
	}
}

// The day's backup is made when the app starts on a file with data, once
// a day; an app started without the option (tests, read-only) makes none.
func TestBackupsDailyOnOpen(t *testing.T) {
	h := newHarness(t, true, model.VI)
	if list, _ := store.ListBackups(h.st.Path()); len(list) != 0 {
		t.Fatalf("a backup without the option: %+v", list)
	}
	start := func() *harness {
		a := New(h.st, Options{Lang: model.VI, Now: func() time.Time { return testNow }, DailyBackup: true})
		h2 := &harness{t: t, app: a, st: h.st}
		h2.run(a.Init())
		return h2
	}
	start()
	list, _ := store.ListBackups(h.st.Path())
	if len(list) != 1 || list[0].Reason != store.ReasonDaily {
		t.Fatalf("first open of the day: %+v", list)
	}
	h2 := start()
	if list, _ := store.ListBackups(h.st.Path()); len(list) != 1 {
		t.Errorf("a second open the same day made another backup: %+v", list)
	}
	if h2.app.statusErr {
		t.Errorf("status %q", h2.app.status)
	}
}

func TestBackupsParseCommand(t *testing.T) {
	for _, in := range []string{"backups", "dssaoluu", "khoiphuc", " Backups "} {
		if c, err := parseCommand(in); err != nil || c.name != "backups" {
			t.Errorf("%q = %+v, %v", in, c, err)
		}
	}
}
