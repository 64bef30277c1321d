package store

import (
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"nguon/model"
)

func TestRoundTripEachKind(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	if cell.ID.IsZero() {
		t.Fatal("PutCell left the ID zero")
	}
	cand := testCandidate(cell.ID, 1)
	must(t, s.PutCandidate(&cand))
	class := testClass()
	class.Enrolments = []model.Enrolment{{Candidate: cand.ID, Result: model.ResultPassed,
		CertNo: "GCN-01", CertDate: model.NewDate(2026, 1, 20)}}
	must(t, s.PutClass(&class))
	meeting := testMeeting(cell.ID, cand.ID)
	must(t, s.PutMeeting(&meeting))
	settings := DefaultSettings()
	settings.Commune, settings.Province = "Đảng bộ xã Trường Sơn", "Thanh Hóa"
	must(t, s.PutSettings(settings))

	tests := []struct {
		name      string
		want, get any
		list      any
	}{
		{"cell", cell, first(s.Cell(cell.ID)), first(s.Cells())},
		{"candidate", cand, first(s.Candidate(cand.ID)), first(s.Candidates())},
		{"class", class, first(s.Class(class.ID)), first(s.Classes())},
		{"meeting", meeting, first(s.Meeting(meeting.ID)), first(s.Meetings())},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.get, tc.want) {
				t.Errorf("read back\n%+v\nwant\n%+v", tc.get, tc.want)
			}
			l := reflect.ValueOf(tc.list)
			if l.Len() != 1 || !reflect.DeepEqual(l.Index(0).Interface(), tc.want) {
				t.Errorf("list = %+v, want just the saved record", tc.list)
			}
		})
	}
	got, err := s.Settings()
	must(t, err)
	if !reflect.DeepEqual(got, settings) {
		t.Errorf("Settings = %+v, want %+v", got, settings)
	}
	rows, err := s.CandidateRows()
	must(t, err)
	if len(rows) != 1 || rows[0] != cand.Row() {
		t.Errorf("CandidateRows = %+v, want [%+v]", rows, cand.Row())
	}
	if empty, err := s.IsEmpty(); err != nil || empty {
		t.Errorf("IsEmpty = %v, %v; want false", empty, err)
	}
}

// first drops the error of a (value, error) pair; failures show up as a mismatch.
func first[T any](v T, _ error) T { return v }

func TestPutNormalisesAndValidates(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("  Chi bộ   thôn Tây ")
	must(t, s.PutCell(&cell))
	if cell.Name != "Chi bộ thôn Tây" {
		t.Errorf("name not normalised: %q", cell.Name)
	}
	bad := testCandidate(cell.ID, 2)
	bad.FullName = ""
	err := s.PutCandidate(&bad)
	var invalid *model.InvalidError
	if !errors.As(err, &invalid) || invalid.Problems.For("full_name") == nil {
		t.Fatalf("PutCandidate(no name) = %v, want an InvalidError on full_name", err)
	}
	if !bad.ID.IsZero() {
		t.Error("a refused record was given an ID")
	}
	if rows, _ := s.CandidateRows(); len(rows) != 0 {
		t.Errorf("refused candidate was stored: %v", rows)
	}
}

func TestNotFound(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	missing := model.NewID(time.Now())
	tests := []struct {
		name string
		err  error
	}{
		{"Cell", second(s.Cell(missing))},
		{"Candidate", second(s.Candidate(missing))},
		{"Class", second(s.Class(missing))},
		{"Meeting", second(s.Meeting(missing))},
		{"Candidate with a cell's ID", second(s.Candidate(cell.ID))},
		{"Revisions", second(s.Revisions(missing))},
		{"DeleteCell", s.DeleteCell(missing)},
		{"DeleteCandidate with a cell's ID", s.DeleteCandidate(cell.ID)},
		{"DeleteClass", s.DeleteClass(missing)},
		{"DeleteMeeting", s.DeleteMeeting(missing)},
	}
	for _, tc := range tests {
		if !errors.Is(tc.err, ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", tc.name, tc.err)
		}
	}
	c := testCandidate(cell.ID, 3)
	c.ID = cell.ID
	if err := s.PutCandidate(&c); !errors.Is(err, ErrWrongKind) {
		t.Errorf("PutCandidate with a cell's ID = %v, want ErrWrongKind", err)
	}
}

func second[T any](_ T, err error) error { return err }

func TestReopenAndRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nguon.db")
	s := openTestStore(t, path, Options{})
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	cand := testCandidate(cell.ID, 4)
	must(t, s.PutCandidate(&cand))
	must(t, s.Close())

	s2 := openTestStore(t, path, Options{DeviceID: "other-laptop"})
	got, err := s2.Candidate(cand.ID)
	must(t, err)
	if !reflect.DeepEqual(got, cand) {
		t.Errorf("after reopen got %+v, want %+v", got, cand)
	}
	revs, err := s2.Revisions(cand.ID)
	must(t, err)
	if len(revs) != 1 || revs[0].Device != "test-device" {
		t.Errorf("revisions after reopen = %+v, want one by test-device", revs)
	}
	if s2.Device() != "other-laptop" || s2.Path() != path || s2.ReadOnly() {
		t.Errorf("accessors: device %q path %q read-only %v", s2.Device(), s2.Path(), s2.ReadOnly())
	}
}

func TestRevisionsAndParents(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	cell.Secretary = "Phạm Thị Cúc"
	must(t, s.PutCell(&cell))
	cell.OfficialMembers = 25
	must(t, s.PutCell(&cell))

	revs, err := s.Revisions(cell.ID)
	must(t, err)
	if len(revs) != 3 {
		t.Fatalf("got %d revisions, want 3", len(revs))
	}
	if len(revs[0].Parents) != 0 {
		t.Errorf("first revision has parents %v", revs[0].Parents)
	}
	for i := 1; i < len(revs); i++ {
		if !slices.Equal(revs[i].Parents, []string{revs[i-1].ID}) {
			t.Errorf("revision %d parents = %v, want [%s]", i, revs[i].Parents, revs[i-1].ID)
		}
		if revs[i].Clock.Compare(revs[i-1].Clock) <= 0 {
			t.Errorf("revision %d clock %v not after %v", i, revs[i].Clock, revs[i-1].Clock)
		}
	}
	for _, r := range revs {
		if b, err := hex.DecodeString(r.ID); err != nil || len(b) != 32 {
			t.Errorf("revision ID %q is not a hex SHA-256", r.ID)
		}
		if r.Device != "test-device" || r.Deleted || r.At.Year() != 2026 {
			t.Errorf("revision %+v: wrong device, deleted flag or time", r)
		}
	}
	got, _ := s.Cell(cell.ID)
	if got.OfficialMembers != 25 || got.Secretary != "Phạm Thị Cúc" {
		t.Errorf("current cell = %+v, want the last save", got)
	}
}

func TestTombstoneAndUndo(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	cand := testCandidate(cell.ID, 5)
	must(t, s.PutCandidate(&cand))

	must(t, s.DeleteCandidate(cand.ID))
	if _, err := s.Candidate(cand.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleted candidate read: %v, want ErrNotFound", err)
	}
	if l, _ := s.Candidates(); len(l) != 0 {
		t.Errorf("Candidates() shows a deleted record: %v", l)
	}
	if rows, _ := s.CandidateRows(); len(rows) != 0 {
		t.Errorf("CandidateRows() shows a deleted record: %v", rows)
	}
	if err := s.DeleteCandidate(cand.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("deleting twice = %v, want ErrNotFound", err)
	}
	revs, _ := s.Revisions(cand.ID)
	if len(revs) != 2 || !revs[1].Deleted || !slices.Equal(revs[1].Parents, []string{revs[0].ID}) {
		t.Fatalf("revisions after delete = %+v, want a tombstone after the first", revs)
	}

	must(t, s.PutCandidate(&cand)) // undo: the same record saved again
	got, err := s.Candidate(cand.ID)
	if err != nil || !reflect.DeepEqual(got, cand) {
		t.Errorf("after undo Candidate = %+v, %v", got, err)
	}
	revs, _ = s.Revisions(cand.ID)
	if len(revs) != 3 || revs[2].Deleted || !slices.Equal(revs[2].Parents, []string{revs[1].ID}) {
		t.Errorf("revisions after undo = %+v, want a live revision on the tombstone", revs)
	}

	must(t, s.DeleteCandidate(cand.ID))
	must(t, s.DeleteCell(cell.ID))
	if empty, err := s.IsEmpty(); err != nil || !empty {
		t.Errorf("IsEmpty after deleting everything = %v, %v", empty, err)
	}
}

