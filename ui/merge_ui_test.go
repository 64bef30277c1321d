package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"nguon/model"
	"nguon/store"
)

// copyWith makes a copy of st as another laptop would carry it: a backup,
// opened there under its own device ID and clock, edited by edit.
func copyWith(t *testing.T, st *store.Store, device string, at time.Time, edit func(*store.Store)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), device+".db")
	if err := st.Backup(path); err != nil {
		t.Fatal(err)
	}
	other, err := store.Open(path, store.Options{DeviceID: device, Now: func() time.Time { return at }})
	if err != nil {
		t.Fatal(err)
	}
	edit(other)
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustPut(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func cellNamed(cells []model.Cell, id model.ID) model.Cell {
	for _, c := range cells {
		if c.ID == id {
			return c
		}
	}
	return model.Cell{}
}

// A copy whose cell was renamed on another laptop: the summary says one
// record was updated, the backup made first, no conflicts; the screens
// show the new name. The same copy again brings nothing and writes nothing.
func TestMergeCopyUpdatesTheApp(t *testing.T) {
	h := newHarness(t, true, model.VI)
	cell := h.app.env.d.cells[0]
	renamed := "Chi bộ thôn Đổi Tên Mới"
	path := copyWith(t, h.st, "laptop-b", testNow.Add(time.Hour), func(st *store.Store) {
		c, err := st.Cell(cell.ID)
		mustPut(t, err)
		c.Name = renamed
		mustPut(t, st.PutCell(&c))
	})

	h.press(h.keys().Tabs[tabCells])
	h.command("merge " + path)
	h.mustSee("Kết quả gộp bản sao", "laptop-b.db", "thêm mới 0 · cập nhật 1 · không đổi", "1 phiên bản mới",
		"truoc-khi-gop", "Không có xung đột.")
	if h.app.statusErr || h.app.status != "Đã gộp 1 bản sao." {
		t.Errorf("status %q (error %v)", h.app.status, h.app.statusErr)
	}
	if got := cellNamed(h.app.env.d.cells, cell.ID); got.Name != renamed {
		t.Fatalf("the app still shows %q after the merge", got.Name)
	}
	list, _ := store.ListBackups(h.st.Path())
	if len(list) != 1 || list[0].Reason != store.ReasonMerge {
		t.Errorf("backups after the merge: %+v", list)
	}
	h.key("esc")
	if h.app.active != tabCells {
		t.Fatalf("esc went to screen %d, want the cells tab", h.app.active)
	}
	h.mustSee(renamed)

	h.command("gop " + path)
	h.mustSee("cập nhật 0", "Các bản sao không có gì mới")
	if list, _ := store.ListBackups(h.st.Path()); len(list) != 1 {
		t.Errorf("merging the same copy again made a backup: %+v", list)
	}
}

// A file that is not a nguon file refuses the merge in one sentence; the
// data file, its backups and the screen stay as they were.
func TestMergeGarbageRefused(t *testing.T) {
	h := newHarness(t, true, model.VI)
	bad := filepath.Join(t.TempDir(), "rac.db")
	if err := os.WriteFile(bad, []byte(strings.Repeat("không phải tệp nguon ", 400)), 0o600); err != nil {
		t.Fatal(err)
	}
	before := fileSum(t, h.st.Path())
	cells := len(h.app.env.d.cells)
	h.press(h.keys().Tabs[tabSources])

	h.command("merge " + bad)
	s := h.app.status
	if !h.app.statusErr || !strings.HasPrefix(s, "Không gộp gì vì") || !strings.Contains(s, "rac.db") ||
		strings.Contains(s, "\n") || strings.Count(s, ". ") != 0 || !strings.HasSuffix(s, ".") {
		t.Fatalf("not one sentence naming the copy: %q (error %v)", s, h.app.statusErr)
	}
	if h.app.active != tabSources || h.app.merge.running {
		t.Errorf("active %d, running %v after a refused merge", h.app.active, h.app.merge.running)
	}
	if fileSum(t, h.st.Path()) != before || len(h.app.env.d.cells) != cells {
		t.Error("a refused merge changed the data")
	}
	if list, _ := store.ListBackups(h.st.Path()); len(list) != 0 {
		t.Errorf("a refused merge made a backup: %+v", list)
	}

	h.command("merge")
	if !h.app.statusErr || !strings.Contains(h.app.status, ":merge TỆP") {
		t.Errorf("usage: %q", h.app.status)
	}
}

// Quoted names keep their spaces; the aliases name the same commands.
func TestMergeCommandParsing(t *testing.T) {
	got := splitPaths(`a.db "ban sao xa B.db"  c.db`)
	if strings.Join(got, "|") != "a.db|ban sao xa B.db|c.db" {
		t.Errorf("splitPaths = %q", got)
	}
	for in, want := range map[string]string{"merge x.db": "merge", "gop x.db": "merge", "Gộp x.db": "merge",
		"conflicts": "conflicts", "xungdot": "conflicts", "xung_dot": ""} {
		c, _ := parseCommand(in)
		if c.name != want {
			t.Errorf("%q = %q, want %q", in, c.name, want)
		}
	}
}

// The summary fits 80×24 in English, with long paths wrapped, not lost.
func TestMergeSummaryAt80x24(t *testing.T) {
	h := newHarness(t, true, model.EN)
	h.send(tea80x24())
	cell := h.app.env.d.cells[1]
	dir := filepath.Join(t.TempDir(), strings.Repeat("a-very-long-folder-name-", 4))
	mustPut(t, os.MkdirAll(dir, 0o700))
	src := copyWith(t, h.st, "laptop-c", testNow.Add(time.Hour), func(st *store.Store) {
		c, _ := st.Cell(cell.ID)
		c.Notes = "from C"
		mustPut(t, st.PutCell(&c))
	})
	path := filepath.Join(dir, "copy-from-laptop-c.db")
	mustPut(t, os.Rename(src, path))
	h.command("merge " + path)
	h.mustSee("Merge result", "added 0 · updated 1", "No conflicts.", "esc back")
	if flat := strings.ReplaceAll(h.screen(), "\n", ""); !strings.Contains(flat, path) {
		t.Errorf("the copy's path is not shown whole:\n%s", h.screen())
	}
	for i, l := range strings.Split(h.screen(), "\n") {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("line %d is %d wide: %q", i, w, l)
		}
	}
}

