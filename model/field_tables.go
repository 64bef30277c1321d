package model

// The field tables of every record kind. Keys are the records' JSON names
// (dotted for nested values) and the Field of their validation problems.

// Sections of the candidate's form and detail view.
var (
	SecIdentity = Text{"Nhân thân", "Identity"}
	SecPlace    = Text{"Nơi ở", "Residence"}
	SecPipeline = Text{"Nguồn và chi bộ", "Source and cell"}
	SecProfile  = Text{"Trình độ, đoàn thể", "Education and organisations"}
)

// CandidateFields is the candidate's table, in form order: source and cell
// come early because they are required and what lists filter on.
var CandidateFields = []Field[Candidate]{
	withAliases(required(textField("full_name", Text{"Họ và tên", "Full name"}, SecIdentity,
		func(c *Candidate) *string { return &c.FullName })), "họ tên", "tên", "name", "họ và tên quần chúng", "họ tên quần chúng"),
	withAliases(required(choiceField("sex", Text{"Giới tính", "Sex"}, SecIdentity, Sexes,
		func(c *Candidate) *Sex { return &c.Sex })), "phái", "nam/nữ", "nam, nữ", "sex"),
	withAliases(required(dateField("dob", Text{"Ngày sinh", "Date of birth"}, SecIdentity,
		func(c *Candidate) *Date { return &c.DOB })), "ngày tháng năm sinh", "ngày, tháng, năm sinh", "sinh ngày", "born", "date of birth", "dob"),
	withAliases(required(choiceField("source", Text{"Nguồn", "Source group"}, SecIdentity, SourceGroups,
		func(c *Candidate) *SourceGroup { return &c.Source })), "nguồn giới thiệu", "nguồn phát triển", "thuộc nguồn", "nhóm nguồn", "source"),
	withAliases(refField("cell", KindCellRef, Text{"Chi bộ phụ trách", "Managing cell"}, SecIdentity,
		func(c *Candidate) *ID { return &c.CellID }), "chi bộ", "cell", "chi bộ sinh hoạt", "thuộc chi bộ", "chi bộ quản lý"),
	withCheck(withAliases(textField("cccd", Text{"Số CCCD", "ID card (CCCD)"}, SecIdentity,
		func(c *Candidate) *string { return &c.CCCD }), "căn cước", "cccd", "số căn cước", "số định danh", "số định danh cá nhân", "căn cước công dân", "số căn cước công dân", "số cccd/cmnd", "cccd/cmnd"),
		func(c *Candidate, v string) Problems { return CheckCCCD(v, c.Sex, c.DOB) }),
	withAliases(textField("birth_name", Text{"Họ tên khai sinh", "Name at birth"}, SecIdentity,
		func(c *Candidate) *string { return &c.BirthName }), "tên khai sinh", "họ và tên khai sinh"),
	withCheck(withAliases(textField("old_id", Text{"Số CMND cũ", "Old ID (CMND)"}, SecIdentity,
		func(c *Candidate) *string { return &c.OldID }), "cmnd", "số cmnd", "chứng minh nhân dân", "số chứng minh nhân dân"),
		func(_ *Candidate, v string) Problems { return CheckOldID(v) }),
	withAliases(choiceField("ethnicity", Text{"Dân tộc", "Ethnicity"}, SecIdentity, Ethnicities,
		func(c *Candidate) *string { return &c.Ethnicity }), "thành phần dân tộc"),
	withAliases(choiceField("religion", Text{"Tôn giáo", "Religion"}, SecIdentity, Religions,
		func(c *Candidate) *string { return &c.Religion }), "đạo"),
	withCheck(withAliases(textField("phone", Text{"Điện thoại", "Phone"}, SecIdentity,
		func(c *Candidate) *string { return &c.Phone }), "số điện thoại", "sđt", "điện thoại di động", "đt", "đt liên hệ"),
		func(_ *Candidate, v string) Problems { return CheckPhone(v) }),
	withAliases(textField("village", Text{"Thôn/địa bàn", "Village/area"}, SecPlace,
		func(c *Candidate) *string { return &c.Village }), "thôn", "thôn/xóm", "xóm", "thôn, xóm", "thôn/tổ dân phố", "tổ dân phố", "thôn, tổ dân phố", "khu phố", "bản"),
	withAliases(textField("home_town", Text{"Quê quán", "Home town"}, SecPlace,
		func(c *Candidate) *string { return &c.HomeTown }), "nguyên quán"),
	withAliases(textField("address", Text{"Thường trú", "Permanent address"}, SecPlace,
		func(c *Candidate) *string { return &c.Address }), "nơi thường trú", "địa chỉ", "địa chỉ thường trú", "hộ khẩu thường trú", "nơi đăng ký thường trú"),
	withAliases(textField("current_address", Text{"Nơi ở hiện nay", "Current address"}, SecPlace,
		func(c *Candidate) *string { return &c.CurrentAddress }), "chỗ ở hiện nay", "nơi ở hiện tại", "chỗ ở hiện tại"),
	withAliases(listField("helpers", Text{"Người giúp đỡ", "Helpers"}, SecPipeline,
		func(c *Candidate) *[]string { return &c.Helpers }), "đảng viên giúp đỡ", "đảng viên được phân công giúp đỡ", "người được phân công giúp đỡ"),
	textField("ext_cert.no", Text{"Số GCN (nơi khác)", "Certificate no. (elsewhere)"}, SecPipeline,
		func(c *Candidate) *string { return &c.ExtCert.No }),
	dateField("ext_cert.date", Text{"Ngày cấp GCN (nơi khác)", "Certificate date (elsewhere)"}, SecPipeline,
		func(c *Candidate) *Date { return &c.ExtCert.Date }),
	textField("ext_cert.issuer", Text{"Nơi cấp GCN", "Certificate issued by"}, SecPipeline,
		func(c *Candidate) *string { return &c.ExtCert.Issuer }),
	withAliases(textField("occupation", Text{"Nghề nghiệp", "Occupation"}, SecProfile,
		func(c *Candidate) *string { return &c.Occupation }), "nghề nghiệp hiện nay", "công việc", "công việc hiện nay"),
	withAliases(textField("education", Text{"Giáo dục phổ thông", "General education"}, SecProfile,
		func(c *Candidate) *string { return &c.Education }), "trình độ học vấn", "văn hóa", "trình độ văn hóa", "học vấn"),
	withAliases(textField("professional", Text{"Chuyên môn", "Professional education"}, SecProfile,
		func(c *Candidate) *string { return &c.Professional }), "trình độ chuyên môn", "chuyên môn nghiệp vụ", "trình độ chuyên môn nghiệp vụ"),
	withAliases(textField("political_theory", Text{"Lý luận chính trị", "Political theory"}, SecProfile,
		func(c *Candidate) *string { return &c.PoliticalTheory }), "trình độ lý luận chính trị", "trình độ lý luận"),
	withAliases(yesNoField("youth_union", Text{"Đoàn viên", "Youth union member"}, SecProfile,
		func(c *Candidate) *bool { return &c.YouthUnion }), "là đoàn viên", "đoàn viên tncs hồ chí minh"),
	withAliases(dateField("youth_union_date", Text{"Ngày vào Đoàn", "Joined youth union"}, SecProfile,
		func(c *Candidate) *Date { return &c.YouthUnionDate }), "ngày kết nạp đoàn", "ngày vào đoàn tncs hồ chí minh"),
	withAliases(yesNoField("trade_union", Text{"Công đoàn viên", "Trade union member"}, SecProfile,
		func(c *Candidate) *bool { return &c.TradeUnion }), "đoàn viên công đoàn"),
	withAliases(yesNoField("womens_union", Text{"Hội viên phụ nữ", "Women's union member"}, SecProfile,
		func(c *Candidate) *bool { return &c.WomensUnion }), "hội viên hội phụ nữ", "hội viên hội lhpn"),
	dateField("discharge_date", Text{"Ngày xuất ngũ", "Discharge date"}, SecProfile,
		func(c *Candidate) *Date { return &c.DischargeDate }),
	textField("school", Text{"Trường", "School"}, SecProfile, func(c *Candidate) *string { return &c.School }),
	textField("grade", Text{"Lớp", "Grade"}, SecProfile, func(c *Candidate) *string { return &c.Grade }),
	textField("enterprise", Text{"Doanh nghiệp", "Enterprise"}, SecProfile,
		func(c *Candidate) *string { return &c.Enterprise }),
	longTextField("achievements", Text{"Thành tích", "Achievements"}, SecProfile,
		func(c *Candidate) *string { return &c.Achievements }),
	withAliases(longTextField("notes", Text{"Ghi chú", "Notes"}, SecProfile, func(c *Candidate) *string { return &c.Notes }), "ghi chú khác"),
	readOnly(choiceField("stage", Text{"Bước", "Stage"}, SecPipeline, Stages,
		func(c *Candidate) *Stage { return &c.Stage })),
	readOnly(choiceField("outcome", Text{"Ra khỏi danh sách", "Left the pipeline"}, SecPipeline, Outcomes,
		func(c *Candidate) *Outcome { return &c.Outcome })),
	readOnly(textField("outcome_reason", Text{"Lý do ra khỏi danh sách", "Reason for leaving"}, SecPipeline,
		func(c *Candidate) *string { return &c.OutcomeReason })),
}

