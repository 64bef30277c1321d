package store

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"unicode/utf8"

	"nguon/model"
)

// ErrExportWrite reports that an export or report file could not be written.
var ErrExportWrite = newError("Không ghi được tệp kết quả; hãy kiểm tra ổ đĩa còn chỗ trống và quyền ghi.",
	"The output file could not be written; check the disk has space and can be written to.")

// WriteCSV writes a report as CSV the way Excel writes one: UTF-8 with a
// byte-order mark so Excel shows Vietnamese correctly, comma-separated, CRLF
// line ends, with the title left out (a CSV is a table).
func WriteCSV(w io.Writer, r model.Report) error {
	cw := newCSVWriter(w)
	if err := cw.write(r.Columns); err != nil {
		return err
	}
	for _, row := range r.Rows {
		if err := cw.write(row); err != nil {
			return err
		}
	}
	return cw.flush()
}

// csvWriter streams CSV rows. Cells go through Clean so a stray control
// character cannot reach a spreadsheet, and through safeCell against
// formula injection; long texts (notes) keep their line breaks.
type csvWriter struct {
	bw  *bufio.Writer
	cw  *csv.Writer
	buf []string
}

func newCSVWriter(w io.Writer) *csvWriter {
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString("\uFEFF")
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	return &csvWriter{bw: bw, cw: cw}
}

func (c *csvWriter) write(row []string) error { return c.writeKinds(row, nil) }

// writeKinds writes a row; multiline[i] keeps the line breaks of cell i.
func (c *csvWriter) writeKinds(row []string, multiline []bool) error {
	c.buf = c.buf[:0]
	for i, v := range row {
		if i < len(multiline) && multiline[i] {
			v = model.CleanMultiline(v)
		} else {
			v = model.Clean(v)
		}
		c.buf = append(c.buf, safeCell(v))
	}
	return c.cw.Write(c.buf)
}

func (c *csvWriter) flush() error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return err
	}
	return c.bw.Flush()
}

// safeCell keeps a spreadsheet from running a cell as a formula: text that
// starts with = + - @ is prefixed with an apostrophe, as OWASP advises for
// CSV files (an import takes the apostrophe off again). Dates and plain
// numbers never start with those.
func safeCell(s string) string {
	if r, _ := utf8.DecodeRuneInString(s); r == '=' || r == '+' || r == '-' || r == '@' {
		if len(s) > 1 {
			return "'" + s
		}
	}
	return s
}

// WriteXLSX writes a report as a workbook: its title in A1, the table
// from row 3 with a bold, frozen, filtered header; dates as date cells,
// counts as numbers and rates as percentages (see export_xlsx.go).
func WriteXLSX(w io.Writer, r model.Report) error {
	cols := make([]xlsxCol, len(r.Columns))
	for i, c := range r.Columns {
		cols[i] = xlsxCol{Title: c, Kind: reportColumnKind(r.Rows, i)}
	}
	x, err := newXLSXWriter(xlsxSheet{Name: r.Title, Title: r.Title, Cols: cols})
	if err != nil {
		return err
	}
	for _, row := range r.Rows {
		if err := x.Add(row); err != nil {
			return err
		}
	}
	return x.Close(w)
}

// reportColumnKind says what a report column holds: dates when every
// filled cell is dd/mm/yyyy, numbers when every one is a whole number,
// rates when every one is a percentage; "–" (no target) may stand in any.
func reportColumnKind(rows [][]string, i int) colKind {
	kinds := []colKind{colDate, colNumber, colPercent}
	ok := []bool{true, true, true}
	seen := false
	for _, row := range rows {
		if i >= len(row) || row[i] == "" || row[i] == "–" {
			continue
		}
		seen = true
		v := row[i]
		if d, err := model.ParseDate(v); err != nil || d == 0 || len(v) != 10 {
			ok[0] = false
		}
		if _, err := strconv.Atoi(v); err != nil {
			ok[1] = false
		}
		if _, isPct := parsePercent(v); !isPct {
			ok[2] = false
		}
	}
	for j, k := range kinds {
		if seen && ok[j] {
			return k
		}
	}
	return colText
}

// WriteFileAtomic writes through a temporary file in the same folder, synced
// and renamed into place, so a full disk never leaves half a file behind.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	CleanStale(dir) // what a killed nguon left half-written here
	tmp, err := createTemp(dir, tempDoc)
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
