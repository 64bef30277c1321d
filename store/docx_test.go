package store

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"path"
	"slices"
	"strings"
	"testing"
	"time"

	"nguon/model"
)

// docPapers is an admission meeting of a cell of 24 official members: two
// approved, one deferred, one not considered.
func docPapers() model.MeetingPapers {
	cell := testCell("Chi bộ thôn Đông Hòa")
	cell.ID = model.ID{1}
	mk := func(id byte, name string, sex model.Sex, dob model.Date) model.Candidate {
		c := testCandidate(cell.ID, int(id))
		c.ID, c.FullName, c.Sex, c.DOB = model.ID{id}, name, sex, dob
		c.HomeTown, c.Education, c.Occupation = "Xã Trường Sơn, tỉnh Thanh Hóa", "12/12", "Nông dân"
		c.Introducers = []model.Introducer{{Kind: model.IntroYouthRes, Name: "Ban Chấp hành Đoàn xã Trường Sơn", DocNo: "05-NQ/ĐTN"},
			{Kind: model.IntroMember, Name: "Lê Văn Bình", Official: true, MonthsTogether: 36}}
		c.ExtCert = model.Certificate{No: "123", Date: model.NewDate(2025, 10, 10), Issuer: "Trường Chính trị tỉnh Thanh Hóa"}
		return c
	}
	a := mk(10, "Nguyễn Văn Hưng", model.Male, model.NewDate(2005, 6, 2))
	b := mk(11, "Lê Thị Thu Hà", model.Female, model.NewDate(1999, 11, 20))
	c := mk(12, "Trần Văn Nam", model.Male, model.NewDate(2004, 1, 15))
	d := mk(13, "Đỗ Minh Khôi", model.Male, model.NewDate(2003, 4, 4))
	m := model.Meeting{ID: model.ID{0xab, 15: 0xcd}, Cell: cell.ID, Date: model.NewDate(2026, 3, 5), Kind: model.MeetingAdmission,
		Members: 24, Attached: 1, ExemptAbsent: 1, Present: 20, Chair: "Lê Văn Bình", Secretary: "Phạm Thị Dung", Closed: true,
		Items: []model.AgendaItem{
			{Candidate: a.ID, Decision: model.DecisionApprove, For: 19, Against: 1, DocNo: "07-NQ/CB",
				Note: "Gương mẫu, nhiệt tình trong công tác Đoàn; cần học thêm lý luận chính trị."},
			{Candidate: b.ID, Decision: model.DecisionApprove, For: 20},
			{Candidate: c.ID, Decision: model.DecisionDefer, Note: "Chờ kết quả thẩm tra lý lịch của bố."},
			{Candidate: d.ID},
		},
		Notes: "Giao chi ủy hoàn thiện hồ sơ, gửi Đảng ủy xã trước ngày 15/03/2026."}
	return model.MeetingPapers{Meeting: m, Cell: cell, Settings: model.Settings{Commune: "Đảng bộ xã Trường Sơn"},
		Agenda: map[model.ID]model.Candidate{a.ID: a, b.ID: b, c.ID: c, d.ID: d},
		Made:   time.Date(2026, 3, 5, 16, 30, 0, 0, time.UTC)}
}

// docxParts opens a DOCX and returns its parts by name.
func docxParts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(rc)
		rc.Close()
		parts[f.Name] = string(body)
	}
	return parts
}

// wellFormed reads every token of an XML part.
func wellFormed(t *testing.T, name, body string) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(body))
	for {
		_, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("%s is not well-formed XML: %v", name, err)
		}
	}
}

// docRun is one run of word/document.xml with its formatting.
type docRun struct {
	text                    string
	bold, italic, underline bool
	size                    string
	font                    string // w:ascii of the run's own w:rFonts
}

// docxRuns walks word/document.xml and returns its runs.
func docxRuns(t *testing.T, body string) []docRun {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(body))
	var runs []docRun
	var cur *docRun
	inText := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return runs
		}
		if err != nil {
			t.Fatal(err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			switch x.Name.Local {
			case "r":
				runs = append(runs, docRun{})
				cur = &runs[len(runs)-1]
			case "b":
				if cur != nil {
					cur.bold = true
				}
			case "i":
				if cur != nil {
					cur.italic = true
				}
			case "u":
				if cur != nil {
					cur.underline = true
				}
			case "rFonts":
				if cur != nil {
					for _, a := range x.Attr {
						if a.Name.Local == "ascii" {
							cur.font = a.Value
						}
					}
				}
			case "sz":
				if cur != nil {
					for _, a := range x.Attr {
						cur.size = a.Value
					}
				}
			case "t":
				inText = true
			case "br":
				if cur != nil {
					cur.text += "\n"
				}
			}
		case xml.EndElement:
			switch x.Name.Local {
			case "r":
				cur = nil
			case "t":
				inText = false
			}
		case xml.CharData:
			if inText && cur != nil {
				cur.text += string(x)
			}
		}
	}
}

