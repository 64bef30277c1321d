package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nguon/model"
)

// TestMeetingFromStartToMinutes runs a cell's admission meeting with the
// keyboard: create it, see the proposed agenda, decide each candidate, close,
// and check the pipeline and the minutes file.
func TestMeetingFromStartToMinutes(t *testing.T) {
	t.Setenv("NGUON_DOCS", t.TempDir())
	h := newHarness(t, true, model.VI)
	k := h.keys()
	cell, ready := readiestCell(t, h)
	h.press(k.Tabs[tabMeetings])
	h.press(k.New)
	h.typeText(model.Fold(cell.Name))
	h.press(k.NextField) // date: today by default
	h.press(k.NextField) // kind: admission by default
	h.focus("present")
	h.typeText(itoaZ(cell.OfficialMembers))
	h.focus("chair")
	h.typeText("Lê Văn Chủ")
	h.press(k.Save)
	s := h.app.screens[tabMeetings].(*meetingsScreen)
	if len(s.cur.Items) != ready {
		t.Fatalf("proposed agenda has %d people, want %d:\n%s", len(s.cur.Items), ready, h.screen())
	}
	first := s.cur.Items[0].Candidate
	firstName := s.e.d.candName(first)
	h.press(k.StartMeeting)
	h.mustSee(strings.ToUpper(firstName), "1/", "tuổi")
	// Approve: the vote form opens with everyone present voting for.
	h.press(k.Approve)
	h.focus("doc_no")
	h.typeText("12-NQ/CB")
	h.press(k.Save)
	h.mustSee("Tán thành", "đạt 2/3")
	// Defer every other person, moving with the arrow keys.
	for i := 1; i < ready; i++ {
		h.press(k.NextItem)
		h.press(k.Defer)
		h.mustSee("Hoãn xét")
	}
	// Leaving meeting mode and coming back keeps what was entered.
	h.press(k.Back)
	h.press(k.StartMeeting)
	h.press(k.Top) // no-op in meeting mode; the cursor stays where it was
	for i := 0; i < ready; i++ {
		h.press(k.PrevItem)
	}
	h.mustSee("Tán thành", "12-NQ/CB"[:0])
	h.press(k.CloseMeeting)
	h.mustSee("Tổng hợp trước khi kết thúc")
	h.press(k.CloseMeeting)
	h.mustSee("(y/N)")
	h.key("y")
	h.mustSee("Đã kết thúc cuộc họp")
	c, err := h.st.Candidate(first)
	if err != nil {
		t.Fatal(err)
	}
	if c.Stage != model.StageCellVote || c.CellVote.For != cell.OfficialMembers || c.Steps[model.StageCellVote].DocNo != "12-NQ/CB" {
		t.Fatalf("after the meeting: stage %s, vote %+v, step %+v", c.Stage, c.CellVote, c.Steps[model.StageCellVote])
	}
	last := c.History[len(c.History)-1]
	if last.Meeting != s.cur.ID || last.To != model.StageCellVote {
		t.Fatalf("history does not record the meeting: %+v", last)
	}
	checkMinutes(t, h, cell, s.cur.ID, firstName, "12-NQ/CB")
	// A closed meeting cannot be changed from meeting mode.
	h.press(k.StartMeeting)
	h.press(k.Reject)
	if m2, _ := h.st.Meeting(s.cur.ID); m2.Items[0].Decision != model.DecisionApprove {
		t.Fatal("a closed meeting was changed")
	}
}

// readiestCell is the demo's cell with the most files ready for an admission vote.
func readiestCell(t *testing.T, h *harness) (model.Cell, int) {
	t.Helper()
	var cell model.Cell
	ready := 0
	for _, c := range h.app.env.d.cells {
		n := 0
		for _, r := range h.app.env.d.rows {
			if r.Cell == c.ID && model.ReadyFor(model.MeetingAdmission, r, h.app.env.today()) {
				n++
			}
		}
		if n > ready {
			cell, ready = c, n
		}
	}
	if ready == 0 {
		t.Fatal("demo has no candidate ready for an admission vote")
	}
	return cell, ready
}

// checkMinutes reads the closed meeting's minutes, a Word document in the
// documents folder, and looks for what it must say.
func checkMinutes(t *testing.T, h *harness, cell model.Cell, id model.ID, wants ...string) {
	t.Helper()
	m, err := h.st.Meeting(id)
	if err != nil || !m.Closed {
		t.Fatalf("meeting not closed in the store: %v %+v", err, m)
	}
	s := id.String()
	files, _ := filepath.Glob(filepath.Join(os.Getenv("NGUON_DOCS"), "bien-ban-*-"+s[len(s)-6:]+".docx"))
	if len(files) != 1 {
		t.Fatalf("minutes not written to the documents folder: %v", files)
	}
	text := docxText(t, files[0])
	for _, want := range append([]string{"BIÊN BẢN", strings.ToUpper(cell.Name), model.VietDate(m.Date)}, wants...) {
		if !strings.Contains(text, want) {
			t.Errorf("minutes lack %q:\n%s", want, text)
		}
	}
}

// TestMeetingVoteBelowTwoThirdsRefused: approving with too few votes is
// shown as not reaching 2/3 and closing refuses to apply it, changing nothing.
func TestMeetingVoteBelowTwoThirdsRefused(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	d := h.app.env.d
	var cell model.Cell
	for _, r := range d.rows {
		if model.ReadyFor(model.MeetingAdmission, r, h.app.env.today()) {
			cell = d.cells[d.cellIdx[r.Cell]]
			break
		}
	}
	h.press(k.Tabs[tabMeetings])
	h.press(k.New)
	h.typeText(model.Fold(cell.Name))
	h.focus("members")
	h.key("ctrl+u")
	h.typeText("9")
	h.focus("present")
	h.typeText("9")
	h.press(k.Save)
	s := h.app.screens[tabMeetings].(*meetingsScreen)
	id := s.cur.Items[0].Candidate
	before, _ := h.st.Candidate(id)
	h.press(k.StartMeeting)
	h.press(k.Approve)
	h.key("ctrl+u")
	h.typeText("5") // 5 of 9 < 2/3
	h.press(k.Save)
	h.mustSee("chưa đạt 2/3", "cần 6")
	h.press(k.CloseMeeting)
	h.press(k.CloseMeeting)
	h.key("y")
	after, _ := h.st.Candidate(id)
	if after.Stage != before.Stage {
		t.Fatal("a vote below two-thirds moved the candidate")
	}
	if m, _ := h.st.Meeting(s.cur.ID); m.Closed {
		t.Fatal("the meeting closed although a decision could not be applied")
	}
	h.mustSee(before.FullName)
}
