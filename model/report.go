package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Report is a table a commune sends upwards: a title, headed columns and rows
// of text. The CLI prints it as text, CSV or a spreadsheet; the TUI shows it
// and writes the same files; DOCX goes through ReportDoc.
type Report struct {
	// Kind is the report asked for ("targets", …), which names its files.
	Kind  string
	Title string
	// Committee is the party organisation reported on ("Đảng bộ xã Trường Sơn").
	Committee string
	Columns   []string
	Rows      [][]string
	// From and To are the period reported; Made is the day the figures
	// were taken (the due report is always as of that day).
	From, To, Made Date
}

// Heading is the one line that names the committee, the report and its
// period: the first line of a spreadsheet or a printout.
func (r Report) Heading() string {
	if c := Clean(r.Committee); c != "" {
		return strings.ToUpper(c) + " — " + r.Title
	}
	return r.Title
}

// ReportKinds lists the reports `nguon report --what` knows.
var ReportKinds = []string{"targets", "due", "admitted", "classes", "sources", "breakdown", "pool"}

// ReportOptions names each report for a person choosing one, in ReportKinds' order.
var ReportOptions = []Option{
	{"targets", Text{"Kết nạp so với chỉ tiêu", "Admissions against targets"}},
	{"due", Text{"Việc đến hạn, quá hạn", "Due and overdue"}},
	{"admitted", Text{"Danh sách đảng viên mới kết nạp", "New members admitted"}},
	{"classes", Text{"Lớp bồi dưỡng nhận thức về Đảng", "Awareness classes"}},
	{"sources", Text{"Nguồn phát triển đảng viên", "Candidate sources"}},
	{"breakdown", Text{"Đảng viên mới và quần chúng theo Biểu 2-BTCTW", "New members and candidates by the Biểu 2-BTCTW categories"}},
	{"pool", Text{"Danh sách cảm tình Đảng theo chi bộ, nguồn", "Sympathiser list by cell and source"}},
}

// reportAliases are the Vietnamese words a clerk may type for a report
// (accents optional, spaces dropped).
var reportAliases = map[string]string{
	"chitieu": "targets", "ketnap": "targets", "denhan": "due", "viecdenhan": "due", "quahan": "due",
	"dangvienmoi": "admitted", "danhsachketnap": "admitted", "lop": "classes", "lopboiduong": "classes",
	"nguon": "sources", "bieu2": "breakdown", "phantich": "breakdown", "camtinh": "pool", "camtinhdang": "pool", "quanchung": "pool",
}

// ReportKind reads the name of a report as typed: its code ("targets") or
// a Vietnamese word for it ("chỉ tiêu", "cảm tình"). ok is false when
// nothing matches; BuildReport then explains which reports there are.
func ReportKind(s string) (string, bool) {
	f := strings.ReplaceAll(Fold(strings.TrimSpace(s)), " ", "")
	if slices.Contains(ReportKinds, f) {
		return f, true
	}
	k, ok := reportAliases[f]
	return k, ok
}

// ReportNeedsCandidates reports whether report what reads the candidates'
// full records (their profile, as ReportFacts), not only the rows every
// screen has. Those reports read nothing else of the snapshot but the
// settings and the cells.
func ReportNeedsCandidates(what string) bool { return what == "breakdown" || what == "pool" }

// ReportHasPeriod reports whether report what covers a period; the due
// report is always as of today.
func ReportHasPeriod(what string) bool { return what != "due" }

// reportAgainstYear lists the reports that compare the period with a
// year's targets: their period must lie within that year.
func reportAgainstYear(what string) bool { return what == "targets" || what == "sources" }

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
// file, today's date and the period reported: Year (0: this year), or
// From and To, either of which may be left 0 (From: 1 January of To's year;
// To: 31 December of From's year).
type ReportInput struct {
	Snapshot
	// Facts are what the reports for which ReportNeedsCandidates is true
	// read of every candidate's full record (FactsOf).
	Facts    []ReportFacts
	Today    Date
	Year     int
	From, To Date
	// Commune keeps only one commune's cells and candidates (matched as
	// MatchCommune does); ByCommune gives each commune its rows. Both
	// matter only in a file that merged several communes (report_commune.go).
	Commune   string
	ByCommune bool
}

// Period errors, each one sentence in both languages.
var (
	errPeriodOrder = Text{
		VI: "Ngày bắt đầu %s sau ngày kết thúc %s; hãy ghi khoảng thời gian từ ngày sớm đến ngày muộn.",
		EN: "The start %s is after the end %s; give the period from the earlier date to the later."}
	errPeriodYear = Text{
		VI: "Báo cáo này so với chỉ tiêu của một năm, nên khoảng từ %s đến %s phải nằm trong cùng một năm.",
		EN: "This report compares with one year's targets, so the period from %s to %s must lie within one year."}
)

