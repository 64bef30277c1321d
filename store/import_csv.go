package store

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// A CSV file read as a stream: its encoding and separator are found first
// (the raw lines, then the first lines of text), and every pass decodes
// and parses it again, a record at a time, never more than a row's limit
// in memory.

type csvSource struct {
	file    *fileStamp // nil when data holds the bytes (ReadCSV)
	data    []byte
	bom     int // UTF-8 byte-order mark to skip
	utf16   bool
	enc     Encoding // of the bytes: a legacy encoding, or Unicode
	sep     rune
	sepLine bool // the first line is "sep=;", not a row
}

func (c *csvSource) path() string {
	if c.file == nil {
		return "CSV"
	}
	return c.file.path
}

// raw opens the bytes of the file.
func (c *csvSource) raw() (io.ReadCloser, error) {
	if c.file == nil {
		return io.NopCloser(bytes.NewReader(c.data)), nil
	}
	return c.file.open()
}

// readLine reads one line, its '\n' included, refusing one past the limit.
func readLine(r *bufio.Reader, buf []byte) ([]byte, error) {
	buf = buf[:0]
	for {
		chunk, err := r.ReadSlice('\n')
		if len(buf)+len(chunk) > maxImportRow {
			return nil, errLineTooLong
		}
		buf = append(buf, chunk...)
		if err != bufio.ErrBufferFull {
			if err == io.EOF && len(buf) > 0 {
				err = nil
			}
			return buf, err
		}
	}
}

var errLineTooLong = errors.New("line too long")

// newCSVSource finds how a CSV file is written.
func newCSVSource(file *fileStamp, data []byte) (*csvSource, error) {
	c := &csvSource{file: file, data: data}
	rc, err := c.raw()
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(rc, 64<<10)
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		c.bom = 3
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		c.utf16 = true
	}
	if !c.utf16 {
		err = c.findEncoding(br)
	}
	rc.Close()
	if err != nil {
		return nil, err
	}
	return c, c.findSeparator()
}

// findEncoding reads the raw lines: all UTF-8 is Unicode; otherwise the
// lines that are not are decoded every legacy way, and the one reading most
// like Vietnamese is chosen (as decodeBytes does for a whole file).
func (c *csvSource) findEncoding(br *bufio.Reader) error {
	br.Discard(c.bom)
	encs := []Encoding{EncCP1258, EncTCVN3, EncVNI}
	var words, good [5]int
	var failed [5]bool
	legacy := false
	var buf []byte
	for n := 1; ; n++ {
		line, err := readLine(br, buf)
		if err == io.EOF {
			break
		}
		if err == errLineTooLong {
			return errRowTooLong(c.path(), "", n)
		}
		if err != nil {
			return importErr("Không đọc được tệp %s (%v).", "Cannot read %s (%v).", c.path(), err)
		}
		buf = line
		if utf8.Valid(line) {
			continue
		}
		legacy = true
		for _, e := range encs {
			if failed[e] {
				continue
			}
			d, ok := decodeAs(e, line)
			if !ok {
				failed[e] = true
				continue
			}
			w, g := syllableScore(d)
			words[e] += w
			good[e] += g
		}
	}
	if !legacy {
		return nil
	}
	var g legacyGuess
	for _, e := range encs {
		g.good[e] = good[e]
		if failed[e] {
			g.good[e] = -1
			continue
		}
		g.words = max(g.words, words[e])
	}
	g.good[EncUnicode] = -1
	for _, e := range encs {
		if g.good[e] > g.good[c.enc] && 2*g.good[e] >= g.words {
			c.enc = e
		}
	}
	if c.enc == EncUnicode {
		return ErrLegacyEncoding
	}
	return nil
}

// text opens the file decoded to UTF-8, without its byte-order mark.
func (c *csvSource) text() (io.Reader, io.Closer, error) {
	rc, err := c.raw()
	if err != nil {
		return nil, nil, err
	}
	br := bufio.NewReaderSize(rc, 64<<10)
	switch {
	case c.utf16:
		return transform.NewReader(br, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder()), rc, nil
	case c.enc != EncUnicode:
		br.Discard(c.bom)
		return &lineDecoder{r: br, enc: c.enc, path: c.path()}, rc, nil
	}
	br.Discard(c.bom)
	return br, rc, nil
}

// lineDecoder decodes a legacy file line by line; a line that is already
// UTF-8 (a header retyped in Unicode) is kept.
type lineDecoder struct {
	r    *bufio.Reader
	enc  Encoding
	path string
	buf  []byte
	out  []byte
	line int
	err  error
}

