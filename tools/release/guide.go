package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"nguon/model"
	"nguon/store"
	"nguon/ui"
)

// The user guide, HUONG-DAN-SU-DUNG.docx, that each release archive holds.
//
// It is written for commune office clerks who are not computer people, in
// Vietnamese, and set by the program's own DOCX writer. Its pictures of
// screens are not screenshots kept in the repository: they are frames the
// program's own views render at release time (ui.Frame), on the demo data,
// so the guide never shows a screen the program no longer has. The same
// demo file, version and day give the same document, byte for byte.

// Where the pictures say the data file is: the status line of every
// screen names the open file, and the guide is read on Windows laptops.
const (
	shownDir  = `C:\Users\VanPhong\AppData\Roaming\nguon`
	shownFile = shownDir + `\nguon.db`
)

// Sizes, in points: the body as party documents set it (13–14 pt); a
// picture of an 80-column screen in a fixed-width font whose characters
// are 0.6 em wide, 9 pt making 80 columns 152 mm of the 165 mm the A4
// portrait page leaves for text.
const (
	guideBody    = 13
	guideTitle   = 20
	guideChapter = 15
	guideSection = 13
	guideSmall   = 12
	frameSize    = 9
	frameWidth   = 80
)

// chapters are the guide's chapters in order; the test looks for each.
var chapters = []string{
	"Cài đặt từ USB",
	"Lần chạy đầu tiên",
	"Các phím",
	"Một cuộc họp xét kết nạp",
	"In biên bản và báo cáo",
	"Chép tệp sang máy khác và gộp bản sao",
	"Sao lưu và khôi phục",
	"Khi tệp dữ liệu bị hỏng",
}

// figures are the guide's pictures of screens in the order they appear,
// by a name the text refers to them by: the text can name a picture that
// comes after it, and no number is written by hand.
var figures = []string{
	"welcome", "dashboard", "sources", "filter", "candidate", "help",
	"meetings", "new-meeting", "agenda", "run", "votes", "summary",
	"report", "backup-command",
}

// guide is the document being written, and what its pictures are taken of.
type guide struct {
	doc     model.Doc
	st      *store.Store
	empty   *store.Store // an empty file: the first screen
	opt     ui.Options
	chapter int
	figure  int
	err     error // the first picture that failed; the guide is not made
}

// buildGuide writes the guide of this version on this day. demoPath is a
// nguon data file holding model.Demo(day); it is copied and the copy opened
// read-only, so nothing is written into it, and its path (which the
// program shows) never reaches the guide.
func buildGuide(demoPath string, version string, day model.Date) (model.Doc, error) {
	if version == "" || day.IsZero() {
		return model.Doc{}, errors.New("the guide needs a version and a day")
	}
	// A short folder of our own: the status line then names the copy in
	// full, not cut with "…", and the guide puts its Windows path there.
	dir, err := os.MkdirTemp("", "nguon-guide-")
	if err != nil {
		return model.Doc{}, err
	}
	defer os.RemoveAll(dir)
	data, err := os.ReadFile(demoPath)
	if err != nil {
		return model.Doc{}, err
	}
	copyPath := filepath.Join(dir, "nguon.db")
	if err := os.WriteFile(copyPath, data, 0o600); err != nil {
		return model.Doc{}, err
	}
	// Mid-morning of the day: the demo data is dated from it, and every
	// date on the screens follows.
	now := func() time.Time { return time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, time.Local) }
	st, err := store.Open(copyPath, store.Options{ReadOnly: true, DeviceID: "nguon-guide", Now: now})
	if err != nil {
		return model.Doc{}, fmt.Errorf("opening the demo data: %w", err)
	}
	defer st.Close()

	// An empty file of its own for the first screen, which only an empty
	// file shows.
	emptyPath := filepath.Join(dir, "trong", "nguon.db")
	empty, err := emptyStore(emptyPath, now)
	if err != nil {
		return model.Doc{}, fmt.Errorf("an empty file for the first screen: %w", err)
	}
	defer empty.Close()

	g := &guide{st: st, empty: empty, opt: ui.Options{Lang: model.VI, Now: now}}
	g.doc = model.Doc{
		Title:       "Hướng dẫn sử dụng nguon " + version,
		Subject:     "Theo dõi công tác tạo nguồn, phát triển đảng viên",
		Created:     time.Date(day.Year(), day.Month(), day.Day(), 12, 0, 0, 0, time.UTC),
		Size:        guideBody,
		PageNumbers: true,
	}
	g.titlePage(version, day)
	g.install(version)
	g.firstStart()
	g.keys()
	g.meeting()
	g.printing(day)
	g.copying()
	g.backups(day)
	g.damaged()
	if g.err != nil {
		return model.Doc{}, g.err
	}
	return g.doc, nil
}

