package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strings"
	"time"

	"nguon/model"
)

// Writing an import (docs/file-format.md §19). One bbolt transaction holds
// every revision it puts (bbolt keeps a reference to each value until the
// commit), the nodes of every page it changes and, at the commit, every
// new page: for 100,000 new candidates some 300 MB more than the file
// itself. So a large import is written in transactions of importBatchRows
// rows each. It stays all-or-nothing for the clerk: every row was checked
// by the plan before anything is written; the pre-import backup is always
// made; and the first batch puts a marker into meta naming that backup,
// which only the last batch removes. A failure between the two (a row
// refused now, a full disk, a panic, a kill) leaves the marker, the store
// refuses everything more, and the next read-write Open puts the backup
// back over the file (import_pending.go).

// importBatchRows is how many records one transaction of a large import
// writes; an import of at most this many is one transaction, as before.
// Tests lower it.
var importBatchRows = 10_000

// importBytesPerRecord is about what one imported record adds to the file
// (its revision, head, pointer and row, in bbolt's pages): 100,000 new
// candidates grew a file holding their cells by 132 MB, 1,320 bytes each;
// rounded up, as bbolt grows a file in steps. ensureRoom counts with it.
const importBytesPerRecord = 1_500

// importFault, set by tests, fails batch n of a batched import (before
// its commit) as a full disk or a refused row would.
var importFault func(batch int) error

// metaImportPending marks a file in the middle of a batched import.
var metaImportPending = []byte("import_pending")

// pendingImport is the marker's value (JSON).
type pendingImport struct {
	// Backup is the pre-import backup's name in the data file's backups
	// folder: a name, not a path, so that the file and its folder may be
	// moved together (or opened from another working folder).
	Backup string    `json:"backup"`
	At     time.Time `json:"at"`
}

// backupPath is where the marker's backup is for the data file at dbPath.
func (p pendingImport) backupPath(dbPath string) string {
	if filepath.Base(p.Backup) != p.Backup {
		return p.Backup // never written so; read as it is
	}
	return filepath.Join(BackupDir(dbPath), p.Backup)
}

// write plans every row of sh again and saves it as it goes, in one
// transaction, or (pending set) in transactions of importBatchRows
// records, the first putting the marker and the last removing it. Every
// transaction plans against the file as it then is and the one day the
// first one started on. A row with an error (without opt.SkipInvalid)
// refuses the transaction it is in; after a committed batch, any failure
// makes the store refuse everything (importInterrupted).
func (im importer[T]) write(s *Store, table string, sh *ImportSheet, opt ImportOptions, res *ImportResult, pending *pendingImport) error {
	it, err := sh.open()
	if err != nil {
		return err
	}
	defer it.close()
	*res = ImportResult{Kind: res.Kind, Sheet: res.Sheet, Encoding: res.Encoding, Backup: res.Backup}
	limit := math.MaxInt
	if pending != nil {
		limit = max(1, importBatchRows)
	}
	var rp *rowPlanner[T]
	for batch := 1; ; batch++ {
		done := false
		err := s.Update(func(t *Tx) error {
			t.noRecovery = true
			if rp == nil {
				var err error
				if rp, err = im.prepare(t.tx, table, sh, t.today(), res); err != nil {
					return err
				}
				if pending != nil {
					v, err := json.Marshal(pending)
					if err != nil {
						return err
					}
					if err := t.tx.Bucket(bucketMeta).Put(metaImportPending, v); err != nil {
						return err
					}
				}
			}
			n := 0
			put := func(row int, rec *T) error {
				n++
				if err := im.put(t, rec); err != nil {
					return fmt.Errorf("row %d: %w", row, err)
				}
				return nil
			}
			for n < limit {
				r, err := it.next()
				if err == io.EOF {
					done = true
					break
				}
				if err != nil {
					return err
				}
				sh.fix(r.cells)
				if err := rp.row(t.tx, r, put); err != nil {
					return err
				}
			}
			// Checked once a batch: nothing of a refused batch is written.
			if len(res.Errors) > 0 && !opt.SkipInvalid {
				return ErrImportRefused
			}
			if done && pending != nil {
				if err := t.tx.Bucket(bucketMeta).Delete(metaImportPending); err != nil {
					return err
				}
			}
			if importFault != nil {
				if err := importFault(batch); err != nil {
					return err
				}
			}
			if testFault != nil {
				testFault(fmt.Sprintf("import-batch-%d", batch))
			}
			return nil
		})
		if err != nil {
			if batch > 1 {
				return s.importInterrupted(err, pending)
			}
			return err
		}
		if testFault != nil && pending != nil {
			testFault(fmt.Sprintf("import-batch-%d-committed", batch))
		}
		if done {
			break
		}
	}
	res.Written = res.Added+res.Updated > 0
	return nil
}

// importInterrupted makes the store refuse everything after a batched
// import failed with some batches written: the marker they left stays, so
// the next Open puts the pre-import backup back. The failure is a
// *SaveCrashError, which the TUI ends on and the CLI prints.
func (s *Store) importInterrupted(cause error, pending *pendingImport) error {
	e := &SaveCrashError{Cause: cause, ImportBackup: pending.backupPath(s.path)}
	var crash *SaveCrashError
	if errors.As(cause, &crash) {
		e.Cause = crash.Cause // a panic: say what it was, not the sentence about it
	}
	s.failed.Store(e)
	return e
}

// importStoppedText is the sentence of an import stopped half way by cause.
func importStoppedText(backup string, cause error) model.Text {
	b := model.Escape(backup)
	// What stopped it, briefly: the sentence is long enough.
	why := model.Text{VI: "lỗi ngoài dự kiến", EN: "an unexpected failure"}
	var l model.Localized
	switch {
	case errors.Is(cause, ErrImportRefused):
		why = model.Text{VI: "có dòng bị lỗi khi ghi", EN: "a row failed when it was written"}
	case errors.Is(cause, ErrWrite):
		why = model.Text{VI: "không ghi được vào ổ đĩa", EN: "the disk could not be written"}
	case errors.As(cause, &l):
		why = l.Text()
	}
	why.VI, why.EN = strings.TrimSuffix(why.VI, "."), strings.TrimSuffix(why.EN, ".")
	return model.Text{
		VI: "Việc nhập dừng giữa chừng (" + why.VI + ") nên nguon đã dừng mà không ghi thêm gì; lần mở tệp dữ liệu tới, nguon sẽ đưa tệp về đúng như trước khi nhập, từ bản sao lưu " + b + ".",
		EN: "The import stopped half way (" + why.EN + "), so nguon stopped without writing anything more; the next time the data file is opened, nguon puts it back exactly as it was before the import, from the backup " + b + ".",
	}
}
