package ui

import (
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/model"
)

type pipeKind int

const (
	pipeAdvance pipeKind = iota
	pipeBack
	pipeExit
	pipeReinstate
)

// pipelineDialog moves a candidate through the admission pipeline: it asks
// only for what the step needs (model.Needs), checks the rules, and shows
// each failed rule as a sentence, with a place for a written override reason.
type pipelineDialog struct {
	s     *sourcesScreen
	kind  pipeKind
	to    model.Stage
	form  *form
	rules []model.RuleResult
}

func (s *sourcesScreen) ruleContext() model.RuleContext { return s.e.ruleContext() }

func (s *sourcesScreen) openPipeline(kind pipeKind) tea.Cmd {
	e, c := s.e, s.cur
	if c.Outcome != "" && kind == pipeAdvance {
		kind = pipeReinstate
	}
	p := &pipelineDialog{s: s, kind: kind}
	today := e.today().String()
	var fields []*field
	vals := map[string]string{"date": today}
	var title string
	switch kind {
	case pipeAdvance:
		p.to = model.NextStage(c.Stage)
		if p.to == "" {
			return reportInfo(e.t("pipe_done"))
		}
		title = e.tf("pipe_advance", model.Label(model.Stages, string(c.Stage), e.lang), model.Label(model.Stages, string(p.to), e.lang))
		fields = p.advanceFields(vals)
		p.rules = model.Missing(c, p.to, s.ruleContext(), e.today())
	case pipeBack:
		p.to = model.PrevStage(c.Stage)
		if p.to == "" {
			return reportInfo(e.t("pipe_first"))
		}
		title = e.tf("pipe_back", model.Label(model.Stages, string(c.Stage), e.lang), model.Label(model.Stages, string(p.to), e.lang))
		fields = []*field{{key: "reason", label: catalog["f_reason"], required: true}}
	case pipeExit:
		title = e.t("pipe_exit")
		fields = []*field{
			{key: "outcome", label: catalog["f_outcome"], kind: choiceField, options: model.Outcomes, required: true},
			{key: "reason", label: catalog["f_reason"], required: true},
			{key: "date", label: catalog["f_date"], kind: dateField, required: true},
			// Removal is the committee's decision: the model asks for its number.
			{key: "doc_no", label: catalog["pipe_removal_no"]},
		}
	case pipeReinstate:
		title = e.t("pipe_reinstate")
		fields = []*field{{key: "reason", label: catalog["f_reason"], required: true}}
	}
	p.form = newForm(title, e.lang, fields, vals)
	s.pipe = p
	cmd := s.showForm(p.form, detailMode)
	p.form.setSize(s.w, max(6, s.h-len(p.rules)-1))
	return cmd
}

