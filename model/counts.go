package model

import (
	"cmp"
	"fmt"
	"slices"
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
		c.Add(r, 1)
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

// Add counts one candidate row in (sign 1) or out (sign -1), so a save
// changes the figures by what changed instead of recounting every row:
// out with the old row, in with the new one.
func (c *Counts) Add(r CandidateRow, sign int) {
	cc := c.ByCell[r.Cell]
	if AdmittedIn(r, c.Year) {
		cc.Admitted += sign
		c.Total.Admitted += sign
	}
	if InPipeline(r) {
		cc.Active += sign
		c.Total.Active += sign
		c.BySource[r.Source] += sign
	}
	if r.Outcome == OutcomeActive && r.Stage != StageOfficial {
		c.ByStage[r.Stage] += sign
	}
	c.ByCell[r.Cell] = cc
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

// CompareDeadlines orders deadlines as Due lists them: by date, then kind,
// name and candidate, so one can be put in its place in a sorted list.
func CompareDeadlines(a, b Deadline) int {
	return cmp.Or(cmp.Compare(a.Due, b.Due), cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)),
		cmp.Compare(a.Name, b.Name), slices.Compare(a.Candidate[:], b.Candidate[:]))
}
