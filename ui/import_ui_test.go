package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"nguon/model"
)

// command types a ":" command and runs it.
func (h *harness) command(line string) {
	h.t.Helper()
	h.press(h.keys().Command)
	h.typeText(line)
	h.key("enter")
}

// A bare file name goes to ~/Documents/nguon, which is made; no name at
// all is a dated one there; the status line says the full path.
func TestCommandExport(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	h := newHarness(t, true, model.VI)
	docs := filepath.Join(home, "Documents", "nguon")

	h.command("export quanchung")
	want := filepath.Join(docs, "quan-chung-2026-11-27.xlsx")
	if b, err := os.ReadFile(want); err != nil || !strings.HasPrefix(string(b), "PK") {
		t.Fatalf("no workbook at %s: %v\n%s", want, err, h.screen())
	}
	if !strings.Contains(h.app.status, "Đã xuất 64 dòng") || !strings.Contains(h.app.status, want) {
		t.Errorf("status %q", h.app.status)
	}

	h.command("xuat chibo ds chi bo.csv")
	csvPath := filepath.Join(docs, "ds chi bo.csv")
	if b, err := os.ReadFile(csvPath); err != nil || !strings.HasPrefix(string(b), "\uFEFFID,Tên chi bộ") {
		t.Fatalf("no CSV at %s: %v", csvPath, err)
	}

	// An existing file: asked first; n keeps it, y replaces it.
	os.WriteFile(csvPath, []byte("old"), 0o644)
	h.command("export chibo ds chi bo.csv")
	h.mustSee("đã có. Ghi đè? (y/N)")
	h.key("n")
	if b, _ := os.ReadFile(csvPath); string(b) != "old" {
		t.Fatal("n replaced the file")
	}
	h.command("export chibo ds chi bo.csv")
	h.key("y")
	if b, _ := os.ReadFile(csvPath); string(b) == "old" {
		t.Fatal("y did not replace the file")
	}

	// Mistakes say what to type.
	h.command("export people")
	if !h.app.statusErr || !strings.Contains(h.app.status, ":export chibo|quanchung") {
		t.Errorf("usage: %q", h.app.status)
	}
	h.command("export lop bang.pdf")
	if !h.app.statusErr || !strings.Contains(h.app.status, ".xlsx hoặc .csv") {
		t.Errorf("extension: %q", h.app.status)
	}
	h.command("export lop " + h.st.Path() + ".xlsx")
	h.command("export lop " + filepath.Join(t.TempDir(), "x") + "/../" + filepath.Base(h.st.Path()))
	if !h.app.statusErr {
		t.Errorf("the data file: %q", h.app.status)
	}
}

// :import shows what a dry run found and the first problems, asks, and
// only then writes (after a backup); the screens show the new people.
func TestCommandImport(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	docs := filepath.Join(home, "Documents", "nguon")
	os.MkdirAll(docs, 0o755)
	os.WriteFile(filepath.Join(docs, "ds.csv"), []byte("Họ và tên;Ngày sinh;Giới tính;Nguồn;Chi bộ\n"+
		"Vũ Thị Mơ;01/02/2003;Nữ;Phụ nữ;Chi bộ thôn Đông Hòa\n"+
		"Lê Văn Hùng;1999;Nam;Đoàn viên;\n"), 0o644)
	h := newHarness(t, true, model.VI)
	before := len(h.app.env.d.rows)

	h.command("import ds.csv")
	h.mustSee("thêm mới 1", "Lỗi dòng 3 (Lê Văn Hùng)", "1 dòng có lỗi sẽ bị bỏ qua", "(y/N)")
	h.key("n")
	if len(h.app.env.d.rows) != before {
		t.Fatal("n imported")
	}
	rows, _ := h.st.CandidateRows()
	if len(rows) != before {
		t.Fatal("n wrote to the file")
	}

	h.command("nhap ds.csv")
	h.key("y")
	if len(h.app.env.d.rows) != before+1 {
		t.Fatalf("the list has %d rows, want %d\n%s", len(h.app.env.d.rows), before+1, h.screen())
	}
	if !strings.Contains(h.app.status, "Đã nhập từ") || !strings.Contains(h.app.status, "truoc-khi-nhap") {
		t.Errorf("status %q", h.app.status)
	}
	// The list shows the new person (found with the filter, as a clerk would).
	h.press(h.keys().Tabs[tabSources])
	h.press(h.keys().Filter)
	h.typeText("vu thi mo")
	h.mustSee("Vũ Thị Mơ")
	h.key("esc")

	// The same file again: nothing new, nothing asked.
	h.command("import quanchung ds.csv")
	if h.app.prompt != "" || !strings.Contains(h.app.status, "Không có gì mới") {
		t.Errorf("again: prompt %q status %q", h.app.prompt, h.app.status)
	}
	// A missing file, in English.
	h.command("lang en")
	h.command("import nowhere.csv")
	if !h.app.statusErr || !strings.Contains(h.app.status, "does not exist") {
		t.Errorf("missing: %q", h.app.status)
	}
	h.command("import")
	if !h.app.statusErr || !strings.Contains(h.app.status, ":import") {
		t.Errorf("usage: %q", h.app.status)
	}
}
