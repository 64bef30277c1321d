package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"testing"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Every record read is verified against the SHA-256 of its revision: a
// changed byte is a damaged record, named, never a value on screen.

// assertDamagedFile checks how a file with a damaged record is treated:
// refused naming the record, or opened read-only without it; nothing is
// ever written into it.
func assertDamagedFile(t *testing.T, path string, id model.ID, name string) *Store {
	t.Helper()
	before := fileHash(t, path)
	_, err := Open(path, Options{DeviceID: "x"})
	var de *DamageError
	if !errors.As(err, &de) || !errors.Is(err, ErrDamagedRecord) || !errors.Is(err, ErrCorrupt) {
		t.Fatalf("Open of a damaged file = %v, want a *DamageError", err)
	}
	if de.ID != id || (name != "" && de.Name != name) {
		t.Errorf("the damage names %s %q, want %s %q", de.ID, de.Name, id, name)
	}
	if msg := model.Message(err, model.EN); !bytes.Contains([]byte(msg), []byte(id.String())) {
		t.Errorf("message %q does not name the record", msg)
	}
	s, err := Open(path, Options{DeviceID: "x", AllowDamaged: true})
	if err != nil {
		t.Fatalf("Open allowing damage = %v", err)
	}
	t.Cleanup(func() {
		s.Close()
		if fileHash(t, path) != before {
			t.Error("the damaged file was changed")
		}
	})
	if !s.ReadOnly() || !s.Damaged() || len(s.Damage()) == 0 || s.Damage()[0].ID != id {
		t.Errorf("read-only %v, damage %v", s.ReadOnly(), s.Damage())
	}
	cell := testCell("Chi bộ mới")
	if err := s.PutCell(&cell); !errors.Is(err, ErrDamagedReadOnly) {
		t.Errorf("a save into a damaged file = %v, want ErrDamagedReadOnly", err)
	}
	snap, err := s.Snapshot()
	if err != nil {
		t.Fatalf("Snapshot of a damaged file allowed to open: %v", err)
	}
	for _, c := range snap.Cells {
		if c.ID == id {
			t.Error("the damaged cell is listed")
		}
	}
	for _, r := range snap.Rows {
		if r.ID == id {
			t.Error("the damaged candidate is listed")
		}
	}
	return s
}

func TestDamagedCurrentValue(t *testing.T) {
	isolate(t)
	path, cell, _ := seeded(t)
	tamper(t, path, func(tx *bolt.Tx) error {
		v := bytes.Clone(tx.Bucket(bucketCurCells).Get(cell.ID[:]))
		v[3] ^= 0x10 // the pointer names no revision of the cell
		return tx.Bucket(bucketCurCells).Put(cell.ID[:], v)
	})
	s := assertDamagedFile(t, path, cell.ID, cell.Name)
	if _, err := s.Cell(cell.ID); !errors.Is(err, ErrDamagedRecord) {
		t.Errorf("reading the damaged cell = %v", err)
	}
}

func TestDamagedRevision(t *testing.T) {
	path, cell, _ := seeded(t)
	// The cell's first revision (not its current one) loses a byte's worth.
	tamper(t, path, func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketRevs).Cursor()
		k, _ := c.Seek(cell.ID[:])
		key := bytes.Clone(k)
		for k, _ := c.Next(); k != nil && bytes.HasPrefix(k, cell.ID[:]); k, _ = c.Next() {
			if bytes.Compare(k, key) < 0 {
				key = bytes.Clone(k)
			}
		}
		v := bytes.Clone(tx.Bucket(bucketRevs).Get(key))
		v[len(v)/2] ^= 0x01
		return tx.Bucket(bucketRevs).Put(key, v)
	})
	assertDamagedFile(t, path, cell.ID, "")
}

func TestDamagedRow(t *testing.T) {
	isolate(t)
	path, _, cand := seeded(t)
	tamper(t, path, func(tx *bolt.Tx) error {
		v := bytes.Clone(tx.Bucket(bucketRowsCand).Get(cand.ID[:]))
		i := bytes.Index(v, []byte("Hoà"))
		v[i] = 'X' // still a well-formed row, with another name
		return tx.Bucket(bucketRowsCand).Put(cand.ID[:], v)
	})
	assertDamagedFile(t, path, cand.ID, cand.FullName)
}

