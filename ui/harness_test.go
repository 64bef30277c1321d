package ui

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/model"
	"nguon/store"
)

var update = flag.Bool("update", false, "rewrite golden files")

// testNow pins the clock so the demo data and every date on screen are stable.
var testNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.Local)

type harness struct {
	t    *testing.T
	app  *App
	st   *store.Store
	quit bool
}

func newHarness(t *testing.T, demo bool, lang model.Lang) *harness {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "test.db")
	st, err := store.Open(path, store.Options{DeviceID: "test-device", Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, st: st}
	t.Cleanup(func() {
		if errs := h.st.Check(); len(errs) > 0 {
			t.Errorf("store check after test: %v", errs)
		}
		h.st.Close()
	})
	if demo {
		if err := st.Import(model.Demo(model.DateOf(testNow))); err != nil {
			t.Fatal(err)
		}
	}
	h.app = New(st, Options{Lang: lang, Now: func() time.Time { return testNow }})
	h.run(h.app.Init())
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	return h
}

// send delivers a message through Update and runs the resulting commands,
// feeding their messages back, as the Bubble Tea runtime would.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.app.Update(msg)
	h.run(cmd)
}

func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	if cmd == nil {
		return
	}
	ch := make(chan tea.Msg, 1)
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(2 * time.Second):
		h.t.Fatalf("a command did not return within 2s")
	}
	switch m := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range m {
			h.run(c)
		}
	case tea.QuitMsg:
		h.quit = true
	default:
		h.send(m)
	}
}

// keyMsg turns a key name as bindings spell it into the message a
// terminal produces (frame.go's keyPress); a name it does not know is a
// mistake in the test.
func keyMsg(s string) tea.KeyPressMsg {
	m, err := keyPress(s)
	if err != nil {
		panic(err)
	}
	return m
}

// press sends the first key of a binding, so rebinding never breaks a test.
func (h *harness) press(b key.Binding) {
	h.t.Helper()
	h.send(keyMsg(b.Keys()[0]))
}

func (h *harness) key(s string) {
	h.t.Helper()
	h.send(keyMsg(s))
}

// typeText types rune by rune, as a keyboard does.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

func (h *harness) keys() KeyMap { return h.app.env.keys }

// screen is what the terminal shows, without colours, with the temporary
// data file path replaced so goldens do not depend on the test's folder.
func (h *harness) screen() string {
	s := strings.ReplaceAll(ansi.Strip(h.app.View().Content), h.st.Path(), "<tệp>")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

func (h *harness) mustSee(parts ...string) {
	h.t.Helper()
	s := h.screen()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			h.t.Fatalf("screen lacks %q:\n%s", p, s)
		}
	}
}

func (h *harness) mustNotSee(parts ...string) {
	h.t.Helper()
	s := h.screen()
	for _, p := range parts {
		if strings.Contains(s, p) {
			h.t.Fatalf("screen shows %q but should not:\n%s", p, s)
		}
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("missing golden %s (run go test ./ui -update): %v", path, err)
	}
	if string(want) != got {
		t.Errorf("%s differs from golden; got:\n%s\nwant:\n%s", name, got, want)
	}
}

func reopen(t *testing.T, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path, store.Options{DeviceID: "test-device", Now: func() time.Time { return testNow }})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// focus moves through the active form with tab until the field with key has focus.
func (h *harness) focus(key string) {
	h.t.Helper()
	var f *form
	switch s := h.app.screens[h.app.active].(type) {
	case *sourcesScreen:
		f = s.form
		if s.pipe != nil {
			f = s.pipe.form
		}
	case *cellsScreen:
		f = s.form
	case *classesScreen:
		f = s.form
	case *meetingsScreen:
		f = s.form
	case *dashboardScreen:
		f = s.form
	}
	for i := 0; i < 60; i++ {
		if f.fields[f.focus].key == key {
			return
		}
		h.press(h.keys().NextField)
	}
	h.t.Fatalf("no field %q in the form", key)
}

// fill types values into the open form, moving to the next field between them.
func (h *harness) fill(values ...string) {
	h.t.Helper()
	for i, v := range values {
		if i > 0 {
			h.press(h.keys().NextField)
		}
		h.typeText(v)
	}
}

// newRecord opens the form for a new record on a tab.
func (h *harness) newRecord(tab int) {
	h.t.Helper()
	h.press(h.keys().Tabs[tab])
	h.press(h.keys().New)
}

// filterNames adds rows with these names, opens the candidates and types
// the query into the filter; it returns the names shown, in order.
func (h *harness) filterNames(names []string, query string) []string {
	h.t.Helper()
	d := h.app.env.d
	for _, n := range names {
		d.putRow(model.CandidateRow{ID: model.NewID(testNow), Name: n, Stage: model.StageSource})
	}
	h.send(dataChangedMsg{})
	s := h.app.screens[tabSources].(*sourcesScreen)
	h.press(h.keys().Tabs[tabSources])
	h.press(h.keys().Filter)
	h.typeText(query)
	var got []string
	for _, r := range s.tbl.view {
		got = append(got, d.rows[r].Name)
	}
	return got
}
