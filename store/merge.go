package store

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Merging copies (docs/file-format.md, "Merging copies").
//
// A merge is a union of revisions. It runs in two phases so that a bad
// copy never reaches our file:
//
//  1. every copy is checked in a child process (CheckFile), then read
//     whole with plain reads (merge_read.go, never mapped): every
//     revision's bytes must hash to its ID, and every revision we lack must
//     be one a save could have written (merge_admit.go): a sound envelope
//     of bounded size, a clock at most maxClockAhead ahead of ours, a
//     payload normalised and valid. Only the IDs of the revisions to store
//     are kept (merge_scan.go). Any failure refuses the whole merge before
//     anything is written.
//  2. after an automatic backup of our file, the copies are read again and
//     the admitted revisions stored through addRevision, record by record
//     in key order across the copies (merge_write.go); cells are given a
//     commune when copies of different communes meet, and the settings of
//     other files are kept apart (merge_commune.go).
//
// Only the copy's revs, its settings kept apart and its file_id are read:
// everything else in a copy is derived and never trusted. A revs key is
// the record ID and the revision ID, as every schema 2 file files it.

// MergeFile is what one copy brought.
type MergeFile struct {
	Path    string
	Commune string // the copy's commune, from its settings ("" when it has none)
	// Foreign is a copy of another commune: its cells were given its
	// commune.
	Foreign bool
	// SettingsApart: the copy is another file's (not a copy of this one),
	// so its settings were kept apart and this file's stayed as they were.
	SettingsApart bool
	Revisions     int // revisions the copy holds
	New           int // of them, revisions this file did not have before the merge
	// Records of the copy: new to this file, whose current revision
	// changed, or left as they were.
	Added, Updated, Unchanged int
	Stamped                   int // cells that were given a commune
}

// MergeResult is what a merge found and did.
type MergeResult struct {
	Files      []MergeFile
	Conflicts  []ConflictInfo  // every record of the file with more than one current revision
	Duplicates []DuplicatePair // every possible duplicate left to review
	Backup     string          // the automatic backup made before writing, if any
	Written    bool            // something was written
}

// Errors of a merge.
var (
	ErrMergeSelf = newError("Không gộp một tệp với chính nó; hãy chọn tệp bản sao mang từ máy khác.",
		"A file cannot be merged with itself; give the copy brought from another computer.")
	ErrMergeNothing = newError("Chưa chọn tệp bản sao nào để gộp.", "No copy was given to merge.")
)

// mergeBetweenPhases, when a test sets it, runs after phase 1.
var mergeBetweenPhases func()

// CopyError refuses a whole merge because of one copy: it names the copy
// and says what is wrong with it, in one sentence.
type CopyError struct {
	Path string
	Err  error // ErrTruncated, ErrTorn, ErrInUse, a *DamageError…
}

func (e *CopyError) Error() string    { return e.Text().VI }
func (e *CopyError) Unwrap() error    { return e.Err }
func (e *CopyError) Text() model.Text { return copyProblem(e.Err, model.Escape(e.Path)) }

// copyProblems says, for the copy a merge refuses, what is wrong with it:
// the data file's own messages would send the clerk to its backups, but a
// bad copy is mended by copying it again.
var copyProblems = []struct {
	err    *Error
	vi, en string
}{
	{ErrMissingFile, "không có tệp bản sao %s", "the copy %s does not exist"},
	{ErrPermission, "không có quyền đọc bản sao %s", "there is no permission to read the copy %s"},
	{ErrEmptyFile, "bản sao %s rỗng (0 byte), có lẽ do sao chép lỗi; hãy sao chép lại", "the copy %s is empty (0 bytes), probably a failed copy; copy it again"},
	{ErrTruncated, "bản sao %s bị cắt cụt (thiếu phần cuối), thường do sao chép chưa xong; hãy sao chép lại", "the copy %s is truncated (its end is missing), usually an unfinished copy; copy it again"},
	{ErrTorn, "các trang của bản sao %s không khớp nhau, như khi sao chép lúc nguon đang ghi; hãy dùng “Sao lưu” ở máy gốc rồi sao chép lại", "the pages of the copy %s do not fit together, as when it is copied while nguon writes; use the backup action on the original computer and copy that"},
	{ErrNotNguon, "%s không phải tệp dữ liệu của nguon", "%s is not a nguon data file"},
	{ErrNewerSchema, "bản sao %s do phiên bản nguon mới hơn tạo ra; hãy cập nhật chương trình", "the copy %s was written by a newer nguon; update the program"},
	{ErrNeedsUpgrade, "bản sao %s cần được nâng cấp; hãy mở nó một lần bằng nguon rồi gộp lại", "the copy %s needs an upgrade; open it once with nguon and merge again"},
	{ErrInUse, "bản sao %s đang được mở trong nguon; hãy đóng nguon đó rồi gộp lại", "the copy %s is open in nguon; close that nguon and merge again"},
	{ErrWrongKind, "bản sao %s có bản ghi trùng mã với một bản ghi khác loại ở tệp này", "the copy %s has a record whose ID belongs to another kind of record here"},
	{ErrCheckFailed, "nguon không chạy được bước kiểm tra bản sao %s; hãy thử lại", "nguon could not run its check of the copy %s; try again"},
	{ErrCopyChanged, "bản sao %s đã bị thay đổi trong lúc gộp; tệp dữ liệu có thể đã nhận một phần, hãy gộp lại khi bản sao không còn bị ghi", "the copy %s changed during the merge; the data file may hold part of it, so merge again once nothing writes to the copy"},
	{ErrCorrupt, "bản sao %s bị hỏng hoặc đã bị sửa ngoài nguon (dữ liệu không khớp mã kiểm tra); hãy sao chép lại từ máy gốc", "the copy %s is damaged or was altered outside nguon (its data does not match its checksums); copy it again from the original computer"},
}

