package store

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"runtime/debug"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Tx is one write transaction: everything done through it is saved
// together or not at all. It is valid only inside the Update callback.
type Tx struct {
	s       *Store
	tx      *bolt.Tx
	now     time.Time
	intents []intent // what this transaction saves, kept for a recovery file
	// noRecovery leaves intents empty: an import's rows are still in the
	// file it reads, and keeping each payload's JSON until the commit cost
	// an import of 100,000 records tens of MB.
	noRecovery bool
}

// update runs fn in one read-write transaction. Errors from fn come back
// unchanged; a failure to reach the disk comes back as ErrWrite and leaves
// the file as it was.
func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	return s.write(nil, fn)
}

// write runs fn in one read-write transaction on behalf of t (nil for
// internal writes). Nothing is written into a file known to be damaged,
// including damage found while fn read. A panic inside bbolt (or a fault
// reading a page) becomes a *SaveCrashError: what t was saving goes to a
// recovery file, the transaction is neither committed nor rolled back
// (either may hang or write again), and the store does nothing more.
func (s *Store) write(t *Tx, fn func(tx *bolt.Tx) error) (err error) {
	if f := s.Failed(); f != nil {
		return f
	}
	if s.damage.any() {
		return ErrDamagedReadOnly
	}
	if s.readOnly {
		return ErrReadOnly
	}
	// Nothing is written into a file not yet known to be as noted.
	if err := s.VerifyWhole(); err != nil {
		return err
	}
	var sizeBefore int64
	if st, err := os.Stat(s.path); err == nil {
		sizeBefore = st.Size()
	}
	btx, err := s.db.Begin(true)
	if err != nil {
		return wrap(ErrWrite, err)
	}
	settled := false
	defer func() {
		if r := recover(); r != nil {
			err = s.crashed(r, t)
			return
		}
		if !settled {
			_ = btx.Rollback()
		}
	}()
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	if err := fn(btx); err != nil {
		return err
	}
	if s.damage.any() {
		if d := s.damage.list(); len(d) > 0 {
			return d[0]
		}
		return ErrDamagedReadOnly
	}
	if testFault != nil {
		testFault("commit")
	}
	settled = true
	lastTx := uint64(btx.ID() - 1)
	if err := btx.Commit(); err != nil {
		s.shrinkAfterFailure(sizeBefore, lastTx)
		return wrap(ErrWrite, err)
	}
	return nil
}

// Update runs fn with a transaction that can save many records at once;
// when fn returns an error (or the commit fails) nothing it did is saved.
// IDs that its puts gave to the caller's records stay set, though.
func (s *Store) Update(fn func(tx *Tx) error) error {
	t := &Tx{s: s, now: s.now()}
	return s.write(t, func(btx *bolt.Tx) error {
		t.tx = btx
		return fn(t)
	})
}

// testFault, when set (by tests, or by a build with the nguonfault tag),
// is called at named points of a save to inject a failure.
var testFault func(point string)

// today is the date used for rules that depend on it (ages, deadlines).
func (t *Tx) today() model.Date { return model.DateOf(t.now) }

// write appends a revision of record id whose parents are all its current
// heads, so saving also resolves a conflict, and updates the derived buckets.
func (t *Tx) write(k *kind, id model.ID, data []byte, deleted bool) error {
	heads := headsOf(t.tx, id)
	parents := make([]string, 0, len(heads))
	for _, h := range heads {
		if h.kind != k.name {
			return ErrWrongKind
		}
		parents = append(parents, hex.EncodeToString(h.rev[:]))
	}
	m := t.tx.Bucket(bucketMeta)
	last, err := decodeHLC(m.Get(metaHLC))
	if err != nil {
		return err
	}
	clock, err := last.next(t.now.UnixMilli())
	if err != nil {
		return err
	}
	r := revision{Record: id, Kind: k.name, Parents: parents, Clock: clock, Device: t.s.device,
		Deleted: deleted, Schema: model.SchemaVersion, At: t.now.UTC().Format(atLayout), Data: data}
	raw, sum, err := r.encode()
	if err != nil {
		return err
	}
	if err := m.Put(metaHLC, clock.bytes()); err != nil {
		return err
	}
	if err := revsBucket(t.tx).Put(recKey(id, sum[:]), raw); err != nil {
		return err
	}
	hb := idBucket(t.tx, bucketHeads)
	for _, h := range heads {
		if err := hb.Delete(recKey(id, h.rev[:])); err != nil {
			return err
		}
	}
	if err := hb.Put(recKey(id, sum[:]), []byte(k.name)); err != nil {
		return err
	}
	return putCurrent(t.tx, k, id, sum, data, deleted)
}

