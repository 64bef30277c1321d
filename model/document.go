package model

import (
	"fmt"
	"strings"
	"time"
)

// A Doc is a document nguon writes for print (minutes, a resolution, a
// report) described by what it says and how each part is set, not by any
// file format: store renders it as DOCX. Keeping the wording here lets it
// be tested without a word processor, and keeps store free of domain text.

// Align is a paragraph's alignment.
type Align int

// Alignments.
const (
	AlignJustify Align = iota
	AlignLeft
	AlignCenter
	AlignRight
)

// Run is a stretch of text set one way. A "\n" in Text is a line break
// within the paragraph.
type Run struct {
	Text                    string
	Bold, Italic, Underline bool
	// Mono sets the run in a fixed-width font, every character as wide as
	// the next: text laid out in columns (a picture of the program's
	// screen) keeps its columns on paper. Its paragraph should be
	// AlignLeft: a justified paragraph stretches the lines before its
	// line breaks, and the columns with them.
	Mono bool
}

// Para is a paragraph.
type Para struct {
	Runs  []Run
	Align Align
	// Size is the font size in points; 0 is the document's body size.
	Size float64
	// Indent indents the first line (the body of a party document).
	Indent bool
	// Before is the space above the paragraph in points.
	Before float64
	// KeepNext keeps the paragraph on the page of the next one (a heading
	// and its first line; a signature's title and its name).
	KeepNext bool
	// PageBreak starts the paragraph on a new page (a guide's first
	// chapter after its title page).
	PageBreak bool
}

// Table is a table: a letterhead or signature block without borders, or
// a report's table with borders and a header row repeated on every page.
type Table struct {
	// Widths are the columns' relative widths.
	Widths  []int
	Rows    [][]TableCell
	Borders bool
	// Header is the number of leading rows repeated on every page.
	Header int
	// Size is the font size in points of every cell; 0 is the body size.
	Size float64
	// CantSplit keeps every row on one page: a picture of a screen cut in
	// two across a page break no longer looks like the screen.
	CantSplit bool
}

// TableCell is one table cell: one or more paragraphs.
type TableCell struct {
	Paras []Para
}

// Block is a Para or a Table.
type Block interface{ isBlock() }

func (Para) isBlock()  {}
func (Table) isBlock() {}

// Doc is a whole document.
type Doc struct {
	// Title and Subject go into the file's properties.
	Title, Subject string
	// Created is when the document was made (the file's properties).
	Created time.Time
	// Landscape turns the A4 page (wide report tables).
	Landscape bool
	// Size is the body's font size in points (13–14 for party documents).
	Size float64
	// PageNumbers puts "Trang N/M" (page N of M) centred in the footer of
	// every page: a guide of many pages, printed and stapled, is read out
	// of order.
	PageNumbers bool
	Blocks      []Block
}

// DocBodySize is the body font size of the party documents nguon writes
// (Hướng dẫn 36-HD/VPTW: 13–14 pt).
const DocBodySize = 14

// docP makes a paragraph of one run.
func docP(text string, a Align) Para { return Para{Runs: []Run{{Text: text}}, Align: a} }

// docBold makes a paragraph of one bold run.
func docBold(text string, a Align) Para { return Para{Runs: []Run{{Text: text, Bold: true}}, Align: a} }

// docItalic makes a paragraph of one italic run.
func docItalic(text string, a Align) Para {
	return Para{Runs: []Run{{Text: text, Italic: true}}, Align: a}
}

// docBody makes a body paragraph: justified, first line indented.
func docBody(runs ...Run) Para { return Para{Runs: runs, Indent: true} }

// plain is a plain run; strong a bold one; emph an italic one.
func plain(text string) Run { return Run{Text: text} }

// strong makes a bold run.
func strong(text string) Run { return Run{Text: text, Bold: true} }

// emph makes an italic run.
func emph(text string) Run { return Run{Text: text, Italic: true} }

// Sized returns p set in size points.
func (p Para) Sized(size float64) Para { p.Size = size; return p }

// Spaced returns p with before points above it.
func (p Para) Spaced(before float64) Para { p.Before = before; return p }

// Kept returns p kept with the next paragraph.
func (p Para) Kept() Para { p.KeepNext = true; return p }

// Text is the paragraph's text without formatting.
func (p Para) Text() string {
	var b strings.Builder
	for _, r := range p.Runs {
		b.WriteString(r.Text)
	}
	return b.String()
}

// PlainText renders the document as plain text, one paragraph a line and
// table cells separated by " | ": what a word processor's "save as text"
// shows, and what tests read.
func (d Doc) PlainText() string {
	var b strings.Builder
	for _, bl := range d.Blocks {
		switch x := bl.(type) {
		case Para:
			b.WriteString(x.Text() + "\n")
		case Table:
			for _, row := range x.Rows {
				cells := make([]string, len(row))
				for i, c := range row {
					var ps []string
					for _, p := range c.Paras {
						ps = append(ps, p.Text())
					}
					cells[i] = strings.Join(ps, " / ")
				}
				b.WriteString(strings.Join(cells, " | ") + "\n")
			}
		}
	}
	return b.String()
}

