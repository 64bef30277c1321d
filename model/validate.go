package model

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// problemSet collects the problems of one record.
type problemSet struct{ p Problems }

func (s *problemSet) err(field, vi, en string, args ...any) {
	s.p = append(s.p, &FieldError{Field: field, Msg: Text{fmt.Sprintf(vi, args...), fmt.Sprintf(en, args...)}})
}

func (s *problemSet) warn(field, vi, en string, args ...any) {
	s.p = append(s.p, &FieldError{Field: field, Warning: true,
		Msg: Text{fmt.Sprintf(vi, args...), fmt.Sprintf(en, args...)}})
}

// errText records a message whose two languages take different arguments.
func (s *problemSet) errText(field string, t Text) {
	s.p = append(s.p, &FieldError{Field: field, Msg: t})
}

func (s *problemSet) add(p Problems) { s.p = append(s.p, p...) }

// isKnownCode reports whether code is one of opts.
func isKnownCode(opts []Option, code string) bool {
	for _, o := range opts {
		if o.Code == code {
			return true
		}
	}
	return false
}

// isRealDate reports whether d is a day of the calendar; a Date is a plain
// integer, so a hand-edited file can hold 20250231.
func isRealDate(d Date) bool { return validYMD(d.Year(), int(d.Month()), d.Day()) }

// dateWrong reports whether date would find a problem with d.
func dateWrong(d, today Date) bool { return d != 0 && (!isRealDate(d) || today != 0 && d > today) }

// date checks an optional completed-event date: it must exist and not lie after today.
func (s *problemSet) date(field string, d, today Date, vi, en string) {
	switch {
	case d == 0:
	case !isRealDate(d):
		s.errText(field, Text{fmt.Sprintf("%s: ngày %s không có trong lịch.", vi, d),
			fmt.Sprintf("%s: %s is not a calendar date.", en, d)})
	case today != 0 && d > today:
		s.errText(field, Text{fmt.Sprintf("%s (%s) không thể ở sau hôm nay.", vi, d),
			fmt.Sprintf("%s (%s) cannot be after today.", en, d)})
	}
}

// AsValidator turns a field check into the func(string) error that text
// inputs take (docs/architecture.md §5a): the first blocking problem, or nil.
func AsValidator(check func(string) Problems) func(string) error {
	return func(s string) error {
		if errs := check(s).Errors(); len(errs) > 0 {
			return errs[0]
		}
		return nil
	}
}

// The Normalize methods never write through a slice or map the record shares
// with its copies: the UI keeps the unedited record to detect changes.

// Normalize cleans every text field of the settings and sorts the holidays.
func (st *Settings) Normalize() {
	st.Commune = Clean(st.Commune)
	st.Province = Clean(st.Province)
	st.DecidingBody = DecidingBody(strings.TrimSpace(string(st.DecidingBody)))
	st.Holidays = slices.Compact(slices.Sorted(slices.Values(st.Holidays)))
	if len(st.Devices) > 0 {
		names := make(map[string]string, len(st.Devices))
		for id, n := range st.Devices {
			if n = Clean(n); n != "" {
				names[id] = n
			}
		}
		st.Devices = names
	}
}

// Validate checks the settings. A zero DocValidityMonths means the default.
func (st Settings) Validate() Problems {
	var s problemSet
	if st.DecidingBody != "" && !isKnownCode(DecidingBodies, string(st.DecidingBody)) {
		s.err("deciding_body", "Cấp quyết định kết nạp %q không có trong danh sách.",
			"Deciding body %q is not one of the choices.", st.DecidingBody)
	}
	if st.DocValidityMonths < 0 || st.DocValidityMonths > 60 {
		s.err("doc_validity_months", "Thời hạn giá trị của giấy tờ phải từ 1 đến 60 tháng.",
			"Document validity must be between 1 and 60 months.")
	}
	for _, h := range st.Holidays {
		if !isRealDate(h) {
			s.err("holidays", "Ngày nghỉ lễ %s không có trong lịch.", "Holiday %s is not a calendar date.", h)
		}
	}
	return s.p
}