// A person entered again on another laptop is listed as a possible
// duplicate; d opens the duplicates review from the summary.
func TestMergeSummaryOpensDuplicates(t *testing.T) {
	h := newHarness(t, true, model.VI)
	rows, err := h.st.CandidateRows()
	mustPut(t, err)
	path := copyWith(t, h.st, "laptop-b", testNow.Add(time.Hour), func(st *store.Store) {
		c, err := st.Candidate(rows[0].ID)
		mustPut(t, err)
		c.ID = model.ID{}
		mustPut(t, st.PutCandidate(&c))
	})
	h.command("merge " + path)
	h.mustSee("thêm mới 1", "Có thể trùng người (một người hai mã): 1 cặp", rows[0].Name, "d xem trùng lặp")
	h.key("d")
	if _, ok := h.app.screens[h.app.active].(*dupScreen); !ok {
		t.Fatalf("d opened screen %T", h.app.screens[h.app.active])
	}
}

// While a merge runs the status says so and a second merge waits; the
// store is only called from the command.
func TestMergeSaysItRuns(t *testing.T) {
	h := newHarness(t, true, model.EN)
	bad := filepath.Join(t.TempDir(), "missing.db")
	cmd := h.app.runCommand("merge " + bad)
	if cmd == nil || !h.app.merge.running || !strings.HasPrefix(h.app.status, "Merging the copies (1)") {
		t.Fatalf("running %v, status %q", h.app.merge.running, h.app.status)
	}
	if again := h.app.runCommand("merge " + bad); again != nil || !strings.Contains(h.app.status, "wait for it") {
		t.Errorf("a second merge started: %q", h.app.status)
	}
	h.run(cmd)
	if h.app.merge.running || !h.app.statusErr || !strings.Contains(h.app.status, "does not exist") {
		t.Errorf("after the refusal: running %v, status %q", h.app.merge.running, h.app.status)
	}
}
