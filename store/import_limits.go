package store

import (
	"fmt"

	"github.com/xuri/excelize/v2"

	"nguon/model"
)

// Limits of an import (docs/file-format.md, "Limits of an import"). No
// commune's list comes near them; they are there so that a damaged or
// hostile file is refused early, with memory bounded, instead of being
// read until the machine runs out.
const (
	// maxImportSize is the largest file an import opens.
	maxImportSize = 200 << 20
	// maxImportRows is the highest row number of a sheet (a CSV's record
	// number), the header and title rows included.
	maxImportRows = 300_000
	// maxImportColumns is the highest column (GR in a spreadsheet).
	maxImportColumns = 200
	// maxImportCell is the most bytes of text one cell may hold.
	maxImportCell = 32 << 10
	// maxImportRow is the most bytes one row may take: a CSV record (one
	// line, or more when a quoted cell holds line breaks), or the text of
	// an XLSX row's cells.
	maxImportRow = 1 << 20
	// maxImportXML is the most bytes of XML an XLSX may inflate to, all the
	// parts read in one pass together, and the most one part may say it holds.
	maxImportXML = 1 << 30
	// maxSharedStrings is the most text an XLSX's table of shared strings
	// may hold, and maxSharedCount the most strings in it: the table stays
	// in memory while the sheet is read.
	maxSharedStrings = 100 << 20
	maxSharedCount   = 4_000_000
	// maxSmallPart bounds the parts of an XLSX read whole (workbook, its
	// relationships).
	maxSmallPart = 16 << 20
	// maxQuote is how many characters of a value a message quotes.
	maxQuote = 60
)

// clip cuts s to at most maxQuote characters, never inside one, and marks
// the cut with "…".
func clip(s string) string {
	n := 0
	for i := range s {
		if n == maxQuote {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// quote is a value from the file as a message shows it: at most maxQuote
// characters, escaped, in quotation marks.
func quote(s string) string { return "“" + model.Escape(clip(s)) + "”" }

// colName is a column's letters ("A", "GR"), from its number (1 is A).
func colName(col int) string {
	s, err := excelize.ColumnNumberToName(col)
	if err != nil {
		return fmt.Sprint(col)
	}
	return s
}

// where says where in the file something is: the sheet (for an XLSX) and
// the row, and the column when known (col 0: the whole row).
func where(sheet string, row, col int) model.Text {
	var t model.Text
	if sheet != "" {
		s := model.Escape(clip(sheet))
		t = model.Text{VI: "trang “" + s + "”, ", EN: "sheet “" + s + "”, "}
	}
	if col > 0 {
		c := colName(col)
		return model.Text{VI: t.VI + fmt.Sprintf("ô %s%d (dòng %d, cột %s)", c, row, row, c),
			EN: t.EN + fmt.Sprintf("cell %s%d (row %d, column %s)", c, row, row, c)}
	}
	return model.Text{VI: t.VI + fmt.Sprintf("dòng %d", row), EN: t.EN + fmt.Sprintf("row %d", row)}
}

// The advice a refusal ends with: how to bring the file within the limits.
var (
	splitRows = model.Text{
		VI: "Hãy tách danh sách thành nhiều tệp nhỏ hơn (mỗi tệp giữ dòng tiêu đề) rồi nhập lần lượt từng tệp.",
		EN: "Split the list into smaller files (each keeping the header row) and import them one after another."}
	trimSheet = model.Text{
		VI: "Hãy mở tệp bằng Excel hoặc LibreOffice, xóa các dòng và cột thừa (kể cả ô trống đã định dạng ở xa), chép phần danh sách sang một tệp mới, hoặc tách thành nhiều tệp nhỏ hơn rồi nhập lần lượt.",
		EN: "Open the file in Excel or LibreOffice and delete the rows and columns it does not need (formatted empty cells far away too), copy the list to a new file, or split it into smaller files and import them one after another."}
)

// overLimit is the refusal of a file past one of the limits: which file,
// what is over which limit and where, and what to do.
func overLimit(path string, what, at, advice model.Text) error {
	p := model.Escape(path)
	sep := func(word, a string) string {
		if a == "" {
			return ""
		}
		return ", " + word + " " + a
	}
	return &importError{model.Text{
		VI: "Tệp " + p + " vượt giới hạn khi nhập: " + what.VI + sep("ở", at.VI) + ". " + advice.VI,
		EN: p + " is over a limit of an import: " + what.EN + sep("at", at.EN) + ". " + advice.EN}}
}

func errTooManyRows(path, sheet string, row int) error {
	return overLimit(path, model.Text{
		VI: fmt.Sprintf("có hơn %d dòng", maxImportRows),
		EN: fmt.Sprintf("more than %d rows", maxImportRows)}, where(sheet, row, 0), splitRows)
}

func errTooManyColumns(path, sheet string, row, col int) error {
	return overLimit(path, model.Text{
		VI: fmt.Sprintf("có ô ở quá cột %s (giới hạn %d cột)", colName(maxImportColumns), maxImportColumns),
		EN: fmt.Sprintf("a cell beyond column %s (the limit is %d columns)", colName(maxImportColumns), maxImportColumns)},
		where(sheet, row, col), trimSheet)
}

func errCellTooLong(path, sheet string, row, col int) error {
	return overLimit(path, model.Text{
		VI: fmt.Sprintf("một ô dài hơn %d KiB", maxImportCell>>10),
		EN: fmt.Sprintf("a cell longer than %d KiB", maxImportCell>>10)}, where(sheet, row, col), model.Text{
		VI: "Hãy rút gọn nội dung ô đó (để văn bản dài ở tệp riêng) rồi nhập lại.",
		EN: "Shorten that cell (keep long texts in a file of their own) and import again."})
}

func errRowTooLong(path, sheet string, row int) error {
	return overLimit(path, model.Text{
		VI: fmt.Sprintf("một dòng dài hơn %d MiB", maxImportRow>>20),
		EN: fmt.Sprintf("a row longer than %d MiB", maxImportRow>>20)}, where(sheet, row, 0), model.Text{
		VI: "Có thể tệp thiếu một dấu ngoặc kép đóng, hoặc không phải danh sách; hãy kiểm tra dòng đó, rút gọn hoặc tách nó rồi nhập lại.",
		EN: "The file may lack a closing quotation mark, or not be a list; check that row, shorten or split it, and import again."})
}

func errFileTooLarge(path string) error {
	return overLimit(path, model.Text{
		VI: fmt.Sprintf("tệp lớn hơn %d MB", maxImportSize>>20),
		EN: fmt.Sprintf("larger than %d MB", maxImportSize>>20)}, model.Text{}, splitRows)
}

func errXMLTooLarge(path, part string) error {
	return overLimit(path, model.Text{
		VI: fmt.Sprintf("phần %s của tệp Excel giải nén ra hơn %d MB", model.Escape(clip(part)), maxImportXML>>20),
		EN: fmt.Sprintf("the part %s of the workbook unpacks to more than %d MB", model.Escape(clip(part)), maxImportXML>>20)},
		model.Text{}, trimSheet)
}

func errSharedStrings(path string) error {
	return overLimit(path, model.Text{
		VI: fmt.Sprintf("bảng chữ dùng chung (sharedStrings) của tệp Excel có hơn %d MB hoặc %d chuỗi", maxSharedStrings>>20, maxSharedCount),
		EN: fmt.Sprintf("the workbook's table of shared strings holds more than %d MB or %d strings", maxSharedStrings>>20, maxSharedCount)},
		model.Text{}, trimSheet)
}
