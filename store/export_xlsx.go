package store

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"nguon/model"
)

// A workbook that behaves like one Excel made: dates are date cells shown
// dd/mm/yyyy, counts are numbers, the header row is bold, frozen and has an
// autofilter, the sheet is named for what it holds, columns are as wide as
// their text, the page is A4 (landscape when wide) fitted to one page wide
// with the header repeated on every page, the document says nguon wrote it
// today, and choice columns offer their choices as a drop-down, so the file
// can go to a cell as a template and come back filled in.

// colKind is what a column's cells are.
type colKind int

const (
	colText colKind = iota
	colLongText
	colDate
	colNumber
	colPercent
)

// xlsxCol is one column of a sheet.
type xlsxCol struct {
	Title   string
	Kind    colKind
	Choices []string // offered as a drop-down; nil for none
}

// xlsxSheet is one table to write.
type xlsxSheet struct {
	Name  string // the sheet's name (cut to Excel's 31 characters)
	Title string // a title above the table (reports); "" for none
	Lists string // the name of the hidden sheet holding the drop-down lists
	Cols  []xlsxCol
	Lang  model.Lang
}

// widthSample is how many rows the column widths are measured on: rows are
// streamed, so the widths must be set before the rest arrives.
const widthSample = 500

// xlsxWriter streams rows into a workbook.
type xlsxWriter struct {
	f        *excelize.File
	sw       *excelize.StreamWriter
	sh       xlsxSheet
	name     string
	header   int // row number of the header
	row      int // last row written
	pending  [][]string
	styles   struct{ title, header, date, text, wrap, number, percent int }
	started  bool
	rowValue []any
}

func newXLSXWriter(sh xlsxSheet) (*xlsxWriter, error) {
	f := excelize.NewFile()
	x := &xlsxWriter{f: f, sh: sh, name: sheetName(sh.Name), header: 1}
	if sh.Title != "" {
		x.header = 3
	}
	if err := f.SetSheetName("Sheet1", x.name); err != nil {
		f.Close()
		return nil, err
	}
	var err error
	mk := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(s)
		return id
	}
	dateFmt, pctFmt := "dd/mm/yyyy", "0.0%"
	border := []excelize.Border{{Type: "bottom", Color: "000000", Style: 1}}
	x.styles.title = mk(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	x.styles.header = mk(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}})
	x.styles.date = mk(&excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Horizontal: "left"}})
	x.styles.text = mk(&excelize.Style{NumFmt: 49}) // "@": typed text stays text (a CCCD keeps its 0)
	x.styles.wrap = mk(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	x.styles.number = mk(&excelize.Style{NumFmt: 1})
	x.styles.percent = mk(&excelize.Style{CustomNumFmt: &pctFmt})
	if err != nil {
		f.Close()
		return nil, err
	}
	return x, nil
}

// sheetName makes a valid, unique-enough sheet name: no []:*?/\ and at
// most 31 characters.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\'`, r) {
			return ' '
		}
		return r
	}, model.Clean(s))
	s = strings.TrimSpace(s)
	if s == "" {
		s = "nguon"
	}
	if utf8.RuneCountInString(s) > 31 {
		cut := string([]rune(s)[:32])
		if i := strings.LastIndexByte(cut, ' '); i > 10 {
			cut = cut[:i] // at a word's end
		}
		s = strings.TrimRight(strings.TrimSpace(string([]rune(cut)[:min(31, utf8.RuneCountInString(cut))])), ",;.-")
	}
	return s
}

// Add queues or writes one row of text, converted by its column's kind.
func (x *xlsxWriter) Add(row []string) error {
	if !x.started {
		x.pending = append(x.pending, slices.Clone(row)) // the caller reuses row
		if len(x.pending) < widthSample {
			return nil
		}
		if err := x.start(); err != nil {
			return err
		}
		return nil
	}
	return x.write(row)
}

// start sets what must precede the rows in a streamed sheet (column
// widths, frozen panes, page fitting), writes the title and header, then
// the rows queued so far.
func (x *xlsxWriter) start() error {
	x.started = true
	f, sh := x.f, x.sh
	if err := f.SetSheetProps(x.name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	// The sheet is made the selected one now, while it is empty: selecting
	// it after the rows are streamed makes excelize read the whole sheet
	// back into memory (some 300 MB for 25,000 rows) and write it again.
	f.SetActiveSheet(0)
	sw, err := f.NewStreamWriter(x.name)
	if err != nil {
		return err
	}
	x.sw = sw
	total := 0.0
	for i, c := range sh.Cols {
		w := float64(max(8, utf8.RuneCountInString(c.Title)/2+3))
		for _, r := range x.pending {
			if i < len(r) {
				w = max(w, float64(min(50, textWidth(r[i], c.Kind)+2)))
			}
		}
		if c.Kind == colDate {
			w = max(w, 12)
		}
		total += w
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return err
		}
		// Cells typed in later keep the column's kind: a CCCD typed into a
		// text column keeps its leading 0, a date shows dd/mm/yyyy.
		if err := sw.SetColStyle(i+1, i+1, x.colStyle(c.Kind)); err != nil {
			return err
		}
	}
	landscape := total > 95
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: x.header, TopLeftCell: cellName(1, x.header+1),
		ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if sh.Title != "" {
		if err := sw.SetRow("A1", []any{excelize.Cell{StyleID: x.styles.title, Value: model.Clean(sh.Title)}}); err != nil {
			return err
		}
	}
	head := make([]any, len(sh.Cols))
	for i, c := range sh.Cols {
		head[i] = excelize.Cell{StyleID: x.styles.header, Value: model.Clean(c.Title)}
	}
	if err := sw.SetRow(cellName(1, x.header), head, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	x.row = x.header
	for _, r := range x.pending {
		if err := x.write(r); err != nil {
			return err
		}
	}
	x.pending = nil
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	return f.SetPageLayout(x.name, &excelize.PageLayoutOptions{Size: ptr(9), Orientation: &orient,
		FitToWidth: ptr(1), FitToHeight: ptr(0)})
}

func (x *xlsxWriter) colStyle(k colKind) int {
	switch k {
	case colDate:
		return x.styles.date
	case colNumber:
		return x.styles.number
	case colPercent:
		return x.styles.percent
	case colLongText:
		return x.styles.wrap
	}
	return x.styles.text
}

// textWidth is about how many character widths a cell needs.
func textWidth(s string, k colKind) int {
	switch k {
	case colDate:
		return 10
	case colLongText:
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			s = s[:i]
		}
	}
	return utf8.RuneCountInString(s)
}

