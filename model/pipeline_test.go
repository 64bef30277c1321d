package model

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// plDate reads dd/mm/yyyy for test tables.
func plDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil || d == 0 {
		panic("bad test date " + s)
	}
	return d
}

var (
	plID      = ID{1}
	plOtherID = ID{2}
	plAt      = time.Date(2026, 6, 1, 9, 0, 0, 0, time.UTC)
	// Tết Bính Ngọ 2026: the five weekdays off, 16–20/02/2026.
	plTet = []Date{NewDate(2026, 2, 16), NewDate(2026, 2, 17), NewDate(2026, 2, 18), NewDate(2026, 2, 19), NewDate(2026, 2, 20)}
)

// plStageDates is one realistic path through the pipeline.
var plStageDates = map[Stage]string{
	StageSource: "05/01/2025", StageSympathizer: "10/02/2025", StageHelper: "10/03/2025", StageClass: "20/04/2025",
	StageApplication: "05/05/2025", StageHistory: "10/06/2025", StageVerified: "15/09/2025", StageIntroduced: "01/10/2025",
	StageComments: "15/10/2025", StageCellVote: "05/01/2026", StageCommittee: "15/01/2026", StageDecision: "02/03/2026",
	StageProbation: "20/03/2026", StageRecognition: "22/03/2027", StageOfficial: "15/04/2027",
}

func plIntroducers() []Introducer {
	return []Introducer{
		{Kind: IntroMember, Name: "Lê Văn Bình", Official: true, MonthsTogether: 24, Date: plDate("25/09/2025")},
		{Kind: IntroMember, Name: "Trần Thị Cúc", Official: true, MonthsTogether: 13, Date: plDate("26/09/2025")},
	}
}

func plPassingVote(date string) Vote {
	return Vote{Date: plDate(date), Members: 9, Present: 8, For: 7, Against: 1}
}

// plCandidate is a 26-year-old who has completed every stage up to stage.
func plCandidate(stage Stage) Candidate {
	c := Candidate{ID: plID, FullName: "Nguyễn Văn An", Sex: Male, DOB: plDate("15/03/2000"), Religion: "none",
		Source: SourceYouth, Stage: stage, Steps: map[Stage]Step{}}
	for _, o := range Stages {
		s := Stage(o.Code)
		if s.Index() > stage.Index() {
			break
		}
		c.Steps[s] = Step{Date: plDate(plStageDates[s])}
	}
	if stage.Index() >= StageHelper.Index() {
		c.Helpers = []string{"Lê Văn Bình"}
	}
	if stage.Index() >= StageIntroduced.Index() {
		c.Introducers = plIntroducers()
	}
	if stage.Index() >= StageCellVote.Index() {
		c.CellVote = plPassingVote(plStageDates[StageCellVote])
	}
	if stage.Index() >= StageDecision.Index() {
		c.DecisionBody = "commune_standing"
	}
	if stage.Index() >= StageRecognition.Index() {
		c.RecognitionVote = plPassingVote(plStageDates[StageRecognition])
	}
	return c
}

func plClass(id ID, res EnrolmentResult, cert string) Class {
	e := Enrolment{Candidate: id, Result: res}
	if cert != "" {
		e.CertDate = plDate(cert)
	}
	return Class{ID: ID{9}, Name: "Lớp nhận thức 04/2025", Enrolments: []Enrolment{e}}
}

func plCtx(today string) RuleContext {
	return RuleContext{Today: plDate(today), Settings: Settings{DecidingBody: "commune_standing", DocValidityMonths: 6},
		Classes: []Class{plClass(plID, ResultPassed, "18/04/2025")}, Cal: NewCalendar(plTet)}
}

func plFind(rs []RuleResult, rule string) (RuleResult, bool) {
	for _, r := range rs {
		if r.Rule == rule {
			return r, true
		}
	}
	return RuleResult{}, false
}

func plFailed(rs []RuleResult) []string {
	var out []string
	for _, r := range rs {
		if !r.OK {
			out = append(out, r.Rule)
		}
	}
	return out
}

func TestPipelineNextPrevStage(t *testing.T) {
	tests := []struct {
		s, next, prev Stage
	}{
		{"", StageSource, ""},
		{StageSource, StageSympathizer, ""},
		{StageComments, StageCellVote, StageIntroduced},
		{StageCellVote, StageCommittee, StageComments},
		{StageProbation, StageRecognition, StageDecision},
		{StageRecognition, StageOfficial, StageProbation},
		{StageOfficial, "", StageRecognition},
	}
	for _, tt := range tests {
		if got := NextStage(tt.s); got != tt.next {
			t.Errorf("NextStage(%q) = %q, want %q", tt.s, got, tt.next)
		}
		if got := PrevStage(tt.s); got != tt.prev {
			t.Errorf("PrevStage(%q) = %q, want %q", tt.s, got, tt.prev)
		}
	}
}

