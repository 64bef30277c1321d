package model

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// Tests of issue 8 §A, "rules that are wrong": one group per item.

func raFieldErr(t *testing.T, err error, field string) {
	t.Helper()
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != field {
		t.Fatalf("err = %v, want a %q error", err, field)
	}
}

func raRecognitionMeeting(date string) Meeting {
	return Meeting{ID: ID{8}, Cell: ID{3}, Date: plDate(date), Kind: MeetingRecognition, Members: 10, Attached: 1, Present: 9}
}

// Item 1: the cell's resolution only proposes recognition; the committee
// decides (16-KNĐ), and the member is official from the end of probation.
func TestRecognitionCellProposesCommitteeDecides(t *testing.T) {
	ctx := plCtx("01/06/2027")
	it := AgendaItem{Candidate: plID, Decision: DecisionApprove, For: 8, Against: 1, DocNo: "40-NQ/CB"}
	c, err := ApplyDecision(plCandidate(StageProbation), raRecognitionMeeting("22/03/2027"), it, ctx, "vp", plAt)
	if err != nil {
		t.Fatal(err)
	}
	if c.Stage != StageRecognition || c.Outcome != OutcomeActive {
		t.Fatalf("after the cell's vote: stage %q outcome %q, want the proposal stage", c.Stage, c.Outcome)
	}
	if c.RecognitionVote.For != 8 || c.RecognitionVote.DocNo != "40-NQ/CB" || c.StageDate(StageRecognition) != plDate("22/03/2027") {
		t.Fatalf("the cell's resolution is not recorded: %+v %+v", c.RecognitionVote, c.Steps[StageRecognition])
	}
	if c.OfficialSince() != 0 {
		t.Fatalf("official since %s before the committee decided", c.OfficialSince())
	}
	if NextStage(StageProbation) != StageRecognition || NextStage(StageRecognition) != StageOfficial {
		t.Fatalf("pipeline order: after probation %q, after the proposal %q", NextStage(StageProbation), NextStage(StageRecognition))
	}
	if got := Needs(StageOfficial); !reflect.DeepEqual(got, []string{NeedDate, NeedDocNo}) {
		t.Fatalf("the committee's decision needs %v", got)
	}

	// The committee's decision must carry its number; an override does not replace it.
	_, _, err = Advance(c, StageOfficial, StepInput{Date: plDate("15/04/2027"), Override: "nhập sau"}, ctx)
	raFieldErr(t, err, RuleDecisionNo)
	// It cannot come before the cell's resolution.
	_, _, err = Advance(c, StageOfficial, StepInput{Date: plDate("21/03/2027"), DocNo: "512-QĐ/ĐU", Override: "x"}, ctx)
	raFieldErr(t, err, RuleAfterRecVote)

	got, rs, err := Advance(c, StageOfficial, StepInput{Date: plDate("15/04/2027"), DocNo: "512-QĐ/ĐU"}, ctx)
	if err != nil {
		t.Fatalf("decision refused: %v; failed %v", err, plFailed(rs))
	}
	if got.Stage != StageOfficial || got.Steps[StageOfficial].DocNo != "512-QĐ/ĐU" || got.StageDate(StageOfficial) != plDate("15/04/2027") {
		t.Fatalf("decision not recorded: %q %+v", got.Stage, got.Steps[StageOfficial])
	}
	// Ceremony 20/03/2026 + 12 months, not the day of the meeting or of the decision.
	if got.OfficialSince() != plDate("20/03/2027") {
		t.Fatalf("official since %s, want 20/03/2027", got.OfficialSince())
	}
	if got.RecognitionVote != c.RecognitionVote {
		t.Fatal("the decision changed the cell's vote")
	}
	if r, _ := plFind(rs, RuleRecDecisionDue); !r.OK || r.Warn {
		t.Fatalf("decision on day 18 is in time: %+v", r)
	}
	// 30 working days after 22/03/2027 is 03/05/2027; the next day is within the extension.
	_, rs, err = Advance(c, StageOfficial, StepInput{Date: plDate("04/05/2027"), DocNo: "530-QĐ/ĐU"}, ctx)
	if r, _ := plFind(rs, RuleRecDecisionDue); err != nil || !r.OK || !r.Warn || !strings.Contains(r.Msg.VI, "gia hạn") {
		t.Fatalf("late decision: %v %+v", err, r)
	}
	// Going back from the proposal undoes the cell's vote.
	back, err := GoBack(c, "Ghi nhầm số phiếu", StepInput{})
	if err != nil || back.Stage != StageProbation || back.RecognitionVote != (Vote{}) {
		t.Fatalf("go back: %v %q %+v", err, back.Stage, back.RecognitionVote)
	}
}

