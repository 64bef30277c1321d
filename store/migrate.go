package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"
)

// The file's migrations: how a file written by an older program is brought
// up to this one's layout (docs/file-format.md §3, §15).

// migration is one step of the file's history. Migrations run in order,
// once each, and may touch only meta and derived buckets: revisions are
// immutable, so an old file's records are never rewritten. A readable
// migration is one this program can do without: a file that lacks it can
// still be opened read-only, checked and backed up.
type migration struct {
	name     string
	apply    func(tx *bolt.Tx) error
	readable bool
}

// migRowCheck sealed every candidate row with its revision (rows.go).
const migRowCheck = "v2-row-check"

// migrations is append-only; never reorder or rename an entry. What an
// old step did is redone by a later one where the layout changed: v3-lean
// derives everything again, so v1 only creates buckets and v2 has nothing
// left to do.
var migrations = []migration{
	{"v1-create", migrateCreate, false},
	{migRowCheck, func(*bolt.Tx) error { return nil }, true},
	{"v3-lean", migrateLean, false},
}

// readable reports whether a file lacking the pending migrations can be read.
func readable(pending []string) bool {
	for _, name := range pending {
		for _, m := range migrations {
			if m.name == name && !m.readable {
				return false
			}
		}
	}
	return true
}

// checkFileMeta is checkMeta for the check: besides refusing foreign and
// newer files it lists the pending migrations, refuses an older file the
// check cannot read, and calls a file damaged (not foreign) when its meta
// bucket is unreadable but its revisions are there.
func checkFileMeta(tx *bolt.Tx, mode string) ([]string, error) {
	err := checkMeta(tx)
	switch {
	case errors.Is(err, ErrNotNguon) && tx.Bucket(bucketRevs) != nil:
		return nil, wrap(ErrDamagedPage, errors.New("the meta bucket is unreadable"))
	case err != nil && !errors.Is(err, errPendingMigrations):
		return nil, err
	}
	applied, _ := appliedMigrations(tx.Bucket(bucketMeta))
	var pending []string
	for _, m := range migrations[len(applied):] {
		pending = append(pending, m.name)
	}
	if !readable(pending) {
		if mode == modeOpen {
			return pending, nil // the migration rebuilds what is missing
		}
		return nil, ErrNeedsUpgrade
	}
	if mode == modeOpen {
		if name := missingBucket(tx); name != nil {
			return nil, wrap(ErrDamagedPage, fmt.Errorf("bucket %s is missing", name))
		}
	}
	return pending, nil
}

// missingBucket names the first bucket a migrated file lacks, or is nil.
func missingBucket(tx *bolt.Tx) []byte {
	for _, name := range append([][]byte{bucketMeta, bucketRevs}, derivedBuckets...) {
		if tx.Bucket(name) == nil {
			return name
		}
	}
	return nil
}

// migrateCreate makes every bucket (v3-lean derives their contents).
func migrateCreate(tx *bolt.Tx) error {
	for _, name := range append([][]byte{bucketRevs}, derivedBuckets...) {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	return nil
}

func appliedMigrations(m *bolt.Bucket) ([]string, error) {
	var applied []string
	if err := json.Unmarshal(m.Get(metaMigrations), &applied); err != nil {
		return nil, wrap(ErrCorrupt, fmt.Errorf("meta migrations: %w", err))
	}
	// Names past the end of our list come from a newer program (checkMeta
	// refuses those); a different name at a known position is damage.
	for i, name := range applied {
		if i < len(migrations) && migrations[i].name != name {
			return nil, wrap(ErrCorrupt, fmt.Errorf("meta migrations: %q where %q belongs", name, migrations[i].name))
		}
	}
	return applied, nil
}

// migrate applies the pending migrations in order and records them.
func migrate(tx *bolt.Tx) error {
	m := tx.Bucket(bucketMeta)
	applied, err := appliedMigrations(m)
	if err != nil {
		return err
	}
	for _, mg := range migrations[len(applied):] {
		if err := mg.apply(tx); err != nil {
			return fmt.Errorf("migration %s: %w", mg.name, err)
		}
		applied = append(applied, mg.name)
	}
	b, _ := json.Marshal(slices.Clip(applied))
	if err := m.Put(metaMigrations, b); err != nil {
		return err
	}
	return m.Put(metaSchema, binary.BigEndian.AppendUint32(nil, fileSchema))
}
