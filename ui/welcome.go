package ui

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"nguon/model"
	"nguon/store"
)

// The first screen of an empty file: a clerk who double-clicked nguon.exe
// chooses how to begin. The demo goes into a file of its own beside the
// data file, never into the clerk's real one: demo records mixed into real
// work could not be told apart later. A copy brought on a USB stick is
// installed the way a backup is restored (store.RestoreBackup), so it is
// checked before anything is replaced.

// DemoFileName is the demo's own file, in the data file's folder.
const DemoFileName = "nguon-mau.db"

// The welcome menu's choices, in the order shown.
const (
	welcomeEmpty = iota
	welcomeDemo
	welcomeCopy
	welcomeChoices
)

// welcomeState is the menu's cursor and, after the third choice, the
// line the copy's path is typed into.
type welcomeState struct {
	cur    int
	asking bool
	input  textinput.Model
}

type (
	// demoOpenedMsg brings the demo file, opened in the real file's place.
	demoOpenedMsg struct {
		st   *store.Store
		demo string
		err  error // the real file is still open and untouched
	}
	// copyInstalledMsg says how installing a copy went, with the data file
	// opened again when it had to be closed.
	copyInstalledMsg struct {
		from     string
		err      error        // nothing was installed
		st       *store.Store // the data file opened again; nil when it was never closed
		reopened error        // the data file could not be opened again
	}
)

// welcomeTyping is true while the copy's path has the keyboard.
func (a *App) welcomeTyping() bool { return a.welcoming() && a.welcome.asking }

// welcomeActions are the menu's keys, or the path line's while it is open.
func (a *App) welcomeActions() []action {
	k, w := a.env.keys, &a.welcome
	if w.asking {
		return []action{
			act(k.Open, a.installCopy),
			act(k.Cancel, do(func() { w.asking = false; w.input.Blur() })),
		}
	}
	return []action{
		act(k.Up, do(func() { w.cur = (w.cur + welcomeChoices - 1) % welcomeChoices })),
		act(k.Down, do(func() { w.cur = (w.cur + 1) % welcomeChoices })),
		act(k.Accept, a.chooseWelcome),
		// 2 opened the cells tab before the menu existed; it still does,
		// and says so in the words of the first choice.
		act(bind(k.Tabs[tabCells].Keys(), k.Tabs[tabCells].Help().Key, catalog["welcome_key_empty"], a.env.lang), a.startEmpty),
	}
}

func (a *App) chooseWelcome() tea.Cmd {
	switch a.welcome.cur {
	case welcomeDemo:
		return a.openDemo()
	case welcomeCopy:
		if !a.welcomeWritable() {
			return nil
		}
		w := &a.welcome
		w.asking = true
		w.input = newInput()
		w.input.Prompt = "> "
		w.input.Placeholder = `D:\Xa\nguon.db`
		w.input.SetWidth(max(20, min(a.width, 80)-6))
		return w.input.Focus()
	}
	return a.startEmpty()
}

// startEmpty ends the welcome: the clerk enters the commune's cells.
func (a *App) startEmpty() tea.Cmd {
	a.empty = false
	return a.switchTab(tabCells)
}

// welcomeWritable says so when the file was opened --read-only: both the
// demo and a copy have to write.
func (a *App) welcomeWritable() bool {
	if a.env.store.ReadOnly() {
		a.setStatus(a.env.t("welcome_ro"), true)
		return false
	}
	return true
}

// openDemo opens the demo file in place of the data file, making it first
// when it is missing or holds nothing. The real file is closed only once
// the demo file is open, so a demo file in use or damaged leaves the
// clerk on the real file.
func (a *App) openDemo() tea.Cmd {
	if !a.welcomeWritable() {
		return nil
	}
	old, now, today := a.env.store, a.env.now, a.env.today()
	demo := filepath.Join(filepath.Dir(old.Path()), DemoFileName)
	if store.SameFile(old.Path(), demo) {
		return a.loadDemo() // the demo file itself was opened: fill it
	}
	a.restoring = true // keys wait: the command closes the store
	return func() tea.Msg {
		st, err := openDemoFile(demo, old.Device(), now, today)
		if err != nil {
			return demoOpenedMsg{demo: demo, err: err}
		}
		_ = old.Close() // ui.Run's caller closes it again, harmlessly
		return demoOpenedMsg{st: st, demo: demo}
	}
}

