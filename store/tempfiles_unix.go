//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"
	"time"
)

// tempInUse reports whether a running nguon holds a lock on the temporary
// file at p: bbolt holds one on a data file being made, Backup on its copy.
func tempInUse(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return true
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		return true
	}
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
	return false
}

// lockShared marks f as being written by this process (see tempInUse);
// the lock goes with the file's close or the process.
func lockShared(f *os.File) {
	_ = syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
}

// waitUnlocked waits, up to timeout, until no other process holds the
// data file at path for writing (another nguon window): ErrInUse then,
// at once, without starting a checking child that would wait as long.
func waitUnlocked(path string, timeout time.Duration) error {
	f, err := os.Open(path)
	if err != nil {
		return nil // the check says what is wrong with it
	}
	defer f.Close()
	deadline := time.Now().Add(timeout)
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB)
		if err == nil {
			_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
			return nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			return nil
		}
		if time.Now().After(deadline) {
			return wrap(ErrInUse, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// isNoSpace reports whether err says the disk (or the user's quota, or the
// file size limit) is full.
func isNoSpace(err error) bool {
	return errorsIs(err, syscall.ENOSPC) || errorsIs(err, syscall.EDQUOT) || errorsIs(err, syscall.EFBIG)
}
