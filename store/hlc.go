package store

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"math"
	"time"

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

// maxClockAhead is how far ahead of this laptop's clock a merged revision
// may be dated. Laptops' clocks drift and time zones get set wrong, which a
// few days cover; a revision dated further ahead would drag every later
// save of this file to its date (the clock never goes back), and one dated
// near the end of int64 would leave no clock to count on with.
const maxClockAhead = 3 * 24 * time.Hour

// maxLogical bounds the counter of a merged revision. nguon counts it up
// once per save while the laptop's clock is behind the file's, so no real
// file comes near it, and a forged one far above it cannot make this
// file's counter run out.
const maxLogical = 1 << 31

// ErrClockExhausted refuses a save when the file's clock can count no
// further: only a file holding a forged revision gets there.
var ErrClockExhausted = newError(
	"Đồng hồ của tệp dữ liệu đã tới giới hạn (tệp có bản ghi ghi ngày giờ xa trong tương lai) nên không lưu được; hãy mở bản sao lưu gần nhất bằng “nguon --db TỆP-SAO-LƯU”.",
	"The data file's clock has reached its limit (the file holds a record dated far in the future), so nothing can be saved; open your last backup with “nguon --db BACKUP-FILE”.")

// Compare orders two clock readings (-1, 0, +1).
func (c HLC) Compare(o HLC) int {
	if r := cmp.Compare(c.Wall, o.Wall); r != 0 {
		return r
	}
	return cmp.Compare(c.Logical, o.Logical)
}

// next is the reading that follows c at wall time nowMS. It never wraps:
// a wrapped clock would order a save before its parents and leave the
// file's clock behind its newest revision, which every check refuses.
// When the counter is spent the reading moves to the next millisecond,
// still after c; past the last millisecond there is none.
func (c HLC) next(nowMS int64) (HLC, error) {
	switch {
	case nowMS > c.Wall:
		return HLC{Wall: nowMS}, nil
	case c.Logical < math.MaxUint32:
		return HLC{Wall: c.Wall, Logical: c.Logical + 1}, nil
	case c.Wall < math.MaxInt64:
		return HLC{Wall: c.Wall + 1}, nil
	}
	return c, ErrClockExhausted
}

// plausible reports whether a merged revision's clock is one this file
// may take on at wall time now (see maxClockAhead and maxLogical).
func (c HLC) plausible(now time.Time) bool {
	return c.Wall >= 0 && c.Wall <= now.Add(maxClockAhead).UnixMilli() && c.Logical < maxLogical
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

// bumpHLC raises the file's clock to at least c. It is given only clocks
// of revisions already in the file or admitted by a merge (plausible), so
// it never raises the clock past what a merge accepted.
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
