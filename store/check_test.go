package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

type boltTx = bolt.Tx

// tamper edits a closed file behind the store's back.
func tamper(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	must(t, err)
	must(t, db.Update(fn))
	must(t, db.Close())
}

// seeded makes a closed file with a cell, a candidate and an edited cell.
func seeded(t *testing.T) (path string, cell model.Cell, cand model.Candidate) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "nguon.db")
	s, err := Open(path, Options{DeviceID: "test-device", Now: newClock(testEpoch).Now})
	must(t, err)
	cell = testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	cand = testCandidate(cell.ID, 1)
	must(t, s.PutCandidate(&cand))
	cell.Notes = "đã sửa"
	must(t, s.PutCell(&cell))
	must(t, s.Close())
	return path, cell, cand
}

func TestCheckFindsDamage(t *testing.T) {
	tests := []struct {
		name   string
		damage func(tx *bolt.Tx, cell model.Cell, cand model.Candidate) error
		want   string // in the English message
	}{
		{"revision bytes edited", func(tx *bolt.Tx, _ model.Cell, _ model.Candidate) error {
			b := tx.Bucket(bucketRevs)
			k, v := b.Cursor().First()
			return b.Put(bytes.Clone(k), bytes.Replace(v, []byte("test-device"), []byte("evil-device"), 1))
		}, "does not match its checksum"},
		{"revision not JSON", func(tx *bolt.Tx, _ model.Cell, _ model.Candidate) error {
			v := []byte("not json")
			sum := sha256Of(v)
			return tx.Bucket(bucketRevs).Put(recKey(model.NewID(testEpoch), sum[:]), v)
		}, "revision of record"},
		{"current pointer edited", func(tx *bolt.Tx, cell model.Cell, _ model.Candidate) error {
			return tx.Bucket(bucketCurCells).Put(cell.ID[:], make([]byte, 32))
		}, "value differs"},
		{"row missing", func(tx *bolt.Tx, _ model.Cell, cand model.Candidate) error {
			return tx.Bucket(bucketRowsCand).Delete(cand.ID[:])
		}, "missing"},
		{"extra head", func(tx *bolt.Tx, cell model.Cell, _ model.Candidate) error {
			return tx.Bucket(bucketHeads).Put(recKey(cell.ID, make([]byte, 32)), []byte("cell"))
		}, "though no revision says so"},
		{"clock behind", func(tx *bolt.Tx, _ model.Cell, _ model.Candidate) error {
			return tx.Bucket(bucketMeta).Put(metaHLC, HLC{}.bytes())
		}, "file clock"},
		{"meta file_id", func(tx *bolt.Tx, _ model.Cell, _ model.Candidate) error {
			return tx.Bucket(bucketMeta).Put(metaFileID, []byte("?"))
		}, "file_id"},
		{"derived bucket dropped", func(tx *bolt.Tx, _ model.Cell, _ model.Candidate) error {
			return tx.DeleteBucket(bucketHeads)
		}, "heads is missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path, cell, cand := seeded(t)
			tamper(t, path, func(tx *bolt.Tx) error { return tc.damage(tx, cell, cand) })
			errs, err := Check(path)
			must(t, err)
			if len(errs) == 0 {
				t.Fatal("Check found nothing")
			}
			var all []string
			for _, e := range errs {
				var ce *CheckError
				if !errors.As(e, &ce) {
					t.Errorf("%v is not a *CheckError", e)
					continue
				}
				all = append(all, ce.Text().EN)
			}
			if joined := strings.Join(all, "\n"); !strings.Contains(joined, tc.want) {
				t.Errorf("Check said\n%s\nwant a problem mentioning %q", joined, tc.want)
			}
		})
	}
}

func TestCheckValidatesCurrentRecords(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	// A record saved by a laptop with looser rules: no name. It reaches the
	// file only through a merge, which Check must flag.
	bad := model.Cell{ID: model.NewID(testEpoch), Kind: "village"}
	forge(t, s, kindCell, bad.ID, nil, "laptop-b", HLC{Wall: testEpoch.UnixMilli() + 10}, false, bad)
	errs := s.Check()
	var invalid *model.InvalidError
	if len(errs) != 1 || !errors.As(errs[0], &invalid) {
		t.Fatalf("Check = %v, want one validation problem", errs)
	}
	if ce := errs[0].(*CheckError); ce.Record != bad.ID {
		t.Errorf("problem names record %s, want %s", ce.Record, bad.ID)
	}
	// Fix it so the cleanup check passes: saving makes a valid revision.
	bad.Name = "Chi bộ thôn Bắc"
	must(t, s.PutCell(&bad))
}

func TestRebuildReproducesDerivedBuckets(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	for i := range 30 {
		c := testCandidate(cell.ID, i)
		must(t, s.PutCandidate(&c))
		if i%3 == 0 {
			must(t, s.DeleteCandidate(c.ID))
		}
	}
	before := snapshot(t, s)
	must(t, s.Rebuild())
	after := snapshot(t, s)
	if len(before) != len(after) {
		t.Fatalf("derived buckets: %d entries before Rebuild, %d after", len(before), len(after))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("entry %x changed by Rebuild", k)
		}
	}

	// A damaged revision makes Rebuild refuse and write nothing.
	must(t, s.update(func(tx *bolt.Tx) error {
		v := []byte(`{"id":"bad"}`)
		sum := sha256Of(v)
		return tx.Bucket(bucketRevs).Put(sum[:], v)
	}))
	if err := s.Rebuild(); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Rebuild over a damaged revision = %v, want ErrCorrupt", err)
	}
	if got := snapshot(t, s); len(got) != len(before) {
		t.Error("a refused Rebuild changed derived buckets")
	}
	// Remove it again for the cleanup check.
	must(t, s.update(func(tx *bolt.Tx) error {
		sum := sha256Of([]byte(`{"id":"bad"}`))
		return tx.Bucket(bucketRevs).Delete(sum[:])
	}))
}

// snapshot copies every derived bucket into a map keyed by bucket+key.
func snapshot(t *testing.T, s *Store) map[string]string {
	t.Helper()
	out := map[string]string{}
	must(t, s.view(func(tx *bolt.Tx) error {
		for _, name := range derivedBuckets {
			tx.Bucket(name).ForEach(func(k, v []byte) error {
				out[string(name)+"/"+string(k)] = string(v)
				return nil
			})
		}
		return nil
	}))
	return out
}

func TestCheckErrorText(t *testing.T) {
	inv := (model.Problems{{Field: "name", Msg: model.Text{VI: "Thiếu tên.", EN: "No name."}}}).Err()
	e := problem(model.ID{}, inv, "Bản ghi %s", "Record %s", "x")
	if e.Text().EN != "Record x: No name." || e.Text().VI != "Bản ghi x: Thiếu tên." {
		t.Errorf("Text = %+v", e.Text())
	}
	b, _ := json.Marshal(e.Text())
	if !bytes.Contains(b, []byte("Thiếu tên")) {
		t.Error("cause lost in the text")
	}
}
