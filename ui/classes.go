package ui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

type (
	classSavedMsg   struct{ c model.Class }
	classDeletedMsg struct{ c model.Class }
)

// classesScreen lists the awareness classes; its detail view manages enrolments.
type classesScreen struct {
	base
	formOf string // "class" or "cert"
	cur    model.Class
	enrol  int // cursor in the enrolment list
}

func newClasses(e *env) *classesScreen {
	s := &classesScreen{base: base{e: e}}
	s.tbl = newTable(s.columns(), classSource{s}, 2)
	s.tbl.desc = true
	s.tbl.reload()
	return s
}

func (s *classesScreen) columns() []column {
	e := s.e
	return []column{
		{title: e.t("f_class_name"), width: 26, flex: true},
		{title: e.t("col_group"), width: 18},
		{title: e.t("col_dates"), width: 23},
		{title: e.t("col_enrolled"), width: 8, right: true},
		{title: e.t("col_passed"), width: 6, right: true},
	}
}

func (s *classesScreen) relabel() { s.tbl.cols = s.columns() }

type classSource struct{ s *classesScreen }

func (c classSource) Len() int { return len(c.s.e.d.classes) }

func passed(cl model.Class) int {
	n := 0
	for _, e := range cl.Enrolments {
		if e.Result == model.ResultPassed {
			n++
		}
	}
	return n
}

func (c classSource) Cell(i, col int) string {
	e := c.s.e
	cl := e.d.classes[i]
	switch col {
	case 0:
		return cl.Name
	case 1:
		return model.Label(model.SourceGroups, string(cl.TargetGroup), e.lang)
	case 2:
		return cl.Start.String() + "–" + cl.End.String()
	case 3:
		return strconv.Itoa(len(cl.Enrolments))
	case 4:
		return strconv.Itoa(passed(cl))
	}
	return ""
}

func (c classSource) Search(i int) (string, string) {
	n := c.s.e.d.classes[i].Name
	return model.Fold(n), n
}

func (c classSource) Less(a, b, col int) bool {
	ca, cb := c.s.e.d.classes[a], c.s.e.d.classes[b]
	switch col {
	case 2:
		return ca.Start < cb.Start
	case 3:
		return len(ca.Enrolments) < len(cb.Enrolments)
	case 4:
		return passed(ca) < passed(cb)
	}
	return model.SortKey(c.Cell(a, col)) < model.SortKey(c.Cell(b, col))
}

func (s *classesScreen) shortHelp() []key.Binding {
	k := s.e.keys
	switch s.mode {
	case formMode:
		return []key.Binding{k.NextField, k.PrevField, k.Save, k.Cancel}
	case pickMode:
		return []key.Binding{k.Up, k.Down, k.Open, k.Cancel}
	case detailMode:
		return []key.Binding{k.Up, k.Down, k.Enrol, k.Result, k.Open, k.Edit, k.Delete, k.Back}
	}
	if s.tbl.capturing() {
		return []key.Binding{k.Open, k.Back}
	}
	return []key.Binding{k.Up, k.Down, k.Open, k.Filter, k.New, k.Edit, k.Delete, k.Sort}
}

func (s *classesScreen) fullHelp() [][]key.Binding {
	k := s.e.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Top, k.Bottom},
		{k.Open, k.Filter, k.Sort, k.SortReverse, k.Back},
		{k.New, k.Edit, k.Delete, k.Undo},
		{k.Enrol, k.Result},
		{k.NextField, k.PrevField, k.Save, k.Cancel},
	}
}

