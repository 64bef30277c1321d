package model

// The breakdown and pool reports as they were computed from every
// candidate's full record, kept as the reference the reports over
// ReportFacts must agree with byte for byte (report_facts_test.go).

import (
	"fmt"
	"strconv"
	"strings"
)

// The "breakdown" report: the members admitted in a period, counted as
// Biểu 2-BTCTW counts them (docs/domain-rules.md §11.2), beside the same
// period of the year before and the candidates in the pipeline today. Who
// is admitted in the period is AdmittedBetween over each record's row, and
// who is in the pipeline is InPipeline: the figures the targets report and
// the dashboard give.

// refProfiled is a person and the day their age is counted on: the admission
// decision for a new member, today for a candidate.
type refProfiled struct {
	c  Candidate
	at Date
}

// refBreakdownSets splits the candidates into the admitted of the period, of
// the same period a year earlier, and the pool in the pipeline now.
func refBreakdownSets(in ReportInput, cands []Candidate) (now, last, pool []refProfiled) {
	lastFrom, lastTo := in.From.AddMonths(-12), in.To.AddMonths(-12)
	for _, c := range cands {
		r := c.Row()
		if AdmittedBetween(r, in.From, in.To) {
			now = append(now, refProfiled{c, r.Decision})
		}
		if AdmittedBetween(r, lastFrom, lastTo) {
			last = append(last, refProfiled{c, r.Decision})
		}
		if InPipeline(r) {
			pool = append(pool, refProfiled{c, in.Today})
		}
	}
	return now, last, pool
}

func refCount(ps []refProfiled, match func(refProfiled) bool) int {
	n := 0
	for _, p := range ps {
		if match(p) {
			n++
		}
	}
	return n
}

// refAgeYears is a person's age in whole years on the day it is counted.
func refAgeYears(p refProfiled) int { return MonthsBetween(p.c.DOB, p.at) / 12 }