// Normalize cleans every text field of the cell and orders its targets by year.
func (c *Cell) Normalize() {
	c.Name = Clean(c.Name)
	c.Kind = CellKind(strings.TrimSpace(string(c.Kind)))
	c.Secretary = Clean(c.Secretary)
	c.Village = Clean(c.Village)
	c.Notes = CleanMultiline(c.Notes)
	c.Targets = slices.Clone(c.Targets)
	slices.SortStableFunc(c.Targets, func(a, b Target) int { return a.Year - b.Year })
}

// Validate checks a cell and its yearly targets.
func (c Cell) Validate() Problems {
	var s problemSet
	if strings.TrimSpace(c.Name) == "" {
		s.err("name", "Chưa nhập tên chi bộ.", "The cell needs a name.")
	}
	if !isKnownCode(CellKinds, string(c.Kind)) {
		s.err("kind", "Chưa chọn loại chi bộ.", "Choose the kind of cell.")
	}
	if c.OfficialMembers < 0 {
		s.err("official_members", "Số đảng viên chính thức không thể âm.", "The number of official members cannot be negative.")
	}
	if c.ProbationaryMembers < 0 {
		s.err("probationary_members", "Số đảng viên dự bị không thể âm.", "The number of probationary members cannot be negative.")
	}
	seen := map[int]bool{}
	for _, t := range c.Targets {
		if t.Year < 2000 || t.Year > 2100 {
			s.err("targets", "Năm chỉ tiêu %d phải từ 2000 đến 2100.", "Target year %d must be between 2000 and 2100.", t.Year)
		}
		if seen[t.Year] {
			s.err("targets", "Năm %d có hai chỉ tiêu; hãy gộp lại thành một.", "Year %d has two targets; merge them into one.", t.Year)
		}
		seen[t.Year] = true
		if t.Total < 0 {
			s.err("targets", "Chỉ tiêu năm %d không thể âm.", "The %d target cannot be negative.", t.Year)
		}
		sum := 0
		for src, n := range t.BySource {
			if !isKnownCode(SourceGroups, string(src)) {
				s.err("targets", "Chỉ tiêu năm %d có nguồn %q không có trong danh sách.",
					"The %d target has an unknown source %q.", t.Year, src)
			}
			if n < 0 {
				s.err("targets", "Chỉ tiêu theo nguồn năm %d không thể âm.", "Per-source targets for %d cannot be negative.", t.Year)
			}
			sum += n
		}
		if sum > t.Total {
			s.err("targets", "Năm %d: tổng chỉ tiêu theo nguồn (%d) vượt chỉ tiêu chung (%d).",
				"%d: the per-source targets (%d) exceed the total (%d).", t.Year, sum, t.Total)
		}
	}
	return s.p
}

// Normalize cleans every text field of the candidate: names, addresses and
// codes become NFC without stray spaces or control characters, and ID numbers
// lose the spaces and dots people type inside them.
func (c *Candidate) Normalize() {
	for _, f := range []*string{&c.FullName, &c.BirthName, &c.Phone, &c.HomeTown, &c.Address,
		&c.CurrentAddress, &c.Village, &c.Occupation, &c.Education, &c.Professional, &c.PoliticalTheory,
		&c.School, &c.Grade, &c.Enterprise, &c.OutcomeReason, &c.Ethnicity, &c.Religion,
		&c.CellVote.DocNo, &c.RecognitionVote.DocNo, &c.ExtCert.No, &c.ExtCert.Issuer,
		&c.Over60Consent.No, &c.RemovalProposal.No, &c.OutcomeDocNo} {
		*f = Clean(*f)
	}
	c.CCCD = DigitsOnly(Clean(c.CCCD))
	c.OldID = DigitsOnly(Clean(c.OldID))
	c.Achievements = CleanMultiline(c.Achievements)
	c.Notes = CleanMultiline(c.Notes)
	var helpers []string
	for _, h := range c.Helpers {
		if h = Clean(h); h != "" {
			helpers = append(helpers, h)
		}
	}
	c.Helpers = helpers
	c.Steps = maps.Clone(c.Steps)
	for k, st := range c.Steps {
		st.DocNo, st.Note = Clean(st.DocNo), CleanMultiline(st.Note)
		c.Steps[k] = st
	}
	c.Introducers = slices.Clone(c.Introducers)
	for i := range c.Introducers {
		in := &c.Introducers[i]
		in.Name, in.DocNo = Clean(in.Name), Clean(in.DocNo)
	}
	c.History = slices.Clone(c.History)
	for i := range c.History {
		e := &c.History[i]
		e.By, e.Reason, e.Override = Clean(e.By), CleanMultiline(e.Reason), CleanMultiline(e.Override)
	}
}

