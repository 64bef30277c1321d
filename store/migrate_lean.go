package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"
)

// migrateLean (v3-lean, file schema 2) files every revision under its
// record ID, drops the recrevs index that this makes redundant, and
// derives everything again: the current buckets now point to the winning
// revision instead of holding a second copy of its payload. The revision
// bytes, and therefore their IDs, stay exactly as they were.
func migrateLean(tx *bolt.Tx) error {
	old := tx.Bucket(bucketRevs)
	var entries []kv
	c := old.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) == 48 {
			entries = append(entries, kv{bytes.Clone(k), bytes.Clone(v)})
			continue
		}
		r, err := decodeRev(k, v)
		if err != nil {
			return wrap(ErrCorrupt, err)
		}
		// Values are copied: the old pages may move before the commit.
		entries = append(entries, kv{recKey(r.Record, k), bytes.Clone(v)})
	}
	slices.SortFunc(entries, func(a, b kv) int { return bytes.Compare(a.k, b.k) })
	for _, name := range [][]byte{bucketRevs, bucketRecRevs} {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
	}
	revs, err := tx.CreateBucket(bucketRevs)
	if err != nil {
		return err
	}
	revs.FillPercent = 1 // keys arrive in order
	for _, e := range entries {
		if sha256.Sum256(e.v) != [32]byte(e.k[16:]) {
			return wrap(ErrCorrupt, fmt.Errorf("revision %x is not the SHA-256 of its bytes", e.k[16:20]))
		}
		if err := revs.Put(e.k, e.v); err != nil {
			return err
		}
	}
	return rebuild(tx)
}

// kv is one key and value.
type kv struct{ k, v []byte }

// keepBeforeUpgrade copies a file made by an older program, as it is,
// before a migration that rewrites its layout: the upgrade is one
// transaction, but a clerk who must go back to the older program (another
// laptop not yet updated) needs the file that program can read. The copy
// is <file>.schema<N>-<yyyymmdd-hhmmss>.bak next to it. New files and
// upgrades that only derive again are not copied.
func keepBeforeUpgrade(db *bolt.DB, path string, now time.Time) error {
	return db.View(func(tx *bolt.Tx) error {
		m := tx.Bucket(bucketMeta)
		applied, err := appliedMigrations(m)
		if err != nil || len(applied) == 0 || readable(pendingAfter(applied)) {
			return err
		}
		schema := binary.BigEndian.Uint32(m.Get(metaSchema))
		out := fmt.Sprintf("%s.schema%d-%s.bak", path, schema, now.Format("20060102-150405"))
		return WriteFileAtomic(out, func(w io.Writer) error {
			_, err := tx.WriteTo(w)
			return err
		})
	})
}

// pendingAfter names the migrations a file that applied these still needs.
func pendingAfter(applied []string) []string {
	var out []string
	for _, m := range migrations[min(len(applied), len(migrations)):] {
		out = append(out, m.name)
	}
	return out
}
