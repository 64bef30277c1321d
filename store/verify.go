package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"slices"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Read verification. A revision's key is the SHA-256 of its bytes, and
// every derived value is a function of the revision it comes from, so each
// current record read is checked against its revision before anyone sees
// it (docs/file-format.md §11):
//
//   - cur_<kind>[id] must be byte for byte the data of the record's winning
//     revision, whose key must be the SHA-256 of its bytes and which must
//     name this record and kind (verifyCurrent);
//   - a candidate row carries the first 8 bytes of SHA-256(row ‖ winning
//     revision ID) (rows.go), so a row is checked without decoding the JSON
//     record it was made from (verifyRow).
//
// verifyAll does both for the whole file, in both directions (no current
// value without a live winner, no live winner without its current value),
// and hashes every revision: it is the record part of the check made on
// every open.

// headWalker finds records' heads by walking the heads bucket in key
// order alongside another bucket in key order; seek falls back to a
// cursor seek when asked for a record behind it.
type headWalker struct {
	c    *bolt.Cursor
	k, v []byte
	revs *bolt.Bucket
}

func newHeadWalker(tx *bolt.Tx) *headWalker {
	w := &headWalker{c: tx.Bucket(bucketHeads).Cursor(), revs: tx.Bucket(bucketRevs)}
	w.k, w.v = w.c.First()
	return w
}

// heads returns the revision IDs and kinds of record id's heads.
func (w *headWalker) heads(id model.ID) (revs [][32]byte, kinds []string) {
	if w.k == nil || bytes.Compare(w.k[:min(16, len(w.k))], id[:]) > 0 {
		w.k, w.v = w.c.Seek(id[:])
	}
	for w.k != nil && bytes.Compare(w.k[:min(16, len(w.k))], id[:]) < 0 {
		w.k, w.v = w.c.Next()
	}
	for ; w.k != nil && bytes.HasPrefix(w.k, id[:]); w.k, w.v = w.c.Next() {
		if len(w.k) != 48 {
			continue // reported as damage by the caller: no usable head
		}
		revs = append(revs, [32]byte(w.k[16:]))
		kinds = append(kinds, string(w.v))
	}
	return revs, kinds
}

// winner returns the revision record id shows: its only head, or the
// winner (revision.go) among several, which needs their revisions.
func (w *headWalker) winner(tx *bolt.Tx, k *kind, id model.ID) ([32]byte, error) {
	revs, kinds := w.heads(id)
	switch {
	case len(revs) == 0:
		return [32]byte{}, damaged(k, id, "no head revision")
	case len(revs) == 1:
		if k != nil && kinds[0] != k.name {
			return [32]byte{}, damaged(k, id, "its head is a %q revision", kinds[0])
		}
		return revs[0], nil
	}
	var rs []*rev
	for _, r := range revs {
		raw := w.revs.Get(r[:])
		if raw == nil {
			return [32]byte{}, damaged(k, id, "head revision %x is missing", r[:4])
		}
		d, err := decodeRev(r[:], raw)
		if err != nil {
			return [32]byte{}, damaged(k, id, "%v", err)
		}
		if d.Record != id || (k != nil && d.Kind != k.name) {
			return [32]byte{}, damaged(k, id, "head revision %x belongs to another record", r[:4])
		}
		rs = append(rs, d)
	}
	_, win := resolve(rs)
	return win.id, nil
}

// verifiedRevision returns the bytes of revision r, checked against its key.
func (w *headWalker) verifiedRevision(k *kind, id model.ID, r [32]byte) ([]byte, error) {
	raw := w.revs.Get(r[:])
	if raw == nil {
		return nil, damaged(k, id, "revision %x is missing", r[:4])
	}
	if sha256.Sum256(raw) != r {
		return nil, damaged(k, id, "revision %x is not the SHA-256 of its bytes", r[:4])
	}
	return raw, nil
}

