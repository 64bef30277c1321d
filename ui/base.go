package ui

import (
	"nguon/model"

	tea "charm.land/bubbletea/v2"
)

// base is what every list screen has: its table, the form or picker that may
// be open over it, the mode and the size. It answers the common part of the
// screen contract; screens with more to say (the pipeline dialog, meeting
// mode) add to it.
type base struct {
	e    *env
	mode mode
	tbl  *table
	form *form
	pick *picker
	w, h int
}

func (b *base) setSize(w, h int) {
	b.w, b.h = w, h
	b.tbl.setSize(w, h-1)
	if b.form != nil {
		b.form.setSize(w, h)
	}
	if b.pick != nil {
		b.pick.height = h
	}
}

func (b *base) capturing() bool {
	return b.mode == formMode || b.mode == pickMode || b.tbl.capturing()
}

func (b *base) dirty() bool { return b.mode == formMode && b.form != nil && b.form.dirty() }

// saveFailed shows a failed save on the open form, keeping everything typed,
// or in the status line when no form is open.
func (b *base) saveFailed(err error) tea.Cmd {
	if b.form != nil && b.mode == formMode {
		b.form.err = model.Message(err, b.e.lang)
		return nil
	}
	return reportErr(err, b.e.lang)
}

// closeForm leaves a form: back to the record it belongs to, or to the list
// when the form was for a new record.
func (b *base) closeForm(hasRecord bool) {
	b.form = nil
	if hasRecord {
		b.mode = detailMode
	} else {
		b.mode = listMode
	}
}

// back leaves the detail view for the list; false when already at the list.
func (b *base) back() bool {
	if b.mode == detailMode {
		b.mode = listMode
		return true
	}
	return false
}
