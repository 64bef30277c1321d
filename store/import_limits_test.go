package store

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"nguon/model"
)

// sheetRows reads every row of a sheet as an import's pass does: the
// cells, converted from a legacy encoding, and the rows' numbers.
func sheetRows(sh *ImportSheet) ([][]string, []int, error) {
	var rows [][]string
	var nums []int
	err := sh.each(func(r sheetRow) error {
		rows = append(rows, r.cells)
		nums = append(nums, r.num)
		return nil
	})
	return rows, nums, err
}

// allocated is how many bytes fn allocated, garbage included.
func allocated(fn func()) uint64 {
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	fn()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// xlsxWith writes a workbook of one sheet whose sheetData is rows; sheet,
// when set, writes the sheet part itself (a bomb, say).
func xlsxWith(t *testing.T, rows string, sheet func(z *zip.Writer)) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "x.xlsx")
	f, err := os.Create(path)
	must(t, err)
	z := zip.NewWriter(f)
	put := func(name, body string) {
		w, err := z.Create(name)
		must(t, err)
		_, err = io.WriteString(w, body)
		must(t, err)
	}
	put("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	put("xl/workbook.xml", `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" `+
		`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="DS" sheetId="1" r:id="rId1"/></sheets></workbook>`)
	put("xl/_rels/workbook.xml.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`)
	if sheet != nil {
		sheet(z)
	} else {
		put("xl/worksheets/sheet1.xml", `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+
			rows+`</sheetData></worksheet>`)
	}
	must(t, z.Close())
	must(t, f.Close())
	return path
}

const headerRow = `<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c><c r="B1" t="inlineStr"><is><t>Ngày sinh</t></is></c></row>`

// refusedRead reads path, requires a refusal whose English and Vietnamese
// messages hold the words given, and returns what the read allocated.
func refusedRead(t *testing.T, path string, en, vi []string) uint64 {
	t.Helper()
	var err error
	n := allocated(func() { _, err = ReadImportFile(path) })
	if err == nil {
		t.Fatalf("%s was read", path)
	}
	t.Logf("%d KB allocated: %s", n>>10, model.Message(err, model.EN))
	for lang, words := range map[model.Lang][]string{model.EN: en, model.VI: vi} {
		msg := model.Message(err, lang)
		for _, w := range words {
			if !strings.Contains(msg, w) {
				t.Errorf("%v message lacks %q: %s", lang, w, msg)
			}
		}
		if len(msg) > 600 {
			t.Errorf("%v message of %d bytes", lang, len(msg))
		}
	}
	return n
}

// A sheet with one cell far away is refused at that cell, without padding
// rows and columns out to it.
func TestImportSparseXLSXRefused(t *testing.T) {
	far := xlsxWith(t, headerRow+`<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>`, nil)
	if n := refusedRead(t, far, []string{"column GR", "cell XFD1048576", "row 1048576", "delete the rows and columns"},
		[]string{"quá cột GR", "ô XFD1048576", "dòng 1048576", "xóa các dòng và cột thừa"}); n > 8<<20 {
		t.Errorf("refusing the far cell allocated %d MB", n>>20)
	}
	low := xlsxWith(t, headerRow+`<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>`, nil)
	if n := refusedRead(t, low, []string{"more than 300000 rows", "row 1000000", "Split the list"},
		[]string{"hơn 300000 dòng", "dòng 1000000", "tách danh sách"}); n > 8<<20 {
		t.Errorf("refusing row 1,000,000 allocated %d MB", n>>20)
	}
	// Formatted empty cells far away are not data: the sheet is read.
	empty := xlsxWith(t, headerRow+`<row r="2"><c r="A2" t="inlineStr"><is><t>Lê Văn An</t></is></c><c r="XFD2" s="1"/></row>`+
		`<row r="1048576" s="1"><c r="A1048576" s="1"/></row>`, nil)
	sheets, err := ReadImportFile(empty)
	must(t, err)
	rows, nums, err := sheetRows(sheets[0])
	must(t, err)
	if len(rows) != 2 || nums[1] != 2 || len(rows[1]) != 1 {
		t.Errorf("rows %q numbered %v", rows, nums)
	}
}

// Zip bombs: a part that says it unpacks past the limit is refused before
// it is inflated; a small file whose sheet inflates to rows or cells past
// the limits is refused at the first one, in bounded memory.
func TestImportZipBombRefused(t *testing.T) {
	liar := xlsxWith(t, "", func(z *zip.Writer) {
		var body bytes.Buffer
		fw, _ := flate.NewWriter(&body, flate.BestCompression)
		io.WriteString(fw, strings.Repeat("<row>", 1000))
		fw.Close()
		w, err := z.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate,
			CompressedSize64: uint64(body.Len()), UncompressedSize64: 3 << 30})
		must(t, err)
		w.Write(body.Bytes())
	})
	if n := refusedRead(t, liar, []string{"xl/worksheets/sheet1.xml", "more than 1024 MB"}, []string{"giải nén ra hơn 1024 MB"}); n > 4<<20 {
		t.Errorf("refusing the declared size allocated %d MB", n>>20)
	}
	rowBomb := xlsxWith(t, "", func(z *zip.Writer) {
		w, err := z.Create("xl/worksheets/sheet1.xml")
		must(t, err)
		io.WriteString(w, `<worksheet><sheetData>`+headerRow)
		row := []byte(`<row><c><v>1</v></c></row>`)
		for range 400_000 {
			w.Write(row)
		}
		io.WriteString(w, `</sheetData></worksheet>`)
	})
	if st, _ := os.Stat(rowBomb); st.Size() > 1<<20 {
		t.Fatalf("the bomb is %d bytes: not a bomb", st.Size())
	}
	if n := refusedRead(t, rowBomb, []string{"more than 300000 rows", "row 300001"}, []string{"dòng 300001"}); n > 32<<20 {
		t.Errorf("refusing the row bomb allocated %d MB", n>>20)
	}
	cellBomb := xlsxWith(t, "", func(z *zip.Writer) {
		w, err := z.Create("xl/worksheets/sheet1.xml")
		must(t, err)
		io.WriteString(w, `<worksheet><sheetData>`+headerRow+`<row r="2"><c r="B2" t="inlineStr"><is><t>`)
		chunk := bytes.Repeat([]byte("a"), 1<<20)
		for range 200 {
			w.Write(chunk)
		}
		io.WriteString(w, `</t></is></c></row></sheetData></worksheet>`)
	})
	if n := refusedRead(t, cellBomb, []string{"a cell longer than 32 KiB", "cell B2 (row 2, column B)"}, []string{"ô B2"}); n > 8<<20 {
		t.Errorf("refusing the 200 MB cell allocated %d MB", n>>20)
	}
}

// A CSV line, or a record, past the limit is refused without reading it
// into memory; so is a list past the row limit.
func TestImportCSVLimits(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, parts ...[]byte) string {
		p := filepath.Join(dir, name)
		must(t, os.WriteFile(p, bytes.Join(parts, nil), 0o644))
		return p
	}
	long := write("long.csv", []byte("Họ và tên,Ghi chú\r\nLê Văn An,"), bytes.Repeat([]byte("x"), 52<<20), []byte("\r\n"))
	if n := refusedRead(t, long, []string{"a row longer than 1 MiB", "row 2"}, []string{"dòng dài hơn 1 MiB", "dòng 2"}); n > 16<<20 {
		t.Errorf("refusing a 52 MB line allocated %d MB", n>>20)
	}
	quoted := write("quoted.csv", []byte("Họ và tên,Ghi chú\nLê Văn An,\""), bytes.Repeat([]byte("dòng\n"), 1<<20), []byte("\"\n"))
	if n := refusedRead(t, quoted, []string{"a row longer than 1 MiB", "row 2"}, []string{"dòng 2"}); n > 16<<20 {
		t.Errorf("refusing a 6 MB record allocated %d MB", n>>20)
	}
	cell := write("cell.csv", []byte("Họ và tên,Ghi chú\nLê Văn An,"), bytes.Repeat([]byte("y"), 40<<10), []byte("\n"))
	refusedRead(t, cell, []string{"a cell longer than 32 KiB", "cell B2"}, []string{"ô B2"})
	wide := write("wide.csv", []byte("Họ và tên\nLê Văn An"), bytes.Repeat([]byte(","), 250), []byte("x\n"))
	refusedRead(t, wide, []string{"beyond column GR", "cell IQ2"}, []string{"ô IQ2"})
	many := write("many.csv", []byte("Họ và tên\n"), bytes.Repeat([]byte("Lê Văn An\n"), maxImportRows))
	refusedRead(t, many, []string{"more than 300000 rows", "row 300001", "Split the list"}, []string{"dòng 300001"})
}

// A value is quoted in at most 60 characters, cut on a character and
// escaped; 100,000 rows with the same error are one line.
func TestImportMessagesBounded(t *testing.T) {
	s := demoStore(t)
	bad := strings.Repeat("ễ", 10_000) + "\x1b[31m"
	res, err := importFile(t, s, "long.csv", []byte("Họ và tên,Ngày sinh\nLê Văn An,"+bad+"\n"), ImportOptions{DryRun: true})
	must(t, err)
	lines := strings.Join(res.Lines(model.EN, 0), "\n")
	q := lines[strings.Index(lines, "“")+len("“") : strings.Index(lines, "”")]
	if utf8.RuneCountInString(q) != maxQuote+1 || !strings.HasSuffix(q, "ễ…") || len(lines) > 1000 {
		t.Errorf("quoted %d characters: %s", utf8.RuneCountInString(q), lines)
	}
	esc := strings.Repeat("x", 10) + "\x1b[31m"
	res, err = importFile(t, s, "esc.csv", []byte("Họ và tên,Ngày sinh\nLê Văn An,"+esc+"\n"), ImportOptions{DryRun: true})
	must(t, err)
	if lines := strings.Join(res.Lines(model.EN, 0), "\n"); strings.Contains(lines, "\x1b") || !strings.Contains(lines, `“xxxxxxxxxx\x1b[31m”`) {
		t.Errorf("control characters: %q", lines)
	}

	var b bytes.Buffer
	b.WriteString("Họ và tên,Ngày sinh\n")
	for i := range 100_000 {
		fmt.Fprintf(&b, "Người %d,31/02/2001\n", i)
	}
	res, err = importFile(t, s, "dates.csv", b.Bytes(), ImportOptions{})
	if !errors.Is(err, ErrImportRefused) || len(res.Errors) != 100_000 {
		t.Fatalf("%v: %d errors", err, len(res.Errors))
	}
	for lang, want := range map[model.Lang]string{model.EN: "Error rows 2–100001: Date of birth: “31/02/2001”", model.VI: "Lỗi dòng 2–100001: Ngày sinh: “31/02/2001”"} {
		var errs []string
		for _, l := range res.Lines(lang, 0) {
			if strings.HasPrefix(l, model.Text{VI: "Lỗi", EN: "Error"}.In(lang)) {
				errs = append(errs, l)
			}
		}
		if len(errs) != 1 || !strings.HasPrefix(errs[0], want) {
			t.Errorf("%v: %d error lines: %.300q", lang, len(errs), errs)
		}
	}
	if got := rowRanges([]int{2, 3, 4, 7, 9, 10}, model.EN); got != "2–4, 7, 9–10" {
		t.Errorf("ranges %q", got)
	}
	if got := rowRanges([]int{2, 4, 6, 8, 10, 12, 14, 16, 18, 20}, model.VI); got != "2, 4, 6, 8, 10, 12, 14, 16, … (10 dòng)" {
		t.Errorf("ranges %q", got)
	}
}
