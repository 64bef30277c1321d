package main

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/alecthomas/kong"

	"nguon/model"
	"nguon/store"
)

// exportCmd writes every record of one kind as CSV or XLSX.
type exportCmd struct {
	What   string `name:"what" required:"" enum:"cells,candidates,classes,enrolments,meetings" placeholder:"LOẠI" help:"cells (chi bộ), candidates (quần chúng), classes (lớp), enrolments (học viên các lớp), meetings (cuộc họp)."`
	Format string `name:"format" placeholder:"csv|xlsx" help:"csv hoặc xlsx (mặc định: theo đuôi tên tệp --out, nếu không có --out thì csv) / csv or xlsx (default: from the --out file's extension, csv without --out)."`
	Out    string `name:"out" placeholder:"TỆP" help:"Tệp sẽ ghi (bắt buộc với xlsx; không có thì in CSV ra màn hình) / The file to write (needed for xlsx; without it CSV goes to the screen)."`
	Force  bool   `name:"force" help:"Ghi đè nếu tệp --out đã có / Replace the --out file if it exists."`
}

var msgExported = model.Text{VI: "Đã xuất %d dòng (%s) vào %s.", EN: "Exported %d rows (%s) to %s."}

// format is --format, else the --out file's extension, else csv.
func (c *exportCmd) format() string {
	if c.Format != "" {
		return c.Format
	}
	if strings.EqualFold(filepath.Ext(c.Out), ".xlsx") {
		return "xlsx"
	}
	return "csv"
}

// Validate refuses an unknown format, and an xlsx without a file (a
// workbook cannot go to a terminal).
func (c *exportCmd) Validate(*kong.Context) error {
	if c.Format != "" && c.Format != "csv" && c.Format != "xlsx" {
		return usage(model.Text{
			VI: "--format phải là csv hoặc xlsx, không phải “%s”",
			EN: "--format must be csv or xlsx, not “%s”"}, c.Format)
	}
	if c.format() == "xlsx" && c.Out == "" {
		return usage(model.Text{
			VI: "xuất dạng xlsx cần tên tệp, hãy thêm --out TỆP.xlsx",
			EN: "an xlsx export needs a file name, add --out FILE.xlsx"})
	}
	return nil
}

func (c *exportCmd) Run(e *env) error {
	st, err := e.openForOutput(c.Out, c.Force)
	if err != nil {
		return err
	}
	defer st.Close()
	n := 0
	write := func(w io.Writer) error {
		var err error
		n, err = st.Export(w, c.What, c.format(), e.lang)
		return err
	}
	if c.Out == "" {
		return write(e.stdout)
	}
	if err := store.WriteFileAtomic(c.Out, write); err != nil {
		return err
	}
	e.say(msgExported, n, store.ExportTitle(c.What, e.lang), c.Out)
	return nil
}
