package model

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"time"
)

// ID identifies a record: a UUIDv7 made by the store, unique across laptops.
type ID [16]byte

// IsZero reports whether the ID is unset.
func (id ID) IsZero() bool { return id == ID{} }

// String formats the ID as a canonical UUID.
func (id ID) String() string {
	var b [36]byte
	hex.Encode(b[0:8], id[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], id[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], id[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], id[8:10])
	b[23] = '-'
	hex.Encode(b[24:], id[10:])
	return string(b[:])
}

// ParseID reads a canonical UUID.
func ParseID(s string) (ID, error) {
	var id ID
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return id, errors.New("bad id")
	}
	h := s[0:8] + s[9:13] + s[14:18] + s[19:23] + s[24:]
	if _, err := hex.Decode(id[:], []byte(h)); err != nil {
		return ID{}, errors.New("bad id")
	}
	return id, nil
}

// MarshalText stores IDs as UUID strings.
func (id ID) MarshalText() ([]byte, error) {
	if id.IsZero() {
		return []byte{}, nil
	}
	return []byte(id.String()), nil
}

// UnmarshalText reads UUID strings.
func (id *ID) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*id = ID{}
		return nil
	}
	v, err := ParseID(string(b))
	*id = v
	return err
}

// NewID makes a UUIDv7 (RFC 9562): 48 bits of milliseconds then random bits,
// so IDs sort by creation time and never collide between laptops.
func NewID(now time.Time) ID {
	return NewIDFrom(now, nil)
}

// NewIDFrom is NewID with its random bits read from r (nil: crypto/rand).
// Only a file that must come out the same bytes every time (the demo file
// a release ships) passes a fixed source; a short read falls back to
// crypto/rand rather than make IDs that collide.
func NewIDFrom(now time.Time, r io.Reader) ID {
	var id ID
	if r == nil || readFull(r, id[:]) != nil {
		_, _ = rand.Read(id[:])
	}
	ms := uint64(now.UnixMilli())
	id[0], id[1], id[2] = byte(ms>>40), byte(ms>>32), byte(ms>>24)
	id[3], id[4], id[5] = byte(ms>>16), byte(ms>>8), byte(ms)
	id[6] = id[6]&0x0f | 0x70
	id[8] = id[8]&0x3f | 0x80
	return id
}

func readFull(r io.Reader, b []byte) error {
	_, err := io.ReadFull(r, b)
	return err
}
