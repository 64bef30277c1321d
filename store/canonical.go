package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	bolt "go.etcd.io/bbolt"
)

// WriteCanonical writes a copy of the closed data file src to the new file
// dst whose bytes depend only on what src holds: the release ships its
// demo file this way, so that two releases of one commit are the same
// bytes (docs/release.md).
//
// A file written by ordinary saves is not: when one transaction changes
// several buckets, bbolt writes their pages in the order of a Go map, so
// the same records land on different pages from run to run. Here every
// transaction changes one bucket (its keys in order, then its sequence),
// buckets are visited depth first in key order, and no reader is open, so
// every page is allocated in the same order each time. dst must not exist.
func WriteCanonical(src, dst string) error {
	if _, err := os.Lstat(dst); err == nil {
		return fmt.Errorf("%s: %w", dst, fs.ErrExist)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	in, err := bolt.Open(src, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		return openError(err)
	}
	defer in.Close()
	out, err := bolt.Open(dst, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return wrap(ErrCreate, err)
	}
	err = in.View(func(rtx *bolt.Tx) error {
		return rtx.ForEach(func(name []byte, b *bolt.Bucket) error {
			return copyBucket(out, [][]byte{name}, b)
		})
	})
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dst)
		return wrap(ErrWrite, err)
	}
	return nil
}

// copyBucket copies the bucket at path (and, after it, its sub-buckets)
// into out, the bucket's own keys in one transaction.
func copyBucket(out *bolt.DB, path [][]byte, b *bolt.Bucket) error {
	var subs [][]byte
	err := out.Update(func(wtx *bolt.Tx) error {
		// The parents exist (made by earlier transactions): open them.
		var dst *bolt.Bucket
		var err error
		if len(path) == 1 {
			dst, err = wtx.CreateBucket(path[0])
		} else {
			parent := wtx.Bucket(path[0])
			for _, name := range path[1 : len(path)-1] {
				parent = parent.Bucket(name)
			}
			dst, err = parent.CreateBucket(path[len(path)-1])
		}
		if err != nil {
			return err
		}
		err = b.ForEach(func(k, v []byte) error {
			if v == nil {
				subs = append(subs, bytes.Clone(k))
				return nil
			}
			return dst.Put(k, v)
		})
		if err != nil {
			return err
		}
		return dst.SetSequence(b.Sequence())
	})
	if err != nil {
		return err
	}
	for _, name := range subs {
		if err := copyBucket(out, append(path[:len(path):len(path)], name), b.Bucket(name)); err != nil {
			return err
		}
	}
	return nil
}
