package model

import (
	"strings"
	"time"
)

// The stage machine moves a candidate forward one stage at a time, checking
// the rules of docs/domain-rules.md §4 at each step. A failed rule either blocks the step
// outright (age under 18, an expired certificate, a vote short of two-thirds:
// the Charter leaves no room) or can be overridden with a written reason that
// is kept in the candidate's history (a replacement introducer, consent for
// someone over 60, dates entered out of order).

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
	probationMonths        = 12
	introducerMonths       = 12 // introducer and candidate together at least this long
)

// defaultDocValidityMonths is the stricter of the recalled validity periods
// for introductions and comment summaries, used when the setting is unset.
const defaultDocValidityMonths = 6

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
		return []string{NeedDate, NeedDocNo, NeedDecidingBody}
	case StageOfficial:
		return []string{NeedDate, NeedVote, NeedDocNo}
	}
	return []string{NeedDate}
}

func needs(to Stage, what string) bool {
	for _, n := range Needs(to) {
		if n == what {
			return true
		}
	}
	return false
}

// stepDate is the date stored for the step; for the two votes the meeting's
// date stands in when no separate date is given.
func stepDate(to Stage, in StepInput) Date {
	if to == StageCellVote && in.Vote.Date != 0 {
		return in.Vote.Date
	}
	if in.Date == 0 && (to == StageCellVote || to == StageOfficial) {
		return in.Vote.Date
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
	if needs(to, NeedDocNo) && strings.TrimSpace(in.DocNo) == "" && strings.TrimSpace(in.Vote.DocNo) == "" {
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
		rs = append(rs, ruleIntroducers(c, in.Introducers, date)...)
	case StageCellVote:
		rs = append(rs, ruleAge(c, date), ruleCert(c, date, ctx.Classes), ruleVote(in.Vote))
		rs = append(rs, ruleDocValidity(c, date, ctx)...)
		if r, has := ruleReligion(c); has {
			rs = append(rs, r)
		}
	case StageDecision:
		rs = append(rs, ruleDecidingBody(in, ctx), ruleAfter(c, StageCellVote, date, RuleAfterVote))
		if cv := c.StageDate(StageCellVote); cv != 0 && date >= cv {
			rs = append(rs, ruleWithin(RuleDecisionDue, ctx.Cal, cv, date, decisionWorkingDays, decisionExtensionDays,
				Text{"quyết định kết nạp", "admission decision"}, Text{"nghị quyết chi bộ", "the cell resolution"}))
		}
	case StageProbation:
		dec := c.StageDate(StageDecision)
		if dec == 0 {
			rs = append(rs, fail(RuleHasDecision, "Chưa có quyết định kết nạp nên chưa thể làm lễ kết nạp.",
				"There is no admission decision yet, so there can be no ceremony."))
		} else {
			rs = append(rs, ruleAfter(c, StageDecision, date, RuleHasDecision))
			if date >= dec {
				rs = append(rs, ruleWithin(RuleCeremonyDue, ctx.Cal, dec, date, ceremonyWorkingDays, 0,
					Text{"lễ kết nạp", "admission ceremony"}, Text{"quyết định kết nạp", "the admission decision"}))
			}
		}
	case StageOfficial:
		rs = append(rs, ruleProbation(c, voteDate(in)), ruleVote(in.Vote))
		if end := c.StageDate(StageProbation).AddMonths(probationMonths); c.StageDate(StageProbation) != 0 && voteDate(in) >= end {
			rs = append(rs, ruleWithin(RuleRecognitionDue, ctx.Cal, end, voteDate(in), recognitionWorkingDays, 0,
				Text{"xét công nhận đảng viên chính thức", "recognition review"}, Text{"ngày hết dự bị", "the end of probation"}))
		}
	}
	return rs
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
					"Cần ghi lý do bằng văn bản để bỏ qua: " + r.Msg.VI,
					"A written reason is needed to override: " + r.Msg.EN}}
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
		out.Introducers = append([]Introducer(nil), in.Introducers...)
	case StageCellVote, StageOfficial:
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
		}
	case StageDecision:
		out.DecisionBody = decidingBody(in, ctx)
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