func (p *pipelineDialog) advanceFields(vals map[string]string) []*field {
	c := p.s.cur
	var fs []*field
	for _, need := range model.NeedsFor(c, p.to) {
		switch need {
		case model.NeedDate:
			fs = append(fs, &field{key: "date", label: catalog["f_date"], kind: dateField, required: true})
		case model.NeedReceived:
			fs = append(fs, &field{key: "received", label: catalog["pipe_received"], kind: dateField})
		case model.NeedConsent:
			sec := catalog["pipe_consent"]
			fs = append(fs,
				&field{key: "consent_no", label: catalog["pipe_consent_no"], section: sec, required: true},
				&field{key: "consent_date", label: catalog["pipe_consent_date"], section: sec, kind: dateField, required: true})
			vals["consent_no"] = c.Over60Consent.No
			if c.Over60Consent.Date != 0 {
				vals["consent_date"] = c.Over60Consent.Date.String()
			}
		case model.NeedDocNo:
			label := catalog["f_doc_no"]
			if p.to == model.StageOfficial {
				label = catalog["pipe_recognition"]
			}
			fs = append(fs, &field{key: "doc_no", label: label})
		case model.NeedHelpers:
			fs = append(fs, &field{key: "helpers", label: model.Text{VI: "Người giúp đỡ", EN: "Helpers"}, required: true})
			vals["helpers"] = strings.Join(c.Helpers, ", ")
		case model.NeedIntroducers:
			fs = append(fs, p.introducerFields(vals)...)
		case model.NeedVote:
			sec := catalog["vote"]
			cell := model.Cell{}
			if i, ok := p.s.e.d.cellIdx[c.CellID]; ok {
				cell = p.s.e.d.cells[i]
			}
			fs = append(fs,
				&field{key: "vote_date", label: catalog["f_meeting_date"], section: sec, kind: dateField, required: true},
				&field{key: "members", label: catalog["f_members"], section: sec, kind: numberField, required: true},
				&field{key: "attached", label: catalog["f_attached"], section: sec, kind: numberField},
				&field{key: "exempt_absent", label: catalog["f_exempt"], section: sec, kind: numberField},
				&field{key: "present", label: catalog["f_present"], section: sec, kind: numberField, required: true},
				&field{key: "for", label: catalog["f_for"], section: sec, kind: numberField, required: true},
				&field{key: "against", label: catalog["f_against"], section: sec, kind: numberField})
			vals["vote_date"], vals["members"] = p.s.e.today().String(), itoaZ(cell.OfficialMembers)
		case model.NeedDecidingBody:
			fs = append(fs, &field{key: "deciding_body", label: catalog["f_body"], kind: choiceField, options: model.DecidingBodies, required: true})
			vals["deciding_body"] = string(p.s.e.d.settings.DecidingBody)
			if model.Over60AtCellVote(c) {
				vals["deciding_body"] = string(model.DecidingProvincial) // the province decides past 60
			}
		}
	}
	fs = append(fs,
		&field{key: "note", label: catalog["f_notes"]},
		&field{key: "override", label: catalog["f_override"]})
	return fs
}

// introducerFields are the two introductions: kind, name, whether an
// official member, months together, number and the letter's own date.
func (p *pipelineDialog) introducerFields(vals map[string]string) []*field {
	c := p.s.cur
	var fs []*field
	kinds := []model.Option{
		{Code: string(model.IntroMember), Label: catalog["intro_member"]},
		{Code: string(model.IntroYouthRes), Label: catalog["intro_youth"]},
		{Code: string(model.IntroUnionRes), Label: catalog["intro_union"]},
	}
	for i := 1; i <= 2; i++ {
		n := strconv.Itoa(i)
		sec := model.Text{VI: catalog["intro_n"].VI + " " + n, EN: catalog["intro_n"].EN + " " + n}
		fs = append(fs,
			&field{key: "i" + n + "_kind", label: catalog["f_intro_kind"], section: sec, kind: choiceField, options: kinds, required: true},
			&field{key: "i" + n + "_name", label: catalog["f_intro_name"], section: sec, required: true},
			&field{key: "i" + n + "_official", label: catalog["f_intro_official"], section: sec, kind: choiceField, options: model.YesNo},
			&field{key: "i" + n + "_months", label: catalog["f_intro_months"], section: sec, kind: numberField},
			&field{key: "i" + n + "_doc", label: catalog["f_doc_no"], section: sec},
			// Validity counts from the letter's (or resolution's) own date; blank: the step's.
			&field{key: "i" + n + "_date", label: catalog["pipe_intro_date"], section: sec, kind: dateField})
		vals["i"+n+"_kind"], vals["i"+n+"_official"] = string(model.IntroMember), "1"
		if len(c.Introducers) >= i {
			in := c.Introducers[i-1]
			vals["i"+n+"_kind"], vals["i"+n+"_name"], vals["i"+n+"_official"] = string(in.Kind), in.Name, yesNoCode(in.Official)
			vals["i"+n+"_months"], vals["i"+n+"_doc"] = itoaZ(in.MonthsTogether), in.DocNo
			if in.Date != 0 {
				vals["i"+n+"_date"] = in.Date.String()
			}
		}
	}
	return fs
}

