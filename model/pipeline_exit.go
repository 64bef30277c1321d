package model

import "strings"

// Moving a candidate back a stage, out of the pipeline, and back into it.

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
	case StageRecognition:
		out.RecognitionVote = Vote{}
	case StageDecision:
		out.DecisionBody = ""
	}
	out.Stage = prev
	out.History = append(out.History, Event{At: in.At, By: in.By, From: c.Stage, To: prev,
		Reason: strings.TrimSpace(reason), Meeting: in.Meeting})
	return out, nil
}

// Exit takes c out of the pipeline with outcome o; a reason is required.
// Removal (xóa tên) applies only to probationary members and is the
// committee's decision: in.DocNo is its number and date its date, not
// earlier than the cell's proposal.
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
	if o == OutcomeRemoved && c.Stage != StageProbation && c.Stage != StageRecognition {
		return c, &FieldError{Field: "outcome", Msg: Text{"Chỉ xóa tên đảng viên dự bị; người này chưa là đảng viên dự bị.",
			"Removal applies only to probationary members, and this person is not one."}}
	}
	if date == 0 {
		return c, &FieldError{Field: "date", Msg: Text{"Chưa nhập ngày ra khỏi danh sách.", "The date of leaving is missing."}}
	}
	docNo := ""
	if o == OutcomeRemoved {
		if err := checkRemoval(c, date, in.DocNo); err != nil {
			return c, err
		}
		docNo = strings.TrimSpace(in.DocNo)
	}
	out := copyCandidate(c)
	out.Outcome, out.OutcomeReason, out.OutcomeDate, out.OutcomeDocNo = o, strings.TrimSpace(reason), date, docNo
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
	out.Outcome, out.OutcomeReason, out.OutcomeDate, out.OutcomeDocNo = OutcomeActive, "", 0, ""
	out.History = append(out.History, Event{At: in.At, By: in.By, From: c.Stage, To: c.Stage,
		Reason: strings.TrimSpace(reason), Meeting: in.Meeting})
	return out, nil
}

// checkRemoval checks the committee's removal decision of date, numbered docNo.
func checkRemoval(c Candidate, date Date, docNo string) error {
	if strings.TrimSpace(docNo) == "" {
		return &FieldError{Field: "doc_no", Msg: Text{"Xóa tên đảng viên dự bị do cấp ủy có thẩm quyền quyết định: cần ghi số quyết định xóa tên.",
			"Removing a probationary member is the committee's decision: record the decision's number."}}
	}
	if p := c.RemovalProposal.Date; p != 0 && date < p {
		return &FieldError{Field: "date", Msg: tr("Quyết định xóa tên (%s) không thể trước nghị quyết đề nghị của chi bộ (%s).",
			"The removal decision (%s) cannot come before the cell's proposal (%s).", date, p)}
	}
	return nil
}
