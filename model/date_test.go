package model

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		err  error // nil, ErrDateFormat or ErrDateImpossible
	}{
		{"05/09/2007", NewDate(2007, 9, 5), nil},
		{"5/9/2007", NewDate(2007, 9, 5), nil},
		{"05/9/2007", NewDate(2007, 9, 5), nil},
		{" 5/9/2007 ", NewDate(2007, 9, 5), nil},
		{"05-09-2007", NewDate(2007, 9, 5), nil},
		{"05.09.2007", NewDate(2007, 9, 5), nil},
		{"31/12/2026", NewDate(2026, 12, 31), nil},
		{"01/01/1900", NewDate(1900, 1, 1), nil},
		{"", 0, nil},
		{"   ", 0, nil},
		// Impossible days.
		{"31/02/2026", 0, ErrDateImpossible},
		{"30/02/2024", 0, ErrDateImpossible},
		{"29/02/2024", NewDate(2024, 2, 29), nil},
		{"29/02/2025", 0, ErrDateImpossible},
		{"29/02/2000", NewDate(2000, 2, 29), nil}, // divisible by 400
		{"29/02/1900", 0, ErrDateImpossible},      // divisible by 100 only
		{"31/04/2026", 0, ErrDateImpossible},
		{"00/01/2026", 0, ErrDateImpossible},
		{"01/00/2026", 0, ErrDateImpossible},
		{"01/13/2026", 0, ErrDateImpossible},
		{"31/12/1899", 0, ErrDateTooOld},
		// Not a date at all.
		{"05/09/07", 0, ErrDateFormat}, // two-digit year refused
		{"5/9/207", 0, ErrDateFormat},
		{"05/09/02007", 0, ErrDateFormat},
		{"005/09/2007", 0, ErrDateFormat},
		{"2007-09-05", 0, ErrDateFormat}, // ISO order is not what clerks type
		{"05/09", 0, ErrDateFormat},
		{"05/09/2007/1", 0, ErrDateFormat},
		{"05//2007", 0, ErrDateFormat},
		{"/05/09/2007", 0, ErrDateFormat},
		{"05/09/2007/", 0, ErrDateFormat},
		{"5 9 2007", 0, ErrDateFormat},
		{"5/9/2007a", 0, ErrDateFormat},
		{"+5/9/2007", 0, ErrDateFormat},
		{"ngày 5/9/2007", 0, ErrDateFormat},
		{"０５/０９/２００７", 0, ErrDateFormat}, // full-width digits
		{"garbage", 0, ErrDateFormat},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if got != tt.want || !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v, %v", tt.in, int(got), err, int(tt.want), tt.err)
		}
	}
}

func TestDateFormatting(t *testing.T) {
	d := NewDate(2007, 9, 5)
	if d.String() != "05/09/2007" || d.ISO() != "2007-09-05" {
		t.Errorf("String %q ISO %q", d.String(), d.ISO())
	}
	if Date(0).String() != "" || Date(0).ISO() != "" {
		t.Error("zero date should format empty")
	}
	if d.Year() != 2007 || d.Month() != time.September || d.Day() != 5 || d.IsZero() {
		t.Error("parts")
	}
	if d.Weekday() != time.Wednesday {
		t.Errorf("05/09/2007 was a Wednesday, got %v", d.Weekday())
	}
	if DateOf(time.Date(2026, 3, 15, 23, 59, 0, 0, time.FixedZone("ICT", 7*3600))) != NewDate(2026, 3, 15) {
		t.Error("DateOf must use the time's own zone")
	}
}

