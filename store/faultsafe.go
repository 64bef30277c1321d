package store

import (
	"fmt"
	"runtime/debug"

	bolt "go.etcd.io/bbolt"
)

// Reading the map safely. bbolt reads pages straight from the file's
// memory map: a page damaged since the file was checked (or never checked,
// when its trust note matched) can send it outside the map or past a
// slice's end. Every read of the map, on every goroutine, goes through
// faultSafe, so a fault or a panic ends as ErrDamagedPage instead of a
// stack dump. (A fault is per goroutine: SetPanicOnFault does not carry
// over to goroutines a reader starts, which call faultSafe themselves.)

// faultSafe runs fn with faults turned into panics, and any panic into
// ErrDamagedPage.
func faultSafe(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = wrap(ErrDamagedPage, fmt.Errorf("reading the file failed: %v", r))
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	return fn()
}

// safeView is db.View under faultSafe.
func safeView(db *bolt.DB, fn func(tx *bolt.Tx) error) error {
	return faultSafe(func() error { return db.View(fn) })
}