// Item 1: a cell voting against recognition proposes removal; removal is
// the committee's decision, recorded with its number.
func TestRecognitionRejectProposesRemoval(t *testing.T) {
	ctx := plCtx("01/06/2027")
	m := raRecognitionMeeting("22/03/2027")
	it := AgendaItem{Candidate: plID, Decision: DecisionReject, For: 1, Against: 8, DocNo: "41-NQ/CB", Note: "Không hoàn thành nhiệm vụ"}
	c, err := ApplyDecision(plCandidate(StageProbation), m, it, ctx, "vp", plAt)
	if err != nil {
		t.Fatal(err)
	}
	if c.Outcome != OutcomeActive || c.Stage != StageProbation {
		t.Fatalf("the cell's vote removed the member at once: stage %q outcome %q", c.Stage, c.Outcome)
	}
	if c.RemovalProposal != (Document{No: "41-NQ/CB", Date: plDate("22/03/2027")}) || c.RecognitionVote.Against != 8 {
		t.Fatalf("proposal %+v, vote %+v", c.RemovalProposal, c.RecognitionVote)
	}
	if ev := c.History[len(c.History)-1]; !strings.Contains(ev.Reason, "đề nghị xóa tên") || ev.Meeting != m.ID || ev.Outcome != "" {
		t.Fatalf("history %+v", ev)
	}
	if ReadyFor(MeetingRecognition, c.Row(), plDate("29/03/2027")) {
		t.Fatal("a member proposed for removal is proposed for recognition again")
	}
	// Removal needs the committee's decision number and a date not before the proposal.
	_, err = Exit(c, OutcomeRemoved, "Đảng ủy quyết định xóa tên", plDate("10/04/2027"), StepInput{})
	raFieldErr(t, err, "doc_no")
	_, err = Exit(c, OutcomeRemoved, "Đảng ủy quyết định xóa tên", plDate("20/03/2027"), StepInput{DocNo: "515-QĐ/ĐU"})
	raFieldErr(t, err, "date")
	got, err := Exit(c, OutcomeRemoved, "Đảng ủy quyết định xóa tên", plDate("10/04/2027"), StepInput{DocNo: "515-QĐ/ĐU"})
	if err != nil || got.Outcome != OutcomeRemoved || got.OutcomeDocNo != "515-QĐ/ĐU" {
		t.Fatalf("removal: %v %q %q", err, got.Outcome, got.OutcomeDocNo)
	}
	// Other ways out need no decision number.
	if _, err := Exit(c, OutcomeMoved, "Chuyển sinh hoạt đảng", plDate("10/04/2027"), StepInput{}); err != nil {
		t.Fatalf("moved away: %v", err)
	}
	// A later proposal of recognition replaces the proposal to remove.
	again, _, err := Advance(c, StageRecognition, StepInput{Vote: plPassingVote("26/04/2027"), DocNo: "45-NQ/CB"}, ctx)
	if err != nil || again.RemovalProposal != (Document{}) || again.Stage != StageRecognition {
		t.Fatalf("recognition after a removal proposal: %v %+v", err, again.RemovalProposal)
	}
}

