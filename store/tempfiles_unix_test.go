//go:build unix

package store

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestCleanStale(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	files := map[string]bool{ // name → removed
		".nguon.db.new-123":        true,
		".backup.db.tmp-4567":      true,
		".report.csv.8901.tmp":     true,  // old
		".fresh.csv.8902.tmp":      false, // a report being written now
		".locked.db.tmp-99":        false, // a backup being written now
		"nguon.db":                 false,
		"nguon.db.recovery-1.json": false,
		".bashrc":                  false,
		"notes.tmp":                false,
		".x.tmp-abc":               false,
	}
	for name := range files {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, []byte("x"), 0o600))
		if name != ".fresh.csv.8902.tmp" {
			must(t, os.Chtimes(p, old, old))
		}
	}
	f, err := os.Open(filepath.Join(dir, ".locked.db.tmp-99"))
	must(t, err)
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH); err != nil {
		t.Skip("no flock here")
	}
	CleanStale(dir)
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := errors.Is(err, os.ErrNotExist); gone != removed {
			t.Errorf("%s: removed %v, want %v", name, gone, removed)
		}
	}
}

func mkfifo(path string) error { return syscall.Mkfifo(path, 0o600) }
