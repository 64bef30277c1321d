package store

import (
	"archive/zip"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path"
	"strconv"
	"strings"
)

// Reading a workbook with archive/zip and a streaming scanner, a row at a
// time, instead of excelize: excelize holds every part in memory (and
// spills big sheets to temporary files), and pads a sparse sheet out to
// its last cell. Values are raw, as excelize's RawCellValue gives them:
// numbers as stored (dates are serial numbers), shared and inline strings
// as their text.

// xlsxBook is what every pass over a workbook's sheets shares: the sheets
// to read and the table of shared strings, read once.
type xlsxBook struct {
	file     *fileStamp
	date1904 bool
	sst      sharedStrings
	sheets   []xlsxSheetPart
}

type xlsxSheetPart struct{ name, part string }

// sharedStrings is the table of shared strings, one buffer and offsets.
type sharedStrings struct {
	text []byte
	offs []uint32 // string i is text[offs[i]:offs[i+1]]
}

func (s *sharedStrings) get(i int) (string, bool) {
	if i < 0 || i+1 >= len(s.offs) {
		return "", false
	}
	return string(s.text[s.offs[i]:s.offs[i+1]]), true
}

// xmlBudget counts the bytes a pass inflates, whatever the parts declare.
type xmlBudget struct {
	path string
	left int64
}

type budgetReader struct {
	r    io.Reader
	b    *xmlBudget
	part string
}

func (r *budgetReader) Read(p []byte) (int, error) {
	n, err := r.r.Read(p)
	r.b.left -= int64(n)
	if r.b.left < 0 {
		return n, errXMLTooLarge(r.b.path, r.part)
	}
	return n, err
}

// openPart opens a part of the zip, refusing one that says it is bigger
// than the limit before inflating anything.
func openPart(z *zip.Reader, name string, b *xmlBudget) (io.ReadCloser, error) {
	f := findPart(z, name)
	if f == nil {
		return nil, os.ErrNotExist
	}
	if f.UncompressedSize64 > uint64(b.left) {
		return nil, errXMLTooLarge(b.path, name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{&budgetReader{rc, b, name}, rc}, nil
}

func findPart(z *zip.Reader, name string) *zip.File {
	for _, f := range z.File {
		if strings.EqualFold(strings.TrimPrefix(f.Name, "/"), name) {
			return f
		}
	}
	return nil
}

// readSmallPart reads a part read whole: the workbook, its relationships.
func readSmallPart(z *zip.Reader, name string, b *xmlBudget) ([]byte, error) {
	rc, err := openPart(z, name, b)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxSmallPart+1))
	if err == nil && len(data) > maxSmallPart {
		err = errXMLTooLarge(b.path, name)
	}
	return data, err
}

// maxZipEntries bounds the parts of a workbook: archive/zip keeps a
// record of every entry, so a zip of millions of empty entries would be a
// bomb of its own. A workbook has tens.
const maxZipEntries = 10_000

// checkZipDirectory reads the end of the zip before archive/zip does, and
// refuses a directory too big to hold.
func checkZipDirectory(f *os.File, size int64, path string) error {
	tail := make([]byte, min(size, 65557))
	if _, err := f.ReadAt(tail, size-int64(len(tail))); err != nil {
		return err
	}
	i := strings.LastIndex(string(tail), "PK\x05\x06")
	if i < 0 || i+22 > len(tail) {
		return nil // archive/zip says what is wrong
	}
	entries := binary.LittleEndian.Uint16(tail[i+10:])
	dirSize := binary.LittleEndian.Uint32(tail[i+12:])
	if entries > maxZipEntries || dirSize > maxSmallPart {
		return errXMLTooLarge(path, "[Content_Types].xml")
	}
	return nil
}

type rel struct{ typ, target string }

func readRels(z *zip.Reader, name string, b *xmlBudget) (map[string]rel, error) {
	data, err := readSmallPart(z, name, b)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	out := map[string]rel{}
	for _, r := range doc.Rels {
		out[r.ID] = rel{r.Type, r.Target}
	}
	return out, nil
}

// partPath resolves a relationship's target against the folder of the part
// that names it.
func partPath(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Join(dir, target)
}

