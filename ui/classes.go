package ui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

// classesScreen lists the awareness classes; its detail view manages enrolments.
type classesScreen struct {
	listScreen
	formOf string // "class" or "cert"
	cur    model.Class
	enrol  int // cursor in the enrolment list
}

func newClasses(e *env) *classesScreen {
	s := &classesScreen{}
	s.init(e, s, s.columns(), named(func() int { return len(s.e.d.classes) }, func(i int) string { return s.e.d.classes[i].Name }), 2, true, "classes_empty")
	return s
}

func (s *classesScreen) columns() []column {
	class := func(i int) model.Class { return s.e.d.classes[i] }
	enrolled := func(i int) int { return len(class(i).Enrolments) }
	passed := func(i int) int { return model.ClassPassed(class(i)) }
	return []column{
		{title: catalog["f_class_name"], width: 26, flex: true, text: func(i int) string { return class(i).Name }},
		{title: catalog["col_group"], width: 18, text: func(i int) string { return model.Label(model.SourceGroups, string(class(i).TargetGroup), s.e.lang) }},
		{title: catalog["col_dates"], width: 23, text: func(i int) string { return class(i).Start.String() + "–" + class(i).End.String() },
			cmp: byDate(func(i int) model.Date { return class(i).Start })},
		{title: catalog["col_enrolled"], width: 8, right: true, text: func(i int) string { return strconv.Itoa(enrolled(i)) }, cmp: byInt(enrolled)},
		{title: catalog["col_passed"], width: 6, right: true, text: func(i int) string { return strconv.Itoa(passed(i)) }, cmp: byInt(passed)},
	}
}

func (s *classesScreen) heading() string { return s.title("classes_title") }

func (s *classesScreen) listActions() []action {
	k := s.e.keys
	sel := s.tbl.Selected()
	has := sel >= 0
	pick := func() model.Class { return s.e.d.classes[sel] }
	return []action{
		act(k.Open, do(func() { s.cur, s.enrol, s.mode = pick(), 0, detailMode })).when(has),
		act(k.New, func() tea.Cmd { s.cur = model.Class{}; return s.openForm(model.Class{}, listMode) }),
		act(k.Edit, func() tea.Cmd { s.cur = pick(); return s.openForm(s.cur, listMode) }).when(has),
		act(k.Delete, func() tea.Cmd { return s.askDelete(pick()) }).when(has),
	}
}

func (s *classesScreen) detailActions() []action {
	k, n := s.e.keys, len(s.cur.Enrolments)
	return []action{
		act(k.Up, do(func() { s.enrol = max(0, s.enrol-1) })),
		act(k.Down, do(func() { s.enrol = min(max(0, n-1), s.enrol+1) })),
		act(k.Top, do(func() { s.enrol = 0 })).inHelpOnly(),
		act(k.Bottom, do(func() { s.enrol = max(0, n-1) })).inHelpOnly(),
		act(k.Enrol, do(s.pickCandidate)),
		act(k.Result, func() tea.Cmd { return s.classCmd(s.e.store.NextResult, s.enrolled()) }).when(n > 0),
		act(k.Open, s.openCert).when(n > 0),
		act(k.Edit, func() tea.Cmd { return s.openForm(s.cur, detailMode) }),
		act(k.Delete, func() tea.Cmd {
			id := s.enrolled()
			return confirm(s.e.tf("remove_enrol_q", model.Escape(s.e.d.candName(id))), s.classCmd(s.e.store.Unenrol, id))
		}).when(n > 0),
	}
}

func (s *classesScreen) enrolled() model.ID { return s.cur.Enrolments[s.enrol].Candidate }

// classCmd runs an enrolment workflow of the store on the open class.
func (s *classesScreen) classCmd(run func(class, cand model.ID) (model.Class, error), cand model.ID) tea.Cmd {
	id := s.cur.ID
	return runCmd(func() (model.Class, error) { return run(id, cand) })
}

