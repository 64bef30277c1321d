package ui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

// cellsScreen is the Chi bộ tab: the cells with their figures for the year.
type cellsScreen struct {
	listScreen
	formOf string // "cell" or "targets"
	cur    model.Cell
	counts model.Counts
	// admitted counts each cell's admissions per year, for the targets of
	// every year on the detail view.
	admitted map[model.ID]map[int]int
}

func newCells(e *env) *cellsScreen {
	s := &cellsScreen{}
	s.init(e, s, s.columns(), named(func() int { return len(s.e.d.cells) }, func(i int) string { return s.e.d.cells[i].Name }), 0, false, "cells_empty")
	return s
}

// columns are the cell list's columns; they read the data when drawn, so
// a reload or a language switch needs nothing more.
func (s *cellsScreen) columns() []column {
	cell := func(i int) model.Cell { return s.e.d.cells[i] }
	count := func(i int) model.CellCount { return s.counts.ByCell[cell(i).ID] }
	num := func(f func(int) int) func(int) string { return func(i int) string { return strconv.Itoa(f(i)) } }
	members := func(i int) int { return cell(i).OfficialMembers }
	target := func(i int) int { return count(i).Target }
	admitted := func(i int) int { return count(i).Admitted }
	active := func(i int) int { return count(i).Active }
	return []column{
		{title: catalog["col_name"], width: 24, flex: true, text: func(i int) string { return cell(i).Name },
			cmp: func(a, b int) int { return strings.Compare(s.e.d.cellKey[cell(a).ID], s.e.d.cellKey[cell(b).ID]) }},
		{title: catalog["col_kind"], width: 18, text: func(i int) string { return model.Label(model.CellKinds, string(cell(i).Kind), s.e.lang) }},
		{title: catalog["col_members"], width: 13, right: true, text: num(members), cmp: byInt(members)},
		{title: catalog["col_target"], width: 8, right: true, text: num(target), cmp: byInt(target)},
		{title: catalog["col_admitted"], width: 10, right: true, text: num(admitted), cmp: byInt(admitted)},
		{title: catalog["col_pipeline"], width: 13, right: true, text: num(active), cmp: byInt(active)},
	}
}

// recount takes the figures from model.Count, as the dashboard and the
// reports do, so no two screens disagree.
func (s *cellsScreen) recount() {
	d := s.e.d
	s.counts = model.Count(d.cells, d.rows, d.classes, s.e.today().Year())
	s.admitted = model.AdmittedByCellYear(d.rows)
}

func (s *cellsScreen) heading() string { return s.title("cells_title") }

func (s *cellsScreen) listActions() []action {
	k := s.e.keys
	sel := s.tbl.Selected()
	has := sel >= 0
	pick := func() model.Cell { return s.e.d.cells[sel] }
	return []action{
		act(k.Open, do(func() { s.cur = pick(); s.mode = detailMode })).when(has),
		act(k.New, func() tea.Cmd { s.cur = model.Cell{}; return s.openForm(model.Cell{Kind: "village"}, listMode) }),
		act(k.Edit, func() tea.Cmd { s.cur = pick(); return s.openForm(s.cur, listMode) }).when(has),
		act(k.Delete, func() tea.Cmd { return s.askDelete(pick()) }).when(has),
	}
}

func (s *cellsScreen) detailActions() []action {
	k := s.e.keys
	return []action{
		act(k.Edit, func() tea.Cmd { return s.openForm(s.cur, detailMode) }),
		act(k.Targets, s.openTargets),
		act(k.Delete, func() tea.Cmd { return s.askDelete(s.cur) }),
	}
}

func (s *cellsScreen) handle(msg tea.Msg) (bool, tea.Cmd) {
	e := s.e
	switch msg := msg.(type) {
	case statsChangedMsg:
		if !msg.oneRow() {
			s.recount()
		} else {
			msg.apply(&s.counts)
			s.admittedMove(msg.old, -1)
			s.admittedMove(msg.now, 1)
		}
		s.tbl.reload()
	case dataChangedMsg:
		s.recount()
		s.tbl.reload()
		if i, ok := e.d.cellIdx[s.cur.ID]; ok && s.mode == detailMode {
			s.cur = e.d.cells[i]
		}
	case navigateMsg:
		if i, ok := e.d.cellIdx[msg.open]; ok && !msg.open.IsZero() {
			s.cur, s.mode = e.d.cells[i], detailMode
		}
	case savedMsg[model.Cell]:
		e.d.putCell(msg.v)
		s.cur = msg.v
		s.recount()
		s.tbl.reload()
		if i, ok := e.d.cellIdx[msg.v.ID]; ok {
			s.tbl.selectRow(i)
		}
		return true, tea.Batch(s.afterSave(msg.restored, msg.v.Name), func() tea.Msg { return dataChangedMsg{} })
	case removedMsg[model.Cell]:
		e.d.dropCell(msg.v.ID)
		s.tbl.reload()
		return true, s.removed(msg.v.Name, restoreCmd(e, msg.v))
	default:
		return false, nil
	}
	return true, nil
}

