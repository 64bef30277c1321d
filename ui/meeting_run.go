// Meeting mode: one candidate at a time in front of the cell, then the
// summary, the decisions applied in one transaction, and the minutes.

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
