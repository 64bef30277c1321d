package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// sha returns the SHA-256 of a file's contents, "" when it cannot be read.
func sha(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading %s: %v", path, err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// noTempFiles checks that a refused or finished command left nothing half
// written next to its output.
func noTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("a temporary file was left behind: %s", e.Name())
		}
	}
}

// report --out and backup --out never write over the data file, however the
// path is spelled, not even with --force.
func TestCLIOutputNeverOverwritesDataFile(t *testing.T) {
	db := demoFile(t)
	dir := filepath.Dir(db)
	if err := os.Mkdir(filepath.Join(dir, "x"), 0o700); err != nil {
		t.Fatal(err)
	}
	spellings := []string{
		db,
		dir + string(filepath.Separator) + "x" + string(filepath.Separator) + ".." + string(filepath.Separator) + filepath.Base(db),
		dir + string(filepath.Separator) + "." + string(filepath.Separator) + filepath.Base(db),
	}
	if runtime.GOOS != "windows" {
		link := filepath.Join(dir, "link.csv")
		if err := os.Symlink(db, link); err != nil {
			t.Fatal(err)
		}
		hard := filepath.Join(dir, "hard.csv")
		if err := os.Link(db, hard); err != nil {
			t.Fatal(err)
		}
		spellings = append(spellings, link, hard)
	}
	want := sha(t, db)
	for _, out := range spellings {
		for _, args := range [][]string{
			{"report", "--db", db, "--what", "targets", "--format", "csv", "--out", out},
			{"report", "--db", db, "--what", "targets", "--format", "csv", "--out", out, "--force"},
			{"--lang", "en", "report", "--db", db, "--what", "due", "--out", out, "--force"},
			{"backup", "--db", db, "--out", out},
			{"backup", "--db", db, "--out", out, "--force"},
		} {
			r := nguon(t, nil, args...)
			if r.code != 1 {
				t.Errorf("%q: exit %d, want 1 (stderr %q)", args, r.code, r.stderr)
			}
			oneLineErr(t, r, strings.Join(args, " "))
			if got := sha(t, db); got != want {
				t.Fatalf("%q wrote over the data file", args)
			}
		}
	}
	// The refusal says what is wrong, in the language asked for.
	r := nguon(t, nil, "report", "--db", db, "--what", "targets", "--out", spellings[1])
	if !strings.Contains(r.stderr, "tệp dữ liệu") {
		t.Errorf("the refusal does not say it is the data file: %q", r.stderr)
	}
	r = nguon(t, nil, "--lang", "en", "report", "--db", db, "--what", "targets", "--out", db)
	if !strings.Contains(r.stderr, "data file") {
		t.Errorf("the English refusal does not say it is the data file: %q", r.stderr)
	}
	noTempFiles(t, dir)
	if r := nguon(t, nil, "check", "--db", db); r.code != 0 {
		t.Errorf("check after the refusals: exit %d: %s", r.code, r.stderr)
	}
}

// An existing output file is refused unless --force is given.
func TestCLIOutputRefusesExistingFile(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	old := []byte("bảng tính quan trọng của văn phòng\n")
	for _, tc := range []struct {
		name string
		args func(out string) []string
	}{
		{"report.csv", func(out string) []string {
			return []string{"report", "--db", db, "--what", "sources", "--format", "csv", "--out", out}
		}},
		{"report.txt", func(out string) []string {
			return []string{"report", "--db", db, "--what", "due", "--out", out}
		}},
		{"report.xlsx", func(out string) []string {
			return []string{"report", "--db", db, "--what", "classes", "--format", "xlsx", "--out", out}
		}},
		{"sao lưu.db", func(out string) []string {
			return []string{"backup", "--db", db, "--out", out}
		}},
	} {
		out := filepath.Join(dir, tc.name)
		if err := os.WriteFile(out, old, 0o600); err != nil {
			t.Fatal(err)
		}
		want := sha(t, out)
		for _, lang := range []string{"vi", "en"} {
			args := append([]string{"--lang", lang}, tc.args(out)...)
			r := nguon(t, nil, args...)
			if r.code != 1 {
				t.Errorf("%q over an existing file: exit %d, want 1 (stderr %q)", args, r.code, r.stderr)
			}
			oneLineErr(t, r, strings.Join(args, " "))
			if !strings.Contains(r.stderr, out) || !strings.Contains(r.stderr, "--force") {
				t.Errorf("%q: the refusal does not name the file and --force: %q", args, r.stderr)
			}
			if got := sha(t, out); got != want {
				t.Errorf("%q replaced the existing file", args)
			}
		}
		// --force replaces it.
		r := nguon(t, nil, append(tc.args(out), "--force")...)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("%s --force: exit %d, stderr %q", tc.name, r.code, r.stderr)
		}
		if got := sha(t, out); got == want {
			t.Errorf("%s --force did not replace the file", tc.name)
		}
	}
	if r := nguon(t, nil, "check", "--db", filepath.Join(dir, "sao lưu.db")); r.code != 0 {
		t.Errorf("check of the forced backup: exit %d: %s", r.code, r.stderr)
	}
	// A folder is not a file to replace, even with --force.
	sub := filepath.Join(dir, "thư mục")
	if err := os.Mkdir(sub, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"report", "--db", db, "--what", "due", "--out", sub, "--force"},
		{"backup", "--db", db, "--out", sub, "--force"},
	} {
		r := nguon(t, nil, args...)
		if r.code != 1 {
			t.Errorf("%q: exit %d, want 1", args, r.code)
		}
		oneLineErr(t, r, strings.Join(args, " "))
		if fi, err := os.Stat(sub); err != nil || !fi.IsDir() {
			t.Errorf("%q replaced a folder", args)
		}
	}
	noTempFiles(t, dir)
}
