package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// The facts index options by place, which counts a person once in the
// option of their code only if no two options share a code.
func TestReportFactsCodesUnique(t *testing.T) {
	for name, opts := range map[string][]Option{"SourceGroups": SourceGroups, "Ethnicities": Ethnicities, "Religions": Religions} {
		seen := map[string]bool{}
		for _, o := range opts {
			if seen[o.Code] {
				t.Errorf("%s holds code %q twice", name, o.Code)
			}
			seen[o.Code] = true
		}
	}
}

// randomCandidates makes n candidates whose free text, codes, stages,
// outcomes and dates reach every category of the breakdown and every
// column of the pool, including codes no option knows and empty fields.
func randomCandidates(r *rand.Rand, cells []ID, n int) []Candidate {
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	date := func(y0, years int) Date {
		if r.IntN(6) == 0 {
			return 0
		}
		return NewDate(y0+r.IntN(years), time.Month(1+r.IntN(12)), 1+r.IntN(28))
	}
	codes := func(opts []Option, extra ...string) string {
		if r.IntN(4) == 0 {
			return pick(extra...)
		}
		return opts[r.IntN(len(opts))].Code
	}
	out := make([]Candidate, n)
	for i := range out {
		stage := Stage(Stages[r.IntN(len(Stages))].Code)
		c := Candidate{
			ID: ID{byte(i >> 8), byte(i), 1}, FullName: fmt.Sprintf("Người %d", i),
			Sex: Sex(pick(string(Male), string(Female), "")), DOB: date(1950, 62),
			Ethnicity: codes(Ethnicities, "", "99", "56", "1"), Religion: codes(Religions, "", "khác", "none"),
			YouthUnion:   r.IntN(2) == 0,
			Education:    pick("", "12/12", "9/12", "7/10", "3/12", "13/12", "Tốt nghiệp THPT", "THCS", "Tiểu học", "biết đọc", "Đại học", "lớp học"),
			Professional: pick("", "Đại học", "Cử nhân", "Cao đẳng", "Trung cấp y", "Sơ cấp", "Thạc sĩ", "TS", "chưa qua đào tạo"),
			Occupation: pick("", "Học sinh", "Sinh viên", "Công chức xã", "Trưởng thôn", "Giáo viên", "Giáo viên trường tư thục",
				"Công nhân may", "Kế toán", "Quản lý xưởng", "Nông dân", "Chiến sĩ công an tỉnh", "Công chức Sở Tư pháp",
				"Lao động tự do", "Cán bộ Mặt trận tỉnh"),
			Enterprise: pick("", "", "Công ty TNHH May"), Grade: pick("", "", "12A1"),
			Source: SourceGroup(codes(SourceGroups, "", "unknown")), Stage: stage,
			Outcome: Outcome(pick("", "", "", string(OutcomeRemoved), string(OutcomeMoved), string(OutcomeWithdrawn))),
			Steps:   map[Stage]Step{},
		}
		if len(cells) > 0 && r.IntN(20) != 0 {
			c.CellID = cells[r.IntN(len(cells))]
		}
		for _, s := range []Stage{StageDecision, StageOfficial, stage} {
			if d := date(2024, 3); d != 0 {
				c.Steps[s] = Step{Date: d}
			}
		}
		c.OutcomeDate = date(2024, 3)
		out[i] = c
	}
	return out
}

// refBuild computes report what the way it was computed before
// ReportFacts, from the full records: the reference the reports must
// agree with.
func refBuild(t *testing.T, what string, in ReportInput, cands []Candidate, lang Lang) Report {
	t.Helper()
	if in.Commune != "" {
		c, ok := MatchCommune(in.Commune, Communes(in.Cells, in.Settings.Commune))
		if !ok {
			t.Fatalf("no commune %q", in.Commune)
		}
		cellsIn := CellsOf(in.Cells, in.Settings.Commune, c)
		cands = slices.DeleteFunc(slices.Clone(cands), func(x Candidate) bool { return !cellsIn[x.CellID] })
		in.Snapshot, _ = in.Snapshot.OfCommune(c, nil)
		in.Commune = ""
		r := refBuild(t, what, in, cands, lang)
		if c != "" {
			r.Committee = c
		}
		return r
	}
	from, to, err := in.Period(what)
	if err != nil {
		t.Fatal(err)
	}
	in.From, in.To, in.Year = from, to, from.Year()
	var r Report
	if what == "breakdown" {
		r = refReportBreakdown(in, cands, lang)
	} else {
		r = refReportPool(in, cands, lang)
	}
	r.Kind, r.Committee, r.Made, r.From, r.To = what, Clean(in.Settings.Commune), in.Today, from, to
	return r
}

