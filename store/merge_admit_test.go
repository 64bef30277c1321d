package store

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// A hostile copy is a sound file into which revisions were written
// directly with bbolt, each hashing to its ID, so that only the merge's
// own checks stand between them and this file.

// forgedCopy writes a copy holding one good cell, and adds to it a
// revision of record id of kind k with payload data and clock c, stored
// as addRevision stores it (derived buckets included, so the copy passes
// the open check).
func forgedCopy(t *testing.T, k *kind, id model.ID, data []byte, c HLC) string {
	t.Helper()
	src := laptopStore(t, "laptop-x", testEpoch)
	good := testCell("Chi bộ thôn Tốt")
	must(t, src.PutCell(&good))
	path := copyOf(t, src, "forged.db")
	raw, _, err := revision{Record: id, Kind: k.name, Parents: []string{}, Clock: c, Device: "laptop-x",
		Schema: model.SchemaVersion, At: testEpoch.UTC().Format(atLayout), Data: data}.encode()
	must(t, err)
	boltUpdate(t, path, func(tx *bolt.Tx) error { return addRevision(tx, raw) })
	return path
}

// cellPayload is a valid cell's payload, changed by edit after it is
// normalised (so the change is what reaches the file).
func cellPayload(t *testing.T, id model.ID, edit func(*model.Cell)) []byte {
	c := testCell("Chi bộ thôn Lạ")
	c.ID = id
	c.Normalize()
	edit(&c)
	b, err := json.Marshal(c)
	must(t, err)
	return b
}

// assertRecordRefused checks that merging path refuses the whole merge,
// naming the copy and the record in one sentence in each language, and
// leaves our file as it was without a backup.
func assertRecordRefused(t *testing.T, s *Store, good, path string, name string) *RecordRefusedError {
	t.Helper()
	before := fileHash(t, s.Path())
	res, err := s.Merge([]string{good, path}, testEpoch)
	var ce *CopyError
	var rr *RecordRefusedError
	if !errors.As(err, &ce) || ce.Path != path || !errors.As(err, &rr) || res != nil {
		t.Fatalf("Merge = %v, %v; want a CopyError for %s refusing a record", res, err, path)
	}
	if fileHash(t, s.Path()) != before {
		t.Fatal("a refused merge changed our file")
	}
	if ents, _ := os.ReadDir(BackupDir(s.Path())); len(ents) > 0 {
		t.Errorf("a refused merge made a backup: %v", ents)
	}
	msg := ce.Text()
	for _, m := range []string{msg.VI, msg.EN} {
		if !strings.Contains(m, path) || !strings.Contains(m, name) || !strings.HasSuffix(m, ".") ||
			strings.ContainsAny(m, "\x1b\u202e\n") || len([]rune(m)) > 400 {
			t.Errorf("message does not name the copy and the record in one short sentence: %q", m)
		}
	}
	if !strings.HasPrefix(msg.VI, "Không gộp gì") || strings.Contains(msg.VI, " is ") || strings.Contains(msg.VI, " the ") {
		t.Errorf("the Vietnamese message: %q", msg.VI)
	}
	return rr
}

func TestMergeRefusesCopyFromTheFuture(t *testing.T) {
	ours := laptopStore(t, "laptop-a", testEpoch)
	cell := testCell("Chi bộ thôn Đông")
	must(t, ours.PutCell(&cell))
	good := copyOf(t, laptopStore(t, "laptop-b", testEpoch), "good.db")
	for _, tc := range []struct {
		name  string
		clock HLC
	}{
		{"end of time", HLC{math.MaxInt64, math.MaxUint32}},
		{"four days ahead", HLC{testEpoch.Add(4 * 24 * time.Hour).UnixMilli(), 0}},
		{"counter near its end", HLC{testEpoch.UnixMilli(), math.MaxUint32}},
		{"before 1970", HLC{-5, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := model.NewID(testEpoch)
			path := forgedCopy(t, kindCell, id, cellPayload(t, id, func(*model.Cell) {}), tc.clock)
			rr := assertRecordRefused(t, ours, good, path, "Chi bộ thôn Lạ")
			if rr.Kind != "cell" || rr.ID != id {
				t.Errorf("refused %+v, want the forged cell", rr)
			}
		})
	}
	// Two days ahead is a laptop whose clock is wrong, not a forgery: it
	// merges, and the next save still orders after it.
	id := model.NewID(testEpoch)
	ahead := HLC{testEpoch.Add(2 * 24 * time.Hour).UnixMilli(), 7}
	_, err := ours.Merge([]string{forgedCopy(t, kindCell, id, cellPayload(t, id, func(*model.Cell) {}), ahead)}, testEpoch)
	must(t, err)
	c, err := ours.Cell(id)
	must(t, err)
	c.Notes = "sửa sau khi gộp"
	must(t, ours.PutCell(&c))
	revs, err := ours.Revisions(id)
	must(t, err)
	if last := revs[len(revs)-1].Clock; last.Compare(ahead) <= 0 {
		t.Errorf("a save after the merge is clocked %v, not after the merged %v", last, ahead)
	}
}

