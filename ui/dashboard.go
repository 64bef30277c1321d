package ui

import (
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

// dashboardScreen is the commune at a glance. Its numbers are computed when
// the data changes, so rendering stays a pure format of state.
type dashboardScreen struct {
	e    *env
	w, h int

	// counts are model.Count's figures, the same the reports print.
	counts       model.Counts
	due, overdue []model.Deadline
	// year is the year the figures are for; [ and ] change it.
	year int
	// cells are the cells in name order, the first rows the cursor visits;
	// then come the overdue and the due items.
	cells  []model.Cell
	cursor int
	scroll int
	leftW  int // the width of the cells' column

	// communes are a merged file's communes in Vietnamese order (one or
	// none in a commune's own file); commune is the one shown, 0 for all,
	// i for communes[i-1]; cellCommune is each cell's i; perCommune the
	// "all communes" table (dashboard_commune.go).
	communes    []string
	commune     int
	cellCommune map[model.ID]int
	perCommune  []communeCount

	form *form // the settings form, opened with :settings
}

// openSettingsMsg opens the settings form (the ":settings" command).
type openSettingsMsg struct{}

// settingsSavedMsg reports the saved settings.
type settingsSavedMsg struct{ v model.Settings }

func newDashboard(e *env) *dashboardScreen { return &dashboardScreen{e: e} }

func (s *dashboardScreen) setSize(w, h int) {
	s.w, s.h = w, h
	if s.form != nil {
		s.form.setSize(w, h)
	}
}
func (s *dashboardScreen) capturing() bool { return s.form != nil }
func (s *dashboardScreen) back() bool      { return false }
func (s *dashboardScreen) dirty() bool     { return s.form != nil && s.form.dirty() }
func (s *dashboardScreen) actions() []action {
	k := s.e.keys
	if s.form != nil {
		return s.form.actions(k)
	}
	n := s.top() + len(s.due) + len(s.overdue)
	return []action{
		act(k.Up, do(func() { s.cursor = max(0, s.cursor-1) })),
		act(k.Down, do(func() { s.cursor = min(max(0, n-1), s.cursor+1) })),
		act(k.Open, s.openItem).when(n > 0),
		act(k.PrevYear, do(func() { s.setYear(s.year - 1) })),
		act(k.NextYear, do(func() { s.setYear(s.year + 1) })),
		act(k.Commune, do(s.nextCommune)).when(s.several()),
		act(k.Top, do(func() { s.cursor = 0 })).inHelpOnly(),
		act(k.Bottom, do(func() { s.cursor = max(0, n-1) })).inHelpOnly(),
	}
}

// openItem opens what the cursor is on: a commune's dashboard, a cell's
// candidates, or the candidate a deadline is about.
func (s *dashboardScreen) openItem() tea.Cmd {
	switch {
	case s.showCommunes() && s.cursor < len(s.communes):
		s.showCommune(s.cursor + 1)
		return nil
	case s.cursor < s.top():
		id := s.cells[s.cursor].ID
		return func() tea.Msg { return navigateMsg{tab: tabSources, cell: id} }
	}
	return navigateTo(tabSources, s.items()[s.cursor-s.top()].Candidate)
}

// setYear shows the figures of another year.
func (s *dashboardScreen) setYear(y int) {
	s.year = y
	snap := s.shown()
	s.counts = model.Count(snap.Cells, snap.Rows, snap.Classes, y)
	s.tally()
}

// openSettings opens the settings form: the file's settings from their
// table, then the name of this computer, which the history shows.
func (s *dashboardScreen) openSettings() tea.Cmd {
	st := s.e.d.settings
	f := recordForm(s.e, s.e.t("settings_title"), model.SettingsFields, st)
	dev := &field{key: "device_name", label: catalog["f_device_name"]}
	dev.input = newInput()
	dev.input.Prompt = ""
	dev.input.SetValue(st.Devices[s.e.store.Device()])
	f.fields = append(f.fields, dev)
	f.initial = f.values()
	s.form = f
	s.form.setSize(s.w, s.h)
	return s.form.fields[0].input.Focus()
}

func (s *dashboardScreen) submitSettings(vals map[string]string) tea.Cmd {
	e := s.e
	if e.store.ReadOnly() {
		s.form.err = e.t("readonly_err")
		return nil
	}
	v, p := fromForm(model.SettingsFields, e.d.settings, vals)
	if s.form.setProblems(p) {
		return nil
	}
	v.Devices = maps.Clone(v.Devices)
	if v.Devices == nil {
		v.Devices = map[string]string{}
	}
	v.Devices[e.store.Device()] = vals["device_name"]
	v.Normalize()
	if s.form.setProblems(v.Validate()) {
		return nil
	}
	st := e.store
	return func() tea.Msg {
		if err := st.PutSettings(v); err != nil {
			return saveErrMsg{err}
		}
		return settingsSavedMsg{v}
	}
}

// recompute takes the figures from model.Count (the same as the reports)
// and the deadlines, of the whole file or the commune shown, when the data
// changes, never while rendering.
func (s *dashboardScreen) recompute() {
	d, today := s.e.d, s.e.today()
	if s.year == 0 {
		s.year = today.Year()
	}
	s.learnCommunes()
	snap := s.shown()
	// The counts and the deadlines both read every row and nothing else:
	// at 100,000 candidates, computing them side by side saves the
	// shorter of the two from the first frame.
	var counting sync.WaitGroup
	counting.Go(func() { s.counts = model.Count(snap.Cells, snap.Rows, snap.Classes, s.year) })
	cal := model.NewCalendar(d.settings.Holidays)
	s.due, s.overdue = model.Due(model.Deadlines(snap.Rows, snap.Classes, cal, today), today, 30)
	s.cells = slices.Clone(snap.Cells)
	slices.SortFunc(s.cells, func(a, b model.Cell) int { return strings.Compare(d.cellKey[a.ID], d.cellKey[b.ID]) })
	counting.Wait()
	s.tally()
	s.cursor = min(s.cursor, max(0, s.top()+len(s.due)+len(s.overdue)-1))
}

func (s *dashboardScreen) items() []model.Deadline {
	return append(append([]model.Deadline(nil), s.overdue...), s.due...)
}

func (s *dashboardScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case dataChangedMsg:
		s.recompute()
		return nil
	case statsChangedMsg:
		if !msg.oneRow() {
			s.recompute()
			return nil
		}
		// One candidate changed: its counts and its deadlines, nothing else,
		// and only as far as it is in the commune shown.
		if msg.old != nil && !s.inShown(msg.old.Cell) {
			msg.old = nil
		}
		if msg.now != nil && !s.inShown(msg.now.Cell) {
			msg.now = nil
		}
		if msg.oneRow() {
			msg.apply(&s.counts)
			s.redoDeadlines(msg.old, msg.now)
			s.tally()
		}
		return nil
	case openSettingsMsg:
		return s.openSettings()
	case settingsSavedMsg:
		s.e.d.settings = msg.v
		s.form = nil
		s.recompute()
		return tea.Batch(reportInfo(s.e.t("saved")), func() tea.Msg { return dataChangedMsg{} })
	case saveErrMsg:
		if s.form != nil {
			s.form.err = model.Message(msg.err, s.e.lang)
			return nil
		}
	case formSubmitMsg:
		if s.form != nil {
			return s.submitSettings(msg.values)
		}
	case formCancelMsg:
		s.form = nil
		return nil
	}
	if s.form != nil {
		return s.form.update(msg, s.e.keys)
	}
	if km, ok := msg.(tea.KeyPressMsg); ok {
		_, cmd := dispatch(s.actions(), km)
		return cmd
	}
	return nil
}

