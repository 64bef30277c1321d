package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

type (
	candLoadedMsg  struct{ c model.Candidate }
	candSavedMsg   struct{ c model.Candidate }
	candDeletedMsg struct{ c model.Candidate }
)

// sourcesScreen is the candidate sources tab: the table of every candidate,
// quick filters, the detail view and the candidate form.
type sourcesScreen struct {
	base
	pickOf string // "source", "cell", "stage"
	cur    model.Candidate
	scroll int

	fSource model.SourceGroup
	fCell   model.ID
	fStage  model.Stage

	// pipeline is the advance/back/exit dialog of the admission pipeline (pipeline_ui.go).
	pipe *pipelineDialog
}

func newSources(e *env) *sourcesScreen {
	s := &sourcesScreen{base: base{e: e}}
	s.tbl = newTable(s.columns(), candSource{s}, 0)
	return s
}

func (s *sourcesScreen) columns() []column {
	e := s.e
	return []column{
		{title: e.t("f_full_name"), width: 20, flex: true},
		{title: e.t("col_dob"), width: 10},
		{title: e.t("col_age"), width: 4, right: true},
		{title: e.t("col_source"), width: 16},
		{title: e.t("col_cell"), width: 18},
		{title: e.t("col_stage"), width: 18},
		{title: e.t("col_days"), width: 7, right: true},
	}
}

func (s *sourcesScreen) relabel() { s.tbl.cols = s.columns() }

type candSource struct{ s *sourcesScreen }

func (c candSource) Len() int { return len(c.s.e.d.rows) }

func (c candSource) Cell(i, col int) string {
	e := c.s.e
	r := &e.d.rows[i]
	switch col {
	case 0:
		return r.Name
	case 1:
		return r.DOB.String()
	case 2:
		if r.DOB == 0 {
			return ""
		}
		return strconv.Itoa(model.MonthsBetween(r.DOB, e.today()) / 12)
	case 3:
		return model.Label(model.SourceGroups, string(r.Source), e.lang)
	case 4:
		return shortCell(e.d.cellName(r.Cell))
	case 5:
		if r.Outcome != "" {
			return model.Label(model.Outcomes, string(r.Outcome), e.lang)
		}
		return model.Label(model.Stages, string(r.Stage), e.lang)
	case 6:
		if r.Since == 0 || r.Outcome != "" {
			return ""
		}
		return strconv.Itoa(model.DaysBetween(r.Since, e.today()))
	}
	return ""
}

func (c candSource) Search(i int) (string, string) {
	d := c.s.e.d
	return d.folded[i], d.rows[i].Name
}

func (c candSource) Less(a, b, col int) bool {
	d := c.s.e.d
	ra, rb := &d.rows[a], &d.rows[b]
	switch col {
	case 0:
		return d.sortKeys[a] < d.sortKeys[b]
	case 1:
		return ra.DOB < rb.DOB
	case 2:
		return ra.DOB > rb.DOB
	case 3:
		return ra.Source < rb.Source
	case 4:
		return d.cellKey[ra.Cell] < d.cellKey[rb.Cell]
	case 5:
		return ra.Stage.Index() < rb.Stage.Index()
	case 6:
		return ra.Since > rb.Since
	}
	return false
}

func (s *sourcesScreen) applyQuickFilters() {
	d := s.e.d
	src, cell, stage := s.fSource, s.fCell, s.fStage
	if src == "" && cell.IsZero() && stage == "" {
		s.tbl.setKeep(nil)
		return
	}
	s.tbl.setKeep(func(i int) bool {
		r := &d.rows[i]
		return (src == "" || r.Source == src) && (cell.IsZero() || r.Cell == cell) && (stage == "" || r.Stage == stage)
	})
}

// setSize leaves two lines above the table: the title and the quick filters.
func (s *sourcesScreen) setSize(w, h int) {
	s.base.setSize(w, h)
	s.tbl.setSize(w, h-2)
}

func (s *sourcesScreen) capturing() bool { return s.base.capturing() || s.pipe != nil }

func (s *sourcesScreen) dirty() bool { return s.base.dirty() || (s.pipe != nil && s.pipe.form.dirty()) }

