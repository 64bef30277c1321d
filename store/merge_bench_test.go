package store

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"nguon/model"
)

// Merge benchmarks (issue 13's goals): 60 communes' files of 2,000
// candidates each into one district file (≤ 10 s), and a 100,000-candidate
// file into an identical copy (≤ 3 s). Copies are checked in a child
// process, as in the program. Run with -benchtime 1x -count 3.

// benchCommunes returns 60 commune files of 2,000 candidates, built once
// and kept in the temp folder between runs.
func benchCommunes(b *testing.B) []string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), "nguon-bench-"+benchVersion+"-communes")
	var paths []string
	for i := range 60 {
		paths = append(paths, filepath.Join(dir, fmt.Sprintf("xa-%02d.db", i+1)))
	}
	if _, err := os.Stat(paths[len(paths)-1]); err == nil {
		return paths
	}
	must(b, os.MkdirAll(dir, 0o700))
	start := time.Now()
	for i, path := range paths {
		buildCommune(b, path, i)
	}
	b.Logf("built 60 commune files in %v", time.Since(start).Round(time.Millisecond))
	return paths
}

// buildCommune writes commune n's file: its settings, 5 cells, 2,000
// candidates with CCCDs of their own.
func buildCommune(b *testing.B, path string, n int) {
	tmp := path + ".building"
	os.Remove(tmp)
	s, err := Open(tmp, Options{DeviceID: fmt.Sprintf("xa-%02d", n+1), Now: func() time.Time { return testEpoch }})
	must(b, err)
	d := model.Dataset{Settings: DefaultSettings()}
	d.Settings.Commune = fmt.Sprintf("Đảng bộ xã Số %d", n+1)
	var cells []model.ID
	for i := range 5 {
		c := testCell(fmt.Sprintf("Chi bộ thôn %d", i+1))
		c.ID = model.NewID(testEpoch)
		cells = append(cells, c.ID)
		d.Cells = append(d.Cells, c)
	}
	r := rand.New(rand.NewPCG(uint64(n), 13))
	for i := range 2000 {
		d.Candidates = append(d.Candidates, benchCandidate(r, cells, n*2000+i))
	}
	must(b, s.Import(d))
	must(b, s.Close())
	must(b, os.Rename(tmp, path))
}

func BenchmarkMerge60Communes(b *testing.B) {
	paths := benchCommunes(b)
	isolate(b)
	for b.Loop() {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "huyen.db")
		s, err := Open(path, Options{DeviceID: "huyen"})
		must(b, err)
		set := DefaultSettings()
		set.Commune = "Huyện ủy Thọ Xuân"
		must(b, s.PutSettings(set))
		b.StartTimer()
		res, err := s.Merge(paths, testEpoch)
		b.StopTimer()
		must(b, err)
		added := 0
		for _, f := range res.Files {
			added += f.Added
		}
		if added != 60*2005 || len(res.Conflicts) != 0 {
			b.Fatalf("added %d records, %d conflicts", added, len(res.Conflicts))
		}
		must(b, s.Close())
		b.StartTimer()
	}
}

func BenchmarkMergeIdentical100k(b *testing.B) {
	src := bench100k(b)
	ours := filepath.Join(b.TempDir(), "nguon.db")
	copyFile(b, src, ours)
	isolate(b)
	s, err := Open(ours, Options{DeviceID: "bench"})
	must(b, err)
	defer s.Close()
	before := fileHash(b, ours)
	for b.Loop() {
		res, err := s.Merge([]string{src}, testEpoch)
		must(b, err)
		if res.Written || res.Files[0].Unchanged != 100061 {
			b.Fatalf("merging an identical copy: %+v", res.Files)
		}
	}
	if fileHash(b, ours) != before {
		b.Fatal("merging an identical copy changed the file")
	}
}
