package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Report is a table a commune sends upwards: a title, headed columns and rows
// of text. The CLI prints it as text, CSV or a spreadsheet.
type Report struct {
	Title   string
	Columns []string
	Rows    [][]string
}

// ReportKinds lists the reports `nguon report --what` knows.
var ReportKinds = []string{"targets", "due", "admitted", "classes", "sources"}

// Snapshot is everything the screens and the reports read from a file at
// once: the settings, the cells, the compact candidate rows (fast at 100,000
// candidates), the classes and the meetings.
type Snapshot struct {
	Settings Settings
	Cells    []Cell
	Rows     []CandidateRow
	Classes  []Class
	Meetings []Meeting
}

// ReportInput is what the reports are computed from: a snapshot of the
// file, today's date and the year reported (0: this year).
type ReportInput struct {
	Snapshot
	Today Date
	Year  int
}

// BuildReport computes report what in lang.
func BuildReport(what string, in ReportInput, lang Lang) (Report, error) {
	if in.Year == 0 {
		in.Year = in.Today.Year()
	}
	l := func(vi, en string) string { return Text{vi, en}.In(lang) }
	cellName := map[ID]string{}
	for _, c := range in.Cells {
		cellName[c.ID] = c.Name
	}
	switch what {
	case "due":
		return reportDue(in, lang, cellName), nil
	case "targets":
		return reportTargets(in, lang), nil
	case "admitted":
		r := Report{Title: fmt.Sprintf(l("Đảng viên mới kết nạp năm %d", "New members admitted in %d"), in.Year),
			Columns: []string{l("Họ và tên", "Full name"), l("Giới tính", "Sex"), l("Ngày sinh", "Born"),
				l("Chi bộ", "Cell"), l("Nguồn", "Source"), l("Ngày quyết định", "Decision date"), l("Bước hiện nay", "Stage now")}}
		rows := slices.Clone(in.Rows)
		slices.SortStableFunc(rows, func(a, b CandidateRow) int { return int(a.Decision - b.Decision) })
		for _, c := range rows {
			if !AdmittedIn(c, in.Year) {
				continue
			}
			r.Rows = append(r.Rows, []string{c.Name, Label(Sexes, string(c.Sex), lang), c.DOB.String(), cellName[c.Cell],
				Label(SourceGroups, string(c.Source), lang), c.Decision.String(), Label(Stages, string(c.Stage), lang)})
		}
		return r, nil
	case "classes":
		r := Report{Title: fmt.Sprintf(l("Lớp bồi dưỡng nhận thức về Đảng năm %d", "Awareness classes in %d"), in.Year),
			Columns: []string{l("Lớp", "Class"), l("Đối tượng", "Target group"), l("Khai giảng", "Start"), l("Bế giảng", "End"),
				l("Học viên", "Enrolled"), l("Đạt", "Passed"), l("Không đạt", "Failed")}}
		classes := slices.Clone(in.Classes)
		slices.SortStableFunc(classes, func(a, b Class) int { return int(a.Start - b.Start) })
		var tot [3]int
		for _, c := range classes {
			if c.Start.Year() != in.Year {
				continue
			}
			n := [3]int{len(c.Enrolments), ClassPassed(c)}
			for _, e := range c.Enrolments {
				if e.Result == ResultFailed {
					n[2]++
				}
			}
			for i := range tot {
				tot[i] += n[i]
			}
			r.Rows = append(r.Rows, []string{c.Name, Label(SourceGroups, string(c.TargetGroup), lang), c.Start.String(), c.End.String(),
				strconv.Itoa(n[0]), strconv.Itoa(n[1]), strconv.Itoa(n[2])})
		}
		r.Rows = append(r.Rows, []string{l("Tổng cộng", "Total"), "", "", "", strconv.Itoa(tot[0]), strconv.Itoa(tot[1]), strconv.Itoa(tot[2])})
		return r, nil
	case "sources":
		return reportSources(in, lang), nil
	}
	return Report{}, &FieldError{Field: "what", Msg: Text{
		VI: "Không có báo cáo “" + what + "”; chọn một trong: " + strings.Join(ReportKinds, ", ") + ".",
		EN: "There is no report “" + what + "”; choose one of: " + strings.Join(ReportKinds, ", ") + "."}}
}

func reportDue(in ReportInput, lang Lang, cellName map[ID]string) Report {
	l := func(vi, en string) string { return Text{vi, en}.In(lang) }
	cell := map[ID]ID{}
	for _, r := range in.Rows {
		cell[r.ID] = r.Cell
	}
	due, overdue := Due(Deadlines(in.Rows, in.Classes, NewCalendar(in.Settings.Holidays), in.Today), in.Today, 30)
	r := Report{Title: fmt.Sprintf(l("Việc đến hạn và quá hạn, tính đến ngày %s", "Due and overdue as of %s"), in.Today),
		Columns: []string{l("Hạn", "Due"), l("Họ và tên", "Full name"), l("Chi bộ", "Cell"), l("Việc", "What"), l("Tình trạng", "Status")}}
	for _, d := range append(overdue, due...) {
		status := fmt.Sprintf(l("còn %d ngày", "%d days left"), d.DaysLeft)
		switch {
		case d.Overdue || d.DaysLeft < 0:
			status = fmt.Sprintf(l("quá hạn %d ngày", "%d days overdue"), -d.DaysLeft)
		case d.DaysLeft == 0:
			status = l("hôm nay", "today")
		}
		r.Rows = append(r.Rows, []string{d.Due.String(), d.Name, cellName[cell[d.Candidate]], d.Label.In(lang), status})
	}
	return r
}

