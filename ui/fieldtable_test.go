package ui

import (
	"bytes"
	"strings"
	"testing"

	"nguon/model"
	"nguon/store"
)

// sampleFor is a distinct, valid text for a field, so each field's value
// can be found on screen and in the export.
func sampleFor(f model.Field[model.Candidate], i int, cell model.ID) string {
	switch f.Kind {
	case model.KindDate:
		return model.NewDate(1990, 1, 1+i%28).String()
	case model.KindNumber:
		return "4" + string(rune('0'+i%10))
	case model.KindChoice:
		return f.Choices[len(f.Choices)-1].Code
	case model.KindYesNo:
		return "1"
	case model.KindCellRef:
		return cell.String()
	case model.KindList:
		return "Người Giúp Số " + string(rune('A'+i))
	}
	return "Mẫu " + f.Key
}

// Walking the candidate's field table: every editable field shows in the
// form, in the detail view and in the CSV export with the value it was
// given, so adding a field to the table is enough for all three.
func TestEveryCandidateFieldShowsInFormDetailAndExport(t *testing.T) {
	h := newHarness(t, true, model.VI)
	e := h.app.env
	cell := e.d.cells[0]
	var c model.Candidate
	for i, f := range model.CandidateFields {
		if f.Set == nil {
			continue
		}
		if err := f.Set(&c, sampleFor(f, i, cell.ID)); err != nil {
			t.Fatalf("%s: %v", f.Key, err)
		}
	}
	c.ID = model.NewID(testNow)
	c.Stage = model.StageSource

	form := recordForm(e, "x", model.CandidateFields, c)
	s := h.app.screens[tabSources].(*sourcesScreen)
	s.cur, s.mode, s.w = c, detailMode, 400
	s.h = 200
	detail := s.detailView()
	var csv bytes.Buffer
	rep := model.TableReport("x", model.CandidateFields, []model.ID{c.ID}, []model.Candidate{c}, e.lang, e.d.names())
	if err := store.WriteCSV(&csv, rep); err != nil {
		t.Fatal(err)
	}
	for _, f := range model.CandidateFields {
		if f.ReadOnly {
			continue
		}
		want := f.Get(&c)
		fl := form.field(f.Key)
		if fl == nil {
			t.Errorf("%s: not in the form", f.Key)
			continue
		}
		if fl.value() != want {
			t.Errorf("%s: form shows %q, want %q", f.Key, fl.value(), want)
		}
		shown := f.Display(&c, e.lang, e.d.names())
		if f.Key != "full_name" && !strings.Contains(detail, f.Label.In(e.lang)) || !strings.Contains(detail, shown) {
			t.Errorf("%s: detail view lacks %q:\n%s", f.Key, shown, detail)
		}
		if !strings.Contains(csv.String(), f.Label.In(e.lang)) || !strings.Contains(csv.String(), shown) {
			t.Errorf("%s: CSV lacks the column or %q", f.Key, shown)
		}
	}
	// What the form gives back is the record it was opened on.
	back, p := fromForm(model.CandidateFields, model.Candidate{ID: c.ID, Stage: c.Stage}, form.values())
	if len(p) > 0 || !equalJSON(t, back, c) {
		t.Errorf("form round trip: %v\n%+v\n%+v", p, back, c)
	}
}

func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	ja, err1 := jsonOf(a)
	jb, err2 := jsonOf(b)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return ja == jb
}
