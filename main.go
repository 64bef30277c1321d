// Command nguon keeps a commune party office's work of finding, training
// and admitting new party members in one offline data file.
//
// This file only reads the command line (docs/architecture.md §1), opens the store and
// hands over to the TUI or to one subcommand; the work is done in model,
// store and ui.
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"nguon/model"
	"nguon/store"
	"nguon/ui"

	"github.com/alecthomas/kong"
)

// version is set at release time with -ldflags "-X main.version=…".
var version = "0.1.0-dev"

// Exit codes (README, "Commands").
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// cli is the command line. Help texts are Vietnamese first, then English.
type cli struct {
	DB       string `name:"db" placeholder:"TỆP" help:"Tệp dữ liệu (mặc định: biến NGUON_DB, nếu không thì nguon.db trong thư mục cấu hình của người dùng) / Data file (default: $NGUON_DB, else nguon.db in the user's config folder)."`
	Lang     string `name:"lang" enum:"vi,en" default:"${lang}" placeholder:"vi|en" help:"Ngôn ngữ: vi hoặc en (mặc định: biến NGUON_LANG, nếu không thì vi) / Language (default: $NGUON_LANG, else vi)."`
	ReadOnly bool   `name:"read-only" help:"Mở tệp chỉ để xem, không ghi gì / Open the file without writing anything."`

	Open    openCmd    `cmd:"" default:"1" hidden:"" help:"Mở giao diện (lệnh mặc định) / Open the TUI (the default command)."`
	Demo    demoCmd    `cmd:"" help:"Tạo tệp mới với dữ liệu mẫu / Create a new file holding demo data."`
	Backup  backupCmd  `cmd:"" help:"Sao lưu nhất quán, có kiểm tra / Write a consistent, verified copy."`
	Check   checkCmd   `cmd:"" help:"Kiểm tra tính toàn vẹn của tệp dữ liệu / Check the data file's integrity."`
	Report  reportCmd  `cmd:"" help:"In báo cáo: chỉ tiêu, việc đến hạn, đã kết nạp, lớp, nguồn / Print a report: targets, due, admitted, classes, sources."`
	Version versionCmd `cmd:"" help:"In số phiên bản / Print the version."`
}

// env is what every command needs besides its own flags.
type env struct {
	cli    *cli
	lang   model.Lang
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
}

// dbPath is --db, or the default file.
func (e *env) dbPath() (string, error) {
	if e.cli.DB != "" {
		return e.cli.DB, nil
	}
	return store.DefaultPath()
}

func (e *env) say(t model.Text, args ...any) {
	fmt.Fprintln(e.stdout, oneLine(fmt.Sprintf(t.In(e.lang), args...)))
}

// failure is an error whose message is ready in both languages.
type failure struct{ msg model.Text }

func (f *failure) Error() string    { return f.msg.VI }
func (f *failure) Text() model.Text { return f.msg }

func fail(t model.Text, args ...any) error {
	return &failure{model.Text{VI: fmt.Sprintf(t.VI, args...), EN: fmt.Sprintf(t.EN, args...)}}
}

// Messages. Each is one sentence in both languages.
var (
	msgDemoDone = model.Text{
		VI: "Đã tạo dữ liệu mẫu trong %s: %d chi bộ, %d quần chúng, %d lớp, %d cuộc họp.",
		EN: "Demo data written to %s: %d cells, %d candidates, %d classes, %d meetings."}
	msgDemoExists = model.Text{
		VI: "Tệp %s đã có dữ liệu; lệnh demo chỉ tạo tệp mới, hãy chọn một tên tệp khác.",
		EN: "%s already holds data; demo only creates new files, so choose another file name."}
	msgBackupDone = model.Text{VI: "Đã sao lưu %s vào %s.", EN: "Backed up %s to %s."}
	msgSound      = model.Text{VI: "Tệp dữ liệu tốt.", EN: "The data file is sound."}
	msgProblems   = model.Text{
		VI: "Tệp dữ liệu có %d vấn đề (liệt kê ở trên); hãy dùng một bản sao lưu hoặc báo cho người hỗ trợ.",
		EN: "The data file has %d problems (listed above); use a backup or ask for support."}
	msgUsage = model.Text{
		VI: "Lệnh không đúng: %s. Xem hướng dẫn bằng “nguon --help”.",
		EN: "Bad usage: %s. See “nguon --help”."}
	msgPanic = model.Text{
		VI: "Lỗi ngoài dự kiến trong nguon (%v); hãy báo cho người hỗ trợ.",
		EN: "Unexpected error in nguon (%v); please report it."}
)

