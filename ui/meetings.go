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
	meetingSavedMsg   struct{ m model.Meeting }
	meetingDeletedMsg struct{ m model.Meeting }
	// meetingClosedMsg carries the candidates changed by closing a meeting and the minutes file.
	meetingClosedMsg struct {
		m       model.Meeting
		changed []model.Candidate
		minutes string
		err     error
	}
	// agendaLoadedMsg carries the full records of a meeting's agenda for meeting mode.
	agendaLoadedMsg struct{ cands map[model.ID]model.Candidate }
)

const (
	runMode mode = 10 // one candidate at a time, full screen
	sumMode mode = 11 // summary before closing
)

// meetingsScreen is the Họp tab: the list of meetings, a meeting's agenda,
// and meeting mode, run from the keyboard in front of the cell.
type meetingsScreen struct {
	base
	formOf string // "meeting", "votes", "note"
	cur    model.Meeting
	item   int
	cands  map[model.ID]model.Candidate
}

func newMeetings(e *env) *meetingsScreen {
	s := &meetingsScreen{base: base{e: e}}
	s.tbl = newTable(s.columns(), meetingSource{s}, 0)
	s.tbl.desc = true
	s.tbl.reload()
	return s
}

func (s *meetingsScreen) columns() []column {
	e := s.e
	return []column{
		{title: e.t("f_meeting_date"), width: 12},
		{title: e.t("col_cell"), width: 22, flex: true},
		{title: e.t("col_kind"), width: 26},
		{title: e.t("m_items"), width: 8, right: true},
		{title: e.t("m_state"), width: 12},
	}
}

func (s *meetingsScreen) relabel() { s.tbl.cols = s.columns() }

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

func (s *meetingsScreen) back() bool {
	switch s.mode {
	case detailMode:
		s.mode = listMode
		return true
	case runMode, sumMode:
		s.mode = detailMode
		return true
	}
	return false
}

func (s *meetingsScreen) shortHelp() []key.Binding {
	k := s.e.keys
	switch s.mode {
	case formMode:
		return []key.Binding{k.NextField, k.PrevField, k.Save, k.Cancel}
	case pickMode:
		return []key.Binding{k.Up, k.Down, k.Open, k.Cancel}
	case runMode:
		if s.cur.Closed {
			return []key.Binding{k.NextItem, k.PrevItem, k.Back}
		}
		return []key.Binding{k.Approve, k.Defer, k.Reject, k.Votes, k.Note, k.NextItem, k.PrevItem, k.CloseMeeting, k.Back}
	case sumMode:
		return []key.Binding{k.CloseMeeting, k.Back}
	case detailMode:
		if s.cur.Closed {
			return []key.Binding{k.Up, k.Down, k.StartMeeting, k.Back}
		}
		return []key.Binding{k.Up, k.Down, k.StartMeeting, k.Enrol, k.Delete, k.Edit, k.Back}
	}
	if s.tbl.capturing() {
		return []key.Binding{k.Open, k.Back}
	}
	return []key.Binding{k.Up, k.Down, k.Open, k.Filter, k.New, k.Delete, k.Sort}
}

func (s *meetingsScreen) fullHelp() [][]key.Binding {
	k := s.e.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.Open, k.Filter, k.Sort, k.Back},
		{k.New, k.Edit, k.Delete, k.Enrol, k.StartMeeting},
		{k.NextItem, k.PrevItem, k.Approve, k.Defer, k.Reject, k.Votes, k.Note, k.CloseMeeting},
	}
}

