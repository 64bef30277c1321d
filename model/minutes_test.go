package model

import (
	"strings"
	"testing"
)

func mnFixture() (Meeting, Cell, map[ID]Candidate, Settings) {
	a := plCandidate(StageComments)
	b := plCandidate(StageComments)
	b.ID, b.FullName, b.DOB = plOtherID, "Trần Thị Bích\x1b[31m", plDate("05/09/2007")
	m := Meeting{ID: ID{8}, Date: plDate("05/01/2026"), Kind: MeetingAdmission, Members: 12, Attached: 1, ExemptAbsent: 1,
		Present: 9, Chair: "Lê Văn Bình", Secretary: "Phạm Thị Dung",
		Items: []AgendaItem{
			{Candidate: plID, Decision: DecisionApprove, For: 7, Against: 2, Note: "Gương mẫu\ntrong Đoàn"},
			{Candidate: plOtherID, Decision: DecisionDefer, For: 5, Against: 4, Note: "Chưa đủ 18 tuổi"},
			{Candidate: ID{0x77}},
		},
		Notes: "Giao đồng chí Bình hoàn thiện hồ sơ."}
	cell := Cell{Name: "Chi bộ thôn Đông", Secretary: "Lê Văn Bình"}
	return m, cell, map[ID]Candidate{plID: a, plOtherID: b}, Settings{Commune: "Đảng bộ xã Trường Sơn"}
}

func TestMinutesKeyLines(t *testing.T) {
	m, cell, cands, settings := mnFixture()
	tests := []struct {
		lang  Lang
		lines []string
	}{
		{VI, []string{
			"ĐẢNG BỘ XÃ TRƯỜNG SƠN",
			"CHI BỘ THÔN ĐÔNG",
			"# BIÊN BẢN HỌP CHI BỘ",
			"- Ngày họp: 05/01/2026",
			"- Nội dung: Xét đề nghị kết nạp",
			"- Chủ trì: Lê Văn Bình",
			"- Tổng số đảng viên chính thức: 12",
			"- Sinh hoạt tạm thời nơi khác: 1",
			"- Miễn sinh hoạt, vắng mặt: 1",
			"- Có mặt: 9",
			"- Số đảng viên làm căn cứ biểu quyết: 10",
			"1. Nguyễn Văn An, sinh ngày 15/03/2000",
			"   - Kết quả xét: Tán thành",
			"   - Đề nghị: cấp ủy có thẩm quyền xem xét, quyết định kết nạp",
			"   - Biểu quyết: 7/10 tán thành, 2 không tán thành; đạt hai phần ba (cần ít nhất 7).",
			"   - Ghi chú: Gương mẫu trong Đoàn",
			"2. Trần Thị Bích, sinh ngày 05/09/2007",
			"   - Kết quả xét: Hoãn xét",
			"   - Biểu quyết: 5/10 tán thành, 4 không tán thành; không đạt hai phần ba (cần ít nhất 7).",
			"## Chưa xét, để lại cuộc họp sau",
			"- (không tìm thấy hồ sơ)",
			"Giao đồng chí Bình hoàn thiện hồ sơ.",
			"CHỦ TRÌ                           THƯ KÝ",
			"Lê Văn Bình                       Phạm Thị Dung",
		}},
		{EN, []string{
			"# MINUTES OF THE CELL MEETING",
			"- Date: 05/01/2026",
			"- Purpose: Admission vote",
			"- Voting base: 10",
			"1. Nguyễn Văn An, born 15/03/2000",
			"   - Result: Approve",
			"   - Vote: 7/10 for, 2 against; two-thirds reached (at least 7).",
			"   - Vote: 5/10 for, 4 against; two-thirds not reached (at least 7).",
		}},
	}
	for _, tt := range tests {
		got := Minutes(m, cell, cands, settings, tt.lang)
		have := map[string]bool{}
		for _, l := range strings.Split(got, "\n") {
			have[l] = true
		}
		for _, want := range tt.lines {
			if !have[want] {
				t.Errorf("%s minutes lack the line %q:\n%s", tt.lang, want, got)
			}
		}
		if strings.Contains(got, "0/10") {
			t.Errorf("%s minutes show a vote for the undecided item:\n%s", tt.lang, got)
		}
		if strings.ContainsRune(got, '\x1b') {
			t.Errorf("%s minutes carry an escape sequence from a name", tt.lang)
		}
		if !strings.HasSuffix(got, "\n") || strings.HasSuffix(got, "\n\n") {
			t.Errorf("%s minutes should end with exactly one newline", tt.lang)
		}
	}
}

func TestMinutesReviewWithoutVotes(t *testing.T) {
	m, cell, cands, settings := mnFixture()
	m.Kind = MeetingReview
	cell.Name = "Thôn Tây"
	m.Items = []AgendaItem{{Candidate: plID, Decision: DecisionApprove}}
	got := Minutes(m, cell, cands, settings, VI)
	if !strings.Contains(got, "\nCHI BỘ THÔN TÂY\n") || !strings.Contains(got, "- Nội dung: Rà soát nguồn hằng tháng") || strings.Contains(got, "Biểu quyết:") {
		t.Fatalf("review minutes:\n%s", got)
	}
	m.Items = nil
	if got := Minutes(m, cell, cands, settings, VI); !strings.Contains(got, "Không có người nào được xét.") {
		t.Fatalf("empty agenda:\n%s", got)
	}
}

// Someone the cell did not decide about is not minuted with a result: the
// minutes list them apart, as left for a later meeting.
func TestMinutesLeaveTheUndecidedApart(t *testing.T) {
	a, b := Candidate{ID: ID{1}, FullName: "Lê Văn An"}, Candidate{ID: ID{2}, FullName: "Trần Thị Bé"}
	m := Meeting{Date: NewDate(2026, 3, 10), Kind: MeetingAdmission, Members: 10, Present: 9,
		Items: []AgendaItem{{Candidate: a.ID}, {Candidate: b.ID, Decision: DecisionApprove, For: 9}}}
	text := Minutes(m, Cell{Name: "Chi bộ thôn Đông"}, map[ID]Candidate{a.ID: a, b.ID: b}, Settings{}, VI)
	if strings.Contains(text, "Chưa có") {
		t.Errorf("an undecided person is minuted with no result:\n%s", text)
	}
	later := strings.Index(text, "Chưa xét, để lại cuộc họp sau")
	if later < 0 || strings.Index(text, "Lê Văn An") < later || !strings.Contains(text, "1. Trần Thị Bé") {
		t.Errorf("the undecided are not listed apart:\n%s", text)
	}
}