// CellFields is the cell's table. Targets have a form of their own.
var CellFields = []Field[Cell]{
	withAliases(required(textField("name", Text{"Tên chi bộ", "Cell name"}, Text{},
		func(c *Cell) *string { return &c.Name })), "chi bộ", "tên", "cell", "tên chi bộ trực thuộc"),
	withAliases(required(choiceField("kind", Text{"Loại chi bộ", "Kind"}, Text{}, CellKinds, func(c *Cell) *CellKind { return &c.Kind })), "loại", "loại hình chi bộ", "loại hình"),
	withAliases(textField("secretary", Text{"Bí thư", "Secretary"}, Text{}, func(c *Cell) *string { return &c.Secretary }), "bí thư chi bộ", "họ tên bí thư"),
	withAliases(textField("village", Text{"Thôn/địa bàn", "Village/area"}, Text{}, func(c *Cell) *string { return &c.Village }), "thôn", "địa bàn", "thôn/xóm", "địa bàn phụ trách"),
	withAliases(numberField("official_members", Text{"Số ĐV chính thức", "Official members"}, Text{},
		func(c *Cell) *int { return &c.OfficialMembers }), "đảng viên chính thức", "số đảng viên chính thức", "đv chính thức"),
	withAliases(numberField("probationary_members", Text{"Số ĐV dự bị", "Probationary members"}, Text{},
		func(c *Cell) *int { return &c.ProbationaryMembers }), "đảng viên dự bị", "số đảng viên dự bị", "đv dự bị"),
	longTextField("notes", Text{"Ghi chú", "Notes"}, Text{}, func(c *Cell) *string { return &c.Notes }),
	yesNoField("archived", Text{"Ngừng theo dõi", "Archived"}, Text{}, func(c *Cell) *bool { return &c.Archived }),
	// Read-only: a merge sets it (store/merge_commune.go); a clerk never types it.
	readOnly(textField("commune", Text{"Đảng bộ xã", "Commune"}, Text{}, func(c *Cell) *string { return &c.Commune })),
}

