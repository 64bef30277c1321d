package store

import (
	"encoding/binary"
	"encoding/json"
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

// damagedFile is one way a file can be unusable, and the error opening or
// checking it must give.
type damagedFile struct {
	name string
	make func(path string)
	want error
}

func TestRefuseDamagedFiles(t *testing.T) {
	isolate(t)
	dir := t.TempDir()
	tests := append(foreignFiles(t), brokenFiles(t)...)
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, "case"+string(rune('a'+i))+".db")
			tc.make(path)
			assertRefused(t, path, tc.want)
		})
	}
}

// assertRefused checks that Open, read-write and read-only, and Check refuse
// the file at path with want, and that Open leaves it as it was.
func assertRefused(t *testing.T, path string, want error) {
	t.Helper()
	before := fileHash(t, path)
	for _, ro := range []bool{false, true} {
		s, err := Open(path, Options{ReadOnly: ro, DeviceID: "x"})
		if err == nil {
			s.Close()
		}
		if !errors.Is(err, want) {
			t.Errorf("Open(read-only=%v) = %v, want %v", ro, err, want)
		}
		var l model.Localized
		if !errors.As(err, &l) {
			t.Errorf("error %v is not localized", err)
		}
		if fileHash(t, path) != before {
			t.Fatalf("Open(read-only=%v) changed the refused file", ro)
		}
	}
	if _, err := Check(path); !errors.Is(err, want) {
		t.Errorf("Check = %v, want %v", err, want)
	}
}

// foreignFiles are files that are not nguon files at all.
func foreignFiles(t *testing.T) []damagedFile {
	return []damagedFile{
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
	}
}

// brokenFiles are nguon (or bbolt) files that are cut, damaged or too new.
func brokenFiles(t *testing.T) []damagedFile {
	cut := func(n int) func(string) {
		return func(p string) {
			b := realFileBytes(t)
			must(t, os.WriteFile(p, b[:n], 0o600))
		}
	}
	return []damagedFile{
		{"truncated to half", func(p string) {
			b := realFileBytes(t)
			must(t, os.WriteFile(p, b[:len(b)/2], 0o600))
		}, ErrTruncated},
		{"cut inside the first page", cut(40), ErrTruncated},
		{"cut inside the page header", cut(12), ErrTruncated},
		{"both meta pages damaged", func(p string) {
			b := realFileBytes(t)
			ps := binary.NativeEndian.Uint32(b[pageHeaderSize+8:])
			b[pageHeaderSize+50]++ // inside txid: checksum no longer matches
			b[int(ps)+pageHeaderSize+50]++
			must(t, os.WriteFile(p, b, 0o600))
		}, ErrCorrupt},
		{"another program's bbolt file", func(p string) {
			boltUpdate(t, p, func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket([]byte("widgets"))
				if err != nil {
					return err
				}
				return b.Put([]byte("k"), []byte("v"))
			})
		}, ErrNotNguon},
		{"bbolt file with a foreign meta bucket", func(p string) {
			boltUpdate(t, p, func(tx *bolt.Tx) error {
				b, err := tx.CreateBucket(bucketMeta)
				if err != nil {
					return err
				}
				return b.Put(metaApp, []byte("other"))
			})
		}, ErrNotNguon},
		{"newer schema", func(p string) {
			os.Rename(realFile(t, t.TempDir()), p)
			boltUpdate(t, p, func(tx *bolt.Tx) error {
				return tx.Bucket(bucketMeta).Put(metaSchema, binary.BigEndian.AppendUint32(nil, fileSchema+1))
			})
		}, ErrNewerSchema},
		{"newer migration list", func(p string) {
			os.Rename(realFile(t, t.TempDir()), p)
			boltUpdate(t, p, func(tx *bolt.Tx) error {
				var names []string
				for _, m := range migrations {
					names = append(names, m.name)
				}
				b, _ := json.Marshal(append(names, "v99-future"))
				return tx.Bucket(bucketMeta).Put(metaMigrations, b)
			})
		}, ErrNewerSchema},
	}
}

// realFileBytes returns the bytes of a new realFile.
func realFileBytes(t *testing.T) []byte {
	b, err := os.ReadFile(realFile(t, t.TempDir()))
	must(t, err)
	return b
}

// boltUpdate opens the bbolt file at path (creating it when missing), runs
// update in a write transaction and closes it.
func boltUpdate(t *testing.T, path string, update func(tx *bolt.Tx) error) {
	db, err := bolt.Open(path, 0o600, nil)
	must(t, err)
	must(t, db.Update(update))
	must(t, db.Close())
}

func TestGuardAcceptsSoundFile(t *testing.T) {
	path := realFile(t, t.TempDir())
	if err := guard(path); err != nil {
		t.Fatalf("guard refused a sound file: %v", err)
	}
	// Damage only the first meta page: bbolt would fall back to the second
	// without a word; the guard says so instead (rollback.go).
	b, _ := os.ReadFile(path)
	b[pageHeaderSize+50]++
	must(t, os.WriteFile(path, b, 0o600))
	var rb *RollbackError
	if err := guard(path); !errors.As(err, &rb) {
		t.Errorf("guard of a file whose first meta page is damaged = %v, want a RollbackError", err)
	}
}