func (d *lineDecoder) Read(p []byte) (int, error) {
	for len(d.out) == 0 {
		if d.err != nil {
			return 0, d.err
		}
		d.line++
		line, err := readLine(d.r, d.buf)
		switch {
		case err == errLineTooLong:
			d.err = errRowTooLong(d.path, "", d.line)
			continue
		case err != nil:
			d.err = err
			continue
		}
		d.buf = line
		if utf8.Valid(line) {
			d.out = line
		} else {
			s, _ := decodeAs(d.enc, line)
			d.out = []byte(s)
		}
	}
	n := copy(p, d.out)
	d.out = d.out[n:]
	return n, nil
}

// findSeparator reads the first lines of text: "sep=;" on the first line
// (as Excel writes it) is obeyed, else the separator is guessed.
func (c *csvSource) findSeparator() error {
	r, closer, err := c.text()
	if err != nil {
		return err
	}
	defer closer.Close()
	br := bufio.NewReaderSize(r, 64<<10)
	var lines []string
	for n := 1; n <= 20; n++ {
		line, err := readLine(br, nil)
		if err == errLineTooLong {
			return errRowTooLong(c.path(), "", n)
		}
		if err != nil {
			if err != io.EOF {
				return c.readErr(err)
			}
			break
		}
		lines = append(lines, string(line))
	}
	if len(lines) > 0 {
		if f := strings.TrimSpace(lines[0]); len(f) == 5 && strings.EqualFold(f[:4], "sep=") {
			c.sep, _ = utf8.DecodeRuneInString(f[4:])
			c.sepLine = true
			lines = lines[1:]
		}
	}
	if c.sep == 0 {
		c.sep = guessSeparator(strings.Join(lines, ""))
	}
	return nil
}

func (c *csvSource) readErr(err error) error {
	var ie *importError
	if errors.As(err, &ie) {
		return err
	}
	if c.utf16 {
		return importErr("Tệp UTF-16 hỏng (%v).", "The UTF-16 file is broken (%v).", err)
	}
	return importErr("Không đọc được tệp %s (%v).", "Cannot read %s (%v).", c.path(), err)
}

// recordLimit stops the CSV parser in a record longer than the limit: it
// counts what the parser took since the last record (give or take its
// 4 KiB buffer).
type recordLimit struct {
	r io.Reader
	n int
}

var errRecordTooLong = errors.New("record too long")

func (l *recordLimit) Read(p []byte) (int, error) {
	if l.n > maxImportRow {
		return 0, errRecordTooLong
	}
	n, err := l.r.Read(p)
	l.n += n
	return n, err
}

type csvRows struct {
	src    *csvSource
	closer io.Closer
	lim    *recordLimit
	r      *csv.Reader
	n      int
}

func (c *csvSource) open() (rowIter, error) {
	r, closer, err := c.text()
	if err != nil {
		return nil, err
	}
	if c.sepLine {
		br := bufio.NewReaderSize(r, 64<<10)
		if _, err := readLine(br, nil); err != nil && err != io.EOF {
			closer.Close()
			return nil, c.readErr(err)
		}
		r = br
	}
	lim := &recordLimit{r: r}
	cr := csv.NewReader(lim)
	cr.Comma = c.sep
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	return &csvRows{src: c, closer: closer, lim: lim, r: cr}, nil
}

func (r *csvRows) close() error { return r.closer.Close() }

func (r *csvRows) next() (sheetRow, error) {
	for {
		r.lim.n = 0
		rec, err := r.r.Read()
		r.n++
		switch {
		case err == io.EOF:
			return sheetRow{}, io.EOF
		case errors.Is(err, errRecordTooLong):
			return sheetRow{}, errRowTooLong(r.src.path(), "", r.n)
		case err != nil:
			var ie *importError
			if errors.As(err, &ie) {
				return sheetRow{}, err
			}
			var pe *csv.ParseError
			isParse := errors.As(err, &pe)
			if r.src.utf16 && !isParse {
				return sheetRow{}, r.src.readErr(err)
			}
			line := r.n
			if isParse {
				line = pe.Line
			}
			return sheetRow{}, importErr("Tệp CSV hỏng ở dòng %d: %v.", "The CSV file is broken at line %d: %v.", line, err)
		}
		if r.n > maxImportRows {
			return sheetRow{}, errTooManyRows(r.src.path(), "", r.n)
		}
		last := -1
		for i, f := range rec {
			if len(f) > maxImportCell {
				return sheetRow{}, errCellTooLong(r.src.path(), "", r.n, i+1)
			}
			if f != "" {
				last = i
			}
		}
		if last >= maxImportColumns {
			return sheetRow{}, errTooManyColumns(r.src.path(), "", r.n, last+1)
		}
		if len(rec) > maxImportColumns {
			rec = rec[:maxImportColumns]
		}
		return sheetRow{num: r.n, cells: rec}, nil
	}
}
