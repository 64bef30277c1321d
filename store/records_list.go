package store

import (
	"errors"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// list reads every current record of kind k, each verified against its
// revision; a damaged one is skipped in a store that allows damage, else
// the read fails with it.
func list[T any](tx *bolt.Tx, k *kind) ([]T, error) {
	var out []T
	err := each(tx, k, func(v *T) { out = append(out, *v) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

// each is list handing over one record at a time, for a reader that
// folds the records: 100,000 full candidates held together are some
// 400 MB. The record passed is reused for the next one.
func each[T any](tx *bolt.Tx, k *kind, fn func(*T)) error {
	w := newHeadWalker(tx)
	c := tx.Bucket(k.cur).Cursor()
	trim := newMapTrim(tx)
	for key, b := c.First(); key != nil; key, b = c.Next() {
		trim.step()
		v, err := readCurrent[T](tx, w, k, key, b)
		if err == nil && len(key) == 16 && knownDamaged(tx, model.ID(key)) {
			err = damaged(k, model.ID(key), "found damaged when the file was opened")
		}
		if err == nil {
			fn(&v)
			continue
		}
		if de, ok := asDamage(err); ok && noteDamage(tx, damageName(tx, de)) {
			continue
		}
		return readDamage(tx, err)
	}
	return nil
}

// CandidatesOf reads the live candidates among ids in one read
// transaction, each verified as Candidate reads it; an ID with no live
// candidate is left out. A document naming a few people reads their
// records, not the 100,000 others.
func (s *Store) CandidatesOf(ids []model.ID) (map[model.ID]model.Candidate, error) {
	out := make(map[model.ID]model.Candidate, len(ids))
	err := s.view(func(tx *bolt.Tx) error {
		for _, id := range ids {
			if _, done := out[id]; done {
				continue
			}
			c, err := get[model.Candidate](tx, kindCandidate, id)
			switch {
			case errors.Is(err, ErrNotFound):
				continue
			case err != nil:
				return err
			}
			out[id] = c
		}
		return nil
	})
	return out, err
}
