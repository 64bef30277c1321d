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
	s.init(e, s, s.columns(e), classSource{s}, 2, true, "classes_empty")
	return s
}

func (s *classesScreen) columns(e *env) []column {
	return []column{
		{title: e.t("f_class_name"), width: 26, flex: true},
		{title: e.t("col_group"), width: 18},
		{title: e.t("col_dates"), width: 23},
		{title: e.t("col_enrolled"), width: 8, right: true},
		{title: e.t("col_passed"), width: 6, right: true},
	}
}

func (s *classesScreen) relabel() { s.tbl.cols = s.columns(s.e) }

type classSource struct{ s *classesScreen }

func (c classSource) Len() int { return len(c.s.e.d.classes) }

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
		return strconv.Itoa(model.ClassPassed(cl))
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
		return model.ClassPassed(ca) < model.ClassPassed(cb)
	}
	return model.SortKey(c.Cell(a, col)) < model.SortKey(c.Cell(b, col))
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
		s.cur, s.form, s.mode = msg.v, nil, detailMode
		s.enrol = min(s.enrol, max(0, len(s.cur.Enrolments)-1))
		s.tbl.reload()
		return true, tea.Batch(reportInfo(e.t("saved")), statsChanged)
	case removedMsg[model.Class]:
		e.d.dropClass(msg.v.ID)
		return true, s.removed(msg.v.Name, restoreCmd(e, msg.v))
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
	title := s.e.t("new_class")
	if !c.ID.IsZero() {
		title = s.e.t("edit_class")
	}
	s.formOf = "class"
	return s.showForm(recordForm(s.e, title, model.ClassFields, c), back)
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
