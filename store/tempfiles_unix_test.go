//go:build unix

package store

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// CleanStale removes only what nguon can show it made: its own tagged
// temporary names, and old-style ones that hold a bbolt file's first page.
// Other programs' hidden files that merely look alike stay, and so does a
// temporary file a running nguon holds.
func TestCleanStale(t *testing.T) {
	dir := t.TempDir()
	bolt := boltStart(t)
	ours := func(kind string) string {
		f, err := createTemp(dir, kind)
		must(t, err)
		f.Close()
		return filepath.Base(f.Name())
	}
	files := map[string]struct {
		content []byte
		removed bool
	}{
		ours(tempBackup):                            {nil, true},
		ours(tempDoc):                               {nil, true},
		ours(tempNew):                               {nil, true},
		".nguon.db.new-123":                         {bolt, true}, // an older nguon's
		".backup.db.tmp-4567":                       {bolt, true},
		".thesis.docx.tmp-1":                        {[]byte("PK\x03\x04 a thesis"), false},
		".budget.xlsx.new-2024":                     {[]byte("PK\x03\x04 a budget"), false},
		".report.csv.8901.tmp":                      {[]byte("a,b"), false},
		".nguon-doc-0123456789abcdef-00000000.part": {nil, false}, // wrong tag
		".nguon-doc-0123456789abcdef.part":          {nil, false},
		".locked.db.tmp-99":                         {bolt, false}, // a backup being written now
		"nguon.db":                                  {bolt, false},
		"nguon.db.recovery-1.json":                  {nil, false},
		".bashrc":                                   {nil, false},
		"notes.tmp":                                 {nil, false},
	}
	for name, f := range files {
		p := filepath.Join(dir, name)
		content := f.content
		if content == nil {
			content = []byte("x")
		}
		must(t, os.WriteFile(p, content, 0o600))
	}
	f, err := os.Open(filepath.Join(dir, ".locked.db.tmp-99"))
	must(t, err)
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH); err != nil {
		t.Skip("no flock here")
	}
	held, err := createTemp(dir, tempDoc) // a report being written now
	must(t, err)
	defer held.Close()
	CleanStale(dir)
	for name, f := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := errors.Is(err, os.ErrNotExist); gone != f.removed {
			t.Errorf("%s: removed %v, want %v", name, gone, f.removed)
		}
	}
	if _, err := os.Stat(held.Name()); err != nil {
		t.Errorf("a temporary file another nguon is writing was removed: %v", err)
	}
}

// boltStart is the first bytes of a real nguon file.
func boltStart(t *testing.T) []byte {
	path, _, _ := seeded(t)
	b, err := os.ReadFile(path)
	must(t, err)
	return b[:4096]
}

func mkfifo(path string) error { return syscall.Mkfifo(path, 0o600) }
