package model

import (
	"fmt"
	"strings"
	"time"
)

// The stage machine moves a candidate forward one stage at a time, checking
// the rules of DOMAIN.md §1 at each step. A failed rule either blocks the step
// outright (age under 18, an expired certificate, a vote short of two-thirds:
// the Charter leaves no room) or can be overridden with a written reason that
// is kept in the candidate's history (a replacement introducer, consent for
// someone over 60, dates entered out of order).

// age limits counted in whole months at the cell-meeting date (DOMAIN.md §1.1).
const (
	minAgeMonths   = 18 * 12
	maxAgeMonths   = 60 * 12
	youthAgeMonths = 31 * 12 // youth-union resolutions introduce people up to 30 years old
)

// legal time limits in working days (DOMAIN.md §1.3).
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

// RuleResult is one checked rule. Msg explains the result in both languages,
// whether met or not. Overridable failures may be passed with a written reason.
// Warn marks a met rule that still deserves attention (informational items,
// late but legal steps).
type RuleResult struct {
	Rule        string
	OK          bool
	Msg         Text
	Overridable bool
	Warn        bool
}

// Rule names.
const (
	RuleActive         = "active"
	RuleOrder          = "order"
	RuleDate           = "date"
	RuleDateFuture     = "date_future"
	RuleDateOrder      = "date_order"
	RuleAge            = "age"
	RuleCert           = "cert"
	RuleHelpers        = "helpers"
	RuleIntroducers    = "introducers"
	RuleIntroOfficial  = "introducer_official"
	RuleIntroMonths    = "introducer_months"
	RuleIntroValidity  = "introducer_validity"
	RuleVote           = "vote"
	RuleDecidingBody   = "deciding_body"
	RuleAfterVote      = "after_cell_vote"
	RuleDecisionDue    = "decision_due"
	RuleHasDecision    = "has_decision"
	RuleCeremonyDue    = "ceremony_due"
	RuleProbation      = "probation"
	RuleRecognitionDue = "recognition_due"
	RuleReligion       = "religion"
	RuleDocNo          = "doc_no"
	RuleApplication    = "application"
	RuleVerified       = "verified"
	RuleComments       = "comments"
	RuleCommentsValid  = "comments_validity"
	RuleInProbation    = "in_probation"
)

// RuleContext is what the rules need besides the candidate and the input.
type RuleContext struct {
	Today    Date // 0 skips the "not in the future" check
	Settings Settings
	// Classes are searched for the candidate's best passed certificate.
	Classes []Class
	Cal     Calendar
}

// tr formats a message in both languages from the same arguments; a Text
// argument contributes its Vietnamese label to vi and its English one to en.
func tr(vi, en string, args ...any) Text {
	a, b := make([]any, len(args)), make([]any, len(args))
	for i, x := range args {
		a[i], b[i] = x, x
		if t, isText := x.(Text); isText {
			a[i], b[i] = t.VI, t.EN
		}
	}
	return Text{fmt.Sprintf(vi, a...), fmt.Sprintf(en, b...)}
}

func ok(rule string, vi, en string, args ...any) RuleResult {
	return RuleResult{Rule: rule, OK: true, Msg: tr(vi, en, args...)}
}

func warn(rule string, vi, en string, args ...any) RuleResult {
	r := ok(rule, vi, en, args...)
	r.Warn = true
	return r
}

func fail(rule string, vi, en string, args ...any) RuleResult {
	return RuleResult{Rule: rule, Msg: tr(vi, en, args...)}
}

