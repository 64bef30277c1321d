package ui

import (
	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

type mode int

const (
	listMode mode = iota
	detailMode
	formMode
	pickMode
	runMode // meetings: one candidate at a time, full screen
	sumMode // meetings: the summary before closing
)

// Messages of the save/delete round trips, shared by the screens.
type saveErrMsg struct{ err error }

// recordList is what a record tab adds to the one list screen: its keys
// in each mode, its detail view, and what its forms and picks do. The
// list screen supplies the rest (routing, table, forms, pickers, help).
type recordList interface {
	listActions() []action
	detailActions() []action
	detailView() string
	// modeActions and modeView serve modes of the tab's own (meeting mode).
	modeActions(m mode) []action
	modeView(m mode) string
	// handle takes the tab's own messages first; false passes them on.
	handle(msg tea.Msg) (bool, tea.Cmd)
	submit(values map[string]string) tea.Cmd
	picked(o *model.Option) tea.Cmd
	heading() string
}

// listScreen is the one list screen the four record tabs configure: a
// table with filter and sort, a detail view, and the form or picker that
// may be open over them.
type listScreen struct {
	e     *env
	self  recordList
	mode  mode
	tbl   *table
	form  *form
	pick  *picker
	w, h  int
	empty string // catalogue key of the empty list's sentence
	// formBack and pickBack are the modes a form or picker returns to.
	formBack, pickBack mode
	// parent is where q and esc lead from each mode.
	parent map[mode]mode
	// lastKey is the key being dispatched: a form or picker it opens arms
	// its Telex guard with it.
	lastKey tea.KeyPressMsg
	// needsKeys is set for a list that sorts and searches by the name
	// keys computed in the background after a load; until they are there
	// its reload waits (stale), so that the first frame does not.
	needsKeys, stale bool
}

// keysReadyMsg says the name keys of data d are there.
type keysReadyMsg struct{ d *data }

// freshen reloads a list that put its reload off, waiting for the keys.
func (l *listScreen) freshen() {
	if l.stale {
		l.stale = false
		l.e.d.settle()
		l.tbl.reload()
	}
}

// init sets the list up in place: the table reads the tab's data through
// the environment, which must be in place before the first load.
func (l *listScreen) init(e *env, self recordList, cols []column, src tableRows, sortCol int, desc bool, empty string) {
	l.e, l.self, l.empty, l.parent = e, self, empty, map[mode]mode{detailMode: listMode}
	l.tbl = newTable(cols, src, sortCol)
	l.tbl.desc = desc
	l.tbl.reload()
}

// Defaults for the hooks a tab need not define.

func (l *listScreen) modeActions(mode) []action        { return nil }
func (l *listScreen) modeView(mode) string             { return "" }
func (l *listScreen) handle(tea.Msg) (bool, tea.Cmd)   { return false, nil }
func (l *listScreen) picked(*model.Option) tea.Cmd     { return nil }
func (l *listScreen) submit(map[string]string) tea.Cmd { return nil }
func (l *listScreen) detailActions() []action          { return nil }
func (l *listScreen) detailView() string               { return "" }
func (l *listScreen) openPick(p *picker, back mode) {
	p.guard.arm(l.lastKey)
	l.pick, l.pickBack, l.mode = p, back, pickMode
	p.height = l.h
}
func (l *listScreen) capturing() bool {
	return l.mode == formMode || l.mode == pickMode || l.tbl.filtering
}
func (l *listScreen) dirty() bool    { return l.mode == formMode && l.form != nil && l.form.dirty() }
func (l *listScreen) formOpen() bool { return l.mode == formMode && l.form != nil }

// openRecord opens the record form of a table on rec, titled for a new or
// an existing record.
func openRecord[T any](l *listScreen, newTitle, editTitle string, isNew bool, table []model.Field[T], rec T, back mode) tea.Cmd {
	title := l.e.t(editTitle)
	if isNew {
		title = l.e.t(newTitle)
	}
	return l.showForm(recordForm(l.e, title, table, rec), back)
}

func (l *listScreen) showForm(f *form, back mode) tea.Cmd {
	f.guard.arm(l.lastKey)
	f.setSize(l.w, l.h)
	l.form, l.formBack, l.mode = f, back, formMode
	return f.fields[f.focus].input.Focus()
}

func (l *listScreen) setSize(w, h int) {
	l.w, l.h = w, h
	l.tbl.setSize(w, h-1) // the title line
	if l.form != nil {
		l.form.setSize(w, h)
	}
	if l.pick != nil {
		l.pick.height = h
	}
}

// back leaves the current mode for its parent; false at the list.
func (l *listScreen) back() bool {
	if p, ok := l.parent[l.mode]; ok {
		l.mode = p
		return true
	}
	return false
}

// saveFailed shows a failed save on the open form, keeping everything
// typed, or in the status line when no form is open.
func (l *listScreen) saveFailed(err error) tea.Cmd {
	if l.formOpen() {
		l.form.err = model.Message(err, l.e.lang)
		return nil
	}
	return reportErr(err, l.e.lang)
}

// closeForm leaves a form for the mode it was opened from.
func (l *listScreen) closeForm() {
	l.form = nil
	l.mode = l.formBack
}

// actions are the keys that work now, in the order the footer shows them.
func (l *listScreen) actions() []action {
	k := l.e.keys
	switch l.mode {
	case formMode:
		return l.form.actions(k)
	case pickMode:
		return l.pick.actions(k)
	case detailMode:
		return append(l.self.detailActions(), act(k.Back, do(func() { l.back() })))
	case listMode:
		if l.tbl.filtering {
			return l.tbl.filterActions(k)
		}
		as := append(l.tbl.moveActions(k), l.self.listActions()...)
		return append(as, l.tbl.listActions(k)...)
	}
	return l.self.modeActions(l.mode)
}

// update routes one message: the tab's own messages, the round trips
// every tab shares, then the open form, picker or filter, then the keys.
func (l *listScreen) update(msg tea.Msg) tea.Cmd {
	if used, cmd := l.self.handle(msg); used {
		return cmd
	}
	k := l.e.keys
	switch msg := msg.(type) {
	case dataChangedMsg:
		if d := l.e.d; l.needsKeys && !d.ready() {
			l.stale = true
			done := d.keysDone
			return func() tea.Msg { <-done; return keysReadyMsg{d} }
		}
		l.stale = false
		l.tbl.reload()
		return nil
	case keysReadyMsg:
		if msg.d == l.e.d {
			l.freshen()
		}
		return nil
	case saveErrMsg:
		return l.saveFailed(msg.err)
	case formSubmitMsg:
		if l.e.store.ReadOnly() {
			l.form.err = l.e.t("readonly_err")
			return nil
		}
		return l.self.submit(msg.values)
	case formCancelMsg:
		l.closeForm()
		return nil
	}
	switch {
	case l.mode == formMode:
		return l.form.update(msg, k)
	case l.mode == pickMode:
		done, o, cmd := l.pick.update(msg, k)
		if !done {
			return cmd
		}
		l.pick, l.mode = nil, l.pickBack
		if o == nil {
			return nil
		}
		return l.self.picked(o)
	case l.mode == listMode && l.tbl.filtering:
		return l.tbl.updateFilter(msg, k)
	}
	if km, ok := msg.(tea.KeyPressMsg); ok {
		l.lastKey = km
		_, cmd := dispatch(l.actions(), km)
		l.lastKey = tea.KeyPressMsg{}
		return cmd
	}
	return nil
}

func (l *listScreen) view() string {
	e := l.e
	switch l.mode {
	case formMode:
		return l.form.View(e.st)
	case pickMode:
		return l.pick.view(e.st, e.lang)
	case detailMode:
		return l.self.detailView()
	case listMode:
		return l.self.heading() + "\n" + l.tbl.View(e.st, e.t(l.empty), e.lang)
	}
	return l.self.modeView(l.mode)
}

// title is the list's heading: what it holds and how many are shown.
func (l *listScreen) title(key string) string {
	return l.e.st.Title.Render(l.e.t(key)) + "  " + l.e.st.Muted.Render(l.tbl.Count())
}
