package ui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

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
	e      *env
	mode   mode
	tbl    *table
	form   *form
	pick   *picker
	pickOf string // "source", "cell", "stage"
	cur    model.Candidate
	scroll int
	w, h   int

	fSource model.SourceGroup
	fCell   model.ID
	fStage  model.Stage

	// pipeline is the advance/back/exit dialog of the admission pipeline (pipeline_ui.go).
	pipe *pipelineDialog
}

func newSources(e *env) *sourcesScreen {
	s := &sourcesScreen{e: e}
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

func (s *sourcesScreen) setSize(w, h int) {
	s.w, s.h = w, h
	s.tbl.setSize(w, h-2)
	if s.form != nil {
		s.form.setSize(w, h)
	}
	if s.pick != nil {
		s.pick.height = h
	}
}

func (s *sourcesScreen) capturing() bool {
	return s.mode == formMode || s.mode == pickMode || s.tbl.capturing() || s.pipe != nil
}

func (s *sourcesScreen) dirty() bool {
	return (s.mode == formMode && s.form.dirty()) || (s.pipe != nil && s.pipe.form.dirty())
}

func (s *sourcesScreen) back() bool {
	if s.mode == detailMode {
		s.mode = listMode
		return true
	}
	return false
}

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
		switch {
		case s.pipe != nil:
			s.pipe.form.err = model.Message(msg.err, e.lang)
			return nil
		case s.form != nil && s.mode == formMode:
			s.form.err = model.Message(msg.err, e.lang)
			return nil
		}
		return reportErr(msg.err, e.lang)
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
		s.form = nil
		if s.cur.ID.IsZero() {
			s.mode = listMode
		} else {
			s.mode = detailMode
		}
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

var yesNo = []model.Option{{Code: "1", Label: catalog["yes"]}, {Code: "0", Label: catalog["no"]}}

func boolCode(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func (s *sourcesScreen) cellOptions() []model.Option {
	var opts []model.Option
	for _, c := range s.e.d.cells {
		if !c.Archived {
			opts = append(opts, model.Option{Code: c.ID.String(), Label: model.Text{VI: c.Name, EN: c.Name}})
		}
	}
	return opts
}

func (s *sourcesScreen) openForm(c model.Candidate) tea.Cmd {
	e := s.e
	idn, place, prof, pipe := catalog["sec_identity"], catalog["sec_place"], catalog["sec_profile"], catalog["sec_pipeline"]
	var f *form
	cccdCheck := func(v string) *model.FieldError {
		dob, _ := model.ParseDate(f.field("dob").value())
		if p := model.CheckCCCD(v, model.Sex(f.field("sex").value()), dob); len(p) > 0 {
			return p[0]
		}
		return nil
	}
	first := func(p model.Problems) *model.FieldError {
		if len(p) > 0 {
			return p[0]
		}
		return nil
	}
	fields := []*field{
		{key: "full_name", label: catalog["f_full_name"], section: idn, required: true},
		{key: "sex", label: catalog["f_sex"], section: idn, kind: choiceField, options: model.Sexes, required: true},
		{key: "dob", label: catalog["f_dob"], section: idn, kind: dateField, required: true},
		// Source and cell come early: they are required and what lists filter on.
		{key: "source", label: catalog["f_source"], section: idn, kind: choiceField, options: model.SourceGroups, required: true},
		{key: "cell", label: catalog["f_cell"], section: idn, kind: choiceField, options: s.cellOptions()},
		{key: "cccd", label: catalog["f_cccd"], section: idn, check: cccdCheck},
		{key: "birth_name", label: catalog["f_birth_name"], section: idn},
		{key: "old_id", label: catalog["f_old_id"], section: idn, check: func(v string) *model.FieldError { return first(model.CheckOldID(v)) }},
		{key: "ethnicity", label: catalog["f_ethnicity"], section: idn, kind: choiceField, options: model.Ethnicities},
		{key: "religion", label: catalog["f_religion"], section: idn, kind: choiceField, options: model.Religions},
		{key: "phone", label: catalog["f_phone"], section: idn, check: func(v string) *model.FieldError { return first(model.CheckPhone(v)) }},
		{key: "village", label: catalog["f_village"], section: place},
		{key: "home_town", label: catalog["f_home_town"], section: place},
		{key: "address", label: catalog["f_address"], section: place},
		{key: "current_address", label: catalog["f_current"], section: place},
		{key: "helpers", label: catalog["f_helpers"], section: pipe},
		{key: "ext_cert_no", label: catalog["f_ext_cert_no"], section: pipe},
		{key: "ext_cert_date", label: catalog["f_ext_cert_date"], section: pipe, kind: dateField},
		{key: "occupation", label: catalog["f_occupation"], section: prof},
		{key: "education", label: catalog["f_education"], section: prof},
		{key: "professional", label: catalog["f_professional"], section: prof},
		{key: "political_theory", label: catalog["f_theory"], section: prof},
		{key: "youth_union", label: catalog["f_youth"], section: prof, kind: choiceField, options: yesNo},
		{key: "youth_union_date", label: catalog["f_youth_date"], section: prof, kind: dateField},
		{key: "trade_union", label: catalog["f_trade"], section: prof, kind: choiceField, options: yesNo},
		{key: "womens_union", label: catalog["f_women"], section: prof, kind: choiceField, options: yesNo},
		{key: "discharge_date", label: catalog["f_discharge"], section: prof, kind: dateField},
		{key: "school", label: catalog["f_school"], section: prof},
		{key: "grade", label: catalog["f_grade"], section: prof},
		{key: "enterprise", label: catalog["f_enterprise"], section: prof},
		{key: "achievements", label: catalog["f_achievements"], section: prof},
		{key: "notes", label: catalog["f_notes"], section: prof},
	}
	cell := ""
	if !c.CellID.IsZero() {
		cell = c.CellID.String()
	}
	vals := map[string]string{
		"full_name": c.FullName, "sex": string(c.Sex), "dob": c.DOB.String(), "cccd": c.CCCD, "birth_name": c.BirthName,
		"old_id": c.OldID, "ethnicity": c.Ethnicity, "religion": c.Religion, "phone": c.Phone, "village": c.Village,
		"home_town": c.HomeTown, "address": c.Address, "current_address": c.CurrentAddress, "source": string(c.Source),
		"cell": cell, "helpers": strings.Join(c.Helpers, ", "), "ext_cert_no": c.ExtCert.No, "ext_cert_date": c.ExtCert.Date.String(),
		"occupation": c.Occupation, "education": c.Education, "professional": c.Professional, "political_theory": c.PoliticalTheory,
		"youth_union": boolCode(c.YouthUnion), "youth_union_date": c.YouthUnionDate.String(), "trade_union": boolCode(c.TradeUnion),
		"womens_union": boolCode(c.WomensUnion), "discharge_date": c.DischargeDate.String(), "school": c.School, "grade": c.Grade,
		"enterprise": c.Enterprise, "achievements": c.Achievements, "notes": c.Notes,
	}
	title := e.t("new_cand")
	if !c.ID.IsZero() {
		title = e.t("edit_cand")
	}
	f = newForm(title, e.lang, fields, vals)
	f.setSize(s.w, s.h)
	s.form = f
	s.cur = c
	s.mode = formMode
	return f.fields[0].input.Focus()
}

func parseDateOr0(v string) model.Date { d, _ := model.ParseDate(v); return d }

func (s *sourcesScreen) submit(v map[string]string) tea.Cmd {
	e := s.e
	if e.store.ReadOnly() {
		s.form.err = e.t("readonly_err")
		return nil
	}
	c := s.cur
	c.FullName, c.Sex, c.DOB, c.CCCD, c.BirthName = v["full_name"], model.Sex(v["sex"]), parseDateOr0(v["dob"]), v["cccd"], v["birth_name"]
	c.OldID, c.Ethnicity, c.Religion, c.Phone, c.Village = v["old_id"], v["ethnicity"], v["religion"], v["phone"], v["village"]
	c.HomeTown, c.Address, c.CurrentAddress, c.Source = v["home_town"], v["address"], v["current_address"], model.SourceGroup(v["source"])
	c.CellID, _ = model.ParseID(v["cell"])
	c.Helpers = nil
	for _, h := range strings.Split(v["helpers"], ",") {
		if h = strings.TrimSpace(h); h != "" {
			c.Helpers = append(c.Helpers, h)
		}
	}
	c.ExtCert.No, c.ExtCert.Date = v["ext_cert_no"], parseDateOr0(v["ext_cert_date"])
	c.Occupation, c.Education, c.Professional, c.PoliticalTheory = v["occupation"], v["education"], v["professional"], v["political_theory"]
	c.YouthUnion, c.YouthUnionDate, c.TradeUnion, c.WomensUnion = v["youth_union"] == "1", parseDateOr0(v["youth_union_date"]), v["trade_union"] == "1", v["womens_union"] == "1"
	c.DischargeDate, c.School, c.Grade, c.Enterprise = parseDateOr0(v["discharge_date"]), v["school"], v["grade"], v["enterprise"]
	c.Achievements, c.Notes = v["achievements"], v["notes"]
	if c.Stage == "" {
		c.Stage = model.StageSource
		c.Steps = map[model.Stage]model.Step{model.StageSource: {Date: e.today()}}
	}
	c.Normalize()
	if s.form.setProblems(c.Validate(e.today())) {
		return nil
	}
	return s.saveCmd(c)
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
	head := e.st.Title.Render(e.t("col_source")) + "  " + e.st.Muted.Render(s.tbl.Count())
	if len(parts) > 0 {
		head += "  " + e.st.Warning.Render(e.tf("filters", model.Escape(strings.Join(parts, " · "))))
	}
	return head + "\n" + s.tbl.View(e.st, e.t("cands_empty"))
}

func (s *sourcesScreen) detailView() string {
	e, c, st := s.e, s.cur, s.e.st
	var lines []string
	// A section heading is written only when a line follows it.
	pending := ""
	sec := func(k string) { pending = k }
	add := func(k, v string) {
		if strings.TrimSpace(v) == "" {
			return
		}
		if pending != "" {
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, st.Section.Render("── "+e.t(pending)))
			pending = ""
		}
		lines = append(lines, pad(e.t(k), 20, false)+model.Escape(v))
	}
	age := ""
	if c.DOB != 0 {
		age = " (" + e.tf("years", model.MonthsBetween(c.DOB, e.today())/12) + ")"
	}
	// The name and where the person stands span the full width above the columns.
	header := []string{st.Title.Render(model.Escape(c.FullName)) + "  " +
		st.Status.Render(model.Label(model.Stages, string(c.Stage), e.lang))}
	if c.Outcome != "" {
		header = append(header, st.Warning.Render(e.tf("outcome", model.Label(model.Outcomes, string(c.Outcome), e.lang), model.Escape(c.OutcomeReason))))
	}
	sec("sec_identity")
	add("f_sex", model.Label(model.Sexes, string(c.Sex), e.lang))
	add("f_dob", c.DOB.String()+age)
	add("f_cccd", c.CCCD)
	add("f_birth_name", c.BirthName)
	add("f_old_id", c.OldID)
	add("f_ethnicity", model.Label(model.Ethnicities, c.Ethnicity, e.lang))
	add("f_religion", model.Label(model.Religions, c.Religion, e.lang))
	add("f_phone", c.Phone)
	sec("sec_place")
	add("f_village", c.Village)
	add("f_home_town", c.HomeTown)
	add("f_address", c.Address)
	add("f_current", c.CurrentAddress)
	sec("sec_pipeline")
	add("f_source", model.Label(model.SourceGroups, string(c.Source), e.lang))
	add("f_cell", e.d.cellName(c.CellID))
	add("f_helpers", strings.Join(c.Helpers, ", "))
	sec("sec_profile")
	add("f_occupation", c.Occupation)
	add("f_education", c.Education)
	add("f_professional", c.Professional)
	add("f_theory", c.PoliticalTheory)
	if c.YouthUnion {
		add("f_youth", e.t("yes")+" "+c.YouthUnionDate.String())
	}
	if c.TradeUnion {
		add("f_trade", e.t("yes"))
	}
	if c.WomensUnion {
		add("f_women", e.t("yes"))
	}
	add("f_discharge", c.DischargeDate.String())
	add("f_school", strings.TrimSpace(c.School+" "+c.Grade))
	add("f_enterprise", c.Enterprise)
	add("f_achievements", c.Achievements)
	add("f_notes", c.Notes)
	// The pipeline, certificates and history go in a second column when the
	// window is wide enough, so a clerk sees the whole file without scrolling.
	var right []string
	right = append(right, st.Section.Render("── "+e.t("certs")))
	right = append(right, s.certLines()...)
	right = append(right, s.pipelineLines()...)
	right = append(right, "", st.Section.Render("── "+e.t("history")))
	if len(c.History) == 0 {
		right = append(right, st.Muted.Render(e.t("no_history")))
	}
	// Newest first: the last change is what a clerk looks for.
	for i := len(c.History) - 1; i >= 0; i-- {
		right = append(right, s.eventLines(c.History[i])...)
	}
	if s.w >= 100 {
		lw := s.w * 40 / 100
		rw := s.w - lw - 1
		n := max(len(lines), len(right))
		merged := make([]string, n)
		for i := 0; i < n; i++ {
			l, r := "", ""
			if i < len(lines) {
				l = lines[i]
			}
			if i < len(right) {
				r = right[i]
			}
			merged[i] = pad(l, lw, false) + " " + ansi.Truncate(r, rw, "…")
		}
		lines = merged
	} else {
		lines = append(append(lines, ""), right...)
	}
	if s.scroll > len(lines)-1 {
		s.scroll = max(0, len(lines)-1)
	}
	end := min(len(lines), s.scroll+max(1, s.h-len(header)))
	return strings.Join(append(header, lines[s.scroll:end]...), "\n")
}

// certLines lists the candidate's classes with certificate and expiry (60 months).
func (s *sourcesScreen) certLines() []string {
	e, c, st := s.e, s.cur, s.e.st
	var out []string
	for _, cl := range e.d.classes {
		for _, en := range cl.Enrolments {
			if en.Candidate != c.ID {
				continue
			}
			out = append(out, model.Escape(cl.Name)+" — "+model.Label(model.Results, string(en.Result), e.lang))
			if en.CertDate == 0 {
				continue
			}
			line := "  " + e.tf("cert_line", model.Escape(en.CertNo), en.CertDate.String(), en.CertExpiry().String())
			if en.CertExpiry() < e.today() {
				line = st.Error.Render(line + " " + e.t("cert_expired"))
			} else {
				line = st.OK.Render(line)
			}
			out = append(out, line)
		}
	}
	if c.ExtCert.Date != 0 {
		exp := c.ExtCert.Date.AddMonths(model.CertValidityMonths)
		out = append(out, model.Escape(c.ExtCert.Issuer)+" — "+e.t("ext_cert"))
		line := "  " + e.tf("cert_line", model.Escape(c.ExtCert.No), c.ExtCert.Date.String(), exp.String())
		if exp < e.today() {
			line = st.Error.Render(line + " " + e.t("cert_expired"))
		}
		out = append(out, line)
	}
	if len(out) == 0 {
		out = append(out, st.Muted.Render(e.t("no_classes")))
	}
	return out
}

func (s *sourcesScreen) eventLines(ev model.Event) []string {
	e := s.e
	from := model.Label(model.Stages, string(ev.From), e.lang)
	to := model.Label(model.Stages, string(ev.To), e.lang)
	if ev.Outcome != "" {
		to = model.Label(model.Outcomes, string(ev.Outcome), e.lang)
	}
	head := fmt.Sprintf("%s  %s → %s", model.DateOf(ev.At.Local()).String(), from, to)
	if ev.By != "" {
		head += e.st.Muted.Render(" (" + model.Escape(ev.By) + ")")
	}
	out := []string{head}
	// The reason and any override get lines of their own: they are what a
	// reviewer reads, and they are often longer than the column.
	if ev.Reason != "" {
		out = append(out, "   "+model.Escape(ev.Reason))
	}
	if ev.Override != "" {
		out = append(out, "   "+e.st.Warning.Render(e.t("override")+": "+model.Escape(ev.Override)))
	}
	return out
}

// shortCell drops the "Chi bộ" every cell name starts with, so a narrow
// column shows the part that tells cells apart.
func shortCell(name string) string {
	if rest, ok := strings.CutPrefix(name, "Chi bộ "); ok && rest != "" {
		return rest
	}
	return name
}