func (s *classesScreen) update(msg tea.Msg) tea.Cmd {
	e := s.e
	switch msg := msg.(type) {
	case dataChangedMsg:
		s.tbl.reload()
		return nil
	case classSavedMsg:
		e.d.putClass(msg.c)
		s.cur = msg.c
		s.form = nil
		s.mode = detailMode
		s.enrol = min(s.enrol, max(0, len(s.cur.Enrolments)-1))
		s.tbl.reload()
		return tea.Batch(reportInfo(e.t("saved")), statsChanged)
	case classDeletedMsg:
		e.d.dropClass(msg.c.ID)
		s.mode = listMode
		s.tbl.reload()
		c := msg.c
		return tea.Batch(statsChanged, func() tea.Msg { return deletedMsg{label: c.Name, undo: s.saveCmd(c)} })
	case saveErrMsg:
		return s.saveFailed(msg.err)
	case formSubmitMsg:
		return s.submit(msg.values)
	case formCancelMsg:
		s.closeForm(!s.cur.ID.IsZero())
		return nil
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
	sel := func() (model.Class, bool) {
		if i := s.tbl.Selected(); i >= 0 {
			return e.d.classes[i], true
		}
		return model.Class{}, false
	}
	switch {
	case key.Matches(km, k.Open):
		if c, ok := sel(); ok {
			s.cur, s.enrol, s.mode = c, 0, detailMode
		}
	case key.Matches(km, k.New):
		s.cur = model.Class{}
		return s.openForm(model.Class{})
	case key.Matches(km, k.Edit):
		if c, ok := sel(); ok {
			s.cur = c
			return s.openForm(c)
		}
	case key.Matches(km, k.Delete):
		if c, ok := sel(); ok {
			st := e.store
			return confirm(e.tf("delete_q", model.Escape(c.Name)), func() tea.Msg {
				if err := st.DeleteClass(c.ID); err != nil {
					return saveErrMsg{err}
				}
				return classDeletedMsg{c}
			})
		}
	}
	return nil
}

func (s *classesScreen) saveCmd(c model.Class) tea.Cmd {
	st := s.e.store
	return func() tea.Msg {
		if err := st.PutClass(&c); err != nil {
			return saveErrMsg{err}
		}
		return classSavedMsg{c}
	}
}

func (s *classesScreen) updateDetail(msg tea.Msg) tea.Cmd {
	e := s.e
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := e.keys
	n := len(s.cur.Enrolments)
	switch {
	case key.Matches(km, k.Back):
		s.mode = listMode
	case key.Matches(km, k.Up):
		s.enrol = max(0, s.enrol-1)
	case key.Matches(km, k.Down):
		s.enrol = min(max(0, n-1), s.enrol+1)
	case key.Matches(km, k.Edit):
		return s.openForm(s.cur)
	case key.Matches(km, k.Enrol):
		opts := make([]model.Option, 0, len(e.d.rows))
		for _, r := range e.d.rows {
			if r.Outcome == "" {
				label := r.Name + " — " + r.DOB.String() + " — " + e.d.cellName(r.Cell)
				opts = append(opts, model.Option{Code: r.ID.String(), Label: model.Text{VI: label, EN: label}})
			}
		}
		s.pick = newPicker(e.t("pick_cand"), opts, e.lang)
		s.pick.height = s.h
		s.mode = pickMode
	case key.Matches(km, k.Result) && n > 0:
		c := cloneClass(s.cur)
		en := &c.Enrolments[s.enrol]
		for i, o := range model.Results {
			if o.Code == string(en.Result) {
				en.Result = model.EnrolmentResult(model.Results[(i+1)%len(model.Results)].Code)
				break
			}
		}
		if en.Result != model.ResultPassed {
			en.CertNo, en.CertDate = "", 0
		}
		return s.saveCmd(c)
	case key.Matches(km, k.Open) && n > 0:
		return s.openCert()
	case key.Matches(km, k.Delete) && n > 0:
		c := cloneClass(s.cur)
		name := s.e.d.candName(c.Enrolments[s.enrol].Candidate)
		c.Enrolments = append(c.Enrolments[:s.enrol], c.Enrolments[s.enrol+1:]...)
		return confirm(e.tf("remove_enrol_q", model.Escape(name)), s.saveCmd(c))
	}
	return nil
}

func cloneClass(c model.Class) model.Class {
	c.Enrolments = append([]model.Enrolment(nil), c.Enrolments...)
	return c
}

func (s *classesScreen) updatePick(msg tea.Msg) tea.Cmd {
	e := s.e
	done, o, cmd := s.pick.update(msg)
	if !done {
		return cmd
	}
	s.pick = nil
	s.mode = detailMode
	if o == nil {
		return nil
	}
	id, _ := model.ParseID(o.Code)
	for _, en := range s.cur.Enrolments {
		if en.Candidate == id {
			return reportErr(&model.FieldError{Msg: model.Text{VI: trf(model.VI, "already", s.e.d.candName(id)), EN: trf(model.EN, "already", s.e.d.candName(id))}}, e.lang)
		}
	}
	c := cloneClass(s.cur)
	c.Enrolments = append(c.Enrolments, model.Enrolment{Candidate: id, Result: model.ResultEnrolled})
	s.enrol = len(c.Enrolments) - 1
	return s.saveCmd(c)
}

func (s *classesScreen) openCert() tea.Cmd {
	e := s.e
	en := s.cur.Enrolments[s.enrol]
	fields := []*field{
		{key: "result", label: catalog["f_result"], kind: choiceField, options: model.Results, required: true},
		{key: "cert_no", label: catalog["f_cert_no"]},
		{key: "cert_date", label: catalog["f_cert_date"], kind: dateField},
	}
	vals := map[string]string{"result": string(en.Result), "cert_no": en.CertNo, "cert_date": en.CertDate.String()}
	s.form = newForm(e.tf("cert_title", model.Escape(s.e.d.candName(en.Candidate))), e.lang, fields, vals)
	s.form.setSize(s.w, s.h)
	s.formOf = "cert"
	s.mode = formMode
	return nil
}

func (s *classesScreen) openForm(c model.Class) tea.Cmd {
	e := s.e
	fields := []*field{
		{key: "name", label: catalog["f_class_name"], required: true},
		{key: "target_group", label: catalog["f_target_group"], kind: choiceField, options: model.SourceGroups},
		{key: "organiser", label: catalog["f_organiser"]},
		{key: "start", label: catalog["f_start"], kind: dateField, required: true},
		{key: "end", label: catalog["f_end"], kind: dateField},
		{key: "place", label: catalog["f_place"]},
		{key: "notes", label: catalog["f_notes"]},
	}
	vals := map[string]string{"name": c.Name, "target_group": string(c.TargetGroup), "organiser": c.Organiser,
		"start": c.Start.String(), "end": c.End.String(), "place": c.Place, "notes": c.Notes}
	title := e.t("new_class")
	if !c.ID.IsZero() {
		title = e.t("edit_class")
	}
	s.form = newForm(title, e.lang, fields, vals)
	s.form.setSize(s.w, s.h)
	s.formOf = "class"
	s.mode = formMode
	return s.form.fields[0].input.Focus()
}

func (s *classesScreen) submit(v map[string]string) tea.Cmd {
	e := s.e
	if e.store.ReadOnly() {
		s.form.err = e.t("readonly_err")
		return nil
	}
	c := cloneClass(s.cur)
	if s.formOf == "cert" {
		en := &c.Enrolments[s.enrol]
		en.Result, en.CertNo, en.CertDate = model.EnrolmentResult(v["result"]), v["cert_no"], parseDateOr0(v["cert_date"])
	} else {
		c.Name, c.TargetGroup, c.Organiser = v["name"], model.SourceGroup(v["target_group"]), v["organiser"]
		c.Start, c.End, c.Place, c.Notes = parseDateOr0(v["start"]), parseDateOr0(v["end"]), v["place"], v["notes"]
	}
	c.Normalize()
	p := c.Validate()
	if s.formOf == "cert" {
		// Enrolment problems are reported against the whole class; show them on the form's fields.
		for _, x := range p {
			if strings.Contains(x.Field, "cert") {
				x.Field = "cert_date"
			}
		}
	}
	if s.form.setProblems(p) {
		return nil
	}
	return s.saveCmd(c)
}

func (s *classesScreen) view() string {
	e := s.e
	switch s.mode {
	case formMode:
		return s.form.View(e.st)
	case pickMode:
		return s.pick.view(e.st, e.lang)
	case detailMode:
		return s.detailView()
	}
	head := e.st.Title.Render(e.t("classes_title")) + "  " + e.st.Muted.Render(s.tbl.Count())
	return head + "\n" + s.tbl.View(e.st, e.t("classes_empty"))
}

func (s *classesScreen) detailView() string {
	e, c, st := s.e, s.cur, s.e.st
	var b strings.Builder
	b.WriteString(st.Title.Render(model.Escape(c.Name)) + "\n")
	line := func(k, v string) {
		if v != "" {
			b.WriteString(pad(e.t(k), 18, false) + model.Escape(v) + "\n")
		}
	}
	line("f_target_group", model.Label(model.SourceGroups, string(c.TargetGroup), e.lang))
	line("f_organiser", c.Organiser)
	line("col_dates", c.Start.String()+" – "+c.End.String())
	line("f_place", c.Place)
	line("f_notes", c.Notes)
	b.WriteString("\n" + st.Section.Render("── "+e.tf("enrolments", len(c.Enrolments))) + "\n")
	if len(c.Enrolments) == 0 {
		b.WriteString(st.Muted.Render(e.t("no_enrolments")) + "\n")
	}
	h := max(3, s.h-9)
	start := 0
	if s.enrol >= h {
		start = s.enrol - h + 1
	}
	for i := start; i < len(c.Enrolments) && i < start+h; i++ {
		en := c.Enrolments[i]
		cert := ""
		if en.CertDate != 0 {
			cert = fmt.Sprintf("%s  %s → %s", en.CertNo, en.CertDate.String(), en.CertExpiry().String())
		}
		row := pad(model.Escape(s.e.d.candName(en.Candidate)), 28, false) + " " +
			pad(model.Label(model.Results, string(en.Result), e.lang), 12, false) + " " + model.Escape(cert)
		if i == s.enrol {
			row = st.Selected.Render(row)
		}
		b.WriteString(row + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