// openCmd runs the TUI on the data file.
type openCmd struct{}

func (openCmd) Run(e *env) error {
	path, err := e.dbPath()
	if err != nil {
		return err
	}
	st, err := store.Open(path, store.Options{ReadOnly: e.cli.ReadOnly})
	if err != nil {
		return err
	}
	defer st.Close()
	return ui.Run(st, ui.Options{Lang: e.lang, Now: e.now})
}

// demoCmd creates a file holding model.Demo. It never touches a file that
// already holds records: demo data mixed into real work would be a disaster.
type demoCmd struct{}

func (demoCmd) Run(e *env) error {
	path, err := e.dbPath()
	if err != nil {
		return err
	}
	switch fi, err := os.Stat(path); {
	case err == nil && fi.Size() == 0:
		// Nothing to lose in an empty file, and the store refuses to open one.
		if err := os.Remove(path); err != nil {
			return err
		}
	case err == nil:
		// Look read-only first, so a refused file stays byte-for-byte as it was.
		st, err := store.Open(path, store.Options{ReadOnly: true})
		if err != nil {
			return err
		}
		empty, err := st.IsEmpty()
		st.Close()
		if err != nil {
			return err
		}
		if !empty {
			return fail(msgDemoExists, path)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	st, err := store.Open(path, store.Options{Now: e.now})
	if err != nil {
		return err
	}
	d := model.Demo(model.DateOf(e.now()))
	if err := st.Import(d); err != nil {
		st.Close()
		return err
	}
	if err := st.Close(); err != nil {
		return err
	}
	e.say(msgDemoDone, path, len(d.Cells), len(d.Candidates), len(d.Classes), len(d.Meetings))
	return nil
}

// backupCmd writes a consistent copy; while a TUI holds the file it answers
// that the file is in use, and the TUI's :backup must be used instead.
type backupCmd struct {
	Out string `name:"out" required:"" placeholder:"TỆP" help:"Tệp sao lưu sẽ ghi / The backup file to write."`
}

func (c *backupCmd) Run(e *env) error {
	path, err := e.dbPath()
	if err != nil {
		return err
	}
	if err := store.Backup(path, c.Out); err != nil {
		return err
	}
	e.say(msgBackupDone, path, c.Out)
	return nil
}

// checkCmd prints "sound" or the problems, one per line.
type checkCmd struct{}

func (checkCmd) Run(e *env) error {
	path, err := e.dbPath()
	if err != nil {
		return err
	}
	problems, err := store.Check(path)
	if err != nil {
		return err
	}
	if len(problems) == 0 {
		e.say(msgSound)
		return nil
	}
	for _, p := range problems {
		fmt.Fprintln(e.stdout, oneLine(model.Message(p, e.lang)))
	}
	return fail(msgProblems, len(problems))
}

// reportCmd prints one of the commune's reports, or writes it as CSV or XLSX.
type reportCmd struct {
	What   string `name:"what" required:"" enum:"targets,due,admitted,classes,sources" placeholder:"LOẠI" help:"targets (chỉ tiêu), due (việc đến hạn, quá hạn), admitted (đã kết nạp), classes (lớp bồi dưỡng), sources (nguồn)."`
	Year   int    `name:"year" placeholder:"NĂM" help:"Năm báo cáo (mặc định: năm nay) / Year (default: this year)."`
	Format string `name:"format" enum:"text,csv,xlsx" default:"text" help:"text, csv hoặc xlsx / text, csv or xlsx."`
	Out    string `name:"out" placeholder:"TỆP" help:"Ghi ra tệp thay vì màn hình (bắt buộc với xlsx) / Write to a file instead of the screen (needed for xlsx)."`
}

var msgReportWritten = model.Text{VI: "Đã ghi báo cáo vào %s.", EN: "Report written to %s."}

func (c *reportCmd) Run(e *env) error {
	if c.Format == "xlsx" && c.Out == "" {
		return fail(model.Text{VI: "Báo cáo xlsx cần tên tệp: thêm --out TỆP.xlsx.", EN: "An xlsx report needs a file name: add --out FILE.xlsx."})
	}
	if c.Year != 0 && (c.Year < 2000 || c.Year > 2100) {
		return fail(model.Text{VI: "Năm %d không hợp lệ; hãy ghi năm dạng 2026.", EN: "Year %d is not valid; write it like 2026."}, c.Year)
	}
	path, err := e.dbPath()
	if err != nil {
		return err
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

type versionCmd struct{}

func (versionCmd) Run(e *env) error {
	fmt.Fprintln(e.stdout, "nguon "+version)
	return nil
}

// envLang reads NGUON_LANG leniently ("en_US.UTF-8" is English); anything
// else is Vietnamese, the default.
func envLang(v string) model.Lang {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(v)), "en") {
		return model.EN
	}
	return model.VI
}

// argsLang finds --lang in args that failed to parse, so the usage error is
// still explained in the language asked for.
func argsLang(args []string, def model.Lang) model.Lang {
	for i, a := range args {
		switch {
		case a == "--lang" && i+1 < len(args):
			return envLang(args[i+1])
		case strings.HasPrefix(a, "--lang="):
			return envLang(strings.TrimPrefix(a, "--lang="))
		}
	}
	return def
}

// oneLine keeps a message on one line: the contract is one line on stderr.
func oneLine(s string) string {
	s = strings.TrimSpace(s)
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", " ")), " ")
}

// exitSignal carries kong's exit (after --help) out of the parser.
type exitSignal struct{ code int }

// run is main without the process: it returns the exit code.
func run(args []string, stdout, stderr io.Writer, getenv func(string) string) (code int) {
	lang := model.VI
	defer func() {
		if r := recover(); r != nil {
			if s, isExit := r.(exitSignal); isExit {
				code = s.code
				return
			}
			fmt.Fprintln(stderr, oneLine(fmt.Sprintf(msgPanic.In(lang), r)))
			code = exitFail
		}
	}()
	lang = argsLang(args, envLang(getenv("NGUON_LANG")))
	var c cli
	parser, err := kong.New(&c,
		kong.Name("nguon"),
		kong.Description("Theo dõi công tác tạo nguồn, phát triển đảng viên của đảng bộ xã / Track a commune's work of developing party members."),
		kong.Vars{"lang": string(envLang(getenv("NGUON_LANG")))},
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { panic(exitSignal{code}) }),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
	)
	if err != nil {
		fmt.Fprintln(stderr, oneLine(fmt.Sprintf(msgPanic.In(lang), err)))
		return exitFail
	}
	ctx, err := parser.Parse(args)
	if err != nil {
		fmt.Fprintln(stderr, oneLine(fmt.Sprintf(msgUsage.In(lang), err)))
		return exitUsage
	}
	e := &env{cli: &c, lang: model.Lang(c.Lang), stdout: stdout, stderr: stderr, now: time.Now}
	lang = e.lang
	if err := ctx.Run(e); err != nil {
		fmt.Fprintln(stderr, oneLine(model.Message(err, lang)))
		return exitFail
	}
	return exitOK
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}
