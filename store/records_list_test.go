package store

import (
	"slices"
	"testing"

	"nguon/model"
)

// CandidatesOf reads the live candidates asked for, once each, and leaves
// out a deleted one and an ID the file never had.
func TestCandidatesOf(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	var ids []model.ID
	for i := range 4 {
		c := testCandidate(cell.ID, i)
		c.FullName = []string{"Lê Văn An", "Trần Thị Bình", "Phạm Văn Cường", "Đỗ Thị Dung"}[i]
		must(t, s.PutCandidate(&c))
		ids = append(ids, c.ID)
	}
	must(t, s.DeleteCandidate(ids[2]))
	got, err := s.CandidatesOf([]model.ID{ids[1], ids[2], ids[3], ids[1], model.NewID(testEpoch)})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[ids[1]].FullName != "Trần Thị Bình" || got[ids[3]].FullName != "Đỗ Thị Dung" {
		t.Fatalf("CandidatesOf = %v, want Bình and Dung", got)
	}
}

// The report input of the breakdown and pool is the facts of every live
// candidate's record, in the order Candidates lists them, with the
// settings and cells; the other reports get the snapshot.
func TestReportInputFacts(t *testing.T) {
	s := newTestStore(t)
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	for i := range 30 {
		c := testCandidate(cell.ID, i)
		c.Occupation = []string{"Nông dân", "Giáo viên", ""}[i%3]
		c.Ethnicity = []string{"1", "6"}[i%2]
		must(t, s.PutCandidate(&c))
		if i%7 == 0 {
			must(t, s.DeleteCandidate(c.ID))
		}
	}
	all, err := s.Candidates()
	must(t, err)
	in, err := s.ReportInput("breakdown")
	must(t, err)
	if want := model.FactsOfAll(all); !slices.Equal(in.Facts, want) {
		t.Fatalf("facts %v,\nwant %v", in.Facts, want)
	}
	if len(in.Facts) != 25 || len(in.Cells) != 1 || in.Settings.DocValidityMonths == 0 || in.Rows != nil {
		t.Fatalf("breakdown input: %d facts, %d cells, settings %+v, %d rows", len(in.Facts), len(in.Cells), in.Settings, len(in.Rows))
	}
	due, err := s.ReportInput("due")
	must(t, err)
	if len(due.Rows) != 25 || due.Facts != nil {
		t.Fatalf("due input: %d rows, %d facts", len(due.Rows), len(due.Facts))
	}
}
