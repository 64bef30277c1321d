package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"runtime"
	"runtime/debug"
	"slices"
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
//  1. every copy is checked in a child process (CheckFile), opened
//     read-only and read whole: every revision's bytes must hash to the
//     last 32 bytes of its key, and every revision we lack must decode. The
//     revisions we lack are copied out and the copy is closed again. Any
//     failure refuses the whole merge before anything is written.
//  2. after an automatic backup of our file, one transaction stores them
//     through addRevision, copy after copy, and gives cells a commune when
//     copies of different communes meet (merge_commune.go).
//
// Only the copy's revs (and the meta bucket, through the check) are read:
// everything else in a copy is derived, may come from another layout, and
// is never trusted. Of a revs key only the last 32 bytes mean anything
// (the revision ID): the storage layout may prefix the record ID.

// MergeFile is what one copy brought.
type MergeFile struct {
	Path    string
	Commune string // the copy's commune, from its settings ("" when it has none)
	// Foreign is a copy of another commune: its settings were not merged
	// and its cells were given its commune.
	Foreign   bool
	Revisions int // revisions the copy holds
	New       int // of them, revisions this file did not have before the merge
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
	{ErrCorrupt, "bản sao %s bị hỏng hoặc đã bị sửa ngoài nguon (dữ liệu không khớp mã kiểm tra); hãy sao chép lại từ máy gốc", "the copy %s is damaged or was altered outside nguon (its data does not match its checksums); copy it again from the original computer"},
}

func copyProblem(err error, path string) model.Text {
	vi, en := "bản sao %s không dùng được (%s)", "the copy %s cannot be used (%s)"
	args := []any{path, model.Escape(fmt.Sprint(err))}
	for _, p := range copyProblems {
		if errors.Is(err, p.err) {
			vi, en, args = p.vi, p.en, args[:1]
			break
		}
	}
	return model.Text{VI: "Không gộp gì vì " + fmt.Sprintf(vi, args...) + ".",
		EN: "Nothing was merged: " + fmt.Sprintf(en, args...) + "."}
}

// mergeCopy is one copy read in phase 1.
type mergeCopy struct {
	res      MergeFile
	seen     []model.ID            // every record the copy holds
	news     map[model.ID][][]byte // the revisions we lack, by record, copied out of the copy
	rows     map[[32]byte][]byte   // list rows of the new live candidate revisions (rowHints)
	added    map[model.ID]bool     // records this file did not have before the copy
	settings *model.Settings       // the copy's current settings, nil when it has none
}

// Merge merges the copies at paths into this file (see the top of this
// file). Any copy that is damaged, truncated, torn, foreign, newer, in use
// or tampered with refuses the whole merge with a *CopyError, and nothing is
// written. When there is nothing new, nothing is written, not even a backup.
func (s *Store) Merge(paths []string, now time.Time) (*MergeResult, error) {
	if len(paths) == 0 {
		return nil, ErrMergeNothing
	}
	if s.readOnly {
		return nil, ErrReadOnly
	}
	for _, p := range paths {
		if sameFile(s.path, p) {
			return nil, ErrMergeSelf
		}
	}
	copies, err := s.readCopies(paths)
	if err != nil {
		return nil, err
	}
	res := &MergeResult{}
	write, err := s.mergeNeedsWrite(copies)
	if err != nil {
		return nil, err
	}
	if write {
		if empty, err := s.IsEmpty(); err != nil {
			return nil, err
		} else if !empty {
			if res.Backup, err = s.AutoBackup(ReasonMerge, now); err != nil {
				return nil, err
			}
		}
		if err := s.update(func(tx *bolt.Tx) error { return s.applyCopies(tx, copies, now) }); err != nil {
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
// are mostly a process start and a read of the file.
func (s *Store) readCopies(paths []string) ([]*mergeCopy, error) {
	copies := make([]*mergeCopy, len(paths))
	errs := make([]error, len(paths))
	work := make(chan int)
	var wg sync.WaitGroup
	for range min(len(paths), 2*runtime.NumCPU()) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range work {
				copies[i], errs[i] = s.readCopy(paths[i])
			}
		}()
	}
	for i := range paths {
		work <- i
	}
	close(work)
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			return nil, &CopyError{Path: paths[i], Err: err}
		}
	}
	return copies, nil
}

// readCopy checks one copy in a child process, then reads it.
func (s *Store) readCopy(path string) (*mergeCopy, error) {
	if err := CheckFile(path); err != nil {
		return nil, err
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return nil, openError(err)
	}
	defer db.Close()
	c := &mergeCopy{res: MergeFile{Path: path}, news: map[model.ID][][]byte{}, added: map[model.ID]bool{},
		rows: map[[32]byte][]byte{}}
	err = s.view(func(ours *bolt.Tx) error {
		return viewCopy(db, func(tx *bolt.Tx) error { return c.read(tx, ours) })
	})
	if err != nil {
		return nil, err
	}
	if c.settings != nil {
		c.res.Commune = c.settings.Commune
	}
	return c, nil
}

// viewCopy reads a copy in one transaction. The child found its pages
// sound, but the file may change under us: a fault reading it is the
// copy's damage, never ours.
func viewCopy(db *bolt.DB, fn func(tx *bolt.Tx) error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = wrap(ErrDamagedPage, fmt.Errorf("reading the copy failed: %v", r))
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return db.View(fn)
}

