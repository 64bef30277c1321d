package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a civil date stored as the integer yyyymmdd; 0 means "not set".
// An integer keeps dates comparable with < and cheap to hold by the 100,000.
type Date int32

// NewDate builds a Date; it does not validate (use ParseDate for input).
func NewDate(y int, m time.Month, d int) Date { return Date(y*10000 + int(m)*100 + d) }

// DateOf returns the civil date of t in t's location.
func DateOf(t time.Time) Date { return NewDate(t.Year(), t.Month(), t.Day()) }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == 0 }

// Year, Month and Day split the date.
func (d Date) Year() int         { return int(d) / 10000 }
func (d Date) Month() time.Month { return time.Month(int(d) / 100 % 100) }
func (d Date) Day() int          { return int(d) % 100 }

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time {
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}

// String formats the date as dd/mm/yyyy, the way Vietnamese forms write it.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day(), int(d.Month()), d.Year())
}

// ISO formats the date as yyyy-mm-dd, the form kept on disk.
func (d Date) ISO() string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year(), int(d.Month()), d.Day())
}

// MarshalText stores dates as ISO strings so the file stays readable without this program.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.ISO()), nil }

// UnmarshalText reads ISO dates (and dd/mm/yyyy, for hand-edited data).
func (d *Date) UnmarshalText(b []byte) error {
	s := string(b)
	if s == "" {
		*d = 0
		return nil
	}
	if len(s) == 10 && s[4] == '-' && s[7] == '-' {
		if s[0] == '+' || s[0] == '-' {
			return fmt.Errorf("bad date %q", s)
		}
		y, e1 := strconv.Atoi(s[:4])
		m, e2 := strconv.Atoi(s[5:7])
		dd, e3 := strconv.Atoi(s[8:])
		if e1 == nil && e2 == nil && e3 == nil && validYMD(y, m, dd) {
			*d = NewDate(y, time.Month(m), dd)
			return nil
		}
		return fmt.Errorf("bad date %q", s)
	}
	v, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

func validYMD(y, m, d int) bool {
	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, time.Month(m))
}

// The ways date input fails. ParseDate returns a fresh copy of one of these,
// so a caller that sets Field on it does not change it for everyone else.
var (
	ErrDateFormat     = &FieldError{Msg: Text{VI: "Ngày phải viết dạng ngày/tháng/năm, ví dụ 05/09/2007.", EN: "Dates are written day/month/year, e.g. 05/09/2007."}}
	ErrDateImpossible = &FieldError{Msg: Text{VI: "Ngày này không có trong lịch.", EN: "That date does not exist."}}
	ErrDateTooOld     = &FieldError{Msg: Text{VI: "Năm phải từ 1900 trở về sau.", EN: "The year must be 1900 or later."}}
)

func dateErr(e *FieldError) error { c := *e; return &c }

// ParseDate reads dd/mm/yyyy or d/m/yyyy ('-' and '.' also accepted as separators).
// Two-digit years are refused: a birth year of "07" is ambiguous.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 || strings.Count(s, "/")+strings.Count(s, "-")+strings.Count(s, ".") != 2 {
		return 0, dateErr(ErrDateFormat)
	}
	var n [3]int
	for i, p := range parts {
		if len(p) == 0 || len(p) > 4 {
			return 0, dateErr(ErrDateFormat)
		}
		for _, r := range p {
			if r < '0' || r > '9' {
				return 0, dateErr(ErrDateFormat)
			}
		}
		n[i], _ = strconv.Atoi(p)
	}
	if len(parts[0]) > 2 || len(parts[1]) > 2 || len(parts[2]) != 4 {
		return 0, dateErr(ErrDateFormat)
	}
	if !validYMD(n[2], n[1], n[0]) {
		return 0, dateErr(ErrDateImpossible)
	}
	if n[2] < 1900 {
		return 0, dateErr(ErrDateTooOld)
	}
	return NewDate(n[2], time.Month(n[1]), n[0]), nil
}

// AddDays moves the date by n calendar days.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// AddMonths moves the date by n months, clamping to the month's last day
// (31/01 + 1 month = 28/02 or 29/02), which is how "12 tháng" is read in practice.
func (d Date) AddMonths(n int) Date {
	if d == 0 {
		return 0
	}
	total := d.Year()*12 + int(d.Month()) - 1 + n
	y, m := total/12, time.Month(total%12+1)
	day := d.Day()
	if dim := daysIn(y, m); day > dim {
		day = dim
	}
	return NewDate(y, m, day)
}

// MonthsBetween counts whole months from a to b (negative when b is before a).
// Someone born 15/03/2008 is 216 months old on 15/03/2026 and 215 on 14/03/2026.
func MonthsBetween(a, b Date) int {
	if b < a {
		return -MonthsBetween(b, a)
	}
	m := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	if a.AddMonths(m) > b {
		m--
	}
	return m
}

// DaysBetween counts calendar days from a to b.
func DaysBetween(a, b Date) int {
	return int(b.Time().Sub(a.Time()).Hours() / 24)
}

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// Calendar knows which days are working days: Monday to Friday minus the holidays.
type Calendar struct {
	Holidays map[Date]bool
}

// NewCalendar builds a calendar from a holiday list.
func NewCalendar(holidays []Date) Calendar {
	c := Calendar{Holidays: make(map[Date]bool, len(holidays))}
	for _, h := range holidays {
		c.Holidays[h] = true
	}
	return c
}

// IsWorkingDay reports whether d is a working day.
func (c Calendar) IsWorkingDay(d Date) bool {
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !c.Holidays[d]
}

// AddWorkingDays returns the date n working days after d (d itself not counted),
// the way "trong thời hạn 60 ngày làm việc" is counted.
func (c Calendar) AddWorkingDays(d Date, n int) Date {
	t := d
	for n > 0 {
		t = t.AddDays(1)
		if c.IsWorkingDay(t) {
			n--
		}
	}
	return t
}

// WorkingDaysBetween counts working days after a up to and including b.
func (c Calendar) WorkingDaysBetween(a, b Date) int {
	if b <= a {
		return 0
	}
	n := 0
	for t := a.AddDays(1); t <= b; t = t.AddDays(1) {
		if c.IsWorkingDay(t) {
			n++
		}
	}
	return n
}
