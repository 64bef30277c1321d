package store

import (
	"bytes"
	"errors"
	"reflect"
	"testing"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

func TestRowEncoding(t *testing.T) {
	full := model.CandidateRow{ID: model.NewID(testEpoch), Name: "Hà Thị Ơn", Sex: model.Female, DOB: 20010517,
		CCCD: "038301000001", Village: "Thôn Đông", Source: model.SourceWomen, Cell: model.NewID(testEpoch),
		Stage: model.StageProbation, Since: 20250901, Outcome: model.OutcomeMoved, ExtCert: 20240101,
		CellVote: 20250601, Decision: 20250801, Ceremony: 20250901, RecVote: 20260901}
	tests := []struct {
		name string
		row  model.CandidateRow
	}{
		{"zero", model.CandidateRow{}},
		{"full", full},
		{"unknown codes", model.CandidateRow{Sex: "?", Stage: "from-the-future", Name: "\x1b[31m"}},
	}
	for _, tc := range tests {
		b := encodeRow(tc.row)
		got, err := decodeRow(b)
		if err != nil || got != tc.row {
			t.Errorf("%s: round trip = %+v, %v", tc.name, got, err)
		}
		for cut := range len(b) {
			if _, err := decodeRow(b[:cut]); err == nil {
				t.Errorf("%s: a row cut to %d bytes decoded", tc.name, cut)
			}
		}
		if _, err := decodeRow(append(b, 0)); err == nil {
			t.Errorf("%s: a row with trailing bytes decoded", tc.name)
		}
	}
	b := encodeRow(full)
	b[0] = rowVersionSealed + 1
	if _, err := decodeRow(b); err == nil {
		t.Error("a row of an unknown version decoded")
	}
}

// rowsOf reads and verifies the rows a chunk at a time; whatever the
// chunk, it must give the same rows in the same order, and a damaged row
// in a later chunk must name its record.
func TestRowsOfInChunks(t *testing.T) {
	path := realFile(t, t.TempDir())
	db, err := bolt.Open(path, 0o600, nil)
	must(t, err)
	defer db.Close()
	read := func(chunk int) ([]model.CandidateRow, error) {
		defer func(was int) { rowChunk = was }(rowChunk)
		rowChunk = chunk
		var rows []model.CandidateRow
		err := db.View(func(tx *bolt.Tx) error {
			var err error
			rows, err = rowsOf(tx)
			return err
		})
		return rows, err
	}
	want, err := read(8192)
	must(t, err)
	if len(want) != 300 {
		t.Fatalf("%d rows", len(want))
	}
	for _, chunk := range []int{1, 3, 7, 299, 300, 301} {
		if got, err := read(chunk); err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("chunks of %d: %d rows, %v", chunk, len(got), err)
		}
	}
	victim := want[200].ID
	must(t, db.Update(func(tx *bolt.Tx) error {
		v := bytes.Clone(tx.Bucket(bucketRowsCand).Get(victim[:]))
		v[len(v)-1] ^= 1 // the seal no longer matches
		return tx.Bucket(bucketRowsCand).Put(victim[:], v)
	}))
	for _, chunk := range []int{3, 8192} {
		_, err := read(chunk)
		var de *DamageError
		if !errors.As(err, &de) || de.ID != victim {
			t.Errorf("chunks of %d: a damaged row 200 gives %v, want damage to %s", chunk, err, victim)
		}
	}
}
