package store

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"regexp"
	"strconv"
	"unicode/utf8"
)

// A small XML scanner for the two big parts of a workbook, a sheet and its
// shared strings. encoding/xml reads about 20 MB a second and allocates
// for every token; a 100,000-row sheet is 120 MB of XML, read once to
// check it and once more for each pass of the import. This reads the
// subset spreadsheets use: elements with attributes, character data with
// the five entities and character references, CDATA, comments and
// processing instructions. Text is kept only when the caller asks, and up
// to a bound, so nothing in the part can make it hold more.

var (
	errXMLSyntax = errors.New("malformed XML")
	errXMLText   = errors.New("text too long")
)

// maxTag bounds one tag with its attributes.
const maxTag = 64 << 10

type xmlKind int

const (
	xmlStart xmlKind = iota
	xmlEnd
	xmlEOF
)

type xmlScanner struct {
	r    *bufio.Reader
	tag  []byte // the last tag read, without < and >
	name []byte // its local name
	self bool   // <name/>
	text []byte // character data kept since the last tag
	keep bool   // keep character data
	max  int    // most bytes of text kept
	over bool   // text past max was dropped

}

func newXMLScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: bufio.NewReaderSize(r, 64<<10)}
}

// next reads up to the next element tag, keeping the character data before
// it in text when keep is set (at most max bytes; over says more was dropped).
func (x *xmlScanner) next() (xmlKind, error) {
	x.text, x.over = x.text[:0], false
	for {
		data, err := x.r.ReadSlice('<')
		chunk := data
		if err == nil {
			chunk = data[:len(data)-1]
		}
		if x.keep && len(chunk) > 0 {
			x.addText(chunk, true)
		}
		switch {
		case err == io.EOF:
			return xmlEOF, nil
		case err == bufio.ErrBufferFull:
			continue
		case err != nil:
			return xmlEOF, err
		}
		c, err := x.r.ReadByte()
		if err != nil {
			return xmlEOF, errXMLSyntax
		}
		switch c {
		case '?':
			if err := x.skipPast("?>"); err != nil {
				return xmlEOF, err
			}
			continue
		case '!':
			if err := x.special(); err != nil {
				return xmlEOF, err
			}
			continue
		}
		x.r.UnreadByte()
		if err := x.readTag(); err != nil {
			return xmlEOF, err
		}
		if x.tag[0] == '/' {
			x.name = localName(bytes.TrimSpace(x.tag[1:]))
			return xmlEnd, nil
		}
		x.self = x.tag[len(x.tag)-1] == '/'
		end := bytes.IndexAny(x.tag, " \t\r\n/")
		if end < 0 {
			end = len(x.tag)
		}
		x.name = localName(x.tag[:end])
		if len(x.name) == 0 {
			return xmlEOF, errXMLSyntax
		}
		return xmlStart, nil
	}
}

// readTag reads a tag up to its '>' (which may not appear in a quoted
// attribute value) into x.tag.
func (x *xmlScanner) readTag() error {
	x.tag = x.tag[:0]
	var quote byte
	for {
		c, err := x.r.ReadByte()
		if err != nil {
			return errXMLSyntax
		}
		switch {
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '>':
			if len(x.tag) == 0 {
				return errXMLSyntax
			}
			return nil
		}
		if len(x.tag) >= maxTag {
			return errXMLSyntax
		}
		x.tag = append(x.tag, c)
	}
}

// special reads what follows "<!": a comment, CDATA or a declaration.
func (x *xmlScanner) special() error {
	p, _ := x.r.Peek(7)
	switch {
	case bytes.HasPrefix(p, []byte("--")):
		x.r.Discard(2)
		return x.skipPast("-->")
	case bytes.HasPrefix(p, []byte("[CDATA[")):
		x.r.Discard(7)
		return x.cdata()
	}
	depth := 0 // a DOCTYPE's internal subset is in brackets
	for {
		c, err := x.r.ReadByte()
		if err != nil {
			return errXMLSyntax
		}
		switch {
		case c == '[':
			depth++
		case c == ']':
			depth--
		case c == '>' && depth <= 0:
			return nil
		}
	}
}

// skipPast reads past the next occurrence of end.
func (x *xmlScanner) skipPast(end string) error {
	last := end[len(end)-1]
	var tail []byte
	for {
		data, err := x.r.ReadSlice(last)
		if err == bufio.ErrBufferFull {
			tail = append(tail[:0], data[max(0, len(data)-len(end)):]...)
			continue
		}
		if err != nil {
			return errXMLSyntax
		}
		tail = append(tail, data...)
		if bytes.HasSuffix(tail, []byte(end)) {
			return nil
		}
		tail = append(tail[:0], tail[max(0, len(tail)-len(end)):]...)
	}
}

