package store

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// demoStore is a file holding the demo data, made relative to the test clock.
func demoStore(t *testing.T) *Store {
	t.Helper()
	s := newTestStore(t)
	must(t, s.Import(model.Demo(model.DateOf(testEpoch))))
	return s
}

func exportBytes(t *testing.T, s *Store, what, format string, lang model.Lang) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := s.Export(&b, what, format, lang); err != nil {
		t.Fatalf("export %s %s: %v", what, format, err)
	}
	return b.Bytes()
}

// importFile writes b as a file called name and imports it.
func importFile(t *testing.T, s *Store, name string, b []byte, opt ImportOptions) (*ImportResult, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	must(t, os.WriteFile(path, b, 0o644))
	sheets, err := ReadImportFile(path)
	if err != nil {
		return nil, err
	}
	opt.NoBackup = opt.NoBackup || !strings.Contains(t.Name(), "Backup")
	return s.ImportSheets(sheets, opt)
}

func mustImport(t *testing.T, s *Store, name string, b []byte, opt ImportOptions) *ImportResult {
	t.Helper()
	res, err := importFile(t, s, name, b, opt)
	if err != nil {
		if res != nil {
			t.Fatalf("import %s: %v\n%s", name, err, strings.Join(res.Lines(model.EN, 0), "\n"))
		}
		t.Fatalf("import %s: %v", name, err)
	}
	return res
}

func csvRecords(t *testing.T, b []byte) [][]string {
	t.Helper()
	sh, err := ReadCSV(b)
	if err != nil {
		t.Fatal(err)
	}
	rows, _, err := sheetRows(sh)
	must(t, err)
	return rows
}

// revisionCount is how many revisions the file holds.
func revisionCount(t *testing.T, s *Store) int {
	t.Helper()
	n := 0
	must(t, s.view(func(tx *bolt.Tx) error { n = tx.Bucket(bucketRevs).Stats().KeyN; return nil }))
	return n
}

// Every kind exports a stable ID column, then every field of its table,
// headers in the chosen language, one row per record.
func TestExportEveryKind(t *testing.T) {
	s := demoStore(t)
	snap, err := s.Snapshot()
	must(t, err)
	enrolled := 0
	for _, c := range snap.Classes {
		enrolled += len(c.Enrolments)
	}
	for _, tc := range []struct {
		what    string
		headers []string
		rows    int
	}{
		{"cells", model.Headers(model.CellFields, model.VI), len(snap.Cells)},
		{"candidates", model.Headers(model.CandidateFields, model.VI), len(snap.Rows)},
		{"classes", model.Headers(model.ClassFields, model.VI), len(snap.Classes)},
		{"meetings", model.Headers(model.MeetingFields, model.VI), len(snap.Meetings)},
		{"enrolments", append([]string{"ID", "Lớp", "ID học viên"}, model.Headers(model.EnrolmentFields, model.VI)[1:]...), enrolled},
	} {
		for _, format := range []string{"csv", "xlsx"} {
			b := exportBytes(t, s, tc.what, format, model.VI)
			sheets, err := ReadImportFile(writeTemp(t, "x."+format, b))
			must(t, err)
			rows, _, err := sheetRows(sheets[0])
			must(t, err)
			if !slices.Equal(rows[0], tc.headers) {
				t.Errorf("%s %s headers %q, want %q", tc.what, format, rows[0], tc.headers)
			}
			if len(rows)-1 != tc.rows || tc.rows == 0 {
				t.Errorf("%s %s: %d rows, want %d", tc.what, format, len(rows)-1, tc.rows)
			}
			for _, r := range rows[1:] {
				if _, err := model.ParseID(r[0]); err != nil {
					t.Errorf("%s %s: first column %q is not an ID", tc.what, format, r[0])
				}
			}
			if format == "csv" && (!bytes.HasPrefix(b, []byte("\uFEFFID,")) || !bytes.Contains(b, []byte("\r\n"))) {
				t.Errorf("%s csv lacks the BOM or CRLF: %q", tc.what, b[:min(40, len(b))])
			}
		}
	}
	// English headers too.
	en := csvRecords(t, exportBytes(t, s, "candidates", "csv", model.EN))
	if en[0][1] != "Full name" || !slices.Contains(en[1], "Female") && !slices.Contains(en[1], "Male") {
		t.Errorf("English export: %q / %q", en[0][:4], en[1][:4])
	}
}

