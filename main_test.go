package main

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"debug/buildinfo"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"nguon/model"
	"nguon/store"
)

// These tests run the built program as a clerk (or a script) would: exit
// codes, what lands on stdout and stderr, and what happens to the file.

// bin is the nguon binary built once for all tests.
var bin string

// holdEnv makes the test binary itself a second process that keeps a data
// file open, as another nguon window would.
const holdEnv = "NGUON_TEST_HOLD"

func TestMain(m *testing.M) {
	if path := os.Getenv(holdEnv); path != "" {
		os.Exit(hold(path))
	}
	dir, err := os.MkdirTemp("", "nguon-cli-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	// The tests that open stores in this process keep their config (device
	// ID, trust notes) and documents in it, never in the user's folders.
	home := filepath.Join(dir, "home")
	for _, v := range []string{"XDG_CONFIG_HOME", "HOME", "AppData", "USERPROFILE"} {
		os.Setenv(v, home)
	}
	os.Setenv("NGUON_DOCS", filepath.Join(home, "docs"))
	bin = filepath.Join(dir, "nguon")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	// Stamp the commit when this is a git checkout (the environment may say
	// -buildvcs=false); where git cannot tell, build without it.
	if err := exec.Command("go", "build", "-buildvcs=auto", "-o", bin, ".").Run(); err != nil {
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
			os.RemoveAll(dir)
			os.Exit(1)
		}
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// hold opens path, says "ready" and keeps it open until stdin closes.
func hold(path string) int {
	st, err := store.Open(path, store.Options{})
	if err != nil {
		fmt.Println(err)
		return 3
	}
	defer st.Close()
	fmt.Println("ready")
	_, _ = io.Copy(io.Discard, os.Stdin)
	return 0
}

// childEnv is the environment of a nguon child process: no language or file
// from the person running the tests, and a config folder of its own.
func childEnv(t *testing.T, extra ...string) []string {
	t.Helper()
	var env []string
	for _, kv := range os.Environ() {
		switch strings.SplitN(kv, "=", 2)[0] {
		case "NGUON_LANG", "NGUON_DB", "XDG_CONFIG_HOME", "TERM", "TMUX", "TMUX_PANE":
			continue
		}
		env = append(env, kv)
	}
	cfg := t.TempDir()
	// On macOS os.UserConfigDir ignores XDG_CONFIG_HOME and uses $HOME.
	env = append(env, "XDG_CONFIG_HOME="+cfg, "TERM=xterm-256color")
	if _, err := os.Stat("/Users"); err == nil {
		env = append(env, "HOME="+cfg)
	}
	return append(env, extra...)
}

type result struct {
	stdout, stderr string
	code           int
	took           time.Duration
}

// nguon runs the binary with args; env entries are added to childEnv.
func nguon(t *testing.T, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = childEnv(t, env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	r := result{stdout: out.String(), stderr: errb.String(), took: time.Since(start)}
	if ee, isExit := err.(*exec.ExitError); isExit {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running nguon %v: %v", args, err)
	}
	return r
}

// oneLineErr checks the failure contract: exactly one line on stderr and
// no trace of a Go panic.
func oneLineErr(t *testing.T, r result, what string) {
	t.Helper()
	if n := strings.Count(r.stderr, "\n"); n != 1 || strings.TrimSpace(r.stderr) == "" {
		t.Errorf("%s: want one line on stderr, got %d: %q", what, n, r.stderr)
	}
	for _, bad := range []string{"goroutine", "panic", "runtime.", ".go:"} {
		if strings.Contains(r.stderr+r.stdout, bad) {
			t.Errorf("%s: output mentions %q: %q", what, bad, r.stderr)
		}
	}
}

// demoFile makes a data file holding the demo data.
func demoFile(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "nguon.db")
	if r := nguon(t, nil, "demo", "--db", db); r.code != 0 {
		t.Fatalf("demo: exit %d: %s", r.code, r.stderr)
	}
	return db
}

// version and --version print the version, the commit and its date, read
// from the binary's build information (TestMain stamps the commit when it
// builds from a git checkout).
func TestCLIVersion(t *testing.T) {
	info, err := buildinfo.ReadFile(bin)
	if err != nil {
		t.Fatal(err)
	}
	rev := ""
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" {
			rev = s.Value
		}
	}
	for _, tc := range []struct {
		args []string
		lang model.Lang
	}{
		{[]string{"version"}, model.VI},
		{[]string{"--version"}, model.VI},
		{[]string{"--lang", "en", "version"}, model.EN},
		{[]string{"--lang=en", "--version"}, model.EN},
		{[]string{"--version", "--lang", "en"}, model.EN},
	} {
		r := nguon(t, nil, tc.args...)
		want := versionLine(version, info, tc.lang) + "\n"
		if r.code != 0 || r.stderr != "" || r.stdout != want {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %q", tc.args, r.code, r.stdout, r.stderr, want)
		}
		if !strings.HasPrefix(r.stdout, "nguon "+version+", commit ") {
			t.Errorf("%v: %q does not start with the version and the commit", tc.args, r.stdout)
		}
		if rev != "" && !strings.Contains(r.stdout, "commit "+rev) {
			t.Errorf("%v: %q does not name the commit %s", tc.args, r.stdout, rev)
		}
	}
}

func TestCLIHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"demo", "--help"}, {"backup", "-h"}} {
		r := nguon(t, nil, args...)
		if r.code != 0 || !strings.Contains(r.stdout, "--db") {
			t.Errorf("%v: exit %d, stdout %q", args, r.code, r.stdout)
		}
	}
	r := nguon(t, nil, "--help")
	for _, cmd := range []string{"demo", "backup", "check", "report", "export", "import", "merge", "version"} {
		if !strings.Contains(r.stdout, "  "+cmd) {
			t.Errorf("--help does not list %s", cmd)
		}
	}
}

func TestCLIBadUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, tc := range []struct {
		args []string
		lang model.Lang
	}{
		{[]string{"--bogus"}, model.VI},
		{[]string{"--lang", "fr", "version"}, model.VI},
		{[]string{"backup", "--db", db}, model.VI}, // --out is required
		{[]string{"--lang=en", "backup", "--db", db}, model.EN},
		{[]string{"nosuchcommand"}, model.VI},
		{[]string{"export", "--db", db}, model.VI},
		{[]string{"version", "extra"}, model.VI},
	} {
		r := nguon(t, nil, tc.args...)
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", tc.args, r.code, r.stderr)
		}
		oneLineErr(t, r, fmt.Sprint(tc.args))
		want := map[model.Lang]string{model.VI: "Lệnh không đúng", model.EN: "Bad usage"}[tc.lang]
		if !strings.Contains(r.stderr, want) {
			t.Errorf("%v: stderr %q, want it to say %q", tc.args, r.stderr, want)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a bad command line created the data file")
	}
}

func TestCLIDemoAndCheck(t *testing.T) {
	db := demoFile(t)
	for _, tc := range []struct {
		env  []string
		args []string
		want string
	}{
		{nil, []string{"check", "--db", db}, "Tệp dữ liệu tốt.\n"},
		{nil, []string{"--lang", "en", "check", "--db", db}, "The data file is sound.\n"},
		{[]string{"NGUON_LANG=en"}, []string{"check", "--db", db}, "The data file is sound.\n"},
		{[]string{"NGUON_DB=" + db}, []string{"check"}, "Tệp dữ liệu tốt.\n"},
	} {
		r := nguon(t, tc.env, tc.args...)
		if r.code != 0 || r.stdout != tc.want || r.stderr != "" {
			t.Errorf("%v %v: exit %d, stdout %q, stderr %q", tc.env, tc.args, r.code, r.stdout, r.stderr)
		}
	}
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	cands, err := st.Candidates()
	if err != nil || len(cands) != len(model.Demo(model.DateOf(time.Now())).Candidates) {
		t.Errorf("the demo file holds %d candidates (%v)", len(cands), err)
	}
}

