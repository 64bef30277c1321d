package ui

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// action is one key of one screen in one mode, declared once: the screen's
// dispatch, the footer's key bar and the ? help all read the same list, so
// help cannot drift from what the keys do.
type action struct {
	key key.Binding
	run func() tea.Cmd
	// off marks an action that does not apply now: its key is ignored and
	// it is not offered anywhere.
	off bool
	// more keeps an action out of the footer (it stays in ? help): the
	// footer has two lines for the keys a clerk needs most.
	more bool
}

func act(b key.Binding, run func() tea.Cmd) action { return action{key: b, run: run} }

// when turns the action off unless ok.
func (a action) when(ok bool) action { a.off = a.off || !ok; return a }

// inHelpOnly keeps the action out of the footer.
func (a action) inHelpOnly() action { a.more = true; return a }

// do runs f and returns no command, for actions that only change state.
func do(f func()) func() tea.Cmd { return func() tea.Cmd { f(); return nil } }

// dispatch runs the first action that is on and matches the key.
func dispatch(as []action, km tea.KeyPressMsg) (bool, tea.Cmd) {
	for _, a := range as {
		if !a.off && a.run != nil && key.Matches(km, a.key) {
			return true, a.run()
		}
	}
	return false, nil
}

// matches reports whether an action that is on answers the key.
func matches(as []action, km tea.KeyPressMsg) bool {
	for _, a := range as {
		if !a.off && a.run != nil && key.Matches(km, a.key) {
			return true
		}
	}
	return false
}

// footerKeys are the bindings the key bar shows.
func footerKeys(as []action) []key.Binding {
	var out []key.Binding
	for _, a := range as {
		if !a.off && !a.more {
			out = append(out, a.key)
		}
	}
	return out
}

// helpColumns lays every available binding out in columns for ? help.
// A key is listed once, for the first action that takes it: the screen's
// actions come first and win, as they do when the key is pressed (on the
// dashboard "[" and "]" change the year, not the tab).
func helpColumns(as []action, per int) [][]key.Binding {
	var cols [][]key.Binding
	var col []key.Binding
	taken := map[string]bool{}
	for _, a := range as {
		if a.off || slices.ContainsFunc(a.key.Keys(), func(k string) bool { return taken[k] }) {
			continue
		}
		for _, k := range a.key.Keys() {
			taken[k] = true
		}
		col = append(col, a.key)
		if len(col) == per {
			cols = append(cols, col)
			col = nil
		}
	}
	if len(col) > 0 {
		cols = append(cols, col)
	}
	return cols
}