// A file with no records yet exports an empty template: the header, and
// for XLSX the drop-down lists.
func TestExportEmptyTemplate(t *testing.T) {
	s := newTestStore(t)
	for _, format := range []string{"csv", "xlsx"} {
		sheets, err := ReadImportFile(writeTemp(t, "t."+format, exportBytes(t, s, "candidates", format, model.VI)))
		must(t, err)
		if rows, _, _ := sheetRows(sheets[0]); len(rows) != 1 || rows[0][1] != "Họ và tên" {
			t.Errorf("%s template: %q", format, rows)
		}
	}
}

func writeTemp(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	must(t, os.WriteFile(p, b, 0o644))
	return p
}

// writableColumns drops the columns an import never sets (read-only ones):
// a record added by an import starts at the first stage.
func writableColumns[T any](table []model.Field[T], rows [][]string) [][]string {
	var out [][]string
	for _, r := range rows {
		var keep []string
		for i, v := range r {
			if i > 0 && table[i-1].ReadOnly {
				continue
			}
			keep = append(keep, v)
		}
		out = append(out, keep)
	}
	return out
}

// Export → import into a new file → export gives the same table, for the
// kinds an import reads, through CSV and through XLSX.
func TestRoundTripIntoNewFile(t *testing.T) {
	src := demoStore(t)
	for _, format := range []string{"csv", "xlsx"} {
		dst := newTestStore(t)
		cells := exportBytes(t, src, "cells", format, model.VI)
		cands := exportBytes(t, src, "candidates", format, model.VI)
		if res := mustImport(t, dst, "cells."+format, cells, ImportOptions{}); res.Added == 0 || len(res.Errors) > 0 {
			t.Fatalf("%s cells: %+v", format, res)
		}
		res := mustImport(t, dst, "candidates."+format, cands, ImportOptions{})
		if res.Added != 64 || res.Updated+res.Unchanged+len(res.Duplicates)+len(res.Errors) != 0 {
			t.Fatalf("%s candidates: %s", format, strings.Join(res.Lines(model.EN, 0), "\n"))
		}
		for _, tc := range []struct {
			what string
			rows func([][]string) [][]string
		}{
			{"cells", func(r [][]string) [][]string { return writableColumns(model.CellFields, r) }},
			{"candidates", func(r [][]string) [][]string { return writableColumns(model.CandidateFields, r) }},
		} {
			want := tc.rows(csvRecords(t, exportBytes(t, src, tc.what, "csv", model.VI)))
			got := tc.rows(csvRecords(t, exportBytes(t, dst, tc.what, "csv", model.VI)))
			if !slices.EqualFunc(want, got, slices.Equal) {
				for i := range want {
					if i < len(got) && !slices.Equal(want[i], got[i]) {
						t.Errorf("%s via %s, row %d:\n got %q\nwant %q", tc.what, format, i, got[i], want[i])
						break
					}
				}
				t.Errorf("%s via %s: %d rows, want %d", tc.what, format, len(got), len(want))
			}
		}
	}
}

// Importing the file's own export changes nothing: no revision is written
// and the export after is the export before.
func TestReimportChangesNothing(t *testing.T) {
	s := demoStore(t)
	for _, what := range []string{"cells", "candidates"} {
		for _, format := range []string{"csv", "xlsx"} {
			before := exportBytes(t, s, what, "csv", model.EN)
			revs := revisionCount(t, s)
			res := mustImport(t, s, what+"."+format, exportBytes(t, s, what, format, model.VI), ImportOptions{})
			if res.Written || res.Added+res.Updated != 0 || res.Unchanged == 0 || len(res.Errors)+len(res.Duplicates) != 0 {
				t.Errorf("%s %s: %s", what, format, strings.Join(res.Lines(model.EN, 0), "\n"))
			}
			if revisionCount(t, s) != revs {
				t.Errorf("%s %s: re-import wrote revisions", what, format)
			}
			if after := exportBytes(t, s, what, "csv", model.EN); !bytes.Equal(before, after) {
				t.Errorf("%s %s: the export changed", what, format)
			}
		}
	}
}

// A row with an ID updates that record, with one new revision.
func TestImportUpdatesByID(t *testing.T) {
	s := demoStore(t)
	rows := csvRecords(t, exportBytes(t, s, "candidates", "csv", model.VI))
	col := slices.Index(rows[0], "Nghề nghiệp")
	rows[2][col] = "Kỹ sư nông nghiệp"
	revs := revisionCount(t, s)
	res := mustImport(t, s, "c.csv", toCSV(rows), ImportOptions{})
	if res.Updated != 1 || res.Unchanged != len(rows)-2 || !res.Written {
		t.Fatalf("%+v", res)
	}
	if got := revisionCount(t, s); got != revs+1 {
		t.Errorf("%d new revisions, want 1", got-revs)
	}
	id, _ := model.ParseID(rows[2][0])
	c, err := s.Candidate(id)
	if err != nil || c.Occupation != "Kỹ sư nông nghiệp" {
		t.Errorf("not updated: %q %v", c.Occupation, err)
	}
}

