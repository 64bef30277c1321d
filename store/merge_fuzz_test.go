package store

import (
	"encoding/json"
	"math"
	"path/filepath"
	"testing"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// FuzzMergeInput: a copy holding one revision of any payload, any kind
// and any clock never crashes a merge, never leaves the target changed
// when the merge is refused, and never lets in what the target's own
// check would then find wrong; the target still takes a save afterwards.
func FuzzMergeInput(f *testing.F) {
	good, _ := json.Marshal(testCell("Chi bộ thôn Lạ"))
	f.Add(good, int64(0), uint32(0), uint8(0))
	f.Add([]byte(`{"name":"Chi bộ \u001b[31m","members":-5}`), int64(0), uint32(0), uint8(0))
	f.Add([]byte(`{"full_name":"Nguyễn Văn \u202eA","sex":"nam"}`), int64(0), uint32(7), uint8(1))
	f.Add(good, int64(math.MaxInt64), uint32(math.MaxUint32), uint8(0))
	f.Add([]byte(`{"commune":"Xã Khác","province":"Tỉnh Khác"}`), int64(-1), uint32(0), uint8(4))
	f.Add([]byte(`null`), int64(1), uint32(1), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, wallOffset int64, logical uint32, kindIdx uint8) {
		k := kinds[int(kindIdx)%len(kinds)]
		id := model.NewID(testEpoch)
		if k == kindSettings {
			id = settingsID
		}
		wall := testEpoch.UnixMilli() + wallOffset
		if wallOffset > math.MaxInt64-testEpoch.UnixMilli() {
			wall = math.MaxInt64
		}
		if k == kindCell {
			// A cell's payload names its ID: give the fuzzer a chance at a valid one.
			var c model.Cell
			if json.Unmarshal(data, &c) == nil {
				c.ID = id
				if b, err := json.Marshal(c); err == nil {
					data = b
				}
			}
		}
		copyPath, ok := forgeCopy(t, k, id, data, HLC{Wall: wall, Logical: logical})
		if !ok {
			return // not even storable as a revision: no copy can hold it
		}

		s := openTestStore(t, filepath.Join(t.TempDir(), "target.db"), Options{})
		cell := testCell("Chi bộ thôn Đông")
		must(t, s.PutCell(&cell))
		before := fileHash(t, s.Path())
		_, err := s.Merge([]string{copyPath}, testEpoch)
		if err != nil {
			if fileHash(t, s.Path()) != before {
				t.Fatalf("a refused merge (%v) changed the file", err)
			}
			return
		}
		for _, p := range s.Check() {
			t.Fatalf("the merge let in what the check finds wrong: %v", p)
		}
		other := testCell("Chi bộ thôn Tây")
		if err := s.PutCell(&other); err != nil {
			t.Fatalf("a save after the merge failed: %v", err)
		}
	})
}

// forgeCopy is forgedCopy for the fuzzer: a revision that cannot be
// stored at all makes no copy.
func forgeCopy(t *testing.T, k *kind, id model.ID, data []byte, c HLC) (string, bool) {
	src := laptopStore(t, "laptop-x", testEpoch)
	good := testCell("Chi bộ thôn Tốt")
	must(t, src.PutCell(&good))
	path := copyOf(t, src, "forged.db")
	raw, _, err := revision{Record: id, Kind: k.name, Parents: []string{}, Clock: c, Device: "laptop-x",
		Schema: model.SchemaVersion, At: testEpoch.UTC().Format(atLayout), Data: data}.encode()
	if err != nil {
		return "", false
	}
	db, err := bolt.Open(path, 0o600, nil)
	must(t, err)
	err = db.Update(func(tx *bolt.Tx) error { return addRevision(tx, raw) })
	must(t, db.Close())
	return path, err == nil
}