func TestHLCWithClockYearsBehind(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nguon.db")
	s := openTestStore(t, path, Options{Now: newClock(time.Date(2026, 3, 15, 9, 0, 0, 0, time.UTC)).Now})
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	must(t, s.Close())

	// A laptop whose CMOS battery died: its clock says 2019.
	behind := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	s2 := openTestStore(t, path, Options{DeviceID: "old-laptop", Now: newClock(behind).Now})
	cell.Notes = "sửa trên máy cũ"
	must(t, s2.PutCell(&cell))
	other := testCell("Chi bộ thôn Tây")
	must(t, s2.PutCell(&other))

	revs, err := s2.Revisions(cell.ID)
	must(t, err)
	if len(revs) != 2 || revs[1].Device != "old-laptop" {
		t.Fatalf("revisions = %+v", revs)
	}
	if revs[1].Clock.Compare(revs[0].Clock) <= 0 {
		t.Errorf("edit on the slow laptop %v does not order after %v", revs[1].Clock, revs[0].Clock)
	}
	if revs[1].Clock.Wall != revs[0].Clock.Wall || revs[1].Clock.Logical != revs[0].Clock.Logical+1 {
		t.Errorf("slow clock should reuse the file's wall time and count on: %v after %v", revs[1].Clock, revs[0].Clock)
	}
	if revs[1].At.Year() != 2019 {
		t.Errorf("At should keep the laptop's own time, got %v", revs[1].At)
	}
	otherRevs, _ := s2.Revisions(other.ID)
	if otherRevs[0].Clock.Compare(revs[1].Clock) <= 0 {
		t.Errorf("a later save %v does not order after %v", otherRevs[0].Clock, revs[1].Clock)
	}
}

func TestHLCNext(t *testing.T) {
	tests := []struct {
		last HLC
		now  int64
		want HLC
	}{
		{HLC{}, 1000, HLC{1000, 0}},
		{HLC{1000, 0}, 2000, HLC{2000, 0}},
		{HLC{1000, 4}, 1000, HLC{1000, 5}},
		{HLC{5000, 2}, 1000, HLC{5000, 3}}, // clock behind
	}
	for _, tc := range tests {
		if got := tc.last.next(tc.now); got != tc.want {
			t.Errorf("%v.next(%d) = %v, want %v", tc.last, tc.now, got, tc.want)
		}
		if b, _ := decodeHLC(tc.want.bytes()); b != tc.want {
			t.Errorf("HLC bytes round trip: %v → %v", tc.want, b)
		}
	}
}

func TestReadOnlyRefusesWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nguon.db")
	s := openTestStore(t, path, Options{})
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	must(t, s.Close())
	before := fileHash(t, path)

	ro := openTestStore(t, path, Options{ReadOnly: true})
	if !ro.ReadOnly() {
		t.Fatal("ReadOnly() = false")
	}
	c2 := testCell("Chi bộ thôn Tây")
	cand := testCandidate(cell.ID, 6)
	writes := []struct {
		name string
		err  error
	}{
		{"PutCell", ro.PutCell(&c2)},
		{"PutCandidate", ro.PutCandidate(&cand)},
		{"DeleteCell", ro.DeleteCell(cell.ID)},
		{"PutSettings", ro.PutSettings(DefaultSettings())},
		{"Update", ro.Update(func(*Tx) error { return nil })},
		{"Import", ro.Import(model.Dataset{Cells: []model.Cell{testCell("X")}})},
		{"Rebuild", ro.Rebuild()},
	}
	for _, w := range writes {
		if !errors.Is(w.err, ErrReadOnly) {
			t.Errorf("%s in read-only mode = %v, want ErrReadOnly", w.name, w.err)
		}
	}
	if !c2.ID.IsZero() {
		t.Error("refused PutCell set an ID")
	}
	if got, err := ro.Cell(cell.ID); err != nil || got.Name != cell.Name {
		t.Errorf("read-only read = %+v, %v", got, err)
	}
	must(t, ro.Close())
	if fileHash(t, path) != before {
		t.Error("a read-only session changed the file")
	}

	missing := filepath.Join(t.TempDir(), "none.db")
	_, err := Open(missing, Options{ReadOnly: true, DeviceID: "x"})
	if !errors.Is(err, ErrMissingFile) || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("read-only open of a missing file = %v, want ErrMissingFile", err)
	}
	if _, err := os.Stat(missing); !errors.Is(err, fs.ErrNotExist) {
		t.Error("read-only open created the file")
	}
}

