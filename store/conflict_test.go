package store

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// forge stores a revision as another laptop (or a merge) would have made
// it, bypassing the put path; it returns the revision's ID.
func forge(t *testing.T, s *Store, k *kind, id model.ID, parents []string, device string, clock HLC,
	deleted bool, payload any) string {
	t.Helper()
	var data json.RawMessage
	if !deleted {
		var err error
		data, err = json.Marshal(payload)
		must(t, err)
	}
	raw, sum, err := revision{Record: id, Kind: k.name, Parents: parents, Clock: clock, Device: device,
		Schema: model.SchemaVersion, Deleted: deleted, At: testEpoch.Format(atLayout), Data: data}.encode()
	must(t, err)
	must(t, s.update(func(tx *bolt.Tx) error { return addRevision(tx, raw) }))
	return hex.EncodeToString(sum[:])
}

func TestConflictAndResolution(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	revs, _ := s.Revisions(cell.ID)
	base := revs[0]

	// Two laptops edited the same cell from the same revision.
	onB, onC := cell, cell
	onB.Secretary, onC.Secretary = "Trần Văn B", "Trần Văn C"
	later := HLC{Wall: base.Clock.Wall + 1000}
	revB := forge(t, s, kindCell, cell.ID, []string{base.ID}, "laptop-b", later, false, onB)
	revC := forge(t, s, kindCell, cell.ID, []string{base.ID}, "laptop-c", HLC{Wall: later.Wall + 1}, false, onC)

	if ids, _ := s.Conflicts(); !slices.Equal(ids, []model.ID{cell.ID}) {
		t.Fatalf("Conflicts = %v, want [%s]", ids, cell.ID)
	}
	if got, _ := s.Cell(cell.ID); got.Secretary != onC.Secretary {
		t.Errorf("winner = %q, want the higher clock's %q", got.Secretary, onC.Secretary)
	}
	if errs := s.Check(); len(errs) != 0 {
		t.Fatalf("Check with a conflict: %v", errs)
	}

	// C is then deleted on its laptop: a live head beats a tombstone even
	// with a lower clock.
	revD := forge(t, s, kindCell, cell.ID, []string{revC}, "laptop-c", HLC{Wall: later.Wall + 5000}, true, nil)
	if got, err := s.Cell(cell.ID); err != nil || got.Secretary != onB.Secretary {
		t.Errorf("with heads {B live, D deleted} Cell = %+v, %v; want B", got, err)
	}
	if ids, _ := s.Conflicts(); len(ids) != 1 {
		t.Errorf("still a conflict expected, got %v", ids)
	}

	// Saving resolves it: the new revision names both heads as parents.
	cell.Secretary = "Trần Văn Chung"
	must(t, s.PutCell(&cell))
	if ids, _ := s.Conflicts(); len(ids) != 0 {
		t.Errorf("Conflicts after save = %v, want none", ids)
	}
	revs, _ = s.Revisions(cell.ID)
	last := revs[len(revs)-1]
	want := []string{revB, revD}
	slices.Sort(want)
	if !slices.Equal(last.Parents, want) {
		t.Errorf("resolving revision's parents = %v, want %v", last.Parents, want)
	}
	if last.Clock.Compare(HLC{Wall: later.Wall + 5000}) <= 0 {
		t.Errorf("resolving revision's clock %v is not after the merged ones", last.Clock)
	}
	// Storing a revision that is already there changes nothing.
	n := len(revs)
	forge(t, s, kindCell, cell.ID, []string{base.ID}, "laptop-b", later, false, onB)
	if revs, _ = s.Revisions(cell.ID); len(revs) != n {
		t.Errorf("re-adding a known revision: %d revisions, want %d", len(revs), n)
	}
}

