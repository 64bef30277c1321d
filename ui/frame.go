package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/store"
)

// Frames: what the program shows after some keys, as plain text, made
// without a terminal. The user guide (tools/release) prints them, so the
// pictures of screens in the guide are the screens of the program it ships
// with, never an old one redrawn by hand.

// frameCmdTimeout is how long one command may take before a frame gives
// up: commands read the file or compute counts, and a few seconds is far
// beyond what the demo data needs, so anything longer is a command that
// waits for something no one will send (a tick, a timer). A variable so
// that a test need not wait that long.
var frameCmdTimeout = 5 * time.Second

// frameMaxMsgs bounds the messages one frame handles, so a command that
// answers every message with another cannot keep Frame going for ever.
const frameMaxMsgs = 100000

// typedPrefix marks a key of Frame that is text to type, not a key name.
const typedPrefix = "type:"

// Typed makes a key for Frame that types text rune by rune, as a
// keyboard does: Frame(st, opt, 80, 24, "3", "/", Typed("nguyen")).
func Typed(text string) string { return typedPrefix + text }

// Frame builds the program on st, loads it, sizes it to width×height,
// presses keys in order and returns the screen as text: colours removed,
// trailing spaces trimmed from every line. Keys are named as the key
// bindings name them ("enter", "esc", "down", "ctrl+s", "/", "3", "a"), or
// made with Typed. Every command runs to its end before the next key, as
// the Bubble Tea runtime would run it.
//
// st must be open read-only (store.Options{ReadOnly: true}): a frame is a
// picture, and pressing keys must never change the file it is taken of.
// The day's automatic backup is never made, whatever opt says.
func Frame(st *store.Store, opt Options, width, height int, keys ...string) (string, error) {
	if !st.ReadOnly() {
		return "", errors.New("ui.Frame: the store must be open read-only")
	}
	if width < 1 || height < 1 {
		return "", fmt.Errorf("ui.Frame: size %d×%d", width, height)
	}
	opt.DailyBackup = false
	r := &frameRunner{app: New(st, opt)}
	r.run(r.app.Init())
	r.send(tea.WindowSizeMsg{Width: width, Height: height})
	for _, k := range keys {
		if r.err != nil {
			break
		}
		if text, ok := strings.CutPrefix(k, typedPrefix); ok {
			for _, c := range text {
				r.send(tea.KeyPressMsg{Code: c, Text: string(c)})
			}
			continue
		}
		msg, err := keyPress(k)
		if err != nil {
			return "", err
		}
		r.send(msg)
	}
	if r.err != nil {
		return "", r.err
	}
	if r.app.quitting {
		return "", errors.New("ui.Frame: the keys quit the program")
	}
	lines := strings.Split(ansi.Strip(r.app.View().Content), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n"), nil
}

// frameRunner feeds messages through the App and runs its commands, the
// way ui's test harness does, but reporting a stuck command as an error.
type frameRunner struct {
	app  *App
	msgs int
	err  error
}

func (r *frameRunner) send(msg tea.Msg) {
	if r.err != nil {
		return
	}
	if r.msgs++; r.msgs > frameMaxMsgs {
		r.err = errors.New("ui.Frame: the program never settled (too many messages)")
		return
	}
	_, cmd := r.app.Update(msg)
	r.run(cmd)
}

func (r *frameRunner) run(cmd tea.Cmd) {
	if cmd == nil || r.err != nil {
		return
	}
	ch := make(chan tea.Msg, 1) // buffered: a late command never blocks for ever
	go func() { ch <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-ch:
	case <-time.After(frameCmdTimeout):
		r.err = fmt.Errorf("ui.Frame: a command did not return within %v", frameCmdTimeout)
		return
	}
	switch m := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range m {
			r.run(c)
		}
	case tea.QuitMsg:
		r.app.quitting = true
	default:
		r.send(m)
	}
}

// keyNames are the named keys, spelled as key bindings spell them.
var keyNames = map[string]rune{"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "up": tea.KeyUp,
	"down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight, "backspace": tea.KeyBackspace,
	"home": tea.KeyHome, "end": tea.KeyEnd, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown}

// keyPress turns a key name as bindings spell it into the message a
// terminal produces. A name it does not know is an error: a misspelt key
// in a guide's picture must fail, not quietly press its first letter.
func keyPress(s string) (tea.KeyPressMsg, error) {
	if r, ok := keyNames[s]; ok {
		return tea.KeyPressMsg{Code: r}, nil
	}
	switch s {
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}, nil
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}, nil
	}
	if rest, ok := strings.CutPrefix(s, "ctrl+"); ok && len([]rune(rest)) == 1 {
		return tea.KeyPressMsg{Code: []rune(rest)[0], Mod: tea.ModCtrl}, nil
	}
	if rs := []rune(s); len(rs) == 1 {
		return tea.KeyPressMsg{Code: rs[0], Text: s}, nil
	}
	return tea.KeyPressMsg{}, fmt.Errorf("ui.Frame: no key is called %q (use Typed for text)", s)
}
