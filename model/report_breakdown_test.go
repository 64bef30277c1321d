package model

import (
	"strings"
	"testing"
)

func TestGeneralEducation(t *testing.T) {
	for in, want := range map[string]int{
		"12/12": GenUpper, "12 / 12": GenUpper, "11/12": GenLower, "9/12": GenLower, "8/12": GenPrimary, "5/12": GenPrimary,
		"3/12": GenLiterate, "10/10": GenUpper, "7/10": GenLower, "6/10": GenPrimary, "13/12": GenUnknown,
		"Tốt nghiệp THPT": GenUpper, "Đại học": GenUpper, "THCS": GenLower, "Trung cấp": GenLower, "cấp 2": GenLower,
		"Cấp III": GenUpper, "Tiểu học": GenPrimary, "cấp I": GenPrimary, "Biết đọc, biết viết": GenLiterate,
		"": GenUnknown, "lớp học": GenUnknown,
	} {
		if got := GeneralEducation(in); got != want {
			t.Errorf("GeneralEducation(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestProfessional(t *testing.T) {
	for in, want := range map[string]int{
		"Đại học": ProfUniversity, "Cử nhân kinh tế": ProfUniversity, "Kỹ sư nông nghiệp": ProfUniversity, "Cao đẳng sư phạm": ProfCollege,
		"Trung cấp y": ProfIntermediate, "Sơ cấp": ProfElementary, "Công nhân kỹ thuật bậc 3": ProfElementary,
		"Thạc sĩ": ProfMaster, "Tiến sĩ": ProfDoctor, "": ProfNone, "chưa qua đào tạo": ProfNone,
	} {
		if got := Professional(in); got != want {
			t.Errorf("Professional(%q) = %d, want %d", in, got, want)
		}
	}
}

func TestOccupation(t *testing.T) {
	for _, c := range []struct {
		c    Candidate
		want int
	}{
		{Candidate{Occupation: "Học sinh", Grade: "12A1"}, OccPupil},
		{Candidate{Source: SourceStudent}, OccPupil},
		{Candidate{Occupation: "Sinh viên Đại học Hồng Đức"}, OccStudent},
		{Candidate{Occupation: "Công chức xã"}, OccCommune},
		{Candidate{Occupation: "Phó Chủ tịch UBND xã"}, OccCommune},
		{Candidate{Occupation: "Công an viên"}, OccCommune},
		{Candidate{Occupation: "Trưởng thôn"}, OccVillage},
		{Candidate{Occupation: "Giáo viên"}, OccPublicEmployee},
		{Candidate{Occupation: "Y sĩ trạm y tế xã"}, OccPublicEmployee},
		{Candidate{Occupation: "Giáo viên trường tư thục"}, OccPrivateService},
		{Candidate{Occupation: "Công nhân may", Enterprise: "Công ty TNHH May Trường Sơn"}, OccEntWorker},
		{Candidate{Occupation: "Kế toán", Enterprise: "Công ty TNHH May Trường Sơn"}, OccEntOffice},
		{Candidate{Occupation: "Quản lý xưởng", Enterprise: "Công ty TNHH May Trường Sơn"}, OccEntManager},
		{Candidate{Occupation: "Nông dân"}, OccFarmer},
		{Candidate{Occupation: "Ngư dân"}, OccFarmer},
		{Candidate{Occupation: "Chiến sĩ công an tỉnh"}, OccArmed},
		{Candidate{Occupation: "Công chức Sở Tư pháp"}, OccCivilServant},
		{Candidate{Occupation: "Lao động tự do"}, OccOther},
		{Candidate{Occupation: "Dân quân thường trực"}, OccOther},
		{Candidate{}, OccUnknown},
	} {
		if got := Occupation(c.c); got != c.want {
			t.Errorf("Occupation(%q) = %s, want %s", c.c.Occupation, Occupations[got].VI, Occupations[c.want].VI)
		}
	}
}

// The breakdown counts each person in the categories of Biểu 2: the
// admitted at the age they had on the decision, beside the year before
// and the candidates in the pipeline today.
func TestBreakdownCategories(t *testing.T) {
	cell := Cell{ID: ID{1}, Name: "Chi bộ thôn Đông"}
	mk := func(id byte, sex Sex, dob Date, stage Stage, decision Date) Candidate {
		c := Candidate{ID: ID{id}, FullName: "Người " + string(rune('A'+id)), Sex: sex, DOB: dob, Ethnicity: "1", Religion: "none",
			CellID: cell.ID, Stage: stage, Source: SourceYouth, Steps: map[Stage]Step{}}
		if decision != 0 {
			c.Steps[StageDecision] = Step{Date: decision}
		}
		return c
	}
	// Admitted in 2026: a Mường Catholic woman of the Youth Union, 25 at
	// her decision, a high-school student; and a man of 61, a farmer.
	a := mk(1, Female, NewDate(2000, 6, 1), StageProbation, NewDate(2025, 6, 1).AddMonths(12))
	a.Ethnicity, a.Religion, a.YouthUnion, a.Occupation, a.Education, a.Grade = "6", "catholic", true, "Học sinh", "12/12", "12A1"
	b := mk(2, Male, NewDate(1965, 1, 1), StageDecision, NewDate(2026, 3, 2))
	b.Occupation, b.Education, b.Professional = "Nông dân", "9/12", "Trung cấp"
	// Admitted in 2025, the same months: the year before.
	c := mk(3, Male, NewDate(1990, 1, 1), StageOfficial, NewDate(2025, 4, 1))
	// In the pipeline: a girl of 17, and a man of 33 with no education written.
	d := mk(4, Female, NewDate(2009, 6, 1), StageSympathizer, 0)
	d.Source = SourceStudent
	e := mk(5, Male, NewDate(1993, 1, 1), StageClass, 0)
	// Out of the pipeline: counted nowhere.
	f := mk(6, Male, NewDate(1995, 1, 1), StageClass, 0)
	f.Outcome = OutcomeMoved
	in := ReportInput{Snapshot: Snapshot{Cells: []Cell{cell}}, Facts: FactsOfAll([]Candidate{a, b, c, d, e, f}), Today: NewDate(2026, 11, 27),
		From: NewDate(2026, 1, 1), To: NewDate(2026, 6, 30)}
	r, err := BuildReport("breakdown", in, VI)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(r.Title, "Biểu 2-BTCTW") || !strings.Contains(r.Title, "từ 01/01/2026 đến 30/06/2026") || len(r.Columns) != 7 {
		t.Errorf("title %q, columns %v", r.Title, r.Columns)
	}
	for name, want := range map[string]string{
		"Tổng số":                          "2|100,0%|1|200,0%|2|100,0%",
		"Trong đó: nữ":                     "1|50,0%|0|–|1|50,0%",
		"Người dân tộc thiểu số":           "1|50,0%|0|–|0|0,0%",
		"Người có tôn giáo":                "1|50,0%|0|–|0|0,0%",
		"Đoàn viên Đoàn TNCS Hồ Chí Minh":  "1|50,0%|0|–|0|0,0%",
		"Dưới 18 tuổi":                     "0|0,0%|0|–|1|50,0%",
		"Từ 18 đến 30 tuổi":                "1|50,0%|0|–|0|0,0%",
		"Từ 31 đến 35 tuổi":                "0|0,0%|1|0,0%|1|50,0%",
		"Trên 60 tuổi":                     "1|50,0%|0|–|0|0,0%",
		"Tuổi bình quân":                   "43,6||35,2||25,6|",
		"Trung học phổ thông":              "1|50,0%|0|–|0|0,0%",
		"Trung học cơ sở":                  "1|50,0%|0|–|0|0,0%",
		"Chưa ghi hoặc không đọc được":     "0|0,0%|1|0,0%|2|100,0%",
		"Trung cấp":                        "1|50,0%|0|–|0|0,0%",
		"Học sinh":                         "1|50,0%|0|–|1|50,0%",
		"Nông dân, lâm nghiệp, ngư nghiệp": "1|50,0%|0|–|0|0,0%",
		"Mường":                            "1|50,0%|0|–|0|0,0%",
		"Kinh":                             "1|50,0%|1|100,0%|2|100,0%",
		"Công giáo":                        "1|50,0%|0|–|0|0,0%",
	} {
		if got := strings.Join(row(t, r, name)[1:], "|"); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
	// Groups nobody belongs to are left out; the sections add up.
	for _, x := range r.Rows {
		if x[0] == "Tày" {
			t.Error("an ethnic group with nobody in it is listed")
		}
	}
	sum := func(labels []Text) (n, pool int) {
		for _, l := range labels {
			x := row(t, r, l.VI)
			n += atoi(t, x[1])
			pool += atoi(t, x[5])
		}
		return
	}
	var bands []Text
	for _, b := range AgeBands {
		bands = append(bands, b.Label)
	}
	for _, sec := range [][]Text{bands, GeneralEducations, Professionals, Occupations} {
		if n, pool := sum(sec); n != 2 || pool != 2 {
			t.Errorf("the section of %q adds up to %d admitted and %d in the pipeline, want 2 and 2", sec[0].VI, n, pool)
		}
	}
}

func TestPoolReport(t *testing.T) {
	cellA := Cell{ID: ID{1}, Name: "Chi bộ thôn Đông"}
	cellB := Cell{ID: ID{2}, Name: "Chi bộ thôn Bắc"}
	cellC := Cell{ID: ID{3}, Name: "Chi bộ cũ", Archived: true}
	mk := func(id byte, cell ID, stage Stage, src SourceGroup) Candidate {
		return Candidate{ID: ID{id}, FullName: "Người " + string(rune('A'+id)), CellID: cell, Stage: stage, Source: src, Steps: map[Stage]Step{}}
	}
	a := mk(1, cellA.ID, StageSource, SourceYouth)
	b := mk(2, cellA.ID, StageSympathizer, SourceWomen)
	c := mk(3, cellA.ID, StageComments, SourceYouth)
	d := mk(4, cellB.ID, StageOfficial, SourceYouth)
	d.Steps[StageOfficial] = Step{Date: NewDate(2026, 4, 2)}
	e := mk(5, cellB.ID, StageProbation, SourceSoldier)
	e.Outcome, e.OutcomeDate = OutcomeRemoved, NewDate(2026, 5, 20)
	f := mk(6, cellB.ID, StageOfficial, SourceSoldier)
	f.Steps[StageOfficial] = Step{Date: NewDate(2025, 12, 30)} // before the period
	in := ReportInput{Snapshot: Snapshot{Cells: []Cell{cellA, cellB, cellC}}, Facts: FactsOfAll([]Candidate{a, b, c, d, e, f}),
		Today: NewDate(2026, 11, 27), From: NewDate(2026, 1, 1), To: NewDate(2026, 5, 31)}
	r, err := BuildReport("pool", in, VI)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Columns) != 4+len(SourceGroups)+3 || r.Columns[3] != "Danh sách cảm tình Đảng" {
		t.Fatalf("columns %v", r.Columns)
	}
	// Columns: in pipeline, not yet listed, listed, then the six sources of
	// the list (youth, soldier, student, women, worker, other), recognised,
	// removed, note.
	for name, want := range map[string]string{
		"Chi bộ thôn Đông": "3|1|2|1|0|0|1|0|0|0|0|",
		"Chi bộ thôn Bắc":  "0|0|0|0|0|0|0|0|0|1|1|Không có quần chúng",
		"Toàn đảng bộ":     "3|1|2|1|0|0|1|0|0|1|1|1 chi bộ không có quần chúng",
	} {
		if got := strings.Join(row(t, r, name)[1:], "|"); got != want {
			t.Errorf("%s: %s, want %s", name, got, want)
		}
	}
	for _, x := range r.Rows {
		if x[0] == cellC.Name {
			t.Error("an archived cell with nothing to report is listed")
		}
	}
}
