package store

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// RevisionInfo describes one stored revision of a record.
type RevisionInfo struct {
	ID      string   // hex SHA-256 of the revision's bytes
	Parents []string // hex IDs of the revisions it replaced
	Clock   HLC
	Device  string
	Deleted bool
	At      time.Time // the writing laptop's wall time; Clock orders, At informs
}

// kind is a record type: its name inside revisions and its current bucket.
type kind struct {
	name string
	cur  []byte
}

var (
	kindCell      = &kind{"cell", bucketCurCells}
	kindCandidate = &kind{"candidate", bucketCurCandidates}
	kindClass     = &kind{"class", bucketCurClasses}
	kindMeeting   = &kind{"meeting", bucketCurMeetings}
	kindSettings  = &kind{"settings", bucketCurSettings}
	kinds         = []*kind{kindCell, kindCandidate, kindClass, kindMeeting, kindSettings}
)

func kindNamed(name string) *kind {
	for _, k := range kinds {
		if k.name == name {
			return k
		}
	}
	return nil
}

// settingsID is the one settings record's fixed ID, the same in every file,
// so that merged copies converge on one settings record.
var settingsID = model.ID{15: 1}

// revision is the stored form. Field order is the byte order on disk, and
// the revision ID is the SHA-256 of exactly these bytes.
type revision struct {
	Record  model.ID        `json:"id"`
	Kind    string          `json:"kind"`
	Parents []string        `json:"parents"`
	Clock   HLC             `json:"clock"`
	Device  string          `json:"device"`
	Deleted bool            `json:"deleted"`
	Schema  int             `json:"schema"`
	At      string          `json:"at"`
	Data    json.RawMessage `json:"data"`
}

// atLayout is RFC 3339 with milliseconds.
const atLayout = "2006-01-02T15:04:05.000Z07:00"

// rev is a decoded revision with its ID.
type rev struct {
	revision
	id      [32]byte
	parents [][32]byte
}

// encode returns the revision's bytes and ID. Payloads from json.Marshal are
// already compact, so Data is embedded byte for byte.
func (r revision) encode() ([]byte, [32]byte, error) {
	if r.Parents == nil {
		r.Parents = []string{}
	}
	b, err := json.Marshal(r)
	if err != nil {
		return nil, [32]byte{}, err
	}
	return b, sha256.Sum256(b), nil
}

// decodeRev reads the revision stored under key, checking that key is its hash.
func decodeRev(key, val []byte) (*rev, error) {
	sum := sha256.Sum256(val)
	if !bytes.Equal(key, sum[:]) {
		return nil, fmt.Errorf("revision %x: key is not the SHA-256 of its bytes", key)
	}
	r := &rev{id: sum}
	fast := false
	r.revision, r.parents, fast = parseRevision(val)
	if !fast {
		r.revision, r.parents = revision{}, nil
		if err := json.Unmarshal(val, &r.revision); err != nil {
			return nil, fmt.Errorf("revision %x: %w", key, err)
		}
	}
	switch {
	case r.Record.IsZero():
		return nil, fmt.Errorf("revision %x: no record ID", key)
	case kindNamed(r.Kind) == nil:
		return nil, fmt.Errorf("revision %x: unknown kind %q", key, r.Kind)
	case r.Schema > model.SchemaVersion:
		return nil, fmt.Errorf("revision %x: schema %d is newer than %d", key, r.Schema, model.SchemaVersion)
	case !r.Deleted && (len(r.Data) == 0 || r.Data[0] != '{'):
		return nil, fmt.Errorf("revision %x: live revision without a JSON object", key)
	}
	if _, err := time.Parse(time.RFC3339, r.At); err != nil {
		return nil, fmt.Errorf("revision %x: at: %w", key, err)
	}
	for _, p := range r.Parents {
		if fast {
			break // parsed as they were read
		}
		var id [32]byte
		if n, err := hex.Decode(id[:], []byte(p)); err != nil || n != 32 || len(p) != 64 {
			return nil, fmt.Errorf("revision %x: bad parent %q", key, p)
		}
		r.parents = append(r.parents, id)
	}
	return r, nil
}

func (r *rev) info() RevisionInfo {
	at, _ := time.Parse(time.RFC3339, r.At)
	return RevisionInfo{ID: hex.EncodeToString(r.id[:]), Parents: slices.Clone(r.Parents),
		Clock: r.Clock, Device: r.Device, Deleted: r.Deleted, At: at}
}

