//go:build !windows

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// End-to-end runs of the built program in tmux, the way a clerk uses it.

// startTUI opens the TUI on db in a fresh tmux pane; done receives its exit code.
func startTUI(t *testing.T, db string) (*tmux, string) {
	t.Helper()
	done := filepath.Join(t.TempDir(), "done")
	tm := newTmux(t, childEnv(t), 100, 30, fmt.Sprintf("%s --db %s; echo EXIT=$? > %s; sleep 30",
		shellQuote(bin), shellQuote(db), shellQuote(done)))
	waitForScreen(t, tm, 10*time.Second, "Tổng quan", "Tệp:")
	return tm, done
}

// typeText types literal text (Vietnamese included) into the pane.
func (tm *tmux) typeText(s string) {
	tm.run("send-keys", "-t", tm.session, "-l", s)
	time.Sleep(80 * time.Millisecond)
}

// press sends named keys one at a time with a pause, so Escape is not read
// as the start of an alt- sequence with the next key.
func (tm *tmux) press(keys ...string) {
	for _, k := range keys {
		tm.keys(k)
		time.Sleep(120 * time.Millisecond)
	}
}

func quitTUI(t *testing.T, tm *tmux, done string) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		tm.press("Escape", "q")
		time.Sleep(200 * time.Millisecond)
		if b, err := os.ReadFile(done); err == nil {
			if got := strings.TrimSpace(string(b)); got != "EXIT=0" {
				t.Fatalf("the TUI ended with %s, want EXIT=0", got)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("could not quit; screen:\n%s", tm.screen())
		}
	}
}

func TestE2EFilterAddAndReopen(t *testing.T) {
	db := demoFile(t)
	tm, done := startTUI(t, db)
	tm.press("3", "/")
	tm.typeText("nguyen")
	// The filter line and a count below the total show only after the filter ran.
	waitForScreen(t, tm, 5*time.Second, "Nguyễn Hữu Hưng", "/ nguyen")
	if strings.Contains(tm.screen(), " 64/64") {
		t.Fatal("the filter did not narrow the list")
	}
	tm.press("Enter", "Escape")

	// A new cell with a Vietnamese name.
	tm.press("2", "n")
	tm.typeText("Chi bộ thôn Bái Đỏ")
	tm.press("C-s")
	waitForScreen(t, tm, 5*time.Second, "Đã lưu.", "Chi bộ thôn Bái Đỏ")
	tm.press("Escape")

	// A new candidate in that cell, the choices picked by typing without accents.
	tm.press("3", "n")
	tm.typeText("Phạm Thị Thuỷ")
	tm.press("Tab")
	tm.typeText("nu")
	tm.press("Tab")
	tm.typeText("12/03/1999")
	tm.press("Tab")
	tm.typeText("doan")
	tm.press("Tab")
	tm.typeText("bai do")
	tm.press("C-s")
	waitForScreen(t, tm, 5*time.Second, "Đã lưu.", "Phạm Thị Thuỷ", "Chi bộ thôn Bái Đỏ")
	quitTUI(t, tm, done)

	// Reopen and find both.
	tm2, done2 := startTUI(t, db)
	tm2.press("3", "/")
	tm2.typeText("thuy")
	waitForScreen(t, tm2, 5*time.Second, "Phạm Thị Thuỷ")
	tm2.press("Enter", "Escape", "2", "/")
	tm2.typeText("bai do")
	waitForScreen(t, tm2, 5*time.Second, "Chi bộ thôn Bái Đỏ", "1/12")
	quitTUI(t, tm2, done2)
	if r := nguon(t, nil, "check", "--db", db); r.code != 0 {
		t.Fatalf("check after the session: %s", r.stderr)
	}
}

func TestE2EKillRightAfterSave(t *testing.T) {
	db := demoFile(t)
	// exec makes nguon the pane's own process, so the pane PID is the one to kill.
	tm := newTmux(t, childEnv(t), 100, 30, fmt.Sprintf("exec %s --db %s", shellQuote(bin), shellQuote(db)))
	waitForScreen(t, tm, 10*time.Second, "Tổng quan", "Tệp:")
	nguonPID, err := strconv.Atoi(strings.TrimSpace(tm.run("display-message", "-p", "-t", tm.session, "#{pane_pid}")))
	if err != nil {
		t.Fatal(err)
	}
	tm.press("2", "n")
	tm.typeText("Chi bộ thôn Kiên Cố")
	tm.press("C-s")
	waitForScreen(t, tm, 5*time.Second, "Đã lưu.")
	if err := syscall.Kill(nguonPID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	// The lock goes with the process: the file opens, is sound and holds the cell.
	deadline := time.Now().Add(patience)
	for {
		r := nguon(t, nil, "check", "--db", db)
		if r.code == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("check after kill -9: exit %d: %s%s", r.code, r.stdout, r.stderr)
		}
		time.Sleep(100 * time.Millisecond)
	}
	r := nguon(t, nil, "report", "--db", db, "--what", "targets")
	if r.code != 0 || !strings.Contains(r.stdout, "Chi bộ thôn Kiên Cố") {
		t.Fatalf("the cell saved before kill -9 is missing: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestE2EMeeting(t *testing.T) {
	db := demoFile(t)
	docs := t.TempDir()
	t.Setenv("NGUON_DOCS", docs) // the documents folder of the program under test
	tm, done := startTUI(t, db)
	tm.press("5", "n")
	tm.typeText("dong hoa")
	tm.press("Tab", "Tab", "Tab", "Tab", "Tab", "Tab")
	tm.typeText("40")
	tm.press("C-s")
	waitForScreen(t, tm, 5*time.Second, "Danh sách xem xét (2)", "Nguyễn Hữu Hưng")
	tm.press("Enter")
	waitForScreen(t, tm, 5*time.Second, "NGUYỄN HỮU HƯNG", "1/2", "tuổi")
	tm.press("a")
	waitForScreen(t, tm, 5*time.Second, "Kết quả biểu quyết")
	tm.press("C-s")
	waitForScreen(t, tm, 5*time.Second, "Tán thành (40/43 phiếu tán thành)", "đạt 2/3")
	tm.press("Right", "h")
	waitForScreen(t, tm, 5*time.Second, "2/2", "Hoãn xét")
	tm.press("C-e")
	waitForScreen(t, tm, 5*time.Second, "Tổng hợp trước khi kết thúc")
	tm.press("C-e")
	waitForScreen(t, tm, 5*time.Second, "(y/N)")
	tm.press("y")
	waitForScreen(t, tm, 5*time.Second, "Đã kết thúc cuộc họp")
	quitTUI(t, tm, done)

	// The minutes and the resolution for the one approved, as Word documents.
	minutes, _ := filepath.Glob(filepath.Join(docs, "bien-ban-*.docx"))
	resolutions, _ := filepath.Glob(filepath.Join(docs, "nghi-quyet-de-nghi-ket-nap-nguyen-huu-hung-*.docx"))
	if len(minutes) != 1 || len(resolutions) != 1 {
		t.Fatalf("documents written: %v %v", minutes, resolutions)
	}
	docxHas(t, minutes[0], "BIÊN BẢN", "Nguyễn Hữu Hưng", "40/43 đồng chí tán thành", "Hoãn xét")
	// The decision is now in the pipeline: the admission decision is due within 60 working days.
	r := nguon(t, nil, "report", "--db", db, "--what", "due")
	if r.code != 0 {
		t.Fatalf("report due: %s", r.stderr)
	}
}