// read walks the copy's revisions: each must hash to its ID; those we lack
// must decode and are kept; the settings' revisions give its commune.
func (c *mergeCopy) read(tx *bolt.Tx, ours *bolt.Tx) error {
	revs := tx.Bucket(bucketRevs)
	if revs == nil {
		return wrap(ErrDamagedPage, errors.New("the copy has no revs bucket"))
	}
	seen := map[model.ID]bool{}
	var settings []*rev
	err := revs.ForEach(func(k, v []byte) error {
		if len(k) < 32 {
			return wrap(ErrCorrupt, fmt.Errorf("revs key %x is too short", k))
		}
		id := [32]byte(k[len(k)-32:])
		if sha256.Sum256(v) != id {
			return wrap(ErrCorrupt, fmt.Errorf("revision %x is not the SHA-256 of its bytes", id[:4]))
		}
		c.res.Revisions++
		rec, _, ok := revisionHead(v)
		known := ok && haveRevision(ours, rec, id)
		var r *rev
		if !known || rec == settingsID {
			var err error
			if r, err = decodeRev(id[:], v); err != nil {
				return wrap(ErrCorrupt, err)
			}
			rec, known = r.Record, haveRevision(ours, r.Record, id)
		}
		if !seen[rec] {
			seen[rec] = true
			c.seen = append(c.seen, rec)
		}
		if rec == settingsID {
			settings = append(settings, r)
		}
		if !known {
			c.res.New++
			c.news[rec] = append(c.news[rec], bytes.Clone(v))
			c.rowHint(r)
		}
		return nil
	})
	if err != nil {
		return err
	}
	c.settings = settingsOf(settings)
	return nil
}

// rowHint makes the list row of a new live candidate revision now, while
// copies are read on every core: decoding each candidate's JSON for its
// row is most of a large merge's work inside its one transaction.
func (c *mergeCopy) rowHint(r *rev) {
	if r == nil || r.Kind != kindCandidate.name || r.Deleted {
		return
	}
	var cand model.Candidate
	if model.DecodeCandidate(r.Data, &cand) == nil {
		c.rows[r.id] = sealRow(cand.Row(), r.id)
	}
}

// haveRevision reports whether our file holds revision id of record rec
// (our file is always of the current schema: record ID ‖ revision ID).
func haveRevision(tx *bolt.Tx, rec model.ID, id [32]byte) bool {
	return revisionAt(tx, rec, id) != nil
}

// settingsOf decodes the winning settings among a copy's settings revisions.
func settingsOf(revs []*rev) *model.Settings {
	if len(revs) == 0 {
		return nil
	}
	_, w := resolve(revs)
	if w == nil || w.Deleted {
		return nil
	}
	var v model.Settings
	if err := json.Unmarshal(w.Data, &v); err != nil {
		return nil
	}
	return &v
}

// mergeNeedsWrite reports whether the merge has anything to write: new
// revisions, or cells to give a commune. With nothing to write our
// settings stay, so each copy compares with them as it would in the
// transaction, and its result is final.
func (s *Store) mergeNeedsWrite(copies []*mergeCopy) (need bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		ours := ourCommune(tx)
		for _, c := range copies {
			c.skipForeignSettings(ours)
			if len(c.news) > 0 {
				need = true
				return nil
			}
		}
		for _, c := range copies {
			if c.res.Foreign {
				stamps, err := cellsToStamp(tx, copies, ours)
				need = len(stamps) > 0
				return err
			}
		}
		return nil
	})
	return need, err
}

// skipForeignSettings leaves out the settings of a copy of another
// commune (merge_commune.go) when this file's commune is ours.
func (c *mergeCopy) skipForeignSettings(ours string) {
	c.res.Foreign = foreignCommune(ours, c)
	if c.res.Foreign {
		c.res.New -= len(c.news[settingsID])
		delete(c.news, settingsID)
	}
}

// applyCopies is phase 2, in the caller's transaction. The settings
// first, copy after copy, since whether a later copy is another commune's
// depends on the settings merged before it. Then every other record in
// ID order, each taking the copies' revisions in the order given: records
// are independent, so the result is the same as copy after copy, and keys
// that arrive in order keep bbolt from shifting one ever larger node
// (a transaction splits none until it commits).
func (s *Store) applyCopies(tx *bolt.Tx, copies []*mergeCopy, now time.Time) error {
	byRecord := map[model.ID][]*mergeCopy{}
	for _, c := range copies {
		c.skipForeignSettings(ourCommune(tx))
		if _, ok := c.news[settingsID]; ok {
			if err := c.addRecord(tx, settingsID); err != nil {
				return &CopyError{Path: c.res.Path, Err: err}
			}
		}
		for id := range c.news {
			if id != settingsID {
				byRecord[id] = append(byRecord[id], c)
			}
		}
	}
	hints := map[[32]byte][]byte{}
	for _, c := range copies {
		maps.Copy(hints, c.rows)
	}
	s.rowHints = hints
	defer func() { s.rowHints = nil }()
	recs := slices.SortedFunc(maps.Keys(byRecord), func(a, b model.ID) int { return bytes.Compare(a[:], b[:]) })
	for _, id := range recs {
		for _, c := range byRecord[id] {
			if err := c.addRecord(tx, id); err != nil {
				return &CopyError{Path: c.res.Path, Err: err}
			}
		}
	}
	for _, c := range copies {
		c.countUnchanged()
	}
	return stampCommunes(&Tx{s: s, tx: tx, now: now}, copies)
}

// countUnchanged counts the copy's records that brought nothing new.
func (c *mergeCopy) countUnchanged() {
	for _, id := range c.seen {
		if _, isNew := c.news[id]; !isNew && !(c.res.Foreign && id == settingsID) {
			c.res.Unchanged++
		}
	}
}

// addRecord stores the copy's new revisions of one record and counts it.
func (c *mergeCopy) addRecord(tx *bolt.Tx, id model.ID) error {
	before, existed, err := winnerID(tx, id)
	if err != nil {
		return err
	}
	for _, raw := range c.news[id] {
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
