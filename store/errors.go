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
type Error struct{ msg model.Text }

// Error returns the Vietnamese message, like model.FieldError.
func (e *Error) Error() string { return e.msg.VI }

// Text returns the message in both languages.
func (e *Error) Text() model.Text { return e.msg }

func newError(vi, en string) *Error { return &Error{model.Text{VI: vi, EN: en}} }

// Sentinel errors. Each is one sentence in Vietnamese and English.
var (
	ErrNotFound = newError("Không tìm thấy bản ghi.", "The record was not found.")
	ErrInUse    = newError("Tệp dữ liệu đang được mở ở một cửa sổ nguon khác.",
		"The data file is open in another nguon window.")
	ErrEmptyFile = newError("Tệp dữ liệu rỗng (0 byte), có lẽ do sao chép bị lỗi; hãy dùng một bản sao lưu.",
		"The data file is empty (0 bytes), probably a failed copy; use a backup.")
	ErrTruncated = newError("Tệp dữ liệu bị cắt cụt, có lẽ do sao chép chưa xong; hãy dùng một bản sao lưu.",
		"The data file is truncated, probably an unfinished copy; use a backup.")
	ErrNotNguon    = newError("Tệp này không phải tệp dữ liệu của nguon.", "This file is not a nguon data file.")
	ErrNewerSchema = newError("Tệp dữ liệu được tạo bởi một phiên bản nguon mới hơn; hãy cập nhật chương trình.",
		"The data file was written by a newer version of nguon; please update the program.")
	ErrReadOnly = newError("Tệp đang được mở ở chế độ chỉ đọc nên không thể lưu.",
		"The file is open read-only, so nothing can be saved.")
	ErrCorrupt = newError("Tệp dữ liệu bị hỏng; hãy dùng một bản sao lưu.", "The data file is damaged; use a backup.")

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
	if e.Err == nil {
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
