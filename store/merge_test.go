package store

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// copyOf writes a consistent copy of s (what a clerk carries on a USB stick).
func copyOf(t testing.TB, s *Store, name string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), name)
	must(t, s.Backup(out))
	return out
}

// laptopStore opens a fresh file for one laptop whose clock starts at start.
// Its check at the end does not validate: a laptop whose clock is years
// behind holds records dated after its "today".
func laptopStore(t testing.TB, device string, start time.Time) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), device+".db"), Options{DeviceID: device, Now: newClock(start).Now})
	must(t, err)
	t.Cleanup(func() {
		if err := s.Rebuild(); err != nil { // refuses when anything is damaged
			t.Errorf("%s: %v", device, err)
		}
		s.Close()
	})
	return s
}

func TestMergeTwoLaptops(t *testing.T) {
	a := laptopStore(t, "laptop-a", testEpoch)
	cell := testCell("Chi bộ thôn Đông")
	must(t, a.PutCell(&cell))
	c1, c2 := testCandidate(cell.ID, 1), testCandidate(cell.ID, 2)
	must(t, a.PutCandidate(&c1))
	must(t, a.PutCandidate(&c2))

	b := laptopStore(t, "laptop-b", testEpoch.AddDate(-3, 0, 0)) // its clock years behind
	res, err := b.Merge([]string{copyOf(t, a, "a.db")}, testEpoch)
	must(t, err)
	if f := res.Files[0]; f.Added != 3 || f.Updated != 0 || f.Unchanged != 0 || !res.Written {
		t.Fatalf("first merge: %+v", res)
	}
	if res.Backup != "" {
		t.Errorf("an empty file was backed up before the merge: %s", res.Backup)
	}
	// B edits the cell (its clock is too far behind to save candidates
	// dated after its "today"); merged back into A.
	cell.Secretary = "Sửa ở máy B"
	must(t, b.PutCell(&cell))
	must(t, b.DeleteCandidate(c2.ID))
	res, err = a.Merge([]string{copyOf(t, b, "b.db")}, testEpoch)
	must(t, err)
	if f := res.Files[0]; f.Added != 0 || f.Updated != 2 || f.Unchanged != 1 {
		t.Fatalf("merge back: %+v", f)
	}
	if got, _ := a.Cell(cell.ID); got.Secretary != cell.Secretary {
		t.Errorf("B's later edit lost to A's older revision despite B's slow clock: %q", got.Secretary)
	}
	if _, err := a.Candidate(c2.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("B's deletion did not reach A: %v", err)
	}
	if res.Backup == "" || !strings.Contains(res.Backup, "truoc-khi-gop") {
		t.Errorf("no automatic backup before writing: %q", res.Backup)
	}
	// Merging the same copy again writes nothing: the file stays byte for byte.
	again := copyOf(t, b, "b2.db")
	before := fileHash(t, a.Path())
	res, err = a.Merge([]string{again}, testEpoch)
	must(t, err)
	if res.Written || res.Files[0].Unchanged != 3 || fileHash(t, a.Path()) != before {
		t.Errorf("a second merge changed something: %+v", res)
	}
}

func TestMergeRefusesBadCopies(t *testing.T) {
	isolate(t) // every copy is checked in a child, as in the program
	ours := laptopStore(t, "laptop-a", testEpoch)
	cell := testCell("Chi bộ thôn Đông")
	must(t, ours.PutCell(&cell))
	good := realFile(t, t.TempDir())
	dir := t.TempDir()
	cases := append(foreignFiles(t), brokenFiles(t)...)
	cases = append(cases,
		damagedFile{"tampered revision", tamperedCopy(t), ErrCorrupt},
		damagedFile{"missing", func(string) {}, ErrMissingFile})
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "copy"+string(rune('a'+i))+".db")
			tc.make(path)
			assertMergeRefused(t, ours, []string{good, path}, path, tc.want)
		})
	}
	t.Run("in use", func(t *testing.T) {
		path := filepath.Join(dir, "open.db")
		busy, err := Open(path, Options{DeviceID: "laptop-c"})
		must(t, err)
		defer busy.Close()
		assertMergeRefused(t, ours, []string{path}, path, ErrInUse)
	})
}

// tamperedCopy makes a sound copy one of whose revisions no longer hashes to its ID.
func tamperedCopy(t *testing.T) func(string) {
	return func(p string) {
		must(t, os.Rename(realFile(t, t.TempDir()), p))
		boltUpdate(t, p, func(tx *bolt.Tx) error {
			k, v := tx.Bucket(bucketRevs).Cursor().Last()
			v = []byte(strings.Replace(string(v), "Nguyễn", "Nguyễm", 1))
			return tx.Bucket(bucketRevs).Put(slices.Clone(k), v)
		})
	}
}

