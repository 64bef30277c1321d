package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/model"
)

// Tests for the defects a clerk met (issue 8, sections B and C); each
// failed before its fix.

// deleteFirstCandidate deletes the candidate on the first row of the list.
func deleteFirstCandidate(t *testing.T, h *harness) string {
	t.Helper()
	h.press(h.keys().Tabs[tabSources])
	name := h.app.env.d.rows[h.app.screens[tabSources].(*sourcesScreen).tbl.Selected()].Name
	h.press(h.keys().Delete)
	h.key("y")
	return name
}

func TestStatusExpiresAfterAFewKeys(t *testing.T) {
	h := newHarness(t, true, model.VI)
	deleteFirstCandidate(t, h)
	h.mustSee("Bấm u để hoàn tác")
	for i := 0; i <= statusLife; i++ {
		h.press(h.keys().Down)
	}
	h.mustNotSee("Đã xóa", "hoàn tác")
	n := len(h.app.env.d.rows)
	h.press(h.keys().Undo) // the undo went with its message
	if len(h.app.env.d.rows) != n {
		t.Fatal("u restored a record long after its message had gone")
	}
}

func TestLangSwitchLeavesNoVietnameseStatus(t *testing.T) {
	h := newHarness(t, true, model.VI)
	deleteFirstCandidate(t, h)
	h.press(h.keys().Command)
	h.typeText("lang en")
	h.key("enter")
	h.mustNotSee("Đã xóa")
	h.mustSee("The interface is in English.")
}

func TestUndoSaysRestoredAndStaysOnTheList(t *testing.T) {
	h := newHarness(t, true, model.VI)
	name := deleteFirstCandidate(t, h)
	h.press(h.keys().Undo)
	h.mustSee("Đã hoàn tác việc xóa “" + name + "”")
	h.mustNotSee("Đã lưu.")
	if s := h.app.screens[tabSources].(*sourcesScreen); s.mode != listMode {
		t.Errorf("undo opened mode %d, want the list", s.mode)
	}
}

func TestEnglishCountsOneClass(t *testing.T) {
	h := newHarness(t, true, model.EN)
	dash := h.app.screens[tabDashboard].(*dashboardScreen)
	if got := dash.classesLine(model.Counts{Classes: 1, Enrolled: 1, Passed: 0}); got != "1 class, 1 participant, 0 passed" {
		t.Errorf("one class: %q", got)
	}
	h.mustNotSee("1 classes")
}

func TestEmptyListIsNotANoMatch(t *testing.T) {
	h := newHarness(t, false, model.VI)
	h.press(h.keys().Tabs[tabSources])
	h.mustSee("Chưa có quần chúng nào")
	h.mustNotSee("khớp")
	h2 := newHarness(t, true, model.VI)
	h2.press(h2.keys().Tabs[tabSources])
	h2.press(h2.keys().Filter)
	h2.typeText("zzzzqq")
	h2.mustSee("Không có dòng nào khớp với bộ lọc")
	h2.mustNotSee("Chưa có quần chúng nào")
}

func TestSortArrowStaysOnANarrowColumn(t *testing.T) {
	h := newHarness(t, true, model.VI)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.press(h.keys().Tabs[tabSources])
	h.press(h.keys().Sort) // date of birth
	h.press(h.keys().Sort) // age: a 4-cell column titled "Tuổi"
	header := strings.Split(h.screen(), "\n")[2]
	if !strings.Contains(header, "↑") {
		t.Errorf("no sort arrow on the age column: %q", header)
	}
}

// On a terminal without colours (TERM=dumb) the active tab and the
// selected row still show, by characters.
func TestMarksShowWithoutColour(t *testing.T) {
	h := newHarness(t, true, model.VI)
	h.press(h.keys().Tabs[tabSources])
	lines := strings.Split(h.screen(), "\n")
	if !strings.Contains(lines[0], "[3 Nguồn]") {
		t.Errorf("active tab not marked: %q", lines[0])
	}
	if !strings.HasPrefix(lines[3], "›") || strings.HasPrefix(lines[4], "›") {
		t.Errorf("selected row not marked:\n%s\n%s", lines[3], lines[4])
	}
}

