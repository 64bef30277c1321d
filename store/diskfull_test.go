package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nguon/model"
)

func TestDiskFullOnSave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nguon.db")
	s := openTestStore(t, path, Options{})
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	must(t, s.Close())
	st, err := os.Stat(path)
	must(t, err)

	// bbolt's MaxSize stands in for a full disk: growing the file fails.
	s = openTestStore(t, path, Options{maxSize: int(st.Size()) + 64*1024})
	var saved []model.ID
	var failure error
	for i := range 5000 {
		c := testCandidate(cell.ID, i)
		before, err := os.Stat(path)
		must(t, err)
		if err := s.PutCandidate(&c); err != nil {
			failure = err
			if after, _ := os.Stat(path); after.Size() != before.Size() {
				t.Errorf("the failed save left the file at %d bytes, it had %d", after.Size(), before.Size())
			}
			if !c.ID.IsZero() {
				t.Error("a failed save left an ID on the record")
			}
			break
		}
		saved = append(saved, c.ID)
	}
	if !errors.Is(failure, ErrWrite) {
		t.Fatalf("saving into a full file = %v, want ErrWrite", failure)
	}
	if model.Message(failure, model.EN) != ErrWrite.Text().EN {
		t.Errorf("message %q", model.Message(failure, model.EN))
	}
	if rows, err := s.CandidateRows(); err != nil || len(rows) != len(saved) {
		t.Errorf("after the failure %d rows (%v), want %d", len(rows), err, len(saved))
	}
	must(t, s.Close())

	s = openTestStore(t, path, Options{})
	if errs := s.Check(); len(errs) != 0 {
		t.Fatalf("Check after a failed save: %v", errs)
	}
	for _, id := range saved {
		if _, err := s.Candidate(id); err != nil {
			t.Fatalf("saved candidate %s lost: %v", id, err)
		}
	}
	c := testCandidate(cell.ID, 9999)
	must(t, s.PutCandidate(&c)) // with room again, saving works
}

// An operation the disk has no room for is refused before it writes, with
// the figures, in one sentence.
func TestEnsureRoom(t *testing.T) {
	s := newTestStore(t)
	keep := freeBytesFor
	t.Cleanup(func() { freeBytesFor = keep })
	freeBytesFor = func(string) (int64, bool) { return 40 << 20, true }
	if err := s.ensureRoom(1 << 20); err != nil {
		t.Errorf("40 MB free for 1 MB: %v", err)
	}
	err := s.ensureRoom(100 << 20)
	var nr *NoRoomError
	if !errors.As(err, &nr) || !errors.Is(err, ErrWrite) {
		t.Fatalf("40 MB free for 100 MB: %v", err)
	}
	vi, en := model.Message(err, model.VI), model.Message(err, model.EN)
	if !strings.Contains(vi, "còn trống 40 MB") || !strings.Contains(vi, "chưa thay đổi") || !strings.Contains(en, "only 40 MB free") {
		t.Errorf("messages: %q / %q", vi, en)
	}
	freeBytesFor = func(string) (int64, bool) { return 0, false }
	if err := s.ensureRoom(1 << 40); err != nil {
		t.Errorf("unknown free space refused: %v", err)
	}
}

// A merge the disk has no room for is refused before the backup, with the
// figures; the file is left byte for byte as it was.
func TestMergeRefusedWithoutRoom(t *testing.T) {
	a := laptopStore(t, "laptop-a", testEpoch)
	cell := testCell("Chi bộ thôn Đông")
	must(t, a.PutCell(&cell))
	b := laptopStore(t, "laptop-b", testEpoch)
	other := testCell("Chi bộ thôn Tây")
	must(t, b.PutCell(&other))
	copyPath := copyOf(t, a, "a.db")

	keep := freeBytesFor
	t.Cleanup(func() { freeBytesFor = keep })
	freeBytesFor = func(string) (int64, bool) { return 1 << 20, true }
	before := fileHash(t, b.Path())
	_, err := b.Merge([]string{copyPath}, testEpoch)
	var nr *NoRoomError
	if !errors.As(err, &nr) {
		t.Fatalf("Merge on a full disk = %v, want a NoRoomError", err)
	}
	if fileHash(t, b.Path()) != before {
		t.Error("the refused merge changed the file")
	}
	if backups, _ := ListBackups(b.Path()); len(backups) != 0 {
		t.Errorf("the refused merge left backups: %v", backups)
	}
}
