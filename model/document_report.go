package model

import (
	"strings"
	"time"
	"unicode/utf8"
)

// ReportDoc lays a report out for print: the committee, the title and the
// day the figures were taken, then the table with its header row repeated
// on every page. A table of more than seven columns turns the page.
func ReportDoc(r Report, lang Lang, made time.Time) Doc {
	d := Doc{Title: r.Title, Subject: r.Committee, Created: made, Size: 13, Landscape: len(r.Columns) > 7}
	if c := Clean(r.Committee); c != "" {
		d.Blocks = append(d.Blocks, docBold(strings.ToUpper(c), AlignLeft))
	}
	d.Blocks = append(d.Blocks, docBold(Clean(r.Title), AlignCenter).Sized(14).Spaced(12))
	if r.Made != 0 {
		asOf := Text{"Số liệu tính đến ngày %s.", "Figures as of %s."}.In(lang)
		d.Blocks = append(d.Blocks, docItalic(strings.Replace(asOf, "%s", r.Made.String(), 1), AlignCenter))
	}
	d.Blocks = append(d.Blocks, docP("", AlignLeft), reportTable(r, d.Landscape))
	return d
}

// numeric reports whether a cell holds a figure ("12", "21,7%", "–"),
// set to the right, rather than words.
func numeric(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == ',' || r == '.' || r == '%' || r == '–' || r == '-') {
			return false
		}
	}
	return true
}

func reportTable(r Report, wide bool) Table {
	t := Table{Borders: true, Header: 1, Size: 11}
	if wide {
		t.Size = 10
	}
	// Columns as wide as what they hold, within bounds.
	for i, c := range r.Columns {
		w := min(24, max(6, utf8.RuneCountInString(c)/2+2))
		for _, row := range r.Rows {
			if i < len(row) {
				w = max(w, min(40, utf8.RuneCountInString(row[i])+2))
			}
		}
		t.Widths = append(t.Widths, w)
	}
	head := make([]TableCell, len(r.Columns))
	for i, c := range r.Columns {
		head[i] = TableCell{Paras: []Para{docBold(Clean(c), AlignCenter)}}
	}
	t.Rows = append(t.Rows, head)
	for _, row := range r.Rows {
		section := len(row) > 1
		for _, c := range row[1:] {
			section = section && c == ""
		}
		cells := make([]TableCell, len(r.Columns))
		for i := range cells {
			v := ""
			if i < len(row) {
				v = Clean(row[i])
			}
			p := docP(v, AlignLeft)
			switch {
			case section:
				p = docBold(v, AlignLeft)
			case numeric(v):
				p.Align = AlignRight
			}
			cells[i] = TableCell{Paras: []Para{p}}
		}
		t.Rows = append(t.Rows, cells)
	}
	return t
}
