package ui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

type (
	candLoadedMsg struct{ c model.Candidate }
	// editCandMsg opens the form once the full record has been read.
	editCandMsg struct{ c model.Candidate }
)

// sourcesScreen is the candidate sources tab: the table of every candidate,
// quick filters, the detail view and the candidate form.
type sourcesScreen struct {
	listScreen
	pickOf string // "source", "cell", "stage"
	cur    model.Candidate
	scroll int

	fSource model.SourceGroup
	fCell   model.ID
	fStage  model.Stage

	// pipe is the advance/back/exit dialog of the admission pipeline
	// (pipeline_ui.go); its form is the list screen's open form.
	pipe *pipelineDialog
}

func newSources(e *env) *sourcesScreen {
	s := &sourcesScreen{}
	s.init(e, s, s.columns(e), candSource{s}, 0, false, "cands_empty")
	return s
}

func (s *sourcesScreen) columns(e *env) []column {
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

func (s *sourcesScreen) relabel() { s.tbl.cols = s.columns(s.e) }

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
	if !s.filtered() {
		s.tbl.setKeep(nil)
		return
	}
	s.tbl.setKeep(func(i int) bool {
		r := &d.rows[i]
		return (src == "" || r.Source == src) && (cell.IsZero() || r.Cell == cell) && (stage == "" || r.Stage == stage)
	})
}

func (s *sourcesScreen) filtered() bool {
	return s.fSource != "" || !s.fCell.IsZero() || s.fStage != ""
}

func (s *sourcesScreen) listActions() []action {
	e, k := s.e, s.e.keys
	sel := s.tbl.Selected()
	has := sel >= 0
	id := func() model.ID { return e.d.rows[sel].ID }
	opts := func(first []model.Option, rest []model.Option) []model.Option {
		return append(append([]model.Option{{Code: "", Label: catalog["all"]}}, first...), rest...)
	}
	return []action{
		act(k.Open, func() tea.Cmd { return s.loadCmd(id(), false) }).when(has),
		act(k.New, func() tea.Cmd {
			s.cur = model.Candidate{}
			return s.openForm(model.Candidate{Ethnicity: "1", Religion: "none", CellID: s.fCell, Source: s.fSource}, listMode)
		}),
		act(k.Edit, func() tea.Cmd { return s.loadCmd(id(), true) }).when(has),
		act(k.Delete, func() tea.Cmd { r := e.d.rows[sel]; return s.askDelete(r.ID, r.Name) }).when(has),
		act(k.BySource, do(func() { s.choose("source", "pick_source", opts(model.SourceGroups, nil)) })),
		act(k.ByCell, do(func() { s.choose("cell", "pick_cell", opts(nil, s.allCells())) })),
		act(k.ByStage, do(func() { s.choose("stage", "pick_stage", opts(model.Stages, nil)) })),
		act(k.ClearFilters, do(func() {
			s.fSource, s.fCell, s.fStage = "", model.ID{}, ""
			s.applyQuickFilters()
		})).when(s.filtered()),
	}
}

func (s *sourcesScreen) allCells() []model.Option {
	var out []model.Option
	for _, c := range s.e.d.cells {
		out = append(out, model.Option{Code: c.ID.String(), Label: model.Text{VI: c.Name, EN: c.Name}})
	}
	return out
}

func (s *sourcesScreen) choose(what, title string, opts []model.Option) {
	s.pickOf = what
	s.openPick(newPicker(s.e.t(title), opts, s.e.lang), listMode)
}