func failO(rule string, vi, en string, args ...any) RuleResult {
	r := fail(rule, vi, en, args...)
	r.Overridable = true
	return r
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

func needReason(reason string, what Text) error {
	if strings.TrimSpace(reason) == "" {
		return &FieldError{Field: "reason", Msg: Text{"Cần ghi lý do " + what.VI + ".", "A reason is needed " + what.EN + "."}}
	}
	return nil
}

// GoBack moves c one stage back, undoing the current stage's record; a reason is required.
func GoBack(c Candidate, reason string, in StepInput) (Candidate, error) {
	if err := needReason(reason, Text{"để lùi bước", "to go back a stage"}); err != nil {
		return c, err
	}
	if r := ruleActive(c); !r.OK {
		return c, &FieldError{Field: RuleActive, Msg: r.Msg}
	}
	prev := PrevStage(c.Stage)
	if prev == "" {
		return c, &FieldError{Field: RuleOrder, Msg: Text{"Đây là bước đầu tiên, không lùi được nữa.", "This is the first stage; there is nothing to go back to."}}
	}
	out := copyCandidate(c)
	delete(out.Steps, c.Stage)
	switch c.Stage {
	case StageCellVote:
		out.CellVote = Vote{}
	case StageOfficial:
		out.RecognitionVote = Vote{}
	case StageDecision:
		out.DecisionBody = ""
	}
	out.Stage = prev
	out.History = append(out.History, Event{At: in.At, By: in.By, From: c.Stage, To: prev,
		Reason: strings.TrimSpace(reason), Meeting: in.Meeting})
	return out, nil
}

// Exit takes c out of the pipeline with outcome o; a reason is required and
// removal (xóa tên) applies only to probationary members.
func Exit(c Candidate, o Outcome, reason string, date Date, in StepInput) (Candidate, error) {
	if err := needReason(reason, Text{"khi đưa ra khỏi danh sách", "to take someone off the list"}); err != nil {
		return c, err
	}
	if r := ruleActive(c); !r.OK {
		return c, &FieldError{Field: RuleActive, Msg: r.Msg}
	}
	if Label(Outcomes, string(o), VI) == string(o) {
		return c, &FieldError{Field: "outcome", Msg: Text{"Chưa chọn hình thức ra khỏi danh sách.", "No way of leaving the list is chosen."}}
	}
	if c.Stage == StageOfficial {
		return c, &FieldError{Field: "outcome", Msg: Text{"Người này đã là đảng viên chính thức, không còn trong danh sách phát triển.",
			"This person is already an official member and no longer in the pipeline."}}
	}
	if o == OutcomeRemoved && c.Stage != StageProbation {
		return c, &FieldError{Field: "outcome", Msg: Text{"Chỉ xóa tên đảng viên dự bị; người này chưa là đảng viên dự bị.",
			"Removal applies only to probationary members, and this person is not one."}}
	}
	if date == 0 {
		return c, &FieldError{Field: "date", Msg: Text{"Chưa nhập ngày ra khỏi danh sách.", "The date of leaving is missing."}}
	}
	out := copyCandidate(c)
	out.Outcome, out.OutcomeReason, out.OutcomeDate = o, strings.TrimSpace(reason), date
	out.History = append(out.History, Event{At: in.At, By: in.By, From: c.Stage, To: c.Stage, Outcome: o,
		Reason: strings.TrimSpace(reason), Meeting: in.Meeting})
	return out, nil
}

// Reinstate undoes an exit, putting c back at the stage they left from; a reason is required.
func Reinstate(c Candidate, reason string, in StepInput) (Candidate, error) {
	if err := needReason(reason, Text{"để khôi phục vào danh sách", "to reinstate"}); err != nil {
		return c, err
	}
	if c.Outcome == OutcomeActive {
		return c, &FieldError{Field: "outcome", Msg: Text{"Người này đang trong danh sách, không cần khôi phục.",
			"This person is active; there is nothing to reinstate."}}
	}
	out := copyCandidate(c)
	out.Outcome, out.OutcomeReason, out.OutcomeDate = OutcomeActive, "", 0
	out.History = append(out.History, Event{At: in.At, By: in.By, From: c.Stage, To: c.Stage,
		Reason: strings.TrimSpace(reason), Meeting: in.Meeting})
	return out, nil
}

// reached reports whether c has completed stage s.
func reached(c Candidate, s Stage) bool {
	return c.Stage.Index() >= s.Index() || c.StageDate(s) != 0
}

func docValidity(ctx RuleContext) int {
	if ctx.Settings.DocValidityMonths > 0 {
		return ctx.Settings.DocValidityMonths
	}
	return defaultDocValidityMonths
}

// ruleDocValidity flags introductions and the comment summary older than the
// configured validity at the cell meeting. The periods are recalled, not
// confirmed (DOMAIN.md §1.3), so a written reason may override them.
func ruleDocValidity(c Candidate, at Date, ctx RuleContext) []RuleResult {
	var rs []RuleResult
	months := docValidity(ctx)
	for _, in := range c.Introducers {
		if in.Date != 0 && at > in.Date.AddMonths(months) {
			rs = append(rs, failO(RuleIntroValidity, "Giấy giới thiệu của %s (%s) đã quá %d tháng.",
				"The introduction by %s (%s) is older than %d months.", in.Name, in.Date, months))
		}
	}
	if d := c.StageDate(StageComments); d != 0 && at > d.AddMonths(months) {
		rs = append(rs, failO(RuleCommentsValid, "Bản tổng hợp ý kiến nhận xét (%s) đã quá %d tháng; cần lấy lại.",
			"The comment summary (%s) is older than %d months and must be gathered again.", d, months))
	}
	return rs
}

func ruleReached(c Candidate, s Stage, rule string) RuleResult {
	t := stageText(s)
	if !reached(c, s) {
		return fail(rule, "Chưa xong bước “%s”.", "“%s” is not done.", t)
	}
	if d := c.StageDate(s); d != 0 {
		return ok(rule, "Đã xong bước “%s” (%s).", "“%s” done (%s).", t, d)
	}
	return ok(rule, "Đã xong bước “%s”.", "“%s” done.", t)
}

// Missing is the checklist shown for a candidate in a review meeting held on
// meetingDate: met items OK, missing items not. to is StageCellVote for an
// admission vote, StageOfficial for a recognition vote, or any other stage to
// see what advancing there still needs.
func Missing(c Candidate, to Stage, ctx RuleContext, meetingDate Date) []RuleResult {
	rs := []RuleResult{ruleActive(c)}
	switch to {
	case StageCellVote:
		rs = append(rs, ruleAge(c, meetingDate), ruleCert(c, meetingDate, ctx.Classes),
			ruleReached(c, StageApplication, RuleApplication), ruleReached(c, StageVerified, RuleVerified))
		rs = append(rs, ruleIntroducers(c, c.Introducers, meetingDate)...)
		rs = append(rs, ruleReached(c, StageComments, RuleComments))
		rs = append(rs, ruleDocValidity(c, meetingDate, ctx)...)
		if r, has := ruleReligion(c); has {
			rs = append(rs, r)
		}
	case StageOfficial:
		if c.Stage == StageProbation {
			rs = append(rs, ok(RuleInProbation, "Đang là đảng viên dự bị.", "A probationary member."))
		} else {
			rs = append(rs, fail(RuleInProbation, "Chưa là đảng viên dự bị.", "Not a probationary member."))
		}
		rs = append(rs, ruleProbation(c, meetingDate))
		if cer := c.StageDate(StageProbation); cer != 0 && meetingDate >= cer.AddMonths(probationMonths) {
			rs = append(rs, ruleWithin(RuleRecognitionDue, ctx.Cal, cer.AddMonths(probationMonths), meetingDate,
				recognitionWorkingDays, 0, Text{"xét công nhận đảng viên chính thức", "recognition review"},
				Text{"ngày hết dự bị", "the end of probation"}))
		}
	default:
		in := StepInput{Date: meetingDate, Helpers: c.Helpers, Introducers: c.Introducers, DecidingBody: c.DecisionBody}
		for _, r := range CheckAdvance(c, to, in, ctx) {
			if r.Rule != RuleDocNo { // the number comes from the meeting itself
				rs = append(rs, r)
			}
		}
	}
	return rs
}

// ReadyFor reports whether nguon should propose candidate r for a meeting of
// kind held on meetingDate.
func ReadyFor(kind MeetingKind, r CandidateRow, meetingDate Date) bool {
	if r.Outcome != OutcomeActive {
		return false
	}
	switch kind {
	case MeetingAdmission:
		// Only files whose comments are gathered can be voted on; earlier
		// stages would be refused when the meeting's decisions are applied.
		return r.Stage == StageComments
	case MeetingRecognition:
		// Due within the next 30 days, or already due, so the review is not missed.
		return r.Stage == StageProbation && r.Ceremony != 0 &&
			r.Ceremony.AddMonths(probationMonths) <= meetingDate.AddDays(30)
	case MeetingReview:
		return r.Stage.Index() < StageCellVote.Index()
	}
	return false
}

// ApplyDecision records what meeting m decided about c in agenda item it.
// Approving in an admission meeting is the cell's resolution (StageCellVote);
// in a recognition meeting it makes c an official member; in a monthly review
// it puts a newly identified person on the sympathizer list. Deferrals and
// rejections are written to the history; rejecting recognition removes the
// probationary member.
func ApplyDecision(c Candidate, m Meeting, it AgendaItem, ctx RuleContext, by string, at time.Time) (Candidate, error) {
	if it.Candidate != c.ID {
		return c, &FieldError{Field: "candidate", Msg: Text{"Mục này của cuộc họp không phải của người này.",
			"This agenda item is about someone else."}}
	}
	in := StepInput{Date: m.Date, DocNo: it.DocNo, Note: it.Note, Override: it.Override, By: by, At: at, Meeting: m.ID}
	note := func(d Text) (Candidate, error) {
		out := copyCandidate(c)
		reason := fmt.Sprintf("%s %s: %s", meetingLabel(m.Kind).VI, m.Date, d.VI)
		if n := strings.TrimSpace(it.Note); n != "" {
			reason += " — " + n
		}
		out.History = append(out.History, Event{At: at, By: by, From: c.Stage, To: c.Stage, Reason: reason, Meeting: m.ID})
		return out, nil
	}
	switch it.Decision {
	case DecisionApprove:
		switch m.Kind {
		case MeetingAdmission:
			in.Vote = m.VoteFor(it)
			out, _, err := Advance(c, StageCellVote, in, ctx)
			return out, err
		case MeetingRecognition:
			in.Vote = m.VoteFor(it)
			out, _, err := Advance(c, StageOfficial, in, ctx)
			return out, err
		case MeetingReview:
			if c.Stage == StageSource {
				out, _, err := Advance(c, StageSympathizer, in, ctx)
				return out, err
			}
			return note(Text{"tán thành", "approved"})
		}
	case DecisionDefer:
		if m.Kind.known() {
			return note(Text{"hoãn xét", "deferred"})
		}
	case DecisionReject:
		if m.Kind == MeetingRecognition {
			reason := "chi bộ không đề nghị công nhận"
			if n := strings.TrimSpace(it.Note); n != "" {
				reason += ": " + n
			}
			return Exit(c, OutcomeRemoved, reason, m.Date, in)
		}
		if m.Kind.known() {
			return note(Text{"không tán thành", "rejected"})
		}
	default:
		return c, &FieldError{Field: "decision", Msg: Text{"Chưa ghi quyết định của chi bộ cho người này.",
			"The cell's decision for this person is not recorded."}}
	}
	return c, &FieldError{Field: "kind", Msg: Text{"Không rõ loại cuộc họp.", "Unknown meeting kind."}}
}

func (k MeetingKind) known() bool {
	return k == MeetingAdmission || k == MeetingRecognition || k == MeetingReview
}

// meetingLabel returns the labels of a meeting kind.
func meetingLabel(k MeetingKind) Text {
	for _, o := range MeetingKinds {
		if o.Code == string(k) {
			return o.Label
		}
	}
	return Text{string(k), string(k)}
}
