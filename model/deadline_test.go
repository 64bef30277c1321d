package model

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func dlRow(n byte, stage Stage) CandidateRow {
	return CandidateRow{ID: ID{n}, Name: fmt.Sprintf("Người %d", n), DOB: plDate("15/03/2000"), Stage: stage}
}

// dlWant is one deadline a dlCase expects, dates as dd/mm/yyyy.
type dlWant struct {
	kind       string
	start, due string
	overdue    bool
	daysLeft   int
	label      string
}

// dlCase is one candidate row and the deadlines it has on today.
type dlCase struct {
	name    string
	row     func() CandidateRow
	classes []Class
	cal     Calendar
	today   string
	want    []dlWant
}

func TestDeadlinesEachKind(t *testing.T) {
	tet := NewCalendar(plTet)
	plain := NewCalendar(nil)
	var tests []dlCase
	tests = append(tests, dlAdmissionCases(tet, plain)...)
	tests = append(tests, dlProbationCases(tet)...)
	tests = append(tests, dlCertCases(tet)...)
	tests = append(tests, dlNoDeadlineCases(tet)...)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkDeadlines(t, tt) })
	}
}

// checkDeadlines checks the deadlines of tt's row against tt.want, in order.
func checkDeadlines(t *testing.T, tt dlCase) {
	t.Helper()
	r := tt.row()
	got := Deadlines([]CandidateRow{r}, tt.classes, tt.cal, plDate(tt.today))
	if len(got) != len(tt.want) {
		t.Fatalf("got %d deadlines %+v, want %d", len(got), got, len(tt.want))
	}
	for i, w := range tt.want {
		g := got[i]
		if g.Kind != w.kind || g.Start != plDate(w.start) || g.Due != plDate(w.due) || g.Overdue != w.overdue ||
			g.DaysLeft != w.daysLeft || g.Candidate != r.ID || g.Name != r.Name {
			t.Errorf("deadline %d = %+v, want %+v", i, g, w)
		}
		if !strings.Contains(g.Label.VI, w.label) || g.Label.EN == "" {
			t.Errorf("label %q, want it to contain %q", g.Label.VI, w.label)
		}
	}
}

// dlAdmissionCases are the admission decision's and the ceremony's deadlines.
func dlAdmissionCases(tet, plain Calendar) []dlCase {
	return []dlCase{
		{"decision: Tết pushes the 60th working day a week later", func() CandidateRow {
			r := dlRow(1, StageCellVote)
			r.CellVote = plDate("05/01/2026")
			return r
		}, nil, tet, "01/04/2026", []dlWant{{DeadlineDecision, "05/01/2026", "06/04/2026", false, 5, "hạn 60 ngày làm việc"}}},
		{"decision: without holidays it is overdue, within the extension", func() CandidateRow {
			r := dlRow(1, StageCellVote)
			r.CellVote = plDate("05/01/2026")
			return r
		}, nil, plain, "01/04/2026", []dlWant{{DeadlineDecision, "05/01/2026", "30/03/2026", true, -2, "gia hạn đến 11/05/2026"}}},
		{"decision: past the extension", func() CandidateRow {
			r := dlRow(1, StageCommittee)
			r.CellVote = plDate("05/01/2026")
			return r
		}, nil, plain, "12/05/2026", []dlWant{{DeadlineDecision, "05/01/2026", "30/03/2026", true, -43, "quá cả thời gian gia hạn"}}},
		{"ceremony: 30 working days after the decision", func() CandidateRow {
			r := dlRow(2, StageDecision)
			r.CellVote, r.Decision = plDate("05/01/2026"), plDate("02/03/2026")
			return r
		}, nil, tet, "01/04/2026", []dlWant{{DeadlineCeremony, "02/03/2026", "13/04/2026", false, 12, "Lễ kết nạp"}}},
	}
}

// dlProbationCases are the end of probation and the recognition review.
func dlProbationCases(tet Calendar) []dlCase {
	return []dlCase{
		{"probation: end and recognition review", func() CandidateRow {
			r := dlRow(3, StageProbation)
			r.Decision, r.Ceremony = plDate("02/03/2026"), plDate("20/03/2026")
			return r
		}, nil, tet, "01/03/2027", []dlWant{
			{DeadlineProbation, "20/03/2026", "20/03/2027", false, 19, "12 tháng dự bị"},
			{DeadlineRecognition, "20/03/2027", "30/04/2027", false, 60, "xét công nhận"},
		}},
		{"probation over: only the review remains, overdue", func() CandidateRow {
			r := dlRow(3, StageProbation)
			r.Ceremony = plDate("20/03/2026")
			return r
		}, nil, tet, "03/05/2027", []dlWant{{DeadlineRecognition, "20/03/2027", "30/04/2027", true, -3, "xét công nhận"}}},
	}
}