// Item 1: the committee's deadline, 30 working days after the cell's
// resolution (+30), for recognition and for removal alike.
func TestDeadlinesCommitteeAfterRecognitionResolution(t *testing.T) {
	plain := NewCalendar(nil)
	tests := []dlCase{
		{name: "recognition decision due", cal: plain, today: "01/04/2027",
			row: func() CandidateRow {
				r := dlRow(1, StageRecognition)
				r.Since, r.RecVote, r.Ceremony = plDate("22/03/2027"), plDate("22/03/2027"), plDate("20/03/2026")
				return r
			},
			want: []dlWant{{DeadlineRecognitionDecision, "22/03/2027", "03/05/2027", false, 32, "công nhận đảng viên chính thức"}}},
		{name: "recognition decision in the extension", cal: plain, today: "10/05/2027",
			row: func() CandidateRow {
				r := dlRow(1, StageRecognition)
				r.Since, r.RecVote, r.Ceremony = plDate("22/03/2027"), plDate("22/03/2027"), plDate("20/03/2026")
				return r
			},
			want: []dlWant{{DeadlineRecognitionDecision, "22/03/2027", "03/05/2027", true, -7, "gia hạn đến 14/06/2027"}}},
		{name: "removal decision after the cell's proposal", cal: plain, today: "01/04/2027",
			row: func() CandidateRow {
				r := dlRow(1, StageProbation)
				r.Since, r.Ceremony, r.RecVote = plDate("20/03/2026"), plDate("20/03/2026"), plDate("22/03/2027")
				return r
			},
			want: []dlWant{{DeadlineRemovalDecision, "22/03/2027", "03/05/2027", false, 32, "xóa tên"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDeadlines(t, tt) })
	}
}

// Item 1: records written before the change (no proposal stage, no new
// fields) still decode and validate.
func TestOldRecordsStillLoadAndValidate(t *testing.T) {
	const old = `{"id":"0190a3c4-0000-7000-8000-000000000001","full_name":"Nguyễn Văn An","sex":"M","dob":"2000-03-15",
	"cccd":"","ethnicity":"1","religion":"none","youth_union":true,"trade_union":false,"womens_union":false,
	"source":"youth","cell":"0190a3c4-0000-7000-8000-000000000002","stage":"official",
	"steps":{"source":{"date":"2025-01-05"},"decision":{"date":"2026-03-02","doc_no":"125-QĐ/ĐU"},
	"probation":{"date":"2026-03-20"},"official":{"date":"2027-03-25","doc_no":"40-NQ/CB"}},
	"recognition_vote":{"date":"2027-03-25","members":9,"attached":0,"exempt_absent":0,"present":8,"for":7,"against":1,"doc_no":"40-NQ/CB"},
	"decision_body":"commune_standing"}`
	var c Candidate
	if err := json.Unmarshal([]byte(old), &c); err != nil {
		t.Fatal(err)
	}
	if ps := c.Validate(plDate("01/06/2027")); len(ps) > 0 {
		t.Fatalf("an old record no longer validates: %v", ps)
	}
	if c.Stage != StageOfficial || c.OfficialSince() != plDate("20/03/2027") || c.Steps[StageDecision].Received != 0 {
		t.Fatalf("old record read as %q since %s", c.Stage, c.OfficialSince())
	}
	removed := `{"id":"0190a3c4-0000-7000-8000-000000000003","full_name":"Lê Thị Bình","sex":"F","dob":"1999-01-02",
	"ethnicity":"1","religion":"none","source":"women","cell":"0190a3c4-0000-7000-8000-000000000002","stage":"probation",
	"steps":{"probation":{"date":"2025-03-20"}},"outcome":"removed","outcome_reason":"chi bộ không đề nghị công nhận",
	"outcome_date":"2026-03-25","youth_union":false,"trade_union":false,"womens_union":true}`
	var r Candidate
	if err := json.Unmarshal([]byte(removed), &r); err != nil {
		t.Fatal(err)
	}
	if ps := r.Validate(plDate("01/06/2027")); len(ps) > 0 {
		t.Fatalf("an old removal no longer validates: %v", ps)
	}
	// New fields are left out of the JSON when empty, so unchanged records keep their bytes.
	b, _ := json.Marshal(plCandidate(StageProbation))
	for _, k := range []string{"received", "over60_consent", "removal_proposal", "outcome_doc_no"} {
		if strings.Contains(string(b), `"`+k+`"`) {
			t.Errorf("an empty %s is written", k)
		}
	}
}

// Item 2: over 60 at the cell meeting is not an override: the provincial
// committee decides, with its standing committee's prior written consent.
func TestOver60DecidedByTheProvince(t *testing.T) {
	ctx := plCtx("01/06/2026")
	c := plCandidate(StageComments)
	c.DOB = plDate("09/12/1965") // 60 years and 1 month at the meeting of 10/01/2026
	voted, rs, err := Advance(c, StageCellVote, StepInput{Vote: plPassingVote("10/01/2026")}, ctx)
	if err != nil {
		t.Fatalf("the cell may vote on someone over 60 without an override: %v", err)
	}
	if r, _ := plFind(rs, RuleAge); !r.OK || !r.Warn || !strings.Contains(r.Msg.VI, "Tỉnh ủy") {
		t.Fatalf("age rule %+v, want a note that the province decides", r)
	}
	if ev := voted.History[len(voted.History)-1]; ev.Override != "" {
		t.Fatalf("an override was recorded: %q", ev.Override)
	}
	if !Over60AtCellVote(voted) || Over60AtCellVote(plCandidate(StageCellVote)) {
		t.Fatal("Over60AtCellVote is wrong")
	}
	if !slices.Contains(NeedsFor(voted, StageDecision), NeedConsent) || slices.Contains(NeedsFor(plCandidate(StageCommittee), StageDecision), NeedConsent) {
		t.Fatal("the consent is asked for the wrong people")
	}
	if Label(DecidingBodies, string(DecidingProvincial), VI) == string(DecidingProvincial) {
		t.Fatal("the provincial committee is not a deciding body")
	}
	committee, _, err := Advance(voted, StageCommittee, StepInput{Date: plDate("20/01/2026"), DocNo: "30-NQ/ĐU"}, ctx)
	if err != nil {
		t.Fatal(err)
	}
	consent := Document{No: "125-CV/TU", Date: plDate("10/02/2026")}
	tests := []struct {
		name string
		in   StepInput
		rule string
	}{
		{"no consent", StepInput{}, RuleConsent},
		{"the commune cannot decide", StepInput{DecidingBody: "commune_standing", Consent: consent, Override: "Đảng ủy xã quyết định"}, RuleDecidingBody},
		{"consent given after the decision", StepInput{Consent: Document{No: "125-CV/TU", Date: plDate("05/03/2026")}}, RuleConsent},
		{"consent without a number", StepInput{Consent: Document{Date: plDate("10/02/2026")}}, RuleConsent},
		{"province chosen by itself", StepInput{Consent: consent}, ""},
		{"province chosen", StepInput{DecidingBody: DecidingProvincial, Consent: consent}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			in.Date, in.DocNo = plDate("02/03/2026"), "15-QĐ/TU"
			got, _, err := Advance(committee, StageDecision, in, ctx)
			if tt.rule != "" {
				raFieldErr(t, err, tt.rule)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.DecisionBody != DecidingProvincial || got.Over60Consent != consent {
				t.Fatalf("body %q consent %+v", got.DecisionBody, got.Over60Consent)
			}
		})
	}
}

// Item 3: a Youth Union member of youth age is introduced by the Youth
// Union's resolution; a resolution counts only for a member of its body.
func TestIntroducersYouthUnionAndMembership(t *testing.T) {
	member := Introducer{Kind: IntroMember, Name: "Lê Văn Bình", Official: true, MonthsTogether: 24, Date: plDate("25/09/2025")}
	youth := Introducer{Kind: IntroYouthRes, Name: "BCH Đoàn xã", DocNo: "05-NQ/ĐTN", Date: plDate("20/09/2025")}
	union := Introducer{Kind: IntroUnionRes, Name: "BCH Công đoàn", DocNo: "03-NQ/CĐ", Date: plDate("20/09/2025")}
	tests := []struct {
		name     string
		dob      string
		yu, tu   bool
		intros   []Introducer
		override string
		ok       bool
		failed   []string
	}{
		{"20-year-old youth union member, two members", "10/05/2005", true, false, plIntroducers(), "", false, []string{RuleIntroYouth}},
		{"the same with a reason", "10/05/2005", true, false, plIntroducers(),
			"Nơi cư trú không có tổ chức Đoàn cơ sở", true, []string{RuleIntroYouth}},
		{"youth union resolution and a member", "10/05/2005", true, false, []Introducer{youth, member}, "", true, nil},
		{"youth union member of 31, two members", "01/09/1994", true, false, plIntroducers(), "", true, nil},
		{"not a youth union member, two members", "10/05/2005", false, false, plIntroducers(), "", true, nil},
		{"youth resolution for a non-member", "10/05/2005", false, false, []Introducer{youth, member}, "Đoàn giới thiệu", false, []string{RuleIntroMember}},
		{"trade union resolution for a member", "01/09/1990", false, true, []Introducer{union, member}, "", true, nil},
		{"trade union resolution for a non-member", "01/09/1990", false, false, []Introducer{union, member}, "x", false, []string{RuleIntroMember}},
		{"youth-age youth union member by the trade union", "10/05/2000", true, true, []Introducer{union, member}, "", false, []string{RuleIntroYouth}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := plCandidate(StageVerified)
			c.DOB, c.YouthUnion, c.TradeUnion = plDate(tt.dob), tt.yu, tt.tu
			in := StepInput{Date: plDate("01/10/2025"), Introducers: tt.intros, Override: tt.override}
			got, rs, err := Advance(c, StageIntroduced, in, plCtx("01/06/2026"))
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v; failed %v", err, tt.ok, plFailed(rs))
			}
			if f := plFailed(rs); !reflect.DeepEqual(f, tt.failed) {
				t.Fatalf("failed %v, want %v", f, tt.failed)
			}
			for _, r := range rs {
				if r.Rule == RuleIntroYouth && !r.OK && !r.Overridable {
					t.Fatal("the youth union rule must be overridable")
				}
				if r.Rule == RuleIntroMember && !r.OK && r.Overridable {
					t.Fatal("membership must not be overridable")
				}
			}
			if tt.ok && tt.override != "" && !strings.Contains(got.History[len(got.History)-1].Override, RuleIntroYouth) {
				t.Fatalf("override %q", got.History[len(got.History)-1].Override)
			}
		})
	}
}

