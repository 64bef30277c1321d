package store

import (
	"bytes"
	"errors"
	"os"
	"testing"
	"time"
)

// A file this program closed and nobody touched since opens without the
// full check; any change to it (here a byte of a revision, the size and
// the meta pages left alone, only the time moves) brings the check back,
// which finds the damage.
func TestOpenTrustsOnlyAFileAsItLeftIt(t *testing.T) {
	path, cell, _ := seeded(t) // opened, checked, closed
	n := checksRun.Load()
	s := openTestStore(t, path, Options{})
	if got := checksRun.Load() - n; got != 0 {
		t.Errorf("reopening an untouched file ran %d checks, want 0", got)
	}
	must(t, s.Close())

	// Damage a byte of the cell's revision where it lies in the file.
	b, err := os.ReadFile(path)
	must(t, err)
	i := bytes.Index(b, []byte(cell.Name))
	if i < 0 {
		t.Fatal("the cell's name is not in the file")
	}
	b[i] ^= 0x20
	must(t, os.WriteFile(path, b, 0o600))
	later := time.Now().Add(2 * time.Second) // a coarse clock still sees a change
	must(t, os.Chtimes(path, later, later))

	n = checksRun.Load()
	_, err = Open(path, Options{DeviceID: "x"})
	if checksRun.Load()-n != 1 {
		t.Error("a changed file was opened without the check")
	}
	var de *DamageError
	if !errors.As(err, &de) || de.ID != cell.ID {
		t.Errorf("Open of the damaged file = %v, want the cell named as damaged", err)
	}
	// Still refused the next time: a damaged file is never noted as sound.
	n = checksRun.Load()
	if _, err := Open(path, Options{DeviceID: "x"}); err == nil || checksRun.Load()-n != 1 {
		t.Errorf("second open of the damaged file = %v after %d checks", err, checksRun.Load()-n)
	}
}
