package ui

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/model"
	"nguon/store"
)

func tea80x24() tea.WindowSizeMsg { return tea.WindowSizeMsg{Width: 80, Height: 24} }

// forgeConflict edits the same cell from the same revision here and on
// "laptop-b" (an hour later, so its version wins), then merges the copy
// through :merge. It returns the two versions as each laptop saved them.
func forgeConflict(t *testing.T, h *harness, here, there func(*model.Cell)) (local, remote model.Cell) {
	t.Helper()
	id := h.app.env.d.cells[0].ID
	path := copyWith(t, h.st, "laptop-b", testNow.Add(time.Hour), func(st *store.Store) {
		c, err := st.Cell(id)
		mustPut(t, err)
		if there == nil {
			mustPut(t, st.DeleteCell(id))
			return
		}
		there(&c)
		mustPut(t, st.PutCell(&c))
		remote = c
	})
	local, err := h.st.Cell(id)
	mustPut(t, err)
	here(&local)
	mustPut(t, h.st.PutCell(&local))
	h.command("merge " + path)
	if ids, _ := h.st.Conflicts(); len(ids) != 1 || ids[0] != id {
		t.Fatalf("no conflict forged: %v", ids)
	}
	return local, remote
}

func editHere(c *model.Cell)  { c.Secretary, c.Notes = "Bí thư A", "Ghi chú của máy A" }
func editThere(c *model.Cell) { c.Secretary, c.OfficialMembers = "Bí thư B", 99 }

// conflictRow is the screen's line holding s.
func (h *harness) conflictRow(s string) string {
	h.t.Helper()
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	h.t.Fatalf("no line holds %q:\n%s", s, h.screen())
	return ""
}

func sameJSON(t *testing.T, got, want any) {
	t.Helper()
	a, _ := json.Marshal(got)
	b, _ := json.Marshal(want)
	if string(a) != string(b) {
		t.Errorf("saved\n%s\nwant\n%s", a, b)
	}
}

// Two laptops edit one cell apart; after the merge :conflicts lists it,
// enter shows the fields that differ side by side, → takes the other
// side's secretary, ctrl+s saves: no conflict is left and the saved cell
// is the winner with exactly that one field from the other version.
func TestConflictPickFieldAndSave(t *testing.T) {
	h := newHarness(t, true, model.VI)
	local, remote := forgeConflict(t, h, editHere, editThere)
	h.mustSee("Xung đột (sửa khác nhau ở hai máy): 1")
	h.key("c") // from the merge's summary
	h.mustSee("Xung đột", "chi bộ", local.Name, "2")

	h.key("enter")
	h.mustSee("laptop-b", "test-device", "27/11/2026 11:00", "27/11/2026 10:00", "đang hiện",
		"Số ĐV chính thức", "Ghi chú")
	row := h.conflictRow("Bí thư B")
	if !strings.Contains(row, "[x] Bí thư B") || !strings.Contains(row, "[ ] Bí thư A") || !strings.HasPrefix(row, "▸") {
		t.Fatalf("before a pick the winner's value is chosen, on the cursor's row: %q", row)
	}
	if strings.Contains(h.screen(), "Tên chi bộ") {
		t.Error("a field that does not differ is shown")
	}
	h.key("right")
	if row := h.conflictRow("Bí thư B"); !strings.Contains(row, "[ ] Bí thư B") || !strings.Contains(row, "[x] Bí thư A") {
		t.Fatalf("→ did not move the mark: %q", row)
	}
	h.press(h.keys().Save)

	if ids, _ := h.st.Conflicts(); len(ids) != 0 {
		t.Fatalf("conflicts left after the save: %v", ids)
	}
	got, err := h.st.Cell(local.ID)
	mustPut(t, err)
	want := remote
	want.Secretary = local.Secretary
	sameJSON(t, got, want)
	revs, _ := h.st.Revisions(local.ID)
	if p := revs[len(revs)-1].Parents; len(p) != 2 {
		t.Errorf("the resolution names %d parents, want both versions", len(p))
	}
	if c := cellNamed(h.app.env.d.cells, local.ID); c.Secretary != "Bí thư A" || c.OfficialMembers != 99 {
		t.Errorf("the app shows %+v", c)
	}
	h.mustSee("Không có xung đột nào.")
	if !strings.Contains(h.app.status, "xung đột đã được giải quyết") || h.app.merge.conflicts != 0 {
		t.Errorf("status %q, count %d", h.app.status, h.app.merge.conflicts)
	}
}

