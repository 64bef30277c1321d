package store

import (
	"errors"
	"testing"

	"nguon/model"
)

func workflowFixture(t *testing.T) (*Store, model.Cell, model.Candidate) {
	t.Helper()
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	c := testCandidate(cell.ID, 1)
	must(t, s.PutCandidate(&c))
	return s, cell, c
}

func TestEnrolmentWorkflows(t *testing.T) {
	s, _, c := workflowFixture(t)
	class := testClass()
	must(t, s.PutClass(&class))
	got, err := s.Enrol(class.ID, c.ID)
	must(t, err)
	if len(got.Enrolments) != 1 || got.Enrolments[0].Result != model.ResultEnrolled {
		t.Fatalf("after Enrol: %+v", got.Enrolments)
	}
	if _, err := s.Enrol(class.ID, c.ID); !errors.Is(err, ErrAlreadyEnrolled) {
		t.Errorf("enrolling twice: %v", err)
	}
	for _, want := range []model.EnrolmentResult{model.ResultAttended, model.ResultPassed, model.ResultFailed, model.ResultEnrolled} {
		if got, err = s.NextResult(class.ID, c.ID); err != nil || got.Enrolments[0].Result != want {
			t.Fatalf("NextResult: %v, %v; want %s", got.Enrolments, err, want)
		}
	}
	cert := model.Enrolment{Candidate: c.ID, Result: model.ResultPassed, CertNo: "CN 12", CertDate: model.NewDate(2026, 1, 9)}
	if got, err = s.SetEnrolment(class.ID, cert); err != nil || got.Enrolments[0] != cert {
		t.Fatalf("SetEnrolment: %+v, %v", got.Enrolments, err)
	}
	// A result other than a pass takes the certificate away.
	if got, _ = s.NextResult(class.ID, c.ID); got.Enrolments[0].CertNo != "" || got.Enrolments[0].CertDate != 0 {
		t.Errorf("failed but still certified: %+v", got.Enrolments[0])
	}
	if got, err = s.Unenrol(class.ID, c.ID); err != nil || len(got.Enrolments) != 0 {
		t.Fatalf("Unenrol: %+v, %v", got.Enrolments, err)
	}
	if _, err := s.Unenrol(class.ID, c.ID); !errors.Is(err, ErrNotEnrolled) {
		t.Errorf("unenrolling someone absent: %v", err)
	}
	saved, _ := s.Class(class.ID)
	if len(saved.Enrolments) != 0 {
		t.Errorf("the file holds %+v", saved.Enrolments)
	}
}

func TestAdvanceRefusedSavesNothing(t *testing.T) {
	s, _, c := workflowFixture(t)
	// Assigning a helper needs the helpers' names.
	_, rules, err := s.Advance(c.ID, model.StageHelper, model.StepInput{Date: model.NewDate(2026, 3, 1)})
	if err == nil || len(rules) == 0 {
		t.Fatalf("advance without helpers: %v, rules %v", err, rules)
	}
	if got, _ := s.Candidate(c.ID); got.Stage != model.StageSympathizer {
		t.Errorf("refused step saved: stage %s", got.Stage)
	}
	got, _, err := s.Advance(c.ID, model.StageHelper, model.StepInput{Date: model.NewDate(2026, 3, 1), Helpers: []string{"Lê Văn Bình"}})
	must(t, err)
	saved, _ := s.Candidate(c.ID)
	if got.Stage != model.StageHelper || saved.Stage != model.StageHelper || saved.Helpers[0] != "Lê Văn Bình" {
		t.Errorf("advanced to %s, file holds %s %v", got.Stage, saved.Stage, saved.Helpers)
	}
	if last := saved.History[len(saved.History)-1]; last.By != "test-device" || last.To != model.StageHelper {
		t.Errorf("history %+v", last)
	}
	back, err := s.GoBack(c.ID, "nhập nhầm", model.StepInput{})
	if err != nil || back.Stage != model.StageSympathizer {
		t.Errorf("GoBack: %s, %v", back.Stage, err)
	}
	out, err := s.ExitPipeline(c.ID, model.OutcomeMoved, "chuyển đi", model.NewDate(2026, 3, 2), model.StepInput{})
	if err != nil || out.Outcome != model.OutcomeMoved {
		t.Errorf("ExitPipeline: %s, %v", out.Outcome, err)
	}
	in, err := s.Reinstate(c.ID, "trở về", model.StepInput{})
	if err != nil || in.Outcome != model.OutcomeActive {
		t.Errorf("Reinstate: %s, %v", in.Outcome, err)
	}
}

