package ui

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"nguon/model"
)

// No test writes a document into the real Documents folder: unless a test
// names its own, they go to one temporary folder for the whole run.
func init() {
	if os.Getenv("NGUON_DOCS") == "" {
		if dir, err := os.MkdirTemp("", "nguon-ui-docs-"); err == nil {
			os.Setenv("NGUON_DOCS", dir)
		}
	}
}

var xmlTag = regexp.MustCompile(`<[^>]*>`)

// docxText is the text of a Word document's body, paragraphs on lines.
func docxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s is not a DOCX: %v", path, err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		s := strings.ReplaceAll(string(b), "</w:p>", "\n")
		s = xmlTag.ReplaceAllString(s, "")
		return strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">").Replace(s)
	}
	t.Fatalf("%s has no word/document.xml", path)
	return ""
}

// written is the path the status line says a report was written to.
func (h *harness) written(ext string) string {
	h.t.Helper()
	dir := os.Getenv("NGUON_DOCS")
	// The status line may wrap the path: read it from the app, not the screen.
	st := h.app.status
	i := strings.Index(st, dir)
	if i < 0 || !strings.HasSuffix(st, "."+ext) {
		h.t.Fatalf("the status does not give the full path of the %s file: %q", ext, st)
	}
	return st[i:]
}

// :report opens a form, reports "5 tháng đầu năm" with the same figures as
// the command line, and writes Word, Excel and CSV into the documents
// folder, each under a name of its own; q goes back where it came from.
func TestReportScreen(t *testing.T) {
	t.Setenv("NGUON_DOCS", t.TempDir())
	h := newHarness(t, true, model.VI)
	h.press(h.keys().Tabs[tabClasses])
	h.command("report")
	h.mustSee("Báo cáo", "Loại báo cáo", "Kết nạp so với chỉ tiêu", "01/01/2026", "31/12/2026")
	h.press(h.keys().NextField)
	h.press(h.keys().NextField)
	h.key("ctrl+u")
	h.typeText("31/05/2026")
	h.press(h.keys().Save)

	in, err := h.st.ReportInput("targets")
	if err != nil {
		t.Fatal(err)
	}
	in.Today, in.From, in.To = h.app.env.today(), model.NewDate(2026, 1, 1), model.NewDate(2026, 5, 31)
	want, err := model.BuildReport("targets", in, model.VI)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(want.Text()), "\n")
	h.mustSee("ĐẢNG BỘ XÃ TRƯỜNG SƠN", "Kết quả kết nạp từ 01/01/2026 đến 31/05/2026 so với chỉ tiêu năm 2026", lines[len(lines)-1])
	if !strings.HasPrefix(lines[len(lines)-1], "Toàn đảng bộ") {
		t.Fatalf("the last line of the report is not the total: %q", lines[len(lines)-1])
	}

	k := reportKeyMap(model.VI)
	h.press(k.DOCX)
	docx := h.written("docx")
	text := docxText(t, docx)
	total := want.Rows[len(want.Rows)-1]
	for _, w := range append([]string{"ĐẢNG BỘ XÃ TRƯỜNG SƠN", want.Title}, total...) {
		if !strings.Contains(text, w) {
			t.Errorf("the Word report lacks %q:\n%s", w, text)
		}
	}
	h.press(k.DOCX)
	if again := h.written("docx"); again == docx || !strings.HasSuffix(again, "-2.docx") {
		t.Errorf("a second Word file went to %s (the first: %s)", again, docx)
	}
	h.press(k.XLSX)
	if b, err := os.ReadFile(h.written("xlsx")); err != nil || string(b[:2]) != "PK" {
		t.Errorf("the Excel file: %v", err)
	}
	h.press(k.CSV)
	if b, err := os.ReadFile(h.written("csv")); err != nil || !strings.HasPrefix(string(b), "\uFEFFChi bộ,Chỉ tiêu") {
		t.Errorf("the CSV file: %v %q", err, b)
	}
	if entries, _ := os.ReadDir(os.Getenv("NGUON_DOCS")); len(entries) != 4 {
		t.Errorf("the documents folder holds %d files, want 4", len(entries))
	}

	h.press(h.keys().Quit)
	if h.app.active != tabClasses || h.quit {
		t.Fatalf("q on the report went to screen %d (quit %v), want back to the classes", h.app.active, h.quit)
	}
	// Back again: the report is where it was, and another opens at once.
	h.command("baocao camtinh")
	h.mustSee("Quần chúng và danh sách cảm tình Đảng theo chi bộ, nguồn", "Toàn đảng bộ")
	h.mustNotSee("Xóa tên trong kỳ")
	// A wide report scrolls right with its first column kept in place.
	for range 20 {
		h.press(k.Right)
	}
	h.mustSee("Chi bộ thôn Đông Hòa", "Xóa tên trong kỳ", "Toàn đảng bộ")
	h.command("report bieu2")
	h.mustSee("theo các chỉ tiêu của Biểu 2-BTCTW", "Tổng số", "Từ 18 đến 30 tuổi")
}

