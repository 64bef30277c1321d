package ui

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
	"nguon/store"
)

// The ":export WHAT [FILE]" and ":import [WHAT] FILE" commands. A bare file
// name means the user's documents folder, ~/Documents/nguon (made when
// missing); the status line always says the full path. An import shows
// what a dry run found (the tally and the first problems) and asks y/N
// before writing; the store makes a verified backup first.

func init() {
	for k, v := range importTexts {
		catalog[k] = v
	}
}

var importTexts = map[string]model.Text{
	"export_usage": {VI: "Dùng :export chibo|quanchung|lop|hocvien|hop [TỆP.xlsx hoặc .csv]", EN: "Use :export cells|candidates|classes|enrolments|meetings [FILE.xlsx or .csv]"},
	"export_ext":   {VI: "Tên tệp phải có đuôi .xlsx hoặc .csv: %s", EN: "The file name must end in .xlsx or .csv: %s"},
	"export_done":  {VI: "Đã xuất %d dòng (%s) vào %s.", EN: "Exported %d rows (%s) to %s."},
	"replace_q":    {VI: "Tệp %s đã có. Ghi đè? (y/N)", EN: "%s already exists. Replace it? (y/N)"},
	"out_is_data":  {VI: "Không thể ghi vào %s vì đó chính là tệp dữ liệu; hãy chọn tên khác.", EN: "%s is the data file itself and cannot be written over; choose another name."},
	"no_docs":      {VI: "Không tạo được thư mục tài liệu %s; hãy ghi đường dẫn đầy đủ của tệp.", EN: "Cannot make the documents folder %s; give the file's full path."},
	"import_usage": {VI: "Dùng :import [chibo|quanchung] TỆP.xlsx hoặc .csv", EN: "Use :import [cells|candidates] FILE.xlsx or .csv"},
	"import_wait":  {VI: "Đang đọc %s…", EN: "Reading %s…"},
	"import_q": {VI: "Nhập %d %s (thêm %d, cập nhật %d) vào tệp dữ liệu? Tệp được sao lưu trước khi ghi. (y/N)",
		EN: "Import %d %s (%d new, %d updated) into the data file? It is backed up first. (y/N)"},
	"import_q_skip": {VI: "%d dòng có lỗi sẽ bị bỏ qua. Vẫn nhập %d %s đúng (thêm %d, cập nhật %d)? Tệp được sao lưu trước khi ghi. (y/N)",
		EN: "%d rows with errors will be skipped. Import the %d good %s (%d new, %d updated) anyway? It is backed up first. (y/N)"},
	"import_nothing": {VI: "Không có gì mới để nhập từ %s.", EN: "Nothing new to import from %s."},
	"import_done":    {VI: "Đã nhập từ %s.", EN: "Imported from %s."},
	"import_backup":  {VI: "Bản sao lưu trước khi nhập: %s", EN: "Backup made before the import: %s"},
	"import_ro":      {VI: "Tệp đang mở chỉ đọc nên không nhập được.", EN: "The file is open read-only, so nothing can be imported."},
}

// exportKinds are the words :export takes, in both languages, folded.
var exportKinds = map[string]string{
	"cells": "cells", "chibo": "cells",
	"candidates": "candidates", "quanchung": "candidates", "nguon": "candidates",
	"classes": "classes", "lop": "classes",
	"enrolments": "enrolments", "enrollments": "enrolments", "hocvien": "enrolments",
	"meetings": "meetings", "hop": "meetings", "cuochop": "meetings",
}

// documentsDir is ~/Documents/nguon, made when missing.
func documentsDir() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(home, "Documents", "nguon")
	return dir, os.MkdirAll(dir, 0o755)
}

