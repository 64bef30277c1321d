package store

import (
	"testing"

	"nguon/model"
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
