package model

import (
	"fmt"
	"strings"
	"time"
)

// The papers of a closed cell meeting: the minutes (biên bản) and, for each
// person the cell approved at an admission or recognition meeting, the
// cell's resolution (Mẫu 6-KNĐ, 13-KNĐ). They are written in Vietnamese,
// whatever the language of the screens, as party documents are, and laid
// out as Hướng dẫn 36-HD/VPTW sets (docs/domain-rules.md §12). What the file
// does not record (the hour, the place, the reasons for absence, guests) is
// left as a dotted blank that the clerk fills in before printing.

// MeetingPapers is what the documents of a closed meeting are written from.
type MeetingPapers struct {
	Meeting  Meeting
	Cell     Cell
	Settings Settings
	// Agenda holds the full records of the people on the agenda.
	Agenda map[ID]Candidate
	// Classes give the awareness-class certificates.
	Classes []Class
	// Made is when the documents are made (the files' properties).
	Made time.Time
}

// Kinds of meeting document.
const (
	DocMinutes     = "minutes"
	DocAdmission   = "admission"   // Mẫu 6-KNĐ
	DocRecognition = "recognition" // Mẫu 13-KNĐ
)

// MeetingDoc is one document of a meeting.
type MeetingDoc struct {
	Kind string
	// Candidate is the person a resolution is about (zero for the minutes).
	Candidate ID
	// Name is the person's name, or the cell's for the minutes.
	Name string
	Doc  Doc
}

// blank is what a fact the file does not hold is written as.
const blank = "……"

// MeetingDocs writes the minutes of a meeting, then a resolution for each
// person the cell approved at an admission or a recognition meeting.
func MeetingDocs(p MeetingPapers) []MeetingDoc {
	out := []MeetingDoc{{Kind: DocMinutes, Name: Clean(p.Cell.Name), Doc: MinutesDoc(p)}}
	for _, it := range p.Meeting.Items {
		if d, kind, ok := ResolutionDoc(p, it); ok {
			out = append(out, MeetingDoc{Kind: kind, Candidate: it.Candidate, Name: Clean(p.Agenda[it.Candidate].FullName), Doc: d})
		}
	}
	return out
}

// cellTitle is the cell's name as it heads its documents: "Chi bộ thôn
// Đông" (a cell named just "Thôn Đông" gets "Chi bộ" in front).
func cellTitle(c Cell) string {
	name := Clean(c.Name)
	if name == "" {
		return "Chi bộ " + blank
	}
	if !strings.HasPrefix(Fold(name), "chi bo ") {
		name = "Chi bộ " + name
	}
	return name
}

// above is the party organisation above the cell, as its letterhead names it.
func above(s Settings) string {
	if c := Clean(s.Commune); c != "" {
		return c
	}
	return "Đảng bộ " + blank
}

// committeeOf is the committee of the party organisation: "Đảng bộ xã
// Trường Sơn" gives "Đảng ủy xã Trường Sơn", to whom resolutions are sent.
func committeeOf(s Settings) string {
	c := Clean(s.Commune)
	if strings.HasPrefix(Fold(c), "dang bo ") {
		return "Đảng ủy " + strings.Join(strings.Fields(c)[2:], " ")
	}
	if c == "" {
		return "Đảng ủy cấp trên"
	}
	return c
}

// chairLine names the chair with the position the file knows.
func chairLine(m Meeting, cell Cell) string {
	name := Clean(m.Chair)
	switch {
	case name == "":
		return "đồng chí " + blank + ", chức vụ " + blank
	case name == Clean(cell.Secretary):
		return "đồng chí " + name + ", Bí thư chi bộ"
	}
	return "đồng chí " + name + ", chức vụ " + blank
}

func secretaryLine(m Meeting) string {
	name := Clean(m.Secretary)
	if name == "" {
		name = blank
	}
	return "đồng chí " + name + ", chức vụ " + blank
}

// docPercent writes n of base as a percentage, "95,2%", "100%".
func docPercent(n, base int) string {
	if base <= 0 {
		return "–"
	}
	s := strings.TrimSuffix(Rate(n, base, VI), "%")
	return strings.TrimSuffix(s, ",0") + "%"
}