func TestWinnerRule(t *testing.T) {
	mk := func(deleted bool, wall int64, logical uint32, device string, idByte byte) *rev {
		r := &rev{revision: revision{Deleted: deleted, Clock: HLC{wall, logical}, Device: device}}
		r.id[0] = idByte
		return r
	}
	tests := []struct {
		name string
		a, b *rev // a must win
	}{
		{"live beats deleted despite an older clock", mk(false, 1, 0, "a", 0), mk(true, 9, 0, "z", 9)},
		{"higher wall clock", mk(false, 2, 0, "a", 0), mk(false, 1, 5, "z", 9)},
		{"higher logical clock", mk(false, 2, 1, "a", 0), mk(false, 2, 0, "z", 9)},
		{"same clock: device", mk(false, 2, 1, "b", 0), mk(false, 2, 1, "a", 9)},
		{"same clock and device: revision ID", mk(false, 2, 1, "a", 9), mk(false, 2, 1, "a", 1)},
		{"both deleted: clock", mk(true, 3, 0, "a", 0), mk(true, 2, 0, "a", 0)},
	}
	for _, tc := range tests {
		if !beats(tc.a, tc.b) || beats(tc.b, tc.a) {
			t.Errorf("%s: beats(a,b)=%v beats(b,a)=%v", tc.name, beats(tc.a, tc.b), beats(tc.b, tc.a))
		}
		for _, order := range [][]*rev{{tc.a, tc.b}, {tc.b, tc.a}} {
			if _, w := resolve(order); w != tc.a {
				t.Errorf("%s: resolve picked the wrong winner for order %v", tc.name, order)
			}
		}
	}
}

func TestRevisionBytes(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ <thôn> & \"Đông\"")
	must(t, s.PutCell(&cell))
	must(t, s.DeleteCell(cell.ID))
	err := s.view(func(tx *bolt.Tx) error {
		n := 0
		return tx.Bucket(bucketRevs).ForEach(func(k, v []byte) error {
			n++
			var m map[string]json.RawMessage
			must(t, json.Unmarshal(v, &m))
			for _, f := range []string{"id", "kind", "parents", "clock", "device", "deleted", "schema", "at", "data"} {
				if _, ok := m[f]; !ok {
					t.Errorf("revision lacks %q: %s", f, v)
				}
			}
			if _, err := time.Parse(time.RFC3339, string(m["at"][1:len(m["at"])-1])); err != nil {
				t.Errorf("at is not RFC 3339: %s", m["at"])
			}
			if r, err := decodeRevAt(k, v); err != nil || r.Record != cell.ID {
				t.Errorf("decodeRev: %v", err)
			}
			return nil
		})
	})
	must(t, err)
}

// A record deleted on two laptops apart has two tombstone heads. That is
// no conflict: both copies say the record is gone, and there is nothing
// to save that would resolve it. Restoring it later joins both heads.
func TestTwoDeletionsAreNoConflict(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Tây")
	must(t, s.PutCell(&cell))
	revs, _ := s.Revisions(cell.ID)
	base := revs[0]
	forge(t, s, kindCell, cell.ID, []string{base.ID}, "laptop-b", HLC{Wall: base.Clock.Wall + 1000}, true, nil)
	forge(t, s, kindCell, cell.ID, []string{base.ID}, "laptop-c", HLC{Wall: base.Clock.Wall + 2000}, true, nil)
	if _, err := s.Cell(cell.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("a cell deleted on both laptops reads as %v", err)
	}
	if ids, _ := s.Conflicts(); len(ids) != 0 {
		t.Fatalf("two deletions listed as a conflict: %v", ids)
	}
	if list, _ := s.ConflictList(); len(list) != 0 {
		t.Fatalf("two deletions in the review list: %+v", list)
	}
	if errs := s.Check(); len(errs) != 0 {
		t.Fatalf("Check: %v", errs)
	}
	must(t, s.Restore(&cell))
	if err := s.view(func(tx *bolt.Tx) error {
		if h := headsOf(tx, cell.ID); len(h) != 1 {
			t.Errorf("the restore left %d heads, want it to join both deletions", len(h))
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// A live revision beside another is a conflict again.
	forge(t, s, kindCell, cell.ID, []string{base.ID}, "laptop-d", HLC{Wall: base.Clock.Wall + 3000}, false, cell)
	if ids, _ := s.Conflicts(); !slices.Equal(ids, []model.ID{cell.ID}) {
		t.Fatalf("a live head beside two deletions: Conflicts = %v", ids)
	}
}