func (p *pipelineDialog) input(v map[string]string) model.StepInput {
	in := model.StepInput{Date: parseDateOr0(v["date"]), DocNo: v["doc_no"], Note: v["note"], Override: v["override"],
		At: p.s.e.now(), DecidingBody: model.DecidingBody(v["deciding_body"]), Helpers: model.SplitList(v["helpers"]),
		Received: parseDateOr0(v["received"]), Consent: model.Document{No: v["consent_no"], Date: parseDateOr0(v["consent_date"])}}
	for i := 1; i <= 2; i++ {
		n := strconv.Itoa(i)
		if v["i"+n+"_name"] == "" {
			continue
		}
		// An introduction without a date of its own takes the step's (model.Advance).
		in.Introducers = append(in.Introducers, model.Introducer{Kind: model.IntroducerKind(v["i"+n+"_kind"]), Name: v["i"+n+"_name"],
			Official: v["i"+n+"_official"] == "1", MonthsTogether: atoi(v["i"+n+"_months"]), DocNo: v["i"+n+"_doc"],
			Date: parseDateOr0(v["i"+n+"_date"])})
	}
	if _, ok := v["members"]; ok {
		in.Vote = model.Vote{Date: parseDateOr0(v["vote_date"]), Members: atoi(v["members"]), Attached: atoi(v["attached"]),
			ExemptAbsent: atoi(v["exempt_absent"]), Present: atoi(v["present"]), For: atoi(v["for"]), Against: atoi(v["against"]), DocNo: v["doc_no"]}
		if in.Date == 0 {
			in.Date = in.Vote.Date
		}
	}
	return in
}

// pipeRefusedMsg brings back the rules a step was checked against when
// the store refused it, so the dialog shows which one failed.
type pipeRefusedMsg struct {
	rules []model.RuleResult
	err   error
}

// submit runs the step as a store workflow: the record is read, checked
// and saved in one transaction, never from this screen's older copy.
func (p *pipelineDialog) submit(v map[string]string) tea.Cmd {
	st, id, in, kind, to := p.s.e.store, p.s.cur.ID, p.input(v), p.kind, p.to
	return func() tea.Msg {
		var (
			c     model.Candidate
			rules []model.RuleResult
			err   error
		)
		switch kind {
		case pipeAdvance:
			c, rules, err = st.Advance(id, to, in)
		case pipeBack:
			c, err = st.GoBack(id, v["reason"], in)
		case pipeExit:
			c, err = st.ExitPipeline(id, model.Outcome(v["outcome"]), v["reason"], parseDateOr0(v["date"]), in)
		case pipeReinstate:
			c, err = st.Reinstate(id, v["reason"], in)
		}
		if err != nil {
			return pipeRefusedMsg{rules: rules, err: err}
		}
		return savedMsg[model.Candidate]{v: c}
	}
}

func (p *pipelineDialog) view() string {
	e := p.s.e
	var b strings.Builder
	b.WriteString(e.st.BigName.Render(model.Escape(p.s.cur.FullName)) + "\n")
	for _, r := range p.rules {
		// Rules are whole sentences: wrap them rather than cut them off.
		b.WriteString(lipgloss.NewStyle().Width(max(20, p.s.w)).Render(ruleLine(e, r)) + "\n")
	}
	// The form gets what the rules leave, so its focused field stays in view.
	p.form.setSize(p.s.w, max(6, p.s.h-lipgloss.Height(b.String())))
	b.WriteString(p.form.View(e.st))
	return b.String()
}