func (s *classesScreen) pickCandidate() {
	e := s.e
	in := map[model.ID]bool{}
	for _, en := range s.cur.Enrolments {
		in[en.Candidate] = true
	}
	opts := make([]model.Option, 0, len(e.d.rows))
	for _, r := range e.d.rows {
		if r.Outcome == "" && !in[r.ID] {
			label := r.Name + " — " + r.DOB.String() + " — " + e.d.cellName(r.Cell)
			opts = append(opts, model.Option{Code: r.ID.String(), Label: model.Text{VI: label, EN: label}})
		}
	}
	s.openPick(newPicker(e.t("pick_cand"), opts, e.lang), detailMode)
}

func (s *classesScreen) picked(o *model.Option) tea.Cmd {
	id, _ := model.ParseID(o.Code)
	s.enrol = len(s.cur.Enrolments)
	return s.classCmd(s.e.store.Enrol, id)
}

func (s *classesScreen) handle(msg tea.Msg) (bool, tea.Cmd) {
	e := s.e
	switch msg := msg.(type) {
	case savedMsg[model.Class]:
		e.d.putClass(msg.v)
		s.cur = msg.v
		s.enrol = min(s.enrol, max(0, len(s.cur.Enrolments)-1))
		s.tbl.reload()
		return true, tea.Batch(s.afterSave(msg.restored, msg.v.Name), statsChanged)
	case removedMsg[model.Class]:
		e.d.dropClass(msg.v.ID)
		s.tbl.reload()
		return true, tea.Batch(statsChanged, s.removed(msg.v.Name, restoreCmd(e, msg.v)))
	}
	return false, nil
}

func (s *classesScreen) askDelete(c model.Class) tea.Cmd {
	return deleteCmd(s.e, c.Name, c.ID, s.e.store.Class, s.e.store.DeleteClass)
}

func (s *classesScreen) openCert() tea.Cmd {
	en := s.cur.Enrolments[s.enrol]
	s.formOf = "cert"
	title := s.e.tf("cert_title", model.Escape(s.e.d.candName(en.Candidate)))
	return s.showForm(recordForm(s.e, title, model.EnrolmentFields, en), detailMode)
}

func (s *classesScreen) openForm(c model.Class, back mode) tea.Cmd {
	s.formOf = "class"
	return openRecord(&s.listScreen, "new_class", "edit_class", c.ID.IsZero(), model.ClassFields, c, back)
}

func (s *classesScreen) submit(v map[string]string) tea.Cmd {
	if s.formOf == "cert" {
		en, p := fromForm(model.EnrolmentFields, s.cur.Enrolments[s.enrol], v)
		if s.form.setProblems(p) {
			return nil
		}
		// The enrolment's rules are the class's: check them on the class as
		// it would be, and show them on the certificate's fields.
		c := s.cur
		c.Enrolments = append([]model.Enrolment(nil), c.Enrolments...)
		c.Enrolments[s.enrol] = en
		c.Normalize()
		p = c.Validate()
		for _, x := range p {
			if x.Field == "enrolments" {
				x.Field = "cert_date"
			}
		}
		if s.form.setProblems(p) {
			return nil
		}
		id, st := s.cur.ID, s.e.store
		return runCmd(func() (model.Class, error) { return st.SetEnrolment(id, en) })
	}
	c, p := fromForm(model.ClassFields, s.cur, v)
	if s.form.setProblems(p) {
		return nil
	}
	c.Normalize()
	if s.form.setProblems(c.Validate()) {
		return nil
	}
	return putCmd(s.e.store.PutClass, c)
}

func (s *classesScreen) detailView() string {
	e, c, st := s.e, s.cur, s.e.st
	var b strings.Builder
	b.WriteString(st.Title.Render(model.Escape(c.Name)) + "\n")
	b.WriteString(detailLines(e, model.ClassFields, &c, 18, func(k string) bool { return k != "name" }))
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
