package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
)

// bbolt's on-disk meta page, as laid out by go.etcd.io/bbolt/internal/common:
// a 16-byte page header (id u64, flags u16, count u16, overflow u32) then
//
//	magic u32 | version u32 | pageSize u32 | flags u32 | root pgid u64 | root seq u64 |
//	freelist u64 | pgid u64 | txid u64 | checksum u64 (FNV-1a 64 of the 56 bytes before it)
//
// bbolt writes it in the machine's byte order.
const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	metaSize       = 64
	metaPageFlag   = 0x04
)

type boltMeta struct {
	pageSize uint32
	root     uint64 // the root bucket's page
	freelist uint64 // the freelist's page; all ones when the freelist is not synced
	pgid     uint64 // high-water mark: pages at or above it are not in use
	txid     uint64
}

// metaState is what one meta page slot holds.
type metaState int

const (
	metaMissing metaState = iota // not enough bytes to read it
	metaForeign                  // no bbolt magic
	metaBad                      // bbolt magic, but wrong version or checksum
	metaOK
)

func parseMeta(b []byte) (boltMeta, metaState) {
	if len(b) < pageHeaderSize+4 {
		return boltMeta{}, metaMissing
	}
	ne := binary.NativeEndian
	m := b[pageHeaderSize:]
	if ne.Uint32(m[0:]) != boltMagic {
		return boltMeta{}, metaForeign
	}
	if len(m) < metaSize {
		return boltMeta{}, metaMissing
	}
	// bbolt asserts on a meta page's header (its ID and flags), which its
	// checksum does not cover: check them here, where a bad one is damage.
	if ne.Uint32(m[4:]) != boltVersion || ne.Uint16(b[8:]) != metaPageFlag || ne.Uint64(b[0:]) > 1 {
		return boltMeta{}, metaBad
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if h.Sum64() != ne.Uint64(m[56:]) {
		return boltMeta{}, metaBad
	}
	return boltMeta{pageSize: ne.Uint32(m[8:]), root: ne.Uint64(m[16:]), freelist: ne.Uint64(m[32:]),
		pgid: ne.Uint64(m[40:]), txid: ne.Uint64(m[48:])}, metaOK
}

// startsLikeBolt reports whether b, too short to hold a meta page, could
// be the start of one: page ID 0, the meta flag, the magic, as far as b goes.
func startsLikeBolt(b []byte) bool {
	for i := 0; i < len(b) && i < 8; i++ {
		if b[i] != 0 {
			return false
		}
	}
	if len(b) >= 10 && binary.NativeEndian.Uint16(b[8:])&metaPageFlag == 0 {
		return false
	}
	return len(b) < pageHeaderSize+4 || binary.NativeEndian.Uint32(b[pageHeaderSize:]) == boltMagic
}

// guard inspects the file with plain reads before bbolt sees it: bbolt
// silently turns a 0-byte file into a new database and dies with SIGBUS
// (which recover cannot catch) on a file shorter than its meta page claims.
func guard(path string) error {
	_, err := guardMeta(path)
	return err
}

// guardMeta is guard returning the meta page bbolt will use.
func guardMeta(path string) (boltMeta, error) {
	f, err := os.Open(path)
	if err != nil {
		return boltMeta{}, openError(err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return boltMeta{}, openError(err)
	}
	if st.IsDir() {
		return boltMeta{}, ErrNotNguon
	}
	size := st.Size()
	if size == 0 {
		return boltMeta{}, ErrEmptyFile
	}
	read := func(off int64) []byte {
		buf := make([]byte, pageHeaderSize+metaSize)
		n, err := f.ReadAt(buf, off)
		if err != nil && !errors.Is(err, io.EOF) {
			return nil
		}
		return buf[:n]
	}

	m0, s0 := parseMeta(read(0))
	var m1 boltMeta
	s1 := metaMissing
	if s0 == metaOK {
		m1, s1 = parseMeta(read(int64(m0.pageSize)))
	} else {
		// Page 0 is unreadable, so its page size is unknown: probe where
		// page 1 would be for each page size bbolt allows, as bbolt does.
		for i := 0; i <= 14 && s1 != metaOK; i++ {
			if pos := int64(1024) << i; pos < size {
				if m, st := parseMeta(read(pos)); st > s1 {
					m1, s1 = m, st
				}
			}
		}
	}

	if rb := rolledBack(m0, s0, m1, s1, read); rb != nil {
		return boltMeta{}, rb
	}
	var best *boltMeta
	for _, c := range []struct {
		m  *boltMeta
		st metaState
	}{{&m0, s0}, {&m1, s1}} {
		if c.st == metaOK && (best == nil || c.m.txid > best.txid) {
			best = c.m
		}
	}
	if best == nil {
		switch {
		case s0 == metaForeign && s1 != metaBad:
			return boltMeta{}, ErrNotNguon
		case s0 == metaMissing && startsLikeBolt(read(0)):
			return boltMeta{}, ErrTruncated
		case s0 == metaMissing:
			return boltMeta{}, ErrNotNguon
		}
		return boltMeta{}, wrap(ErrDamagedPage, errors.New("no valid bbolt meta page"))
	}
	ps := int64(best.pageSize)
	if ps < 512 || ps > 1<<24 || ps&(ps-1) != 0 || best.pgid < 2 {
		return boltMeta{}, wrap(ErrDamagedPage, fmt.Errorf("implausible meta page: page size %d, high water mark %d", ps, best.pgid))
	}
	// Compared by division: a corrupt high-water mark must not overflow.
	if uint64(size)/uint64(ps) < best.pgid {
		return boltMeta{}, wrap(ErrTruncated, fmt.Errorf("file has %d bytes, its meta page needs %d pages of %d", size, best.pgid, ps))
	}
	if best.root < 2 || best.root >= best.pgid || (best.freelist != noFreelist && (best.freelist < 2 || best.freelist >= best.pgid)) {
		return boltMeta{}, wrap(ErrDamagedPage, fmt.Errorf("meta page points outside the file: root %d, freelist %d, high water mark %d",
			best.root, best.freelist, best.pgid))
	}
	return *best, nil
}

// noFreelist is the freelist page ID of a file that does not store its freelist.
const noFreelist = ^uint64(0)