// assertMergeRefused checks that merging paths refuses the whole merge
// because of bad, names it, and leaves our file byte for byte as it was
// with no backup made.
func assertMergeRefused(t *testing.T, s *Store, paths []string, bad string, want error) {
	t.Helper()
	before := fileHash(t, s.Path())
	res, err := s.Merge(paths, testEpoch)
	var ce *CopyError
	if !errors.As(err, &ce) || ce.Path != bad || !errors.Is(err, want) || res != nil {
		t.Fatalf("Merge = %v, %v; want a CopyError for %s matching %v", res, err, bad, want)
	}
	if msg := ce.Text(); !strings.Contains(msg.VI, bad) || !strings.Contains(msg.EN, bad) ||
		strings.Contains(msg.VI, "\n") || !strings.HasPrefix(msg.VI, "Không gộp gì") {
		t.Errorf("message does not name the copy in one sentence: %+v", msg)
	}
	if fileHash(t, s.Path()) != before {
		t.Fatal("a refused merge changed our file")
	}
	if _, err := os.Stat(BackupDir(s.Path())); err == nil {
		if ents, _ := os.ReadDir(BackupDir(s.Path())); len(ents) > 0 {
			t.Errorf("a refused merge made a backup: %v", ents)
		}
	}
}

func TestMergeCommunes(t *testing.T) {
	mk := func(device, commune, cellName string) (*Store, model.Cell) {
		s := laptopStore(t, device, testEpoch)
		set := DefaultSettings()
		set.Commune = commune
		must(t, s.PutSettings(set))
		c := testCell(cellName)
		must(t, s.PutCell(&c))
		return s, c
	}
	a, cellA := mk("laptop-a", "Đảng bộ xã Trường Sơn", "Chi bộ thôn Đông")
	b, cellB := mk("laptop-b", "Đảng bộ xã Hoằng Phụ", "Chi bộ thôn Tây")
	res, err := a.Merge([]string{copyOf(t, b, "b.db")}, testEpoch)
	must(t, err)
	f := res.Files[0]
	if !f.Foreign || f.Commune != "Đảng bộ xã Hoằng Phụ" || f.Added != 1 || f.Stamped != 2 {
		t.Fatalf("merge of another commune: %+v", f)
	}
	if conf, _ := a.Conflicts(); len(conf) != 0 {
		t.Errorf("the other commune's settings made a conflict: %v", conf)
	}
	if set, _ := a.Settings(); set.Commune != "Đảng bộ xã Trường Sơn" {
		t.Errorf("our settings changed to %q", set.Commune)
	}
	for id, want := range map[model.ID]string{cellA.ID: "Đảng bộ xã Trường Sơn", cellB.ID: "Đảng bộ xã Hoằng Phụ"} {
		if c, _ := a.Cell(id); c.Commune != want {
			t.Errorf("cell %s commune %q, want %q", c.Name, c.Commune, want)
		}
	}
	if got, _ := a.Communes(); !slices.Equal(got, []string{"Đảng bộ xã Hoằng Phụ", "Đảng bộ xã Trường Sơn"}) {
		t.Errorf("Communes = %q", got)
	}
	// The stamps are revisions: merged again, nothing more happens.
	before := fileHash(t, a.Path())
	res, err = a.Merge([]string{copyOf(t, b, "b2.db")}, testEpoch)
	must(t, err)
	if res.Written || fileHash(t, a.Path()) != before {
		t.Errorf("a second merge of the other commune wrote again: %+v", res.Files)
	}
}

func TestDuplicatesReview(t *testing.T) {
	a := laptopStore(t, "laptop-a", testEpoch)
	b := laptopStore(t, "laptop-b", testEpoch)
	cell := testCell("Chi bộ thôn Đông")
	must(t, a.PutCell(&cell))
	_, err := b.Merge([]string{copyOf(t, a, "a.db")}, testEpoch)
	must(t, err)
	// The same person entered on both laptops, and someone else on B who
	// shares a name, date of birth and village (spelt differently).
	p1, p2 := testCandidate(cell.ID, 7), testCandidate(cell.ID, 7)
	other := testCandidate(cell.ID, 8)
	other.FullName = "NGUYỄN  THỊ HOÀ"
	must(t, a.PutCandidate(&p1))
	must(t, b.PutCandidate(&p2))
	must(t, b.PutCandidate(&other))
	res, err := a.Merge([]string{copyOf(t, b, "b.db")}, testEpoch)
	must(t, err)
	if len(res.Duplicates) != 3 {
		t.Fatalf("duplicates = %+v, want 3 pairs", res.Duplicates)
	}
	must(t, a.MarkNotDuplicate(other.ID, p1.ID))
	must(t, a.MarkNotDuplicate(other.ID, p2.ID))
	// A later edit through the model (which drops the mark field) keeps it.
	other, _ = a.Candidate(other.ID)
	other.Notes = "Người khác"
	must(t, a.PutCandidate(&other))
	dups, err := a.PossibleDuplicates()
	must(t, err)
	if len(dups) != 1 || !dups[0].SameCCCD || !dups[0].SameName {
		t.Fatalf("after marking: %+v", dups)
	}
	must(t, a.MergeDuplicate(p1.ID, p2.ID))
	if dups, _ := a.PossibleDuplicates(); len(dups) != 0 {
		t.Errorf("after merging: %+v", dups)
	}
	if _, err := a.Candidate(p2.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the merged record is still listed: %v", err)
	}
	if into, err := a.MergedInto(p2.ID); err != nil || into != p1.ID {
		t.Errorf("MergedInto = %s, %v", into, err)
	}
	// Made on B, marked, merged into p1, deleted.
	if revs, _ := a.Revisions(p2.ID); len(revs) != 4 {
		t.Errorf("history of the merged record: %d revisions, want 4", len(revs))
	}
	// The marks travel: B learns them by merging A back.
	_, err = b.Merge([]string{copyOf(t, a, "a2.db")}, testEpoch)
	must(t, err)
	if dups, _ := b.PossibleDuplicates(); len(dups) != 0 {
		t.Errorf("B after merging A's review: %+v", dups)
	}
}

