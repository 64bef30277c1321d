package model

import (
	"strconv"
	"strings"
)

// The "breakdown" report: the members admitted in a period, counted as
// Biểu 2-BTCTW counts them (docs/domain-rules.md §11.2), beside the same
// period of the year before and the candidates in the pipeline today. Who
// is admitted in the period is AdmittedBetween over each record's row, and
// who is in the pipeline is InPipeline: the figures the targets report and
// the dashboard give. Both are read from the record (ReportFacts), not from
// the row kept beside it.

// profiled is a person and the day their age is counted on: the admission
// decision for a new member, today for a candidate.
type profiled struct {
	c  *ReportFacts
	at Date
}

// breakdownSets splits the candidates into the admitted of the period, of
// the same period a year earlier, and the pool in the pipeline now.
func breakdownSets(in ReportInput) (now, last, pool []profiled) {
	lastFrom, lastTo := in.From.AddMonths(-12), in.To.AddMonths(-12)
	admitted := func(f *ReportFacts, from, to Date) bool {
		return AdmittedBetween(CandidateRow{Decision: f.Decision}, from, to)
	}
	for i := range in.Facts {
		f := &in.Facts[i]
		if admitted(f, in.From, in.To) {
			now = append(now, profiled{f, f.Decision})
		}
		if admitted(f, lastFrom, lastTo) {
			last = append(last, profiled{f, f.Decision})
		}
		if f.InPipeline {
			pool = append(pool, profiled{f, in.Today})
		}
	}
	return now, last, pool
}

func count(ps []profiled, match func(profiled) bool) int {
	n := 0
	for _, p := range ps {
		if match(p) {
			n++
		}
	}
	return n
}

// ageYears is a person's age in whole years on the day it is counted.
func ageYears(p profiled) int { return MonthsBetween(p.c.DOB, p.at) / 12 }

// averageAge writes the mean age in years with one decimal ("24,3").
func averageAge(ps []profiled, lang Lang) string {
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

func reportBreakdown(in ReportInput, lang Lang) Report {
	l := func(vi, en string) string { return Text{vi, en}.In(lang) }
	r := Report{
		Title: l("Đảng viên mới kết nạp và quần chúng đang theo dõi, theo các chỉ tiêu của Biểu 2-BTCTW, ",
			"New members and candidates in the pipeline by the categories of Biểu 2-BTCTW, ") + periodText(in.From, in.To, lang),
		Columns: []string{l("Nội dung", "Category"), l("Kết nạp trong kỳ", "Admitted in the period"), l("Tỷ lệ", "Share"),
			l("Cùng kỳ năm trước", "Same period last year"), l("So với cùng kỳ", "Against last year"),
			l("Quần chúng đang theo dõi", "Candidates in the pipeline"), l("Tỷ lệ", "Share")},
	}
	now, last, pool := breakdownSets(in)
	add := func(label Text, match func(profiled) bool) {
		a, b, c := count(now, match), count(last, match), count(pool, match)
		r.Rows = append(r.Rows, []string{label.In(lang), strconv.Itoa(a), Rate(a, len(now), lang), strconv.Itoa(b), Rate(a, b, lang),
			strconv.Itoa(c), Rate(c, len(pool), lang)})
	}
	section := func(label Text) { r.Rows = append(r.Rows, []string{label.In(lang), "", "", "", "", "", ""}) }

	add(Text{"Tổng số", "Total"}, func(profiled) bool { return true })
	add(Text{"Trong đó: nữ", "Of whom: women"}, func(p profiled) bool { return p.c.Female })
	add(Text{"Người dân tộc thiểu số", "Ethnic minorities"}, func(p profiled) bool { return p.c.Minority })
	add(Text{"Người có tôn giáo", "Religious followers"}, func(p profiled) bool { return p.c.Religious })
	add(Text{"Đoàn viên Đoàn TNCS Hồ Chí Minh", "Youth Union members"}, func(p profiled) bool { return p.c.YouthUnion })

	section(Text{"Chia theo tuổi (khi kết nạp; quần chúng: nay)", "By age (when admitted; candidates: now)"})
	for _, b := range AgeBands {
		add(b.Label, func(p profiled) bool { a := ageYears(p); return p.c.DOB != 0 && a >= b.Lo && a <= b.Hi })
	}
	r.Rows = append(r.Rows, []string{l("Tuổi bình quân", "Average age"), averageAge(now, lang), "", averageAge(last, lang), "",
		averageAge(pool, lang), ""})

	section(Text{"Chia theo trình độ giáo dục phổ thông", "By general education"})
	for i, t := range GeneralEducations {
		add(t, func(p profiled) bool { return int(p.c.Education) == i })
	}
	section(Text{"Chia theo trình độ chuyên môn", "By professional qualification"})
	for i, t := range Professionals {
		add(t, func(p profiled) bool { return int(p.c.Professional) == i })
	}
	section(Text{"Chia theo nghề nghiệp", "By occupation"})
	for i, t := range Occupations {
		add(t, func(p profiled) bool { return int(p.c.Occupation) == i })
	}
	section(Text{"Chia theo dân tộc", "By ethnic group"})
	for i, o := range Ethnicities {
		match := func(p profiled) bool { return int(p.c.Ethnicity) == i }
		if count(now, match)+count(last, match)+count(pool, match) > 0 {
			add(o.Label, match)
		}
	}
	section(Text{"Chia theo tôn giáo", "By religion"})
	for i, o := range Religions[1:] {
		add(o.Label, func(p profiled) bool { return int(p.c.Religion) == i+1 })
	}
	return r
}
