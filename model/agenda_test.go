package model

import (
	"reflect"
	"strings"
	"testing"
)

func TestMissingAdmissionChecklist(t *testing.T) {
	young := plCandidate(StageComments)
	young.DOB = plDate("20/05/2008")
	verified := plCandidate(StageVerified)
	stale := plCandidate(StageComments)
	catholic := plCandidate(StageComments)
	catholic.Religion = "catholic"
	tests := []struct {
		name    string
		c       Candidate
		meeting string
		failed  []string
	}{
		{"ready", plCandidate(StageComments), "05/01/2026", nil},
		{"under 18 at the meeting", young, "05/01/2026", []string{RuleAge}},
		{"introducers and comments missing", verified, "05/01/2026", []string{RuleIntroducers, RuleComments}},
		// Introductions of 25–26/09/2025 and comments of 15/10/2025 are older than 6 months on 01/05/2026.
		{"documents older than 6 months", stale, "01/05/2026", []string{RuleIntroValidity, RuleIntroValidity, RuleCommentsValid}},
		{"certificate expired", plCandidate(StageComments), "19/04/2030", []string{RuleCert, RuleIntroValidity, RuleIntroValidity, RuleCommentsValid}},
		{"religion is informational", catholic, "05/01/2026", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := Missing(tt.c, StageCellVote, plCtx("01/06/2026"), plDate(tt.meeting))
			if f := plFailed(rs); !reflect.DeepEqual(f, tt.failed) {
				t.Fatalf("failed %v, want %v", f, tt.failed)
			}
			for _, rule := range []string{RuleActive, RuleAge, RuleCert, RuleApplication, RuleVerified, RuleIntroducers, RuleComments} {
				if _, found := plFind(rs, rule); !found {
					t.Fatalf("checklist lacks %q", rule)
				}
			}
			for _, r := range rs {
				if r.Msg.VI == "" || r.Msg.EN == "" {
					t.Fatalf("item %q without both messages", r.Rule)
				}
			}
		})
	}
}

func TestMissingRecognitionChecklist(t *testing.T) {
	tests := []struct {
		name    string
		c       Candidate
		meeting string
		failed  []string
		late    bool
	}{
		{"before probation ends", plCandidate(StageProbation), "19/03/2027", []string{RuleProbation}, false},
		{"on the day probation ends", plCandidate(StageProbation), "20/03/2027", nil, false},
		{"later than 30 working days", plCandidate(StageProbation), "03/05/2027", nil, true},
		{"not yet probationary", plCandidate(StageDecision), "20/03/2027", []string{RuleInProbation, RuleProbation}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := Missing(tt.c, StageOfficial, plCtx("01/06/2027"), plDate(tt.meeting))
			if f := plFailed(rs); !reflect.DeepEqual(f, tt.failed) {
				t.Fatalf("failed %v, want %v", f, tt.failed)
			}
			r, found := plFind(rs, RuleRecognitionDue)
			if tt.late && (!found || !r.Warn) {
				t.Fatalf("recognition_due %+v, want a lateness warning", r)
			}
			if !tt.late && found && r.Warn {
				t.Fatalf("recognition_due %+v warns", r)
			}
		})
	}
}

func TestMissingOtherStages(t *testing.T) {
	rs := Missing(plCandidate(StageSource), StageSympathizer, plCtx("01/06/2026"), plDate("10/02/2025"))
	if f := plFailed(rs); f != nil {
		t.Fatalf("failed %v", f)
	}
	rs = Missing(plCandidate(StageSympathizer), StageHelper, RuleContext{}, plDate("10/03/2025"))
	if f := plFailed(rs); !reflect.DeepEqual(f, []string{RuleHelpers}) {
		t.Fatalf("failed %v, want helpers", f)
	}
}