func TestDateJSON(t *testing.T) {
	type rec struct {
		D Date `json:"d"`
		Z Date `json:"z"`
	}
	b, err := json.Marshal(rec{D: NewDate(2026, 2, 17)})
	if err != nil || string(b) != `{"d":"2026-02-17","z":""}` {
		t.Fatalf("Marshal = %s, %v", b, err)
	}
	var r rec
	if err := json.Unmarshal(b, &r); err != nil || r.D != NewDate(2026, 2, 17) || r.Z != 0 {
		t.Fatalf("Unmarshal = %+v, %v", r, err)
	}
	if err := json.Unmarshal([]byte(`{"d":"17/02/2026"}`), &r); err != nil || r.D != NewDate(2026, 2, 17) {
		t.Errorf("hand-edited dd/mm/yyyy: %+v, %v", r, err)
	}
	for _, bad := range []string{`{"d":"2026-02-30"}`, `{"d":"2026-13-01"}`, `{"d":"soon"}`, `{"d":"2026-2-17"}`} {
		if err := json.Unmarshal([]byte(bad), &r); err == nil {
			t.Errorf("Unmarshal(%s) accepted %v", bad, int(r.D))
		}
	}
}

func TestMonthsBetween(t *testing.T) {
	tests := []struct {
		name string
		a, b Date
		want int
	}{
		{"day before 18th birthday", NewDate(2008, 3, 15), NewDate(2026, 3, 14), 215},
		{"on 18th birthday", NewDate(2008, 3, 15), NewDate(2026, 3, 15), 216},
		{"day after 18th birthday", NewDate(2008, 3, 15), NewDate(2026, 3, 16), 216},
		{"born 31st: day before", NewDate(2008, 3, 31), NewDate(2026, 3, 30), 215},
		{"born 31st: on", NewDate(2008, 3, 31), NewDate(2026, 3, 31), 216},
		{"born 31st: day after", NewDate(2008, 3, 31), NewDate(2026, 4, 1), 216},
		{"born 31st, month of 30 days", NewDate(2008, 3, 31), NewDate(2008, 4, 30), 1},
		{"born 31st, day before month end", NewDate(2008, 3, 31), NewDate(2008, 4, 29), 0},
		{"31 Jan to end of leap Feb", NewDate(2008, 1, 31), NewDate(2008, 2, 29), 1},
		{"31 Jan to 28 Feb, leap year", NewDate(2008, 1, 31), NewDate(2008, 2, 28), 0},
		{"31 Jan to 28 Feb, common year", NewDate(2026, 1, 31), NewDate(2026, 2, 28), 1},
		{"born 29 Feb: 28 Feb of common year", NewDate(2008, 2, 29), NewDate(2026, 2, 28), 216},
		{"born 29 Feb: 27 Feb of common year", NewDate(2008, 2, 29), NewDate(2026, 2, 27), 215},
		{"born 29 Feb: leap year", NewDate(2008, 2, 29), NewDate(2028, 2, 29), 240},
		{"same day", NewDate(2026, 3, 15), NewDate(2026, 3, 15), 0},
		{"across year end", NewDate(2025, 12, 20), NewDate(2026, 1, 19), 0},
		{"across year end, whole", NewDate(2025, 12, 20), NewDate(2026, 1, 20), 1},
		{"60 months", NewDate(2021, 1, 10), NewDate(2026, 1, 10), 60},
		{"backwards", NewDate(2026, 3, 15), NewDate(2008, 3, 15), -216},
		{"backwards partial", NewDate(2026, 3, 14), NewDate(2008, 3, 15), -215},
	}
	for _, tt := range tests {
		if got := MonthsBetween(tt.a, tt.b); got != tt.want {
			t.Errorf("%s: MonthsBetween(%v, %v) = %d, want %d", tt.name, tt.a, tt.b, got, tt.want)
		}
	}
}

