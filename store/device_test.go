package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestDeviceIDAndDefaultPath(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("HOME", cfg)
	t.Setenv("AppData", cfg)
	base, err := os.UserConfigDir()
	must(t, err)

	id, err := LoadDeviceID()
	must(t, err)
	again, err := LoadDeviceID()
	must(t, err)
	if id == "" || id != again {
		t.Errorf("device IDs %q then %q, want one stable ID", id, again)
	}
	st, err := os.Stat(filepath.Join(base, "nguon", "device"))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("device file: %v, mode %v", err, st.Mode())
	}

	path := filepath.Join(t.TempDir(), "nguon.db")
	s, err := Open(path, Options{})
	must(t, err)
	if s.Device() != id {
		t.Errorf("Open used device %q, want %q", s.Device(), id)
	}
	s.Close()

	t.Setenv("NGUON_DB", "")
	p, err := DefaultPath()
	must(t, err)
	if p != filepath.Join(base, "nguon", "nguon.db") {
		t.Errorf("DefaultPath = %q", p)
	}
	t.Setenv("NGUON_DB", "/data/xa.db")
	if p, _ := DefaultPath(); p != "/data/xa.db" {
		t.Errorf("DefaultPath with NGUON_DB = %q", p)
	}
}

func TestReadOnlyOpenMakesNoDeviceID(t *testing.T) {
	cfg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", cfg)
	t.Setenv("HOME", cfg)
	t.Setenv("AppData", cfg)
	path := filepath.Join(t.TempDir(), "nguon.db")
	s := openTestStore(t, path, Options{})
	must(t, s.Close())

	ro, err := Open(path, Options{ReadOnly: true})
	must(t, err)
	defer ro.Close()
	if ro.Device() != "" {
		t.Errorf("read-only store has device %q before any was made", ro.Device())
	}
	base, _ := os.UserConfigDir()
	if _, err := os.Stat(filepath.Join(base, "nguon", "device")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a read-only open wrote a device ID: %v", err)
	}
}
