package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

// dashboardScreen is the commune at a glance. Its numbers are computed when
// the data changes, so rendering stays a pure format of state.
type dashboardScreen struct {
	e    *env
	w, h int

	members, probation int
	active             int
	bySource           map[model.SourceGroup]int
	byStage            map[model.Stage]int
	classes, enrolled  int
	passedN            int
	admitted, target   int
	due, overdue       []model.Deadline
	cursor             int // over overdue then due items

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
func (s *dashboardScreen) shortHelp() []key.Binding {
	k := s.e.keys
	if s.form != nil {
		return []key.Binding{k.NextField, k.PrevField, k.Save, k.Cancel}
	}
	return []key.Binding{k.Up, k.Down, k.Open, k.Tabs[1], k.Tabs[2]}
}

func (s *dashboardScreen) openSettings() tea.Cmd {
	e, v := s.e, s.e.d.settings
	var hol []string
	for _, d := range v.Holidays {
		hol = append(hol, d.String())
	}
	fields := []*field{
		{key: "commune", label: catalog["f_commune"], required: true},
		{key: "province", label: catalog["f_province"]},
		{key: "deciding_body", label: catalog["f_body"], kind: choiceField, options: model.DecidingBodies, required: true},
		{key: "doc_validity_months", label: catalog["f_validity"], kind: numberField},
		{key: "holidays", label: catalog["f_holidays"], limit: 4000, check: func(x string) *model.FieldError {
			_, err := parseHolidays(x)
			return err
		}},
	}
	vals := map[string]string{"commune": v.Commune, "province": v.Province, "deciding_body": string(v.DecidingBody),
		"doc_validity_months": itoaZ(v.DocValidityMonths), "holidays": strings.Join(hol, ", ")}
	s.form = newForm(e.t("settings_title"), e.lang, fields, vals)
	s.form.setSize(s.w, s.h)
	return s.form.fields[0].input.Focus()
}

// parseHolidays reads a list of dd/mm/yyyy dates separated by commas or spaces.
func parseHolidays(x string) ([]model.Date, *model.FieldError) {
	var out []model.Date
	for _, f := range strings.FieldsFunc(x, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		d, err := model.ParseDate(f)
		if err != nil {
			return nil, &model.FieldError{Field: "holidays", Msg: model.Text{VI: "Ngày nghỉ “" + f + "”: " + model.Message(err, model.VI),
				EN: "Holiday “" + f + "”: " + model.Message(err, model.EN)}}
		}
		out = append(out, d)
	}
	return out, nil
}

func (s *dashboardScreen) submitSettings(vals map[string]string) tea.Cmd {
	e := s.e
	if e.store.ReadOnly() {
		s.form.err = e.t("readonly_err")
		return nil
	}
	v := e.d.settings
	v.Commune, v.Province, v.DecidingBody = vals["commune"], vals["province"], model.DecidingBody(vals["deciding_body"])
	v.DocValidityMonths = atoi(vals["doc_validity_months"])
	v.Holidays, _ = parseHolidays(vals["holidays"])
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

func (s *dashboardScreen) fullHelp() [][]key.Binding {
	k := s.e.keys
	return [][]key.Binding{{k.Up, k.Down, k.Open}, k.Tabs}
}

func (s *dashboardScreen) recompute() {
	d, today := s.e.d, s.e.today()
	year := today.Year()
	s.members, s.probation, s.target = 0, 0, 0
	for _, c := range d.cells {
		s.members += c.OfficialMembers
		s.probation += c.ProbationaryMembers
		s.target += c.TargetFor(year).Total
	}
	s.bySource = map[model.SourceGroup]int{}
	s.byStage = map[model.Stage]int{}
	s.active, s.admitted = 0, 0
	for _, r := range d.rows {
		if r.Decision.Year() == year {
			s.admitted++
		}
		if r.Outcome != "" || r.Stage == model.StageOfficial {
			continue
		}
		s.byStage[r.Stage]++
		if r.Stage.Index() < model.StageDecision.Index() {
			s.active++
			s.bySource[r.Source]++
		}
	}
	s.classes, s.enrolled, s.passedN = 0, 0, 0
	for _, c := range d.classes {
		if c.Start.Year() == year {
			s.classes++
			s.enrolled += len(c.Enrolments)
			s.passedN += passed(c)
		}
	}
	cal := model.NewCalendar(d.settings.Holidays)
	s.due, s.overdue = model.Due(model.Deadlines(d.rows, d.classes, cal, today), today, 30)
	s.cursor = min(s.cursor, max(0, len(s.due)+len(s.overdue)-1))
}

func (s *dashboardScreen) items() []model.Deadline {
	return append(append([]model.Deadline(nil), s.overdue...), s.due...)
}

func (s *dashboardScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case dataChangedMsg, statsChangedMsg:
		s.recompute()
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
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		k := s.e.keys
		n := len(s.due) + len(s.overdue)
		switch {
		case key.Matches(msg, k.Up):
			s.cursor = max(0, s.cursor-1)
		case key.Matches(msg, k.Down):
			s.cursor = min(max(0, n-1), s.cursor+1)
		case key.Matches(msg, k.Open) && n > 0:
			return navigateTo(tabSources, s.items()[s.cursor].Candidate)
		}
	}
	return nil
}

func (s *dashboardScreen) view() string {
	e, st := s.e, s.e.st
	if s.form != nil {
		return s.form.View(st)
	}
	if s.form != nil {
		return s.form.View(st)
	}
	year := e.today().Year()
	var b strings.Builder
	title := e.d.settings.Commune
	if title == "" {
		title = e.t("app")
	}
	b.WriteString(st.Title.Render(model.Escape(title)) + "\n")
	fmt.Fprintf(&b, "%s: %d   %s: %d (+%d)   %s: %d\n", e.t("dash_cells"), len(e.d.cells), e.t("dash_members"), s.members, s.probation,
		e.t("dash_candidates"), s.active)
	fmt.Fprintf(&b, "%s: %s   %s: %s\n", e.tf("dash_target", year), e.tf("dash_target_n", s.admitted, s.target, percent(s.admitted, s.target)),
		e.tf("dash_classes", year), e.tf("dash_classes_n", s.classes, s.enrolled, s.passedN))
	var src []string
	for _, o := range model.SourceGroups {
		if n := s.bySource[model.SourceGroup(o.Code)]; n > 0 {
			src = append(src, fmt.Sprintf("%s %d", o.Label.In(e.lang), n))
		}
	}
	b.WriteString(st.Section.Render(e.t("dash_by_source")+": ") + strings.Join(src, " · ") + "\n")
	var stg []string
	for _, o := range model.Stages {
		if n := s.byStage[model.Stage(o.Code)]; n > 0 {
			stg = append(stg, fmt.Sprintf("%s %d", o.Label.In(e.lang), n))
		}
	}
	b.WriteString(st.Section.Render(e.t("dash_by_stage")+": ") + strings.Join(stg, " · ") + "\n")
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
