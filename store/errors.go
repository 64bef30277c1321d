package store

import (
	"errors"
	"fmt"
	"io/fs"

	"nguon/model"

	berrors "go.etcd.io/bbolt/errors"
)

// Error is a store failure a person can read in either language. The
// sentinel values below are all *Error; compare with errors.Is.
type Error struct {
	msg    model.Text
	family *Error // a broader sentinel this one also matches (ErrTorn is an ErrCorrupt)
}

// Error returns the Vietnamese message, like model.FieldError.
func (e *Error) Error() string { return e.msg.VI }

// Text returns the message in both languages.
func (e *Error) Text() model.Text { return e.msg }

// Is makes a precise sentinel match its family: errors.Is(ErrTorn, ErrCorrupt).
func (e *Error) Is(target error) bool { return e.family != nil && target == e.family }

func newError(vi, en string) *Error { return &Error{msg: model.Text{VI: vi, EN: en}} }

// damage is a precise kind of ErrCorrupt.
func damage(vi, en string) *Error { return &Error{msg: model.Text{VI: vi, EN: en}, family: ErrCorrupt} }

// Sentinel errors. Each is one sentence in Vietnamese and English.
var (
	ErrNotFound = newError("Không tìm thấy bản ghi.", "The record was not found.")
	ErrInUse    = newError("Tệp dữ liệu đang được mở ở một cửa sổ nguon khác.",
		"The data file is open in another nguon window.")
	ErrEmptyFile = newError("Tệp dữ liệu rỗng (0 byte), có lẽ do sao chép bị lỗi; hãy sao chép lại từ máy gốc, hoặc mở bản sao lưu gần nhất bằng “nguon --db TỆP-SAO-LƯU”.",
		"The data file is empty (0 bytes), probably a failed copy; copy it again from the original computer, or open your last backup with “nguon --db BACKUP-FILE”.")
	ErrTruncated = newError("Tệp dữ liệu bị cắt cụt (thiếu phần cuối), thường do sao chép chưa xong; hãy sao chép lại từ máy gốc, hoặc mở bản sao lưu gần nhất bằng “nguon --db TỆP-SAO-LƯU”.",
		"The data file is truncated (its end is missing), usually an unfinished copy; copy it again from the original computer, or open your last backup with “nguon --db BACKUP-FILE”.")
	ErrNotNguon = newError("Tệp này không phải tệp dữ liệu của nguon; hãy kiểm tra lại tên tệp đã chọn (--db hoặc biến NGUON_DB).",
		"This file is not a nguon data file; check the file name you gave (--db or NGUON_DB).")
	ErrNewerSchema = newError("Tệp dữ liệu được tạo bởi một phiên bản nguon mới hơn; hãy cập nhật chương trình.",
		"The data file was written by a newer version of nguon; please update the program.")
	ErrReadOnly = newError("Tệp đang được mở ở chế độ chỉ đọc nên không thể lưu.",
		"The file is open read-only, so nothing can be saved.")
	ErrCorrupt = newError("Tệp dữ liệu bị hỏng; hãy mở bản sao lưu gần nhất bằng “nguon --db TỆP-SAO-LƯU”.",
		"The data file is damaged; open your last backup with “nguon --db BACKUP-FILE”.")

	// ErrTorn is a file whose pages come from different moments: a copy
	// taken while nguon was saving into the original.
	ErrTorn = damage("Các trang của tệp dữ liệu không khớp nhau, như khi tệp được sao chép lúc nguon đang ghi; hãy đóng nguon ở máy gốc rồi sao chép lại, hoặc mở bản sao lưu gần nhất bằng “nguon --db TỆP-SAO-LƯU”.",
		"The data file's pages do not fit together, as when it is copied while nguon is writing to it; close nguon on the original computer and copy it again, or open your last backup with “nguon --db BACKUP-FILE”.")
	// ErrDamagedPage is a file whose bbolt pages are malformed (a bad disk or
	// USB stick), or whose check crashed, ran out of time or of memory.
	ErrDamagedPage = damage("Một trang của tệp dữ liệu bị hỏng (thường do ổ đĩa hoặc USB lỗi) nên không mở được tệp; hãy mở bản sao lưu gần nhất bằng “nguon --db TỆP-SAO-LƯU”.",
		"A page of the data file is damaged (usually a faulty disk or USB stick), so the file cannot be opened; open your last backup with “nguon --db BACKUP-FILE”.")
	// ErrDamagedRecord is a record whose bytes no longer match their
	// SHA-256; *DamageError names the record and matches it.
	ErrDamagedRecord = damage("Một bản ghi trong tệp dữ liệu bị hỏng (không khớp mã kiểm tra); hãy mở bản sao lưu gần nhất bằng “nguon --db TỆP-SAO-LƯU”.",
		"A record in the data file is damaged (it no longer matches its checksum); open your last backup with “nguon --db BACKUP-FILE”.")
	// ErrDamagedReadOnly refuses a save into a file known to be damaged.
	ErrDamagedReadOnly = newError("Tệp dữ liệu bị hỏng nên chỉ mở để xem; không lưu được gì vào tệp này.",
		"The data file is damaged, so it is open for viewing only and nothing can be saved into it.")
	// ErrCheckFailed is a check that could not even start (the program's
	// own file cannot be run again); it says nothing about the data file.
	ErrCheckFailed = newError("nguon không chạy được bước kiểm tra tệp dữ liệu; hãy thử lại, nếu vẫn lỗi thì báo cho người hỗ trợ.",
		"nguon could not run its check of the data file; try again, and if it keeps failing, ask for support.")
	// ErrSaveCrashed is a save that failed inside the storage engine; the
	// *SaveCrashError that matches it names the recovery file.
	ErrSaveCrashed = newError("Lỗi ngoài dự kiến khi lưu vào tệp dữ liệu; nguon sẽ đóng, những gì vừa nhập được giữ lại và sẽ được đề nghị lưu khi mở lại.",
		"An unexpected failure while saving into the data file; nguon will close, and what was just typed is kept and offered again at the next start.")
	// ErrCreate is a new data file that could not be made (full disk,
	// no permission); nothing was left behind.
	ErrCreate = newError("Không tạo được tệp dữ liệu (ổ đĩa đầy hoặc không có quyền ghi); hãy giải phóng chỗ trống hoặc chọn thư mục khác.",
		"Could not create the data file (disk full or no permission); free some space or choose another folder.")

	// ErrMissingFile is returned when a file opened read-only does not exist;
	// it also matches fs.ErrNotExist.
	ErrMissingFile = newError("Không tìm thấy tệp dữ liệu.", "The data file does not exist.")
	// ErrPermission is returned when the operating system refuses access to the file.
	ErrPermission = newError("Không có quyền đọc hoặc ghi tệp dữ liệu.", "No permission to read or write the data file.")
	// ErrWrite is returned when a save could not reach the disk (disk full,
	// permission, removed USB stick); the file still holds the previous data.
	ErrWrite = newError("Không ghi được vào tệp dữ liệu (ổ đĩa đầy hoặc không có quyền ghi); dữ liệu cũ vẫn còn nguyên.",
		"Could not write to the data file (disk full or no permission); the previous data is intact.")
	// ErrWrongKind is returned when an ID already names a record of another kind.
	ErrWrongKind = newError("Mã bản ghi này đã thuộc về một loại dữ liệu khác.",
		"This record ID already belongs to another kind of record.")
	// ErrNeedsUpgrade is returned when a file from an older version is opened read-only.
	ErrNeedsUpgrade = newError("Tệp dữ liệu cần được nâng cấp; hãy mở nó một lần ở chế độ bình thường (không chỉ đọc).",
		"The data file needs an upgrade; open it once without read-only.")
	// ErrBackupTarget is returned when a backup would overwrite the open data file.
	ErrBackupTarget = newError("Tệp sao lưu phải khác tệp dữ liệu đang mở.", "The backup must not overwrite the open data file.")
	// ErrBackupWrite is returned when the backup copy could not be written.
	ErrBackupWrite = newError("Không ghi được bản sao lưu (ổ đĩa đầy hoặc không có quyền ghi); tệp dữ liệu vẫn nguyên vẹn.",
		"Could not write the backup (disk full or no permission); the data file is intact.")
	// ErrBackupVerify is returned when the written copy fails its check; it is then removed.
	ErrBackupVerify = newError("Bản sao lưu vừa ghi không vượt qua kiểm tra nên đã bị xóa; tệp dữ liệu vẫn nguyên vẹn.",
		"The backup just written failed its check and was removed; the data file is intact.")
)

