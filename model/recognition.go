package model

import "strings"

// After probation the cell only proposes (Mẫu 13-KNĐ): recognition as an
// official member, or removal from the list (xóa tên). The committee with
// authority decides (Mẫu 16-KNĐ) within 30 working days of the cell's
// resolution, 30 more at most (docs/domain-rules.md §4.2). The member is
// official from the day the 12 months of probation end, whatever day the
// committee signs.

// OfficialSince is the day c became an official member: the end of the 12
// months of probation (the ceremony + 12 months); 0 before the committee's
// decision is recorded.
func (c Candidate) OfficialSince() Date {
	cer := c.StageDate(StageProbation)
	if c.Stage != StageOfficial || cer == 0 {
		return 0
	}
	return cer.AddMonths(probationMonths)
}

// recognitionRules check the cell's resolution proposing recognition: after
// the 12 months, by two-thirds, within 30 working days of their end.
func recognitionRules(c Candidate, v Vote, ctx RuleContext, date Date) []RuleResult {
	rs := []RuleResult{ruleProbation(c, date), ruleVote(v)}
	if cer := c.StageDate(StageProbation); cer != 0 && date >= cer.AddMonths(probationMonths) {
		rs = append(rs, ruleWithin(RuleRecognitionDue, ctx.Cal, cer.AddMonths(probationMonths), date, recognitionWorkingDays, 0,
			Text{"xét công nhận đảng viên chính thức", "recognition review"}, Text{"ngày hết dự bị", "the end of probation"}))
	}
	return rs
}

// officialRules check the committee's recognition decision: its number, a
// date not before the cell's resolution, and the time it took.
func officialRules(c Candidate, in StepInput, ctx RuleContext, date Date) []RuleResult {
	var rs []RuleResult
	if strings.TrimSpace(in.DocNo) == "" {
		rs = append(rs, fail(RuleDecisionNo, "Chưa ghi số quyết định công nhận đảng viên chính thức (Mẫu 16-KNĐ) của cấp ủy có thẩm quyền.",
			"The number of the committee's recognition decision (form 16-KNĐ) is missing."))
	} else {
		rs = append(rs, ok(RuleDecisionNo, "Quyết định công nhận đảng viên chính thức số %s.", "Recognition decision no. %s.", strings.TrimSpace(in.DocNo)))
	}
	rs = append(rs, ruleAfter(c, StageRecognition, date, RuleAfterRecVote))
	if rv := c.StageDate(StageRecognition); rv != 0 && date >= rv {
		rs = append(rs, ruleWithin(RuleRecDecisionDue, ctx.Cal, rv, date, recDecisionWorkingDays, recDecisionExtension,
			Text{"quyết định công nhận đảng viên chính thức", "recognition decision"},
			Text{"nghị quyết chi bộ đề nghị công nhận", "the cell's resolution"}))
	}
	return rs
}

// ProposeRemoval records the cell's resolution proposing that probationary
// member c be removed from the list (xóa tên) rather than recognised: the
// vote, the resolution's number and date. c stays a probationary member
// until the committee decides (Exit with OutcomeRemoved and the decision's number).
func ProposeRemoval(c Candidate, v Vote, docNo, reason string, in StepInput) (Candidate, error) {
	if r := ruleActive(c); !r.OK {
		return c, &FieldError{Field: RuleActive, Msg: r.Msg}
	}
	if c.Stage != StageProbation {
		return c, &FieldError{Field: RuleInProbation, Msg: Text{"Chỉ đề nghị xóa tên đảng viên dự bị; người này không ở bước “Đảng viên dự bị”.",
			"Only a probationary member can be proposed for removal, and this person is not at that stage."}}
	}
	if v.Date == 0 {
		return c, &FieldError{Field: RuleDate, Msg: Text{"Chưa có ngày của nghị quyết chi bộ.", "The date of the cell's resolution is missing."}}
	}
	out := copyCandidate(c)
	v.DocNo = strings.TrimSpace(docNo)
	out.RecognitionVote = v
	out.RemovalProposal = Document{No: v.DocNo, Date: v.Date}
	why := "Chi bộ đề nghị xóa tên, chờ quyết định của cấp ủy có thẩm quyền"
	if r := strings.TrimSpace(reason); r != "" {
		why += ": " + r
	}
	out.History = append(out.History, Event{At: in.At, By: in.By, From: c.Stage, To: c.Stage, Reason: why, Meeting: in.Meeting})
	return out, nil
}

// Over60AtCellVote reports whether c was over 60, counted in months, on the
// day of the cell's resolution: the provincial committee then decides.
func Over60AtCellVote(c Candidate) bool {
	d := c.StageDate(StageCellVote)
	if d == 0 {
		d = c.CellVote.Date
	}
	return c.DOB != 0 && d != 0 && MonthsBetween(c.DOB, d) > maxAgeMonths
}

// ruleConsent checks the provincial standing committee's written consent,
// which must come before the decision on date (01-HD/TW).
func ruleConsent(d Document, date Date) RuleResult {
	switch {
	case strings.TrimSpace(d.No) == "" || d.Date == 0:
		return fail(RuleConsent, "Người trên 60 tuổi: cần ghi số và ngày văn bản đồng ý trước của Ban Thường vụ Tỉnh ủy.",
			"Over 60: record the number and date of the provincial standing committee's prior written consent.")
	case d.Date > date:
		return fail(RuleConsent, "Văn bản đồng ý của Ban Thường vụ Tỉnh ủy (%s) phải có trước quyết định kết nạp (%s).",
			"The provincial standing committee's consent (%s) must come before the decision (%s).", d.Date, date)
	}
	return ok(RuleConsent, "Ban Thường vụ Tỉnh ủy đồng ý bằng văn bản số %s ngày %s.",
		"The provincial standing committee consented in writing, no. %s of %s.", strings.TrimSpace(d.No), d.Date)
}
