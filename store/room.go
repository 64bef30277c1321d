package store

import (
	"fmt"
	"os"
	"path/filepath"

	"nguon/model"
)

// Room on the disk. An import or a merge writes a backup of the whole file
// and then grows it; on a disk that cannot hold both it would fail half way,
// after filling the disk. So they look first (ensureRoom) and refuse with
// the figures, before writing anything; and a transaction that still fails
// for want of room gives the file back its size (shrinkAfterFailure).

// roomMargin is kept free beyond the estimate: Windows and other programs
// need some too.
const roomMargin = 32 << 20

// bytesPerRevision is what one stored revision adds to the file, its
// derived entries and bbolt's pages included: a file of 100,000 candidates
// with one revision each is 156 MB (docs/file-format.md §16), rounded up.
const bytesPerRevision = 2 << 10

// freeBytesFor is freeBytes; tests make a disk look full.
var freeBytesFor = freeBytes

// NoRoomError refuses an operation the disk has no room for.
type NoRoomError struct {
	Dir        string
	Free, Need int64 // bytes
}

func (e *NoRoomError) Error() string { return e.Text().VI }

// Is lets errors.Is(err, ErrWrite) find it: nothing was written.
func (e *NoRoomError) Is(target error) bool { return target == ErrWrite }

// Text says how much room there is, how much is needed, and that nothing changed.
func (e *NoRoomError) Text() model.Text {
	mb := func(n int64) int64 { return (n + 1<<20 - 1) >> 20 }
	dir := model.Escape(e.Dir)
	return model.Text{
		VI: fmt.Sprintf("Ổ đĩa chứa %s chỉ còn trống %d MB, việc này cần khoảng %d MB (kể cả bản sao lưu tự động); hãy giải phóng chỗ trống rồi làm lại, tệp dữ liệu chưa thay đổi gì.", dir, mb(e.Free), mb(e.Need)),
		EN: fmt.Sprintf("The disk holding %s has only %d MB free and this needs about %d MB (the automatic backup included); free some space and try again, the data file has not changed.", dir, mb(e.Free), mb(e.Need)),
	}
}

// ensureRoom refuses, before anything is written, an operation that will
// grow the file by about grow bytes after an automatic backup of it.
func (s *Store) ensureRoom(grow int64) error {
	dir := filepath.Dir(s.path)
	st, err := os.Stat(s.path)
	if err != nil {
		return nil // the write says what is wrong
	}
	free, ok := freeBytesFor(dir)
	if !ok {
		return nil
	}
	// The backup is as large as the file; bbolt copies every page it
	// changes, so the growth is counted twice.
	need := st.Size() + 2*grow + roomMargin
	if free < need {
		return &NoRoomError{Dir: dir, Free: free, Need: need}
	}
	return nil
}

// shrinkAfterFailure gives the file back the size it had before a write
// transaction that failed for want of room: bbolt grows the file before it
// writes, and keeps it grown after a failed commit. It acts only when the
// meta pages still name the transaction before the failed one, so no page
// a committed transaction uses is cut. (Windows refuses to shrink a mapped
// file; the size then stays, which loses nothing.)
func (s *Store) shrinkAfterFailure(size int64, lastTx uint64) {
	st, err := os.Stat(s.path)
	if err != nil || st.Size() <= size {
		return
	}
	m, err := guardMeta(s.path)
	if err != nil || m.txid != lastTx || uint64(size)/uint64(m.pageSize) < m.pgid {
		return
	}
	_ = os.Truncate(s.path, size)
}
