package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"runtime"
	"sync"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Candidate rows are kept in a small binary form: decoding 100,000 of them
// from JSON took far longer than opening the file should (see
// BenchmarkRowDecode). Layout, after a version byte:
//
//	ID [16] | Name | Sex | DOB | CCCD | Village | Source | Cell [16] | Stage | Since |
//	Outcome | ExtCert | CellVote | Decision | Ceremony | RecVote
//
// strings are uvarint length + UTF-8 bytes, dates uvarint yyyymmdd. A new
// CandidateRow field means a new version and a migration that rebuilds rows.
//
// Version 2 (written since the migration v2-row-check) is the same fields
// followed by 8 bytes: the start of SHA-256(the row's bytes before them ‖
// the ID of the revision the row was made from), so that a row can be
// checked against its record's winning revision without decoding the
// record (verify.go). Version 1 rows, in files not yet migrated, are made
// again from the verified record when read.
const (
	rowVersion       = 1
	rowVersionSealed = 2
	rowSumSize       = 8
)

// sealRow is the version 2 row of r, made from revision rev.
func sealRow(r model.CandidateRow, rev [32]byte) []byte {
	b := encodeRow(r)
	b[0] = rowVersionSealed
	sum := rowSum(b, rev)
	return append(b, sum[:rowSumSize]...)
}

