package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// grownFile makes a sound file well past 128 KiB, closed and trusted.
func grownFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nguon.db")
	s, err := Open(path, Options{DeviceID: "test-device", Now: newClock(testEpoch).Now})
	must(t, err)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	must(t, s.Update(func(tx *Tx) error {
		for i := range 1500 {
			c := testCandidate(cell.ID, i)
			if err := tx.PutCandidate(&c); err != nil {
				return err
			}
		}
		return nil
	}))
	must(t, s.Close())
	if st, _ := os.Stat(path); st.Size() < 4<<20/8 {
		t.Fatalf("the file has only %d bytes", st.Size())
	}
	return path
}

// Damage past the first 128 KiB of a trusted file, its time put back: the
// open takes the note's word, but no read crashes the program, the whole
// file's comparison catches the change before anything is saved, the note
// goes, and the next open checks the file in full.
func TestTrustedFileChangedInPlaceNeverCrashes(t *testing.T) {
	for _, pages := range []string{"every page", "a middle page"} {
		t.Run(pages, func(t *testing.T) { trustedFileChangedInPlace(t, pages == "a middle page") })
	}
}

func trustedFileChangedInPlace(t *testing.T, lastOnly bool) {
	path := grownFile(t)
	st, err := os.Stat(path)
	must(t, err)
	b, err := os.ReadFile(path)
	must(t, err)
	ps := int(binary.NativeEndian.Uint32(b[pageHeaderSize+8:]))
	damagedPages := 0
	first := 128 << 10
	if lastOnly {
		// A leaf halfway: records, not the meta bucket each save rewrites.
		first = (len(b) + 128<<10) / 2 / ps * ps
		m, _ := guardMeta(path)
		for ; first > 128<<10; first -= ps {
			// Not the root, which lists the buckets every open looks up.
			if f := binary.NativeEndian.Uint16(b[first+8:]); (f == 0x01 || f == 0x02) && uint64(first/ps) != m.root {
				break
			}
		}
	}
	for off := first; off+ps <= len(b) && (!lastOnly || damagedPages == 0); off += ps {
		flags := binary.NativeEndian.Uint16(b[off+8:])
		count := int(binary.NativeEndian.Uint16(b[off+10:]))
		if flags == 0x01 && count > 0 { // a branch page: send its children far outside the file
			for e := range count {
				binary.NativeEndian.PutUint64(b[off+pageHeaderSize+16*e+8:], 1<<40+uint64(e))
			}
			damagedPages++
		} else if flags == 0x02 && count > 0 { // a leaf: claim far more elements than it holds
			binary.NativeEndian.PutUint16(b[off+10:], 0xFFFF)
			damagedPages++
		}
	}
	if damagedPages == 0 {
		t.Fatal("no page past 128 KiB to damage")
	}
	must(t, os.WriteFile(path, b, 0o600))
	must(t, os.Chtimes(path, st.ModTime(), st.ModTime()))

	if _, ok := trusted(path); !ok {
		t.Fatal("the changed file with its time put back is not taken on its note")
	}
	n := checksRun.Load()
	s, err := Open(path, Options{DeviceID: "x", AllowDamaged: true, Now: newClock(testEpoch).Now})
	if err != nil {
		// The open itself tripped over the damage: it must then have
		// dropped the note and checked the file in full.
		if !errors.Is(err, ErrCorrupt) || checksRun.Load() != n+1 {
			t.Fatalf("the trusted open failed with %v after %d checks", err, checksRun.Load()-n)
		}
		if _, ok := trusted(path); ok {
			t.Error("the note still trusts the damaged file")
		}
		if lastOnly {
			t.Errorf("the open itself read a middle page: %v", err)
		}
		return
	}
	if checksRun.Load() != n {
		t.Fatal("the open checked the file: the test no longer tests the trusted path")
	}
	// Everything the first frame reads, and every full record.
	_, errRows := s.CandidateRows()
	_, errAll := s.Candidates()
	_, errSnap := s.Snapshot()
	if errRows == nil && errAll == nil && errSnap == nil {
		t.Error("every read of a file with damaged pages succeeded")
	}
	for _, err := range []error{errRows, errAll, errSnap} {
		if err != nil && !errors.Is(err, ErrCorrupt) {
			t.Errorf("a read failed with %v, want the damaged-file message", err)
		}
	}
	if err := s.VerifyWhole(); !errors.Is(err, ErrChangedOutside) {
		t.Errorf("VerifyWhole = %v, want ErrChangedOutside", err)
	}
	c := testCell("Chi bộ mới")
	if err := s.PutCell(&c); err == nil {
		t.Error("a save went into a file changed outside nguon")
	}
	must(t, s.Close())
	if _, ok := trusted(path); ok {
		t.Error("the note still trusts the changed file")
	}
	n = checksRun.Load()
	if _, err := Open(path, Options{DeviceID: "x"}); err == nil {
		t.Error("the damaged file opened")
	}
	if checksRun.Load() != n+1 {
		t.Error("the next open did not check the file in full")
	}
}