// MonthsBetween never decreases as the later date moves forward, and
// a.AddMonths(MonthsBetween(a, b)) never passes b.
func TestMonthsBetweenMonotonic(t *testing.T) {
	for _, a := range []Date{NewDate(2008, 1, 31), NewDate(2008, 2, 29), NewDate(2007, 8, 30), NewDate(2010, 12, 31)} {
		prev := 0
		for b := a; b < NewDate(2012, 1, 1); b = b.AddDays(1) {
			m := MonthsBetween(a, b)
			if m < prev || m > prev+1 {
				t.Fatalf("MonthsBetween(%v, %v) = %d after %d", a, b, m, prev)
			}
			if a.AddMonths(m) > b || a.AddMonths(m+1) <= b {
				t.Fatalf("MonthsBetween(%v, %v) = %d is not the whole months", a, b, m)
			}
			prev = m
		}
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		d    Date
		n    int
		want Date
	}{
		{NewDate(2026, 1, 31), 1, NewDate(2026, 2, 28)},
		{NewDate(2024, 1, 31), 1, NewDate(2024, 2, 29)},
		{NewDate(2026, 3, 31), -1, NewDate(2026, 2, 28)},
		{NewDate(2025, 12, 31), 2, NewDate(2026, 2, 28)},
		{NewDate(2026, 5, 31), 1, NewDate(2026, 6, 30)},
		{NewDate(2026, 3, 15), 12, NewDate(2027, 3, 15)}, // probation
		{NewDate(2026, 1, 10), 60, NewDate(2031, 1, 10)}, // certificate validity
		{NewDate(2026, 1, 15), -13, NewDate(2024, 12, 15)},
		{NewDate(2024, 2, 29), 12, NewDate(2025, 2, 28)},
		{NewDate(2026, 12, 1), 1, NewDate(2027, 1, 1)},
		{NewDate(2026, 1, 1), -1, NewDate(2025, 12, 1)},
		{NewDate(2026, 6, 15), 0, NewDate(2026, 6, 15)},
		{0, 5, 0},
	}
	for _, tt := range tests {
		if got := tt.d.AddMonths(tt.n); got != tt.want {
			t.Errorf("%v.AddMonths(%d) = %v, want %v", tt.d, tt.n, got, tt.want)
		}
	}
}

func TestAddDaysAndDaysBetween(t *testing.T) {
	tests := []struct {
		d    Date
		n    int
		want Date
	}{
		{NewDate(2026, 2, 28), 1, NewDate(2026, 3, 1)},
		{NewDate(2024, 2, 28), 1, NewDate(2024, 2, 29)},
		{NewDate(2025, 12, 31), 1, NewDate(2026, 1, 1)},
		{NewDate(2026, 3, 1), -1, NewDate(2026, 2, 28)},
		{NewDate(2026, 1, 1), 365, NewDate(2027, 1, 1)},
	}
	for _, tt := range tests {
		if got := tt.d.AddDays(tt.n); got != tt.want {
			t.Errorf("%v.AddDays(%d) = %v, want %v", tt.d, tt.n, got, tt.want)
		}
		if got := DaysBetween(tt.d, tt.want); got != tt.n {
			t.Errorf("DaysBetween(%v, %v) = %d, want %d", tt.d, tt.want, got, tt.n)
		}
	}
}

// tet2026 is the 2026 Lunar New Year break for public servants: Saturday
// 14/02 to Sunday 22/02; the weekdays in it are the holidays to list.
var tet2026 = []Date{
	NewDate(2026, 2, 16), NewDate(2026, 2, 17), NewDate(2026, 2, 18), NewDate(2026, 2, 19), NewDate(2026, 2, 20),
	NewDate(2026, 4, 30), NewDate(2026, 5, 1),
}