// Item 4: the lower-secondary diploma, checked when the cell votes, with
// the exceptions as a written reason.
func TestEducationAtCellVote(t *testing.T) {
	tests := []struct {
		edu      string
		override string
		ok, warn bool
		failed   bool
	}{
		{"12/12", "", true, false, false},
		{"9/12", "", true, false, false},
		{"THCS", "", true, false, false},
		{"THPT", "", true, false, false},
		{"Tốt nghiệp trung học cơ sở", "", true, false, false},
		{"Đại học", "", true, false, false},
		{"7/10", "", true, false, false}, // the old ten-year system: lower secondary ends with grade 7
		{"8/12", "", false, false, true},
		{"8/12", "Ngư dân đánh bắt xa bờ, đã hoàn thành chương trình tiểu học", true, false, true},
		{"5/12", "", false, false, true},
		{"Tiểu học", "", false, false, true},
		{"Biết đọc, biết viết", "", false, false, true},
		{"", "", true, true, false},
		{"không rõ", "", true, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.edu+"/"+tt.override, func(t *testing.T) {
			c := plCandidate(StageComments)
			c.Education = tt.edu
			got, rs, err := Advance(c, StageCellVote, StepInput{Vote: plPassingVote("05/01/2026"), Override: tt.override}, plCtx("01/06/2026"))
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			r, found := plFind(rs, RuleEducation)
			if !found || r.OK == tt.failed || r.Warn != tt.warn || r.Msg.VI == "" || r.Msg.EN == "" {
				t.Fatalf("education rule %+v (found %v), want failed=%v warn=%v", r, found, tt.failed, tt.warn)
			}
			if tt.failed && (!r.Overridable || !strings.Contains(r.Msg.VI, "tiểu học") || !strings.Contains(r.Msg.VI, "biết đọc, biết viết")) {
				t.Fatalf("a failed education rule must be overridable and name the exceptions: %+v", r)
			}
			if tt.ok && tt.failed && !strings.Contains(got.History[len(got.History)-1].Override, RuleEducation) {
				t.Fatal("the exception is not recorded")
			}
			if m := Missing(c, StageCellVote, plCtx("01/06/2026"), plDate("05/01/2026")); !slices.ContainsFunc(m, func(x RuleResult) bool {
				return x.Rule == RuleEducation && x.OK == r.OK
			}) {
				t.Fatal("the meeting's checklist does not show the education rule")
			}
		})
	}
}

