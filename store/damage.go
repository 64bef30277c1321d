package store

import (
	"errors"
	"fmt"
	"sync"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Damage found while reading. A record whose bytes no longer match the
// SHA-256 that names its revision is never returned as a value: reads
// skip it (a store opened with Options.AllowDamaged) or fail with a
// *DamageError naming it, and from then on the store refuses every write,
// so nothing is ever written into a damaged file.

// DamageError names one damaged record. It matches ErrDamagedRecord.
type DamageError struct {
	Kind  string   // "cell", "candidate", "class", "meeting", "settings"; "" when unknown
	ID    model.ID // zero when unknown
	Name  string   // the record's name as far as it can still be read; "" when unknown
	Cause error    // what did not match, for logs
}

func (e *DamageError) Error() string {
	if e.Cause == nil {
		return e.Text().VI
	}
	return e.Text().VI + " (" + e.Cause.Error() + ")"
}

// Unwrap lets errors.Is find ErrDamagedRecord, and the cause.
func (e *DamageError) Unwrap() []error { return []error{ErrDamagedRecord, e.Cause} }

// kindLabels are the record kinds as a clerk names them.
var kindLabels = map[string]model.Text{
	"cell":      {VI: "chi bộ", EN: "cell"},
	"candidate": {VI: "quần chúng", EN: "candidate"},
	"class":     {VI: "lớp", EN: "class"},
	"meeting":   {VI: "cuộc họp", EN: "meeting"},
	"settings":  {VI: "cài đặt", EN: "settings"},
}

// kindMeta is the Kind of damage to the file's own entries (meta).
const kindMeta = "meta"

// kindChanged is the Kind of a file changed outside nguon since it was
// noted as sound (trust.go): not known to be damaged, not known sound.
const kindChanged = "changed"

// Label names the record in a few words: kind, name and ID.
func (e *DamageError) Label() model.Text {
	switch e.Kind {
	case kindMeta:
		return model.Text{VI: "phần thông tin chung của tệp (meta)", EN: "the file's own information (meta)"}
	case kindChanged:
		return model.Text{VI: "tệp đã bị thay đổi bên ngoài nguon từ lần đóng trước; hãy thoát rồi mở lại để nguon kiểm tra toàn bộ tệp",
			EN: "it was changed outside nguon since it was last closed; quit and open it again so nguon checks the whole file"}
	}
	name := ""
	if e.Name != "" {
		name = " “" + model.Escape(e.Name) + "”"
	}
	id := ""
	if !e.ID.IsZero() {
		id = " (" + e.ID.String() + ")"
	}
	k, ok := kindLabels[e.Kind]
	if !ok {
		return model.Text{VI: "một bản ghi" + name + id, EN: "a record" + name + id}
	}
	return model.Text{VI: "bản ghi " + k.VI + name + id, EN: "the " + k.EN + " record" + name + id}
}

// Text is one sentence with the next step.
func (e *DamageError) Text() model.Text {
	l := e.Label()
	return model.Text{
		VI: "Tệp dữ liệu bị hỏng ở " + l.VI + "; hãy mở bản sao lưu gần nhất bằng “nguon --db TỆP-SAO-LƯU”.",
		EN: "The data file is damaged in " + l.EN + "; open your last backup with “nguon --db BACKUP-FILE”.",
	}
}

// damaged makes a DamageError for record id of kind k.
func damaged(k *kind, id model.ID, format string, args ...any) *DamageError {
	e := &DamageError{ID: id, Cause: fmt.Errorf(format, args...)}
	if k != nil {
		e.Kind = k.name
	}
	return e
}

// damageLog is what a store has found damaged so far.
type damageLog struct {
	mu      sync.Mutex
	records []*DamageError
	seen    map[model.ID]bool
}

func (l *damageLog) add(e *DamageError) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.seen == nil {
		l.seen = map[model.ID]bool{}
	}
	if e.ID.IsZero() || !l.seen[e.ID] {
		l.seen[e.ID] = true
		l.records = append(l.records, e)
	}
}

func (l *damageLog) list() []*DamageError {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]*DamageError(nil), l.records...)
}

func (l *damageLog) has(id model.ID) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.seen[id]
}

func (l *damageLog) any() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.records) > 0
}

// Damage lists the damaged records found so far: at open (the whole file
// is verified then) and by any read since. Empty for a sound file.
func (s *Store) Damage() []*DamageError { return s.damage.list() }

// Damaged reports whether the file is known to be damaged; such a store
// saves nothing.
func (s *Store) Damaged() bool { return s.damage.any() }

// stores finds the Store of a bbolt transaction, so that the read helpers
// (which see only the transaction) can record damage and, in a store that
// allows it, skip the damaged record instead of failing the whole read.
var stores sync.Map // *bolt.DB → *Store

func storeOf(tx *bolt.Tx) *Store {
	if v, ok := stores.Load(tx.DB()); ok {
		return v.(*Store)
	}
	return nil
}

// noteDamage records e in tx's store and says whether the reader may skip
// the record and go on (true) or must fail with e (false).
func noteDamage(tx *bolt.Tx, e *DamageError) (skip bool) {
	s := storeOf(tx)
	if s == nil {
		return false
	}
	s.damage.add(e)
	return s.allowDamaged
}

// asDamage finds a *DamageError in err.
func asDamage(err error) (*DamageError, bool) {
	var de *DamageError
	ok := errors.As(err, &de)
	return de, ok
}

func (l *damageLog) hasKind(kind string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, e := range l.records {
		if e.Kind == kind {
			return true
		}
	}
	return false
}
