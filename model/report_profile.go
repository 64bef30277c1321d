package model

import (
	"strconv"
	"strings"
)

// The categories of the central statistics form on newly admitted members
// (Biểu 2-BTCTW of the Central Organisation Commission's form set,
// Hướng dẫn 11-HD/BTCTW, 2021), read from what a clerk types into the free-text
// fields of a candidate. docs/domain-rules.md §11.2 says which categories are
// followed and how each is read.

// words is s folded (accents off, "đ" as "d") with every run of other
// characters made one space, between spaces: a word or phrase w is in it
// when it contains " "+w+" ".
func words(s string) string {
	return " " + strings.Join(strings.FieldsFunc(Fold(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}), " ") + " "
}

// hasWord reports whether the folded words f hold one of ws.
func hasWord(f string, ws ...string) bool {
	for _, w := range ws {
		if strings.Contains(f, " "+w+" ") {
			return true
		}
	}
	return false
}

// General education levels, as Biểu 2 counts them (the level completed).
const (
	GenLiterate = iota // biết đọc, biết viết chữ quốc ngữ
	GenPrimary         // tiểu học
	GenLower           // trung học cơ sở
	GenUpper           // trung học phổ thông
	GenUnknown         // not recorded, or not understood
)

// GeneralEducations labels the levels, in that order.
var GeneralEducations = []Text{
	{"Biết đọc, biết viết chữ quốc ngữ", "Literate"},
	{"Tiểu học", "Primary school"},
	{"Trung học cơ sở", "Lower secondary"},
	{"Trung học phổ thông", "Upper secondary"},
	{"Chưa ghi hoặc không đọc được", "Not recorded or not understood"},
}

// GeneralEducation reads the level completed from a free-text entry:
// "12/12" is upper secondary, "9/12" to "11/12" lower secondary, "5/12"
// to "8/12" primary, less literate only; in the old ten-year system "10/10",
// "7/10"–"9/10", "4/10"–"6/10". Words: THPT (and a college or university
// degree), THCS (and trung cấp, which admits lower-secondary graduates),
// tiểu học, biết đọc biết viết.
func GeneralEducation(s string) int {
	if m := eduGrade.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		of, _ := strconv.Atoi(m[2])
		lower, primary := 9, 5
		if of == 10 {
			lower, primary = 7, 4
		}
		switch {
		case n < 1 || n > of:
			return GenUnknown
		case n == of:
			return GenUpper
		case n >= lower:
			return GenLower
		case n >= primary:
			return GenPrimary
		}
		return GenLiterate
	}
	f := words(s)
	switch {
	case hasWord(f, "thpt", "trung hoc pho thong", "cap 3", "cap iii", "cao dang", "dai hoc", "thac si", "tien si"):
		return GenUpper
	case hasWord(f, "thcs", "trung hoc co so", "cap 2", "cap ii", "trung cap"):
		return GenLower
	case hasWord(f, "tieu hoc", "cap 1", "cap i"):
		return GenPrimary
	case hasWord(f, "biet doc", "xoa mu"):
		return GenLiterate
	}
	return GenUnknown
}

// Professional qualifications, highest last, then none.
const (
	ProfElementary = iota // sơ cấp, công nhân kỹ thuật
	ProfIntermediate
	ProfCollege
	ProfUniversity
	ProfMaster
	ProfDoctor
	ProfNone // none recorded
)

// Professionals labels the qualifications, in that order.
var Professionals = []Text{
	{"Công nhân kỹ thuật, sơ cấp", "Technical worker, elementary"},
	{"Trung cấp", "Intermediate"},
	{"Cao đẳng", "College"},
	{"Đại học", "University"},
	{"Thạc sĩ", "Master's"},
	{"Tiến sĩ", "Doctorate"},
	{"Chưa qua đào tạo hoặc chưa ghi", "None or not recorded"},
}

// Professional reads the highest qualification named in a free-text entry.
func Professional(s string) int {
	f := words(s)
	switch {
	case hasWord(f, "tien si", "ts"):
		return ProfDoctor
	case hasWord(f, "thac si", "ths"):
		return ProfMaster
	case hasWord(f, "dai hoc", "cu nhan", "ky su", "bac si", "duoc si"):
		return ProfUniversity
	case hasWord(f, "cao dang"):
		return ProfCollege
	case hasWord(f, "trung cap"):
		return ProfIntermediate
	case hasWord(f, "so cap", "cong nhan ky thuat", "cnkt"):
		return ProfElementary
	}
	return ProfNone
}

// Occupation groups of Biểu 2, part II.1, in the form's order. Since 2025
// there are no district committees: "from district level up" now reads
// as the state's and the party's bodies above the commune.
const (
	OccCivilServant   = iota // công chức cơ quan nhà nước (trên cấp xã)
	OccPartyStaff            // cán bộ cơ quan Đảng, Mặt trận, đoàn thể (trên cấp xã)
	OccCommune               // cán bộ, công chức, người hoạt động không chuyên trách cấp xã
	OccVillage               // người hoạt động không chuyên trách ở thôn, tổ dân phố
	OccPublicEmployee        // viên chức đơn vị sự nghiệp công lập
	OccPrivateService        // người lao động ở đơn vị sự nghiệp ngoài công lập
	OccEntManager            // doanh nghiệp: người quản lý
	OccEntOffice             // doanh nghiệp: nhân viên văn phòng, kỹ thuật
	OccEntWorker             // doanh nghiệp: công nhân trực tiếp sản xuất
	OccFarmer                // nông, lâm, ngư nghiệp
	OccArmed                 // lực lượng vũ trang
	OccStudent               // sinh viên
	OccPupil                 // học sinh
	OccOther                 // khác: lao động tự do, hợp đồng
	OccUnknown               // not recorded
)