func rowSum(body []byte, rev [32]byte) [32]byte {
	h := sha256.New()
	h.Write(body)
	h.Write(rev[:])
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// rowSealedBy reports whether row is a version 2 row made from revision rev.
func rowSealedBy(row []byte, rev [32]byte) bool {
	if len(row) <= rowSumSize || row[0] != rowVersionSealed {
		return false
	}
	body := row[:len(row)-rowSumSize]
	sum := rowSum(body, rev)
	return bytes.Equal(sum[:rowSumSize], row[len(body):])
}

var errRow = errors.New("malformed candidate row")

func encodeRow(r model.CandidateRow) []byte {
	b := make([]byte, 0, 64+len(r.Name)+len(r.CCCD)+len(r.Village))
	b = append(b, rowVersion)
	b = append(b, r.ID[:]...)
	b = appendStr(b, r.Name)
	b = appendStr(b, string(r.Sex))
	b = binary.AppendUvarint(b, uint64(uint32(r.DOB)))
	b = appendStr(b, r.CCCD)
	b = appendStr(b, r.Village)
	b = appendStr(b, string(r.Source))
	b = append(b, r.Cell[:]...)
	b = appendStr(b, string(r.Stage))
	b = binary.AppendUvarint(b, uint64(uint32(r.Since)))
	b = appendStr(b, string(r.Outcome))
	for _, d := range []model.Date{r.ExtCert, r.CellVote, r.Decision, r.Ceremony, r.RecVote} {
		b = binary.AppendUvarint(b, uint64(uint32(d)))
	}
	return b
}

func appendStr(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// interned holds the enumeration codes, so decoding 100,000 rows does not
// allocate 400,000 copies of "youth" and "sympathizer".
var interned = func() map[string]string {
	m := map[string]string{"": ""}
	for _, opts := range [][]model.Option{model.Sexes, model.SourceGroups, model.Stages, model.Outcomes} {
		for _, o := range opts {
			m[o.Code] = o.Code
		}
	}
	return m
}()

type rowReader struct {
	b   []byte
	err bool
}

func (r *rowReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = true
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *rowReader) date() model.Date { return model.Date(int32(uint32(r.uvarint()))) }

func (r *rowReader) bytes() []byte {
	n := r.uvarint()
	if r.err || n > uint64(len(r.b)) {
		r.err = true
		return nil
	}
	v := r.b[:n]
	r.b = r.b[n:]
	return v
}

func (r *rowReader) str() string { return string(r.bytes()) }

func (r *rowReader) code() string {
	b := r.bytes()
	if s, ok := interned[string(b)]; ok {
		return s
	}
	return string(b)
}

func (r *rowReader) id() (id model.ID) {
	if len(r.b) < 16 {
		r.err = true
		return id
	}
	copy(id[:], r.b)
	r.b = r.b[16:]
	return id
}

// decodeRow reads an encoded row of either version (without checking a
// version 2 row's checksum: verifyRow does); it copies, so b may be bbolt
// memory.
func decodeRow(b []byte) (model.CandidateRow, error) {
	var row model.CandidateRow
	switch {
	case len(b) > rowSumSize && b[0] == rowVersionSealed:
		b = b[:len(b)-rowSumSize]
	case len(b) == 0 || b[0] != rowVersion:
		return row, errRow
	}
	r := rowReader{b: b[1:]}
	row.ID = r.id()
	row.Name = r.str()
	row.Sex = model.Sex(r.code())
	row.DOB = r.date()
	row.CCCD = r.str()
	row.Village = r.str()
	row.Source = model.SourceGroup(r.code())
	row.Cell = r.id()
	row.Stage = model.Stage(r.code())
	row.Since = r.date()
	row.Outcome = model.Outcome(r.code())
	row.ExtCert = r.date()
	row.CellVote = r.date()
	row.Decision = r.date()
	row.Ceremony = r.date()
	row.RecVote = r.date()
	if r.err || len(r.b) != 0 {
		return model.CandidateRow{}, errRow
	}
	return row, nil
}

// CandidateRows returns every live candidate's list row in creation order,
// read from the rows bucket without decoding the full records.
func (s *Store) CandidateRows() ([]model.CandidateRow, error) {
	var out []model.CandidateRow
	err := s.view(func(tx *bolt.Tx) (err error) {
		out, err = rowsOf(tx)
		return err
	})
	return out, err
}

// rowsOf reads every candidate row, each checked against its record's
// winning revision (verifyRow); damaged ones are skipped or fail the read
// as in list. Reading the keys and the heads is one pass of two cursors;
// hashing and decoding the rows, most of the time, is shared among the
// cores a chunk at a time while this goroutine reads the next chunk (the
// workers touch nothing of the transaction but the bytes). Two chunk
// buffers are reused: a whole list of 100,000 keys and rows was as many
// megabytes for the first frame to allocate, and on a fresh process every
// new page of memory is a page fault.
func rowsOf(tx *bolt.Tx) ([]model.CandidateRow, error) {
	b := tx.Bucket(bucketRowsCand)
	// Counting with a bare cursor pass costs a third of b.Stats() and far
	// less than growing a slice of 100,000 rows.
	n := 0
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	out := make([]model.CandidateRow, n)
	var bad []rowError
	var wg sync.WaitGroup
	verify := func(items []storedRow, base int) {
		workers := min(runtime.GOMAXPROCS(0), 1+len(items)/2048)
		for wk := range workers {
			wg.Go(func() {
				lo, hi := wk*len(items)/workers, (wk+1)*len(items)/workers
				i := lo
				// The rows lie in the map: a damaged page faults here, on
				// this goroutine, and ends as that row's damage.
				for i < hi {
					err := faultSafe(func() error {
						for ; i < hi; i++ {
							if st := &items[i]; st.err == nil {
								out[base+i], st.err = rowVerified(model.ID(st.key), st.row, st.winner)
							}
						}
						return nil
					})
					if err != nil {
						items[i].err = err
						i++
					}
				}
			})
		}
	}
	collect := func(items []storedRow, base int) {
		for i := range items {
			if items[i].err != nil {
				bad = append(bad, rowError{base + i, items[i].err})
			}
		}
	}
	bufs := [2][]storedRow{make([]storedRow, 0, rowChunk), make([]storedRow, 0, rowChunk)}
	cur, base := 0, 0
	var pending []storedRow
	pendingBase := 0
	w := newHeadWalker(tx)
	for k, v := c.First(); ; k, v = c.Next() {
		if k != nil && base+len(bufs[cur]) < n {
			st := storedRow{key: k, row: v}
			if len(k) != 16 {
				st.err = damaged(kindCandidate, recordOf(k), "malformed key %x", k)
			} else {
				st.winner, st.err = w.winner(kindCandidate, model.ID(k))
			}
			bufs[cur] = append(bufs[cur], st)
		}
		if len(bufs[cur]) == rowChunk || k == nil && len(bufs[cur]) > 0 {
			wg.Wait() // the chunk before, whose buffer is the other one
			collect(pending, pendingBase)
			verify(bufs[cur], base)
			pending, pendingBase = bufs[cur], base
			base += len(bufs[cur])
			cur ^= 1
			bufs[cur] = bufs[cur][:0]
		}
		if k == nil {
			break
		}
	}
	wg.Wait()
	collect(pending, pendingBase)
	s := storeOf(tx)
	anyDamage := s != nil && s.damage.any()
	if len(bad) == 0 && !anyDamage {
		return out, nil
	}
	kept := out[:0]
	for i := range out {
		var err error
		if len(bad) > 0 && bad[0].at == i {
			err, bad = bad[0].err, bad[1:]
		} else if anyDamage && s.damage.has(out[i].ID) {
			err = damaged(kindCandidate, out[i].ID, "found damaged when the file was opened")
		}
		if err == nil {
			kept = append(kept, out[i])
			continue
		}
		de, _ := asDamage(err)
		if de != nil && noteDamage(tx, damageName(tx, de)) {
			continue
		}
		return nil, readDamage(tx, err)
	}
	return kept, nil
}

// rowChunk rows are read, then verified on the cores, at a time (a
// variable for the tests, which make it small).
var rowChunk = 8192

// storedRow is a row as read, with its record's winning revision.
type storedRow struct {
	key, row []byte
	winner   [32]byte
	err      error
}

// rowError is a row that could not be used, by its place.
type rowError struct {
	at  int
	err error
}
