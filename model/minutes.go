package model

import (
	"fmt"
	"strings"
)

// minutesText holds the fixed wording of the minutes in both languages.
var minutesText = struct {
	party, title, cell, date, kind, chair, secretary, attendance, members, attached, exempt, present, base,
	agenda, noItems, dob, decision, votes, reached, notReached, need, note, notes, closing, sign, unknown, noDecision,
	proposal, proposeAdmit, proposeRecognise, proposeRemove Text
}{
	party:      Text{"ĐẢNG CỘNG SẢN VIỆT NAM", "COMMUNIST PARTY OF VIETNAM"},
	title:      Text{"BIÊN BẢN HỌP CHI BỘ", "MINUTES OF THE CELL MEETING"},
	cell:       Text{"Chi bộ", "Cell"},
	date:       Text{"Ngày họp", "Date"},
	kind:       Text{"Nội dung", "Purpose"},
	chair:      Text{"Chủ trì", "Chair"},
	secretary:  Text{"Thư ký", "Secretary"},
	attendance: Text{"Thành phần dự họp", "Attendance"},
	members:    Text{"Tổng số đảng viên chính thức", "Official members"},
	attached:   Text{"Sinh hoạt tạm thời nơi khác", "Attached elsewhere"},
	exempt:     Text{"Miễn sinh hoạt, vắng mặt", "Exempt and absent"},
	present:    Text{"Có mặt", "Present"},
	base:       Text{"Số đảng viên làm căn cứ biểu quyết", "Voting base"},
	agenda:     Text{"Kết quả xét từng người", "Result for each candidate"},
	noItems:    Text{"Không có người nào được xét.", "No candidate was considered."},
	dob:        Text{"sinh ngày", "born"},
	decision:   Text{"Kết quả xét", "Result"},
	votes:      Text{"Biểu quyết", "Vote"},
	reached:    Text{"đạt hai phần ba", "two-thirds reached"},
	notReached: Text{"không đạt hai phần ba", "two-thirds not reached"},
	need:       Text{"cần ít nhất", "at least"},
	note:       Text{"Ghi chú", "Note"},
	notes:      Text{"Ý kiến khác", "Other matters"},
	closing:    Text{"Biên bản đã được thông qua trước chi bộ.", "The minutes were read to and approved by the cell."},
	sign:       Text{"(ký, ghi rõ họ tên)", "(signature and full name)"},
	unknown:    Text{"(không tìm thấy hồ sơ)", "(record not found)"},
	noDecision: Text{"Chưa có", "None yet"},
	// The cell's resolution proposes; the committee with authority decides.
	proposal:         Text{"Đề nghị", "Proposal"},
	proposeAdmit:     Text{"cấp ủy có thẩm quyền xem xét, quyết định kết nạp", "the committee with authority decides on admission"},
	proposeRecognise: Text{"cấp ủy có thẩm quyền quyết định công nhận đảng viên chính thức", "the committee with authority decides on recognition as an official member"},
	proposeRemove:    Text{"cấp ủy có thẩm quyền quyết định xóa tên trong danh sách đảng viên", "the committee with authority decides on removal from the list of members"},
}

// Minutes writes the minutes (biên bản) of meeting m as plain text with light
// Markdown, in Vietnamese unless lang is English. cands supplies the names and
// dates of birth of the candidates on the agenda.
func Minutes(m Meeting, cell Cell, cands map[ID]Candidate, settings Settings, lang Lang) string {
	w := &minutesWriter{lang: lang}
	base := Vote{Members: m.Members, Attached: m.Attached, ExemptAbsent: m.ExemptAbsent}.Base()
	w.header(m, cell, settings)
	w.attendance(m, base)
	w.agenda(m, cands, base)
	w.closing(m)
	return strings.TrimRight(w.b.String(), " \n") + "\n"
}

// minutesWriter builds the minutes line by line in one language.
type minutesWriter struct {
	b    strings.Builder
	lang Lang
}

func (w *minutesWriter) in(x Text) string { return x.In(w.lang) }

func (w *minutesWriter) line(format string, args ...any) { fmt.Fprintf(&w.b, format+"\n", args...) }

// header writes the letterhead, the title and what, when and who of the meeting.
func (w *minutesWriter) header(m Meeting, cell Cell, settings Settings) {
	t, in, line := minutesText, w.in, w.line
	commune := strings.ToUpper(Clean(settings.Commune))
	if commune != "" {
		line("%s", commune)
	}
	// Cells are often named "Chi bộ thôn Đông", sometimes just "Thôn Đông".
	cellName := strings.ToUpper(Clean(cell.Name))
	if !strings.HasPrefix(cellName, "CHI BỘ ") {
		cellName = strings.ToUpper(in(t.cell)) + " " + cellName
	}
	line("%s", cellName)
	line("%s", in(t.party))
	line("")
	line("# %s", in(t.title))
	line("")
	line("- %s: %s", in(t.date), m.Date)
	line("- %s: %s", in(t.kind), Label(MeetingKinds, string(m.Kind), w.lang))
	if m.Chair != "" {
		line("- %s: %s", in(t.chair), Clean(m.Chair))
	}
	if m.Secretary != "" {
		line("- %s: %s", in(t.secretary), Clean(m.Secretary))
	}
	line("")
}

