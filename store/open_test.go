package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"nguon/model"
)

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
