package store

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// benchVersion names the cached 100k file; change it when the file layout
// or the generated data changes.
const benchVersion = "v3" // v3: revisions filed by record, current values point to them (migrate_lean.go)

var (
	benchFamily = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	benchMiddle = []string{"Văn", "Thị", "Đức", "Minh", "Ngọc", "Thanh", "Hữu", "Quang", "Thu", "Xuân"}
	benchGiven  = []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hùng", "Lan", "Linh",
		"Long", "Mai", "Nam", "Nga", "Phúc", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Trang", "Tuấn", "Yến"}
	benchStages = []model.Stage{model.StageSource, model.StageSympathizer, model.StageHelper, model.StageClass,
		model.StageApplication, model.StageVerified, model.StageCellVote, model.StageProbation}
)

// benchCandidate makes a varied, valid candidate.
func benchCandidate(r *rand.Rand, cells []model.ID, n int) model.Candidate {
	sex := model.Male
	g := 0
	if r.IntN(2) == 1 {
		sex, g = model.Female, 1
	}
	year := 1985 + r.IntN(22)
	if year >= 2000 {
		g += 2
	}
	stage := benchStages[r.IntN(len(benchStages))]
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
		FullName: benchFamily[r.IntN(len(benchFamily))] + " " + benchMiddle[r.IntN(len(benchMiddle))] + " " +
			benchGiven[r.IntN(len(benchGiven))],
		Sex: sex, DOB: model.NewDate(year, time.Month(1+r.IntN(12)), 1+r.IntN(28)),
		CCCD:      fmt.Sprintf("038%d%02d%06d", g, year%100, n%1000000),
		Ethnicity: "1", Religion: "none", Village: fmt.Sprintf("Thôn %d", 1+r.IntN(40)),
		Address: fmt.Sprintf("Xóm %d, thôn %d", 1+r.IntN(9), 1+r.IntN(40)), Occupation: "Nông dân",
		Education: "12/12", YouthUnion: true, Source: model.SourceGroup(model.SourceGroups[r.IntN(6)].Code),
		CellID: cells[r.IntN(len(cells))], Stage: stage, Steps: steps,
		Notes: "Gia đình chấp hành tốt chủ trương, chính sách.",
	}
}

// bench100k returns a file holding 60 cells and 100,000 candidates, built
// once and kept in the temp folder between benchmark runs.
func bench100k(b *testing.B) string { return benchFile(b, 100_000) }

// benchFile returns a file holding 60 cells and n candidates (imported
// 10,000 at a time, as a clerk's imports would), built once and kept in the
// temp folder between benchmark runs. It also returns nothing else: the
// JSON size of its payloads is benchJSONSize.
func benchFile(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("nguon-bench-%s-%d.db", benchVersion, n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".building"
	os.Remove(tmp)
	start := time.Now()
	s, err := Open(tmp, Options{DeviceID: "bench", Now: func() time.Time { return testEpoch }})
	must(b, err)
	d := model.Dataset{Settings: DefaultSettings()}
	cells := benchCells(&d)
	must(b, s.Import(d))
	r := rand.New(rand.NewPCG(7, 11))
	for done := 0; done < n; {
		d := model.Dataset{}
		for i := 0; i < 10000 && done < n; i++ {
			d.Candidates = append(d.Candidates, benchCandidate(r, cells, done))
			done++
		}
		must(b, s.Import(d))
	}
	must(b, s.Close())
	must(b, os.Rename(tmp, path))
	st, _ := os.Stat(path)
	b.Logf("built %s (%d MB) in %v", path, st.Size()>>20, time.Since(start).Round(time.Millisecond))
	return path
}

// benchCells adds the 60 cells of every bench file to d.
func benchCells(d *model.Dataset) []model.ID {
	var cells []model.ID
	for i := range 60 {
		c := testCell(fmt.Sprintf("Chi bộ thôn %d", i+1))
		c.ID = model.NewID(testEpoch)
		cells = append(cells, c.ID)
		d.Cells = append(d.Cells, c)
	}
	return cells
}

// BenchmarkFileSize reports the size of a file of 1,000, 10,000 and
// 100,000 candidates against one JSON copy of every record in it (the
// goal is at most 2.5 times), and what one candidate costs on disk.
func BenchmarkFileSize(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			path := benchFile(b, n)
			isolate(b)
			st, err := os.Stat(path)
			must(b, err)
			var jsonBytes int
			for b.Loop() {
				jsonBytes = 0
				s, err := Open(path, Options{DeviceID: "bench", ReadOnly: true})
				must(b, err)
				cands, err := s.Candidates()
				must(b, err)
				cells, err := s.Cells()
				must(b, err)
				for _, c := range cands {
					j, _ := json.Marshal(c)
					jsonBytes += len(j)
				}
				for _, c := range cells {
					j, _ := json.Marshal(c)
					jsonBytes += len(j)
				}
				s.Close()
			}
			b.ReportMetric(float64(st.Size())/1e6, "MB-file")
			b.ReportMetric(float64(jsonBytes)/1e6, "MB-json")
			b.ReportMetric(float64(st.Size())/float64(jsonBytes), "x-json")
			b.ReportMetric(float64(st.Size())/float64(n), "B/cand")
		})
	}
}

