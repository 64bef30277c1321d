package model

import (
	"fmt"
	"strings"
)

// The one definition of each figure the dashboard, the cell list and the
// reports show, so that no two screens can disagree about a number.

// InPipeline reports whether a candidate is still being developed: not
// out of the pipeline and not yet admitted by a decision.
func InPipeline(r CandidateRow) bool {
	return r.Outcome == OutcomeActive && r.Stage.Index() < StageDecision.Index()
}

// AdmittedIn reports whether a candidate's admission decision is dated in year.
func AdmittedIn(r CandidateRow, year int) bool { return r.Decision != 0 && r.Decision.Year() == year }

// ClassPassed counts the participants of a class who passed.
func ClassPassed(c Class) int {
	n := 0
	for _, e := range c.Enrolments {
		if e.Result == ResultPassed {
			n++
		}
	}
	return n
}

// CellCount is a cell's (or the whole commune's) figures for one year.
type CellCount struct {
	Target   int // yearly admission target
	Admitted int // admission decisions dated that year
	Active   int // candidates in the pipeline now
}

// Counts are the commune's figures for one year.
type Counts struct {
	Year   int
	ByCell map[ID]CellCount
	// Total sums every cell, including candidates whose cell is unknown.
	Total CellCount
	// Members and Probation are the cells' official and probationary members.
	Members, Probation int
	// BySource counts the candidates in the pipeline per source group.
	BySource map[SourceGroup]int
	// ByStage counts the live candidates who are not yet official members.
	ByStage map[Stage]int
	// Classes that started in the year, their participants and passes.
	Classes, Enrolled, Passed int
}

// Count computes the figures of year.
func Count(cells []Cell, rows []CandidateRow, classes []Class, year int) Counts {
	c := Counts{Year: year, ByCell: make(map[ID]CellCount, len(cells)),
		BySource: map[SourceGroup]int{}, ByStage: map[Stage]int{}}
	for _, cl := range cells {
		t := cl.TargetFor(year).Total
		c.ByCell[cl.ID] = CellCount{Target: t}
		c.Total.Target += t
		c.Members += cl.OfficialMembers
		c.Probation += cl.ProbationaryMembers
	}
	for _, r := range rows {
		cc := c.ByCell[r.Cell]
		if AdmittedIn(r, year) {
			cc.Admitted++
			c.Total.Admitted++
		}
		if InPipeline(r) {
			cc.Active++
			c.Total.Active++
			c.BySource[r.Source]++
		}
		if r.Outcome == OutcomeActive && r.Stage != StageOfficial {
			c.ByStage[r.Stage]++
		}
		c.ByCell[r.Cell] = cc
	}
	for _, cl := range classes {
		if cl.Start.Year() == year {
			c.Classes++
			c.Enrolled += len(cl.Enrolments)
			c.Passed += ClassPassed(cl)
		}
	}
	return c
}

// Rate formats n of a target as a percentage with one decimal, written the
// way each language writes it ("21,7%" in Vietnamese); "–" without a target.
func Rate(n, of int, lang Lang) string {
	if of <= 0 {
		return "–"
	}
	s := fmt.Sprintf("%.1f%%", float64(n)*100/float64(of))
	if lang != EN {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// AdmittedByCellYear counts every cell's admissions per year.
func AdmittedByCellYear(rows []CandidateRow) map[ID]map[int]int {
	out := map[ID]map[int]int{}
	for _, r := range rows {
		if r.Decision == 0 {
			continue
		}
		y := r.Decision.Year()
		if !AdmittedIn(r, y) {
			continue
		}
		if out[r.Cell] == nil {
			out[r.Cell] = map[int]int{}
		}
		out[r.Cell][y]++
	}
	return out
}
