package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nguon/model"
)

// cellStore is a fresh store holding one cell, so it is worth backing up.
func cellStore(t *testing.T, name string) *Store {
	t.Helper()
	s := newTestStore(t)
	c := testCell(name)
	must(t, s.PutCell(&c))
	return s
}

// cellNames opens path read-only and returns its cells' names.
func cellNames(t *testing.T, path string) []string {
	t.Helper()
	s, err := Open(path, Options{ReadOnly: true, DeviceID: "test-device"})
	must(t, err)
	defer s.Close()
	cells, err := s.Cells()
	must(t, err)
	var out []string
	for _, c := range cells {
		out = append(out, c.Name)
	}
	return out
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	must(t, err)
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

// Thirteen automatic backups leave the ten newest; a manual one and files
// that are not ours by name stay whatever their age; a backup made with
// the clock set back is not rotated away the moment it is made.
func TestBackupsRotationKeepsTenNewest(t *testing.T) {
	s := cellStore(t, "Chi bộ thôn Đông")
	dir := BackupDir(s.Path())
	must(t, os.MkdirAll(dir, 0o700))
	foreign := []string{"nguon-ghi-chu.txt", "nguon-2020-01-01-000000-hang-ngay.db.bak",
		"khac-2020-01-01-000000-hang-ngay.db", "nguon-2020-01-01-000000-tuy-y.db"}
	for _, f := range foreign {
		must(t, os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o600))
	}
	manual, err := s.AutoBackup(ReasonManual, testEpoch.Add(-time.Hour))
	must(t, err)

	var made []string
	for i := range 13 {
		reason := []string{ReasonDaily, ReasonImport, ReasonMerge}[i%3]
		p, err := s.AutoBackup(reason, testEpoch.Add(time.Duration(i)*time.Minute))
		must(t, err)
		made = append(made, p)
	}
	list, err := ListBackups(s.Path())
	must(t, err)
	var auto []string
	for _, b := range list {
		if b.Automatic() {
			auto = append(auto, b.Path)
		}
	}
	if len(auto) != KeepBackups {
		t.Fatalf("%d automatic backups kept, want %d: %v", len(auto), KeepBackups, dirNames(t, dir))
	}
	for i, p := range auto { // newest first: made[12] … made[3]
		if p != made[12-i] {
			t.Errorf("kept #%d = %s, want %s", i, filepath.Base(p), filepath.Base(made[12-i]))
		}
	}
	for _, p := range made[:3] {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s should have been rotated away", filepath.Base(p))
		}
	}
	if last := list[len(list)-1]; last.Path != manual || last.Reason != ReasonManual {
		t.Errorf("oldest listed = %+v, want the manual backup %s", last, manual)
	}
	for _, f := range foreign {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("a file that is not ours was touched: %s: %v", f, err)
		}
	}
	if want := "nguon-2026-03-15-091200-hang-ngay.db"; filepath.Base(made[12]) != want {
		t.Errorf("name %s, want %s", filepath.Base(made[12]), want)
	}
	if got := cellNames(t, made[12]); len(got) != 1 || got[0] != "Chi bộ thôn Đông" {
		t.Errorf("the newest backup holds %v", got)
	}

	// The clock set back a year: the new backup looks the oldest, yet stays.
	back, err := s.AutoBackup(ReasonDaily, testEpoch.AddDate(-1, 0, 0))
	must(t, err)
	if _, err := os.Stat(back); err != nil {
		t.Errorf("the backup just made was rotated away: %v", err)
	}
}

// Two backups in the same second get their own names, listed newest first.
func TestBackupsSameSecond(t *testing.T) {
	s := cellStore(t, "Chi bộ thôn Đông")
	a, err := s.AutoBackup(ReasonImport, testEpoch)
	must(t, err)
	b, err := s.AutoBackup(ReasonImport, testEpoch)
	must(t, err)
	if a == b || !strings.HasSuffix(b, "-truoc-khi-nhap-2.db") {
		t.Fatalf("names %s, %s", a, b)
	}
	list, err := ListBackups(s.Path())
	must(t, err)
	if len(list) != 2 || list[0].Path != b || list[1].Path != a || list[0].Size == 0 {
		t.Errorf("list %+v", list)
	}
	if !list[0].Time.Equal(time.Date(2026, 3, 15, 9, 0, 0, 0, time.Local)) || list[0].Reason != ReasonImport {
		t.Errorf("time %v reason %q, want the name's wall clock and import", list[0].Time, list[0].Reason)
	}
}

