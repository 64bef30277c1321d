package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/model"
	"nguon/store"
)

// dupCandidate is a valid candidate (the CCCD agrees with the sex and the
// date of birth, as the model checks); two of them share the CCCD.
func dupCandidate(cell model.ID, name string) model.Candidate {
	return model.Candidate{
		FullName: name, Sex: model.Female, DOB: model.NewDate(2001, 5, 17),
		CCCD: "038301000007", Ethnicity: "1", Religion: "none",
		Village: "Thôn Đông", Occupation: "Giáo viên",
		Source: model.SourceYouth, CellID: cell, Stage: model.StageSympathizer,
		Steps: map[model.Stage]model.Step{
			model.StageSource:      {Date: model.NewDate(2025, 1, 10)},
			model.StageSympathizer: {Date: model.NewDate(2025, 3, 1), DocNo: "12-NQ/CB"},
		},
		History: []model.Event{{At: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC), By: "test",
			From: model.StageSource, To: model.StageSympathizer}},
	}
}

// dupFixture puts two cells and one person entered twice (once in each
// cell, the second time spelt differently) into an empty file, and loads
// it into the app.
func dupFixture(t *testing.T, lang model.Lang, name1, name2, cell1, cell2 string) *harness {
	t.Helper()
	h := newHarness(t, false, lang)
	var cells [2]model.Cell
	for i, n := range []string{cell1, cell2} {
		cells[i] = model.Cell{Name: n, Kind: "village", OfficialMembers: 20}
		if err := h.st.PutCell(&cells[i]); err != nil {
			t.Fatal(err)
		}
	}
	for i, n := range []string{name1, name2} {
		c := dupCandidate(cells[i].ID, n)
		if err := h.st.PutCandidate(&c); err != nil {
			t.Fatal(err)
		}
	}
	h.run(h.app.load())
	return h
}

func (h *harness) dupPairs() []store.DuplicatePair {
	h.t.Helper()
	p, err := h.st.PossibleDuplicates()
	if err != nil {
		h.t.Fatal(err)
	}
	return p
}