func toCSV(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows)
	return b.Bytes()
}

// clerkCSV is a list as a clerk keeps it: a title above, STT, the family
// name apart from the given name, semicolons, no byte-order mark, LF.
func clerkCSV(rows ...string) []byte {
	head := "DANH SÁCH QUẦN CHÚNG ƯU TÚ NĂM 2026;;;;\n;;;;\n" +
		"STT;Họ và tên đệm;Tên;Ngày tháng năm sinh;Giới tính;Số CCCD;Dân tộc;Tôn giáo;Thôn/xóm;Nguồn;Chi bộ;Đoàn viên;Cột lạ\n"
	return []byte(head + strings.Join(rows, "\n") + "\n")
}

// Headers as clerks write them, in any order; choices by label, alias or
// code; Excel's damage undone.
func TestImportClerkList(t *testing.T) {
	s := demoStore(t)
	res := mustImport(t, s, "ds.csv", clerkCSV(
		"1;Trần Văn;Bình;05-09-2001;Nam;38201000123;Kinh;Không;Đông Hòa;Đoàn viên;Thôn Đông Hòa;x;?",
		"2;Hoàng Thị;Em;2001-03-12;nữ;038301000456;Mèo;Thiên chúa giáo;Yên Lai;phụ nữ;chi bo thon yen lai;không;",
		"3;Lò Văn;Páo;37000;M;;Thái;Phật giáo;;Quân nhân xuất ngũ;;;",
	), ImportOptions{})
	if res.Added != 3 || len(res.Errors) > 0 || res.HeaderRow != 3 {
		t.Fatalf("%s", strings.Join(res.Lines(model.EN, 0), "\n"))
	}
	if !slices.Equal(res.Unknown, []string{"Cột lạ"}) {
		t.Errorf("unknown columns %q", res.Unknown)
	}
	rows, err := s.CandidateRows()
	must(t, err)
	got := map[string]model.Candidate{}
	for _, r := range rows {
		c, err := s.Candidate(r.ID)
		must(t, err)
		got[c.FullName] = c
	}
	b := got["Trần Văn Bình"]
	if b.CCCD != "038201000123" || b.DOB != model.NewDate(2001, 9, 5) || b.Sex != model.Male || b.Source != model.SourceYouth ||
		!b.YouthUnion || b.Ethnicity != "1" || b.Religion != "none" || b.Stage != model.StageSource {
		t.Errorf("Bình: %+v", b)
	}
	if cell, _ := s.Cell(b.CellID); cell.Name != "Chi bộ thôn Đông Hòa" {
		t.Errorf("Bình's cell: %q", cell.Name)
	}
	e := got["Hoàng Thị Em"]
	if e.Ethnicity != "8" || e.Religion != "catholic" || e.Source != model.SourceWomen || e.DOB != model.NewDate(2001, 3, 12) || e.YouthUnion {
		t.Errorf("Em: %+v", e)
	}
	if p := got["Lò Văn Páo"]; p.DOB != model.NewDate(2001, 4, 19) || p.Source != model.SourceSoldier || p.Ethnicity != "3" {
		t.Errorf("Páo (Excel serial date 37000): %+v", p)
	}
}

