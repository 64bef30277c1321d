package model

import (
	"strings"
	"testing"
)

func TestCheckCCCD(t *testing.T) {
	const (
		none = iota
		isErr
		isWarn
	)
	tests := []struct {
		name  string
		cccd  string
		sex   Sex
		dob   Date
		want  int // none, isErr or isWarn
		warns int
	}{
		{"empty is optional", "", Male, NewDate(2007, 9, 5), none, 0},
		{"male born 2007 in Thanh Hóa", "038207012345", Male, NewDate(2007, 9, 5), none, 0},
		{"female born 2008", "038308012345", Female, NewDate(2008, 1, 1), none, 0},
		{"male born 1985 in Hà Nội", "001085000001", Male, NewDate(1985, 3, 1), none, 0},
		{"female born 1999 in Cà Mau", "096199999999", Female, NewDate(1999, 12, 31), none, 0},
		{"male born 2100s", "001400123456", Male, NewDate(2100, 1, 1), none, 0},
		{"no sex or dob recorded", "038207012345", "", 0, none, 0},
		{"11 digits", "03820701234", Male, 0, isErr, 0},
		{"13 digits", "0382070123456", Male, 0, isErr, 0},
		{"letters", "03820701234A", Male, 0, isErr, 0},
		{"spaces inside", "038 207 012 345", Male, 0, isErr, 0},
		{"full-width digits", "０３８２０７０１２３４５", Male, 0, isErr, 0},
		{"province 000", "000207012345", Male, NewDate(2007, 1, 1), isErr, 0},
		{"province 099", "099207012345", Male, NewDate(2007, 1, 1), isErr, 0},
		{"province 003 (unused)", "003207012345", Male, NewDate(2007, 1, 1), isErr, 0},
		{"sex mismatch", "038307012345", Male, NewDate(2007, 9, 5), isWarn, 1},
		{"century mismatch", "038007012345", Male, NewDate(2007, 9, 5), isWarn, 1},
		{"year mismatch", "038206012345", Male, NewDate(2007, 9, 5), isWarn, 1},
		{"sex and year mismatch", "038106012345", Male, NewDate(2007, 9, 5), isWarn, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := CheckCCCD(tt.cccd, tt.sex, tt.dob)
			errs, warns := p.Errors(), p.Warnings()
			switch tt.want {
			case none:
				if len(p) != 0 {
					t.Fatalf("want no problems, got %v", vtDescribe(p))
				}
			case isErr:
				if len(errs) != 1 {
					t.Fatalf("want one error, got %v", vtDescribe(p))
				}
			case isWarn:
				if len(errs) != 0 || len(warns) != tt.warns {
					t.Fatalf("want %d warnings and no error, got %v", tt.warns, vtDescribe(p))
				}
			}
			for _, e := range p {
				if e.Field != "cccd" || e.Msg.VI == "" || e.Msg.EN == "" {
					t.Errorf("bad problem %+v", e)
				}
			}
		})
	}
}

func TestCheckCCCDMessages(t *testing.T) {
	p := CheckCCCD("038206012345", Male, NewDate(2007, 9, 5))
	if len(p) != 1 || !strings.Contains(p[0].Msg.VI, "2006") || !strings.Contains(p[0].Msg.EN, "2007") {
		t.Errorf("year warning should name both years: %v", vtDescribe(p))
	}
	p = CheckCCCD("099207012345", Male, 0)
	if len(p) != 1 || !strings.Contains(p[0].Msg.VI, "099") {
		t.Errorf("province error should name the code: %v", vtDescribe(p))
	}
}

func TestProvinceOfCCCD(t *testing.T) {
	tests := []struct{ in, want string }{
		{"038", "Thanh Hóa"},
		{"038207012345", "Thanh Hóa"},
		{"001", "Hà Nội"},
		{"079", "TP Hồ Chí Minh"},
		{"096", "Cà Mau"},
		{"000", ""},
		{"003", ""},
		{"099", ""},
		{"03", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ProvinceOfCCCD(tt.in); got != tt.want {
			t.Errorf("ProvinceOfCCCD(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if n := len(cccdProvinces); n != 63 {
		t.Errorf("%d province codes, want 63", n)
	}
}

func TestCheckOldID(t *testing.T) {
	tests := []struct {
		in string
		ok bool
	}{
		{"", true},
		{"172345678", true},
		{"038207012345", true},
		{"17234567", false},
		{"1723456789", false},
		{"17234567X", false},
	}
	for _, tt := range tests {
		p := CheckOldID(tt.in)
		if (len(p) == 0) != tt.ok {
			t.Errorf("CheckOldID(%q) = %v, want ok=%v", tt.in, vtDescribe(p), tt.ok)
		}
		if len(p) > 0 && p[0].Field != "old_id" {
			t.Errorf("field %q", p[0].Field)
		}
	}
}

func TestCheckPhone(t *testing.T) {
	tests := []struct {
		in     string
		ok     bool
		digits string
	}{
		{"", true, ""},
		{"0912345678", true, "0912345678"},
		{"0912 345 678", true, "0912345678"},
		{"0912.345.678", true, "0912345678"},
		{"0912-345-678", true, "0912345678"},
		{"+84 912 345 678", true, "0912345678"},
		{"+84912345678", true, "0912345678"},
		{"0356789012", true, "0356789012"},
		{"0587654321", true, "0587654321"},
		{"0701234567", true, "0701234567"},
		{"0812345678", true, "0812345678"},
		{"02373852123", true, "02373852123"},     // Thanh Hóa landline, 11 digits
		{"(024) 3825 1234", true, "02438251234"}, // Hà Nội
		{"0237385212", true, "0237385212"},
		{"091234567", false, ""},   // 9 digits
		{"09123456789", false, ""}, // 11-digit mobile
		{"0412345678", false, ""},  // no 04 prefix
		{"0112345678", false, ""},
		{"912345678", false, ""},
		{"84912345678", false, ""},
		{"023738521234", false, ""}, // 12-digit landline
		{"0912abc678", false, ""},
		{"+1 202 555 0100", false, ""},
	}
	for _, tt := range tests {
		p := CheckPhone(tt.in)
		if (len(p) == 0) != tt.ok {
			t.Errorf("CheckPhone(%q) = %v, want ok=%v", tt.in, vtDescribe(p), tt.ok)
			continue
		}
		if len(p) > 0 && (p[0].Field != "phone" || p[0].Warning) {
			t.Errorf("CheckPhone(%q): %+v", tt.in, p[0])
		}
		if tt.ok && tt.in != "" {
			if d, _ := PhoneDigits(tt.in); d != tt.digits {
				t.Errorf("PhoneDigits(%q) = %q, want %q", tt.in, d, tt.digits)
			}
		}
	}
}

func TestDigitsOnly(t *testing.T) {
	tests := []struct{ in, want string }{
		{"038207012345", "038207012345"},
		{"038 207 012 345", "038207012345"},
		{"038.207.012.345", "038207012345"},
		{"038-207\u00a0012345", "038207012345"},
		{"03820701234X", "03820701234X"},
	}
	for _, tt := range tests {
		if got := DigitsOnly(tt.in); got != tt.want {
			t.Errorf("DigitsOnly(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func vtDescribe(p Problems) []string {
	out := make([]string, len(p))
	for i, e := range p {
		out[i] = e.Field + ": " + e.Msg.VI
		if e.Warning {
			out[i] += " (warning)"
		}
	}
	return out
}
