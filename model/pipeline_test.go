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
	StageProbation: "20/03/2026", StageOfficial: "25/03/2027",
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
		{StageProbation, StageOfficial, StageDecision},
		{StageOfficial, "", StageProbation},
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
		{StageDecision, []string{NeedDate, NeedDocNo, NeedDecidingBody}},
		{StageProbation, []string{NeedDate}},
		{StageOfficial, []string{NeedDate, NeedVote, NeedDocNo}},
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
		{"over 60 needs a written reason", "09/12/1965", "10/01/2026", "", false, "Cần ghi lý do bằng văn bản"},
		{"over 60 with province consent", "09/12/1965", "10/01/2026", "Văn bản đồng ý số 12-CV/TU", true, ""},
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
			[]string{RuleIntroMonths}, "Cần ghi lý do bằng văn bản"},
		{"8 months together, replacement introducer", "", []Introducer{member("Bình", true, 8), member("Cúc", true, 30)},
			"Đồng chí Bình được phân công thay đồng chí Dũng chuyển công tác", true, []string{RuleIntroMonths}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := plCandidate(StageVerified)
			if tt.dob != "" {
				c.DOB = plDate(tt.dob)
			}
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
		{"recognition a day early", plCandidate(StageProbation), StageOfficial,
			StepInput{Vote: plPassingVote("19/03/2027"), Override: "x"}, false, RuleProbation},
		{"recognition when 12 months end", plCandidate(StageProbation), StageOfficial,
			StepInput{Vote: plPassingVote("20/03/2027"), DocNo: "40-NQ/CB"}, true, ""},
		{"recognition vote short of two-thirds", plCandidate(StageProbation), StageOfficial,
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
			if tt.ok && tt.to == StageOfficial {
				if got.RecognitionVote.For != 7 || got.RecognitionVote.Date != plDate("20/03/2027") ||
					got.RecognitionVote.DocNo != "40-NQ/CB" || got.StageDate(StageOfficial) != plDate("20/03/2027") {
					t.Fatalf("recognition vote not stored: %+v, step %+v", got.RecognitionVote, got.Steps[StageOfficial])
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
		{"unset setting means 6", "16/04/2026", 0, "", false, []string{RuleIntroValidity, RuleIntroValidity, RuleCommentsValid}},
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
			got, err := Exit(tt.c, tt.o, tt.reason, tt.date, StepInput{By: "vp", At: plAt})
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok=%v", err, tt.ok)
			}
			if !tt.ok {
				if got.Outcome != "" {
					t.Fatal("outcome set on error")
				}
				return
			}
			if got.Outcome != tt.o || got.OutcomeReason != tt.reason || got.OutcomeDate != tt.date || got.Stage != tt.c.Stage {
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
			if err != nil || back.Outcome != "" || back.OutcomeReason != "" || back.OutcomeDate != 0 || back.Stage != tt.c.Stage {
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
		{"recognition approve", plCandidate(StageProbation), meeting(MeetingRecognition, "22/03/2027"), item(DecisionApprove, 8, 1), true, StageOfficial, "", ""},
		{"recognition too early", plCandidate(StageProbation), meeting(MeetingRecognition, "15/03/2027"), item(DecisionApprove, 8, 1), false, StageProbation, "", ""},
		{"recognition reject removes", plCandidate(StageProbation), meeting(MeetingRecognition, "22/03/2027"), item(DecisionReject, 1, 8), true, StageProbation, OutcomeRemoved, "chi bộ không đề nghị công nhận"},
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
			case StageOfficial:
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
