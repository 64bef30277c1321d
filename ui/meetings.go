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
	s.init(e, s, s.columns(e), meetingSource{s}, 0, true, "m_none")
	s.parent[runMode] = detailMode
	s.parent[sumMode] = runMode
	return s
}

func (s *meetingsScreen) columns(e *env) []column {
	return []column{
		{title: e.t("f_meeting_date"), width: 12},
		{title: e.t("col_cell"), width: 22, flex: true},
		{title: e.t("col_kind"), width: 26},
		{title: e.t("m_items"), width: 8, right: true},
		{title: e.t("m_state"), width: 12},
	}
}

func (s *meetingsScreen) relabel() { s.tbl.cols = s.columns(s.e) }

type meetingSource struct{ s *meetingsScreen }

func (c meetingSource) Len() int { return len(c.s.e.d.meetings) }

func (c meetingSource) Cell(i, col int) string {
	e := c.s.e
	m := e.d.meetings[i]
	switch col {
	case 0:
		return m.Date.String()
	case 1:
		return e.d.cellName(m.Cell)
	case 2:
		return model.Label(model.MeetingKinds, string(m.Kind), e.lang)
	case 3:
		return strconv.Itoa(len(m.Items))
	case 4:
		if m.Closed {
			return e.t("m_closed")
		}
		return e.t("m_open")
	}
	return ""
}

func (c meetingSource) Search(i int) (string, string) {
	n := c.Cell(i, 1) + " " + c.Cell(i, 2)
	return model.Fold(n), n
}

func (c meetingSource) Less(a, b, col int) bool {
	ma, mb := c.s.e.d.meetings[a], c.s.e.d.meetings[b]
	switch col {
	case 0:
		return ma.Date < mb.Date
	case 3:
		return len(ma.Items) < len(mb.Items)
	}
	return model.SortKey(c.Cell(a, col)) < model.SortKey(c.Cell(b, col))
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
		s.cur, s.form = msg.v, nil
		if s.mode != runMode {
			s.mode = detailMode
		}
		s.tbl.reload()
		return true, s.loadAgenda()
	case agendaLoadedMsg:
		s.cands = msg.cands
	case removedMsg[model.Meeting]:
		e.d.dropMeeting(msg.v.ID)
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
	title := s.e.t("m_new")
	if !m.ID.IsZero() {
		title = s.e.t("m_edit")
	}
	s.formOf = "meeting"
	return s.showForm(recordForm(s.e, title, model.MeetingFields, m), back)
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
	return e.st.Title.Render(fmt.Sprintf("%s — %s — %s", e.d.cellName(m.Cell), m.Date.String(), model.Label(model.MeetingKinds, string(m.Kind), e.lang))) +
		"\n" + e.tf("m_attendance", m.Members, m.Attached, m.ExemptAbsent, m.Present, m.VoteFor(model.AgendaItem{}).Base())
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

func init() {
	for k, v := range map[string]model.Text{
		"f_resolution_no":   {VI: "Số nghị quyết", EN: "Resolution no."},
		"m_title":           {VI: "Cuộc họp", EN: "Meetings"},
		"m_none":            {VI: "Chưa có cuộc họp nào. Bấm n để tạo.", EN: "No meetings yet. Press n to start one."},
		"m_items":           {VI: "Số người", EN: "People"},
		"m_state":           {VI: "Trạng thái", EN: "State"},
		"m_open":            {VI: "Đang mở", EN: "Open"},
		"m_closed":          {VI: "Đã kết thúc", EN: "Closed"},
		"m_new":             {VI: "Cuộc họp mới", EN: "New meeting"},
		"m_edit":            {VI: "Sửa cuộc họp", EN: "Edit meeting"},
		"m_chair":           {VI: "Chủ trì", EN: "Chair"},
		"m_secretary":       {VI: "Thư ký", EN: "Secretary"},
		"m_attendance":      {VI: "ĐV chính thức %d, sinh hoạt nơi khác %d, miễn và vắng %d, có mặt %d — cơ sở tính 2/3: %d", EN: "Members %d, attached elsewhere %d, exempt absent %d, present %d — two-thirds base: %d"},
		"m_agenda":          {VI: "Danh sách xem xét (%d)", EN: "Agenda (%d)"},
		"m_agenda_empty":    {VI: "Chưa có ai trong danh sách. Bấm a để thêm.", EN: "Nobody on the agenda. Press a to add someone."},
		"m_pick":            {VI: "Thêm người vào danh sách xem xét", EN: "Add someone to the agenda"},
		"m_undecided":       {VI: "chưa quyết định", EN: "undecided"},
		"m_decision":        {VI: "Kết quả xét", EN: "Result"},
		"m_age_at":          {VI: "%d tuổi %d tháng tại ngày họp", EN: "%d years %d months on the meeting date"},
		"m_cert":            {VI: "Giấy chứng nhận NTVĐ", EN: "Class certificate"},
		"m_vote_passes":     {VI: "đạt 2/3", EN: "two-thirds reached"},
		"m_vote_fails":      {VI: "chưa đạt 2/3", EN: "two-thirds not reached"},
		"m_votes_title":     {VI: "Kết quả biểu quyết — %s", EN: "Votes — %s"},
		"m_note_title":      {VI: "Ghi chú — %s", EN: "Note — %s"},
		"m_summary":         {VI: "Tổng hợp trước khi kết thúc", EN: "Summary before closing"},
		"m_close_hint":      {VI: "Bấm ctrl+e để ghi các quyết định vào hồ sơ và lập biên bản, esc để quay lại.", EN: "Press ctrl+e to apply the decisions and write the minutes, esc to go back."},
		"m_apply_q":         {VI: "Ghi tất cả quyết định vào hồ sơ và kết thúc cuộc họp? (y/N)", EN: "Apply every decision and close the meeting? (y/N)"},
		"m_closed_ok":       {VI: "Đã kết thúc cuộc họp; biên bản: %s", EN: "Meeting closed; minutes: %s"},
		"m_minutes_failed":  {VI: "không ghi được biên bản (%s)", EN: "the minutes could not be written (%s)"},
		"m_empty":           {VI: "Danh sách xem xét đang trống: bấm a để thêm người.", EN: "The agenda is empty: press a to add someone."},
		"m_closed_nodelete": {VI: "Cuộc họp đã kết thúc nên không xóa được: quyết định đã ghi vào hồ sơ.", EN: "A closed meeting cannot be deleted: its decisions are in the records."},
	} {
		catalog[k] = v
	}
}