// cdata reads a CDATA section's text, which has no entities.
func (x *xmlScanner) cdata() error {
	var held []byte // the "]" or "]]" that may start the end
	for {
		c, err := x.r.ReadByte()
		if err != nil {
			return errXMLSyntax
		}
		if c == ']' {
			held = append(held, c)
			continue
		}
		if c == '>' && len(held) >= 2 {
			x.emit(held[:len(held)-2], false)
			return nil
		}
		held = append(held, c)
		x.emit(held, false)
		held = held[:0]
	}
}

func (x *xmlScanner) emit(b []byte, entities bool) {
	if x.keep && len(b) > 0 {
		x.addText(b, entities)
	}
}

// addText keeps character data, with line ends made "\n" as XML does and,
// outside CDATA, entities and character references replaced.
func (x *xmlScanner) addText(b []byte, entities bool) {
	for len(b) > 0 {
		if len(x.text) >= x.max {
			x.over = true
			return
		}
		i := bytes.IndexAny(b, "&\r")
		if i < 0 {
			i = len(b)
		}
		n := min(i, x.max-len(x.text))
		x.text = append(x.text, b[:n]...)
		if n < i {
			x.over = true
			return
		}
		b = b[i:]
		if len(b) == 0 {
			return
		}
		if b[0] == '\r' {
			x.text = append(x.text, '\n')
			b = b[1:]
			if len(b) > 0 && b[0] == '\n' {
				b = b[1:]
			}
			continue
		}
		if !entities {
			x.text = append(x.text, '&')
			b = b[1:]
			continue
		}
		// An entity cut by the buffer's end is rare (the reader's buffer
		// ends at a '<'); it is then kept as written.
		semi := bytes.IndexByte(b[:min(len(b), 12)], ';')
		if semi < 0 {
			x.text = append(x.text, '&')
			b = b[1:]
			continue
		}
		x.text = appendEntity(x.text, b[1:semi], b[:semi+1])
		b = b[semi+1:]
	}
}

func appendEntity(out, name, raw []byte) []byte {
	switch string(name) {
	case "lt":
		return append(out, '<')
	case "gt":
		return append(out, '>')
	case "amp":
		return append(out, '&')
	case "quot":
		return append(out, '"')
	case "apos":
		return append(out, '\'')
	}
	if len(name) > 1 && name[0] == '#' {
		var n uint64
		var err error
		if name[1] == 'x' || name[1] == 'X' {
			n, err = strconv.ParseUint(string(name[2:]), 16, 32)
		} else {
			n, err = strconv.ParseUint(string(name[1:]), 10, 32)
		}
		if err == nil && utf8.ValidRune(rune(n)) {
			return utf8.AppendRune(out, rune(n))
		}
	}
	return append(out, raw...)
}

// localName drops a namespace prefix ("x:row" is "row").
func localName(b []byte) []byte {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// attr returns the raw value of the attribute called name (local name) of
// the last start tag; entities in it are not replaced (the attributes read
// here hold none).
func (x *xmlScanner) attr(name string) ([]byte, bool) {
	t := x.tag
	for {
		i := bytes.IndexAny(t, " \t\r\n")
		if i < 0 {
			return nil, false
		}
		t = bytes.TrimLeft(t[i:], " \t\r\n")
		eq := bytes.IndexByte(t, '=')
		if eq < 0 {
			return nil, false
		}
		key := localName(bytes.TrimSpace(t[:eq]))
		rest := bytes.TrimLeft(t[eq+1:], " \t\r\n")
		if len(rest) == 0 || rest[0] != '"' && rest[0] != '\'' {
			return nil, false
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return nil, false
		}
		if string(key) == name {
			return rest[1 : 1+end], true
		}
		t = rest[1+end+1:]
	}
}

// bstrExp is how OOXML writes a character XML cannot hold: "_x000D_".
var bstrExp = regexp.MustCompile(`_x[a-fA-F\d]{4}_`)

// bstrUnmarshal undoes those escapes as excelize does ("_x005F_" is "_";
// an escape that is no character is dropped).
func bstrUnmarshal(s string) string {
	if !bytes.Contains([]byte(s), []byte("_x")) {
		return s
	}
	return bstrExp.ReplaceAllStringFunc(s, func(m string) string {
		if m == "_x005F_" {
			return "_"
		}
		v, err := strconv.ParseUint(m[2:6], 16, 32)
		if err != nil || !utf8.ValidRune(rune(v)) {
			return ""
		}
		return string(rune(v))
	})
}
