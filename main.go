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
	"path/filepath"
	"strings"
	"time"

	"nguon/model"
	"nguon/store"
	"nguon/ui"

	"github.com/alecthomas/kong"
)

// version is set at release time with -ldflags "-X main.version=…"; the
// commit and its date come from the build information (main_version.go).
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

	ShowVersion versionFlag `name:"version" help:"In phiên bản rồi thoát / Print the version and exit."`

	Open    openCmd    `cmd:"" default:"withargs" hidden:"" help:"Mở giao diện (lệnh mặc định) / Open the TUI (the default command)."`
	Demo    demoCmd    `cmd:"" help:"Tạo tệp mới với dữ liệu mẫu / Create a new file holding demo data."`
	Backup  backupCmd  `cmd:"" help:"Sao lưu nhất quán, có kiểm tra / Write a consistent, verified copy."`
	Check   checkCmd   `cmd:"" help:"Kiểm tra tính toàn vẹn của tệp dữ liệu / Check the data file's integrity."`
	Report  reportCmd  `cmd:"" help:"In báo cáo: chỉ tiêu, việc đến hạn, đã kết nạp, lớp, nguồn, Biểu 2, cảm tình Đảng / Print a report: targets, due, admitted, classes, sources, breakdown, pool."`
	Minutes minutesCmd `cmd:"" help:"Ghi biên bản, nghị quyết của cuộc họp đã kết thúc (Word) / Write the minutes and resolutions of closed meetings (Word)."`
	Export  exportCmd  `cmd:"" help:"Xuất toàn bộ chi bộ, quần chúng, lớp, học viên hoặc cuộc họp ra CSV/XLSX / Export every cell, candidate, class, participant or meeting to CSV/XLSX."`
	Import  importCmd  `cmd:"" help:"Nhập danh sách quần chúng hoặc chi bộ từ CSV/XLSX / Import a list of candidates or cells from CSV/XLSX."`
	Merge   mergeCmd   `cmd:"" help:"Gộp các bản sao tệp dữ liệu từ máy khác hoặc xã khác / Merge copies of the data file from other computers or communes."`
	Version versionCmd `cmd:"" help:"In phiên bản, commit và ngày của bản dựng / Print the version, commit and date of the build."`
}

// Validate refuses options that make no sense together, before anything runs.
func (c *cli) Validate(kctx *kong.Context) error {
	sel := kctx.Selected()
	if c.ReadOnly && sel != nil && sel.Name == "demo" {
		return usage(msgDemoReadOnly)
	}
	if sel != nil && sel.Name == "open" && c.Open.File != "" {
		return c.Open.validate(c, kctx) // main_open.go
	}
	return nil
}

// env is what every command needs besides its own flags.
type env struct {
	cli    *cli
	lang   model.Lang
	stdout io.Writer
	stderr io.Writer
	now    func() time.Time
	path   string // the data file, once dbPath has found it
}

// dbPath is --db, or the default file.
func (e *env) dbPath() (string, error) {
	if e.cli.DB != "" {
		e.path = e.cli.DB
		return e.path, nil
	}
	p, err := store.DefaultPath()
	if err != nil {
		var l model.Localized
		if errors.As(err, &l) {
			return "", err
		}
		// No HOME and no config folder: Go's own words are English.
		return "", fail(msgNoConfigDir)
	}
	e.path = p
	return p, nil
}

// say prints one line on stdout; string arguments (paths) are escaped.
func (e *env) say(t model.Text, args ...any) {
	fmt.Fprintln(e.stdout, printable(fmt.Sprintf(t.In(e.lang), escapeArgs(args)...)))
}

// explain renders a command's error for a person, naming the data file when
// it is missing.
func (e *env) explain(err error) string {
	if errors.Is(err, store.ErrMissingFile) && e.path != "" {
		dir := filepath.Dir(e.path)
		if _, serr := os.Stat(dir); errors.Is(serr, fs.ErrNotExist) {
			err = fail(msgMissingDir, dir)
		} else {
			err = fail(msgMissingFile, e.path)
		}
	}
	msg := model.Message(err, e.lang)
	if errors.Is(err, store.ErrCorrupt) && e.path != "" {
		// The data file cannot be used as it is: name the backup to open.
		if b, lerr := store.ListBackups(e.path); lerr == nil && len(b) > 0 {
			msg += " " + sprintf(msgNewestBackup, b[0].Time.Format("15:04 02/01/2006"), b[0].Path).In(e.lang)
		}
	}
	return printable(msg)
}

