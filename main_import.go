package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/alecthomas/kong"

	"nguon/model"
	"nguon/store"
)

// importCmd reads a list of candidates or cells from CSV or XLSX.
type importCmd struct {
	What        string `name:"what" placeholder:"LOẠI" help:"candidates (quần chúng) hoặc cells (chi bộ); mặc định: đoán theo dòng tiêu đề / candidates or cells; default: found from the header row."`
	In          string `name:"in" required:"" placeholder:"TỆP" help:"Tệp CSV hoặc XLSX cần nhập / The CSV or XLSX file to import."`
	DryRun      bool   `name:"dry-run" help:"Chỉ chạy thử: báo sẽ thêm, sửa gì, không ghi gì / Report what would happen and write nothing."`
	SkipInvalid bool   `name:"skip-invalid" help:"Nhập các dòng đúng, bỏ qua và báo các dòng lỗi (mặc định: một dòng lỗi thì không nhập gì) / Import the good rows and report the bad ones (default: one bad row and nothing is written)."`
}

var (
	msgImportDry     = model.Text{VI: "Chạy thử: chưa ghi gì vào %s.", EN: "Dry run: nothing was written to %s."}
	msgImportDone    = model.Text{VI: "Đã nhập vào %s.", EN: "Imported into %s."}
	msgImportNothing = model.Text{VI: "Không có gì mới để ghi vào %s.", EN: "Nothing new to write to %s."}
	msgImportIsData  = model.Text{
		VI: "%s chính là tệp dữ liệu; hãy chọn tệp CSV hoặc XLSX cần nhập.",
		EN: "%s is the data file itself; give the CSV or XLSX file to import."}
)

// Validate refuses what cannot be imported.
func (c *importCmd) Validate(*kong.Context) error {
	if c.What != "" && c.What != "candidates" && c.What != "cells" {
		return usage(model.Text{
			VI: "--what phải là candidates (quần chúng) hoặc cells (chi bộ), không phải “%s”",
			EN: "--what must be candidates or cells, not “%s”"}, c.What)
	}
	return nil
}

func (c *importCmd) Run(e *env) error {
	if e.cli.ReadOnly && !c.DryRun {
		return usage(model.Text{
			VI: "không dùng --read-only với import được, vì import phải ghi tệp (hãy thêm --dry-run để chạy thử)",
			EN: "--read-only cannot be used with import, which has to write the file (add --dry-run to try it)"})
	}
	path, err := e.dbPath()
	if err != nil {
		return err
	}
	if sameFile(path, c.In) {
		return fail(msgImportIsData, c.In)
	}
	// The file to import is read first: a wrong file leaves the data file alone.
	sheets, err := store.ReadImportFile(c.In)
	if err != nil {
		return err
	}
	_, statErr := os.Stat(path)
	missing := errors.Is(statErr, fs.ErrNotExist)
	target := path
	if missing && c.DryRun {
		// Plan against an empty file without creating the real one.
		dir, err := os.MkdirTemp("", "nguon-dry-run-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		target = dir + string(os.PathSeparator) + "nguon.db"
	}
	st, err := store.Open(target, store.Options{ReadOnly: c.DryRun && !missing, Now: e.now})
	if err != nil {
		return err
	}
	e.sayUndone(st)
	res, err := st.ImportSheets(sheets, store.ImportOptions{Kind: c.What, DryRun: c.DryRun, SkipInvalid: c.SkipInvalid})
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if missing && !c.DryRun && (res == nil || !res.Written) {
		// Importing into a missing file creates it, but a refused import
		// leaves no empty file behind.
		os.Remove(path)
	}
	if res != nil {
		for _, line := range res.Lines(e.lang, 0) {
			fmt.Fprintln(e.stdout, printable(line))
		}
	}
	if err != nil {
		return err
	}
	switch {
	case c.DryRun:
		e.say(msgImportDry, path)
		if len(res.Errors) > 0 && !c.SkipInvalid {
			return store.ErrImportRefused
		}
	case res.Written:
		e.say(msgImportDone, path)
	default:
		e.say(msgImportNothing, path)
	}
	return nil
}

// sayUndone tells the clerk, before anything else, that opening the file
// put it back as it was before an import that stopped half way
// (store.ImportUndone): what they do next starts from that file.
func (e *env) sayUndone(st *store.Store) {
	if u := st.ImportUndone(); u != nil {
		fmt.Fprintln(e.stdout, printable(u.Text().In(e.lang)))
	}
}