func (g *guide) add(b ...model.Block) { g.doc.Blocks = append(g.doc.Blocks, b...) }

// runs reads the little markup of the guide's sentences: `text` is set in
// the fixed-width font (what is typed, keys, file names), **text** in bold;
// the two may nest. ok is false when a mark is left open.
func runs(s string) (out []model.Run, ok bool) {
	var cur strings.Builder
	bold, mono := false, false
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, model.Run{Text: cur.String(), Bold: bold, Mono: mono})
			cur.Reset()
		}
	}
	for len(s) > 0 {
		switch {
		case strings.HasPrefix(s, "`"):
			flush()
			mono, s = !mono, s[1:]
		case strings.HasPrefix(s, "**") && !mono:
			flush()
			bold, s = !bold, s[2:]
		default:
			_, n := utf8.DecodeRuneInString(s)
			cur.WriteString(s[:n])
			s = s[n:]
		}
	}
	flush()
	return out, !bold && !mono
}

// runs is the package's runs, a mark left open stopping the guide.
func (g *guide) runs(s string) []model.Run {
	out, ok := runs(s)
	if !ok && g.err == nil {
		g.err = fmt.Errorf("a mark (` or **) is left open in %q", s)
	}
	return out
}

// p is a body paragraph: justified, its first line indented.
func (g *guide) p(s string) { g.add(model.Para{Runs: g.runs(s), Indent: true}) }

// item is one line of a list.
func (g *guide) item(s string) { g.add(model.Para{Runs: g.runs("– " + s), Indent: true}) }

// step is a numbered step.
func (g *guide) step(n int, s string) {
	g.add(model.Para{Runs: append([]model.Run{{Text: fmt.Sprintf("Bước %d. ", n), Bold: true}}, g.runs(s)...), Indent: true, Before: 3})
}

// typed is a line the clerk types, on its own, in the fixed-width font.
func (g *guide) typed(s string) {
	g.add(model.Para{Runs: []model.Run{{Text: s, Mono: true}}, Align: model.AlignLeft, Size: guideSmall, Before: 2, Indent: true})
}

// chapterHead starts the next chapter, numbered; the first after the title
// page starts a new page.
func (g *guide) chapterHead() {
	title := chapters[g.chapter]
	g.chapter++
	g.add(model.Para{Runs: []model.Run{{Text: fmt.Sprintf("%d. %s", g.chapter, strings.ToUpper(title)), Bold: true}},
		Align: model.AlignLeft, Size: guideChapter, Before: 18, KeepNext: true, PageBreak: g.chapter == 1})
}

// section is a heading within a chapter.
func (g *guide) section(s string) {
	g.add(model.Para{Runs: []model.Run{{Text: s, Bold: true, Italic: true}}, Align: model.AlignLeft, Size: guideSection, Before: 8, KeepNext: true})
}

