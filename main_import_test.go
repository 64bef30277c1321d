package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nguon/model"
	"nguon/store"
)

// nguon export and nguon import, run as a clerk runs them.

func TestCLIExport(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	for _, what := range []string{"cells", "candidates", "classes", "enrolments", "meetings"} {
		for _, ext := range []string{"csv", "xlsx"} {
			out := filepath.Join(dir, what+"."+ext)
			r := nguon(t, nil, "export", "--db", db, "--what", what, "--out", out)
			b, err := os.ReadFile(out)
			if r.code != 0 || err != nil || len(b) == 0 || !strings.Contains(r.stdout, out) {
				t.Fatalf("export %s %s: exit %d %v\n%s%s", what, ext, r.code, err, r.stdout, r.stderr)
			}
			if ext == "csv" && !strings.HasPrefix(string(b), "\uFEFFID,") || ext == "xlsx" && !strings.HasPrefix(string(b), "PK") {
				t.Errorf("%s is not %s: %q", out, ext, b[:8])
			}
		}
	}
	// CSV to the screen, in English.
	r := nguon(t, nil, "export", "--db", db, "--what", "cells", "--lang", "en")
	if r.code != 0 || !strings.HasPrefix(r.stdout, "\uFEFFID,Cell name,Kind") {
		t.Errorf("export to stdout: exit %d %q", r.code, r.stdout[:min(60, len(r.stdout))])
	}
	// An existing file needs --force; the data file never.
	out := filepath.Join(dir, "cells.csv")
	r = nguon(t, nil, "export", "--db", db, "--what", "cells", "--out", out)
	if r.code != 1 || !strings.Contains(r.stderr, "--force") {
		t.Errorf("existing output: exit %d %q", r.code, r.stderr)
	}
	oneLineErr(t, r, "existing output")
	if r = nguon(t, nil, "export", "--db", db, "--what", "cells", "--out", out, "--force"); r.code != 0 {
		t.Errorf("--force: exit %d %q", r.code, r.stderr)
	}
	before := sha(t, db)
	r = nguon(t, nil, "export", "--db", db, "--what", "cells", "--format", "csv", "--out", db, "--force")
	if r.code != 1 || sha(t, db) != before {
		t.Errorf("export over the data file: exit %d, file changed %v", r.code, sha(t, db) != before)
	}
	// Usage mistakes exit 2.
	for _, args := range [][]string{
		{"export", "--db", db, "--what", "cells", "--format", "xlsx"},
		{"export", "--db", db, "--what", "people", "--out", out},
		{"export", "--db", db, "--out", out},
		{"export", "--db", db, "--what", "cells", "--format", "pdf", "--out", out},
	} {
		r := nguon(t, nil, args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d %q", args, r.code, r.stderr)
		}
		oneLineErr(t, r, strings.Join(args, " "))
	}
}

func TestCLIImport(t *testing.T) {
	src := demoFile(t)
	dir := t.TempDir()
	cells, cands := filepath.Join(dir, "cells.xlsx"), filepath.Join(dir, "candidates.csv")
	for what, out := range map[string]string{"cells": cells, "candidates": cands} {
		if r := nguon(t, nil, "export", "--db", src, "--what", what, "--out", out); r.code != 0 {
			t.Fatalf("export: %s", r.stderr)
		}
	}
	db := filepath.Join(dir, "new", "nguon.db")
	os.Mkdir(filepath.Dir(db), 0o700)

	// A dry run into a missing file reports and creates nothing.
	r := nguon(t, nil, "import", "--db", db, "--in", cells, "--dry-run")
	if r.code != 0 || !strings.Contains(r.stdout, "thêm mới 11") || !strings.Contains(r.stdout, "Chạy thử") {
		t.Fatalf("dry run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatal("a dry run created the data file")
	}
	// A refused import into a missing file leaves no file behind.
	r = nguon(t, nil, "import", "--db", db, "--in", cands)
	if r.code != 1 || !strings.Contains(r.stdout, "không có trong tệp dữ liệu") {
		t.Fatalf("candidates before cells: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	oneLineErr(t, r, "refused import")
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Fatal("a refused import left a data file")
	}
	// Importing into a missing file creates it.
	if r = nguon(t, nil, "import", "--db", db, "--in", cells, "--what", "cells"); r.code != 0 {
		t.Fatalf("cells: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = nguon(t, nil, "import", "--db", db, "--in", cands, "--lang", "en")
	if r.code != 0 || !strings.Contains(r.stdout, "64 added") || !strings.Contains(r.stdout, "backed up before the import") {
		t.Fatalf("candidates: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	// Twice changes nothing.
	before := sha(t, db)
	r = nguon(t, nil, "import", "--db", db, "--in", cands)
	if r.code != 0 || !strings.Contains(r.stdout, "không đổi 64") || sha(t, db) != before {
		t.Fatalf("again: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r = nguon(t, nil, "check", "--db", db); r.code != 0 {
		t.Errorf("check after import: %s%s", r.stdout, r.stderr)
	}

	// A bad row: nothing written, the row named; --skip-invalid writes the rest.
	bad := filepath.Join(dir, "ds.csv")
	os.WriteFile(bad, []byte("Họ và tên;Ngày sinh;Giới tính;Nguồn\nLê Thị Hoa;01/02/2003;Nữ;Phụ nữ\nLê Văn Hùng;1999;Nam;Đoàn viên\n"), 0o644)
	before = sha(t, db)
	r = nguon(t, nil, "import", "--db", db, "--in", bad)
	if r.code != 1 || !strings.Contains(r.stdout, "dòng 3 (Lê Văn Hùng)") || sha(t, db) != before {
		t.Fatalf("bad row: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if strings.TrimSpace(r.stderr) != model.Message(store.ErrImportRefused, model.VI) {
		t.Errorf("refusal: %q", r.stderr)
	}
	r = nguon(t, nil, "import", "--db", db, "--in", bad, "--skip-invalid")
	if r.code != 0 || !strings.Contains(r.stdout, "thêm mới 1") {
		t.Fatalf("--skip-invalid: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}

	// Wrong files, one sentence each.
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"import", "--db", db, "--in", filepath.Join(dir, "none.csv")}, 1},
		{[]string{"import", "--db", db, "--in", db}, 1},
		{[]string{"import", "--db", db, "--in", bad, "--what", "classes"}, 2},
		{[]string{"import", "--db", db}, 2},
		{[]string{"import", "--db", db, "--in", bad, "--read-only"}, 2},
	} {
		r := nguon(t, nil, tc.args...)
		if r.code != tc.code {
			t.Errorf("%v: exit %d, want %d: %q", tc.args, r.code, tc.code, r.stderr)
		}
		oneLineErr(t, r, strings.Join(tc.args, " "))
	}
}
