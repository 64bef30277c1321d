// Package model is nguon's domain: records, enumerations with their
// Vietnamese and English labels, validation, dates and Vietnamese text.
// It depends on the standard library and golang.org/x/text only.
package model

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"time"
)

// SchemaVersion is the version of the JSON payloads this program writes.
const SchemaVersion = 1

// Lang is a UI language.
type Lang string

// The two languages nguon speaks.
const (
	VI Lang = "vi"
	EN Lang = "en"
)

// Text is one message in both languages.
type Text struct{ VI, EN string }

// In returns the message in lang (Vietnamese unless lang is English).
func (t Text) In(lang Lang) string {
	if lang == EN && t.EN != "" {
		return t.EN
	}
	return t.VI
}

// FieldError is a validation problem with one field (or the whole record when
// Field is empty). A Warning is shown but does not block saving.
type FieldError struct {
	Field   string
	Msg     Text
	Warning bool
}

func (e *FieldError) Error() string { return e.Msg.VI }

// Is makes errors.Is match a copy of a shared error value (ParseDate hands
// out copies) by what it says.
func (e *FieldError) Is(target error) bool {
	t, ok := target.(*FieldError)
	return ok && t.Msg == e.Msg && t.Warning == e.Warning
}

// Problems is the outcome of validating a record.
type Problems []*FieldError

// Errors returns the problems that block saving.
func (p Problems) Errors() Problems {
	var out Problems
	for _, e := range p {
		if !e.Warning {
			out = append(out, e)
		}
	}
	return out
}

// Warnings returns the problems that do not block saving.
func (p Problems) Warnings() Problems {
	var out Problems
	for _, e := range p {
		if e.Warning {
			out = append(out, e)
		}
	}
	return out
}

// For returns the first problem of field, or nil.
func (p Problems) For(field string) *FieldError {
	for _, e := range p {
		if e.Field == field {
			return e
		}
	}
	return nil
}

// Err returns nil when nothing blocks saving, else an error listing the blocking problems.
func (p Problems) Err() error {
	if errs := p.Errors(); len(errs) > 0 {
		return &InvalidError{Problems: errs}
	}
	return nil
}

// InvalidError is returned by the store when a record does not validate.
type InvalidError struct{ Problems Problems }

func (e *InvalidError) Error() string { return e.Problems[0].Msg.VI }

// Localized is an error that can explain itself in either language.
type Localized interface {
	error
	Text() Text
}

// Message renders any error for a person: localized errors in lang, others as is.
func Message(err error, lang Lang) string {
	var l Localized
	if errors.As(err, &l) {
		return l.Text().In(lang)
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return fe.Msg.In(lang)
	}
	var ie *InvalidError
	if errors.As(err, &ie) {
		return ie.Problems[0].Msg.In(lang)
	}
	return err.Error()
}

// ID identifies a record: a UUIDv7 made by the store, unique across laptops.
type ID [16]byte

// IsZero reports whether the ID is unset.
func (id ID) IsZero() bool { return id == ID{} }

// String formats the ID as a canonical UUID.
func (id ID) String() string {
	var b [36]byte
	hex.Encode(b[0:8], id[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], id[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], id[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], id[8:10])
	b[23] = '-'
	hex.Encode(b[24:], id[10:])
	return string(b[:])
}

// ParseID reads a canonical UUID.
func ParseID(s string) (ID, error) {
	var id ID
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return id, errors.New("bad id")
	}
	h := s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	if _, err := hex.Decode(id[:], []byte(h)); err != nil {
		return ID{}, errors.New("bad id")
	}
	return id, nil
}

// MarshalText stores IDs as UUID strings.
func (id ID) MarshalText() ([]byte, error) {
	if id.IsZero() {
		return []byte{}, nil
	}
	return []byte(id.String()), nil
}

// UnmarshalText reads UUID strings.
func (id *ID) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*id = ID{}
		return nil
	}
	v, err := ParseID(string(b))
	*id = v
	return err
}

// NewID makes a UUIDv7 (RFC 9562): 48 bits of milliseconds then random bits,
// so IDs sort by creation time and never collide between laptops.
func NewID(now time.Time) ID {
	var id ID
	_, _ = rand.Read(id[:])
	ms := uint64(now.UnixMilli())
	id[0], id[1], id[2] = byte(ms>>40), byte(ms>>32), byte(ms>>24)
	id[3], id[4], id[5] = byte(ms>>16), byte(ms>>8), byte(ms)
	id[6] = id[6]&0x0f | 0x70
	id[8] = id[8]&0x3f | 0x80
	return id
}

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

