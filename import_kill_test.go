package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nguon/store"
)

// killImportCSV is n new candidates of the demo's cell "Chi bộ thôn Đông
// Hòa", each with a name of its own.
func killImportCSV(t *testing.T, n int) string {
	t.Helper()
	family := []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"}
	middle := []string{"Văn", "Thị", "Hữu", "Đức", "Minh", "Thu", "Quang", "Ngọc"}
	given := []string{"An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan"}
	path := filepath.Join(t.TempDir(), "ds.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := csv.NewWriter(f)
	w.Write([]string{"Họ và tên", "Ngày sinh", "Giới tính", "Nguồn", "Chi bộ"})
	for i := range n {
		name := fmt.Sprintf("%s %s %s %s", family[i%8], middle[i/8%8], given[i/64%8], given[i/512%8])
		w.Write([]string{name, fmt.Sprintf("%02d-%02d-2001", 1+i%28, 1+i/28%12), "Nam", "Đoàn viên", "Thôn Đông Hòa"})
	}
	w.Flush()
	if err := f.Close(); err != nil || w.Error() != nil {
		t.Fatal(err, w.Error())
	}
	return path
}

// An import killed (kill -9) between two of its batches: the file is
// refused read-only, and the next read-write open puts it back as it was
// before the import, keeps the half-imported file as a backup and says so.
func TestImportKilledBetweenBatchesIsUndone(t *testing.T) {
	fb := buildFaultBin(t)
	db := demoFile(t)
	before := filepath.Join(t.TempDir(), "before.csv")
	if r := nguon(t, nil, "export", "--db", db, "--what", "candidates", "--out", before); r.code != 0 {
		t.Fatalf("export: %s", r.stderr)
	}
	in := killImportCSV(t, 350) // four batches of 100 in the fault build
	r := runBin(t, fb, []string{"NGUON_FAULT=import-kill"}, "import", "--db", db, "--in", in)
	if r.code == 0 || strings.Contains(r.stdout, "Imported") || strings.Contains(r.stdout, "Đã nhập") {
		t.Fatalf("the killed import: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}

	// Read-only, it is refused with a sentence.
	out := filepath.Join(t.TempDir(), "x.csv")
	r = nguon(t, []string{"NGUON_LANG=en"}, "export", "--db", db, "--what", "candidates", "--out", out)
	oneLineErr(t, r, "export of a half-imported file")
	if r.code != 1 || !strings.Contains(r.stderr, "open it normally") {
		t.Errorf("export of a half-imported file: exit %d: %q", r.code, r.stderr)
	}

	// Opened read-write (here by another import, of one row), it is undone first.
	one := filepath.Join(t.TempDir(), "one.csv")
	if err := os.WriteFile(one, []byte("Họ và tên,Ngày sinh,Giới tính,Nguồn,Chi bộ\nLò Văn Páo,19-04-2001,Nam,Đoàn viên,Thôn Đông Hòa\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = nguon(t, []string{"NGUON_LANG=en"}, "import", "--db", db, "--in", one)
	if r.code != 0 || !strings.Contains(r.stdout, "stopped half way, so the data file was put back exactly as it was before it") ||
		!strings.Contains(r.stdout, "Imported into") {
		t.Fatalf("import after the kill: exit %d: %s%s", r.code, r.stdout, r.stderr)
	}
	if r := nguon(t, nil, "export", "--db", db, "--what", "candidates", "--out", out); r.code != 0 {
		t.Fatalf("export: %s", r.stderr)
	}
	was, now := mustRead(t, before), mustRead(t, out)
	if strings.Contains(string(now), "Nguyễn Văn An An") || !strings.Contains(string(now), "Lò Văn Páo") ||
		strings.Count(string(now), "\n") != strings.Count(string(was), "\n")+1 {
		t.Errorf("after the undo and one more row:\n%s\nbefore:\n%s", now, was)
	}
	list, err := store.ListBackups(db)
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]int{}
	for _, b := range list {
		reasons[b.Reason]++
	}
	if reasons[store.ReasonImport] < 1 || reasons[store.ReasonRestore] != 1 {
		t.Errorf("backups: %v", reasons)
	}
	if r := nguon(t, nil, "check", "--db", db); r.code != 0 {
		t.Errorf("check: %s", r.stderr)
	}
}

// runBin runs another build of the program, as nguon runs the test's.
func runBin(t *testing.T, exe string, env []string, args ...string) result {
	t.Helper()
	keep := bin
	bin = exe
	defer func() { bin = keep }()
	return nguon(t, env, args...)
}
