package main

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"syscall"
	"time"

	"github.com/alecthomas/kong"

	"nguon/model"
	"nguon/store"
)

// Around every command: the checking child and interruptions
// (docs/file-format.md §11). main calls store.ChildMain before anything
// else, so that this program, started again by the store with
// NGUON_CHILD_ARGS set, checks a file and exits; and every command but the
// TUI (which reads ctrl+c as a key) is interruptible without leftovers.

var msgInterrupted = model.Text{
	VI: "Đã dừng theo yêu cầu; không để lại tệp ghi dở nào.",
	EN: "Stopped on request; no half-written file was left behind.",
}

// interruptible makes SIGINT, SIGTERM and SIGHUP end the selected command
// after removing the temporary files it was writing (a backup's copy, a
// new data file, a report or an export next to its --out) and stopping its
// checking child. The returned function undoes it.
func interruptible(e *env, kctx *kong.Context) (stop func()) {
	sel := kctx.Selected()
	if sel == nil || sel.Name == "open" {
		return func() {}
	}
	out := ""
	for _, f := range kctx.Flags() {
		if f.Name == "out" {
			if v, ok := kctx.FlagValue(f).(string); ok {
				out = v
			}
		}
	}
	start := time.Now().Add(-time.Second)
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	done := make(chan struct{})
	go func() {
		select {
		case <-ch:
			store.Interrupted()
			if out != "" {
				removeOutTemps(out, start)
			}
			fmt.Fprintln(e.stderr, printable(msgInterrupted.In(e.lang)))
			os.Exit(exitFail)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(ch)
		close(done)
	}
}

// removeOutTemps removes the temporary files written next to out that this
// run made: a report's or an export's (.<name>.<digits>.tmp), and a
// backup's (.<name>.tmp-<digits>) when the signal came before the store
// had noted its name.
func removeOutTemps(out string, since time.Time) {
	dir, base := filepath.Split(out)
	if dir == "" {
		dir = "."
	}
	pattern := regexp.MustCompile(`^\.` + regexp.QuoteMeta(base) + `\.(?:[0-9]+\.tmp|tmp-[0-9]+)$`)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, en := range entries {
		if !pattern.MatchString(en.Name()) {
			continue
		}
		if info, err := en.Info(); err == nil && !info.ModTime().Before(since) {
			_ = os.Remove(filepath.Join(dir, en.Name()))
		}
	}
}
