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
// checked in a child process (child.go), and only then renamed over out.
// On any failure, or a signal (Interrupted), the temporary file is removed
// and out is left as it was; one left by a kill -9 is removed by the next
// backup into that folder, or the next open (CleanStale).
//
// The copy's records are not re-validated: a backup must be possible even
// when some record breaks a rule added after it was saved. A file known to
// be damaged is not backed up: its backup would fail the check anyway.
func (s *Store) Backup(out string) error {
	if SameFile(s.path, out) {
		return ErrBackupTarget
	}
	if d := s.Damage(); len(d) > 0 {
		return d[0]
	}
	CleanStale(filepath.Dir(out))
	tmp, err := stage(filepath.Dir(out))
	if err != nil {
		return wrap(ErrBackupWrite, err)
	}
	defer tmp.discard()
	err = s.view(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(tmp)
		return err
	})
	if err == nil {
		err = tmp.Sync()
	}
	if err != nil {
		if errors.Is(err, ErrDamagedPage) {
			return err
		}
		return wrap(ErrBackupWrite, err)
	}
	if err := verifyCopy(tmp.name, model.DateOf(s.now())); err != nil {
		return err
	}
	if err := tmp.install(out); err != nil {
		return wrap(ErrBackupWrite, err)
	}
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

// verifyCopy checks a freshly written copy, in a child process: its pages,
// its meta and everything derived from its revisions.
func verifyCopy(path string, today model.Date) error {
	in, err := inspect(path, modeCopy, today, time.Second)
	if err == nil {
		err = in.err()
	}
	if err == nil && len(in.Problems) > 0 {
		err = errors.Join(in.problems()...)
	}
	if err != nil {
		return wrap(ErrBackupVerify, err)
	}
	return nil
}

// SameFile reports whether a and b name one file: the same file on disk
// when both exist, else the same absolute path.
func SameFile(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(sa, sb)
	}
	aa, err1 := filepath.Abs(a)
	ab, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && aa == ab
}
