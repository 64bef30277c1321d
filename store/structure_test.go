package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// The structural check sorts what it finds: pages malformed in themselves
// are ErrDamagedPage, well-formed pages that do not fit together (a copy
// taken while the file was being written) are ErrTorn.

func TestScanPagesFindsMalformedPages(t *testing.T) {
	path := realFile(t, t.TempDir())
	good, err := os.ReadFile(path)
	must(t, err)
	m, err := guardMeta(path)
	must(t, err)
	ps := int(m.pageSize)
	root := int(m.root) * ps
	for _, tc := range []struct {
		name string
		edit func(b []byte)
	}{
		{"root page calls itself another page", func(b []byte) { binary.NativeEndian.PutUint64(b[root:], m.root+1) }},
		{"root page's type", func(b []byte) { binary.NativeEndian.PutUint16(b[root+8:], 0x33) }},
		{"too many elements", func(b []byte) { binary.NativeEndian.PutUint16(b[root+10:], 0xFFFF) }},
		{"overflow past the file", func(b []byte) { binary.NativeEndian.PutUint32(b[root+12:], 0xFFFFFFFF) }},
		{"element past the page", func(b []byte) { binary.NativeEndian.PutUint32(b[root+16+4:], 0xFFFF) }},
		{"value size past the page", func(b []byte) { binary.NativeEndian.PutUint32(b[root+16+12:], 0xFFFFFFFF) }},
		{"freelist count", func(b []byte) {
			fl := int(m.freelist) * ps
			binary.NativeEndian.PutUint16(b[fl+10:], 0xFFFF)
			binary.NativeEndian.PutUint64(b[fl+16:], 1<<40)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := append([]byte(nil), good...)
			tc.edit(b)
			p := filepath.Join(t.TempDir(), "x.db")
			must(t, os.WriteFile(p, b, 0o600))
			m, err := guardMeta(p)
			if err == nil {
				err = scanPages(p, m)
			}
			if !errors.Is(err, ErrDamagedPage) {
				t.Errorf("scanPages = %v, want ErrDamagedPage", err)
			}
			assertRefused(t, p, ErrDamagedPage)
		})
	}
}

// A torn copy: the meta pages of an earlier state over the pages of a
// later one, which has reused pages the earlier tree still points to.
func TestTornCopyIsNamed(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	path := realFile(t, dir)
	early, err := os.ReadFile(path)
	must(t, err)
	s := openTestStore(t, path, Options{})
	rows, _ := s.CandidateRows()
	for i, r := range rows {
		c, err := s.Candidate(r.ID)
		must(t, err)
		c.Notes = "sửa lần hai"
		must(t, s.PutCandidate(&c))
		if i > 200 {
			break
		}
	}
	must(t, s.Close())
	late, err := os.ReadFile(path)
	must(t, err)
	ps := int(binary.NativeEndian.Uint32(early[pageHeaderSize+8:]))
	torn := append([]byte(nil), late...)
	copy(torn, early[:2*ps])
	p := filepath.Join(dir, "torn.db")
	must(t, os.WriteFile(p, torn, 0o600))
	before := fileHash(t, p)
	if _, err := Open(p, Options{DeviceID: "x"}); !errors.Is(err, ErrTorn) {
		t.Errorf("Open of a torn copy = %v, want ErrTorn", err)
	}
	if _, err := Check(p); !errors.Is(err, ErrTorn) {
		t.Errorf("Check of a torn copy = %v, want ErrTorn", err)
	}
	if fileHash(t, p) != before {
		t.Error("the torn copy was changed")
	}
}

// The scan reads ahead when pages come in order: a page served from what
// was read ahead must be checked as one read alone is. Every page the
// tree reaches, given a wrong page ID in turn, must be found.
func TestScanPagesReadAheadSeesEveryPage(t *testing.T) {
	path := realFile(t, t.TempDir())
	good, err := os.ReadFile(path)
	must(t, err)
	m, err := guardMeta(path)
	must(t, err)
	f, err := os.Open(path)
	must(t, err)
	defer f.Close()
	clean := newPageScan(f, m, int64(len(good)))
	clean.run(m)
	if len(clean.errs) != 0 {
		t.Fatal(clean.errs)
	}
	if clean.win == nil {
		t.Fatal("the scan of a file written in one go never read ahead")
	}
	ps := uint64(m.pageSize)
	reached := 0
	for id := uint64(2); id < m.pgid; id++ {
		if !clean.seen(id) || binary.NativeEndian.Uint64(good[id*ps:]) != id {
			continue // an overflow page, or one not in the tree
		}
		reached++
		b := append([]byte(nil), good...)
		binary.NativeEndian.PutUint64(b[id*ps:], id+1)
		s := newPageScan(bytes.NewReader(b), m, int64(len(b)))
		s.run(m)
		if len(s.malformed) == 0 {
			t.Errorf("page %d with a wrong page ID passed the scan", id)
		}
	}
	if reached < 10 {
		t.Fatalf("only %d pages reached: the file is too small to test reading ahead", reached)
	}
}
