package store

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nguon/model"
)

func TestDocumentsDir(t *testing.T) {
	t.Setenv("NGUON_DOCS", "")
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	d, err := DocumentsDir()
	if err != nil || d != filepath.Join(home, "Documents", "nguon") {
		t.Fatalf("DocumentsDir() = %q, %v; want Documents/nguon under the home folder", d, err)
	}
	if _, err := os.Stat(d); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("DocumentsDir made the folder before anything was written: %v", err)
	}
	mine := filepath.Join(t.TempDir(), "giấy tờ")
	t.Setenv("NGUON_DOCS", mine+string(filepath.Separator))
	if d, err := DocumentsDir(); err != nil || d != mine {
		t.Fatalf("with NGUON_DOCS: %q, %v", d, err)
	}
	t.Setenv("NGUON_DOCS", "")
	t.Setenv("HOME", "")
	t.Setenv("USERPROFILE", "")
	if _, err := DocumentsDir(); !errors.Is(err, ErrNoDocumentsDir) {
		t.Errorf("without a home folder: %v, want ErrNoDocumentsDir", err)
	} else if m := model.Message(err, model.EN); !strings.Contains(m, "NGUON_DOCS") {
		t.Errorf("the message does not say what to do: %q", m)
	}
}

// A document never replaces a file: the name gets -2, -3…, the folder is
// made when missing, and no temporary file is left.
func TestWriteNewFileNeverOverwrites(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tài liệu")
	text := func(s string) func(io.Writer) error {
		return func(w io.Writer) error { _, err := io.WriteString(w, s); return err }
	}
	var paths []string
	for _, s := range []string{"một", "hai", "ba"} {
		p, err := WriteNewFile(dir, "bien-ban.docx", text(s))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	want := []string{"bien-ban.docx", "bien-ban-2.docx", "bien-ban-3.docx"}
	for i, p := range paths {
		b, _ := os.ReadFile(p)
		if filepath.Base(p) != want[i] || string(b) != []string{"một", "hai", "ba"}[i] {
			t.Errorf("document %d: %s holds %q", i, p, b)
		}
	}
	// A writer that fails leaves nothing, and the files written stay.
	if _, err := WriteNewFile(dir, "bien-ban.docx", func(io.Writer) error { return errors.New("disk full") }); !errors.Is(err, ErrExportWrite) {
		t.Errorf("a failed write: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("the folder holds %v, want only the three documents", names)
	}
}

// Minutes never overwrite each other: two meetings of one cell on one day,
// and a second writing of the same meeting, each get files of their own.
func TestMeetingDocumentsNeverCollide(t *testing.T) {
	s, cell, c := workflowFixture(t)
	dir := t.TempDir()
	var paths []string
	for range 2 {
		m := model.Meeting{Cell: cell.ID, Date: model.NewDate(2026, 3, 10), Kind: model.MeetingReview, Members: 24, Present: 20,
			Items: []model.AgendaItem{{Candidate: c.ID, Decision: model.DecisionDefer}}}
		must(t, s.PutMeeting(&m))
		cm, err := s.CloseMeeting(m.ID)
		must(t, err)
		for range 2 {
			p, err := WriteMeetingDocuments(dir, cm.Papers(nil, time.Time{}))
			must(t, err)
			paths = append(paths, p...)
		}
	}
	seen := map[string]bool{}
	for _, p := range paths {
		if seen[p] {
			t.Fatalf("two documents written to %s", p)
		}
		seen[p] = true
		b, err := os.ReadFile(p)
		if err != nil || !bytes.HasPrefix(b, []byte("PK")) || !strings.HasPrefix(filepath.Base(p), "bien-ban-chi-bo-thon-dong-2026-03-10-") {
			t.Fatalf("%s: %v", p, err)
		}
	}
	if len(paths) != 4 {
		t.Fatalf("want 4 minutes, got %v", paths)
	}
}

// A report goes into the folder in each format under a name of its own.
func TestWriteReportFormats(t *testing.T) {
	dir := t.TempDir()
	r := model.Report{Kind: "targets", Title: "Kết quả kết nạp so với chỉ tiêu năm 2026", Committee: "Đảng bộ xã Trường Sơn",
		Columns: []string{"Chi bộ", "Chỉ tiêu"}, Rows: [][]string{{"Chi bộ thôn Đông", "3"}},
		From: model.NewDate(2026, 1, 1), To: model.NewDate(2026, 12, 31), Made: model.NewDate(2026, 11, 27)}
	for _, f := range []string{"csv", "xlsx", "docx", "docx"} {
		p, err := WriteReport(dir, r, f, model.VI, time.Time{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if fi, err := os.Stat(p); err != nil || fi.Size() == 0 || filepath.Ext(p) != "."+f {
			t.Errorf("%s: %s %v", f, p, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "bao-cao-ket-nap-so-voi-chi-tieu-2026-01-01-2026-12-31-2.docx")); err != nil {
		t.Errorf("the second DOCX did not get a name of its own: %v", err)
	}
	if _, err := WriteReport(dir, r, "pdf", model.VI, time.Time{}); err == nil {
		t.Error("an unknown format was accepted")
	}
}
