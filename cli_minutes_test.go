package main

import (
	"archive/zip"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"nguon/model"
	"nguon/store"
)

// docxHas reports whether a DOCX's body holds each of wants.
func docxHas(t *testing.T, path string, wants ...string) {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatalf("%s is not a DOCX: %v", path, err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "word/document.xml" {
			continue
		}
		rc, _ := f.Open()
		var b strings.Builder
		buf := make([]byte, 1<<16)
		for {
			n, err := rc.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		rc.Close()
		for _, w := range wants {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s lacks %q", filepath.Base(path), w)
			}
		}
		return
	}
	t.Fatalf("%s has no word/document.xml", path)
}

// demoMeetings reads the demo file's meetings and cells.
func demoMeetings(t *testing.T, db string) ([]model.Meeting, map[model.ID]model.Cell) {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	snap, err := st.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	cells := map[model.ID]model.Cell{}
	for _, c := range snap.Cells {
		cells[c.ID] = c
	}
	return snap.Meetings, cells
}

func TestCLIMinutes(t *testing.T) {
	db := demoFile(t)
	meetings, cells := demoMeetings(t, db)
	closed := 0
	var open, admission model.Meeting
	for _, m := range meetings {
		switch {
		case !m.Closed:
			open = m
		case m.Kind == model.MeetingAdmission && len(m.Items) >= 2:
			admission = m
		}
		if m.Closed {
			closed++
		}
	}
	if open.ID.IsZero() || admission.ID.IsZero() {
		t.Fatal("the demo lacks an open meeting or a closed admission meeting with two people")
	}

	// Every closed meeting: its minutes, and a resolution per approval.
	out := t.TempDir()
	r := nguon(t, nil, "minutes", "--db", db, "--out", out)
	if r.code != 0 {
		t.Fatalf("minutes: exit %d: %s", r.code, r.stderr)
	}
	minutes, _ := filepath.Glob(filepath.Join(out, "bien-ban-*.docx"))
	resolutions, _ := filepath.Glob(filepath.Join(out, "nghi-quyet-*.docx"))
	if len(minutes) != closed || len(resolutions) < 3 {
		t.Fatalf("%d minutes for %d closed meetings, %d resolutions:\n%s", len(minutes), closed, len(resolutions), r.stdout)
	}
	for _, p := range append(minutes, resolutions...) {
		if !strings.Contains(r.stdout, p) {
			t.Errorf("stdout does not name %s", p)
		}
	}
	if !strings.Contains(r.stdout, "tài liệu của "+strconv.Itoa(closed)+" cuộc họp") {
		t.Errorf("no summary line:\n%s", r.stdout)
	}

	// One meeting by cell and date, into NGUON_DOCS; again, beside the first.
	docs := t.TempDir()
	cell := cells[admission.Cell]
	args := []string{"minutes", "--db", db, "--cell", model.Fold(strings.TrimPrefix(cell.Name, "Chi bộ ")), "--date", admission.Date.String()}
	for i, suffix := range []string{".docx", "-2.docx"} {
		r = nguon(t, []string{"NGUON_DOCS=" + docs}, args...)
		if r.code != 0 {
			t.Fatalf("minutes of one meeting (%d): exit %d: %s", i, r.code, r.stderr)
		}
		id := admission.ID.String()
		p := filepath.Join(docs, "bien-ban-"+strings.ReplaceAll(model.Fold(cell.Name), " ", "-")+"-"+admission.Date.ISO()+"-"+id[len(id)-6:]+suffix)
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("no %s: %v\n%s", p, err, r.stdout)
		}
		docxHas(t, p, "BIÊN BẢN", strings.ToUpper(cell.Name), model.VietDate(admission.Date), "T/M CHI BỘ")
	}
	entries, _ := os.ReadDir(docs)
	if len(entries) != 2*(1+len(admission.Items)) {
		t.Errorf("two writings of a meeting of %d approvals left %d files", len(admission.Items), len(entries))
	}

	// By the end of its ID, as the file name shows it.
	id := admission.ID.String()
	if r = nguon(t, nil, "minutes", "--db", db, "--out", t.TempDir(), "--meeting", id[len(id)-6:]); r.code != 0 ||
		strings.Count(r.stdout, ".docx") != 1+len(admission.Items) {
		t.Errorf("by ID: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

func TestCLIMinutesRefusals(t *testing.T) {
	db := demoFile(t)
	meetings, _ := demoMeetings(t, db)
	var open model.Meeting
	for _, m := range meetings {
		if !m.Closed {
			open = m
		}
	}
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("x"), 0o644)
	out := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--meeting", "abcdef", "--cell", "dong hoa"}, 2, "--meeting không dùng cùng --cell"},
		{[]string{"--date", "31/02/2026"}, 2, "--date 31/02/2026 không phải ngày hợp lệ"},
		{[]string{"--meeting", "zz"}, 2, "--meeting zz không phải mã cuộc họp"},
		{[]string{"--cell", "không có thôn này"}, 1, "Không có chi bộ nào tên “không có thôn này”"},
		{[]string{"--cell", "thon"}, 1, "khớp nhiều chi bộ"},
		{[]string{"--date", "01/01/2001"}, 1, "Không có cuộc họp đã kết thúc nào"},
		{[]string{"--meeting", open.ID.String()}, 1, "chưa kết thúc"},
		{[]string{"--out", file}, 1, "không phải thư mục"},
	} {
		args := append([]string{"minutes", "--db", db}, c.args...)
		if !strings.Contains(strings.Join(c.args, " "), "--out") {
			args = append(args, "--out", out)
		}
		r := nguon(t, nil, args...)
		if r.code != c.code || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, r.code, r.stderr, c.code, c.want)
		}
		oneLineErr(t, r, strings.Join(c.args, " "))
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("a refused command wrote %d files", len(entries))
	}
	r := nguon(t, nil, "--lang", "en", "minutes", "--db", db, "--out", out, "--cell", "thon")
	if r.code != 1 || !strings.Contains(r.stderr, "matches several cells") {
		t.Errorf("in English: %q", r.stderr)
	}
}

