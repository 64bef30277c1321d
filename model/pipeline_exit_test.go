package model

import "testing"

func TestGoBack(t *testing.T) {
	exited := plCandidate(StageHistory)
	exited.Outcome = OutcomeMoved
	tests := []struct {
		name   string
		c      Candidate
		reason string
		ok     bool
		want   Stage
	}{
		{"needs a reason", plCandidate(StageCellVote), "", false, StageCellVote},
		{"blank reason", plCandidate(StageCellVote), "   ", false, StageCellVote},
		{"one stage back", plCandidate(StageCellVote), "Nghị quyết ghi sai số phiếu", true, StageComments},
		{"nothing before source", plCandidate(StageSource), "nhầm", false, StageSource},
		{"exited first reinstated", exited, "nhầm", false, StageHistory},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := StepInput{By: "may-vp", At: plAt}
			got, err := GoBack(tt.c, tt.reason, in)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if got.Stage != tt.want {
				t.Fatalf("stage %q, want %q", got.Stage, tt.want)
			}
			if !tt.ok {
				return
			}
			if _, still := got.Steps[StageCellVote]; still || got.CellVote != (Vote{}) {
				t.Fatalf("undone step kept: %+v %+v", got.Steps[StageCellVote], got.CellVote)
			}
			if _, orig := tt.c.Steps[StageCellVote]; !orig {
				t.Fatal("GoBack changed its input's steps")
			}
			ev := got.History[len(got.History)-1]
			if ev.From != StageCellVote || ev.To != StageComments || ev.Reason != tt.reason || ev.By != "may-vp" {
				t.Fatalf("event %+v", ev)
			}
		})
	}
}

func TestExitAndReinstate(t *testing.T) {
	tests := []struct {
		name   string
		c      Candidate
		o      Outcome
		reason string
		date   Date
		ok     bool
	}{
		{"withdrawn", plCandidate(StageClass), OutcomeWithdrawn, "Đi học đại học ở Hà Nội", plDate("01/05/2026"), true},
		{"needs a reason", plCandidate(StageClass), OutcomeWithdrawn, " ", plDate("01/05/2026"), false},
		{"needs an outcome", plCandidate(StageClass), "", "lý do", plDate("01/05/2026"), false},
		{"needs a date", plCandidate(StageClass), OutcomeMoved, "chuyển vào Nam", 0, false},
		{"removed only from probation", plCandidate(StageDecision), OutcomeRemoved, "vi phạm", plDate("01/05/2026"), false},
		{"removed from probation", plCandidate(StageProbation), OutcomeRemoved, "không đủ tư cách", plDate("01/05/2026"), true},
		{"official members are not exited", plCandidate(StageOfficial), OutcomeMoved, "chuyển sinh hoạt", plDate("01/05/2027"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The number of the committee's decision matters only for a removal (TestRecognitionRejectProposesRemoval).
			got, err := Exit(tt.c, tt.o, tt.reason, tt.date, StepInput{By: "vp", At: plAt, DocNo: "515-QĐ/ĐU"})
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if !tt.ok {
				if got.Outcome != "" {
					t.Fatal("outcome set on error")
				}
				return
			}
			if got.Outcome != tt.o || got.OutcomeReason != tt.reason || got.OutcomeDate != tt.date || got.Stage != tt.c.Stage ||
				(got.OutcomeDocNo != "") != (tt.o == OutcomeRemoved) {
				t.Fatalf("exit fields %+v", got)
			}
			ev := got.History[len(got.History)-1]
			if ev.Outcome != tt.o || ev.Reason != tt.reason || ev.From != tt.c.Stage || ev.To != tt.c.Stage {
				t.Fatalf("event %+v", ev)
			}
			if _, err := Exit(got, OutcomeMoved, "lại", tt.date, StepInput{}); err == nil {
				t.Fatal("exited twice")
			}
			if _, err := Reinstate(got, "", StepInput{}); err == nil {
				t.Fatal("reinstated without a reason")
			}
			back, err := Reinstate(got, "Quay lại địa phương", StepInput{By: "vp", At: plAt})
			if err != nil || back.Outcome != "" || back.OutcomeReason != "" || back.OutcomeDate != 0 || back.OutcomeDocNo != "" || back.Stage != tt.c.Stage {
				t.Fatalf("reinstate %+v, %v", back, err)
			}
			if n := len(back.History); n != len(tt.c.History)+2 || back.History[n-1].Reason != "Quay lại địa phương" {
				t.Fatalf("history %+v", back.History)
			}
			if got.Outcome != tt.o {
				t.Fatal("Reinstate changed its input")
			}
		})
	}
	if _, err := Reinstate(plCandidate(StageClass), "nhầm", StepInput{}); err == nil {
		t.Fatal("reinstated an active candidate")
	}
}
