package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"iter"
	"os"
	"strings"
)

// Reading a copy without mapping it. bbolt maps the whole file, and every
// page a merge reads stays resident in this process until it closes the
// copy: a 100,000-candidate copy is some 150 MB of resident memory on top
// of the merge's own. A copy is read once to be checked and once to be
// written, front to back, so plain reads (the page cache keeps the file)
// cost nothing that the mapping saved. The pages are walked by the same
// bounds-checked reader as the structural check (structure.go, pageScan):
// the child found the copy sound, but it may have changed since, and a
// bad page must be an error here, never a crash.

// copyReader is a copy opened for plain reads. It stays open from the check
// to the write, so a copy replaced (renamed over) meanwhile is not read.
type copyReader struct {
	f    *os.File
	meta boltMeta
	size int64
}

func openCopy(path string) (*copyReader, error) {
	m, err := guardMeta(path)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, openError(err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, openError(err)
	}
	return &copyReader{f: f, meta: m, size: st.Size()}, nil
}

func (c *copyReader) Close() error { return c.f.Close() }

// errStopWalk ends a walk early.
var errStopWalk = errors.New("stop")

// pageWalk walks a tree of pages in key order.
type pageWalk struct{ s *pageScan }

func (w *pageWalk) err() error {
	if len(w.s.errs) == 0 {
		return nil
	}
	return wrap(ErrDamagedPage, errors.New(strings.Join(w.s.errs, "; ")))
}

// tree walks the subtree rooted at page id; fn gets every leaf element
// (bucket tells a nested bucket), its slices valid only during the call.
func (w *pageWalk) tree(id uint64, depth int, fn func(k, v []byte, bucket bool) error) error {
	if depth > maxTreeDepth {
		return wrap(ErrDamagedPage, fmt.Errorf("page %d: the tree is deeper than %d levels", id, maxTreeDepth))
	}
	p := w.s.read(id, depth)
	if p == nil {
		return w.err()
	}
	return w.page(id, p, depth, fn)
}

func (w *pageWalk) page(id uint64, p []byte, depth int, fn func(k, v []byte, bucket bool) error) error {
	ne := binary.NativeEndian
	flags, count := ne.Uint16(p[8:]), int(ne.Uint16(p[10:]))
	if pageHeaderSize+count*elemSize > len(p) {
		return wrap(ErrDamagedPage, fmt.Errorf("page %d holds %d elements, more than fit", id, count))
	}
	switch flags {
	case branchPageFlag:
		for i := range count {
			e := p[pageHeaderSize+i*elemSize:]
			if err := w.tree(ne.Uint64(e[8:]), depth+1, fn); err != nil {
				return err
			}
		}
		return nil
	case leafPageFlag:
		for i := range count {
			e := p[pageHeaderSize+i*elemSize:]
			flags := ne.Uint32(e)
			pos, ksize, vsize := uint64(ne.Uint32(e[4:])), uint64(ne.Uint32(e[8:])), uint64(ne.Uint32(e[12:]))
			start := uint64(pageHeaderSize+i*elemSize) + pos
			if end := start + ksize + vsize; end > uint64(len(p)) || end < start {
				return wrap(ErrDamagedPage, fmt.Errorf("page %d: element %d reaches past the page", id, i))
			}
			if err := fn(p[start:start+ksize], p[start+ksize:start+ksize+vsize], flags&bucketLeafFlag != 0); err != nil {
				return err
			}
		}
		return nil
	}
	return wrap(ErrDamagedPage, fmt.Errorf("page %d has type %#x where a branch or leaf page belongs", id, flags))
}

// bucket yields the top-level bucket name in key order, the slices valid
// until the next step; a failure to read ends it and is left in *errp.
func (c *copyReader) bucket(name []byte, errp *error) iter.Seq2[[]byte, []byte] {
	return func(yield func(k, v []byte) bool) {
		*errp = c.walk(name, func(k, v []byte) error {
			if !yield(k, v) {
				return errStopWalk
			}
			return nil
		})
	}
}

// walk calls fn with every key and value of the top-level bucket name,
// in key order; the slices are valid only during the call. A copy without
// that bucket has nothing to walk.
func (c *copyReader) walk(name []byte, fn func(k, v []byte) error) error {
	w := &pageWalk{s: newPageScan(c.f, c.meta, c.size)}
	var root uint64
	var inline []byte
	found := false
	err := w.tree(c.meta.root, 0, func(k, v []byte, bucket bool) error {
		if !bucket || !bytes.Equal(k, name) {
			return nil
		}
		if len(v) < 16 {
			return wrap(ErrDamagedPage, fmt.Errorf("bucket %s has a %d-byte header", name, len(v)))
		}
		found = true
		if root = binary.NativeEndian.Uint64(v); root == 0 {
			inline = bytes.Clone(v[16:])
		}
		return errStopWalk
	})
	if err != nil && err != errStopWalk {
		return err
	}
	if !found {
		return nil
	}
	// A fresh scan: the walk above reached the pages on the way down.
	w = &pageWalk{s: newPageScan(c.f, c.meta, c.size)}
	leaf := func(k, v []byte, bucket bool) error {
		if bucket {
			return wrap(ErrCorrupt, fmt.Errorf("bucket %s holds a nested bucket %x", name, k))
		}
		return fn(k, v)
	}
	if root != 0 {
		err = w.tree(root, 1, leaf)
	} else if len(inline) < pageHeaderSize {
		err = wrap(ErrDamagedPage, fmt.Errorf("the inline bucket %s is shorter than a page header", name))
	} else {
		err = w.page(0, inline, 1, leaf)
	}
	if err == errStopWalk {
		return nil
	}
	return err
}

// get returns a copy of the value under key in the top-level bucket
// name, or nil.
func (c *copyReader) get(name, key []byte) ([]byte, error) {
	var out []byte
	err := c.walk(name, func(k, v []byte) error {
		if bytes.Equal(k, key) {
			out = bytes.Clone(v)
			return errStopWalk
		}
		return nil
	})
	return out, err
}
