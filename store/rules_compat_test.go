package store

import (
	"encoding/json"
	"testing"

	"nguon/model"
)

// New files default to documents valid 12 months (issue 8 §A.5); files that
// stored their own period keep it.
func TestDefaultSettingsDocValidityTwelve(t *testing.T) {
	if got := DefaultSettings().DocValidityMonths; got != 12 {
		t.Fatalf("DefaultSettings().DocValidityMonths = %d, want 12", got)
	}
	s := newTestStore(t)
	stored := DefaultSettings()
	stored.Commune, stored.DocValidityMonths = "Đảng bộ xã Trường Sơn", 6
	must(t, s.PutSettings(stored))
	if got, err := s.Settings(); err != nil || got.DocValidityMonths != 6 {
		t.Fatalf("stored settings read back as %+v, %v", got, err)
	}
}

// Candidates written before the recognition proposal, the date received and
// the consent existed load from the file and go on through the new steps.
func TestOldCandidatePayloadsStillWork(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	prob, official := model.NewID(testEpoch), model.NewID(testEpoch.Add(1))
	oldProbation := `{"id":"` + prob.String() + `","full_name":"Nguyễn Văn An","sex":"M","dob":"2000-03-15","cccd":"",
	"ethnicity":"1","religion":"none","youth_union":true,"trade_union":false,"womens_union":false,"source":"youth",
	"cell":"` + cell.ID.String() + `","stage":"probation","steps":{"decision":{"date":"2025-02-10","doc_no":"125-QĐ/HU"},
	"probation":{"date":"2025-03-01"}},"cell_vote":{"date":"2025-01-06","members":24,"attached":0,"exempt_absent":0,
	"present":22,"for":22,"against":0},"decision_body":"district_standing"}`
	oldOfficial := `{"id":"` + official.String() + `","full_name":"Lê Thị Bình","sex":"F","dob":"1995-06-01","cccd":"",
	"ethnicity":"1","religion":"none","youth_union":false,"trade_union":false,"womens_union":true,"source":"women",
	"cell":"` + cell.ID.String() + `","stage":"official","steps":{"probation":{"date":"2024-05-01"},
	"official":{"date":"2025-05-10","doc_no":"31-NQ/CB"}},"recognition_vote":{"date":"2025-05-10","members":24,
	"attached":0,"exempt_absent":0,"present":20,"for":20,"against":0,"doc_no":"31-NQ/CB"},"decision_body":"district_standing"}`
	forge(t, s, kindCandidate, prob, nil, "old-laptop", HLC{Wall: 1}, false, json.RawMessage(oldProbation))
	forge(t, s, kindCandidate, official, nil, "old-laptop", HLC{Wall: 2}, false, json.RawMessage(oldOfficial))

	o, err := s.Candidate(official)
	must(t, err)
	if ps := o.Validate(model.NewDate(2026, 3, 15)); len(ps) > 0 || o.Stage != model.StageOfficial {
		t.Fatalf("old official member: stage %q, problems %v", o.Stage, ps)
	}
	c, err := s.Candidate(prob)
	must(t, err)
	if ps := c.Validate(model.NewDate(2026, 3, 15)); len(ps) > 0 {
		t.Fatalf("old probationary member: %v", ps)
	}
	vote := model.Vote{Date: model.NewDate(2026, 3, 9), Members: 24, Present: 22, For: 22}
	c, _, err = s.Advance(prob, model.StageRecognition, model.StepInput{Vote: vote, DocNo: "12-NQ/CB"})
	must(t, err)
	c, _, err = s.Advance(prob, model.StageOfficial, model.StepInput{Date: model.NewDate(2026, 3, 13), DocNo: "88-QĐ/ĐU"})
	must(t, err)
	if c.Stage != model.StageOfficial || c.OfficialSince() != model.NewDate(2026, 3, 1) {
		t.Fatalf("after the committee's decision: %q since %s", c.Stage, c.OfficialSince())
	}
}