// ClassFields is the awareness class's table.
var ClassFields = []Field[Class]{
	required(textField("name", Text{"Tên lớp", "Class name"}, Text{}, func(c *Class) *string { return &c.Name })),
	choiceField("target_group", Text{"Đối tượng", "Target group"}, Text{}, SourceGroups,
		func(c *Class) *SourceGroup { return &c.TargetGroup }),
	textField("organiser", Text{"Đơn vị tổ chức", "Organiser"}, Text{}, func(c *Class) *string { return &c.Organiser }),
	required(dateField("start", Text{"Ngày khai giảng", "Start date"}, Text{}, func(c *Class) *Date { return &c.Start })),
	dateField("end", Text{"Ngày bế giảng", "End date"}, Text{}, func(c *Class) *Date { return &c.End }),
	textField("place", Text{"Địa điểm", "Place"}, Text{}, func(c *Class) *string { return &c.Place }),
	longTextField("notes", Text{"Ghi chú", "Notes"}, Text{}, func(c *Class) *string { return &c.Notes }),
}

// EnrolmentFields is one participant of a class.
var EnrolmentFields = []Field[Enrolment]{
	readOnly(refField("candidate", KindCandidateRef, Text{"Học viên", "Participant"}, Text{},
		func(e *Enrolment) *ID { return &e.Candidate })),
	required(choiceField("result", Text{"Kết quả", "Result"}, Text{}, Results,
		func(e *Enrolment) *EnrolmentResult { return &e.Result })),
	textField("cert_no", Text{"Số giấy chứng nhận", "Certificate no."}, Text{}, func(e *Enrolment) *string { return &e.CertNo }),
	dateField("cert_date", Text{"Ngày cấp", "Issued on"}, Text{}, func(e *Enrolment) *Date { return &e.CertDate }),
	{Key: "cert_expiry", Label: Text{"Hết hạn", "Expires"}, Kind: KindDate, ReadOnly: true,
		Get: func(e *Enrolment) string { return e.CertExpiry().String() }},
}