func (s *meetingsScreen) saveCmd(m model.Meeting) tea.Cmd {
	st := s.e.store
	return func() tea.Msg {
		if err := st.PutMeeting(&m); err != nil {
			return saveErrMsg{err}
		}
		return meetingSavedMsg{m}
	}
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

func cloneMeeting(m model.Meeting) model.Meeting {
	m.Items = append([]model.AgendaItem(nil), m.Items...)
	return m
}

func (s *meetingsScreen) update(msg tea.Msg) tea.Cmd {
	e := s.e
	switch msg := msg.(type) {
	case dataChangedMsg:
		s.tbl.reload()
		return nil
	case meetingSavedMsg:
		e.d.putMeeting(msg.m)
		s.cur = msg.m
		s.form = nil
		if s.mode != runMode {
			s.mode = detailMode
		}
		s.tbl.reload()
		return s.loadAgenda()
	case agendaLoadedMsg:
		s.cands = msg.cands
		return nil
	case meetingDeletedMsg:
		e.d.dropMeeting(msg.m.ID)
		s.mode = listMode
		s.tbl.reload()
		m := msg.m
		return func() tea.Msg {
			return deletedMsg{label: m.Date.String() + " " + e.d.cellName(m.Cell), undo: s.saveCmd(m)}
		}
	case meetingClosedMsg:
		if msg.err != nil {
			s.mode = sumMode
			return reportErr(msg.err, e.lang)
		}
		e.d.putMeeting(msg.m)
		for _, c := range msg.changed {
			e.d.putRow(c.Row())
			s.cands[c.ID] = c
		}
		s.cur = msg.m
		s.mode = detailMode
		return tea.Batch(func() tea.Msg { return dataChangedMsg{} }, reportInfo(e.tf("m_closed_ok", msg.minutes)))
	case saveErrMsg:
		return s.saveFailed(msg.err)
	case formSubmitMsg:
		return s.submit(msg.values)
	case formCancelMsg:
		s.form = nil
		switch {
		case s.formOf == "votes" || s.formOf == "note":
			s.mode = runMode
		case s.cur.ID.IsZero():
			s.mode = listMode
		default:
			s.mode = detailMode
		}
		return nil
	}
	switch s.mode {
	case formMode:
		return s.form.update(msg, e.keys)
	case pickMode:
		return s.updatePick(msg)
	case detailMode:
		return s.updateDetail(msg)
	case runMode:
		return s.updateRun(msg)
	case sumMode:
		if km, ok := msg.(tea.KeyPressMsg); ok {
			switch {
			case key.Matches(km, e.keys.CloseMeeting):
				return confirm(e.t("m_apply_q"), s.closeCmd())
			case key.Matches(km, e.keys.Back):
				s.mode = runMode
			}
		}
		return nil
	}
	if used, cmd := s.tbl.update(msg, e.keys); used {
		return cmd
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch {
	case key.Matches(km, e.keys.Open):
		if i := s.tbl.Selected(); i >= 0 {
			s.cur, s.item, s.mode = e.d.meetings[i], 0, detailMode
			return s.loadAgenda()
		}
	case key.Matches(km, e.keys.New):
		s.cur = model.Meeting{}
		return s.openForm(model.Meeting{Date: e.today(), Kind: model.MeetingAdmission})
	case key.Matches(km, e.keys.Delete):
		if i := s.tbl.Selected(); i >= 0 {
			m := e.d.meetings[i]
			if m.Closed {
				return reportErr(&model.FieldError{Msg: catalog["m_closed_nodelete"]}, e.lang)
			}
			st := e.store
			return confirm(e.tf("delete_q", m.Date.String()+" "+model.Escape(e.d.cellName(m.Cell))), func() tea.Msg {
				if err := st.DeleteMeeting(m.ID); err != nil {
					return saveErrMsg{err}
				}
				return meetingDeletedMsg{m}
			})
		}
	}
	return nil
}

func (s *meetingsScreen) updateDetail(msg tea.Msg) tea.Cmd {
	e := s.e
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := e.keys
	n := len(s.cur.Items)
	switch {
	case key.Matches(km, k.Back):
		s.mode = listMode
	case key.Matches(km, k.Up):
		s.item = max(0, s.item-1)
	case key.Matches(km, k.Down):
		s.item = min(max(0, n-1), s.item+1)
	case key.Matches(km, k.StartMeeting):
		if n == 0 {
			return reportErr(&model.FieldError{Msg: catalog["m_empty"]}, e.lang)
		}
		s.mode = runMode
		return s.loadAgenda()
	case s.cur.Closed:
		return nil
	case key.Matches(km, k.Edit):
		return s.openForm(s.cur)
	case key.Matches(km, k.Enrol):
		var opts []model.Option
		for _, r := range e.d.rows {
			if r.Cell == s.cur.Cell && r.Outcome == "" && r.Stage != model.StageOfficial {
				label := r.Name + " — " + model.Label(model.Stages, string(r.Stage), e.lang)
				opts = append(opts, model.Option{Code: r.ID.String(), Label: model.Text{VI: label, EN: label}})
			}
		}
		s.pick = newPicker(e.t("m_pick"), opts, e.lang)
		s.pick.height = s.h
		s.mode = pickMode
	case key.Matches(km, k.Delete) && n > 0:
		m := cloneMeeting(s.cur)
		m.Items = append(m.Items[:s.item], m.Items[s.item+1:]...)
		s.item = min(s.item, max(0, len(m.Items)-1))
		return s.saveCmd(m)
	}
	return nil
}

func (s *meetingsScreen) updatePick(msg tea.Msg) tea.Cmd {
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
	for _, it := range s.cur.Items {
		if it.Candidate == id {
			return nil
		}
	}
	m := cloneMeeting(s.cur)
	m.Items = append(m.Items, model.AgendaItem{Candidate: id})
	s.item = len(m.Items) - 1
	return s.saveCmd(m)
}

func (s *meetingsScreen) openForm(m model.Meeting) tea.Cmd {
	e := s.e
	var cellOpts []model.Option
	for _, c := range e.d.cells {
		if !c.Archived {
			cellOpts = append(cellOpts, model.Option{Code: c.ID.String(), Label: model.Text{VI: c.Name, EN: c.Name}})
		}
	}
	fields := []*field{
		{key: "cell", label: catalog["col_cell"], kind: choiceField, options: cellOpts, required: true},
		{key: "date", label: catalog["f_meeting_date"], kind: dateField, required: true},
		{key: "kind", label: catalog["col_kind"], kind: choiceField, options: model.MeetingKinds, required: true},
		{key: "members", label: catalog["f_members"], kind: numberField},
		{key: "attached", label: catalog["f_attached"], kind: numberField},
		{key: "exempt_absent", label: catalog["f_exempt"], kind: numberField},
		{key: "present", label: catalog["f_present"], kind: numberField},
		{key: "chair", label: catalog["m_chair"]},
		{key: "secretary", label: catalog["m_secretary"]},
	}
	cell := ""
	if !m.Cell.IsZero() {
		cell = m.Cell.String()
	}
	vals := map[string]string{"cell": cell, "date": m.Date.String(), "kind": string(m.Kind), "members": itoaZ(m.Members),
		"attached": itoaZ(m.Attached), "exempt_absent": itoaZ(m.ExemptAbsent), "present": itoaZ(m.Present), "chair": m.Chair, "secretary": m.Secretary}
	title := e.t("m_new")
	if !m.ID.IsZero() {
		title = e.t("m_edit")
	}
	s.form = newForm(title, e.lang, fields, vals)
	s.form.setSize(s.w, s.h)
	s.formOf, s.mode = "meeting", formMode
	return nil
}

func (s *meetingsScreen) submit(v map[string]string) tea.Cmd {
	e := s.e
	if e.store.ReadOnly() {
		s.form.err = e.t("readonly_err")
		return nil
	}
	m := cloneMeeting(s.cur)
	switch s.formOf {
	case "votes":
		it := &m.Items[s.item]
		it.For, it.Against, it.DocNo, it.Override = atoi(v["for"]), atoi(v["against"]), v["doc_no"], v["override"]
		s.mode = runMode
	case "note":
		m.Items[s.item].Note = v["note"]
		s.mode = runMode
	default:
		m.Cell, _ = model.ParseID(v["cell"])
		m.Date, m.Kind = parseDateOr0(v["date"]), model.MeetingKind(v["kind"])
		m.Members, m.Attached, m.ExemptAbsent, m.Present = atoi(v["members"]), atoi(v["attached"]), atoi(v["exempt_absent"]), atoi(v["present"])
		m.Chair, m.Secretary = v["chair"], v["secretary"]
		if m.Members == 0 {
			if i, ok := e.d.cellIdx[m.Cell]; ok {
				m.Members = e.d.cells[i].OfficialMembers
			}
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
	}
	m.Normalize()
	p := m.Validate()
	if s.formOf != "meeting" {
		for _, x := range p {
			x.Field = "for"
		}
	}
	if s.form.setProblems(p) {
		if s.formOf != "meeting" {
			s.mode = formMode
		}
		return nil
	}
	return s.saveCmd(m)
}

func (s *meetingsScreen) view() string {
	e := s.e
	switch s.mode {
	case formMode:
		return s.form.View(e.st)
	case pickMode:
		return s.pick.view(e.st, e.lang)
	case detailMode:
		return s.detailView()
	case runMode:
		return s.runView()
	case sumMode:
		return s.summaryView()
	}
	head := e.st.Title.Render(e.t("m_title")) + "  " + e.st.Muted.Render(s.tbl.Count())
	return head + "\n" + s.tbl.View(e.st, e.t("m_none"))
}

func (s *meetingsScreen) header() string {
	e, m := s.e, s.cur
	return e.st.Title.Render(fmt.Sprintf("%s — %s — %s", e.d.cellName(m.Cell), m.Date.String(), model.Label(model.MeetingKinds, string(m.Kind), e.lang))) +
		"\n" + e.tf("m_attendance", m.Members, m.Attached, m.ExemptAbsent, m.Present, m.VoteFor(model.AgendaItem{}).Base())
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
	for i, it := range s.cur.Items {
		row := pad(strconv.Itoa(i+1)+". "+model.Escape(s.e.d.candName(it.Candidate)), 34, false) + " " + s.decisionText(it)
		if i == s.item {
			row = st.Selected.Render(pad(strconv.Itoa(i+1)+". "+model.Escape(s.e.d.candName(it.Candidate)), 34, false)) + " " + s.decisionText(it)
		}
		b.WriteString(row + "\n")
	}
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
		"m_decision":        {VI: "Quyết định", EN: "Decision"},
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
