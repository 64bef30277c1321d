package model

import (
	"encoding/json"
	"strings"
	"testing"
)

// sampleValue is a valid text for a field of kind k, different from the zero value.
func sampleValue(k FieldKind, opts []Option) string {
	switch k {
	case KindDate:
		return "14/03/2001"
	case KindDateList:
		return "01/01/2026, 02/09/2026"
	case KindNumber:
		return "7"
	case KindChoice:
		return opts[len(opts)-1].Code
	case KindYesNo:
		return "1"
	case KindList:
		return "Lê Văn Tám, Hà Thị Mai"
	case KindCellRef, KindCandidateRef:
		return ID{1, 2, 3}.String()
	}
	return "Giá trị thử"
}

// jsonHas reports whether the record's JSON holds a non-empty value at the dotted path.
func jsonHas(t *testing.T, v any, path string) bool {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var cur any = m
	for _, p := range strings.Split(path, ".") {
		obj, ok := cur.(map[string]any)
		if !ok {
			return false
		}
		if cur, ok = obj[p]; !ok {
			return false
		}
	}
	switch x := cur.(type) {
	case string:
		return x != ""
	case bool:
		return x
	case float64:
		return x != 0
	case []any:
		return len(x) > 0
	}
	return cur != nil
}

// checkTable sets every writable field of a fresh record and checks that
// Get gives back what Set took and that the value lands under the field's
// key in the record's JSON: the key is the JSON name, as the form, the
// validation and export rely on.
func checkTable[T any](t *testing.T, name string, table []Field[T]) {
	seen := map[string]bool{}
	for _, f := range table {
		if seen[f.Key] {
			t.Errorf("%s: key %q twice", name, f.Key)
		}
		seen[f.Key] = true
		if f.Label.VI == "" || f.Label.EN == "" {
			t.Errorf("%s.%s: a label is missing", name, f.Key)
		}
		if f.Set == nil {
			if !f.ReadOnly {
				t.Errorf("%s.%s: no Set but not read-only", name, f.Key)
			}
			continue
		}
		var rec T
		v := sampleValue(f.Kind, f.Options())
		if e := f.Set(&rec, v); e != nil {
			t.Errorf("%s.%s: Set(%q): %v", name, f.Key, v, e)
			continue
		}
		if got := f.Get(&rec); got != v {
			t.Errorf("%s.%s: Get after Set(%q) = %q", name, f.Key, v, got)
		}
		if !jsonHas(t, rec, f.Key) {
			t.Errorf("%s.%s: the value is not under %q in the JSON", name, f.Key, f.Key)
		}
	}
}

func TestFieldTablesMatchTheJSON(t *testing.T) {
	checkTable(t, "candidate", CandidateFields)
	checkTable(t, "cell", CellFields)
	checkTable(t, "class", ClassFields)
	checkTable(t, "enrolment", EnrolmentFields)
	checkTable(t, "meeting", MeetingFields)
	checkTable(t, "agenda", AgendaFields)
	checkTable(t, "settings", SettingsFields)
}

func TestFieldSetRefusesBadText(t *testing.T) {
	var c Candidate
	dob, _ := FieldByKey(CandidateFields, "dob")
	if e := dob.Set(&c, "31/02/2001"); e == nil || e.Field != "dob" {
		t.Errorf("an impossible date gives %v", e)
	}
	var m Meeting
	present, _ := FieldByKey(MeetingFields, "present")
	if e := present.Set(&m, "-3"); e == nil || e.Field != "present" {
		t.Errorf("a negative count gives %v", e)
	}
	p := Apply(CandidateFields, &c, map[string]string{"dob": "x", "full_name": "Lê Văn An", "unknown": "y"})
	if len(p) != 1 || p[0].Field != "dob" || c.FullName != "Lê Văn An" {
		t.Errorf("Apply: %v, name %q", p, c.FullName)
	}
}

// Every problem a record's validation reports names a field of its table,
// or one of the pipeline's own fields that the pipeline dialog fills in.
func TestValidationNamesAreTableKeys(t *testing.T) {
	pipeline := map[string]bool{"steps": true, "introducers": true, "cell_vote": true, "recognition_vote": true,
		"decision_body": true, "outcome_date": true, "stage": true, "outcome": true, "outcome_reason": true}
	today := NewDate(2026, 11, 27)
	c := Candidate{FullName: "x1", BirthName: "y2", Sex: "Q", DOB: NewDate(2030, 1, 1), CCCD: "12", OldID: "1", Phone: "1",
		Ethnicity: "99", Religion: "zz", Source: "nope", Stage: "nope", Outcome: "gone", DecisionBody: "nobody",
		YouthUnionDate: NewDate(2030, 1, 1), DischargeDate: NewDate(2030, 1, 1), ExtCert: Certificate{Date: NewDate(2030, 1, 1)},
		OutcomeDate: NewDate(2030, 1, 1), Steps: map[Stage]Step{"nope": {}}}
	p := c.Validate(today)
	if len(p) < 10 {
		t.Fatalf("only %d problems: %v", len(p), p)
	}
	for _, e := range p {
		if _, ok := FieldByKey(CandidateFields, e.Field); !ok && !pipeline[e.Field] {
			t.Errorf("candidate problem on %q, which is not a field of the table: %s", e.Field, e.Msg.EN)
		}
	}
	for _, e := range (Cell{OfficialMembers: -1, ProbationaryMembers: -1}).Validate() {
		if _, ok := FieldByKey(CellFields, e.Field); !ok {
			t.Errorf("cell problem on %q", e.Field)
		}
	}
	for _, e := range (Class{Start: 20260231, End: 20260101}).Validate() {
		if _, ok := FieldByKey(ClassFields, e.Field); !ok {
			t.Errorf("class problem on %q", e.Field)
		}
	}
	for _, e := range (Meeting{Members: 1, Present: 3, Attached: 2}).Validate() {
		if _, ok := FieldByKey(MeetingFields, e.Field); !ok {
			t.Errorf("meeting problem on %q", e.Field)
		}
	}
	for _, e := range (Settings{DecidingBody: "x", DocValidityMonths: 99}).Validate() {
		if _, ok := FieldByKey(SettingsFields, e.Field); !ok {
			t.Errorf("settings problem on %q", e.Field)
		}
	}
}

func TestTableReportShowsLabelsAndNames(t *testing.T) {
	c := Candidate{FullName: "Đặng Văn Huy", Sex: Male, Source: SourceSoldier, CellID: ID{9}, YouthUnion: true}
	r := TableReport("x", CandidateFields, []ID{{1}}, []Candidate{c}, VI, Names{Cell: func(ID) string { return "Chi bộ thôn Yên Lai" }})
	if r.Columns[0] != "ID" || r.Columns[1] != "Họ và tên" || len(r.Columns) != len(CandidateFields)+1 {
		t.Fatalf("columns %v", r.Columns)
	}
	row := strings.Join(r.Rows[0], "|")
	for _, want := range []string{"Đặng Văn Huy", "Nam", "Quân nhân xuất ngũ", "Chi bộ thôn Yên Lai", "Có"} {
		if !strings.Contains(row, want) {
			t.Errorf("row lacks %q: %s", want, row)
		}
	}
}
