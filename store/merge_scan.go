package store

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"runtime"
	"sync"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Phase 1 of a merge for one copy: every revision of its revs is read,
// hashed, and, when this file lacks it, admitted (merge_admit.go). Checking
// a revision (hash, decode, normalise, validate) is most of the work, so
// the revisions are checked a batch at a time on every core while this
// goroutine reads the next batch; nothing of a batch is kept after it but
// the IDs of the revisions to store and the rows of new candidates.

// scanBatch is how many revisions are checked together.
const scanBatch = 512

// scanEntry is one revision of a batch: its bytes are arena[off:end].
type scanEntry struct {
	rec      model.ID
	id       [32]byte
	off, end int
	known    bool // this file has it already: only its hash is checked
}

type scanBatchT struct {
	arena   []byte
	entries []scanEntry
	out     []scanResult
	done    chan struct{}
}

// scanResult is what checking one revision found.
type scanResult struct {
	kind     string
	row      []byte
	settings *rev // a settings revision, decoded for the copy's commune
	err      error
}

// read is phase 1 for this copy, in ours (a read transaction of this file).
// Batches are taken back in the order they were read, so the record a
// refusal names does not depend on which core was quicker, and only a few
// batches are ever held.
func (c *mergeCopy) read(ours *bolt.Tx, now time.Time) error {
	cores := runtime.GOMAXPROCS(0)
	work := make(chan *scanBatchT, cores)
	var wg sync.WaitGroup
	for range cores {
		wg.Go(func() {
			for b := range work {
				b.check(now)
				close(b.done)
			}
		})
	}
	var inflight []*scanBatchT
	var settings []*rev
	collect := func(keep int) error {
		for len(inflight) > keep {
			b := inflight[0]
			inflight = inflight[1:]
			<-b.done
			if err := c.collect(ours, b, &settings); err != nil {
				return err
			}
		}
		return nil
	}
	cur := &scanBatchT{done: make(chan struct{})}
	submit := func() error {
		if len(cur.entries) == 0 {
			return nil
		}
		inflight = append(inflight, cur)
		work <- cur
		cur = &scanBatchT{arena: make([]byte, 0, len(cur.arena)), done: make(chan struct{})}
		return collect(cores + 1)
	}
	err := c.file.walk(bucketRevs, func(k, v []byte) error {
		if len(k) != 48 {
			return wrap(ErrCorrupt, fmt.Errorf("revs key %x is not a record ID and a revision ID", k))
		}
		rec, id := model.ID(k[:16]), [32]byte(k[16:])
		c.res.Revisions++
		if n := len(c.seen); n == 0 || c.seen[n-1] != rec { // keys sort by record first
			c.seen = append(c.seen, rec)
		}
		off := len(cur.arena)
		cur.arena = append(cur.arena, v...)
		cur.entries = append(cur.entries, scanEntry{rec: rec, id: id, off: off, end: len(cur.arena), known: haveRevision(ours, rec, id)})
		if len(cur.entries) == scanBatch {
			return submit()
		}
		return nil
	})
	if err == nil {
		err = submit()
	}
	if err == nil {
		err = collect(0)
	}
	close(work)
	wg.Wait()
	if err != nil {
		return err
	}
	c.settings = settingsOf(settings)
	return c.readApart(ours, now)
}

// collect takes in what checking batch b found.
func (c *mergeCopy) collect(ours *bolt.Tx, b *scanBatchT, settings *[]*rev) error {
	for i, e := range b.entries {
		r := b.out[i]
		if r.err != nil {
			return r.err
		}
		if r.settings != nil {
			*settings = append(*settings, r.settings)
		}
		if e.known {
			continue
		}
		if e.rec == settingsID && !c.same {
			if !haveApart(ours, e.id) {
				c.apart[e.id] = bytes.Clone(b.arena[e.off:e.end])
			}
			continue
		}
		if err := c.admitKind(ours, e.rec, r.kind); err != nil {
			err.Name = nameIn(b.arena[e.off:e.end])
			return err
		}
		c.res.New++
		c.news[e.id] = true
		if r.row != nil {
			c.rows[e.id] = r.row
		}
	}
	return nil
}

// admitKind refuses a revision that gives a record another kind than this
// file, or another revision of the copy, gives it.
func (c *mergeCopy) admitKind(ours *bolt.Tx, rec model.ID, kind string) *RecordRefusedError {
	had, ok := c.kinds[rec]
	if !ok {
		for _, h := range headsOf(ours, rec) {
			had, ok = h.kind, true
		}
	}
	if ok && had != kind {
		return &RecordRefusedError{Kind: kind, ID: rec, Why: whyKind}
	}
	c.kinds[rec] = kind
	return nil
}

// check checks every revision of the batch.
func (b *scanBatchT) check(now time.Time) {
	b.out = make([]scanResult, len(b.entries))
	for i, e := range b.entries {
		raw := b.arena[e.off:e.end]
		out := &b.out[i]
		if e.known {
			if sha256.Sum256(raw) != e.id {
				out.err = wrap(ErrCorrupt, fmt.Errorf("revision %x is not the SHA-256 of its bytes", e.id[:4]))
				continue
			}
			if e.rec == settingsID {
				if r, err := decodeRev(e.id[:], raw); err == nil {
					out.settings = r
				}
			}
			continue
		}
		a, err := admit(e.rec, e.id, raw, now)
		if err != nil {
			out.err = err
			continue
		}
		out.kind, out.row = a.rev.Kind, a.row
		if e.rec == settingsID {
			out.settings = a.rev
		}
	}
}

// readApart reads the settings of other files the copy keeps apart: each
// is admitted like any revision it brings.
func (c *mergeCopy) readApart(ours *bolt.Tx, now time.Time) error {
	return c.file.walk(bucketApart, func(k, v []byte) error {
		if len(k) != 32 {
			return wrap(ErrCorrupt, fmt.Errorf("%s key %x is not a revision ID", bucketApart, k))
		}
		id := [32]byte(k)
		if haveRevision(ours, settingsID, id) || haveApart(ours, id) {
			return nil
		}
		if _, err := admit(settingsID, id, v, now); err != nil {
			return err
		}
		c.apart[id] = bytes.Clone(v)
		return nil
	})
}
