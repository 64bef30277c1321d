package store

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nguon/model"
)

// A check that crashes, hangs, runs out of memory or answers nonsense is
// one sentence, ErrDamagedPage, within its time limit, and the file is
// left as it was.
func TestChildFailureIsDamage(t *testing.T) {
	isolate(t)
	path, _, _ := seeded(t)
	before := fileHash(t, path)
	old := childTimeoutFor
	childTimeoutFor = func(string, int64) time.Duration { return 3 * time.Second }
	t.Cleanup(func() { childTimeoutFor, testChildHook = old, nil })
	for _, tc := range []struct{ fault, says string }{
		{"crash", "crashed"},
		{"hang", "ran out of time"},
		{"oom", "ran out of memory"},
		{"garbage", "gave no answer"},
	} {
		t.Run(tc.fault, func(t *testing.T) {
			testChildHook = func(cmd *exec.Cmd) { cmd.Env = append(cmd.Env, childFaultEnv+"="+tc.fault) }
			tries := map[string]func() error{
				"Open": func() error {
					noteTrusted(path, false) // as a file copied in would be
					s, err := Open(path, Options{DeviceID: "x"})
					closeIf(s)
					return err
				},
				"Check": func() error { _, err := Check(path); return err },
				"Backup": func() error {
					noteTrusted(path, false) // else the copy's check, not the file's, meets the fault
					return Backup(path, filepath.Join(t.TempDir(), "b.db"))
				},
			}
			if tc.fault == "hang" { // each waits for its time limit: one is enough
				delete(tries, "Check")
				delete(tries, "Backup")
			}
			for name, try := range tries {
				start := time.Now()
				err := try()
				if took := time.Since(start); took > 8*time.Second {
					t.Errorf("%s took %v", name, took)
				}
				if !errors.Is(err, ErrDamagedPage) || !strings.Contains(err.Error(), tc.says) {
					t.Errorf("%s with a child that fails (%s) = %v", name, tc.fault, err)
				}
				if msg := model.Message(err, model.EN); msg != ErrDamagedPage.Text().EN {
					t.Errorf("%s says %q", name, msg)
				}
			}
		})
	}
	if fileHash(t, path) != before {
		t.Error("the file changed")
	}
}

func closeIf(s *Store) {
	if s != nil {
		s.Close()
	}
}

// A child that cannot be started says nothing about the file.
func TestChildThatCannotStart(t *testing.T) {
	isolate(t)
	path, _, _ := seeded(t)
	testChildHook = func(cmd *exec.Cmd) { cmd.Path = filepath.Join(t.TempDir(), "missing") }
	t.Cleanup(func() { testChildHook = nil })
	noteTrusted(path, false) // as a file copied in would be
	if _, err := Open(path, Options{DeviceID: "x"}); !errors.Is(err, ErrCheckFailed) || errors.Is(err, ErrCorrupt) {
		t.Errorf("Open with no child = %v, want ErrCheckFailed", err)
	}
}

// Interrupted removes the temporary files being written and stops the
// checking children.
func TestInterruptedCleansUp(t *testing.T) {
	dir := t.TempDir()
	tmp := filepath.Join(dir, ".out.db.tmp-1")
	must(t, os.WriteFile(tmp, []byte("half"), 0o600))
	untrack := track(func() { os.Remove(tmp) })
	Interrupted()
	untrack()
	if _, err := os.Stat(tmp); !errors.Is(err, os.ErrNotExist) {
		t.Error("Interrupted left the temporary file")
	}
}