// Every kind of bad row is reported with its spreadsheet row number and
// the reason, and nothing is written.
func TestImportBadRows(t *testing.T) {
	s := demoStore(t) // a refused import leaves it as it was, for the next case
	for _, tc := range []struct {
		row  string
		want string
	}{
		{"1;;Bình;05/09/2001;Nam;;;;;Đoàn viên;;;", "at least two words"},
		{"1;Trần Văn;Bình;;Nam;;;;;Đoàn viên;;;", "date of birth is missing"},
		{"1;Trần Văn;Bình;1999;Nam;;;;;Đoàn viên;;;", "Only the year (1999)"},
		{"1;Trần Văn;Bình;31/02/2000;Nam;;;;;Đoàn viên;;;", "does not exist"},
		{"1;Trần Văn;Bình;05/09/01;Nam;;;;;Đoàn viên;;;", "day/month/year"},
		{"1;Trần Văn;Bình;05/09/2001;Khác;;;;;Đoàn viên;;;", "not one of the choices for Sex (Male, Female)"},
		{"1;Trần Văn;Bình;05/09/2001;Nam;;Người sao Hỏa;;;Đoàn viên;;;", "not in the list of Ethnicity"},
		{"1;Trần Văn;Bình;05/09/2001;Nam;;;;;;;;", "Choose the source group"},
		{"1;Trần Văn;Bình;05/09/2001;Nam;;;;;Đoàn viên;Chi bộ sao Hỏa;;", "is not in the data file"},
		{"1;Trần Văn;Bình;05/09/2001;Nam;123;;;;Đoàn viên;;;", "12 digits"},
		{"1;Trần Văn;Bình;05/09/2001;Nam;3,82E+11;;;;Đoàn viên;;;", "scientific notation"},
		{"1;Trần Văn;Bình;05/09/2001;Nam;;;;;Đoàn viên;;có lẽ;", "neither Yes nor No"},
		{"1;Trần Văn;Bình;05/09/2099;Nam;;;;;Đoàn viên;;;", "after today"},
		{"1;Trần Văn;Bình;05/09/2001;Nam;;;;;Đoàn viên;;;", ""}, // last: it writes
	} {
		revs := revisionCount(t, s)
		good := "9;Lê Thị;Hoa;01/02/2003;Nữ;;;;;Phụ nữ;;;"
		res, err := importFile(t, s, "bad.csv", clerkCSV(good, tc.row), ImportOptions{})
		if tc.want == "" {
			if err != nil || res.Added != 2 {
				t.Errorf("%q: %v %+v", tc.row, err, res)
			}
			continue
		}
		if !errors.Is(err, ErrImportRefused) || res == nil || len(res.Errors) != 1 {
			t.Errorf("%q: err %v, result %+v", tc.row, err, res)
			continue
		}
		e := res.Errors[0]
		if e.Row != 5 || !strings.Contains(e.Msg.EN, tc.want) || e.Msg.VI == e.Msg.EN || e.Name == "" {
			t.Errorf("%q: reported %+v, want row 5 saying %q", tc.row, e, tc.want)
		}
		if res.Written || revisionCount(t, s) != revs {
			t.Errorf("%q: a refused import wrote something", tc.row)
		}
	}
}

// --skip-invalid writes the good rows and reports the bad ones.
func TestImportSkipInvalid(t *testing.T) {
	s := demoStore(t)
	n, _ := s.CandidateRows()
	res := mustImport(t, s, "x.csv", clerkCSV(
		"1;Lê Thị;Hoa;01/02/2003;Nữ;;;;;Phụ nữ;;;",
		"2;Lê Thị;Hồng;;Nữ;;;;;Phụ nữ;;;",
		"3;Lê Văn;Hùng;01/02/2004;Nam;;;;;Đoàn viên;;;"), ImportOptions{SkipInvalid: true})
	after, _ := s.CandidateRows()
	if res.Added != 2 || len(res.Errors) != 1 || res.Errors[0].Row != 5 || len(after) != len(n)+2 || !res.Written {
		t.Fatalf("%+v (%d → %d)", res, len(n), len(after))
	}
}

// A dry run reports without touching the file.
func TestImportDryRun(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "nguon.db")
	s := openTestStore(t, path, Options{})
	must(t, s.Import(model.Demo(model.DateOf(testEpoch))))
	must(t, s.Close())
	hash := fileHash(t, path)
	s = openTestStore(t, path, Options{ReadOnly: true})
	res := mustImport(t, s, "x.csv", clerkCSV("1;Lê Thị;Hoa;01/02/2003;Nữ;;;;;Phụ nữ;;;"), ImportOptions{DryRun: true})
	if res.Added != 1 || res.Written {
		t.Fatalf("%+v", res)
	}
	must(t, s.Close())
	if fileHash(t, path) != hash {
		t.Error("a dry run changed the file")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("a dry run left files: %v", ents)
	}
}

// An import that writes first makes a verified copy of the file as it was.
func TestImportBackup(t *testing.T) {
	s := demoStore(t)
	before, _ := s.CandidateRows()
	res := mustImport(t, s, "x.csv", clerkCSV("1;Lê Thị;Hoa;01/02/2003;Nữ;;;;;Phụ nữ;;;"), ImportOptions{})
	if res.Backup == "" || filepath.Dir(res.Backup) != BackupDir(s.Path()) || !strings.Contains(res.Backup, "truoc-khi-nhap") {
		t.Fatalf("backup %q", res.Backup)
	}
	b, err := Open(res.Backup, Options{ReadOnly: true})
	must(t, err)
	defer b.Close()
	rows, _ := b.CandidateRows()
	if len(rows) != len(before) {
		t.Errorf("the backup has %d candidates, the file had %d", len(rows), len(before))
	}
	// Nothing to write: no backup.
	res = mustImport(t, s, "x.csv", clerkCSV("1;Lê Thị;Hoa;01/02/2003;Nữ;;;;;Phụ nữ;;;"), ImportOptions{})
	if res.Backup != "" || res.Written || len(res.Duplicates) != 1 {
		t.Errorf("re-import: %+v", res)
	}
}

