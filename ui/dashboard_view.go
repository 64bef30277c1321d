package ui

import (
	"fmt"
	"strconv"
	"strings"

	"nguon/model"
)

// The dashboard's view: the commune's figures for the year, then one row
// per cell (target, admitted, percent with a bar, candidates by span of
// the pipeline), the source groups against their sub-targets, and the
// deadlines. It scrolls to keep the cursor in view.

// bar draws n of target as a bar of w cells: filled, then empty.
func bar(n, target, w int) string {
	if target <= 0 {
		return strings.Repeat("·", w)
	}
	f := min(w, n*w/target)
	return strings.Repeat("█", f) + strings.Repeat("░", w-f)
}

func (s *dashboardScreen) view() string {
	st := s.e.st
	if s.form != nil {
		return s.form.View(st)
	}
	l := s.lines()
	// Keep the cursor's line in the window.
	cur := l.lineOf(s.cursor)
	if cur < s.scroll+4 {
		s.scroll = max(0, cur-4)
	}
	if cur >= s.scroll+s.h-1 {
		s.scroll = cur - s.h + 2
	}
	s.scroll = max(0, min(s.scroll, l.n()-s.h))
	end := min(l.n(), s.scroll+s.h)
	out := make([]string, 0, end-s.scroll)
	for i := s.scroll; i < end; i++ {
		out = append(out, l.line(i))
	}
	return strings.Join(out, "\n")
}

// dashLayout is the dashboard laid out. The deadlines are formatted only
// when shown: a merged file can have tens of thousands overdue, and every
// frame formatted them all (30 ms a key at 100,000 candidates).
type dashLayout struct {
	s    *dashboardScreen
	left []string // beside the right column on a wide window; else empty
	// The right column (the whole dashboard on a narrow window): the lines
	// before the overdue deadlines (their title last), one line for each
	// overdue deadline or one saying there are none, the title of the due
	// deadlines, and theirs.
	before                     []string
	dueTitle, noOverdue, noDue string
	wide                       bool
	at                         []int // the line of each row of the first table
}

// blocks are how many lines the overdue and the due deadlines take.
func (l *dashLayout) blocks() (int, int) {
	return max(1, len(l.s.overdue)), max(1, len(l.s.due))
}

func (l *dashLayout) n() int {
	o, d := l.blocks()
	return max(len(l.left), len(l.before)+o+1+d)
}

// lineOf is the line the cursor's item stands on.
func (l *dashLayout) lineOf(cursor int) int {
	s := l.s
	o, _ := l.blocks()
	switch top := s.top(); {
	case cursor < len(l.at):
		return l.at[cursor]
	case cursor < top+len(s.overdue):
		return len(l.before) + cursor - top
	case cursor < top+len(s.overdue)+len(s.due):
		return len(l.before) + o + 1 + cursor - top - len(s.overdue)
	}
	return 0
}

func (l *dashLayout) rightLine(i int) string {
	s := l.s
	o, d := l.blocks()
	switch {
	case i < len(l.before):
		return l.before[i]
	case i < len(l.before)+o:
		if j := i - len(l.before); j < len(s.overdue) {
			return s.deadlineLine(s.overdue[j], s.top()+j)
		}
		return l.noOverdue
	case i == len(l.before)+o:
		return l.dueTitle
	case i < len(l.before)+o+1+d:
		if j := i - len(l.before) - o - 1; j < len(s.due) {
			return s.deadlineLine(s.due[j], s.top()+len(s.overdue)+j)
		}
		return l.noDue
	}
	return ""
}

func (l *dashLayout) line(i int) string {
	if !l.wide {
		return l.rightLine(i)
	}
	left := ""
	if i < len(l.left) {
		left = l.left[i]
	}
	return pad(left, l.s.leftW, false) + " " + l.rightLine(i)
}

// lines lays the dashboard out, noting on which line each row of the
// first table stands.
func (s *dashboardScreen) lines() *dashLayout {
	e, st, c := s.e, s.e.st, s.counts
	wide := s.w >= 150
	s.leftW = s.w
	if wide {
		s.leftW = s.w - 64
	}
	var out []string
	var at []int
	title := e.d.settings.Commune
	if s.commune > 0 {
		title = s.communeTitle()
	}
	if title == "" {
		title = e.t("app")
	}
	out = append(out, st.Title.Render(model.Escape(title))+"  "+st.Muted.Render(e.tf("dash_year", c.Year)))
	if s.several() {
		out = append(out, st.Muted.Render(s.communeLine()))
	}
	out = append(out, wrapTo([]string{fmt.Sprintf("%s: %d   %s: %d (+%d)   %s: %d   %s: %s",
		e.t("dash_cells"), len(s.cells), e.t("dash_members"), c.Members, c.Probation,
		e.t("dash_candidates"), c.Total.Active, e.tf("dash_classes", c.Year), s.classesLine(c))}, s.leftW)...)
	out = append(out, fmt.Sprintf("%s: %s  %s", e.tf("dash_target", c.Year),
		e.tf("dash_target_n", c.Total.Admitted, c.Total.Target, model.Rate(c.Total.Admitted, c.Total.Target, e.lang)),
		bar(c.Total.Admitted, c.Total.Target, 20)))
	out, at = s.firstTable(out, at)
	out = append(out, "", st.Header.Render(s.sourceHeader()))
	targets := model.SourceTargets(s.cells, c.Year)
	for _, o := range model.SourceGroups {
		g := model.SourceGroup(o.Code)
		out = append(out, fmt.Sprintf("  %s %8s %6d %7s %s%13d", pad(o.Label.In(e.lang), 24, false), count(targets[g]),
			c.AdmittedBySource[g], model.Rate(c.AdmittedBySource[g], targets[g], e.lang), s.barOf(c.AdmittedBySource[g], targets[g]), c.BySource[g]))
	}
	none := st.Muted.Render("  " + e.t("dash_none"))
	l := &dashLayout{s: s, wide: wide, at: at, noOverdue: none, noDue: none,
		dueTitle: st.Warning.Render(fmt.Sprintf("%s (%d)", e.t("dash_due"), len(s.due)))}
	if wide {
		l.left = out
	} else {
		l.before = append(out, "")
	}
	l.before = append(l.before, st.Error.Render(fmt.Sprintf("%s (%d)", e.t("dash_overdue"), len(s.overdue))))
	return l
}