// openBook reads what the passes share: the workbook's sheets, the 1904
// date system, the shared strings.
func openBook(fs *fileStamp, f *os.File) (*xlsxBook, error) {
	p := fs.path
	broken := func(err error) error {
		var ie *importError
		if errors.As(err, &ie) {
			return err
		}
		return importErr("Không đọc được tệp Excel %s (%v); hãy mở và lưu lại bằng Excel hoặc LibreOffice.",
			"Cannot read the Excel file %s (%v); open and save it again with Excel or LibreOffice.", p, err)
	}
	if err := checkZipDirectory(f, fs.size, p); err != nil {
		return nil, broken(err)
	}
	z, err := zip.NewReader(f, fs.size)
	if err != nil {
		return nil, broken(err)
	}
	budget := &xmlBudget{path: p, left: maxImportXML}
	wbPart := "xl/workbook.xml"
	if rels, err := readRels(z, "_rels/.rels", budget); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPart = partPath("", r.target)
			}
		}
	}
	data, err := readSmallPart(z, wbPart, budget)
	if err != nil {
		return nil, broken(err)
	}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(data, &wb); err != nil {
		return nil, broken(err)
	}
	dir := path.Dir(wbPart)
	rels, err := readRels(z, path.Join(dir, "_rels", path.Base(wbPart)+".rels"), budget)
	if err != nil {
		return nil, broken(err)
	}
	book := &xlsxBook{file: fs}
	book.date1904, _ = strconv.ParseBool(wb.Pr.Date1904)
	for _, r := range rels {
		if strings.HasSuffix(r.typ, "/sharedStrings") {
			if book.sst, err = readSharedStrings(z, partPath(dir, r.target), budget); err != nil {
				return nil, broken(err)
			}
		}
	}
	for _, s := range wb.Sheets {
		r, ok := rels[s.RID]
		if s.State != "" && s.State != "visible" || !ok || !strings.HasSuffix(r.typ, "/worksheet") {
			continue // hidden, or a chart sheet
		}
		part := partPath(dir, r.target)
		if findPart(z, part) == nil {
			continue
		}
		book.sheets = append(book.sheets, xlsxSheetPart{s.Name, part})
	}
	if len(book.sheets) == 0 {
		return nil, importErr("Tệp Excel %s không có trang nào để nhập.", "The Excel file %s has no sheet to import.", p)
	}
	return book, nil
}

// readSharedStrings reads the table of shared strings: the text of each
// item's runs, without the phonetic guides.
func readSharedStrings(z *zip.Reader, name string, b *xmlBudget) (sharedStrings, error) {
	var s sharedStrings
	rc, err := openPart(z, name, b)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return s, nil
		}
		return s, err
	}
	defer rc.Close()
	x := newXMLScanner(rc)
	x.max = maxImportCell + 1
	var item []byte
	inSI, inT, phonetic := false, false, 0
	for {
		kind, err := x.next()
		if err != nil {
			return s, err
		}
		if inT && phonetic == 0 {
			item = append(item, x.text...)
			if len(item) > maxImportCell {
				// A string longer than any cell may be: it is cut here, and
				// a cell that uses it is refused when the sheet is read.
				item = item[:maxImportCell+1]
			}
		}
		switch kind {
		case xmlEOF:
			return s, nil
		case xmlStart:
			switch string(x.name) {
			case "si":
				inSI, item = true, item[:0]
				if x.self {
					s.add(nil)
					inSI = false
				}
			case "t":
				inT = inSI && !x.self
			case "rPh":
				phonetic++
			}
		case xmlEnd:
			switch string(x.name) {
			case "t":
				inT = false
			case "rPh":
				phonetic--
			case "si":
				inSI = false
				if err := s.add(item); err != nil {
					return s, errSharedStrings(b.path)
				}
			}
		}
		x.keep = inT && phonetic == 0
	}
}

func (s *sharedStrings) add(item []byte) error {
	if len(s.offs) == 0 {
		s.offs = append(s.offs, 0)
	}
	v := bstrUnmarshal(string(item))
	if len(s.text)+len(v) > maxSharedStrings || len(s.offs) > maxSharedCount {
		return errors.New("too many shared strings")
	}
	s.text = append(s.text, v...)
	s.offs = append(s.offs, uint32(len(s.text)))
	return nil
}
