package model

import (
	"strings"
	"testing"
)

func reportFixture() ReportInput {
	today := NewDate(2026, 11, 27)
	cellA := Cell{ID: ID{1}, Name: "Chi bộ thôn Đông Hòa", Kind: "village", Targets: []Target{{Year: 2026, Total: 4, BySource: map[SourceGroup]int{SourceYouth: 2}}}}
	cellB := Cell{ID: ID{2}, Name: "Chi bộ Cơ quan xã", Kind: "agency", Targets: []Target{{Year: 2026, Total: 1}}}
	rows := []CandidateRow{
		{ID: ID{10}, Name: "Nguyễn Văn An", Cell: cellA.ID, Source: SourceYouth, Stage: StageProbation, Decision: NewDate(2026, 3, 2), Ceremony: NewDate(2026, 3, 20)},
		{ID: ID{11}, Name: "Lê Thị Bình", Cell: cellA.ID, Source: SourceYouth, Stage: StageCellVote, CellVote: NewDate(2026, 8, 3)},
		{ID: ID{12}, Name: "Trần Văn Cường", Cell: cellB.ID, Source: SourceSoldier, Stage: StageClass},
		{ID: ID{13}, Name: "Đỗ Văn Dũng", Cell: cellB.ID, Source: SourceSoldier, Stage: StageSource, Outcome: OutcomeMoved},
		{ID: ID{14}, Name: "Phạm Thị Em", Cell: cellA.ID, Source: SourceWomen, Stage: StageOfficial, Decision: NewDate(2025, 1, 5)},
	}
	classes := []Class{{ID: ID{20}, Name: "Lớp khóa 1", TargetGroup: SourceSoldier, Start: NewDate(2026, 5, 4), End: NewDate(2026, 5, 8),
		Enrolments: []Enrolment{{Candidate: ID{12}, Result: ResultPassed, CertDate: NewDate(2026, 5, 8)}, {Candidate: ID{13}, Result: ResultFailed}}}}
	return ReportInput{Snapshot: Snapshot{Cells: []Cell{cellA, cellB}, Rows: rows, Classes: classes}, Today: today}
}

func TestReportTargets(t *testing.T) {
	r, err := BuildReport("targets", reportFixture(), VI)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Chi bộ Cơ quan xã", "1", "0", "0,0%", "1"},
		{"Chi bộ thôn Đông Hòa", "4", "1", "25,0%", "1"},
		{"Toàn đảng bộ", "5", "1", "20,0%", "2"},
	}
	if len(r.Rows) != len(want) {
		t.Fatalf("rows %v", r.Rows)
	}
	for i := range want {
		if strings.Join(r.Rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %v, want %v", i, r.Rows[i], want[i])
		}
	}
}

func TestReportSourcesAndClasses(t *testing.T) {
	in := reportFixture()
	r, _ := BuildReport("sources", in, EN)
	got := map[string]string{}
	for _, row := range r.Rows {
		got[row[0]] = strings.Join(row[1:], "|")
	}
	if got["Youth union"] != "1|0|1|2|50.0%" || got["Discharged soldier"] != "1|1|0|0|–" || got["Total"] != "2|1|1||" {
		t.Fatalf("sources report: %v", got)
	}
	c, _ := BuildReport("classes", in, VI)
	if len(c.Rows) != 2 || strings.Join(c.Rows[0][4:], "|") != "2|1|1" || c.Rows[1][0] != "Tổng cộng" {
		t.Fatalf("classes report: %v", c.Rows)
	}
}

func TestReportAdmittedAndDue(t *testing.T) {
	in := reportFixture()
	r, _ := BuildReport("admitted", in, VI)
	if len(r.Rows) != 1 || r.Rows[0][0] != "Nguyễn Văn An" || r.Rows[0][5] != "02/03/2026" {
		t.Fatalf("admitted: %v", r.Rows)
	}
	d, _ := BuildReport("due", in, VI)
	// Lê Thị Bình's decision is due 60 working days after 03/08/2026: overdue by 27/11.
	found := false
	for _, row := range d.Rows {
		if row[1] == "Lê Thị Bình" && strings.HasPrefix(row[4], "quá hạn") && row[2] == "Chi bộ thôn Đông Hòa" {
			found = true
		}
	}
	if !found {
		t.Fatalf("due report lacks the overdue decision: %v", d.Rows)
	}
	if _, err := BuildReport("nope", in, VI); err == nil || !strings.Contains(Message(err, VI), "targets") {
		t.Fatalf("unknown report: %v", err)
	}
}

func TestReportTextAligned(t *testing.T) {
	r := Report{Title: "T", Columns: []string{"Tên", "Số"}, Rows: [][]string{{"Đặng Thị Ánh", "1"}, {"An\x1b[2J", "22"}}}
	out := r.Text()
	if strings.Contains(out, "\x1b") {
		t.Fatal("an escape sequence reached the text report")
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 6 || !strings.HasPrefix(lines[4], "Đặng Thị Ánh  1") || !strings.Contains(lines[5], `\x1b`) {
		t.Fatalf("report text:\n%s", out)
	}
}

func TestRateSpeaksEachLanguage(t *testing.T) {
	for _, c := range []struct {
		n, of int
		lang  Lang
		want  string
	}{
		{1, 5, VI, "20,0%"}, {1, 5, EN, "20.0%"}, {13, 60, VI, "21,7%"}, {3, 0, VI, "–"}, {0, 4, EN, "0.0%"},
	} {
		if got := Rate(c.n, c.of, c.lang); got != c.want {
			t.Errorf("Rate(%d, %d, %s) = %q, want %q", c.n, c.of, c.lang, got, c.want)
		}
	}
}

func TestCountsAgreeWithTheTargetsReport(t *testing.T) {
	in := reportFixture()
	c := Count(in.Cells, in.Rows, in.Classes, 2026)
	if c.Total != (CellCount{Target: 5, Admitted: 1, Active: 2}) {
		t.Errorf("total = %+v", c.Total)
	}
	if c.ByCell[ID{1}] != (CellCount{Target: 4, Admitted: 1, Active: 1}) {
		t.Errorf("cell A = %+v", c.ByCell[ID{1}])
	}
	if c.BySource[SourceYouth] != 1 || c.BySource[SourceSoldier] != 1 || c.ByStage[StageProbation] != 1 || c.ByStage[StageOfficial] != 0 {
		t.Errorf("by source %v, by stage %v", c.BySource, c.ByStage)
	}
	if c.Classes != 1 || c.Enrolled != 2 || c.Passed != 1 {
		t.Errorf("classes %d/%d/%d", c.Classes, c.Enrolled, c.Passed)
	}
}

// Counting a changed row out and in gives what counting everything again gives.
func TestCountsFollowOneRow(t *testing.T) {
	in := reportFixture()
	c := Count(in.Cells, in.Rows, in.Classes, 2026)
	old := in.Rows[1]
	now := old
	now.Stage, now.Decision = StageDecision, NewDate(2026, 9, 1)
	c.Add(old, -1)
	c.Add(now, 1)
	rows := append([]CandidateRow(nil), in.Rows...)
	rows[1] = now
	want := Count(in.Cells, rows, in.Classes, 2026)
	if c.Total != want.Total || c.ByCell[ID{1}] != want.ByCell[ID{1}] || c.BySource[SourceYouth] != want.BySource[SourceYouth] ||
		c.ByStage[StageDecision] != want.ByStage[StageDecision] || c.ByStage[StageCellVote] != want.ByStage[StageCellVote] {
		t.Errorf("incremental %+v, recounted %+v", c, want)
	}
}