// Rows without an ID that match someone already there, or an earlier row,
// are duplicates: reported, not added.
func TestImportDuplicates(t *testing.T) {
	s := demoStore(t)
	rows, _ := s.CandidateRows()
	var known model.Candidate
	for _, r := range rows {
		if r.CCCD != "" {
			known, _ = s.Candidate(r.ID)
			break
		}
	}
	family, given := splitName(known.FullName)
	res := mustImport(t, s, "d.csv", clerkCSV(
		"1;Ai Đó;Khác;01/02/1990;"+model.Label(model.Sexes, string(known.Sex), model.VI)+";"+known.CCCD+";;;;Đoàn viên;;;",
		"2;"+family+";"+given+";"+known.DOB.String()+";"+model.Label(model.Sexes, string(known.Sex), model.VI)+";;;;;Đoàn viên;;;",
		"3;Lê Thị;Hoa;01/02/2003;Nữ;;;;;Phụ nữ;;;",
		"4;LÊ THI;HOA;01/02/2003;Nữ;;;;;Phụ nữ;;;",
	), ImportOptions{})
	if res.Added != 1 || len(res.Duplicates) != 3 || len(res.Errors) != 0 {
		t.Fatalf("%s", strings.Join(res.Lines(model.EN, 0), "\n"))
	}
	// What fits on a small screen: two rows, and how many more.
	if brief := strings.Join(res.Brief(model.EN, 2), "\n"); strings.Count(brief, "Duplicate row") != 2 || !strings.Contains(brief, "and 1 more rows") {
		t.Errorf("brief:\n%s", brief)
	}
	for i, want := range []string{"same CCCD", "same name and date of birth", "same name and date of birth"} {
		d := res.Duplicates[i]
		if d.Row != 4+i && i < 2 || !strings.Contains(d.Msg.EN, want) {
			t.Errorf("duplicate %d: %+v", i, d)
		}
	}
	if !strings.Contains(res.Duplicates[0].Msg.EN, known.FullName) || res.Duplicates[2].Row != 7 {
		t.Errorf("duplicates name the other person: %+v", res.Duplicates)
	}
}

func splitName(full string) (string, string) {
	i := strings.LastIndex(full, " ")
	return full[:i], full[i+1:]
}

// Cells: a list by name, the kind read from the name when there is no
// kind column, an existing cell a duplicate.
func TestImportCells(t *testing.T) {
	s := demoStore(t)
	res := mustImport(t, s, "cb.csv", []byte("Tên chi bộ,Bí thư,Số đảng viên chính thức\n"+
		"Chi bộ thôn Bái Đỏ,Lê Văn Bình,24\nChi bộ Trường Mầm non xã,Hà Thị Lan,12\nChi bộ thôn Đông Hòa,,\n"), ImportOptions{})
	if res.Kind != "cells" || res.Added != 2 || len(res.Duplicates) != 1 {
		t.Fatalf("%s", strings.Join(res.Lines(model.EN, 0), "\n"))
	}
	cells, _ := s.Cells()
	kinds := map[string]model.CellKind{}
	for _, c := range cells {
		kinds[c.Name] = c.Kind
		if c.Name == "Chi bộ thôn Bái Đỏ" && c.OfficialMembers != 24 {
			t.Errorf("members %d", c.OfficialMembers)
		}
	}
	if kinds["Chi bộ thôn Bái Đỏ"] != "village" || kinds["Chi bộ Trường Mầm non xã"] != "school" {
		t.Errorf("kinds %v", kinds)
	}
	// A cell whose name says nothing needs its kind.
	_, err := importFile(t, s, "cb.csv", []byte("Tên chi bộ,Bí thư\nChi bộ Số 5,Lê Văn Bình\n"), ImportOptions{})
	if !errors.Is(err, ErrImportRefused) {
		t.Errorf("a cell without a kind: %v", err)
	}
}

