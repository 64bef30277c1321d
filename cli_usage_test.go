package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// kongEnglish are phrases of kong's own English that must not reach a
// Vietnamese reader, in help or in errors.
var kongEnglish = []string{
	"Usage:", "Flags:", "Commands:", "Arguments:", "for more information",
	"Show context-sensitive help", "<command>", "[flags]",
	"unknown flag", "missing flags", "must be one of", "expected a valid", "bit int",
	"unexpected argument", "unexpected token", "did you mean", "but got", "value",
}

// The help's framing follows the language: Vietnamese unless asked for English.
func TestCLIHelpInVietnamese(t *testing.T) {
	for _, tc := range []struct {
		env  []string
		args []string
		want []string
	}{
		{nil, []string{"--help"}, []string{"Cách dùng: nguon", "Tùy chọn:", "Lệnh:", "--db", "demo", "report"}},
		{nil, []string{"report", "--help"}, []string{"Cách dùng: nguon report", "Tùy chọn:", "--what", "--force"}},
		{nil, []string{"backup", "-h"}, []string{"Cách dùng: nguon backup", "--out", "--force"}},
		{[]string{"NGUON_LANG=vi"}, []string{"-h"}, []string{"Cách dùng: nguon"}},
	} {
		r := nguon(t, tc.env, tc.args...)
		if r.code != 0 || r.stderr != "" {
			t.Errorf("%v: exit %d, stderr %q", tc.args, r.code, r.stderr)
		}
		for _, w := range tc.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%v: help lacks %q:\n%s", tc.args, w, r.stdout)
			}
		}
		for _, bad := range kongEnglish {
			if strings.Contains(r.stdout, bad) {
				t.Errorf("%v: Vietnamese help says %q:\n%s", tc.args, bad, r.stdout)
			}
		}
	}
	for _, tc := range []struct {
		env  []string
		args []string
	}{
		{nil, []string{"--lang", "en", "--help"}},
		{nil, []string{"--lang=en", "report", "--help"}},
		{[]string{"NGUON_LANG=en_US.UTF-8"}, []string{"--help"}},
	} {
		r := nguon(t, tc.env, tc.args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Usage: nguon") || !strings.Contains(r.stdout, "Flags:") {
			t.Errorf("%v %v: exit %d, English help:\n%s", tc.env, tc.args, r.code, r.stdout)
		}
		if strings.Contains(r.stdout, "Cách dùng") {
			t.Errorf("%v %v: English help has Vietnamese framing", tc.env, tc.args)
		}
	}
}