func TestPipelineNeeds(t *testing.T) {
	tests := []struct {
		to   Stage
		want []string
	}{
		{StageSource, []string{NeedDate}},
		{StageHelper, []string{NeedDate, NeedDocNo, NeedHelpers}},
		{StageIntroduced, []string{NeedDate, NeedIntroducers}},
		{StageCellVote, []string{NeedVote, NeedDocNo}},
		{StageDecision, []string{NeedDate, NeedReceived, NeedDocNo, NeedDecidingBody}},
		{StageProbation, []string{NeedDate}},
		{StageRecognition, []string{NeedVote, NeedDocNo}},
		{StageOfficial, []string{NeedDate, NeedDocNo}},
	}
	for _, tt := range tests {
		if got := Needs(tt.to); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Needs(%q) = %v, want %v", tt.to, got, tt.want)
		}
	}
}

func TestAdvanceOrder(t *testing.T) {
	exited := plCandidate(StageHistory)
	exited.Outcome = OutcomeWithdrawn
	tests := []struct {
		name string
		c    Candidate
		to   Stage
		ok   bool
		msg  string
	}{
		{"next stage", plCandidate(StageHistory), StageVerified, true, ""},
		{"new record starts at source", Candidate{ID: plID, Steps: map[Stage]Step{}}, StageSource, true, ""},
		{"skip refused", plCandidate(StageHistory), StageIntroduced, false, "Bước tiếp theo là “Đã thẩm tra lý lịch”"},
		{"same stage refused", plCandidate(StageHistory), StageHistory, false, "đã ở bước"},
		{"backwards refused", plCandidate(StageHistory), StageClass, false, "lùi bước"},
		{"nothing after official", plCandidate(StageOfficial), StageOfficial, false, "không còn bước"},
		{"unknown stage", plCandidate(StageHistory), "party", false, "không có trong quy trình"},
		{"exited refused", exited, StageVerified, false, "Rút khỏi danh sách"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// An override never helps with the order: skipping is refused outright.
			in := StepInput{Date: plDate("01/11/2025"), Override: "cấp ủy đồng ý"}
			_, _, err := Advance(tt.c, tt.to, in, plCtx("01/06/2026"))
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if err != nil {
				var fe *FieldError
				if !errors.As(err, &fe) || fe.Field != RuleOrder || !strings.Contains(fe.Msg.VI, tt.msg) || fe.Msg.EN == "" {
					t.Fatalf("err = %#v, want order error containing %q", err, tt.msg)
				}
			}
		})
	}
}

func TestAdvanceAgeAtCellMeeting(t *testing.T) {
	tests := []struct {
		name     string
		dob      string
		meeting  string
		override string
		ok       bool
		msg      string
	}{
		{"18th birthday on the meeting day", "15/03/2008", "15/03/2026", "", true, ""},
		{"day before the 18th birthday", "15/03/2008", "14/03/2026", "", false,
			"Chưa đủ 18 tuổi tại ngày họp chi bộ; đủ điều kiện từ 15/03/2026."},
		{"under 18 cannot be overridden", "15/03/2008", "14/03/2026", "có ý kiến cấp trên", false, "Chưa đủ 18 tuổi"},
		{"born 29 Feb turns 18 on 28 Feb", "29/02/2008", "28/02/2026", "", true, ""},
		{"exactly 60", "10/01/1966", "10/01/2026", "", true, ""},
		// Over 60 breaks no rule: the province decides (TestOver60DecidedByTheProvince).
		{"over 60 needs no exception", "09/12/1965", "10/01/2026", "", true, ""},
		{"no date of birth", "", "10/01/2026", "", false, "Chưa có ngày sinh"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := plCandidate(StageComments)
			c.DOB = 0
			if tt.dob != "" {
				c.DOB = plDate(tt.dob)
			}
			in := StepInput{Vote: plPassingVote(tt.meeting), Override: tt.override}
			got, rs, err := Advance(c, StageCellVote, in, plCtx("01/06/2026"))
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v; failed %v", err, tt.ok, plFailed(rs))
			}
			if err != nil {
				if m := Message(err, VI); !strings.Contains(m, tt.msg) {
					t.Fatalf("message %q, want it to contain %q", m, tt.msg)
				}
				if got.Stage != StageComments {
					t.Fatalf("stage changed to %q on error", got.Stage)
				}
				return
			}
			if got.Stage != StageCellVote || got.StageDate(StageCellVote) != plDate(tt.meeting) {
				t.Fatalf("stage %q on %s", got.Stage, got.StageDate(StageCellVote))
			}
			ev := got.History[len(got.History)-1]
			if tt.override != "" && !strings.Contains(ev.Override, RuleAge) {
				t.Fatalf("override event %q does not name the age rule", ev.Override)
			}
		})
	}
}