// isNameRune reports the runes a person's name may hold besides letters:
// spaces, hyphens and apostrophes (Ê-đê and Khmer names use them), and
// combining marks in case text arrives decomposed.
func isNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || r == ' ' || r == '-' || r == '\'' || r == '’'
}

func checkPersonName(s *problemSet, field, name string, wantWords bool) {
	switch {
	case strings.TrimSpace(name) == "":
		if wantWords {
			s.err(field, "Chưa nhập họ và tên.", "The full name is missing.")
		}
	case strings.IndexFunc(name, func(r rune) bool { return !isNameRune(r) }) >= 0:
		s.err(field, "Họ tên chỉ được có chữ cái, dấu cách, dấu gạch nối và dấu nháy.",
			"A name may hold only letters, spaces, hyphens and apostrophes.")
	case wantWords && len(strings.Fields(name)) < 2:
		s.err(field, "Họ và tên phải có ít nhất hai chữ (họ và tên).",
			"The full name needs at least two words (family and given name).")
	}
}

// checkVote checks the counts of a recorded vote; an empty vote is fine.
// vi and en name the vote inside a sentence.
func checkVote(s *problemSet, field string, v Vote, today Date, vi, en string) {
	if v == (Vote{}) {
		return
	}
	s.date(field, v.Date, today, "Ngày "+vi, "The date of the "+en)
	say := func(viMsg, enMsg string, args ...any) {
		s.errText(field, Text{capFirstRune(vi) + ": " + fmt.Sprintf(viMsg, args...),
			capFirstRune(en) + ": " + fmt.Sprintf(enMsg, args...)})
	}
	if v.Members < 0 || v.Attached < 0 || v.ExemptAbsent < 0 || v.Present < 0 || v.For < 0 || v.Against < 0 {
		say("các con số không thể âm.", "counts cannot be negative.")
		return
	}
	if v.Present > v.Members {
		say("số có mặt (%d) nhiều hơn số đảng viên (%d).", "more present (%d) than members (%d).", v.Present, v.Members)
	}
	if v.Attached+v.ExemptAbsent > v.Members {
		say("số sinh hoạt tạm thời nơi khác và miễn sinh hoạt vắng mặt vượt số đảng viên.",
			"attached and exempt-absent members exceed the membership.")
	}
	if v.For+v.Against > v.Present {
		say("số tán thành và không tán thành vượt số có mặt.", "votes for and against exceed those present.")
	}
}