func TestMergeRefusesWhatASaveWouldRefuse(t *testing.T) {
	ours := laptopStore(t, "laptop-a", testEpoch)
	cell := testCell("Chi bộ thôn Đông")
	must(t, ours.PutCell(&cell))
	good := copyOf(t, laptopStore(t, "laptop-b", testEpoch), "good.db")
	now := HLC{testEpoch.UnixMilli(), 0}
	for _, tc := range []struct {
		name string
		edit func(*model.Cell)
		want string // the record as the message names it
	}{
		{"negative count", func(c *model.Cell) { c.OfficialMembers = -5 }, "Chi bộ thôn Lạ"},
		{"negative target", func(c *model.Cell) { c.Targets[0].Total = -1 }, "Chi bộ thôn Lạ"},
		{"escape sequence", func(c *model.Cell) { c.Name = "Chi bộ \x1b[2Jthôn Lạ" }, "Chi bộ \\x1b[2Jthôn Lạ"},
		{"bidi override", func(c *model.Cell) { c.Secretary = "Lê \u202eVăn Bình" }, "Chi bộ thôn Lạ"},
		{"not NFC", func(c *model.Cell) { c.Village = "Tho\u0302n Đông" }, "Chi bộ thôn Lạ"},
		{"8 MB name", func(c *model.Cell) { c.Name = strings.Repeat("A", 8<<20) }, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			id := model.NewID(testEpoch)
			path := forgedCopy(t, kindCell, id, cellPayload(t, id, tc.edit), now)
			want := tc.want
			if want == "" {
				want = id.String() // too large to decode: named by its ID
			}
			rr := assertRecordRefused(t, ours, good, path, want)
			if rr.Kind != "cell" || rr.ID != id {
				t.Errorf("refused %+v, want the forged cell", rr)
			}
		})
	}
	t.Run("another kind's ID", func(t *testing.T) {
		c := testCandidate(cell.ID, 1)
		c.ID = cell.ID // our cell's ID, as a candidate
		c.Normalize()
		data, err := json.Marshal(c)
		must(t, err)
		path := forgedCopy(t, kindCandidate, cell.ID, data, now)
		assertRecordRefused(t, ours, good, path, c.FullName)
	})
	t.Run("settings under another ID", func(t *testing.T) {
		id := model.NewID(testEpoch)
		data, err := json.Marshal(DefaultSettings())
		must(t, err)
		path := forgedCopy(t, kindSettings, id, data, now)
		assertRecordRefused(t, ours, good, path, id.String())
	})
}

// A copy that brings a good record and a bad one brings neither.
func TestMergeRefusesTheWholeCopy(t *testing.T) {
	ours := laptopStore(t, "laptop-a", testEpoch)
	id := model.NewID(testEpoch)
	path := forgedCopy(t, kindCell, id, cellPayload(t, id, func(c *model.Cell) { c.ProbationaryMembers = -1 }), HLC{testEpoch.UnixMilli(), 0})
	before := fileHash(t, ours.Path())
	if _, err := ours.Merge([]string{path}, testEpoch); err == nil {
		t.Fatal("a copy with an invalid cell was merged")
	}
	if cells, _ := ours.Cells(); len(cells) != 0 || fileHash(t, ours.Path()) != before {
		t.Errorf("a refused copy left %d cells behind", len(cells))
	}
}

// A file that already holds revisions dated ahead (a laptop whose clock
// ran fast, before merges refused them) is not refused by the check, and
// copies still merge into it.
func TestFileWithFutureClocksStillChecksAndMerges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ahead.db")
	fast, err := Open(path, Options{DeviceID: "fast", Now: newClock(testEpoch.AddDate(1, 0, 0)).Now})
	must(t, err)
	cell := testCell("Chi bộ thôn Đông")
	must(t, fast.PutCell(&cell))
	must(t, fast.Close())
	s := openTestStore(t, path, Options{DeviceID: "laptop-a"})
	if errs := s.Check(); len(errs) != 0 {
		t.Fatalf("Check of a file with clocks ahead: %v", errs)
	}
	b := laptopStore(t, "laptop-b", testEpoch)
	other := testCell("Chi bộ thôn Tây")
	must(t, b.PutCell(&other))
	if _, err := s.Merge([]string{copyOf(t, b, "b.db")}, testEpoch); err != nil {
		t.Fatalf("merging into a file with clocks ahead: %v", err)
	}
	if _, err := s.Cell(other.ID); err != nil {
		t.Errorf("the merged cell: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
}