// MeetingFields is the meeting's table; the agenda has its own.
var MeetingFields = []Field[Meeting]{
	required(refField("cell", KindCellRef, Text{"Chi bộ", "Cell"}, Text{}, func(m *Meeting) *ID { return &m.Cell })),
	required(dateField("date", Text{"Ngày họp", "Meeting date"}, Text{}, func(m *Meeting) *Date { return &m.Date })),
	required(choiceField("kind", Text{"Loại cuộc họp", "Kind"}, Text{}, MeetingKinds,
		func(m *Meeting) *MeetingKind { return &m.Kind })),
	numberField("members", Text{"Số ĐV chính thức", "Official members"}, Text{}, func(m *Meeting) *int { return &m.Members }),
	numberField("attached", Text{"Sinh hoạt tạm thời nơi khác", "Attached elsewhere"}, Text{},
		func(m *Meeting) *int { return &m.Attached }),
	numberField("exempt_absent", Text{"Miễn sinh hoạt, vắng mặt", "Exempt and absent"}, Text{},
		func(m *Meeting) *int { return &m.ExemptAbsent }),
	numberField("present", Text{"Có mặt", "Present"}, Text{}, func(m *Meeting) *int { return &m.Present }),
	textField("chair", Text{"Chủ trì", "Chair"}, Text{}, func(m *Meeting) *string { return &m.Chair }),
	textField("secretary", Text{"Thư ký", "Secretary"}, Text{}, func(m *Meeting) *string { return &m.Secretary }),
	longTextField("notes", Text{"Ghi chú", "Notes"}, Text{}, func(m *Meeting) *string { return &m.Notes }),
	readOnly(yesNoField("closed", Text{"Đã kết thúc", "Closed"}, Text{}, func(m *Meeting) *bool { return &m.Closed })),
}

// AgendaFields is one candidate on a meeting's agenda.
var AgendaFields = []Field[AgendaItem]{
	readOnly(refField("candidate", KindCandidateRef, Text{"Người được xét", "Candidate"}, Text{},
		func(a *AgendaItem) *ID { return &a.Candidate })),
	choiceField("decision", Text{"Kết quả xét", "Result"}, Text{}, Decisions, func(a *AgendaItem) *Decision { return &a.Decision }),
	required(numberField("for", Text{"Tán thành", "For"}, Text{}, func(a *AgendaItem) *int { return &a.For })),
	numberField("against", Text{"Không tán thành", "Against"}, Text{}, func(a *AgendaItem) *int { return &a.Against }),
	textField("doc_no", Text{"Số nghị quyết", "Resolution no."}, Text{}, func(a *AgendaItem) *string { return &a.DocNo }),
	longTextField("note", Text{"Ghi chú", "Notes"}, Text{}, func(a *AgendaItem) *string { return &a.Note }),
	longTextField("override", Text{"Lý do ngoại lệ", "Reason for the exception"}, Text{},
		func(a *AgendaItem) *string { return &a.Override }),
}

// SettingsFields is the file's settings.
var SettingsFields = []Field[Settings]{
	required(textField("commune", Text{"Tên đảng bộ", "Party committee"}, Text{}, func(s *Settings) *string { return &s.Commune })),
	textField("province", Text{"Tỉnh", "Province"}, Text{}, func(s *Settings) *string { return &s.Province }),
	required(choiceField("deciding_body", Text{"Cấp quyết định", "Deciding body"}, Text{}, DecidingBodies,
		func(s *Settings) *DecidingBody { return &s.DecidingBody })),
	numberField("doc_validity_months", Text{"Thời hạn giấy tờ (tháng)", "Document validity (months)"}, Text{},
		func(s *Settings) *int { return &s.DocValidityMonths }),
	{Key: "holidays", Label: Text{"Ngày nghỉ lễ", "Public holidays"}, Kind: KindDateList, Limit: 4000,
		Get: func(s *Settings) string {
			out := make([]string, 0, len(s.Holidays))
			for _, d := range s.Holidays {
				out = append(out, d.String())
			}
			return joinComma(out)
		},
		Set: func(s *Settings, v string) *FieldError {
			ds, err := ParseDateList(v, Text{"Ngày nghỉ", "Holiday"})
			if err != nil {
				return err
			}
			s.Holidays = ds
			return nil
		}},
}