func copyProblem(err error, path string) model.Text {
	var rr *RecordRefusedError
	if errors.As(err, &rr) {
		return rr.text(path)
	}
	vi, en := "bản sao %s không dùng được (%s)", "the copy %s cannot be used (%s)"
	args := []any{path, model.Escape(fmt.Sprint(err))}
	if rb := (*RollbackError)(nil); errors.As(err, &rb) {
		// Its own words would speak of the data file and its backups.
		vi = "một trong hai trang đầu của bản sao %s bị hỏng (nó sẽ quay về một lần lưu trước và mất những gì lưu sau); hãy dùng “Sao lưu” ở máy gốc rồi sao chép lại"
		en = "one of the two first pages of the copy %s is damaged (it would go back to an earlier save and lose what came after); use the backup action on the original computer and copy that"
		args = args[:1]
	}
	for _, p := range copyProblems {
		if len(args) == 1 {
			break
		}
		if errors.Is(err, p.err) {
			vi, en, args = p.vi, p.en, args[:1]
			break
		}
	}
	return model.Text{VI: "Không gộp gì vì " + fmt.Sprintf(vi, args...) + ".",
		EN: "Nothing was merged: " + fmt.Sprintf(en, args...) + "."}
}

// mergeCopy is one copy: what phase 1 found in it, and the open file that
// phase 2 reads again. Of its revisions only the IDs of those to store are
// kept in between, not their bytes (a 100,000-candidate copy is 90 MB).
type mergeCopy struct {
	res    MergeFile
	file   *copyReader
	fileID string
	// same: a copy of this very file (the same file_id): its settings are
	// this file's. Every other file's are kept apart (merge_commune.go).
	same     bool
	seen     []model.ID          // every record the copy holds
	news     map[[32]byte]bool   // its revisions this file lacks, admitted
	kinds    map[model.ID]string // the kind of every record with a new revision
	apart    map[[32]byte][]byte // settings revisions of another file, to keep apart
	rows     map[[32]byte][]byte // list rows of the new live candidate revisions (rowHints)
	added    map[model.ID]bool   // records this file did not have before the copy
	settings *model.Settings     // the copy's current settings, nil when it has none
}

func (c *mergeCopy) close() {
	if c != nil && c.file != nil {
		c.file.Close()
	}
}

// Merge merges the copies at paths into this file (see the top of this
// file). Any copy that is damaged, truncated, torn, foreign, newer, in use
// or tampered with, or holds a record a save would refuse, refuses the
// whole merge with a *CopyError, and nothing is written. When there is
// nothing new, nothing is written, not even a backup.
func (s *Store) Merge(paths []string, now time.Time) (*MergeResult, error) {
	if len(paths) == 0 {
		return nil, ErrMergeNothing
	}
	if s.readOnly {
		return nil, ErrReadOnly
	}
	for _, p := range paths {
		if SameFile(s.path, p) {
			return nil, ErrMergeSelf
		}
	}
	copies, err := s.readCopies(paths, now)
	defer func() {
		for _, c := range copies {
			c.close()
		}
	}()
	if err != nil {
		return nil, err
	}
	if mergeBetweenPhases != nil {
		mergeBetweenPhases()
	}
	res := &MergeResult{}
	write, err := s.mergeNeedsWrite(copies)
	if err != nil {
		return nil, err
	}
	if write {
		// Room for the backup and for what comes in, looked at before
		// either is written (room.go).
		var incoming int64
		for _, c := range copies {
			incoming += int64(len(c.news)) * bytesPerRevision
		}
		if err := s.ensureRoom(incoming); err != nil {
			return nil, err
		}
		if empty, err := s.IsEmpty(); err != nil {
			return nil, err
		} else if !empty {
			if res.Backup, err = s.AutoBackup(ReasonMerge, now); err != nil {
				return nil, err
			}
		}
		if err := s.writeCopies(copies, now); err != nil {
			return nil, err
		}
		res.Written = true
	} else {
		for _, c := range copies {
			c.countUnchanged()
		}
	}
	for _, c := range copies {
		res.Files = append(res.Files, c.res)
	}
	if res.Conflicts, err = s.ConflictList(); err != nil {
		return res, err
	}
	res.Duplicates, err = s.PossibleDuplicates()
	return res, err
}