func TestCalendarAddWorkingDays(t *testing.T) {
	cal := NewCalendar(tet2026)
	tests := []struct {
		name string
		d    Date
		n    int
		want Date
	}{
		{"Friday + 1 skips the weekend", NewDate(2026, 3, 13), 1, NewDate(2026, 3, 16)},
		{"Saturday + 1 is Monday", NewDate(2026, 3, 14), 1, NewDate(2026, 3, 16)},
		{"Sunday + 1 is Monday", NewDate(2026, 3, 15), 1, NewDate(2026, 3, 16)},
		{"Monday + 5 is next Monday", NewDate(2026, 3, 16), 5, NewDate(2026, 3, 23)},
		{"Thursday + 2 over a weekend", NewDate(2026, 3, 12), 2, NewDate(2026, 3, 16)},
		{"zero days stays put", NewDate(2026, 3, 14), 0, NewDate(2026, 3, 14)},
		{"Friday before Tết + 1", NewDate(2026, 2, 13), 1, NewDate(2026, 2, 23)},
		{"Thursday before Tết + 5", NewDate(2026, 2, 12), 5, NewDate(2026, 2, 26)},
		{"inside Tết + 1", NewDate(2026, 2, 17), 1, NewDate(2026, 2, 23)},
		{"before 30/4 and 1/5", NewDate(2026, 4, 29), 1, NewDate(2026, 5, 4)},
		{"60 working days across Tết", NewDate(2026, 1, 5), 60, NewDate(2026, 4, 6)},
	}
	for _, tt := range tests {
		got := cal.AddWorkingDays(tt.d, tt.n)
		if got != tt.want {
			t.Errorf("%s: AddWorkingDays(%v, %d) = %v (%v), want %v", tt.name, tt.d, tt.n, got, got.Weekday(), tt.want)
		}
		if !cal.IsWorkingDay(got) && tt.n > 0 {
			t.Errorf("%s: landed on a day off %v", tt.name, got)
		}
	}
	// Without the holidays Tết week counts.
	if got := NewCalendar(nil).AddWorkingDays(NewDate(2026, 2, 13), 1); got != NewDate(2026, 2, 16) {
		t.Errorf("no holidays: %v", got)
	}
}

func TestCalendarWorkingDaysBetween(t *testing.T) {
	cal := NewCalendar(tet2026)
	tests := []struct {
		a, b Date
		want int
	}{
		{NewDate(2026, 3, 13), NewDate(2026, 3, 16), 1},
		{NewDate(2026, 3, 13), NewDate(2026, 3, 15), 0},
		{NewDate(2026, 3, 16), NewDate(2026, 3, 16), 0},
		{NewDate(2026, 3, 20), NewDate(2026, 3, 16), 0},
		{NewDate(2026, 3, 16), NewDate(2026, 3, 20), 4},
		{NewDate(2026, 2, 13), NewDate(2026, 2, 23), 1},
		{NewDate(2026, 2, 12), NewDate(2026, 2, 26), 5},
		{NewDate(2026, 1, 5), NewDate(2026, 4, 6), 60},
	}
	for _, tt := range tests {
		if got := cal.WorkingDaysBetween(tt.a, tt.b); got != tt.want {
			t.Errorf("WorkingDaysBetween(%v, %v) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
	// The two functions are inverses from any starting day.
	for d := NewDate(2026, 2, 1); d < NewDate(2026, 3, 1); d = d.AddDays(1) {
		for _, n := range []int{1, 2, 7, 30, 60} {
			if got := cal.WorkingDaysBetween(d, cal.AddWorkingDays(d, n)); got != n {
				t.Fatalf("WorkingDaysBetween(%v, AddWorkingDays(%v, %d)) = %d", d, d, n, got)
			}
		}
	}
}

func TestCalendarIsWorkingDay(t *testing.T) {
	cal := NewCalendar(tet2026)
	tests := []struct {
		d    Date
		want bool
	}{
		{NewDate(2026, 2, 13), true},  // Friday
		{NewDate(2026, 2, 14), false}, // Saturday
		{NewDate(2026, 2, 17), false}, // Tết
		{NewDate(2026, 2, 23), true},
		{NewDate(2026, 9, 2), true}, // not listed, so a working day
	}
	for _, tt := range tests {
		if got := cal.IsWorkingDay(tt.d); got != tt.want {
			t.Errorf("IsWorkingDay(%v) = %v", tt.d, got)
		}
	}
}
