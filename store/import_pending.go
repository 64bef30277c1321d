package store

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Undoing an import that stopped half way (import_batch.go). A file whose
// meta holds the import_pending marker has some batches of an import and
// not the rest. A read-write Open puts the pre-import backup the marker
// names back over it (RestoreBackup: the backup is checked again, and the
// half-imported file is kept as a truoc-khi-khoi-phuc backup) before it
// hands out a store, and says so (Store.ImportUndone). A read-only open
// refuses it; so does an open whose backup is missing or unsound: half an
// import is never kept silently.

// ErrImportPendingReadOnly refuses to open read-only a file an import
// stopped in.
var ErrImportPendingReadOnly = newError("Tệp dữ liệu đang dở một lần nhập bị dừng giữa chừng; hãy mở nó ở chế độ bình thường (không chỉ đọc) để nguon đưa nó về như trước khi nhập.",
	"The data file holds an import that stopped half way; open it normally (not read-only) so that nguon puts it back as it was before the import.")

// ImportBackupError refuses to open a file an import stopped in when the
// backup made before that import is missing or unsound.
type ImportBackupError struct {
	Backup string
	Cause  error
}

func (e *ImportBackupError) Error() string { return e.Text().VI + " (" + e.Cause.Error() + ")" }
func (e *ImportBackupError) Unwrap() error { return e.Cause }

// Text names the backup and says what the clerk can do.
func (e *ImportBackupError) Text() model.Text {
	b := model.Escape(e.Backup)
	return model.Text{
		VI: "Tệp dữ liệu đang dở một lần nhập bị dừng giữa chừng, nhưng bản sao lưu trước khi nhập " + b + " bị thiếu hoặc hỏng nên không đưa tệp về như trước được; nguon không mở tệp để không giữ nửa lần nhập. Hãy đặt lại bản sao lưu đó vào chỗ cũ, hoặc mở một bản sao lưu khác bằng “nguon --db TỆP-SAO-LƯU”.",
		EN: "The data file holds an import that stopped half way, but the backup made before it, " + b + ", is missing or unsound, so the file cannot be put back as it was; nguon does not open it, so as not to keep half an import. Put that backup back in its place, or open another backup with “nguon --db BACKUP-FILE”.",
	}
}

// ImportUndone says that Open put the data file back as it was before an
// import that stopped half way.
type ImportUndone struct {
	Backup string    // the pre-import backup put back
	Kept   string    // where the half-imported file was kept ("" if nowhere)
	At     time.Time // when the import started
}

// Text is the one sentence the clerk is told.
func (u *ImportUndone) Text() model.Text {
	vi := "Lần nhập trước (lúc " + u.At.Local().Format("15:04 02/01/2006") + ") đã dừng giữa chừng nên tệp dữ liệu được đưa về đúng như trước khi nhập, từ bản sao lưu " + model.Escape(u.Backup)
	en := "The last import (at " + u.At.Local().Format("15:04 02/01/2006") + ") stopped half way, so the data file was put back exactly as it was before it, from the backup " + model.Escape(u.Backup)
	if u.Kept != "" {
		vi += "; tệp dở dang được giữ ở " + model.Escape(u.Kept)
		en += "; the half-imported file is kept as " + model.Escape(u.Kept)
	}
	return model.Text{VI: vi + ".", EN: en + "."}
}

// ImportUndone returns what Open undid, or nil.
func (s *Store) ImportUndone() *ImportUndone { return s.undone }

// readPending reads the marker; nil when there is none. A marker that is
// not JSON names no backup, which is refused as a missing one.
func readPending(s *Store) (*pendingImport, error) {
	var p *pendingImport
	err := s.view(func(tx *bolt.Tx) error {
		raw := tx.Bucket(bucketMeta).Get(metaImportPending)
		if raw == nil {
			return nil
		}
		p = &pendingImport{}
		if json.Unmarshal(raw, p) != nil {
			p.Backup = "?"
		}
		return nil
	})
	return p, err
}

// undoPendingImport hands out s, or, when its file holds the marker, puts
// the marker's backup back and opens the file again.
func (s *Store) undoPendingImport(opt Options) (*Store, error) {
	p, err := readPending(s)
	if err == nil && p == nil {
		return s, nil
	}
	closeErr := s.Close()
	switch {
	case err != nil:
		return nil, err
	case s.readOnly:
		return nil, ErrImportPendingReadOnly
	case closeErr != nil:
		return nil, wrap(ErrWrite, closeErr)
	}
	backup := p.backupPath(s.path)
	if _, err := os.Stat(backup); errors.Is(err, fs.ErrNotExist) {
		return nil, &ImportBackupError{Backup: backup, Cause: err}
	}
	kept, err := RestoreBackup(s.path, backup, opt.Now())
	if errors.Is(err, ErrRestoreBad) {
		return nil, &ImportBackupError{Backup: backup, Cause: err}
	}
	if err != nil {
		return nil, err
	}
	ns, err := Open(s.path, opt)
	if err != nil {
		return nil, err
	}
	ns.undone = &ImportUndone{Backup: backup, Kept: kept, At: p.At}
	return ns, nil
}
