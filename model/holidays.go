package model

import "time"

// DefaultHolidays returns Vietnam's public holidays (Labour Code 2019, art. 112)
// for 2025–2027 as far as they were decreed or can be foreseen. They are
// only defaults: the government fixes Tết and swap days each year, so the
// clerk edits this list in the settings screen. Weekends need not be listed
// for working-day counts, but the whole Tết break is, as announced.
func DefaultHolidays() []Date {
	var out []Date
	span := func(y int, m time.Month, from, to int) {
		for d := from; d <= to; d++ {
			out = append(out, NewDate(y, m, d))
		}
	}
	day := func(y int, m time.Month, d int) { out = append(out, NewDate(y, m, d)) }

	// 2025
	day(2025, time.January, 1)
	span(2025, time.January, 25, 31) // Tết Ất Tỵ: 27/01–31/01 decreed, with the weekends 25–26/01 and 01–02/02
	span(2025, time.February, 1, 2)
	day(2025, time.April, 7) // Giỗ Tổ Hùng Vương, 10/3 âm lịch
	day(2025, time.April, 30)
	day(2025, time.May, 1)
	day(2025, time.May, 2) // swapped with Saturday 26/04 for public servants
	day(2025, time.September, 1)
	day(2025, time.September, 2)

	// 2026
	day(2026, time.January, 1)
	span(2026, time.February, 14, 22) // Tết Bính Ngọ: 16/02–20/02 with the weekends either side
	day(2026, time.April, 26)         // Hùng Kings on a Sunday,
	day(2026, time.April, 27)         // so the Monday is taken off
	day(2026, time.April, 30)
	day(2026, time.May, 1)
	day(2026, time.September, 1)
	day(2026, time.September, 2)

	// 2027: not yet decreed; the usual pattern.
	day(2027, time.January, 1)
	span(2027, time.February, 5, 9) // Tết Đinh Mùi (mùng 1 = 06/02)
	day(2027, time.April, 16)
	day(2027, time.April, 30)
	day(2027, time.May, 1)
	day(2027, time.May, 3) // 01/05 is a Saturday
	day(2027, time.September, 2)
	day(2027, time.September, 3)
	return out
}