// voteSentence is the vote as party documents write it: "40/42 đồng chí
// tán thành, đạt 95,2% so với tổng số đảng viên chính thức".
func voteSentence(v Vote) string { return voteOn(v, "") }

// voteOn is the vote on what ("việc kết nạp quần chúng …"): "40/42 đồng
// chí tán thành việc …, đạt 95,2% so với tổng số đảng viên chính thức".
func voteOn(v Vote, what string) string {
	if what != "" {
		what = " " + what
	}
	s := fmt.Sprintf("%d/%d đồng chí tán thành%s, đạt %s so với tổng số đảng viên chính thức", v.For, v.Base(), what, docPercent(v.For, v.Base()))
	if v.Against > 0 {
		s += fmt.Sprintf("; %d đồng chí không tán thành", v.Against)
	}
	return s
}

// attendance is the paragraphs on who belongs to the cell, who came, and
// the base the votes count against.
func attendance(m Meeting, cell Cell) []Para {
	base := m.VoteFor(AgendaItem{}).Base()
	prob := cell.ProbationaryMembers
	absent := "không có"
	if n := base - m.Present; n > 0 {
		absent = fmt.Sprintf("%d đồng chí chính thức (lý do: %s)", n, blank)
	}
	present := fmt.Sprintf("Có mặt: %d đồng chí đảng viên chính thức", m.Present)
	if prob > 0 {
		present += " và " + blank + " đồng chí đảng viên dự bị"
	}
	return []Para{
		docBody(plain(fmt.Sprintf("Tổng số đảng viên của chi bộ: %d đồng chí (chính thức %d, dự bị %d); đảng viên chính thức sinh hoạt tạm thời nơi khác: %d đồng chí; được miễn công tác và sinh hoạt đảng, vắng mặt: %d đồng chí.",
			m.Members+prob, m.Members, prob, m.Attached, m.ExemptAbsent))),
		docBody(plain(present + "; vắng mặt: " + absent + ".")),
		docBody(plain(fmt.Sprintf("Số đảng viên chính thức làm căn cứ biểu quyết: %d đồng chí.", base))),
	}
}

// summary is what the documents say about a person: their particulars
// for an admission; their admission and probation for a recognition.
func summary(c Candidate, kind MeetingKind, at Date, classes []Class) string {
	var parts []string
	add := func(label, v string) {
		if v = Clean(v); v != "" {
			parts = append(parts, label+v)
		}
	}
	add("sinh ngày ", c.DOB.String())
	if c.DOB != 0 && at != 0 {
		months := MonthsBetween(c.DOB, at)
		add("tuổi đời tính đến ngày họp: ", fmt.Sprintf("%d tuổi %d tháng", months/12, months%12))
	}
	add("giới tính: ", Label(Sexes, string(c.Sex), VI))
	add("dân tộc: ", Label(Ethnicities, c.Ethnicity, VI))
	add("tôn giáo: ", strings.ToLower(Label(Religions, c.Religion, VI)))
	add("quê quán: ", c.HomeTown)
	addr := c.CurrentAddress
	if addr == "" {
		addr = c.Address
	}
	add("nơi cư trú: ", addr)
	add("nghề nghiệp: ", c.Occupation)
	add("trình độ giáo dục phổ thông: ", c.Education)
	add("chuyên môn: ", c.Professional)
	if kind == MeetingRecognition {
		dec := c.Steps[StageDecision]
		s := "kết nạp vào Đảng theo Quyết định số " + orBlank(dec.DocNo) + " ngày " + orBlank(dec.Date.String())
		if c.DecisionBody != "" {
			s += " của " + Label(DecidingBodies, string(c.DecisionBody), VI)
		}
		parts = append(parts, s)
		if ce := c.StageDate(StageProbation); ce != 0 {
			parts = append(parts, "lễ kết nạp ngày "+ce.String(), "hết thời gian dự bị ngày "+ce.AddMonths(12).String())
		}
		return strings.Join(parts, "; ") + "."
	}
	if c.YouthUnion {
		s := "đoàn viên Đoàn TNCS Hồ Chí Minh"
		if c.YouthUnionDate != 0 {
			s += " (vào Đoàn ngày " + c.YouthUnionDate.String() + ")"
		}
		parts = append(parts, s)
	}
	if cert := BestCert(c, classes, at); cert != 0 {
		parts = append(parts, "giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng ngày "+cert.String())
	}
	var intro []string
	for _, in := range c.Introducers {
		switch in.Kind {
		case IntroMember:
			intro = append(intro, "đồng chí "+Clean(in.Name))
		default:
			s := "Nghị quyết"
			if in.DocNo != "" {
				s += " số " + Clean(in.DocNo)
			}
			intro = append(intro, s+" của "+Clean(in.Name))
		}
	}
	if len(intro) > 0 {
		parts = append(parts, "người giới thiệu: "+strings.Join(intro, ", "))
	}
	return strings.Join(parts, "; ") + "."
}

