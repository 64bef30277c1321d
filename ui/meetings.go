package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nguon/model"
	"nguon/store"
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
	e      *env
	mode   mode
	tbl    *table
	form   *form
	formOf string // "meeting", "votes", "note"
	pick   *picker
	cur    model.Meeting
	item   int
	cands  map[model.ID]model.Candidate
	w, h   int
}

func newMeetings(e *env) *meetingsScreen {
	s := &meetingsScreen{e: e}
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

func (s *meetingsScreen) setSize(w, h int) {
	s.w, s.h = w, h
	s.tbl.setSize(w, h-1)
	if s.form != nil {
		s.form.setSize(w, h)
	}
	if s.pick != nil {
		s.pick.height = h
	}
}

func (s *meetingsScreen) capturing() bool {
	return s.mode == formMode || s.mode == pickMode || s.tbl.capturing()
}

func (s *meetingsScreen) dirty() bool { return s.mode == formMode && s.form.dirty() }

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
		if s.form != nil && s.mode == formMode {
			s.form.err = model.Message(msg.err, e.lang)
			return nil
		}
		return reportErr(msg.err, e.lang)
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

func (s *meetingsScreen) updateRun(msg tea.Msg) tea.Cmd {
	e := s.e
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := e.keys
	n := len(s.cur.Items)
	switch {
	case key.Matches(km, k.Back):
		s.mode = detailMode
		return nil
	case key.Matches(km, k.NextItem):
		s.item = min(n-1, s.item+1)
		return nil
	case key.Matches(km, k.PrevItem):
		s.item = max(0, s.item-1)
		return nil
	}
	if s.cur.Closed || n == 0 {
		return nil
	}
	m := cloneMeeting(s.cur)
	it := &m.Items[s.item]
	switch {
	case key.Matches(km, k.Approve):
		it.Decision = model.DecisionApprove
		if it.For == 0 && m.Kind != model.MeetingReview {
			s.cur = m
			return s.openVotes()
		}
	case key.Matches(km, k.Defer):
		it.Decision = model.DecisionDefer
	case key.Matches(km, k.Reject):
		it.Decision = model.DecisionReject
	case key.Matches(km, k.Votes):
		return s.openVotes()
	case key.Matches(km, k.Note):
		s.form = newForm(e.tf("m_note_title", model.Escape(s.e.d.candName(it.Candidate))), e.lang,
			[]*field{{key: "note", label: catalog["f_notes"]}}, map[string]string{"note": it.Note})
		s.form.setSize(s.w, s.h)
		s.formOf, s.mode = "note", formMode
		return s.form.fields[0].input.Focus()
	case key.Matches(km, k.CloseMeeting):
		s.mode = sumMode
		return nil
	default:
		return nil
	}
	return s.saveCmd(m)
}

func (s *meetingsScreen) openVotes() tea.Cmd {
	e := s.e
	it := s.cur.Items[s.item]
	vals := map[string]string{"for": strconv.Itoa(it.For), "against": strconv.Itoa(it.Against), "doc_no": it.DocNo, "override": it.Override}
	if it.For == 0 && it.Against == 0 {
		vals["for"] = strconv.Itoa(s.cur.Present)
		vals["against"] = "0"
	}
	s.form = newForm(e.tf("m_votes_title", model.Escape(s.e.d.candName(it.Candidate))), e.lang, []*field{
		{key: "for", label: catalog["f_for"], kind: numberField, required: true},
		{key: "against", label: catalog["f_against"], kind: numberField},
		{key: "doc_no", label: catalog["f_resolution_no"]},
		{key: "override", label: catalog["f_override"]},
	}, vals)
	// A freshly proposed count is a change worth saving, not a clean form.
	s.form.initial = map[string]string{}
	s.form.setSize(s.w, s.h)
	s.formOf, s.mode = "votes", formMode
	return s.form.fields[0].input.Focus()
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

// closeCmd applies every decision to the pipeline in one transaction, then writes the minutes.
func (s *meetingsScreen) closeCmd() tea.Cmd {
	e := s.e
	st, m, d := e.store, cloneMeeting(s.cur), e.d
	ctx := model.RuleContext{Today: e.today(), Settings: d.settings, Classes: d.classes, Cal: model.NewCalendar(d.settings.Holidays)}
	by, at := st.Device(), e.now()
	cell := model.Cell{}
	if i, ok := d.cellIdx[m.Cell]; ok {
		cell = d.cells[i]
	}
	lang := e.lang
	return func() tea.Msg {
		var changed []model.Candidate
		cands := map[model.ID]model.Candidate{}
		err := st.Update(func(tx *store.Tx) error {
			changed = changed[:0]
			for _, it := range m.Items {
				c, err := tx.Candidate(it.Candidate)
				if err != nil {
					return err
				}
				cands[c.ID] = c
				if it.Decision == model.DecisionNone {
					continue
				}
				nc, err := model.ApplyDecision(c, m, it, ctx, by, at)
				if err != nil {
					return fmt.Errorf("%s: %w", c.FullName, err)
				}
				if err := tx.PutCandidate(&nc); err != nil {
					return err
				}
				cands[c.ID] = nc
				changed = append(changed, nc)
			}
			m.Closed = true
			return tx.PutMeeting(&m)
		})
		if err != nil {
			var fe *model.FieldError
			if ok := asFieldError(err, &fe); ok {
				return meetingClosedMsg{err: &model.FieldError{Msg: model.Text{VI: strings.SplitN(err.Error(), ":", 2)[0] + ": " + fe.Msg.VI,
					EN: strings.SplitN(err.Error(), ":", 2)[0] + ": " + fe.Msg.EN}}}
			}
			return meetingClosedMsg{err: err}
		}
		path := minutesPath(st.Path(), cell, m)
		text := model.Minutes(m, cell, cands, d.settings, model.VI)
		if werr := writeFileAtomic(path, []byte(text)); werr != nil {
			return meetingClosedMsg{m: m, changed: changed, minutes: trf(lang, "m_minutes_failed", model.Message(werr, lang))}
		}
		return meetingClosedMsg{m: m, changed: changed, minutes: path}
	}
}

func minutesPath(dbPath string, cell model.Cell, m model.Meeting) string {
	name := strings.ReplaceAll(model.Fold(cell.Name), " ", "-")
	if name == "" {
		name = "chi-bo"
	}
	return filepath.Join(filepath.Dir(dbPath), fmt.Sprintf("bien-ban-%s-%s.md", name, m.Date.ISO()))
}

// writeFileAtomic writes through a temporary file so a full disk never leaves half a file.
func writeFileAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err = f.Write(b); err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
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

func (s *meetingsScreen) decisionText(it model.AgendaItem) string {
	e := s.e
	if it.Decision == model.DecisionNone {
		return e.st.Muted.Render(e.t("m_undecided"))
	}
	t := model.Label(model.Decisions, string(it.Decision), e.lang)
	if it.For+it.Against > 0 {
		t += fmt.Sprintf(" (%d/%d)", it.For, it.Against)
	}
	return t
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

// runView is meeting mode: one candidate, large and readable on a projector.
func (s *meetingsScreen) runView() string {
	e, st, m := s.e, s.e.st, s.cur
	if len(m.Items) == 0 {
		return st.Muted.Render(e.t("m_agenda_empty"))
	}
	it := m.Items[s.item]
	c, loaded := s.cands[it.Candidate]
	var b strings.Builder
	b.WriteString(st.Muted.Render(fmt.Sprintf("%s — %s   %d/%d", e.d.cellName(m.Cell), m.Date.String(), s.item+1, len(m.Items))) + "\n\n")
	if !loaded {
		b.WriteString(e.t("loading"))
		return b.String()
	}
	b.WriteString(st.BigName.Render(strings.ToUpper(model.Escape(c.FullName))) + "\n\n")
	age := model.MonthsBetween(c.DOB, m.Date)
	b.WriteString(pad(e.t("f_dob"), 22, false) + c.DOB.String() + "  " + st.Big.Render(e.tf("m_age_at", age/12, age%12)) + "\n")
	b.WriteString(pad(e.t("f_source"), 22, false) + model.Label(model.SourceGroups, string(c.Source), e.lang) + "\n")
	b.WriteString(pad(e.t("col_stage"), 22, false) + model.Label(model.Stages, string(c.Stage), e.lang) + "\n")
	if cert := model.BestCert(c, e.d.classes, m.Date); cert != 0 {
		b.WriteString(pad(e.t("m_cert"), 22, false) + cert.String() + " → " + cert.AddMonths(model.CertValidityMonths).String() + "\n")
	}
	var intro []string
	for _, in := range c.Introducers {
		intro = append(intro, model.Escape(in.Name))
	}
	if len(intro) > 0 {
		b.WriteString(pad(e.t("intro_n"), 22, false) + strings.Join(intro, ", ") + "\n")
	}
	b.WriteString("\n")
	to := model.StageCellVote
	switch m.Kind {
	case model.MeetingRecognition:
		to = model.StageOfficial
	case model.MeetingReview:
		to = model.NextStage(c.Stage)
	}
	if to != "" {
		ctx := model.RuleContext{Today: e.today(), Settings: e.d.settings, Classes: e.d.classes, Cal: model.NewCalendar(e.d.settings.Holidays)}
		for _, r := range model.Missing(c, to, ctx, m.Date) {
			b.WriteString(ruleLine(e, r) + "\n")
		}
	}
	b.WriteString("\n" + st.Big.Render(e.t("m_decision")+": ") + s.decisionText(it) + "\n")
	if m.Kind != model.MeetingReview {
		v := m.VoteFor(it)
		verdict := st.Error.Render(e.t("m_vote_fails"))
		if v.Passes() {
			verdict = st.OK.Render(e.t("m_vote_passes"))
		}
		b.WriteString(e.tf("vote_line", m.Date.String(), it.For, v.Base(), model.NeededVotes(v.Base())) + "  " + verdict + "\n")
	}
	if it.Note != "" {
		b.WriteString(e.t("f_notes") + ": " + model.Escape(it.Note) + "\n")
	}
	return b.String()
}

func (s *meetingsScreen) summaryView() string {
	e, st := s.e, s.e.st
	var b strings.Builder
	b.WriteString(s.header() + "\n\n" + st.Section.Render("── "+e.t("m_summary")) + "\n")
	for i, it := range s.cur.Items {
		b.WriteString(pad(strconv.Itoa(i+1)+". "+model.Escape(s.e.d.candName(it.Candidate)), 34, false) + " " + s.decisionText(it) + "\n")
	}
	b.WriteString("\n" + st.Warning.Render(e.t("m_close_hint")))
	return b.String()
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
