package store

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"

	"nguon/model"
)

// Reading the lists clerks keep: CSV (comma, semicolon or tab; UTF-8 with
// or without a byte-order mark, UTF-16, or a legacy Vietnamese encoding)
// and XLSX, whoever wrote it (Excel, LibreOffice, nguon).

// ImportSheet is one table read from a file: the text of its cells, row by
// row, with each row's number in the spreadsheet (the first row is 1).
type ImportSheet struct {
	Name     string // the XLSX sheet; "" for a CSV file
	Rows     [][]string
	RowNums  []int
	Encoding Encoding // how the text was written; it is Unicode now
	Date1904 bool     // the workbook counts dates from 1904 (old Mac Excel)
}

// maxImportSize bounds what an import reads into memory.
const maxImportSize = 200 << 20

// importError is a failure to read an import file, said in both languages.
type importError struct{ msg model.Text }

func (e *importError) Error() string    { return e.msg.VI }
func (e *importError) Text() model.Text { return e.msg }

func importErr(vi, en string, args ...any) error {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = model.Escape(s)
		}
	}
	return &importError{model.Text{VI: fmt.Sprintf(vi, args...), EN: fmt.Sprintf(en, args...)}}
}

// ReadImportFile reads the tables of a CSV or XLSX file. An XLSX gives one
// table per visible sheet; a CSV gives one.
func ReadImportFile(path string) ([]*ImportSheet, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, importErr("Không tìm thấy tệp %s.", "The file %s does not exist.", path)
		}
		return nil, importErr("Không mở được tệp %s (%v).", "Cannot open %s (%v).", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	switch {
	case err != nil:
		return nil, importErr("Không đọc được tệp %s (%v).", "Cannot read %s (%v).", path, err)
	case fi.IsDir():
		return nil, importErr("%s là một thư mục; hãy ghi tên một tệp CSV hoặc XLSX.", "%s is a folder; give a CSV or XLSX file.", path)
	case fi.Size() > maxImportSize:
		return nil, importErr("Tệp %s quá lớn (hơn 200 MB) để nhập.", "%s is too large to import (over 200 MB).", path)
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return nil, importErr(
			"Tệp %s là dạng Excel cũ (.xls) hoặc có mật khẩu; hãy mở trong Excel, bỏ mật khẩu nếu có, chọn Lưu thành “Sổ làm việc Excel (.xlsx)” hoặc “CSV UTF-8” rồi nhập tệp mới.",
			"%s is an old Excel file (.xls) or has a password; open it in Excel, remove any password, save it as “Excel Workbook (.xlsx)” or “CSV UTF-8” and import that file.", path)
	case ext == ".ods" || ext == ".xls" || ext == ".numbers":
		return nil, importErr(
			"nguon chưa đọc được tệp %s; hãy lưu lại dạng .xlsx hoặc CSV UTF-8 rồi nhập tệp mới.",
			"nguon cannot read %s; save it as .xlsx or CSV UTF-8 and import that file.", path)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return readXLSX(f, path)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		return nil, importErr("Không đọc được tệp %s (%v).", "Cannot read %s (%v).", path, err)
	}
	sh, err := ReadCSV(b)
	if err != nil {
		return nil, err
	}
	return []*ImportSheet{sh}, nil
}

// ReadCSV reads a CSV file's bytes: the encoding and the separator are found
// from the text; "sep=;" on the first line (as Excel writes it) is obeyed.
func ReadCSV(b []byte) (*ImportSheet, error) {
	text, enc, err := csvText(b)
	if err != nil {
		return nil, err
	}
	sep := rune(0)
	if first, rest, ok := strings.Cut(text, "\n"); ok || first != "" {
		if f := strings.TrimSpace(first); len(f) == 5 && strings.EqualFold(f[:4], "sep=") {
			sep, _ = utf8.DecodeRuneInString(f[4:])
			text = rest
		}
	}
	if sep == 0 {
		sep = guessSeparator(text)
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	sh := &ImportSheet{Encoding: enc}
	for n := 1; ; n++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := r.FieldPos(0)
			return nil, importErr("Tệp CSV hỏng ở dòng %d: %v.", "The CSV file is broken at line %d: %v.", line, err)
		}
		sh.Rows = append(sh.Rows, rec)
		sh.RowNums = append(sh.RowNums, n)
	}
	return sh, nil
}

