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
}

func newDashboard(e *env) *dashboardScreen { return &dashboardScreen{e: e} }

func (s *dashboardScreen) setSize(w, h int) { s.w, s.h = w, h }
func (s *dashboardScreen) capturing() bool  { return false }
func (s *dashboardScreen) back() bool       { return false }
func (s *dashboardScreen) dirty() bool      { return false }
func (s *dashboardScreen) shortHelp() []key.Binding {
	k := s.e.keys
	return []key.Binding{k.Up, k.Down, k.Open, k.Tabs[1], k.Tabs[2]}
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
	case dataChangedMsg:
		s.recompute()
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
