package ui

import (
	"cmp"
	"slices"
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
	pickOf string // "source", "cell", "stage", "commune"
	cur    model.Candidate
	scroll int

	fSource model.SourceGroup
	fCell   model.ID
	fStage  model.Stage
	// byCommune keeps the candidates of the cells of commune fCommune ("":
	// the file's own, unnamed), in a file that merged several
	// (docs/file-format.md, "Merging copies").
	byCommune bool
	fCommune  string

	// pipe is the advance/back/exit dialog of the admission pipeline
	// (pipeline_ui.go); its form is the list screen's open form.
	pipe *pipelineDialog
	// dupOK is the record a clerk chose to save although it looks like a
	// duplicate: saving the same values again goes ahead.
	dupOK string
}

func newSources(e *env) *sourcesScreen {
	s := &sourcesScreen{}
	s.init(e, s, s.columns(), rowsOf{func() int { return len(s.e.d.rows) }, func(i int) (string, string) {
		return s.e.d.folded[i], s.e.d.rows[i].Name
	}}, 0, false, "cands_empty")
	s.needsKeys = true
	return s
}

// columns are the candidate list's columns. Sorting 100,000 rows compares
// precomputed keys, never labels.
func (s *sourcesScreen) columns() []column {
	row := func(i int) *model.CandidateRow { return &s.e.d.rows[i] }
	dob := func(i int) model.Date { return row(i).DOB }
	// Each column also ranks every row by an int once per sort, so sorting
	// 100,000 rows never looks up a map or a label per comparison.
	rank := func(f func(r *model.CandidateRow) int32) func() []int32 {
		return func() []int32 {
			out := make([]int32, len(s.e.d.rows))
			for i := range s.e.d.rows {
				out[i] = f(&s.e.d.rows[i])
			}
			return out
		}
	}
	cellRank := func() []int32 {
		keys := make([]string, 0, len(s.e.d.cellKey))
		for _, k := range s.e.d.cellKey {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		byCell := make(map[model.ID]int32, len(keys))
		for id, k := range s.e.d.cellKey {
			i, _ := slices.BinarySearch(keys, k)
			byCell[id] = int32(i) + 1 // 0: no cell, first
		}
		return rank(func(r *model.CandidateRow) int32 { return byCell[r.Cell] })()
	}
	// At 80 columns the age and the date of birth give way first (keep).
	return []column{
		{title: catalog["f_full_name"], width: 20, flex: true, text: func(i int) string { return row(i).Name },
			cmp: func(a, b int) int { return strings.Compare(s.e.d.sortKeys[a], s.e.d.sortKeys[b]) }, ranks: func() []int32 { return s.e.d.nameRanks() }},
		{title: catalog["col_dob"], width: 10, keep: 2, text: func(i int) string { return row(i).DOB.String() }, cmp: byDate(dob),
			ranks: rank(func(r *model.CandidateRow) int32 { return int32(r.DOB) })},
		{title: catalog["col_age"], width: 4, keep: 1, right: true, text: func(i int) string {
			if row(i).DOB == 0 {
				return ""
			}
			return strconv.Itoa(model.MonthsBetween(row(i).DOB, s.e.today()) / 12)
		}, cmp: func(a, b int) int { return cmp.Compare(dob(b), dob(a)) }, ranks: rank(func(r *model.CandidateRow) int32 { return -int32(r.DOB) })},
		{title: catalog["col_source"], width: 16, keep: 3, text: func(i int) string { return model.Label(model.SourceGroups, string(row(i).Source), s.e.lang) },
			cmp:   func(a, b int) int { return strings.Compare(string(row(a).Source), string(row(b).Source)) },
			ranks: rank(func(r *model.CandidateRow) int32 { return sourceRank[r.Source] })},
		{title: catalog["col_cell"], width: 18, keep: 4, text: func(i int) string { return shortCell(s.e.d.cellName(row(i).Cell)) },
			cmp: func(a, b int) int { return strings.Compare(s.e.d.cellKey[row(a).Cell], s.e.d.cellKey[row(b).Cell]) }, ranks: cellRank},
		{title: catalog["col_stage"], width: 18, keep: 6, text: func(i int) string {
			if r := row(i); r.Outcome != "" {
				return model.Label(model.Outcomes, string(r.Outcome), s.e.lang)
			}
			return model.Label(model.Stages, string(row(i).Stage), s.e.lang)
		}, cmp: byInt(func(i int) int { return row(i).Stage.Index() }), ranks: rank(func(r *model.CandidateRow) int32 { return int32(r.Stage.Index()) })},
		{title: catalog["col_days"], width: 7, keep: 5, right: true, text: func(i int) string {
			if r := row(i); r.Since != 0 && r.Outcome == "" {
				return strconv.Itoa(model.DaysBetween(r.Since, s.e.today()))
			}
			return ""
		}, cmp: func(a, b int) int { return cmp.Compare(row(b).Since, row(a).Since) }, ranks: rank(func(r *model.CandidateRow) int32 { return -int32(r.Since) })},
	}
}

func (s *sourcesScreen) applyQuickFilters() {
	d := s.e.d
	src, cell, stage := s.fSource, s.fCell, s.fStage
	if !s.filtered() {
		s.tbl.setKeep(nil)
		return
	}
	var ofCommune map[model.ID]bool
	if s.byCommune {
		ofCommune = model.CellsOf(d.cells, d.settings.Commune, s.fCommune)
	}
	s.tbl.setKeep(func(i int) bool {
		r := &d.rows[i]
		return (src == "" || r.Source == src) && (cell.IsZero() || r.Cell == cell) && (stage == "" || r.Stage == stage) &&
			(ofCommune == nil || ofCommune[r.Cell])
	})
}

func (s *sourcesScreen) filtered() bool {
	return s.fSource != "" || !s.fCell.IsZero() || s.fStage != "" || s.byCommune
}

// communes are the communes of a merged file's cells; one or none in a
// commune's own file, where the filter by commune is not offered.
func (s *sourcesScreen) communes() []model.Option {
	var out []model.Option
	for _, c := range model.Communes(s.e.d.cells, s.e.d.settings.Commune) {
		label := model.Text{VI: c, EN: c}
		if c == "" {
			label = model.ThisCommune
		}
		out = append(out, model.Option{Code: "=" + c, Label: label}) // "" is every commune
	}
	return out
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
		act(k.ByCommune, do(func() { s.choose("commune", "pick_commune", opts(nil, s.communes())) })).when(len(s.communes()) > 1),
		act(k.ClearFilters, do(func() {
			s.fSource, s.fCell, s.fStage, s.byCommune = "", model.ID{}, "", false
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
	case "commune":
		s.fCommune, s.byCommune = strings.CutPrefix(o.Code, "=")
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
		act(k.Top, do(func() { s.scroll = 0 })).inHelpOnly(),
		act(k.Bottom, do(func() { s.scroll = 1 << 20 })).inHelpOnly(),
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
		if !msg.cell.IsZero() {
			s.fSource, s.fCell, s.fStage, s.byCommune, s.mode = "", msg.cell, "", false, listMode
			s.applyQuickFilters()
		}
		if !msg.open.IsZero() {
			return true, s.loadCmd(msg.open, false)
		}
	case editCandMsg:
		s.cur = msg.c
		return true, s.openForm(msg.c, listMode)
	case candLoadedMsg:
		s.cur, s.mode, s.scroll = msg.c, detailMode, 0
	case savedMsg[model.Candidate]:
		// One row changed: it is placed, not every row sorted again, and
		// the counts follow that one row (100,000 rows stay instant). The
		// table is brought up to date first if it put a reload off.
		s.freshen()
		i, old := e.d.putRow(msg.v.Row())
		s.cur, s.pipe = msg.v, nil
		s.tbl.place(i)
		s.tbl.selectRow(i)
		now := e.d.rows[i]
		return true, tea.Batch(s.afterSave(msg.restored, msg.v.FullName), rowChanged(old, &now))
	case removedMsg[model.Candidate]:
		old := msg.v.Row()
		s.freshen()
		s.tbl.removed(e.d.dropRow(msg.v.ID))
		return true, tea.Batch(s.removed(msg.v.FullName, restoreCmd(e, msg.v)), rowChanged(&old, nil))
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
	return openRecord(&s.listScreen, "new_cand", "edit_cand", c.ID.IsZero(), model.CandidateFields, c, back)
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
	if cmd, stop := s.checkDuplicate(c); stop {
		return cmd
	}
	return putCmd(s.e.store.PutCandidate, c)
}

// checkDuplicate warns before a save that would register a person twice:
// another record with the same CCCD, or the same name (accents aside) and
// date of birth. The form says who it is; ctrl+s again saves anyway and
// ctrl+o opens the other record instead.
func (s *sourcesScreen) checkDuplicate(c model.Candidate) (tea.Cmd, bool) {
	e := s.e
	other, how := model.CandidateRow{}, ""
	name := model.Fold(c.FullName)
	for i, r := range e.d.rows {
		switch {
		case r.ID == c.ID:
		case c.CCCD != "" && r.CCCD == c.CCCD:
			other, how = r, "dup_cccd"
		case c.DOB != 0 && r.DOB == c.DOB && e.d.folded[i] == name:
			other, how = r, "dup_name"
		default:
			continue
		}
		break
	}
	key := c.CCCD + "|" + name + "|" + c.DOB.String()
	if how == "" || s.dupOK == key {
		s.dupOK = ""
		return nil, false
	}
	s.dupOK = key
	s.form.err = e.tf(how, model.Escape(other.Name), other.DOB.String(), model.Escape(e.d.cellName(other.Cell)))
	id := other.ID
	s.form.extra = []action{act(e.keys.OpenOther, func() tea.Cmd {
		s.form, s.mode, s.dupOK = nil, listMode, ""
		return s.loadCmd(id, false)
	})}
	return nil, true
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
	if s.byCommune {
		parts = append(parts, shortCommune(s.fCommune, e.lang))
	}
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

// sourceRank orders source groups by their codes, as the column's cmp does.
var sourceRank = func() map[model.SourceGroup]int32 {
	codes := make([]string, 0, len(model.SourceGroups))
	for _, o := range model.SourceGroups {
		codes = append(codes, o.Code)
	}
	slices.Sort(codes)
	m := make(map[model.SourceGroup]int32, len(codes))
	for i, c := range codes {
		m[model.SourceGroup(c)] = int32(i) + 1
	}
	return m
}()