func orBlank(s string) string {
	if s = Clean(s); s == "" {
		return blank
	}
	return s
}

// subject is what a meeting of kind is held for.
func subject(kind MeetingKind) string {
	switch kind {
	case MeetingAdmission:
		return "xét đề nghị kết nạp đảng viên"
	case MeetingRecognition:
		return "xét đề nghị công nhận đảng viên chính thức"
	}
	return "rà soát nguồn phát triển đảng viên"
}

// personTitle is how the documents name someone the cell considers.
func personTitle(kind MeetingKind, name string) string {
	if kind == MeetingRecognition {
		return "đảng viên dự bị " + name
	}
	return "quần chúng " + name
}

// proposalOf is what the cell's resolution of a meeting of kind proposes
// to the committee with authority when the cell decided d: the cell never
// decides an admission, a recognition or a removal itself.
func proposalOf(kind MeetingKind, d Decision, name string) (string, bool) {
	switch {
	case kind == MeetingAdmission && d == DecisionApprove:
		return "Chi bộ đề nghị cấp ủy có thẩm quyền xem xét, quyết định kết nạp quần chúng " + name + " vào Đảng Cộng sản Việt Nam.", true
	case kind == MeetingRecognition && d == DecisionApprove:
		return "Chi bộ đề nghị cấp ủy có thẩm quyền xem xét, quyết định công nhận đồng chí " + name + " là đảng viên chính thức.", true
	case kind == MeetingRecognition && d == DecisionReject:
		return "Chi bộ đề nghị cấp ủy có thẩm quyền xem xét, quyết định xóa tên đồng chí " + name + " trong danh sách đảng viên.", true
	}
	return "", false
}

// title is a document's centred title, its subject below and a short rule.
func title(t, sub string) []Block {
	return []Block{
		docBold(t, AlignCenter).Sized(15).Spaced(12).Kept(),
		docBold(sub, AlignCenter).Kept(),
		docP("-----", AlignCenter),
	}
}

func heading(s string) Para { return docBold(s, AlignLeft).Spaced(6).Kept() }

// nameOf is the name of an agenda candidate, or a note that the record is gone.
func nameOf(p MeetingPapers, id ID) (string, bool) {
	c, ok := p.Agenda[id]
	if !ok || Clean(c.FullName) == "" {
		return "(không tìm thấy hồ sơ)", false
	}
	return Clean(c.FullName), true
}