// holdsPayload reports whether raw, a revision whose hash was checked, is a
// live revision of record id of kind k carrying exactly data. Revisions
// written by nguon end in ,"data":{…}} and start with the ID and the kind,
// so the common case needs no JSON decoding.
func holdsPayload(raw []byte, r [32]byte, id model.ID, k *kind, data []byte) bool {
	prefix := `{"id":"` + id.String() + `","kind":"` + k.name + `",`
	end := len(raw) - 1 - len(data)
	if len(data) > 0 && data[0] == '{' && end > len(prefix) && raw[len(raw)-1] == '}' &&
		bytes.HasPrefix(raw, []byte(prefix)) && bytes.Equal(raw[end:len(raw)-1], data) &&
		bytes.HasSuffix(raw[:end], []byte(`,"data":`)) &&
		bytes.Contains(raw[:end], []byte(`,"deleted":false,`)) {
		return true
	}
	d, err := decodeRev(r[:], raw)
	return err == nil && d.Record == id && d.Kind == k.name && !d.Deleted && bytes.Equal(d.Data, data)
}

// verifyCurrent checks data, read from cur_<k>[id], against the record's
// winning revision.
func verifyCurrent(tx *bolt.Tx, w *headWalker, k *kind, id model.ID, data []byte) error {
	if w == nil {
		w = newHeadWalker(tx)
	}
	r, err := w.winner(tx, k, id)
	if err != nil {
		return err
	}
	raw, err := w.verifiedRevision(k, id, r)
	if err != nil {
		return err
	}
	if !holdsPayload(raw, r, id, k, data) {
		return damaged(k, id, "the current value is not the data of revision %x", r[:4])
	}
	return nil
}

// verifyRow decodes the row stored for candidate id, checked against the
// record's winning revision. A row of version 1 (a file not yet migrated)
// carries no checksum: it is made again from the verified current record.
func verifyRow(tx *bolt.Tx, w *headWalker, id model.ID, row []byte) (model.CandidateRow, error) {
	if len(row) > 0 && row[0] == rowVersion {
		data := tx.Bucket(bucketCurCandidates).Get(id[:])
		if data == nil {
			return model.CandidateRow{}, damaged(kindCandidate, id, "a row without a current record")
		}
		if err := verifyCurrent(tx, w, kindCandidate, id, data); err != nil {
			return model.CandidateRow{}, err
		}
		var c model.Candidate
		if err := json.Unmarshal(data, &c); err != nil {
			return model.CandidateRow{}, damaged(kindCandidate, id, "%v", err)
		}
		return c.Row(), nil
	}
	r, err := w.winner(tx, kindCandidate, id)
	if err != nil {
		return model.CandidateRow{}, err
	}
	if !rowSealedBy(row, r) {
		return model.CandidateRow{}, damaged(kindCandidate, id, "the list row does not match its checksum")
	}
	out, err := decodeRow(row)
	if err != nil || out.ID != id {
		return model.CandidateRow{}, damaged(kindCandidate, id, "the list row is malformed")
	}
	return out, nil
}

// maxDamaged caps what verifyAll reports: a file with thousands of damaged
// records is described well enough by the first of them.
const maxDamaged = 100

// verifyAll verifies every revision against its key and every current
// value and row against its record's winning revision, in both directions.
func verifyAll(tx *bolt.Tx) []*DamageError {
	v := &verifier{tx: tx, seen: map[model.ID]bool{}, buckets: map[string]*bolt.Bucket{}}
	for _, name := range append([][]byte{bucketRevs}, derivedBuckets...) {
		v.buckets[string(name)] = tx.Bucket(name)
	}
	v.meta()
	v.revisions()
	v.index()
	v.current()
	for _, k := range kinds {
		v.extra(k.cur, k, func(id model.ID) bool { w, ok := v.live[id]; return ok && w == k })
	}
	v.extra(bucketRowsCand, kindCandidate, func(id model.ID) bool { return v.live[id] == kindCandidate })
	return v.out
}

type verifier struct {
	tx       *bolt.Tx
	buckets  map[string]*bolt.Bucket
	raws     map[[32]byte][]byte // every sound revision's bytes, by key (bbolt memory, valid in tx)
	bad      map[[32]byte]bool   // revisions that do not match their key
	recrevs  [][]byte            // what recrevs must hold: record ID ‖ revision ID of every sound revision
	maxClock HLC                 // the highest clock of the revisions
	live     map[model.ID]*kind  // records whose winner is live, and their kind
	seen     map[model.ID]bool   // records already reported
	unnamed  []unnamedRev
	out      []*DamageError
}

func (v *verifier) bucket(name []byte) *bolt.Bucket { return v.buckets[string(name)] }