func (s *sourcesScreen) shortHelp() []key.Binding {
	k := s.e.keys
	switch {
	case s.pipe != nil || s.mode == formMode:
		return []key.Binding{k.NextField, k.PrevField, k.Save, k.Cancel}
	case s.mode == pickMode:
		return []key.Binding{k.Up, k.Down, k.Open, k.Cancel}
	case s.mode == detailMode:
		return []key.Binding{k.Advance, k.GoBack, k.Exit, k.Edit, k.Delete, k.Back}
	case s.tbl.capturing():
		return []key.Binding{k.Open, k.Back}
	}
	return []key.Binding{k.Up, k.Down, k.Open, k.Filter, k.New, k.Edit, k.Delete, k.BySource, k.ByCell, k.ByStage}
}

func (s *sourcesScreen) fullHelp() [][]key.Binding {
	k := s.e.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom, k.PageUp, k.PageDown},
		{k.Open, k.Filter, k.Sort, k.SortReverse, k.Back},
		{k.BySource, k.ByCell, k.ByStage, k.ClearFilters},
		{k.New, k.Edit, k.Delete, k.Undo},
		{k.Advance, k.GoBack, k.Exit},
		{k.NextField, k.PrevField, k.Save, k.Cancel},
	}
}

func (s *sourcesScreen) loadCmd(id model.ID) tea.Cmd {
	st := s.e.store
	return func() tea.Msg {
		c, err := st.Candidate(id)
		if err != nil {
			return saveErrMsg{err}
		}
		return candLoadedMsg{c}
	}
}