// Item 5: documents are valid 12 months by default, counted from the
// document's own date.
func TestDocValidityTwelveMonthsFromTheDocument(t *testing.T) {
	ctx := plCtx("01/06/2026")
	ctx.Settings.DocValidityMonths = 0 // unset: the default
	c := plCandidate(StageComments)
	c.Introducers[0].Date, c.Introducers[1].Date = plDate("14/10/2025"), plDate("14/10/2025")
	if _, rs, err := Advance(c, StageCellVote, StepInput{Vote: plPassingVote("16/04/2026")}, ctx); err != nil {
		t.Fatalf("documents of six months are valid by default: %v; failed %v", err, plFailed(rs))
	}
	// An introduction counts from its own letter, not from the day the step was entered.
	v := plCandidate(StageVerified)
	letter := Introducer{Kind: IntroMember, Name: "Lê Văn Bình", Official: true, MonthsTogether: 24, Date: plDate("01/06/2025")}
	undated := Introducer{Kind: IntroMember, Name: "Trần Thị Cúc", Official: true, MonthsTogether: 24}
	intro, _, err := Advance(v, StageIntroduced, StepInput{Date: plDate("01/10/2025"), Introducers: []Introducer{letter, undated}}, ctx)
	if err != nil {
		t.Fatal(err)
	}
	if intro.Introducers[0].Date != plDate("01/06/2025") || intro.Introducers[1].Date != plDate("01/10/2025") {
		t.Fatalf("introduction dates %s, %s: want the letter's, else the step's", intro.Introducers[0].Date, intro.Introducers[1].Date)
	}
	intro.Steps[StageComments] = Step{Date: plDate("15/10/2025")}
	intro.Stage = StageComments
	ctx.Today = plDate("01/07/2026")
	_, rs, _ := Advance(intro, StageCellVote, StepInput{Vote: plPassingVote("02/06/2026")}, ctx)
	if f := plFailed(rs); !reflect.DeepEqual(f, []string{RuleIntroValidity}) {
		t.Fatalf("failed %v, want only the letter of 01/06/2025 (valid through 01/06/2026)", f)
	}
	if r, _ := plFind(rs, RuleIntroValidity); !strings.Contains(r.Msg.VI, "12 tháng") || !strings.Contains(r.Msg.VI, "01/06/2025") {
		t.Fatalf("message %q", r.Msg.VI)
	}
}