// meta checks the meta entries, as Check does.
func (v *verifier) meta() {
	for _, p := range checkMetaBucket(v.tx) {
		v.report(&DamageError{Kind: kindMeta, Cause: p})
	}
}

func (v *verifier) report(e *DamageError) {
	if len(v.out) < maxDamaged && (e.ID.IsZero() || !v.seen[e.ID]) {
		v.seen[e.ID] = true
		v.out = append(v.out, e)
	}
}

// revisions hashes every revision; a damaged one is reported under the
// record it seems to belong to, as far as its bytes still say.
func (v *verifier) revisions() {
	v.bad = map[[32]byte]bool{}
	revs := v.bucket(bucketRevs)
	v.raws = make(map[[32]byte][]byte, revs.Stats().KeyN)
	c := revs.Cursor()
	for k, raw := c.First(); k != nil; k, raw = c.Next() {
		if len(k) == 32 && sha256.Sum256(raw) == [32]byte(k) {
			v.raws[[32]byte(k)] = raw
			id, clock, ok := revisionHead(raw)
			if !ok {
				r, err := decodeRev(k, raw)
				if err != nil {
					v.report(&DamageError{Cause: err})
					continue
				}
				id, clock = r.Record, r.Clock
			}
			v.recrevs = append(v.recrevs, recKey(id, k))
			if clock.Compare(v.maxClock) > 0 {
				v.maxClock = clock
			}
			continue
		}
		var key [32]byte
		copy(key[:], k)
		v.bad[key] = true
		e := &DamageError{Cause: fmt.Errorf("revision %x is not the SHA-256 of its bytes", k[:min(4, len(k))])}
		var head struct {
			ID   model.ID `json:"id"`
			Kind string   `json:"kind"`
			Data struct {
				FullName string `json:"full_name"`
				Name     string `json:"name"`
			} `json:"data"`
		}
		if json.Unmarshal(raw, &head) == nil {
			e.ID, e.Kind, e.Name = head.ID, head.Kind, cmpOr(head.Data.FullName, head.Data.Name)
			if kindNamed(e.Kind) == nil {
				e.Kind = ""
			}
		}
		if e.ID.IsZero() {
			v.unnamed = append(v.unnamed, unnamedRev{key: key, e: e})
			continue
		}
		v.report(e)
	}
	v.nameRevisions()
}

// unnamedRev is a damaged revision whose bytes no longer say whose it is.
type unnamedRev struct {
	key [32]byte
	e   *DamageError
}

// nameRevisions finds, through recrevs, the records of damaged revisions
// whose own bytes no longer name them.
func (v *verifier) nameRevisions() {
	if len(v.unnamed) == 0 {
		return
	}
	c := v.tx.Bucket(bucketRecRevs).Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		if len(k) != 48 {
			continue
		}
		for _, u := range v.unnamed {
			if u.e.ID.IsZero() && [32]byte(k[16:]) == u.key {
				u.e.ID = model.ID(k[:16])
				if hk := v.headKind(u.e.ID); hk != nil {
					u.e.Kind = hk.name
					u.e.Name = nameOf(v.tx, hk, u.e.ID)
				}
			}
		}
	}
	for _, u := range v.unnamed {
		v.report(u.e)
	}
}

// headKind is the kind the heads bucket gives record id, or nil.
func (v *verifier) headKind(id model.ID) *kind {
	k, val := v.tx.Bucket(bucketHeads).Cursor().Seek(id[:])
	if k == nil || !bytes.HasPrefix(k, id[:]) {
		return nil
	}
	return kindNamed(string(val))
}