// DecidingBodies lists the choices.
var DecidingBodies = []Option{
	{"commune_standing", Text{"Ban Thường vụ Đảng ủy xã", "Commune party committee's standing committee"}},
	{"district_standing", Text{"Ban Thường vụ Huyện ủy", "District standing committee"}},
	{"grassroots_authorized", Text{"Đảng ủy cơ sở được ủy quyền", "Authorized grassroots committee"}},
}

// Settings are the file's one settings record.
type Settings struct {
	Commune      string       `json:"commune"`       // e.g. "Đảng bộ xã Trường Sơn"
	Province     string       `json:"province"`      // e.g. "Thanh Hóa"
	DecidingBody DecidingBody `json:"deciding_body"` // who signs admission decisions
	// DocValidityMonths is how long introductions, resolutions and comment
	// summaries stay valid; DOMAIN.md says to default to the stricter 6.
	DocValidityMonths int    `json:"doc_validity_months"`
	Holidays          []Date `json:"holidays"`
}

// Target is a cell's admission target for one year.
type Target struct {
	Year     int                 `json:"year"`
	Total    int                 `json:"total"`
	BySource map[SourceGroup]int `json:"by_source,omitempty"`
}

// Cell is a party cell (chi bộ).
type Cell struct {
	ID                  ID       `json:"id"`
	Name                string   `json:"name"`
	Kind                CellKind `json:"kind"`
	Secretary           string   `json:"secretary"`
	Village             string   `json:"village"`
	OfficialMembers     int      `json:"official_members"`
	ProbationaryMembers int      `json:"probationary_members"`
	Targets             []Target `json:"targets,omitempty"`
	Archived            bool     `json:"archived"`
	Notes               string   `json:"notes"`
}

// TargetFor returns the cell's target for year (zero Target when none).
func (c Cell) TargetFor(year int) Target {
	for _, t := range c.Targets {
		if t.Year == year {
			return t
		}
	}
	return Target{Year: year}
}

// Stage is how far a candidate has come: the last step completed.
type Stage string

// The admission pipeline, DOMAIN.md §1.2 and §6.
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
	StageOfficial    Stage = "official"    // đã công nhận đảng viên chính thức
)