func TestAdvanceAgeWarnsOnEarlierStages(t *testing.T) {
	c := plCandidate(StageSource)
	c.DOB = plDate("20/05/2008")
	rs := CheckAdvance(c, StageSympathizer, StepInput{Date: plDate("10/02/2025")}, plCtx("01/06/2026"))
	r, found := plFind(rs, RuleAge)
	if !found || !r.OK || !r.Warn || !strings.Contains(r.Msg.VI, "20/05/2026") {
		t.Fatalf("age result %+v, want an OK warning naming 20/05/2026", r)
	}
	if _, _, err := Advance(c, StageSympathizer, StepInput{Date: plDate("10/02/2025")}, plCtx("01/06/2026")); err != nil {
		t.Fatalf("a 16-year-old may join the sympathizer list: %v", err)
	}
}

func TestAdvanceCertificate(t *testing.T) {
	tests := []struct {
		name    string
		classes []Class
		ext     string
		meeting string
		ok      bool
		msg     string
	}{
		{"expires the day before the meeting", []Class{plClass(plID, ResultPassed, "14/03/2021")}, "", "15/03/2026", false,
			"đã hết hạn ngày 14/03/2026"},
		{"expires on the meeting day: still valid", []Class{plClass(plID, ResultPassed, "15/03/2021")}, "", "15/03/2026", true, ""},
		{"army certificate counts", nil, "01/07/2024", "15/03/2026", true, ""},
		{"latest of class and army certificate", []Class{plClass(plID, ResultPassed, "01/01/2020")}, "01/07/2024", "15/03/2026", true, ""},
		{"failed enrolment does not count", []Class{plClass(plID, ResultFailed, "01/07/2024")}, "", "15/03/2026", false,
			"Chưa có giấy chứng nhận"},
		{"someone else's certificate does not count", []Class{plClass(plOtherID, ResultPassed, "01/07/2024")}, "", "15/03/2026", false,
			"Chưa có giấy chứng nhận"},
		{"certificate issued after the meeting does not count", []Class{plClass(plID, ResultPassed, "20/03/2026")}, "", "15/03/2026", false,
			"Chưa có giấy chứng nhận"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := plCandidate(StageComments)
			if tt.ext != "" {
				c.ExtCert = Certificate{No: "123", Date: plDate(tt.ext), Issuer: "Sư đoàn 341"}
			}
			ctx := plCtx("01/06/2026")
			ctx.Classes = tt.classes
			_, rs, err := Advance(c, StageCellVote, StepInput{Vote: plPassingVote(tt.meeting)}, ctx)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			r, _ := plFind(rs, RuleCert)
			if r.OK != tt.ok || !strings.Contains(r.Msg.VI, tt.msg) || r.Overridable {
				t.Fatalf("cert rule %+v, want ok=%v msg %q, not overridable", r, tt.ok, tt.msg)
			}
		})
	}
}