func reportTargets(in ReportInput, lang Lang) Report {
	l := func(vi, en string) string { return Text{vi, en}.In(lang) }
	r := Report{Title: fmt.Sprintf(l("Kết quả kết nạp so với chỉ tiêu năm %d", "Admissions against targets in %d"), in.Year),
		Columns: []string{l("Chi bộ", "Cell"), l("Chỉ tiêu", "Target"), l("Đã kết nạp", "Admitted"), l("Tỷ lệ", "Rate"),
			l("Đang theo dõi", "In pipeline")}}
	counts := Count(in.Cells, in.Rows, in.Classes, in.Year)
	cells := slices.Clone(in.Cells)
	slices.SortStableFunc(cells, func(a, b Cell) int { return strings.Compare(SortKey(a.Name), SortKey(b.Name)) })
	row := func(name string, n CellCount) []string {
		return []string{name, strconv.Itoa(n.Target), strconv.Itoa(n.Admitted), Rate(n.Admitted, n.Target, lang), strconv.Itoa(n.Active)}
	}
	for _, c := range cells {
		r.Rows = append(r.Rows, row(c.Name, counts.ByCell[c.ID]))
	}
	r.Rows = append(r.Rows, row(l("Toàn đảng bộ", "Whole committee"), counts.Total))
	return r
}

func reportSources(in ReportInput, lang Lang) Report {
	l := func(vi, en string) string { return Text{vi, en}.In(lang) }
	r := Report{Title: fmt.Sprintf(l("Nguồn phát triển đảng viên năm %d", "Candidate sources in %d"), in.Year),
		Columns: []string{l("Nguồn", "Source"), l("Đang theo dõi", "In pipeline"), l("Đã học lớp", "Class passed"),
			l("Đã kết nạp", "Admitted"), l("Chỉ tiêu", "Target"), l("Tỷ lệ", "Rate")}}
	passed := map[ID]bool{}
	for _, c := range in.Classes {
		for _, e := range c.Enrolments {
			if e.Result == ResultPassed {
				passed[e.Candidate] = true
			}
		}
	}
	target := map[SourceGroup]int{}
	for _, c := range in.Cells {
		for g, n := range c.TargetFor(in.Year).BySource {
			target[g] += n
		}
	}
	type count struct{ active, passed, admitted int }
	by := map[SourceGroup]*count{}
	for _, o := range SourceGroups {
		by[SourceGroup(o.Code)] = &count{}
	}
	for _, c := range in.Rows {
		n, ok := by[c.Source]
		if !ok {
			continue
		}
		if InPipeline(c) {
			n.active++
			if passed[c.ID] || c.ExtCert != 0 {
				n.passed++
			}
		}
		if AdmittedIn(c, in.Year) {
			n.admitted++
		}
	}
	var tot count
	for _, o := range SourceGroups {
		g := SourceGroup(o.Code)
		n := by[g]
		tot.active, tot.passed, tot.admitted = tot.active+n.active, tot.passed+n.passed, tot.admitted+n.admitted
		r.Rows = append(r.Rows, []string{o.Label.In(lang), strconv.Itoa(n.active), strconv.Itoa(n.passed), strconv.Itoa(n.admitted),
			strconv.Itoa(target[g]), Rate(n.admitted, target[g], lang)})
	}
	r.Rows = append(r.Rows, []string{l("Tổng cộng", "Total"), strconv.Itoa(tot.active), strconv.Itoa(tot.passed), strconv.Itoa(tot.admitted), "", ""})
	return r
}

// Text renders the report as aligned plain text for a terminal or a printout.
func (r Report) Text() string {
	width := make([]int, len(r.Columns))
	measure := func(row []string) {
		for i, c := range row {
			if i < len(width) {
				width[i] = max(width[i], len([]rune(Escape(c))))
			}
		}
	}
	measure(r.Columns)
	for _, row := range r.Rows {
		measure(row)
	}
	var b strings.Builder
	b.WriteString(r.Title + "\n\n")
	line := func(row []string) {
		for i, c := range row {
			c = Escape(c)
			if i > 0 {
				b.WriteString("  ")
			}
			if i == len(row)-1 {
				b.WriteString(c)
			} else {
				b.WriteString(c + strings.Repeat(" ", width[i]-len([]rune(c))))
			}
		}
		b.WriteString("\n")
	}
	line(r.Columns)
	total := 0
	for _, w := range width {
		total += w + 2
	}
	b.WriteString(strings.Repeat("-", max(0, total-2)) + "\n")
	for _, row := range r.Rows {
		line(row)
	}
	return b.String()
}