func joinComma(ss []string) string {
	out := ""
	for i, s := range ss {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}

func required[T any](f Field[T]) Field[T] { f.Required = true; return f }

func readOnly[T any](f Field[T]) Field[T] { f.ReadOnly, f.Set = true, nil; return f }

func withAliases[T any](f Field[T], aliases ...string) Field[T] { f.Aliases = aliases; return f }

// withCheck adds a check that reports the first problem of the field.
func withCheck[T any](f Field[T], check func(*T, string) Problems) Field[T] {
	key := f.Key
	f.Check = func(rec *T, v string) *FieldError {
		for _, p := range check(rec, v) {
			if p.Field == "" || p.Field == key {
				return p
			}
		}
		return nil
	}
	return f
}

// IDAliases are the headers of the ID column an export writes first; an
// import that finds one updates the record it names.
var IDAliases = []string{"ID", "mã bản ghi", "record id"}

// ValueAliases are other ways clerks write a choice in a spreadsheet, by
// field key, for the tables an import reads (candidates and cells). The
// option codes and both labels are always accepted; these come on top,
// compared like headers (accents, case, spaces and hyphens ignored).
var ValueAliases = map[string]map[string]string{
	"sex": {"nam giới": "M", "trai": "M", "nữ giới": "F", "gái": "F"},
	"source": {
		"đoàn viên": "youth", "đoàn thanh niên": "youth", "thanh niên": "youth", "đoàn": "youth",
		"đoàn viên tncs hồ chí minh": "youth",
		"quân nhân":                  "soldier", "bộ đội xuất ngũ": "soldier", "xuất ngũ": "soldier", "bộ đội": "soldier",
		"quân nhân hoàn thành nghĩa vụ": "soldier",
		"học sinh":                      "student", "hs": "student", "học sinh trung học phổ thông": "student", "thpt": "student",
		"phụ nữ": "women", "hội phụ nữ": "women", "hội lhpn": "women", "hội viên hội phụ nữ": "women",
		"công nhân": "worker", "người lao động": "worker", "lao động doanh nghiệp": "worker",
		"khác": "other",
	},
	"religion": {
		"không có": "none", "không tôn giáo": "none", "không theo tôn giáo": "none", "không theo đạo": "none",
		"đạo phật": "buddhism", "phật": "buddhism",
		"thiên chúa": "catholic", "thiên chúa giáo": "catholic", "đạo thiên chúa": "catholic", "công giáo la mã": "catholic",
		"tin lành": "protestant", "đạo tin lành": "protestant",
		"hòa hảo": "hoahao", "đạo hòa hảo": "hoahao", "cao đài": "caodai", "đạo cao đài": "caodai",
		"hồi": "islam", "đạo hồi": "islam", "islam": "islam",
	},
	"ethnicity": {
		"việt": "1", "kinh (việt)": "1", "việt (kinh)": "1",
		"khmer": "5", "khơ me": "5", "khmer krom": "5",
		"mèo": "8", "hmông": "8", "h'mông": "8", "hmong": "8",
		"jrai": "10", "gia-rai": "10", "ê-đê": "12", "rhade": "12", "bahnar": "13", "ba-na": "13",
		"sê đăng": "14", "xê đăng": "14", "cơ-ho": "16", "k'ho": "16", "chăm": "17", "chàm": "17",
		"m'nông": "20", "mnông": "20", "bru": "23", "vân kiều": "23", "bru vân kiều": "23",
		"khác": "55", "nước ngoài": "56",
	},
	"kind": {
		"thôn": "village", "xóm": "village", "bản": "village", "tổ dân phố": "village", "khu dân cư": "village",
		"trường": "school", "trường học": "school", "giáo dục": "school",
		"doanh nghiệp": "enterprise", "công ty": "enterprise", "hợp tác xã": "enterprise",
		"cơ quan": "agency", "quân sự": "military", "công an": "military",
	},
}

// YesWords and NoWords are how a yes/no column is filled in by hand.
var (
	YesWords = []string{"1", "có", "co", "x", "yes", "y", "true", "đúng", "rồi", "✓", "v"}
	NoWords  = []string{"0", "không", "khong", "no", "n", "false", "sai", "chưa", "-"}
)
