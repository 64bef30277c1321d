package store

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"nguon/model"
)

// Two files holding the same records, written through different saves
// (the demo in one transaction; the same demo a record at a time, in
// another order of buckets), come out of WriteCanonical as the same bytes,
// and the copy passes the check every open makes and holds every record.
func TestWriteCanonicalDependsOnlyOnContents(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	dir := t.TempDir()
	now := time.Date(2026, 12, 4, 10, 0, 0, 0, time.UTC)
	d := model.Demo(model.DateOf(now))
	mk := func(name string, oneByOne bool) string {
		p := filepath.Join(dir, name)
		// The same stream of ID bits for both, so the records are the same.
		st, err := Open(p, Options{DeviceID: "dev", Now: func() time.Time { return now }, Entropy: bytes.NewReader(bytes.Repeat([]byte{7}, 1<<20))})
		if err != nil {
			t.Fatal(err)
		}
		if oneByOne {
			// The same writes in the same order, in four transactions.
			for _, part := range []model.Dataset{
				{Settings: d.Settings, Cells: d.Cells}, {Candidates: d.Candidates},
				{Classes: d.Classes}, {Meetings: d.Meetings},
			} {
				if err = st.Import(part); err != nil {
					break
				}
			}
		} else {
			err = st.Import(d)
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, b := mk("a.db", false), mk("b.db", true)
	if ab, bb := readBytes(t, a), readBytes(t, b); bytes.Equal(ab, bb) {
		t.Fatal("the two histories made the same bytes: the test shows nothing")
	}
	var got [][]byte
	for _, src := range []string{a, b, a} {
		out := filepath.Join(t.TempDir(), "c.db")
		if err := WriteCanonical(src, out); err != nil {
			t.Fatal(err)
		}
		if err := CheckFile(out); err != nil {
			t.Fatalf("the canonical copy fails the open check: %v", err)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, data)
	}
	if !bytes.Equal(got[0], got[1]) || !bytes.Equal(got[0], got[2]) {
		t.Fatal("canonical copies of files with the same records differ")
	}
	out := filepath.Join(t.TempDir(), "c.db")
	if err := os.WriteFile(out, got[0], 0o600); err != nil {
		t.Fatal(err)
	}
	st, err := Open(out, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cells, err := st.Cells()
	if err != nil || len(cells) != len(d.Cells) {
		t.Fatalf("the copy holds %d cells (%v), want %d", len(cells), err, len(d.Cells))
	}
	// An existing file is never written over.
	if err := WriteCanonical(a, b); !errors.Is(err, fs.ErrExist) {
		t.Fatalf("writing over an existing file: %v", err)
	}
}

func readBytes(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