// refAverageAge writes the mean age in years with one decimal ("24,3").
func refAverageAge(ps []refProfiled, lang Lang) string {
	months, n := 0, 0
	for _, p := range ps {
		if p.c.DOB != 0 {
			months += MonthsBetween(p.c.DOB, p.at)
			n++
		}
	}
	if n == 0 {
		return "–"
	}
	s := strconv.FormatFloat(float64(months)/12/float64(n), 'f', 1, 64)
	if lang != EN {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

func refReportBreakdown(in ReportInput, cands []Candidate, lang Lang) Report {
	l := func(vi, en string) string { return Text{vi, en}.In(lang) }
	r := Report{
		Title: l("Đảng viên mới kết nạp và quần chúng đang theo dõi, theo các chỉ tiêu của Biểu 2-BTCTW, ",
			"New members and candidates in the pipeline by the categories of Biểu 2-BTCTW, ") + periodText(in.From, in.To, lang),
		Columns: []string{l("Nội dung", "Category"), l("Kết nạp trong kỳ", "Admitted in the period"), l("Tỷ lệ", "Share"),
			l("Cùng kỳ năm trước", "Same period last year"), l("So với cùng kỳ", "Against last year"),
			l("Quần chúng đang theo dõi", "Candidates in the pipeline"), l("Tỷ lệ", "Share")},
	}
	now, last, pool := refBreakdownSets(in, cands)
	add := func(label Text, match func(refProfiled) bool) {
		a, b, c := refCount(now, match), refCount(last, match), refCount(pool, match)
		r.Rows = append(r.Rows, []string{label.In(lang), strconv.Itoa(a), Rate(a, len(now), lang), strconv.Itoa(b), Rate(a, b, lang),
			strconv.Itoa(c), Rate(c, len(pool), lang)})
	}
	section := func(label Text) { r.Rows = append(r.Rows, []string{label.In(lang), "", "", "", "", "", ""}) }

	add(Text{"Tổng số", "Total"}, func(refProfiled) bool { return true })
	add(Text{"Trong đó: nữ", "Of whom: women"}, func(p refProfiled) bool { return p.c.Sex == Female })
	add(Text{"Người dân tộc thiểu số", "Ethnic minorities"}, func(p refProfiled) bool { return EthnicMinority(p.c.Ethnicity) })
	add(Text{"Người có tôn giáo", "Religious followers"}, func(p refProfiled) bool { return Religious(p.c.Religion) })
	add(Text{"Đoàn viên Đoàn TNCS Hồ Chí Minh", "Youth Union members"}, func(p refProfiled) bool { return p.c.YouthUnion })

	section(Text{"Chia theo tuổi (khi kết nạp; quần chúng: nay)", "By age (when admitted; candidates: now)"})
	for _, b := range AgeBands {
		add(b.Label, func(p refProfiled) bool { a := refAgeYears(p); return p.c.DOB != 0 && a >= b.Lo && a <= b.Hi })
	}
	r.Rows = append(r.Rows, []string{l("Tuổi bình quân", "Average age"), refAverageAge(now, lang), "", refAverageAge(last, lang), "",
		refAverageAge(pool, lang), ""})

	section(Text{"Chia theo trình độ giáo dục phổ thông", "By general education"})
	for i, t := range GeneralEducations {
		add(t, func(p refProfiled) bool { return GeneralEducation(p.c.Education) == i })
	}
	section(Text{"Chia theo trình độ chuyên môn", "By professional qualification"})
	for i, t := range Professionals {
		add(t, func(p refProfiled) bool { return Professional(p.c.Professional) == i })
	}
	section(Text{"Chia theo nghề nghiệp", "By occupation"})
	for i, t := range Occupations {
		add(t, func(p refProfiled) bool { return Occupation(p.c) == i })
	}
	section(Text{"Chia theo dân tộc", "By ethnic group"})
	for _, o := range Ethnicities {
		match := func(p refProfiled) bool { return p.c.Ethnicity == o.Code }
		if refCount(now, match)+refCount(last, match)+refCount(pool, match) > 0 {
			add(o.Label, match)
		}
	}
	section(Text{"Chia theo tôn giáo", "By religion"})
	for _, o := range Religions[1:] {
		add(o.Label, func(p refProfiled) bool { return p.c.Religion == o.Code })
	}
	return r
}

// refReportPool is the sympathiser list (candidates in the pipeline who
// reached it) by cell and source group, those identified but not yet on
// it, the recognitions and removals the committee decided in the period,
// and the cells with no candidates at all (Biểu 2, part III).
func refReportPool(in ReportInput, cands []Candidate, lang Lang) Report {
	l := func(vi, en string) string { return Text{vi, en}.In(lang) }
	cols := []string{l("Chi bộ", "Cell"), l("Đang theo dõi", "In pipeline"), l("Chưa vào danh sách", "Not yet listed"),
		l("Danh sách cảm tình Đảng", "Sympathiser list")}
	for _, o := range SourceGroups {
		cols = append(cols, o.Label.In(lang))
	}
	cols = append(cols, l("Công nhận chính thức trong kỳ", "Recognised in the period"), l("Xóa tên trong kỳ", "Removed in the period"),
		l("Ghi chú", "Note"))
	r := Report{
		Title: l("Quần chúng và danh sách cảm tình Đảng theo chi bộ, nguồn; công nhận, xóa tên ",
			"Candidates and the sympathiser list by cell and source; recognitions and removals ") + periodText(in.From, in.To, lang),
		Columns: cols,
	}
	nSrc := len(SourceGroups)
	type tally struct {
		active, source, listed, recognised, removed int
		bySource                                    []int
	}
	newTally := func() *tally { return &tally{bySource: make([]int, nSrc)} }
	srcIdx := map[SourceGroup]int{}
	for i, o := range SourceGroups {
		srcIdx[SourceGroup(o.Code)] = i
	}
	by, total := map[ID]*tally{}, newTally()
	get := func(id ID) *tally {
		if by[id] == nil {
			by[id] = newTally()
		}
		return by[id]
	}
	in2 := func(d Date) bool { return d != 0 && in.From <= d && d <= in.To }
	for _, c := range cands {
		row := c.Row()
		for _, t := range []*tally{get(c.CellID), total} {
			if InPipeline(row) {
				t.active++
				if row.Stage == StageSource {
					t.source++
				} else {
					t.listed++
					if i, ok := srcIdx[row.Source]; ok {
						t.bySource[i]++
					}
				}
			}
			if row.Outcome == OutcomeActive && row.Stage == StageOfficial && in2(c.StageDate(StageOfficial)) {
				t.recognised++
			}
			if row.Outcome == OutcomeRemoved && in2(c.OutcomeDate) {
				t.removed++
			}
		}
	}
	line := func(name string, t *tally, note string) []string {
		out := []string{name, strconv.Itoa(t.active), strconv.Itoa(t.source), strconv.Itoa(t.listed)}
		for _, n := range t.bySource {
			out = append(out, strconv.Itoa(n))
		}
		return append(out, strconv.Itoa(t.recognised), strconv.Itoa(t.removed), note)
	}
	none := 0
	for _, c := range sortedCells(in.Cells) {
		t := get(c.ID)
		note := ""
		if t.active == 0 {
			if c.Archived && t.recognised+t.removed == 0 {
				continue
			}
			note = l("Không có quần chúng", "No candidates")
			none++
		}
		r.Rows = append(r.Rows, line(c.Name, t, note))
	}
	note := ""
	if none > 0 {
		note = fmt.Sprintf(l("%d chi bộ không có quần chúng", "%d cells without candidates"), none)
	}
	r.Rows = append(r.Rows, line(l("Toàn đảng bộ", "Whole committee"), total, note))
	return r
}
