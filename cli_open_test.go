package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A file named alone on the command line (dropped on nguon.exe) that does
// not exist is named in one sentence, and nothing is created: not the
// file, and not the default file either.
func TestCLIOpenNamedFileMissing(t *testing.T) {
	dir, cfg := t.TempDir(), t.TempDir()
	env := []string{"XDG_CONFIG_HOME=" + cfg, "HOME=" + cfg}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{filepath.Join(dir, "du-lieu-mau.db")}, "Không tìm thấy tệp dữ liệu " + filepath.Join(dir, "du-lieu-mau.db")},
		{[]string{"--lang", "en", filepath.Join(dir, "du lieu.db")}, filepath.Join(dir, "du lieu.db") + " does not exist"},
		{[]string{"--read-only", filepath.Join(dir, "x.db")}, "Không tìm thấy tệp dữ liệu"},
		{[]string{filepath.Join(dir, "khong-co", "x.db")}, "Không tìm thấy thư mục " + filepath.Join(dir, "khong-co")},
	} {
		r := nguon(t, env, tc.args...)
		if r.code != exitFail {
			t.Errorf("%q: exit %d, want 1 (stderr %q)", tc.args, r.code, r.stderr)
		}
		oneLineErr(t, r, fmt.Sprint(tc.args))
		if !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%q: stderr %q, want %q", tc.args, r.stderr, tc.want)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("opening missing files created %d entries", len(entries))
	}
	if _, err := os.Stat(filepath.Join(cfg, "nguon", "nguon.db")); err == nil {
		t.Error("a missing named file opened the default file instead")
	}
}

// --db and a named file together are a mistake on the command line; a word
// that is no file and no command is still an unknown command.
func TestCLIOpenNamedFileUsage(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	for _, tc := range []struct {
		args   []string
		vi, en string
	}{
		{[]string{"--db", db, filepath.Join(dir, "khac.db")}, "không dùng --db cùng với một tên tệp", "--db and a file name cannot be used together"},
		{[]string{filepath.Join(dir, "khac.db"), "--db", db}, "không dùng --db cùng với một tên tệp", "--db and a file name cannot be used together"},
		{[]string{"--db", db, db}, "không dùng --db cùng với một tên tệp", "--db and a file name cannot be used together"},
		{[]string{"rep"}, "không có lệnh “rep”, có lẽ ý bạn là “report”", "unknown command “rep”, perhaps you meant “report”"},
		{[]string{db, "extra.db"}, "thừa tham số", "unexpected argument"},
	} {
		for _, lang := range []string{"vi", "en"} {
			args := append([]string{"--lang", lang}, tc.args...)
			r := nguon(t, nil, args...)
			if r.code != exitUsage {
				t.Errorf("%q: exit %d, want 2 (stderr %q)", args, r.code, r.stderr)
			}
			oneLineErr(t, r, strings.Join(args, " "))
			if want := map[string]string{"vi": tc.vi, "en": tc.en}[lang]; !strings.Contains(r.stderr, want) {
				t.Errorf("%q: stderr %q, want %q", args, r.stderr, want)
			}
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused command lines created %d files", len(entries))
	}
}
