package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"nguon/model"
)

// A missing data file is named in the message, in the chosen language.
func TestCLIMissingFileNamesPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "không có.db")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--db", missing}, "Không tìm thấy tệp dữ liệu"},
		{[]string{"--lang", "en", "check", "--db", missing}, "does not exist"},
		{[]string{"report", "--db", missing, "--what", "due"}, "Không tìm thấy tệp dữ liệu"},
		{[]string{"backup", "--db", missing, "--out", missing + ".bak"}, "Không tìm thấy tệp dữ liệu"},
		{[]string{"--read-only", "--db", missing}, "Không tìm thấy tệp dữ liệu"},
		// A file in a folder that does not exist: the folder is named.
		{[]string{"demo", "--db", filepath.Join(missing, "x.db")}, "Không tìm thấy thư mục"},
		{[]string{"--lang", "en", "check", "--db", filepath.Join(missing, "x.db")}, "The folder"},
	} {
		r := nguon(t, nil, tc.args...)
		if r.code != 1 {
			t.Errorf("%q: exit %d, want 1", tc.args, r.code)
		}
		oneLineErr(t, r, strings.Join(tc.args, " "))
		if !strings.Contains(r.stderr, tc.want) || !strings.Contains(r.stderr, missing) {
			t.Errorf("%q: stderr %q, want %q naming %s", tc.args, r.stderr, tc.want, missing)
		}
	}
}

// Without HOME (and no config folder) the default file cannot be found: say
// so in a sentence in the chosen language, and suggest --db.
func TestCLINoHomeFolder(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" || runtime.GOOS == "plan9" {
		t.Skip("the user config folder does not come from HOME here")
	}
	noHome := []string{"HOME=", "XDG_CONFIG_HOME="}
	for _, tc := range []struct {
		args []string
		lang model.Lang
	}{
		{[]string{"check"}, model.VI},
		{[]string{"report", "--what", "due"}, model.VI},
		{[]string{"--lang", "en", "check"}, model.EN},
		{[]string{"demo"}, model.VI},
		{[]string{"--read-only"}, model.VI},
	} {
		r := nguon(t, noHome, tc.args...)
		if r.code != 1 {
			t.Errorf("%q: exit %d, want 1 (stderr %q)", tc.args, r.code, r.stderr)
		}
		oneLineErr(t, r, strings.Join(tc.args, " "))
		msg := strings.TrimSpace(r.stderr)
		for _, bad := range []string{"neither", "$HOME", "config folder:", "no user config"} {
			if strings.Contains(msg, bad) {
				t.Errorf("%q: stderr %q is Go's message (%q)", tc.args, msg, bad)
			}
		}
		want := map[model.Lang]string{model.VI: "--db", model.EN: "--db"}[tc.lang]
		lead := map[model.Lang]string{model.VI: "Không", model.EN: "No"}[tc.lang]
		if !strings.Contains(msg, want) || !strings.HasPrefix(msg, lead) || !strings.HasSuffix(msg, ".") {
			t.Errorf("%q: stderr %q, want a %s sentence suggesting --db", tc.args, msg, tc.lang)
		}
	}
}

// rawControls are what must never reach the terminal from a file name: ESC
// (an OSC 52 clipboard write), BEL and the 8-bit CSI U+009B.
const rawControls = "\x1b\x07\u009b"

// File names are printed escaped, like stored text, by every command.
func TestCLIPathsEscaped(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows file names cannot hold control characters")
	}
	dir := t.TempDir()
	evil := "a\x1b]52;c;aGk=\x07b\u009b31m"
	db := filepath.Join(dir, evil+".db")
	check := func(r result, args []string, wantCode int) {
		t.Helper()
		if r.code != wantCode {
			t.Errorf("%q: exit %d, want %d (stderr %q)", args, r.code, wantCode, r.stderr)
		}
		out := r.stdout + r.stderr
		if strings.ContainsAny(out, rawControls) {
			t.Errorf("%q: a raw control character reached the terminal: %q", args, out)
		}
		if !strings.Contains(out, model.Escape(evil)) {
			t.Errorf("%q: the file name is not shown escaped (%q): %q", args, model.Escape(evil), out)
		}
	}
	run := func(wantCode int, args ...string) result {
		t.Helper()
		r := nguon(t, nil, args...)
		check(r, args, wantCode)
		return r
	}
	run(1, "check", "--db", db)                      // missing file
	run(0, "demo", "--db", db)                       // written
	run(1, "demo", "--db", db)                       // refused: holds data
	run(0, "backup", "--db", db, "--out", db+".bak") // written
	run(1, "backup", "--db", db, "--out", db+".bak") // refused: exists
	run(0, "report", "--db", db, "--what", "due", "--out", db+".txt")
	run(1, "report", "--db", db, "--what", "due", "--out", db+".txt")
	run(1, "report", "--db", db, "--what", "due", "--out", db, "--force")
	run(1, "--lang", "en", "report", "--db", db, "--what", "due", "--out", db+".txt")
	if _, err := os.Stat(db + ".bak"); err != nil {
		t.Errorf("the backup was not written: %v", err)
	}
}
