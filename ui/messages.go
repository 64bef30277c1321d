package ui

import (
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

// Messages between screens and the root. Screens never change the root
// directly: they return commands that produce these.
type (
	// statusMsg shows a line in the status bar; an error is shown in red.
	statusMsg struct {
		text  string
		isErr bool
	}
	// deletedMsg tells the root a record was deleted and how to undo it.
	deletedMsg struct {
		label string
		undo  tea.Cmd
	}
	// confirmMsg asks a y/N question; yes runs when the user agrees.
	confirmMsg struct {
		prompt string
		yes    tea.Cmd
	}
	// navigateMsg switches tab and optionally opens a record there.
	navigateMsg struct {
		tab  int
		open model.ID
		cell model.ID // on the candidates tab: show this cell's candidates
	}
	// loadedMsg carries everything read from the store at start or reload.
	loadedMsg struct {
		d     *data
		empty bool
		err   error
	}
	// dataChangedMsg tells every screen that the shared data changed.
	dataChangedMsg struct{}
	// statsChangedMsg tells the screens that show counts (dashboard, cells)
	// to recount after one record changed; lists that did not change keep
	// their order, which matters at 100,000 candidates.
	// old and now are the one candidate row that changed (either is nil
	// for an added or a deleted one); both nil asks for a full recount.
	statsChangedMsg struct{ old, now *model.CandidateRow }
)

func reportErr(err error, lang model.Lang) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: model.Message(err, lang), isErr: true} }
}

func reportInfo(s string) tea.Cmd {
	return func() tea.Msg { return statusMsg{text: s} }
}

func confirm(prompt string, yes tea.Cmd) tea.Cmd {
	return func() tea.Msg { return confirmMsg{prompt: prompt, yes: yes} }
}

func navigateTo(tab int, id model.ID) tea.Cmd {
	return func() tea.Msg { return navigateMsg{tab: tab, open: id} }
}

func trf(lang model.Lang, key string, args ...any) string {
	return fmt.Sprintf(tr(lang, key), args...)
}

func asFieldError(err error, target **model.FieldError) bool { return errors.As(err, target) }

func statsChanged() tea.Msg { return statsChangedMsg{} }

// rowChanged tells the counting screens that one candidate row changed.
func rowChanged(old, now *model.CandidateRow) tea.Cmd {
	return func() tea.Msg { return statsChangedMsg{old: old, now: now} }
}

// oneRow reports whether the message names the one row that changed.
func (m statsChangedMsg) oneRow() bool { return m.old != nil || m.now != nil }

// apply counts the change into c: the old row out, the new one in.
func (m statsChangedMsg) apply(c *model.Counts) {
	if m.old != nil {
		c.Add(*m.old, -1)
	}
	if m.now != nil {
		c.Add(*m.now, 1)
	}
}