func (t *Tx) put(k *kind, id *model.ID, v any, problems model.Problems) error {
	if err := problems.Err(); err != nil {
		return err
	}
	if id.IsZero() {
		*id = t.s.ids.next(t.now)
	}
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	if !t.noRecovery {
		t.intents = append(t.intents, intent{Op: "put", Kind: k.name, ID: *id, Data: data})
	}
	return t.write(k, *id, data, false)
}

func (t *Tx) del(k *kind, id model.ID) error {
	if t.tx.Bucket(k.cur).Get(id[:]) == nil {
		return ErrNotFound
	}
	t.intents = append(t.intents, intent{Op: "delete", Kind: k.name, ID: id})
	return t.write(k, id, nil, true)
}

// get reads one current record, verified against its revision. In a
// store that allows damage, a damaged record's error also matches
// ErrNotFound, so that a reader with a default (the settings) shows the
// default, never the damaged value.
func get[T any](tx *bolt.Tx, k *kind, id model.ID) (T, error) {
	b := tx.Bucket(k.cur).Get(id[:])
	if b == nil {
		var v T
		return v, ErrNotFound
	}
	v, err := readCurrent[T](tx, nil, k, id[:], b)
	if err == nil && knownDamaged(tx, id) {
		err = damaged(k, id, "found damaged when the file was opened")
	}
	if err != nil {
		err = readDamage(tx, err)
		if s := storeOf(tx); s != nil && s.allowDamaged {
			err = &absentDamage{err}
		}
		var zero T
		return zero, err
	}
	return v, nil
}

// absentDamage is a damaged record read from a store that allows damage.
type absentDamage struct{ err error }

func (e *absentDamage) Error() string   { return e.err.Error() }
func (e *absentDamage) Unwrap() []error { return []error{e.err, ErrNotFound} }
func (e *absentDamage) Text() model.Text {
	var l model.Localized
	if errors.As(e.err, &l) {
		return l.Text()
	}
	return model.Text{VI: e.err.Error(), EN: e.err.Error()}
}

// knownDamaged reports whether the record was found damaged before (when
// the file was opened): it is not shown, even where its bytes still agree.
func knownDamaged(tx *bolt.Tx, id model.ID) bool {
	s := storeOf(tx)
	return s != nil && s.damage.has(id)
}

// readCurrent decodes the current value of the record whose pointer b is
// stored under key in cur_<k>, verified against its revision.
func readCurrent[T any](tx *bolt.Tx, w *headWalker, k *kind, key, b []byte) (T, error) {
	var v T
	if len(key) != 16 {
		return v, damaged(k, recordOf(key), "malformed key %x", key)
	}
	id := model.ID(key)
	data, err := currentData(tx, w, k, id, b)
	if err != nil {
		return v, err
	}
	if err := decodePayload(data, &v); err != nil {
		return v, damaged(k, id, "%v", err)
	}
	return v, nil
}

// readDamage records a damaged record found while reading and returns it.
func readDamage(tx *bolt.Tx, err error) error {
	if de, ok := asDamage(err); ok {
		noteDamage(tx, damageName(tx, de))
		return de
	}
	return err
}