// Stages lists the pipeline in order.
var Stages = []Option{
	{string(StageSource), Text{"Quần chúng ưu tú", "Identified"}},
	{string(StageSympathizer), Text{"Cảm tình Đảng", "Sympathizer list"}},
	{string(StageHelper), Text{"Có người giúp đỡ", "Helper assigned"}},
	{string(StageClass), Text{"Đã học lớp NTVĐ", "Class passed"}},
	{string(StageApplication), Text{"Có đơn xin vào Đảng", "Application"}},
	{string(StageHistory), Text{"Đã khai lý lịch", "History declared"}},
	{string(StageVerified), Text{"Đã thẩm tra lý lịch", "History verified"}},
	{string(StageIntroduced), Text{"Có người giới thiệu", "Introduced"}},
	{string(StageComments), Text{"Đã lấy ý kiến", "Comments gathered"}},
	{string(StageCellVote), Text{"Chi bộ đề nghị", "Cell resolution"}},
	{string(StageCommittee), Text{"Đảng ủy đã xét", "Committee resolution"}},
	{string(StageDecision), Text{"Có quyết định kết nạp", "Admission decision"}},
	{string(StageProbation), Text{"Đảng viên dự bị", "Probationary member"}},
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
	OutcomeRemoved      Outcome = "removed" // xóa tên sau thời gian dự bị
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

// Step is the record of one completed pipeline stage.
type Step struct {
	Date  Date   `json:"date"`
	DocNo string `json:"doc_no,omitempty"` // số nghị quyết, số quyết định…
	Note  string `json:"note,omitempty"`
}

// IntroducerKind is how a candidate is introduced (Điều lệ Đảng Art. 4).
type IntroducerKind string

// Introducer kinds.
const (
	IntroMember   IntroducerKind = "member"    // đảng viên chính thức, Mẫu 3-KNĐ
	IntroYouthRes IntroducerKind = "youth_res" // nghị quyết BCH Đoàn cơ sở, Mẫu 4-KNĐ
	IntroUnionRes IntroducerKind = "union_res" // nghị quyết BCH Công đoàn cơ sở, Mẫu 4A-KNĐ
)

// Introducer is one introduction: a member, or a youth/trade-union resolution.
type Introducer struct {
	Kind IntroducerKind `json:"kind"`
	Name string         `json:"name"` // member's name, or the issuing committee
	// Official is true when the introducing member is an official (not probationary) member.
	Official bool `json:"official"`
	// MonthsTogether is how long the member has worked, studied or lived with the candidate.
	MonthsTogether int    `json:"months_together"`
	DocNo          string `json:"doc_no,omitempty"`
	Date           Date   `json:"date"`
}

// Vote is the count of a cell (or committee) vote. The base for the two-thirds
// rule is Members minus those attached elsewhere minus exempted members who were absent.
type Vote struct {
	Date         Date   `json:"date"`
	Members      int    `json:"members"`       // official members of the cell
	Attached     int    `json:"attached"`      // temporarily attached elsewhere
	ExemptAbsent int    `json:"exempt_absent"` // exempted from party work and absent
	Present      int    `json:"present"`
	For          int    `json:"for"`
	Against      int    `json:"against"`
	DocNo        string `json:"doc_no,omitempty"`
}

// Base is the denominator of the two-thirds rule.
func (v Vote) Base() int { return v.Members - v.Attached - v.ExemptAbsent }

// Passes reports whether votes for reach two-thirds of the base (exactly 2/3 passes).
func (v Vote) Passes() bool { b := v.Base(); return b > 0 && 3*v.For >= 2*b }

// Certificate is an awareness-class certificate held from elsewhere (e.g. the army).
type Certificate struct {
	No     string `json:"no"`
	Date   Date   `json:"date"`
	Issuer string `json:"issuer"`
}

// Event is one change in a candidate's history: who, when, from → to, why.
type Event struct {
	At       time.Time `json:"at"`
	By       string    `json:"by"` // device or clerk
	From     Stage     `json:"from"`
	To       Stage     `json:"to"`
	Outcome  Outcome   `json:"outcome,omitempty"`
	Reason   string    `json:"reason,omitempty"`
	Override string    `json:"override,omitempty"` // the written reason a rule was overridden
	Meeting  ID        `json:"meeting,omitzero"`
}

// Candidate is a person in the pipeline (quần chúng ưu tú).
type Candidate struct {
	ID ID `json:"id"`
	// Identity.
	FullName       string `json:"full_name"`
	BirthName      string `json:"birth_name,omitempty"`
	Sex            Sex    `json:"sex"`
	DOB            Date   `json:"dob"`
	CCCD           string `json:"cccd"`
	OldID          string `json:"old_id,omitempty"` // CMND 9 or 12 digits
	Ethnicity      string `json:"ethnicity"`        // GSO code
	Religion       string `json:"religion"`
	Phone          string `json:"phone,omitempty"`
	HomeTown       string `json:"home_town,omitempty"`
	Address        string `json:"address,omitempty"`
	CurrentAddress string `json:"current_address,omitempty"`
	Village        string `json:"village,omitempty"`
	// Profile.
	Occupation      string `json:"occupation,omitempty"`
	Education       string `json:"education,omitempty"` // "12/12"
	Professional    string `json:"professional,omitempty"`
	PoliticalTheory string `json:"political_theory,omitempty"`
	YouthUnion      bool   `json:"youth_union"`
	YouthUnionDate  Date   `json:"youth_union_date,omitempty"`
	TradeUnion      bool   `json:"trade_union"`
	WomensUnion     bool   `json:"womens_union"`
	DischargeDate   Date   `json:"discharge_date,omitempty"`
	School          string `json:"school,omitempty"`
	Grade           string `json:"grade,omitempty"`
	Enterprise      string `json:"enterprise,omitempty"`
	Achievements    string `json:"achievements,omitempty"`
	// Pipeline.
	Source          SourceGroup    `json:"source"`
	CellID          ID             `json:"cell"`
	Helpers         []string       `json:"helpers,omitempty"`
	Stage           Stage          `json:"stage"`
	Steps           map[Stage]Step `json:"steps,omitempty"`
	Introducers     []Introducer   `json:"introducers,omitempty"`
	CellVote        Vote           `json:"cell_vote,omitzero"`
	RecognitionVote Vote           `json:"recognition_vote,omitzero"`
	DecisionBody    DecidingBody   `json:"decision_body,omitempty"`
	ExtCert         Certificate    `json:"ext_cert,omitzero"`
	Outcome         Outcome        `json:"outcome,omitempty"`
	OutcomeReason   string         `json:"outcome_reason,omitempty"`
	OutcomeDate     Date           `json:"outcome_date,omitempty"`
	History         []Event        `json:"history,omitempty"`
	Notes           string         `json:"notes,omitempty"`
}

// StageDate returns the date the given stage was completed (0 if not).
func (c Candidate) StageDate(s Stage) Date { return c.Steps[s].Date }

// CandidateRow is the compact part of a candidate that lists, filters,
// the dashboard and deadlines need; the store keeps it in a derived bucket
// so opening 100,000 candidates does not decode 100,000 full records.
type CandidateRow struct {
	ID       ID          `json:"i"`
	Name     string      `json:"n"`
	Sex      Sex         `json:"x"`
	DOB      Date        `json:"b"`
	CCCD     string      `json:"c,omitempty"`
	Village  string      `json:"v,omitempty"`
	Source   SourceGroup `json:"s"`
	Cell     ID          `json:"l"`
	Stage    Stage       `json:"g"`
	Since    Date        `json:"d,omitempty"` // date the current stage was reached
	Outcome  Outcome     `json:"o,omitempty"`
	ExtCert  Date        `json:"e,omitempty"` // date of a certificate from elsewhere
	CellVote Date        `json:"cv,omitempty"`
	Decision Date        `json:"de,omitempty"`
	Ceremony Date        `json:"ce,omitempty"` // start of probation
	RecVote  Date        `json:"rv,omitempty"`
}

// Row derives the list row of a candidate.
func (c Candidate) Row() CandidateRow {
	return CandidateRow{
		ID: c.ID, Name: c.FullName, Sex: c.Sex, DOB: c.DOB, CCCD: c.CCCD, Village: c.Village,
		Source: c.Source, Cell: c.CellID, Stage: c.Stage, Since: c.StageDate(c.Stage), Outcome: c.Outcome,
		ExtCert: c.ExtCert.Date, CellVote: c.CellVote.Date, Decision: c.StageDate(StageDecision),
		Ceremony: c.StageDate(StageProbation), RecVote: c.RecognitionVote.Date,
	}
}

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

// CertValidityMonths is how long an awareness-class certificate stays valid (06-HD/TW §5.4).
const CertValidityMonths = 60

// Enrolment is one candidate in a class.
type Enrolment struct {
	Candidate ID              `json:"candidate"`
	Result    EnrolmentResult `json:"result"`
	CertNo    string          `json:"cert_no,omitempty"`
	CertDate  Date            `json:"cert_date,omitempty"`
}

// CertExpiry is the last day the certificate is valid.
func (e Enrolment) CertExpiry() Date {
	if e.CertDate == 0 {
		return 0
	}
	return e.CertDate.AddMonths(CertValidityMonths)
}

// Class is an awareness class (lớp bồi dưỡng nhận thức về Đảng).
type Class struct {
	ID          ID          `json:"id"`
	Name        string      `json:"name"`
	TargetGroup SourceGroup `json:"target_group"`
	Organiser   string      `json:"organiser"`
	Start       Date        `json:"start"`
	End         Date        `json:"end"`
	Place       string      `json:"place"`
	Enrolments  []Enrolment `json:"enrolments,omitempty"`
	Notes       string      `json:"notes,omitempty"`
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

// AgendaItem is one candidate on a meeting's agenda.
type AgendaItem struct {
	Candidate ID       `json:"candidate"`
	Decision  Decision `json:"decision,omitempty"`
	For       int      `json:"for"`
	Against   int      `json:"against"`
	Note      string   `json:"note,omitempty"`
	// DocNo is the number of the cell's resolution about this person (Mẫu 6-KNĐ, 13-KNĐ).
	DocNo string `json:"doc_no,omitempty"`
	// Override is the written reason the cell went ahead although a rule that
	// allows it (an old introduction, say) was not met; it lands in the history.
	Override string `json:"override,omitempty"`
}

// Meeting is a cell meeting that reviews candidates.
type Meeting struct {
	ID           ID           `json:"id"`
	Cell         ID           `json:"cell"`
	Date         Date         `json:"date"`
	Kind         MeetingKind  `json:"kind"`
	Members      int          `json:"members"`
	Attached     int          `json:"attached"`
	ExemptAbsent int          `json:"exempt_absent"`
	Present      int          `json:"present"`
	Chair        string       `json:"chair,omitempty"`
	Secretary    string       `json:"secretary,omitempty"`
	Items        []AgendaItem `json:"items,omitempty"`
	Closed       bool         `json:"closed"`
	Notes        string       `json:"notes,omitempty"`
}

// VoteFor returns the vote of one agenda item with the meeting's attendance base.
func (m Meeting) VoteFor(it AgendaItem) Vote {
	return Vote{Date: m.Date, Members: m.Members, Attached: m.Attached, ExemptAbsent: m.ExemptAbsent,
		Present: m.Present, For: it.For, Against: it.Against}
}
