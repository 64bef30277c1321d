package model

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestAdvanceDates(t *testing.T) {
	tests := []struct {
		name     string
		date     Date
		override string
		ok       bool
		failed   []string
	}{
		{"in order", plDate("20/09/2025"), "", true, nil},
		{"missing", 0, "", false, []string{RuleDate}},
		{"future", plDate("02/06/2026"), "nhập trước", false, []string{RuleDateFuture}},
		{"today is fine", plDate("01/06/2026"), "", true, nil},
		{"before the previous stage, no reason", plDate("01/06/2025"), "", false, []string{RuleDateOrder}},
		{"before the previous stage, with reason", plDate("01/06/2025"), "Kết quả thẩm tra về trước, nhập muộn", true, []string{RuleDateOrder}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, rs, err := Advance(plCandidate(StageHistory), StageVerified, StepInput{Date: tt.date, Override: tt.override}, plCtx("01/06/2026"))
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if f := plFailed(rs); !reflect.DeepEqual(f, tt.failed) {
				t.Fatalf("failed %v, want %v", f, tt.failed)
			}
		})
	}
}

func TestAdvanceDecision(t *testing.T) {
	tests := []struct {
		name    string
		date    string
		body    DecidingBody
		setting DecidingBody
		cal     []Date
		ok      bool
		want    DecidingBody
		late    bool // decision_due warns
	}{
		{"body from settings", "30/03/2026", "", "commune_standing", plTet, true, "commune_standing", false},
		{"body given", "30/03/2026", "grassroots_authorized", "commune_standing", plTet, true, "grassroots_authorized", false},
		{"no body anywhere", "30/03/2026", "", "", plTet, false, "", false},
		{"before the cell vote", "04/01/2026", "", "commune_standing", plTet, false, "", false},
		// 60 working days after 05/01/2026 is 06/04/2026 once Tết is off, 30/03/2026 without.
		{"day 60 counting Tết", "06/04/2026", "", "commune_standing", plTet, true, "commune_standing", false},
		{"same day is late without Tết", "06/04/2026", "", "commune_standing", nil, true, "commune_standing", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := plCandidate(StageCommittee)
			ctx := plCtx("01/06/2026")
			ctx.Settings.DecidingBody = tt.setting
			ctx.Cal = NewCalendar(tt.cal)
			got, rs, err := Advance(c, StageDecision, StepInput{Date: plDate(tt.date), DocNo: "125-QĐ/ĐU", DecidingBody: tt.body,
				Override: "nhập bù"}, ctx)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v; failed %v", err, tt.ok, plFailed(rs))
			}
			if err != nil {
				return
			}
			if got.DecisionBody != tt.want || got.Steps[StageDecision].DocNo != "125-QĐ/ĐU" {
				t.Fatalf("body %q doc %q", got.DecisionBody, got.Steps[StageDecision].DocNo)
			}
			r, _ := plFind(rs, RuleDecisionDue)
			if !r.OK || r.Warn != tt.late {
				t.Fatalf("decision_due %+v, want late=%v", r, tt.late)
			}
		})
	}
}

func TestAdvanceCeremonyAndRecognition(t *testing.T) {
	noDecision := plCandidate(StageDecision)
	delete(noDecision.Steps, StageDecision)
	tests := []struct {
		name string
		c    Candidate
		to   Stage
		in   StepInput
		ok   bool
		rule string
	}{
		{"ceremony after decision", plCandidate(StageDecision), StageProbation, StepInput{Date: plDate("20/03/2026")}, true, ""},
		{"ceremony needs the decision", noDecision, StageProbation, StepInput{Date: plDate("20/03/2026")}, false, RuleHasDecision},
		{"ceremony before the decision", plCandidate(StageDecision), StageProbation, StepInput{Date: plDate("01/03/2026"), Override: "x"}, false, RuleHasDecision},
		{"recognition a day early", plCandidate(StageProbation), StageRecognition,
			StepInput{Vote: plPassingVote("19/03/2027"), Override: "x"}, false, RuleProbation},
		{"recognition when 12 months end", plCandidate(StageProbation), StageRecognition,
			StepInput{Vote: plPassingVote("20/03/2027"), DocNo: "40-NQ/CB"}, true, ""},
		{"recognition vote short of two-thirds", plCandidate(StageProbation), StageRecognition,
			StepInput{Vote: Vote{Date: plDate("22/03/2027"), Members: 9, Present: 9, For: 5}}, false, RuleVote},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := Advance(tt.c, tt.to, tt.in, plCtx("01/06/2027"))
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			var fe *FieldError
			if err != nil && (!errors.As(err, &fe) || fe.Field != tt.rule) {
				t.Fatalf("err %v, want rule %q", err, tt.rule)
			}
			if tt.ok && tt.to == StageRecognition {
				if got.RecognitionVote.For != 7 || got.RecognitionVote.Date != plDate("20/03/2027") ||
					got.RecognitionVote.DocNo != "40-NQ/CB" || got.StageDate(StageRecognition) != plDate("20/03/2027") {
					t.Fatalf("recognition vote not stored: %+v, step %+v", got.RecognitionVote, got.Steps[StageRecognition])
				}
			}
		})
	}
}

