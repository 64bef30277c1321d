package store

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"nguon/model"
)

// DOCX: a Word document written part by part (ECMA-376, Office Open XML),
// with nothing but the standard library. The package is the least Word,
// LibreOffice and WPS open without complaint: the content types, the
// package's relationships, the document and its relationships, styles,
// settings, and the core and application properties. The domain's wording
// comes from model (model.Doc); this file and docx_xml.go only set it.

// The page of party documents (Hướng dẫn 36-HD/VPTW): A4, margins top and
// bottom 20–25 mm, left 30–35 mm, right 15–20 mm. nguon takes the smallest
// of each, which leaves the most room and stays within the guidance.
// Lengths are in twentieths of a point (1 mm = 56.7).
const (
	a4Short       = 11906 // 210 mm
	a4Long        = 16838 // 297 mm
	marginTop     = 1134  // 20 mm
	marginBottom  = 1134  // 20 mm
	marginLeft    = 1701  // 30 mm
	marginRight   = 851   // 15 mm
	headerFooter  = 567   // 10 mm
	firstLineIndt = 567   // 10 mm, the indent of a body paragraph
)

const (
	nsW        = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsRel      = "http://schemas.openxmlformats.org/package/2006/relationships"
	relOffice  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	xmlHead    = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	docxCTMain = "application/vnd.openxmlformats-officedocument.wordprocessingml"
)

// contentTypes declares every part; footer adds the footer part of a
// document with page numbers.
func contentTypes(footer bool) string {
	ft := ""
	if footer {
		ft = `<Override PartName="/word/footer1.xml" ContentType="` + docxCTMain + `.footer+xml"/>`
	}
	return xmlHead + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="` + docxCTMain + `.document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="` + docxCTMain + `.styles+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="` + docxCTMain + `.settings+xml"/>` + ft +
		`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
		`</Types>`
}

var packageRels = xmlHead + `<Relationships xmlns="` + nsRel + `">` +
	`<Relationship Id="rId1" Type="` + relOffice + `/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + relOffice + `/extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

// footerRelID is the footer's relationship, named by the section.
const footerRelID = "rId3"

// documentRels are the document's relationships; footer adds the footer's.
func documentRels(footer bool) string {
	ft := ""
	if footer {
		ft = `<Relationship Id="` + footerRelID + `" Type="` + relOffice + `/footer" Target="footer1.xml"/>`
	}
	return xmlHead + `<Relationships xmlns="` + nsRel + `">` +
		`<Relationship Id="rId1" Type="` + relOffice + `/styles" Target="styles.xml"/>` +
		`<Relationship Id="rId2" Type="` + relOffice + `/settings" Target="settings.xml"/>` + ft +
		`</Relationships>`
}

// footerXML is the footer of a document with page numbers: "Trang N/M"
// centred, N and M the PAGE and NUMPAGES fields, which the word processor
// fills in as it lays the pages out. The 1 written between a field's
// separate and end marks is only what a reader that computes no fields
// shows. Documents nguon numbers are Vietnamese, so the word is too.
func footerXML() string {
	rPr := fmt.Sprintf(`<w:rPr><w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr>`, halfPoints(footerSize), halfPoints(footerSize))
	run := func(inner string) string { return `<w:r>` + rPr + inner + `</w:r>` }
	field := func(instr string) string {
		return run(`<w:fldChar w:fldCharType="begin"/>`) +
			run(`<w:instrText xml:space="preserve"> `+instr+` </w:instrText>`) +
			run(`<w:fldChar w:fldCharType="separate"/>`) + run(`<w:t>1</w:t>`) +
			run(`<w:fldChar w:fldCharType="end"/>`)
	}
	return xmlHead + `<w:ftr xmlns:w="` + nsW + `" xmlns:r="` + relOffice + `">` +
		`<w:p><w:pPr><w:jc w:val="center"/>` + rPr + `</w:pPr>` +
		run(`<w:t xml:space="preserve">Trang </w:t>`) + field("PAGE") + run(`<w:t>/</w:t>`) + field("NUMPAGES") +
		`</w:p></w:ftr>`
}

// footerSize is the page number's size in points: smaller than the body,
// as a page number is looked for, not read.
const footerSize = 11

var settingsXML = xmlHead + `<w:settings xmlns:w="` + nsW + `">` +
	`<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>` +
	`<w:characterSpacingControl w:val="doNotCompress"/>` +
	`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
	`<w:themeFontLang w:val="vi-VN"/>` +
	`</w:settings>`

var appXML = xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
	`<Application>nguon</Application></Properties>`

// stylesXML sets Times New Roman in size points for the whole document,
// in Vietnamese, single-spaced.
func stylesXML(size float64) string {
	sz := halfPoints(size)
	font := `<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/>`
	return xmlHead + `<w:styles xmlns:w="` + nsW + `">` +
		`<w:docDefaults><w:rPrDefault><w:rPr>` + font +
		fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, sz, sz) +
		`<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>` +
		`<w:rPr>` + font + fmt.Sprintf(`<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, sz, sz) + `</w:rPr></w:style>` +
		`<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>` +
		`<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>` +
		`<w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>` +
		`</w:styles>`
}

// coreXML is the document's title, subject, author and dates.
func coreXML(d model.Doc) string {
	var b strings.Builder
	b.WriteString(xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString("<dc:title>" + escapeXML(d.Title) + "</dc:title>")
	if d.Subject != "" {
		b.WriteString("<dc:subject>" + escapeXML(d.Subject) + "</dc:subject>")
	}
	b.WriteString("<dc:creator>nguon</dc:creator><dc:language>vi-VN</dc:language>")
	if !d.Created.IsZero() {
		ts := d.Created.UTC().Format(time.RFC3339)
		b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:created>`)
		b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + ts + `</dcterms:modified>`)
	}
	b.WriteString("</cp:coreProperties>")
	return b.String()
}

// docxPart is one part of the package: its name, and its body as a string
// or written by write.
type docxPart struct {
	name, body string
	write      func(io.Writer) error
}

// WriteDOCX writes d as a Word document. The same document gives the same
// bytes: the zip entries carry the document's own time, not the clock's.
func WriteDOCX(w io.Writer, d model.Doc) error {
	if d.Size == 0 {
		d.Size = model.DocBodySize
	}
	stamp := d.Created
	if stamp.IsZero() || stamp.Year() < 1980 {
		stamp = time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC) // the zip format's first day
	}
	// The document is written straight into its entry (nil body): only
	// the compressed package is held.
	document := func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 64<<10)
		writeDocumentXML(bw, d)
		return bw.Flush()
	}
	parts := []docxPart{
		{"[Content_Types].xml", contentTypes(d.PageNumbers), nil},
		{"_rels/.rels", packageRels, nil},
		{"word/document.xml", "", document},
		{"word/_rels/document.xml.rels", documentRels(d.PageNumbers), nil},
		{"word/styles.xml", stylesXML(d.Size), nil},
		{"word/settings.xml", settingsXML, nil},
		{"docProps/core.xml", coreXML(d), nil},
		{"docProps/app.xml", appXML, nil},
	}
	if d.PageNumbers {
		parts = append(parts, docxPart{"word/footer1.xml", footerXML(), nil})
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		if p.write != nil {
			err = p.write(f)
		} else {
			_, err = io.WriteString(f, p.body)
		}
		if err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}
