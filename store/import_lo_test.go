package store

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"nguon/model"
)

// Workbooks LibreOffice wrote (shared strings, its own styles, dates and
// numbers as it types them) come in as well as nguon's own, and nguon's
// open in LibreOffice with dates as dates and numbers as numbers. These
// tests need soffice; .ci/run installs it. Each soffice run converts all
// its files at once: a headless start costs seconds.

// soffice converts files with LibreOffice into outDir, in a private profile.
func soffice(t *testing.T, to, outDir string, files ...string) {
	sofficeWith(t, "", to, outDir, files...)
}

// sofficeWith reads the files with an import filter (CSV options, say).
func sofficeWith(t *testing.T, infilter, to, outDir string, files ...string) {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed; .ci/run installs it")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	profile := "file://" + filepath.ToSlash(t.TempDir())
	args := []string{"-env:UserInstallation=" + profile, "--headless", "--norestore", "--convert-to", to, "--outdir", outDir}
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	args = append(args, files...)
	out, err := exec.CommandContext(ctx, bin, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f)) + "." + strings.SplitN(to, ":", 2)[0]
		if _, err := os.Stat(filepath.Join(outDir, name)); err != nil {
			t.Fatalf("soffice wrote no %s:\n%s", name, out)
		}
	}
}

// Our workbooks, saved again by LibreOffice: LibreOffice read the dates as
// dates and the counts as numbers, and what it wrote imports back to the
// same records.
func TestLibreOfficeRoundTrip(t *testing.T) {
	src := demoStore(t)
	in, out := t.TempDir(), t.TempDir()
	cellsX := filepath.Join(in, "cells.xlsx")
	candsX := filepath.Join(in, "candidates.xlsx")
	must(t, os.WriteFile(cellsX, exportBytes(t, src, "cells", "xlsx", model.VI), 0o644))
	must(t, os.WriteFile(candsX, exportBytes(t, src, "candidates", "xlsx", model.VI), 0o644))
	soffice(t, "xlsx", out, cellsX, candsX)

	// Dates are date cells shown dd/mm/yyyy; counts are numbers.
	f, err := excelize.OpenFile(filepath.Join(out, "candidates.xlsx"))
	must(t, err)
	sheet := f.GetSheetName(0)
	head, _ := f.GetRows(sheet)
	dob := slices.Index(head[0], "Ngày sinh")
	ref := cellName(dob+1, 2)
	raw, _ := f.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
	shown, _ := f.GetCellValue(sheet, ref)
	if _, err := model.ParseDate(shown); err != nil || raw == shown || strings.Contains(raw, "/") {
		t.Errorf("LibreOffice did not keep the date of birth a date: raw %q shown %q", raw, shown)
	}
	f.Close()
	f, err = excelize.OpenFile(filepath.Join(out, "cells.xlsx"))
	must(t, err)
	sheet = f.GetSheetName(0)
	head, _ = f.GetRows(sheet)
	members := cellName(slices.Index(head[0], "Số ĐV chính thức")+1, 2)
	if typ, _ := f.GetCellType(sheet, members); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("LibreOffice did not keep the member count a number: type %v", typ)
	}
	if v, _ := f.GetCellValue(sheet, members, excelize.Options{RawCellValue: true}); v == "" || strings.Trim(v, "0123456789") != "" {
		t.Errorf("member count %q", v)
	}
	f.Close()

	// What LibreOffice wrote imports into a new file as the same records.
	dst := newTestStore(t)
	for _, what := range []string{"cells", "candidates"} {
		b, err := os.ReadFile(filepath.Join(out, what+".xlsx"))
		must(t, err)
		res := mustImport(t, dst, what+".xlsx", b, ImportOptions{Kind: what})
		if res.Added == 0 || len(res.Errors)+len(res.Duplicates) != 0 {
			t.Fatalf("%s: %s", what, strings.Join(res.Lines(model.EN, 0), "\n"))
		}
	}
	want := writableColumns(model.CandidateFields, csvRecords(t, exportBytes(t, src, "candidates", "csv", model.VI)))
	got := writableColumns(model.CandidateFields, csvRecords(t, exportBytes(t, dst, "candidates", "csv", model.VI)))
	if !slices.EqualFunc(want, got, slices.Equal) {
		t.Errorf("the candidates differ after LibreOffice:\n got %q\nwant %q", got[1], want[1])
	}
}

// A clerk's list typed in LibreOffice: ISO dates it turns into date cells,
// CCCD numbers it stores as numbers (losing the leading 0), a number column
// it may store as text.
func TestLibreOfficeClerkSheet(t *testing.T) {
	s := demoStore(t)
	in, out := t.TempDir(), t.TempDir()
	csvPath := filepath.Join(in, "danhsach.csv")
	must(t, os.WriteFile(csvPath, []byte("Họ và tên,Ngày sinh,Giới tính,Số CCCD,Nguồn,Chi bộ,Ngày vào Đoàn\n"+
		"Trần Văn Bình,2001-09-05,Nam,038201000123,Đoàn viên,Chi bộ thôn Đông Hòa,2016-03-26\n"+
		"Lê Thị Cúc,1999-12-31,Nữ,038199000456,Phụ nữ,,\n"), 0o644))
	// Comma-separated, quoted with ", UTF-8 (76), from line 1.
	sofficeWith(t, "CSV:44,34,76,1", "xlsx", out, csvPath)
	b, err := os.ReadFile(filepath.Join(out, "danhsach.xlsx"))
	must(t, err)
	// LibreOffice really did make the CCCD a number and the dates date cells.
	f, err := excelize.OpenFile(filepath.Join(out, "danhsach.xlsx"))
	must(t, err)
	sheet := f.GetSheetName(0)
	cccd, _ := f.GetCellValue(sheet, "D2", excelize.Options{RawCellValue: true})
	dob, _ := f.GetCellValue(sheet, "B2", excelize.Options{RawCellValue: true})
	f.Close()
	if cccd != "38201000123" || strings.Contains(dob, "-") {
		t.Errorf("LibreOffice kept the CCCD %q and the date %q as typed: this test needs them as a number and a date cell", cccd, dob)
	}
	res := mustImport(t, s, "danhsach.xlsx", b, ImportOptions{})
	if res.Added != 2 || len(res.Errors) != 0 {
		t.Fatalf("%s", strings.Join(res.Lines(model.EN, 0), "\n"))
	}
	rows, _ := s.CandidateRows()
	got := map[string]model.CandidateRow{}
	for _, r := range rows {
		got[r.Name] = r
	}
	if b := got["Trần Văn Bình"]; b.CCCD != "038201000123" || b.DOB != model.NewDate(2001, 9, 5) || b.Source != model.SourceYouth || b.Cell.IsZero() {
		t.Errorf("Bình: %+v", b)
	}
	if c := got["Lê Thị Cúc"]; c.CCCD != "038199000456" || c.DOB != model.NewDate(1999, 12, 31) {
		t.Errorf("Cúc: %+v", c)
	}
}
