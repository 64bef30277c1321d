package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// tmux drives the built program in a real terminal, as a clerk would.
type tmux struct {
	t       *testing.T
	socket  string
	session string
}

var tmuxCount atomic.Int32

func newTmux(t *testing.T, env []string, width, height int, command string) *tmux {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux not installed")
	}
	n := tmuxCount.Add(1)
	tm := &tmux{t: t, socket: fmt.Sprintf("nguon-test-%d-%d", os.Getpid(), n), session: fmt.Sprintf("nguon%d", n)}
	cmd := exec.Command("tmux", "-L", tm.socket, "-f", "/dev/null", "new-session", "-d",
		"-s", tm.session, "-x", fmt.Sprint(width), "-y", fmt.Sprint(height), command)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("tmux new-session: %v: %s", err, out)
	}
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", tm.socket, "kill-server").Run() })
	return tm
}

func (tm *tmux) run(args ...string) string {
	tm.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-L", tm.socket}, args...)...).CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v: %s", args, err, out)
	}
	return string(out)
}

func (tm *tmux) screen() string { return tm.run("capture-pane", "-p", "-t", tm.session) }

func (tm *tmux) keys(keys ...string) {
	tm.run(append([]string{"send-keys", "-t", tm.session}, keys...)...)
}

// waitForScreen polls the pane until it shows every substring, or fails.
// patience is the least any wait for the program gives it. A wait ends as
// soon as what it waits for shows, so a long deadline costs a passing test
// nothing; a short one fails when the machine is busy (CI runs the race
// detector over every package at once), which proves nothing.
const patience = 60 * time.Second

func waitForScreen(t *testing.T, tm *tmux, timeout time.Duration, subs ...string) string {
	t.Helper()
	deadline := time.Now().Add(max(timeout, patience))
	for {
		s := tm.screen()
		missing := ""
		for _, sub := range subs {
			if !strings.Contains(s, sub) {
				missing = sub
				break
			}
		}
		if missing == "" {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("screen never showed %q; last screen:\n%s", missing, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
