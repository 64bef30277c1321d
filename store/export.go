package store

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"nguon/model"
)

// ErrExportWrite reports that an export or report file could not be written.
var ErrExportWrite = newError("Không ghi được tệp kết quả; hãy kiểm tra ổ đĩa còn chỗ trống và quyền ghi.",
	"The output file could not be written; check the disk has space and can be written to.")

// WriteCSV writes a report as CSV: UTF-8 with a byte-order mark so Excel shows
// Vietnamese correctly, comma-separated, with the title left out (a CSV is a table).
func WriteCSV(w io.Writer, r model.Report) error {
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	// Cells go through Clean so a stray control character cannot reach a
	// spreadsheet (or a formula-injection "=" from a pasted name: see below).
	clean := func(row []string) []string {
		out := make([]string, len(row))
		for i, c := range row {
			out[i] = safeCell(model.Clean(c))
		}
		return out
	}
	if err := cw.Write(clean(r.Columns)); err != nil {
		return err
	}
	for _, row := range r.Rows {
		if err := cw.Write(clean(row)); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// safeCell keeps a spreadsheet from running a cell as a formula: text that
// starts with = + - @ is prefixed with an apostrophe, as OWASP advises for
// CSV files. Dates and plain numbers never start with those.
func safeCell(s string) string {
	if r, _ := utf8.DecodeRuneInString(s); r == '=' || r == '+' || r == '-' || r == '@' {
		if len(s) > 1 {
			return "'" + s
		}
	}
	return s
}

// WriteXLSX writes a report as a one-sheet workbook: title in A1, the table below.
func WriteXLSX(w io.Writer, r model.Report) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Sheet1"
	if err := f.SetCellValue(sheet, "A1", model.Clean(r.Title)); err != nil {
		return err
	}
	put := func(row int, cells []string) error {
		vals := make([]any, len(cells))
		for i, c := range cells {
			vals[i] = model.Clean(c)
		}
		cell, _ := excelize.CoordinatesToCellName(1, row)
		return f.SetSheetRow(sheet, cell, &vals)
	}
	if err := put(3, r.Columns); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err == nil {
		f.SetRowStyle(sheet, 3, 3, bold)
		f.SetRowStyle(sheet, 1, 1, bold)
	}
	for i, row := range r.Rows {
		if err := put(4+i, row); err != nil {
			return err
		}
	}
	for i := range r.Columns {
		width := 10
		for _, row := range append([][]string{r.Columns}, r.Rows...) {
			if i < len(row) {
				width = max(width, min(60, utf8.RuneCountInString(row[i])+2))
			}
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sheet, col, col, float64(width))
	}
	return f.Write(w)
}

// WriteFileAtomic writes through a temporary file in the same folder, synced
// and renamed into place, so a full disk never leaves half a file behind.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return wrap(ErrExportWrite, err)
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return wrap(ErrExportWrite, err)
	}
	if err := write(tmp); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return wrap(ErrExportWrite, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return wrap(ErrExportWrite, fmt.Errorf("rename: %w", err))
	}
	return nil
}