// The breakdown and pool reports over the facts are, byte for byte, what
// they were over the full records: on the demo and on random files of two
// communes, in both languages, over a year, a part of one and two years,
// for the whole file and for each commune.
func TestReportFactsAgreeWithRecords(t *testing.T) {
	today := NewDate(2026, 11, 27)
	demo := Demo(today)
	type file struct {
		snap  Snapshot
		cands []Candidate
	}
	files := []file{{Snapshot{Settings: demo.Settings, Cells: demo.Cells}, demo.Candidates}}
	for seed := range uint64(4) {
		r := rand.New(rand.NewPCG(seed, 99))
		cells := []Cell{{ID: ID{1}, Name: "Chi bộ thôn Đông"}, {ID: ID{2}, Name: "Chi bộ thôn Bắc", Archived: seed%2 == 0},
			{ID: ID{3}, Name: "Chi bộ xã bên", Commune: "Đảng bộ xã Hòa Bình"}, {ID: ID{4}, Name: "Chi bộ trống"}}
		ids := []ID{cells[0].ID, cells[1].ID, cells[2].ID}
		files = append(files, file{Snapshot{Settings: Settings{Commune: "Đảng bộ xã Trường Sơn"}, Cells: cells},
			randomCandidates(r, ids, 400+int(seed)*300)})
	}
	periods := [][2]Date{{0, 0}, {NewDate(2025, 3, 15), NewDate(2025, 9, 30)}, {NewDate(2024, 7, 1), NewDate(2026, 6, 30)}}
	for fi, f := range files {
		facts := FactsOfAll(f.cands)
		communes := []string{""}
		if len(Communes(f.snap.Cells, f.snap.Settings.Commune)) > 1 {
			communes = append(communes, "Trường Sơn", "hoa binh")
		}
		for _, what := range []string{"breakdown", "pool"} {
			for _, p := range periods {
				for _, commune := range communes {
					for _, lang := range []Lang{VI, EN} {
						in := ReportInput{Snapshot: f.snap, Facts: facts, Today: today, From: p[0], To: p[1], Commune: commune}
						got, err := BuildReport(what, in, lang)
						if err != nil {
							t.Fatal(err)
						}
						want := refBuild(t, what, in, f.cands, lang)
						if got.Text() != want.Text() || fmt.Sprint(got) != fmt.Sprint(want) {
							t.Fatalf("file %d, %s %v %q %v:\n%s\nwant\n%s", fi, what, p, commune, lang, got.Text(), want.Text())
						}
					}
				}
			}
		}
	}
}

// A file's random candidates reach the categories the comparison is
// meant to exercise: a comparison over empty rows would prove nothing.
func TestRandomCandidatesReachCategories(t *testing.T) {
	cands := randomCandidates(rand.New(rand.NewPCG(1, 99)), []ID{{1}}, 1000)
	in := ReportInput{Snapshot: Snapshot{Cells: []Cell{{ID: ID{1}, Name: "Chi bộ"}}}, Facts: FactsOfAll(cands),
		Today: NewDate(2026, 11, 27), From: NewDate(2024, 1, 1), To: NewDate(2026, 12, 31)}
	r, err := BuildReport("breakdown", in, VI)
	if err != nil {
		t.Fatal(err)
	}
	empty := 0
	for _, x := range r.Rows {
		if x[1] == "0" && x[5] == "0" {
			empty = empty + 1
			t.Logf("no one in %q", x[0])
		}
	}
	if empty > 0 {
		t.Errorf("%d categories of the breakdown have nobody in them", empty)
	}
	p, _ := BuildReport("pool", in, VI)
	if tot := strings.Join(p.Rows[len(p.Rows)-1][1:], "|"); strings.Contains(tot, "|0|") {
		t.Errorf("the pool's total has an empty column: %s", tot)
	}
}