func (s *sourcesScreen) picked(o *model.Option) tea.Cmd {
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

func (s *sourcesScreen) detailActions() []action {
	k := s.e.keys
	return []action{
		act(k.Advance, func() tea.Cmd { return s.openPipeline(pipeAdvance) }),
		act(k.GoBack, func() tea.Cmd { return s.openPipeline(pipeBack) }),
		act(k.Exit, func() tea.Cmd { return s.openPipeline(pipeExit) }),
		act(k.Edit, func() tea.Cmd { return s.openForm(s.cur, detailMode) }),
		act(k.Delete, func() tea.Cmd { return s.askDelete(s.cur.ID, s.cur.FullName) }),
		act(k.Up, do(func() { s.scroll = max(0, s.scroll-1) })).inHelpOnly(),
		act(k.Down, do(func() { s.scroll++ })).inHelpOnly(),
	}
}

// loadCmd reads the full record, to show it or to edit it.
func (s *sourcesScreen) loadCmd(id model.ID, edit bool) tea.Cmd {
	st := s.e.store
	return func() tea.Msg {
		c, err := st.Candidate(id)
		switch {
		case err != nil:
			return saveErrMsg{err}
		case edit:
			return editCandMsg{c}
		}
		return candLoadedMsg{c}
	}
}

func (s *sourcesScreen) handle(msg tea.Msg) (bool, tea.Cmd) {
	e := s.e
	switch msg := msg.(type) {
	case navigateMsg:
		if !msg.open.IsZero() {
			return true, s.loadCmd(msg.open, false)
		}
	case editCandMsg:
		s.cur = msg.c
		return true, s.openForm(msg.c, listMode)
	case candLoadedMsg:
		s.cur, s.mode, s.scroll = msg.c, detailMode, 0
	case savedMsg[model.Candidate]:
		e.d.putRow(msg.v.Row())
		s.cur, s.mode, s.form, s.pipe = msg.v, detailMode, nil, nil
		s.tbl.reload()
		if i, ok := e.d.rowIdx[msg.v.ID]; ok {
			s.tbl.selectRow(i)
		}
		return true, tea.Batch(reportInfo(e.t("saved")), statsChanged)
	case removedMsg[model.Candidate]:
		e.d.dropRow(msg.v.ID)
		return true, s.removed(msg.v.FullName, restoreCmd(e, msg.v))
	case pipeRefusedMsg:
		if s.pipe != nil {
			s.pipe.rules = msg.rules
			s.form.err = model.Message(msg.err, e.lang)
		}
	case formSubmitMsg:
		if s.pipe != nil {
			return true, s.pipe.submit(msg.values)
		}
		return false, nil
	case formCancelMsg:
		s.pipe = nil
		return false, nil
	default:
		return false, nil
	}
	return true, nil
}

func (s *sourcesScreen) askDelete(id model.ID, name string) tea.Cmd {
	return deleteCmd(s.e, name, id, s.e.store.Candidate, s.e.store.DeleteCandidate)
}

func (s *sourcesScreen) openForm(c model.Candidate, back mode) tea.Cmd {
	title := s.e.t("new_cand")
	if !c.ID.IsZero() {
		title = s.e.t("edit_cand")
	}
	return s.showForm(recordForm(s.e, title, model.CandidateFields, c), back)
}

func (s *sourcesScreen) submit(v map[string]string) tea.Cmd {
	c, p := fromForm(model.CandidateFields, s.cur, v)
	if s.form.setProblems(p) {
		return nil
	}
	if c.Stage == "" {
		c.Stage = model.StageSource
		c.Steps = map[model.Stage]model.Step{model.StageSource: {Date: s.e.today()}}
	}
	c.Normalize()
	if s.form.setProblems(c.Validate(s.e.today())) {
		return nil
	}
	return putCmd(s.e.store.PutCandidate, c)
}

// view shows the pipeline dialog over the record while it is open.
func (s *sourcesScreen) view() string {
	if s.pipe != nil && s.mode == formMode {
		return s.pipe.view()
	}
	return s.listScreen.view()
}

func (s *sourcesScreen) heading() string {
	e := s.e
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
	head := s.title("cands_title")
	if len(parts) > 0 {
		head += "  " + e.st.Warning.Render(e.tf("filters", model.Escape(strings.Join(parts, " · "))))
	}
	return head
}
