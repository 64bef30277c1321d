package store

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"nguon/model"
)

func TestRoundTripEachKind(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	if cell.ID.IsZero() {
		t.Fatal("PutCell left the ID zero")
	}
	cand := testCandidate(cell.ID, 1)
	must(t, s.PutCandidate(&cand))
	class := testClass()
	class.Enrolments = []model.Enrolment{{Candidate: cand.ID, Result: model.ResultPassed,
		CertNo: "GCN-01", CertDate: model.NewDate(2026, 1, 20)}}
	must(t, s.PutClass(&class))
	meeting := testMeeting(cell.ID, cand.ID)
	must(t, s.PutMeeting(&meeting))
	settings := DefaultSettings()
	settings.Commune, settings.Province = "Đảng bộ xã Trường Sơn", "Thanh Hóa"
	must(t, s.PutSettings(settings))

	tests := []struct {
		name      string
		want, get any
		list      any
	}{
		{"cell", cell, first(s.Cell(cell.ID)), first(s.Cells())},
		{"candidate", cand, first(s.Candidate(cand.ID)), first(s.Candidates())},
		{"class", class, first(s.Class(class.ID)), first(s.Classes())},
		{"meeting", meeting, first(s.Meeting(meeting.ID)), first(s.Meetings())},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !reflect.DeepEqual(tc.get, tc.want) {
				t.Errorf("read back\n%+v\nwant\n%+v", tc.get, tc.want)
			}
			l := reflect.ValueOf(tc.list)
			if l.Len() != 1 || !reflect.DeepEqual(l.Index(0).Interface(), tc.want) {
				t.Errorf("list = %+v, want just the saved record", tc.list)
			}
		})
	}
	got, err := s.Settings()
	must(t, err)
	if !reflect.DeepEqual(got, settings) {
		t.Errorf("Settings = %+v, want %+v", got, settings)
	}
	rows, err := s.CandidateRows()
	must(t, err)
	if len(rows) != 1 || rows[0] != cand.Row() {
		t.Errorf("CandidateRows = %+v, want [%+v]", rows, cand.Row())
	}
	if empty, err := s.IsEmpty(); err != nil || empty {
		t.Errorf("IsEmpty = %v, %v; want false", empty, err)
	}
}

// first drops the error of a (value, error) pair; failures show up as a mismatch.
func first[T any](v T, _ error) T { return v }

func TestPutNormalisesAndValidates(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("  Chi bộ   thôn Tây ")
	must(t, s.PutCell(&cell))
	if cell.Name != "Chi bộ thôn Tây" {
		t.Errorf("name not normalised: %q", cell.Name)
	}
	bad := testCandidate(cell.ID, 2)
	bad.FullName = ""
	err := s.PutCandidate(&bad)
	var invalid *model.InvalidError
	if !errors.As(err, &invalid) || invalid.Problems.For("full_name") == nil {
		t.Fatalf("PutCandidate(no name) = %v, want an InvalidError on full_name", err)
	}
	if !bad.ID.IsZero() {
		t.Error("a refused record was given an ID")
	}
	if rows, _ := s.CandidateRows(); len(rows) != 0 {
		t.Errorf("refused candidate was stored: %v", rows)
	}
}

func TestNotFound(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	missing := model.NewID(time.Now())
	tests := []struct {
		name string
		err  error
	}{
		{"Cell", second(s.Cell(missing))},
		{"Candidate", second(s.Candidate(missing))},
		{"Class", second(s.Class(missing))},
		{"Meeting", second(s.Meeting(missing))},
		{"Candidate with a cell's ID", second(s.Candidate(cell.ID))},
		{"Revisions", second(s.Revisions(missing))},
		{"DeleteCell", s.DeleteCell(missing)},
		{"DeleteCandidate with a cell's ID", s.DeleteCandidate(cell.ID)},
		{"DeleteClass", s.DeleteClass(missing)},
		{"DeleteMeeting", s.DeleteMeeting(missing)},
	}
	for _, tc := range tests {
		if !errors.Is(tc.err, ErrNotFound) {
			t.Errorf("%s: err = %v, want ErrNotFound", tc.name, tc.err)
		}
	}
	c := testCandidate(cell.ID, 3)
	c.ID = cell.ID
	if err := s.PutCandidate(&c); !errors.Is(err, ErrWrongKind) {
		t.Errorf("PutCandidate with a cell's ID = %v, want ErrWrongKind", err)
	}
}

func second[T any](_ T, err error) error { return err }