// csvText decodes a CSV file to UTF-8 text.
func csvText(b []byte) (string, Encoding, error) {
	switch {
	case bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		d, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Bytes(b)
		if err != nil {
			return "", EncUnicode, importErr("Tệp UTF-16 hỏng (%v).", "The UTF-16 file is broken (%v).", err)
		}
		return string(d), EncUnicode, nil
	}
	if utf8.Valid(b) {
		return string(b), EncUnicode, nil
	}
	return decodeBytes(b)
}

// guessSeparator picks the separator of the first line that has one:
// comma, semicolon (Excel where the comma is the decimal point, as in
// Vietnamese) or tab; quoted text is not counted.
func guessSeparator(text string) rune {
	for _, line := range strings.SplitN(text, "\n", 20) {
		counts := map[rune]int{}
		quoted := false
		for _, r := range line {
			switch {
			case r == '"':
				quoted = !quoted
			case !quoted && (r == ',' || r == ';' || r == '\t'):
				counts[r]++
			}
		}
		best, n := ',', 0
		for _, r := range []rune{',', ';', '\t'} {
			if counts[r] > n {
				best, n = r, counts[r]
			}
		}
		if n > 0 {
			return best
		}
	}
	return ','
}

// readXLSX reads every visible sheet of a workbook as raw values: numbers
// as Excel stores them (dates are serial numbers), so a column's field
// decides what a number means. Shared and inline strings both come back
// as text.
func readXLSX(r io.Reader, path string) ([]*ImportSheet, error) {
	f, err := excelize.OpenReader(r)
	if err != nil {
		return nil, importErr("Không đọc được tệp Excel %s (%v); hãy mở và lưu lại bằng Excel hoặc LibreOffice.",
			"Cannot read the Excel file %s (%v); open and save it again with Excel or LibreOffice.", path, err)
	}
	defer f.Close()
	date1904 := false
	if p, err := f.GetWorkbookProps(); err == nil && p.Date1904 != nil {
		date1904 = *p.Date1904
	}
	var out []*ImportSheet
	for _, name := range f.GetSheetList() {
		if visible, err := f.GetSheetVisible(name); err == nil && !visible {
			continue
		}
		rows, err := f.Rows(name)
		if err != nil {
			continue // a chart sheet, say
		}
		sh := &ImportSheet{Name: name, Date1904: date1904}
		for n := 1; rows.Next(); n++ {
			cols, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return nil, importErr("Tệp Excel %s hỏng ở trang “%s”, dòng %d (%v).",
					"The Excel file %s is broken on sheet “%s”, row %d (%v).", path, name, n, err)
			}
			// Rows() numbers from the sheet's own row numbers, so empty rows
			// the file skips still count.
			sh.Rows = append(sh.Rows, cols)
			sh.RowNums = append(sh.RowNums, n)
		}
		if err := rows.Error(); err != nil {
			rows.Close()
			return nil, importErr("Tệp Excel %s hỏng ở trang “%s” (%v).", "The Excel file %s is broken on sheet “%s” (%v).", path, name, err)
		}
		rows.Close()
		out = append(out, sh)
	}
	if len(out) == 0 {
		return nil, importErr("Tệp Excel %s không có trang nào để nhập.", "The Excel file %s has no sheet to import.", path)
	}
	return out, nil
}

// fixEncoding converts a sheet whose text is TCVN3 or VNI read as
// Windows-1252 (what Excel keeps of a .VnTime or VNI-Times file); text
// that is real Unicode is left as it is.
func (sh *ImportSheet) fixEncoding() error {
	texts := make([]string, 0, 8*len(sh.Rows))
	for _, row := range sh.Rows {
		texts = append(texts, row...)
	}
	g := guessStrings(texts)
	if g.unreadable() {
		return ErrLegacyEncoding
	}
	if g.enc == EncUnicode {
		return nil
	}
	for _, row := range sh.Rows {
		for i, c := range row {
			row[i] = g.fix(c)
		}
	}
	sh.Encoding = g.enc
	return nil
}