// A record deleted from the file does not come back through an old export.
func TestImportDeletedID(t *testing.T) {
	s := demoStore(t)
	rows := csvRecords(t, exportBytes(t, s, "candidates", "csv", model.VI))
	id, _ := model.ParseID(rows[1][0])
	must(t, s.DeleteCandidate(id))
	res, err := importFile(t, s, "c.csv", toCSV(rows[:2]), ImportOptions{})
	if !errors.Is(err, ErrImportRefused) || len(res.Errors) != 1 || !strings.Contains(res.Errors[0].Msg.EN, "was deleted") {
		t.Fatalf("%v %+v", err, res)
	}
	// Nor does a cell's ID become a candidate.
	cells := csvRecords(t, exportBytes(t, s, "cells", "csv", model.VI))
	rows[1][0] = cells[1][0]
	res, err = importFile(t, s, "c.csv", toCSV(rows[:2]), ImportOptions{})
	if !errors.Is(err, ErrImportRefused) || !strings.Contains(res.Errors[0].Msg.EN, "another kind") {
		t.Fatalf("%v %+v", err, res)
	}
}

// Control characters and escape sequences are never stored, and never
// echoed raw in what the import reports.
func TestImportControlCharacters(t *testing.T) {
	s := demoStore(t)
	res := mustImport(t, s, "x.csv", clerkCSV("1;Lê\x1b[31m Thị;Hoa\u202e;01/02/2003;Nữ;;;;Thôn\x07 Đông;Phụ nữ;;;"), ImportOptions{})
	if res.Added != 1 {
		t.Fatalf("%+v", res)
	}
	rows, _ := s.CandidateRows()
	found := false
	for _, r := range rows {
		if strings.HasPrefix(r.Name, "Lê") && strings.HasSuffix(r.Name, "Hoa") {
			found = r.Name == "Lê Thị Hoa" && r.Village == "Thôn Đông"
		}
	}
	if !found {
		t.Error("the name or village kept its control characters")
	}
	_, err := importFile(t, s, "y.csv", clerkCSV("1;Lê\x1b]52;c;AAAA\x07 Thị;Hoa;;Nữ;;;;;Phụ nữ;;;"), ImportOptions{})
	if err == nil {
		t.Fatal("a row without a date of birth was imported")
	}
	res, _ = importFile(t, s, "y.csv", clerkCSV("1;Lê\x1b]52;c;AAAA\x07 Thị;Hoa;;Nữ;;;;;Phụ nữ;;;"), ImportOptions{})
	for _, l := range res.Lines(model.VI, 0) {
		if strings.ContainsAny(l, "\x1b\x07") {
			t.Errorf("a control character reaches the report: %q", l)
		}
	}
}

