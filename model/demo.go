package model

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// The demo file is modelled on the commune in the source article (Đảng bộ xã
// Trường Sơn, Thanh Hóa: 306 members in 11 cells) so that a clerk trying the
// program recognises their own work. Every date is placed relative to today,
// so the dashboard always has something due, whatever day the demo is made.
// The generator is seeded with a constant: the same day gives the same file,
// which keeps tests and screenshots stable.

// demoSeed fixes names, numbers and IDs.
const demoSeed = 0x6e67756f6e // "nguon"

// Demo builds the demonstration dataset for today.
func Demo(today Date) Dataset {
	g := &demoGen{
		r:     rand.New(rand.NewPCG(demoSeed, demoSeed>>7)),
		today: today,
		base:  uint64(today.Time().UnixMilli()),
		used:  map[string]bool{},
	}
	return g.build()
}

// demoGen carries the random source and the bookkeeping that keeps names,
// ID numbers and document numbers unique.
type demoGen struct {
	r     *rand.Rand
	today Date
	base  uint64
	seq   uint64
	used  map[string]bool

	cells    []Cell
	pools    [][]string // names of official members per cell: [0] is the secretary
	classes  []Class
	classIdx map[string]int
	meetings []Meeting
	meetIdx  map[string]int
}

// between returns a number in [lo, hi].
func (g *demoGen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func pick[T any](g *demoGen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// id makes a UUIDv7-shaped ID from the seed: the time part counts up from
// today's midnight so IDs still sort in creation order, the rest is seeded.
func (g *demoGen) id() ID {
	var id ID
	g.seq++
	ms := g.base + g.seq
	id[0], id[1], id[2] = byte(ms>>40), byte(ms>>32), byte(ms>>24)
	id[3], id[4], id[5] = byte(ms>>16), byte(ms>>8), byte(ms)
	a, b := g.r.Uint64(), g.r.Uint64()
	for i := 6; i < 16; i++ {
		if i < 11 {
			id[i] = byte(a >> (8 * (i - 6)))
		} else {
			id[i] = byte(b >> (8 * (i - 11)))
		}
	}
	id[6] = id[6]&0x0f | 0x70
	id[8] = id[8]&0x3f | 0x80
	return id
}

// unique draws from f until it returns a value not drawn before.
func (g *demoGen) unique(f func() string) string {
	for {
		s := f()
		if !g.used[s] {
			g.used[s] = true
			return s
		}
	}
}

var (
	demoFamily      = []string{"Nguyễn", "Nguyễn", "Nguyễn", "Lê", "Lê", "Lê", "Trần", "Đặng", "Hoàng", "Phạm", "Đỗ", "Vũ", "Bùi", "Trịnh", "Trịnh", "Ngô", "Mai", "Đinh", "Hà"}
	demoFamilyMuong = []string{"Bùi", "Quách", "Đinh", "Hà", "Phạm"}
	demoFamilyThai  = []string{"Lò", "Lường", "Hà", "Vi", "Cầm"}
	demoMiddleM     = []string{"Văn", "Văn", "Văn", "Đức", "Minh", "Hữu", "Quang", "Xuân", "Đình", "Ngọc", "Trọng"}
	demoMiddleF     = []string{"Thị", "Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Phương"}
	demoGivenM      = []string{"Hưng", "Đức", "Tuấn", "Nam", "Hùng", "Dũng", "Thắng", "Quân", "Long", "Phúc", "Khánh", "Trường", "Hiếu", "Cường", "Việt", "Sơn", "Lâm", "Tùng", "Hoàng", "Đạt", "Kiên", "Mạnh", "Thành", "Huy"}
	demoGivenF      = []string{"Thủy", "Ánh", "Lan", "Hương", "Hoa", "Trang", "Linh", "Huyền", "Thảo", "Nhung", "Hằng", "Yến", "Phương", "Mai", "Hà", "Ngân", "Loan", "Oanh", "Dung", "Giang"}
	demoMobile      = []string{"090", "091", "093", "094", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039"}
)

// name makes a unique full name; given, when set, is used as the given name.
func (g *demoGen) name(sex Sex, eth, given string) string {
	return g.unique(func() string {
		fam := pick(g, demoFamily)
		switch eth {
		case "6":
			fam = pick(g, demoFamilyMuong)
		case "3":
			fam = pick(g, demoFamilyThai)
		}
		mid, giv := pick(g, demoMiddleM), pick(g, demoGivenM)
		if sex == Female {
			mid, giv = pick(g, demoMiddleF), pick(g, demoGivenF)
		}
		if given != "" {
			giv = given
		}
		if mid == giv {
			mid = "Văn"
			if sex == Female {
				mid = "Thị"
			}
		}
		return fam + " " + mid + " " + giv
	})
}

// cccd makes a Thanh Hóa (038) citizen ID whose century/sex digit and year
// match sex and dob (DOMAIN.md §3.3).
func (g *demoGen) cccd(sex Sex, dob Date) string {
	c := (dob.Year()/100 - 19) * 2
	if sex == Female {
		c++
	}
	return g.unique(func() string {
		return fmt.Sprintf("038%d%02d%06d", c, dob.Year()%100, g.r.IntN(1000000))
	})
}

func (g *demoGen) phone() string {
	return g.unique(func() string { return fmt.Sprintf("%s%07d", pick(g, demoMobile), g.r.IntN(10000000)) })
}

// docNo makes a document number such as "125-QĐ/ĐU", unique among the
// documents of its kind that issuer numbered in d's year.
func (g *demoGen) docNo(lo, hi int, suffix, issuer string, d Date) string {
	key := fmt.Sprintf("%s|%d|", issuer, d.Year())
	no := g.unique(func() string { return key + fmt.Sprintf("%02d-%s", g.between(lo, hi), suffix) })
	return no[len(key):]
}

// provincialClasses is when classes moved from the district political centre
// to the provincial political school (DOMAIN.md §1.2, stage 2); it is also when
// the commune's standing committee took over admission decisions.
var provincialClasses = NewDate(2025, time.July, 1)

func demoIssuer(d Date) string {
	if d < provincialClasses {
		return "Trung tâm Chính trị huyện Nông Cống"
	}
	return "Trường Chính trị tỉnh Thanh Hóa"
}

type demoCell struct {
	name, kind, village string
	members             int
	cur, prev           map[SourceGroup]int
}

var demoVillages = []string{"Đông Hòa", "Đồng Lạc", "Phú Quý", "Tân Hưng", "Yên Lai", "Trung Thành", "Thái Hòa"}

const (
	demoSchool     = "Trường THPT Triệu Thị Trinh"
	demoEnterprise = "Công ty TNHH May Trường Sơn"
)

// demoCells are the 11 cells; members add up to the article's 306.
var demoCells = []demoCell{
	{"Chi bộ thôn Đông Hòa", "village", "Đông Hòa", 44, map[SourceGroup]int{SourceYouth: 1, SourceSoldier: 1, SourceWomen: 1}, map[SourceGroup]int{SourceYouth: 1, SourceWomen: 1}},
	{"Chi bộ thôn Đồng Lạc", "village", "Đồng Lạc", 34, map[SourceGroup]int{SourceYouth: 1, SourceSoldier: 1}, map[SourceGroup]int{SourceYouth: 1, SourceWomen: 1}},
	{"Chi bộ thôn Phú Quý", "village", "Phú Quý", 31, map[SourceGroup]int{SourceYouth: 1, SourceSoldier: 1}, map[SourceGroup]int{SourceYouth: 1, SourceOther: 1}},
	{"Chi bộ thôn Tân Hưng", "village", "Tân Hưng", 40, map[SourceGroup]int{SourceYouth: 1, SourceSoldier: 1, SourceWomen: 1}, map[SourceGroup]int{SourceYouth: 1, SourceSoldier: 1}},
	{"Chi bộ thôn Yên Lai", "village", "Yên Lai", 28, map[SourceGroup]int{SourceYouth: 1, SourceWomen: 1}, map[SourceGroup]int{SourceYouth: 1}},
	{"Chi bộ thôn Trung Thành", "village", "Trung Thành", 33, map[SourceGroup]int{SourceYouth: 1, SourceSoldier: 1}, map[SourceGroup]int{SourceYouth: 1, SourceWomen: 1}},
	{"Chi bộ thôn Thái Hòa", "village", "Thái Hòa", 25, map[SourceGroup]int{SourceWomen: 1}, map[SourceGroup]int{SourceSoldier: 1}},
	{"Chi bộ " + demoSchool, "school", "", 18, map[SourceGroup]int{SourceStudent: 4}, map[SourceGroup]int{SourceStudent: 3}},
	{"Chi bộ Cơ quan xã", "agency", "", 30, map[SourceGroup]int{SourceOther: 1}, map[SourceGroup]int{SourceYouth: 1}},
	{"Chi bộ Quân sự - Công an xã", "military", "", 13, map[SourceGroup]int{SourceSoldier: 1}, map[SourceGroup]int{SourceYouth: 1}},
	{"Chi bộ " + demoEnterprise, "enterprise", "", 10, map[SourceGroup]int{SourceWorker: 2}, map[SourceGroup]int{SourceWorker: 1}},
}

// The cells by index, for reading the table of candidates below.
const (
	cDongHoa = iota
	cDongLac
	cPhuQuy
	cTanHung
	cYenLai
	cTrungThanh
	cThaiHoa
	cSchool
	cAgency
	cMilitary
	cEnterprise
)

type demoClass struct {
	key, name string
	group     SourceGroup
	startAgo  int // days before today, moved back to a Monday
	place     string
	total     int // participants in the real class (the demo enrols only its own candidates)
	firstCert int
}

var demoClasses = []demoClass{
	{"youth", "Lớp bồi dưỡng nhận thức về Đảng cho thanh niên tình nguyện nhập ngũ", SourceYouth, 160, "Hội trường UBND xã Trường Sơn", 68, 101},
	{"women", "Lớp bồi dưỡng nhận thức về Đảng cho hội viên phụ nữ", SourceWomen, 120, "Hội trường UBND xã Trường Sơn", 37, 201},
	{"stud1", "Lớp bồi dưỡng nhận thức về Đảng cho học sinh " + demoSchool + " (lớp 1)", SourceStudent, 95, demoSchool, 48, 301},
	{"stud2", "Lớp bồi dưỡng nhận thức về Đảng cho học sinh " + demoSchool + " (lớp 2)", SourceStudent, 88, demoSchool, 48, 349},
}

type demoMeet struct {
	key   string
	cell  int
	kind  MeetingKind
	ago   int // days before today; negative = still to come
	late  bool
	notes string
}

// demoLateWorkingDays puts one admission decision past 50 working days after
// the cell's resolution, close to the limit of 60.
const demoLateWorkingDays = 55

var demoMeets = []demoMeet{
	{"review-donghoa", cDongHoa, MeetingReview, 33, false, "Rà soát nguồn phát triển đảng viên tháng này; đưa 2 quần chúng vào danh sách cảm tình Đảng."},
	{"review-school", cSchool, MeetingReview, 26, false, "Rà soát học sinh ưu tú khối 11, 12 do Đoàn trường giới thiệu."},
	{"admit-school", cSchool, MeetingAdmission, 12, false, ""},
	{"admit-tanhung", cTanHung, MeetingAdmission, 9, false, ""},
	{"admit-phuquy", cPhuQuy, MeetingAdmission, 0, true, "Đã gửi hồ sơ lên Đảng ủy; đang chờ quyết định kết nạp."},
	{"admit-donghoa", cDongHoa, MeetingAdmission, -6, false, "Họp tại Nhà văn hóa thôn Đông Hòa; hồ sơ hai quần chúng đã đủ, chờ chi bộ xét."},
	{"recognise-agency", cAgency, MeetingRecognition, 40, false, ""},
}

// demoRow is one candidate of the demo, with just enough to generate the rest.
type demoRow struct {
	cell   int
	src    SourceGroup
	sex    Sex
	stage  Stage
	ago    int // days since the current stage was reached, unless an anchor decides
	age    int // age today in months
	class  string
	result EnrolmentResult // in class, for someone who did not pass (stage before class)
	meet   string          // the meeting that decided the current stage, or deferred it
	deferd bool
	spec   string // probsoon, proboverdue, certsoon, certexpired, withdrawn, moved
	eth    string
	rel    string
	given  string
}

func ym(y, m int) int { return y*12 + m }

var demoRows = []demoRow{
	// High-school students: the under-18s are nurtured, the 18-year-olds go to class and to the vote.
	{cell: cSchool, src: SourceStudent, sex: Female, stage: StageSource, ago: 20, age: ym(17, 3), given: "Ánh"},
	{cell: cSchool, src: SourceStudent, sex: Male, stage: StageSource, ago: 45, age: ym(16, 10)},
	{cell: cSchool, src: SourceStudent, sex: Female, stage: StageSympathizer, age: ym(17, 8), meet: "review-school"},
	{cell: cSchool, src: SourceStudent, sex: Male, stage: StageSympathizer, age: ym(17, 5), meet: "review-school"},
	{cell: cSchool, src: SourceStudent, sex: Male, stage: StageHelper, age: ym(18, 2), class: "stud1", result: ResultAttended},
	{cell: cSchool, src: SourceStudent, sex: Female, stage: StageHelper, age: ym(18, 4), class: "stud2", result: ResultFailed},
	{cell: cSchool, src: SourceStudent, sex: Female, stage: StageClass, age: ym(18, 6), class: "stud1"},
	{cell: cSchool, src: SourceStudent, sex: Male, stage: StageClass, age: ym(18, 3), class: "stud1"},
	{cell: cSchool, src: SourceStudent, sex: Female, stage: StageClass, age: ym(18, 9), class: "stud2"},
	{cell: cSchool, src: SourceStudent, sex: Male, stage: StageApplication, ago: 15, age: ym(18, 7), class: "stud2"},
	{cell: cSchool, src: SourceStudent, sex: Female, stage: StageCellVote, age: ym(18, 10), class: "stud1", meet: "admit-school"},

	{cell: cDongHoa, src: SourceYouth, sex: Male, stage: StageSource, ago: 50, age: ym(22, 4), meet: "review-donghoa", deferd: true},
	{cell: cDongHoa, src: SourceWomen, sex: Female, stage: StageSympathizer, age: ym(31, 2), meet: "review-donghoa"},
	{cell: cDongHoa, src: SourceYouth, sex: Male, stage: StageSympathizer, age: ym(20, 7), meet: "review-donghoa"},
	{cell: cDongHoa, src: SourceYouth, sex: Male, stage: StageComments, ago: 8, age: ym(19, 5), class: "youth", meet: "admit-donghoa", given: "Hưng"},
	{cell: cDongHoa, src: SourceYouth, sex: Male, stage: StageComments, ago: 5, age: ym(21, 1), class: "youth", meet: "admit-donghoa"},
	{cell: cDongHoa, src: SourceSoldier, sex: Male, stage: StageProbation, age: ym(25, 3), spec: "probsoon"},
	{cell: cDongHoa, src: SourceWomen, sex: Female, stage: StageOfficial, ago: 200, age: ym(34, 6), given: "Thủy"},
	{cell: cDongHoa, src: SourceSoldier, sex: Male, stage: StageHistory, ago: 40, age: ym(27, 2), spec: "certsoon"},

	{cell: cDongLac, src: SourceYouth, sex: Male, stage: StageHelper, ago: 40, age: ym(23, 0)},
	{cell: cDongLac, src: SourceWomen, sex: Female, stage: StageClass, age: ym(29, 5), class: "women"},
	{cell: cDongLac, src: SourceSoldier, sex: Male, stage: StageVerified, ago: 25, age: ym(24, 8)},
	{cell: cDongLac, src: SourceYouth, sex: Male, stage: StageDecision, ago: 10, age: ym(20, 3), class: "youth"},
	{cell: cDongLac, src: SourceOther, sex: Male, stage: StageSympathizer, ago: 150, age: ym(26, 0), spec: "withdrawn"},
	{cell: cDongLac, src: SourceYouth, sex: Female, stage: StageProbation, ago: 150, age: ym(24, 2)},

	{cell: cPhuQuy, src: SourceWomen, sex: Female, stage: StageApplication, ago: 30, age: ym(32, 9), class: "women"},
	{cell: cPhuQuy, src: SourceSoldier, sex: Male, stage: StageIntroduced, ago: 12, age: ym(25, 10), given: "Đức"},
	{cell: cPhuQuy, src: SourceYouth, sex: Male, stage: StageCommittee, age: ym(23, 6), meet: "admit-phuquy"},
	{cell: cPhuQuy, src: SourceOther, sex: Female, stage: StageOfficial, ago: 120, age: ym(30, 4)},
	{cell: cPhuQuy, src: SourceYouth, sex: Male, stage: StageSource, ago: 10, age: ym(19, 2)},

	{cell: cTanHung, src: SourceSoldier, sex: Male, stage: StageApplication, ago: 60, age: ym(28, 1), spec: "certexpired"},
	{cell: cTanHung, src: SourceWomen, sex: Female, stage: StageHelper, age: ym(35, 7), class: "women", result: ResultAttended},
	{cell: cTanHung, src: SourceYouth, sex: Male, stage: StageCellVote, age: ym(20, 11), class: "youth", meet: "admit-tanhung"},
	{cell: cTanHung, src: SourceWomen, sex: Female, stage: StageCellVote, age: ym(27, 4), class: "women", meet: "admit-tanhung"},
	{cell: cTanHung, src: SourceYouth, sex: Male, stage: StageProbation, age: ym(26, 8), spec: "proboverdue"},
	{cell: cTanHung, src: SourceYouth, sex: Male, stage: StageClass, age: ym(19, 9), class: "youth", spec: "moved"},
	{cell: cTanHung, src: SourceOther, sex: Male, stage: StageSympathizer, ago: 70, age: ym(38, 2)},

	{cell: cYenLai, src: SourceYouth, sex: Male, stage: StageSource, ago: 25, age: ym(21, 6), eth: "6"},
	{cell: cYenLai, src: SourceWomen, sex: Female, stage: StageVerified, ago: 15, age: ym(28, 3), class: "women", eth: "6"},
	{cell: cYenLai, src: SourceSoldier, sex: Male, stage: StageCommittee, ago: 8, age: ym(24, 1), eth: "6"},
	{cell: cYenLai, src: SourceYouth, sex: Female, stage: StageOfficial, ago: 300, age: ym(27, 5), eth: "3"},
	{cell: cYenLai, src: SourceSoldier, sex: Male, stage: StageProbation, age: ym(26, 2), spec: "probsoon"},

	{cell: cTrungThanh, src: SourceYouth, sex: Male, stage: StageSympathizer, ago: 100, age: ym(22, 8), rel: "catholic"},
	{cell: cTrungThanh, src: SourceWomen, sex: Female, stage: StageClass, age: ym(33, 1), class: "women", rel: "catholic"},
	{cell: cTrungThanh, src: SourceSoldier, sex: Male, stage: StageHistory, ago: 20, age: ym(23, 9)},
	{cell: cTrungThanh, src: SourceYouth, sex: Female, stage: StageDecision, ago: 25, age: ym(25, 0), rel: "buddhism"},
	{cell: cTrungThanh, src: SourceYouth, sex: Male, stage: StageProbation, ago: 250, age: ym(27, 7)},

	{cell: cThaiHoa, src: SourceWomen, sex: Female, stage: StageSource, ago: 15, age: ym(36, 4), rel: "buddhism"},
	{cell: cThaiHoa, src: SourceSoldier, sex: Male, stage: StageHelper, ago: 60, age: ym(24, 5)},
	{cell: cThaiHoa, src: SourceYouth, sex: Male, stage: StageIntroduced, ago: 20, age: ym(22, 2), class: "youth", eth: "3"},
	{cell: cThaiHoa, src: SourceOther, sex: Male, stage: StageOfficial, ago: 60, age: ym(41, 3)},

	{cell: cAgency, src: SourceYouth, sex: Female, stage: StageClass, age: ym(28, 9), spec: "certsoon"},
	{cell: cAgency, src: SourceOther, sex: Male, stage: StageVerified, ago: 40, age: ym(33, 6)},
	{cell: cAgency, src: SourceOther, sex: Female, stage: StageProbation, age: ym(31, 0), spec: "probsoon"},
	{cell: cAgency, src: SourceYouth, sex: Male, stage: StageOfficial, age: ym(29, 4), meet: "recognise-agency"},

	{cell: cMilitary, src: SourceSoldier, sex: Male, stage: StageSympathizer, ago: 35, age: ym(23, 3)},
	{cell: cMilitary, src: SourceYouth, sex: Male, stage: StageCellVote, ago: 40, age: ym(21, 8)},
	{cell: cMilitary, src: SourceSoldier, sex: Male, stage: StageOfficial, ago: 400, age: ym(28, 0)},

	{cell: cEnterprise, src: SourceWorker, sex: Female, stage: StageSource, ago: 30, age: ym(24, 0)},
	{cell: cEnterprise, src: SourceWorker, sex: Female, stage: StageHelper, ago: 20, age: ym(26, 5)},
	{cell: cEnterprise, src: SourceWorker, sex: Male, stage: StageIntroduced, ago: 10, age: ym(29, 2)},
	{cell: cEnterprise, src: SourceWorker, sex: Female, stage: StageComments, ago: 5, age: ym(31, 7)},
	{cell: cEnterprise, src: SourceWorker, sex: Female, stage: StageProbation, ago: 90, age: ym(27, 11)},
	{cell: cEnterprise, src: SourceWorker, sex: Male, stage: StageApplication, ago: 45, age: ym(23, 4)},
}

// demoGaps are the usual days between reaching the previous stage and the
// given one, as the lowest and highest of a random draw.
var demoGaps = map[Stage][2]int{
	StageSympathizer: {30, 90},
	StageHelper:      {7, 30},
	StageClass:       {20, 60},
	StageApplication: {14, 45},
	StageHistory:     {7, 21},
	StageVerified:    {30, 75},
	StageIntroduced:  {7, 20},
	StageComments:    {5, 14},
	StageCellVote:    {5, 14},
	StageCommittee:   {10, 25},
	StageDecision:    {5, 15},
	StageProbation:   {7, 20},
}

const demoClerk = "Văn phòng Đảng ủy"

func (g *demoGen) build() Dataset {
	g.buildCells()
	g.buildClasses()
	g.buildMeetings()
	cands := make([]Candidate, 0, len(demoRows))
	for _, r := range demoRows {
		cands = append(cands, g.candidate(r))
	}
	return Dataset{
		Settings: Settings{
			Commune:           "Đảng bộ xã Trường Sơn",
			Province:          "Thanh Hóa",
			DecidingBody:      "commune_standing",
			DocValidityMonths: 6,
			Holidays:          DefaultHolidays(),
		},
		Cells:      g.cells,
		Candidates: cands,
		Classes:    g.classes,
		Meetings:   g.meetings,
	}
}

func demoTarget(year int, by map[SourceGroup]int) Target {
	t := Target{Year: year, BySource: map[SourceGroup]int{}}
	for k, v := range by {
		t.BySource[k] = v
		t.Total += v
	}
	return t
}

func (g *demoGen) buildCells() {
	year := g.today.Year()
	for i, dc := range demoCells {
		prob := 0
		for _, r := range demoRows {
			if r.cell == i && r.stage == StageProbation && r.spec != "withdrawn" && r.spec != "moved" {
				prob++
			}
		}
		pool := make([]string, 6)
		for j := range pool {
			sex := Male
			if g.r.IntN(3) == 0 {
				sex = Female
			}
			pool[j] = g.name(sex, "1", "")
		}
		g.pools = append(g.pools, pool)
		c := Cell{
			ID: g.id(), Name: dc.name, Kind: CellKind(dc.kind), Secretary: pool[0], Village: dc.village,
			OfficialMembers: dc.members - prob, ProbationaryMembers: prob,
			Targets: []Target{demoTarget(year-1, dc.prev), demoTarget(year, dc.cur)},
		}
		switch dc.kind {
		case "village":
			c.Notes = "Sinh hoạt định kỳ ngày mùng 5 hằng tháng tại Nhà văn hóa thôn " + dc.village + "."
		case "enterprise":
			c.Notes = "Công nhân làm ca; chi bộ họp vào chiều thứ Bảy tuần đầu tháng."
		}
		g.cells = append(g.cells, c)
	}
}

// monday moves d back to the Monday of its week: classes run Monday to Friday.
func monday(d Date) Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

func (g *demoGen) buildClasses() {
	g.classIdx = map[string]int{}
	for i, dc := range demoClasses {
		start := monday(g.today.AddDays(-dc.startAgo))
		g.classes = append(g.classes, Class{
			ID: g.id(), Name: dc.name, TargetGroup: dc.group,
			Organiser: demoIssuer(start) + " phối hợp với Đảng ủy xã Trường Sơn",
			Start:     start, End: start.AddDays(4), Place: dc.place,
			Notes: fmt.Sprintf("Khóa học có %d học viên; danh sách đầy đủ lưu tại Văn phòng Đảng ủy.", dc.total),
		})
		g.classIdx[dc.key] = i
	}
}

// workingDaysBefore returns the date n working days before d.
func workingDaysBefore(cal Calendar, d Date, n int) Date {
	for n > 0 {
		d = d.AddDays(-1)
		if cal.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

func (g *demoGen) buildMeetings() {
	g.meetIdx = map[string]int{}
	for i, dm := range demoMeets {
		cell := g.cells[dm.cell]
		date := g.today.AddDays(-dm.ago)
		if dm.late {
			date = workingDaysBefore(NewCalendar(DefaultHolidays()), g.today, demoLateWorkingDays)
		}
		m := Meeting{
			ID: g.id(), Cell: cell.ID, Date: date, Kind: dm.kind, Members: cell.OfficialMembers,
			Chair: g.pools[dm.cell][0], Secretary: g.pools[dm.cell][1], Notes: dm.notes, Closed: dm.ago > 0 || dm.late,
		}
		if m.Closed {
			m.Attached = g.r.IntN(2)
			m.ExemptAbsent = g.r.IntN(3)
			m.Present = m.Members - m.Attached - m.ExemptAbsent - g.r.IntN(4)
		}
		g.meetings = append(g.meetings, m)
		g.meetIdx[dm.key] = i
	}
}

// timeline dates every stage up to r.stage. top is the date of the current
// stage; cert, when set, pins the class stage to a certificate's date; for an
// official member recVote is the recognition vote, which probation must precede.
func (g *demoGen) timeline(r demoRow, top, cert, recVote Date, gapOver map[Stage]int) []Date {
	idx := r.stage.Index()
	classIdx := StageClass.Index()
	dates := make([]Date, idx+1)
	dates[idx] = top
	i := idx
	if r.stage == StageOfficial {
		// The cell reviews within 30 working days after the 12 months end.
		dates[idx-1] = recVote.AddDays(-g.between(5, 15)).AddMonths(-12)
		i = idx - 1
	}
	for ; i > 0; i-- {
		if i-1 == classIdx && cert != 0 {
			dates[i-1] = cert
			continue
		}
		s := Stage(Stages[i].Code)
		gap, over := gapOver[s]
		if !over {
			gp := demoGaps[s]
			gap = g.between(gp[0], gp[1])
		}
		dates[i-1] = dates[i].AddDays(-gap)
	}
	// A pinned certificate may leave less room after the class than the
	// usual gaps need: squeeze the later stages into the time there is.
	if cert != 0 && idx > classIdx {
		lo, a := cert.AddDays(10), dates[classIdx+1]
		if a < lo {
			span, room := DaysBetween(a, top), DaysBetween(lo, top)
			for j := classIdx + 1; j < idx; j++ {
				dates[j] = lo.AddDays(DaysBetween(a, dates[j]) * room / span)
			}
		}
		for j := classIdx + 1; j <= idx; j++ {
			if dates[j] <= dates[j-1] {
				dates[j] = dates[j-1].AddDays(1)
			}
		}
	}
	return dates
}

func (g *demoGen) candidate(r demoRow) Candidate {
	today := g.today
	cell := g.cells[r.cell]
	pool := g.pools[r.cell]
	eth, rel := r.eth, r.rel
	if eth == "" {
		eth = "1"
	}
	if rel == "" {
		rel = "none"
	}
	dob := today.AddMonths(-r.age).AddDays(-g.between(0, 27))
	c := Candidate{
		ID: g.id(), Sex: r.sex, DOB: dob, Ethnicity: eth, Religion: rel,
		Source: r.src, CellID: cell.ID, Stage: r.stage, Steps: map[Stage]Step{},
	}
	c.FullName = g.name(r.sex, eth, r.given)
	c.CCCD = g.cccd(r.sex, dob)
	c.Phone = g.phone()
	if r.age >= ym(30, 0) {
		c.OldID = g.unique(func() string { return fmt.Sprintf("17%07d", g.r.IntN(10000000)) })
	}
	c.Village = demoCells[r.cell].village
	if c.Village == "" {
		c.Village = pick(g, demoVillages)
	}
	c.Address = "Thôn " + c.Village + ", xã Trường Sơn, tỉnh Thanh Hóa"
	c.HomeTown = "Xã Trường Sơn, tỉnh Thanh Hóa"
	g.profile(&c, r)

	// What pins the timeline: the current stage's date, a meeting, a certificate.
	top := today.AddDays(-r.ago)
	var cert, recVote Date
	gapOver := map[Stage]int{}
	var meet *Meeting
	decided := false // the meeting decided the current stage (or, for a committee, the cell vote before it)
	if r.meet != "" {
		meet = &g.meetings[g.meetIdx[r.meet]]
		decided = meet.Closed && !r.deferd
		switch {
		case !decided:
		case r.stage == StageOfficial:
			recVote = meet.Date
			top = meet.Date.AddDays(g.between(8, 14))
		case r.stage == StageCommittee:
			gapOver[StageCommittee] = g.between(12, 18)
			top = meet.Date.AddDays(gapOver[StageCommittee])
		default:
			top = meet.Date
		}
	}
	var class *Class
	var enrol *Enrolment
	if r.class != "" {
		ci := g.classIdx[r.class]
		class = &g.classes[ci]
		if r.stage.Index() < StageClass.Index() {
			top = class.Start.AddDays(-g.between(10, 30))
			enrol = &Enrolment{Candidate: c.ID, Result: r.result}
		} else {
			cert = class.End
			no := fmt.Sprintf("CN-NTVĐ %04d/%d", demoClasses[ci].firstCert+len(class.Enrolments), cert.Year())
			enrol = &Enrolment{Candidate: c.ID, Result: ResultPassed, CertNo: no, CertDate: cert}
			if r.stage == StageClass {
				top = cert
			}
		}
		class.Enrolments = append(class.Enrolments, *enrol)
	}
	switch r.spec {
	case "probsoon":
		top = today.AddMonths(-12).AddDays(g.between(5, 25))
	case "proboverdue":
		top = today.AddMonths(-14).AddDays(-g.between(0, 10))
	case "certsoon":
		// Certificates run 60 months: these two lapse within the next quarter.
		cert = today.AddMonths(-58).AddDays(-g.between(0, 10))
		if r.stage == StageClass {
			cert = today.AddMonths(-59).AddDays(-g.between(0, 10))
			top = cert
		}
	case "certexpired":
		cert = today.AddMonths(-61).AddDays(-g.between(0, 20))
	}
	if r.stage == StageOfficial && recVote == 0 {
		recVote = top.AddDays(-g.between(8, 15))
	}
	dates := g.timeline(r, top, cert, recVote, gapOver)

	helper := pool[1+g.r.IntN(len(pool)-1)]
	for i, d := range dates {
		s := Stage(Stages[i].Code)
		c.Steps[s] = g.step(&c, r, s, d, cell, helper)
	}
	inArmy := r.src == SourceSoldier && (r.spec == "certsoon" || r.spec == "certexpired")
	if st, has := c.Steps[StageClass]; has {
		if enrol == nil {
			// A certificate from an earlier course, before this year's classes.
			issuer := demoIssuer(st.Date)
			if inArmy {
				issuer = "Đảng ủy Sư đoàn 324, Quân khu 4"
			}
			c.ExtCert = Certificate{No: fmt.Sprintf("CN-NTVĐ %04d/%d", g.between(20, 900), st.Date.Year()), Date: st.Date, Issuer: issuer}
			st.DocNo, st.Note = c.ExtCert.No, "Giấy chứng nhận do "+issuer+" cấp."
		} else {
			st.DocNo, st.Note = enrol.CertNo, class.Name+"."
		}
		c.Steps[StageClass] = st
	}
	if r.src == SourceSoldier {
		if inArmy {
			// Found and trained while serving: discharged after the class.
			c.DischargeDate = cert.AddDays(g.between(200, 300))
			c.Notes = "Được chi bộ đơn vị bồi dưỡng và học lớp nhận thức về Đảng khi tại ngũ."
		} else {
			c.DischargeDate = dates[0].AddDays(-g.between(30, 200))
		}
	}

	if r.stage.Index() >= StageHelper.Index() {
		c.Helpers = []string{helper}
	}
	if r.stage.Index() >= StageIntroduced.Index() {
		c.Introducers = g.introducers(c, r, helper, pool, c.Steps[StageIntroduced].Date)
	}
	if r.stage.Index() >= StageCellVote.Index() {
		c.CellVote = g.vote(cell, c.Steps[StageCellVote].Date)
		if decided && meet.Kind == MeetingAdmission {
			it := AgendaItem{Candidate: c.ID, Decision: DecisionApprove, Against: g.r.IntN(2),
				Note: "Đủ điều kiện; đề nghị Đảng ủy xem xét kết nạp."}
			it.For = meet.Present - it.Against
			meet.Items = append(meet.Items, it)
			c.CellVote = meet.VoteFor(it)
		}
		c.CellVote.DocNo = c.Steps[StageCellVote].DocNo
	}
	if r.stage.Index() >= StageDecision.Index() {
		c.DecisionBody = "commune_standing"
		if c.Steps[StageDecision].Date < provincialClasses {
			c.DecisionBody = "district_standing"
		}
	}
	if r.stage == StageOfficial {
		c.RecognitionVote = g.vote(cell, recVote)
		if decided {
			it := AgendaItem{Candidate: c.ID, Decision: DecisionApprove, For: meet.Present,
				Note: "Hoàn thành tốt nhiệm vụ trong thời gian dự bị."}
			meet.Items = append(meet.Items, it)
			c.RecognitionVote = meet.VoteFor(it)
		}
		c.RecognitionVote.DocNo = g.docNo(1, 99, "NQ/CB", cell.Name, recVote)
	}
	if meet != nil && meet.Kind == MeetingReview {
		it := AgendaItem{Candidate: c.ID, Decision: DecisionApprove, For: meet.Present,
			Note: "Đưa vào danh sách cảm tình Đảng."}
		switch {
		case r.deferd:
			it.Decision = DecisionDefer
			it.Note = "Cần thêm thời gian rèn luyện; Chi đoàn tiếp tục bồi dưỡng, xem xét lại sau 3 tháng."
		case MonthsBetween(c.DOB, meet.Date) < 18*12:
			it.Note = "Đưa vào danh sách cảm tình Đảng; chưa đủ 18 tuổi, xét kết nạp khi đủ tuổi."
		}
		meet.Items = append(meet.Items, it)
	}
	if meet != nil && !meet.Closed {
		meet.Items = append(meet.Items, AgendaItem{Candidate: c.ID})
	}

	// History: one event per stage reached, then the way out for those who left.
	linked := r.stage
	switch {
	case meet != nil && meet.Kind == MeetingAdmission:
		linked = StageCellVote
	case meet != nil && meet.Kind == MeetingRecognition:
		linked = StageOfficial
	}
	var prev Stage
	for i, d := range dates {
		s := Stage(Stages[i].Code)
		ev := Event{At: g.at(d), By: demoClerk, From: prev, To: s}
		if decided && s == linked {
			ev.Meeting = meet.ID
		}
		c.History = append(c.History, ev)
		prev = s
	}
	last := dates[len(dates)-1]
	switch r.spec {
	case "withdrawn":
		c.Outcome, c.OutcomeDate = OutcomeWithdrawn, last.AddDays(g.between(60, 100))
		c.OutcomeReason = "Xin rút khỏi danh sách để đi làm việc tại Nhật Bản theo hợp đồng lao động 3 năm."
	case "moved":
		c.Outcome, c.OutcomeDate = OutcomeMoved, last.AddDays(g.between(30, 60))
		c.OutcomeReason = "Đã nhập ngũ; hồ sơ chuyển cho chi bộ đơn vị quân đội tiếp tục bồi dưỡng."
	case "proboverdue":
		c.Notes = "Đã hết 12 tháng dự bị; chi bộ chưa họp xét công nhận đảng viên chính thức."
	case "certexpired":
		c.Notes = "Giấy chứng nhận lớp nhận thức về Đảng đã hết hạn; đề nghị học lại ở lớp gần nhất."
	}
	if c.Outcome != OutcomeActive {
		if c.OutcomeDate > today {
			c.OutcomeDate = today
		}
		c.History = append(c.History, Event{At: g.at(c.OutcomeDate), By: demoClerk, From: c.Stage, To: c.Stage,
			Outcome: c.Outcome, Reason: c.OutcomeReason})
	}
	return c
}

// at is a moment in office hours (Vietnam, UTC+7) on d.
func (g *demoGen) at(d Date) time.Time {
	return d.Time().Add(time.Duration(g.between(60, 540)) * time.Minute)
}

func (g *demoGen) vote(cell Cell, d Date) Vote {
	v := Vote{Date: d, Members: cell.OfficialMembers, Attached: g.r.IntN(2), ExemptAbsent: g.r.IntN(2)}
	v.Present = v.Members - v.Attached - v.ExemptAbsent - g.r.IntN(3)
	v.Against = g.r.IntN(2)
	v.For = v.Present - v.Against
	// Small cells cannot afford absences: whoever is missing, the demo's votes pass.
	for !v.Passes() {
		v.Present++
		v.For++
	}
	return v
}

func (g *demoGen) step(c *Candidate, r demoRow, s Stage, d Date, cell Cell, helper string) Step {
	st := Step{Date: d}
	unit := "ĐU" // the commune party committee
	if d < provincialClasses {
		unit = "HU" // before 07/2025 the district standing committee decided
	}
	switch s {
	case StageSource:
		st.Note = map[SourceGroup]string{
			SourceYouth: "Đoàn xã giới thiệu.", SourceSoldier: "Ban Chỉ huy Quân sự xã giới thiệu.",
			SourceStudent: "Đoàn trường giới thiệu.", SourceWomen: "Hội Liên hiệp Phụ nữ xã giới thiệu.",
			SourceWorker: "Công đoàn công ty giới thiệu.", SourceOther: "Chi ủy phát hiện qua công tác ở địa phương.",
		}[r.src]
	case StageSympathizer:
		st.DocNo = g.docNo(1, 99, "NQ/CB", cell.Name, d)
	case StageHelper:
		st.DocNo = g.docNo(1, 99, "NQ/CB", cell.Name, d)
		st.Note = "Phân công đồng chí " + helper + " giúp đỡ."
	case StageApplication:
		st.Note = "Đơn xin vào Đảng (Mẫu 1-KNĐ)."
	case StageHistory:
		st.Note = "Lý lịch (Mẫu 2-KNĐ) đã đóng dấu giáp lai."
	case StageVerified:
		st.DocNo = g.docNo(10, 250, "CV/ĐU", unit, d)
		st.Note = "Đã có kết quả thẩm tra lý lịch của người vào Đảng và người thân."
	case StageComments:
		st.DocNo = g.docNo(1, 99, "TH/CB", cell.Name, d)
		st.Note = "Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú (Mẫu 5-KNĐ)."
	case StageCellVote:
		st.DocNo = g.docNo(1, 99, "NQ/CB", cell.Name, d)
	case StageCommittee:
		st.DocNo = g.docNo(20, 300, "NQ/ĐU", unit, d)
	case StageDecision:
		st.DocNo = g.docNo(100, 400, "QĐ/"+unit, unit, d)
	case StageProbation:
		st.Note = "Lễ kết nạp tại Nhà văn hóa thôn " + c.Village + "."
		if cell.Kind != "village" {
			st.Note = "Lễ kết nạp tại " + unitName(cell.Name) + "."
		}
	case StageOfficial:
		st.DocNo = g.docNo(100, 400, "QĐ/"+unit, unit, d)
	}
	return st
}

// unitName drops the "Chi bộ " prefix of a cell name: the ceremony is held at the unit.
func unitName(name string) string {
	const p = "Chi bộ "
	if len(name) > len(p) && name[:len(p)] == p {
		return name[len(p):]
	}
	return name
}

func (g *demoGen) introducers(c Candidate, r demoRow, helper string, pool []string, d Date) []Introducer {
	member := Introducer{Kind: IntroMember, Name: helper, Official: true, MonthsTogether: g.between(18, 120), Date: d}
	switch {
	case c.TradeUnion && r.src == SourceWorker:
		return []Introducer{
			{Kind: IntroUnionRes, Name: "Ban Chấp hành Công đoàn " + demoEnterprise, DocNo: g.docNo(1, 30, "NQ/CĐ", "CĐ", d), Date: d},
			member,
		}
	case c.YouthUnion && MonthsBetween(c.DOB, d) < 30*12:
		org := "Ban Chấp hành Đoàn xã Trường Sơn"
		if r.src == SourceStudent {
			org = "Ban Chấp hành Đoàn " + demoSchool
		}
		return []Introducer{{Kind: IntroYouthRes, Name: org, DocNo: g.docNo(1, 30, "NQ/ĐTN", org, d), Date: d}, member}
	}
	other := helper
	for other == helper {
		other = pick(g, pool)
	}
	return []Introducer{member, {Kind: IntroMember, Name: other, Official: true, MonthsTogether: g.between(14, 200), Date: d}}
}

var demoAchievements = []string{
	"Giấy khen của Đoàn xã về thành tích xuất sắc trong công tác Đoàn năm %d.",
	"Giấy khen của UBND xã: hoàn thành xuất sắc nhiệm vụ năm %d.",
	"Danh hiệu Lao động tiên tiến năm %d.",
	"Giấy khen của Hội Liên hiệp Phụ nữ xã năm %d.",
}

// profile fills occupation, education and memberships from the source group.
func (g *demoGen) profile(c *Candidate, r demoRow) {
	today := g.today
	c.Education = "12/12"
	switch r.src {
	case SourceStudent:
		c.Occupation = "Học sinh"
		c.School = demoSchool
		grade := "12"
		if r.age < ym(17, 3) {
			grade = "11"
		}
		c.Grade = fmt.Sprintf("%sA%d", grade, g.between(1, 9))
		c.Education = grade + "/12"
		if r.age >= ym(18, 0) {
			c.Achievements = fmt.Sprintf("Học sinh giỏi cấp tỉnh năm học %d-%d.", today.Year()-1, today.Year())
		}
	case SourceYouth:
		c.Occupation = pick(g, []string{"Lao động tự do", "Nông dân", "Kinh doanh tự do"})
	case SourceSoldier:
		c.Occupation = pick(g, []string{"Lao động tự do", "Nông dân", "Dân quân thường trực"})
	case SourceWomen:
		c.Occupation = pick(g, []string{"Nông dân", "Buôn bán nhỏ", "Giáo viên mầm non"})
		c.WomensUnion = true
		if r.age > ym(32, 0) && g.r.IntN(2) == 0 {
			c.Education = "9/12"
		}
	case SourceWorker:
		c.Occupation = "Công nhân may"
		c.Enterprise = demoEnterprise
		c.TradeUnion = true
	case SourceOther:
		c.Occupation = pick(g, []string{"Giáo viên", "Y sĩ trạm y tế xã", "Kinh doanh"})
		c.Professional = pick(g, []string{"Trung cấp", "Cao đẳng", "Đại học"})
	}
	switch demoCells[r.cell].kind {
	case "agency":
		c.Occupation = "Công chức xã"
		c.Professional = "Đại học"
		c.TradeUnion = true
	case "military":
		c.Occupation = pick(g, []string{"Dân quân thường trực", "Công an viên"})
	}
	if r.sex == Female && r.age >= ym(25, 0) {
		c.WomensUnion = true
	}
	if r.src == SourceStudent || r.src == SourceYouth || r.src == SourceSoldier || r.age < ym(30, 0) {
		c.YouthUnion = true
		c.YouthUnionDate = c.DOB.AddMonths(ym(15, g.between(0, 20)))
		if c.YouthUnionDate > today.AddDays(-30) {
			c.YouthUnionDate = c.DOB.AddMonths(ym(15, 2))
		}
	}
	if r.src != SourceStudent && c.Achievements == "" && g.r.IntN(5) < 2 {
		c.Achievements = fmt.Sprintf(pick(g, demoAchievements), today.Year()-1)
	}
}