// causedError keeps a sentinel's message for people and the underlying
// cause for errors.Is/As and logs.
type causedError struct {
	sentinel *Error
	cause    error
}

func (e *causedError) Error() string    { return e.sentinel.Error() + " (" + e.cause.Error() + ")" }
func (e *causedError) Text() model.Text { return e.sentinel.msg }
func (e *causedError) Unwrap() []error  { return []error{e.sentinel, e.cause} }

func wrap(sentinel *Error, cause error) error {
	if cause == nil {
		return sentinel
	}
	return &causedError{sentinel, cause}
}

// openError turns what bbolt or the OS said while opening into one of ours.
func openError(err error) error {
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return wrap(ErrInUse, err)
	case errors.Is(err, fs.ErrNotExist):
		return wrap(ErrMissingFile, err)
	case errors.Is(err, fs.ErrPermission):
		return wrap(ErrPermission, err)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrChecksum),
		errors.Is(err, berrors.ErrVersionMismatch):
		return wrap(ErrCorrupt, err)
	case isNoSpace(err):
		return wrap(ErrWrite, err)
	}
	return err
}

// CheckError is one problem found by Check.
type CheckError struct {
	Record model.ID // zero when the problem is not about one record
	Msg    model.Text
	Err    error // the underlying cause, may be nil
}

// Error returns the Vietnamese message with its cause.
func (e *CheckError) Error() string {
	if e.Err != nil {
		return e.Msg.VI + ": " + e.Err.Error()
	}
	return e.Msg.VI
}

// Text returns the message in both languages.
func (e *CheckError) Text() model.Text {
	// A cause only bbolt or the decoder could word (in English, with
	// offsets and hashes) stays in Error, for logs; a clerk reads one
	// language.
	var l model.Localized
	var fe *model.FieldError
	var ie *model.InvalidError
	if e.Err == nil || !errors.As(e.Err, &l) && !errors.As(e.Err, &fe) && !errors.As(e.Err, &ie) {
		return e.Msg
	}
	return model.Text{
		VI: e.Msg.VI + ": " + model.Message(e.Err, model.VI),
		EN: e.Msg.EN + ": " + model.Message(e.Err, model.EN),
	}
}

// Unwrap returns the cause, so errors.As finds a *model.InvalidError.
func (e *CheckError) Unwrap() error { return e.Err }

// problem formats the same arguments into both languages.
func problem(id model.ID, cause error, vi, en string, args ...any) *CheckError {
	return &CheckError{Record: id, Err: cause,
		Msg: model.Text{VI: fmt.Sprintf(vi, args...), EN: fmt.Sprintf(en, args...)}}
}
