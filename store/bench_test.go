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
const benchVersion = "v2" // v2: candidate rows carry their check (rows.go)

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
func bench100k(b *testing.B) string {
	b.Helper()
	path := filepath.Join(os.TempDir(), "nguon-bench-"+benchVersion+"-100k.db")
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".building"
	os.Remove(tmp)
	start := time.Now()
	s, err := Open(tmp, Options{DeviceID: "bench", Now: func() time.Time { return testEpoch }})
	must(b, err)
	var cells []model.ID
	d := model.Dataset{Settings: DefaultSettings()}
	for i := range 60 {
		c := testCell(fmt.Sprintf("Chi bộ thôn %d", i+1))
		c.ID = model.NewID(testEpoch)
		cells = append(cells, c.ID)
		d.Cells = append(d.Cells, c)
	}
	must(b, s.Import(d))
	r := rand.New(rand.NewPCG(7, 11))
	for batch := range 10 {
		d := model.Dataset{}
		for i := range 10000 {
			d.Candidates = append(d.Candidates, benchCandidate(r, cells, batch*10000+i))
		}
		must(b, s.Import(d))
	}
	must(b, s.Close())
	must(b, os.Rename(tmp, path))
	st, _ := os.Stat(path)
	b.Logf("built %s (%d MB) in %v", path, st.Size()>>20, time.Since(start).Round(time.Millisecond))
	return path
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
