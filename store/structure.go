package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	bolt "go.etcd.io/bbolt"
)

// The structural check: are the file's bbolt pages well formed and do they
// fit together? It runs in the checking child process (child.go), because
// bbolt trusts its pages: on a damaged one it may read outside the file,
// loop, or ask for gigabytes.
//
// It has two parts. scanPages reads the tree with plain, bounds-checked
// reads, page by page from the root, and finds pages that are malformed in
// themselves (a wrong type, page ID or element count, an element or
// overflow reaching past the page or the file, a freelist that does not
// fit its page): those are ErrDamagedPage. Only a file that passes it is
// handed to bbolt's own page check (tx.Check), which finds pages that are
// each well formed but do not fit together (a page used twice, used and
// free, neither, keys out of order between pages): a file copied while it
// was being written looks like that, so those are ErrTorn.

// Page flags (go.etcd.io/bbolt/internal/common).
const (
	branchPageFlag   = 0x01
	leafPageFlag     = 0x02
	freelistPageFlag = 0x10
	bucketLeafFlag   = 0x01
	elemSize         = 16
	maxTreeDepth     = 64 // a B+tree of 2^32 pages is far shallower
	maxPageErrors    = 5
)

// pageScan walks the page tree of one meta page. What it finds is either
// malformed (a page wrong in itself: damage) or misplaced (a well-formed
// page where another belongs, a page reached twice, a page past the meta
// page's end of the file but inside the file: what a copy made while the
// file was written looks like).
type pageScan struct {
	f         io.ReaderAt
	ps        uint64
	hwm       uint64   // the meta page's high-water mark
	pages     uint64   // pages in the file
	visited   []uint64 // a bit per page
	malformed []string
	misplaced []string
	errs      []string // both, in order

	// A tree written in one go lies mostly in page order, so after a read
	// that follows the previous one, the scan reads ahead: one read for
	// many pages instead of a system call for each (four fifths of the
	// scan's time at 100,000 candidates).
	win      []byte // pages from winStart, read ahead
	winStart uint64
	nextID   uint64   // the page after the last one read
	bufs     [][]byte // a page buffer per tree depth, reused
}

// readAhead is how much the scan reads at once when pages come in order.
const readAhead = 256 << 10

func (s *pageScan) seen(id uint64) bool { return s.visited[id/64]&(1<<(id%64)) != 0 }
func (s *pageScan) see(id uint64)       { s.visited[id/64] |= 1 << (id % 64) }

func (s *pageScan) fail(format string, args ...any) { s.note(&s.malformed, format, args...) }

func (s *pageScan) misplace(format string, args ...any) { s.note(&s.misplaced, format, args...) }

func (s *pageScan) note(to *[]string, format string, args ...any) {
	if len(s.errs) < maxPageErrors {
		msg := fmt.Sprintf(format, args...)
		*to = append(*to, msg)
		s.errs = append(s.errs, msg)
	}
}

// read returns page id with its overflow pages, or nil after reporting
// why not. The bytes are the buffer of depth: valid until the next read at
// the same depth.
func (s *pageScan) read(id uint64, depth int) []byte {
	if id < 2 || id >= s.hwm {
		if id >= 2 && id < s.pages {
			s.misplace("page %d is past the end the meta page gives (%d)", id, s.hwm)
		} else {
			s.fail("page %d is outside the file (high water mark %d)", id, s.hwm)
		}
		return nil
	}
	head, err := s.pagesAt(id, 1, depth)
	if err != nil {
		s.fail("page %d cannot be read: %v", id, err)
		return nil
	}
	ne := binary.NativeEndian
	if got := ne.Uint64(head); got != id {
		s.fail("page %d calls itself page %d", id, got)
		return nil
	}
	over := uint64(ne.Uint32(head[12:]))
	if over >= s.hwm-id {
		if over < s.pages-id {
			s.misplace("page %d has %d overflow pages, past the end the meta page gives", id, over)
		} else {
			s.fail("page %d claims %d overflow pages, past the end of the file", id, over)
		}
		return nil
	}
	for i := uint64(0); i <= over; i++ {
		if s.seen(id + i) {
			s.misplace("page %d is reached twice", id+i)
			return nil
		}
		s.see(id + i)
	}
	if over == 0 {
		return head
	}
	buf, err := s.pagesAt(id, over+1, depth)
	if err != nil {
		s.fail("page %d cannot be read: %v", id, err)
		return nil
	}
	return buf
}

