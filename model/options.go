package model

// The enumerations of the records: the codes a field may hold and, for
// those chosen from a list, the choices with their labels.

// Option is one value of an enumeration with its labels.
type Option struct {
	Code  string
	Label Text
}

// SourceGroup is where a candidate comes from; it drives the source report.
type SourceGroup string

// Source groups.
const (
	SourceYouth   SourceGroup = "youth"   // Đoàn TNCS Hồ Chí Minh
	SourceSoldier SourceGroup = "soldier" // quân nhân xuất ngũ
	SourceStudent SourceGroup = "student" // học sinh THPT
	SourceWomen   SourceGroup = "women"   // Hội LHPN
	SourceWorker  SourceGroup = "worker"  // công nhân doanh nghiệp
	SourceOther   SourceGroup = "other"
)

// SourceGroups lists the source groups in report order.
var SourceGroups = []Option{
	{string(SourceYouth), Text{"Đoàn viên thanh niên", "Youth union"}},
	{string(SourceSoldier), Text{"Quân nhân xuất ngũ", "Discharged soldier"}},
	{string(SourceStudent), Text{"Học sinh THPT", "High-school student"}},
	{string(SourceWomen), Text{"Hội viên phụ nữ", "Women's union"}},
	{string(SourceWorker), Text{"Công nhân doanh nghiệp", "Enterprise worker"}},
	{string(SourceOther), Text{"Nguồn khác", "Other"}},
}

// Sex as recorded on the ID card.
type Sex string

// Sexes.
const (
	Male   Sex = "M"
	Female Sex = "F"
)

// Sexes lists the choices.
var Sexes = []Option{{string(Male), Text{"Nam", "Male"}}, {string(Female), Text{"Nữ", "Female"}}}

// CellKind is the kind of a party cell.
type CellKind string

// CellKinds lists the choices.
var CellKinds = []Option{
	{"village", Text{"Chi bộ thôn", "Village"}},
	{"school", Text{"Chi bộ trường học", "School"}},
	{"enterprise", Text{"Chi bộ doanh nghiệp", "Enterprise"}},
	{"agency", Text{"Chi bộ cơ quan", "Agency"}},
	{"military", Text{"Chi bộ quân sự, công an", "Military, police"}},
	{"other", Text{"Khác", "Other"}},
}

// Religions lists the choices in the order of the central statistics forms.
var Religions = []Option{
	{"none", Text{"Không", "None"}},
	{"buddhism", Text{"Phật giáo", "Buddhism"}},
	{"catholic", Text{"Công giáo", "Catholic"}},
	{"hoahao", Text{"Phật giáo Hòa Hảo", "Hoa Hao Buddhism"}},
	{"caodai", Text{"Cao Đài", "Cao Dai"}},
	{"protestant", Text{"Tin Lành", "Protestant"}},
	{"islam", Text{"Hồi giáo", "Islam"}},
	{"other", Text{"Tôn giáo khác", "Other religion"}},
}

// Ethnicities lists the 54 groups in the General Statistics Office order,
// then "other" and "foreign origin". Codes are the GSO numbers.
var Ethnicities = func() []Option {
	names := []string{"Kinh", "Tày", "Thái", "Hoa", "Khơ-me", "Mường", "Nùng", "Mông", "Dao", "Gia Rai",
		"Ngái", "Ê Đê", "Ba Na", "Xơ Đăng", "Sán Chay", "Cơ Ho", "Chăm", "Sán Dìu", "Hrê", "Mnông",
		"Ra Glai", "Xtiêng", "Bru-Vân Kiều", "Thổ", "Giáy", "Cơ Tu", "Gié Triêng", "Mạ", "Khơ Mú", "Co",
		"Tà Ôi", "Chơ Ro", "Kháng", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí", "La Ha", "Phù Lá",
		"La Hủ", "Lự", "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Cơ Lao", "Cống", "Bố Y", "Si La",
		"Pu Péo", "Brâu", "Ơ Đu", "Rơ Măm"}
	out := make([]Option, 0, len(names)+2)
	for i, n := range names {
		out = append(out, Option{Code: itoa(i + 1), Label: Text{n, n}})
	}
	out = append(out, Option{"55", Text{"Dân tộc khác", "Other"}}, Option{"56", Text{"Người nước ngoài", "Foreign origin"}})
	return out
}()

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + string(rune('0'+i%10))
}