// classesLine counts the year's classes; English needs its plurals.
func (s *dashboardScreen) classesLine(c model.Counts) string {
	if s.e.lang == model.EN {
		return s.e.tf("dash_classes_n", plural(c.Classes, "class", "classes"), plural(c.Enrolled, "participant", "participants"), c.Passed)
	}
	return s.e.tf("dash_classes_n", c.Classes, c.Enrolled, c.Passed)
}

// plural writes an English count with its noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// redoDeadlines replaces one candidate's deadlines in the due and overdue
// lists, each put in its place: a save never recomputes 100,000 of them.
func (s *dashboardScreen) redoDeadlines(old, now *model.CandidateRow) {
	var id model.ID
	switch {
	case now != nil:
		id = now.ID
	case old != nil:
		id = old.ID
	}
	ofID := func(d model.Deadline) bool { return d.Candidate == id }
	s.due = slices.DeleteFunc(s.due, ofID)
	s.overdue = slices.DeleteFunc(s.overdue, ofID)
	if now != nil {
		d, today := s.e.d, s.e.today()
		due, overdue := model.Due(model.Deadlines([]model.CandidateRow{*now}, d.classes, model.NewCalendar(d.settings.Holidays), today), today, 30)
		s.due = insertSorted(s.due, due)
		s.overdue = insertSorted(s.overdue, overdue)
	}
	s.cursor = min(s.cursor, max(0, s.top()+len(s.due)+len(s.overdue)-1))
}

func insertSorted(list, add []model.Deadline) []model.Deadline {
	for _, x := range add {
		i, _ := slices.BinarySearchFunc(list, x, model.CompareDeadlines)
		list = slices.Insert(list, i, x)
	}
	return list
}
