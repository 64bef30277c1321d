package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nguon/store"
)

// One byte changed in the newer meta page of a file with saves after its
// last backup: every command refuses it in one line, says how far back it
// would go, names the newest backup, and leaves the file as it was.
func TestCLIDamagedNewerMetaPage(t *testing.T) {
	db := demoFile(t)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	backup, err := st.AutoBackup(store.ReasonMerge, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	ps := int(binary.NativeEndian.Uint32(b[16+8:]))
	newer := 0
	if binary.NativeEndian.Uint64(b[ps+16+48:]) > binary.NativeEndian.Uint64(b[16+48:]) {
		newer = ps
	}
	b[newer+16+24] ^= 0x10 // the root page's ID: the checksum no longer matches
	if err := os.WriteFile(db, b, 0o600); err != nil {
		t.Fatal(err)
	}
	copyDB := filepath.Join(t.TempDir(), "other.db")
	for _, args := range [][]string{
		{"check", "--db", db},
		{"--read-only", "--db", db},
		{"--db", db},
		{"export", "--db", db, "--what", "cells", "--out", filepath.Join(t.TempDir(), "c.csv")},
		{"merge", "--db", copyDB, db},
	} {
		r := nguon(t, nil, args...)
		if r.code != 1 {
			t.Errorf("%v: exit %d, want 1 (stderr %q)", args, r.code, r.stderr)
		}
		oneLineErr(t, r, strings.Join(args, " "))
		if args[0] == "merge" {
			// The copy is named, and copying it again is the way out.
			if !strings.Contains(r.stderr, "bản sao") || !strings.Contains(r.stderr, "trang đầu") || !strings.Contains(r.stderr, "sao chép lại") {
				t.Errorf("merge: %q", r.stderr)
			}
			continue
		}
		for _, want := range []string{"quay về", "lần lưu lúc", filepath.Base(backup)} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%v: %q does not say %q", args, r.stderr, want)
			}
		}
	}
	r := nguon(t, nil, "--lang", "en", "check", "--db", db)
	if !strings.Contains(r.stderr, "back to the save of") || !strings.Contains(r.stderr, "newest backup") {
		t.Errorf("English: %q", r.stderr)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, b) {
		t.Error("the damaged file was written to")
	}
}

// `nguon check` in Vietnamese speaks only Vietnamese: no bbolt wording,
// bucket names, raw keys or hashes, whatever the damage.
func TestCLICheckSpeaksOneLanguage(t *testing.T) {
	good, err := os.ReadFile(demoFile(t))
	if err != nil {
		t.Fatal(err)
	}
	damages := map[string]func(b []byte){
		"a name": func(b []byte) { b[bytes.Index(b, []byte("Nguyễn"))+1] ^= 0x20 },
		"a page": func(b []byte) {
			// The page holding a candidate's name: in use, whatever the layout.
			ps := int(binary.NativeEndian.Uint32(b[16+8:]))
			off := bytes.LastIndex(b, []byte("Nguyễn")) / ps * ps
			binary.NativeEndian.PutUint16(b[off+8:], 0x40) // no such page type
		},
	}
	for name, damage := range damages {
		t.Run(name, func(t *testing.T) {
			b := bytes.Clone(good)
			damage(b)
			db := filepath.Join(t.TempDir(), "bad.db")
			if err := os.WriteFile(db, b, 0o600); err != nil {
				t.Fatal(err)
			}
			r := nguon(t, nil, "check", "--db", db)
			if r.code != 1 {
				t.Fatalf("exit %d: %s %s", r.code, r.stdout, r.stderr)
			}
			out := strings.ToLower(r.stdout + r.stderr)
			for _, en := range []string{"revision", "bucket", "key ", "checksum", "page ", "missing", "the ", "sha-256", "heads", "cur_", "rows_"} {
				if strings.Contains(out, en) {
					t.Errorf("the Vietnamese check says %q:\n%s", en, r.stdout+r.stderr)
				}
			}
		})
	}
}
