package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"path/filepath"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Check verifies the whole open file and returns every problem found
// (empty when the file is sound): bbolt's own page check; every revision
// stored under its hash and readable; the derived buckets exactly what
// Rebuild would make; every current record valid (errors, not warnings);
// meta sane. It reads every revision: about 3 s for 100,000 candidates.
// It runs in this process, on a file that passed the check made when it
// was opened; Check(path) checks a file that may be damaged.
func (s *Store) Check() []error {
	var out []error
	if err := s.view(func(tx *bolt.Tx) error {
		out = checkTx(tx, model.DateOf(s.now()), true)
		return nil
	}); err != nil {
		out = append(out, err)
	}
	return out
}

// Check checks the file at path, in a child process (child.go), and
// returns every problem found: damaged records by name first, then every
// way the file differs from what its revisions say. The error is for a
// file that cannot be checked at all: in use, not a nguon file, truncated,
// torn, a damaged page, or a check that crashed or ran out of time or
// memory.
func Check(path string) ([]error, error) {
	CleanStale(filepath.Dir(path))
	in, err := inspect(path, modeCheck, model.DateOf(time.Now()), time.Second)
	if err != nil {
		return nil, err
	}
	if err := in.err(); err != nil {
		return nil, err
	}
	return in.problems(), nil
}

// maxMismatches caps what is reported per derived bucket: one bad bucket
// on a 100,000-record file should not print 100,000 lines.
const maxMismatches = 5

// checkTx checks everything; with validate false it skips record
// validation (a backup copies records whatever the rules say).
func checkTx(tx *bolt.Tx, today model.Date, validate bool) []error {
	var out []error
	for err := range tx.Check() {
		out = append(out, problem(model.ID{}, err, "Cấu trúc tệp bbolt hỏng", "The bbolt structure is damaged"))
	}
	if len(out) > 0 {
		return out // walking damaged pages further helps no one
	}
	var at *model.Date
	if validate {
		at = &today
	}
	return checkContent(tx, at)
}

// checkContent checks meta, the buckets and everything derived, on pages
// already known to be sound; with a date it validates every current record.
func checkContent(tx *bolt.Tx, validateAt *model.Date) []error {
	var out []error
	out = append(out, checkMetaBucket(tx)...)
	for _, name := range append([][]byte{bucketRevs}, derivedBuckets...) {
		if tx.Bucket(name) == nil {
			out = append(out, problem(model.ID{}, nil, "Thiếu ngăn %s", "Bucket %s is missing", name))
		}
	}
	if len(out) > 0 && tx.Bucket(bucketMeta) == nil {
		return out
	}
	for _, name := range append([][]byte{bucketRevs}, derivedBuckets...) {
		if tx.Bucket(name) == nil {
			return out
		}
	}
	d := derive(tx, validateAt)
	out = append(out, d.problems...)
	for _, name := range derivedBuckets {
		out = append(out, compareBucket(tx.Bucket(name), string(name), d.buckets[string(name)])...)
	}
	if hlc, err := decodeHLC(tx.Bucket(bucketMeta).Get(metaHLC)); err == nil && hlc.Compare(d.maxClock) < 0 {
		out = append(out, problem(model.ID{}, nil,
			"Đồng hồ của tệp (%d.%d) chậm hơn phiên bản mới nhất (%d.%d)",
			"The file clock (%d.%d) is behind its newest revision (%d.%d)",
			hlc.Wall, hlc.Logical, d.maxClock.Wall, d.maxClock.Logical))
	}
	return out
}

