package store

import (
	"bytes"
	"crypto/sha256"
	"fmt"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// maxDamaged caps what verifyAll reports: a file with thousands of damaged
// records is described well enough by the first of them.
const maxDamaged = 100

// verifyAll verifies every revision against its key and every current
// pointer and row against its record's winning revision, in both
// directions. revs and heads are both keyed by record ID first, so it walks
// them side by side one record at a time: its memory does not grow with
// the file (beyond one entry per live record, to find strays).
func verifyAll(tx *bolt.Tx) []*DamageError {
	v := &verifier{tx: tx, seen: map[model.ID]bool{}, live: map[model.ID]*kind{}, cur: map[*kind]*seqReader{},
		rows: newSeqReader(tx.Bucket(bucketRowsCand))}
	for _, k := range kinds {
		v.cur[k] = newSeqReader(tx.Bucket(k.cur))
	}
	for _, p := range checkMetaBucket(tx) {
		v.report(&DamageError{Kind: kindMeta, Cause: p})
	}
	v.records()
	for _, k := range kinds {
		v.extra(k.cur, k, func(id model.ID) bool { w, ok := v.live[id]; return ok && w == k })
	}
	v.extra(bucketRowsCand, kindCandidate, func(id model.ID) bool { return v.live[id] == kindCandidate })
	if hlc, err := decodeHLC(tx.Bucket(bucketMeta).Get(metaHLC)); err == nil && hlc.Compare(v.maxClock) < 0 {
		v.report(&DamageError{Kind: kindMeta, Cause: fmt.Errorf("the file clock %v is behind its newest revision %v", hlc, v.maxClock)})
	}
	return v.out
}

type verifier struct {
	tx       *bolt.Tx
	cur      map[*kind]*seqReader // each kind's current pointers, read in key order
	rows     *seqReader
	maxClock HLC                // the highest clock of the revisions
	live     map[model.ID]*kind // records whose winner is live, and their kind
	seen     map[model.ID]bool  // records already reported
	out      []*DamageError
}

func (v *verifier) report(e *DamageError) {
	if len(v.out) < maxDamaged && (e.ID.IsZero() || !v.seen[e.ID]) {
		v.seen[e.ID] = true
		v.out = append(v.out, e)
	}
}

// group is one record's revisions as stored: the sound ones, and the
// damaged ones. A record has a handful, so slices beat maps.
type group struct {
	id    model.ID
	ids   [][32]byte // of the sound revisions
	raws  [][]byte
	bad   [][32]byte
	stray bool // a revision filed under this record belongs to another
}

// raw returns the bytes of sound revision r, or nil.
func (g *group) raw(r [32]byte) []byte {
	for i, id := range g.ids {
		if id == r {
			return g.raws[i]
		}
	}
	return nil
}

// seqReader reads a bucket keyed by record ID for records asked in
// increasing order: one pass of a cursor instead of a search per record.
type seqReader struct {
	c    *bolt.Cursor
	k, v []byte
}

func newSeqReader(b *bolt.Bucket) *seqReader {
	r := &seqReader{c: b.Cursor()}
	r.k, r.v = r.c.First()
	return r
}

// get returns the value stored under id, or nil.
func (r *seqReader) get(id model.ID) []byte {
	for r.k != nil && bytes.Compare(r.k, id[:]) < 0 {
		r.k, r.v = r.c.Next()
	}
	if r.k != nil && bytes.Equal(r.k, id[:]) {
		return r.v
	}
	return nil
}

// records walks revs one record at a time, with heads alongside.
func (v *verifier) records() {
	hc := v.tx.Bucket(bucketHeads).Cursor()
	hk, hv := hc.First()
	c := v.tx.Bucket(bucketRevs).Cursor()
	k, raw := c.First()
	trim := newMapTrim(v.tx)
	for k != nil {
		trim.step()
		if len(k) != 48 {
			v.report(damaged(nil, recordOf(k), "revision key %x is malformed", k))
			k, raw = c.Next()
			continue
		}
		g := group{id: model.ID(k[:16])}
		for ; k != nil && len(k) == 48 && model.ID(k[:16]) == g.id; k, raw = c.Next() {
			v.revision(&g, [32]byte(k[16:]), raw)
		}
		var heads [][32]byte
		var kinds []string
		for ; hk != nil && bytes.Compare(hk[:min(16, len(hk))], g.id[:]) <= 0; hk, hv = hc.Next() {
			switch {
			case len(hk) != 48:
				v.report(&DamageError{ID: recordOf(hk), Cause: fmt.Errorf("heads key %x is malformed", hk)})
			case model.ID(hk[:16]) != g.id:
				v.report(damaged(kindNamed(string(hv)), model.ID(hk[:16]), "its head revision %x is missing", hk[16:20]))
			default:
				heads, kinds = append(heads, [32]byte(hk[16:])), append(kinds, string(hv))
			}
		}
		if err := v.record(&g, heads, kinds); err != nil {
			if de, ok := asDamage(err); ok {
				if de.Name == "" && de.Kind != "" {
					de.Name = nameOf(v.tx, kindNamed(de.Kind), g.id)
				}
				v.report(de)
			}
		}
	}
	for ; hk != nil; hk, hv = hc.Next() {
		v.report(damaged(kindNamed(string(hv)), recordOf(hk), "its head revision is missing"))
	}
}

// revision hashes one stored revision of g and notes its clock.
func (v *verifier) revision(g *group, r [32]byte, raw []byte) {
	if sha256.Sum256(raw) != r {
		g.bad = append(g.bad, r)
		return
	}
	id, clock, ok := revisionHead(raw)
	if !ok {
		d, err := decodeRev(r[:], raw)
		if err != nil {
			g.bad = append(g.bad, r)
			return
		}
		id, clock = d.Record, d.Clock
	}
	if id != g.id {
		g.stray = true
		return
	}
	g.ids, g.raws = append(g.ids, r), append(g.raws, raw)
	if clock.Compare(v.maxClock) > 0 {
		v.maxClock = clock
	}
}

// record checks one record's revisions, heads, current pointer and row.
func (v *verifier) record(g *group, heads [][32]byte, kinds []string) error {
	id := g.id
	if len(heads) == 0 {
		return damaged(nil, id, "no head revision")
	}
	k := kindNamed(kinds[0])
	for _, name := range kinds {
		if kindNamed(name) == nil || name != kinds[0] {
			return damaged(nil, id, "its heads name the kinds %q", kinds)
		}
	}
	switch {
	case g.stray:
		return damaged(k, id, "a revision filed under it belongs to another record")
	case len(g.bad) > 0:
		return damaged(k, id, "revision %x is not the SHA-256 of its bytes", g.bad[0][:4])
	}
	var hs []*rev
	for _, h := range heads {
		raw := g.raw(h)
		if raw == nil {
			return damaged(k, id, "its head revision %x is missing", h[:4])
		}
		if len(heads) > 1 {
			d, err := decodeRev(h[:], raw)
			if err != nil || d.Kind != k.name {
				return damaged(k, id, "its head revision %x is not one of its own", h[:4])
			}
			hs = append(hs, d)
		}
	}
	r := heads[0]
	if len(hs) > 1 {
		_, win := resolve(hs)
		r = win.id
	}
	return v.current(k, id, r, g.raw(r))
}

// current checks the pointer and row of record id against its winning
// revision r.
func (v *verifier) current(k *kind, id model.ID, r [32]byte, raw []byte) error {
	ptr := v.cur[k].get(id)
	row := v.rows.get(id)
	if ptr == nil {
		d, err := decodeRev(r[:], raw)
		if err != nil || d.Record != id || d.Kind != k.name {
			return damaged(k, id, "its current revision %x is not one of its own", r[:4])
		}
		if !d.Deleted {
			return damaged(k, id, "the current pointer is missing")
		}
		if row != nil {
			return damaged(k, id, "a deleted candidate still has a list row")
		}
		return nil
	}
	if !bytes.Equal(ptr, r[:]) {
		return damaged(k, id, "the current pointer is not the winning revision %x", r[:4])
	}
	if _, ok := payloadOf(raw, r, id, k); !ok {
		return damaged(k, id, "its current revision %x is not a live revision of it", r[:4])
	}
	v.live[id] = k
	if k != kindCandidate {
		return nil
	}
	switch {
	case row == nil:
		return damaged(k, id, "the list row is missing")
	case !rowSealedBy(row, r):
		return damaged(k, id, "the list row does not match its checksum")
	}
	if out, err := decodeRow(row); err != nil || out.ID != id {
		return damaged(k, id, "the list row is malformed")
	}
	return nil
}

// extra reports keys of bucket name that belong to no live record of kind k.
func (v *verifier) extra(name []byte, k *kind, ok func(model.ID) bool) {
	c := v.tx.Bucket(name).Cursor()
	for key, _ := c.First(); key != nil; key, _ = c.Next() {
		if len(key) != 16 {
			v.report(damaged(k, recordOf(key), "bucket %s has a malformed key %x", name, key))
			continue
		}
		if id := model.ID(key); !ok(id) && !v.seen[id] {
			e := damaged(k, id, "bucket %s holds a record without a live revision", name)
			e.Name = nameOf(v.tx, k, id)
			v.report(e)
		}
	}
}

// revisionHead reads the record ID and the clock of a revision written by
// nguon ({"id":"…","kind":…,"clock":{"wall":…,"logical":…},…}) without
// decoding it; ok is false for any other layout.
func revisionHead(raw []byte) (id model.ID, clock HLC, ok bool) {
	const idAt = len(`{"id":"`)
	if len(raw) < idAt+36 || !bytes.HasPrefix(raw, []byte(`{"id":"`)) || raw[idAt+36] != '"' {
		return id, clock, false
	}
	id, err := model.ParseID(string(raw[idAt : idAt+36]))
	if err != nil || id.IsZero() {
		return id, clock, false
	}
	i := bytes.Index(raw, []byte(`"clock":{"wall":`))
	if i < 0 {
		return id, clock, false
	}
	rest := raw[i+len(`"clock":{"wall":`):]
	wall, n := leadingInt(rest)
	if n == 0 || !bytes.HasPrefix(rest[n:], []byte(`,"logical":`)) {
		return id, clock, false
	}
	rest = rest[n+len(`,"logical":`):]
	logical, m := leadingInt(rest)
	if m == 0 || m > 10 || logical > 1<<32-1 || len(rest) == m || rest[m] != '}' {
		return id, clock, false
	}
	return id, HLC{Wall: wall, Logical: uint32(logical)}, true
}

// leadingInt reads the non-negative decimal at the start of b.
func leadingInt(b []byte) (int64, int) {
	var v int64
	n := 0
	for n < len(b) && n < 18 && b[n] >= '0' && b[n] <= '9' {
		v = v*10 + int64(b[n]-'0')
		n++
	}
	return v, n
}
