package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"nguon/model"
	"nguon/store"
)

// mergeCmd merges copies of the data file brought from other computers
// (docs/file-format.md, "Merging copies").
type mergeCmd struct {
	Copies []string `arg:"" name:"bản-sao" help:"Tệp bản sao mang từ máy khác hoặc xã khác (một hay nhiều) / The copies brought from other computers or communes (one or more)."`
}

var (
	msgMergeDone    = model.Text{VI: "Đã gộp %d bản sao vào %s.", EN: "Merged %d copies into %s."}
	msgMergeDoneOne = model.Text{VI: "Đã gộp bản sao vào %s.", EN: "Merged the copy into %s."}
	msgMergeNothing = model.Text{VI: "Các bản sao không có gì mới; %s không thay đổi.", EN: "The copies hold nothing new; %s is unchanged."}
	msgMergeIsData  = model.Text{
		VI: "%s chính là tệp dữ liệu; hãy chọn tệp bản sao mang từ máy khác.",
		EN: "%s is the data file itself; give the copy brought from another computer."}
	msgMergeReadOnly = model.Text{
		VI: "không dùng --read-only với merge được, vì merge phải ghi tệp",
		EN: "--read-only cannot be used with merge, which has to write the file"}
)

func (c *mergeCmd) Run(e *env) error {
	if e.cli.ReadOnly {
		return usage(msgMergeReadOnly)
	}
	path, err := e.dbPath()
	if err != nil {
		return err
	}
	for _, p := range c.Copies {
		if sameFile(path, p) {
			return fail(msgMergeIsData, p)
		}
	}
	// Merging into a missing file makes it (a district's first file); a
	// refused merge leaves none behind.
	_, statErr := os.Stat(path)
	missing := errors.Is(statErr, fs.ErrNotExist)
	st, err := store.Open(path, store.Options{Now: e.now})
	if err != nil {
		return err
	}
	e.sayUndone(st)
	res, err := st.Merge(c.Copies, e.now())
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if missing && (res == nil || !res.Written) {
		os.Remove(path)
	}
	if err != nil {
		return err
	}
	for _, line := range res.Lines(e.lang) {
		fmt.Fprintln(e.stdout, printable(line))
	}
	if res.Written {
		if len(c.Copies) == 1 {
			e.say(msgMergeDoneOne, path)
		} else {
			e.say(msgMergeDone, len(c.Copies), path)
		}
	} else {
		e.say(msgMergeNothing, path)
	}
	return nil
}