func TestCloseMeetingIsAllOrNothing(t *testing.T) {
	s, cell, c := workflowFixture(t)
	other := testCandidate(cell.ID, 2)
	other.FullName = "Trần Văn Bảo"
	must(t, s.PutCandidate(&other))
	m := model.Meeting{Cell: cell.ID, Date: model.NewDate(2026, 3, 10), Kind: model.MeetingAdmission, Members: 24, Present: 20,
		Items: []model.AgendaItem{{Candidate: other.ID, Decision: model.DecisionDefer}, {Candidate: c.ID}}}
	must(t, s.PutMeeting(&m))
	// c has not been through the class or the application: approving the
	// admission breaks the order of the steps, so the whole close is refused.
	if _, err := s.SetAgendaItem(m.ID, model.AgendaItem{Candidate: c.ID, Decision: model.DecisionApprove, For: 20}); err != nil {
		t.Fatal(err)
	}
	before := fileHash(t, s.Path())
	_, err := s.CloseMeeting(m.ID)
	var re *model.RecordError
	if !errors.As(err, &re) || re.Name != c.FullName || model.Message(err, model.EN) == model.Message(err, model.VI) {
		t.Fatalf("close with a refused decision: %v", err)
	}
	if after := fileHash(t, s.Path()); after != before {
		t.Error("a refused close changed the file")
	}
	if got, _ := s.Candidate(other.ID); len(got.History) != len(other.History) {
		t.Errorf("the other decision was applied: %+v", got.History)
	}
	// Deferring c too lets the meeting close; both deferrals are noted.
	_, err = s.SetAgendaItem(m.ID, model.AgendaItem{Candidate: c.ID, Decision: model.DecisionDefer})
	must(t, err)
	cm, err := s.CloseMeeting(m.ID)
	must(t, err)
	if !cm.Meeting.Closed || len(cm.Changed) != 2 || cm.Agenda[c.ID].FullName != c.FullName || cm.Cell.ID != cell.ID {
		t.Fatalf("closed meeting %+v, changed %d", cm.Meeting, len(cm.Changed))
	}
	got, _ := s.Candidate(other.ID)
	if last := got.History[len(got.History)-1]; last.Meeting != m.ID || got.Stage != model.StageSympathizer {
		t.Errorf("deferred candidate: stage %s, last event %+v", got.Stage, last)
	}
	if _, err := s.CloseMeeting(m.ID); !errors.Is(err, ErrMeetingClosed) {
		t.Errorf("closing twice: %v", err)
	}
	if _, err := s.AddToAgenda(m.ID, c.ID); !errors.Is(err, ErrMeetingClosed) {
		t.Errorf("changing a closed agenda: %v", err)
	}
}

func TestRestoreUndoesADelete(t *testing.T) {
	s, cell, c := workflowFixture(t)
	must(t, s.DeleteCandidate(c.ID))
	must(t, s.DeleteCell(cell.ID))
	must(t, s.Restore(&c))
	must(t, s.Restore(&cell))
	if got, err := s.Candidate(c.ID); err != nil || got.FullName != c.FullName {
		t.Errorf("candidate after restore: %v", err)
	}
	snap, err := s.Snapshot()
	must(t, err)
	if len(snap.Cells) != 1 || len(snap.Rows) != 1 || snap.Rows[0].ID != c.ID {
		t.Errorf("snapshot after restore: %d cells, %d rows", len(snap.Cells), len(snap.Rows))
	}
	if err := s.Restore(c); !errors.Is(err, ErrWrongKind) {
		t.Errorf("restoring a value, not a record pointer: %v", err)
	}
}