// PutCell saves a cell (normalised and validated first), giving it an ID when it has none.
func (t *Tx) PutCell(c *model.Cell) error {
	c.Normalize()
	return t.put(kindCell, &c.ID, c, c.Validate())
}

// PutCandidate saves a candidate (normalised and validated first), giving it an ID when it has none.
func (t *Tx) PutCandidate(c *model.Candidate) error {
	c.Normalize()
	return t.put(kindCandidate, &c.ID, c, c.Validate(t.today()))
}

// PutClass saves a class (normalised and validated first), giving it an ID when it has none.
func (t *Tx) PutClass(c *model.Class) error {
	c.Normalize()
	return t.put(kindClass, &c.ID, c, c.Validate())
}

// PutMeeting saves a meeting (normalised and validated first), giving it an ID when it has none.
func (t *Tx) PutMeeting(m *model.Meeting) error {
	m.Normalize()
	return t.put(kindMeeting, &m.ID, m, m.Validate())
}

// PutSettings saves the file's settings (normalised and validated first).
func (t *Tx) PutSettings(v model.Settings) error {
	v.Normalize()
	id := settingsID
	return t.put(kindSettings, &id, v, v.Validate())
}

// DeleteCell writes a tombstone for a cell; ErrNotFound when there is no live cell id.
func (t *Tx) DeleteCell(id model.ID) error { return t.del(kindCell, id) }

// DeleteCandidate writes a tombstone for a candidate.
func (t *Tx) DeleteCandidate(id model.ID) error { return t.del(kindCandidate, id) }

// DeleteClass writes a tombstone for a class.
func (t *Tx) DeleteClass(id model.ID) error { return t.del(kindClass, id) }

// DeleteMeeting writes a tombstone for a meeting.
func (t *Tx) DeleteMeeting(id model.ID) error { return t.del(kindMeeting, id) }

// Cell reads a cell as this transaction sees it.
func (t *Tx) Cell(id model.ID) (model.Cell, error) { return get[model.Cell](t.tx, kindCell, id) }

// Candidate reads a candidate as this transaction sees it.
func (t *Tx) Candidate(id model.ID) (model.Candidate, error) {
	return get[model.Candidate](t.tx, kindCandidate, id)
}

// Class reads a class as this transaction sees it.
func (t *Tx) Class(id model.ID) (model.Class, error) { return get[model.Class](t.tx, kindClass, id) }

// Meeting reads a meeting as this transaction sees it.
func (t *Tx) Meeting(id model.ID) (model.Meeting, error) {
	return get[model.Meeting](t.tx, kindMeeting, id)
}

// readOne runs one read transaction around get.
func readOne[T any](s *Store, k *kind, id model.ID) (T, error) {
	var v T
	err := s.view(func(tx *bolt.Tx) (err error) {
		v, err = get[T](tx, k, id)
		return err
	})
	return v, err
}

func readAll[T any](s *Store, k *kind) ([]T, error) {
	var v []T
	err := s.view(func(tx *bolt.Tx) (err error) {
		v, err = list[T](tx, k)
		return err
	})
	return v, err
}

// putOne saves one record in its own transaction; on failure the record's
// ID is left as it was, so a retry does not pretend the record exists.
func putOne(s *Store, id *model.ID, fn func(t *Tx) error) error {
	old := *id
	err := s.Update(fn)
	if err != nil {
		*id = old
	}
	return err
}

// Cells lists the live cells in creation order.
func (s *Store) Cells() ([]model.Cell, error) { return readAll[model.Cell](s, kindCell) }

// Cell reads one cell; ErrNotFound when there is none (or it was deleted).
func (s *Store) Cell(id model.ID) (model.Cell, error) { return readOne[model.Cell](s, kindCell, id) }