// Mistakes on the command line are explained in the chosen language, in one
// sentence that ends with one full stop.
func TestCLIUsageErrorsTranslated(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, tc := range []struct {
		args   []string
		vi, en string
	}{
		{[]string{"--bogus"}, "không có tùy chọn --bogus", "unknown flag --bogus"},
		{[]string{"-x"}, "“-h”", "“-h”"},
		{[]string{"--hepl"}, "có lẽ ý bạn là “--help”", "perhaps you meant “--help”"},
		{[]string{"backup", "--db", db}, "thiếu tùy chọn bắt buộc --out", "missing required flag --out"},
		{[]string{"report", "--db", db}, "thiếu tùy chọn bắt buộc --what", "missing required flag --what"},
		{[]string{"report", "--db", db, "--what", "foo"}, "--what phải là một trong", "--what must be one of"},
		{[]string{"report", "--db", db, "--what", "due", "--format", "pdf"}, "--format phải là một trong", "--format must be one of"},
		{[]string{"report", "--db", db, "--what", "targets", "--year", "abc"}, "--year cần một số nguyên", "--year needs a whole number"},
		{[]string{"report", "--db", db, "--what", "targets", "--year"}, "--year cần một giá trị", "--year needs a value"},
		{[]string{"version", "extra"}, "thừa tham số “extra”", "unexpected argument “extra”"},
		{[]string{"nosuchcommand"}, "không có lệnh “nosuchcommand”", "unknown command “nosuchcommand”"},
		{[]string{"bakup", "--db", db}, "có lẽ ý bạn là “backup”", "perhaps you meant “backup”"},
		{[]string{"check", "--db", db, "--read-only=3"}, "--read-only", "--read-only"},
	} {
		for _, lang := range []string{"vi", "en"} {
			args := append([]string{"--lang", lang}, tc.args...)
			r := nguon(t, nil, args...)
			if r.code != 2 {
				t.Errorf("%q: exit %d, want 2 (stderr %q)", args, r.code, r.stderr)
			}
			oneLineErr(t, r, strings.Join(args, " "))
			msg := strings.TrimSpace(r.stderr)
			want := map[string]string{"vi": tc.vi, "en": tc.en}[lang]
			if !strings.Contains(msg, want) {
				t.Errorf("%q: stderr %q, want it to say %q", args, msg, want)
			}
			if strings.Contains(msg, "?.") || strings.Contains(msg, "..") || !strings.HasSuffix(msg, ".") {
				t.Errorf("%q: %q does not end with one full stop", args, msg)
			}
			if lang == "vi" {
				for _, bad := range kongEnglish {
					if strings.Contains(msg, bad) {
						t.Errorf("%q: Vietnamese error says %q: %q", args, bad, msg)
					}
				}
			}
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a bad command line created the data file")
	}
}

// Options that make no sense together, or values out of range, are mistakes
// on the command line (exit 2), refused before anything is opened or written.
func TestCLIUsageMistakesExit2(t *testing.T) {
	db := demoFile(t)
	dir := t.TempDir()
	newDB := filepath.Join(dir, "moi.db")
	for _, tc := range []struct {
		args   []string
		vi, en string
	}{
		{[]string{"report", "--db", db, "--what", "classes", "--format", "xlsx"}, "--out", "--out"},
		{[]string{"report", "--db", db, "--what", "targets", "--year", "1999"}, "1999", "1999"},
		{[]string{"report", "--db", db, "--what", "targets", "--year", "0"}, "--year", "--year"},
		{[]string{"report", "--db", db, "--what", "admitted", "--year", "2101"}, "2101", "2101"},
		{[]string{"report", "--db", db, "--what", "targets", "--year", "abc"}, "--year", "--year"},
		{[]string{"report", "--db", db, "--what", "due", "--year", "2026"}, "--year", "--year"},
		{[]string{"--read-only", "demo", "--db", newDB}, "--read-only", "--read-only"},
		{[]string{"demo", "--db", newDB, "--read-only"}, "--read-only", "--read-only"},
	} {
		for _, lang := range []string{"vi", "en"} {
			args := append([]string{"--lang", lang}, tc.args...)
			r := nguon(t, nil, args...)
			if r.code != 2 {
				t.Errorf("%q: exit %d, want 2 (stderr %q)", args, r.code, r.stderr)
			}
			oneLineErr(t, r, strings.Join(args, " "))
			msg := strings.TrimSpace(r.stderr)
			frame := map[string]string{"vi": "Lệnh không đúng", "en": "Bad usage"}[lang]
			want := map[string]string{"vi": tc.vi, "en": tc.en}[lang]
			if !strings.HasPrefix(msg, frame) || !strings.Contains(msg, want) {
				t.Errorf("%q: stderr %q, want %q… mentioning %q", args, msg, frame, want)
			}
			if r.stdout != "" {
				t.Errorf("%q: stdout %q", args, r.stdout)
			}
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused commands left %d files behind", len(entries))
	}
	// What stays allowed.
	for _, args := range [][]string{
		{"report", "--db", db, "--what", "due"},
		{"report", "--db", db, "--what", "targets", "--year", "2026"},
		{"--read-only", "check", "--db", db},
		{"--read-only", "report", "--db", db, "--what", "sources"},
	} {
		if r := nguon(t, nil, args...); r.code != 0 {
			t.Errorf("%q: exit %d: %s", args, r.code, r.stderr)
		}
	}
}
