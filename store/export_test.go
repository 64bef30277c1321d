package store

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"nguon/model"
)

func TestWriteCSVBOMAndSafety(t *testing.T) {
	r := model.Report{Title: "T", Columns: []string{"Họ và tên", "Ghi chú"},
		Rows: [][]string{{"Nguyễn Văn An", "=HYPERLINK(\"x\")"}, {"Lê\x1b[31m Thị Bình", "-"}}}
	var b bytes.Buffer
	if err := WriteCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// Excel's own CSV: a byte-order mark and CRLF line ends.
	if !strings.HasPrefix(out, "\uFEFFHọ và tên,Ghi chú\r\n") {
		t.Fatalf("no BOM, header or CRLF: %q", out)
	}
	if !strings.Contains(out, "'=HYPERLINK") || strings.Contains(out, "\x1b") || !strings.Contains(out, "Lê Thị Bình,-\r\n") {
		t.Fatalf("cells not made safe: %q", out)
	}
}

// A report workbook behaves like one Excel made: real numbers, dates and
// rates, a bold frozen header with a filter, a named sheet, A4 fitted to
// one page wide with the header on every page, and nguon as its author.
func TestWriteXLSXReport(t *testing.T) {
	r := model.Report{Title: "Kết quả kết nạp so với chỉ tiêu năm 2026: [toàn đảng bộ]",
		Columns: []string{"Chi bộ", "Chỉ tiêu", "Ngày", "Tỷ lệ"},
		Rows:    [][]string{{"Chi bộ thôn Đông Hòa", "4", "05/09/2026", "22,5%"}, {"Toàn đảng bộ", "12", "", "–"}}}
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := WriteFileAtomic(path, func(w io.Writer) error { return WriteXLSX(w, r) }); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	if sheet != "Kết quả kết nạp so với chỉ tiêu" || strings.ContainsAny(sheet, "[]:") {
		t.Errorf("sheet named %q", sheet)
	}
	cell := func(ref string) (raw, shown string, typ excelize.CellType) {
		raw, _ = f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		shown, _ = f.GetCellValue(sheet, ref)
		typ, _ = f.GetCellType(sheet, ref)
		return
	}
	if title, _, _ := cell("A1"); title != r.Title {
		t.Errorf("A1 = %q", title)
	}
	if name, _, _ := cell("A4"); name != "Chi bộ thôn Đông Hòa" {
		t.Errorf("A4 = %q", name)
	}
	if raw, _, typ := cell("B4"); raw != "4" || typ == excelize.CellTypeInlineString || typ == excelize.CellTypeSharedString {
		t.Errorf("the target is not a number: %q type %v", raw, typ)
	}
	if raw, shown, _ := cell("C4"); raw != "46270" || shown != "05/09/2026" {
		t.Errorf("the date is not a date cell shown dd/mm/yyyy: raw %q shown %q", raw, shown)
	}
	if raw, _, _ := cell("D4"); raw != "0.225" {
		t.Errorf("the rate is not a percentage: %q", raw)
	}
	if raw, _, _ := cell("D5"); raw != "–" {
		t.Errorf("no-target mark lost: %q", raw)
	}
	st, _ := f.GetCellStyle(sheet, "A3")
	if s, _ := f.GetStyle(st); s == nil || s.Font == nil || !s.Font.Bold {
		t.Error("the header is not bold")
	}
	if p, _ := f.GetPanes(sheet); !p.Freeze || p.YSplit != 3 {
		t.Errorf("header not frozen: %+v", p)
	}
	names := f.GetDefinedName()
	var filter, titles string
	for _, n := range names {
		switch n.Name {
		case "_xlnm._FilterDatabase":
			filter = n.RefersTo
		case "_xlnm.Print_Titles":
			titles = n.RefersTo
		}
	}
	if !strings.HasSuffix(filter, "!$A$3:$D$5") || !strings.HasSuffix(titles, "!$3:$3") {
		t.Errorf("autofilter %q, print titles %q", filter, titles)
	}
	pl, _ := f.GetPageLayout(sheet)
	if *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 || pl.FitToHeight == nil || *pl.FitToHeight != 0 {
		t.Errorf("page layout %+v", pl)
	}
	props, _ := f.GetDocProps()
	if props.Creator != "nguon" || !strings.HasPrefix(props.Created, testToday()) {
		t.Errorf("doc props %+v", props)
	}
	// The sheet opens selected, as Excel leaves a workbook it saved.
	if xml := zipPart(t, path, "xl/worksheets/sheet1.xml"); !strings.Contains(xml, `<sheetView tabSelected="true"`) {
		t.Errorf("the sheet is not the selected one: %.300s", xml[strings.Index(xml, "<sheetViews"):])
	}
}

func testToday() string { return timeNow().UTC().Format("2006-01-02") }

func TestWriteFileAtomicLeavesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	os.WriteFile(path, []byte("old"), 0o644)
	err := WriteFileAtomic(path, func(w io.Writer) error { return errors.New("disk full") })
	if !errors.Is(err, ErrExportWrite) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatal("a failed write changed the existing file")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("temporary files left: %v", ents)
	}
}

// zipPart is one part of a zip package (a workbook, a document) as text.
func zipPart(t *testing.T, path, name string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name == name {
			r, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			b, err := io.ReadAll(r)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
	t.Fatalf("%s holds no %s", path, name)
	return ""
}
