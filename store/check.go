package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Check verifies the whole open file and returns every problem found
// (empty when the file is sound): bbolt's own page check; every revision
// stored under its hash and readable; the derived buckets exactly what
// Rebuild would make; every current record valid (errors, not warnings);
// meta sane. It reads every revision: under a second for 100,000
// candidates (docs/file-format.md §16).
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
	if err == nil {
		err = in.err()
	}
	if err != nil {
		if !errors.Is(err, ErrInUse) {
			noteTrusted(path, false) // the next open checks it in full
		}
		return nil, err
	}
	problems := in.problems()
	if len(problems) > 0 {
		noteTrusted(path, false)
	}
	return problems, nil
}

// maxMismatches caps what is reported per derived bucket: one bad bucket
// on a 100,000-record file should not print 100,000 lines.
const maxMismatches = 5

// checkTx checks everything; with validate false it skips record
// validation (a backup copies records whatever the rules say).
func checkTx(tx *bolt.Tx, today model.Date, validate bool) []error {
	var out []error
	for err := range tx.Check() {
		out = append(out, pageProblem(err))
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
	cmps := map[string]*bucketComparer{}
	for _, name := range derivedBuckets {
		cmps[string(name)] = newBucketComparer(tx.Bucket(name), string(name))
	}
	d := &derivation{validateAt: validateAt, emit: func(bucket, k, v []byte) error {
		cmps[string(bucket)].want(k, v)
		return nil
	}}
	_ = d.run(tx) // emit never fails
	out = append(out, d.problems...)
	for _, name := range derivedBuckets {
		out = append(out, cmps[string(name)].finish()...)
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

// bucketComparer compares a derived bucket with what the revisions say it
// should hold, as the derivation produces it in key order: a merge of two
// sorted streams, so nothing is held in memory.
type bucketComparer struct {
	name string
	c    *bolt.Cursor
	k, v []byte
	n    int
	out  []error
}

func newBucketComparer(b *bolt.Bucket, name string) *bucketComparer {
	bc := &bucketComparer{name: name, c: b.Cursor()}
	bc.k, bc.v = bc.c.First()
	return bc
}

// derivedLabels name the derived buckets as a clerk could read them: what
// they list, rebuilt from the revisions (Rebuild).
var derivedLabels = map[string]model.Text{
	string(bucketHeads):         {VI: "danh sách phiên bản hiện hành", EN: "the list of current revisions"},
	string(bucketCurCells):      {VI: "danh sách chi bộ", EN: "the list of cells"},
	string(bucketCurCandidates): {VI: "danh sách quần chúng", EN: "the list of candidates"},
	string(bucketCurClasses):    {VI: "danh sách lớp", EN: "the list of classes"},
	string(bucketCurMeetings):   {VI: "danh sách cuộc họp", EN: "the list of meetings"},
	string(bucketCurSettings):   {VI: "phần cài đặt", EN: "the settings"},
	string(bucketRowsCand):      {VI: "bảng quần chúng để hiển thị", EN: "the candidates' table"},
}

func (bc *bucketComparer) label() model.Text {
	if l, ok := derivedLabels[bc.name]; ok {
		return l
	}
	return model.Text{VI: bc.name, EN: bc.name}
}

func (bc *bucketComparer) report(key []byte, vi, en string) {
	if bc.n < maxMismatches {
		l, id := bc.label(), recordOf(key)
		bc.out = append(bc.out, &CheckError{Record: id, Msg: model.Text{
			VI: fmt.Sprintf("Trong %s, bản ghi %s: %s", l.VI, id, vi),
			EN: fmt.Sprintf("In %s, record %s: %s", l.EN, id, en)}})
	}
	bc.n++
}

// want takes the next expected key and value.
func (bc *bucketComparer) want(k, v []byte) {
	for bc.k != nil && bytes.Compare(bc.k, k) < 0 {
		bc.report(bc.k, "có mà các phiên bản không có", "present, though no revision says so")
		bc.k, bc.v = bc.c.Next()
	}
	if bc.k == nil || !bytes.Equal(bc.k, k) {
		bc.report(k, "thiếu", "missing")
		return
	}
	if !bytes.Equal(bc.v, v) {
		bc.report(k, "giá trị khác với giá trị dựng lại từ các phiên bản", "value differs from the one rebuilt from revisions")
	}
	bc.k, bc.v = bc.c.Next()
}

// finish reports what the bucket holds beyond the last expected key.
func (bc *bucketComparer) finish() []error {
	for ; bc.k != nil; bc.k, bc.v = bc.c.Next() {
		bc.report(bc.k, "có mà các phiên bản không có", "present, though no revision says so")
	}
	if bc.n > maxMismatches {
		l := bc.label()
		bc.out = append(bc.out, &CheckError{Msg: model.Text{
			VI: fmt.Sprintf("%s còn %d chỗ sai khác", l.VI, bc.n-maxMismatches),
			EN: fmt.Sprintf("%s has %d more differences", l.EN, bc.n-maxMismatches)}})
	}
	return bc.out
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
		if err := model.DecodeCandidate(data, &c); err != nil {
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

// decodePayload decodes a stored payload into v: candidates, which a large
// file holds by the hundred thousand, without encoding/json's reflection.
func decodePayload(data []byte, v any) error {
	if c, ok := v.(*model.Candidate); ok {
		return model.DecodeCandidate(data, c)
	}
	return json.Unmarshal(data, v)
}

var pageNumber = regexp.MustCompile(`page ([0-9]+)`)

// pageProblem says what bbolt's own check found, in the clerk's words: the
// page, when bbolt names one, and never bbolt's English.
func pageProblem(err error) *CheckError {
	if m := pageNumber.FindStringSubmatch(err.Error()); m != nil {
		return problem(model.ID{}, err, "Trang %s của tệp bị hỏng", "Page %s of the file is damaged", m[1])
	}
	return problem(model.ID{}, err, "Cấu trúc tệp bị hỏng", "The file's structure is damaged")
}