// Item 6: the ceremony's 30 working days run from the day the cell
// received the decision.
func TestCeremonyCountsFromReceipt(t *testing.T) {
	ctx := plCtx("01/06/2026")
	if !slices.Contains(Needs(StageDecision), NeedReceived) {
		t.Fatalf("the decision step does not ask for the date received: %v", Needs(StageDecision))
	}
	committee := plCandidate(StageCommittee)
	in := StepInput{Date: plDate("02/03/2026"), DocNo: "125-QĐ/ĐU", Received: plDate("09/03/2026")}
	dec, _, err := Advance(committee, StageDecision, in, ctx)
	if err != nil {
		t.Fatal(err)
	}
	if dec.Steps[StageDecision].Received != plDate("09/03/2026") {
		t.Fatalf("received not stored: %+v", dec.Steps[StageDecision])
	}
	bad := in
	bad.Received, bad.Override = plDate("27/02/2026"), "x"
	_, _, err = Advance(committee, StageDecision, bad, ctx)
	raFieldErr(t, err, RuleReceived)
	bad.Received = plDate("02/06/2026")
	_, _, err = Advance(committee, StageDecision, bad, ctx)
	raFieldErr(t, err, RuleReceived)

	// 15/04/2026 is 32 working days after the decision but 27 after receipt.
	_, rs, err := Advance(dec, StageProbation, StepInput{Date: plDate("15/04/2026")}, ctx)
	r, _ := plFind(rs, RuleCeremonyDue)
	if err != nil || !r.OK || r.Warn || !strings.Contains(r.Msg.VI, "nhận") {
		t.Fatalf("ceremony 27 working days after receipt: %v %+v", err, r)
	}
	_, _, err = Advance(dec, StageProbation, StepInput{Date: plDate("06/03/2026"), Override: "x"}, ctx)
	raFieldErr(t, err, RuleReceived)
	// Without the date received, the decision's date stands in, and the message says so.
	_, rs, _ = Advance(plCandidate(StageDecision), StageProbation, StepInput{Date: plDate("15/04/2026")}, ctx)
	if r, _ := plFind(rs, RuleCeremonyDue); !r.Warn || !strings.Contains(r.Msg.VI, "chưa ghi ngày chi bộ nhận") {
		t.Fatalf("fallback %+v", r)
	}

	// The deadline follows the same rule.
	ds := Deadlines([]CandidateRow{dec.Row()}, nil, ctx.Cal, plDate("20/03/2026"))
	if len(ds) != 1 || ds[0].Kind != DeadlineCeremony || ds[0].Start != plDate("09/03/2026") || ds[0].Due != plDate("20/04/2026") ||
		!strings.Contains(ds[0].Label.VI, "nhận") {
		t.Fatalf("deadlines %+v", ds)
	}
	ds = Deadlines([]CandidateRow{plCandidate(StageDecision).Row()}, nil, ctx.Cal, plDate("20/03/2026"))
	if len(ds) != 1 || ds[0].Start != plDate("02/03/2026") || ds[0].Due != plDate("13/04/2026") ||
		!strings.Contains(ds[0].Label.VI, "chưa ghi ngày") || ds[0].Label.EN == "" {
		t.Fatalf("fallback deadlines %+v", ds)
	}
}