func checkMetaBucket(tx *bolt.Tx) []error {
	var out []error
	bad := func(key []byte, err error) {
		out = append(out, problem(model.ID{}, err, "Mục %q của ngăn meta sai", "Meta entry %q is wrong", key))
	}
	m := tx.Bucket(bucketMeta)
	if m == nil {
		return []error{problem(model.ID{}, nil, "Thiếu ngăn meta", "The meta bucket is missing")}
	}
	if string(m.Get(metaApp)) != appName {
		bad(metaApp, nil)
	}
	if v := m.Get(metaSchema); len(v) != 4 || binary.BigEndian.Uint32(v) != fileSchema {
		bad(metaSchema, nil)
	}
	if _, err := time.Parse(time.RFC3339, string(m.Get(metaCreated))); err != nil {
		bad(metaCreated, err)
	}
	if _, err := model.ParseID(string(m.Get(metaFileID))); err != nil {
		bad(metaFileID, err)
	}
	if _, err := decodeHLC(m.Get(metaHLC)); err != nil {
		bad(metaHLC, err)
	}
	// Every migration applied, in order; a file may lack readable ones.
	var applied []string
	if err := json.Unmarshal(m.Get(metaMigrations), &applied); err != nil {
		bad(metaMigrations, err)
	} else if len(applied) > len(migrations) {
		bad(metaMigrations, nil)
	} else {
		var pending []string
		for i, mg := range migrations {
			if i >= len(applied) {
				pending = append(pending, mg.name)
			} else if applied[i] != mg.name {
				bad(metaMigrations, nil)
				break
			}
		}
		if !readable(pending) {
			bad(metaMigrations, nil)
		}
	}
	return out
}

// compareBucket reports how bucket b differs from want, walking both in
// key order.
func compareBucket(b *bolt.Bucket, name string, want []kv) []error {
	var out []error
	n := 0
	report := func(key []byte, vi, en string) {
		if n < maxMismatches {
			out = append(out, &CheckError{Record: recordOf(key), Msg: model.Text{
				VI: fmt.Sprintf("Ngăn %s, khóa %x: %s", name, key, vi),
				EN: fmt.Sprintf("Bucket %s, key %x: %s", name, key, en)}})
		}
		n++
	}
	c := b.Cursor()
	k, v := c.First()
	i := 0
	for k != nil || i < len(want) {
		switch {
		case k == nil || (i < len(want) && bytes.Compare(want[i].k, k) < 0):
			report(want[i].k, "thiếu", "missing")
			i++
		case i >= len(want) || bytes.Compare(k, want[i].k) < 0:
			report(k, "thừa", "unexpected")
			k, v = c.Next()
		default:
			if !bytes.Equal(v, want[i].v) {
				report(k, "giá trị khác với giá trị dựng lại từ các phiên bản", "value differs from the one rebuilt from revisions")
			}
			i++
			k, v = c.Next()
		}
	}
	if n > maxMismatches {
		out = append(out, problem(model.ID{}, nil, "Ngăn %s còn %d chỗ sai khác", "Bucket %s has %d more differences",
			name, n-maxMismatches))
	}
	return out
}

// recordOf returns the record ID a derived key starts with.
func recordOf(key []byte) model.ID {
	var id model.ID
	if len(key) >= 16 {
		copy(id[:], key)
	}
	return id
}

// validatePayload decodes a winning payload and validates it (errors
// only, not warnings). For candidates it also returns the decoded record,
// so derive does not decode it twice.
func validatePayload(k *kind, id model.ID, data []byte, today model.Date) (*model.Candidate, error) {
	switch k {
	case kindCell:
		return nil, validateJSON(data, func(v *model.Cell) model.Problems { return v.Validate() })
	case kindCandidate:
		var c model.Candidate
		if err := json.Unmarshal(data, &c); err != nil {
			return nil, wrap(ErrCorrupt, err)
		}
		return &c, c.Validate(today).Err()
	case kindClass:
		return nil, validateJSON(data, func(v *model.Class) model.Problems { return v.Validate() })
	case kindMeeting:
		return nil, validateJSON(data, func(v *model.Meeting) model.Problems { return v.Validate() })
	case kindSettings:
		if id != settingsID {
			return nil, ErrWrongKind
		}
		return nil, validateJSON(data, func(v *model.Settings) model.Problems { return v.Validate() })
	}
	return nil, nil
}

func validateJSON[T any](b []byte, validate func(*T) model.Problems) error {
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return wrap(ErrCorrupt, err)
	}
	return validate(&v).Err()
}
