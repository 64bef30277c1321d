package model

import (
	"strings"
	"time"
)

// The stage machine moves a candidate forward one stage at a time, checking
// the rules of docs/domain-rules.md §4 at each step. A failed rule either blocks the step
// outright (age under 18, an expired certificate, a vote short of two-thirds:
// the Charter leaves no room) or is an exception allowed with a written
// reason and its grounds, kept in the candidate's history (a replacement
// introducer, education under lower secondary in a mountain area, dates
// entered out of order).

// age limits counted in whole months at the cell-meeting date (docs/domain-rules.md §4).
const (
	minAgeMonths   = 18 * 12
	maxAgeMonths   = 60 * 12
	youthAgeMonths = 31 * 12 // youth-union resolutions introduce people up to 30 years old
)

// legal time limits in working days (docs/domain-rules.md §7).
const (
	decisionWorkingDays    = 60 // admission decision after the cell resolution
	decisionExtensionDays  = 30 // at most this much longer in special cases
	ceremonyWorkingDays    = 30 // ceremony after the decision
	recognitionWorkingDays = 30 // cell review after probation ends
	// the committee's recognition (or removal) decision after the cell's resolution, +30 at most (29-QĐ/TW §4.3.1)
	recDecisionWorkingDays = 30
	recDecisionExtension   = 30
	probationMonths        = 12
	introducerMonths       = 12 // introducer and candidate together at least this long
)

// defaultDocValidityMonths is how long introductions and comment summaries
// stay valid, counted from each document's own date, when the setting is
// unset: 12 months from when the file was drawn up (docs/domain-rules.md §4.2).
const defaultDocValidityMonths = 12

// NextStage returns the stage after s; "" after StageOfficial. An empty or
// unknown stage is treated as "not yet in the pipeline", so its next stage is StageSource.
func NextStage(s Stage) Stage {
	i := s.Index() + 1
	if i >= len(Stages) {
		return ""
	}
	return Stage(Stages[i].Code)
}

// PrevStage returns the stage before s; "" for StageSource and unknown stages.
func PrevStage(s Stage) Stage {
	i := s.Index()
	if i <= 0 {
		return ""
	}
	return Stage(Stages[i-1].Code)
}

// stageText returns the labels of a stage in both languages.
func stageText(s Stage) Text {
	for _, o := range Stages {
		if o.Code == string(s) {
			return o.Label
		}
	}
	return Text{string(s), string(s)}
}

// StepInput is what a person enters to move a candidate to the next stage;
// Needs tells which of its fields a stage asks for.
type StepInput struct {
	Date         Date
	DocNo        string
	Note         string
	Helpers      []string
	Introducers  []Introducer
	Vote         Vote
	DecidingBody DecidingBody
	// Received is the day the cell received the admission decision.
	Received Date
	// Consent is the provincial standing committee's prior written consent
	// for someone over 60 at the cell meeting.
	Consent Document
	// Override is the written reason for going ahead although overridable rules failed.
	Override string
	By       string
	At       time.Time
	Meeting  ID
}

// Input names returned by Needs.
const (
	NeedDate         = "date"
	NeedDocNo        = "doc_no"
	NeedHelpers      = "helpers"
	NeedIntroducers  = "introducers"
	NeedVote         = "vote"
	NeedDecidingBody = "deciding_body"
	NeedReceived     = "received"
	NeedConsent      = "consent"
)

// Needs lists the StepInput fields that reaching stage to asks for, so a form
// shows only those. Every stage needs a date; a note is always optional.
func Needs(to Stage) []string {
	switch to {
	case StageSympathizer, StageVerified, StageComments, StageCommittee:
		return []string{NeedDate, NeedDocNo}
	case StageHelper:
		return []string{NeedDate, NeedDocNo, NeedHelpers}
	case StageIntroduced:
		return []string{NeedDate, NeedIntroducers}
	case StageCellVote:
		return []string{NeedVote, NeedDocNo}
	case StageDecision:
		return []string{NeedDate, NeedReceived, NeedDocNo, NeedDecidingBody}
	case StageRecognition:
		return []string{NeedVote, NeedDocNo}
	case StageOfficial:
		return []string{NeedDate, NeedDocNo}
	}
	return []string{NeedDate}
}

// NeedsFor is Needs for one candidate: the decision of someone over 60 at
// the cell meeting also asks for the provincial standing committee's consent.
func NeedsFor(c Candidate, to Stage) []string {
	n := Needs(to)
	if to == StageDecision && Over60AtCellVote(c) {
		n = append(n, NeedConsent)
	}
	return n
}

func needs(to Stage, what string) bool {
	for _, n := range Needs(to) {
		if n == what {
			return true
		}
	}
	return false
}

