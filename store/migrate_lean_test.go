package store

import (
	"bytes"
	"encoding/csv"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// testdata/schema1 holds a demo file written by the last program of file
// schema 1 (revisions keyed by their hash, payloads kept twice) and what
// that program exported from it. The upgrade must keep every revision
// byte for byte and every export the same.
func schema1Copy(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "schema1", "demo.db"))
	must(t, err)
	path := filepath.Join(t.TempDir(), "old.db")
	must(t, os.WriteFile(path, b, 0o600))
	return path
}

// revisionSet is every revision's ID and bytes, whatever the key layout.
func fileRevisions(t *testing.T, path string) map[string]string {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	must(t, err)
	defer db.Close()
	out := map[string]string{}
	must(t, db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRevs).ForEach(func(k, v []byte) error {
			out[string(k[len(k)-32:])] = string(v)
			return nil
		})
	}))
	return out
}

func TestSchema1FileUpgrades(t *testing.T) {
	isolate(t)
	path := schema1Copy(t)
	before := fileRevisions(t, path)
	hash := fileHash(t, path)
	if len(before) < 80 {
		t.Fatalf("the fixture holds %d revisions", len(before))
	}

	// Read-only cannot upgrade: it says so and leaves the file alone.
	if _, err := Open(path, Options{ReadOnly: true, DeviceID: "x"}); !errors.Is(err, ErrNeedsUpgrade) {
		t.Errorf("read-only open of a schema 1 file = %v, want ErrNeedsUpgrade", err)
	}
	if fileHash(t, path) != hash {
		t.Fatal("a refused open changed the file")
	}

	// The demo was made on 28/11/2026, relative to that day.
	s := openTestStore(t, path, Options{Now: func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.Local) }})
	if got := appliedIn(t, s); !slices.Equal(got, []string{"v1-create", migRowCheck, "v3-lean"}) {
		t.Errorf("migrations = %v", got)
	}
	if errs := s.Check(); len(errs) != 0 {
		t.Errorf("Check after the upgrade: %v", errs)
	}
	for _, what := range []string{"cells", "candidates", "classes", "enrolments", "meetings"} {
		var got bytes.Buffer
		if _, err := s.Export(&got, what, "csv", model.EN); err != nil {
			t.Fatalf("export %s: %v", what, err)
		}
		want, err := os.ReadFile(filepath.Join("..", "testdata", "schema1", what+".csv"))
		must(t, err)
		if !bytes.Equal(withoutColumn(t, got.Bytes(), "Commune"), want) {
			t.Errorf("export %s after the upgrade differs from the schema 1 program's export", what)
		}
	}
	must(t, s.view(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketRecRevs) != nil {
			t.Error("recrevs is still there")
		}
		ptr := tx.Bucket(bucketCurCells).Cursor()
		if k, v := ptr.First(); len(v) != 32 || revisionAt(tx, model.ID(k), [32]byte(v)) == nil {
			t.Errorf("cur_cells holds %d bytes, want a pointer to a revision", len(v))
		}
		return nil
	}))
	must(t, s.Close())
	if after := fileRevisions(t, path); !maps.Equal(before, after) {
		t.Errorf("the upgrade changed the revisions: %d before, %d after", len(before), len(after))
	}
	// The file as it was is kept next to it, readable by the older program.
	copies, _ := filepath.Glob(path + ".schema1-20261201-090000.bak")
	if len(copies) != 1 || !maps.Equal(fileRevisions(t, copies[0]), before) {
		t.Fatalf("copy of the schema 1 file = %v, want one holding every revision", copies)
	}
	db, err := bolt.Open(copies[0], 0o600, &bolt.Options{ReadOnly: true})
	must(t, err)
	defer db.Close()
	must(t, db.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketRecRevs) == nil || string(tx.Bucket(bucketMeta).Get(metaSchema)) != "\x00\x00\x00\x01" {
			t.Error("the copy is not in the schema 1 layout")
		}
		return nil
	}))
}

// withoutColumn drops a column added to an export after the schema 1
// program (the cell's commune) from CSV bytes.
func withoutColumn(t *testing.T, b []byte, title string) []byte {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	must(t, err)
	if len(rows) == 0 {
		return b
	}
	drop := slices.Index(rows[0], title)
	if drop < 0 {
		return b
	}
	var out bytes.Buffer
	out.WriteString("\xef\xbb\xbf")
	w := csv.NewWriter(&out)
	w.UseCRLF = true
	for _, row := range rows {
		must(t, w.Write(slices.Delete(row, drop, drop+1)))
	}
	w.Flush()
	return out.Bytes()
}
