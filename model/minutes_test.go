package model

import (
	"strings"
	"testing"
)

func mnFixture() MeetingPapers {
	a := plCandidate(StageComments)
	a.Ethnicity, a.HomeTown, a.Occupation, a.Education = "1", "Xã Trường Sơn, tỉnh Thanh Hóa", "Nông dân", "12/12"
	b := plCandidate(StageComments)
	b.ID, b.FullName, b.DOB = plOtherID, "Trần Thị Bích\x1b[31m", plDate("05/09/2007")
	m := Meeting{ID: ID{8}, Date: plDate("05/01/2026"), Kind: MeetingAdmission, Members: 12, Attached: 1, ExemptAbsent: 1,
		Present: 9, Chair: "Lê Văn Bình", Secretary: "Phạm Thị Dung",
		Items: []AgendaItem{
			{Candidate: plID, Decision: DecisionApprove, For: 7, Against: 2, Note: "Gương mẫu\ntrong Đoàn", DocNo: "12-NQ/CB"},
			{Candidate: plOtherID, Decision: DecisionDefer, For: 5, Against: 4, Note: "Chưa đủ 18 tuổi"},
			{Candidate: ID{0x77}},
		},
		Notes: "Giao đồng chí Bình hoàn thiện hồ sơ."}
	cell := Cell{Name: "Chi bộ thôn Đông", Secretary: "Lê Văn Bình", ProbationaryMembers: 2}
	return MeetingPapers{Meeting: m, Cell: cell, Agenda: map[ID]Candidate{plID: a, plOtherID: b},
		Settings: Settings{Commune: "Đảng bộ xã Trường Sơn"}, Classes: []Class{plClass(plID, ResultPassed, "18/04/2025")}}
}

// lines are the document's lines as plain text, for looking lines up.
func lines(d Doc) map[string]bool {
	have := map[string]bool{}
	for _, l := range strings.Split(d.PlainText(), "\n") {
		have[l] = true
	}
	return have
}

