package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// What a cell meeting needs about a candidate: the checklist, whether to
// propose them, and applying what the meeting decided.

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
// configured validity at the cell meeting, each counted from its own date
// (the introducer's letter or resolution, the summary). The period is the
// guidance's, not the text's own (docs/domain-rules.md §4.2), so a written
// reason may make an exception.
func ruleDocValidity(c Candidate, at Date, ctx RuleContext) []RuleResult {
	var rs []RuleResult
	months := docValidity(ctx)
	for _, in := range c.Introducers {
		if in.Date != 0 && at > in.Date.AddMonths(months) {
			rs = append(rs, failO(RuleIntroValidity, "Giấy giới thiệu của %s (%s) đã quá %d tháng kể từ ngày lập.",
				"The introduction by %s (%s) is more than %d months old.", in.Name, in.Date, months))
		}
	}
	if d := c.StageDate(StageComments); d != 0 && at > d.AddMonths(months) {
		rs = append(rs, failO(RuleCommentsValid, "Bản tổng hợp ý kiến nhận xét (%s) đã quá %d tháng kể từ ngày lập; cần lấy lại.",
			"The comment summary (%s) is more than %d months old and must be gathered again.", d, months))
	}
	return rs
}

// overriddenBefore reports whether a step of c went ahead as an exception to rule.
func overriddenBefore(c Candidate, rule string) bool {
	for _, ev := range c.History {
		if i := strings.LastIndex(ev.Override, "["); i >= 0 && slices.Contains(strings.Split(strings.Trim(ev.Override[i:], "[]"), ", "), rule) {
			return true
		}
	}
	return false
}

// introducerChecklist is the introducers' part of a meeting's checklist: an
// exception already written down when the introducers were recorded shows
// as a reminder, not as a failure again.
func introducerChecklist(c Candidate, at Date) []RuleResult {
	rs := ruleIntroducers(c, c.Introducers, at)
	for i, r := range rs {
		if !r.OK && r.Overridable && overriddenBefore(c, r.Rule) {
			rs[i] = RuleResult{Rule: r.Rule, OK: true, Warn: true, Msg: Text{
				r.Msg.VI + " Đã ghi lý do ngoại lệ khi ghi người giới thiệu.",
				r.Msg.EN + " The exception was written down when the introducers were recorded."}}
		}
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
// admission vote, StageRecognition for a recognition vote (StageOfficial
// too, for a probationary member), or any other stage to see what advancing
// there still needs.
func Missing(c Candidate, to Stage, ctx RuleContext, meetingDate Date) []RuleResult {
	rs := []RuleResult{ruleActive(c)}
	switch to {
	case StageCellVote:
		rs = append(rs, ruleAge(c, meetingDate), ruleCert(c, meetingDate, ctx.Classes), ruleEducation(c),
			ruleReached(c, StageApplication, RuleApplication), ruleReached(c, StageVerified, RuleVerified))
		rs = append(rs, introducerChecklist(c, meetingDate)...)
		rs = append(rs, ruleReached(c, StageComments, RuleComments))
		rs = append(rs, ruleDocValidity(c, meetingDate, ctx)...)
		if r, has := ruleReligion(c); has {
			rs = append(rs, r)
		}
	case StageRecognition, StageOfficial:
		if to == StageOfficial && c.Stage.Index() >= StageRecognition.Index() {
			rs = append(rs, otherStageChecklist(c, to, ctx, meetingDate)...)
			break
		}
		// A recognition meeting (asked for either stage) reviews a probationary member.
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
		if p := c.RemovalProposal; p.Date != 0 {
			rs = append(rs, warn(RuleRemovalProposal, "Chi bộ đã đề nghị xóa tên (nghị quyết %s ngày %s), đang chờ cấp ủy quyết định.",
				"The cell proposed removal (resolution %s of %s); the committee has yet to decide.", p.No, p.Date))
		}
	default:
		rs = append(rs, otherStageChecklist(c, to, ctx, meetingDate)...)
	}
	return rs
}

// otherStageChecklist is what advancing c to stage to on day still needs.
func otherStageChecklist(c Candidate, to Stage, ctx RuleContext, day Date) []RuleResult {
	var rs []RuleResult
	in := StepInput{Date: day, Helpers: c.Helpers, Introducers: c.Introducers, DecidingBody: c.DecisionBody,
		Consent: c.Over60Consent, Received: c.Steps[StageDecision].Received}
	for _, r := range CheckAdvance(c, to, in, ctx) {
		if r.Rule != RuleDocNo && r.Rule != RuleDecisionNo { // the number comes with the step itself
			rs = append(rs, r)
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
		// Due within the next 30 days, or already due, so the review is not
		// missed; not when the cell already proposed removal (RecVote set).
		return r.Stage == StageProbation && r.Ceremony != 0 && r.RecVote == 0 &&
			r.Ceremony.AddMonths(probationMonths) <= meetingDate.AddDays(30)
	case MeetingReview:
		return r.Stage.Index() < StageCellVote.Index()
	}
	return false
}

// ApplyDecision records what meeting m decided about c in agenda item it.
// Approving in an admission meeting is the cell's resolution (StageCellVote);
// in a recognition meeting it is the cell's proposal to recognise c
// (StageRecognition: the committee decides later); in a monthly review it
// puts a newly identified person on the sympathizer list. Deferrals and
// rejections are written to the history; rejecting recognition is the
// cell's proposal to remove c, which the committee decides later too.
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
			out, _, err := Advance(c, StageRecognition, in, ctx)
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
			return ProposeRemoval(c, m.VoteFor(it), it.DocNo, it.Note, in)
		}
		if m.Kind.known() {
			return note(Text{"không tán thành", "rejected"})
		}
	default:
		return c, &FieldError{Field: "decision", Msg: Text{"Chưa ghi kết quả xét của chi bộ cho người này.",
			"The cell's result for this person is not recorded."}}
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
