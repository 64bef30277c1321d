package ui

import (
	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

// Store results, one generic message per outcome: the root routes each to
// the tab that owns its record kind, even when another tab is showing (an
// undo pressed on the dashboard, say).
type (
	// savedMsg carries a record as the store saved it; restored marks the
	// undo of a delete.
	savedMsg[T any] struct {
		v        T
		restored bool
	}
	// removedMsg carries a record the store deleted, for the undo.
	removedMsg[T any] struct{ v T }
)

// recordMsg is a message that belongs to one tab.
type recordMsg interface{ owner() int }

func (m savedMsg[T]) owner() int   { return ownerOf(m.v) }
func (m removedMsg[T]) owner() int { return ownerOf(m.v) }

// ownerOf is the tab that lists records like v.
func ownerOf(v any) int {
	switch v.(type) {
	case model.Cell:
		return tabCells
	case model.Candidate:
		return tabSources
	case model.Class:
		return tabClasses
	case model.Meeting:
		return tabMeetings
	}
	return tabDashboard
}

// runCmd runs a store call off the UI loop and reports its result.
func runCmd[T any](run func() (T, error)) tea.Cmd {
	return func() tea.Msg {
		v, err := run()
		if err != nil {
			return saveErrMsg{err}
		}
		return savedMsg[T]{v: v}
	}
}

// putCmd saves v with put (which gives a new record its ID).
func putCmd[T any](put func(*T) error, v T) tea.Cmd {
	return runCmd(func() (T, error) { err := put(&v); return v, err })
}

// deleteCmd asks first, then reads the whole record (for the undo) and
// deletes it.
func deleteCmd[T any](e *env, name string, id model.ID, read func(model.ID) (T, error), del func(model.ID) error) tea.Cmd {
	return confirm(e.tf("delete_q", model.Escape(name)), func() tea.Msg {
		v, err := read(id)
		if err != nil {
			return saveErrMsg{err}
		}
		if err := del(id); err != nil {
			return saveErrMsg{err}
		}
		return removedMsg[T]{v}
	})
}

// removed is what every tab does once a record is gone: back to the list,
// and an undo offered in the status line that restores the record.
func (l *listScreen) removed(label string, restore tea.Cmd) tea.Cmd {
	l.mode = listMode
	return func() tea.Msg { return deletedMsg{label: label, undo: restore} }
}

// restoreCmd undoes a delete through the store's Restore workflow.
func restoreCmd[T any](e *env, v T) tea.Cmd {
	st := e.store
	return func() tea.Msg {
		if err := st.Restore(&v); err != nil {
			return saveErrMsg{err}
		}
		return savedMsg[T]{v: v, restored: true}
	}
}

// afterSave is where a tab goes once a record is saved: its detail view,
// saying so; after an undo, the list the record is back in, saying that.
func (l *listScreen) afterSave(restored bool, label string) tea.Cmd {
	l.form = nil
	if restored {
		l.mode = listMode
		return reportInfo(l.e.tf("undone", model.Escape(label)))
	}
	if l.mode != runMode {
		l.mode = detailMode
	}
	return reportInfo(l.e.t("saved"))
}

func (candLoadedMsg) owner() int    { return tabSources }
func (editCandMsg) owner() int      { return tabSources }
func (agendaLoadedMsg) owner() int  { return tabMeetings }
func (meetingClosedMsg) owner() int { return tabMeetings }
