// Command peakmem-gen writes the data files tools/peakmem/run.sh measures
// the commands on: the demo commune (its cells, classes and closed
// meetings, so that every report and the minutes have something to say),
// 60 more cells, 20 of them in two other communes as in a district's
// merged file, and candidates up to -n, imported 10,000 at a time as a
// clerk's imports would be; the candidates are made as the store's
// benchmarks make them (store/bench_test.go, benchCandidate), with a
// varied profile so that the Biểu 2 breakdown has every category to
// count. With -edited it also writes a copy of that file in which another
// laptop changed 1,000 candidates and added 500: what merge merges.
//
// It is not part of the program, and writes only the files it is given.
package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"time"

	"nguon/model"
	"nguon/store"
)

var (
	family = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	middle = []string{"Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Quang", "Thu", "Xuân"}
	given  = []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh",
		"Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"}
	stages = []model.Stage{model.StageSource, model.StageSympathizer, model.StageHelper, model.StageClass,
		model.StageApplication, model.StageVerified, model.StageCellVote, model.StageProbation}
	occupations = []string{"Nông dân", "Nông dân", "Nông dân", "Công nhân may", "Giáo viên", "Học sinh", "Sinh viên",
		"Lao động tự do", "Trưởng thôn", "Công chức xã", "Kế toán", ""}
	educations    = []string{"12/12", "12/12", "12/12", "9/12", "Tốt nghiệp THPT", "THCS", ""}
	professionals = []string{"", "", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ"}
	ethnicities   = []string{"1", "1", "1", "1", "2", "6", "8"}
	religions     = []string{"none", "none", "none", "buddhism", "catholic"}
)

func main() {
	out := flag.String("out", "", "the file to write (must not exist)")
	edited := flag.String("edited", "", "also write a copy of -out with another laptop's edits here")
	n := flag.Int("n", 100_000, "candidates in all, the demo's included")
	flag.Parse()
	if *out == "" {
		fmt.Fprintln(os.Stderr, "usage: peakmem-gen -out FILE [-edited FILE] [-n N]")
		os.Exit(2)
	}
	if err := generate(*out, *n); err != nil {
		fail(err)
	}
	if *edited != "" {
		if err := copyFile(*out, *edited); err != nil {
			fail(err)
		}
		if err := edit(*edited); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "peakmem-gen:", err)
	os.Exit(1)
}

func generate(path string, n int) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s exists", path)
	}
	now := time.Now()
	s, err := store.Open(path, store.Options{DeviceID: "peakmem", Now: func() time.Time { return now }})
	if err != nil {
		return err
	}
	defer s.Close()
	demo := model.Demo(model.DateOf(now))
	if err := s.Import(demo); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	var cells []model.ID
	d := model.Dataset{}
	for i := range 60 {
		c := model.Cell{Name: fmt.Sprintf("Chi bộ thôn %d", i+1), Kind: "village", Secretary: "Lê Văn Bình",
			Village: fmt.Sprintf("Thôn %d", i+1), OfficialMembers: 24, ProbationaryMembers: 2, ID: model.NewID(now),
			Targets: []model.Target{{Year: now.Year(), Total: 3, BySource: map[model.SourceGroup]int{model.SourceYouth: 2}}}}
		switch {
		case i >= 50:
			c.Commune = "Đảng bộ xã Xuân Lộc"
		case i >= 40:
			c.Commune = "Đảng bộ xã Hòa Bình"
		}
		cells = append(cells, c.ID)
		d.Cells = append(d.Cells, c)
	}
	if err := s.Import(d); err != nil {
		return fmt.Errorf("cells: %w", err)
	}
	r := rand.New(rand.NewPCG(7, 11))
	for done := len(demo.Candidates); done < n; {
		d := model.Dataset{}
		for i := 0; i < 10_000 && done < n; i++ {
			d.Candidates = append(d.Candidates, candidate(r, cells, done))
			done++
		}
		if err := s.Import(d); err != nil {
			return fmt.Errorf("candidates: %w", err)
		}
	}
	return s.Close()
}

// candidate makes a varied, valid candidate, as store/bench_test.go's
// benchCandidate does, with a profile drawn from a few typical entries.
func candidate(r *rand.Rand, cells []model.ID, n int) model.Candidate {
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	sex := model.Male
	g := 0
	if r.IntN(2) == 1 {
		sex, g = model.Female, 1
	}
	year := 1985 + r.IntN(22)
	if year >= 2000 {
		g += 2
	}
	stage := stages[r.IntN(len(stages))]
	steps := map[model.Stage]model.Step{}
	d := model.NewDate(2023, time.Month(1+r.IntN(12)), 1+r.IntN(28))
	for i := 0; i <= stage.Index(); i++ {
		steps[model.Stage(model.Stages[i].Code)] = model.Step{Date: d}
		d = d.AddDays(20 + r.IntN(40))
		if d > 20260301 {
			d = 20260301
		}
	}
	return model.Candidate{
		FullName: pick(family) + " " + pick(middle) + " " + pick(given),
		Sex:      sex, DOB: model.NewDate(year, time.Month(1+r.IntN(12)), 1+r.IntN(28)),
		CCCD:      fmt.Sprintf("038%d%02d%06d", g, year%100, n%1000000),
		Ethnicity: pick(ethnicities), Religion: pick(religions), Village: fmt.Sprintf("Thôn %d", 1+r.IntN(40)),
		Address: fmt.Sprintf("Xóm %d, thôn %d", 1+r.IntN(9), 1+r.IntN(40)), Occupation: pick(occupations),
		Education: pick(educations), Professional: pick(professionals), YouthUnion: r.IntN(3) > 0,
		Source: model.SourceGroup(model.SourceGroups[r.IntN(6)].Code),
		CellID: cells[r.IntN(len(cells))], Stage: stage, Steps: steps,
		Notes: "Gia đình chấp hành tốt chủ trương, chính sách.",
	}
}

// edit is another laptop's work on a copy: 1,000 candidates changed (one
// in every 90) and 500 added, in one transaction.
func edit(path string) error {
	now := time.Now().Add(time.Hour)
	s, err := store.Open(path, store.Options{DeviceID: "peakmem-2", Now: func() time.Time { return now }})
	if err != nil {
		return err
	}
	defer s.Close()
	rows, err := s.CandidateRows()
	if err != nil {
		return err
	}
	var cells []model.ID
	for _, r := range rows[:100] {
		cells = append(cells, r.Cell)
	}
	r := rand.New(rand.NewPCG(13, 17))
	err = s.Update(func(t *store.Tx) error {
		for i := 0; i < 1000 && i*90 < len(rows); i++ {
			c, err := t.Candidate(rows[i*90].ID)
			if err != nil {
				return err
			}
			c.Notes = "Đã xác minh lý lịch."
			c.Village = fmt.Sprintf("Thôn %d", 1+r.IntN(40))
			if err := t.PutCandidate(&c); err != nil {
				return err
			}
		}
		for i := range 500 {
			c := candidate(r, cells, 900_000+i)
			if err := t.PutCandidate(&c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return s.Close()
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