// isBare reports a file name without a folder.
func isBare(name string) bool {
	return !strings.ContainsAny(name, `/\`) && filepath.Base(name) == name && !filepath.IsAbs(name)
}

// exportTarget is where :export writes: FILE as given, a bare name in the
// documents folder, no name at all a dated one there.
func (a *App) exportTarget(what, name string) (path, format string, err error) {
	if name == "" {
		name = fileSlug(store.ExportTitle(what, a.env.lang)) + "-" + a.env.now().Format("2006-01-02") + ".xlsx"
	}
	if filepath.Ext(name) == "" {
		name += ".xlsx"
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		format = "xlsx"
	case ".csv":
		format = "csv"
	default:
		return "", "", errors.New(a.env.tf("export_ext", model.Escape(name)))
	}
	if isBare(name) {
		dir, derr := documentsDir()
		if derr != nil {
			return "", "", errors.New(a.env.tf("no_docs", model.Escape(dir)))
		}
		name = filepath.Join(dir, name)
	}
	if abs, aerr := filepath.Abs(name); aerr == nil {
		name = abs
	}
	return name, format, nil
}

// fileSlug turns a title into a file name: "Quần chúng" → "quan-chung".
func fileSlug(s string) string {
	return strings.Join(strings.Fields(model.Fold(s)), "-")
}

// runExport starts ":export".
func (a *App) runExport(arg string) tea.Cmd {
	word, name, _ := strings.Cut(strings.TrimSpace(arg), " ")
	what, ok := exportKinds[model.Fold(word)]
	if !ok {
		a.setStatus(a.env.t("export_usage"), true)
		return nil
	}
	path, format, err := a.exportTarget(what, unquotePath(name))
	if err != nil {
		a.setStatus(err.Error(), true)
		return nil
	}
	if sameFile(a.env.store.Path(), path) {
		a.setStatus(a.env.tf("out_is_data", model.Escape(path)), true)
		return nil
	}
	st, lang := a.env.store, a.env.lang
	write := func() tea.Msg {
		n := 0
		err := store.WriteFileAtomic(path, func(w io.Writer) error {
			var err error
			n, err = st.Export(w, what, format, lang)
			return err
		})
		if err != nil {
			return statusMsg{text: model.Message(err, lang), isErr: true}
		}
		return statusMsg{text: trf(lang, "export_done", n, store.ExportTitle(what, lang), model.Escape(path))}
	}
	if fi, err := os.Stat(path); err == nil && !fi.IsDir() {
		a.prompt, a.promptYes = a.env.tf("replace_q", model.Escape(path)), write
		return nil
	}
	return write
}

// sameFile reports whether a and b name the same file.
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	pa, _ := filepath.Abs(a)
	pb, _ := filepath.Abs(b)
	return pa == pb
}

// importSource finds the file ":import" names: a bare name in the documents
// folder when it is there, else as given.
func importSource(name string) string {
	if isBare(name) {
		if home, err := os.UserHomeDir(); err == nil {
			p := filepath.Join(home, "Documents", "nguon", name)
			if _, err := os.Stat(p); err == nil {
				return p
			}
		}
	}
	if abs, err := filepath.Abs(name); err == nil {
		return abs
	}
	return name
}

// importLimit is how many errors, duplicates and notes the prompt shows
// in all, so that the question still fits on an 80×24 screen.
const importLimit = 3

// runImport starts ":import": a dry run, then a y/N question.
func (a *App) runImport(arg string) tea.Cmd {
	arg = strings.TrimSpace(arg)
	kind := ""
	if word, rest, ok := strings.Cut(arg, " "); ok {
		switch exportKinds[model.Fold(word)] {
		case "cells", "candidates":
			kind, arg = exportKinds[model.Fold(word)], strings.TrimSpace(rest)
		}
	}
	if arg == "" {
		a.setStatus(a.env.t("import_usage"), true)
		return nil
	}
	path := importSource(unquotePath(arg))
	st, lang := a.env.store, a.env.lang
	a.setStatus(a.env.tf("import_wait", model.Escape(path)), false)
	load := a.load()
	return func() tea.Msg {
		sheets, err := store.ReadImportFile(path)
		if err != nil {
			return statusMsg{text: model.Message(err, lang), isErr: true}
		}
		res, err := st.ImportSheets(sheets, store.ImportOptions{Kind: kind, DryRun: true})
		if err != nil {
			return statusMsg{text: model.Message(err, lang), isErr: true}
		}
		lines := res.Brief(lang, importLimit)
		good := res.Added + res.Updated
		switch {
		case good == 0:
			lines = append(lines, trf(lang, "import_nothing", model.Escape(path)))
			return statusMsg{text: strings.Join(lines, "\n"), isErr: len(res.Errors) > 0}
		case st.ReadOnly():
			lines = append(lines, tr(lang, "import_ro"))
			return statusMsg{text: strings.Join(lines, "\n"), isErr: true}
		}
		q := trf(lang, "import_q", good, res.KindName(lang), res.Added, res.Updated)
		if len(res.Errors) > 0 {
			q = trf(lang, "import_q_skip", len(res.Errors), good, res.KindName(lang), res.Added, res.Updated)
		}
		yes := func() tea.Msg {
			res, err := st.ImportSheets(sheets, store.ImportOptions{Kind: res.Kind, SkipInvalid: true})
			if err != nil {
				return statusMsg{text: model.Message(err, lang), isErr: true}
			}
			text := trf(lang, "import_done", model.Escape(path)) + " " + res.Counts(lang)
			if res.Backup != "" {
				text += "\n" + trf(lang, "import_backup", model.Escape(res.Backup))
			}
			done := func() tea.Msg { return statusMsg{text: text} }
			// Reload what the screens show, then say what was done.
			return tea.BatchMsg{load, done}
		}
		return confirmMsg{prompt: strings.Join(append(lines, q), "\n"), yes: yes}
	}
}