// PutCell saves a cell as a new revision, setting c.ID when it is zero.
// It normalises and validates first; an invalid cell is a *model.InvalidError.
func (s *Store) PutCell(c *model.Cell) error {
	return putOne(s, &c.ID, func(t *Tx) error { return t.PutCell(c) })
}

// DeleteCell writes a tombstone revision for a cell.
func (s *Store) DeleteCell(id model.ID) error {
	return s.Update(func(t *Tx) error { return t.DeleteCell(id) })
}

// Candidates lists the live candidates in creation order. At 100,000 this
// decodes every full record: lists should use CandidateRows.
func (s *Store) Candidates() ([]model.Candidate, error) {
	return readAll[model.Candidate](s, kindCandidate)
}

// Candidate reads one candidate; ErrNotFound when there is none.
func (s *Store) Candidate(id model.ID) (model.Candidate, error) {
	return readOne[model.Candidate](s, kindCandidate, id)
}

// PutCandidate saves a candidate as a new revision, setting c.ID when it is zero.
func (s *Store) PutCandidate(c *model.Candidate) error {
	return putOne(s, &c.ID, func(t *Tx) error { return t.PutCandidate(c) })
}

// DeleteCandidate writes a tombstone revision for a candidate.
func (s *Store) DeleteCandidate(id model.ID) error {
	return s.Update(func(t *Tx) error { return t.DeleteCandidate(id) })
}

// Classes lists the live classes in creation order.
func (s *Store) Classes() ([]model.Class, error) { return readAll[model.Class](s, kindClass) }

// Class reads one class; ErrNotFound when there is none.
func (s *Store) Class(id model.ID) (model.Class, error) {
	return readOne[model.Class](s, kindClass, id)
}

// PutClass saves a class as a new revision, setting c.ID when it is zero.
func (s *Store) PutClass(c *model.Class) error {
	return putOne(s, &c.ID, func(t *Tx) error { return t.PutClass(c) })
}

// DeleteClass writes a tombstone revision for a class.
func (s *Store) DeleteClass(id model.ID) error {
	return s.Update(func(t *Tx) error { return t.DeleteClass(id) })
}

// Meetings lists the live meetings in creation order.
func (s *Store) Meetings() ([]model.Meeting, error) {
	return readAll[model.Meeting](s, kindMeeting)
}

// Meeting reads one meeting; ErrNotFound when there is none.
func (s *Store) Meeting(id model.ID) (model.Meeting, error) {
	return readOne[model.Meeting](s, kindMeeting, id)
}

// PutMeeting saves a meeting as a new revision, setting m.ID when it is zero.
func (s *Store) PutMeeting(m *model.Meeting) error {
	return putOne(s, &m.ID, func(t *Tx) error { return t.PutMeeting(m) })
}

// DeleteMeeting writes a tombstone revision for a meeting.
func (s *Store) DeleteMeeting(id model.ID) error {
	return s.Update(func(t *Tx) error { return t.DeleteMeeting(id) })
}

// Settings returns the file's settings, or DefaultSettings when none were saved.
func (s *Store) Settings() (model.Settings, error) {
	v, err := readOne[model.Settings](s, kindSettings, settingsID)
	if errors.Is(err, ErrNotFound) {
		return DefaultSettings(), nil
	}
	return v, err
}

// PutSettings saves the file's settings as a new revision.
func (s *Store) PutSettings(v model.Settings) error {
	return s.Update(func(t *Tx) error { return t.PutSettings(v) })
}

// IsEmpty reports whether the file holds no live cells, candidates,
// classes or meetings (settings do not count).
func (s *Store) IsEmpty() (bool, error) {
	empty := true
	err := s.view(func(tx *bolt.Tx) error {
		for _, k := range []*kind{kindCell, kindCandidate, kindClass, kindMeeting} {
			if key, _ := tx.Bucket(k.cur).Cursor().First(); key != nil {
				empty = false
			}
		}
		return nil
	})
	return empty, err
}