func TestConflictVersions(t *testing.T) {
	a := laptopStore(t, "laptop-a", testEpoch)
	b := laptopStore(t, "laptop-b", testEpoch)
	cell := testCell("Chi bộ thôn Đông")
	must(t, a.PutCell(&cell))
	_, err := b.Merge([]string{copyOf(t, a, "a.db")}, testEpoch)
	must(t, err)
	onB := cell
	cell.Secretary, onB.Secretary = "Trần Văn A", "Trần Văn B"
	must(t, a.PutCell(&cell))
	must(t, b.PutCell(&onB))
	res, err := a.Merge([]string{copyOf(t, b, "b.db")}, testEpoch)
	must(t, err)
	if len(res.Conflicts) != 1 || res.Conflicts[0].Name != cell.Name || res.Conflicts[0].Heads != 2 {
		t.Fatalf("conflicts = %+v", res.Conflicts)
	}
	vs, err := a.ConflictVersions(cell.ID)
	must(t, err)
	if len(vs) != 2 || !vs[0].Winner || vs[1].Winner {
		t.Fatalf("versions = %+v", vs)
	}
	var cells []model.Cell
	for _, v := range vs {
		var c model.Cell
		must(t, json.Unmarshal(v.Data, &c))
		cells = append(cells, c)
	}
	diff := DifferingFields(model.CellFields, cells)
	if len(diff) != 1 || diff[0].Key != "secretary" {
		t.Errorf("differing fields = %v", diff)
	}
}

// Merging a duplicate moves what classes and meetings record of the
// removed record to the kept one: nothing names a record that is gone.
func TestMergeDuplicateMovesEnrolmentsAndAgenda(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	keep, gone := testCandidate(cell.ID, 1), testCandidate(cell.ID, 2)
	must(t, s.PutCandidate(&keep))
	must(t, s.PutCandidate(&gone))
	both, onlyGone := testClass(), testClass()
	onlyGone.Name = "Lớp nhận thức về Đảng khóa 2/2026"
	both.Enrolments = []model.Enrolment{{Candidate: keep.ID, Result: model.ResultEnrolled},
		{Candidate: gone.ID, Result: model.ResultPassed, CertNo: "15/GCN", CertDate: model.NewDate(2026, 1, 9)}}
	onlyGone.Enrolments = []model.Enrolment{{Candidate: gone.ID, Result: model.ResultPassed}}
	must(t, s.PutClass(&both))
	must(t, s.PutClass(&onlyGone))
	meeting := testMeeting(cell.ID, gone.ID)
	must(t, s.PutMeeting(&meeting))

	must(t, s.MergeDuplicate(keep.ID, gone.ID))

	got, err := s.Class(both.ID)
	must(t, err)
	if len(got.Enrolments) != 1 || got.Enrolments[0].Candidate != keep.ID || got.Enrolments[0].Result != model.ResultPassed ||
		got.Enrolments[0].CertNo != "15/GCN" {
		t.Errorf("enrolled twice: %+v, want one passed enrolment of the kept record", got.Enrolments)
	}
	if got, _ := s.Class(onlyGone.ID); len(got.Enrolments) != 1 || got.Enrolments[0].Candidate != keep.ID {
		t.Errorf("enrolled as the removed record: %+v", got.Enrolments)
	}
	if got, _ := s.Meeting(meeting.ID); len(got.Items) != 1 || got.Items[0].Candidate != keep.ID ||
		got.Items[0].Decision != model.DecisionApprove {
		t.Errorf("on the agenda as the removed record: %+v", got.Items)
	}
	if errs := s.Check(); len(errs) != 0 {
		t.Errorf("Check: %v", errs)
	}
}
