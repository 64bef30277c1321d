package store

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
)

// xlsxRows reads one sheet's rows, those that hold a cell with a value.
type xlsxRows struct {
	book   *xlsxBook
	sheet  xlsxSheetPart
	f      *os.File
	rc     io.ReadCloser
	x      *xmlScanner
	curRow int
	rows   int
}

func (b *xlsxBook) open(sh xlsxSheetPart) (rowIter, error) {
	f, err := b.file.open()
	if err != nil {
		return nil, err
	}
	z, err := zip.NewReader(f, b.file.size)
	if err != nil {
		f.Close()
		return nil, err
	}
	rc, err := openPart(z, sh.part, &xmlBudget{path: b.file.path, left: maxImportXML})
	if err != nil {
		f.Close()
		return nil, err
	}
	x := newXMLScanner(rc)
	x.max = maxImportCell
	return &xlsxRows{book: b, sheet: sh, f: f, rc: rc, x: x}, nil
}

func (r *xlsxRows) close() error {
	r.rc.Close()
	return r.f.Close()
}

func (r *xlsxRows) broken(row int, err error) error {
	var ie *importError
	if errors.As(err, &ie) {
		return err
	}
	return importErr("Tệp Excel %s hỏng ở trang “%s”, dòng %d (%v).",
		"The Excel file %s is broken on sheet “%s”, row %d (%v).", r.book.file.path, clip(r.sheet.name), row, err)
}

// next returns the next row holding something; io.EOF after the last.
func (r *xlsxRows) next() (sheetRow, error) {
	x := r.x
	for {
		kind, err := x.next()
		if err != nil {
			return sheetRow{}, r.broken(r.curRow+1, err)
		}
		switch {
		case kind == xmlEOF:
			return sheetRow{}, io.EOF
		case kind != xmlStart || string(x.name) != "row":
			continue
		}
		r.curRow++
		if v, ok := x.attr("r"); ok {
			n, err := strconv.Atoi(string(v))
			if err != nil || n < 1 {
				return sheetRow{}, r.broken(r.curRow, fmt.Errorf("row number %q", clip(string(v))))
			}
			r.curRow = n
		}
		if x.self {
			continue
		}
		cells, err := r.rowCells()
		if err != nil {
			return sheetRow{}, err
		}
		if cells == nil {
			continue
		}
		if r.curRow > maxImportRows || r.rows >= maxImportRows {
			return sheetRow{}, errTooManyRows(r.book.file.path, r.sheet.name, r.curRow)
		}
		r.rows++
		return sheetRow{num: r.curRow, cells: cells}, nil
	}
}

// rowCells reads the cells of the row just opened, up to its end tag: nil
// when none holds a value.
func (r *xlsxRows) rowCells() ([]string, error) {
	x, row, path := r.x, r.curRow, r.book.file.path
	var cells []string
	col, size := 0, 0
	for {
		kind, err := x.next()
		if err != nil {
			return nil, r.broken(row, err)
		}
		if kind == xmlEOF {
			return nil, r.broken(row, io.ErrUnexpectedEOF)
		}
		if kind == xmlEnd && string(x.name) == "row" {
			return cells, nil
		}
		if kind != xmlStart || string(x.name) != "c" {
			continue
		}
		col++
		if ref, ok := x.attr("r"); ok {
			if col, err = refColumn(ref); err != nil {
				return nil, r.broken(row, err)
			}
		}
		typ, _ := x.attr("t")
		t := string(typ)
		v, has, err := r.cellValue(t, row, col)
		if err != nil {
			return nil, err
		}
		if !has {
			continue
		}
		if col > maxImportColumns {
			return nil, errTooManyColumns(path, r.sheet.name, row, col)
		}
		if size += len(v); size > maxImportRow {
			return nil, errRowTooLong(path, r.sheet.name, row)
		}
		for len(cells) < col-1 {
			cells = append(cells, "")
		}
		if col-1 < len(cells) {
			cells[col-1] = v // a cell named twice: the last one counts
		} else {
			cells = append(cells, v)
		}
	}
}

// cellValue reads the cell just opened: its raw value, and whether it has
// one (a value, or a formula even when it gives nothing).
func (r *xlsxRows) cellValue(t string, row, col int) (string, bool, error) {
	x := r.x
	if x.self {
		return "", false, nil
	}
	var v, is []byte
	inV, inIS, sawIS, inT, phonetic, formula := false, false, false, false, 0, false
	long := func() error { return errCellTooLong(r.book.file.path, r.sheet.name, row, col) }
	for {
		x.keep = inV || inIS && inT && phonetic == 0
		kind, err := x.next()
		if err != nil {
			return "", false, r.broken(row, err)
		}
		if x.over {
			return "", false, long()
		}
		if inV {
			v = append(v, x.text...)
		} else if x.keep {
			if is = append(is, x.text...); len(is) > maxImportCell {
				return "", false, long()
			}
		}
		switch kind {
		case xmlEOF:
			return "", false, r.broken(row, io.ErrUnexpectedEOF)
		case xmlStart:
			switch string(x.name) {
			case "v":
				inV = !x.self
			case "f":
				formula = true
			case "is":
				inIS, sawIS = !x.self, true
			case "t":
				inT = !x.self
			case "rPh":
				phonetic++
			}
		case xmlEnd:
			switch string(x.name) {
			case "c":
				x.keep = false
				return r.value(t, v, is, sawIS, formula, row)
			case "v":
				inV = false
			case "is":
				inIS = false
			case "t":
				inT = false
			case "rPh":
				phonetic--
			}
		}
	}
}

func (r *xlsxRows) value(t string, v, is []byte, hasIS, formula bool, row int) (string, bool, error) {
	var s string
	switch t {
	case "s":
		if len(v) > 0 {
			i, err := strconv.Atoi(strings.TrimSpace(string(v)))
			str, ok := r.book.sst.get(i)
			if err != nil || !ok {
				return "", false, r.broken(row, fmt.Errorf("shared string %q", clip(string(v))))
			}
			if len(str) > maxImportCell {
				return "", false, errCellTooLong(r.book.file.path, r.sheet.name, row, 0)
			}
			s = str
		}
	case "inlineStr":
		if hasIS {
			s = bstrUnmarshal(string(is))
		} else {
			s = string(v)
		}
	default:
		s = string(v)
	}
	return s, s != "" || formula, nil
}

// refColumn reads the column of a cell reference ("AB12" is 28).
func refColumn(ref []byte) (int, error) {
	col, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		if col = col*26 + int(c-'a'+1); col > 1<<20 {
			break
		}
	}
	if i == 0 || i == len(ref) || col > 1<<20 {
		return 0, fmt.Errorf("cell reference %q", clip(string(ref)))
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("cell reference %q", clip(string(ref)))
		}
	}
	return col, nil
}
