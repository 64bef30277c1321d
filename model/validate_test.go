package model

import (
	"errors"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

var vtToday = NewDate(2026, 3, 15)

// vtCandidate is a candidate with every rule satisfied; tests break one thing.
func vtCandidate() Candidate {
	return Candidate{
		ID:        NewID(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
		FullName:  "Lê Thị Thu Hà",
		Sex:       Female,
		DOB:       NewDate(2007, 9, 5),
		CCCD:      "038307012345",
		Ethnicity: "1",
		Religion:  "none",
		Phone:     "0912 345 678",
		Source:    SourceStudent,
		Stage:     StageClass,
		Steps: map[Stage]Step{
			StageSource:      {Date: NewDate(2025, 9, 1)},
			StageSympathizer: {Date: NewDate(2025, 10, 1)},
			StageClass:       {Date: NewDate(2026, 1, 10)},
		},
	}
}

// vtCheck asserts that p has an error (or, with warning, only a
// warning) for field, and nothing else blocking when field is "".
func vtCheck(t *testing.T, p Problems, field string, warning bool) {
	t.Helper()
	for _, e := range p {
		if e.Msg.VI == "" || e.Msg.EN == "" || strings.Contains(e.Msg.VI, "%!") || strings.Contains(e.Msg.EN, "%!") {
			t.Errorf("badly formed message %+v", e.Msg)
		}
	}
	if field == "" {
		if len(p) != 0 {
			t.Fatalf("want no problems, got %v", vtDescribe(p))
		}
		return
	}
	e := p.For(field)
	if e == nil {
		t.Fatalf("want a problem with %q, got %v", field, vtDescribe(p))
	}
	if e.Warning != warning {
		t.Errorf("%q: warning=%v, want %v", field, e.Warning, warning)
	}
	if warning && len(p.Errors()) != 0 {
		t.Errorf("want only warnings, got %v", vtDescribe(p))
	}
	for _, o := range p {
		if o.Field != field && !o.Warning {
			t.Errorf("unexpected error besides %q: %v", field, vtDescribe(p))
		}
	}
}

func TestCandidateValidate(t *testing.T) {
	tests := []struct {
		name    string
		edit    func(c *Candidate)
		field   string
		warning bool
	}{
		{"valid", func(c *Candidate) {}, "", false},
		{"valid minimal", func(c *Candidate) {
			c.CCCD, c.Phone, c.Ethnicity, c.Religion, c.Stage, c.Steps = "", "", "", "", "", nil
		}, "", false},
		{"hyphen and apostrophe", func(c *Candidate) { c.FullName = "Y Blốc Ê-ban" }, "", false},
		{"name missing", func(c *Candidate) { c.FullName = "" }, "full_name", false},
		{"name spaces only", func(c *Candidate) { c.FullName = "   " }, "full_name", false},
		{"one word", func(c *Candidate) { c.FullName = "Hà" }, "full_name", false},
		{"digit in name", func(c *Candidate) { c.FullName = "Lê Thị Hà 2" }, "full_name", false},
		{"punctuation in name", func(c *Candidate) { c.FullName = "Lê Thị Hà." }, "full_name", false},
		{"NFD name is letters", func(c *Candidate) { c.FullName = norm.NFD.String("Lê Thị Thủy") }, "", false},
		{"bad birth name", func(c *Candidate) { c.BirthName = "Hà #1" }, "birth_name", false},
		{"sex missing", func(c *Candidate) { c.Sex = "" }, "sex", false},
		{"sex unknown", func(c *Candidate) { c.Sex = "X" }, "sex", false},
		{"dob missing", func(c *Candidate) { c.DOB = 0 }, "dob", false},
		{"dob impossible", func(c *Candidate) { c.DOB = 20070231 }, "dob", false},
		{"dob future", func(c *Candidate) { c.DOB = vtToday.AddDays(1) }, "dob", false},
		{"dob before 1900", func(c *Candidate) { c.DOB, c.CCCD = NewDate(1899, 12, 31), "" }, "dob", false},
		{"under 16 warns", func(c *Candidate) { c.DOB, c.CCCD = NewDate(2010, 3, 16), "038310012345" }, "dob", true},
		{"16 today is fine", func(c *Candidate) { c.DOB, c.CCCD = NewDate(2010, 3, 15), "038310012345" }, "", false},
		{"cccd short", func(c *Candidate) { c.CCCD = "03830701234" }, "cccd", false},
		{"cccd year mismatch warns", func(c *Candidate) { c.CCCD = "038306012345" }, "cccd", true},
		{"old id bad", func(c *Candidate) { c.OldID = "12345" }, "old_id", false},
		{"phone bad", func(c *Candidate) { c.Phone = "12345" }, "phone", false},
		{"ethnicity unknown", func(c *Candidate) { c.Ethnicity = "99" }, "ethnicity", false},
		{"religion unknown", func(c *Candidate) { c.Religion = "jedi" }, "religion", false},
		{"source missing", func(c *Candidate) { c.Source = "" }, "source", false},
		{"source unknown", func(c *Candidate) { c.Source = "aliens" }, "source", false},
		{"stage unknown", func(c *Candidate) { c.Stage = "party" }, "stage", false},
		{"outcome unknown", func(c *Candidate) { c.Outcome, c.OutcomeReason = "vanished", "x" }, "outcome", false},
		{"outcome without reason", func(c *Candidate) { c.Outcome = OutcomeMoved }, "outcome_reason", false},
		{"outcome with reason", func(c *Candidate) { c.Outcome, c.OutcomeReason = OutcomeMoved, "Chuyển vào Nam" }, "", false},
		{"stage date future", func(c *Candidate) { c.Steps[StageClass] = Step{Date: vtToday.AddDays(1)} }, "steps", false},
		{"stage date today", func(c *Candidate) { c.Steps[StageClass] = Step{Date: vtToday} }, "", false},
		{"stage date impossible", func(c *Candidate) { c.Steps[StageClass] = Step{Date: 20260230} }, "steps", false},
		{"step of unknown stage", func(c *Candidate) { c.Steps["party"] = Step{Date: vtToday} }, "steps", false},
		{"youth union date future", func(c *Candidate) { c.YouthUnionDate = vtToday.AddDays(30) }, "youth_union_date", false},
		{"decision body unknown", func(c *Candidate) { c.DecisionBody = "king" }, "decision_body", false},
		{"introducer without name", func(c *Candidate) {
			c.Introducers = []Introducer{{Kind: IntroMember, MonthsTogether: 12}}
		}, "introducers", false},
		{"introducer kind unknown", func(c *Candidate) { c.Introducers = []Introducer{{Kind: "friend", Name: "A"}} }, "introducers", false},
		{"cell vote more present than members", func(c *Candidate) {
			c.CellVote = Vote{Date: NewDate(2026, 3, 1), Members: 10, Present: 11, For: 9}
		}, "cell_vote", false},
		{"cell vote more ballots than present", func(c *Candidate) {
			c.CellVote = Vote{Date: NewDate(2026, 3, 1), Members: 10, Present: 8, For: 7, Against: 2}
		}, "cell_vote", false},
		{"cell vote fine", func(c *Candidate) {
			c.CellVote = Vote{Date: NewDate(2026, 3, 1), Members: 10, Attached: 1, Present: 9, For: 7, Against: 2}
		}, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := vtCandidate()
			tt.edit(&c)
			vtCheck(t, c.Validate(vtToday), tt.field, tt.warning)
		})
	}
}

func TestCandidateValidateNoToday(t *testing.T) {
	c := vtCandidate()
	c.Steps[StageClass] = Step{Date: NewDate(2099, 1, 1)}
	if p := c.Validate(0); len(p) != 0 {
		t.Errorf("without today nothing is in the future: %v", vtDescribe(p))
	}
}

func TestCandidateNormalize(t *testing.T) {
	c := Candidate{
		FullName:     "  lê \x1b[31mthị\tHà  ",
		CCCD:         " 038 307.012-345 ",
		OldID:        "172 345 678",
		Phone:        " 0912 345 678 ",
		Address:      norm.NFD.String("Thôn  Đông\n xã Trường Sơn"),
		Achievements: "Giấy khen 2024\r\n\r\n\r\nHọc sinh giỏi  ",
		Helpers:      []string{" Nguyễn Văn A ", "  ", "\x00"},
		Steps:        map[Stage]Step{StageSource: {Date: 20250101, DocNo: " 12-NQ/CB "}},
		Introducers:  []Introducer{{Name: " Trần\u00a0Văn B "}},
	}
	c.Normalize()
	checks := []struct{ got, want string }{
		{c.FullName, "lê thị Hà"},
		{c.CCCD, "038307012345"},
		{c.OldID, "172345678"},
		{c.Phone, "0912 345 678"},
		{c.Address, "Thôn Đông xã Trường Sơn"},
		{c.Achievements, "Giấy khen 2024\n\nHọc sinh giỏi"},
		{c.Steps[StageSource].DocNo, "12-NQ/CB"},
		{c.Introducers[0].Name, "Trần Văn B"},
	}
	for i, ch := range checks {
		if ch.got != ch.want {
			t.Errorf("%d: got %q, want %q", i, ch.got, ch.want)
		}
	}
	if len(c.Helpers) != 1 || c.Helpers[0] != "Nguyễn Văn A" {
		t.Errorf("helpers %q", c.Helpers)
	}
	if c.Stage != "" {
		t.Errorf("Normalize must not invent a stage, got %q", c.Stage)
	}
}

func TestCellValidate(t *testing.T) {
	ok := func() Cell {
		return Cell{Name: "Chi bộ thôn Đông", Kind: "village", OfficialMembers: 20, ProbationaryMembers: 2,
			Targets: []Target{{Year: 2026, Total: 3, BySource: map[SourceGroup]int{SourceYouth: 2, SourceWomen: 1}},
				{Year: 2025, Total: 2}}}
	}
	tests := []struct {
		name  string
		edit  func(c *Cell)
		field string
	}{
		{"valid", func(c *Cell) {}, ""},
		{"name missing", func(c *Cell) { c.Name = " " }, "name"},
		{"kind missing", func(c *Cell) { c.Kind = "" }, "kind"},
		{"kind unknown", func(c *Cell) { c.Kind = "club" }, "kind"},
		{"negative official", func(c *Cell) { c.OfficialMembers = -1 }, "official_members"},
		{"negative probationary", func(c *Cell) { c.ProbationaryMembers = -1 }, "probationary_members"},
		{"year too early", func(c *Cell) { c.Targets[1].Year = 1999 }, "targets"},
		{"year too late", func(c *Cell) { c.Targets[1].Year = 2101 }, "targets"},
		{"duplicate year", func(c *Cell) { c.Targets[1].Year = 2026 }, "targets"},
		{"negative total", func(c *Cell) { c.Targets[1].Total = -1 }, "targets"},
		{"sources exceed total", func(c *Cell) { c.Targets[0].BySource[SourceStudent] = 1 }, "targets"},
		{"sources equal total", func(c *Cell) { c.Targets[0].Total = 3 }, ""},
		{"unknown source", func(c *Cell) { c.Targets[0].Total, c.Targets[0].BySource["x"] = 9, 1 }, "targets"},
		{"negative source", func(c *Cell) { c.Targets[0].BySource[SourceYouth] = -1 }, "targets"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok()
			tt.edit(&c)
			vtCheck(t, c.Validate(), tt.field, false)
		})
	}
}

