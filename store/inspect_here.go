package store

import (
	"errors"
	"fmt"
	"os"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// populateUpTo is the largest file the checking child maps populated: a
// file of 100,000 candidates (156 MB) still is, and its check stays under
// a second and 200 MB; past it the memory, not the time, comes first.
const populateUpTo = 160 << 20

// inspectHere inspects the file at a.Path in this process: what the
// checking child does (child.go runs it). The guard, the page scan,
// bbolt's page check, then the record checks of the open check, the full
// check or a backup's copy.
func inspectHere(a childArgs) (in *inspection) {
	defer func() {
		if r := recover(); r != nil {
			in = refused(wrap(ErrDamagedPage, fmt.Errorf("the check stopped: %v", r)))
		}
	}()
	m, err := guardMeta(a.Path)
	var rb *RollbackError
	if errors.As(err, &rb) {
		rb.Saved = rollbackSaved(a.Path, a.Lock)
		in := refused(err)
		in.Rollback = rb
		return in
	}
	if err != nil {
		return refused(err)
	}
	if err := scanPages(a.Path, m); err != nil {
		return refused(err)
	}
	// A small file is mapped with its pages filled in at once (cheaper
	// than a fault per page); a large one page by page, its map trimmed
	// as the walks go on (maptrim.go), so the child's memory does not
	// grow with the file.
	flags := checkMmapFlags
	if st, err := os.Stat(a.Path); err == nil && st.Size() > populateUpTo {
		flags = 0
	}
	db, err := bolt.Open(a.Path, 0o600, &bolt.Options{ReadOnly: true, Timeout: a.Lock, MmapFlags: flags})
	if err != nil {
		return refused(openError(err))
	}
	defer db.Close()
	in = &inspection{Verdict: verdictOK}
	err = db.View(func(tx *bolt.Tx) error {
		if err := boltCheck(tx); err != nil {
			return err
		}
		if flags == 0 {
			dropMapped(tx) // every page was read: give them back before the next walk
		}
		pending, err := checkFileMeta(tx, a.Mode)
		if err != nil {
			return err
		}
		in.Pending = pending
		if !readable(pending) {
			return nil // an old file: opening it read-write migrates it, and checks it then
		}
		if missingBucket(tx) != nil || a.Mode == modeCheck {
			return nil // the full check below finds it all
		}
		in.verify(tx)
		return nil
	})
	if err != nil {
		return refused(err)
	}
	if a.Mode == modeOpen {
		return in
	}
	if a.Mode == modeCopy && in.Pending == nil {
		// A fresh copy of a checked file: every revision hashed and every
		// pointer and row found sealed by its winner (verifyAll) shows the
		// bytes arrived whole; deriving everything again would decode every
		// record's JSON for nothing.
		for _, d := range in.Damaged {
			de := &DamageError{Kind: d.Kind, ID: d.ID, Name: d.Name}
			in.Problems = append(in.Problems, problemText{Record: d.ID, Text: de.Text()})
		}
		return in
	}
	err = db.View(func(tx *bolt.Tx) error {
		var validateAt *model.Date
		if a.Mode == modeCheck {
			validateAt = &a.Today
		}
		found := checkContent(tx, validateAt)
		if len(found) > 0 && a.Mode == modeCheck && readable(in.Pending) && missingBucket(tx) == nil {
			// Deriving everything again finds whatever verifyAll would (a
			// revision that is not its hash, a pointer or row that is not its
			// winner's, a stray key), so verifyAll runs only to name the
			// damaged records, which is what a clerk reads first.
			in.verify(tx)
		}
		for _, d := range in.Damaged {
			de := &DamageError{Kind: d.Kind, ID: d.ID, Name: d.Name}
			in.Problems = append(in.Problems, problemText{Record: d.ID, Text: de.Text()})
		}
		for _, p := range found {
			var ce *CheckError
			if errors.As(p, &ce) {
				in.Problems = append(in.Problems, problemText{Record: ce.Record, Text: ce.Text()})
			} else {
				in.Problems = append(in.Problems, problemText{Text: model.Text{VI: p.Error(), EN: p.Error()}})
			}
		}
		return nil
	})
	if err != nil {
		return refused(err)
	}
	return in
}

// verify verifies every record (verifyAll) and notes the damaged ones.
func (in *inspection) verify(tx *bolt.Tx) {
	for _, d := range verifyAll(tx) {
		in.Damaged = append(in.Damaged, damageAnswer{Kind: d.Kind, ID: d.ID, Name: d.Name, Cause: fmt.Sprint(d.Cause)})
	}
}