func findRun(runs []docRun, text string) (docRun, bool) {
	for _, r := range runs {
		if strings.Contains(r.text, text) {
			return r, true
		}
	}
	return docRun{}, false
}

type sectPr struct {
	PgSz struct {
		W      int    `xml:"w,attr"`
		H      int    `xml:"h,attr"`
		Orient string `xml:"orient,attr"`
	} `xml:"body>sectPr>pgSz"`
	PgMar struct {
		Top    int `xml:"top,attr"`
		Right  int `xml:"right,attr"`
		Bottom int `xml:"bottom,attr"`
		Left   int `xml:"left,attr"`
	} `xml:"body>sectPr>pgMar"`
	Tables []struct {
		Grid []struct {
			W int `xml:"w,attr"`
		} `xml:"tblGrid>gridCol"`
		Borders struct {
			Sides []struct {
				XMLName xml.Name
				Val     string `xml:"val,attr"`
			} `xml:",any"`
		} `xml:"tblPr>tblBorders"`
		Rows []struct {
			Header *struct{} `xml:"trPr>tblHeader"`
		} `xml:"tr"`
	} `xml:"body>tbl"`
}

// checkPackage opens a DOCX and checks that it is a valid Office Open XML
// package: every part well-formed and declared, every relationship
// pointing at a part that exists. It returns the parts by name.
func checkPackage(t *testing.T, b []byte) map[string]string {
	t.Helper()
	parts := docxParts(t, b)
	names := []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels",
		"word/styles.xml", "word/settings.xml", "docProps/core.xml", "docProps/app.xml"}
	for name := range parts {
		if !slices.Contains(names, name) {
			names = append(names, name) // a part some documents have (the footer)
		}
	}
	for _, name := range names {
		body, ok := parts[name]
		if !ok {
			t.Fatalf("the package lacks %s", name)
		}
		wellFormed(t, name, body)
		if !strings.HasSuffix(name, ".rels") && name != "[Content_Types].xml" &&
			!strings.Contains(parts["[Content_Types].xml"], `PartName="/`+name+`"`) {
			t.Errorf("%s has no content type", name)
		}
	}
	var rels struct {
		Rel []struct {
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	for base, relPart := range map[string]string{"": "_rels/.rels", "word": "word/_rels/document.xml.rels"} {
		rels.Rel = nil
		if err := xml.Unmarshal([]byte(parts[relPart]), &rels); err != nil || len(rels.Rel) == 0 {
			t.Fatalf("%s: %v", relPart, err)
		}
		for _, r := range rels.Rel {
			if _, ok := parts[path.Join(base, r.Target)]; !ok {
				t.Errorf("%s points at %s, which is not in the package", relPart, r.Target)
			}
		}
	}
	return parts
}

// A DOCX is a valid Office Open XML package: every part well-formed and
// declared, every relationship pointing at a part that exists.
func TestDOCXPackage(t *testing.T) {
	var b bytes.Buffer
	docs := model.MeetingDocs(docPapers())
	if err := WriteDOCX(&b, docs[0].Doc); err != nil {
		t.Fatal(err)
	}
	parts := checkPackage(t, b.Bytes())
	if !strings.Contains(parts["docProps/core.xml"], "<dc:title>Biên bản họp Chi bộ thôn Đông Hòa ngày 05/03/2026</dc:title>") ||
		!strings.Contains(parts["docProps/core.xml"], "2026-03-05T16:30:00Z") {
		t.Errorf("core properties: %s", parts["docProps/core.xml"])
	}
	// The same document gives the same bytes.
	var again bytes.Buffer
	if err := WriteDOCX(&again, docs[0].Doc); err != nil || !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Errorf("writing the same document twice gave different files (%v)", err)
	}
}

