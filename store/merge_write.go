package store

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"iter"
	"maps"
	"strings"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Phase 2 of a merge: the copies are read again, side by side in record
// order, and the revisions phase 1 admitted are stored.
//
// bbolt keeps every value put in a transaction until it commits, and then
// writes every page the transaction changed into memory of its own before
// writing them out: one transaction for a 100,000-candidate copy held its
// 90 MB of revisions and some 140 MB of new pages at once. So the
// revisions are stored in transactions of at most maxMergeTxRecords
// records or about maxMergeTxBytes bytes, records in key order across all
// copies. A record changes a page of each of four or five buckets, so
// records spread over a large file change that many pages each; in key
// order, each transaction changes the pages after the last one's, and no
// page is written twice. Each transaction leaves the file sound (a
// record's revisions and derived buckets change together); phase 1 has
// already refused any bad copy, so what can still stop a merge part way is
// a full disk, or a copy changed between the phases. The file then holds
// part of the copies, which merging them again completes, and the
// automatic backup made before the merge holds the file as it was.

// The size of one transaction of a merge: some 40 MB at the most.
const (
	maxMergeTxRecords = 2048
	maxMergeTxBytes   = 8 << 20
)

// PartlyMergedError is a merge that stopped after some of its
// transactions had committed: the file is sound and holds part of the
// copies.
type PartlyMergedError struct{ Err error }

func (e *PartlyMergedError) Error() string { return e.Text().VI }
func (e *PartlyMergedError) Unwrap() error { return e.Err }
func (e *PartlyMergedError) Text() model.Text {
	t := model.Text{VI: model.Message(e.Err, model.VI), EN: model.Message(e.Err, model.EN)}
	return model.Text{
		VI: strings.TrimSuffix(t.VI, ".") + "; tệp dữ liệu đã nhận một phần các bản sao, hãy gộp lại để hoàn tất.",
		EN: strings.TrimSuffix(t.EN, ".") + "; the data file holds part of the copies, so merge again to finish."}
}

// ErrCopyChanged refuses a copy whose contents changed during the merge.
var ErrCopyChanged = newError("bản sao đã thay đổi trong lúc gộp", "the copy changed during the merge")

// copyStream is one copy's revs, read in key order a revision at a time.
type copyStream struct {
	c    *mergeCopy
	next func() ([]byte, []byte, bool)
	stop func()
	err  error
	k, v []byte // the revision ahead, nil at the end
	news int    // admitted revisions met again
}

func (st *copyStream) advance() {
	var ok bool
	if st.k, st.v, ok = st.next(); !ok {
		st.k, st.v = nil, nil
	}
}

// writeCopies is phase 2. The settings of other files go apart first.
func (s *Store) writeCopies(copies []*mergeCopy, now time.Time) (err error) {
	hints := map[[32]byte][]byte{}
	apart := map[[32]byte][]byte{}
	for _, c := range copies {
		maps.Copy(hints, c.rows)
		maps.Copy(apart, c.apart)
	}
	s.rowHints = hints
	defer func() { s.rowHints = nil }()
	var streams []*copyStream
	for _, c := range copies {
		st := &copyStream{c: c}
		st.next, st.stop = iter.Pull2(c.file.bucket(bucketRevs, &st.err))
		defer st.stop()
		st.advance()
		streams = append(streams, st)
	}
	committed, done := false, false
	for !done {
		err := s.update(func(tx *bolt.Tx) error {
			if !committed {
				if err := putApart(tx, apart); err != nil {
					return err
				}
			}
			// Only records with something new count: most of a copy is
			// usually what this file has already.
			for size, recs := 0, 0; size < maxMergeTxBytes && recs < maxMergeTxRecords; {
				rec, ok := nextRecord(streams)
				if !ok {
					done = true
					break
				}
				n, err := writeRecord(tx, streams, rec)
				if err != nil {
					return err
				}
				if n > 0 {
					size, recs = size+n, recs+1
				}
			}
			if !done {
				return nil
			}
			for _, st := range streams {
				if st.err != nil || st.news != len(st.c.news) { // a copy cut short since phase 1
					return &CopyError{Path: st.c.res.Path, Err: wrap(ErrCopyChanged, errors.Join(st.err, errors.New("revisions are missing")))}
				}
			}
			for _, c := range copies {
				c.countUnchanged()
			}
			return stampCommunes(&Tx{s: s, tx: tx, now: now}, copies)
		})
		if err != nil {
			if committed {
				return &PartlyMergedError{Err: err}
			}
			return err
		}
		committed = true
	}
	return nil
}

// nextRecord is the lowest record ahead in any stream.
func nextRecord(streams []*copyStream) (model.ID, bool) {
	var rec []byte
	for _, st := range streams {
		if st.k != nil && (rec == nil || bytes.Compare(st.k[:16], rec) < 0) {
			rec = st.k[:16]
		}
	}
	if rec == nil {
		return model.ID{}, false
	}
	return model.ID(rec), true
}

// writeRecord stores what every copy, in the order given, brings of record
// rec, and returns how many bytes that was.
func writeRecord(tx *bolt.Tx, streams []*copyStream, rec model.ID) (int, error) {
	size := 0
	for _, st := range streams {
		var raws [][]byte
		for ; st.k != nil && model.ID(st.k[:16]) == rec; st.advance() {
			id := [32]byte(st.k[16:])
			switch {
			case st.c.news[id]:
				if sha256.Sum256(st.v) != id {
					return 0, &CopyError{Path: st.c.res.Path, Err: wrap(ErrCopyChanged, fmt.Errorf("revision %x", id[:4]))}
				}
				raws = append(raws, bytes.Clone(st.v)) // bbolt keeps it until the commit
				size += len(st.v)
				st.news++
			case rec == settingsID && !st.c.same, haveRevision(tx, rec, id):
			default: // neither admitted nor ours: not what phase 1 read
				return 0, &CopyError{Path: st.c.res.Path, Err: wrap(ErrCopyChanged, fmt.Errorf("revision %x", id[:4]))}
			}
		}
		if st.err != nil {
			return 0, &CopyError{Path: st.c.res.Path, Err: st.err}
		}
		if len(raws) > 0 {
			if err := st.c.addRecord(tx, rec, raws); err != nil {
				return 0, &CopyError{Path: st.c.res.Path, Err: err}
			}
		}
	}
	return size, nil
}