// attendance writes the counts of members and the voting base.
func (w *minutesWriter) attendance(m Meeting, base int) {
	t, in, line := minutesText, w.in, w.line
	line("## %s", in(t.attendance))
	line("")
	line("- %s: %d", in(t.members), m.Members)
	line("- %s: %d", in(t.attached), m.Attached)
	line("- %s: %d", in(t.exempt), m.ExemptAbsent)
	line("- %s: %d", in(t.present), m.Present)
	line("- %s: %d", in(t.base), base)
	line("")
}

// agenda writes the decision about each candidate on the agenda.
func (w *minutesWriter) agenda(m Meeting, cands map[ID]Candidate, base int) {
	t, in, line := minutesText, w.in, w.line
	line("## %s", in(t.agenda))
	line("")
	if len(m.Items) == 0 {
		line("%s", in(t.noItems))
		line("")
	}
	// Only those the cell decided are minuted as decided; the others were
	// not considered and wait for a later meeting (their files unchanged).
	var later []string
	n := 0
	for _, it := range m.Items {
		if it.Decision == DecisionNone {
			name := in(t.unknown)
			if c, ok := cands[it.Candidate]; ok {
				name = Clean(c.FullName)
			}
			later = append(later, name)
			continue
		}
		w.item(n, it, m, cands, base)
		n++
	}
	if len(later) > 0 {
		line("## %s", Text{"Chưa xét, để lại cuộc họp sau", "Not considered, left for a later meeting"}.In(w.lang))
		line("")
		for _, name := range later {
			line("- %s", name)
		}
		line("")
	}
}

// item writes the i-th agenda item: who, the decision, the vote, the
// resolution's number and the note.
func (w *minutesWriter) item(i int, it AgendaItem, m Meeting, cands map[ID]Candidate, base int) {
	t, in, line, lang := minutesText, w.in, w.line, w.lang
	c, found := cands[it.Candidate]
	name := in(t.unknown)
	if found {
		name = Clean(c.FullName)
	}
	if found && c.DOB != 0 {
		line("%d. %s, %s %s", i+1, name, in(t.dob), c.DOB)
	} else {
		line("%d. %s", i+1, name)
	}
	dec := in(t.noDecision)
	if it.Decision != DecisionNone {
		dec = Label(Decisions, string(it.Decision), lang)
	}
	line("   - %s: %s", in(t.decision), dec)
	if p, has := proposalOf(m.Kind, it.Decision); has {
		line("   - %s: %s", in(t.proposal), in(p))
	}
	// A monthly review usually decides by consensus, and an undecided item
	// was not voted on; show counts only when a vote was taken.
	if it.For+it.Against > 0 || m.Kind != MeetingReview && (it.Decision == DecisionApprove || it.Decision == DecisionReject) {
		w.votes(m.VoteFor(it), it, base)
	}
	if n := Clean(it.DocNo); n != "" {
		line("   - %s: %s", Text{"Số nghị quyết", "Resolution no."}.In(lang), n)
	}
	if n := CleanMultiline(it.Note); n != "" {
		line("   - %s: %s", in(t.note), strings.ReplaceAll(n, "\n", " "))
	}
}

// proposalOf is what the cell's resolution of a meeting of kind proposes
// to the committee when the cell decided d.
func proposalOf(kind MeetingKind, d Decision) (Text, bool) {
	t := minutesText
	switch {
	case kind == MeetingAdmission && d == DecisionApprove:
		return t.proposeAdmit, true
	case kind == MeetingRecognition && d == DecisionApprove:
		return t.proposeRecognise, true
	case kind == MeetingRecognition && d == DecisionReject:
		return t.proposeRemove, true
	}
	return Text{}, false
}

// votes writes the count of an item's vote v and whether it reached two-thirds.
func (w *minutesWriter) votes(v Vote, it AgendaItem, base int) {
	t, in, line := minutesText, w.in, w.line
	verdict := t.notReached
	if v.Passes() {
		verdict = t.reached
	}
	if w.lang == EN {
		line("   - %s: %d/%d for, %d against; %s (%s %d).", in(t.votes), it.For, base, it.Against,
			in(verdict), in(t.need), NeededVotes(base))
	} else {
		line("   - %s: %d/%d tán thành, %d không tán thành; %s (%s %d).", in(t.votes), it.For, base, it.Against,
			in(verdict), in(t.need), NeededVotes(base))
	}
}

// closing writes the other matters, the approval and the signatures.
func (w *minutesWriter) closing(m Meeting) {
	t, in, line := minutesText, w.in, w.line
	if n := CleanMultiline(m.Notes); n != "" {
		line("")
		line("## %s", in(t.notes))
		line("")
		line("%s", n)
	}
	line("")
	line("%s", in(t.closing))
	line("")
	line("%-34s%s", strings.ToUpper(in(t.chair)), strings.ToUpper(in(t.secretary)))
	line("%-34s%s", in(t.sign), in(t.sign))
	line("")
	line("%-34s%s", Clean(m.Chair), Clean(m.Secretary))
}
