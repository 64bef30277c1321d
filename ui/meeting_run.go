// Meeting mode: one candidate at a time in front of the cell, then the
// summary, the decisions applied in one transaction, and the minutes.

package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
	"nguon/store"
)

// modeActions are meeting mode's keys and the summary's.
func (s *meetingsScreen) modeActions(m mode) []action {
	k, n := s.e.keys, len(s.cur.Items)
	if m == sumMode {
		return []action{
			act(k.CloseMeeting, func() tea.Cmd { return confirm(s.closeQuestion(), s.closeCmd()) }),
			act(k.Back, do(func() { s.back() })),
		}
	}
	open := !s.cur.Closed && n > 0
	decide := func(d model.Decision) func() tea.Cmd {
		return func() tea.Cmd {
			it := s.cur.Items[s.item]
			it.Decision = d
			if d == model.DecisionApprove && it.For == 0 && s.cur.Kind != model.MeetingReview {
				return s.openVotes(it)
			}
			return s.setItem(it)
		}
	}
	return []action{
		act(k.Approve, decide(model.DecisionApprove)).when(open),
		act(k.Defer, decide(model.DecisionDefer)).when(open),
		act(k.Reject, decide(model.DecisionReject)).when(open),
		act(k.Votes, func() tea.Cmd { return s.openVotes(s.cur.Items[s.item]) }).when(open),
		act(k.Note, s.openNote).when(open),
		act(k.NextItem, do(func() { s.item = max(0, min(n-1, s.item+1)) })),
		// The way back is the global q, and ← goes with →: the bar keeps
		// its room for closing the meeting.
		act(k.PrevItem, do(func() { s.item = max(0, s.item-1) })).inHelpOnly(),
		act(k.CloseMeeting, do(func() { s.mode = sumMode })).when(open),
		act(k.Back, do(func() { s.back() })).inHelpOnly(),
	}
}

func (s *meetingsScreen) modeView(m mode) string {
	if m == sumMode {
		return s.summaryView()
	}
	return s.runView()
}

// setItem saves one agenda item through the store's workflow.
func (s *meetingsScreen) setItem(it model.AgendaItem) tea.Cmd {
	id, st := s.cur.ID, s.e.store
	return s.meetingCmd(func() (model.Meeting, error) { return st.SetAgendaItem(id, it) })
}

func (s *meetingsScreen) openNote() tea.Cmd {
	it := s.cur.Items[s.item]
	s.pending, s.formOf = it, "note"
	title := s.e.tf("m_note_title", model.Escape(s.e.d.candName(it.Candidate)))
	return s.showForm(recordForm(s.e, title, model.AgendaFields, it, "note"), runMode)
}

func (s *meetingsScreen) openVotes(it model.AgendaItem) tea.Cmd {
	e := s.e
	s.pending, s.formOf = it, "votes"
	// A fresh count starts from the decision taken: everyone present for an
	// approval, everyone present against a rejection.
	if it.For == 0 && it.Against == 0 {
		if it.Decision == model.DecisionReject {
			it.Against = s.cur.Present
		} else {
			it.For = s.cur.Present
		}
	}
	f := recordForm(e, e.tf("m_votes_title", model.Escape(e.d.candName(it.Candidate))), model.AgendaFields, it,
		"for", "against", "doc_no", "override")
	for _, k := range []string{"for", "against"} {
		if f.field(k).input.Value() == "" {
			f.field(k).input.SetValue("0")
		}
	}
	// A freshly proposed count is a change worth saving, not a clean form.
	f.initial = map[string]string{}
	return s.showForm(f, runMode)
}

// submitItem saves the votes or the note of the agenda item being filled in.
func (s *meetingsScreen) submitItem(v map[string]string) tea.Cmd {
	it, p := fromForm(model.AgendaFields, s.pending, v)
	if s.form.setProblems(p) {
		return nil
	}
	m := cloneMeeting(s.cur)
	m.Items[s.item] = it
	m.Normalize()
	p = m.Validate()
	for _, x := range p {
		x.Field = "for"
	}
	if s.formOf == "note" {
		p = nil
	}
	if s.form.setProblems(p) {
		return nil
	}
	s.mode = runMode
	return s.setItem(m.Items[s.item])
}

// closeQuestion asks before closing; when some people have no result yet
// it names them: they get nothing in their files and stay to be considered
// at a later meeting.
func (s *meetingsScreen) closeQuestion() string {
	var names []string
	for _, it := range s.cur.Items {
		if it.Decision == model.DecisionNone {
			names = append(names, model.Escape(s.e.d.candName(it.Candidate)))
		}
	}
	if len(names) == 0 {
		return s.e.t("m_apply_q")
	}
	return s.e.tf("m_apply_undecided_q", len(names), strings.Join(names, ", "))
}

// closeCmd applies every decision in one transaction (the store's
// CloseMeeting workflow), then writes the minutes and the cell's
// resolutions as Word documents into the documents folder.
func (s *meetingsScreen) closeCmd() tea.Cmd {
	st, id, lang, now := s.e.store, s.cur.ID, s.e.lang, s.e.now
	return func() tea.Msg {
		cm, err := st.CloseMeeting(id)
		if err != nil {
			return meetingClosedMsg{err: err}
		}
		return meetingClosedMsg{cm: cm, minutes: writeMeetingDocs(st, cm, lang, now())}
	}
}

// writeMeetingDocs writes a closed meeting's documents and says where: the
// minutes' full path, then the names of the resolutions beside it.
func writeMeetingDocs(st *store.Store, cm store.ClosedMeeting, lang model.Lang, now time.Time) string {
	failed := func(err error) string { return trf(lang, "m_minutes_failed", model.Message(err, lang)) }
	dir, err := store.DocumentsDir()
	if err != nil {
		return failed(err)
	}
	classes, err := st.Classes()
	if err != nil {
		return failed(err)
	}
	paths, err := store.WriteMeetingDocuments(dir, cm.Papers(classes, now))
	if err != nil {
		return failed(err)
	}
	if len(paths) == 1 {
		return paths[0]
	}
	names := make([]string, len(paths)-1)
	for i, p := range paths[1:] {
		names[i] = filepath.Base(p)
	}
	return trf(lang, "m_resolutions", paths[0], len(names), strings.Join(names, ", "))
}

func (s *meetingsScreen) decisionText(it model.AgendaItem) string {
	e := s.e
	if it.Decision == model.DecisionNone {
		return e.st.Muted.Render(e.t("m_undecided"))
	}
	t := model.Label(model.Decisions, string(it.Decision), e.lang)
	// One notation everywhere: "x/y" is x votes for out of the base of y.
	if it.For+it.Against > 0 {
		t += " (" + e.tf("votes_of", it.For, s.cur.VoteFor(it).Base()) + ")"
	}
	return t
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
		to = model.StageRecognition
	case model.MeetingReview:
		to = model.NextStage(c.Stage)
	}
	if to != "" {
		for _, r := range model.Missing(c, to, e.ruleContext(), m.Date) {
			b.WriteString(strings.Join(wrapTo([]string{ruleLine(e, r)}, s.w), "\n") + "\n")
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
	b.WriteString(s.agendaLines(false))
	b.WriteString("\n" + st.Warning.Render(e.t("m_close_hint")))
	return b.String()
}