// stepDate is the date stored for the step: for the cell's two votes, the
// date of the meeting.
func stepDate(to Stage, in StepInput) Date {
	if to == StageCellVote || to == StageRecognition {
		return voteDate(in)
	}
	return in.Date
}

// voteDate is the date of the meeting that voted.
func voteDate(in StepInput) Date {
	if in.Vote.Date != 0 {
		return in.Vote.Date
	}
	return in.Date
}

// CheckAdvance checks every rule for moving c to stage to with input in.
// Met rules are returned too (OK true), so a screen can show the whole list.
func CheckAdvance(c Candidate, to Stage, in StepInput, ctx RuleContext) []RuleResult {
	var rs []RuleResult
	order := ruleOrder(c, to)
	rs = append(rs, order)
	if !order.OK {
		return rs
	}
	date := stepDate(to, in)
	rs = append(rs, ruleDates(c, to, date, ctx.Today)...)
	if date == 0 {
		return rs
	}
	rs = append(rs, stageRules(c, to, in, ctx, date)...)
	if to.Index() < StageCellVote.Index() {
		if r, has := ruleAgeWarning(c, date); has {
			rs = append(rs, r)
		}
	}
	// The committee's recognition decision has a blocking rule of its own (decision_no).
	if needs(to, NeedDocNo) && to != StageOfficial && strings.TrimSpace(in.DocNo) == "" && strings.TrimSpace(in.Vote.DocNo) == "" {
		rs = append(rs, warn(RuleDocNo, "Chưa ghi số văn bản.", "No document number is recorded."))
	}
	return rs
}

// stageRules are the rules particular to reaching stage to on date.
func stageRules(c Candidate, to Stage, in StepInput, ctx RuleContext, date Date) []RuleResult {
	var rs []RuleResult
	switch to {
	case StageHelper:
		if len(nonEmpty(in.Helpers)) == 0 {
			rs = append(rs, fail(RuleHelpers, "Chưa phân công đảng viên giúp đỡ.", "No helping member is assigned."))
		} else {
			rs = append(rs, ok(RuleHelpers, "Đảng viên giúp đỡ: %s.", "Helping members: %s.", strings.Join(nonEmpty(in.Helpers), ", ")))
		}
	case StageClass:
		rs = append(rs, ruleCert(c, date, ctx.Classes))
	case StageIntroduced:
		rs = append(rs, ruleIntroducers(c, datedIntroducers(in.Introducers, date), date)...)
	case StageCellVote:
		rs = append(rs, ruleAge(c, date), ruleCert(c, date, ctx.Classes), ruleEducation(c), ruleVote(in.Vote))
		rs = append(rs, ruleDocValidity(c, date, ctx)...)
		if r, has := ruleReligion(c); has {
			rs = append(rs, r)
		}
	case StageDecision:
		rs = append(rs, decisionRules(c, in, ctx, date)...)
	case StageProbation:
		rs = append(rs, ceremonyRules(c, ctx, date)...)
	case StageRecognition:
		rs = append(rs, recognitionRules(c, in.Vote, ctx, date)...)
	case StageOfficial:
		rs = append(rs, officialRules(c, in, ctx, date)...)
	}
	return rs
}

// decisionRules check the admission decision: who decides (the province for
// someone over 60, with its consent), and the time since the cell's resolution.
func decisionRules(c Candidate, in StepInput, ctx RuleContext, date Date) []RuleResult {
	rs := []RuleResult{ruleDecidingBody(c, in, ctx)}
	if Over60AtCellVote(c) {
		rs = append(rs, ruleConsent(in.Consent, date))
	}
	rs = append(rs, ruleAfter(c, StageCellVote, date, RuleAfterVote))
	if cv := c.StageDate(StageCellVote); cv != 0 && date >= cv {
		rs = append(rs, ruleWithin(RuleDecisionDue, ctx.Cal, cv, date, decisionWorkingDays, decisionExtensionDays,
			Text{"quyết định kết nạp", "admission decision"}, Text{"nghị quyết chi bộ", "the cell resolution"}))
	}
	if in.Received != 0 {
		rs = append(rs, ruleReceived(in.Received, date, ctx.Today))
	}
	return rs
}

// ruleReceived checks the day the cell received the decision dated date.
func ruleReceived(received, date, today Date) RuleResult {
	switch {
	case received < date:
		return fail(RuleReceived, "Ngày chi bộ nhận quyết định (%s) không thể trước ngày quyết định (%s).",
			"The cell cannot receive the decision (%s) before its date (%s).", received, date)
	case today != 0 && received > today:
		return fail(RuleReceived, "Ngày chi bộ nhận quyết định (%s) còn ở tương lai.", "The day the decision was received (%s) is in the future.", received)
	}
	return ok(RuleReceived, "Chi bộ nhận quyết định ngày %s.", "The cell received the decision on %s.", received)
}

