package ui

import (
	"strings"
	"testing"

	"nguon/model"
)

// The advance dialog asks for what the rules of issue 8 §A need.

func (h *harness) pipeForm() *form {
	h.t.Helper()
	s := h.app.screens[tabSources].(*sourcesScreen)
	if s.pipe == nil {
		h.t.Fatalf("no pipeline dialog is open:\n%s", h.screen())
	}
	return s.pipe.form
}

// Item 1: the cell's recognition vote proposes; the committee's decision,
// with its number, makes an official member.
func TestRulesRecognitionThenCommitteeDecision(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	today := h.app.env.today()
	r := openCandidate(t, h, func(r model.CandidateRow) bool {
		return r.Stage == model.StageProbation && r.Outcome == "" && r.Ceremony.AddMonths(12) < today.AddDays(-7)
	})
	members := h.app.env.d.cells[h.app.env.d.cellIdx[r.Cell]].OfficialMembers
	h.press(k.Advance)
	h.mustSee("Đảng viên dự bị → Chi bộ đề nghị công nhận")
	h.focus("present")
	h.typeText(itoaZ(members))
	h.focus("for")
	h.typeText(itoaZ(members))
	h.focus("doc_no")
	h.typeText("21-NQ/CB")
	h.press(k.Save)
	c, _ := h.st.Candidate(r.ID)
	if c.Stage != model.StageRecognition || c.RecognitionVote.For != members {
		t.Fatalf("after the cell's vote: %s %+v\n%s", c.Stage, c.RecognitionVote, h.screen())
	}
	h.press(k.Advance)
	h.mustSee("Chi bộ đề nghị công nhận → Đảng viên chính thức")
	h.press(k.Save)
	if c, _ = h.st.Candidate(r.ID); c.Stage != model.StageRecognition {
		t.Fatal("made official without the committee's decision number")
	}
	h.mustSee("số quyết định")
	h.focus("doc_no")
	h.typeText("301-QĐ/ĐU")
	h.press(k.Save)
	c, _ = h.st.Candidate(r.ID)
	if c.Stage != model.StageOfficial || c.Steps[model.StageOfficial].DocNo != "301-QĐ/ĐU" {
		t.Fatalf("after the committee's decision: %s %+v\n%s", c.Stage, c.Steps[model.StageOfficial], h.screen())
	}
	s := h.app.screens[tabSources].(*sourcesScreen)
	if want := c.OfficialSince().String(); !strings.Contains(strings.Join(s.pipelineLines(), "\n"), want) {
		t.Fatalf("the detail view does not say the member is official from %s", want)
	}
}

// Item 1: removing a probationary member takes the committee's decision number.
func TestRulesRemovalNeedsDecisionNumber(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	r := openCandidate(t, h, func(r model.CandidateRow) bool { return r.Stage == model.StageProbation && r.Outcome == "" })
	h.press(k.Exit)
	h.fill("xoa ten", "Đảng ủy quyết định xóa tên")
	h.press(k.Save)
	if c, _ := h.st.Candidate(r.ID); c.Outcome != "" {
		t.Fatal("removed without the committee's decision")
	}
	h.focus("doc_no")
	h.typeText("77-QĐ/ĐU")
	h.press(k.Save)
	c, _ := h.st.Candidate(r.ID)
	if c.Outcome != model.OutcomeRemoved || c.OutcomeDocNo != "77-QĐ/ĐU" {
		t.Fatalf("removal stored as %q %q\n%s", c.Outcome, c.OutcomeDocNo, h.screen())
	}
}

// Item 2: for someone over 60 at the cell meeting the decision dialog
// proposes the provincial committee and asks for its consent.
func TestRulesOver60DecisionAsksConsent(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	r := openCandidate(t, h, func(r model.CandidateRow) bool { return r.Stage == model.StageCommittee && r.Outcome == "" })
	c, _ := h.st.Candidate(r.ID)
	c.DOB, c.CCCD = c.CellVote.Date.AddMonths(-61*12), ""
	if err := h.st.PutCandidate(&c); err != nil {
		t.Fatal(err)
	}
	h.send(navigateMsg{tab: tabSources, open: r.ID})
	h.press(k.Advance)
	if got := h.pipeForm().field("deciding_body").value(); got != string(model.DecidingProvincial) {
		t.Fatalf("deciding body %q, want the province", got)
	}
	h.press(k.Save)
	if c, _ = h.st.Candidate(r.ID); c.Stage != model.StageCommittee {
		t.Fatal("decided without the consent")
	}
	h.focus("consent_no")
	h.typeText("215-CV/TU")
	h.focus("consent_date")
	h.typeText(h.app.env.today().AddDays(-3).String())
	h.press(k.Save)
	c, _ = h.st.Candidate(r.ID)
	if c.Stage != model.StageDecision || c.DecisionBody != model.DecidingProvincial ||
		c.Over60Consent != (model.Document{No: "215-CV/TU", Date: h.app.env.today().AddDays(-3)}) {
		t.Fatalf("decision stored as %s %q %+v\n%s", c.Stage, c.DecisionBody, c.Over60Consent, h.screen())
	}
}

// Item 5: each introduction keeps the date of its own letter.
func TestRulesIntroducerLetterDate(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	today := h.app.env.today()
	r := openCandidate(t, h, func(r model.CandidateRow) bool {
		return r.Stage == model.StageVerified && r.Outcome == "" && model.MonthsBetween(r.DOB, today) > 31*12
	})
	h.press(k.Advance)
	letter := today.AddDays(-20)
	h.focus("i1_name")
	h.typeText("Lê Văn Bình")
	h.focus("i1_months")
	h.typeText("24")
	h.focus("i1_date")
	h.typeText(letter.String())
	h.focus("i2_name")
	h.typeText("Trần Thị Cúc")
	h.focus("i2_months")
	h.typeText("36")
	h.press(k.Save)
	c, _ := h.st.Candidate(r.ID)
	if c.Stage != model.StageIntroduced || len(c.Introducers) != 2 {
		t.Fatalf("introduced: %s %+v\n%s", c.Stage, c.Introducers, h.screen())
	}
	if c.Introducers[0].Date != letter || c.Introducers[1].Date != today {
		t.Fatalf("introduction dates %s, %s; want the letter's %s and the step's %s", c.Introducers[0].Date, c.Introducers[1].Date, letter, today)
	}
}

// Item 6: the decision dialog asks when the cell received the decision.
func TestRulesDecisionAsksDateReceived(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	today := h.app.env.today()
	r := openCandidate(t, h, func(r model.CandidateRow) bool { return r.Stage == model.StageCommittee && r.Outcome == "" })
	h.press(k.Advance)
	h.focus("date")
	for range len(today.String()) {
		h.key("backspace")
	}
	h.typeText(today.AddDays(-2).String())
	h.focus("received")
	h.typeText(today.String())
	h.focus("doc_no")
	h.typeText("140-QĐ/ĐU")
	h.press(k.Save)
	c, _ := h.st.Candidate(r.ID)
	if c.Stage != model.StageDecision || c.Steps[model.StageDecision].Received != today {
		t.Fatalf("decision step %+v\n%s", c.Steps[model.StageDecision], h.screen())
	}
	if !strings.Contains(h.screen(), today.String()) {
		t.Fatal("the date received is not shown")
	}
}