func capFirstRune(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// Validate checks a candidate as of today (which decides what "in the
// future" and the age warning mean). Pipeline rules such as the age at the
// cell vote are checked when a stage is recorded, not here.
func (c Candidate) Validate(today Date) Problems {
	var s problemSet
	checkPersonName(&s, "full_name", c.FullName, true)
	checkPersonName(&s, "birth_name", c.BirthName, false)
	if !isKnownCode(Sexes, string(c.Sex)) {
		s.err("sex", "Chưa chọn giới tính.", "Choose the sex.")
	}
	switch {
	case c.DOB == 0:
		s.err("dob", "Chưa nhập ngày sinh.", "The date of birth is missing.")
	case !isRealDate(c.DOB):
		s.err("dob", "Ngày sinh %s không có trong lịch.", "Date of birth %s is not a calendar date.", c.DOB)
	case c.DOB.Year() < 1900:
		s.err("dob", "Năm sinh không thể trước 1900.", "The birth year cannot be before 1900.")
	case today != 0 && c.DOB > today:
		s.err("dob", "Ngày sinh không thể ở sau hôm nay.", "The date of birth cannot be after today.")
	case today != 0 && MonthsBetween(c.DOB, today) < 16*12:
		s.warn("dob", "Người này chưa đủ 16 tuổi.", "This person is younger than 16.")
	}
	s.add(CheckCCCD(c.CCCD, c.Sex, c.DOB))
	s.add(CheckOldID(c.OldID))
	s.add(CheckPhone(c.Phone))
	if c.Ethnicity != "" && !isKnownCode(Ethnicities, c.Ethnicity) {
		s.err("ethnicity", "Dân tộc %q không có trong danh mục.", "Ethnicity %q is not in the list.", c.Ethnicity)
	}
	if c.Religion != "" && !isKnownCode(Religions, c.Religion) {
		s.err("religion", "Tôn giáo %q không có trong danh mục.", "Religion %q is not in the list.", c.Religion)
	}
	if !isKnownCode(SourceGroups, string(c.Source)) {
		s.err("source", "Chưa chọn nguồn giới thiệu.", "Choose the source group.")
	}
	if c.Stage != "" && c.Stage.Index() < 0 {
		s.err("stage", "Bước %q không có trong quy trình.", "Stage %q is not in the pipeline.", c.Stage)
	}
	if c.Outcome != OutcomeActive {
		if !isKnownCode(Outcomes, string(c.Outcome)) {
			s.err("outcome", "Kết quả %q không có trong danh sách.", "Outcome %q is not one of the choices.", c.Outcome)
		}
		if strings.TrimSpace(c.OutcomeReason) == "" {
			s.err("outcome_reason", "Cần ghi lý do khi đưa người này ra khỏi danh sách.",
				"Give the reason this person left the pipeline.")
		}
	}
	if c.DecisionBody != "" && !isKnownCode(DecidingBodies, string(c.DecisionBody)) {
		s.err("decision_body", "Cấp quyết định %q không có trong danh sách.", "Deciding body %q is not one of the choices.", c.DecisionBody)
	}
	c.validateDates(&s, today)
	for _, in := range c.Introducers {
		if !isKnownCode(introducerKinds, string(in.Kind)) {
			s.err("introducers", "Hình thức giới thiệu %q không có trong danh sách.", "Introduction kind %q is unknown.", in.Kind)
		}
		if strings.TrimSpace(in.Name) == "" {
			s.err("introducers", "Chưa ghi tên người hoặc tổ chức giới thiệu.", "The introducer's name is missing.")
		}
		if in.MonthsTogether < 0 {
			s.err("introducers", "Số tháng cùng công tác không thể âm.", "Months together cannot be negative.")
		}
		s.date("introducers", in.Date, today, "Ngày giới thiệu", "The introduction date")
	}
	checkVote(&s, "cell_vote", c.CellVote, today, "biểu quyết của chi bộ", "cell vote")
	checkVote(&s, "recognition_vote", c.RecognitionVote, today, "biểu quyết công nhận chính thức", "recognition vote")
	return s.p
}

// introducerKinds lists the introducer kinds for validation.
var introducerKinds = []Option{{Code: string(IntroMember)}, {Code: string(IntroYouthRes)}, {Code: string(IntroUnionRes)}}

func (c Candidate) validateDates(s *problemSet, today Date) {
	// Map order is random: problems come out in pipeline order, stages
	// outside the pipeline first, by name.
	var unknown []Stage
	for st := range c.Steps {
		if st.Index() < 0 {
			unknown = append(unknown, st)
		}
	}
	slices.Sort(unknown)
	for _, st := range unknown {
		s.err("steps", "Bước %q không có trong quy trình.", "Stage %q is not in the pipeline.", st)
	}
	for _, o := range Stages {
		step, ok := c.Steps[Stage(o.Code)]
		if !ok {
			continue
		}
		if dateWrong(step.Date, today) { // the labels are built for a problem only: a check validates 100,000 of these
			s.date("steps", step.Date, today, "Ngày của bước “"+o.Label.VI+"”", "The date of “"+o.Label.EN+"”")
		}
		s.date("steps", step.Received, today, "Ngày chi bộ nhận quyết định", "The day the cell received the decision")
	}
	s.date("over60_consent", c.Over60Consent.Date, today, "Ngày văn bản đồng ý của Ban Thường vụ Tỉnh ủy",
		"The date of the provincial standing committee's consent")
	s.date("removal_proposal", c.RemovalProposal.Date, today, "Ngày nghị quyết đề nghị xóa tên", "The date of the proposal to remove")
	s.date("youth_union_date", c.YouthUnionDate, today, "Ngày vào Đoàn", "The Youth Union date")
	s.date("discharge_date", c.DischargeDate, today, "Ngày xuất ngũ", "The discharge date")
	s.date("ext_cert.date", c.ExtCert.Date, today, "Ngày cấp giấy chứng nhận", "The certificate date")
	s.date("outcome_date", c.OutcomeDate, today, "Ngày ra khỏi danh sách", "The date of leaving")
}

// Normalize cleans every text field of the class; an enrolment with no
// result yet is "enrolled".
func (c *Class) Normalize() {
	c.Name = Clean(c.Name)
	c.Organiser = Clean(c.Organiser)
	c.Place = Clean(c.Place)
	c.Notes = CleanMultiline(c.Notes)
	c.Enrolments = slices.Clone(c.Enrolments)
	for i := range c.Enrolments {
		e := &c.Enrolments[i]
		e.CertNo = Clean(e.CertNo)
		if e.Result == "" {
			e.Result = ResultEnrolled
		}
	}
}

// Validate checks a class and its enrolments. A pass without a certificate
// date is only a warning: certificates are often printed weeks after the
// results, and the 60-month validity cannot be counted until the date is in.
func (c Class) Validate() Problems {
	var s problemSet
	if strings.TrimSpace(c.Name) == "" {
		s.err("name", "Chưa nhập tên lớp.", "The class needs a name.")
	}
	if c.TargetGroup != "" && !isKnownCode(SourceGroups, string(c.TargetGroup)) {
		s.err("target_group", "Đối tượng %q không có trong danh sách.", "Target group %q is not one of the choices.", c.TargetGroup)
	}
	s.date("start", c.Start, 0, "Ngày khai giảng", "The start date")
	s.date("end", c.End, 0, "Ngày bế giảng", "The end date")
	startOK := c.Start != 0 && isRealDate(c.Start) // an impossible start is reported once, above
	if startOK && c.End != 0 && isRealDate(c.End) && c.End < c.Start {
		s.err("end", "Ngày bế giảng không thể trước ngày khai giảng.", "The class cannot end before it starts.")
	}
	seen := map[ID]bool{}
	for _, e := range c.Enrolments {
		if e.Candidate.IsZero() {
			s.err("enrolments", "Có một dòng học viên chưa chọn người.", "An enrolment has no candidate.")
			continue
		}
		if seen[e.Candidate] {
			s.err("enrolments", "Một người được ghi danh hai lần vào lớp này.", "Someone is enrolled twice in this class.")
		}
		seen[e.Candidate] = true
		if e.Result != "" && !isKnownCode(Results, string(e.Result)) {
			s.err("enrolments", "Kết quả học %q không có trong danh sách.", "Result %q is not one of the choices.", e.Result)
		}
		if e.Result != ResultPassed && (e.CertDate != 0 || e.CertNo != "") {
			s.err("enrolments", "Chỉ học viên đạt mới có giấy chứng nhận.", "Only those who passed get a certificate.")
		}
		s.date("enrolments", e.CertDate, 0, "Ngày cấp giấy chứng nhận", "The certificate date")
		if startOK && e.CertDate != 0 && e.CertDate < c.Start {
			s.err("enrolments", "Ngày cấp giấy chứng nhận không thể trước ngày khai giảng.",
				"A certificate cannot be dated before the class started.")
		}
		if e.Result == ResultPassed && e.CertDate == 0 {
			s.warn("enrolments", "Có học viên đạt nhưng chưa ghi ngày cấp giấy chứng nhận.",
				"Someone passed but the certificate date is not recorded.")
		}
	}
	return s.p
}

// Normalize cleans every text field of the meeting.
func (m *Meeting) Normalize() {
	m.Chair = Clean(m.Chair)
	m.Secretary = Clean(m.Secretary)
	m.Notes = CleanMultiline(m.Notes)
	m.Items = slices.Clone(m.Items)
	for i := range m.Items {
		m.Items[i].Note = CleanMultiline(m.Items[i].Note)
	}
}

// Validate checks a meeting's attendance and the votes on its agenda.
func (m Meeting) Validate() Problems {
	var s problemSet
	if m.Cell.IsZero() {
		s.err("cell", "Chưa chọn chi bộ họp.", "Choose the cell that met.")
	}
	switch {
	case m.Date == 0:
		s.err("date", "Chưa nhập ngày họp.", "The meeting date is missing.")
	case !isRealDate(m.Date):
		s.err("date", "Ngày họp %s không có trong lịch.", "Meeting date %s is not a calendar date.", m.Date)
	}
	if !isKnownCode(MeetingKinds, string(m.Kind)) {
		s.err("kind", "Chưa chọn loại cuộc họp.", "Choose the kind of meeting.")
	}
	if m.Members < 0 || m.Attached < 0 || m.ExemptAbsent < 0 || m.Present < 0 {
		s.err("members", "Số đảng viên không thể âm.", "Member counts cannot be negative.")
	}
	if m.Present > m.Members {
		s.err("present", "Số có mặt (%d) nhiều hơn số đảng viên của chi bộ (%d).",
			"More members present (%d) than the cell has (%d).", m.Present, m.Members)
	}
	if m.Attached+m.ExemptAbsent > m.Members {
		s.err("attached", "Số sinh hoạt tạm thời nơi khác và miễn sinh hoạt vắng mặt vượt số đảng viên.",
			"Attached and exempt-absent members exceed the membership.")
	}
	seen := map[ID]bool{}
	for _, it := range m.Items {
		if it.Candidate.IsZero() {
			s.err("items", "Có một mục chưa chọn người được xét.", "An agenda item has no candidate.")
			continue
		}
		if seen[it.Candidate] {
			s.err("items", "Một người được đưa ra xét hai lần trong cuộc họp.", "Someone is on the agenda twice.")
		}
		seen[it.Candidate] = true
		if it.Decision != DecisionNone && !isKnownCode(Decisions, string(it.Decision)) {
			s.err("items", "Kết quả xét %q không có trong danh sách.", "Result %q is not one of the choices.", it.Decision)
		}
		if it.For < 0 || it.Against < 0 {
			s.err("items", "Số phiếu không thể âm.", "Vote counts cannot be negative.")
		}
		if it.For+it.Against > m.Present {
			s.err("items", "Số tán thành (%d) và không tán thành (%d) vượt số có mặt (%d).",
				"Votes for (%d) and against (%d) exceed those present (%d).", it.For, it.Against, m.Present)
		}
	}
	return s.p
}