// Legacy Vietnamese encodings are converted, in CSV bytes and in the text
// of an XLSX; text in an encoding nguon cannot read is refused.
func TestImportLegacyEncodings(t *testing.T) {
	header := "Họ và tên,Ngày sinh,Giới tính,Nguồn,Thôn/xóm\r\n"
	rows := []string{"Nguyễn Văn Hưởng,05/09/2001,Nam,Đoàn viên,Thôn Đồng Lạc", "Đặng Thị Thuỷ,12/03/2000,Nữ,Phụ nữ,Xóm Trường Sơn"}
	// TCVN3 bytes (lower-case letters with marks; capitals are plain ASCII here).
	tcvn := func(s string) string {
		var b []byte
		for _, r := range s {
			if r < 0x80 {
				b = append(b, byte(r))
				continue
			}
			i := slices.Index(tcvn3[:], r)
			if i < 0 {
				t.Fatalf("no TCVN3 code for %q", r)
			}
			b = append(b, byte(i))
		}
		return string(b)
	}
	vni := map[string]string{
		"Nguyễn Văn Hưởng": "Nguyeãn Vaên Höôûng", "Đặng Thị Thuỷ": "Ñaëng Thò Thuyû",
		"Thôn Đồng Lạc": "Thoân Ñoàng Laïc", "Xóm Trường Sơn": "Xoùm Tröôøng Sôn",
		"Nam": "Nam", "Nữ": "Nöõ", "Đoàn viên": "Ñoaøn vieân", "Phụ nữ": "Phuï nöõ",
	}
	toVNI := func(line string) string {
		f := strings.Split(line, ",")
		for i, v := range f {
			if w, ok := vni[v]; ok {
				f[i] = w
			}
		}
		return strings.Join(f, ",")
	}
	lower := func(line string) string { // TCVN3 has no capitals with marks
		return strings.NewReplacer("Đ", "đ", "Ư", "ư").Replace(line)
	}
	cp1258, err := charmap.Windows1258.NewEncoder().String(cp1258Form(header + strings.Join(rows, "\r\n")))
	must(t, err)
	vniBody, err := charmap.Windows1252.NewEncoder().String(toVNI(rows[0]) + "\r\n" + toVNI(rows[1]))
	must(t, err)
	vniBytes := header + vniBody
	tcvnUTF8 := header // TCVN3 text as Excel keeps it: the Windows-1252 characters, in UTF-8
	for _, r := range rows {
		d, _ := charmap.Windows1252.NewDecoder().String(tcvn(lower(r)))
		tcvnUTF8 += d + "\r\n"
	}
	for _, tc := range []struct {
		name string
		data []byte
		enc  Encoding
	}{
		{"cp1258.csv", []byte(cp1258), EncCP1258},
		{"tcvn3.csv", []byte(header + tcvn(lower(rows[0])) + "\r\n" + tcvn(lower(rows[1]))), EncTCVN3},
		{"vni.csv", []byte(vniBytes), EncVNI},
		{"tcvn3-utf8.csv", []byte(tcvnUTF8), EncTCVN3},
	} {
		s := demoStore(t)
		res := mustImport(t, s, tc.name, tc.data, ImportOptions{})
		if res.Encoding != tc.enc || res.Added != 2 {
			t.Errorf("%s: %s", tc.name, strings.Join(res.Lines(model.EN, 0), "\n"))
			continue
		}
		all, _ := s.CandidateRows()
		var names []string
		for _, r := range all[len(all)-2:] {
			names = append(names, r.Name+"/"+r.Village)
		}
		want := []string{"Nguyễn Văn Hưởng/Thôn Đồng Lạc", "Đặng Thị Thuỷ/Xóm Trường Sơn"}
		if tc.enc == EncTCVN3 {
			want = []string{"Nguyễn Văn Hưởng/Thôn đồng Lạc", "đặng Thị Thuỷ/Xóm Trường Sơn"}
		}
		if !slices.Equal(names, want) {
			t.Errorf("%s: %q, want %q", tc.name, names, want)
		}
	}
	// XLSX written with a TCVN3 font: the cells hold Windows-1252 characters.
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Họ và tên", "Ngày sinh", "Giới tính", "Nguồn"})
	d, _ := charmap.Windows1252.NewDecoder().String(tcvn("Nguyễn Văn Hưởng"))
	f.SetSheetRow("Sheet1", "A2", &[]any{d, "05/09/2001", "Nam", "Đoàn viên"})
	var b bytes.Buffer
	must(t, f.Write(&b))
	s := demoStore(t)
	if res := mustImport(t, s, "tcvn.xlsx", b.Bytes(), ImportOptions{}); res.Encoding != EncTCVN3 || res.Added != 1 {
		t.Errorf("tcvn.xlsx: %+v", res)
	}
	// Bytes that are no Vietnamese encoding nguon knows.
	junk := []byte("Họ và tên,Ngày sinh\r\n")
	junk = append(junk, []byte("\x8f\x9d\x81 \x90\x8d\x8f,05/09/2001\r\n")...)
	if _, err := importFile(t, s, "junk.csv", junk, ImportOptions{}); !errors.Is(err, ErrLegacyEncoding) {
		t.Errorf("junk: %v", err)
	}
}

// Files nguon cannot read are refused with a sentence that says what to do.
func TestImportRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	xls := filepath.Join(dir, "ds.xls")
	must(t, os.WriteFile(xls, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), 0o644))
	ods := filepath.Join(dir, "ds.ods")
	must(t, os.WriteFile(ods, []byte("PK\x03\x04"), 0o644))
	for _, tc := range []struct{ path, want string }{
		{xls, "old Excel file (.xls)"},
		{ods, "save it as .xlsx or CSV UTF-8"},
		{dir, "is a folder"},
		{filepath.Join(dir, "none.csv"), "does not exist"},
	} {
		_, err := ReadImportFile(tc.path)
		if err == nil || !strings.Contains(model.Message(err, model.EN), tc.want) || model.Message(err, model.VI) == model.Message(err, model.EN) {
			t.Errorf("%s: %v", tc.path, err)
		}
	}
	s := demoStore(t)
	if _, err := importFile(t, s, "empty.csv", []byte("\uFEFF"), ImportOptions{}); err == nil || !strings.Contains(model.Message(err, model.EN), "no rows") {
		t.Errorf("empty: %v", err)
	}
	if _, err := importFile(t, s, "nohead.csv", []byte("a,b,c\n1,2,3\n"), ImportOptions{}); err == nil || !strings.Contains(model.Message(err, model.EN), "No header row") {
		t.Errorf("no header: %v", err)
	}
	if _, err := importFile(t, s, "twice.csv", []byte("Họ và tên,Họ tên,Ngày sinh\n"), ImportOptions{}); err == nil || !strings.Contains(model.Message(err, model.EN), "same field") {
		t.Errorf("a field twice: %v", err)
	}
}

