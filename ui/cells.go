package ui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

type mode int

const (
	listMode mode = iota
	detailMode
	formMode
	pickMode
)

// Messages of the save/delete round trips, shared by the screens.
type (
	saveErrMsg     struct{ err error }
	cellSavedMsg   struct{ c model.Cell }
	cellDeletedMsg struct{ c model.Cell }
)

// cellStats are per-cell counts computed when data changes, never in View.
type cellStats struct{ active, admitted int }

type cellsScreen struct {
	base
	formOf string // "cell" or "targets"
	cur    model.Cell
	stats  map[model.ID]cellStats
}

func newCells(e *env) *cellsScreen {
	s := &cellsScreen{base: base{e: e}, stats: map[model.ID]cellStats{}}
	s.tbl = newTable(s.columns(), cellsSource{s}, 0)
	return s
}

func (s *cellsScreen) columns() []column {
	e := s.e
	return []column{
		{title: e.t("col_name"), width: 24, flex: true},
		{title: e.t("col_kind"), width: 18},
		{title: e.t("col_members"), width: 13, right: true},
		{title: e.t("col_target"), width: 8, right: true},
		{title: e.t("col_admitted"), width: 10, right: true},
		{title: e.t("col_pipeline"), width: 13, right: true},
	}
}

func (s *cellsScreen) relabel() { s.tbl.cols = s.columns() }

type cellsSource struct{ s *cellsScreen }

func (c cellsSource) Len() int { return len(c.s.e.d.cells) }

func (c cellsSource) Cell(i, col int) string {
	e := c.s.e
	cl := e.d.cells[i]
	st := c.s.stats[cl.ID]
	switch col {
	case 0:
		return cl.Name
	case 1:
		return model.Label(model.CellKinds, string(cl.Kind), e.lang)
	case 2:
		return strconv.Itoa(cl.OfficialMembers)
	case 3:
		return strconv.Itoa(cl.TargetFor(e.today().Year()).Total)
	case 4:
		return strconv.Itoa(st.admitted)
	case 5:
		return strconv.Itoa(st.active)
	}
	return ""
}

func (c cellsSource) Search(i int) (string, string) {
	n := c.s.e.d.cells[i].Name
	return model.Fold(n), n
}

func (c cellsSource) Less(a, b, col int) bool {
	ca, cb := c.s.e.d.cells[a], c.s.e.d.cells[b]
	switch col {
	case 0:
		return model.SortKey(ca.Name) < model.SortKey(cb.Name)
	case 2:
		return ca.OfficialMembers < cb.OfficialMembers
	case 3, 4, 5:
		x, _ := strconv.Atoi(c.Cell(a, col))
		y, _ := strconv.Atoi(c.Cell(b, col))
		return x < y
	}
	return model.SortKey(c.Cell(a, col)) < model.SortKey(c.Cell(b, col))
}

func (s *cellsScreen) recount() {
	s.stats = make(map[model.ID]cellStats, len(s.e.d.cells))
	year := s.e.today().Year()
	for _, r := range s.e.d.rows {
		st := s.stats[r.Cell]
		if r.Outcome == "" && r.Stage.Index() < model.StageDecision.Index() {
			st.active++
		}
		if r.Decision.Year() == year {
			st.admitted++
		}
		s.stats[r.Cell] = st
	}
}

func (s *cellsScreen) shortHelp() []key.Binding {
	k := s.e.keys
	switch s.mode {
	case formMode:
		return []key.Binding{k.NextField, k.PrevField, k.Save, k.Cancel}
	case detailMode:
		return []key.Binding{k.Edit, k.Targets, k.Delete, k.Back}
	}
	if s.tbl.capturing() {
		return []key.Binding{k.Open, k.Back}
	}
	return []key.Binding{k.Up, k.Down, k.Open, k.Filter, k.New, k.Edit, k.Delete, k.Sort}
}

func (s *cellsScreen) fullHelp() [][]key.Binding {
	k := s.e.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.Open, k.Filter, k.Sort, k.SortReverse, k.Back},
		{k.New, k.Edit, k.Delete, k.Undo, k.Targets},
		{k.NextField, k.PrevField, k.Save, k.Cancel},
	}
}

