package ui

import (
	"testing"

	"nguon/model"
)

// openCandidate opens the detail view of the first demo candidate matching pred.
func openCandidate(t *testing.T, h *harness, pred func(model.CandidateRow) bool) model.CandidateRow {
	t.Helper()
	for _, r := range h.app.env.d.rows {
		if pred(r) {
			h.press(h.keys().Tabs[tabSources])
			h.send(navigateMsg{tab: tabSources, open: r.ID})
			return r
		}
	}
	t.Fatal("no demo candidate fits")
	return model.CandidateRow{}
}

func TestAdvanceBackAndExit(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	r := openCandidate(t, h, func(r model.CandidateRow) bool { return r.Stage == model.StageSource && r.Outcome == "" })
	h.press(k.Advance)
	h.mustSee("Chuyển bước: Quần chúng ưu tú → Cảm tình Đảng")
	h.focus("doc_no")
	h.typeText("05-NQ/CB")
	h.press(k.Save)
	h.mustSee("Đã lưu.", "05-NQ/CB")
	c, _ := h.st.Candidate(r.ID)
	if c.Stage != model.StageSympathizer || c.Steps[model.StageSympathizer].DocNo != "05-NQ/CB" {
		t.Fatalf("advance stored %s %+v", c.Stage, c.Steps)
	}
	// Going back needs a reason.
	h.press(k.GoBack)
	h.press(k.Save)
	h.mustSee("Ô này không được để trống.")
	h.typeText("Nhập nhầm nghị quyết")
	h.press(k.Save)
	c, _ = h.st.Candidate(r.ID)
	if c.Stage != model.StageSource || c.History[len(c.History)-1].Reason != "Nhập nhầm nghị quyết" {
		t.Fatalf("go back stored %s %+v", c.Stage, c.History[len(c.History)-1])
	}
	h.mustSee("Nhập nhầm nghị quyết")
	// Exit with a reason.
	h.press(k.Exit)
	h.fill("chuyen di", "Theo gia đình vào Bình Dương")
	h.press(k.Save)
	c, _ = h.st.Candidate(r.ID)
	if c.Outcome != model.OutcomeMoved || c.OutcomeReason != "Theo gia đình vào Bình Dương" {
		t.Fatalf("exit stored %q %q", c.Outcome, c.OutcomeReason)
	}
	h.mustSee("Đã ra khỏi danh sách: Chuyển đi nơi khác")
}

func TestAdvanceRefusedUnder18ShowsEligibleDate(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	today := h.app.env.today()
	// A student under 18 whose file reached the comments stage cannot be voted on.
	r := openCandidate(t, h, func(r model.CandidateRow) bool {
		return r.Outcome == "" && model.MonthsBetween(r.DOB, today) < 216
	})
	c, _ := h.st.Candidate(r.ID)
	c.Stage = model.StageComments
	c.Steps = map[model.Stage]model.Step{model.StageComments: {Date: today.AddDays(-3)}}
	if err := h.st.PutCandidate(&c); err != nil {
		t.Fatal(err)
	}
	h.send(navigateMsg{tab: tabSources, open: r.ID})
	h.press(k.Advance)
	h.focus("present")
	h.typeText("9")
	h.focus("for")
	h.typeText("9")
	h.press(k.Save)
	eligible := r.DOB.AddMonths(216).String()
	h.mustSee("18", eligible)
	after, _ := h.st.Candidate(r.ID)
	if after.Stage != model.StageComments {
		t.Fatal("an under-18 candidate was advanced to the cell vote")
	}
}
