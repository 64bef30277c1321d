//go:build linux

package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"nguon/model"
	"nguon/store"
)

// Issue 9: interrupted commands leave nothing behind, a save that fails
// inside the store keeps what was typed, and a full disk is a sentence.

// tempsIn lists the hidden temporary files nguon writes (.nguon-KIND-….part,
// and an older nguon's .X.tmp-N, .X.new-N).
func tempsIn(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, ".nguon-") || strings.HasPrefix(n, ".") && (strings.Contains(n, ".tmp") || strings.Contains(n, ".new-")) {
			out = append(out, n)
		}
	}
	return out
}

// bigDemoFile is a demo file with a few thousand more candidates, so that a
// backup takes long enough to be interrupted.
func bigDemoFile(t *testing.T) string {
	t.Helper()
	db := demoFile(t)
	st, err := store.Open(db, store.Options{DeviceID: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.CandidateRows()
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.Candidate(rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var d model.Dataset
	for i := range 3000 {
		n := c
		n.ID, n.CCCD = model.ID{}, ""
		n.Notes = fmt.Sprintf("Bản sao %d. %s", i, strings.Repeat("Gia đình chấp hành tốt chủ trương, chính sách. ", 8))
		d.Candidates = append(d.Candidates, n)
	}
	if err := st.Import(d); err != nil {
		t.Fatal(err)
	}
	return db
}

// interruptBackup starts a backup and sends sig as soon as its temporary
// file exists; it reports whether the signal came while the copy was being
// written or checked.
func interruptBackup(t *testing.T, db, out string, sig syscall.Signal) (midway bool, r result) {
	t.Helper()
	dir := filepath.Dir(out)
	cmd := exec.Command(bin, "backup", "--db", db, "--out", out)
	cmd.Env = childEnv(t)
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ended := make(chan error, 1)
	go func() { ended <- cmd.Wait() }()
	var err error
	for waiting := true; waiting; {
		select {
		case err = <-ended:
			return false, result{}
		default:
		}
		if len(tempsIn(t, dir)) > 0 {
			midway = true
			_ = cmd.Process.Signal(sig)
			err = <-ended
			waiting = false
		}
		time.Sleep(time.Millisecond)
	}
	r = result{stdout: so.String(), stderr: se.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	}
	return midway, r
}

func TestBackupKilledLeavesNothingBehind(t *testing.T) {
	db := bigDemoFile(t)
	before := sha256.Sum256(mustRead(t, db))
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP, syscall.SIGINT, syscall.SIGKILL} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "sao-luu.db")
			midway := false
			var r result
			for try := 0; try < 5 && !midway; try++ {
				midway, r = interruptBackup(t, db, out, sig)
			}
			if !midway {
				t.Skip("the backup finished before it could be interrupted")
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("an interrupted backup wrote its output")
			}
			if sig != syscall.SIGKILL {
				// Caught: the program removes its temporary file and says so.
				if left := tempsIn(t, dir); len(left) != 0 {
					t.Errorf("%v left %v", sig, left)
				}
				oneLineErr(t, r, sig.String())
				if r.code != 1 {
					t.Errorf("exit %d after %v", r.code, sig)
				}
				return
			}
			// kill -9 cannot be caught: the next start cleans up. The killed
			// backup's checking child has gone too, or its lock would keep
			// the file.
			time.Sleep(200 * time.Millisecond)
			if r := nguon(t, nil, "backup", "--db", db, "--out", out); r.code != 0 {
				t.Fatalf("backup after kill -9: exit %d: %s", r.code, r.stderr)
			}
			if left := tempsIn(t, dir); len(left) != 0 {
				t.Errorf("after kill -9 and the next backup the folder still holds %v", left)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 1 {
				t.Errorf("the folder holds %d files, want the one backup", len(entries))
			}
		})
	}
	if sha256.Sum256(mustRead(t, db)) != before {
		t.Error("interrupted backups changed the data file")
	}
	// What a kill -9 of an older nguon left next to the data file (half a
	// new file: a bbolt file's first pages) goes at the next open; another
	// program's hidden file whose name merely looks alike stays.
	stale := filepath.Join(filepath.Dir(db), "."+filepath.Base(db)+".new-123456")
	if err := os.WriteFile(stale, mustRead(t, db)[:8192], 0o600); err != nil {
		t.Fatal(err)
	}
	thesis := filepath.Join(filepath.Dir(db), ".thesis.docx.tmp-1")
	if err := os.WriteFile(thesis, []byte("PK\x03\x04 someone's thesis"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := nguon(t, nil, "check", "--db", db); r.code != 0 {
		t.Fatalf("check: %s", r.stderr)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("a stale temporary file next to the data file survived the next start")
	}
	if _, err := os.Stat(thesis); err != nil {
		t.Errorf("another program's hidden file was removed: %v", err)
	}
}

// faultBin is the program built with the nguonfault tag, in which
// NGUON_FAULT=save-panic makes every save panic inside the store.
var (
	faultOnce sync.Once
	faultBin  string
	faultErr  error
)

func buildFaultBin(t *testing.T) string {
	t.Helper()
	faultOnce.Do(func() {
		// Beside the test binary's program, removed with it by TestMain:
		// every run of the test (-count=3 in CI) uses the one build.
		faultBin = filepath.Join(filepath.Dir(bin), "nguon-fault")
		if out, err := exec.Command("go", "build", "-tags", "nguonfault", "-o", faultBin, ".").CombinedOutput(); err != nil {
			faultErr = fmt.Errorf("%v: %s", err, out)
		}
	})
	if faultErr != nil {
		t.Fatal(faultErr)
	}
	return faultBin
}

func TestSaveThatPanicsKeepsWhatWasTyped(t *testing.T) {
	fb := buildFaultBin(t)
	db := demoFile(t)
	before := sha256.Sum256(mustRead(t, db))
	done := filepath.Join(t.TempDir(), "done")
	tm := newTmux(t, childEnv(t, "NGUON_FAULT=save-panic"), 100, 30,
		fmt.Sprintf("%s --db %s; echo EXIT=$? > %s; sleep 30", shellQuote(fb), shellQuote(db), shellQuote(done)))
	waitForScreen(t, tm, 10*time.Second, "Tổng quan", "Tệp:")
	tm.press("2", "n")
	tm.typeText("Chi bộ thôn Mới Lập")
	tm.press("C-s")
	start := time.Now()
	for {
		if b, err := os.ReadFile(done); err == nil {
			if got := strings.TrimSpace(string(b)); got != "EXIT=1" {
				t.Errorf("the program ended with %s, want EXIT=1", got)
			}
			break
		}
		if time.Since(start) > patience {
			t.Fatalf("the program did not end after the failed save; screen:\n%s", tm.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
	screen := tm.screen()
	if hasStack(screen) || !strings.Contains(squeeze(screen), squeeze("những gì vừa nhập được giữ trong")) {
		t.Errorf("after the failed save the screen says:\n%s", screen)
	}
	if sha256.Sum256(mustRead(t, db)) != before {
		t.Error("the failed save changed the file")
	}
	recs := store.Recoveries(db)
	if len(recs) != 1 || len(recs[0].Records) != 1 || recs[0].Records[0].Name != "Chi bộ thôn Mới Lập" {
		t.Fatalf("recovery files: %+v", recs)
	}

	// The next start (without the fault) offers what was typed.
	done2 := filepath.Join(t.TempDir(), "done")
	tm2 := newTmux(t, childEnv(t), 100, 30, fmt.Sprintf("%s --db %s; echo EXIT=$? > %s; sleep 30",
		shellQuote(bin), shellQuote(db), shellQuote(done2)))
	waitForScreen(t, tm2, 10*time.Second, "Chi bộ thôn Mới Lập", "(y/N")
	tm2.press("y")
	waitForScreen(t, tm2, 10*time.Second, "Đã lưu lại")
	quitTUI(t, tm2, done2)
	if recs := store.Recoveries(db); len(recs) != 0 {
		t.Errorf("the recovery file is still there after it was saved: %+v", recs)
	}
	r := nguon(t, nil, "report", "--db", db, "--what", "targets")
	if r.code != 0 || !strings.Contains(r.stdout, "Chi bộ thôn Mới Lập") {
		t.Errorf("the recovered cell is not in the file: %s%s", r.stdout, r.stderr)
	}
	if r := nguon(t, nil, "check", "--db", db); r.code != 0 {
		t.Errorf("check after the recovery: %s%s", r.stdout, r.stderr)
	}
}

// withFileLimit runs the program with writes limited to limitKB, as a full
// disk would stop them.
func withFileLimit(t *testing.T, limitKB int, args ...string) result {
	t.Helper()
	cmd := exec.Command("sh", append([]string{"-c", fmt.Sprintf(`ulimit -f %d && exec "$0" "$@"`, limitKB*2), bin}, args...)...)
	cmd.Env = childEnv(t)
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	err := cmd.Run()
	r := result{stdout: so.String(), stderr: se.String()}
	if ee, ok := err.(*exec.ExitError); ok {
		r.code = ee.ExitCode()
	}
	return r
}

func TestFullDiskIsASentence(t *testing.T) {
	for _, tc := range []struct {
		name string
		args func(db string) []string
		kb   int
	}{
		{"demo", func(db string) []string { return []string{"demo", "--db", db} }, 4},
		{"demo, room for the empty file only", func(db string) []string { return []string{"demo", "--db", db} }, 40},
		{"first run", func(db string) []string { return []string{"--db", db} }, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "nguon.db")
			r := withFileLimit(t, tc.kb, tc.args(db)...)
			if r.code != 1 {
				t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
			}
			oneLineErr(t, r, tc.name)
			msg := strings.TrimSpace(r.stderr)
			if msg != model.Message(store.ErrCreate, model.VI) && msg != model.Message(store.ErrWrite, model.VI) {
				t.Errorf("a full disk says %q", msg)
			}
			if left := tempsIn(t, dir); len(left) != 0 {
				t.Errorf("left %v", left)
			}
		})
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