// Period works out the period of report what: the whole year when neither
// end is given. A period that runs backwards, or that spans two years for a
// report against a year's targets, is refused with a sentence.
func (in ReportInput) Period(what string) (from, to Date, err error) {
	from, to = in.From, in.To
	switch {
	case from == 0 && to == 0:
		y := in.Year
		if y == 0 {
			y = in.Today.Year()
		}
		from, to = NewDate(y, time.January, 1), NewDate(y, time.December, 31)
	case from == 0:
		from = NewDate(to.Year(), time.January, 1)
	case to == 0:
		to = NewDate(from.Year(), time.December, 31)
	}
	if from > to {
		return 0, 0, &FieldError{Field: "from", Msg: Text{
			VI: fmt.Sprintf(errPeriodOrder.VI, from, to), EN: fmt.Sprintf(errPeriodOrder.EN, from, to)}}
	}
	if reportAgainstYear(what) && from.Year() != to.Year() {
		return 0, 0, &FieldError{Field: "to", Msg: Text{
			VI: fmt.Sprintf(errPeriodYear.VI, from, to), EN: fmt.Sprintf(errPeriodYear.EN, from, to)}}
	}
	return from, to, nil
}

// wholeYear reports whether from–to is one calendar year.
func wholeYear(from, to Date) bool {
	return from == NewDate(from.Year(), time.January, 1) && to == NewDate(from.Year(), time.December, 31)
}

// periodText names a period in a title: "năm 2026", "từ 01/01/2026 đến 31/05/2026".
func periodText(from, to Date, lang Lang) string {
	if wholeYear(from, to) {
		return fmt.Sprintf(Text{"năm %d", "in %d"}.In(lang), from.Year())
	}
	return fmt.Sprintf(Text{"từ %s đến %s", "from %s to %s"}.In(lang), from, to)
}

// AdmittedBetween reports whether a candidate's admission decision is dated
// from from to to, both included. Over a calendar year it is AdmittedIn.
func AdmittedBetween(r CandidateRow, from, to Date) bool {
	return r.Decision != 0 && from <= r.Decision && r.Decision <= to
}

// BuildReport computes report what in lang, for one commune or by commune
// when the input asks (report_commune.go).
func BuildReport(what string, in ReportInput, lang Lang) (Report, error) {
	if !slices.Contains(ReportKinds, what) {
		return Report{}, &FieldError{Field: "what", Msg: Text{
			VI: "Không có báo cáo “" + what + "”; chọn một trong: " + strings.Join(ReportKinds, ", ") + ".",
			EN: "There is no report “" + what + "”; choose one of: " + strings.Join(ReportKinds, ", ") + "."}}
	}
	if in.Commune != "" || in.ByCommune {
		return reportOfCommunes(what, in, lang)
	}
	return buildReport(what, in, lang)
}

// buildReport computes report what over the whole input.
func buildReport(what string, in ReportInput, lang Lang) (Report, error) {
	r := Report{Kind: what, Committee: Clean(in.Settings.Commune), Made: in.Today}
	if what == "due" {
		cellName := cellNames(in.Cells)
		rep := reportDue(in, lang, cellName)
		rep.Kind, rep.Committee, rep.Made, rep.From, rep.To = r.Kind, r.Committee, r.Made, in.Today, in.Today
		return rep, nil
	}
	from, to, err := in.Period(what)
	if err != nil {
		return Report{}, err
	}
	in.From, in.To, in.Year = from, to, from.Year()
	var rep Report
	switch what {
	case "targets":
		rep = reportTargets(in, lang)
	case "admitted":
		rep = reportAdmitted(in, lang)
	case "classes":
		rep = reportClasses(in, lang)
	case "sources":
		rep = reportSources(in, lang)
	case "breakdown":
		rep = reportBreakdown(in, lang)
	case "pool":
		rep = reportPool(in, lang)
	}
	rep.Kind, rep.Committee, rep.Made, rep.From, rep.To = r.Kind, r.Committee, r.Made, from, to
	return rep, nil
}

func cellNames(cells []Cell) map[ID]string {
	out := make(map[ID]string, len(cells))
	for _, c := range cells {
		out[c.ID] = c.Name
	}
	return out
}

// sortedCells are the cells in the order of their names.
func sortedCells(cells []Cell) []Cell {
	out := slices.Clone(cells)
	slices.SortStableFunc(out, func(a, b Cell) int { return strings.Compare(SortKey(a.Name), SortKey(b.Name)) })
	return out
}

