package store

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

var (
	fuzzFileOnce sync.Once
	fuzzFile     []byte
)

// FuzzMetaPages: whatever the first two pages of a sound file are changed
// to, the guard and the page scan (what the program runs on a file before
// bbolt reads it) never panic; the guard accepts the file only when both
// meta pages are sound and one names the next transaction after the
// other, and it never accepts a file whose newest meta page is damaged.
func FuzzMetaPages(f *testing.F) {
	f.Add(uint16(pageHeaderSize+56), []byte{0x01})           // a checksum
	f.Add(uint16(4096+pageHeaderSize+48), []byte{0x01})      // the second page's transaction
	f.Add(uint16(pageHeaderSize), []byte{0, 0, 0, 0})        // the magic
	f.Add(uint16(8), []byte{0x05, 0x00})                     // the page flags
	f.Add(uint16(4096+pageHeaderSize+8), []byte{0, 2, 0, 0}) // the page size
	f.Add(uint16(pageHeaderSize+40), []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	f.Fuzz(func(t *testing.T, at uint16, patch []byte) {
		fuzzFileOnce.Do(func() {
			dir, err := os.MkdirTemp("", "nguon-fuzz-meta-")
			if err != nil {
				t.Fatal(err)
			}
			defer os.RemoveAll(dir)
			if fuzzFile, err = os.ReadFile(realFile(t, dir)); err != nil {
				t.Fatal(err)
			}
		})
		b := append([]byte(nil), fuzzFile...)
		if int(at) >= 2*4096 {
			return
		}
		copy(b[at:min(len(b), 2*4096)], patch)
		path := filepath.Join(t.TempDir(), "f.db")
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		m, err := guardMeta(path)
		if err == nil {
			_, s0 := parseMeta(b)
			_, s1 := parseMeta(b[4096:])
			if s0 != metaOK || s1 != metaOK {
				t.Fatalf("the guard accepted meta pages in states %v and %v", s0, s1)
			}
			_ = scanPages(path, m)
		}
		var rb *RollbackError
		if errors.As(err, &rb) && !errors.Is(err, ErrDamagedPage) {
			t.Fatalf("a rollback that is not a damaged page: %v", err)
		}
		// The newest meta page damaged is never taken for the older one.
		ne := binary.NativeEndian
		t0, t1 := ne.Uint64(fuzzFile[pageHeaderSize+48:]), ne.Uint64(fuzzFile[4096+pageHeaderSize+48:])
		newest := 0
		if t1 > t0 {
			newest = 4096
		}
		if _, st := parseMeta(b[newest:]); st != metaOK && err == nil {
			t.Fatal("the guard accepted a file whose newest meta page is damaged")
		}
	})
}
