package main

import (
	"errors"
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

// reportCmd prints one of the commune's reports, or writes it as CSV, XLSX
// or DOCX. The TUI's :report gives the same figures (model.BuildReport).
type reportCmd struct {
	What   string `name:"what" required:"" enum:"targets,due,admitted,classes,sources,breakdown,pool" placeholder:"LOẠI" help:"targets (chỉ tiêu), due (việc đến hạn, quá hạn), admitted (đã kết nạp), classes (lớp bồi dưỡng), sources (nguồn), breakdown (đảng viên mới và quần chúng theo Biểu 2-BTCTW), pool (danh sách cảm tình Đảng theo chi bộ, nguồn)."`
	Year   int    `name:"year" placeholder:"NĂM" help:"Năm báo cáo, từ 2000 đến 2100 (mặc định: năm nay; không dùng với due) / Year, 2000 to 2100 (default: this year; not with due)."`
	From   string `name:"from" placeholder:"NGÀY" help:"Từ ngày dd/mm/yyyy (mặc định: 01/01 của năm) / From this date, dd/mm/yyyy (default: 1 January)."`
	To     string `name:"to" placeholder:"NGÀY" help:"Đến ngày dd/mm/yyyy (mặc định: 31/12 của năm) / To this date, dd/mm/yyyy (default: 31 December)."`
	Format string `name:"format" enum:"text,csv,xlsx,docx" default:"text" placeholder:"text|csv|xlsx|docx" help:"text, csv, xlsx hoặc docx / text, csv, xlsx or docx."`
	Out    string `name:"out" placeholder:"TỆP" help:"Ghi ra tệp thay vì màn hình (bắt buộc với xlsx, docx) / Write to a file instead of the screen (needed for xlsx, docx)."`
	Force  bool   `name:"force" help:"Ghi đè nếu tệp --out đã có / Replace the --out file if it exists."`
	// Commune and By matter in a file that merged several communes' files.
	Commune string `name:"commune" placeholder:"TÊN" help:"Chỉ một xã của tệp gộp, tên ghi có dấu hay không đều được (không dùng với classes) / Only one commune of a merged file, accents optional (not with classes)."`
	By      string `name:"by" enum:",commune" default:"" placeholder:"commune" help:"commune: chia dòng theo từng xã, có dòng cộng của mỗi xã (không dùng với classes) / commune: rows per commune, each with its subtotal (not with classes)."`

	from, to model.Date // --from and --to, read by Validate
}

var msgReportWritten = model.Text{VI: "Đã ghi báo cáo vào %s.", EN: "Report written to %s."}

// Validate refuses flags that do not go together: they are mistakes on the
// command line (exit 2), found before the file is opened.
func (c *reportCmd) Validate(kctx *kong.Context) error {
	yearSet := flagSet(kctx, "year")
	periodSet := c.From != "" || c.To != ""
	switch {
	case (c.Format == "xlsx" || c.Format == "docx") && c.Out == "":
		return usage(model.Text{
			VI: "báo cáo %s cần tên tệp, hãy thêm --out TỆP.%s",
			EN: "an %s report needs a file name, add --out FILE.%s"}, c.Format, c.Format)
	case yearSet && c.What == "due":
		return usage(model.Text{
			VI: "--year không dùng với --what due được, vì việc đến hạn luôn tính đến hôm nay",
			EN: "--year cannot be used with --what due, which is always as of today"})
	case periodSet && c.What == "due":
		return usage(model.Text{
			VI: "--from và --to không dùng với --what due được, vì việc đến hạn luôn tính đến hôm nay",
			EN: "--from and --to cannot be used with --what due, which is always as of today"})
	case yearSet && periodSet:
		return usage(model.Text{
			VI: "--year không dùng cùng --from, --to được; hãy chọn cả năm hoặc một khoảng ngày",
			EN: "--year cannot be used with --from or --to; give either a year or a range of dates"})
	case (c.Commune != "" || c.By != "") && c.What == "classes":
		return usage(model.Text{
			VI: "--commune và --by không dùng với --what classes được, vì lớp bồi dưỡng không thuộc riêng xã nào",
			EN: "--commune and --by cannot be used with --what classes, because a class belongs to no one commune"})
	case c.Commune != "" && c.By != "":
		return usage(model.Text{
			VI: "--commune không dùng cùng --by được; hãy chọn một xã hoặc chia theo từng xã",
			EN: "--commune cannot be used with --by; give either one commune or rows per commune"})
	case yearSet && (c.Year < 2000 || c.Year > 2100):
		return usage(model.Text{
			VI: "--year %d không hợp lệ, hãy ghi năm từ 2000 đến 2100, dạng 2026",
			EN: "--year %d is not valid, write a year from 2000 to 2100, like 2026"}, c.Year)
	}
	var err error
	if c.from, err = flagDate("--from", c.From); err != nil {
		return err
	}
	if c.to, err = flagDate("--to", c.To); err != nil {
		return err
	}
	if _, _, err := (model.ReportInput{From: c.from, To: c.to}).Period(c.What); err != nil {
		var fe *model.FieldError
		if errors.As(err, &fe) && fe.Field == "to" {
			return usage(model.Text{
				VI: "báo cáo %s so với chỉ tiêu của một năm, nên --from %s và --to %s phải trong cùng một năm",
				EN: "the %s report compares with one year's targets, so --from %s and --to %s must be in the same year"},
				c.What, c.from.String(), c.to.String())
		}
		return usage(model.Text{
			VI: "--from %s sau --to %s, hãy ghi ngày bắt đầu trước ngày kết thúc",
			EN: "--from %s is after --to %s, give the start before the end"}, c.from.String(), c.to.String())
	}
	return nil
}

// flagDate reads a date flag written dd/mm/yyyy; a bad one is a mistake
// on the command line.
func flagDate(flag, v string) (model.Date, error) {
	if v == "" {
		return 0, nil
	}
	d, err := model.ParseDate(v)
	if err != nil {
		return 0, usage(model.Text{
			VI: "%s %s không phải ngày hợp lệ, hãy ghi ngày có thật dạng dd/mm/yyyy, ví dụ 31/05/2026",
			EN: "%s %s is not a valid date, write a real date as dd/mm/yyyy, like 31/05/2026"}, flag, v)
	}
	return d, nil
}

// flagSet reports whether the flag was given on the command line.
// openForOutput opens the data file read-only for a command that writes
// out (when given): never over the data file, never over an existing file
// unless force.
func (e *env) openForOutput(out string, force bool) (*store.Store, error) {
	path, err := e.dbPath()
	if err != nil {
		return nil, err
	}
	if out != "" {
		if err := checkOut(path, out, force); err != nil {
			return nil, err
		}
	}
	return store.Open(path, store.Options{ReadOnly: true})
}

func flagSet(kctx *kong.Context, name string) bool {
	for _, f := range kctx.Flags() {
		if f.Name == name {
			return f.Set
		}
	}
	return false
}

func (c *reportCmd) Run(e *env) error {
	st, err := e.openForOutput(c.Out, c.Force)
	if err != nil {
		return err
	}
	in, err := st.ReportInput(c.What)
	st.Close()
	if err != nil {
		return err
	}
	in.Today, in.Year, in.From, in.To = model.DateOf(e.now()), c.Year, c.from, c.to
	in.Commune, in.ByCommune = c.Commune, c.By == "commune"
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
		case "docx":
			return store.WriteReportDOCX(w, r, e.lang, e.now())
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
