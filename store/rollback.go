package store

import (
	"encoding/binary"
	"fmt"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// A silent rollback. bbolt keeps two meta pages and, on open, quietly uses
// the other one when the newer fails its checksum: every save since the
// older one is gone, and the next commit writes over the evidence. bbolt
// writes both when it makes a file and one per commit after that, so in a
// file it wrote both are always valid; one bad page is damage, never a
// state bbolt left. nguon therefore reads both itself (guardMeta) and
// refuses such a file, saying how far it would go back.

// RollbackError refuses a file one of whose two meta pages is damaged.
// It matches ErrDamagedPage (and so ErrCorrupt).
type RollbackError struct {
	TxID  uint64    // the last transaction the sound meta page names
	Lost  uint64    // the damaged page's transaction when still legible and newer; 0 otherwise
	Saved time.Time // when the last save the sound page leads to was made; zero when unknown
}

func (e *RollbackError) Error() string { return e.Text().VI }

// Is lets errors.Is(err, ErrDamagedPage) and ErrCorrupt find it.
func (e *RollbackError) Is(target error) bool {
	return target == ErrDamagedPage || target == ErrCorrupt
}

// Text says what happened, how far back the file would go, and what to do.
func (e *RollbackError) Text() model.Text {
	when := model.Text{VI: fmt.Sprintf("lần ghi số %d", e.TxID), EN: fmt.Sprintf("write number %d", e.TxID)}
	if !e.Saved.IsZero() {
		t := e.Saved.Local()
		when = model.Text{
			VI: fmt.Sprintf("lần lưu lúc %s ngày %s (lần ghi số %d)", t.Format("15:04"), t.Format("02/01/2006"), e.TxID),
			EN: fmt.Sprintf("the save of %s at %s (write number %d)", t.Format("02/01/2006"), t.Format("15:04"), e.TxID)}
	}
	return model.Text{
		VI: "Một trong hai trang đầu của tệp dữ liệu bị hỏng: nếu mở tiếp, tệp sẽ quay về " + when.VI +
			" và mất mọi thứ lưu sau đó, nên nguon không mở và không ghi gì vào tệp; hãy mở bản sao lưu mới nhất bằng “nguon --db TỆP-SAO-LƯU”.",
		EN: "One of the two first pages of the data file is damaged: opening it would take the file back to " + when.EN +
			" and lose everything saved after it, so nguon neither opens nor writes to it; open your newest backup with “nguon --db BACKUP-FILE”.",
	}
}

// rolledBack reports a rollback when exactly one meta page is sound and
// the other is there but damaged. read reads the bytes at an offset.
func rolledBack(m0 boltMeta, s0 metaState, m1 boltMeta, s1 metaState, read func(int64) []byte) *RollbackError {
	damaged := func(s metaState) bool { return s == metaBad || s == metaForeign }
	var good boltMeta
	var badAt int64
	switch {
	case s0 == metaOK && damaged(s1):
		good, badAt = m0, int64(m0.pageSize)
	case s1 == metaOK && damaged(s0):
		good, badAt = m1, 0
	default:
		return nil
	}
	rb := &RollbackError{TxID: good.txid}
	// The damaged page's own transaction, when its bytes still say: one
	// after the sound page's is a save that would be lost.
	if b := read(badAt); len(b) >= pageHeaderSize+metaSize &&
		binary.NativeEndian.Uint32(b[pageHeaderSize:]) == boltMagic {
		if tx := binary.NativeEndian.Uint64(b[pageHeaderSize+48:]); tx > good.txid && tx-good.txid < 1<<32 {
			rb.Lost = tx
		}
	}
	return rb
}

// rollbackSaved reads the file clock of the state bbolt would fall back
// to: the wall time of its last save. The pages may be damaged too, so a
// fault or a panic only leaves the time unknown.
func rollbackSaved(path string, lock time.Duration) (saved time.Time) {
	defer func() { _ = recover() }()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: lock})
	if err != nil {
		return time.Time{}
	}
	defer db.Close()
	_ = safeView(db, func(tx *bolt.Tx) error {
		if m := tx.Bucket(bucketMeta); m != nil {
			if c, err := decodeHLC(m.Get(metaHLC)); err == nil && c.Wall > 0 {
				saved = time.UnixMilli(c.Wall)
			} else if t, err := time.Parse(time.RFC3339, string(m.Get(metaCreated))); err == nil {
				saved = t // nothing saved yet: the file as it was made
			}
		}
		return nil
	})
	return saved
}