// > takes the whole other version, what is not in the table included;
// esc before saving leaves the conflict as it was.
func TestConflictWholeVersion(t *testing.T) {
	h := newHarness(t, true, model.EN)
	local, _ := forgeConflict(t, h, func(c *model.Cell) {
		editHere(c)
		c.Targets = []model.Target{{Year: 2026, Total: 7}}
	}, editThere)
	h.command("conflicts")
	h.key("enter")
	h.mustSee("Conflict: cell", "Parts not listed here")
	h.key(">")
	h.key("esc")
	if ids, _ := h.st.Conflicts(); len(ids) != 1 {
		t.Fatal("esc saved")
	}
	h.key("enter")
	h.key(">")
	for _, v := range []string{"Bí thư A", "Ghi chú của máy A"} {
		if !strings.Contains(h.conflictRow(v), "[x] "+v) {
			t.Errorf("> did not take %q: %q", v, h.conflictRow(v))
		}
	}
	h.press(h.keys().Save)
	got, err := h.st.Cell(local.ID)
	mustPut(t, err)
	sameJSON(t, got, local)
	if ids, _ := h.st.Conflicts(); len(ids) != 0 {
		t.Fatalf("conflicts left: %v", ids)
	}
}

// A deletion on one laptop and an edit on the other: d keeps the
// deletion after a y/N question.
func TestConflictKeepDeletion(t *testing.T) {
	h := newHarness(t, true, model.VI)
	local, _ := forgeConflict(t, h, editHere, nil)
	h.command("xungdot")
	h.key("enter")
	h.mustSee("ĐÃ XÓA", "giữ bản sửa", "giữ việc xóa", "Một máy đã xóa bản ghi này")
	h.key("d")
	h.mustSee("(y/N)")
	h.key("n")
	if _, err := h.st.Cell(local.ID); err != nil {
		t.Fatal("n deleted")
	}
	h.key("d")
	h.key("y")
	if _, err := h.st.Cell(local.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the cell is still there: %v", err)
	}
	if ids, _ := h.st.Conflicts(); len(ids) != 0 {
		t.Fatalf("conflicts left: %v", ids)
	}
	if c := cellNamed(h.app.env.d.cells, local.ID); c.Name != "" {
		t.Error("the app still lists the deleted cell")
	}
}

// At 80×24, in both languages, long values are cut with "…" and no line
// of the list, the side-by-side view or ? help is wider than the screen.
func TestConflictsAt80x24(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		h := newHarness(t, true, lang)
		h.send(tea80x24())
		long := strings.Repeat("Một ghi chú rất dài về chi bộ ", 12)
		forgeConflict(t, h, func(c *model.Cell) { editHere(c); c.Notes = long }, editThere)
		wide := func(where string) {
			for i, l := range strings.Split(h.screen(), "\n") {
				if w := ansi.StringWidth(l); w > 80 {
					t.Errorf("%s %s: line %d is %d wide: %q", lang, where, i, w, l)
				}
			}
		}
		h.command("conflicts")
		wide("list")
		h.key("enter")
		h.mustSee("…", "[x]", "ctrl+s")
		wide("record")
		h.press(h.keys().Down)
		h.press(h.keys().Down)
		wide("record, notes")
		h.press(h.keys().Help)
		wide("help")
	}
}

// A file that opens with conflicts says so in the status line.
func TestConflictsCountedAtStart(t *testing.T) {
	h := newHarness(t, true, model.VI)
	forgeConflict(t, h, editHere, editThere)
	a := New(h.st, Options{Lang: model.VI, Now: func() time.Time { return testNow }})
	h2 := &harness{t: t, app: a, st: h.st}
	h2.run(a.Init())
	if a.merge.conflicts != 1 || a.status != "1 xung đột sau khi gộp — gõ :xungdot để xem." {
		t.Errorf("count %d, status %q", a.merge.conflicts, a.status)
	}
}

// Three laptops edited the cell: the winner stays on the left, tab brings
// each other version to the right, and → takes the one shown there.
func TestConflictThreeVersions(t *testing.T) {
	h := newHarness(t, true, model.VI)
	id := h.app.env.d.cells[0].ID
	edit := func(device, secretary string, at time.Time) string {
		return copyWith(t, h.st, device, at, func(st *store.Store) {
			c, err := st.Cell(id)
			mustPut(t, err)
			c.Secretary = secretary
			mustPut(t, st.PutCell(&c))
		})
	}
	b := edit("laptop-b", "Bí thư B", testNow.Add(time.Hour))
	c := edit("laptop-c", "Bí thư C", testNow.Add(2*time.Hour))
	here, err := h.st.Cell(id)
	mustPut(t, err)
	here.Secretary = "Bí thư A"
	mustPut(t, h.st.PutCell(&here))
	h.command(`gop "` + b + `" ` + c)
	h.command("xungdot")
	h.mustSee("Chi bộ thôn")
	h.key("enter")
	h.mustSee("1 laptop-c", "bản 1/3", "đang hiện")
	for range 2 {
		if strings.Contains(h.conflictRow(" Máy "), "laptop-b") {
			break
		}
		h.key("tab")
	}
	if !strings.Contains(h.conflictRow(" Máy "), "laptop-b") {
		t.Fatalf("tab never showed laptop-b's version:\n%s", h.screen())
	}
	h.key("2")
	h.press(h.keys().Save)
	got, err := h.st.Cell(id)
	mustPut(t, err)
	if ids, _ := h.st.Conflicts(); len(ids) != 0 || got.Secretary != "Bí thư B" {
		t.Fatalf("conflicts %v, secretary %q", ids, got.Secretary)
	}
}
