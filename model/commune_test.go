package model

import (
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestCommuneOfFallsBackToTheFilesOwn(t *testing.T) {
	if got := CommuneOf(Cell{Commune: " Đảng bộ xã  Hòa Bình "}, "Đảng bộ xã Trường Sơn"); got != "Đảng bộ xã Hòa Bình" {
		t.Errorf("a cell's own commune: %q", got)
	}
	if got := CommuneOf(Cell{}, "Đảng bộ xã Trường Sơn"); got != "Đảng bộ xã Trường Sơn" {
		t.Errorf("a cell without one: %q", got)
	}
	if got := CommuneOf(Cell{}, ""); got != "" {
		t.Errorf("neither names one: %q", got)
	}
}

// Communes are listed once each, in Vietnamese order: d before đ before e,
// which neither byte order nor folded order gives.
func TestCommunesInVietnameseOrder(t *testing.T) {
	cells := []Cell{
		{Commune: "Xã Yên Mỹ"}, {Commune: "Xã Đông Hòa"}, {}, {Commune: "xã  đông hòa"}, {Commune: "Xã Dung Tiến"},
	}
	got := Communes(cells, "Xã Ân Thi")
	want := []string{"Xã Ân Thi", "Xã Dung Tiến", "Xã Đông Hòa", "Xã Yên Mỹ"}
	if !slices.Equal(got, want) {
		t.Fatalf("Communes = %q, want %q", got, want)
	}
	// A file without a name of its own lists its unnamed cells first, as "".
	got = Communes(cells, "")
	if len(got) != 4 || got[0] != "" || CommuneLabel(got[0], VI) != "(xã này)" {
		t.Fatalf("without a name of its own: %q", got)
	}
	if got := Communes([]Cell{{}, {}}, "Xã Ân Thi"); !slices.Equal(got, []string{"Xã Ân Thi"}) {
		t.Fatalf("one commune: %q", got)
	}
}

func TestMatchCommune(t *testing.T) {
	communes := []string{"Đảng bộ xã Hòa Bình", "Đảng bộ xã Trường Sơn"}
	for typed, want := range map[string]string{
		"ĐẢNG BỘ XÃ TRƯỜNG SƠN": "Đảng bộ xã Trường Sơn", "truong  son": "Đảng bộ xã Trường Sơn", "hoa binh": "Đảng bộ xã Hòa Bình",
	} {
		if got, ok := MatchCommune(typed, communes); !ok || got != want {
			t.Errorf("MatchCommune(%q) = %q, %v", typed, got, ok)
		}
	}
	for _, typed := range []string{"dang bo xa", "nope", "  "} {
		if got, ok := MatchCommune(typed, communes); ok {
			t.Errorf("MatchCommune(%q) matched %q", typed, got)
		}
	}
}

// twoCommunes is reportFixture with its second cell brought by the merge
// of another commune's file.
func twoCommunes() ReportInput {
	in := reportFixture()
	in.Settings.Commune = "Đảng bộ xã Trường Sơn"
	in.Cells[1].Commune = "Đảng bộ xã Hòa Bình"
	return in
}

func joined(rows [][]string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = strings.Join(r, "|")
	}
	return out
}

func TestReportTargetsByCommune(t *testing.T) {
	in := twoCommunes()
	in.ByCommune = true
	r, err := BuildReport("targets", in, VI)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Đảng bộ xã Hòa Bình|Chi bộ Cơ quan xã|1|0|0,0%|1",
		"Đảng bộ xã Hòa Bình|Toàn đảng bộ|1|0|0,0%|1",
		"Đảng bộ xã Trường Sơn|Chi bộ thôn Đông Hòa|4|1|25,0%|1",
		"Đảng bộ xã Trường Sơn|Toàn đảng bộ|4|1|25,0%|1",
		"Tất cả các xã|Toàn đảng bộ|5|1|20,0%|2",
	}
	if got := joined(r.Rows); !slices.Equal(got, want) {
		t.Fatalf("targets by commune:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r.Columns[0] != "Đảng bộ xã" || r.Committee != "Đảng bộ xã Trường Sơn" {
		t.Errorf("columns %q, committee %q", r.Columns, r.Committee)
	}
}