// pagesAt reads n pages from page id into the buffer of depth.
func (s *pageScan) pagesAt(id, n uint64, depth int) ([]byte, error) {
	for len(s.bufs) <= depth {
		s.bufs = append(s.bufs, nil)
	}
	size := n * s.ps
	if uint64(cap(s.bufs[depth])) < size {
		s.bufs[depth] = make([]byte, size)
	}
	buf := s.bufs[depth][:size]
	defer func() { s.nextID = id + n }()
	if id >= s.winStart && (id+n-s.winStart)*s.ps <= uint64(len(s.win)) {
		copy(buf, s.win[(id-s.winStart)*s.ps:])
		return buf, nil
	}
	end := min(id*s.ps+readAhead, s.pages*s.ps) // past the high-water mark is read, never used
	if id != s.nextID || size >= readAhead || end < id*s.ps+size {
		_, err := s.f.ReadAt(buf, int64(id*s.ps))
		return buf, err
	}
	if s.win == nil {
		s.win = make([]byte, readAhead)
	}
	win := s.win[:end-id*s.ps]
	if _, err := s.f.ReadAt(win, int64(id*s.ps)); err != nil {
		s.win = s.win[:0]
		_, err := s.f.ReadAt(buf, int64(id*s.ps))
		return buf, err
	}
	s.win, s.winStart = win, id
	copy(buf, win)
	return buf, nil
}

// tree checks the subtree rooted at page id.
func (s *pageScan) tree(id uint64, depth int) {
	if depth > maxTreeDepth {
		s.fail("page %d: the tree is deeper than %d levels", id, maxTreeDepth)
		return
	}
	p := s.read(id, depth)
	if p == nil {
		return
	}
	ne := binary.NativeEndian
	flags, count := ne.Uint16(p[8:]), int(ne.Uint16(p[10:]))
	if pageHeaderSize+count*elemSize > len(p) {
		s.fail("page %d holds %d elements, more than fit", id, count)
		return
	}
	switch flags {
	case branchPageFlag:
		if count == 0 {
			s.fail("branch page %d is empty", id)
			return
		}
		for i := range count {
			e := p[pageHeaderSize+i*elemSize:]
			pos, ksize := uint64(ne.Uint32(e)), uint64(ne.Uint32(e[4:]))
			if uint64(pageHeaderSize+i*elemSize)+pos+ksize > uint64(len(p)) {
				s.fail("branch page %d: element %d reaches past the page", id, i)
				return
			}
		}
		for i := range count {
			if len(s.errs) > 0 {
				return
			}
			s.tree(ne.Uint64(p[pageHeaderSize+i*elemSize+8:]), depth+1)
		}
	case leafPageFlag:
		s.leaf(leafName{page: id}, p, count, depth)
	case freelistPageFlag:
		s.misplace("page %d is a freelist where a branch or leaf page belongs", id)
	default:
		s.fail("page %d has type %#x where a branch or leaf page belongs", id, flags)
	}
}

// leafName names a leaf page, or a bucket inline in one, in a problem; it
// is formatted only for one, not for each of 38,000 pages.
type leafName struct {
	page   uint64
	inline int // how deep in inline buckets
}

func (n leafName) String() string {
	return fmt.Sprintf("leaf page %d", n.page) + strings.Repeat(" (inline bucket)", n.inline)
}

// leaf checks the elements of a leaf page (or of an inline bucket's page)
// and descends into the buckets it holds.
func (s *pageScan) leaf(name leafName, p []byte, count, depth int) {
	ne := binary.NativeEndian
	type sub struct {
		root   uint64
		inline []byte
	}
	var subs []sub
	for i := range count {
		e := p[pageHeaderSize+i*elemSize:]
		flags := ne.Uint32(e)
		pos, ksize, vsize := uint64(ne.Uint32(e[4:])), uint64(ne.Uint32(e[8:])), uint64(ne.Uint32(e[12:]))
		start := uint64(pageHeaderSize+i*elemSize) + pos
		if start+ksize+vsize > uint64(len(p)) || start+ksize+vsize < start {
			s.fail("%s: element %d reaches past the page", name, i)
			return
		}
		if flags&^bucketLeafFlag != 0 {
			s.fail("%s: element %d has unknown flags %#x", name, i, flags)
			return
		}
		if flags&bucketLeafFlag == 0 {
			continue
		}
		v := p[start+ksize : start+ksize+vsize]
		if len(v) < 16 {
			s.fail("%s: bucket %d has a %d-byte header", name, i, len(v))
			return
		}
		if root := ne.Uint64(v); root != 0 {
			subs = append(subs, sub{root: root})
		} else {
			subs = append(subs, sub{inline: v[16:]})
		}
	}
	for _, b := range subs {
		if len(s.errs) > 0 {
			return
		}
		if b.root != 0 {
			s.tree(b.root, depth+1)
			continue
		}
		if len(b.inline) < pageHeaderSize {
			s.fail("%s: an inline bucket is shorter than a page header", name)
			return
		}
		flags, n := ne.Uint16(b.inline[8:]), int(ne.Uint16(b.inline[10:]))
		if flags != leafPageFlag || pageHeaderSize+n*elemSize > len(b.inline) {
			s.fail("%s: an inline bucket is malformed", name)
			return
		}
		s.leaf(leafName{page: name.page, inline: name.inline + 1}, b.inline, n, depth+1)
	}
}