// Label finds the label of code in opts; an unknown code is shown as is.
func Label(opts []Option, code string, lang Lang) string {
	for _, o := range opts {
		if o.Code == code {
			return o.Label.In(lang)
		}
	}
	return code
}

// DecidingBody is who signs admission decisions. Since 07/2025 the commune
// party committee's standing committee is the level directly above; older
// files used the district's. It is a setting, never a constant.
type DecidingBody string

// DecidingProvincial is the provincial party committee (cấp ủy trực thuộc
// Trung ương), which decides the admission of someone over 60.
const DecidingProvincial DecidingBody = "provincial"

// DecidingBodies lists the choices. The provincial committee also decides
// for a grassroots organisation that reports to the province directly.
var DecidingBodies = []Option{
	{"commune_standing", Text{"Ban Thường vụ Đảng ủy xã", "Commune party committee's standing committee"}},
	{"district_standing", Text{"Ban Thường vụ Huyện ủy", "District standing committee"}},
	{"grassroots_authorized", Text{"Đảng ủy cơ sở được ủy quyền", "Authorized grassroots committee"}},
	{string(DecidingProvincial), Text{"Tỉnh ủy (cấp ủy trực thuộc Trung ương)", "Provincial party committee (directly under the Centre)"}},
}

// Stage is how far a candidate has come: the last step completed.
type Stage string

// The admission pipeline, docs/domain-rules.md §2.
const (
	StageSource      Stage = "source"      // quần chúng ưu tú được phát hiện
	StageSympathizer Stage = "sympathizer" // vào danh sách cảm tình Đảng
	StageHelper      Stage = "helper"      // đã phân công đảng viên giúp đỡ
	StageClass       Stage = "class"       // đã học lớp nhận thức, có giấy chứng nhận
	StageApplication Stage = "application" // đã có đơn xin vào Đảng
	StageHistory     Stage = "history"     // đã khai lý lịch
	StageVerified    Stage = "verified"    // đã thẩm tra lý lịch
	StageIntroduced  Stage = "introduced"  // đã có người giới thiệu
	StageComments    Stage = "comments"    // đã tổng hợp ý kiến nhận xét
	StageCellVote    Stage = "cell_vote"   // chi bộ đã có nghị quyết đề nghị kết nạp
	StageCommittee   Stage = "committee"   // đảng ủy đã xét
	StageDecision    Stage = "decision"    // đã có quyết định kết nạp
	StageProbation   Stage = "probation"   // đã làm lễ kết nạp: đảng viên dự bị
	StageRecognition Stage = "recognition" // chi bộ có nghị quyết đề nghị công nhận chính thức
	StageOfficial    Stage = "official"    // có quyết định công nhận đảng viên chính thức
)

// Stages lists the pipeline in order.
var Stages = []Option{
	{string(StageSource), Text{"Quần chúng ưu tú", "Identified"}},
	{string(StageSympathizer), Text{"Cảm tình Đảng", "Sympathizer list"}},
	{string(StageHelper), Text{"Có người giúp đỡ", "Helper assigned"}},
	{string(StageClass), Text{"Đã học lớp bồi dưỡng nhận thức về Đảng", "Class passed"}},
	{string(StageApplication), Text{"Có đơn xin vào Đảng", "Application"}},
	{string(StageHistory), Text{"Đã khai lý lịch", "History declared"}},
	{string(StageVerified), Text{"Đã thẩm tra lý lịch", "History verified"}},
	{string(StageIntroduced), Text{"Có người giới thiệu", "Introduced"}},
	{string(StageComments), Text{"Đã lấy ý kiến", "Comments gathered"}},
	{string(StageCellVote), Text{"Chi bộ đề nghị kết nạp", "Cell proposes admission"}},
	{string(StageCommittee), Text{"Đảng ủy đã xét", "Committee resolution"}},
	{string(StageDecision), Text{"Có quyết định kết nạp", "Admission decision"}},
	{string(StageProbation), Text{"Đảng viên dự bị", "Probationary member"}},
	{string(StageRecognition), Text{"Chi bộ đề nghị công nhận", "Cell proposes recognition"}},
	{string(StageOfficial), Text{"Đảng viên chính thức", "Official member"}},
}

