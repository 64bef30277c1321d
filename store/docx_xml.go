package store

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"

	"nguon/model"
)

// word/document.xml: the paragraphs and tables of a model.Doc, then the
// section's page (A4, the margins of 36-HD/VPTW). Elements are written in
// the order the schema sets, which Word checks.

// escapeXML makes text safe inside an element; characters XML cannot hold
// (controls that slipped past model.Clean) become U+FFFD.
func escapeXML(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// halfPoints is a font size as Word stores it.
func halfPoints(pt float64) int { return int(math.Round(pt * 2)) }

// xmlWriter is where document.xml is written: the zip entry, through a
// buffer. A report of 25,000 rows is some 45 MB of XML, which as one
// string took twice that while it grew.
type xmlWriter interface {
	io.Writer
	io.StringWriter
}

// writeDocumentXML writes word/document.xml of d to b.
func writeDocumentXML(b xmlWriter, d model.Doc) {
	ns := `xmlns:w="` + nsW + `"`
	if d.PageNumbers {
		// The section names its footer by relationship ID, an r: attribute.
		ns += ` xmlns:r="` + relOffice + `"`
	}
	b.WriteString(xmlHead + `<w:document ` + ns + `><w:body>`)
	w, h := a4Short, a4Long
	if d.Landscape {
		w, h = a4Long, a4Short
	}
	textWidth := w - marginLeft - marginRight
	var last model.Block
	for _, bl := range d.Blocks {
		switch x := bl.(type) {
		case model.Para:
			writePara(b, x, 0, false)
		case model.Table:
			writeTable(b, x, textWidth)
		}
		last = bl
	}
	// A document (and a table cell) ends with a paragraph.
	if _, isTable := last.(model.Table); isTable || last == nil {
		b.WriteString(`<w:p/>`)
	}
	orient := ""
	if d.Landscape {
		orient = ` w:orient="landscape"`
	}
	b.WriteString(`<w:sectPr>`)
	if d.PageNumbers {
		// The schema puts the footer before the page's size.
		b.WriteString(`<w:footerReference w:type="default" r:id="` + footerRelID + `"/>`)
	}
	fmt.Fprintf(b, `<w:pgSz w:w="%d" w:h="%d"%s/>`, w, h, orient)
	fmt.Fprintf(b, `<w:pgMar w:top="%d" w:right="%d" w:bottom="%d" w:left="%d" w:header="%d" w:footer="%d" w:gutter="0"/>`,
		marginTop, marginRight, marginBottom, marginLeft, headerFooter, headerFooter)
	b.WriteString(`</w:sectPr></w:body></w:document>`)
}

var jcOf = map[model.Align]string{
	model.AlignJustify: "both", model.AlignLeft: "left", model.AlignCenter: "center", model.AlignRight: "right",
}

// writePara writes a paragraph; size is the table's font size when the
// paragraph is in a cell (0 in the body), and in a cell paragraphs have
// no space after them.
func writePara(b xmlWriter, p model.Para, size float64, inCell bool) {
	if p.Size == 0 {
		p.Size = size
	}
	b.WriteString(`<w:p><w:pPr>`)
	if p.KeepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	if p.PageBreak {
		b.WriteString(`<w:pageBreakBefore/>`)
	}
	after := 40 // 2 pt between body paragraphs
	if inCell {
		after = 0
	}
	fmt.Fprintf(b, `<w:spacing w:before="%d" w:after="%d" w:line="240" w:lineRule="auto"/>`, int(p.Before*20), after)
	if p.Indent {
		fmt.Fprintf(b, `<w:ind w:firstLine="%d"/>`, firstLineIndt)
	}
	fmt.Fprintf(b, `<w:jc w:val="%s"/>`, jcOf[p.Align])
	b.WriteString(`</w:pPr>`)
	for _, r := range p.Runs {
		writeRun(b, r, p.Size)
	}
	b.WriteString(`</w:p>`)
}

// monoFont is the fixed-width font of a Mono run, for every script.
const monoFont = `<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:eastAsia="Courier New" w:cs="Courier New"/>`

func writeRun(b xmlWriter, r model.Run, size float64) {
	if r.Text == "" {
		return
	}
	b.WriteString(`<w:r>`)
	if r.Bold || r.Italic || r.Underline || r.Mono || size != 0 {
		b.WriteString(`<w:rPr>`)
		if r.Mono {
			// Courier New is on every Windows; LibreOffice puts Liberation
			// Mono, of the same widths, in its place where it is missing.
			b.WriteString(monoFont)
		}
		if r.Bold {
			b.WriteString(`<w:b/><w:bCs/>`)
		}
		if r.Italic {
			b.WriteString(`<w:i/><w:iCs/>`)
		}
		if size != 0 {
			fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, halfPoints(size), halfPoints(size))
		}
		if r.Underline {
			b.WriteString(`<w:u w:val="single"/>`)
		}
		b.WriteString(`</w:rPr>`)
	}
	for i, line := range strings.Split(r.Text, "\n") {
		if i > 0 {
			b.WriteString(`<w:br/>`)
		}
		b.WriteString(`<w:t xml:space="preserve">` + escapeXML(line) + `</w:t>`)
	}
	b.WriteString(`</w:r>`)
}

// columnWidths shares width out among the columns by their weights.
func columnWidths(weights []int, n, width int) []int {
	total := 0
	for i := range n {
		if i < len(weights) && weights[i] > 0 {
			total += weights[i]
		} else {
			total++
		}
	}
	out := make([]int, n)
	used := 0
	for i := range n {
		wt := 1
		if i < len(weights) && weights[i] > 0 {
			wt = weights[i]
		}
		out[i] = width * wt / total
		used += out[i]
	}
	if n > 0 {
		out[n-1] += width - used
	}
	return out
}

func writeTable(b xmlWriter, t model.Table, width int) {
	n := 0
	for _, row := range t.Rows {
		n = max(n, len(row))
	}
	if n == 0 {
		return
	}
	cols := columnWidths(t.Widths, n, width)
	fmt.Fprintf(b, `<w:tbl><w:tblPr><w:tblW w:w="%d" w:type="dxa"/><w:jc w:val="center"/>`, width)
	line := `w:val="nil"`
	if t.Borders {
		line = `w:val="single" w:sz="4" w:space="0" w:color="000000"`
	}
	b.WriteString(`<w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s %s/>`, side, line)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>`)
	for _, c := range cols {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, c)
	}
	b.WriteString(`</w:tblGrid>`)
	for i, row := range t.Rows {
		b.WriteString(`<w:tr>`)
		if i < t.Header {
			b.WriteString(`<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`)
		} else if !t.Borders || t.CantSplit {
			// A letterhead or a signature block is never split across
			// pages, nor a table that asks for it (a picture of a screen).
			b.WriteString(`<w:trPr><w:cantSplit/></w:trPr>`)
		}
		for j := range n {
			fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/></w:tcPr>`, cols[j])
			var paras []model.Para
			if j < len(row) {
				paras = row[j].Paras
			}
			if len(paras) == 0 {
				b.WriteString(`<w:p/>`)
			}
			for _, p := range paras {
				writePara(b, p, t.Size, true)
			}
			b.WriteString(`</w:tc>`)
		}
		b.WriteString(`</w:tr>`)
	}
	b.WriteString(`</w:tbl>`)
}