// "5 tháng đầu năm": a period against the year's target, with the percent;
// the breakdown's total is the targets report's; Word files; refusals.
func TestCLIReportPeriods(t *testing.T) {
	db := demoFile(t)
	r := nguon(t, nil, "report", "--db", db, "--what", "targets", "--from", "01/01/2026", "--to", "31/05/2026")
	if r.code != 0 || !strings.Contains(r.stdout, "ĐẢNG BỘ XÃ TRƯỜNG SƠN\nKết quả kết nạp từ 01/01/2026 đến 31/05/2026 so với chỉ tiêu năm 2026") {
		t.Fatalf("five months: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	total := func(what string, col int, extra ...string) string {
		t.Helper()
		r := nguon(t, nil, append([]string{"report", "--db", db, "--what", what, "--format", "csv"}, extra...)...)
		rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.stdout, "\uFEFF"))).ReadAll()
		if r.code != 0 || err != nil {
			t.Fatalf("%s: exit %d %v %s", what, r.code, err, r.stderr)
		}
		for _, row := range rows {
			if row[0] == "Toàn đảng bộ" || row[0] == "Tổng số" {
				return row[col]
			}
		}
		t.Fatalf("%s has no total row: %v", what, rows)
		return ""
	}
	for _, period := range [][]string{nil, {"--from", "01/06/2026"}} {
		if a, b := total("targets", 2, period...), total("breakdown", 1, period...); a != b || a == "" {
			t.Errorf("%v: targets says %s admitted, the breakdown %s", period, a, b)
		}
		if a, b := total("targets", 4, period...), total("breakdown", 5, period...); a != b {
			t.Errorf("%v: targets says %s in the pipeline, the breakdown %s", period, a, b)
		}
	}
	if r := nguon(t, nil, "report", "--db", db, "--what", "pool"); r.code != 0 || !strings.Contains(r.stdout, "Danh sách cảm tình Đảng") {
		t.Errorf("pool: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	out := filepath.Join(t.TempDir(), "bieu2.docx")
	if r := nguon(t, nil, "report", "--db", db, "--what", "breakdown", "--format", "docx", "--out", out); r.code != 0 {
		t.Fatalf("docx: %s", r.stderr)
	}
	docxHas(t, out, "ĐẢNG BỘ XÃ TRƯỜNG SƠN", "Biểu 2-BTCTW", "Từ 18 đến 30 tuổi", "Học sinh")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--what", "due", "--from", "01/01/2026"}, "--from và --to không dùng với --what due"},
		{[]string{"--what", "targets", "--year", "2026", "--to", "31/05/2026"}, "--year không dùng cùng --from"},
		{[]string{"--what", "targets", "--from", "1/13/2026"}, "--from 1/13/2026 không phải ngày hợp lệ"},
		{[]string{"--what", "sources", "--from", "01/12/2025", "--to", "31/05/2026"}, "phải trong cùng một năm"},
		{[]string{"--what", "admitted", "--from", "01/06/2026", "--to", "01/01/2026"}, "--from 01/06/2026 sau --to 01/01/2026"},
		{[]string{"--what", "pool", "--format", "docx"}, "--out TỆP.docx"},
	} {
		r := nguon(t, nil, append([]string{"report", "--db", db}, c.args...)...)
		if r.code != 2 || !strings.Contains(r.stderr, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", c.args, r.code, r.stderr, c.want)
		}
		oneLineErr(t, r, strings.Join(c.args, " "))
	}
	// Over two years, a list of the admitted is fine.
	if r := nguon(t, nil, "report", "--db", db, "--what", "admitted", "--from", "01/06/2025", "--to", "31/05/2026"); r.code != 0 ||
		!strings.Contains(r.stdout, "Đảng viên mới kết nạp từ 01/06/2025 đến 31/05/2026") {
		t.Errorf("admitted over two years: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}
