package store

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func TestMigrationList(t *testing.T) {
	if len(migrations) == 0 || migrations[0].name != "v1-create" {
		t.Fatalf("the first migration must be v1-create, got %v", migrations)
	}
	seen := map[string]bool{}
	for _, m := range migrations {
		if seen[m.name] || m.apply == nil {
			t.Errorf("migration %q is duplicated or empty", m.name)
		}
		seen[m.name] = true
	}
}

func appliedIn(t *testing.T, s *Store) []string {
	var applied []string
	must(t, s.view(func(tx *bolt.Tx) error {
		return json.Unmarshal(tx.Bucket(bucketMeta).Get(metaMigrations), &applied)
	}))
	return applied
}

func revsDigest(t *testing.T, db interface {
	View(func(*bolt.Tx) error) error
}) string {
	var all []byte
	must(t, db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketRevs).ForEach(func(k, v []byte) error {
			all = append(append(all, k...), v...)
			return nil
		})
	}))
	sum := sha256Of(all)
	return string(sum[:])
}

func TestMigrationV1CreateRebuildsDerivedBuckets(t *testing.T) {
	path, cell, cand := seeded(t)
	var revsBefore string
	// Make the file look like one from before v1-create: revisions and
	// meta only, no derived buckets, no migrations applied.
	tamper(t, path, func(tx *bolt.Tx) error {
		for _, name := range derivedBuckets {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(metaMigrations, []byte("[]"))
	})
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	must(t, err)
	revsBefore = revsDigest(t, db)
	db.Close()

	// Read-only cannot migrate, and says so.
	if _, err := Open(path, Options{ReadOnly: true, DeviceID: "x"}); !errors.Is(err, ErrNeedsUpgrade) {
		t.Errorf("read-only open of an old file = %v, want ErrNeedsUpgrade", err)
	}

	s := openTestStore(t, path, Options{})
	if got := appliedIn(t, s); !slices.Equal(got, []string{"v1-create", migRowCheck, "v3-lean"}) {
		t.Errorf("applied migrations = %v", got)
	}
	if revsDigest(t, s.db) != revsBefore {
		t.Error("the migration touched the revisions")
	}
	if got, err := s.Cell(cell.ID); err != nil || got.Notes != cell.Notes {
		t.Errorf("after migration Cell = %+v, %v", got, err)
	}
	if rows, _ := s.CandidateRows(); len(rows) != 1 || rows[0] != cand.Row() {
		t.Errorf("after migration rows = %+v", rows)
	}
	if errs := s.Check(); len(errs) != 0 {
		t.Errorf("Check after migration: %v", errs)
	}
}

func TestNewFileHasEveryMigration(t *testing.T) {
	s := newTestStore(t)
	want := make([]string, len(migrations))
	for i, m := range migrations {
		want[i] = m.name
	}
	if got := appliedIn(t, s); !slices.Equal(got, want) {
		t.Errorf("new file's migrations = %v, want %v", got, want)
	}
	// Reopening a current file writes nothing.
	path := s.Path()
	must(t, s.Close())
	before := fileHash(t, path)
	s2 := openTestStore(t, path, Options{})
	must(t, s2.Close())
	if fileHash(t, path) != before {
		t.Error("opening and closing an up-to-date file changed it")
	}
}