// An exported workbook goes to a cell as a template and comes back filled
// in: rows typed below the exported ones, choices picked from the lists.
func TestTemplateComesBack(t *testing.T) {
	s := demoStore(t)
	path := writeTemp(t, "mau.xlsx", exportBytes(t, s, "candidates", "xlsx", model.VI))
	f, err := excelize.OpenFile(path)
	must(t, err)
	sheet := f.GetSheetName(0)
	rows, _ := f.GetRows(sheet)
	lists, _ := f.GetRows("Danh mục")
	headers := rows[0]
	// The drop-down lists hold the labels of the choices.
	if !slices.Contains(lists[1], "Nam") || !slices.ContainsFunc(lists, func(r []string) bool { return slices.Contains(r, "Chi bộ thôn Đông Hòa") }) {
		t.Fatalf("lists %q", lists[:3])
	}
	set := func(row int, header string, v any) {
		i := slices.Index(headers, header)
		if i < 0 {
			t.Fatalf("no column %q", header)
		}
		must(t, f.SetCellValue(sheet, cellName(i+1, row), v))
	}
	n := len(rows) + 1
	set(n, "Họ và tên", "Vũ Thị Mơ")
	set(n, "Giới tính", "Nữ")
	set(n, "Ngày sinh", model.NewDate(2002, 6, 1).Time()) // a date cell
	set(n, "Nguồn", "Hội viên phụ nữ")
	set(n, "Chi bộ phụ trách", "Chi bộ thôn Đông Hòa")
	set(n, "Số CCCD", 38302001234) // typed as a number: the 0 is lost
	set(n, "Đoàn viên", "Có")
	must(t, f.Save())
	f.Close()
	b, _ := os.ReadFile(path)
	res := mustImport(t, s, "mau.xlsx", b, ImportOptions{})
	if res.Added != 1 || res.Unchanged != len(rows)-1 {
		t.Fatalf("%s", strings.Join(res.Lines(model.EN, 0), "\n"))
	}
	all, _ := s.CandidateRows()
	last := all[len(all)-1]
	if last.Name != "Vũ Thị Mơ" || last.DOB != model.NewDate(2002, 6, 1) || last.CCCD != "038302001234" || last.Source != model.SourceWomen {
		t.Errorf("%+v", last)
	}
}

// "Họ và tên" over two merged cells: the unlabelled second column is the
// given name. Another column without a header but with data is reported.
func TestImportMergedNameHeader(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"STT", "Họ và tên", "", "Ngày sinh", "Giới tính", "Nguồn", ""})
	f.MergeCell("Sheet1", "B1", "C1")
	f.SetSheetRow("Sheet1", "A2", &[]any{1, "Nguyễn Thị", "Lan", "01/02/2003", "Nữ", "Phụ nữ", "ghi chú lạ"})
	var b bytes.Buffer
	must(t, f.Write(&b))
	s := demoStore(t)
	res := mustImport(t, s, "x.xlsx", b.Bytes(), ImportOptions{})
	rows, _ := s.CandidateRows()
	if res.Added != 1 || rows[len(rows)-1].Name != "Nguyễn Thị Lan" {
		t.Fatalf("%+v %q", res, rows[len(rows)-1].Name)
	}
	if lines := strings.Join(res.Lines(model.EN, 0), "\n"); !strings.Contains(lines, "column G (no header)") {
		t.Errorf("the unlabelled column G is not reported:\n%s", lines)
	}
}

// Blank rows between the rows of a sheet keep the rows' real numbers.
func TestImportRowNumbersSkipBlankRows(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Họ và tên", "Ngày sinh", "Giới tính", "Nguồn"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"Lê Thị Hoa", "01/02/2003", "Nữ", "Phụ nữ"})
	f.SetSheetRow("Sheet1", "A7", &[]any{"Lê Văn Hùng", "", "Nam", "Đoàn viên"})
	var b bytes.Buffer
	must(t, f.Write(&b))
	s := demoStore(t)
	res, err := importFile(t, s, "x.xlsx", b.Bytes(), ImportOptions{})
	if !errors.Is(err, ErrImportRefused) || len(res.Errors) != 1 || res.Errors[0].Row != 7 {
		t.Fatalf("%v %+v", err, res)
	}
}

// cp1258Form writes tone marks apart, as Windows-1258 does: "ộ" is "ô"
// followed by a combining dot below.
func cp1258Form(s string) string {
	var b strings.Builder
	for _, r := range s {
		d := []rune(norm.NFD.String(string(r)))
		if i := slices.IndexFunc(d, isTone); i > 0 {
			b.WriteString(norm.NFC.String(string(slices.Delete(slices.Clone(d), i, i+1))))
			b.WriteRune(d[i])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
