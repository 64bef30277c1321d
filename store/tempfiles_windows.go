//go:build windows

package store

import (
	"os"
	"syscall"
	"time"
)

// tempInUse: Windows refuses to remove a file another process has open,
// which is what a running nguon's temporary files are.
func tempInUse(p string) bool { return false }

func lockShared(f *os.File) {}

// isNoSpace reports whether err says the disk is full.
func isNoSpace(err error) bool {
	const errorHandleDiskFull, errorDiskFull = syscall.Errno(39), syscall.Errno(112)
	return errorsIs(err, errorHandleDiskFull) || errorsIs(err, errorDiskFull)
}

// waitUnlocked: bbolt's own lock wait, in the checking child, says so.
func waitUnlocked(path string, timeout time.Duration) error { return nil }