// Occupations labels the groups, in that order.
var Occupations = []Text{
	{"Công chức cơ quan nhà nước (trên cấp xã)", "State civil servants (above the commune)"},
	{"Cán bộ Đảng, Mặt trận, đoàn thể (trên cấp xã)", "Party, Front and mass-organisation staff (above the commune)"},
	{"Cán bộ, công chức, không chuyên trách cấp xã", "Commune officials and part-time commune staff"},
	{"Không chuyên trách ở thôn, tổ dân phố", "Part-time village and residential-group staff"},
	{"Viên chức đơn vị sự nghiệp công lập", "Public service employees"},
	{"Người lao động đơn vị sự nghiệp ngoài công lập", "Employees of non-public service units"},
	{"Doanh nghiệp: người quản lý", "Enterprises: managers"},
	{"Doanh nghiệp: nhân viên văn phòng, kỹ thuật", "Enterprises: office and technical staff"},
	{"Doanh nghiệp: công nhân trực tiếp sản xuất", "Enterprises: direct production workers"},
	{"Nông dân, lâm nghiệp, ngư nghiệp", "Farmers, foresters, fishers"},
	{"Lực lượng vũ trang", "Armed forces"},
	{"Sinh viên", "University students"},
	{"Học sinh", "School students"},
	{"Khác (lao động tự do, hợp đồng…)", "Other (freelance, contract…)"},
	{"Chưa ghi nghề nghiệp", "Occupation not recorded"},
}

// Occupation puts a candidate in one occupation group of Biểu 2, from the
// occupation typed (first rule that matches), the school and grade, the
// enterprise, and the source group. High-school students are counted
// apart from university students, as the form does.
func Occupation(c Candidate) int {
	f := words(c.Occupation)
	inEnterprise := Clean(c.Enterprise) != "" || hasWord(f, "cong ty", "doanh nghiep", "nha may", "xi nghiep", "hop tac xa")
	switch {
	case hasWord(f, "sinh vien"):
		return OccStudent
	case hasWord(f, "hoc sinh"), strings.TrimSpace(c.Occupation) == "" && (c.Source == SourceStudent || Clean(c.Grade) != ""):
		return OccPupil
	case hasWord(f, "cong an vien", "khong chuyen trach xa") ||
		hasWord(f, "cong chuc", "can bo", "chu tich", "pho chu tich", "khong chuyen trach") && hasWord(f, "xa", "phuong", "thi tran"):
		return OccCommune
	case hasWord(f, "truong thon", "pho thon", "thon truong", "ban cong tac mat tran", "to dan pho", "to truong dan pho", "truong xom"):
		return OccVillage
	case hasWord(f, "quan doi", "bo doi", "si quan", "ha si quan", "chien si", "quan nhan", "cong an"):
		return OccArmed
	case hasWord(f, "co quan dang", "mat tran", "doan the", "chuyen trach doan", "chuyen trach hoi"):
		return OccPartyStaff
	case hasWord(f, "cong chuc"):
		return OccCivilServant
	case hasWord(f, "ngoai cong lap", "tu thuc", "dan lap", "truong tu"):
		return OccPrivateService
	case hasWord(f, "vien chuc", "giao vien", "giang vien", "bac si", "y si", "y ta", "dieu duong", "nhan vien y te", "duoc si"):
		return OccPublicEmployee
	case inEnterprise && hasWord(f, "giam doc", "pho giam doc", "quan ly", "truong phong", "quan doc", "chu doanh nghiep"):
		return OccEntManager
	case inEnterprise && hasWord(f, "nhan vien", "ke toan", "ky su", "ky thuat", "van phong", "thu kho"):
		return OccEntOffice
	case inEnterprise || hasWord(f, "cong nhan"):
		return OccEntWorker
	case hasWord(f, "nong dan", "lam ruong", "nong nghiep", "trong trot", "chan nuoi", "lam nghiep", "trong rung", "ngu dan", "danh ca", "nuoi trong", "diem dan"):
		return OccFarmer
	case strings.TrimSpace(c.Occupation) == "":
		return OccUnknown
	}
	return OccOther
}

// EthnicMinority reports whether an ethnicity code is a minority: not
// Kinh (1), and known (foreign origin, 56, is not an ethnic minority).
func EthnicMinority(code string) bool { return code != "" && code != "1" && code != "56" }

// Religious reports whether a religion code is a religion.
func Religious(code string) bool { return code != "" && code != "none" }

// AgeBands are the age bands of Biểu 2 (years at the date), with one band
// below 18 for the candidate pool, where school students are nurtured
// before they may be admitted.
var AgeBands = []struct {
	Lo, Hi int // years, both included
	Label  Text
}{
	{0, 17, Text{"Dưới 18 tuổi", "Under 18"}},
	{18, 30, Text{"Từ 18 đến 30 tuổi", "18 to 30"}},
	{31, 35, Text{"Từ 31 đến 35 tuổi", "31 to 35"}},
	{36, 40, Text{"Từ 36 đến 40 tuổi", "36 to 40"}},
	{41, 45, Text{"Từ 41 đến 45 tuổi", "41 to 45"}},
	{46, 50, Text{"Từ 46 đến 50 tuổi", "46 to 50"}},
	{51, 55, Text{"Từ 51 đến 55 tuổi", "51 to 55"}},
	{56, 60, Text{"Từ 56 đến 60 tuổi", "56 to 60"}},
	{61, 200, Text{"Trên 60 tuổi", "Over 60"}},
}