// Keys that write count one each, however fast they come: two spaces in
// one burst move the result two steps.
func TestRosterKeysInABurstAllCount(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.press(k.Tabs[tabClasses])
	h.press(k.Open)
	s := h.app.screens[tabClasses].(*classesScreen)
	if len(s.cur.Enrolments) == 0 {
		t.Fatal("first class has nobody")
	}
	cand := s.cur.Enrolments[0].Candidate
	before := s.cur.Enrolments[0].Result
	// Both key presses reach Update before either save has come back.
	_, c1 := h.app.Update(keyMsg("space"))
	_, c2 := h.app.Update(keyMsg("space"))
	h.run(c1)
	h.run(c2)
	class, _ := h.st.Class(s.cur.ID)
	want := before
	for i := 0; i < 2; i++ {
		for j, o := range model.Results {
			if o.Code == string(want) {
				want = model.EnrolmentResult(model.Results[(j+1)%len(model.Results)].Code)
				break
			}
		}
	}
	for _, en := range class.Enrolments {
		if en.Candidate == cand && en.Result != want {
			t.Errorf("two spaces: %s → %s, want %s", before, en.Result, want)
		}
	}
}

func TestDuplicateCCCDWarnsBeforeSaving(t *testing.T) {
	h := newHarness(t, true, model.VI)
	var other model.CandidateRow
	for _, r := range h.app.env.d.rows {
		if r.CCCD != "" {
			other = r
			break
		}
	}
	fillCandidate(h, "Trần Văn Trùng")
	h.focus("cccd")
	h.typeText(other.CCCD)
	n := len(h.app.env.d.rows)
	h.press(h.keys().Save)
	h.mustSee("Số CCCD này đã có ở hồ sơ", other.Name, "ctrl+o")
	if len(h.app.env.d.rows) != n {
		t.Fatal("a duplicate was saved without a word")
	}
	// ctrl+o opens the other record instead.
	h.press(h.keys().OpenOther)
	s := h.app.screens[tabSources].(*sourcesScreen)
	if s.mode != detailMode || s.cur.ID != other.ID {
		t.Fatalf("ctrl+o opened %v in mode %d", s.cur.FullName, s.mode)
	}
	// Going on: ctrl+s twice saves it anyway.
	h.press(h.keys().Back)
	fillCandidate(h, "Trần Văn Trùng")
	h.focus("cccd")
	h.typeText(other.CCCD)
	h.press(h.keys().Save)
	h.press(h.keys().Save)
	if len(h.app.env.d.rows) != n+1 {
		t.Fatal("ctrl+s again did not save")
	}
}

func TestSameNameAndBirthDateWarns(t *testing.T) {
	h := newHarness(t, true, model.VI)
	other := h.app.env.d.rows[3]
	h.newRecord(tabSources)
	h.fill(model.Fold(other.Name), "nam", other.DOB.String())
	h.focus("source")
	h.typeText("khac")
	h.press(h.keys().Save)
	h.mustSee("cùng ngày sinh", other.Name)
}

func TestClosingNamesTheUndecided(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.press(k.Tabs[tabMeetings])
	s := h.app.screens[tabMeetings].(*meetingsScreen)
	for i, r := range s.tbl.view {
		if m := h.app.env.d.meetings[r]; !m.Closed && len(m.Items) > 1 {
			s.tbl.cursor = i
			break
		}
	}
	h.press(k.Open)
	h.press(k.StartMeeting)
	h.press(k.Defer)
	h.press(k.CloseMeeting)
	h.press(k.CloseMeeting)
	h.mustSee("chưa có kết quả xét", h.app.env.d.candName(s.cur.Items[1].Candidate), "(y/N)")
	h.key("n")
	if m, _ := h.st.Meeting(s.cur.ID); m.Closed {
		t.Fatal("the meeting closed without the clerk's yes")
	}
}

func TestRosterTopAndBottom(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.press(k.Tabs[tabClasses])
	h.press(k.Open)
	s := h.app.screens[tabClasses].(*classesScreen)
	if len(s.cur.Enrolments) < 2 {
		t.Skip("the first class has fewer than two participants")
	}
	h.press(k.Bottom)
	if s.enrol != len(s.cur.Enrolments)-1 {
		t.Errorf("G: row %d of %d", s.enrol, len(s.cur.Enrolments))
	}
	h.press(k.Top)
	if s.enrol != 0 {
		t.Errorf("g: row %d", s.enrol)
	}
}

// The enrolment picker leaves out who is already in the class, ranks a
// match in the person's name above one in the cell's name, and takes j and
// k as letters of the search.
func TestEnrolPickerRanksNamesAndTypesLetters(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.press(k.Tabs[tabClasses])
	h.press(k.Open)
	s := h.app.screens[tabClasses].(*classesScreen)
	h.press(k.Enrol)
	enrolled := map[string]bool{}
	for _, en := range s.cur.Enrolments {
		enrolled[en.Candidate.String()] = true
	}
	for _, o := range s.pick.opts {
		if enrolled[o.Code] {
			t.Fatalf("the picker offers %s, already in the class", o.Label.VI)
		}
	}
	h.typeText("jk")
	if got := s.pick.input.Value(); got != "jk" {
		t.Fatalf("j and k typed %q into the search", got)
	}
	h.key("backspace")
	h.key("backspace")
	// "hoa" is in people's names (Hoàng…) and in cell names (thôn Đông Hòa).
	h.typeText("hoa")
	seenCellOnly := false
	for _, i := range s.pick.matches {
		inName := strings.Contains(s.pick.primary[i], "hoa")
		if !inName {
			seenCellOnly = true
		} else if seenCellOnly {
			t.Fatalf("a name match ranks below a cell match: %q", s.pick.opts[i].Label.VI)
		}
	}
}