func TestCellNormalize(t *testing.T) {
	c := Cell{Name: " Chi bộ\tthôn  Đông ", Notes: " a \n\n\n b ", Targets: []Target{{Year: 2027}, {Year: 2025}, {Year: 2026}}}
	c.Normalize()
	if c.Name != "Chi bộ thôn Đông" || c.Notes != "a\n\nb" {
		t.Errorf("got %q %q", c.Name, c.Notes)
	}
	if c.Targets[0].Year != 2025 || c.Targets[2].Year != 2027 {
		t.Errorf("targets not sorted: %+v", c.Targets)
	}
}

func TestClassValidate(t *testing.T) {
	a, b := NewID(time.Unix(1, 0)), NewID(time.Unix(2, 0))
	ok := func() Class {
		return Class{Name: "Lớp NTVĐ khóa 1/2026", TargetGroup: SourceStudent, Start: NewDate(2026, 1, 5), End: NewDate(2026, 1, 9),
			Enrolments: []Enrolment{{Candidate: a, Result: ResultPassed, CertNo: "123", CertDate: NewDate(2026, 1, 20)},
				{Candidate: b, Result: ResultEnrolled}}}
	}
	tests := []struct {
		name    string
		edit    func(c *Class)
		field   string
		warning bool
	}{
		{"valid", func(c *Class) {}, "", false},
		{"name missing", func(c *Class) { c.Name = "" }, "name", false},
		{"end before start", func(c *Class) { c.End = NewDate(2026, 1, 4) }, "end", false},
		{"one-day class", func(c *Class) { c.End = c.Start }, "", false},
		{"end only", func(c *Class) { c.Start = 0 }, "", false},
		{"impossible start", func(c *Class) { c.Start = 20260132 }, "start", false},
		{"target group unknown", func(c *Class) { c.TargetGroup = "x" }, "target_group", false},
		{"target group empty", func(c *Class) { c.TargetGroup = "" }, "", false},
		{"duplicate candidate", func(c *Class) { c.Enrolments[1].Candidate = a }, "enrolments", false},
		{"no candidate", func(c *Class) { c.Enrolments[1].Candidate = ID{} }, "enrolments", false},
		{"unknown result", func(c *Class) { c.Enrolments[1].Result = "great" }, "enrolments", false},
		{"cert date without pass", func(c *Class) { c.Enrolments[0].Result = ResultAttended }, "enrolments", false},
		{"cert no without pass", func(c *Class) { c.Enrolments[1].CertNo = "9" }, "enrolments", false},
		{"cert before class", func(c *Class) { c.Enrolments[0].CertDate = NewDate(2026, 1, 1) }, "enrolments", false},
		{"pass without cert date warns", func(c *Class) { c.Enrolments[0].CertDate = 0 }, "enrolments", true},
		{"pass without cert no is fine", func(c *Class) { c.Enrolments[0].CertNo = "" }, "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok()
			tt.edit(&c)
			vtCheck(t, c.Validate(), tt.field, tt.warning)
		})
	}
}