func TestReportListsByCommune(t *testing.T) {
	in := twoCommunes()
	in.ByCommune = true
	a, _ := BuildReport("admitted", in, EN)
	if len(a.Rows) != 1 || a.Rows[0][0] != "Đảng bộ xã Trường Sơn" || a.Rows[0][1] != "Nguyễn Văn An" || a.Columns[0] != "Commune" {
		t.Fatalf("admitted by commune: %v %v", a.Columns, a.Rows)
	}
	s, _ := BuildReport("sources", in, EN)
	got := map[string]string{}
	for _, row := range s.Rows {
		got[row[0]+"/"+row[1]] = strings.Join(row[2:], "|")
	}
	if got["Đảng bộ xã Hòa Bình/Discharged soldier"] != "1|1|0|0|–" || got["Đảng bộ xã Trường Sơn/Discharged soldier"] != "0|0|0|0|–" ||
		got["Đảng bộ xã Trường Sơn/Youth union"] != "1|0|1|2|50.0%" || got["All communes/Total"] != "2|1|1||" {
		t.Fatalf("sources by commune: %v", got)
	}
	d, _ := BuildReport("due", in, VI)
	for _, row := range d.Rows {
		if row[1] == "Lê Thị Bình" && row[0] != "Đảng bộ xã Trường Sơn" {
			t.Errorf("Lê Thị Bình's deadline is under %q", row[0])
		}
	}
	if len(d.Rows) == 0 {
		t.Fatal("the due report by commune is empty")
	}
}

func TestReportOfOneCommune(t *testing.T) {
	in := twoCommunes()
	in.Commune = "hoa binh"
	r, err := BuildReport("targets", in, VI)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Chi bộ Cơ quan xã|1|0|0,0%|1", "Toàn đảng bộ|1|0|0,0%|1"}
	if got := joined(r.Rows); !slices.Equal(got, want) || r.Committee != "Đảng bộ xã Hòa Bình" {
		t.Fatalf("targets of Hòa Bình (%q): %q", r.Committee, got)
	}
	in.Commune = "Tân Lập"
	_, err = BuildReport("targets", in, VI)
	msg := Message(err, VI)
	if err == nil || !strings.Contains(msg, "Tân Lập") || !strings.Contains(msg, "Đảng bộ xã Hòa Bình, Đảng bộ xã Trường Sơn") ||
		strings.Count(msg, ".") != 1 {
		t.Fatalf("unknown commune: %q", msg)
	}
	in.Commune = "xa"
	if _, err = BuildReport("targets", in, EN); !strings.Contains(Message(err, EN), "several communes") {
		t.Fatalf("ambiguous commune: %v", err)
	}
	in.Commune = "hoa binh"
	if _, err = BuildReport("classes", in, VI); err == nil {
		t.Fatal("the classes report was split by commune")
	}
}

// A file of one commune gives the report it always gave, whatever is asked.
func TestReportOfOneCommuneFileUnchanged(t *testing.T) {
	for _, what := range []string{"targets", "admitted", "sources", "due", "breakdown", "pool"} {
		plain, err := BuildReport(what, reportFixture(), VI)
		if err != nil {
			t.Fatal(err)
		}
		in := reportFixture()
		in.ByCommune = true
		by, _ := BuildReport(what, in, VI)
		if !reflect.DeepEqual(plain, by) {
			t.Errorf("%s by commune of a one-commune file differs:\n%v\n%v", what, plain.Rows, by.Rows)
		}
	}
}

// A commune's part of a file: its cells, their candidates and full records,
// and the classes only as far as its candidates took part; nothing is
// taken from the whole.
func TestSnapshotOfCommune(t *testing.T) {
	in := twoCommunes()
	cands := FactsOfAll([]Candidate{{ID: ID{10}, CellID: ID{1}, DOB: 1}, {ID: ID{12}, CellID: ID{2}, DOB: 2}})
	hb, hc := in.Snapshot.OfCommune("dang bo xa hoa binh", cands)
	if len(hb.Cells) != 1 || hb.Cells[0].ID != (ID{2}) || len(hb.Rows) != 2 || len(hc) != 1 || hc[0].DOB != 2 {
		t.Fatalf("Hòa Bình: cells %v, rows %d, candidates %v", hb.Cells, len(hb.Rows), hc)
	}
	if len(hb.Classes) != 1 || len(hb.Classes[0].Enrolments) != 2 {
		t.Fatalf("Hòa Bình's classes: %v", hb.Classes)
	}
	ts, _ := in.Snapshot.OfCommune("Đảng bộ xã Trường Sơn", nil)
	if len(ts.Rows) != 3 || len(ts.Classes) != 0 {
		t.Fatalf("Trường Sơn: %d rows, classes %v", len(ts.Rows), ts.Classes)
	}
	if len(in.Rows) != 5 || len(in.Classes[0].Enrolments) != 2 || len(cands) != 2 {
		t.Fatal("OfCommune changed the snapshot it was given")
	}
}
