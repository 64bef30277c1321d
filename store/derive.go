package store

import (
	"bytes"
	"errors"
	"fmt"
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
}

// run walks every revision. While the cores derive one batch of records,
// this goroutine reads the next from the file and then emits the one
// before in key order: only it touches the transaction, the workers read
// nothing but the batch's bytes.
func (d *derivation) run(tx *bolt.Tx) error {
	var batch []storedRevs
	var inflight *derivingBatch
	next := func() error {
		prev := inflight
		if prev != nil {
			prev.wg.Wait()
		}
		inflight = d.start(batch)
		batch = make([]storedRevs, 0, deriveBatch)
		if prev != nil {
			return d.emitBatch(prev)
		}
		return nil
	}
	c := tx.Bucket(bucketRevs).Cursor()
	k, v := c.First()
	trim := newMapTrim(tx)
	for k != nil {
		trim.step()
		rec := storedRevs{id: recordOf(k)}
		for ; k != nil && bytes.HasPrefix(k, rec.id[:]); k, v = c.Next() {
			rec.keys, rec.vals = append(rec.keys, k), append(rec.vals, v)
		}
		if k != nil && len(k) < 16 { // an empty key too: bbolt refuses to write one, a damaged page may hold one
			rec.malformed = k
			k, v = c.Next()
		}
		if batch = append(batch, rec); len(batch) == deriveBatch {
			if err := next(); err != nil {
				inflight.wg.Wait()
				return err
			}
		}
	}
	if err := next(); err != nil {
		inflight.wg.Wait()
		return err
	}
	inflight.wg.Wait()
	return d.emitBatch(inflight)
}

// storedRevs is one record's revisions as stored, in key order (the
// slices point into the transaction's pages, valid until it ends), and a
// malformed key that followed them.
type storedRevs struct {
	id         model.ID
	keys, vals [][]byte
	malformed  []byte
}

// derived is what one record contributes to the derived buckets.
type derived struct {
	heads    []*rev
	winner   *rev
	row      []byte
	maxClock HLC
	problems []error
}

// deriveBatch records are derived together: hashing and decoding their
// revisions and, in a check, validating the payloads are most of the time,
// and records do not depend on each other, so a batch is shared among the
// cores and emitted in order after.
const deriveBatch = 1024

// derivingBatch is a batch being derived on every core.
type derivingBatch struct {
	in  []storedRevs
	out []derived
	wg  sync.WaitGroup
}

// start derives batch on every core, in the background.
func (d *derivation) start(batch []storedRevs) *derivingBatch {
	b := &derivingBatch{in: batch, out: make([]derived, len(batch))}
	workers := min(runtime.GOMAXPROCS(0), len(batch))
	for w := range workers {
		b.wg.Go(func() {
			for i := w; i < len(batch); i += workers {
				// The revisions may lie in the map (faultsafe.go).
				if err := faultSafe(func() error { b.out[i] = d.derive(batch[i]); return nil }); err != nil {
					b.out[i] = derived{problems: []error{err}}
				}
			}
		})
	}
	return b
}

// emitBatch emits a derived batch in key order.
func (d *derivation) emitBatch(b *derivingBatch) error {
	for i, r := range b.out {
		d.problems = append(d.problems, r.problems...)
		if m := b.in[i].malformed; m != nil {
			d.problems = append(d.problems, problem(model.ID{}, nil, "Khóa phiên bản %x sai", "Revision key %x is malformed", m))
		}
		if r.maxClock.Compare(d.maxClock) > 0 {
			d.maxClock = r.maxClock
		}
		if err := d.emitRecord(b.in[i].id, r); err != nil {
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

// derive decodes one record's revisions and computes its heads, winner
// and, for a live candidate, list row; with a date it validates the
// winner. It only reads d's settings, so records are derived concurrently.
func (d *derivation) derive(stored storedRevs) (r derived) {
	id := stored.id
	var revs []*rev
	for i, k := range stored.keys {
		rv, err := decodeRevAt(k, stored.vals[i])
		if err != nil {
			r.problems = append(r.problems, problem(id, err, "Một phiên bản của bản ghi %s bị hỏng (không khớp mã kiểm tra hoặc không đọc được)",
				"A revision of record %s is damaged (it does not match its checksum or cannot be read)", id))
			continue
		}
		revs = append(revs, rv)
		if rv.Clock.Compare(r.maxClock) > 0 {
			r.maxClock = rv.Clock
		}
	}
	if len(revs) == 0 {
		return r
	}
	r.problems = append(r.problems, revsProblems(id, revs)...)
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
			kl := kindLabels[k.name]
			r.problems = append(r.problems, &CheckError{Record: id, Err: err, Msg: model.Text{
				VI: fmt.Sprintf("Bản ghi %s %s không hợp lệ", kl.VI, id),
				EN: fmt.Sprintf("The %s record %s is invalid", kl.EN, id)}})
		}
	}
	if k != kindCandidate {
		return r
	}
	if cand == nil {
		cand = new(model.Candidate)
		if err := model.DecodeCandidate(r.winner.Data, cand); err != nil {
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
			a, b := kindLabels[revs[0].Kind], kindLabels[r.Kind]
			out = append(out, &CheckError{Record: id, Msg: model.Text{
				VI: fmt.Sprintf("Bản ghi %s có phiên bản thuộc hai loại %s và %s", id, a.VI, b.VI),
				EN: fmt.Sprintf("Record %s has revisions of two kinds, %s and %s", id, a.EN, b.EN)}})
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
