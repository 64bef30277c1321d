package ui

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"

	"nguon/model"
	"nguon/store"
)

// TestVirtualTerminal runs the real Bubble Tea program, renderer included,
// into a virtual terminal, typing bytes as a keyboard would (Vietnamese text
// arrives as UTF-8), and reads the screen the way a person sees it.
func TestVirtualTerminal(t *testing.T) {
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	st, err := store.Open(filepath.Join(t.TempDir(), "vt.db"), store.Options{DeviceID: "vt"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	demo := model.Demo(model.DateOf(testNow))
	if err := st.Import(demo); err != nil {
		t.Fatal(err)
	}
	// The count the filter "đặng" must show: only its result has it, so the
	// screen is read after the filter has run, never before.
	matches := 0
	for _, c := range demo.Candidates {
		if strings.Contains(model.Fold(c.FullName), "dang") {
			matches++
		}
	}
	all := fmt.Sprintf(" %d/%d", len(demo.Candidates), len(demo.Candidates))
	filtered := fmt.Sprintf(" %d/%d", matches, len(demo.Candidates))
	emu := vt.NewSafeEmulator(100, 30)
	emu.WriteString("\x1b[20h") // newline moves to column 0, as a real terminal does
	in, keys := io.Pipe()
	p := tea.NewProgram(New(st, Options{Now: func() time.Time { return testNow }}),
		tea.WithInput(in), tea.WithOutput(emu), tea.WithWindowSize(100, 30),
		tea.WithEnvironment([]string{"TERM=xterm-256color"}), tea.WithColorProfile(colorprofile.ANSI))
	done := make(chan error, 1)
	go func() { _, err := p.Run(); done <- err }()
	// The emulator answers the program's terminal queries; drain them.
	go io.Copy(io.Discard, emu)

	waitFor := func(subs ...string) string { t.Helper(); return waitForVT(t, emu, subs...) }
	// The pipe keeps the order of what is typed; nothing needs to sleep.
	typeBytes := func(s string) {
		t.Helper()
		if _, err := keys.Write([]byte(s)); err != nil {
			t.Fatal(err)
		}
	}

	waitFor("Tổng quan", "Đảng bộ xã Trường Sơn", "Tỷ lệ")
	typeBytes("3")
	waitFor("Họ và tên", all)
	typeBytes("/")
	typeBytes("đặng")
	screen := waitFor("Đặng Văn Huy", filtered, "/ đặng")
	if strings.Contains(screen, "Nguyễn Hữu Hưng") {
		t.Fatalf("the filter did not narrow the list:\n%s", screen)
	}
	// Resize below the minimum and back.
	p.Send(tea.WindowSizeMsg{Width: 60, Height: 20})
	emu.Resize(60, 20)
	waitFor("quá nhỏ")
	emu.Resize(100, 30)
	p.Send(tea.WindowSizeMsg{Width: 100, Height: 30})
	waitFor("Đặng Văn Huy", filtered)
	typeBytes("\r")   // leave the filter line
	typeBytes("\x03") // ctrl+c
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("program ended with %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ctrl+c did not quit")
	}
	keys.Close()
}

// waitForVT reads the emulator's screen until it shows every substring.
func waitForVT(t *testing.T, emu *vt.SafeEmulator, subs ...string) string {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		s := ansi.Strip(emu.Render()) // Render holds the emulator's lock; String does not
		ok := true
		for _, sub := range subs {
			ok = ok && strings.Contains(s, sub)
		}
		if ok {
			return s
		}
		if time.Now().After(deadline) {
			t.Fatalf("the terminal never showed %q:\n%s", subs, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