func TestClassNormalize(t *testing.T) {
	c := Class{Name: " Lớp  1 ", Enrolments: []Enrolment{{CertNo: " 12 "}}}
	c.Normalize()
	if c.Name != "Lớp 1" || c.Enrolments[0].CertNo != "12" || c.Enrolments[0].Result != ResultEnrolled {
		t.Errorf("got %+v", c)
	}
}

func TestMeetingValidate(t *testing.T) {
	a, b := NewID(time.Unix(1, 0)), NewID(time.Unix(2, 0))
	ok := func() Meeting {
		return Meeting{Cell: NewID(time.Unix(3, 0)), Date: NewDate(2026, 3, 10), Kind: MeetingAdmission,
			Members: 20, Attached: 1, ExemptAbsent: 1, Present: 17,
			Items: []AgendaItem{{Candidate: a, Decision: DecisionApprove, For: 16, Against: 1}, {Candidate: b}}}
	}
	tests := []struct {
		name  string
		edit  func(m *Meeting)
		field string
	}{
		{"valid", func(m *Meeting) {}, ""},
		{"cell missing", func(m *Meeting) { m.Cell = ID{} }, "cell"},
		{"date missing", func(m *Meeting) { m.Date = 0 }, "date"},
		{"date impossible", func(m *Meeting) { m.Date = 20260229 }, "date"},
		{"kind missing", func(m *Meeting) { m.Kind = "" }, "kind"},
		{"kind unknown", func(m *Meeting) { m.Kind = "party" }, "kind"},
		{"more present than members", func(m *Meeting) { m.Present = 21 }, "present"},
		{"all present", func(m *Meeting) { m.Present = 20 }, ""},
		{"attached and exempt exceed members", func(m *Meeting) { m.Attached, m.ExemptAbsent = 15, 6 }, "attached"},
		{"negative count", func(m *Meeting) { m.Attached = -1 }, "members"},
		{"votes exceed present", func(m *Meeting) { m.Items[0].Against = 2 }, "items"},
		{"votes equal present", func(m *Meeting) { m.Items[0].For = 16; m.Items[0].Against = 1 }, ""},
		{"negative votes", func(m *Meeting) { m.Items[1].Against = -1 }, "items"},
		{"duplicate candidate", func(m *Meeting) { m.Items[1].Candidate = a }, "items"},
		{"item without candidate", func(m *Meeting) { m.Items[1].Candidate = ID{} }, "items"},
		{"unknown decision", func(m *Meeting) { m.Items[1].Decision = "maybe" }, "items"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := ok()
			tt.edit(&m)
			vtCheck(t, m.Validate(), tt.field, false)
		})
	}
}