// ruleLine renders one rule: green when met, yellow for a warning, red when not.
func ruleLine(e *env, r model.RuleResult) string {
	switch {
	case r.OK && r.Warn:
		return e.st.Warning.Render("! " + r.Msg.In(e.lang))
	case r.OK:
		return e.st.OK.Render("✓ " + r.Msg.In(e.lang))
	case r.Overridable:
		return e.st.Warning.Render("✗ " + r.Msg.In(e.lang) + " " + e.t("overridable"))
	}
	return e.st.Error.Render("✗ " + r.Msg.In(e.lang))
}

// pipelineLines shows every completed step with its date and document number,
// the introducers and the votes, for the candidate's detail view.
func (s *sourcesScreen) pipelineLines() []string {
	e, c, st := s.e, s.cur, s.e.st
	lines := []string{"", st.Section.Render("── " + e.t("pipeline"))}
	// Completed steps with their dates and numbers, then the next one; the
	// full list of stages would push the history off the screen.
	cur := c.Stage.Index()
	for i, o := range model.Stages {
		step, done := c.Steps[model.Stage(o.Code)]
		switch {
		case i == cur:
			lines = append(lines, stepLine(e, "▶ ", o.Label.In(e.lang), step))
		case done && i < cur:
			lines = append(lines, stepLine(e, "✓ ", o.Label.In(e.lang), step))
		case i == cur+1:
			lines = append(lines, st.Muted.Render("· "+o.Label.In(e.lang)))
		}
	}
	for _, in := range c.Introducers {
		lines = append(lines, fmt.Sprintf("  %s: %s (%s)", e.t("intro_n"), model.Escape(in.Name),
			model.Escape(in.DocNo)))
	}
	for _, v := range []model.Vote{c.CellVote, c.RecognitionVote} {
		if v.Date != 0 {
			lines = append(lines, "  "+e.tf("vote_line", v.Date.String(), v.For, v.Base(), model.NeededVotes(v.Base())))
		}
	}
	lines = append(lines, s.decisionLines()...)
	ctx := s.ruleContext()
	if next := model.NextStage(c.Stage); next != "" && c.Outcome == "" {
		lines = append(lines, "", st.Section.Render("── "+e.tf("next_needs", model.Label(model.Stages, string(next), e.lang))))
		for _, r := range model.Missing(c, next, ctx, e.today()) {
			lines = append(lines, ruleLine(e, r))
		}
	}
	return lines
}

// stepLine is one completed step: its label (never cut: long labels just
// push the date on), date, number and, for the admission decision, the day
// the cell received it.
func stepLine(e *env, mark, label string, step model.Step) string {
	if w := ansi.StringWidth(label); w < 24 {
		label += strings.Repeat(" ", 24-w)
	} else {
		label += " "
	}
	line := mark + label + step.Date.String()
	if step.DocNo != "" {
		line += "  " + model.Escape(step.DocNo)
	}
	if step.Received != 0 {
		line += " (" + fmt.Sprintf(catalog["pipe_received_line"].In(e.lang), step.Received.String()) + ")"
	}
	return line
}

// decisionLines are what the committees decided besides the steps: the
// consent for someone over 60, the day a member became official, a
// proposal to remove and the removal decision.
func (s *sourcesScreen) decisionLines() []string {
	e, c := s.e, s.cur
	var lines []string
	say := func(key string, args ...any) {
		lines = append(lines, "  "+fmt.Sprintf(catalog["pipe_"+key].In(e.lang), args...))
	}
	if d := c.Over60Consent; d != (model.Document{}) {
		say("consent_line", model.Escape(d.No), d.Date.String())
	}
	if d := c.OfficialSince(); d != 0 {
		say("official_from", d.String())
	}
	if d := c.RemovalProposal; d != (model.Document{}) {
		say("removal_prop", model.Escape(d.No), d.Date.String())
	}
	if c.OutcomeDocNo != "" {
		say("removal_dec", model.Escape(c.OutcomeDocNo))
	}
	return lines
}

func parseDateOr0(v string) model.Date { d, _ := model.ParseDate(v); return d }

func yesNoCode(b bool) string {
	if b {
		return "1"
	}
	return "0"
}