// keyTable is a table of keys (or commands, or names) and what they do,
// under a header row naming the two columns.
func (g *guide) keyTable(what string, rows ...[2]string) {
	cell := func(s string, mono bool) model.TableCell {
		if mono {
			return model.TableCell{Paras: []model.Para{{Runs: []model.Run{{Text: s, Mono: true, Bold: true}}, Align: model.AlignLeft}}}
		}
		return model.TableCell{Paras: []model.Para{{Runs: g.runs(s), Align: model.AlignLeft}}}
	}
	head := func(s string) model.TableCell {
		return model.TableCell{Paras: []model.Para{{Runs: []model.Run{{Text: s, Bold: true}}, Align: model.AlignCenter}}}
	}
	t := model.Table{Widths: []int{26, 74}, Borders: true, Header: 1, Size: guideSmall,
		Rows: [][]model.TableCell{{head(what), head("Việc")}}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []model.TableCell{cell(r[0], true), cell(r[1], false)})
	}
	g.add(t)
}

// fig is how the text names the picture called name: "Hình 3".
func (g *guide) fig(name string) string {
	for i, f := range figures {
		if f == name {
			return fmt.Sprintf("Hình %d", i+1)
		}
	}
	if g.err == nil {
		g.err = fmt.Errorf("the text names a picture %q that the guide does not have", name)
	}
	return "Hình ?"
}

// frame adds the picture called name: the screen the program shows, w×h,
// after keys, with its caption below. want is text the picture must hold:
// a picture that no longer shows what its caption says (a key that
// changed, a screen that moved) stops the release instead of going out
// wrong.
func (g *guide) frame(name, caption string, w, h int, want string, keys ...string) {
	if g.err != nil {
		return
	}
	if g.figure >= len(figures) || figures[g.figure] != name {
		g.err = fmt.Errorf("picture %q comes where the list of figures has another", name)
		return
	}
	g.figure++
	f, err := ui.Frame(g.st, g.opt, w, h, keys...)
	if err != nil {
		g.err = fmt.Errorf("figure %d (%s): %w", g.figure, caption, err)
		return
	}
	f = g.shown(f)
	switch {
	case !strings.Contains(f, want):
		g.err = fmt.Errorf("figure %d (%s) does not show %q:\n%s", g.figure, caption, want, f)
		return
	case strings.Contains(f, "chỉ đọc") || strings.Contains(f, filepath.Dir(g.st.Path())):
		g.err = fmt.Errorf("figure %d (%s) shows the guide's read-only copy:\n%s", g.figure, caption, f)
		return
	}
	screen := model.Para{Runs: []model.Run{{Text: f, Mono: true}}, Align: model.AlignLeft, KeepNext: true}
	// A little room above the picture; and two tables one right after
	// the other are one table to Word, so a paragraph always parts them.
	g.add(model.Para{Size: 4, KeepNext: true})
	g.add(model.Table{Widths: []int{1}, Borders: true, CantSplit: true, Size: frameSize,
		Rows: [][]model.TableCell{{{Paras: []model.Para{screen}}}}})
	g.add(model.Para{Runs: []model.Run{{Text: g.fig(name) + ". ", Bold: true, Italic: true}, {Text: caption, Italic: true}},
		Align: model.AlignCenter, Size: guideSmall, Before: 3})
}

// shown puts back what a clerk's own screen says on its status line: the
// pictures are taken of a read-only copy in a temporary folder, which the
// status line names, adding "(chỉ đọc)". A clerk's file is the one in
// %AppData%, open for writing.
func (g *guide) shown(f string) string {
	path := g.st.Path()
	f = strings.ReplaceAll(f, path+" (chỉ đọc)", shownFile)
	f = strings.ReplaceAll(f, path, shownFile)
	return f
}

// withStore takes the pictures of fn from st instead of the demo file.
func (g *guide) withStore(st *store.Store, fn func()) {
	demo := g.st
	g.st = st
	fn()
	g.st = demo
}

// emptyStore makes a new, empty data file at path and opens it read-only
// (pictures are only ever taken of a file that cannot be written).
func emptyStore(path string, now func() time.Time) (*store.Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, err
	}
	st, err := store.Open(path, store.Options{DeviceID: "nguon-guide", Now: now})
	if err != nil {
		return nil, err
	}
	if err := st.Close(); err != nil {
		return nil, err
	}
	return store.Open(path, store.Options{ReadOnly: true, DeviceID: "nguon-guide", Now: now})
}