func reportAdmitted(in ReportInput, lang Lang) Report {
	l := func(vi, en string) string { return Text{vi, en}.In(lang) }
	cellName := cellNames(in.Cells)
	r := Report{Title: l("Đảng viên mới kết nạp ", "New members admitted ") + periodText(in.From, in.To, lang),
		Columns: []string{l("Họ và tên", "Full name"), l("Giới tính", "Sex"), l("Ngày sinh", "Born"),
			l("Chi bộ", "Cell"), l("Nguồn", "Source"), l("Ngày quyết định", "Decision date"), l("Bước hiện nay", "Stage now")}}
	rows := slices.Clone(in.Rows)
	slices.SortStableFunc(rows, func(a, b CandidateRow) int { return int(a.Decision - b.Decision) })
	for _, c := range rows {
		if !AdmittedBetween(c, in.From, in.To) {
			continue
		}
		r.Rows = append(r.Rows, []string{c.Name, Label(Sexes, string(c.Sex), lang), c.DOB.String(), cellName[c.Cell],
			Label(SourceGroups, string(c.Source), lang), c.Decision.String(), Label(Stages, string(c.Stage), lang)})
	}
	return r
}

func reportClasses(in ReportInput, lang Lang) Report {
	l := func(vi, en string) string { return Text{vi, en}.In(lang) }
	r := Report{Title: l("Lớp bồi dưỡng nhận thức về Đảng ", "Awareness classes ") + periodText(in.From, in.To, lang),
		Columns: []string{l("Lớp", "Class"), l("Đối tượng", "Target group"), l("Khai giảng", "Start"), l("Bế giảng", "End"),
			l("Học viên", "Enrolled"), l("Đạt", "Passed"), l("Không đạt", "Failed")}}
	classes := slices.Clone(in.Classes)
	slices.SortStableFunc(classes, func(a, b Class) int { return int(a.Start - b.Start) })
	var tot [3]int
	for _, c := range classes {
		if c.Start < in.From || c.Start > in.To {
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
	return r
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

// reportTargets sets the admissions of the period against each cell's
// target for the year: the targets and the pipeline come from Count, the
// admissions are counted over the period (over a whole year, Count's).
func reportTargets(in ReportInput, lang Lang) Report {
	l := func(vi, en string) string { return Text{vi, en}.In(lang) }
	title := fmt.Sprintf(l("Kết quả kết nạp so với chỉ tiêu năm %d", "Admissions against targets in %d"), in.Year)
	if !wholeYear(in.From, in.To) {
		title = fmt.Sprintf(l("Kết quả kết nạp từ %s đến %s so với chỉ tiêu năm %d", "Admissions from %s to %s against the targets of %d"),
			in.From, in.To, in.Year)
	}
	r := Report{Title: title,
		Columns: []string{l("Chi bộ", "Cell"), l("Chỉ tiêu", "Target"), l("Đã kết nạp", "Admitted"), l("Tỷ lệ", "Rate"),
			l("Đang theo dõi", "In pipeline")}}
	counts := Count(in.Cells, in.Rows, in.Classes, in.Year)
	admitted, total := map[ID]int{}, 0
	for _, c := range in.Rows {
		if AdmittedBetween(c, in.From, in.To) {
			admitted[c.Cell]++
			total++
		}
	}
	row := func(name string, n CellCount, adm int) []string {
		return []string{name, strconv.Itoa(n.Target), strconv.Itoa(adm), Rate(adm, n.Target, lang), strconv.Itoa(n.Active)}
	}
	for _, c := range sortedCells(in.Cells) {
		r.Rows = append(r.Rows, row(c.Name, counts.ByCell[c.ID], admitted[c.ID]))
	}
	r.Rows = append(r.Rows, row(l("Toàn đảng bộ", "Whole committee"), counts.Total, total))
	return r
}

func reportSources(in ReportInput, lang Lang) Report {
	l := func(vi, en string) string { return Text{vi, en}.In(lang) }
	title := fmt.Sprintf(l("Nguồn phát triển đảng viên năm %d", "Candidate sources in %d"), in.Year)
	if !wholeYear(in.From, in.To) {
		title = fmt.Sprintf(l("Nguồn phát triển đảng viên từ %s đến %s (chỉ tiêu năm %d)", "Candidate sources from %s to %s (targets of %d)"),
			in.From, in.To, in.Year)
	}
	r := Report{Title: title,
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
		if AdmittedBetween(c, in.From, in.To) {
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
	if c := Clean(r.Committee); c != "" {
		b.WriteString(Escape(strings.ToUpper(c)) + "\n")
	}
	b.WriteString(Escape(r.Title) + "\n\n")
	line := func(row []string) {
		for i, c := range row {
			c = Escape(c)
			if i > 0 {
				b.WriteString("  ")
			}
			switch {
			case i == len(row)-1:
				b.WriteString(c)
			case i < len(width):
				b.WriteString(c + strings.Repeat(" ", max(0, width[i]-len([]rune(c)))))
			default:
				b.WriteString(c)
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