// beats reports whether a wins over b as the displayed revision: live
// before deleted, then higher clock, then device, then revision ID, so
// every laptop picks the same winner from the same revisions.
func beats(a, b *rev) bool {
	if a.Deleted != b.Deleted {
		return !a.Deleted
	}
	if c := a.Clock.Compare(b.Clock); c != 0 {
		return c > 0
	}
	if a.Device != b.Device {
		return a.Device > b.Device
	}
	return bytes.Compare(a.id[:], b.id[:]) > 0
}

// resolve returns a record's heads (sorted by ID) and the winner among them.
func resolve(revs []*rev) (heads []*rev, winner *rev) {
	named := make(map[[32]byte]bool)
	for _, r := range revs {
		for _, p := range r.parents {
			named[p] = true
		}
	}
	for _, r := range revs {
		if !named[r.id] {
			heads = append(heads, r)
			if winner == nil || beats(r, winner) {
				winner = r
			}
		}
	}
	slices.SortFunc(heads, func(a, b *rev) int { return bytes.Compare(a.id[:], b.id[:]) })
	return heads, winner
}

// orderRevs sorts revisions oldest first. Clocks respect causality (a
// child's clock is above its parents'), so this is also a topological order.
func orderRevs(revs []*rev) {
	slices.SortFunc(revs, func(a, b *rev) int {
		if c := a.Clock.Compare(b.Clock); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Device, b.Device); c != 0 {
			return c
		}
		return bytes.Compare(a.id[:], b.id[:])
	})
}

func recKey(id model.ID, revID []byte) []byte {
	k := make([]byte, 0, 48)
	return append(append(k, id[:]...), revID...)
}

// headEntry is one row of the heads bucket.
type headEntry struct {
	rev  [32]byte
	kind string
}

func headsOf(tx *bolt.Tx, id model.ID) []headEntry {
	var out []headEntry
	c := tx.Bucket(bucketHeads).Cursor()
	for k, v := c.Seek(id[:]); k != nil && bytes.HasPrefix(k, id[:]); k, v = c.Next() {
		var h headEntry
		copy(h.rev[:], k[16:])
		h.kind = string(v)
		out = append(out, h)
	}
	return out
}