// openDemoFile opens the demo file, importing the demo when it is new or
// empty; a demo file that holds data (the clerk's earlier tries) is kept.
func openDemoFile(path, device string, now func() time.Time, today model.Date) (*store.Store, error) {
	switch fi, err := os.Stat(path); {
	case err == nil && fi.Size() == 0:
		// Nothing to lose in a 0-byte file, and the store refuses to open one.
		if err := os.Remove(path); err != nil {
			return nil, err
		}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return nil, err
	}
	st, err := store.Open(path, store.Options{DeviceID: device, Now: now})
	if err != nil {
		return nil, err
	}
	empty, err := st.IsEmpty()
	if err == nil && empty {
		err = st.Import(model.Demo(today))
	}
	if err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// installCopy checks the typed copy and installs it as the data file.
// What can be refused without closing the data file is refused first, so a
// mistyped path or a stray file changes nothing at all.
func (a *App) installCopy() tea.Cmd {
	from := unquotePath(model.Clean(a.welcome.input.Value()))
	if from == "" {
		a.setStatus(a.env.t("welcome_copy_usage"), true)
		return nil
	}
	if !a.welcomeWritable() {
		return nil
	}
	old, now := a.env.store, a.env.now
	path := old.Path()
	a.restoring = true
	return func() tea.Msg {
		if err := checkCopy(path, from); err != nil {
			return copyInstalledMsg{from: from, err: err}
		}
		_ = old.Close() // its errors are the reopen's to find
		_, err := store.RestoreBackup(path, from, now())
		st, oerr := store.Open(path, store.Options{AllowDamaged: true, DeviceID: old.Device(), Now: now})
		return copyInstalledMsg{from: from, err: err, st: st, reopened: oerr}
	}
}

// Refusals of a copy, each said in one sentence naming it.
var (
	errCopyMissing = errors.New("copy missing")
	errCopyIsDir   = errors.New("copy is a folder")
	errCopyIsData  = errors.New("copy is the data file")
	errCopyBad     = errors.New("copy is not a sound nguon file")
)

// checkCopy refuses a copy that RestoreBackup would refuse, before the
// data file is closed.
func checkCopy(dataPath, from string) error {
	fi, err := os.Stat(from)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errCopyMissing
	case err != nil:
		return err
	case fi.IsDir():
		return errCopyIsDir
	case store.SameFile(dataPath, from):
		return errCopyIsData
	}
	if err := store.CheckFile(from); err != nil {
		if errors.Is(err, store.ErrInUse) {
			return err
		}
		return errCopyBad
	}
	return nil
}

// copyErrorText says why a copy was not installed.
func (a *App) copyErrorText(from string, err error) string {
	name := model.Escape(from)
	switch {
	case errors.Is(err, errCopyMissing):
		return a.env.tf("welcome_copy_missing", name)
	case errors.Is(err, errCopyIsDir):
		return a.env.tf("welcome_copy_dir", name)
	case errors.Is(err, errCopyIsData):
		return a.env.t("welcome_copy_same")
	case errors.Is(err, errCopyBad), errors.Is(err, store.ErrRestoreBad):
		return a.env.tf("welcome_copy_bad", name)
	}
	return model.Message(err, a.env.lang)
}

// updateWelcome handles the welcome's messages, and gives the path line
// what is pasted into it; handled is false for every other message.
func (a *App) updateWelcome(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		if !a.welcomeTyping() {
			return nil, false
		}
		// A path is one line: what a paste brings after a line break is not part of it.
		line, _, _ := strings.Cut(msg.Content, "\n")
		a.welcome.input, cmd = a.welcome.input.Update(tea.PasteMsg{Content: model.Clean(strings.TrimSuffix(line, "\r"))})
		return cmd, true
	case demoOpenedMsg:
		a.restoring = false
		if msg.err != nil {
			a.setStatus(a.env.tf("welcome_demo_failed", model.Escape(msg.demo), model.Message(msg.err, a.env.lang)), true)
			return nil, true
		}
		real := a.env.store.Path()
		a.env.store = msg.st
		a.swapped()
		a.setStatus(a.env.tf("welcome_demo_opened", model.Escape(msg.demo), model.Escape(real)), false)
		return a.load(), true
	case copyInstalledMsg:
		a.restoring = false
		if msg.reopened != nil {
			// Nothing can go on without the file: say why, at the exit.
			a.fatal = msg.reopened
			a.quitting = true
			return tea.Quit, true
		}
		if msg.st != nil {
			a.env.store = msg.st
		}
		if msg.err != nil {
			a.setStatus(a.copyErrorText(msg.from, msg.err), true)
			if msg.st != nil {
				return a.load(), true
			}
			return nil, true
		}
		a.swapped()
		a.setStatus(a.env.tf("welcome_copy_done", model.Escape(msg.from), model.Escape(a.env.store.Path())), false)
		return a.load(), true
	}
	return nil, false
}

// swapped ends the welcome once another file's data is on its way: the
// screens wait for it rather than show the empty file's.
func (a *App) swapped() {
	a.welcome = welcomeState{}
	a.empty, a.loaded, a.err = false, false, nil
	a.active = tabDashboard
}

// welcomeView is the menu, and the path line under it after the third choice.
func (a *App) welcomeView() string {
	e, st, w := a.env, a.env.st, &a.welcome
	width := max(20, min(a.width-4, 76))
	out := []string{st.Title.Render(e.t("welcome_title")), ""}
	out = append(out, wrapped(lipgloss.NewStyle(), e.t("welcome_body"), width, "")...)
	out = append(out, "")
	for i, k := range []string{"welcome_empty", "welcome_demo", "welcome_copy"} {
		line := "  " + e.t(k)
		if i == w.cur {
			line = st.Selected.Render("▸ " + e.t(k))
		}
		out = append(out, "  "+line)
	}
	out = append(out, "")
	if w.asking {
		out = append(out, wrapped(lipgloss.NewStyle(), e.t("welcome_copy_ask"), width, "")...)
		out = append(out, "", w.input.View())
	} else {
		out = append(out, wrapped(st.Muted, e.tf("welcome_keys", keyName(e.keys.Up), keyName(e.keys.Down), keyName(e.keys.Accept)), width, "")...)
	}
	return strings.Join(out, "\n")
}

// keyName is the key a binding shows in help.
func keyName(b key.Binding) string { return b.Help().Key }
