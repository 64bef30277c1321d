package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParseDate: whatever a clerk types, ParseDate returns a real date or an
// error, and a date it accepts survives String → ParseDate unchanged.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"05/09/2007", "5/9/2007", "29/02/2024", "29/02/2025", "31/12/9999",
		"01/01/1900", "05-09-2007", "05.09.2007", "05/09/07", "", " ", "//", "1/1/1", "99/99/9999",
		"0/0/0000", "31/04/2026", "1//2026", "１/１/２０２６", "5/9/2007\x00", "-1/-1/-2000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if d != 0 {
				t.Fatalf("ParseDate(%q) = %v with error %v", s, int(d), err)
			}
			return
		}
		if d == 0 {
			if strings.TrimSpace(s) != "" {
				t.Fatalf("ParseDate(%q) = 0 without error", s)
			}
			return
		}
		if !isRealDate(d) || d.Year() < 1900 {
			t.Fatalf("ParseDate(%q) = %d, not a real date", s, int(d))
		}
		back, err := ParseDate(d.String())
		if err != nil || back != d {
			t.Fatalf("round trip %q → %v → %q → %v, %v", s, int(d), d.String(), int(back), err)
		}
		var u Date
		if err := u.UnmarshalText([]byte(d.ISO())); err != nil || u != d {
			t.Fatalf("ISO round trip %v → %q → %v, %v", int(d), d.ISO(), int(u), err)
		}
	})
}

// FuzzCheckCCCD: CheckCCCD never panics, whatever the number, sex or (even
// impossible) date of birth; a 12-digit number with a known province code
// only ever draws warnings.
func FuzzCheckCCCD(f *testing.F) {
	f.Add("038207012345", true, int32(20070905))
	f.Add("038307012345", false, int32(20070905))
	f.Add("001085000001", true, int32(0))
	f.Add("000207012345", true, int32(20070905))
	f.Add("03820701234", false, int32(20070905))
	f.Add("0382070123４5", false, int32(-1))
	f.Add("096999999999", false, int32(99991399))
	f.Add("", true, int32(0))
	f.Fuzz(func(t *testing.T, cccd string, female bool, dob int32) {
		sex := Male
		if female {
			sex = Female
		}
		p := CheckCCCD(cccd, sex, Date(dob))
		for _, e := range p {
			if e.Field != "cccd" || e.Msg.VI == "" || e.Msg.EN == "" {
				t.Fatalf("bad problem %+v", e)
			}
		}
		known := len(cccd) == 12 && allDigits(cccd) && ProvinceOfCCCD(cccd) != ""
		if known && len(p.Errors()) > 0 {
			t.Fatalf("CheckCCCD(%q, %s, %d) errors %v", cccd, sex, dob, vtDescribe(p))
		}
		if !known && cccd != "" && len(p.Errors()) != 1 {
			t.Fatalf("CheckCCCD(%q) should refuse it, got %v", cccd, vtDescribe(p))
		}
	})
}

// FuzzClean: Clean leaves no control characters, stray spaces or invalid
// UTF-8, is idempotent, and its output needs no Escape.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"Nguyễn Văn An", "\x1b[31mĐỏ\x1b[0m", "a\x1b]0;x\x07b", " a \t b ", "a\xffb",
		"\u202eabc", "a\u009b31mb", "\x1b", "\x1b[", "\x1b]", "l\u0301e\u0302", "0\f0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, multi := range []bool{false, true} {
			c := Clean(s)
			if multi {
				c = CleanMultiline(s)
			}
			if !utf8.ValidString(c) {
				t.Fatalf("invalid UTF-8 from %q: %q", s, c)
			}
			for _, r := range c {
				if r == '\n' && multi {
					continue
				}
				if r < 0x20 || r >= 0x7f && r <= 0x9f || isStrippedRune(r) {
					t.Fatalf("Clean(%q) = %q keeps %U", s, c, r)
				}
			}
			if strings.HasPrefix(c, " ") || strings.HasSuffix(c, " ") || strings.Contains(c, "  ") {
				t.Fatalf("Clean(%q) = %q has stray spaces", s, c)
			}
			again := Clean(c)
			if multi {
				again = CleanMultiline(c)
			}
			if again != c {
				t.Fatalf("not idempotent: %q → %q → %q", s, c, again)
			}
			for _, line := range strings.Split(c, "\n") { // Escape shows line breaks
				if Escape(line) != line {
					t.Fatalf("Escape changes cleaned text %q", line)
				}
			}
		}
		if e := Escape(s); strings.ContainsFunc(e, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
			t.Fatalf("Escape(%q) = %q keeps a control", s, e)
		}
		// Folding is insensitive to normalisation form, for the Latin script
		// it is built for (Hangul, say, composes into runes Fold keeps).
		latin := utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
			return r >= 0x250 && !isCombining(r) && (r < 0x1e00 || r > 0x1eff)
		})
		if latin && Fold(NFC(s)) != Fold(s) {
			t.Fatalf("Fold differs for NFC: %q", s)
		}
	})
}
