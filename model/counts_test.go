package model

import "testing"

// The dashboard's cell columns (found, file, waiting) add up to the
// candidates in the pipeline, cell by cell and in total: someone holding an
// admission decision is admitted, not waiting.
func TestStageGroupsAddUpToThePipeline(t *testing.T) {
	today := demoDays[0]
	d := Demo(today)
	var rows []CandidateRow
	atDecision := 0
	for _, c := range d.Candidates {
		rows = append(rows, c.Row())
		if c.Stage == StageDecision && c.Outcome == OutcomeActive {
			atDecision++
		}
	}
	if atDecision == 0 {
		t.Fatal("the demo has nobody holding an admission decision: the test tests nothing")
	}
	c := Count(d.Cells, rows, d.Classes, today.Year())
	total := 0
	for _, cell := range d.Cells {
		g := c.ByCellGroup[cell.ID]
		if sum := g[0] + g[1] + g[2]; sum != c.ByCell[cell.ID].Active {
			t.Errorf("%s: found+file+waiting = %d, in the pipeline %d", cell.Name, sum, c.ByCell[cell.ID].Active)
		}
		total += g[0] + g[1] + g[2]
	}
	if total != c.Total.Active {
		t.Errorf("the columns add up to %d, the total says %d", total, c.Total.Active)
	}
	if StageGroup(StageDecision) != -1 || StageGroup(StageCommittee) != 2 || StageGroup(StageProbation) != 3 {
		t.Error("the groups of committee, decision and probation")
	}
}