// index compares recrevs with the revisions, and the file's clock with the
// highest of theirs.
func (v *verifier) index() {
	slices.SortFunc(v.recrevs, bytes.Compare)
	c := v.tx.Bucket(bucketRecRevs).Cursor()
	k, _ := c.First()
	i := 0
	for k != nil || i < len(v.recrevs) {
		switch {
		case k == nil || (i < len(v.recrevs) && bytes.Compare(v.recrevs[i], k) < 0):
			v.report(damaged(nil, recordOf(v.recrevs[i]), "recrevs lacks revision %x", v.recrevs[i][16:20]))
			i++
		case i >= len(v.recrevs) || bytes.Compare(k, v.recrevs[i]) < 0:
			if len(k) != 48 || !v.bad[[32]byte(k[16:])] {
				v.report(damaged(nil, recordOf(k), "recrevs names revision %x, which is not there", k[min(16, len(k)):min(20, len(k))]))
			}
			k, _ = c.Next()
		default:
			i++
			k, _ = c.Next()
		}
	}
	if hlc, err := decodeHLC(v.tx.Bucket(bucketMeta).Get(metaHLC)); err == nil && hlc.Compare(v.maxClock) < 0 {
		v.report(&DamageError{Kind: kindMeta, Cause: fmt.Errorf("the file clock %v is behind its newest revision %v", hlc, v.maxClock)})
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

// current walks the heads and checks each record's current value and row.
func (v *verifier) current() {
	v.live = map[model.ID]*kind{}
	w := newHeadWalker(v.tx)
	hc := v.tx.Bucket(bucketHeads).Cursor()
	var prev model.ID
	for k, val := hc.First(); k != nil; k, val = hc.Next() {
		if len(k) != 48 {
			v.report(&DamageError{ID: recordOf(k), Cause: fmt.Errorf("heads key %x is malformed", k)})
			continue
		}
		id := model.ID(k[:16])
		if id == prev {
			continue
		}
		prev = id
		k := kindNamed(string(val))
		if k == nil {
			v.report(damaged(nil, id, "its head names an unknown kind %q", val))
			continue
		}
		if err := v.record(w, k, id); err != nil {
			if de, ok := asDamage(err); ok {
				if de.Name == "" {
					de.Name = nameOf(v.tx, k, id)
				}
				v.report(de)
			}
		}
	}
}

// record checks one record, whose heads say it is of kind k.
func (v *verifier) record(w *headWalker, k *kind, id model.ID) error {
	r, err := w.winner(v.tx, k, id)
	if err != nil {
		return err
	}
	if v.bad[r] {
		return damaged(k, id, "its current revision %x is damaged", r[:4])
	}
	raw := v.raws[r]
	if raw == nil {
		return damaged(k, id, "its current revision %x is missing", r[:4])
	}
	cur := v.bucket(k.cur).Get(id[:])
	if cur == nil {
		d, err := decodeRev(r[:], raw)
		if err != nil || d.Record != id || d.Kind != k.name {
			return damaged(k, id, "its current revision %x is not one of its own", r[:4])
		}
		if !d.Deleted {
			return damaged(k, id, "the current value is missing")
		}
		if v.bucket(bucketRowsCand).Get(id[:]) != nil {
			return damaged(k, id, "a deleted candidate still has a list row")
		}
		return nil
	}
	if !holdsPayload(raw, r, id, k, cur) {
		return damaged(k, id, "the current value is not the data of revision %x", r[:4])
	}
	v.live[id] = k
	if k != kindCandidate {
		return nil
	}
	row := v.bucket(bucketRowsCand).Get(id[:])
	switch {
	case row == nil:
		return damaged(k, id, "the list row is missing")
	case row[0] == rowVersion:
		return nil // made again from the record when read
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
	for key, val := c.First(); key != nil; key, val = c.Next() {
		if len(key) != 16 {
			v.report(damaged(k, recordOf(key), "bucket %s has a malformed key %x", name, key))
			continue
		}
		if id := model.ID(key); !ok(id) && !v.seen[id] {
			e := damaged(k, id, "bucket %s holds a record without a live revision", name)
			e.Name = nameIn(val)
			v.report(e)
		}
	}
}

// nameOf is a damaged record's name as its current value still says it
// (only ever shown as the name of something damaged).
func nameOf(tx *bolt.Tx, k *kind, id model.ID) string {
	return nameIn(tx.Bucket(k.cur).Get(id[:]))
}

func nameIn(data []byte) string {
	var v struct {
		FullName string `json:"full_name"`
		Name     string `json:"name"`
	}
	if json.Unmarshal(data, &v) != nil {
		return ""
	}
	return cmpOr(v.FullName, v.Name)
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// damageName fills in the name of a record found damaged while reading.
func damageName(tx *bolt.Tx, e *DamageError) *DamageError {
	if e.Name == "" {
		if k := kindNamed(e.Kind); k != nil {
			e.Name = nameOf(tx, k, e.ID)
		}
	}
	return e
}