// dlCertCases are certificate expiries and coming of age.
func dlCertCases(tet Calendar) []dlCase {
	return []dlCase{
		{"certificate from a class", func() CandidateRow { return dlRow(4, StageApplication) },
			[]Class{plClass(ID{4}, ResultPassed, "10/05/2021")}, tet, "01/04/2026",
			[]dlWant{{DeadlineCert, "10/05/2021", "10/05/2026", false, 39, "hết hạn"}}},
		{"latest certificate wins over an older army one", func() CandidateRow {
			r := dlRow(4, StageApplication)
			r.ExtCert = plDate("01/01/2020")
			return r
		}, []Class{plClass(ID{4}, ResultPassed, "10/05/2021"), plClass(ID{4}, ResultFailed, "10/05/2024")}, tet, "01/04/2026",
			[]dlWant{{DeadlineCert, "10/05/2021", "10/05/2026", false, 39, "hết hạn"}}},
		{"army certificate already expired", func() CandidateRow {
			r := dlRow(4, StageClass)
			r.ExtCert = plDate("01/01/2021")
			return r
		}, nil, tet, "01/04/2026", []dlWant{{DeadlineCert, "01/01/2021", "01/01/2026", true, -90, "hết hạn"}}},
		{"turns 18 within the year", func() CandidateRow {
			r := dlRow(5, StageSympathizer)
			r.DOB = plDate("20/05/2008")
			return r
		}, nil, tet, "01/04/2026", []dlWant{{DeadlineEligible, "20/05/2008", "20/05/2026", false, 49, "Đủ 18 tuổi"}}},
	}
}

// dlNoDeadlineCases are rows that have no deadline.
func dlNoDeadlineCases(tet Calendar) []dlCase {
	return []dlCase{
		{"turns 18 in more than a year", func() CandidateRow {
			r := dlRow(5, StageSource)
			r.DOB = plDate("20/05/2009")
			return r
		}, nil, tet, "01/04/2026", nil},
		{"already 18", func() CandidateRow { return dlRow(5, StageSource) }, nil, tet, "01/04/2026", nil},
		{"no certificate deadline once the cell has voted", func() CandidateRow {
			r := dlRow(6, StageOfficial)
			r.ExtCert, r.Ceremony = plDate("01/01/2021"), plDate("20/03/2025")
			return r
		}, nil, tet, "01/04/2026", nil},
		{"decision step done: no decision deadline", func() CandidateRow {
			r := dlRow(7, StageDecision)
			r.CellVote = plDate("05/01/2026")
			return r
		}, nil, tet, "01/04/2026", nil},
		{"inactive candidates have no deadlines", func() CandidateRow {
			r := dlRow(8, StageCellVote)
			r.CellVote, r.Outcome = plDate("05/01/2026"), OutcomeWithdrawn
			return r
		}, nil, tet, "01/04/2026", nil},
	}
}

