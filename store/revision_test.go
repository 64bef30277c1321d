package store

import (
	"encoding/hex"
	"errors"
	"reflect"
	"slices"
	"testing"
)

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
