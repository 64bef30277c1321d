package store

import (
	"cmp"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// HLC is a hybrid logical clock reading: wall time in Unix milliseconds,
// never behind the highest clock already in the file, plus a counter that
// orders revisions within one millisecond. A laptop whose clock is years
// behind still writes revisions that order after the ones it has seen.
type HLC struct {
	Wall    int64  `json:"wall"`
	Logical uint32 `json:"logical"`
}

// Compare orders two clock readings (-1, 0, +1).
func (c HLC) Compare(o HLC) int {
	if r := cmp.Compare(c.Wall, o.Wall); r != 0 {
		return r
	}
	return cmp.Compare(c.Logical, o.Logical)
}

// next is the reading that follows c at wall time nowMS.
func (c HLC) next(nowMS int64) HLC {
	if nowMS > c.Wall {
		return HLC{Wall: nowMS}
	}
	return HLC{Wall: c.Wall, Logical: c.Logical + 1}
}

func (c HLC) bytes() []byte {
	b := binary.BigEndian.AppendUint64(make([]byte, 0, 12), uint64(c.Wall))
	return binary.BigEndian.AppendUint32(b, c.Logical)
}

func decodeHLC(b []byte) (HLC, error) {
	if len(b) != 12 {
		return HLC{}, wrap(ErrCorrupt, fmt.Errorf("meta hlc has %d bytes, want 12", len(b)))
	}
	return HLC{Wall: int64(binary.BigEndian.Uint64(b)), Logical: binary.BigEndian.Uint32(b[8:])}, nil
}

// bumpHLC raises the file's clock to at least c.
func bumpHLC(tx *bolt.Tx, c HLC) error {
	m := tx.Bucket(bucketMeta)
	cur, err := decodeHLC(m.Get(metaHLC))
	if err != nil {
		return err
	}
	if c.Compare(cur) > 0 {
		return m.Put(metaHLC, c.bytes())
	}
	return nil
}