// MinutesDoc writes the minutes of a meeting. Only those the cell decided
// about are minuted with a result; the others are listed apart, as left
// for a later meeting (their files were not changed).
func MinutesDoc(p MeetingPapers) Doc {
	m, cell := p.Meeting, p.Cell
	d := Doc{Title: "Biên bản họp " + cellTitle(cell) + " ngày " + m.Date.String(), Subject: subject(m.Kind),
		Created: p.Made, Size: DocBodySize}
	add := func(b ...Block) { d.Blocks = append(d.Blocks, b...) }
	add(letterhead(above(p.Settings), cellTitle(cell), "Số      -BB/CB", PlaceOf(p.Settings.Commune), m.Date))
	add(title("BIÊN BẢN", "Họp chi bộ "+subject(m.Kind))...)
	add(docBody(plain(fmt.Sprintf("Hôm nay, vào hồi %s giờ %s phút, %s, tại %s, %s họp để %s.",
		blank, blank, VietDate(m.Date), blank, cellTitle(cell), subject(m.Kind)))))

	add(heading("I. THÀNH PHẦN DỰ HỌP"))
	add(docBody(strong("Chủ trì: "), plain(chairLine(m, cell)+".")))
	add(docBody(strong("Thư ký: "), plain(secretaryLine(m)+".")))
	for _, x := range attendance(m, cell) {
		add(x)
	}
	add(docBody(plain("Đại biểu, khách mời: " + blank + ".")))

	add(heading("II. NỘI DUNG"))
	var later []string
	n := 0
	for _, it := range m.Items {
		if it.Decision == DecisionNone {
			name, _ := nameOf(p, it.Candidate)
			later = append(later, name)
			continue
		}
		n++
		for _, x := range minutesItem(p, n, it) {
			add(x)
		}
	}
	if len(m.Items) == 0 {
		add(docBody(plain("Không có người nào được xét.")))
	}
	if len(later) > 0 {
		add(heading("Chưa xét, để lại cuộc họp sau"))
		add(docBody(plain(strings.Join(later, ", ") + ".")))
	}
	if notes := CleanMultiline(m.Notes); notes != "" {
		add(heading("III. Ý KIẾN KHÁC"))
		for _, l := range strings.Split(notes, "\n") {
			add(docBody(plain(l)))
		}
	}
	add(docBody(plain(fmt.Sprintf("Cuộc họp kết thúc vào hồi %s giờ %s phút cùng ngày. Biên bản đã được đọc lại trước chi bộ và được chi bộ nhất trí thông qua.", blank, blank))).Spaced(6).Kept())
	right := signBlock(m.Chair, "CHỦ TRÌ")
	if sec := Clean(cell.Secretary); sec == "" || sec == Clean(m.Chair) {
		right = signBlock(m.Chair, "T/M CHI BỘ", "BÍ THƯ")
	}
	sig := signatures(signBlock(m.Secretary, "THƯ KÝ"), right)
	add(docP("", AlignLeft).Sized(8).Kept(), sig)
	return d
}

// minutesItem is one person's part of the minutes: the summary, the
// discussion, the vote and the result.
func minutesItem(p MeetingPapers, n int, it AgendaItem) []Para {
	m := p.Meeting
	name, found := nameOf(p, it.Candidate)
	ps := []Para{docBold(fmt.Sprintf("%d. %s", n, capitalise(personTitle(m.Kind, name))), AlignLeft).Kept()}
	if found {
		ps = append(ps, docBody(emph("a) Tóm tắt: "), plain(summary(p.Agenda[it.Candidate], m.Kind, m.Date, p.Classes))))
	}
	note := strings.ReplaceAll(CleanMultiline(it.Note), "\n", " ")
	if note == "" {
		note = blank
	}
	ps = append(ps, docBody(emph("b) Ý kiến thảo luận: "), plain(note)))
	// A monthly review usually decides by consensus: counts only when a vote was taken.
	if it.For+it.Against > 0 || m.Kind != MeetingReview && (it.Decision == DecisionApprove || it.Decision == DecisionReject) {
		v := m.VoteFor(it)
		verdict := "đạt hai phần ba"
		if !v.Passes() {
			verdict = "không đạt hai phần ba"
		}
		ps = append(ps, docBody(emph("c) Biểu quyết: "), plain(fmt.Sprintf("%s (%s, cần ít nhất %d đồng chí).", voteSentence(v), verdict, NeededVotes(v.Base())))))
	}
	result := Label(Decisions, string(it.Decision), VI) + "."
	if prop, ok := proposalOf(m.Kind, it.Decision, name); ok {
		result += " " + prop
	}
	if no := resolutionNo(m, it, p.Agenda[it.Candidate]); no != "" {
		result += " (Nghị quyết số " + no + ".)"
	}
	return append(ps, docBody(emph("d) Kết quả xét: "), plain(result)))
}

