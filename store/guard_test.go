package store

import (
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// realFile makes a nguon file holding a few dozen candidates.
func realFile(t *testing.T, dir string) string {
	t.Helper()
	path := filepath.Join(dir, "real.db")
	s, err := Open(path, Options{DeviceID: "test-device", Now: newClock(testEpoch).Now})
	must(t, err)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	d := model.Dataset{}
	for i := range 300 {
		d.Candidates = append(d.Candidates, testCandidate(cell.ID, i))
	}
	must(t, s.Import(d))
	must(t, s.Close())
	return path
}

func TestRefuseDamagedFiles(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		make func(path string)
		want error
	}{
		{"zero bytes", func(p string) { must(t, os.WriteFile(p, nil, 0o600)) }, ErrEmptyFile},
		{"random bytes", func(p string) {
			b := make([]byte, 4096*4)
			r := rand.New(rand.NewPCG(1, 2))
			for i := range b {
				b[i] = byte(r.Uint32())
			}
			must(t, os.WriteFile(p, b, 0o600))
		}, ErrNotNguon},
		{"a three-byte text file", func(p string) { must(t, os.WriteFile(p, []byte("abc"), 0o600)) }, ErrNotNguon},
		{"a text file", func(p string) { must(t, os.WriteFile(p, []byte("họ tên,ngày sinh\n"), 0o600)) }, ErrNotNguon},
		{"truncated to half", func(p string) {
			b, err := os.ReadFile(realFile(t, t.TempDir()))
			must(t, err)
			must(t, os.WriteFile(p, b[:len(b)/2], 0o600))
		}, ErrTruncated},
		{"cut inside the first page", func(p string) {
			b, err := os.ReadFile(realFile(t, t.TempDir()))
			must(t, err)
			must(t, os.WriteFile(p, b[:40], 0o600))
		}, ErrTruncated},
		{"cut inside the page header", func(p string) {
			b, err := os.ReadFile(realFile(t, t.TempDir()))
			must(t, err)
			must(t, os.WriteFile(p, b[:12], 0o600))
		}, ErrTruncated},
		{"both meta pages damaged", func(p string) {
			b, err := os.ReadFile(realFile(t, t.TempDir()))
			must(t, err)
			ps := binary.NativeEndian.Uint32(b[pageHeaderSize+8:])
			b[pageHeaderSize+50]++ // inside txid: checksum no longer matches
			b[int(ps)+pageHeaderSize+50]++
			must(t, os.WriteFile(p, b, 0o600))
		}, ErrCorrupt},
		{"another program's bbolt file", func(p string) {
			db, err := bolt.Open(p, 0o600, nil)
			must(t, err)
			must(t, db.Update(func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket([]byte("widgets"))
				if err != nil {
					return err
				}
				return b.Put([]byte("k"), []byte("v"))
			}))
			must(t, db.Close())
		}, ErrNotNguon},
		{"bbolt file with a foreign meta bucket", func(p string) {
			db, err := bolt.Open(p, 0o600, nil)
			must(t, err)
			must(t, db.Update(func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket(bucketMeta)
				if err != nil {
					return err
				}
				return b.Put(metaApp, []byte("other"))
			}))
			must(t, db.Close())
		}, ErrNotNguon},
		{"newer schema", func(p string) {
			os.Rename(realFile(t, t.TempDir()), p)
			db, err := bolt.Open(p, 0o600, nil)
			must(t, err)
			must(t, db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket(bucketMeta).Put(metaSchema, binary.BigEndian.AppendUint32(nil, fileSchema+1))
			}))
			must(t, db.Close())
		}, ErrNewerSchema},
		{"newer migration list", func(p string) {
			os.Rename(realFile(t, t.TempDir()), p)
			db, err := bolt.Open(p, 0o600, nil)
			must(t, err)
			must(t, db.Update(func(tx *bolt.Tx) error {
				return tx.Bucket(bucketMeta).Put(metaMigrations, []byte(`["v1-create","v2-future"]`))
			}))
			must(t, db.Close())
		}, ErrNewerSchema},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "case"+string(rune('a'+i))+".db")
			tc.make(path)
			before := fileHash(t, path)
			for _, ro := range []bool{false, true} {
				s, err := Open(path, Options{ReadOnly: ro, DeviceID: "x"})
				if err == nil {
					s.Close()
				}
				if !errors.Is(err, tc.want) {
					t.Errorf("Open(read-only=%v) = %v, want %v", ro, err, tc.want)
				}
				var l model.Localized
				if !errors.As(err, &l) {
					t.Errorf("error %v is not localized", err)
				}
				if fileHash(t, path) != before {
					t.Fatalf("Open(read-only=%v) changed the refused file", ro)
				}
			}
			if _, err := Check(path); !errors.Is(err, tc.want) {
				t.Errorf("Check = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestGuardAcceptsSoundFile(t *testing.T) {
	path := realFile(t, t.TempDir())
	if err := guard(path); err != nil {
		t.Fatalf("guard refused a sound file: %v", err)
	}
	// Damage only the first meta page: bbolt falls back to the second,
	// and so must the guard.
	b, _ := os.ReadFile(path)
	b[pageHeaderSize+50]++
	must(t, os.WriteFile(path, b, 0o600))
	if err := guard(path); err != nil {
		t.Errorf("guard refused a file whose second meta page is sound: %v", err)
	}
}