// The daily backup is made on the first open of a day and not again that
// day; an empty or read-only file gets none.
func TestBackupsDailyOncePerDay(t *testing.T) {
	empty := newTestStore(t)
	if p, err := empty.DailyBackup(testEpoch); p != "" || err != nil {
		t.Errorf("an empty file was backed up: %q, %v", p, err)
	}

	s := cellStore(t, "Chi bộ thôn Đông")
	first, err := s.DailyBackup(testEpoch)
	must(t, err)
	if first == "" {
		t.Fatal("no backup on the first open of the day")
	}
	// An import's backup does not stand in for the day's.
	_, err = s.AutoBackup(ReasonImport, testEpoch.Add(time.Hour))
	must(t, err)
	for _, h := range []int{1, 5, 14} { // 10:00, 14:00, 23:00 the same day
		if p, err := s.DailyBackup(testEpoch.Add(time.Duration(h) * time.Hour)); p != "" || err != nil {
			t.Errorf("a second daily backup the same day at +%dh: %q, %v", h, p, err)
		}
	}
	next, err := s.DailyBackup(testEpoch.Add(15 * time.Hour)) // 00:00 the next day
	must(t, err)
	if next == "" || !strings.Contains(filepath.Base(next), "2026-03-16-000000-hang-ngay") {
		t.Errorf("the next day's backup = %q", next)
	}
	list, _ := ListBackups(s.Path())
	daily := 0
	for _, b := range list {
		if b.Reason == ReasonDaily {
			daily++
		}
	}
	if daily != 2 {
		t.Errorf("%d daily backups over two days, want 2", daily)
	}

	path := s.Path()
	must(t, s.Close())
	ro := openTestStore(t, path, Options{ReadOnly: true})
	if p, err := ro.DailyBackup(testEpoch.AddDate(0, 0, 5)); p != "" || err != nil {
		t.Errorf("a read-only open made a backup: %q, %v", p, err)
	}
}

// Restoring puts the backup's data in place and keeps the file it
// replaced as a backup of its own, listed with reason restore.
func TestBackupsRestoreKeepsCurrent(t *testing.T) {
	s := cellStore(t, "Chi bộ thôn Đông")
	old, err := s.AutoBackup(ReasonDaily, testEpoch)
	must(t, err)
	c := testCell("Chi bộ thôn Tây")
	must(t, s.PutCell(&c))
	path := s.Path()
	must(t, s.Close())

	kept, err := RestoreBackup(path, old, testEpoch.Add(time.Hour))
	must(t, err)
	if got := cellNames(t, path); len(got) != 1 || got[0] != "Chi bộ thôn Đông" {
		t.Errorf("after the restore the file holds %v", got)
	}
	if got := cellNames(t, kept); len(got) != 2 {
		t.Errorf("the kept file holds %v, want both cells", got)
	}
	list, _ := ListBackups(path)
	if len(list) != 2 || list[0].Path != kept || list[0].Reason != ReasonRestore || list[1].Path != old {
		t.Errorf("list after restore: %+v", list)
	}
	if names := dirNames(t, filepath.Dir(path)); len(names) != 2 { // nguon.db and its backups folder
		t.Errorf("the data folder holds %v", names)
	}
	s = openTestStore(t, path, Options{})
	if errs := s.Check(); len(errs) > 0 {
		t.Errorf("the restored file fails its check: %v", errs)
	}
}