// resolutionNo is the number of the cell's resolution about an agenda
// item: as entered at the meeting, else as the person's record has it for
// the step that meeting decided (the same resolution, entered on the file).
func resolutionNo(m Meeting, it AgendaItem, c Candidate) string {
	if no := Clean(it.DocNo); no != "" {
		return no
	}
	step := StageCellVote
	if m.Kind == MeetingRecognition {
		step = StageRecognition
	}
	if m.Kind != MeetingReview && it.Decision == DecisionApprove && c.StageDate(step) == m.Date {
		return Clean(c.Steps[step].DocNo)
	}
	return ""
}

// capitalise puts the first letter in capitals.
func capitalise(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// ResolutionDoc writes the cell's resolution about one agenda item: the
// proposal to admit (Mẫu 6-KNĐ) or to recognise as an official member
// (Mẫu 13-KNĐ). ok is false when the item calls for no resolution (or
// its person's record is gone).
func ResolutionDoc(p MeetingPapers, it AgendaItem) (d Doc, kind string, ok bool) {
	m, cell := p.Meeting, p.Cell
	c, found := p.Agenda[it.Candidate]
	if !found || it.Decision != DecisionApprove {
		return Doc{}, "", false
	}
	name := Clean(c.FullName)
	var sub, basis, merits, agreed string
	switch m.Kind {
	case MeetingAdmission:
		kind, sub = DocAdmission, "Đề nghị kết nạp đảng viên"
		basis = "Căn cứ Điều lệ Đảng và hồ sơ đề nghị kết nạp của quần chúng " + name + ", chi bộ đã thảo luận và biểu quyết như sau:"
		merits = "2. Ưu điểm, khuyết điểm chính: "
		agreed = "việc kết nạp quần chúng " + name + " vào Đảng"
	case MeetingRecognition:
		kind, sub = DocRecognition, "Đề nghị công nhận đảng viên chính thức"
		basis = "Căn cứ Điều lệ Đảng và hồ sơ đề nghị công nhận đảng viên chính thức của đồng chí " + name + ", chi bộ đã thảo luận và biểu quyết như sau:"
		merits = "2. Ưu điểm, khuyết điểm trong thời gian dự bị: "
		agreed = "việc công nhận đồng chí " + name + " là đảng viên chính thức"
	default:
		return Doc{}, "", false
	}
	number := "Số      -NQ/CB"
	if no := resolutionNo(m, it, c); no != "" {
		number = "Số " + no
	}
	d = Doc{Title: "Nghị quyết " + strings.ToLower(sub) + ": " + name, Subject: sub, Created: p.Made, Size: DocBodySize}
	add := func(b ...Block) { d.Blocks = append(d.Blocks, b...) }
	add(letterhead(above(p.Settings), cellTitle(cell), number, PlaceOf(p.Settings.Commune), m.Date))
	add(title("NGHỊ QUYẾT", sub)...)
	add(docBody(plain(capitalise(VietDate(m.Date)) + ", " + cellTitle(cell) + " đã họp " + subject(m.Kind) + " đối với " + personTitle(m.Kind, name) + ".")))
	add(docBody(strong("Chủ trì hội nghị: "), plain(chairLine(m, cell)+".")))
	add(docBody(strong("Thư ký hội nghị: "), plain(secretaryLine(m)+".")))
	for _, x := range attendance(m, cell) {
		add(x)
	}
	add(docBody(plain(basis)))
	add(docBody(strong("1. Tóm tắt: "), plain(summary(c, m.Kind, m.Date, p.Classes))))
	note := strings.ReplaceAll(CleanMultiline(it.Note), "\n", " ")
	if note == "" {
		note = blank
	}
	add(docBody(strong(merits), plain(note)))
	add(docBody(strong("3. Kết quả biểu quyết: "), plain("có "+voteOn(m.VoteFor(it), agreed)+".")))
	prop, _ := proposalOf(m.Kind, it.Decision, name)
	add(docBody(strong(prop)))
	sec := Clean(cell.Secretary)
	if sec == "" {
		sec = Clean(m.Chair)
	}
	add(docP("", AlignLeft).Sized(8).Kept(), signatures(receivers(committeeOf(p.Settings), "Lưu chi bộ"), signBlock(sec, "T/M CHI BỘ", "BÍ THƯ")))
	return d, kind, true
}