// A file changed in place with its time put back, but no damage the reads
// trip over: the first save finds it before writing.
func TestTrustedFileChangedInPlaceRefusesTheFirstSave(t *testing.T) {
	path := grownFile(t)
	st, err := os.Stat(path)
	must(t, err)
	b, err := os.ReadFile(path)
	must(t, err)
	b[len(b)-1] ^= 0xFF // a free page's last byte: nothing reads it
	must(t, os.WriteFile(path, b, 0o600))
	must(t, os.Chtimes(path, st.ModTime(), st.ModTime()))
	s, err := Open(path, Options{DeviceID: "x", Now: newClock(testEpoch.Add(time.Hour)).Now})
	must(t, err)
	cell := testCell("Chi bộ mới")
	if err := s.PutCell(&cell); !errors.Is(err, ErrChangedOutside) {
		t.Errorf("save = %v, want ErrChangedOutside", err)
	}
	if d := s.Damage(); len(d) != 1 || d[0].Kind != kindChanged {
		t.Errorf("Damage() = %v", d)
	}
	must(t, s.Close())
	if !bytesEqualFile(t, path, b) {
		t.Error("the file was written")
	}
}

func bytesEqualFile(t *testing.T, path string, want []byte) bool {
	got, err := os.ReadFile(path)
	must(t, err)
	return string(got) == string(want)
}

// Notes are read only from a regular file of sensible size: a FIFO in its
// place would block every open, a link to /dev/zero read for ever.
func TestTrustNotesOnlyFromARegularFile(t *testing.T) {
	path, _, _ := seeded(t)
	name, err := trustFile()
	must(t, err)
	keep, err := os.ReadFile(name)
	must(t, err)
	t.Cleanup(func() { os.Remove(name); os.WriteFile(name, keep, 0o600) })
	for _, bad := range []string{"fifo", "zero", "huge"} {
		t.Run(bad, func(t *testing.T) {
			os.Remove(name)
			switch bad {
			case "fifo":
				if err := mkfifo(name); err != nil {
					t.Skip("no FIFOs here")
				}
			case "zero":
				if err := os.Symlink("/dev/zero", name); err != nil {
					t.Skip("no /dev/zero here")
				}
			case "huge":
				f, err := os.Create(name)
				must(t, err)
				must(t, f.Truncate(3<<30))
				f.Close()
			}
			done := make(chan error, 1)
			go func() {
				s, err := Open(path, Options{DeviceID: "x", ReadOnly: true})
				if err == nil {
					s.Close()
				}
				done <- err
			}()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Open = %v", err)
				}
			case <-time.After(20 * time.Second):
				t.Fatal("Open hangs on a trust note that is not a regular file")
			}
		})
	}
}

// A check that finds a problem drops the file's note, so the next open
// checks it in full instead of taking the note's word.
func TestFailedCheckDropsTheNote(t *testing.T) {
	path, cell, _ := seeded(t)
	if _, ok := trusted(path); !ok {
		t.Fatal("a file closed cleanly is not noted")
	}
	b, err := os.ReadFile(path)
	must(t, err)
	st, err := os.Stat(path)
	must(t, err)
	i := bytes.Index(b, []byte(cell.Name))
	b[i] ^= 0x20
	must(t, os.WriteFile(path, b, 0o600))
	must(t, os.Chtimes(path, st.ModTime(), st.ModTime()))
	problems, err := Check(path)
	if err == nil && len(problems) == 0 {
		t.Fatal("Check found nothing")
	}
	if _, ok := trusted(path); ok {
		t.Error("the note survived a failed check")
	}
}
