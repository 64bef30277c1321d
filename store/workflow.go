package store

import (
	"errors"
	"slices"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Workflows: each is one function that reads what it needs, applies the
// domain rule from model and saves in one transaction, so the TUI and the
// command line share them and neither holds a transaction. Errors are
// bilingual (model.Localized); a refused rule leaves the file as it was.

// Errors of the workflows.
var (
	ErrAlreadyEnrolled = newError("Người này đã có trong lớp.", "This person is already in the class.")
	ErrNotEnrolled     = newError("Người này không có trong lớp.", "This person is not in the class.")
	ErrOnAgenda        = newError("Người này đã có trong danh sách xem xét.", "This person is already on the agenda.")
	ErrNotOnAgenda     = newError("Người này không có trong danh sách xem xét.", "This person is not on the agenda.")
	ErrMeetingClosed   = newError("Cuộc họp đã kết thúc: các quyết định đã ghi vào hồ sơ, không sửa được nữa.",
		"The meeting is closed: its decisions are in the records and can no longer change.")
)

// ruleContext is what the pipeline rules need, read inside the transaction
// so that they judge the file as it is, not a screen's older copy.
func (t *Tx) ruleContext() (model.RuleContext, error) {
	st, err := get[model.Settings](t.tx, kindSettings, settingsID)
	if errors.Is(err, ErrNotFound) {
		st, err = DefaultSettings(), nil
	}
	if err != nil {
		return model.RuleContext{}, err
	}
	classes, err := list[model.Class](t.tx, kindClass)
	if err != nil {
		return model.RuleContext{}, err
	}
	return model.RuleContext{Today: t.today(), Settings: st, Classes: classes, Cal: model.NewCalendar(st.Holidays)}, nil
}

// stepInput fills in who and when: the device's name and the store's clock.
func (t *Tx) stepInput(in model.StepInput) model.StepInput {
	if in.By == "" {
		in.By = t.s.device
	}
	if in.At.IsZero() {
		in.At = t.now
	}
	return in
}

// changeCandidate reads candidate id, lets fn change it and saves the result.
func (s *Store) changeCandidate(id model.ID, fn func(t *Tx, c model.Candidate) (model.Candidate, error)) (model.Candidate, error) {
	var out model.Candidate
	err := s.Update(func(t *Tx) error {
		c, err := t.Candidate(id)
		if err != nil {
			return err
		}
		nc, err := fn(t, c)
		if err != nil {
			return err
		}
		if err := t.PutCandidate(&nc); err != nil {
			return err
		}
		out = nc
		return nil
	})
	return out, err
}

// Advance moves a candidate to stage to with what the clerk entered. The
// rules checked come back whether or not they passed; when one that blocks
// fails, the error is ErrRulesNotMet (or the rule's own) and nothing is saved.
func (s *Store) Advance(id model.ID, to model.Stage, in model.StepInput) (model.Candidate, []model.RuleResult, error) {
	var rules []model.RuleResult
	c, err := s.changeCandidate(id, func(t *Tx, c model.Candidate) (model.Candidate, error) {
		ctx, err := t.ruleContext()
		if err != nil {
			return c, err
		}
		var nc model.Candidate
		nc, rules, err = model.Advance(c, to, t.stepInput(in), ctx)
		return nc, err
	})
	return c, rules, err
}

// GoBack reverts a candidate's last stage, with the reason recorded.
func (s *Store) GoBack(id model.ID, reason string, in model.StepInput) (model.Candidate, error) {
	return s.changeCandidate(id, func(t *Tx, c model.Candidate) (model.Candidate, error) {
		return model.GoBack(c, reason, t.stepInput(in))
	})
}

// ExitPipeline takes a candidate out of the pipeline (withdrawn, moved…).
func (s *Store) ExitPipeline(id model.ID, o model.Outcome, reason string, date model.Date, in model.StepInput) (model.Candidate, error) {
	return s.changeCandidate(id, func(t *Tx, c model.Candidate) (model.Candidate, error) {
		return model.Exit(c, o, reason, date, t.stepInput(in))
	})
}

// Reinstate brings a candidate who left back into the pipeline.
func (s *Store) Reinstate(id model.ID, reason string, in model.StepInput) (model.Candidate, error) {
	return s.changeCandidate(id, func(t *Tx, c model.Candidate) (model.Candidate, error) {
		return model.Reinstate(c, reason, t.stepInput(in))
	})
}

// changeClass reads class id, lets fn change a copy and saves it.
func (s *Store) changeClass(id model.ID, fn func(c *model.Class) error) (model.Class, error) {
	var out model.Class
	err := s.Update(func(t *Tx) error {
		c, err := t.Class(id)
		if err != nil {
			return err
		}
		c.Enrolments = slices.Clone(c.Enrolments)
		if err := fn(&c); err != nil {
			return err
		}
		if err := t.PutClass(&c); err != nil {
			return err
		}
		out = c
		return nil
	})
	return out, err
}

// Enrol adds a candidate to a class.
func (s *Store) Enrol(class, cand model.ID) (model.Class, error) {
	return s.changeClass(class, func(c *model.Class) error {
		if slices.IndexFunc(c.Enrolments, func(e model.Enrolment) bool { return e.Candidate == cand }) >= 0 {
			return ErrAlreadyEnrolled
		}
		c.Enrolments = append(c.Enrolments, model.Enrolment{Candidate: cand, Result: model.ResultEnrolled})
		return nil
	})
}

// Unenrol removes a candidate from a class.
func (s *Store) Unenrol(class, cand model.ID) (model.Class, error) {
	return s.changeClass(class, func(c *model.Class) error {
		i := slices.IndexFunc(c.Enrolments, func(e model.Enrolment) bool { return e.Candidate == cand })
		if i < 0 {
			return ErrNotEnrolled
		}
		c.Enrolments = slices.Delete(c.Enrolments, i, i+1)
		return nil
	})
}

// SetEnrolment records a participant's result and certificate; a result
// other than passed clears the certificate, which only a pass earns.
func (s *Store) SetEnrolment(class model.ID, e model.Enrolment) (model.Class, error) {
	return s.changeClass(class, func(c *model.Class) error {
		i := slices.IndexFunc(c.Enrolments, func(x model.Enrolment) bool { return x.Candidate == e.Candidate })
		if i < 0 {
			return ErrNotEnrolled
		}
		if e.Result != model.ResultPassed && e.Result != "" {
			e.CertNo, e.CertDate = "", 0
		}
		c.Enrolments[i] = e
		return nil
	})
}

// NextResult moves a participant's result one step round the list of
// results (enrolled → attended → passed → failed → enrolled).
func (s *Store) NextResult(class, cand model.ID) (model.Class, error) {
	return s.changeClass(class, func(c *model.Class) error {
		i := slices.IndexFunc(c.Enrolments, func(x model.Enrolment) bool { return x.Candidate == cand })
		if i < 0 {
			return ErrNotEnrolled
		}
		e := &c.Enrolments[i]
		next := 0
		for j, o := range model.Results {
			if o.Code == string(e.Result) {
				next = (j + 1) % len(model.Results)
			}
		}
		e.Result = model.EnrolmentResult(model.Results[next].Code)
		if e.Result != model.ResultPassed {
			e.CertNo, e.CertDate = "", 0
		}
		return nil
	})
}

// changeMeeting reads an open meeting, lets fn change a copy and saves it.
func (s *Store) changeMeeting(id model.ID, fn func(m *model.Meeting) error) (model.Meeting, error) {
	var out model.Meeting
	err := s.Update(func(t *Tx) error {
		m, err := t.Meeting(id)
		if err != nil {
			return err
		}
		if m.Closed {
			return ErrMeetingClosed
		}
		m.Items = slices.Clone(m.Items)
		if err := fn(&m); err != nil {
			return err
		}
		if err := t.PutMeeting(&m); err != nil {
			return err
		}
		out = m
		return nil
	})
	return out, err
}

func itemOf(m *model.Meeting, cand model.ID) int {
	return slices.IndexFunc(m.Items, func(it model.AgendaItem) bool { return it.Candidate == cand })
}

// AddToAgenda puts a candidate on an open meeting's agenda.
func (s *Store) AddToAgenda(meeting, cand model.ID) (model.Meeting, error) {
	return s.changeMeeting(meeting, func(m *model.Meeting) error {
		if itemOf(m, cand) >= 0 {
			return ErrOnAgenda
		}
		m.Items = append(m.Items, model.AgendaItem{Candidate: cand})
		return nil
	})
}

// RemoveFromAgenda takes a candidate off an open meeting's agenda.
func (s *Store) RemoveFromAgenda(meeting, cand model.ID) (model.Meeting, error) {
	return s.changeMeeting(meeting, func(m *model.Meeting) error {
		i := itemOf(m, cand)
		if i < 0 {
			return ErrNotOnAgenda
		}
		m.Items = slices.Delete(m.Items, i, i+1)
		return nil
	})
}

// SetAgendaItem records what the meeting decided about one candidate
// (decision, votes, numbers, notes) while the meeting is open.
func (s *Store) SetAgendaItem(meeting model.ID, it model.AgendaItem) (model.Meeting, error) {
	return s.changeMeeting(meeting, func(m *model.Meeting) error {
		i := itemOf(m, it.Candidate)
		if i < 0 {
			return ErrNotOnAgenda
		}
		m.Items[i] = it
		return nil
	})
}

// ClosedMeeting is the outcome of closing a meeting: the closed meeting,
// the candidates whose pipeline changed, and every agenda candidate as saved.
type ClosedMeeting struct {
	Meeting  model.Meeting
	Cell     model.Cell
	Settings model.Settings
	Changed  []model.Candidate
	Agenda   map[model.ID]model.Candidate
}

// CloseMeeting applies every decision of an open meeting to the pipeline
// and closes it, all in one transaction: one candidate whose decision
// breaks a rule refuses the whole meeting, naming that candidate.
func (s *Store) CloseMeeting(id model.ID) (ClosedMeeting, error) {
	var out ClosedMeeting
	err := s.Update(func(t *Tx) error {
		out = ClosedMeeting{Agenda: map[model.ID]model.Candidate{}}
		m, err := t.Meeting(id)
		if err != nil {
			return err
		}
		if m.Closed {
			return ErrMeetingClosed
		}
		ctx, err := t.ruleContext()
		if err != nil {
			return err
		}
		out.Settings = ctx.Settings
		if out.Cell, err = t.Cell(m.Cell); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		for _, it := range m.Items {
			c, err := t.Candidate(it.Candidate)
			if err != nil {
				return err
			}
			out.Agenda[c.ID] = c
			if it.Decision == model.DecisionNone {
				continue
			}
			nc, err := model.ApplyDecision(c, m, it, ctx, t.s.device, t.now)
			if err != nil {
				return &model.RecordError{Name: c.FullName, Err: err}
			}
			if err := t.PutCandidate(&nc); err != nil {
				return &model.RecordError{Name: c.FullName, Err: err}
			}
			out.Agenda[c.ID] = nc
			out.Changed = append(out.Changed, nc)
		}
		m.Closed = true
		if err := t.PutMeeting(&m); err != nil {
			return err
		}
		out.Meeting = m
		return nil
	})
	return out, err
}

// Restore brings back a record that was deleted (the undo of a delete): a
// new revision whose parent is the tombstone, so every copy that merges it
// sees the record alive again.
func (s *Store) Restore(v any) error {
	switch r := v.(type) {
	case *model.Cell:
		return s.PutCell(r)
	case *model.Candidate:
		return s.PutCandidate(r)
	case *model.Class:
		return s.PutClass(r)
	case *model.Meeting:
		return s.PutMeeting(r)
	}
	return ErrWrongKind
}

// Snapshot reads everything the screens and reports show, in one read
// transaction, so the figures come from one consistent state of the file.
func (s *Store) Snapshot() (model.Snapshot, error) {
	var snap model.Snapshot
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if snap.Settings, err = currentSettings(tx); err != nil {
			return err
		}
		if snap.Cells, err = list[model.Cell](tx, kindCell); err != nil {
			return err
		}
		if snap.Rows, err = rowsOf(tx); err != nil {
			return err
		}
		if snap.Classes, err = list[model.Class](tx, kindClass); err != nil {
			return err
		}
		snap.Meetings, err = list[model.Meeting](tx, kindMeeting)
		return err
	})
	return snap, err
}

// currentSettings reads the settings, or the defaults when there are none yet.
func currentSettings(tx *bolt.Tx) (model.Settings, error) {
	st, err := get[model.Settings](tx, kindSettings, settingsID)
	if errors.Is(err, ErrNotFound) {
		return DefaultSettings(), nil
	}
	return st, err
}