func (s *cellsScreen) selected() (model.Cell, bool) {
	i := s.tbl.Selected()
	if i < 0 {
		return model.Cell{}, false
	}
	return s.e.d.cells[i], true
}

func (s *cellsScreen) update(msg tea.Msg) tea.Cmd {
	e := s.e
	switch msg := msg.(type) {
	case statsChangedMsg:
		s.recount()
		s.tbl.reload()
		return nil
	case dataChangedMsg:
		s.recount()
		s.tbl.reload()
		if s.mode == detailMode {
			if i, ok := e.d.cellIdx[s.cur.ID]; ok {
				s.cur = e.d.cells[i]
			}
		}
		return nil
	case navigateMsg:
		if i, ok := e.d.cellIdx[msg.open]; ok && !msg.open.IsZero() {
			s.cur = e.d.cells[i]
			s.mode = detailMode
		}
		return nil
	case cellSavedMsg:
		e.d.putCell(msg.c)
		s.cur = msg.c
		s.mode = detailMode
		s.form = nil
		s.recount()
		s.tbl.reload()
		if i, ok := e.d.cellIdx[msg.c.ID]; ok {
			s.tbl.selectRow(i)
		}
		return tea.Batch(reportInfo(e.t("saved")), func() tea.Msg { return dataChangedMsg{} })
	case cellDeletedMsg:
		e.d.dropCell(msg.c.ID)
		s.mode = listMode
		s.tbl.reload()
		c := msg.c
		undo := s.saveCmd(c)
		return func() tea.Msg { return deletedMsg{label: c.Name, undo: undo} }
	case saveErrMsg:
		return s.saveFailed(msg.err)
	case formSubmitMsg:
		return s.submit(msg.values)
	case formCancelMsg:
		s.closeForm(!s.cur.ID.IsZero())
		return nil
	}
	if s.mode == formMode {
		return s.form.update(msg, e.keys)
	}
	km, ok := msg.(tea.KeyPressMsg)
	if s.mode == detailMode {
		if !ok {
			return nil
		}
		switch {
		case key.Matches(km, e.keys.Back):
			s.mode = listMode
		case key.Matches(km, e.keys.Edit):
			return s.openForm(s.cur)
		case key.Matches(km, e.keys.Targets):
			return s.openTargets(s.cur)
		case key.Matches(km, e.keys.Delete):
			return s.askDelete(s.cur)
		}
		return nil
	}
	if used, cmd := s.tbl.update(msg, e.keys); used {
		return cmd
	}
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, e.keys.Open):
		if c, ok := s.selected(); ok {
			s.cur = c
			s.mode = detailMode
		}
	case key.Matches(km, e.keys.New):
		s.cur = model.Cell{}
		return s.openForm(model.Cell{Kind: "village"})
	case key.Matches(km, e.keys.Edit):
		if c, ok := s.selected(); ok {
			s.cur = c
			return s.openForm(c)
		}
	case key.Matches(km, e.keys.Delete):
		if c, ok := s.selected(); ok {
			return s.askDelete(c)
		}
	}
	return nil
}

func (s *cellsScreen) askDelete(c model.Cell) tea.Cmd {
	e := s.e
	if n := s.stats[c.ID].active; n > 0 {
		return reportErr(&model.FieldError{Msg: model.Text{
			VI: fmt.Sprintf("Chi bộ còn %d quần chúng đang theo dõi: hãy chuyển họ sang chi bộ khác trước khi xóa.", n),
			EN: fmt.Sprintf("The cell still has %d candidates in the pipeline: move them to another cell before deleting it.", n),
		}}, e.lang)
	}
	st := e.store
	return confirm(e.tf("delete_q", model.Escape(c.Name)), func() tea.Msg {
		if err := st.DeleteCell(c.ID); err != nil {
			return saveErrMsg{err}
		}
		return cellDeletedMsg{c}
	})
}

