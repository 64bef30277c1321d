//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// dropMapped: elsewhere the system trims a process's mapped pages itself
// (Windows' working set); nothing to do.
func dropMapped(tx *bolt.Tx) {}