// dupLine is the first screen line holding s, or "".
func (h *harness) dupLine(s string) string {
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// :duplicates lists the pair, enter shows it side by side with the
// differing rows marked ≠, n remembers two people: the pair leaves the
// list, in the file too, and stays gone when the screen is opened again.
func TestDuplicatesNotSamePerson(t *testing.T) {
	h := dupFixture(t, model.VI, "Nguyễn Thị Hoà", "Nguyễn Thị Hòa", "Chi bộ thôn Đông", "Chi bộ thôn Tây")
	if len(h.dupPairs()) != 1 {
		t.Fatalf("fixture: %d pairs, want 1", len(h.dupPairs()))
	}
	h.command("duplicates")
	h.mustSee("Trùng lặp", "1 cặp", "Nguyễn Thị Hoà", "Nguyễn Thị Hòa", "17/05/2001", "cùng số CCCD",
		"Chi bộ thôn Đông", "Chi bộ thôn Tây")

	h.key("enter")
	h.mustSee("Bên trái", "Bên phải", "── Nhân thân", "Lịch sử", "1 lần lưu", "Số CCCD", "038301000007")
	if l := h.dupLine("Chi bộ phụ trách"); !strings.HasPrefix(l, "≠") {
		t.Errorf("the differing cell row is not marked: %q", l)
	}
	if l := h.dupLine("Họ và tên"); !strings.HasPrefix(l, "≠") {
		t.Errorf("the differing name row is not marked: %q", l)
	}
	if l := h.dupLine("Ngày sinh"); l == "" || strings.HasPrefix(l, "≠") {
		t.Errorf("the same date of birth is marked as differing (or missing): %q", l)
	}
	// Identity comes before residence.
	if s := h.screen(); strings.Index(s, "Số CCCD") > strings.Index(s, "Thôn/địa bàn") {
		t.Errorf("identity is not first:\n%s", s)
	}

	h.press(dupKeyMap(model.VI).NotSame)
	if p := h.dupPairs(); len(p) != 0 {
		t.Fatalf("after n the file still pairs them: %+v", p)
	}
	if h.app.statusErr || !strings.Contains(h.app.status, "hai người khác nhau") {
		t.Errorf("status %q", h.app.status)
	}
	h.mustSee("Không có cặp hồ sơ nào nghi là trùng.")
	if len(h.app.env.d.rows) != 2 {
		t.Errorf("marking two people changed the rows: %d", len(h.app.env.d.rows))
	}

	h.press(h.keys().Back)
	h.command("trunglap")
	h.mustSee("Không có cặp hồ sơ nào nghi là trùng.")
	h.mustNotSee("Nguyễn Thị Hòa")
	if p := h.dupPairs(); len(p) != 0 {
		t.Errorf("reopened: %+v", p)
	}
}

// m asks which record to keep, then y/N; esc at the question changes
// nothing; y merges the left one into the right one: it leaves the app's
// rows, the file says where it went, and the kept record is untouched.
func TestDuplicatesMergeKeepRight(t *testing.T) {
	h := dupFixture(t, model.EN, "Nguyễn Thị Hoà", "Nguyễn Thị Hoà", "Chi bộ thôn Đông", "Chi bộ thôn Tây")
	pair := h.dupPairs()[0]
	left, right := pair.A.ID, pair.B.ID
	// A later edit of the right one makes it the hint.
	c, _ := h.st.Candidate(right)
	c.Phone = "0912345678"
	if err := h.st.PutCandidate(&c); err != nil {
		t.Fatal(err)
	}
	keptBefore, _ := h.st.Candidate(right)
	revsBefore, _ := h.st.Revisions(right)
	dk := dupKeyMap(model.EN)

	h.command("duplicates")
	h.mustSee("same CCCD", "same name, birth, village")
	h.key("enter")
	h.mustSee("1 version ", "2 versions")
	h.press(dk.Merge)
	h.mustSee("Which record to keep?", "Hint: keep the right one (it has more")
	h.press(dk.KeepRight)
	if !strings.Contains(h.app.prompt, "Keep the right record") || !strings.Contains(h.app.prompt, "the history of both is kept") {
		t.Fatalf("prompt %q", h.app.prompt)
	}
	h.key("esc")
	if h.app.prompt != "" || len(h.dupPairs()) != 1 {
		t.Fatalf("esc at the question: prompt %q, pairs %d", h.app.prompt, len(h.dupPairs()))
	}
	if into, _ := h.st.MergedInto(left); !into.IsZero() {
		t.Fatal("esc merged")
	}
	if _, ok := h.app.env.d.rowIdx[left]; !ok {
		t.Fatal("esc dropped the row")
	}

	h.press(dk.Merge)
	h.press(dk.KeepRight)
	h.key("y")
	if h.app.statusErr || !strings.Contains(h.app.status, "Merged: the left record") {
		t.Fatalf("status %q", h.app.status)
	}
	if into, err := h.st.MergedInto(left); err != nil || into != right {
		t.Errorf("MergedInto(left) = %s, %v; want %s", into, err, right)
	}
	if _, ok := h.app.env.d.rowIdx[left]; ok || len(h.app.env.d.rows) != 1 {
		t.Errorf("the merged record is still in the app's rows (%d rows)", len(h.app.env.d.rows))
	}
	if _, ok := h.app.env.d.rowIdx[right]; !ok {
		t.Error("the kept record left the app's rows")
	}
	kept, err := h.st.Candidate(right)
	if err != nil || !reflect.DeepEqual(kept, keptBefore) {
		t.Errorf("the kept record changed: %v\n%+v\n%+v", err, kept, keptBefore)
	}
	if revs, _ := h.st.Revisions(right); len(revs) != len(revsBefore) {
		t.Errorf("the kept record has %d revisions, had %d", len(revs), len(revsBefore))
	}
	if revs, _ := h.st.Revisions(left); len(revs) != 3 {
		t.Errorf("the merged record's history: %d revisions, want 3 (made, marked, deleted)", len(revs))
	}
	if len(h.dupPairs()) != 0 {
		t.Error("the merged pair is still listed")
	}
	h.mustSee("No pair of records looks like a duplicate.")
}

// A merge the store refuses says why and changes nothing: here the record
// to keep was deleted meanwhile; a record in conflict gives the store's
// own sentence.
func TestDuplicatesMergeRefused(t *testing.T) {
	h := dupFixture(t, model.VI, "Nguyễn Thị Hoà", "Nguyễn Thị Hoà", "Chi bộ thôn Đông", "Chi bộ thôn Tây")
	pair := h.dupPairs()[0]
	left, right := pair.A.ID, pair.B.ID
	dk := dupKeyMap(model.VI)
	h.command("duplicates")
	h.key("enter")
	h.press(dk.Merge)
	h.press(dk.KeepRight)
	if err := h.st.DeleteCandidate(right); err != nil {
		t.Fatal(err)
	}
	h.key("y")
	if !h.app.statusErr || !strings.Contains(h.app.status, model.Message(store.ErrNotFound, model.VI)) {
		t.Errorf("status %q", h.app.status)
	}
	if _, err := h.st.Candidate(left); err != nil {
		t.Errorf("the record that was to go is gone: %v", err)
	}
	if into, _ := h.st.MergedInto(left); !into.IsZero() {
		t.Error("a refused merge marked the record")
	}

	s := h.app.dupScreen()
	h.send(dupDoneMsg{screen: s.idx, err: store.ErrResolveFirst})
	if !h.app.statusErr || !strings.Contains(h.app.status, "hãy giải quyết xung đột trước") {
		t.Errorf("status %q", h.app.status)
	}
}

// At 80×24 nothing is wider than the window: long names are cut with "…"
// in the list, side by side, while choosing and under the question; the
// keys are in the footer and in ? help.
func TestDuplicatesAt80x24(t *testing.T) {
	long := "Nguyễn Thị Hoàng Phương Thảo Nguyên Khánh Linh Chi"
	h := dupFixture(t, model.EN, long, long+" Mai", "Chi bộ thôn Đông Hưng Thịnh Vượng Phát Đạt", "Chi bộ thôn Tây")
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	fits := func(what string) {
		t.Helper()
		s := h.screen()
		lines := strings.Split(s, "\n")
		if len(lines) > 24 {
			t.Errorf("%s: %d lines", what, len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("%s: line %d is %d wide: %q", what, i, w, l)
			}
		}
		if !strings.Contains(s, "…") {
			t.Errorf("%s: nothing was cut:\n%s", what, s)
		}
		// The screen lays itself out to the width (the root would only
		// cut its lines), keeping the two columns aligned.
		col := -1
		for i, l := range strings.Split(ansi.Strip(h.app.dupScreen().view()), "\n") {
			if w := ansi.StringWidth(l); w > 80 {
				t.Errorf("%s: the screen's line %d is %d wide: %q", what, i, w, l)
			}
			if j := strings.Index(l, "│"); j >= 0 {
				if c := ansi.StringWidth(l[:j]); col >= 0 && c != col {
					t.Errorf("%s: line %d has its column at %d, not %d: %q", what, i, c, col, l)
				} else {
					col = c
				}
			}
		}
	}
	h.command("duplicates")
	h.mustSee("Duplicates", "enter open")
	fits("list")
	h.key("enter")
	h.mustSee("n not the same person", "m merge into one", "Left", "Right", "≠")
	fits("pair")
	h.press(h.keys().Down)
	fits("pair scrolled")
	h.press(dupKeyMap(model.EN).Merge)
	h.mustSee("← keep left", "→ keep right")
	fits("choosing")
	h.press(dupKeyMap(model.EN).KeepLeft)
	fits("question")
	h.key("n")
	h.press(h.keys().Help)
	h.mustSee("not the same person", "merge into one")
	h.key("esc")
	h.press(h.keys().Back)
	h.press(h.keys().Back)
	if h.app.active != tabDashboard {
		t.Errorf("esc twice went to screen %d, want the tab :duplicates was typed on", h.app.active)
	}
	if len(h.dupPairs()) != 1 {
		t.Error("looking changed the file")
	}
}

func TestDuplicatesParseCommand(t *testing.T) {
	for _, in := range []string{"duplicates", "trunglap", "trùnglặp", " Duplicates "} {
		if c, err := parseCommand(in); err != nil || c.name != "duplicates" {
			t.Errorf("%q = %+v, %v", in, c, err)
		}
	}
}