func TestAdvanceToClassNeedsCertificate(t *testing.T) {
	tests := []struct {
		name    string
		classes []Class
		ok      bool
	}{
		{"passed", []Class{plClass(plID, ResultPassed, "18/04/2025")}, true},
		{"attended only", []Class{plClass(plID, ResultAttended, "")}, false},
		{"no class", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := plCtx("01/06/2026")
			ctx.Classes = tt.classes
			_, _, err := Advance(plCandidate(StageHelper), StageClass, StepInput{Date: plDate("20/04/2025")}, ctx)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestAdvanceIntroducers(t *testing.T) {
	member := func(name string, official bool, months int) Introducer {
		return Introducer{Kind: IntroMember, Name: name, Official: official, MonthsTogether: months, Date: plDate("25/09/2025")}
	}
	youth := Introducer{Kind: IntroYouthRes, Name: "BCH Đoàn xã", DocNo: "05-NQ/ĐTN", Date: plDate("20/09/2025")}
	union := Introducer{Kind: IntroUnionRes, Name: "BCH Công đoàn", DocNo: "03-NQ/CĐ", Date: plDate("20/09/2025")}
	// A resolution introduces a member of its own body (TestIntroducersYouthUnionAndMembership).
	isMember := func(c *Candidate, intros []Introducer) {
		for _, in := range intros {
			c.YouthUnion = c.YouthUnion || in.Kind == IntroYouthRes
			c.TradeUnion = c.TradeUnion || in.Kind == IntroUnionRes
		}
	}
	tests := []struct {
		name     string
		dob      string
		intros   []Introducer
		override string
		ok       bool
		failed   []string
		msg      string
	}{
		{"two official members", "", plIntroducers(), "", true, nil, ""},
		{"youth union and a member", "", []Introducer{youth, member("Bình", true, 12)}, "", true, nil, ""},
		{"youth union at 30 years 11 months", "01/11/1994", []Introducer{youth, member("Bình", true, 12)}, "", true, nil, ""},
		{"youth union at 31", "01/10/1994", []Introducer{youth, member("Bình", true, 12)}, "", false,
			[]string{RuleIntroducers}, "30 tuổi trở xuống"},
		{"trade union and a member", "", []Introducer{union, member("Bình", true, 12)}, "", true, nil, ""},
		{"one member only", "", []Introducer{member("Bình", true, 30)}, "", false, []string{RuleIntroducers}, "hai đảng viên"},
		{"nobody", "", nil, "", false, []string{RuleIntroducers}, "hai đảng viên"},
		{"probationary introducer", "", []Introducer{member("Bình", false, 30), member("Cúc", true, 30)}, "thay thế", false,
			[]string{RuleIntroOfficial}, "chưa là đảng viên chính thức"},
		{"8 months together without reason", "", []Introducer{member("Bình", true, 8), member("Cúc", true, 30)}, "", false,
			[]string{RuleIntroMonths}, "cần ghi lý do, căn cứ"},
		{"8 months together, replacement introducer", "", []Introducer{member("Bình", true, 8), member("Cúc", true, 30)},
			"Đồng chí Bình được phân công thay đồng chí Dũng chuyển công tác", true, []string{RuleIntroMonths}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := plCandidate(StageVerified)
			if tt.dob != "" {
				c.DOB = plDate(tt.dob)
			}
			isMember(&c, tt.intros)
			in := StepInput{Date: plDate("01/10/2025"), Introducers: tt.intros, Override: tt.override, By: "vp"}
			got, rs, err := Advance(c, StageIntroduced, in, plCtx("01/06/2026"))
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if f := plFailed(rs); !reflect.DeepEqual(f, tt.failed) {
				t.Fatalf("failed rules %v, want %v", f, tt.failed)
			}
			if err != nil {
				if m := Message(err, VI); !strings.Contains(m, tt.msg) {
					t.Fatalf("message %q, want %q", m, tt.msg)
				}
				return
			}
			if !reflect.DeepEqual(got.Introducers, tt.intros) {
				t.Fatalf("introducers not stored: %+v", got.Introducers)
			}
			if tt.override != "" {
				ev := got.History[len(got.History)-1]
				if !strings.Contains(ev.Override, tt.override) || !strings.Contains(ev.Override, RuleIntroMonths) {
					t.Fatalf("override event %q", ev.Override)
				}
			}
		})
	}
}

func TestAdvanceCellVoteTwoThirds(t *testing.T) {
	tests := []struct {
		name string
		v    Vote
		ok   bool
		msg  string
	}{
		{"exactly two-thirds passes", Vote{Members: 9, Present: 9, For: 6, Against: 3}, true, "6/9 phiếu tán thành, cần ít nhất 6"},
		{"one below two-thirds", Vote{Members: 9, Present: 9, For: 5, Against: 4}, false, "5/9 phiếu tán thành, cần ít nhất 6"},
		{"base 10 needs 7", Vote{Members: 10, Present: 10, For: 7}, true, "7/10"},
		{"base 10 with 6 fails", Vote{Members: 10, Present: 10, For: 6}, false, "6/10 phiếu tán thành, cần ít nhất 7"},
		{"absent ordinary members still count", Vote{Members: 11, Present: 7, For: 7}, false, "7/11 phiếu tán thành, cần ít nhất 8"},
		{"attached and exempt-absent leave the base", Vote{Members: 11, Attached: 1, ExemptAbsent: 1, Present: 7, For: 6}, true, "6/9"},
		{"base zero", Vote{Members: 2, Attached: 1, ExemptAbsent: 1}, false, "lớn hơn 0"},
		{"more votes than present", Vote{Members: 9, Present: 5, For: 6}, false, "nhiều hơn số người có mặt"},
		{"negative figures", Vote{Members: 9, Present: 9, For: 7, Against: -1}, false, "không được âm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := tt.v
			v.Date = plDate("05/01/2026")
			// An override must not rescue a failed vote.
			_, rs, err := Advance(plCandidate(StageComments), StageCellVote, StepInput{Vote: v, Override: "chi bộ thống nhất"}, plCtx("01/06/2026"))
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			r, _ := plFind(rs, RuleVote)
			if r.OK != tt.ok || !strings.Contains(r.Msg.VI, tt.msg) || r.Msg.EN == "" {
				t.Fatalf("vote rule %+v, want ok=%v msg %q", r, tt.ok, tt.msg)
			}
		})
	}
}