func TestMeetingNormalize(t *testing.T) {
	m := Meeting{Chair: " Nguyễn\x07 Văn A", Items: []AgendaItem{{Note: " x \r\n y "}}}
	m.Normalize()
	if m.Chair != "Nguyễn Văn A" || m.Items[0].Note != "x\ny" {
		t.Errorf("got %q %q", m.Chair, m.Items[0].Note)
	}
}

func TestSettingsValidate(t *testing.T) {
	tests := []struct {
		name  string
		s     Settings
		field string
	}{
		{"zero settings", Settings{}, ""},
		{"full", Settings{Commune: "Đảng bộ xã Trường Sơn", Province: "Thanh Hóa", DecidingBody: "commune_standing",
			DocValidityMonths: 6, Holidays: []Date{NewDate(2026, 1, 1)}}, ""},
		{"unknown body", Settings{DecidingBody: "king"}, "deciding_body"},
		{"negative validity", Settings{DocValidityMonths: -1}, "doc_validity_months"},
		{"long validity", Settings{DocValidityMonths: 61}, "doc_validity_months"},
		{"impossible holiday", Settings{Holidays: []Date{20260230}}, "holidays"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { vtCheck(t, tt.s.Validate(), tt.field, false) })
	}
}

func TestSettingsNormalize(t *testing.T) {
	s := Settings{Commune: " Đảng bộ  xã\tTrường Sơn ", Holidays: []Date{20260430, 20260101, 20260430}}
	s.Normalize()
	if s.Commune != "Đảng bộ xã Trường Sơn" {
		t.Errorf("commune %q", s.Commune)
	}
	if len(s.Holidays) != 2 || s.Holidays[0] != 20260101 {
		t.Errorf("holidays %v", s.Holidays)
	}
}

