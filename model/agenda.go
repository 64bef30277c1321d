package model

import (
	"fmt"
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
// configured validity at the cell meeting. The periods are recalled, not
// confirmed (docs/domain-rules.md §7), so a written reason may override them.
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
