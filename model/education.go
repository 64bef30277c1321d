package model

import (
	"regexp"
	"strconv"
	"strings"
)

// The education condition: a lower-secondary diploma (bằng tốt nghiệp THCS)
// or higher, with the exceptions of the Secretariat's guidance (01-HD/TW,
// carried into 06-HD/TW): completed primary school in mountain, border,
// island, ethnic-minority and especially disadvantaged areas and for
// fishermen working at sea; reading and writing the national script for
// village elders, village heads and respected persons of those areas.
// docs/domain-rules.md §4.2.

// eduLevel is what a free-text education entry says about the condition.
type eduLevel int

const (
	eduUnknown   eduLevel = iota // empty or unreadable
	eduBelow                     // under lower secondary (primary, literacy, grade < 9 of 12)
	eduSecondary                 // lower secondary or higher
)

// eduGrade matches "9/12", "12 / 12", "7/10": the grade reached over the
// system's years (12 now, 10 in the North before 1981).
var eduGrade = regexp.MustCompile(`(\d{1,2})\s*/\s*(10|12)\b`)

// eduWords are folded words or phrases that name a level, checked in order.
var eduWords = []struct {
	word  string
	level eduLevel
}{
	{"tieu hoc", eduBelow}, {"biet doc", eduBelow}, {"xoa mu", eduBelow}, {"cap 1", eduBelow}, {"cap i", eduBelow},
	{"thcs", eduSecondary}, {"trung hoc co so", eduSecondary}, {"cap 2", eduSecondary}, {"cap ii", eduSecondary},
	{"thpt", eduSecondary}, {"trung hoc pho thong", eduSecondary}, {"cap 3", eduSecondary}, {"cap iii", eduSecondary},
	{"bo tuc", eduSecondary}, {"trung cap", eduSecondary}, {"cao dang", eduSecondary}, {"dai hoc", eduSecondary},
	{"thac si", eduSecondary}, {"tien si", eduSecondary},
}

// educationLevel reads a candidate's general education as typed: "12/12",
// "9/12", "THCS", "Tốt nghiệp THPT", "Tiểu học", "Biết đọc, biết viết"…
func educationLevel(s string) eduLevel {
	if m := eduGrade.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		of, _ := strconv.Atoi(m[2])
		switch {
		case n < 1 || n > of:
			return eduUnknown
		case of == 10 && n >= 7, of == 12 && n >= 9:
			return eduSecondary
		}
		return eduBelow
	}
	// Whole words only: "cap i" must not match inside "cap ii".
	f := " " + strings.Join(strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}), " ") + " "
	for _, w := range eduWords {
		if strings.Contains(f, " "+w.word+" ") {
			return w.level
		}
	}
	return eduUnknown
}

// ruleEducation checks the education condition at the cell's vote. Below
// lower secondary is an exception that needs the reason and its grounds;
// an education not recorded, or not understood, is a warning.
func ruleEducation(c Candidate) RuleResult {
	edu := strings.TrimSpace(c.Education)
	switch educationLevel(edu) {
	case eduSecondary:
		return ok(RuleEducation, "Trình độ giáo dục phổ thông %s: đã tốt nghiệp THCS trở lên.",
			"General education %s: lower secondary or higher.", edu)
	case eduBelow:
		return failO(RuleEducation, "Trình độ giáo dục phổ thông %s: chưa tốt nghiệp THCS. Chỉ xét theo ngoại lệ, ghi lý do, căn cứ: người ở miền núi, biên giới, hải đảo, vùng đồng bào dân tộc thiểu số, vùng đặc biệt khó khăn và ngư dân thường xuyên làm việc trên biển phải hoàn thành chương trình tiểu học; già làng, trưởng bản, người có uy tín ở các vùng đó phải biết đọc, biết viết chữ quốc ngữ.",
			"General education %s: no lower-secondary diploma. Only as an exception, with the reason and its grounds: in mountain, border, island, ethnic-minority or especially disadvantaged areas, and for fishermen working at sea, primary school completed; for village elders, village heads and respected persons there, reading and writing the national script.", edu)
	case eduUnknown:
		if edu == "" {
			return warn(RuleEducation, "Chưa ghi trình độ giáo dục phổ thông; cần tốt nghiệp THCS trở lên (trừ các trường hợp ngoại lệ).",
				"General education is not recorded; a lower-secondary diploma or higher is needed (save the exceptions).")
		}
	}
	return warn(RuleEducation, "Không đọc được trình độ giáo dục phổ thông “%s” (ví dụ cách ghi: 12/12, 9/12, THCS); cần tốt nghiệp THCS trở lên.",
		"General education “%s” cannot be read (write it as 12/12, 9/12 or THCS); a lower-secondary diploma or higher is needed.", edu)
}