func (s *sourcesScreen) update(msg tea.Msg) tea.Cmd {
	e := s.e
	switch msg := msg.(type) {
	case dataChangedMsg:
		s.tbl.reload()
		return nil
	case navigateMsg:
		if !msg.open.IsZero() {
			return s.loadCmd(msg.open)
		}
		return nil
	case editCandMsg:
		return s.openForm(msg.c)
	case candLoadedMsg:
		s.cur = msg.c
		s.mode = detailMode
		s.scroll = 0
		return nil
	case candSavedMsg:
		e.d.putRow(msg.c.Row())
		s.cur = msg.c
		s.mode = detailMode
		s.form, s.pipe = nil, nil
		s.tbl.reload()
		if i, ok := e.d.rowIdx[msg.c.ID]; ok {
			s.tbl.selectRow(i)
		}
		return tea.Batch(reportInfo(e.t("saved")), statsChanged)
	case candDeletedMsg:
		e.d.dropRow(msg.c.ID)
		s.mode = listMode
		s.tbl.reload()
		c := msg.c
		return tea.Batch(statsChanged, func() tea.Msg { return deletedMsg{label: c.FullName, undo: s.saveCmd(c)} })
	case saveErrMsg:
		if s.pipe != nil {
			s.pipe.form.err = model.Message(msg.err, e.lang)
			return nil
		}
		return s.saveFailed(msg.err)
	case formSubmitMsg:
		if s.pipe != nil {
			return s.pipe.submit(msg.values)
		}
		return s.submit(msg.values)
	case formCancelMsg:
		if s.pipe != nil {
			s.pipe = nil
			return nil
		}
		s.closeForm(!s.cur.ID.IsZero())
		return nil
	}
	if s.pipe != nil {
		return s.pipe.form.update(msg, e.keys)
	}
	switch s.mode {
	case formMode:
		return s.form.update(msg, e.keys)
	case pickMode:
		return s.updatePick(msg)
	case detailMode:
		return s.updateDetail(msg)
	}
	if used, cmd := s.tbl.update(msg, e.keys); used {
		return cmd
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := e.keys
	switch {
	case key.Matches(km, k.Open):
		if i := s.tbl.Selected(); i >= 0 {
			return s.loadCmd(e.d.rows[i].ID)
		}
	case key.Matches(km, k.New):
		s.cur = model.Candidate{}
		return s.openForm(model.Candidate{Ethnicity: "1", Religion: "none", CellID: s.fCell, Source: s.fSource})
	case key.Matches(km, k.Edit):
		if i := s.tbl.Selected(); i >= 0 {
			id := e.d.rows[i].ID
			st := e.store
			return func() tea.Msg {
				c, err := st.Candidate(id)
				if err != nil {
					return saveErrMsg{err}
				}
				return editCandMsg{c}
			}
		}
	case key.Matches(km, k.Delete):
		if i := s.tbl.Selected(); i >= 0 {
			r := e.d.rows[i]
			return s.askDelete(r.ID, r.Name)
		}
	case key.Matches(km, k.BySource):
		opts := append([]model.Option{{Code: "", Label: catalog["all"]}}, model.SourceGroups...)
		s.openPick("source", e.t("pick_source"), opts)
	case key.Matches(km, k.ByCell):
		opts := []model.Option{{Code: "", Label: catalog["all"]}}
		for _, c := range e.d.cells {
			opts = append(opts, model.Option{Code: c.ID.String(), Label: model.Text{VI: c.Name, EN: c.Name}})
		}
		s.openPick("cell", e.t("pick_cell"), opts)
	case key.Matches(km, k.ByStage):
		opts := append([]model.Option{{Code: "", Label: catalog["all"]}}, model.Stages...)
		s.openPick("stage", e.t("pick_stage"), opts)
	case key.Matches(km, k.ClearFilters):
		s.fSource, s.fCell, s.fStage = "", model.ID{}, ""
		s.applyQuickFilters()
	}
	return nil
}

// editCandMsg opens the form once the full record has been read.
type editCandMsg struct{ c model.Candidate }

func (s *sourcesScreen) openPick(what, title string, opts []model.Option) {
	s.pick = newPicker(title, opts, s.e.lang)
	s.pick.height = s.h
	s.pickOf = what
	s.mode = pickMode
}

func (s *sourcesScreen) updatePick(msg tea.Msg) tea.Cmd {
	done, o, cmd := s.pick.update(msg)
	if !done {
		return cmd
	}
	s.mode = listMode
	s.pick = nil
	if o == nil {
		return nil
	}
	switch s.pickOf {
	case "source":
		s.fSource = model.SourceGroup(o.Code)
	case "cell":
		s.fCell, _ = model.ParseID(o.Code)
	case "stage":
		s.fStage = model.Stage(o.Code)
	}
	s.applyQuickFilters()
	return nil
}

func (s *sourcesScreen) updateDetail(msg tea.Msg) tea.Cmd {
	e := s.e
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := e.keys
	switch {
	case key.Matches(km, k.Back):
		s.mode = listMode
	case key.Matches(km, k.Up):
		s.scroll = max(0, s.scroll-1)
	case key.Matches(km, k.Down):
		s.scroll++
	case key.Matches(km, k.Edit):
		return s.openForm(s.cur)
	case key.Matches(km, k.Delete):
		return s.askDelete(s.cur.ID, s.cur.FullName)
	case key.Matches(km, k.Advance):
		return s.openPipeline(pipeAdvance)
	case key.Matches(km, k.GoBack):
		return s.openPipeline(pipeBack)
	case key.Matches(km, k.Exit):
		return s.openPipeline(pipeExit)
	}
	return nil
}

func (s *sourcesScreen) askDelete(id model.ID, name string) tea.Cmd {
	e := s.e
	st := e.store
	return confirm(e.tf("delete_q", model.Escape(name)), func() tea.Msg {
		c, err := st.Candidate(id)
		if err != nil {
			return saveErrMsg{err}
		}
		if err := st.DeleteCandidate(id); err != nil {
			return saveErrMsg{err}
		}
		return candDeletedMsg{c}
	})
}

func (s *sourcesScreen) saveCmd(c model.Candidate) tea.Cmd {
	st := s.e.store
	return func() tea.Msg {
		if err := st.PutCandidate(&c); err != nil {
			return saveErrMsg{err}
		}
		return candSavedMsg{c}
	}
}

func (s *sourcesScreen) view() string {
	e := s.e
	switch {
	case s.pipe != nil:
		return s.pipe.view()
	case s.mode == formMode:
		return s.form.View(e.st)
	case s.mode == pickMode:
		return s.pick.view(e.st, e.lang)
	case s.mode == detailMode:
		return s.detailView()
	}
	var parts []string
	if s.fSource != "" {
		parts = append(parts, model.Label(model.SourceGroups, string(s.fSource), e.lang))
	}
	if !s.fCell.IsZero() {
		parts = append(parts, e.d.cellName(s.fCell))
	}
	if s.fStage != "" {
		parts = append(parts, model.Label(model.Stages, string(s.fStage), e.lang))
	}
	head := e.st.Title.Render(e.t("cands_title")) + "  " + e.st.Muted.Render(s.tbl.Count())
	if len(parts) > 0 {
		head += "  " + e.st.Warning.Render(e.tf("filters", model.Escape(strings.Join(parts, " · "))))
	}
	return head + "\n" + s.tbl.View(e.st, e.t("cands_empty"))
}