func TestReadyFor(t *testing.T) {
	row := func(s Stage, ceremony string, out Outcome) CandidateRow {
		r := CandidateRow{ID: plID, Stage: s, Outcome: out}
		if ceremony != "" {
			r.Ceremony = plDate(ceremony)
		}
		return r
	}
	meeting := plDate("15/03/2027")
	tests := []struct {
		name string
		kind MeetingKind
		r    CandidateRow
		want bool
	}{
		{"admission: comments", MeetingAdmission, row(StageComments, "", ""), true},
		{"admission: introduced, comments not gathered", MeetingAdmission, row(StageIntroduced, "", ""), false},
		{"admission: verified", MeetingAdmission, row(StageVerified, "", ""), false},
		{"admission: withdrawn", MeetingAdmission, row(StageComments, "", OutcomeWithdrawn), false},
		{"recognition: ends in 5 days", MeetingRecognition, row(StageProbation, "20/03/2026", ""), true},
		{"recognition: ended", MeetingRecognition, row(StageProbation, "01/01/2026", ""), true},
		{"recognition: ends in 30 days", MeetingRecognition, row(StageProbation, "14/04/2026", ""), true},
		{"recognition: ends in 31 days", MeetingRecognition, row(StageProbation, "15/04/2026", ""), false},
		{"recognition: no ceremony date", MeetingRecognition, row(StageProbation, "", ""), false},
		{"recognition: not probationary", MeetingRecognition, row(StageDecision, "", ""), false},
		{"review: source", MeetingReview, row(StageSource, "", ""), true},
		{"review: comments", MeetingReview, row(StageComments, "", ""), true},
		{"review: after the cell vote", MeetingReview, row(StageCellVote, "", ""), false},
		{"review: moved", MeetingReview, row(StageSource, "", OutcomeMoved), false},
		{"unknown kind", "party", row(StageSource, "", ""), false},
	}
	for _, tt := range tests {
		if got := ReadyFor(tt.kind, tt.r, meeting); got != tt.want {
			t.Errorf("%s: ReadyFor = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestApplyDecision(t *testing.T) {
	meeting := func(kind MeetingKind, date string) Meeting {
		return Meeting{ID: ID{8}, Cell: ID{3}, Date: plDate(date), Kind: kind, Members: 10, Attached: 1, Present: 9}
	}
	item := func(d Decision, f, a int) AgendaItem {
		return AgendaItem{Candidate: plID, Decision: d, For: f, Against: a, Note: "ý kiến thống nhất"}
	}
	tests := []struct {
		name    string
		c       Candidate
		m       Meeting
		it      AgendaItem
		ok      bool
		stage   Stage
		outcome Outcome
		reason  string // in the last history event
	}{
		{"admission approve", plCandidate(StageComments), meeting(MeetingAdmission, "05/01/2026"), item(DecisionApprove, 6, 3), true, StageCellVote, "", ""},
		{"admission approve short of 2/3", plCandidate(StageComments), meeting(MeetingAdmission, "05/01/2026"), item(DecisionApprove, 5, 4), false, StageComments, "", ""},
		{"admission approve before comments", plCandidate(StageIntroduced), meeting(MeetingAdmission, "05/01/2026"), item(DecisionApprove, 9, 0), false, StageIntroduced, "", ""},
		{"admission defer", plCandidate(StageComments), meeting(MeetingAdmission, "05/01/2026"), item(DecisionDefer, 0, 0), true, StageComments, "", "hoãn xét"},
		{"admission reject", plCandidate(StageComments), meeting(MeetingAdmission, "05/01/2026"), item(DecisionReject, 2, 7), true, StageComments, "", "không tán thành"},
		{"recognition approve proposes", plCandidate(StageProbation), meeting(MeetingRecognition, "22/03/2027"), item(DecisionApprove, 8, 1), true, StageRecognition, "", ""},
		{"recognition too early", plCandidate(StageProbation), meeting(MeetingRecognition, "15/03/2027"), item(DecisionApprove, 8, 1), false, StageProbation, "", ""},
		{"recognition reject proposes removal", plCandidate(StageProbation), meeting(MeetingRecognition, "22/03/2027"), item(DecisionReject, 1, 8), true, StageProbation, "", "đề nghị xóa tên"},
		{"recognition defer", plCandidate(StageProbation), meeting(MeetingRecognition, "22/03/2027"), item(DecisionDefer, 0, 0), true, StageProbation, "", "hoãn xét"},
		{"review approve adds to the list", plCandidate(StageSource), meeting(MeetingReview, "10/02/2025"), item(DecisionApprove, 0, 0), true, StageSympathizer, "", ""},
		{"review approve later: note only", plCandidate(StageHelper), meeting(MeetingReview, "10/06/2025"), item(DecisionApprove, 0, 0), true, StageHelper, "", "tán thành"},
		{"no decision", plCandidate(StageComments), meeting(MeetingAdmission, "05/01/2026"), item(DecisionNone, 0, 0), false, StageComments, "", ""},
		{"unknown kind", plCandidate(StageComments), meeting("party", "05/01/2026"), item(DecisionDefer, 0, 0), false, StageComments, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := len(tt.c.History)
			got, err := ApplyDecision(tt.c, tt.m, tt.it, plCtx("01/06/2027"), "may-vp", plAt)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if got.Stage != tt.stage || got.Outcome != tt.outcome {
				t.Fatalf("stage %q outcome %q, want %q %q", got.Stage, got.Outcome, tt.stage, tt.outcome)
			}
			if !tt.ok {
				if len(got.History) != n {
					t.Fatal("history changed on error")
				}
				return
			}
			if len(got.History) != n+1 {
				t.Fatalf("history %d events, want %d", len(got.History), n+1)
			}
			ev := got.History[n]
			if ev.Meeting != tt.m.ID || ev.By != "may-vp" || !ev.At.Equal(plAt) || !strings.Contains(ev.Reason, tt.reason) {
				t.Fatalf("event %+v, want reason containing %q", ev, tt.reason)
			}
			switch tt.stage {
			case StageCellVote:
				if want := tt.m.VoteFor(tt.it); got.CellVote != want {
					t.Fatalf("cell vote %+v, want %+v", got.CellVote, want)
				}
			case StageRecognition:
				if got.RecognitionVote.For != tt.it.For || got.RecognitionVote.Base() != 9 {
					t.Fatalf("recognition vote %+v", got.RecognitionVote)
				}
			}
		})
	}
	other := plCandidate(StageComments)
	other.ID = plOtherID
	if _, err := ApplyDecision(other, meeting(MeetingAdmission, "05/01/2026"), item(DecisionApprove, 9, 0), plCtx("01/06/2026"), "", plAt); err == nil {
		t.Fatal("applied someone else's agenda item")
	}
}