func TestUpdateIsAtomic(t *testing.T) {
	s := newTestStore(t)
	keep := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&keep))
	revsBefore, _ := s.Revisions(keep.ID)

	var c1, c2 model.Cell
	err := s.Update(func(tx *Tx) error {
		c1 = testCell("Chi bộ thôn Tây")
		if err := tx.PutCell(&c1); err != nil {
			return err
		}
		keep.Notes = "sửa trong giao dịch"
		if err := tx.PutCell(&keep); err != nil {
			return err
		}
		if got, err := tx.Cell(keep.ID); err != nil || got.Notes != keep.Notes {
			t.Errorf("a transaction does not see its own write: %+v, %v", got, err)
		}
		bad := testCandidate(c1.ID, 7)
		bad.Sex = "?"
		if err := tx.PutCandidate(&bad); err != nil {
			return err
		}
		c2 = testCell("Chi bộ thôn Nam")
		return tx.PutCell(&c2)
	})
	var invalid *model.InvalidError
	if !errors.As(err, &invalid) {
		t.Fatalf("Update = %v, want the invalid candidate's error", err)
	}
	cells, _ := s.Cells()
	if len(cells) != 1 || cells[0].Notes != "" {
		t.Errorf("after a failed Update cells = %+v, want only the untouched first cell", cells)
	}
	if revs, _ := s.Revisions(keep.ID); len(revs) != len(revsBefore) {
		t.Errorf("failed Update left %d revisions, want %d", len(revs), len(revsBefore))
	}
	if _, err := s.Revisions(c1.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("the first put of a failed Update survived: %v", err)
	}
}

func TestImport(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	cell.ID = model.NewID(testEpoch)
	d := model.Dataset{
		Settings: model.Settings{Commune: "Đảng bộ xã Trường Sơn", DecidingBody: "commune_standing", DocValidityMonths: 6},
		Cells:    []model.Cell{cell},
	}
	for i := range 20 {
		d.Candidates = append(d.Candidates, testCandidate(cell.ID, i))
	}
	d.Classes = []model.Class{testClass()}
	must(t, s.Import(d))
	if !d.Candidates[0].ID.IsZero() {
		t.Error("Import wrote IDs into the caller's dataset")
	}
	rows, _ := s.CandidateRows()
	if len(rows) != 20 {
		t.Errorf("imported %d candidates, want 20", len(rows))
	}
	for _, r := range rows {
		if r.Cell != cell.ID {
			t.Errorf("row %v lost its cell", r)
		}
	}
	if st, _ := s.Settings(); st.Commune != "Đảng bộ xã Trường Sơn" {
		t.Errorf("settings not imported: %+v", st)
	}

	bad := model.Dataset{Cells: []model.Cell{testCell("Chi bộ mới")}, Candidates: []model.Candidate{{FullName: "X"}}}
	err := s.Import(bad)
	var invalid *model.InvalidError
	if !errors.As(err, &invalid) || !strings.Contains(err.Error(), "candidate 1") {
		t.Errorf("Import(bad) = %v, want an InvalidError naming candidate 1", err)
	}
	if cells, _ := s.Cells(); len(cells) != 1 {
		t.Errorf("a failed Import left %d cells, want 1", len(cells))
	}
}

func TestSettingsDefaults(t *testing.T) {
	s := newTestStore(t)
	got, err := s.Settings()
	must(t, err)
	if got.DecidingBody != "commune_standing" || got.DocValidityMonths != 12 { // issue 8 §A.5
		t.Errorf("defaults = %+v", got)
	}
	if errs := got.Validate().Errors(); len(errs) != 0 {
		t.Errorf("defaults do not validate: %v", errs)
	}
	cal := model.NewCalendar(got.Holidays)
	for _, d := range []model.Date{20250101, 20250129, 20250407, 20250430, 20250501, 20250902,
		20260101, 20260217, 20260427, 20260901, 20260902, 20270101, 20270208, 20270416, 20270903} {
		if cal.IsWorkingDay(d) {
			t.Errorf("%s should be a holiday", d)
		}
	}
	if !slices.IsSorted(got.Holidays) {
		t.Error("default holidays are not in order")
	}
	got.Holidays[0] = 1 // the defaults must not be shared
	if again, _ := s.Settings(); again.Holidays[0] == 1 {
		t.Error("Settings() hands out the shared default holiday slice")
	}
	if empty, _ := s.IsEmpty(); !empty {
		t.Error("a new file is not empty")
	}
	must(t, s.PutSettings(model.Settings{Commune: "Xã A", DecidingBody: "district_standing", DocValidityMonths: 3}))
	if empty, _ := s.IsEmpty(); !empty {
		t.Error("settings alone should not make the file non-empty")
	}
}

func TestIDsIncreaseWithinOneMillisecond(t *testing.T) {
	var g idSource
	now := testEpoch
	prev := g.next(now)
	for i := range 10000 {
		id := g.next(now)
		if string(id[:]) <= string(prev[:]) {
			t.Fatalf("ID %d %s not after %s", i, id, prev)
		}
		if id[6]>>4 != 7 || id[8]>>6 != 2 {
			t.Fatalf("ID %s lost its UUIDv7 version or variant bits", id)
		}
		if string(id[:6]) != string(prev[:6]) {
			t.Fatalf("timestamp changed within one millisecond: %s after %s", id, prev)
		}
		prev = id
	}
	// A clock going backwards still gives increasing IDs.
	if id := g.next(now.Add(-time.Hour)); string(id[:]) <= string(prev[:]) {
		t.Errorf("after a clock step back %s is not after %s", id, prev)
	}
}