func TestNormalizeThenValidate(t *testing.T) {
	// A name pasted from a terminal with colour codes and odd spaces is
	// acceptable once normalised; raw, it is refused as having non-letters.
	c := vtCandidate()
	c.FullName = "\x1b[1mLê\u00a0Thị  Hà\x1b[0m"
	if c.Validate(vtToday).For("full_name") == nil {
		t.Error("raw name with escape codes should not validate")
	}
	c.Normalize()
	if p := c.Validate(vtToday); len(p) != 0 {
		t.Errorf("normalised: %v", vtDescribe(p))
	}
}

func TestAsValidator(t *testing.T) {
	v := AsValidator(CheckPhone)
	if err := v("0912345678"); err != nil {
		t.Errorf("valid phone: %v", err)
	}
	err := v("123")
	var fe *FieldError
	if !errors.As(err, &fe) || fe.Field != "phone" || Message(err, EN) == "" {
		t.Errorf("invalid phone: %v", err)
	}
	cccd := AsValidator(func(s string) Problems { return CheckCCCD(s, Male, NewDate(2000, 1, 1)) })
	if err := cccd("038207012345"); err != nil {
		t.Errorf("a warning must not block: %v", err)
	}
}

// Normalize must not reach into the record's copies through shared slices
// and maps: the UI compares the edited record with the one it loaded.
func TestNormalizeLeavesCopiesAlone(t *testing.T) {
	c := vtCandidate()
	c.Helpers = []string{" A  B "}
	c.Steps[StageSource] = Step{Date: NewDate(2025, 9, 1), DocNo: " 1 "}
	c.Introducers = []Introducer{{Name: " X "}}
	orig := c
	c.Normalize()
	if orig.Helpers[0] != " A  B " || orig.Steps[StageSource].DocNo != " 1 " || orig.Introducers[0].Name != " X " {
		t.Errorf("candidate copy changed: %q %q %q", orig.Helpers, orig.Steps[StageSource].DocNo, orig.Introducers[0].Name)
	}
	cell := Cell{Targets: []Target{{Year: 2027}, {Year: 2026}}}
	cellOrig := cell
	cell.Normalize()
	if cellOrig.Targets[0].Year != 2027 {
		t.Error("cell copy's targets reordered")
	}
	cl := Class{Enrolments: []Enrolment{{CertNo: " 1 "}}}
	clOrig := cl
	cl.Normalize()
	if clOrig.Enrolments[0].CertNo != " 1 " {
		t.Error("class copy changed")
	}
	m := Meeting{Items: []AgendaItem{{Note: " n "}}}
	mOrig := m
	m.Normalize()
	if mOrig.Items[0].Note != " n " {
		t.Error("meeting copy changed")
	}
	st := Settings{Holidays: []Date{20260430, 20260101}}
	stOrig := st
	st.Normalize()
	if stOrig.Holidays[0] != 20260430 {
		t.Error("settings copy changed")
	}
}
