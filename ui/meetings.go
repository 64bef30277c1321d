package ui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
	"nguon/store"
)

type (
	// meetingClosedMsg carries the closed meeting and the minutes file.
	meetingClosedMsg struct {
		cm      store.ClosedMeeting
		minutes string
		err     error
	}
	// agendaLoadedMsg carries the full records of a meeting's agenda for meeting mode.
	agendaLoadedMsg struct{ cands map[model.ID]model.Candidate }
)

// meetingsScreen is the Họp tab: the list of meetings, a meeting's agenda,
// and meeting mode, run from the keyboard in front of the cell.
type meetingsScreen struct {
	listScreen
	formOf string // "meeting", "votes", "note"
	cur    model.Meeting
	item   int
	// pending is the agenda item a votes or note form is filling in.
	pending model.AgendaItem
	cands   map[model.ID]model.Candidate
}

func newMeetings(e *env) *meetingsScreen {
	s := &meetingsScreen{}
	s.init(e, s, s.columns(), named(func() int { return len(s.e.d.meetings) }, func(i int) string {
		m := s.e.d.meetings[i]
		return s.e.d.cellName(m.Cell) + " " + model.Label(model.MeetingKinds, string(m.Kind), s.e.lang)
	}), 0, true, "m_none")
	s.parent[runMode] = detailMode
	s.parent[sumMode] = runMode
	return s
}

func (s *meetingsScreen) columns() []column {
	meeting := func(i int) model.Meeting { return s.e.d.meetings[i] }
	items := func(i int) int { return len(meeting(i).Items) }
	return []column{
		{title: catalog["f_meeting_date"], width: 12, text: func(i int) string { return meeting(i).Date.String() },
			cmp: byDate(func(i int) model.Date { return meeting(i).Date })},
		{title: catalog["col_cell"], width: 22, flex: true, text: func(i int) string { return s.e.d.cellName(meeting(i).Cell) }},
		{title: catalog["col_kind"], width: 26, text: func(i int) string { return model.Label(model.MeetingKinds, string(meeting(i).Kind), s.e.lang) }},
		{title: catalog["m_items"], width: 8, right: true, text: func(i int) string { return strconv.Itoa(items(i)) }, cmp: byInt(items)},
		{title: catalog["m_state"], width: 12, text: func(i int) string {
			if meeting(i).Closed {
				return s.e.t("m_closed")
			}
			return s.e.t("m_open")
		}},
	}
}

func (s *meetingsScreen) heading() string { return s.title("m_title") }

func (s *meetingsScreen) listActions() []action {
	e, k := s.e, s.e.keys
	sel := s.tbl.Selected()
	has := sel >= 0
	pick := func() model.Meeting { return e.d.meetings[sel] }
	return []action{
		act(k.Open, func() tea.Cmd { s.cur, s.item, s.mode = pick(), 0, detailMode; return s.loadAgenda() }).when(has),
		act(k.New, func() tea.Cmd {
			s.cur = model.Meeting{}
			return s.openForm(model.Meeting{Date: e.today(), Kind: model.MeetingAdmission}, listMode)
		}),
		act(k.Delete, func() tea.Cmd { return s.askDelete(pick()) }).when(has),
	}
}

func (s *meetingsScreen) detailActions() []action {
	k, n, open := s.e.keys, len(s.cur.Items), !s.cur.Closed
	return []action{
		act(k.Up, do(func() { s.item = max(0, s.item-1) })),
		act(k.Down, do(func() { s.item = min(max(0, n-1), s.item+1) })),
		act(k.Top, do(func() { s.item = 0 })).inHelpOnly(),
		act(k.Bottom, do(func() { s.item = max(0, n-1) })).inHelpOnly(),
		act(k.StartMeeting, func() tea.Cmd {
			if n == 0 {
				return reportErr(&model.FieldError{Msg: catalog["m_empty"]}, s.e.lang)
			}
			s.mode = runMode
			return s.loadAgenda()
		}),
		act(k.AddToAgenda, do(s.pickCandidate)).when(open),
		act(k.Delete, func() tea.Cmd {
			id := s.cur.Items[s.item].Candidate
			s.item = max(0, min(s.item, n-2))
			return s.meetingCmd(func() (model.Meeting, error) { return s.e.store.RemoveFromAgenda(s.cur.ID, id) })
		}).when(open && n > 0),
		act(k.Edit, func() tea.Cmd { return s.openForm(s.cur, detailMode) }).when(open),
	}
}

// meetingCmd runs a meeting workflow of the store.
func (s *meetingsScreen) meetingCmd(run func() (model.Meeting, error)) tea.Cmd { return runCmd(run) }

func (s *meetingsScreen) askDelete(m model.Meeting) tea.Cmd {
	e := s.e
	if m.Closed {
		return reportErr(&model.FieldError{Msg: catalog["m_closed_nodelete"]}, e.lang)
	}
	return deleteCmd(e, m.Date.String()+" "+e.d.cellName(m.Cell), m.ID, e.store.Meeting, e.store.DeleteMeeting)
}

func (s *meetingsScreen) loadAgenda() tea.Cmd {
	st, ids := s.e.store, make([]model.ID, 0, len(s.cur.Items))
	for _, it := range s.cur.Items {
		ids = append(ids, it.Candidate)
	}
	return func() tea.Msg {
		out := make(map[model.ID]model.Candidate, len(ids))
		for _, id := range ids {
			if c, err := st.Candidate(id); err == nil {
				out[id] = c
			}
		}
		return agendaLoadedMsg{out}
	}
}

