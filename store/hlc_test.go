package store

import (
	"errors"
	"math"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

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
		// A spent counter moves on to the next millisecond instead of wrapping.
		{HLC{5000, math.MaxUint32}, 1000, HLC{5001, 0}},
		{HLC{math.MaxInt64 - 1, math.MaxUint32}, 1000, HLC{math.MaxInt64, 0}},
	}
	for _, tc := range tests {
		got, err := tc.last.next(tc.now)
		if err != nil || got != tc.want {
			t.Errorf("%v.next(%d) = %v, %v; want %v", tc.last, tc.now, got, err, tc.want)
		}
		if got.Compare(tc.last) <= 0 {
			t.Errorf("%v.next(%d) = %v does not order after it", tc.last, tc.now, got)
		}
		if b, _ := decodeHLC(tc.want.bytes()); b != tc.want {
			t.Errorf("HLC bytes round trip: %v → %v", tc.want, b)
		}
	}
}

// The last reading there is: the next save is refused, never wrapped to a
// clock that would order it before its parents.
func TestHLCNextRefusesPastTheEnd(t *testing.T) {
	last := HLC{math.MaxInt64, math.MaxUint32}
	if got, err := last.next(1000); !errors.Is(err, ErrClockExhausted) {
		t.Fatalf("next after the last reading = %v, %v; want ErrClockExhausted", got, err)
	}
}

// A file whose clock is spent refuses the save with ErrClockExhausted and
// stays sound; it does not write a revision that orders before its parent.
func TestSaveWithSpentClockIsRefused(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	must(t, s.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(metaHLC, HLC{math.MaxInt64, math.MaxUint32}.bytes())
	}))
	before := fileHash(t, s.Path())
	cell.Notes = "sửa"
	if err := s.PutCell(&cell); !errors.Is(err, ErrClockExhausted) {
		t.Fatalf("PutCell with a spent clock = %v, want ErrClockExhausted", err)
	}
	if fileHash(t, s.Path()) != before {
		t.Error("a refused save changed the file")
	}
}