// A damaged, truncated or foreign backup is refused by the check in a
// child process; the data file stays byte for byte, and nothing is left.
func TestBackupsRestoreRefusesDamaged(t *testing.T) {
	isolate(t)
	s := cellStore(t, "Chi bộ thôn Đông")
	good, err := s.AutoBackup(ReasonDaily, testEpoch)
	must(t, err)
	path := s.Path()
	must(t, s.Close())
	b, err := os.ReadFile(good)
	must(t, err)
	bad := map[string][]byte{
		"truncated": b[:len(b)/2],
		"garbage":   []byte(strings.Repeat("không phải nguon ", 500)),
		"empty":     nil,
	}
	hash := fileHash(t, path)
	before := dirNames(t, filepath.Dir(path))
	backups := dirNames(t, BackupDir(path))
	for name, data := range bad {
		p := filepath.Join(t.TempDir(), name+".db")
		must(t, os.WriteFile(p, data, 0o600))
		_, err := RestoreBackup(path, p, testEpoch.Add(time.Hour))
		if !errors.Is(err, ErrRestoreBad) {
			t.Errorf("%s: restore = %v, want ErrRestoreBad", name, err)
		}
		if model.Message(err, model.EN) != ErrRestoreBad.Text().EN {
			t.Errorf("%s: message %q", name, model.Message(err, model.EN))
		}
	}
	if _, err := RestoreBackup(path, filepath.Join(t.TempDir(), "missing.db"), testEpoch); !errors.Is(err, ErrRestoreBad) {
		t.Errorf("a missing backup: %v", err)
	}
	if _, err := RestoreBackup(path, path, testEpoch); !errors.Is(err, ErrRestoreSame) {
		t.Errorf("the data file over itself: %v", err)
	}
	if fileHash(t, path) != hash {
		t.Error("a refused restore changed the data file")
	}
	if got := dirNames(t, filepath.Dir(path)); strings.Join(got, ",") != strings.Join(before, ",") {
		t.Errorf("the data folder was %v, is %v", before, got)
	}
	if got := dirNames(t, BackupDir(path)); strings.Join(got, ",") != strings.Join(backups, ",") {
		t.Errorf("the backups folder was %v, is %v", backups, got)
	}
}

// A data file damaged past opening is restored over, and kept byte for
// byte: it may still hold something the clerk wants.
func TestBackupsRestoreOverDamagedFile(t *testing.T) {
	s := cellStore(t, "Chi bộ thôn Đông")
	good, err := s.AutoBackup(ReasonDaily, testEpoch)
	must(t, err)
	path := s.Path()
	must(t, s.Close())
	b, _ := os.ReadFile(path)
	must(t, os.WriteFile(path, b[:len(b)/2], 0o600))
	damaged := fileHash(t, path)

	kept, err := RestoreBackup(path, good, testEpoch.Add(time.Hour))
	must(t, err)
	if fileHash(t, kept) != damaged {
		t.Error("the damaged file was not kept as it was")
	}
	if got := cellNames(t, path); len(got) != 1 {
		t.Errorf("after the restore the file holds %v", got)
	}
	openTestStore(t, path, Options{}) // and it checks sound
}

// While another window holds the file, a restore is refused and changes nothing.
func TestBackupsRestoreInUse(t *testing.T) {
	s := cellStore(t, "Chi bộ thôn Đông")
	good, err := s.AutoBackup(ReasonDaily, testEpoch)
	must(t, err)
	hash := fileHash(t, s.Path())
	if _, err := RestoreBackup(s.Path(), good, testEpoch); !errors.Is(err, ErrInUse) {
		t.Errorf("restore over an open file = %v, want ErrInUse", err)
	}
	if fileHash(t, s.Path()) != hash {
		t.Error("the open file was changed")
	}
	if list, _ := ListBackups(s.Path()); len(list) != 1 {
		t.Errorf("backups after a refused restore: %+v", list)
	}
}

// The copy an import makes first is an automatic backup, in the folder
// and in the rotation.
func TestBackupsImportIsRotated(t *testing.T) {
	s := demoStore(t)
	for i := range KeepBackups {
		_, err := s.AutoBackup(ReasonDaily, testEpoch.AddDate(0, 0, -i-1))
		must(t, err)
	}
	res := mustImport(t, s, "x.csv", clerkCSV("1;Lê Thị;Hoa;01/02/2003;Nữ;;;;;Phụ nữ;;;"), ImportOptions{})
	if filepath.Dir(res.Backup) != BackupDir(s.Path()) || !strings.HasSuffix(res.Backup, "-truoc-khi-nhap.db") {
		t.Fatalf("import backup %q", res.Backup)
	}
	list, err := ListBackups(s.Path())
	must(t, err)
	if len(list) != KeepBackups || list[0].Path != res.Backup || list[0].Reason != ReasonImport {
		t.Errorf("after the import: %d backups, newest %+v", len(list), list[0])
	}
}