func (s *meetingsScreen) handle(msg tea.Msg) (bool, tea.Cmd) {
	e := s.e
	switch msg := msg.(type) {
	case savedMsg[model.Meeting]:
		e.d.putMeeting(msg.v)
		s.cur = msg.v
		s.tbl.reload()
		status := s.afterSave(msg.restored, msg.v.Date.String()+" "+e.d.cellName(msg.v.Cell))
		if !msg.restored {
			status = nil // meeting mode saves at every key: no "saved" each time
		}
		return true, tea.Batch(status, s.loadAgenda())
	case agendaLoadedMsg:
		s.cands = msg.cands
	case removedMsg[model.Meeting]:
		e.d.dropMeeting(msg.v.ID)
		s.tbl.reload()
		return true, s.removed(msg.v.Date.String()+" "+e.d.cellName(msg.v.Cell), restoreCmd(e, msg.v))
	case meetingClosedMsg:
		if msg.err != nil {
			s.mode = sumMode
			return true, reportErr(msg.err, e.lang)
		}
		e.d.putMeeting(msg.cm.Meeting)
		for _, c := range msg.cm.Changed {
			e.d.putRow(c.Row())
		}
		s.cands = msg.cm.Agenda
		s.cur, s.mode = msg.cm.Meeting, detailMode
		return true, tea.Batch(func() tea.Msg { return dataChangedMsg{} }, reportInfo(e.tf("m_closed_ok", msg.minutes)))
	default:
		return false, nil
	}
	return true, nil
}

func (s *meetingsScreen) pickCandidate() {
	e := s.e
	var opts []model.Option
	for _, r := range e.d.rows {
		if r.Cell == s.cur.Cell && r.Outcome == "" && r.Stage != model.StageOfficial {
			label := r.Name + " — " + model.Label(model.Stages, string(r.Stage), e.lang)
			opts = append(opts, model.Option{Code: r.ID.String(), Label: model.Text{VI: label, EN: label}})
		}
	}
	s.openPick(newPicker(e.t("m_pick"), opts, e.lang), detailMode)
}

func (s *meetingsScreen) picked(o *model.Option) tea.Cmd {
	id, _ := model.ParseID(o.Code)
	for _, it := range s.cur.Items {
		if it.Candidate == id {
			return nil
		}
	}
	s.item = len(s.cur.Items)
	mid := s.cur.ID
	return s.meetingCmd(func() (model.Meeting, error) { return s.e.store.AddToAgenda(mid, id) })
}

func (s *meetingsScreen) openForm(m model.Meeting, back mode) tea.Cmd {
	s.formOf = "meeting"
	return openRecord(&s.listScreen, "m_new", "m_edit", m.ID.IsZero(), model.MeetingFields, m, back)
}

func (s *meetingsScreen) submit(v map[string]string) tea.Cmd {
	if s.formOf != "meeting" {
		return s.submitItem(v)
	}
	e := s.e
	m, p := fromForm(model.MeetingFields, cloneMeeting(s.cur), v)
	if s.form.setProblems(p) {
		return nil
	}
	if i, ok := e.d.cellIdx[m.Cell]; ok && m.Members == 0 {
		m.Members = e.d.cells[i].OfficialMembers
	}
	if m.ID.IsZero() {
		// Propose the agenda: the cell's candidates ready for this kind of meeting.
		for _, r := range e.d.rows {
			if r.Cell == m.Cell && model.ReadyFor(m.Kind, r, m.Date) {
				m.Items = append(m.Items, model.AgendaItem{Candidate: r.ID})
			}
		}
	}
	s.item = 0
	m.Normalize()
	if s.form.setProblems(m.Validate()) {
		return nil
	}
	return putCmd(s.e.store.PutMeeting, m)
}

func cloneMeeting(m model.Meeting) model.Meeting {
	m.Items = append([]model.AgendaItem(nil), m.Items...)
	return m
}

func (s *meetingsScreen) view() string {
	return s.listScreen.view()
}

func (s *meetingsScreen) header() string {
	e, m := s.e, s.cur
	// The attendance line ends with the two-thirds base: wrapped, never cut.
	return strings.Join(wrapTo([]string{
		e.st.Title.Render(fmt.Sprintf("%s — %s — %s", e.d.cellName(m.Cell), m.Date.String(), model.Label(model.MeetingKinds, string(m.Kind), e.lang))),
		e.tf("m_attendance", m.Members, m.Attached, m.ExemptAbsent, m.Present, m.VoteFor(model.AgendaItem{}).Base()),
	}, s.w), "\n")
}

// agendaLines lists the agenda with each decision, the selected line marked.
func (s *meetingsScreen) agendaLines(mark bool) string {
	var b strings.Builder
	for i, it := range s.cur.Items {
		name := pad(strconv.Itoa(i+1)+". "+model.Escape(s.e.d.candName(it.Candidate)), 34, false)
		if mark && i == s.item {
			name = s.e.st.Selected.Render(name)
		}
		b.WriteString(name + " " + s.decisionText(it) + "\n")
	}
	return b.String()
}

func (s *meetingsScreen) detailView() string {
	e, st := s.e, s.e.st
	var b strings.Builder
	b.WriteString(s.header() + "\n")
	if s.cur.Closed {
		b.WriteString(st.OK.Render(e.t("m_closed")) + "\n")
	}
	b.WriteString("\n" + st.Section.Render("── "+e.tf("m_agenda", len(s.cur.Items))) + "\n")
	if len(s.cur.Items) == 0 {
		b.WriteString(st.Muted.Render(e.t("m_agenda_empty")) + "\n")
	}
	b.WriteString(s.agendaLines(true))
	return strings.TrimRight(b.String(), "\n")
}
