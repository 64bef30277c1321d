package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"nguon/model"
)

// Reading the lists clerks keep: CSV (comma, semicolon or tab; UTF-8 with
// or without a byte-order mark, UTF-16, or a legacy Vietnamese encoding)
// and XLSX, whoever wrote it (Excel, LibreOffice, nguon).

// ImportSheet is one table of a file. Its rows are not kept: every pass
// of an import (the check when the file is read, the plan, the write)
// reads them again from the file, one at a time, so that memory does not
// grow with the file. What the passes need from the whole table is found
// when the file is read: the rows a header is looked for in, the columns
// holding something, and what the texts say about their encoding.
type ImportSheet struct {
	Name     string   // the XLSX sheet; "" for a CSV file
	Encoding Encoding // how the text was written; it is Unicode now
	Date1904 bool     // the workbook counts dates from 1904 (old Mac Excel)

	open       func() (rowIter, error)
	head       []sheetRow  // the rows numbered up to headRows, as read
	lastFilled []int       // per column (0 is A): the last row number holding something, 0 if none
	guess      legacyGuess // the texts' legacy encoding, applied to every row read
	blank      bool        // no cell holds anything
}

// headRows is how far down a header row is looked for (lists often have a
// title above).
const headRows = 10

// sheetRow is one row holding something, with its number in the file (the
// first row is 1).
type sheetRow struct {
	num   int
	cells []string
}

// rowIter is one pass over a table's rows.
type rowIter interface {
	next() (sheetRow, error) // io.EOF after the last row
	close() error
}

// fileStamp is a file to import, as it was when first read: each pass
// opens it again and refuses it if it changed meanwhile (the TUI asks y/N
// between the dry run and the write).
type fileStamp struct {
	path string
	size int64
	mod  time.Time
}

func (f *fileStamp) open() (*os.File, error) {
	fh, err := os.Open(f.path)
	if err != nil {
		return nil, importErr("Không mở được tệp %s (%v).", "Cannot open %s (%v).", f.path, err)
	}
	fi, err := fh.Stat()
	if err != nil || fi.Size() != f.size || !fi.ModTime().Equal(f.mod) {
		fh.Close()
		return nil, importErr("Tệp %s đã thay đổi từ lúc được đọc; hãy nhập lại.", "%s changed since it was read; import it again.", f.path)
	}
	return fh, nil
}

// importError is a failure to read an import file, said in both languages.
type importError struct{ msg model.Text }

func (e *importError) Error() string    { return e.msg.VI }
func (e *importError) Text() model.Text { return e.msg }

// importErr formats a message in both languages; string arguments are
// values from the file or paths, escaped (and values cut by the caller).
func importErr(vi, en string, args ...any) error {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = model.Escape(s)
		}
	}
	return &importError{model.Text{VI: fmt.Sprintf(vi, args...), EN: fmt.Sprintf(en, args...)}}
}

// ReadImportFile reads the tables of a CSV or XLSX file. An XLSX gives one
// table per visible sheet; a CSV gives one. The file is read through once
// here, so that one past the limits or broken is refused before anything
// else is done.
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
		return nil, errFileTooLarge(path)
	}
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	stamp := &fileStamp{path: path, size: fi.Size(), mod: fi.ModTime()}
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
		return readXLSX(stamp, f)
	}
	src, err := newCSVSource(stamp, nil)
	if err != nil {
		return nil, err
	}
	sh, err := csvSheet(src)
	if err != nil {
		return nil, err
	}
	return []*ImportSheet{sh}, nil
}

// ReadCSV reads a CSV file's bytes: the encoding and the separator are found
// from the text; "sep=;" on the first line (as Excel writes it) is obeyed.
func ReadCSV(b []byte) (*ImportSheet, error) {
	if len(b) > maxImportSize {
		return nil, errFileTooLarge("CSV")
	}
	src, err := newCSVSource(nil, b)
	if err != nil {
		return nil, err
	}
	return csvSheet(src)
}

func csvSheet(src *csvSource) (*ImportSheet, error) {
	sh := &ImportSheet{Encoding: src.enc, open: src.open}
	return sh, sh.scan()
}

// readXLSX reads every visible sheet of a workbook as raw values: numbers
// as Excel stores them (dates are serial numbers), so a column's field
// decides what a number means. Shared and inline strings both come back
// as text.
func readXLSX(stamp *fileStamp, f *os.File) ([]*ImportSheet, error) {
	book, err := openBook(stamp, f)
	if err != nil {
		return nil, err
	}
	var out []*ImportSheet
	for _, part := range book.sheets {
		sh := &ImportSheet{Name: part.name, Date1904: book.date1904,
			open: func() (rowIter, error) { return book.open(part) }}
		if err := sh.scan(); err != nil {
			return nil, err
		}
		out = append(out, sh)
	}
	return out, nil
}

// scan is the first pass: it checks every row against the limits and
// keeps what the later passes need from the whole table.
func (sh *ImportSheet) scan() error {
	it, err := sh.open()
	if err != nil {
		return err
	}
	defer it.close()
	var g guesser
	sh.blank = true
	for {
		r, err := it.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if r.num <= headRows {
			sh.head = append(sh.head, sheetRow{r.num, cloneStrings(r.cells)})
		}
		for i, c := range r.cells {
			g.add(c)
			if strings.TrimSpace(c) == "" {
				continue
			}
			sh.blank = false
			for len(sh.lastFilled) <= i {
				sh.lastFilled = append(sh.lastFilled, 0)
			}
			sh.lastFilled[i] = r.num
		}
	}
	sh.guess = g.result()
	if sh.guess.enc != EncUnicode {
		sh.Encoding = sh.guess.enc
	}
	return nil
}

func cloneStrings(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = strings.Clone(s)
	}
	return out
}

// each reads the rows again, in the encoding found, and gives them to fn.
func (sh *ImportSheet) each(fn func(sheetRow) error) error {
	it, err := sh.open()
	if err != nil {
		return err
	}
	defer it.close()
	for {
		r, err := it.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		sh.fix(r.cells)
		if err := fn(r); err != nil {
			return err
		}
	}
}

// fix converts cells whose text is TCVN3 or VNI read as Windows-1252 (what
// Excel keeps of a .VnTime or VNI-Times file); real Unicode is left alone.
func (sh *ImportSheet) fix(cells []string) {
	if sh.guess.enc == EncUnicode {
		return
	}
	for i, c := range cells {
		cells[i] = sh.guess.fix(c)
	}
}

// headRowsFixed are the rows a header is looked for in, converted as every
// row is.
func (sh *ImportSheet) headRowsFixed() []sheetRow {
	out := make([]sheetRow, len(sh.head))
	for i, r := range sh.head {
		out[i] = sheetRow{r.num, slices.Clone(r.cells)}
		sh.fix(out[i].cells)
	}
	return out
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