func TestMinutesKeyLines(t *testing.T) {
	p := mnFixture()
	d := MinutesDoc(p)
	text := d.PlainText()
	have := lines(d)
	for _, want := range []string{
		// The letterhead: two columns, the number and the date as 36-HD/VPTW sets.
		"ĐẢNG BỘ XÃ TRƯỜNG SƠN / CHI BỘ THÔN ĐÔNG / * / Số      -BB/CB | ĐẢNG CỘNG SẢN VIỆT NAM /  / Trường Sơn, ngày 05 tháng 01 năm 2026",
		"BIÊN BẢN",
		"Họp chi bộ xét đề nghị kết nạp đảng viên",
		"Chủ trì: đồng chí Lê Văn Bình, Bí thư chi bộ.",
		"Thư ký: đồng chí Phạm Thị Dung, chức vụ …….",
		"Tổng số đảng viên của chi bộ: 14 đồng chí (chính thức 12, dự bị 2); đảng viên chính thức sinh hoạt tạm thời nơi khác: 1 đồng chí; được miễn công tác và sinh hoạt đảng, vắng mặt: 1 đồng chí.",
		"Có mặt: 9 đồng chí đảng viên chính thức và …… đồng chí đảng viên dự bị; vắng mặt: 1 đồng chí chính thức (lý do: ……).",
		"Số đảng viên chính thức làm căn cứ biểu quyết: 10 đồng chí.",
		"1. Quần chúng Nguyễn Văn An",
		"b) Ý kiến thảo luận: Gương mẫu trong Đoàn",
		"c) Biểu quyết: 7/10 đồng chí tán thành, đạt 70% so với tổng số đảng viên chính thức; 2 đồng chí không tán thành (đạt hai phần ba, cần ít nhất 7 đồng chí).",
		"d) Kết quả xét: Tán thành. Chi bộ đề nghị cấp ủy có thẩm quyền xem xét, quyết định kết nạp quần chúng Nguyễn Văn An vào Đảng Cộng sản Việt Nam. (Nghị quyết số 12-NQ/CB.)",
		"2. Quần chúng Trần Thị Bích",
		"c) Biểu quyết: 5/10 đồng chí tán thành, đạt 50% so với tổng số đảng viên chính thức; 4 đồng chí không tán thành (không đạt hai phần ba, cần ít nhất 7 đồng chí).",
		"d) Kết quả xét: Hoãn xét.",
		"Chưa xét, để lại cuộc họp sau",
		"(không tìm thấy hồ sơ).",
		"Giao đồng chí Bình hoàn thiện hồ sơ.",
		// The secretary's block starts a line lower: the names stand level.
		" / THƯ KÝ / (ký, ghi rõ họ tên) /  /  /  / Phạm Thị Dung | T/M CHI BỘ / BÍ THƯ / (ký, ghi rõ họ tên) /  /  /  / Lê Văn Bình",
	} {
		if !have[want] {
			t.Errorf("minutes lack the line %q:\n%s", want, text)
		}
	}
	// The summary says who the person is, from the record and the class.
	for _, want := range []string{"sinh ngày 15/03/2000", "tuổi đời tính đến ngày họp: 25 tuổi 9 tháng", "dân tộc: Kinh", "tôn giáo: không",
		"quê quán: Xã Trường Sơn, tỉnh Thanh Hóa", "nghề nghiệp: Nông dân", "giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng ngày 18/04/2025",
		"người giới thiệu: đồng chí"} {
		if !strings.Contains(text, want) {
			t.Errorf("the summary lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "0/10") {
		t.Errorf("the minutes show a vote for the undecided item:\n%s", text)
	}
	if strings.ContainsRune(text, '\x1b') {
		t.Error("the minutes carry an escape sequence from a name")
	}
	if d.Size != DocBodySize || d.Landscape {
		t.Errorf("minutes set in %v pt, landscape %v", d.Size, d.Landscape)
	}
}

// A chair who is not the cell's secretary signs as chair, not for the cell.
func TestMinutesChairWhoIsNotTheSecretary(t *testing.T) {
	p := mnFixture()
	p.Meeting.Chair = "Hà Văn Phó"
	text := MinutesDoc(p).PlainText()
	if !strings.Contains(text, "Chủ trì: đồng chí Hà Văn Phó, chức vụ …….") || !strings.Contains(text, "| CHỦ TRÌ / (ký, ghi rõ họ tên)") ||
		strings.Contains(text, "T/M CHI BỘ") {
		t.Fatalf("minutes chaired by a deputy:\n%s", text)
	}
}

func TestMinutesReviewWithoutVotes(t *testing.T) {
	p := mnFixture()
	p.Meeting.Kind = MeetingReview
	p.Cell.Name = "Thôn Tây"
	p.Meeting.Items = []AgendaItem{{Candidate: plID, Decision: DecisionApprove}}
	text := MinutesDoc(p).PlainText()
	if !strings.Contains(text, "CHI BỘ THÔN TÂY") || !strings.Contains(text, "Họp chi bộ rà soát nguồn phát triển đảng viên") ||
		strings.Contains(text, "Biểu quyết:") || strings.Contains(text, "đề nghị cấp ủy") {
		t.Fatalf("review minutes:\n%s", text)
	}
	if docs := MeetingDocs(p); len(docs) != 1 || docs[0].Kind != DocMinutes {
		t.Fatalf("a review has no resolution, got %d documents", len(docs))
	}
	p.Meeting.Items = nil
	if text := MinutesDoc(p).PlainText(); !strings.Contains(text, "Không có người nào được xét.") {
		t.Fatalf("empty agenda:\n%s", text)
	}
}

// Someone the cell did not decide about is not minuted with a result: the
// minutes list them apart, as left for a later meeting.
func TestMinutesLeaveTheUndecidedApart(t *testing.T) {
	a, b := Candidate{ID: ID{1}, FullName: "Lê Văn An"}, Candidate{ID: ID{2}, FullName: "Trần Thị Bé"}
	m := Meeting{Date: NewDate(2026, 3, 10), Kind: MeetingAdmission, Members: 10, Present: 9,
		Items: []AgendaItem{{Candidate: a.ID}, {Candidate: b.ID, Decision: DecisionApprove, For: 9}}}
	text := MinutesDoc(MeetingPapers{Meeting: m, Cell: Cell{Name: "Chi bộ thôn Đông"}, Agenda: map[ID]Candidate{a.ID: a, b.ID: b}}).PlainText()
	later := strings.Index(text, "Chưa xét, để lại cuộc họp sau")
	if later < 0 || strings.Index(text, "Lê Văn An") < later || !strings.Contains(text, "1. Quần chúng Trần Thị Bé") {
		t.Errorf("the undecided are not listed apart:\n%s", text)
	}
	// Without a commune or a secretary the blanks are left for the clerk.
	if !strings.Contains(text, "ĐẢNG BỘ …… / CHI BỘ THÔN ĐÔNG") || !strings.Contains(text, "| ĐẢNG CỘNG SẢN VIỆT NAM /  / ……, ngày 10 tháng 3 năm 2026") {
		t.Errorf("letterhead without a commune:\n%s", text)
	}
}

func TestResolutions(t *testing.T) {
	p := mnFixture()
	docs := MeetingDocs(p)
	if len(docs) != 2 || docs[1].Kind != DocAdmission || docs[1].Candidate != plID || docs[1].Name != "Nguyễn Văn An" {
		t.Fatalf("an admission meeting with one approval gives the minutes and one resolution, got %+v", docs)
	}
	d := docs[1].Doc
	have := lines(d)
	for _, want := range []string{
		"ĐẢNG BỘ XÃ TRƯỜNG SƠN / CHI BỘ THÔN ĐÔNG / * / Số 12-NQ/CB | ĐẢNG CỘNG SẢN VIỆT NAM /  / Trường Sơn, ngày 05 tháng 01 năm 2026",
		"NGHỊ QUYẾT",
		"Đề nghị kết nạp đảng viên",
		"Ngày 05 tháng 01 năm 2026, Chi bộ thôn Đông đã họp xét đề nghị kết nạp đảng viên đối với quần chúng Nguyễn Văn An.",
		"2. Ưu điểm, khuyết điểm chính: Gương mẫu trong Đoàn",
		"3. Kết quả biểu quyết: có 7/10 đồng chí tán thành việc kết nạp quần chúng Nguyễn Văn An vào Đảng, đạt 70% so với tổng số đảng viên chính thức; 2 đồng chí không tán thành.",
		"Chi bộ đề nghị cấp ủy có thẩm quyền xem xét, quyết định kết nạp quần chúng Nguyễn Văn An vào Đảng Cộng sản Việt Nam.",
		"Nơi nhận: / - Đảng ủy xã Trường Sơn, / - Lưu chi bộ. | T/M CHI BỘ / BÍ THƯ / (ký, ghi rõ họ tên) /  /  /  / Lê Văn Bình",
	} {
		if !have[want] {
			t.Errorf("the resolution lacks the line %q:\n%s", want, d.PlainText())
		}
	}

	// A recognition meeting: the resolution proposing recognition (13-KNĐ).
	c := plCandidate(StageRecognition)
	c.Steps[StageDecision] = Step{Date: plDate("02/03/2025"), DocNo: "125-QĐ/ĐU"}
	c.Steps[StageProbation] = Step{Date: plDate("20/03/2025")}
	// The number entered on the person's step of that day serves when the
	// meeting's item has none.
	c.Steps[StageRecognition] = Step{Date: plDate("05/01/2026"), DocNo: "03-NQ/CB"}
	p.Meeting.Kind = MeetingRecognition
	p.Meeting.Items = []AgendaItem{{Candidate: plID, Decision: DecisionApprove, For: 9}, {Candidate: plOtherID, Decision: DecisionReject, Against: 8}}
	p.Agenda[plID] = c
	docs = MeetingDocs(p)
	if len(docs) != 2 || docs[1].Kind != DocRecognition {
		t.Fatalf("a recognition meeting with one approval and one rejection gives two documents, got %d", len(docs))
	}
	text := docs[1].Doc.PlainText()
	for _, want := range []string{"Đề nghị công nhận đảng viên chính thức", "Số 03-NQ/CB",
		"kết nạp vào Đảng theo Quyết định số 125-QĐ/ĐU ngày 02/03/2025 của Ban Thường vụ Đảng ủy xã",
		"lễ kết nạp ngày 20/03/2025; hết thời gian dự bị ngày 20/03/2026",
		"có 9/10 đồng chí tán thành việc công nhận đồng chí Nguyễn Văn An là đảng viên chính thức, đạt 90% so với tổng số đảng viên chính thức",
		"quyết định công nhận đồng chí Nguyễn Văn An là đảng viên chính thức."} {
		if !strings.Contains(text, want) {
			t.Errorf("the recognition resolution lacks %q:\n%s", want, text)
		}
	}
	// The minutes say the cell proposes removal for the one it rejected.
	if m := MinutesDoc(p).PlainText(); !strings.Contains(m, "quyết định xóa tên đồng chí Trần Thị Bích") {
		t.Errorf("minutes lack the removal proposal:\n%s", m)
	}
}

func TestVietDateAndPlace(t *testing.T) {
	for _, c := range []struct {
		d    Date
		want string
	}{
		{NewDate(2026, 3, 5), "ngày 05 tháng 3 năm 2026"},
		{NewDate(2026, 2, 15), "ngày 15 tháng 02 năm 2026"},
		{NewDate(2026, 12, 31), "ngày 31 tháng 12 năm 2026"},
		{0, "ngày … tháng … năm …"},
	} {
		if got := VietDate(c.d); got != c.want {
			t.Errorf("VietDate(%v) = %q, want %q", c.d, got, c.want)
		}
	}
	for in, want := range map[string]string{"Đảng bộ xã Trường Sơn": "Trường Sơn", "Đảng bộ phường Ba Đình": "Ba Đình",
		"Đảng bộ thị trấn Nông Cống": "Nông Cống", "Trường Sơn": "Trường Sơn", "": ""} {
		if got := PlaceOf(in); got != want {
			t.Errorf("PlaceOf(%q) = %q, want %q", in, got, want)
		}
	}
	if got := docPercent(2, 3); got != "66,7%" {
		t.Errorf("docPercent(2, 3) = %q", got)
	}
}