func TestChoiceRingStartsAtTheFirstAndClears(t *testing.T) {
	h := newHarness(t, true, model.VI)
	fillCandidate(h, "Lý Thị Vòng")
	h.focus("religion") // optional, set to "none" for a new person
	f := h.app.screens[tabSources].(*sourcesScreen).form
	fl := f.field("religion")
	fl.code = ""
	h.key("right")
	if fl.code != model.Religions[0].Code {
		t.Errorf("right from blank chose %q, want the first option %q", fl.code, model.Religions[0].Code)
	}
	h.key("left")
	if fl.code != "" {
		t.Errorf("an optional choice cannot be cleared: %q", fl.code)
	}
	h.focus("sex") // required: no blank in the ring
	for i := 0; i < 3; i++ {
		h.key("right")
		if f.field("sex").code == "" {
			t.Fatal("a required choice went blank")
		}
	}
}

func TestSlashOnAKeptFilterStartsANewOne(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.press(k.Tabs[tabSources])
	h.press(k.Filter)
	h.typeText("duc")
	h.key("enter")
	h.press(k.Filter)
	h.mustSee("/ duc")
	h.typeText("hoa")
	s := h.app.screens[tabSources].(*sourcesScreen)
	if s.tbl.rawQuery != "hoa" {
		t.Errorf("typing after / gave %q, want a new query", s.tbl.rawQuery)
	}
	h.key("enter")
	h.press(k.Filter)
	h.key("backspace") // editing keeps the rest
	if s.tbl.rawQuery != "ho" {
		t.Errorf("backspace after / gave %q", s.tbl.rawQuery)
	}
}

func TestLongHolidayListScrollsInItsField(t *testing.T) {
	h := newHarness(t, true, model.VI)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.press(h.keys().Command)
	h.typeText("settings")
	h.key("enter")
	h.focus("holidays")
	h.key("end")
	h.typeText(", 31/12/2030")
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.Contains(l, "Ngày nghỉ lễ") && !strings.Contains(l, "31/12/2030") {
			t.Errorf("the end of the list being typed is off screen: %q", l)
		}
	}
}

// Unikey's "aa" → "â" after a: the a opens the advance form, the
// backspace and the â it then sends must not land in the form.
func TestTelexBurstAfterACommandKeyIsDropped(t *testing.T) {
	h := newHarness(t, true, model.VI)
	openCandidate(t, h, func(r model.CandidateRow) bool { return r.Stage == model.StageSource && r.Outcome == "" })
	h.press(h.keys().Advance)
	s := h.app.screens[tabSources].(*sourcesScreen)
	date := s.form.field("date").value()
	h.key("backspace")
	h.typeText("â")
	if got := s.form.field("date").value(); got != date {
		t.Errorf("the burst reached the form: date %q, was %q", got, date)
	}
	// A real edit right after is kept.
	h.key("backspace")
	if got := s.form.field("date").value(); got == date {
		t.Error("a deliberate backspace was dropped")
	}
}

func TestVotesReadAsForOutOfTheBase(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	d := h.app.env.d
	m := model.Meeting{Cell: d.cells[0].ID, Date: model.DateOf(testNow), Kind: model.MeetingAdmission,
		Members: 21, Present: 19, Items: []model.AgendaItem{{Candidate: d.rows[0].ID}}}
	if err := h.st.PutMeeting(&m); err != nil {
		t.Fatal(err)
	}
	d.putMeeting(m)
	h.send(dataChangedMsg{})
	h.send(navigateMsg{tab: tabMeetings})
	s := h.app.screens[tabMeetings].(*meetingsScreen)
	s.cur, s.mode = m, detailMode
	h.press(k.StartMeeting)
	h.press(k.Reject)
	h.press(k.Votes)
	f := s.form
	if f.field("for").value() != "0" || f.field("against").value() != "19" {
		t.Fatalf("x then v: for %q, against %q, want 0 and 19", f.field("for").value(), f.field("against").value())
	}
	h.press(k.Save)
	h.mustSee("Không tán thành (0/21 phiếu tán thành)")
}