// readCopies is phase 1 for every copy, two at a time per core: the checks
// are mostly a process start and a read of the file. Then the copies are
// compared with each other: two that give one record two kinds refuse the
// later one.
func (s *Store) readCopies(paths []string, now time.Time) ([]*mergeCopy, error) {
	copies := make([]*mergeCopy, len(paths))
	errs := make([]error, len(paths))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(len(paths), 2*runtime.NumCPU()) {
		wg.Go(func() {
			for i := range work {
				copies[i], errs[i] = s.readCopy(paths[i], now)
			}
		})
	}
	for i := range paths {
		work <- i
	}
	close(work)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			for _, c := range copies {
				c.close()
			}
			return nil, &CopyError{Path: paths[i], Err: err}
		}
	}
	kinds := map[model.ID]string{}
	for _, c := range copies {
		for id, k := range c.kinds {
			if had, ok := kinds[id]; ok && had != k {
				for _, c := range copies {
					c.close()
				}
				return nil, &CopyError{Path: c.res.Path, Err: &RecordRefusedError{Kind: k, ID: id, Why: whyKind}}
			}
			kinds[id] = k
		}
	}
	return copies, nil
}

// readCopy checks one copy in a child process, then reads it whole.
func (s *Store) readCopy(path string, now time.Time) (*mergeCopy, error) {
	if err := CheckFile(path); err != nil {
		return nil, err
	}
	f, err := openCopy(path)
	if err != nil {
		return nil, err
	}
	c := &mergeCopy{res: MergeFile{Path: path}, file: f, news: map[[32]byte]bool{}, kinds: map[model.ID]string{},
		apart: map[[32]byte][]byte{}, added: map[model.ID]bool{}, rows: map[[32]byte][]byte{}}
	id, err := f.get(bucketMeta, metaFileID)
	if err == nil {
		c.fileID = string(id)
		err = s.view(func(ours *bolt.Tx) error {
			c.same = c.fileID != "" && c.fileID == string(ours.Bucket(bucketMeta).Get(metaFileID))
			return c.read(ours, now)
		})
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	if c.settings != nil {
		c.res.Commune = c.settings.Commune
	}
	c.res.SettingsApart = !c.same && c.settings != nil
	return c, nil
}

// mergeNeedsWrite reports whether the merge has anything to write: new
// revisions, settings to keep apart, or cells to give a commune.
func (s *Store) mergeNeedsWrite(copies []*mergeCopy) (need bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		ours := ourCommune(tx)
		for _, c := range copies {
			c.res.Foreign = foreignCommune(ours, c)
			if len(c.news) > 0 || len(c.apart) > 0 {
				need = true
			}
		}
		if need {
			return nil
		}
		stamps, err := cellsToStamp(tx, copies, ours)
		need = len(stamps) > 0
		return err
	})
	return need, err
}

// countUnchanged counts the copy's records that brought nothing new. The
// settings of another file are not this file's record.
func (c *mergeCopy) countUnchanged() {
	for _, id := range c.seen {
		if _, isNew := c.kinds[id]; !isNew && (c.same || id != settingsID) {
			c.res.Unchanged++
		}
	}
}

// addRecord stores the copy's new revisions of one record and counts it.
func (c *mergeCopy) addRecord(tx *bolt.Tx, id model.ID, raws [][]byte) error {
	before, existed, err := winnerID(tx, id)
	if err != nil {
		return err
	}
	for _, raw := range raws {
		if err := addRevision(tx, raw); err != nil {
			return err
		}
	}
	after, _, err := winnerID(tx, id)
	switch {
	case err != nil:
		return err
	case !existed:
		c.res.Added++
		c.added[id] = true
	case after != before:
		c.res.Updated++
	default:
		c.res.Unchanged++
	}
	return nil
}

// winnerID is the ID of a record's winning revision, from its heads.
func winnerID(tx *bolt.Tx, id model.ID) (w [32]byte, exists bool, err error) {
	heads := headsOf(tx, id)
	switch len(heads) {
	case 0:
		return w, false, nil
	case 1:
		return heads[0].rev, true, nil
	}
	revs, err := revsOf(tx, id)
	if err != nil {
		return w, true, err
	}
	if _, winner := resolve(revs); winner != nil {
		w = winner.id
	}
	return w, true, nil
}
