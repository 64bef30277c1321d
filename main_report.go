package main

import (
	"io"
	"os"
	"path/filepath"

	"github.com/alecthomas/kong"

	"nguon/model"
	"nguon/store"
)

// The report command, and the rules every command that writes a file
// follows: never over the data file, never over an existing file unless
// --force.

// reportCmd prints one of the commune's reports, or writes it as CSV or XLSX.
type reportCmd struct {
	What   string `name:"what" required:"" enum:"targets,due,admitted,classes,sources" placeholder:"LOẠI" help:"targets (chỉ tiêu), due (việc đến hạn, quá hạn), admitted (đã kết nạp), classes (lớp bồi dưỡng), sources (nguồn)."`
	Year   int    `name:"year" placeholder:"NĂM" help:"Năm báo cáo, từ 2000 đến 2100 (mặc định: năm nay; không dùng với due) / Year, 2000 to 2100 (default: this year; not with due)."`
	Format string `name:"format" enum:"text,csv,xlsx" default:"text" placeholder:"text|csv|xlsx" help:"text, csv hoặc xlsx / text, csv or xlsx."`
	Out    string `name:"out" placeholder:"TỆP" help:"Ghi ra tệp thay vì màn hình (bắt buộc với xlsx) / Write to a file instead of the screen (needed for xlsx)."`
	Force  bool   `name:"force" help:"Ghi đè nếu tệp --out đã có / Replace the --out file if it exists."`
}

var msgReportWritten = model.Text{VI: "Đã ghi báo cáo vào %s.", EN: "Report written to %s."}

// Validate refuses flags that do not go together: they are mistakes on the
// command line (exit 2), found before the file is opened.
func (c *reportCmd) Validate(kctx *kong.Context) error {
	yearSet := flagSet(kctx, "year")
	switch {
	case c.Format == "xlsx" && c.Out == "":
		return usage(model.Text{
			VI: "báo cáo xlsx cần tên tệp, hãy thêm --out TỆP.xlsx",
			EN: "an xlsx report needs a file name, add --out FILE.xlsx"})
	case yearSet && c.What == "due":
		return usage(model.Text{
			VI: "--year không dùng với --what due được, vì việc đến hạn luôn tính đến hôm nay",
			EN: "--year cannot be used with --what due, which is always as of today"})
	case yearSet && (c.Year < 2000 || c.Year > 2100):
		return usage(model.Text{
			VI: "--year %d không hợp lệ, hãy ghi năm từ 2000 đến 2100, dạng 2026",
			EN: "--year %d is not valid, write a year from 2000 to 2100, like 2026"}, c.Year)
	}
	return nil
}

// flagSet reports whether the flag was given on the command line.
func flagSet(kctx *kong.Context, name string) bool {
	for _, f := range kctx.Flags() {
		if f.Name == name {
			return f.Set
		}
	}
	return false
}

func (c *reportCmd) Run(e *env) error {
	path, err := e.dbPath()
	if err != nil {
		return err
	}
	if c.Out != "" {
		if err := checkOut(path, c.Out, c.Force); err != nil {
			return err
		}
	}
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	snap, err := st.Snapshot()
	st.Close()
	if err != nil {
		return err
	}
	in := model.ReportInput{Snapshot: snap, Today: model.DateOf(e.now()), Year: c.Year}
	r, err := model.BuildReport(c.What, in, e.lang)
	if err != nil {
		return err
	}
	write := func(w io.Writer) error {
		switch c.Format {
		case "csv":
			return store.WriteCSV(w, r)
		case "xlsx":
			return store.WriteXLSX(w, r)
		}
		_, err := io.WriteString(w, r.Text())
		return err
	}
	if c.Out == "" {
		return write(e.stdout)
	}
	if err := store.WriteFileAtomic(c.Out, write); err != nil {
		return err
	}
	e.say(msgReportWritten, c.Out)
	return nil
}

// checkOut refuses an output file that is the data file, however spelled
// (even with --force), a folder, or an existing file unless force is set.
func checkOut(data, out string, force bool) error {
	if sameFile(data, out) {
		return fail(msgOutIsData, out)
	}
	fi, err := os.Lstat(out)
	switch {
	case err != nil:
		return nil // missing; other errors are met, and explained, when writing
	case fi.IsDir():
		return fail(msgOutIsDir, out)
	case !force:
		return fail(msgOutExists, out)
	}
	return nil
}

// sameFile reports whether a and b name the same file: the same inode when
// both exist (symbolic and hard links, "x/../f", case-insensitive disks),
// else the same resolved absolute path.
func sameFile(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(sa, sb)
	}
	return resolve(a) == resolve(b)
}

func resolve(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		p = abs
	}
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	return filepath.Clean(p)
}

type versionCmd struct{}
