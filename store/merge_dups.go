package store

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// DuplicatePair is two candidates, under different IDs, that may be one
// person: the same CCCD, or the same name, date of birth and village
// (compared folded: case, accents and spacing apart).
type DuplicatePair struct {
	A, B     model.CandidateRow // A's ID sorts first
	SameCCCD bool
	SameName bool // same folded name, date of birth and village
}

// PossibleDuplicates lists the pairs of live candidates that may be one
// person, leaving out pairs marked as two people (MarkNotDuplicate), in
// the order of their IDs. Deleted candidates, among them those merged into
// another (MergeDuplicate), are not listed.
func (s *Store) PossibleDuplicates() ([]DuplicatePair, error) {
	rows, err := s.CandidateRows()
	if err != nil {
		return nil, err
	}
	pairs := map[[2]model.ID]*DuplicatePair{}
	group := func(key func(model.CandidateRow) string, set func(*DuplicatePair)) {
		by := map[string][]int{}
		for i, r := range rows {
			if k := key(r); k != "" {
				by[k] = append(by[k], i)
			}
		}
		for _, idx := range by {
			for x := range idx {
				for _, y := range idx[x+1:] {
					a, b := rows[idx[x]], rows[y]
					if bytes.Compare(a.ID[:], b.ID[:]) > 0 {
						a, b = b, a
					}
					p := pairs[[2]model.ID{a.ID, b.ID}]
					if p == nil {
						p = &DuplicatePair{A: a, B: b}
						pairs[[2]model.ID{a.ID, b.ID}] = p
					}
					set(p)
				}
			}
		}
	}
	group(func(r model.CandidateRow) string { return strings.TrimSpace(r.CCCD) },
		func(p *DuplicatePair) { p.SameCCCD = true })
	group(personKey, func(p *DuplicatePair) { p.SameName = true })
	if len(pairs) == 0 {
		return nil, nil
	}
	return s.unmarked(pairs)
}

// personKey is the folded name, date of birth and village; "" when the
// name or the date is missing (too little to call two people one).
func personKey(r model.CandidateRow) string {
	name := foldName(r.Name)
	if name == "" || r.DOB == 0 {
		return ""
	}
	return name + "\x00" + r.DOB.String() + "\x00" + foldName(r.Village)
}

// unmarked drops the pairs marked as two people and sorts the rest.
func (s *Store) unmarked(pairs map[[2]model.ID]*DuplicatePair) ([]DuplicatePair, error) {
	var out []DuplicatePair
	err := s.view(func(tx *bolt.Tx) error {
		marks := map[model.ID]map[model.ID]bool{}
		for key, p := range pairs {
			m, err := marksOf(tx, key[0], marks)
			if err != nil {
				return err
			}
			n, err := marksOf(tx, key[1], marks)
			if err != nil {
				return err
			}
			if !m[key[1]] && !n[key[0]] {
				out = append(out, *p)
			}
		}
		return nil
	})
	slices.SortFunc(out, func(a, b DuplicatePair) int {
		if c := bytes.Compare(a.A.ID[:], b.A.ID[:]); c != 0 {
			return c
		}
		return bytes.Compare(a.B.ID[:], b.B.ID[:])
	})
	return out, err
}

// marksOf collects the "not_same_as" marks of every revision of a
// candidate, caching them in cache.
func marksOf(tx *bolt.Tx, id model.ID, cache map[model.ID]map[model.ID]bool) (map[model.ID]bool, error) {
	if m, ok := cache[id]; ok {
		return m, nil
	}
	revs, err := revsOf(tx, id)
	if err != nil {
		return nil, err
	}
	m := map[model.ID]bool{}
	for _, r := range revs {
		if r.Deleted || !bytes.Contains(r.Data, []byte(`"not_same_as"`)) {
			continue
		}
		var v struct {
			NotSameAs []model.ID `json:"not_same_as"`
		}
		if json.Unmarshal(r.Data, &v) == nil {
			for _, o := range v.NotSameAs {
				m[o] = true
			}
		}
	}
	cache[id] = m
	return m, nil
}
