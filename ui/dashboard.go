package ui

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

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
	cursor       int // over overdue then due items

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
	n := len(s.due) + len(s.overdue)
	return []action{
		act(k.Up, do(func() { s.cursor = max(0, s.cursor-1) })),
		act(k.Down, do(func() { s.cursor = min(max(0, n-1), s.cursor+1) })),
		act(k.Open, func() tea.Cmd { return navigateTo(tabSources, s.items()[s.cursor].Candidate) }).when(n > 0),
	}
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
// and the deadlines, when the data changes, never while rendering.
func (s *dashboardScreen) recompute() {
	d, today := s.e.d, s.e.today()
	s.counts = model.Count(d.cells, d.rows, d.classes, today.Year())
	cal := model.NewCalendar(d.settings.Holidays)
	s.due, s.overdue = model.Due(model.Deadlines(d.rows, d.classes, cal, today), today, 30)
	s.cursor = min(s.cursor, max(0, len(s.due)+len(s.overdue)-1))
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
		// One candidate changed: its counts and its deadlines, nothing else.
		msg.apply(&s.counts)
		s.redoDeadlines(msg.old, msg.now)
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

func (s *dashboardScreen) view() string {
	e, st := s.e, s.e.st
	if s.form != nil {
		return s.form.View(st)
	}
	c := s.counts
	year := c.Year
	var b strings.Builder
	title := e.d.settings.Commune
	if title == "" {
		title = e.t("app")
	}
	b.WriteString(st.Title.Render(model.Escape(title)) + "\n")
	fmt.Fprintf(&b, "%s: %d   %s: %d (+%d)   %s: %d\n", e.t("dash_cells"), len(e.d.cells), e.t("dash_members"), c.Members, c.Probation,
		e.t("dash_candidates"), c.Total.Active)
	fmt.Fprintf(&b, "%s: %s   %s: %s\n", e.tf("dash_target", year),
		e.tf("dash_target_n", c.Total.Admitted, c.Total.Target, model.Rate(c.Total.Admitted, c.Total.Target, e.lang)),
		e.tf("dash_classes", year), s.classesLine(c))
	var src []string
	for _, o := range model.SourceGroups {
		if n := c.BySource[model.SourceGroup(o.Code)]; n > 0 {
			src = append(src, fmt.Sprintf("%s %d", o.Label.In(e.lang), n))
		}
	}
	b.WriteString(strings.Join(wrapTo([]string{st.Section.Render(e.t("dash_by_source")+": ") + strings.Join(src, " · ")}, s.w), "\n") + "\n")
	var stg []string
	for _, o := range model.Stages {
		if n := c.ByStage[model.Stage(o.Code)]; n > 0 {
			stg = append(stg, fmt.Sprintf("%s %d", o.Label.In(e.lang), n))
		}
	}
	b.WriteString(strings.Join(wrapTo([]string{st.Section.Render(e.t("dash_by_stage")+": ") + strings.Join(stg, " · ")}, s.w), "\n") + "\n")
	// The rest of the height goes to the two deadline lists.
	room := max(2, s.h-lipHeight(b.String())-3)
	over := min(len(s.overdue), max(1, room/2))
	b.WriteString("\n" + st.Error.Render(fmt.Sprintf("%s (%d)", e.t("dash_overdue"), len(s.overdue))) + "\n")
	b.WriteString(s.listView(s.overdue, 0, over))
	b.WriteString(st.Warning.Render(fmt.Sprintf("%s (%d)", e.t("dash_due"), len(s.due))) + "\n")
	b.WriteString(s.listView(s.due, len(s.overdue), max(1, room-over)))
	return strings.TrimRight(b.String(), "\n")
}

func lipHeight(s string) int { return strings.Count(s, "\n") + 1 }

func (s *dashboardScreen) listView(ds []model.Deadline, base, room int) string {
	e, st := s.e, s.e.st
	if len(ds) == 0 {
		return st.Muted.Render("  "+e.t("dash_none")) + "\n"
	}
	start := 0
	if c := s.cursor - base; c >= room && c < len(ds) {
		start = c - room + 1
	}
	var b strings.Builder
	for i := start; i < len(ds) && i < start+room; i++ {
		d := ds[i]
		line := fmt.Sprintf("%s  %s — %s", d.Due.String(), pad(model.Escape(d.Name), 26, false), d.Label.In(e.lang))
		line = pad(line, max(20, s.w-2), false)
		if base+i == s.cursor {
			line = st.Selected.Render(line)
		}
		b.WriteString("  " + line + "\n")
	}
	return b.String()
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
	s.cursor = min(s.cursor, max(0, len(s.due)+len(s.overdue)-1))
}

func insertSorted(list, add []model.Deadline) []model.Deadline {
	for _, x := range add {
		i, _ := slices.BinarySearchFunc(list, x, model.CompareDeadlines)
		list = slices.Insert(list, i, x)
	}
	return list
}
