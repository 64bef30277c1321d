package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"runtime"
	"sync"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// derivation computes the derived buckets from revs, one record at a time:
// revs is keyed by record ID first, so a record's revisions are neighbours
// and every derived bucket comes out in key order. emit receives each
// derived key and value (to write them, or to compare them with the file),
// so memory does not grow with the file.
type derivation struct {
	emit       func(bucket, k, v []byte) error
	validateAt *model.Date // validate every winning payload as of that day
	maxClock   HLC
	problems   []error // revisions that could not be used
	records    int
}

// run walks every revision.
func (d *derivation) run(tx *bolt.Tx) error {
	var batch []recordRevs
	c := tx.Bucket(bucketRevs).Cursor()
	k, v := c.First()
	for k != nil {
		id := recordOf(k)
		var revs []*rev
		for ; k != nil && bytes.HasPrefix(k, id[:]); k, v = c.Next() {
			r, err := decodeRevAt(k, v)
			if err != nil {
				d.problems = append(d.problems, problem(id, err, "Phiên bản hỏng", "Damaged revision"))
				continue
			}
			revs = append(revs, r)
			if r.Clock.Compare(d.maxClock) > 0 {
				d.maxClock = r.Clock
			}
		}
		if len(k) > 0 && len(k) < 16 {
			d.problems = append(d.problems, problem(model.ID{}, nil, "Khóa phiên bản %x sai", "Revision key %x is malformed", k))
			k, v = c.Next()
		}
		if len(revs) == 0 {
			continue
		}
		d.records++
		if batch = append(batch, recordRevs{id, revs}); len(batch) == deriveBatch {
			if err := d.flush(batch); err != nil {
				return err
			}
			batch = batch[:0]
		}
	}
	return d.flush(batch)
}

// recordRevs is one record's revisions, sorted by ID as stored.
type recordRevs struct {
	id   model.ID
	revs []*rev
}

// derived is what one record contributes to the derived buckets.
type derived struct {
	heads    []*rev
	winner   *rev
	row      []byte
	problems []error
}

// deriveBatch records are derived together: validating a payload means
// decoding its JSON, most of a check's time, and records do not depend on
// each other, so a batch is validated on every core.
const deriveBatch = 256

// flush derives a batch of records and emits them in key order.
func (d *derivation) flush(batch []recordRevs) error {
	out := make([]derived, len(batch))
	workers := 1
	if d.validateAt != nil {
		workers = min(runtime.GOMAXPROCS(0), len(batch))
	}
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(batch); i += workers {
				out[i] = d.derive(batch[i].id, batch[i].revs)
			}
		})
	}
	wg.Wait()
	for i, r := range out {
		d.problems = append(d.problems, r.problems...)
		if err := d.emitRecord(batch[i].id, r); err != nil {
			return err
		}
	}
	return nil
}

// emitRecord emits one record's heads, current pointer and row.
func (d *derivation) emitRecord(id model.ID, r derived) error {
	for _, h := range r.heads {
		if err := d.emit(bucketHeads, recKey(id, h.id[:]), []byte(h.Kind)); err != nil {
			return err
		}
	}
	if r.winner == nil || r.winner.Deleted {
		return nil
	}
	if err := d.emit(kindNamed(r.winner.Kind).cur, id[:], r.winner.id[:]); err != nil {
		return err
	}
	if r.row != nil {
		return d.emit(bucketRowsCand, id[:], r.row)
	}
	return nil
}

// derive computes one record's heads, winner and, for a live candidate,
// list row; with a date it validates the winner. It only reads d's
// settings, so records are derived concurrently.
func (d *derivation) derive(id model.ID, revs []*rev) (r derived) {
	r.problems = revsProblems(id, revs)
	r.heads, r.winner = resolve(revs)
	if r.winner == nil {
		r.problems = append(r.problems, problem(id, nil,
			"Bản ghi %s không có phiên bản hiện hành", "Record %s has no head revision", id))
		return r
	}
	if r.winner.Deleted {
		return r
	}
	k := kindNamed(r.winner.Kind)
	var cand *model.Candidate
	if d.validateAt != nil {
		var err error
		if cand, err = validatePayload(k, id, r.winner.Data, *d.validateAt); err != nil {
			r.problems = append(r.problems, problem(id, err, "Bản ghi %s %s không hợp lệ",
				"The %s record %s is invalid", k.name, id))
		}
	}
	if k != kindCandidate {
		return r
	}
	if cand == nil {
		cand = new(model.Candidate)
		if err := json.Unmarshal(r.winner.Data, cand); err != nil {
			if d.validateAt == nil { // else already reported by validatePayload
				r.problems = append(r.problems, problem(id, err,
					"Không đọc được hồ sơ quần chúng %s", "Cannot read candidate %s", id))
			}
			return r
		}
	}
	r.row = sealRow(cand.Row(), r.winner.id)
	return r
}

// revsProblems notes revisions of another kind than the first and parents
// that are missing: a parent is always a revision of the same record.
func revsProblems(id model.ID, revs []*rev) []error {
	var out []error
	own := make(map[[32]byte]bool, len(revs))
	for _, r := range revs {
		own[r.id] = true
	}
	for _, r := range revs {
		if r.Kind != revs[0].Kind {
			out = append(out, problem(id, nil,
				"Bản ghi %s có phiên bản thuộc hai loại %s và %s", "Record %s has revisions of two kinds, %s and %s",
				id, revs[0].Kind, r.Kind))
		}
		for _, p := range r.parents {
			if !own[p] {
				out = append(out, problem(id, nil,
					"Phiên bản %x của bản ghi %s trỏ tới phiên bản cha %x không có", "Revision %x of record %s names a missing parent %x",
					r.id[:4], id, p[:4]))
			}
		}
	}
	return out
}

// Rebuild recomputes every derived bucket from the revisions. It refuses
// (writing nothing) when a revision is damaged.
func (s *Store) Rebuild() error {
	if s.readOnly {
		return ErrReadOnly
	}
	return s.update(rebuild)
}

// rebuild empties the derived buckets and derives them again, writing as
// it goes; any problem aborts the transaction, so nothing is written.
func rebuild(tx *bolt.Tx) error {
	out := map[string]*bolt.Bucket{}
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
		out[string(name)] = b
	}
	d := &derivation{emit: func(bucket, k, v []byte) error { return out[string(bucket)].Put(k, v) }}
	if err := d.run(tx); err != nil {
		return err
	}
	if len(d.problems) > 0 {
		return wrap(ErrCorrupt, errors.Join(d.problems...))
	}
	return bumpHLC(tx, d.maxClock)
}
