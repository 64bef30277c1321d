package store

import (
	"encoding/binary"
	"errors"
	"os"
	"strings"
	"testing"

	"nguon/model"
)

// newerMeta returns the offset of the meta page naming the file's latest
// transaction, and that transaction.
func newerMeta(t *testing.T, path string) (off int64, txid uint64) {
	t.Helper()
	b, err := os.ReadFile(path)
	must(t, err)
	m0, s0 := parseMeta(b)
	m1, s1 := parseMeta(b[m0.pageSize:])
	if s0 != metaOK || s1 != metaOK {
		t.Fatalf("a fresh file has meta pages %v %v, want both sound", s0, s1)
	}
	if m0.txid > m1.txid {
		return 0, m0.txid
	}
	return int64(m0.pageSize), m1.txid
}

// One byte changed in the newer meta page: bbolt would quietly fall back to
// the older one and lose the last save. Open, Check and a merge of it as a
// copy all refuse it, say how far it would go back, and leave it as it was.
func TestDamagedNewerMetaPageIsNoSilentRollback(t *testing.T) {
	for _, at := range []struct {
		name string
		off  int64 // within the meta page
	}{{"checksum", pageHeaderSize + 56}, {"root", pageHeaderSize + 16}, {"magic", pageHeaderSize}, {"page flags", 8}} {
		t.Run(at.name, func(t *testing.T) {
			path, cell, _ := seeded(t)
			off, txid := newerMeta(t, path)
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			must(t, err)
			var one [1]byte
			_, err = f.ReadAt(one[:], off+at.off)
			must(t, err)
			one[0] ^= 0x01
			_, err = f.WriteAt(one[:], off+at.off)
			must(t, err)
			must(t, f.Close())
			before := fileHash(t, path)

			_, err = Open(path, Options{DeviceID: "x", AllowDamaged: true})
			var rb *RollbackError
			if !errors.As(err, &rb) || !errors.Is(err, ErrDamagedPage) {
				t.Fatalf("Open = %v, want a RollbackError", err)
			}
			if rb.TxID != txid-1 {
				t.Errorf("the file would go back to transaction %d, want %d", rb.TxID, txid-1)
			}
			if rb.Saved.IsZero() {
				t.Error("the time of the last save still visible is not said")
			}
			vi := model.Message(err, model.VI)
			for _, want := range []string{"quay về", "lần ghi số", "bản sao lưu"} {
				if !strings.Contains(vi, want) {
					t.Errorf("the message %q does not say %q", vi, want)
				}
			}
			if en := model.Message(err, model.EN); !strings.Contains(en, "back to") || strings.Contains(en, "lưu") {
				t.Errorf("English message = %q", en)
			}
			if _, err := Check(path); !errors.As(err, &rb) {
				t.Errorf("Check = %v, want a RollbackError", err)
			}
			if err := CheckFile(path); !errors.As(err, &rb) {
				t.Errorf("CheckFile (a copy offered to a merge) = %v, want a RollbackError", err)
			}
			// Opened again after a clean close noted it as trusted: still refused.
			if _, err := Open(path, Options{DeviceID: "x", ReadOnly: true}); !errors.As(err, &rb) {
				t.Errorf("second Open = %v", err)
			}
			if fileHash(t, path) != before {
				t.Error("the refused file was changed")
			}
			_ = cell
		})
	}
}

// The older meta page damaged loses nothing, but the file is still not as
// bbolt left it: refused the same way, without claiming a loss.
func TestDamagedOlderMetaPageIsRefused(t *testing.T) {
	path, _, _ := seeded(t)
	off, txid := newerMeta(t, path)
	older := int64(0)
	if off == 0 {
		b, _ := os.ReadFile(path)
		older = int64(binary.NativeEndian.Uint32(b[pageHeaderSize+8:]))
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	must(t, err)
	_, err = f.WriteAt([]byte{0xFF}, older+pageHeaderSize+56)
	must(t, err)
	must(t, f.Close())
	_, err = Open(path, Options{DeviceID: "x"})
	var rb *RollbackError
	if !errors.As(err, &rb) || rb.TxID != txid || rb.Lost != 0 {
		t.Fatalf("Open = %v (%+v), want a RollbackError at transaction %d with nothing lost", err, rb, txid)
	}
}
