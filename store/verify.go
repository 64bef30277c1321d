package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Read verification. A revision's key ends with the SHA-256 of its bytes,
// and every derived value is a function of the revision it comes from, so
// each current record read is checked against its revision before anyone
// sees it (docs/file-format.md §11):
//
//   - cur_<kind>[id] must name the record's winning revision, whose key must
//     hold the SHA-256 of its bytes and which must be a live revision of
//     this record and kind; the payload shown is read from it (currentData);
//   - a candidate row carries the first 8 bytes of SHA-256(row ‖ winning
//     revision ID) (rows.go), so a row is checked without decoding the JSON
//     record it was made from (verifyRow).
//
// verifyAll (verify_all.go) does both for the whole file, in both
// directions, and hashes every revision: it is the record part of the check
// made on every open.

// headWalker finds records' heads by walking the heads bucket in key
// order alongside another bucket in key order; seek falls back to a
// cursor seek when asked for a record behind it.
type headWalker struct {
	c    *bolt.Cursor
	k, v []byte
	revs *bolt.Bucket
	rbuf [][32]byte // heads' results, reused: a walk reads 100,000 records
	kbuf []string
}

func newHeadWalker(tx *bolt.Tx) *headWalker {
	w := &headWalker{c: tx.Bucket(bucketHeads).Cursor(), revs: tx.Bucket(bucketRevs)}
	w.k, w.v = w.c.First()
	return w
}

// heads returns the revision IDs and kinds of record id's heads, valid
// until the next call.
func (w *headWalker) heads(id model.ID) (revs [][32]byte, kinds []string) {
	revs, kinds = w.rbuf[:0], w.kbuf[:0]
	defer func() { w.rbuf, w.kbuf = revs, kinds }()
	if w.k == nil || bytes.Compare(w.k[:min(16, len(w.k))], id[:]) > 0 {
		w.k, w.v = w.c.Seek(id[:])
	}
	// Callers that go through the records in order find the next one a
	// step or two on; a lookup far ahead (a single get) seeks instead of
	// walking the whole bucket.
	for steps := 0; w.k != nil && bytes.Compare(w.k[:min(16, len(w.k))], id[:]) < 0; steps++ {
		if steps == 8 {
			w.k, w.v = w.c.Seek(id[:])
			break
		}
		w.k, w.v = w.c.Next()
	}
	for ; w.k != nil && bytes.HasPrefix(w.k, id[:]); w.k, w.v = w.c.Next() {
		if len(w.k) != 48 {
			continue // reported as damage by the caller: no usable head
		}
		revs = append(revs, [32]byte(w.k[16:]))
		kinds = append(kinds, kindName(w.v))
	}
	return revs, kinds
}

// kindName is the name of the kind a heads value names, without
// allocating for the known ones.
func kindName(v []byte) string {
	for _, k := range kinds {
		if string(v) == k.name {
			return k.name
		}
	}
	return string(v)
}