func (s *cellsScreen) askDelete(c model.Cell) tea.Cmd {
	e := s.e
	if n := s.counts.ByCell[c.ID].Active; n > 0 {
		return reportErr(&model.FieldError{Msg: model.Text{
			VI: fmt.Sprintf("Chi bộ còn %d quần chúng đang theo dõi: hãy chuyển họ sang chi bộ khác trước khi xóa.", n),
			EN: fmt.Sprintf("The cell still has %d candidates in the pipeline: move them to another cell before deleting it.", n),
		}}, e.lang)
	}
	return deleteCmd(e, c.Name, c.ID, e.store.Cell, e.store.DeleteCell)
}

func (s *cellsScreen) openForm(c model.Cell, back mode) tea.Cmd {
	s.formOf = "cell"
	return openRecord(&s.listScreen, "new_cell", "edit_cell", c.ID.IsZero(), model.CellFields, c, back)
}

func (s *cellsScreen) openTargets() tea.Cmd {
	e, c := s.e, s.cur
	year := e.today().Year()
	t := c.TargetFor(year)
	fields := []*field{
		{key: "year", label: catalog["f_year"], kind: numberField, required: true},
		{key: "total", label: catalog["f_total"], kind: numberField},
	}
	vals := map[string]string{"year": strconv.Itoa(year), "total": itoaZ(t.Total)}
	for _, o := range model.SourceGroups {
		fields = append(fields, &field{key: "src_" + o.Code, label: o.Label, kind: numberField})
		vals["src_"+o.Code] = itoaZ(t.BySource[model.SourceGroup(o.Code)])
	}
	s.formOf = "targets"
	s.showForm(newForm(e.tf("targets_title", c.Name), e.lang, fields, vals), detailMode)
	return nil
}

func itoaZ(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func atoi(s string) int { n, _ := strconv.Atoi(strings.TrimSpace(s)); return n }

func (s *cellsScreen) submit(v map[string]string) tea.Cmd {
	c := s.cur
	if s.formOf == "targets" {
		year := atoi(v["year"])
		t := model.Target{Year: year, Total: atoi(v["total"]), BySource: map[model.SourceGroup]int{}}
		for _, o := range model.SourceGroups {
			if n := atoi(v["src_"+o.Code]); n > 0 {
				t.BySource[model.SourceGroup(o.Code)] = n
			}
		}
		var ts []model.Target
		for _, x := range c.Targets {
			if x.Year != year {
				ts = append(ts, x)
			}
		}
		c.Targets = append(ts, t)
	} else {
		var p model.Problems
		if c, p = fromForm(model.CellFields, c, v); s.form.setProblems(p) {
			return nil
		}
	}
	c.Normalize()
	if s.form.setProblems(c.Validate()) {
		return nil
	}
	return putCmd(s.e.store.PutCell, c)
}

func (s *cellsScreen) detailView() string {
	e, c, st := s.e, s.cur, s.e.st
	var b strings.Builder
	b.WriteString(st.Title.Render(e.tf("cell_detail", model.Escape(c.Name))) + "\n\n")
	b.WriteString(detailLines(e, model.CellFields, &c, 22, func(k string) bool { return k != "name" && k != "archived" }))
	if c.Archived {
		b.WriteString(st.Warning.Render(e.t("archived_note")) + "\n")
	}
	b.WriteString("\n" + st.Section.Render("── "+e.t("col_target")) + "\n")
	if len(c.Targets) == 0 {
		b.WriteString(st.Muted.Render(e.t("targets_none")) + "\n")
	}
	for _, t := range c.Targets {
		var parts []string
		for _, o := range model.SourceGroups {
			if n := t.BySource[model.SourceGroup(o.Code)]; n > 0 {
				parts = append(parts, fmt.Sprintf("%s %d", o.Label.In(e.lang), n))
			}
		}
		adm := s.admitted[c.ID][t.Year]
		fmt.Fprintf(&b, "%d: %s  %s\n", t.Year, e.tf("dash_target_n", adm, t.Total, model.Rate(adm, t.Total, e.lang)), st.Muted.Render(strings.Join(parts, ", ")))
	}
	b.WriteString("\n" + st.Section.Render("── "+e.t("cands_of_cell")) + "\n")
	n := 0
	for _, r := range e.d.rows {
		if r.Cell == c.ID && r.Outcome == "" {
			if n < 8 {
				b.WriteString("  " + model.Escape(r.Name) + " — " + model.Label(model.Stages, string(r.Stage), e.lang) + "\n")
			}
			n++
		}
	}
	if n > 8 {
		fmt.Fprintf(&b, "  … (+%d)\n", n-8)
	}
	return b.String()
}

// admittedMove counts one row's admission in or out of the per-year counts.
func (s *cellsScreen) admittedMove(r *model.CandidateRow, sign int) {
	if r == nil || r.Decision == 0 || !model.AdmittedIn(*r, r.Decision.Year()) {
		return
	}
	if s.admitted[r.Cell] == nil {
		s.admitted[r.Cell] = map[int]int{}
	}
	s.admitted[r.Cell][r.Decision.Year()] += sign
}