// failure is an error whose message is ready in both languages.
type failure struct{ msg model.Text }

func (f *failure) Error() string    { return f.msg.VI }
func (f *failure) Text() model.Text { return f.msg }

// fail formats t in both languages; string arguments (paths, values typed on
// the command line) are escaped like stored text.
func fail(t model.Text, args ...any) error {
	return &failure{sprintf(t, args...)}
}

// usageError is a mistake on the command line: exit 2, explained in one
// sentence framed by msgUsage.
type usageError struct{ msg model.Text }

func (u *usageError) Error() string    { return u.msg.VI }
func (u *usageError) Text() model.Text { return u.msg }

// usage formats t, a lower-case phrase without a full stop, like fail.
func usage(t model.Text, args ...any) error {
	return &usageError{sprintf(t, args...)}
}

func sprintf(t model.Text, args ...any) model.Text {
	args = escapeArgs(args)
	return model.Text{VI: fmt.Sprintf(t.VI, args...), EN: fmt.Sprintf(t.EN, args...)}
}

// escapeArgs escapes the string arguments of a message: they are paths or
// text typed on the command line, and a file name may hold ESC ] 52 or U+009B.
func escapeArgs(args []any) []any {
	out := make([]any, len(args))
	for i, a := range args {
		if s, isString := a.(string); isString {
			a = model.Escape(s)
		}
		out[i] = a
	}
	return out
}

// printable is the last step before a message reaches the terminal: one
// line, and whatever control character is left (an OS error quoting a
// path, say) shown escaped.
func printable(s string) string {
	return model.Escape(oneLine(s))
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
		VI: "Lệnh không đúng: %s (xem “%s --help”).",
		EN: "Bad usage: %s (see “%s --help”)."}
	msgMissingFile = model.Text{
		VI: "Không tìm thấy tệp dữ liệu %s.",
		EN: "The data file %s does not exist."}
	msgMissingDir = model.Text{
		VI: "Không tìm thấy thư mục %s, nơi đặt tệp dữ liệu.",
		EN: "The folder %s, where the data file should be, does not exist."}
	msgNoConfigDir = model.Text{
		VI: "Không tìm thấy thư mục cấu hình của người dùng (biến HOME chưa được đặt); hãy chỉ rõ tệp dữ liệu bằng --db TỆP hoặc biến NGUON_DB.",
		EN: "No user config folder was found (HOME is not set); name the data file with --db FILE or NGUON_DB."}
	msgOutIsData = model.Text{
		VI: "Không thể ghi vào %s vì đó chính là tệp dữ liệu; hãy chọn một tên tệp khác.",
		EN: "%s is the data file itself and cannot be written over; choose another file name."}
	msgOutExists = model.Text{
		VI: "Tệp %s đã có; hãy chọn tên khác, hoặc thêm --force để ghi đè.",
		EN: "%s already exists; choose another name, or add --force to replace it."}
	msgOutIsDir = model.Text{
		VI: "%s là một thư mục; hãy ghi tên một tệp.",
		EN: "%s is a folder; give a file name."}
	msgDemoReadOnly = model.Text{
		VI: "không dùng --read-only với lệnh demo được, vì demo phải ghi tệp",
		EN: "--read-only cannot be used with demo, which has to write the file"}
	msgNewestBackup = model.Text{
		VI: "Bản sao lưu mới nhất (lúc %s): nguon --db \"%s\"",
		EN: "The newest backup (made %s): nguon --db \"%s\""}
	msgDBAndFile = model.Text{
		VI: "không dùng --db cùng với một tên tệp được, hãy chỉ ghi một tệp",
		EN: "--db and a file name cannot be used together, name one file"}
	msgPanic = model.Text{
		VI: "Lỗi ngoài dự kiến trong nguon (%v); hãy báo cho người hỗ trợ.",
		EN: "Unexpected error in nguon (%v); please report it."}
)

// openCmd runs the TUI on the data file, or on the file named alone on the
// command line: what Windows passes when a file is dropped on nguon.exe.
type openCmd struct {
	File string `arg:"" optional:"" name:"tệp" placeholder:"TỆP" help:"Tệp dữ liệu cần mở, như --db / The data file to open, like --db."`
}

