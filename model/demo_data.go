package model

// The tables the demo is generated from: the cells, classes and meetings of
// the commune, and one row per candidate.

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