// freelist checks the freelist page's own layout.
func (s *pageScan) freelist(id uint64) {
	p := s.read(id, 0)
	if p == nil {
		return
	}
	ne := binary.NativeEndian
	switch flags := ne.Uint16(p[8:]); flags {
	case freelistPageFlag:
	case branchPageFlag, leafPageFlag:
		s.misplace("page %d should be the freelist but is a %s page", id, map[uint16]string{branchPageFlag: "branch", leafPageFlag: "leaf"}[flags])
		return
	default:
		s.fail("page %d should be the freelist but has type %#x", id, flags)
		return
	}
	count, ids := uint64(ne.Uint16(p[10:])), p[pageHeaderSize:]
	if count == 0xFFFF { // the real count is in the first element
		count, ids = ne.Uint64(ids), ids[8:]
	}
	if count > uint64(len(ids))/8 {
		s.fail("freelist page %d lists %d pages, more than fit", id, count)
		return
	}
	for i := range count {
		if f := ne.Uint64(ids[i*8:]); f < 2 || f >= s.pages {
			s.fail("freelist page %d lists page %d, outside the file", id, f)
			return
		} else if f >= s.hwm {
			s.misplace("freelist page %d lists page %d, past the end the meta page gives", id, f)
			return
		}
	}
}

// scanPages runs the plain-read part of the check on the file at path.
func scanPages(path string, m boltMeta) error {
	f, err := os.Open(path)
	if err != nil {
		return openError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return openError(err)
	}
	s := newPageScan(f, m, st.Size())
	s.run(m)
	switch {
	case len(s.malformed) > 0:
		return wrap(ErrDamagedPage, errors.New(strings.Join(s.errs, "; ")))
	case len(s.misplaced) > 0:
		return wrap(ErrTorn, errors.New(strings.Join(s.errs, "; ")))
	}
	return nil
}

func newPageScan(f io.ReaderAt, m boltMeta, size int64) *pageScan {
	s := &pageScan{f: f, ps: uint64(m.pageSize), hwm: m.pgid, pages: uint64(size) / uint64(m.pageSize),
		visited: make([]uint64, max(m.pgid, 2)/64+1)}
	s.see(0)
	s.see(1)
	return s
}

// run scans the freelist and the tree of meta page m.
func (s *pageScan) run(m boltMeta) {
	if m.freelist != noFreelist {
		s.freelist(m.freelist)
	}
	if len(s.errs) == 0 {
		s.tree(m.root, 0)
	}
}

// boltCheck runs bbolt's page check and sorts what it finds.
func boltCheck(tx *bolt.Tx) error {
	var torn, page []string
	for err := range tx.Check() { // drained to the end: the check's goroutine must finish
		msg := err.Error()
		switch {
		case strings.Contains(msg, "multiple references"), strings.Contains(msg, "reachable freed"),
			strings.Contains(msg, "unreachable unfreed"), strings.Contains(msg, "already freed"),
			strings.Contains(msg, "in the ancestor"), strings.Contains(msg, "element in ancestor"):
			if len(torn) < maxPageErrors {
				torn = append(torn, msg)
			}
		default:
			if len(page) < maxPageErrors {
				page = append(page, msg)
			}
		}
	}
	switch {
	case len(page) > 0:
		return wrap(ErrDamagedPage, errors.New(strings.Join(append(page, torn...), "; ")))
	case len(torn) > 0:
		return wrap(ErrTorn, errors.New(strings.Join(torn, "; ")))
	}
	return nil
}