// Index returns the position of s in the pipeline (-1 when unknown).
func (s Stage) Index() int {
	if i, ok := stageIndex[s]; ok {
		return i
	}
	return -1
}

// stageIndex makes Index a lookup: lists sort and count by stage over 100,000 rows.
var stageIndex = func() map[Stage]int {
	m := make(map[Stage]int, len(Stages))
	for i, o := range Stages {
		m[Stage(o.Code)] = i
	}
	return m
}()

// Outcome is how a candidate left the pipeline; empty while active.
type Outcome string

// Outcomes other than becoming an official member, each needing a reason.
const (
	OutcomeActive       Outcome = ""
	OutcomeWithdrawn    Outcome = "withdrawn"
	OutcomeMoved        Outcome = "moved"
	OutcomeNotQualified Outcome = "not_qualified"
	OutcomeRemoved      Outcome = "removed" // xóa tên đảng viên dự bị, theo quyết định của cấp ủy
	OutcomeClassExpired Outcome = "class_expired"
)

// Outcomes lists the exits.
var Outcomes = []Option{
	{string(OutcomeWithdrawn), Text{"Rút khỏi danh sách", "Withdrawn"}},
	{string(OutcomeMoved), Text{"Chuyển đi nơi khác", "Moved away"}},
	{string(OutcomeNotQualified), Text{"Không đủ điều kiện", "Not qualified"}},
	{string(OutcomeRemoved), Text{"Xóa tên sau dự bị", "Removed after probation"}},
	{string(OutcomeClassExpired), Text{"Giấy chứng nhận hết hạn", "Class certificate expired"}},
}

// IntroducerKind is how a candidate is introduced (Điều lệ Đảng Art. 4).
type IntroducerKind string

// Introducer kinds.
const (
	IntroMember   IntroducerKind = "member"    // đảng viên chính thức, Mẫu 3-KNĐ
	IntroYouthRes IntroducerKind = "youth_res" // nghị quyết BCH Đoàn cơ sở, Mẫu 4-KNĐ
	IntroUnionRes IntroducerKind = "union_res" // nghị quyết BCH Công đoàn cơ sở, Mẫu 4A-KNĐ
)

// EnrolmentResult is how a candidate did in a class.
type EnrolmentResult string

// Results.
const (
	ResultEnrolled EnrolmentResult = "enrolled"
	ResultAttended EnrolmentResult = "attended"
	ResultPassed   EnrolmentResult = "passed"
	ResultFailed   EnrolmentResult = "failed"
)

// Results lists the choices.
var Results = []Option{
	{string(ResultEnrolled), Text{"Đã ghi danh", "Enrolled"}},
	{string(ResultAttended), Text{"Đã dự học", "Attended"}},
	{string(ResultPassed), Text{"Đạt", "Passed"}},
	{string(ResultFailed), Text{"Không đạt", "Failed"}},
}

// MeetingKind is what a cell meeting considers.
type MeetingKind string

// Meeting kinds.
const (
	MeetingReview      MeetingKind = "review"      // xét nguồn hằng tháng
	MeetingAdmission   MeetingKind = "admission"   // xét đề nghị kết nạp
	MeetingRecognition MeetingKind = "recognition" // xét công nhận chính thức
)

// MeetingKinds lists the choices.
var MeetingKinds = []Option{
	{string(MeetingReview), Text{"Rà soát nguồn hằng tháng", "Monthly source review"}},
	{string(MeetingAdmission), Text{"Xét đề nghị kết nạp", "Admission vote"}},
	{string(MeetingRecognition), Text{"Xét công nhận chính thức", "Recognition vote"}},
}

// Decision is what the meeting decided for one candidate.
type Decision string

// Decisions.
const (
	DecisionNone    Decision = ""
	DecisionApprove Decision = "approve"
	DecisionDefer   Decision = "defer"
	DecisionReject  Decision = "reject"
)

// Decisions lists the choices.
var Decisions = []Option{
	{string(DecisionApprove), Text{"Tán thành", "Approve"}},
	{string(DecisionDefer), Text{"Hoãn xét", "Defer"}},
	{string(DecisionReject), Text{"Không tán thành", "Reject"}},
}