// VietDate writes a date as party documents do: "ngày 05 tháng 3 năm 2026"
// (day with two digits, the month without: 36-HD/VPTW writes the days and
// months below 10 of January and February with a leading zero, "ngày 05
// tháng 02"). A zero date leaves the blanks for the clerk.
func VietDate(d Date) string {
	if d == 0 {
		return "ngày … tháng … năm …"
	}
	m := fmt.Sprint(int(d.Month()))
	if d.Month() <= 2 {
		m = fmt.Sprintf("%02d", int(d.Month()))
	}
	return fmt.Sprintf("ngày %02d tháng %s năm %d", d.Day(), m, d.Year())
}

// PlaceOf is the place name of a committee, written before the date of
// its documents: "Đảng bộ xã Trường Sơn" gives "Trường Sơn".
func PlaceOf(committee string) string {
	words := strings.Fields(Clean(committee))
	f := Fold(strings.Join(words, " "))
	if strings.HasPrefix(f, "dang bo ") || strings.HasPrefix(f, "dang uy ") {
		words, f = words[2:], Fold(strings.Join(words[2:], " "))
	}
	for _, p := range []string{"xa ", "phuong ", "thi tran ", "dac khu "} {
		if n := len(strings.Fields(p)); strings.HasPrefix(f, p) && len(words) > n {
			return strings.Join(words[n:], " ")
		}
	}
	return strings.Join(words, " ")
}

// upper writes a name in capitals, as letterheads do.
func upper(s string) string { return strings.ToUpper(Clean(s)) }

// letterhead is the two-column header of a party document (36-HD/VPTW):
// on the left the party organisation above, the issuing cell in bold, a
// star and the document's number; on the right the party's name in bold,
// underlined, and below it the place and date in italics.
func letterhead(above, issuer, number, place string, date Date) Table {
	left := []Para{
		docP(upper(above), AlignCenter),
		docBold(upper(issuer), AlignCenter),
		docP("*", AlignCenter),
		docP(number, AlignCenter),
	}
	if place == "" {
		place = "……"
	}
	right := []Para{
		{Runs: []Run{{Text: "ĐẢNG CỘNG SẢN VIỆT NAM", Bold: true, Underline: true}}, Align: AlignCenter, Size: 15},
		docP("", AlignCenter),
		docItalic(place+", "+VietDate(date), AlignCenter),
	}
	return Table{Widths: []int{45, 55}, Rows: [][]TableCell{{{Paras: left}, {Paras: right}}}}
}

// signatures is a row of signature blocks: each a title (bold capitals,
// "T/M CHI BỘ" over "BÍ THƯ"), "(ký, ghi rõ họ tên)" in italics, room to
// sign, and the name in bold. An empty title leaves its column blank (the
// "Nơi nhận" of a resolution goes there instead, see receivers).
func signatures(blocks ...[]Para) Table {
	// Titles of one line and of two ("THƯ KÝ", "T/M CHI BỘ / BÍ THƯ"):
	// the shorter block starts lower, so the names stand on one line.
	longest := 0
	for _, b := range blocks {
		longest = max(longest, len(b))
	}
	row := make([]TableCell, len(blocks))
	widths := make([]int, len(blocks))
	for i, b := range blocks {
		pad := make([]Para, 0, longest)
		if isSignBlock(b) {
			for range longest - len(b) {
				pad = append(pad, docP("", AlignCenter).Kept())
			}
		}
		row[i] = TableCell{Paras: append(pad, b...)}
		widths[i] = 1
	}
	return Table{Widths: widths, Rows: [][]TableCell{row}}
}

// isSignBlock reports whether ps is a signature block (which ends with
// the signer's name, in bold), not a list such as "Nơi nhận".
func isSignBlock(ps []Para) bool {
	return len(ps) > 0 && len(ps[len(ps)-1].Runs) == 1 && ps[len(ps)-1].Runs[0].Bold && ps[len(ps)-1].Align == AlignCenter
}

// signBlock is one signature block: its title lines, then the name.
func signBlock(name string, titles ...string) []Para {
	var ps []Para
	for _, t := range titles {
		ps = append(ps, docBold(t, AlignCenter).Kept())
	}
	ps = append(ps, docItalic("(ký, ghi rõ họ tên)", AlignCenter).Kept())
	for range 3 {
		ps = append(ps, docP("", AlignCenter).Kept())
	}
	if name = Clean(name); name == "" {
		name = "……………………"
	}
	return append(ps, docBold(name, AlignCenter))
}

// receivers is the "Nơi nhận" list of a resolution, set small at the left.
func receivers(to ...string) []Para {
	ps := []Para{{Runs: []Run{{Text: "Nơi nhận:", Bold: true, Italic: true}}, Align: AlignLeft, Size: 12}}
	for i, t := range to {
		end := ","
		if i == len(to)-1 {
			end = "."
		}
		ps = append(ps, docP("- "+t+end, AlignLeft).Sized(12))
	}
	return ps
}
