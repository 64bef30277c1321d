package store

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"nguon/model"
)

func TestWriteCSVBOMAndSafety(t *testing.T) {
	r := model.Report{Title: "T", Columns: []string{"Họ và tên", "Ghi chú"},
		Rows: [][]string{{"Nguyễn Văn An", "=HYPERLINK(\"x\")"}, {"Lê\x1b[31m Thị Bình", "-"}}}
	var b bytes.Buffer
	if err := WriteCSV(&b, r); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	if !strings.HasPrefix(out, "\uFEFFHọ và tên,Ghi chú\n") {
		t.Fatalf("no BOM or header: %q", out)
	}
	if !strings.Contains(out, "'=HYPERLINK") || strings.Contains(out, "\x1b") || !strings.Contains(out, "Lê Thị Bình,-\n") {
		t.Fatalf("cells not made safe: %q", out)
	}
}

func TestWriteXLSXRoundTrip(t *testing.T) {
	r := model.Report{Title: "Báo cáo", Columns: []string{"Chi bộ", "Chỉ tiêu"}, Rows: [][]string{{"Chi bộ thôn Đông Hòa", "4"}}}
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if err := WriteFileAtomic(path, func(w io.Writer) error { return WriteXLSX(w, r) }); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, _ := f.GetCellValue("Sheet1", "A4")
	if got != "Chi bộ thôn Đông Hòa" {
		t.Fatalf("A4 = %q", got)
	}
}

func TestWriteFileAtomicLeavesNothingOnFailure(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.csv")
	os.WriteFile(path, []byte("old"), 0o644)
	err := WriteFileAtomic(path, func(w io.Writer) error { return errors.New("disk full") })
	if !errors.Is(err, ErrExportWrite) {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "old" {
		t.Fatal("a failed write changed the existing file")
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Fatalf("temporary files left: %v", ents)
	}
}
