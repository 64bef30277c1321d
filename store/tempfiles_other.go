//go:build !unix && !windows

package store

import (
	"os"
	"time"
)

func tempInUse(p string) bool { return true }

func lockShared(f *os.File) {}

func isNoSpace(err error) bool { return false }

func waitUnlocked(path string, timeout time.Duration) error { return nil }
