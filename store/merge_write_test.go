package store

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"nguon/model"
)

// A merge larger than one transaction stores everything; one that stops
// part way, because the copy changed after it was checked, leaves a sound
// file holding part of it, says so, and merging again completes it.
func TestMergeInSeveralTransactions(t *testing.T) {
	src := laptopStore(t, "laptop-b", testEpoch)
	cell := testCell("Chi bộ thôn Đông")
	must(t, src.PutCell(&cell))
	var d model.Dataset
	n := maxMergeTxRecords + 60
	for i := range n {
		c := testCandidate(cell.ID, i)
		c.DOB = model.NewDate(1990+i%15, time.Month(1+i%12), 1+i%28) // not one possible duplicate of every other
		d.Candidates = append(d.Candidates, c)
	}
	must(t, src.Import(d))

	ours := laptopStore(t, "laptop-a", testEpoch)
	mine := testCell("Chi bộ thôn Tây")
	must(t, ours.PutCell(&mine))
	cp := copyOf(t, src, "b.db")
	mergeBetweenPhases = func() {
		// The last candidate's revision, past the first transaction.
		b, err := os.ReadFile(cp)
		must(t, err)
		old := []byte(fmt.Sprintf(`"cccd":"038301%06d"`, n-1))
		if bytes.Count(b, old) != 1 {
			t.Fatalf("found %q %d times", old, bytes.Count(b, old))
		}
		must(t, os.WriteFile(cp, bytes.Replace(b, old, bytes.Replace(old, []byte("0383"), []byte("0384"), 1), 1), 0o600))
	}
	defer func() { mergeBetweenPhases = nil }()
	_, err := ours.Merge([]string{cp}, testEpoch)
	var pe *PartlyMergedError
	var ce *CopyError
	if !errors.As(err, &pe) || !errors.As(err, &ce) || ce.Path != cp || !errors.Is(err, ErrCopyChanged) {
		t.Fatalf("Merge of a copy changed between the phases = %v", err)
	}
	if msg := pe.Text(); !bytes.Contains([]byte(msg.VI), []byte("gộp lại")) || !bytes.Contains([]byte(msg.EN), []byte(cp)) {
		t.Errorf("message %+v", msg)
	}
	if errs := ours.Check(); len(errs) != 0 {
		t.Fatalf("the file after a merge stopped part way: %v", errs)
	}
	rows, err := ours.CandidateRows()
	must(t, err)
	if len(rows) < maxMergeTxRecords-1 || len(rows) >= n {
		t.Errorf("%d of %d candidates merged before the stop, want the first transaction's", len(rows), n)
	}
	mergeBetweenPhases = nil
	res, err := ours.Merge([]string{copyOf(t, src, "b2.db")}, testEpoch)
	must(t, err)
	if after, _ := ours.CandidateRows(); len(after) != n || res.Files[0].Added != n-len(rows) {
		t.Errorf("after merging again: %d candidates (%d added), want %d", len(after), res.Files[0].Added, n)
	}
	if c, _ := ours.Cells(); len(c) != 2 {
		t.Errorf("cells: %d, want 2", len(c))
	}
}