// What a line ends with (a date, a count) is wrapped onto the next line at
// 80×24, never cut; a line that must be cut shows "…".
func TestFactsWrapAt80Columns(t *testing.T) {
	h := newHarness(t, true, model.VI)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	r := openCandidate(t, h, func(r model.CandidateRow) bool {
		return r.Outcome == "" && model.MonthsBetween(r.DOB, model.DateOf(testNow)) < 18*12
	})
	eligible := r.DOB.AddMonths(18 * 12).String()
	s := h.app.screens[tabSources].(*sourcesScreen)
	h.press(h.keys().Bottom)
	if !strings.Contains(s.detailView(), eligible) {
		t.Errorf("the under-18 eligibility date %s is cut:\n%s", eligible, s.detailView())
	}
	h.press(h.keys().Tabs[tabMeetings])
	h.press(h.keys().Open)
	m := h.app.screens[tabMeetings].(*meetingsScreen).cur
	base := itoaZ(m.VoteFor(model.AgendaItem{}).Base())
	if !strings.Contains(strings.Join(strings.Fields(h.screen()), " "), "cơ sở tính 2/3: "+base) {
		t.Errorf("the two-thirds base %s is cut:\n%s", base, h.screen())
	}
	if got := fitWidth(strings.Repeat("x", 90), 80); !strings.HasSuffix(got, "…") || len([]rune(got)) != 80 {
		t.Errorf("a cut line: %q", got)
	}
}

func TestCatalogueTerms(t *testing.T) {
	for k, v := range catalog {
		for _, bad := range []string{"NTVĐ", "vượt quy định", "Chi bộ %s"} {
			if strings.Contains(v.VI, bad) {
				t.Errorf("%s says %q: %s", k, bad, v.VI)
			}
		}
	}
}

// On a new file the history names the computer as the clerk named it in
// :settings, not by its raw device ID.
func TestHistoryShowsTheComputersName(t *testing.T) {
	h := newHarness(t, false, model.VI)
	h.newRecord(tabCells)
	h.typeText("Chi bộ thôn Một")
	h.press(h.keys().Save)
	fillCandidate(h, "Lò Văn Pọm")
	h.press(h.keys().Save)
	h.press(h.keys().Advance) // a step writes an event in the history
	h.press(h.keys().Save)
	h.mustSee("(test-device)")
	h.press(h.keys().Command)
	h.typeText("settings")
	h.key("enter")
	h.focus("commune")
	h.typeText("Đảng bộ xã Thử")
	h.focus("device_name")
	h.typeText("Máy văn phòng - chị Hoa")
	h.press(h.keys().Save)
	st, err := h.st.Settings()
	if err != nil || st.Devices["test-device"] != "Máy văn phòng - chị Hoa" {
		t.Fatalf("settings saved %+v, %v", st.Devices, err)
	}
	h.press(h.keys().Tabs[tabSources])
	// The history line may wrap: read the words in order.
	if words := strings.Join(strings.Fields(h.screen()), " "); !strings.Contains(words, "(Máy văn phòng - chị Hoa)") {
		t.Errorf("the history does not name the computer:\n%s", h.screen())
	}
	h.mustNotSee("test-device")
}

// At 80 columns the candidate list does not fit: whole columns give way
// (age, then date of birth) instead of the frame cutting the last one into
// "Số ng…" over days shown as "1…". Wider, every column is back.
func TestNarrowListHidesWholeColumns(t *testing.T) {
	h := newHarness(t, true, model.VI)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.press(h.keys().Tabs[tabSources])
	lines := strings.Split(h.screen(), "\n")
	header := lines[2]
	for _, want := range []string{"Họ và tên", "Nguồn", "Chi bộ", "Bước", "Số ngày"} {
		if !strings.Contains(header, want) {
			t.Errorf("at 80 columns the header lacks %q: %q", want, header)
		}
	}
	if strings.Contains(header, "Tuổi") || strings.Contains(header, "Ngày sinh") {
		t.Errorf("at 80 columns the age and date of birth should give way: %q", header)
	}
	for _, l := range lines[2:12] {
		if w := ansi.StringWidth(l); w > 80 {
			t.Errorf("a line %d cells wide at 80: %q", w, l)
		}
		if strings.HasSuffix(strings.TrimRight(l, " "), "…") {
			t.Errorf("a cut last column: %q", l)
		}
	}
	h.send(tea.WindowSizeMsg{Width: 120, Height: 30})
	header = strings.Split(h.screen(), "\n")[2]
	for _, want := range []string{"Tuổi", "Ngày sinh", "Số ngày"} {
		if !strings.Contains(header, want) {
			t.Errorf("at 120 columns the header lacks %q: %q", want, header)
		}
	}
}
