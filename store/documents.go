package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// The documents folder: where the minutes, the resolutions and the reports
// made in the program go, a folder a clerk finds in the file manager (not
// the hidden config folder the data file lives in). Nothing in it is ever
// written over: each document gets a name no file there has.

// ErrNoDocumentsDir is a documents folder that cannot be found or made.
var ErrNoDocumentsDir = newError(
	"Không tìm thấy hoặc không tạo được thư mục tài liệu; hãy đặt biến NGUON_DOCS là một thư mục ghi được (ví dụ D:\\TaiLieu\\nguon).",
	"The documents folder cannot be found or made; set NGUON_DOCS to a folder that can be written (for example D:\\Documents\\nguon).")

// DocumentsDir is the folder documents go to: NGUON_DOCS when set, else
// Documents/nguon in the user's home folder (%USERPROFILE%\Documents\nguon
// on Windows). It is made when a document is written, not here.
func DocumentsDir() (string, error) {
	if d := strings.TrimSpace(os.Getenv("NGUON_DOCS")); d != "" {
		return filepath.Clean(d), nil
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return "", wrap(ErrNoDocumentsDir, fmt.Errorf("no home folder: %v", err))
	}
	return filepath.Join(home, "Documents", "nguon"), nil
}

// slug makes a file-name part of s: folded (no accents, "đ" as "d"), lower
// case, words joined by "-", at most 60 characters.
func slug(s string) string {
	f := model.Fold(s)
	var b strings.Builder
	dash := false
	for _, r := range f {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	out := b.String()
	if len(out) > 60 {
		out = strings.TrimRight(out[:60], "-")
	}
	return out
}

// freeName returns path, or path with "-2", "-3"… before its extension when
// a file of that name exists: a document written earlier (by a copy of the
// same data file, say) is never replaced.
func freeName(path string) string {
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext)
	for n := 1; ; n++ {
		p := path
		if n > 1 {
			p = fmt.Sprintf("%s-%d%s", stem, n, ext)
		}
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p
		}
	}
}

// WriteNewFile writes a document into dir (made if missing) under name, or
// under name with "-2", "-3"… when that is taken, and returns its path. It
// writes a temporary file, syncs it, then links it to the free name, which
// fails rather than replace a file that appeared meanwhile; a failure
// leaves nothing behind.
func WriteNewFile(dir, name string, write func(io.Writer) error) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", wrap(ErrExportWrite, err)
	}
	CleanStale(dir) // what a killed nguon left half-written here
	tmp, err := createTemp(dir, tempDoc)
	if err != nil {
		return "", wrap(ErrExportWrite, err)
	}
	tmpName := tmp.Name()
	defer os.Remove(tmpName)
	if err := write(tmp); err != nil {
		tmp.Close()
		return "", wrap(ErrExportWrite, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", wrap(ErrExportWrite, err)
	}
	if err := tmp.Close(); err != nil {
		return "", wrap(ErrExportWrite, err)
	}
	for range 1000 {
		path := freeName(filepath.Join(dir, name))
		err := os.Link(tmpName, path)
		if err == nil {
			return path, nil
		}
		if errors.Is(err, fs.ErrExist) {
			continue // taken between the look and the link: the next name
		}
		// A disk without links (FAT on a USB stick): rename, having looked.
		if err := os.Rename(tmpName, path); err != nil {
			return "", wrap(ErrExportWrite, err)
		}
		return path, nil
	}
	return "", wrap(ErrExportWrite, fmt.Errorf("no free name for %s", name))
}

// ReportFileName names a report's file: "bao-cao-", what it reports, the
// period, and the extension (csv, xlsx, docx).
func ReportFileName(r model.Report, ext string) string {
	what := slug(model.Label(model.ReportOptions, r.Kind, model.VI))
	if what == "" {
		what = slug(r.Kind)
	}
	period := r.From.ISO()
	if r.To != r.From {
		period += "-" + r.To.ISO()
	}
	return fmt.Sprintf("bao-cao-%s-%s.%s", what, period, ext)
}

// ReportInput reads what report what is computed from, as the command
// line and the program both read it: the snapshot; or, for a report on
// the candidates' profiles, the settings, the cells and the facts of
// every full record, in one read transaction. The records are folded
// into their facts one at a time, never held together. The caller sets
// the day and the period.
func (s *Store) ReportInput(what string) (model.ReportInput, error) {
	if !model.ReportNeedsCandidates(what) {
		snap, err := s.Snapshot()
		return model.ReportInput{Snapshot: snap}, err
	}
	var in model.ReportInput
	err := s.view(func(tx *bolt.Tx) (err error) {
		if in.Settings, err = currentSettings(tx); err != nil {
			return err
		}
		if in.Cells, err = list[model.Cell](tx, kindCell); err != nil {
			return err
		}
		in.Facts, err = factsOf(tx)
		return err
	})
	if err != nil {
		return model.ReportInput{}, err
	}
	return in, nil
}

// factsOf reads every live candidate's record into its report facts.
func factsOf(tx *bolt.Tx) ([]model.ReportFacts, error) {
	var out []model.ReportFacts
	err := each(tx, kindCandidate, func(c *model.Candidate) { out = append(out, model.FactsOf(c)) })
	return out, err
}

// WriteReportDOCX writes a report as a Word document.
func WriteReportDOCX(w io.Writer, r model.Report, lang model.Lang, made time.Time) error {
	return WriteDOCX(w, model.ReportDoc(r, lang, made))
}

// WriteReport writes a report into dir as CSV, XLSX or DOCX under a free
// name, and returns the path.
func WriteReport(dir string, r model.Report, format string, lang model.Lang, made time.Time) (string, error) {
	var write func(io.Writer) error
	switch format {
	case "csv":
		write = func(w io.Writer) error { return WriteCSV(w, r) }
	case "xlsx":
		write = func(w io.Writer) error { return WriteXLSX(w, r) }
	case "docx":
		write = func(w io.Writer) error { return WriteReportDOCX(w, r, lang, made) }
	default:
		return "", fmt.Errorf("unknown report format %q", format)
	}
	return WriteNewFile(dir, ReportFileName(r, format), write)
}