// ceremonyRules check the ceremony against the admission decision: not
// before the cell has it, and within 30 working days of receiving it.
func ceremonyRules(c Candidate, ctx RuleContext, date Date) []RuleResult {
	dec := c.StageDate(StageDecision)
	if dec == 0 {
		return []RuleResult{fail(RuleHasDecision, "Chưa có quyết định kết nạp nên chưa thể làm lễ kết nạp.",
			"There is no admission decision yet, so there can be no ceremony.")}
	}
	rs := []RuleResult{ruleAfter(c, StageDecision, date, RuleHasDecision)}
	if date < dec {
		return rs
	}
	from, since := dec, Text{"ngày quyết định kết nạp (chưa ghi ngày chi bộ nhận quyết định)",
		"the date of the admission decision (the day the cell received it is not recorded)"}
	if rec := c.Steps[StageDecision].Received; rec != 0 {
		if date < rec {
			return append(rs, fail(RuleReceived, "Lễ kết nạp (%s) không thể trước ngày chi bộ nhận quyết định (%s).",
				"The ceremony (%s) cannot come before the cell received the decision (%s).", date, rec))
		}
		from, since = rec, Text{"ngày chi bộ nhận quyết định kết nạp", "the day the cell received the admission decision"}
	}
	return append(rs, ruleWithin(RuleCeremonyDue, ctx.Cal, from, date, ceremonyWorkingDays, 0,
		Text{"lễ kết nạp", "admission ceremony"}, since))
}

// Advance moves c to stage to. Every failed rule that cannot be overridden
// stops it with that rule's sentence; overridable failures need in.Override.
// c is not modified: the result is a copy with the step, its data and a history event.
func Advance(c Candidate, to Stage, in StepInput, ctx RuleContext) (Candidate, []RuleResult, error) {
	rs := CheckAdvance(c, to, in, ctx)
	var overridden []string
	for _, r := range rs {
		if r.OK {
			continue
		}
		if !r.Overridable {
			return c, rs, &FieldError{Field: r.Rule, Msg: r.Msg}
		}
		overridden = append(overridden, r.Rule)
	}
	reason := strings.TrimSpace(in.Override)
	if len(overridden) > 0 && reason == "" {
		for _, r := range rs {
			if !r.OK {
				return c, rs, &FieldError{Field: r.Rule, Msg: Text{
					"Trường hợp ngoại lệ, cần ghi lý do, căn cứ: " + r.Msg.VI,
					"An exception: write down the reason and its grounds: " + r.Msg.EN}}
			}
		}
	}
	out := copyCandidate(c)
	date := stepDate(to, in)
	step := Step{Date: date, DocNo: strings.TrimSpace(in.DocNo), Note: strings.TrimSpace(in.Note)}
	switch to {
	case StageHelper:
		out.Helpers = nonEmpty(in.Helpers)
	case StageIntroduced:
		out.Introducers = datedIntroducers(in.Introducers, date)
	case StageCellVote, StageRecognition:
		v := in.Vote
		v.Date = voteDate(in)
		if v.DocNo == "" {
			v.DocNo = step.DocNo
		}
		if step.DocNo == "" {
			step.DocNo = v.DocNo
		}
		if to == StageCellVote {
			out.CellVote = v
		} else {
			out.RecognitionVote = v
			out.RemovalProposal = Document{} // the cell now proposes recognition instead
		}
	case StageDecision:
		out.DecisionBody = decidingBody(c, in, ctx)
		step.Received = in.Received
		if in.Consent != (Document{}) {
			out.Over60Consent = Document{No: strings.TrimSpace(in.Consent.No), Date: in.Consent.Date}
		}
	}
	out.Steps[to] = step
	ev := Event{At: in.At, By: in.By, From: c.Stage, To: to, Meeting: in.Meeting}
	if len(overridden) > 0 {
		ev.Override = reason + " [" + strings.Join(overridden, ", ") + "]"
	}
	out.History = append(out.History, ev)
	out.Stage = to
	return out, rs, nil
}

// datedIntroducers copies intros, giving an introduction without a date of
// its own the date of the step: validity counts from each letter's date.
func datedIntroducers(intros []Introducer, step Date) []Introducer {
	out := append([]Introducer(nil), intros...)
	for i := range out {
		if out[i].Date == 0 {
			out[i].Date = step
		}
	}
	return out
}

// copyCandidate copies the maps and slices the pipeline changes, so the
// caller's record (often shared with a list) never sees a half-made step.
func copyCandidate(c Candidate) Candidate {
	out := c
	out.Steps = make(map[Stage]Step, len(c.Steps)+1)
	for k, v := range c.Steps {
		out.Steps[k] = v
	}
	out.History = append(make([]Event, 0, len(c.History)+1), c.History...)
	out.Helpers = append([]string(nil), c.Helpers...)
	out.Introducers = append([]Introducer(nil), c.Introducers...)
	return out
}