func TestAdvanceStaleDocumentsNeedReason(t *testing.T) {
	tests := []struct {
		name     string
		meeting  string
		months   int
		override string
		ok       bool
		failed   []string
	}{
		{"fresh", "05/01/2026", 6, "", true, nil},
		// Introductions of 14/10/2025 lapse after 14/04/2026; the summary of 15/10/2025 is valid through 15/04/2026.
		{"last valid day of the summary", "15/04/2026", 6, "", false, []string{RuleIntroValidity, RuleIntroValidity}},
		{"all stale, with a reason", "16/04/2026", 6, "Chi bộ đã rà soát lại, không có thay đổi", true,
			[]string{RuleIntroValidity, RuleIntroValidity, RuleCommentsValid}},
		{"12-month setting", "16/04/2026", 12, "", true, nil},
		{"unset setting means 12", "16/04/2026", 0, "", true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := plCandidate(StageComments)
			c.Introducers[0].Date, c.Introducers[1].Date = plDate("14/10/2025"), plDate("14/10/2025")
			ctx := plCtx("01/06/2026")
			ctx.Settings.DocValidityMonths = tt.months
			_, rs, err := Advance(c, StageCellVote, StepInput{Vote: plPassingVote(tt.meeting), Override: tt.override}, ctx)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if f := plFailed(rs); !reflect.DeepEqual(f, tt.failed) {
				t.Fatalf("failed %v, want %v", f, tt.failed)
			}
		})
	}
}

func TestAdvanceReligionIsInformational(t *testing.T) {
	for _, rel := range []string{"catholic", "none", ""} {
		c := plCandidate(StageComments)
		c.Religion = rel
		_, rs, err := Advance(c, StageCellVote, StepInput{Vote: plPassingVote("05/01/2026")}, plCtx("01/06/2026"))
		if err != nil {
			t.Fatalf("%q: %v", rel, err)
		}
		r, found := plFind(rs, RuleReligion)
		if found != (rel == "catholic") {
			t.Fatalf("%q: religion item present=%v", rel, found)
		}
		if found && (!r.OK || !r.Warn || !strings.Contains(r.Msg.VI, "06-QĐ/TW") || !strings.Contains(r.Msg.VI, "Công giáo")) {
			t.Fatalf("religion item %+v", r)
		}
	}
}

func TestAdvanceRecordsAndCopies(t *testing.T) {
	c := plCandidate(StageComments)
	c.History = []Event{{By: "old", From: StageIntroduced, To: StageComments}}
	before := plCandidate(StageComments)
	before.History = []Event{{By: "old", From: StageIntroduced, To: StageComments}}
	meeting := ID{7}
	v := plPassingVote("05/01/2026")
	got, _, err := Advance(c, StageCellVote, StepInput{Vote: v, DocNo: "12-NQ/CB", Note: "xét cùng đợt", By: "may-vp", At: plAt, Meeting: meeting},
		plCtx("01/06/2026"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(c, before) {
		t.Fatalf("Advance changed its input: %+v", c)
	}
	if got.Stage != StageCellVote {
		t.Fatalf("stage %q", got.Stage)
	}
	wantStep := Step{Date: plDate("05/01/2026"), DocNo: "12-NQ/CB", Note: "xét cùng đợt"}
	if got.Steps[StageCellVote] != wantStep {
		t.Fatalf("step %+v, want %+v", got.Steps[StageCellVote], wantStep)
	}
	v.DocNo = "12-NQ/CB"
	if got.CellVote != v {
		t.Fatalf("cell vote %+v, want %+v", got.CellVote, v)
	}
	want := Event{At: plAt, By: "may-vp", From: StageComments, To: StageCellVote, Meeting: meeting}
	if len(got.History) != 2 || got.History[1] != want {
		t.Fatalf("history %+v, want last %+v", got.History, want)
	}
	if row := got.Row(); row.CellVote != plDate("05/01/2026") || row.Since != plDate("05/01/2026") {
		t.Fatalf("row %+v", row)
	}

	h, _, err := Advance(plCandidate(StageSympathizer), StageHelper, StepInput{Date: plDate("10/03/2025"), Helpers: []string{" Lê Văn Bình ", ""}}, plCtx("01/06/2026"))
	if err != nil || !reflect.DeepEqual(h.Helpers, []string{"Lê Văn Bình"}) {
		t.Fatalf("helpers %v, err %v", h.Helpers, err)
	}
	if _, _, err := Advance(plCandidate(StageSympathizer), StageHelper, StepInput{Date: plDate("10/03/2025")}, plCtx("01/06/2026")); err == nil {
		t.Fatal("a helper stage without helpers was accepted")
	}
}

func TestAdvanceOverrideOnlyRecordedWhenUsed(t *testing.T) {
	got, _, err := Advance(plCandidate(StageHistory), StageVerified, StepInput{Date: plDate("20/09/2025"), Override: "không cần"}, plCtx("01/06/2026"))
	if err != nil {
		t.Fatal(err)
	}
	if ev := got.History[len(got.History)-1]; ev.Override != "" {
		t.Fatalf("override %q recorded although no rule failed", ev.Override)
	}
}
