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
	// ByCellGroup counts them per cell and group of stages (StageGroup).
	ByCellGroup map[ID][4]int
	// AdmittedBySource counts the year's admissions per source group.
	AdmittedBySource map[SourceGroup]int
	// Classes that started in the year, their participants and passes.
	Classes, Enrolled, Passed int
}

// Count computes the figures of year.
func Count(cells []Cell, rows []CandidateRow, classes []Class, year int) Counts {
	c := Counts{Year: year, ByCell: make(map[ID]CellCount, len(cells)),
		BySource: map[SourceGroup]int{}, ByStage: map[Stage]int{},
		ByCellGroup: make(map[ID][4]int, len(cells)), AdmittedBySource: map[SourceGroup]int{}}
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
		c.AdmittedBySource[r.Source] += sign
	}
	if InPipeline(r) {
		cc.Active += sign
		c.Total.Active += sign
		c.BySource[r.Source] += sign
	}
	if r.Outcome == OutcomeActive && r.Stage != StageOfficial {
		c.ByStage[r.Stage] += sign
		if g := StageGroup(r.Stage); g >= 0 {
			gs := c.ByCellGroup[r.Cell]
			gs[g] += sign
			c.ByCellGroup[r.Cell] = gs
		}
	}
	c.ByCell[r.Cell] = cc
}

// StageGroups name four spans of the pipeline, for figures that must fit
// one line: finding, training and file, waiting for the decision, probation.
var StageGroups = []Text{
	{"Nguồn", "Found"},
	{"Hồ sơ", "File"},
	{"Chờ KN", "Waiting"},
	{"Dự bị", "Prob."},
}

// StageGroup is the span of the pipeline a stage belongs to (index into
// StageGroups), or -1 for official members, unknown stages and those
// holding an admission decision before their ceremony: they are admitted
// (counted in Admitted), no longer waiting, and not yet probationary. So
// the first three groups add up to the candidates in the pipeline.
func StageGroup(s Stage) int {
	switch i := s.Index(); {
	case i < 0 || s == StageOfficial || s == StageDecision:
		return -1
	case i <= StageHelper.Index():
		return 0
	case i < StageCellVote.Index():
		return 1
	case i < StageDecision.Index():
		return 2
	}
	return 3
}

// SourceTargets sums the cells' targets per source group for year.
func SourceTargets(cells []Cell, year int) map[SourceGroup]int {
	out := map[SourceGroup]int{}
	for _, c := range cells {
		for g, n := range c.TargetFor(year).BySource {
			out[g] += n
		}
	}
	return out
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
	// Key by key, stopping at the first that differs (cmp.Or would work
	// out every key first): the dashboard sorts tens of thousands of these
	// on the first frame of a large file.
	if c := cmp.Compare(a.Due, b.Due); c != 0 {
		return c
	}
	if c := cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)); c != 0 {
		return c
	}
	if c := strings.Compare(a.Name, b.Name); c != 0 {
		return c
	}
	return slices.Compare(a.Candidate[:], b.Candidate[:])
}