func TestCLIDemoRefusesExistingData(t *testing.T) {
	db := demoFile(t)
	before, _ := os.ReadFile(db)
	for _, lang := range []string{"vi", "en"} {
		r := nguon(t, nil, "--lang", lang, "demo", "--db", db)
		if r.code != 1 {
			t.Errorf("demo over data: exit %d, want 1", r.code)
		}
		oneLineErr(t, r, "demo over data")
		if !strings.Contains(r.stderr, db) {
			t.Errorf("the refusal does not name the file: %q", r.stderr)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("a refused demo changed the file")
	}

	// An empty (0-byte) file holds nothing to lose: demo may fill it.
	empty := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(empty, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if r := nguon(t, nil, "demo", "--db", empty); r.code != 0 {
		t.Errorf("demo on a 0-byte file: exit %d: %s", r.code, r.stderr)
	}
}

func TestCLIMissingFile(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "khong-co.db")
	for _, args := range [][]string{
		{"check", "--db", missing},
		{"backup", "--db", missing, "--out", filepath.Join(dir, "copy.db")},
		{"--read-only", "--db", missing},
	} {
		r := nguon(t, nil, args...)
		if r.code != 1 {
			t.Errorf("%v: exit %d, want 1", args, r.code)
		}
		oneLineErr(t, r, fmt.Sprint(args))
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("commands on a missing file left %d files behind", len(entries))
	}
	// demo with no --db writes the default file, NGUON_DB here.
	r := nguon(t, []string{"NGUON_DB=" + missing}, "demo")
	if r.code != 0 || !strings.Contains(r.stdout, missing) {
		t.Errorf("demo on NGUON_DB: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

// damaged returns files a clerk might end up with after a bad copy.
func damaged(t *testing.T) map[string][]byte {
	t.Helper()
	good, err := os.ReadFile(demoFile(t))
	if err != nil {
		t.Fatal(err)
	}
	noise := make([]byte, 64<<10)
	_, _ = rand.Read(noise)
	return map[string][]byte{
		"empty":     nil,
		"truncated": good[:len(good)/2],
		"one page":  good[:4096],
		"random":    noise,
		"text":      []byte("Danh sách quần chúng ưu tú\nNguyễn Văn A\n"),
	}
}

func TestCLIDamagedFiles(t *testing.T) {
	for name, content := range damaged(t) {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "bad.db")
			if err := os.WriteFile(db, content, 0o600); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "copy.db")
			for _, args := range [][]string{
				{"check", "--db", db},
				{"--lang", "en", "check", "--db", db},
				{"backup", "--db", db, "--out", out},
				{"--read-only", "--db", db},
			} {
				r := nguon(t, nil, args...)
				if r.code != 1 {
					t.Errorf("%v: exit %d, want 1 (stderr %q)", args, r.code, r.stderr)
				}
				oneLineErr(t, r, fmt.Sprint(args))
			}
			if after, _ := os.ReadFile(db); !bytes.Equal(content, after) {
				t.Error("the damaged file was modified")
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a backup of a damaged file was written")
			}
		})
	}
}

func TestCLIBackup(t *testing.T) {
	db := demoFile(t)
	before, _ := os.ReadFile(db)
	out := filepath.Join(t.TempDir(), "sao lưu.db") // a Vietnamese name with a space
	r := nguon(t, nil, "backup", "--db", db, "--out", out)
	if r.code != 0 || r.stderr != "" || !strings.Contains(r.stdout, out) {
		t.Fatalf("backup: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if r := nguon(t, nil, "check", "--db", out); r.code != 0 {
		t.Errorf("check of the backup: exit %d: %s", r.code, r.stderr)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("backup changed the original file")
	}
	r = nguon(t, nil, "backup", "--db", db, "--out", db)
	if r.code != 1 {
		t.Errorf("backup onto itself: exit %d, want 1", r.code)
	}
	oneLineErr(t, r, "backup onto itself")
	if r := nguon(t, nil, "backup", "--db", db, "--out", filepath.Join(t.TempDir(), "no", "such", "dir.db")); r.code != 1 {
		t.Errorf("backup into a missing folder: exit %d, want 1", r.code)
	} else {
		oneLineErr(t, r, "backup into a missing folder")
	}
}

// holdFile keeps db open in a second process until the test ends.
func holdFile(t *testing.T, db string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = childEnv(t, holdEnv+"="+db)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		t.Fatalf("holder: %q %v", line, err)
	}
}

func TestCLIFileInUse(t *testing.T) {
	db := demoFile(t)
	holdFile(t, db)
	before, _ := os.ReadFile(db)
	out := filepath.Join(t.TempDir(), "copy.db")
	for _, tc := range []struct {
		args []string
		lang model.Lang
	}{
		{[]string{"check", "--db", db}, model.VI},
		{[]string{"--lang", "en", "check", "--db", db}, model.EN},
		{[]string{"backup", "--db", db, "--out", out}, model.VI},
		{[]string{"demo", "--db", db}, model.VI},
		{[]string{"--db", db}, model.VI}, // a second window
	} {
		r := nguon(t, nil, tc.args...)
		if r.code != 1 {
			t.Errorf("%v: exit %d, want 1 (stderr %q)", tc.args, r.code, r.stderr)
		}
		oneLineErr(t, r, fmt.Sprint(tc.args))
		if want := model.Message(store.ErrInUse, tc.lang); strings.TrimSpace(r.stderr) != want {
			t.Errorf("%v: stderr %q, want %q", tc.args, r.stderr, want)
		}
		if r.took > 2500*time.Millisecond {
			t.Errorf("%v: took %v to say the file is in use", tc.args, r.took)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Error("a refused command changed the file")
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a backup was written although the file was in use")
	}
}

func TestCLIRunRecoversPanics(t *testing.T) {
	// run is what main calls: a panic inside must become one line and exit 1.
	var out, errb bytes.Buffer
	code := run([]string{"version"}, &out, &errb, func(string) string { panic("boom") })
	if code != 1 || strings.Count(errb.String(), "\n") != 1 || !strings.Contains(errb.String(), "boom") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
}

// tmux drives a real terminal for the one end-to-end TUI test. Each test
// gets its own server socket, so nothing leaks into a person's tmux.