func (x *xlsxWriter) write(row []string) error {
	x.row++
	if cap(x.rowValue) < len(x.sh.Cols) {
		x.rowValue = make([]any, len(x.sh.Cols))
	}
	vals := x.rowValue[:len(x.sh.Cols)]
	for i, c := range x.sh.Cols {
		vals[i] = nil
		if i >= len(row) || row[i] == "" {
			continue
		}
		vals[i] = x.value(c.Kind, row[i])
	}
	return x.sw.SetRow(cellName(1, x.row), vals)
}

// value is one cell: a date cell, a number, or text.
func (x *xlsxWriter) value(k colKind, s string) any {
	switch k {
	case colDate:
		if d, err := model.ParseDate(s); err == nil && d != 0 {
			return excelize.Cell{StyleID: x.styles.date, Value: time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)}
		}
	case colNumber:
		if n, err := strconv.Atoi(s); err == nil {
			return excelize.Cell{StyleID: x.styles.number, Value: n}
		}
	case colPercent:
		if p, ok := parsePercent(s); ok {
			return excelize.Cell{StyleID: x.styles.percent, Value: p}
		}
	case colLongText:
		return excelize.Cell{StyleID: x.styles.wrap, Value: model.CleanMultiline(s)}
	}
	return excelize.Cell{StyleID: x.styles.text, Value: model.Clean(s)}
}

// parsePercent reads "22,5%" or "22.5%" as 0.225.
func parsePercent(s string) (float64, bool) {
	t, ok := strings.CutSuffix(strings.TrimSpace(s), "%")
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.Replace(t, ",", ".", 1), 64)
	if err != nil {
		return 0, false
	}
	return f / 100, true
}

// Close finishes the sheet (autofilter, drop-downs, print titles, the
// document's properties) and writes the workbook to w.
func (x *xlsxWriter) Close(w io.Writer) error {
	defer x.f.Close()
	if !x.started {
		if err := x.start(); err != nil {
			return err
		}
	}
	f, sh := x.f, x.sh
	last := cellName(len(sh.Cols), max(x.row, x.header+1))
	if err := f.AutoFilter(x.name, cellName(1, x.header)+":"+last, nil); err != nil {
		return err
	}
	if err := x.dropDowns(); err != nil {
		return err
	}
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
		RefersTo: "'" + x.name + "'!$" + strconv.Itoa(x.header) + ":$" + strconv.Itoa(x.header), Scope: x.name}); err != nil {
		return err
	}
	if err := x.sw.Flush(); err != nil {
		return err
	}
	now := timeNow().UTC().Format(time.RFC3339)
	title := sh.Title
	if title == "" {
		title = sh.Name
	}
	lang := "vi-VN"
	if sh.Lang == model.EN {
		lang = "en-GB"
	}
	if err := f.SetDocProps(&excelize.DocProperties{Creator: "nguon", LastModifiedBy: "nguon", Created: now,
		Modified: now, Title: model.Clean(title), Language: lang}); err != nil {
		return err
	}
	if err := f.SetAppProps(&excelize.AppProperties{Application: "nguon"}); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

// dropDowns puts every column's choices on a hidden sheet and offers them
// as a drop-down in the column's cells, from below the header down to the
// sheet's end, so rows added by hand get them too.
func (x *xlsxWriter) dropDowns() error {
	f, sh := x.f, x.sh
	listCol := 0
	for i, c := range sh.Cols {
		if len(c.Choices) == 0 {
			continue
		}
		if listCol == 0 {
			if _, err := f.NewSheet(sh.Lists); err != nil {
				return err
			}
			if err := f.SetSheetVisible(sh.Lists, false); err != nil {
				return err
			}
		}
		listCol++
		if err := f.SetCellValue(sh.Lists, cellName(listCol, 1), model.Clean(c.Title)); err != nil {
			return err
		}
		for j, choice := range c.Choices {
			if err := f.SetCellStr(sh.Lists, cellName(listCol, j+2), model.Clean(choice)); err != nil {
				return err
			}
		}
		col, _ := excelize.ColumnNumberToName(listCol)
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(cellName(i+1, x.header+1) + ":" + cellName(i+1, excelize.TotalRows))
		dv.SetSqrefDropList("'" + sh.Lists + "'!$" + col + "$2:$" + col + "$" + strconv.Itoa(len(c.Choices)+1))
		dv.SetError(excelize.DataValidationErrorStyleWarning, model.Text{VI: "Giá trị không có trong danh sách", EN: "Not one of the choices"}.In(sh.Lang),
			model.Text{VI: "Hãy chọn trong danh sách thả xuống.", EN: "Choose from the drop-down list."}.In(sh.Lang))
		if err := f.AddDataValidation(x.name, dv); err != nil {
			return err
		}
	}
	return nil
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func ptr[T any](v T) *T { return &v }

// timeNow dates the documents an export writes.
var timeNow = time.Now
