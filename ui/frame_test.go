package ui

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"nguon/model"
	"nguon/store"
)

// frameStore writes the demo data into a new file and opens it again
// read-only, as the user guide does; it returns the store and the file's path.
func frameStore(t *testing.T) (*store.Store, string) {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "nguon.db")
	now := func() time.Time { return testNow }
	st, err := store.Open(path, store.Options{DeviceID: "test-device", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Import(model.Demo(model.DateOf(testNow))); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	ro, err := store.Open(path, store.Options{ReadOnly: true, DeviceID: "test-device", Now: now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return ro, path
}

func frameLines(t *testing.T, f string, w, h int) []string {
	t.Helper()
	lines := strings.Split(f, "\n")
	if len(lines) != h {
		t.Errorf("the frame has %d lines, want %d:\n%s", len(lines), h, f)
	}
	for i, l := range lines {
		if lipgloss.Width(l) > w {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i+1, lipgloss.Width(l), w, l)
		}
		if strings.HasSuffix(l, " ") || strings.Contains(l, "\x1b") {
			t.Errorf("line %d keeps trailing spaces or colours: %q", i+1, l)
		}
	}
	return lines
}

// A frame is the screen the program shows after the keys: the dashboard
// first, the candidate list after "3", the list filtered after "/" and
// some typed text; taken twice it is the same text.
func TestFrame(t *testing.T) {
	st, _ := frameStore(t)
	opt := Options{Now: func() time.Time { return testNow }}
	dash, err := Frame(st, opt, 80, 24)
	if err != nil {
		t.Fatal(err)
	}
	lines := frameLines(t, dash, 80, 24)
	for _, want := range []string{"1 Tổng quan", "2 Chi bộ", "3 Nguồn", "4 Lớp", "5 Họp"} {
		if !strings.Contains(lines[0], want) {
			t.Errorf("the tab bar %q lacks %q", lines[0], want)
		}
	}
	if !strings.Contains(dash, "Đảng bộ xã Trường Sơn") || !strings.Contains(lines[0], "[1 Tổng quan]") {
		t.Errorf("the dashboard does not show the commune under its tab:\n%s", dash)
	}
	if !strings.Contains(lines[len(lines)-3], "Tệp: "+st.Path()) {
		t.Errorf("the status line does not name the file: %q", lines[len(lines)-3])
	}

	list, err := Frame(st, opt, 80, 24, "3")
	if err != nil {
		t.Fatal(err)
	}
	lines = frameLines(t, list, 80, 24)
	if !strings.Contains(lines[0], "[3 Nguồn]") || !strings.HasPrefix(lines[1], "Quần chúng  64/64") || !strings.Contains(list, "Mai Phương Ánh") {
		t.Errorf("3 does not show the candidates:\n%s", list)
	}

	filtered, err := Frame(st, opt, 80, 24, "3", "/", Typed("nguyen"), "enter")
	if err != nil {
		t.Fatal(err)
	}
	lines = frameLines(t, filtered, 80, 24)
	if !strings.HasPrefix(lines[1], "Quần chúng  12/64") || !strings.Contains(lines[2+1], "Nguyễn") || strings.Contains(filtered, "Mai Phương Ánh") {
		t.Errorf("typing nguyen into the filter does not keep the Nguyễn:\n%s", filtered)
	}
	again, err := Frame(st, opt, 80, 24, "3", "/", Typed("nguyen"), "enter")
	if err != nil || again != filtered {
		t.Errorf("the same keys gave another frame (%v):\n%s", err, again)
	}

	wide, err := Frame(st, opt, 100, 30, "3", "enter")
	if err != nil {
		t.Fatal(err)
	}
	frameLines(t, wide, 100, 30)
	if !strings.Contains(wide, "Mai Phương Ánh  Quần chúng ưu tú") || !strings.Contains(wide, "── Nhân thân") {
		t.Errorf("enter on the first candidate does not open it:\n%s", wide)
	}
}

// Frame writes nothing: it refuses a store open for writing, makes no
// day's backup even when asked to, and keys that would save or delete
// leave the file byte for byte as it was.
func TestFrameWritesNothing(t *testing.T) {
	st, path := frameStore(t)
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Now: func() time.Time { return testNow }, DailyBackup: true}
	f, err := Frame(st, opt, 80, 24, "3", "d", "y")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(f, "Mai Phương Ánh") {
		t.Errorf("the delete went through:\n%s", f)
	}
	if _, err := Frame(st, opt, 80, 24, "2", "e", Typed("x"), "ctrl+s"); err != nil {
		t.Fatal(err)
	}
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Error("taking frames changed the data file")
	}
	if _, err := os.Stat(store.BackupDir(path)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("taking frames made a backup folder (%v)", err)
	}

	rw, err := store.Open(filepath.Join(t.TempDir(), "rw.db"), store.Options{DeviceID: "test-device"})
	if err != nil {
		t.Fatal(err)
	}
	defer rw.Close()
	if _, err := Frame(rw, opt, 80, 24); err == nil {
		t.Error("Frame took a store open for writing")
	}
}

// A key name Frame does not know, and a command that never returns, are
// errors rather than a wrong picture or a frame that never comes.
func TestFrameErrors(t *testing.T) {
	st, _ := frameStore(t)
	opt := Options{Now: func() time.Time { return testNow }}
	if _, err := Frame(st, opt, 80, 24, "3", "entre"); err == nil || !strings.Contains(err.Error(), `"entre"`) {
		t.Errorf("a misspelt key gave %v", err)
	}
	if _, err := Frame(st, opt, 80, 24, "q"); err == nil {
		t.Error("a frame of a program that quit gave no error")
	}

	old := frameCmdTimeout
	frameCmdTimeout = 20 * time.Millisecond
	t.Cleanup(func() { frameCmdTimeout = old })
	block := make(chan struct{})
	t.Cleanup(func() { close(block) })
	r := &frameRunner{app: New(st, opt)}
	r.run(func() tea.Msg { <-block; return nil })
	if r.err == nil || !strings.Contains(r.err.Error(), "did not return") {
		t.Errorf("a command that never returns gave %v", r.err)
	}
}
