package model

import (
	"strconv"
	"strings"
	"testing"
)

// demoInput is the demo commune as the reports read it, on 27/11/2026.
func demoInput(t *testing.T) ReportInput {
	t.Helper()
	today := NewDate(2026, 11, 27)
	d := Demo(today)
	rows := make([]CandidateRow, len(d.Candidates))
	for i, c := range d.Candidates {
		rows[i] = c.Row()
	}
	return ReportInput{Snapshot: Snapshot{Settings: d.Settings, Cells: d.Cells, Rows: rows, Classes: d.Classes, Meetings: d.Meetings},
		Facts: FactsOfAll(d.Candidates), Today: today}
}

// row finds the row whose first cell is name.
func row(t *testing.T, r Report, name string) []string {
	t.Helper()
	for _, x := range r.Rows {
		if x[0] == name {
			return x
		}
	}
	t.Fatalf("%q has no row %q: %v", r.Title, name, r.Rows)
	return nil
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatalf("%q is not a count", s)
	}
	return n
}

// "5 tháng đầu năm": the admissions of January to May against the year's
// target, with the percent.
func TestReportTargetsOverAPeriod(t *testing.T) {
	in := reportFixture()
	in.Rows = append(in.Rows, CandidateRow{ID: ID{15}, Name: "Hà Văn Giang", Cell: ID{1}, Source: SourceYouth, Stage: StageDecision,
		Decision: NewDate(2026, 7, 1)})
	in.Settings.Commune = "Đảng bộ xã Trường Sơn"
	in.From, in.To = NewDate(2026, 1, 1), NewDate(2026, 5, 31)
	r, err := BuildReport("targets", in, VI)
	if err != nil {
		t.Fatal(err)
	}
	if r.Title != "Kết quả kết nạp từ 01/01/2026 đến 31/05/2026 so với chỉ tiêu năm 2026" || r.From != in.From || r.To != in.To {
		t.Errorf("title %q, period %v–%v", r.Title, r.From, r.To)
	}
	if got := strings.Join(row(t, r, "Toàn đảng bộ"), "|"); got != "Toàn đảng bộ|5|1|20,0%|2" {
		t.Errorf("five months: %s", got)
	}
	if !strings.HasPrefix(r.Text(), "ĐẢNG BỘ XÃ TRƯỜNG SƠN\nKết quả kết nạp từ 01/01/2026") ||
		r.Heading() != "ĐẢNG BỘ XÃ TRƯỜNG SƠN — "+r.Title {
		t.Errorf("the committee does not head the report:\n%s", r.Text())
	}
	// The whole year counts July too, and says only the year.
	in.From, in.To, in.Year = 0, 0, 2026
	r, _ = BuildReport("targets", in, EN)
	if r.Title != "Admissions against targets in 2026" || strings.Join(row(t, r, "Whole committee"), "|") != "Whole committee|5|2|40.0%|2" {
		t.Errorf("whole year: %q %v", r.Title, r.Rows)
	}
	// From alone runs to the end of its year; To alone from the start of its year.
	in.Year = 0
	in.From = NewDate(2026, 6, 1)
	if r, _ := BuildReport("admitted", in, VI); len(r.Rows) != 1 || r.Rows[0][0] != "Hà Văn Giang" || r.To != NewDate(2026, 12, 31) {
		t.Errorf("from June: %v to %v", r.Rows, r.To)
	}
	in.From, in.To = 0, NewDate(2026, 3, 1)
	if r, _ := BuildReport("admitted", in, VI); len(r.Rows) != 0 || r.From != NewDate(2026, 1, 1) {
		t.Errorf("to 01/03: %v from %v", r.Rows, r.From)
	}
}

func TestReportPeriodRefusals(t *testing.T) {
	in := reportFixture()
	in.From, in.To = NewDate(2026, 6, 1), NewDate(2026, 5, 1)
	_, err := BuildReport("admitted", in, VI)
	if m := Message(err, VI); !strings.Contains(m, "01/06/2026") || !strings.Contains(m, "01/05/2026") {
		t.Errorf("a period that runs backwards: %q", m)
	}
	in.From, in.To = NewDate(2025, 10, 1), NewDate(2026, 3, 31)
	_, err = BuildReport("targets", in, EN)
	if m := Message(err, EN); !strings.Contains(m, "one year") {
		t.Errorf("targets over two years: %q", m)
	}
	// A list of the admitted may span years.
	if r, err := BuildReport("admitted", in, VI); err != nil || len(r.Rows) != 1 {
		t.Errorf("admitted over two years: %v %v", r.Rows, err)
	}
	// The due report is as of today whatever the period says.
	if r, err := BuildReport("due", in, VI); err != nil || r.From != in.Today {
		t.Errorf("due with a period: %v %v", r.From, err)
	}
}

// Over a calendar year AdmittedBetween is AdmittedIn, and the targets
// report gives Count's figures: the dashboard and the reports agree.
func TestReportsAgreeWithCounts(t *testing.T) {
	in := demoInput(t)
	for _, y := range []int{2025, 2026} {
		for _, r := range in.Rows {
			if AdmittedBetween(r, NewDate(y, 1, 1), NewDate(y, 12, 31)) != AdmittedIn(r, y) {
				t.Fatalf("%s: AdmittedBetween and AdmittedIn disagree for %d", r.Name, y)
			}
		}
		in.Year = y
		rep, err := BuildReport("targets", in, VI)
		if err != nil {
			t.Fatal(err)
		}
		c := Count(in.Cells, in.Rows, in.Classes, y)
		tot := row(t, rep, "Toàn đảng bộ")
		if atoi(t, tot[1]) != c.Total.Target || atoi(t, tot[2]) != c.Total.Admitted || atoi(t, tot[4]) != c.Total.Active {
			t.Errorf("%d: report %v, counts %+v", y, tot, c.Total)
		}
		b, err := BuildReport("breakdown", in, VI)
		if err != nil {
			t.Fatal(err)
		}
		total := row(t, b, "Tổng số")
		if atoi(t, total[1]) != c.Total.Admitted || atoi(t, total[5]) != c.Total.Active {
			t.Errorf("%d: breakdown total %v, counts %+v", y, total, c.Total)
		}
	}
}