// The minutes are set as 36-HD/VPTW sets party documents: A4, its margins,
// Times New Roman, the two-column letterhead with the party's name bold and
// underlined and the date in italics, signature blocks side by side.
func TestDOCXLayout(t *testing.T) {
	var b bytes.Buffer
	if err := WriteDOCX(&b, model.MeetingDocs(docPapers())[0].Doc); err != nil {
		t.Fatal(err)
	}
	parts := docxParts(t, b.Bytes())
	var doc sectPr
	if err := xml.Unmarshal([]byte(parts["word/document.xml"]), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.PgSz.W != 11906 || doc.PgSz.H != 16838 || doc.PgSz.Orient != "" {
		t.Errorf("page %+v, want A4 portrait (11906×16838)", doc.PgSz)
	}
	mm := func(tw int) float64 { return float64(tw) / 56.7 }
	within := func(name string, tw int, lo, hi float64) {
		if v := mm(tw); v < lo-0.1 || v > hi+0.1 {
			t.Errorf("%s margin %.1f mm, want %v–%v mm", name, v, lo, hi)
		}
	}
	within("top", doc.PgMar.Top, 20, 25)
	within("bottom", doc.PgMar.Bottom, 20, 25)
	within("left", doc.PgMar.Left, 30, 35)
	within("right", doc.PgMar.Right, 15, 20)
	styles := parts["word/styles.xml"]
	if !strings.Contains(styles, `w:ascii="Times New Roman"`) || !strings.Contains(styles, `<w:sz w:val="28"/>`) ||
		!strings.Contains(styles, `w:val="vi-VN"`) {
		t.Errorf("styles do not set Times New Roman 14 pt in Vietnamese: %s", styles)
	}
	if len(doc.Tables) != 2 {
		t.Fatalf("want the letterhead and the signatures as tables, got %d tables", len(doc.Tables))
	}
	for i, tb := range doc.Tables {
		if len(tb.Grid) != 2 {
			t.Errorf("table %d has %d columns, want 2", i, len(tb.Grid))
		}
		total := 0
		for _, g := range tb.Grid {
			total += g.W
		}
		if total != 11906-doc.PgMar.Left-doc.PgMar.Right {
			t.Errorf("table %d is %d wide, the text %d", i, total, 11906-doc.PgMar.Left-doc.PgMar.Right)
		}
		if len(tb.Borders.Sides) != 6 {
			t.Errorf("table %d sets %d borders, want 6", i, len(tb.Borders.Sides))
		}
		for _, br := range tb.Borders.Sides {
			if br.Val != "nil" {
				t.Errorf("table %d draws a %s border", i, br.XMLName.Local)
			}
		}
	}
	runs := docxRuns(t, parts["word/document.xml"])
	if r, ok := findRun(runs, "ĐẢNG CỘNG SẢN VIỆT NAM"); !ok || !r.bold || !r.underline {
		t.Errorf("the party's name is not bold and underlined: %+v", r)
	}
	if r, ok := findRun(runs, "Trường Sơn, ngày 05 tháng 3 năm 2026"); !ok || !r.italic {
		t.Errorf("the place and date are not in italics: %+v", r)
	}
	if r, ok := findRun(runs, "CHI BỘ THÔN ĐÔNG HÒA"); !ok || !r.bold {
		t.Errorf("the issuing cell is not bold: %+v", r)
	}
	if r, ok := findRun(runs, "BIÊN BẢN"); !ok || !r.bold || r.size != "30" {
		t.Errorf("the title is not bold 15 pt: %+v", r)
	}
	for _, want := range []string{"Số      -BB/CB", "19/22 đồng chí tán thành, đạt 86,4% so với tổng số đảng viên chính thức",
		"T/M CHI BỘ", "THƯ KÝ", "Phạm Thị Dung", "Đỗ Minh Khôi"} {
		if _, ok := findRun(runs, want); !ok {
			t.Errorf("document.xml lacks %q", want)
		}
	}
}

// Text that XML cannot hold as is stays text, and a wide report turns
// the page and repeats its header row.
func TestDOCXEscapesAndReports(t *testing.T) {
	r := model.Report{Kind: "pool", Title: "A < B & C > D \x01", Committee: "Đảng bộ xã Trường Sơn",
		Columns: []string{"1", "2", "3", "4", "5", "6", "7", "8"}, Rows: [][]string{{"x & y", "1", "", "", "", "", "", "2"}},
		From: model.NewDate(2026, 1, 1), To: model.NewDate(2026, 5, 31), Made: model.NewDate(2026, 6, 1)}
	var b bytes.Buffer
	if err := WriteReportDOCX(&b, r, model.VI, time.Time{}); err != nil {
		t.Fatal(err)
	}
	parts := docxParts(t, b.Bytes())
	wellFormed(t, "word/document.xml", parts["word/document.xml"])
	var doc sectPr
	if err := xml.Unmarshal([]byte(parts["word/document.xml"]), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.PgSz.W != 16838 || doc.PgSz.Orient != "landscape" {
		t.Errorf("an eight-column report is not landscape: %+v", doc.PgSz)
	}
	if len(doc.Tables) != 1 || len(doc.Tables[0].Rows) != 2 || doc.Tables[0].Rows[0].Header == nil || doc.Tables[0].Rows[1].Header != nil {
		t.Fatalf("report table: %+v", doc.Tables)
	}
	runs := docxRuns(t, parts["word/document.xml"])
	if _, ok := findRun(runs, "A < B & C > D"); !ok {
		t.Errorf("the title was not kept: %+v", runs)
	}
	for _, want := range []string{"ĐẢNG BỘ XÃ TRƯỜNG SƠN", "Số liệu tính đến ngày 01/06/2026.", "x & y"} {
		if _, ok := findRun(runs, want); !ok {
			t.Errorf("report lacks %q", want)
		}
	}
	if got := ReportFileName(r, "docx"); got != "bao-cao-danh-sach-cam-tinh-dang-theo-chi-bo-nguon-2026-01-01-2026-05-31.docx" {
		t.Errorf("report file name %q", got)
	}
}

// pictureDoc is a guide's page: a title on its own page, then a chapter
// opening on a new page with a picture of a screen, a bordered one-cell
// table of fixed-width lines, and the pages numbered.
func pictureDoc(pageNumbers bool) model.Doc {
	screen := " 1 Tổng quan  [2 Chi bộ]\n  Tên↑        Chỉ tiêu\n› thôn Đông Hòa     3\n\n── Nguồn  <&>"
	return model.Doc{Title: "Hướng dẫn", Created: time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC), Size: 13, PageNumbers: pageNumbers,
		Blocks: []model.Block{
			model.Para{Runs: []model.Run{{Text: "HƯỚNG DẪN SỬ DỤNG", Bold: true}}, Align: model.AlignCenter},
			model.Para{Runs: []model.Run{{Text: "1. Các phím", Bold: true}}, PageBreak: true, KeepNext: true},
			model.Table{Widths: []int{1}, Borders: true, CantSplit: true, Size: 8, Rows: [][]model.TableCell{{{Paras: []model.Para{
				{Runs: []model.Run{{Text: screen, Mono: true}}, Align: model.AlignLeft, KeepNext: true}}}}}},
			model.Para{Runs: []model.Run{{Text: "Hình 1. Thẻ Chi bộ.", Italic: true}}, Align: model.AlignCenter},
		}}
}

// Page numbers are a footer part, declared and related, that the section
// names and that holds "Trang", the PAGE field, "/" and the NUMPAGES
// field; a document without them has no footer at all.
func TestDOCXPageNumbers(t *testing.T) {
	var b bytes.Buffer
	if err := WriteDOCX(&b, pictureDoc(true)); err != nil {
		t.Fatal(err)
	}
	parts := checkPackage(t, b.Bytes())
	footer, ok := parts["word/footer1.xml"]
	if !ok {
		t.Fatal("a document with page numbers has no footer part")
	}
	var ftr struct {
		Runs []struct {
			Text  string `xml:"t"`
			Instr string `xml:"instrText"`
			Field struct {
				Type string `xml:"fldCharType,attr"`
			} `xml:"fldChar"`
		} `xml:"p>r"`
		Jc struct {
			Val string `xml:"val,attr"`
		} `xml:"p>pPr>jc"`
	}
	if err := xml.Unmarshal([]byte(footer), &ftr); err != nil {
		t.Fatal(err)
	}
	// The footer read as a word processor reads it: text, and fields.
	var seq []string
	for _, r := range ftr.Runs {
		switch {
		case r.Instr != "":
			seq = append(seq, "{"+strings.TrimSpace(r.Instr)+"}")
		case r.Field.Type != "":
			seq = append(seq, r.Field.Type)
		default:
			seq = append(seq, r.Text)
		}
	}
	want := []string{"Trang ", "begin", "{PAGE}", "separate", "1", "end", "/", "begin", "{NUMPAGES}", "separate", "1", "end"}
	if !slices.Equal(seq, want) {
		t.Errorf("footer runs %q, want %q", seq, want)
	}
	if ftr.Jc.Val != "center" {
		t.Errorf("the page number is aligned %q, want centre", ftr.Jc.Val)
	}
	var rels struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal([]byte(parts["word/_rels/document.xml.rels"]), &rels); err != nil {
		t.Fatal(err)
	}
	footerID := ""
	for _, r := range rels.Rel {
		if r.Target == "footer1.xml" && strings.HasSuffix(r.Type, "/footer") {
			footerID = r.ID
		}
	}
	var sect struct {
		Refs []struct {
			Type string `xml:"type,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"body>sectPr>footerReference"`
	}
	if err := xml.Unmarshal([]byte(parts["word/document.xml"]), &sect); err != nil {
		t.Fatal(err)
	}
	if footerID == "" || len(sect.Refs) != 1 || sect.Refs[0].ID != footerID || sect.Refs[0].Type != "default" {
		t.Errorf("the section names footer %+v, the relationships %q", sect.Refs, footerID)
	}
	var again bytes.Buffer
	if err := WriteDOCX(&again, pictureDoc(true)); err != nil || !bytes.Equal(b.Bytes(), again.Bytes()) {
		t.Errorf("writing the same document twice gave different files (%v)", err)
	}

	b.Reset()
	if err := WriteDOCX(&b, pictureDoc(false)); err != nil {
		t.Fatal(err)
	}
	parts = checkPackage(t, b.Bytes())
	if _, ok := parts["word/footer1.xml"]; ok || strings.Contains(parts["word/document.xml"], "footerReference") ||
		strings.Contains(parts["[Content_Types].xml"], "footer") {
		t.Error("a document without page numbers has a footer")
	}
}

// A picture of a screen keeps its columns: fixed-width runs, every space
// kept, one line break per screen line, a small size, in a bordered row
// that never splits; the chapter after a title page starts a new page.
func TestDOCXScreenPicture(t *testing.T) {
	var b bytes.Buffer
	if err := WriteDOCX(&b, pictureDoc(true)); err != nil {
		t.Fatal(err)
	}
	parts := checkPackage(t, b.Bytes())
	body := parts["word/document.xml"]
	runs := docxRuns(t, body)
	r, ok := findRun(runs, "[2 Chi bộ]")
	if !ok {
		t.Fatalf("the screen's text is missing: %+v", runs)
	}
	if want := pictureDoc(true).Blocks[2].(model.Table).Rows[0][0].Paras[0].Runs[0].Text; r.text != want {
		t.Errorf("the screen's text came back as\n%q\nwant\n%q", r.text, want)
	}
	if r.font != "Courier New" || r.size != "16" {
		t.Errorf("the screen is set in %q at %s half-points, want Courier New at 16", r.font, r.size)
	}
	if h, _ := findRun(runs, "Hình 1."); h.font != "" {
		t.Errorf("the caption is in %q, want the body's font", h.font)
	}
	// Leading and repeated spaces survive only with xml:space="preserve".
	if !strings.Contains(body, `<w:t xml:space="preserve">  Tên↑        Chỉ tiêu</w:t>`) {
		t.Errorf("the spaces of a screen line were not kept:\n%s", body)
	}
	var doc struct {
		Paras []struct {
			Text      string    `xml:"r>t"`
			PageBreak *struct{} `xml:"pPr>pageBreakBefore"`
		} `xml:"body>p"`
		Tables []struct {
			Borders []struct {
				Val string `xml:"val,attr"`
			} `xml:"tblPr>tblBorders>top"`
			Rows []struct {
				CantSplit *struct{} `xml:"trPr>cantSplit"`
				Cell      struct {
					Paras []struct {
						KeepNext *struct{} `xml:"pPr>keepNext"`
						Jc       struct {
							Val string `xml:"val,attr"`
						} `xml:"pPr>jc"`
					} `xml:"p"`
				} `xml:"tc"`
			} `xml:"tr"`
		} `xml:"body>tbl"`
	}
	if err := xml.Unmarshal([]byte(body), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Paras) < 2 || doc.Paras[0].PageBreak != nil || doc.Paras[1].PageBreak == nil {
		t.Errorf("only the chapter should start a new page: %+v", doc.Paras)
	}
	if len(doc.Tables) != 1 || len(doc.Tables[0].Rows) != 1 {
		t.Fatalf("want one table of one row, got %+v", doc.Tables)
	}
	tb := doc.Tables[0]
	if len(tb.Borders) != 1 || tb.Borders[0].Val != "single" {
		t.Errorf("the picture has no border: %+v", tb.Borders)
	}
	row := tb.Rows[0]
	if row.CantSplit == nil {
		t.Error("the picture's row may split across pages")
	}
	if len(row.Cell.Paras) != 1 || row.Cell.Paras[0].KeepNext == nil || row.Cell.Paras[0].Jc.Val != "left" {
		t.Errorf("the picture is not one left-aligned paragraph kept with its caption: %+v", row.Cell.Paras)
	}
}