func TestDamagedIndexes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(tx *bolt.Tx, cell model.Cell, cand model.Candidate) error
		record func(cell model.Cell, cand model.Candidate) model.ID
	}{
		{"a head removed", func(tx *bolt.Tx, cell model.Cell, _ model.Candidate) error {
			k, _ := tx.Bucket(bucketHeads).Cursor().Seek(cell.ID[:])
			return tx.Bucket(bucketHeads).Delete(bytes.Clone(k))
		}, func(c model.Cell, _ model.Candidate) model.ID { return c.ID }},
		{"a revision filed under another record", func(tx *bolt.Tx, cell model.Cell, cand model.Candidate) error {
			b := tx.Bucket(bucketRevs)
			k, v := b.Cursor().Seek(cand.ID[:])
			moved := append(bytes.Clone(cell.ID[:]), k[16:]...)
			v = bytes.Clone(v)
			if err := b.Delete(bytes.Clone(k)); err != nil {
				return err
			}
			return b.Put(moved, v)
		}, func(c model.Cell, _ model.Candidate) model.ID { return c.ID }}, // the first of the two damaged
		{"a current value under a wrong ID", func(tx *bolt.Tx, cell model.Cell, _ model.Candidate) error {
			b := tx.Bucket(bucketCurCells)
			v := bytes.Clone(b.Get(cell.ID[:]))
			other := cell.ID
			other[15] ^= 0x40
			if err := b.Delete(cell.ID[:]); err != nil {
				return err
			}
			return b.Put(other[:], v)
		}, func(c model.Cell, _ model.Candidate) model.ID { return c.ID }},
		{"a row of a deleted record", func(tx *bolt.Tx, _ model.Cell, cand model.Candidate) error {
			return tx.Bucket(bucketCurCandidates).Delete(cand.ID[:])
		}, func(_ model.Cell, c model.Candidate) model.ID { return c.ID }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path, cell, cand := seeded(t)
			tamper(t, path, func(tx *bolt.Tx) error { return tc.damage(tx, cell, cand) })
			errs, err := Check(path)
			if err != nil || len(errs) == 0 {
				t.Fatalf("Check = %v, %v: the damage must be a problem", errs, err)
			}
			// Check derives everything and verifies records only when that
			// finds something: whatever Open's verification finds, Check must
			// find too, and name the damaged record first.
			if ce := (*CheckError)(nil); !errors.As(errs[0], &ce) || ce.Record != tc.record(cell, cand) {
				t.Errorf("Check's first problem is %v, want the damaged record %s", errs[0], tc.record(cell, cand))
			}
			_, err = Open(path, Options{DeviceID: "x"})
			var de *DamageError
			if !errors.As(err, &de) || de.ID != tc.record(cell, cand) {
				t.Errorf("Open = %v, want damage to record %s", err, tc.record(cell, cand))
			}
		})
	}
}

func TestDamagedMetaIsNotForeign(t *testing.T) {
	path, _, _ := seeded(t)
	tamper(t, path, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(metaApp, []byte("ngwon")) })
	if _, err := Open(path, Options{DeviceID: "x"}); !errors.Is(err, ErrDamagedPage) || errors.Is(err, ErrNotNguon) {
		t.Errorf("Open with a damaged meta bucket = %v, want a damaged file, not a foreign one", err)
	}
	path2, _, _ := seeded(t)
	tamper(t, path2, func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(metaFileID, []byte("?")) })
	_, err := Open(path2, Options{DeviceID: "x"})
	var de *DamageError
	if !errors.As(err, &de) || de.Kind != kindMeta {
		t.Errorf("Open with a damaged file ID = %v, want damage to meta", err)
	}
}

func TestSoundFileVerifies(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	for i := range 20 {
		c := testCandidate(cell.ID, i)
		must(t, s.PutCandidate(&c))
		if i%4 == 0 {
			must(t, s.DeleteCandidate(c.ID))
		}
	}
	// A conflict: two heads, the winner verified among them.
	revs, _ := s.Revisions(cell.ID)
	other := cell
	other.Secretary = "Trần Văn B"
	forge(t, s, kindCell, cell.ID, []string{revs[0].ID}, "laptop-b", HLC{Wall: revs[0].Clock.Wall + 5000}, false, other)
	must(t, s.view(func(tx *bolt.Tx) error {
		if d := verifyAll(tx); len(d) != 0 {
			t.Errorf("verifyAll of a sound file: %v", d)
		}
		return nil
	}))
	if got, err := s.Cell(cell.ID); err != nil || got.Secretary != "Trần Văn B" {
		t.Errorf("the winner of a conflict = %+v, %v", got, err)
	}
	if rows, err := s.CandidateRows(); err != nil || len(rows) != 15 {
		t.Errorf("%d rows, %v", len(rows), err)
	}
	if s.Damaged() {
		t.Errorf("a sound file has damage: %v", s.Damage())
	}
}

// The fast path of payloadOf and revisionHead agree with decoding.
func TestFastRevisionReading(t *testing.T) {
	cell := testCell("Chi bộ <thôn> & \"Đông\"")
	cell.ID = model.NewID(testEpoch)
	data, _ := json.Marshal(cell)
	raw, sum, err := revision{Record: cell.ID, Kind: "cell", Clock: HLC{Wall: 1795898651041, Logical: 3},
		Device: `dev","data":{}`, Schema: 1, At: "2026-11-28T20:44:11.041Z", Data: data}.encode()
	must(t, err)
	if got, ok := payloadOf(raw, sum, cell.ID, kindCell); !ok || !bytes.Equal(got, data) {
		t.Errorf("payloadOf = %s, %v; want the revision's own data", got, ok)
	}
	if _, ok := payloadOf(raw, sum, cell.ID, kindCandidate); ok {
		t.Error("payloadOf accepted another kind")
	}
	if _, ok := payloadOf(raw, sum, model.NewID(testEpoch), kindCell); ok {
		t.Error("payloadOf accepted another record")
	}
	id, clock, ok := revisionHead(raw)
	if !ok || id != cell.ID || clock != (HLC{Wall: 1795898651041, Logical: 3}) {
		t.Errorf("revisionHead = %s %v %v", id, clock, ok)
	}
	tomb, tsum, _ := revision{Record: cell.ID, Kind: "cell", Deleted: true, Schema: 1, At: "2026-11-28T20:44:11.041Z"}.encode()
	if _, ok := payloadOf(tomb, tsum, cell.ID, kindCell); ok {
		t.Error("payloadOf took a tombstone for a live revision")
	}
	_ = os.Remove
}
