package store

import (
	"errors"
	"strings"
	"testing"

	"nguon/model"
)

func TestErrorsAreLocalized(t *testing.T) {
	all := []error{ErrNotFound, ErrInUse, ErrEmptyFile, ErrTruncated, ErrNotNguon, ErrNewerSchema,
		ErrReadOnly, ErrCorrupt, ErrMissingFile, ErrPermission, ErrWrite, ErrWrongKind, ErrNeedsUpgrade,
		ErrBackupTarget, ErrBackupWrite, ErrBackupVerify}
	for _, err := range all {
		var l model.Localized
		if !errors.As(err, &l) || l.Text().VI == "" || l.Text().EN == "" || l.Text().VI == l.Text().EN {
			t.Errorf("%v is not localized in both languages", err)
		}
		if !strings.HasSuffix(l.Text().VI, ".") || strings.Count(l.Text().EN, ". ") > 0 {
			t.Errorf("%q should be one sentence", l.Text().EN)
		}
	}
	wrapped := wrap(ErrInUse, errors.New("timeout"))
	if !errors.Is(wrapped, ErrInUse) || model.Message(wrapped, model.EN) != ErrInUse.Text().EN {
		t.Errorf("wrapped error: Is=%v, message %q", errors.Is(wrapped, ErrInUse), model.Message(wrapped, model.EN))
	}
}