// revsOf loads every revision of one record: its keys in revs all start
// with the record ID.
func revsOf(tx *bolt.Tx, id model.ID) ([]*rev, error) {
	var out []*rev
	c := tx.Bucket(bucketRevs).Cursor()
	for k, v := c.Seek(id[:]); k != nil && bytes.HasPrefix(k, id[:]); k, v = c.Next() {
		r, err := decodeRevAt(k, v)
		if err != nil {
			return nil, wrap(ErrCorrupt, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// decodeRevAt decodes the revision stored under key (record ID ‖ revision
// ID), checking that it belongs to that record.
func decodeRevAt(key, val []byte) (*rev, error) {
	if len(key) != 48 {
		return nil, fmt.Errorf("revision key %x is malformed", key)
	}
	r, err := decodeRev(key[16:], val)
	if err == nil && r.Record != model.ID(key[:16]) {
		err = fmt.Errorf("revision %x is filed under record %s but belongs to %s", key[16:20], model.ID(key[:16]), r.Record)
	}
	return r, err
}

// revisionAt returns the bytes of revision r of record id, or nil.
func revisionAt(tx *bolt.Tx, id model.ID, r [32]byte) []byte {
	return tx.Bucket(bucketRevs).Get(recKey(id, r[:]))
}

// idBucket opens a bucket keyed by record ID for writing. UUIDv7 IDs grow
// with time, so new keys land at the end: packing pages fuller than bbolt's
// default half (which suits random keys) keeps a 100,000-record file about
// a third smaller. revs is keyed by record ID first for the same reason.
func idBucket(tx *bolt.Tx, name []byte) *bolt.Bucket {
	b := tx.Bucket(name)
	b.FillPercent = 0.9
	return b
}

// revsBucket opens revs for writing. Its keys start with the record's
// UUIDv7, so a new record's revision lands at the end: filling each page
// before starting the next packs them (a revision is about 1 KB, so a
// 90% threshold would often close a page with three instead of four).
func revsBucket(tx *bolt.Tx) *bolt.Bucket {
	b := tx.Bucket(bucketRevs)
	b.FillPercent = 1
	return b
}

// addRevision stores a revision made elsewhere (a merged copy, or a test
// forging a conflict) and re-derives its record. Storing one twice is a no-op.
func addRevision(tx *bolt.Tx, raw []byte) error {
	sum := sha256.Sum256(raw)
	r, err := decodeRev(sum[:], raw)
	if err != nil {
		return wrap(ErrCorrupt, err)
	}
	key := recKey(r.Record, sum[:])
	revs := revsBucket(tx)
	if revs.Get(key) != nil {
		return nil
	}
	for _, h := range headsOf(tx, r.Record) {
		if h.kind != r.Kind {
			return ErrWrongKind
		}
	}
	if err := revs.Put(key, raw); err != nil {
		return err
	}
	if err := bumpHLC(tx, r.Clock); err != nil {
		return err
	}
	return refreshRecord(tx, r.Record)
}

// refreshRecord recomputes one record's heads, current payload and row
// from its revisions.
func refreshRecord(tx *bolt.Tx, id model.ID) error {
	revs, err := revsOf(tx, id)
	if err != nil {
		return err
	}
	hb := idBucket(tx, bucketHeads)
	for _, h := range headsOf(tx, id) {
		if err := hb.Delete(recKey(id, h.rev[:])); err != nil {
			return err
		}
	}
	heads, winner := resolve(revs)
	if winner == nil {
		return wrap(ErrCorrupt, fmt.Errorf("record %s has no head revision", id))
	}
	for _, h := range heads {
		if err := hb.Put(recKey(id, h.id[:]), []byte(h.Kind)); err != nil {
			return err
		}
	}
	k := kindNamed(winner.Kind)
	return putCurrent(tx, k, id, winner.id, winner.Data, winner.Deleted)
}

// putCurrent points the record at its winning revision rev (or, for a
// tombstone, removes the pointer) and, for candidates, writes its list row
// sealed with rev's ID. data is rev's payload, kept only in rev.
func putCurrent(tx *bolt.Tx, k *kind, id model.ID, rev [32]byte, data []byte, deleted bool) error {
	cur := idBucket(tx, k.cur)
	if deleted {
		if err := cur.Delete(id[:]); err != nil {
			return err
		}
		if k == kindCandidate {
			return idBucket(tx, bucketRowsCand).Delete(id[:])
		}
		return nil
	}
	if err := cur.Put(id[:], rev[:]); err != nil {
		return err
	}
	if k == kindCandidate {
		if s := storeOf(tx); s != nil && s.rowHints[rev] != nil {
			return idBucket(tx, bucketRowsCand).Put(id[:], s.rowHints[rev])
		}
		row, err := rowFromPayload(data, rev)
		if err != nil {
			return wrap(ErrCorrupt, err)
		}
		return idBucket(tx, bucketRowsCand).Put(id[:], row)
	}
	return nil
}

func rowFromPayload(data []byte, rev [32]byte) ([]byte, error) {
	var c model.Candidate
	if err := model.DecodeCandidate(data, &c); err != nil {
		return nil, err
	}
	return sealRow(c.Row(), rev), nil
}

// Revisions lists a record's revisions, oldest first.
func (s *Store) Revisions(id model.ID) ([]RevisionInfo, error) {
	var out []RevisionInfo
	err := s.view(func(tx *bolt.Tx) error {
		revs, err := revsOf(tx, id)
		if err != nil {
			return err
		}
		orderRevs(revs)
		for _, r := range revs {
			out = append(out, r.info())
		}
		return nil
	})
	if err == nil && len(out) == 0 {
		err = ErrNotFound
	}
	return out, err
}

// Conflicts lists the records that have more than one head: edits made on
// different copies that a person should reconcile (saving resolves one).
// Heads that are all deletions are not one: the copies agree that the
// record is gone, and there would be nothing to save to resolve it.
func (s *Store) Conflicts() ([]model.ID, error) {
	var out []model.ID
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketHeads).Cursor()
		var prev []byte
		for k, _ := c.First(); k != nil; k, _ = c.Next() {
			if prev != nil && bytes.Equal(prev, k[:16]) {
				if id := model.ID(k[:16]); (len(out) == 0 || out[len(out)-1] != id) && !allDeleted(tx, id) {
					out = append(out, id)
				}
			}
			prev = k[:16:16]
		}
		return nil
	})
	return out, err
}

// allDeleted reports whether every head of record id is a deletion.
func allDeleted(tx *bolt.Tx, id model.ID) bool {
	for _, h := range headsOf(tx, id) {
		r, err := decodeRevAt(recKey(id, h.rev[:]), revisionAt(tx, id, h.rev))
		if err != nil || !r.Deleted {
			return false // a damaged head is left for the check to name
		}
	}
	return true
}