// A report asked for wrongly is one sentence, in the language on screen.
func TestReportRefusals(t *testing.T) {
	h := newHarness(t, true, model.EN)
	h.command("report nope")
	h.mustSee("There is no report “nope”")
	h.command("report targets 31/02/2026")
	h.mustSee("“31/02/2026” is not a date written dd/mm/yyyy")
	h.command("report targets 01/06/2026 01/01/2026")
	h.mustSee("The start 01/06/2026 is after the end 01/01/2026")
	if h.app.active != tabDashboard {
		t.Errorf("a refused report left the screen at %d", h.app.active)
	}
	// In the form, the sentence stands under the field.
	h.command("report")
	h.press(h.keys().NextField)
	h.key("ctrl+u")
	h.typeText("01/01/2025")
	h.press(h.keys().Save)
	h.mustSee("This report compares with one year's targets")
	h.press(h.keys().Cancel)
	h.key("y")
	if h.app.active != tabDashboard {
		t.Errorf("leaving the form of a report never shown went to screen %d", h.app.active)
	}
}

// Closing an admission meeting writes the minutes and a resolution for the
// person approved, and the status line gives the minutes' full path.
func TestMeetingCloseWritesResolutions(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("NGUON_DOCS", dir)
	h := newHarness(t, true, model.VI)
	k := h.keys()
	cell, ready := readiestCell(t, h)
	h.press(k.Tabs[tabMeetings])
	h.press(k.New)
	h.typeText(model.Fold(cell.Name))
	h.focus("present")
	h.typeText(itoaZ(cell.OfficialMembers))
	h.press(k.Save)
	s := h.app.screens[tabMeetings].(*meetingsScreen)
	name := s.e.d.candName(s.cur.Items[0].Candidate)
	h.press(k.StartMeeting)
	h.press(k.Approve)
	h.press(k.Save)
	for i := 1; i < ready; i++ {
		h.press(k.NextItem)
		h.press(k.Defer)
	}
	h.press(k.CloseMeeting)
	h.press(k.CloseMeeting)
	h.key("y")
	res, _ := filepath.Glob(filepath.Join(dir, "nghi-quyet-de-nghi-ket-nap-*.docx"))
	minutes, _ := filepath.Glob(filepath.Join(dir, "bien-ban-*.docx"))
	if len(res) != 1 || len(minutes) != 1 {
		t.Fatalf("documents written: minutes %v, resolutions %v", minutes, res)
	}
	if st := h.app.status; !strings.Contains(st, minutes[0]) || !strings.Contains(st, "1 nghị quyết trong cùng thư mục: "+filepath.Base(res[0])) {
		t.Errorf("the status does not say where the documents are: %q", st)
	}
	text := docxText(t, res[0])
	for _, w := range []string{"NGHỊ QUYẾT", "Đề nghị kết nạp đảng viên", "quần chúng " + name, "T/M CHI BỘ"} {
		if !strings.Contains(text, w) {
			t.Errorf("the resolution lacks %q:\n%s", w, text)
		}
	}
}
