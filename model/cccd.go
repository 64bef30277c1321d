package model

import (
	"fmt"
	"strings"
)

// cccdProvinces maps the first three digits of a CCCD to the province of
// birth registration. These are the 63 pre-2025 provinces; numbers already
// issued keep them after the 2025 mergers (docs/domain-rules.md §9).
var cccdProvinces = map[string]string{
	"001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn", "008": "Tuyên Quang",
	"010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu", "014": "Sơn La", "015": "Yên Bái",
	"017": "Hòa Bình", "019": "Thái Nguyên", "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang",
	"025": "Phú Thọ", "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
	"033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định", "037": "Ninh Bình",
	"038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh", "044": "Quảng Bình", "045": "Quảng Trị",
	"046": "Thừa Thiên Huế", "048": "Đà Nẵng", "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định",
	"054": "Phú Yên", "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
	"064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng", "070": "Bình Phước",
	"072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai", "077": "Bà Rịa-Vũng Tàu", "079": "TP Hồ Chí Minh",
	"080": "Long An", "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long",
	"087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ", "093": "Hậu Giang",
	"094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}

// ProvinceOfCCCD returns the province whose code starts code (a whole CCCD
// number or just its first three digits), or "" when the code is unknown.
func ProvinceOfCCCD(code string) string {
	if len(code) < 3 {
		return ""
	}
	return cccdProvinces[code[:3]]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// CheckCCCD checks a 12-digit citizen ID number (PPP G YY RRRRRR, docs/domain-rules.md
// §3.3) against the recorded sex and date of birth. The number is optional.
// Its length and province code are errors; a sex, century or birth-year digit
// that disagrees with the record is only a warning, because legacy data is
// often wrong on one side or the other and the clerk must be able to save it.
// An unknown sex or a zero dob skips the matching check.
func CheckCCCD(cccd string, sex Sex, dob Date) Problems {
	if cccd == "" {
		return nil
	}
	if len(cccd) != 12 || !allDigits(cccd) {
		return Problems{{Field: "cccd", Msg: Text{
			VI: "Số CCCD phải gồm đúng 12 chữ số.",
			EN: "The CCCD number must be exactly 12 digits.",
		}}}
	}
	if ProvinceOfCCCD(cccd) == "" {
		return Problems{{Field: "cccd", Msg: Text{
			VI: fmt.Sprintf("Mã tỉnh %s ở đầu số CCCD không phải mã của tỉnh, thành phố nào.", cccd[:3]),
			EN: fmt.Sprintf("The code %s at the start of the CCCD number is not a province code.", cccd[:3]),
		}}}
	}
	var p Problems
	g := int(cccd[3] - '0')
	if sex == Male || sex == Female {
		if cardFemale := g%2 == 1; cardFemale != (sex == Female) {
			vi, en := "nam", "male"
			if cardFemale {
				vi, en = "nữ", "female"
			}
			p = append(p, &FieldError{Field: "cccd", Warning: true, Msg: Text{
				VI: fmt.Sprintf("Chữ số thứ tư của số CCCD ghi giới tính %s, khác với giới tính đã khai.", vi),
				EN: fmt.Sprintf("The fourth digit of the CCCD number says %s, unlike the recorded sex.", en),
			}})
		}
	}
	if dob != 0 {
		cardYear := 1900 + 100*(g/2) + int(cccd[4]-'0')*10 + int(cccd[5]-'0')
		if cardYear != dob.Year() {
			p = append(p, &FieldError{Field: "cccd", Warning: true, Msg: Text{
				VI: fmt.Sprintf("Số CCCD cho biết năm sinh %d, khác với năm sinh đã khai (%d).", cardYear, dob.Year()),
				EN: fmt.Sprintf("The CCCD number gives birth year %d, unlike the recorded %d.", cardYear, dob.Year()),
			}})
		}
	}
	return p
}

// CheckOldID checks an old identity card number (CMND): optional, 9 or 12 digits.
func CheckOldID(s string) Problems {
	if s == "" || (len(s) == 9 || len(s) == 12) && allDigits(s) {
		return nil
	}
	return Problems{{Field: "old_id", Msg: Text{
		VI: "Số CMND cũ phải gồm 9 hoặc 12 chữ số.",
		EN: "The old ID card number must be 9 or 12 digits.",
	}}}
}

// DigitsOnly drops the spaces, dots and dashes people type inside ID and phone
// numbers ("038 207 012 345"), leaving any other character for the checks to refuse.
func DigitsOnly(s string) string {
	if !strings.ContainsAny(s, " .-()\u00a0") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case ' ', '.', '-', '(', ')', '\u00a0':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// PhoneDigits returns the national form of a Vietnamese phone number
// ("+84 912.345.678" → "0912345678") and whether it is one: a mobile number of
// 10 digits starting 03, 05, 07, 08 or 09, or a landline of 10 or 11 digits
// starting 02.
func PhoneDigits(s string) (string, bool) {
	d := DigitsOnly(s)
	if rest, ok := strings.CutPrefix(d, "+84"); ok {
		d = "0" + rest
	}
	if len(d) < 10 || d[0] != '0' || !allDigits(d) {
		return d, false
	}
	switch d[1] {
	case '3', '5', '7', '8', '9':
		return d, len(d) == 10
	case '2':
		return d, len(d) <= 11
	}
	return d, false
}

// CheckPhone checks an optional Vietnamese phone number; spaces, dots, dashes
// and a "+84" prefix are accepted.
func CheckPhone(s string) Problems {
	if s == "" {
		return nil
	}
	if _, ok := PhoneDigits(s); ok {
		return nil
	}
	return Problems{{Field: "phone", Msg: Text{
		VI: "Số điện thoại không hợp lệ: số di động có 10 chữ số bắt đầu bằng 03, 05, 07, 08, 09, số cố định bắt đầu bằng 02.",
		EN: "That is not a Vietnamese phone number: mobiles have 10 digits starting 03, 05, 07, 08 or 09, landlines start with 02.",
	}}}
}
