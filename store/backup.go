package store

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the file to out: a snapshot from one
// read transaction, written under a temporary name next to out, synced,
// opened and checked, and only then renamed over out. On any failure the
// temporary file is removed and out is left as it was.
//
// The copy's records are not re-validated: a backup must be possible even
// when some record breaks a rule added after it was saved.
func (s *Store) Backup(out string) error {
	if sameFile(s.path, out) {
		return ErrBackupTarget
	}
	dir := filepath.Dir(out)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(out)+".tmp-*")
	if err != nil {
		return wrap(ErrBackupWrite, err)
	}
	name := tmp.Name()
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(name)
		}
	}()
	err = s.view(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(tmp)
		return err
	})
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return wrap(ErrBackupWrite, err)
	}
	if err := verifyCopy(name, model.DateOf(s.now())); err != nil {
		return err
	}
	if err := os.Rename(name, out); err != nil {
		return wrap(ErrBackupWrite, err)
	}
	done = true
	syncDir(dir)
	return nil
}

// Backup copies the file at path to out without holding it for writing.
// While another nguon window has the file open it answers ErrInUse within
// about a second: that window's own backup action must be used instead.
func Backup(path, out string) error {
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer s.Close()
	return s.Backup(out)
}

// verifyCopy opens a freshly written copy read-only and checks it.
func verifyCopy(path string, today model.Date) error {
	if err := guard(path); err != nil {
		return wrap(ErrBackupVerify, err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return wrap(ErrBackupVerify, err)
	}
	defer db.Close()
	var problems []error
	err = db.View(func(tx *bolt.Tx) error {
		if err := checkMeta(tx); err != nil {
			return err
		}
		problems = checkTx(tx, today, false)
		return nil
	})
	if err == nil && len(problems) > 0 {
		err = errors.Join(problems...)
	}
	if err != nil {
		return wrap(ErrBackupVerify, err)
	}
	return nil
}

// sameFile reports whether a and b name the same file.
func sameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(sa, sb)
	}
	aa, err1 := filepath.Abs(a)
	ab, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == ab
}