// Item 7: the words of the model are the clerks' words.
func TestModelWording(t *testing.T) {
	for _, o := range Stages {
		if strings.Contains(o.Label.VI, "NTVĐ") {
			t.Errorf("stage label %q uses NTVĐ", o.Label.VI)
		}
	}
	if l := Label(Stages, string(StageClass), VI); !strings.Contains(l, "lớp bồi dưỡng nhận thức về Đảng") {
		t.Errorf("class stage label %q", l)
	}
	c := plCandidate(StageHistory)
	_, _, err := Advance(c, StageVerified, StepInput{Date: plDate("01/06/2025")}, plCtx("01/06/2026"))
	if m := Message(err, VI); !strings.Contains(m, "ngoại lệ") || !strings.Contains(m, "lý do, căn cứ") || strings.Contains(m, "bỏ qua") {
		t.Errorf("override message %q", m)
	}
	_, err = ApplyDecision(plCandidate(StageComments), Meeting{Kind: MeetingAdmission, Date: plDate("05/01/2026")},
		AgendaItem{Candidate: plID}, plCtx("01/06/2026"), "", plAt)
	if m := Message(err, VI); !strings.Contains(m, "kết quả xét") || strings.Contains(m, "quyết định") {
		t.Errorf("undecided item message %q", m)
	}
	text := MinutesDoc(mnFixture()).PlainText()
	if strings.Contains(text, "Quyết định:") || strings.Contains(text, "Chưa quyết định") || !strings.Contains(text, "Kết quả xét:") {
		t.Errorf("minutes call the cell's vote a decision:\n%s", text)
	}
	// No message of the model says "vượt quy định" or uses NTVĐ as a word.
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		s := strings.ReplaceAll(string(b), "CN-NTVĐ", "") // the certificate's form code
		for _, w := range []string{"vượt quy định", "NTVĐ", "để bỏ qua"} {
			if strings.Contains(s, w) {
				t.Errorf("%s says %q", f, w)
			}
		}
	}
}