// winner returns the revision record id shows: its only head, or the
// winner (revision.go) among several, which needs their revisions.
func (w *headWalker) winner(k *kind, id model.ID) ([32]byte, error) {
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
		raw := w.revs.Get(recKey(id, r[:]))
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

// verifiedRevision returns the bytes of revision r of record id, checked
// against its key.
func (w *headWalker) verifiedRevision(k *kind, id model.ID, r [32]byte) ([]byte, error) {
	raw := w.revs.Get(recKey(id, r[:]))
	if raw == nil {
		return nil, damaged(k, id, "revision %x is missing", r[:4])
	}
	if sha256.Sum256(raw) != r {
		return nil, damaged(k, id, "revision %x is not the SHA-256 of its bytes", r[:4])
	}
	return raw, nil
}

// payloadOf returns the payload of raw, a revision whose hash was checked,
// if it is a live revision of record id of kind k. Revisions written by
// nguon start with the ID and the kind and end in ,"data":{…}}, so the
// common case needs no JSON decoding; anything else is decoded.
func payloadOf(raw []byte, r [32]byte, id model.ID, k *kind) ([]byte, bool) {
	const dataKey = `,"data":`
	prefix := `{"id":"` + id.String() + `","kind":"` + k.name + `",`
	if i := bytes.Index(raw, []byte(dataKey)); i > len(prefix) && bytes.HasPrefix(raw, []byte(prefix)) &&
		raw[len(raw)-1] == '}' && len(raw) > i+len(dataKey)+1 && raw[i+len(dataKey)] == '{' &&
		bytes.Contains(raw[:i], []byte(liveMark)) {
		return raw[i+len(dataKey) : len(raw)-1], true
	}
	d, err := decodeRev(r[:], raw)
	if err != nil || d.Record != id || d.Kind != k.name || d.Deleted {
		return nil, false
	}
	return d.Data, true
}

// liveMark is what a live revision of the current payload schema holds
// just before its time; only a revision holding it takes the fast path of
// payloadOf (an older or stranger one is decoded).
var liveMark = fmt.Sprintf(`,"deleted":false,"schema":%d,"at":"`, model.SchemaVersion)

// currentData returns the payload of record id, whose cur_<k> value ptr
// must name its winning revision, verified against that revision.
func currentData(tx *bolt.Tx, w *headWalker, k *kind, id model.ID, ptr []byte) ([]byte, error) {
	if w == nil {
		w = newHeadWalker(tx)
	}
	r, err := w.winner(k, id)
	if err != nil {
		return nil, err
	}
	if !bytes.Equal(ptr, r[:]) {
		return nil, damaged(k, id, "the current pointer %x is not the winning revision %x", ptr[:min(4, len(ptr))], r[:4])
	}
	raw, err := w.verifiedRevision(k, id, r)
	if err != nil {
		return nil, err
	}
	data, ok := payloadOf(raw, r, id, k)
	if !ok {
		return nil, damaged(k, id, "revision %x is not a live revision of this record", r[:4])
	}
	return data, nil
}

// verifyRow decodes the row stored for candidate id, checked against the
// record's winning revision.
func verifyRow(tx *bolt.Tx, w *headWalker, id model.ID, row []byte) (model.CandidateRow, error) {
	r, err := w.winner(kindCandidate, id)
	if err != nil {
		return model.CandidateRow{}, err
	}
	return rowVerified(id, row, r)
}

// rowVerified decodes the row of candidate id, checked against its
// winning revision r.
func rowVerified(id model.ID, row []byte, r [32]byte) (model.CandidateRow, error) {
	if !rowSealedBy(row, r) {
		return model.CandidateRow{}, damaged(kindCandidate, id, "the list row does not match its checksum")
	}
	out, err := decodeRow(row)
	if err != nil || out.ID != id {
		return model.CandidateRow{}, damaged(kindCandidate, id, "the list row is malformed")
	}
	return out, nil
}

// nameOf is a damaged record's name as its current value still says it
// (only ever shown as the name of something damaged).
// The current revision is asked first; failing that, whichever of the
// record's revisions still names it.
func nameOf(tx *bolt.Tx, k *kind, id model.ID) string {
	if ptr := tx.Bucket(k.cur).Get(id[:]); len(ptr) == 32 {
		if n := nameIn(revisionAt(tx, id, [32]byte(ptr))); n != "" {
			return n
		}
	}
	c := tx.Bucket(bucketRevs).Cursor()
	for key, v := c.Seek(id[:]); key != nil && bytes.HasPrefix(key, id[:]); key, v = c.Next() {
		if n := nameIn(v); n != "" {
			return n
		}
	}
	return ""
}

// nameIn reads the name in a payload, or in the payload of a revision.
func nameIn(data []byte) string {
	var v struct {
		FullName string `json:"full_name"`
		Name     string `json:"name"`
		Data     *struct {
			FullName string `json:"full_name"`
			Name     string `json:"name"`
		} `json:"data"`
	}
	if json.Unmarshal(data, &v) != nil {
		return ""
	}
	if v.Data != nil {
		return cmpOr(v.Data.FullName, v.Data.Name)
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