func (s *cellsScreen) saveCmd(c model.Cell) tea.Cmd {
	st := s.e.store
	return func() tea.Msg {
		if err := st.PutCell(&c); err != nil {
			return saveErrMsg{err}
		}
		return cellSavedMsg{c}
	}
}

func (s *cellsScreen) openForm(c model.Cell) tea.Cmd {
	e := s.e
	fields := []*field{
		{key: "name", label: catalog["f_name"], required: true},
		{key: "kind", label: catalog["f_kind"], kind: choiceField, options: model.CellKinds, required: true},
		{key: "secretary", label: catalog["f_secretary"]},
		{key: "village", label: catalog["f_village"]},
		{key: "official_members", label: catalog["f_official"], kind: numberField},
		{key: "probationary_members", label: catalog["f_probation"], kind: numberField},
		{key: "notes", label: catalog["f_notes"]},
		{key: "archived", label: catalog["f_archived"], kind: choiceField, options: yesNo},
	}
	vals := map[string]string{
		"archived": boolCode(c.Archived),
		"name":     c.Name, "kind": string(c.Kind), "secretary": c.Secretary, "village": c.Village,
		"official_members": itoaZ(c.OfficialMembers), "probationary_members": itoaZ(c.ProbationaryMembers), "notes": c.Notes,
	}
	title := e.t("new_cell")
	if !c.ID.IsZero() {
		title = e.t("edit_cell")
	}
	s.form = newForm(title, e.lang, fields, vals)
	s.form.setSize(s.w, s.h)
	s.formOf = "cell"
	s.mode = formMode
	return s.form.fields[0].input.Focus()
}

func (s *cellsScreen) openTargets(c model.Cell) tea.Cmd {
	e := s.e
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
	s.form = newForm(e.tf("targets_title", c.Name), e.lang, fields, vals)
	s.form.setSize(s.w, s.h)
	s.formOf = "targets"
	s.mode = formMode
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
	if s.e.store.ReadOnly() {
		s.form.err = s.e.t("readonly_err")
		return nil
	}
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
		c.Name, c.Kind, c.Secretary, c.Village = v["name"], model.CellKind(v["kind"]), v["secretary"], v["village"]
		c.OfficialMembers, c.ProbationaryMembers, c.Notes = atoi(v["official_members"]), atoi(v["probationary_members"]), v["notes"]
		c.Archived = v["archived"] == "1"
	}
	c.Normalize()
	if s.form.setProblems(c.Validate()) {
		return nil
	}
	return s.saveCmd(c)
}

func (s *cellsScreen) view() string {
	e := s.e
	switch s.mode {
	case formMode:
		return s.form.View(e.st)
	case detailMode:
		return s.detailView()
	}
	head := e.st.Title.Render(e.t("cells_title")) + "  " + e.st.Muted.Render(s.tbl.Count())
	return head + "\n" + s.tbl.View(e.st, e.t("cells_empty"))
}

func (s *cellsScreen) detailView() string {
	e, c, st := s.e, s.cur, s.e.st
	var b strings.Builder
	b.WriteString(st.Title.Render(e.tf("cell_detail", model.Escape(c.Name))) + "\n\n")
	line := func(k, v string) {
		if v != "" {
			b.WriteString(pad(e.t(k), 22, false) + model.Escape(v) + "\n")
		}
	}
	line("f_kind", model.Label(model.CellKinds, string(c.Kind), e.lang))
	line("f_secretary", c.Secretary)
	line("f_village", c.Village)
	line("f_official", strconv.Itoa(c.OfficialMembers))
	line("f_probation", strconv.Itoa(c.ProbationaryMembers))
	line("f_notes", c.Notes)
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
		adm := e.d.admitted(c.ID, t.Year)
		fmt.Fprintf(&b, "%d: %s  %s\n", t.Year, e.tf("dash_target_n", adm, t.Total, percent(adm, t.Total)), st.Muted.Render(strings.Join(parts, ", ")))
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

func percent(a, b int) string {
	if b == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", float64(a)*100/float64(b))
}
