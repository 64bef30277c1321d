package store

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// batchFixture is n new candidates with IDs (so two imports of it give
// the same records) as a CSV file, and the 60 cells they belong to.
func batchFixture(t testing.TB, n int) (csvPath string, cells []model.Cell) {
	t.Helper()
	r := rand.New(rand.NewPCG(7, 9))
	var ids []model.ID
	names := map[model.ID]string{}
	for i := range 60 {
		c := testCell(fmt.Sprintf("Chi bộ thôn %d", i+1))
		c.ID = model.NewID(testEpoch)
		cells = append(cells, c)
		ids = append(ids, c.ID)
		names[c.ID] = c.Name
	}
	var buf bytes.Buffer
	cw := newCSVWriter(&buf)
	cw.write([]string{"ID", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Nguồn", "Chi bộ", "Thôn/xóm", "Nghề nghiệp", "Ghi chú"})
	for i := range n {
		c := benchCandidate(r, ids, i)
		// Unique: the fixture is about writing, not about duplicates.
		c.FullName += fmt.Sprintf(" %c", 'A'+rune(i%26))
		c.CCCD = fmt.Sprintf("0380%02d%06d", c.DOB.Year()%100, i)
		if c.DOB.Year() >= 2000 {
			c.CCCD = fmt.Sprintf("0382%02d%06d", c.DOB.Year()%100, i)
		}
		if c.Sex == model.Female {
			c.CCCD = c.CCCD[:3] + string(c.CCCD[3]+1) + c.CCCD[4:]
		}
		cw.write([]string{model.NewID(testEpoch.Add(time.Duration(i) * time.Millisecond)).String(), c.FullName,
			model.Label(model.Sexes, string(c.Sex), model.VI), c.DOB.String(), c.CCCD,
			model.Label(model.SourceGroups, string(c.Source), model.VI), names[c.CellID], c.Village, c.Occupation, c.Notes})
	}
	cw.flush()
	csvPath = filepath.Join(t.TempDir(), "ds.csv")
	must(t, os.WriteFile(csvPath, buf.Bytes(), 0o644))
	return csvPath, cells
}

// withBatchRows sets the batch size for one test.
func withBatchRows(t testing.TB, n int) {
	keep := importBatchRows
	importBatchRows = n
	t.Cleanup(func() { importBatchRows = keep })
}

func importPath(t testing.TB, s *Store, path string, opt ImportOptions) (*ImportResult, error) {
	t.Helper()
	sheets, err := ReadImportFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return s.ImportSheets(sheets, opt)
}

// exportsOf is every kind's CSV export, to compare two states of a file.
func exportsOf(t *testing.T, s *Store) string {
	t.Helper()
	var all []string
	for _, what := range []string{"cells", "candidates", "classes", "meetings"} {
		all = append(all, string(exportBytes(t, s, what, "csv", model.EN)))
	}
	return strings.Join(all, "\n---\n")
}

// A large import written in batches gives the file exactly what one
// transaction gave; the marker is there between the batches and gone after.
func TestImportInBatchesWritesTheSame(t *testing.T) {
	const n = 25_000
	csv, cells := batchFixture(t, n)
	one := newTestStore(t)
	must(t, one.Import(model.Dataset{Cells: cells}))
	withBatchRows(t, n)
	res1, err := importPath(t, one, csv, ImportOptions{Kind: "candidates", NoBackup: true})
	if err != nil || res1.Added != n || res1.Backup != "" {
		t.Fatalf("one transaction: %v, %s, backup %q", err, res1.Counts(model.EN), res1.Backup)
	}

	many := newTestStore(t)
	must(t, many.Import(model.Dataset{Cells: cells}))
	importBatchRows = 1_000
	var markers []string
	testFault = func(point string) {
		if strings.HasSuffix(point, "-committed") {
			p, err := readPending(many)
			must(t, err)
			markers = append(markers, fmt.Sprint(p != nil))
		}
	}
	t.Cleanup(func() { testFault = nil })
	res2, err := importPath(t, many, csv, ImportOptions{Kind: "candidates", NoBackup: true})
	testFault = nil
	if err != nil || res2.Added != n {
		t.Fatalf("batches: %v, %s", err, res2.Counts(model.EN))
	}
	// NoBackup or not, batches are written after a backup.
	if res2.Backup == "" {
		t.Error("no backup before a batched import")
	}
	if len(markers) != n/1000+1 || markers[0] != "true" || markers[len(markers)-2] != "true" || markers[len(markers)-1] != "false" {
		t.Errorf("marker after each commit: %v", markers)
	}
	if a, b := exportsOf(t, one), exportsOf(t, many); a != b {
		t.Error("the batched import gave other records than one transaction")
	}
	if a, b := revisionCount(t, one), revisionCount(t, many); a != b {
		t.Errorf("revisions: %d in one transaction, %d in batches", a, b)
	}
	if p, err := readPending(many); err != nil || p != nil {
		t.Errorf("marker left: %+v, %v", p, err)
	}
}

// Batches into an empty file are still backed up first; one batch into
// an empty file is not, as before.
func TestImportBatchesBackUpAnEmptyFile(t *testing.T) {
	src := newTestStore(t)
	for i := range 30 {
		c := testCell(fmt.Sprintf("Chi bộ thôn %d", i+1))
		must(t, src.PutCell(&c))
	}
	path := filepath.Join(t.TempDir(), "cells.csv")
	must(t, os.WriteFile(path, exportBytes(t, src, "cells", "csv", model.VI), 0o644))

	single := newTestStore(t)
	res, err := importPath(t, single, path, ImportOptions{Kind: "cells"})
	if err != nil || res.Added != 30 || res.Backup != "" {
		t.Fatalf("one batch: %v, added %d, backup %q", err, res.Added, res.Backup)
	}
	withBatchRows(t, 10)
	batched := newTestStore(t)
	res, err = importPath(t, batched, path, ImportOptions{Kind: "cells"})
	if err != nil || res.Added != 30 || res.Backup == "" {
		t.Fatalf("batches: %v, added %d, backup %q", err, res.Added, res.Backup)
	}
	if list, _ := ListBackups(batched.Path()); len(list) != 1 || list[0].Reason != ReasonImport {
		t.Errorf("backups: %+v", list)
	}
}

// interrupted is a file an import stopped in after two of its batches,
// with what it held before the import.
type interrupted struct {
	path, backup string
	before       string // exportsOf before the import
	csv          string
	err          error
}

// interruptImport imports 3,500 candidates 1,000 at a time into a file
// holding cells and a candidate, failing batch 3 with fail; the store
// must then refuse everything. Its bbolt handle is closed (as the
// process's exit would) so that the file can be opened again.
func interruptImport(t *testing.T, fail error) interrupted {
	t.Helper()
	csv, cells := batchFixture(t, 3_500)
	path := filepath.Join(t.TempDir(), "nguon.db")
	s, err := Open(path, Options{DeviceID: "test-device", Now: newClock(testEpoch).Now})
	must(t, err)
	must(t, s.Import(model.Dataset{Cells: cells}))
	c := testCandidate(cells[0].ID, 1)
	must(t, s.PutCandidate(&c))
	before := exportsOf(t, s)
	withBatchRows(t, 1_000)
	importFault = func(batch int) error {
		if batch == 3 {
			return fail
		}
		return nil
	}
	defer func() { importFault = nil }()
	res, err := importPath(t, s, csv, ImportOptions{Kind: "candidates"})
	var crash *SaveCrashError
	if !errors.As(err, &crash) || !errors.Is(err, ErrSaveCrashed) || crash.ImportBackup != res.Backup || res.Backup == "" {
		t.Fatalf("import: %v (backup %q)", err, res.Backup)
	}
	if s.Failed() == nil {
		t.Fatal("the store goes on after an import stopped half way")
	}
	cell := testCell("Chi bộ mới")
	if err := s.PutCell(&cell); !errors.Is(err, ErrSaveCrashed) {
		t.Errorf("a save after the import stopped: %v", err)
	}
	if _, err := s.Cells(); !errors.Is(err, ErrSaveCrashed) {
		t.Errorf("a read after the import stopped: %v", err)
	}
	must(t, s.Close())
	// What the exit of the process does: bbolt's lock goes.
	stores.Delete(s.db)
	must(t, s.db.Close())
	if got := Recoveries(path); len(got) != 0 {
		t.Errorf("an import left a recovery file: %+v", got)
	}
	return interrupted{path: path, backup: res.Backup, before: before, csv: csv, err: err}
}

// An import that fails in a middle batch is undone by the next open: the
// file is as it was before the import, the half-imported one is kept as a
// backup, and the clerk is told.
func TestImportStoppedHalfWayIsUndone(t *testing.T) {
	in := interruptImport(t, wrap(ErrWrite, errors.New("no space left on device")))
	for _, want := range []string{"stopped half way", "the disk could not be written", in.backup} {
		if en := model.Message(in.err, model.EN); !strings.Contains(en, want) {
			t.Errorf("message %q lacks %q", en, want)
		}
	}
	if vi := model.Message(in.err, model.VI); !strings.Contains(vi, "dừng giữa chừng") {
		t.Errorf("message %q", vi)
	}
	// Half an import holds the marker; a read-only open refuses it.
	hash := fileHash(t, in.path)
	if _, err := Open(in.path, Options{ReadOnly: true}); !errors.Is(err, ErrImportPendingReadOnly) {
		t.Fatalf("read-only open: %v", err)
	}
	if fileHash(t, in.path) != hash {
		t.Error("a read-only open changed the file")
	}

	s := openTestStore(t, in.path, Options{})
	u := s.ImportUndone()
	if u == nil || u.Backup != in.backup || u.Kept == "" {
		t.Fatalf("undone: %+v", u)
	}
	if got := exportsOf(t, s); got != in.before {
		t.Error("the file is not as it was before the import")
	}
	if p, err := readPending(s); p != nil || err != nil {
		t.Errorf("marker after the undo: %+v, %v", p, err)
	}
	for _, want := range []string{"stopped half way", in.backup, u.Kept} {
		if en := u.Text().EN; !strings.Contains(en, want) {
			t.Errorf("notice %q lacks %q", en, want)
		}
	}
	if vi := u.Text().VI; !strings.Contains(vi, "dừng giữa chừng") {
		t.Errorf("notice %q", vi)
	}
	// The half-imported file is kept, marker and all, as a restore's backup.
	list, err := ListBackups(in.path)
	must(t, err)
	reasons := map[string]string{}
	for _, b := range list {
		reasons[b.Path] = b.Reason
	}
	if reasons[u.Kept] != ReasonRestore || reasons[in.backup] != ReasonImport {
		t.Errorf("backups: %v", reasons)
	}
	if !hasMarker(t, u.Kept) {
		t.Error("the kept file is not the half-imported one")
	}
	// The import can then be made again, whole.
	res, err := importPath(t, s, in.csv, ImportOptions{Kind: "candidates"})
	if err != nil || res.Added != 3_500 {
		t.Fatalf("import again: %v %s", err, res.Counts(model.EN))
	}
}

// A row that fails in a later batch, or a panic there, is the same.
func TestImportPanicHalfWayIsUndone(t *testing.T) {
	csv, cells := batchFixture(t, 2_500)
	path := filepath.Join(t.TempDir(), "nguon.db")
	s, err := Open(path, Options{DeviceID: "test-device", Now: newClock(testEpoch).Now})
	must(t, err)
	must(t, s.Import(model.Dataset{Cells: cells}))
	before := exportsOf(t, s)
	withBatchRows(t, 1_000)
	testFault = func(point string) {
		if point == "import-batch-2" {
			panic("page 600 already freed")
		}
	}
	res, err := importPath(t, s, csv, ImportOptions{Kind: "candidates"})
	testFault = nil
	var crash *SaveCrashError
	if !errors.As(err, &crash) || crash.ImportBackup != res.Backup || crash.Recovery != "" {
		t.Fatalf("import: %v", err)
	}
	if en := model.Message(err, model.EN); !strings.Contains(en, "an unexpected failure") {
		t.Errorf("message: %q", en)
	}
	// The panicked transaction is never ended (records.go), so its lock is
	// not released here: the file is copied as a kill would leave it.
	copyPath := filepath.Join(t.TempDir(), "nguon.db")
	raw, err := os.ReadFile(path)
	must(t, err)
	must(t, os.WriteFile(copyPath, raw, 0o600))
	must(t, os.MkdirAll(BackupDir(copyPath), 0o700))
	b, err := os.ReadFile(res.Backup)
	must(t, err)
	must(t, os.WriteFile(filepath.Join(BackupDir(copyPath), filepath.Base(res.Backup)), b, 0o600))
	c := openTestStore(t, copyPath, Options{})
	if c.ImportUndone() == nil || exportsOf(t, c) != before {
		t.Errorf("not undone: %+v", c.ImportUndone())
	}
}

func hasMarker(t *testing.T, path string) bool {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	must(t, err)
	defer db.Close()
	found := false
	must(t, db.View(func(tx *bolt.Tx) error {
		found = tx.Bucket(bucketMeta).Get(metaImportPending) != nil
		return nil
	}))
	return found
}

// Without its backup, or with an unsound one, a file an import stopped
// in is refused with a sentence naming the backup, and left as it is.
func TestImportStoppedWithoutBackupIsRefused(t *testing.T) {
	in := interruptImport(t, ErrImportRefused)
	hash := fileHash(t, in.path)
	must(t, os.Rename(in.backup, in.backup+".moved"))
	_, err := Open(in.path, Options{DeviceID: "test-device"})
	var be *ImportBackupError
	if !errors.As(err, &be) || be.Backup != in.backup {
		t.Fatalf("open without the backup: %v", err)
	}
	if en := model.Message(err, model.EN); !strings.Contains(en, in.backup) || !strings.Contains(en, "stopped half way") {
		t.Errorf("message: %q", en)
	}
	if fileHash(t, in.path) != hash {
		t.Error("the refused file changed")
	}
	must(t, os.WriteFile(in.backup, []byte("not a backup at all"), 0o600))
	if _, err := Open(in.path, Options{DeviceID: "test-device"}); !errors.As(err, &be) {
		t.Fatalf("open with an unsound backup: %v", err)
	}
	if fileHash(t, in.path) != hash {
		t.Error("the refused file changed")
	}
	// With the backup back in place the file is undone.
	must(t, os.Rename(in.backup+".moved", in.backup))
	s := openTestStore(t, in.path, Options{})
	if s.ImportUndone() == nil || exportsOf(t, s) != in.before {
		t.Error("not undone once the backup is back")
	}
}

// An import the disk has no room for is refused before the backup, with
// the figures; the data file is not touched.
func TestImportNoRoomWritesNoBackup(t *testing.T) {
	csv, cells := batchFixture(t, 2_000)
	s := newTestStore(t)
	must(t, s.Import(model.Dataset{Cells: cells}))
	hash := fileHash(t, s.Path())
	keep := freeBytesFor
	t.Cleanup(func() { freeBytesFor = keep })
	freeBytesFor = func(string) (int64, bool) { return 20 << 20, true }
	res, err := importPath(t, s, csv, ImportOptions{Kind: "candidates"})
	var nr *NoRoomError
	if !errors.As(err, &nr) || nr.Free != 20<<20 || nr.Need < 2_000*importBytesPerRecord {
		t.Fatalf("import on a full disk: %v", err)
	}
	if en := model.Message(err, model.EN); !strings.Contains(en, "only 20 MB free") {
		t.Errorf("message: %q", en)
	}
	if res.Written || res.Backup != "" || fileHash(t, s.Path()) != hash {
		t.Error("something was written")
	}
	if _, err := os.Stat(BackupDir(s.Path())); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("backups folder: %v", err)
	}
}