func count(n int) string {
	if n == 0 {
		return "–"
	}
	return strconv.Itoa(n)
}

// cellHeader and cellLine are the per-cell table: the columns are fixed,
// the name takes what the width leaves.
func (s *dashboardScreen) nameWidth() int { return max(14, s.leftW-2-60-s.barW()) }

// barW is the bars' width: on a narrow window the figures keep their room.
func (s *dashboardScreen) barW() int {
	if s.leftW < 96 {
		return 0
	}
	return 11
}

// barOf is a bar and its space, or nothing on a narrow window.
func (s *dashboardScreen) barOf(n, target int) string {
	if s.barW() == 0 {
		return ""
	}
	return bar(n, target, 10) + " "
}

// firstTable is the table of the cells, or of the communes when a merged
// file's dashboard shows them all, with the line of each row in at.
func (s *dashboardScreen) firstTable(out []string, at []int) ([]string, []int) {
	st := s.e.st
	first := s.e.t("col_cell")
	if s.showCommunes() {
		first = s.e.t("col_commune")
	}
	out = append(out, "", st.Header.Render(s.cellHeader(first)))
	for i := range s.top() {
		at = append(at, len(out))
		var line string
		if s.showCommunes() {
			pc := s.perCommune[i]
			line = s.tableLine(shortCommune(s.communes[i], s.e.lang), pc.n, pc.groups, true)
		} else {
			cl := s.cells[i]
			line = s.tableLine(shortCell(cl.Name), s.counts.ByCell[cl.ID], s.counts.ByCellGroup[cl.ID], !cl.Archived)
		}
		if i == s.cursor {
			line = "›" + st.Selected.Render(line[1:])
		}
		out = append(out, line)
	}
	return out, at
}

func (s *dashboardScreen) cellHeader(first string) string {
	e := s.e
	g := make([]string, len(model.StageGroups))
	for i, t := range model.StageGroups {
		g[i] = pad(t.In(e.lang), 8, true)
	}
	return "  " + pad(first, s.nameWidth(), false) + " " + pad(e.t("col_target"), 8, true) + " " +
		pad(e.t("dash_adm"), 6, true) + " " + pad(e.t("dash_rate"), 7, true) + " " + strings.Repeat(" ", s.barW()) + strings.Join(g, "")
}

// tableLine is one row of the first table: a cell's or a commune's
// figures; warn flags a row with nobody in the pipeline.
func (s *dashboardScreen) tableLine(name string, n model.CellCount, gs [4]int, warn bool) string {
	e := s.e
	var groups strings.Builder
	for _, v := range gs {
		groups.WriteString(pad(strconv.Itoa(v), 8, true))
	}
	g := groups.String()
	if gs == [4]int{} && warn {
		// A cell with nobody to develop is what the committee must act on.
		g = e.st.Warning.Render(pad(e.t("dash_no_cands"), 32, true))
	}
	return "  " + pad(model.Escape(name), s.nameWidth(), false) + " " + pad(count(n.Target), 8, true) + " " +
		pad(strconv.Itoa(n.Admitted), 6, true) + " " + pad(model.Rate(n.Admitted, n.Target, e.lang), 7, true) + " " +
		s.barOf(n.Admitted, n.Target) + g
}

func (s *dashboardScreen) sourceHeader() string {
	e := s.e
	return "  " + pad(e.t("col_source"), 24, false) + " " + pad(e.t("col_target"), 8, true) + " " +
		pad(e.t("dash_adm"), 6, true) + " " + pad(e.t("dash_rate"), 7, true) + " " + strings.Repeat(" ", s.barW()) + pad(e.t("col_pipeline"), 13, true)
}

// deadlineLine is the line of deadline d, the cursor's item number i.
func (s *dashboardScreen) deadlineLine(d model.Deadline, i int) string {
	line := fmt.Sprintf("%s  %s — %s", d.Due.String(), pad(model.Escape(d.Name), 22, false), d.Label.In(s.e.lang))
	if i == s.cursor {
		return "›" + s.e.st.Selected.Render(" "+line)
	}
	return "  " + line
}
