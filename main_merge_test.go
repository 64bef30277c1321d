package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nguon/store"
)

// nguon merge, run as a clerk runs it.

func TestCLIMerge(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	cp := filepath.Join(dir, "ban-sao.db")
	if r := nguon(t, nil, "backup", "--db", db, "--out", cp); r.code != 0 {
		t.Fatalf("backup: exit %d %s", r.code, r.stderr)
	}
	// An edit on this computer after the copy was made.
	st, err := store.Open(db, store.Options{DeviceID: "may-xa"})
	if err != nil {
		t.Fatal(err)
	}
	cells, _ := st.Cells()
	cells[0].Secretary = "Phạm Văn Mới"
	if err := st.PutCell(&cells[0]); err != nil {
		t.Fatal(err)
	}
	st.Close()

	// Into a new district file, which the merge creates.
	district := filepath.Join(dir, "huyen.db")
	r := nguon(t, nil, "merge", "--db", district, cp)
	if r.code != 0 || !strings.Contains(r.stdout, "thêm mới") || !strings.Contains(r.stdout, "Đã gộp bản sao vào") {
		t.Fatalf("merge into a new file: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The original file: the copy is older, nothing new; in English.
	before := sha(t, db)
	r = nguon(t, nil, "merge", "--db", db, "--lang", "en", cp)
	if r.code != 0 || !strings.Contains(r.stdout, "0 added, 0 updated") || !strings.Contains(r.stdout, "nothing new") {
		t.Errorf("merge of an older copy: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if sha(t, db) != before {
		t.Error("merging an older copy changed the file")
	}
	// The newer file into the district file: one cell updated, with a backup.
	newer := filepath.Join(dir, "moi.db")
	if r := nguon(t, nil, "backup", "--db", db, "--out", newer); r.code != 0 {
		t.Fatalf("backup: exit %d %s", r.code, r.stderr)
	}
	r = nguon(t, nil, "merge", "--db", district, newer)
	if r.code != 0 || !strings.Contains(r.stdout, "cập nhật 1,") || !strings.Contains(r.stdout, "truoc-khi-gop") {
		t.Errorf("merge of a newer copy: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestCLIMergeRefuses(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "hong.db")
	if err := os.WriteFile(bad, []byte(strings.Repeat("không phải nguon ", 500)), 0o600); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "tot.db")
	if r := nguon(t, nil, "backup", "--db", db, "--out", good); r.code != 0 {
		t.Fatalf("backup: exit %d %s", r.code, r.stderr)
	}
	before := sha(t, db)
	r := nguon(t, nil, "merge", "--db", db, good, bad)
	if r.code != 1 || !strings.Contains(r.stderr, bad) || !strings.HasPrefix(r.stderr, "Không gộp gì") {
		t.Errorf("a bad copy: exit %d %q", r.code, r.stderr)
	}
	oneLineErr(t, r, "bad copy")
	if sha(t, db) != before {
		t.Error("a refused merge changed the data file")
	}
	if _, err := os.Stat(store.BackupDir(db)); err == nil {
		ents, _ := os.ReadDir(store.BackupDir(db))
		for _, e := range ents {
			if strings.Contains(e.Name(), "truoc-khi-gop") {
				t.Errorf("a refused merge made a backup: %s", e.Name())
			}
		}
	}
	// A refused merge into a missing file leaves no file behind.
	missing := filepath.Join(dir, "chua-co.db")
	if r := nguon(t, nil, "merge", "--db", missing, bad); r.code != 1 {
		t.Errorf("into a missing file: exit %d", r.code)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Error("a refused merge left a new data file")
	}
	for _, args := range [][]string{
		{"merge", "--db", db},                      // no copy
		{"merge", "--db", db, "--read-only", good}, // merge writes
	} {
		if r := nguon(t, nil, args...); r.code != 2 {
			t.Errorf("%v: exit %d %q", args, r.code, r.stderr)
		}
	}
	if r := nguon(t, nil, "merge", "--db", db, db); r.code != 1 || sha(t, db) != before {
		t.Errorf("merging the file into itself: exit %d %q", r.code, r.stderr)
	}
}