// BenchmarkSaveCandidate is one PutCandidate, fsync included, on a file
// that already holds a thousand candidates.
func BenchmarkSaveCandidate(b *testing.B) {
	s := newTestStore(b)
	cell := testCell("Chi bộ thôn Đông")
	must(b, s.PutCell(&cell))
	r := rand.New(rand.NewPCG(1, 1))
	d := model.Dataset{}
	for i := range 1000 {
		d.Candidates = append(d.Candidates, benchCandidate(r, []model.ID{cell.ID}, i))
	}
	must(b, s.Import(d))
	i := 0
	for b.Loop() {
		c := benchCandidate(r, []model.ID{cell.ID}, 1000+i)
		i++
		if err := s.PutCandidate(&c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpen100k opens a 100,000-candidate file and loads what the
// first screen shows.
func BenchmarkOpen100k(b *testing.B) {
	path := bench100k(b)
	isolate(b)
	for b.Loop() {
		s, err := Open(path, Options{DeviceID: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Settings(); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Cells(); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Classes(); err != nil {
			b.Fatal(err)
		}
		rows, err := s.CandidateRows()
		if err != nil || len(rows) != 100000 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
		s.Close()
	}
}

// BenchmarkCandidateRows100k reads the 100,000 list rows of an open file.
func BenchmarkCandidateRows100k(b *testing.B) {
	s, err := Open(bench100k(b), Options{DeviceID: "bench", ReadOnly: true})
	must(b, err)
	defer s.Close()
	for b.Loop() {
		if rows, err := s.CandidateRows(); err != nil || len(rows) != 100000 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}

// BenchmarkRowDecode compares JSON with the binary row encoding, per 100k rows.
func BenchmarkRowDecode(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 3))
	cells := []model.ID{model.NewID(testEpoch)}
	var asJSON, asBinary [][]byte
	for i := range 100000 {
		c := benchCandidate(r, cells, i)
		c.ID = model.NewID(testEpoch)
		row := c.Row()
		j, _ := json.Marshal(row)
		asJSON = append(asJSON, j)
		asBinary = append(asBinary, encodeRow(row))
	}
	b.Run("json", func(b *testing.B) {
		for b.Loop() {
			out := make([]model.CandidateRow, len(asJSON))
			for i, v := range asJSON {
				if err := json.Unmarshal(v, &out[i]); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("binary", func(b *testing.B) {
		for b.Loop() {
			out := make([]model.CandidateRow, len(asBinary))
			for i, v := range asBinary {
				var err error
				if out[i], err = decodeRow(v); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkCheck100k runs the full integrity check on the 100k file.
func BenchmarkCheck100k(b *testing.B) {
	path := bench100k(b)
	isolate(b)
	for b.Loop() {
		errs, err := Check(path)
		if err != nil || len(errs) != 0 {
			b.Fatalf("Check: %v %v", err, errs)
		}
	}
	b.ReportMetric(float64(lastChildPeak.Load())/1e6, "MB-child")
}

// BenchmarkBackup100k writes and verifies a backup of the 100k file.
func BenchmarkBackup100k(b *testing.B) {
	path := bench100k(b)
	isolate(b)
	out := filepath.Join(b.TempDir(), "backup.db")
	for b.Loop() {
		if err := Backup(path, out); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(lastChildPeak.Load())/1e6, "MB-child")
}

// BenchmarkOpenCheck100k is the check made on every open (child.go): the
// page scan, bbolt's page check, meta and every record verified, in a
// child process.
func BenchmarkOpenCheck100k(b *testing.B) {
	path := bench100k(b)
	isolate(b)
	for b.Loop() {
		in, err := inspect(path, modeOpen, model.DateOf(testEpoch), time.Second)
		if err != nil || in.err() != nil || len(in.Damaged) != 0 {
			b.Fatalf("open check: %v %+v", err, in)
		}
	}
	b.ReportMetric(float64(lastChildPeak.Load())/1e6, "MB-child")
}

// BenchmarkVerify100k is the record part of the open check alone, in this
// process: every revision hashed, every current value and row checked
// against its winning revision, both ways.
func BenchmarkVerify100k(b *testing.B) {
	s, err := Open(bench100k(b), Options{DeviceID: "bench", ReadOnly: true})
	must(b, err)
	defer s.Close()
	for b.Loop() {
		must(b, s.view(func(tx *bolt.Tx) error {
			if d := verifyAll(tx); len(d) != 0 {
				b.Fatal(d)
			}
			return nil
		}))
	}
}

// BenchmarkRowsVerified100k reads the 100,000 list rows with and without
// the check that ties each to its revision: the cost of verification on
// what the first screen loads.
func BenchmarkRowsVerified100k(b *testing.B) {
	s, err := Open(bench100k(b), Options{DeviceID: "bench", ReadOnly: true})
	must(b, err)
	defer s.Close()
	b.Run("unverified", func(b *testing.B) {
		for b.Loop() {
			must(b, s.view(func(tx *bolt.Tx) error {
				n := 0
				c := tx.Bucket(bucketRowsCand).Cursor()
				for k, v := c.First(); k != nil; k, v = c.Next() {
					if _, err := decodeRow(v); err != nil {
						return err
					}
					n++
				}
				if n != 100000 {
					b.Fatalf("%d rows", n)
				}
				return nil
			}))
		}
	})
	b.Run("verified", func(b *testing.B) {
		for b.Loop() {
			if rows, err := s.CandidateRows(); err != nil || len(rows) != 100000 {
				b.Fatalf("%d rows, %v", len(rows), err)
			}
		}
	})
}

// BenchmarkCandidates100k decodes every full candidate record, each
// verified against the SHA-256 of its revision (an export reads them so).
func BenchmarkCandidates100k(b *testing.B) {
	s, err := Open(bench100k(b), Options{DeviceID: "bench", ReadOnly: true})
	must(b, err)
	defer s.Close()
	for b.Loop() {
		if c, err := s.Candidates(); err != nil || len(c) != 100000 {
			b.Fatalf("%d candidates, %v", len(c), err)
		}
	}
}