func (c openCmd) Run(e *env) error {
	path, err := c.path(e) // main_open.go
	if err != nil {
		return err
	}
	// What a killed nguon left half-written among the documents goes now,
	// not only when the next document is written there.
	if docs, err := store.DocumentsDir(); err == nil {
		store.CleanStale(docs)
	}
	// A file with damaged records opens read-only, with a banner (ui/damaged.go).
	st, err := store.Open(path, store.Options{ReadOnly: e.cli.ReadOnly, AllowDamaged: true})
	if err != nil {
		return err
	}
	defer st.Close()
	// The day's automatic backup runs inside the TUI, so it never delays
	// or blocks the opening (docs/architecture.md §6a).
	return ui.Run(st, ui.Options{Lang: e.lang, Now: e.now, DailyBackup: true})
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
	e.sayUndone(st)
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
	Out   string `name:"out" required:"" placeholder:"TỆP" help:"Tệp sao lưu sẽ ghi / The backup file to write."`
	Force bool   `name:"force" help:"Ghi đè nếu tệp sao lưu đã có / Replace the backup file if it exists."`
}

func (c *backupCmd) Run(e *env) error {
	path, err := e.dbPath()
	if err != nil {
		return err
	}
	if err := checkOut(path, c.Out, c.Force); err != nil {
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
		fmt.Fprintln(e.stdout, printable(model.Message(p, e.lang)))
	}
	return fail(msgProblems, len(problems))
}

func (versionCmd) Run(e *env) error {
	fmt.Fprintln(e.stdout, currentVersion(e.lang))
	return nil
}

// versionFlag is --version: the same line as the version command.
type versionFlag bool

func (versionFlag) BeforeReset(app *kong.Kong, e *env) error {
	fmt.Fprintln(e.stdout, currentVersion(e.lang))
	app.Exit(exitOK)
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
// Only line breaks are joined; spaces inside (a file name's) are kept.
func oneLine(s string) string {
	var parts []string
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
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
			fmt.Fprintln(stderr, printable(fmt.Sprintf(msgPanic.In(lang), r)))
			code = exitFail
		}
	}()
	lang = argsLang(args, envLang(getenv("NGUON_LANG")))
	var c cli
	// Until the command line is parsed (help, --version, usage errors), the
	// language is the one argsLang found.
	e := &env{cli: &c, lang: lang, stdout: stdout, stderr: stderr, now: time.Now}
	parser, err := kong.New(&c,
		kong.Name("nguon"),
		kong.Description("Theo dõi công tác tạo nguồn, phát triển đảng viên của đảng bộ xã / Track a commune's work of developing party members."),
		kong.Vars{"lang": string(envLang(getenv("NGUON_LANG")))},
		kong.Writers(stdout, stderr),
		kong.Exit(func(code int) { panic(exitSignal{code}) }),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true}),
		kong.Help(helpPrinter(lang)),
		kong.ValueFormatter(helpValue),
		kong.Bind(e),
	)
	if err != nil {
		fmt.Fprintln(stderr, printable(fmt.Sprintf(msgPanic.In(lang), err)))
		return exitFail
	}
	kctx, err := parser.Parse(args)
	if err != nil {
		var pe *kong.ParseError
		if errors.As(err, &pe) {
			kctx = pe.Context
		}
		fmt.Fprintln(stderr, usageLine(parseErrorText(err, kctx), kctx, lang))
		return exitUsage
	}
	e.lang = model.Lang(c.Lang)
	lang = e.lang
	defer interruptible(e, kctx)() // main_child.go
	if err := kctx.Run(e); err != nil {
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(stderr, usageLine(ue.msg, kctx, lang))
			return exitUsage
		}
		fmt.Fprintln(stderr, e.explain(err))
		return exitFail
	}
	return exitOK
}

func main() {
	store.ChildMain() // started as the checking child: check and exit (main_child.go)
	args := os.Args[1:]
	code := run(args, os.Stdout, os.Stderr, os.Getenv)
	holdWindow(code, ownConsole, os.Stdin, os.Stderr, argsLang(args, envLang(os.Getenv("NGUON_LANG")))) // main_console.go
	os.Exit(code)
}