func TestDeadlineWorkingDaysMatchCalendar(t *testing.T) {
	cal := NewCalendar(append([]Date{plDate("30/04/2026"), plDate("01/05/2026"), plDate("02/09/2026")}, plTet...))
	dc := &deadlineCalc{cal: cal, memo: map[workKey]Date{}, labels: map[extKey]Text{}}
	for d := plDate("20/12/2025"); d < plDate("31/12/2026"); d = d.AddDays(3) {
		for _, n := range []int{0, 1, 30, 60, 90} {
			if got, want := dc.addWorkingDays(d, n), cal.AddWorkingDays(d, n); got != want {
				t.Fatalf("addWorkingDays(%s, %d) = %s, Calendar says %s", d, n, got, want)
			}
		}
	}
	for _, d := range []Date{plDate("01/01/1970"), plDate("28/02/1900"), plDate("29/02/2000"), plDate("31/12/2099"), plDate("01/03/2024")} {
		want := int(d.Time().Sub(time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24)
		if got := civilDays(d); got != want || civilDate(got) != d {
			t.Fatalf("civilDays(%s) = %d (back %s), want %d", d, got, civilDate(got), want)
		}
	}
}

func TestDeadlinesDue(t *testing.T) {
	today := plDate("01/04/2026")
	rows := []CandidateRow{
		func() CandidateRow { r := dlRow(1, StageCellVote); r.CellVote = plDate("05/01/2026"); return r }(), // due 06/04
		func() CandidateRow { r := dlRow(2, StageDecision); r.Decision = plDate("02/03/2026"); return r }(), // due 13/04
		func() CandidateRow { r := dlRow(3, StageClass); r.ExtCert = plDate("01/01/2021"); return r }(),     // expired 01/01/2026
		func() CandidateRow { r := dlRow(4, StageClass); r.ExtCert = plDate("01/05/2021"); return r }(),     // expires 01/05/2026 (day 30)
		func() CandidateRow { r := dlRow(5, StageClass); r.ExtCert = plDate("02/05/2021"); return r }(),     // day 31: not due yet
		func() CandidateRow { r := dlRow(6, StageSource); r.DOB = plDate("01/04/2008"); return r }(),        // already 18 today: nothing
		func() CandidateRow { r := dlRow(7, StageSource); r.DOB = plDate("06/04/2008"); return r }(),        // eligible 06/04, same day as #1
		func() CandidateRow { r := dlRow(8, StageCellVote); r.CellVote = plDate("05/12/2025"); return r }(), // due 06/03 with Tết: overdue
	}
	ds := Deadlines(rows, nil, NewCalendar(plTet), today)
	due, overdue := Due(ds, today, 30)
	type k struct {
		id   byte
		kind string
		due  string
	}
	wantDue := []k{{1, DeadlineDecision, "06/04/2026"}, {7, DeadlineEligible, "06/04/2026"}, {2, DeadlineCeremony, "13/04/2026"},
		{4, DeadlineCert, "01/05/2026"}}
	wantOver := []k{{3, DeadlineCert, "01/01/2026"}, {8, DeadlineDecision, "06/03/2026"}}
	check := func(name string, got []Deadline, want []k) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: %+v, want %v", name, got, want)
		}
		for i, w := range want {
			if got[i].Candidate != (ID{w.id}) || got[i].Kind != w.kind || got[i].Due != plDate(w.due) {
				t.Fatalf("%s[%d] = %+v, want %v", name, i, got[i], w)
			}
		}
	}
	check("due", due, wantDue)
	check("overdue", overdue, wantOver)
	if d, o := Due(nil, today, 30); d != nil || o != nil {
		t.Fatal("Due of nothing is not empty")
	}
}

// dlRows builds n rows spread over every stage, as a merged province file might hold.
func dlRows(n int) ([]CandidateRow, []Class) {
	rows := make([]CandidateRow, n)
	base := plDate("01/01/2020")
	var classes []Class
	cls := Class{ID: ID{0xcc}}
	for i := range rows {
		var id ID
		id[0], id[1], id[2], id[3] = byte(i>>24), byte(i>>16), byte(i>>8), byte(i)
		id[15] = 1
		st := Stage(Stages[i%len(Stages)].Code)
		day := base.AddDays(i % 2000)
		r := CandidateRow{ID: id, Name: fmt.Sprintf("Nguyễn Văn %d", i), DOB: plDate("01/01/1990").AddDays(i % 9000), Stage: st}
		switch st {
		case StageCellVote, StageCommittee:
			r.CellVote = day
		case StageDecision:
			r.CellVote, r.Decision = day, day.AddDays(40)
		case StageProbation, StageOfficial:
			r.Decision, r.Ceremony = day, day.AddDays(20)
		}
		if i%7 == 0 {
			r.ExtCert = day
		}
		if i%11 == 0 {
			r.Outcome = OutcomeWithdrawn
		}
		rows[i] = r
		if i%3 == 0 {
			cls.Enrolments = append(cls.Enrolments, Enrolment{Candidate: id, Result: ResultPassed, CertDate: day})
			if len(cls.Enrolments) == 150 {
				classes = append(classes, cls)
				cls = Class{ID: ID{0xcc, byte(len(classes))}}
			}
		}
	}
	return rows, append(classes, cls)
}

func TestDeadlinesLargeInput(t *testing.T) {
	rows, classes := dlRows(20000)
	ds := Deadlines(rows, classes, NewCalendar(plTet), plDate("01/04/2026"))
	if len(ds) == 0 {
		t.Fatal("no deadlines from 20,000 rows")
	}
	for _, d := range ds {
		if d.Overdue != (d.Due < plDate("01/04/2026")) {
			t.Fatalf("overdue flag wrong: %+v", d)
		}
	}
}

func BenchmarkDeadlines100k(b *testing.B) {
	rows, classes := dlRows(100000)
	cal := NewCalendar(plTet)
	today := plDate("01/04/2026")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		ds := Deadlines(rows, classes, cal, today)
		Due(ds, today, 30)
	}
}