func TestUpdateIsAtomic(t *testing.T) {
	s := newTestStore(t)
	keep := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&keep))
	revsBefore, _ := s.Revisions(keep.ID)

	var c1, c2 model.Cell
	err := s.Update(func(tx *Tx) error {
		c1 = testCell("Chi bộ thôn Tây")
		if err := tx.PutCell(&c1); err != nil {
			return err
		}
		keep.Notes = "sửa trong giao dịch"
		if err := tx.PutCell(&keep); err != nil {
			return err
		}
		if got, err := tx.Cell(keep.ID); err != nil || got.Notes != keep.Notes {
			t.Errorf("a transaction does not see its own write: %+v, %v", got, err)
		}
		bad := testCandidate(c1.ID, 7)
		bad.Sex = "?"
		if err := tx.PutCandidate(&bad); err != nil {
			return err
		}
		c2 = testCell("Chi bộ thôn Nam")
		return tx.PutCell(&c2)
	})
	var invalid *model.InvalidError
	if !errors.As(err, &invalid) {
		t.Fatalf("Update = %v, want the invalid candidate's error", err)
	}
	cells, _ := s.Cells()
	if len(cells) != 1 || cells[0].Notes != "" {
		t.Errorf("after a failed Update cells = %+v, want only the untouched first cell", cells)
	}
	if revs, _ := s.Revisions(keep.ID); len(revs) != len(revsBefore) {
		t.Errorf("failed Update left %d revisions, want %d", len(revs), len(revsBefore))
	}
	if _, err := s.Revisions(c1.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the first put of a failed Update survived: %v", err)
	}
}

func TestImport(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	cell.ID = model.NewID(testEpoch)
	d := model.Dataset{
		Settings: model.Settings{Commune: "Đảng bộ xã Trường Sơn", DecidingBody: "commune_standing", DocValidityMonths: 6},
		Cells:    []model.Cell{cell},
	}
	for i := range 20 {
		d.Candidates = append(d.Candidates, testCandidate(cell.ID, i))
	}
	d.Classes = []model.Class{testClass()}
	must(t, s.Import(d))
	if !d.Candidates[0].ID.IsZero() {
		t.Error("Import wrote IDs into the caller's dataset")
	}
	rows, _ := s.CandidateRows()
	if len(rows) != 20 {
		t.Errorf("imported %d candidates, want 20", len(rows))
	}
	for _, r := range rows {
		if r.Cell != cell.ID {
			t.Errorf("row %v lost its cell", r)
		}
	}
	if st, _ := s.Settings(); st.Commune != "Đảng bộ xã Trường Sơn" {
		t.Errorf("settings not imported: %+v", st)
	}

	bad := model.Dataset{Cells: []model.Cell{testCell("Chi bộ mới")}, Candidates: []model.Candidate{{FullName: "X"}}}
	err := s.Import(bad)
	var invalid *model.InvalidError
	if !errors.As(err, &invalid) || !strings.Contains(err.Error(), "candidate 1") {
		t.Errorf("Import(bad) = %v, want an InvalidError naming candidate 1", err)
	}
	if cells, _ := s.Cells(); len(cells) != 1 {
		t.Errorf("a failed Import left %d cells, want 1", len(cells))
	}
}

func TestSettingsDefaults(t *testing.T) {
	s := newTestStore(t)
	got, err := s.Settings()
	must(t, err)
	if got.DecidingBody != "commune_standing" || got.DocValidityMonths != 6 {
		t.Errorf("defaults = %+v", got)
	}
	if errs := got.Validate().Errors(); len(errs) != 0 {
		t.Errorf("defaults do not validate: %v", errs)
	}
	cal := model.NewCalendar(got.Holidays)
	for _, d := range []model.Date{20250101, 20250129, 20250407, 20250430, 20250501, 20250902,
		20260101, 20260217, 20260427, 20260901, 20260902, 20270101, 20270208, 20270416, 20270903} {
		if cal.IsWorkingDay(d) {
			t.Errorf("%s should be a holiday", d)
		}
	}
	if !slices.IsSorted(got.Holidays) {
		t.Error("default holidays are not in order")
	}
	got.Holidays[0] = 1 // the defaults must not be shared
	if again, _ := s.Settings(); again.Holidays[0] == 1 {
		t.Error("Settings() hands out the shared default holiday slice")
	}
	if empty, _ := s.IsEmpty(); !empty {
		t.Error("a new file is not empty")
	}
	must(t, s.PutSettings(model.Settings{Commune: "Xã A", DecidingBody: "district_standing", DocValidityMonths: 3}))
	if empty, _ := s.IsEmpty(); !empty {
		t.Error("settings alone should not make the file non-empty")
	}
}

func TestCreateLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nguon.db")
	s := openTestStore(t, path, Options{})
	must(t, s.Close())
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "nguon.db" {
		t.Errorf("folder holds %v, want only nguon.db", entries)
	}
	if st, err := os.Stat(path); err != nil || st.Mode().Perm()&0o077 != 0 {
		t.Errorf("file mode %v, want private to the user", st.Mode())
	}
}

func TestDeviceIDAndDefaultPath(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("HOME", cfg)
	t.Setenv("AppData", cfg)
	base, err := os.UserConfigDir()
	must(t, err)

	id, err := LoadDeviceID()
	must(t, err)
	again, err := LoadDeviceID()
	must(t, err)
	if id == "" || id != again {
		t.Errorf("device IDs %q then %q, want one stable ID", id, again)
	}
	st, err := os.Stat(filepath.Join(base, "nguon", "device"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("device file: %v, mode %v", err, st.Mode())
	}

	path := filepath.Join(t.TempDir(), "nguon.db")
	s, err := Open(path, Options{})
	must(t, err)
	if s.Device() != id {
		t.Errorf("Open used device %q, want %q", s.Device(), id)
	}
	s.Close()

	t.Setenv("NGUON_DB", "")
	p, err := DefaultPath()
	must(t, err)
	if p != filepath.Join(base, "nguon", "nguon.db") {
		t.Errorf("DefaultPath = %q", p)
	}
	t.Setenv("NGUON_DB", "/data/xa.db")
	if p, _ := DefaultPath(); p != "/data/xa.db" {
		t.Errorf("DefaultPath with NGUON_DB = %q", p)
	}
}

func TestErrorsAreLocalized(t *testing.T) {
	all := []error{ErrNotFound, ErrInUse, ErrEmptyFile, ErrTruncated, ErrNotNguon, ErrNewerSchema,
		ErrReadOnly, ErrCorrupt, ErrMissingFile, ErrPermission, ErrWrite, ErrWrongKind, ErrNeedsUpgrade,
		ErrBackupTarget, ErrBackupWrite, ErrBackupVerify}
	for _, err := range all {
		var l model.Localized
		if !errors.As(err, &l) || l.Text().VI == "" || l.Text().EN == "" || l.Text().VI == l.Text().EN {
			t.Errorf("%v is not localized in both languages", err)
		}
		if !strings.HasSuffix(l.Text().VI, ".") || strings.Count(l.Text().EN, ". ") > 0 {
			t.Errorf("%q should be one sentence", l.Text().EN)
		}
	}
	wrapped := wrap(ErrInUse, errors.New("timeout"))
	if !errors.Is(wrapped, ErrInUse) || model.Message(wrapped, model.EN) != ErrInUse.Text().EN {
		t.Errorf("wrapped error: Is=%v, message %q", errors.Is(wrapped, ErrInUse), model.Message(wrapped, model.EN))
	}
}

func TestIDsIncreaseWithinOneMillisecond(t *testing.T) {
	var g idSource
	now := testEpoch
	prev := g.next(now)
	for i := range 10000 {
		id := g.next(now)
		if string(id[:]) <= string(prev[:]) {
			t.Fatalf("ID %d %s not after %s", i, id, prev)
		}
		if id[6]>>4 != 7 || id[8]>>6 != 2 {
			t.Fatalf("ID %s lost its UUIDv7 version or variant bits", id)
		}
		if string(id[:6]) != string(prev[:6]) {
			t.Fatalf("timestamp changed within one millisecond: %s after %s", id, prev)
		}
		prev = id
	}
	// A clock going backwards still gives increasing IDs.
	if id := g.next(now.Add(-time.Hour)); string(id[:]) <= string(prev[:]) {
		t.Errorf("after a clock step back %s is not after %s", id, prev)
	}
}

func TestReadOnlyOpenMakesNoDeviceID(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("HOME", cfg)
	t.Setenv("AppData", cfg)
	path := filepath.Join(t.TempDir(), "nguon.db")
	s := openTestStore(t, path, Options{})
	must(t, s.Close())

	ro, err := Open(path, Options{ReadOnly: true})
	must(t, err)
	defer ro.Close()
	if ro.Device() != "" {
		t.Errorf("read-only store has device %q before any was made", ro.Device())
	}
	base, _ := os.UserConfigDir()
	if _, err := os.Stat(filepath.Join(base, "nguon", "device")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a read-only open wrote a device ID: %v", err)
	}
}
