package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"slices"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// kv is one derived key and value.
type kv struct{ k, v []byte }

// derivation is what the derived buckets should hold, computed from revs.
type derivation struct {
	buckets  map[string][]kv // by bucket name, sorted by key
	maxClock HLC
	problems []error // revisions that could not be used
	records  int

	rowVersion int      // of the rows this file holds (fileRowVersion)
	winner     [32]byte // the winning revision of the record being derived
}

// derive computes every derived bucket from the revisions, in memory.
// With a date it also validates every winning payload as of that day.
func derive(tx *bolt.Tx, validateAt *model.Date) *derivation {
	return deriveAs(tx, validateAt, fileRowVersion(tx))
}

// deriveAs is derive making rows of the given version.
func deriveAs(tx *bolt.Tx, validateAt *model.Date, rowVersion int) *derivation {
	d := &derivation{buckets: make(map[string][]kv), rowVersion: rowVersion}
	byRecord, byID := d.readRevs(tx)
	ids := make([]model.ID, 0, len(byRecord))
	for id := range byRecord {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(a, b model.ID) int { return bytes.Compare(a[:], b[:]) })
	d.records = len(ids)
	for _, id := range ids {
		d.record(id, byRecord[id], byID, validateAt)
	}
	return d
}

// add appends one key and value to a derived bucket.
func (d *derivation) add(bucket []byte, k, v []byte) {
	d.buckets[string(bucket)] = append(d.buckets[string(bucket)], kv{k, v})
}

// readRevs decodes every stored revision, grouped by record and indexed by
// ID, noting the highest clock and the revisions that cannot be decoded.
func (d *derivation) readRevs(tx *bolt.Tx) (map[model.ID][]*rev, map[[32]byte]*rev) {
	byRecord := make(map[model.ID][]*rev)
	byID := make(map[[32]byte]*rev)
	c := tx.Bucket(bucketRevs).Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		r, err := decodeRev(k, v)
		if err != nil {
			d.problems = append(d.problems, problem(model.ID{}, err,
				"Phiên bản hỏng", "Damaged revision"))
			continue
		}
		byRecord[r.Record] = append(byRecord[r.Record], r)
		byID[r.id] = r
		if r.Clock.Compare(d.maxClock) > 0 {
			d.maxClock = r.Clock
		}
	}
	return byRecord, byID
}

// record derives the rows of one record from its revisions: the list of
// its revisions, its heads, its current payload and, for a candidate, its
// list row.
func (d *derivation) record(id model.ID, revs []*rev, byID map[[32]byte]*rev, validateAt *model.Date) {
	slices.SortFunc(revs, func(a, b *rev) int { return bytes.Compare(a.id[:], b.id[:]) })
	d.recordRevs(id, revs, byID)
	heads, winner := resolve(revs)
	if winner == nil {
		d.problems = append(d.problems, problem(id, nil,
			"Bản ghi %s không có phiên bản hiện hành", "Record %s has no head revision", id))
		return
	}
	k := kindNamed(winner.Kind)
	for _, h := range heads {
		d.add(bucketHeads, recKey(id, h.id[:]), []byte(h.Kind))
	}
	if winner.Deleted {
		return
	}
	d.add(k.cur, id[:], winner.Data)
	d.winner = winner.id
	var cand *model.Candidate
	if validateAt != nil {
		var err error
		if cand, err = validatePayload(k, id, winner.Data, *validateAt); err != nil {
			d.problems = append(d.problems, problem(id, err, "Bản ghi %s %s không hợp lệ",
				"The %s record %s is invalid", k.name, id))
		}
	}
	if k == kindCandidate {
		if cand == nil && validateAt != nil {
			return // undecodable: already reported by validatePayload
		}
		d.candidateRow(id, cand, winner.Data)
	}
}

// recordRevs lists a record's revisions (sorted by ID), noting revisions of
// another kind than the first and parents that are missing or belong to
// another record.
func (d *derivation) recordRevs(id model.ID, revs []*rev, byID map[[32]byte]*rev) {
	for _, r := range revs {
		d.add(bucketRecRevs, recKey(id, r.id[:]), []byte{})
		if r.Kind != revs[0].Kind {
			d.problems = append(d.problems, problem(id, nil,
				"Bản ghi %s có phiên bản thuộc hai loại %s và %s", "Record %s has revisions of two kinds, %s and %s",
				id, revs[0].Kind, r.Kind))
		}
		for _, p := range r.parents {
			if pr := byID[p]; pr == nil || pr.Record != id {
				d.problems = append(d.problems, problem(id, nil,
					"Phiên bản %x của bản ghi %s trỏ tới phiên bản cha %x không có", "Revision %x of record %s names a missing parent %x",
					r.id[:4], id, p[:4]))
			}
		}
	}
}

// candidateRow adds a candidate's list row, decoding data unless cand
// (already validated) is given.
func (d *derivation) candidateRow(id model.ID, cand *model.Candidate, data []byte) {
	if cand == nil {
		cand = new(model.Candidate)
		if err := json.Unmarshal(data, cand); err != nil {
			d.problems = append(d.problems, problem(id, err,
				"Không đọc được hồ sơ quần chúng %s", "Cannot read candidate %s", id))
			return
		}
	}
	row := encodeRow(cand.Row())
	if d.rowVersion == rowVersionSealed {
		row = sealRow(cand.Row(), d.winner)
	}
	d.add(bucketRowsCand, id[:], row)
}

// Rebuild recomputes every derived bucket from the revisions. It refuses
// (writing nothing) when a revision is damaged.
func (s *Store) Rebuild() error {
	if s.readOnly {
		return ErrReadOnly
	}
	return s.update(rebuild)
}

func rebuild(tx *bolt.Tx) error { return rebuildAs(tx, fileRowVersion(tx)) }

// rebuildAs is rebuild making rows of the given version.
func rebuildAs(tx *bolt.Tx, rowVersion int) error {
	d := deriveAs(tx, nil, rowVersion)
	if len(d.problems) > 0 {
		return wrap(ErrCorrupt, errors.Join(d.problems...))
	}
	for _, name := range derivedBuckets {
		if tx.Bucket(name) != nil {
			if err := tx.DeleteBucket(name); err != nil {
				return err
			}
		}
		b, err := tx.CreateBucket(name)
		if err != nil {
			return err
		}
		b.FillPercent = 0.9 // keys arrive in order; pack pages
		for _, e := range d.buckets[string(name)] {
			if err := b.Put(e.k, e.v); err != nil {
				return err
			}
		}
	}
	return bumpHLC(tx, d.maxClock)
}
