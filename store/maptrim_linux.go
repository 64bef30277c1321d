//go:build linux

package store

import (
	"golang.org/x/sys/unix"

	bolt "go.etcd.io/bbolt"
)

// dropMapped gives the map's resident pages back (MADV_DONTNEED on a
// shared, read-only file mapping: they are read again from the page cache
// when next touched). Errors only mean nothing was trimmed.
func dropMapped(tx *bolt.Tx) {
	if tx.DB().MmapFlags&unix.MAP_POPULATE != 0 {
		return // mapped whole on purpose: it is read whole, and fast
	}
	info := tx.DB().Info()
	if info == nil || info.Data == 0 || tx.Size() <= 0 {
		return
	}
	_, _, _ = unix.Syscall(unix.SYS_MADVISE, info.Data, uintptr(tx.Size()), unix.MADV_DONTNEED)
}
