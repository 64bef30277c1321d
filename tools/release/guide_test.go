package main

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"nguon/model"
	"nguon/store"
)

// TestMain gives the tests a config folder, a home and a documents folder
// of their own, whichever test forgets to set them: opening a data file
// notes it in the config folder.
// guideDay is the day the tests' guide is made on.
var guideDay = model.NewDate(2026, 11, 27)

// demoFile writes the demo data of day into a new file, as the release
// does, and returns its path.
func demoFile(t *testing.T, day model.Date) string {
	t.Helper()
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	path := filepath.Join(t.TempDir(), "demo.db")
	fixed := func() time.Time { return time.Date(day.Year(), day.Month(), day.Day(), 9, 0, 0, 0, time.Local) }
	st, err := store.Open(path, store.Options{DeviceID: "test", Now: fixed})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Import(model.Demo(day)); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// frames are the guide's pictures of screens, each as its lines, and the
// caption that follows it.
func frames(t *testing.T, d model.Doc) (pics [][]string, captions []string) {
	t.Helper()
	for i, b := range d.Blocks {
		tb, ok := b.(model.Table)
		if !ok || len(tb.Rows) != 1 || len(tb.Rows[0]) != 1 || len(tb.Rows[0][0].Paras) != 1 {
			continue
		}
		p := tb.Rows[0][0].Paras[0]
		if len(p.Runs) != 1 || !p.Runs[0].Mono {
			continue
		}
		if !tb.Borders || !tb.CantSplit || p.Align != model.AlignLeft {
			t.Errorf("picture %d is not a bordered, unsplittable box of left-aligned lines: %+v", len(pics)+1, tb)
		}
		pics = append(pics, strings.Split(p.Runs[0].Text, "\n"))
		caption := ""
		if i+1 < len(d.Blocks) {
			if c, ok := d.Blocks[i+1].(model.Para); ok {
				caption = c.Text()
			}
		}
		captions = append(captions, caption)
	}
	return pics, captions
}

// The guide holds every chapter, numbered, and at least five pictures of
// real screens, each at most 80 characters wide and captioned in order;
// the pictures name the clerk's data file, not the read-only copy they
// were taken of.
func TestGuide(t *testing.T) {
	demo := demoFile(t, guideDay)
	before, err := os.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	d, err := buildGuide(demo, "1.2.3", guideDay)
	if err != nil {
		t.Fatal(err)
	}
	if after, _ := os.ReadFile(demo); !bytes.Equal(before, after) {
		t.Error("building the guide changed the demo file")
	}
	if !d.PageNumbers || d.Landscape || d.Size != 13 || !d.Created.Equal(time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("the guide is set %+v; want page numbers, portrait, 13 pt, made at noon UTC of the day", d)
	}
	text := d.PlainText()
	for _, want := range []string{"HƯỚNG DẪN SỬ DỤNG", "Phiên bản 1.2.3", "Ngày 27/11/2026", "nguon-1.2.3-windows-amd64.zip", "nguon-1.2.3-windows-386.zip"} {
		if !strings.Contains(text, want) {
			t.Errorf("the guide lacks %q", want)
		}
	}
	for i, c := range chapters {
		if h := fmt.Sprintf("%d. %s\n", i+1, strings.ToUpper(c)); !strings.Contains(text, "\n"+h) {
			t.Errorf("the guide lacks the heading %q", h)
		}
	}
	pics, captions := frames(t, d)
	if len(pics) < 5 || len(pics) != len(figures) {
		t.Fatalf("the guide has %d pictures of screens, want at least 5 and the %d it lists", len(pics), len(figures))
	}
	// Every picture the text names is there.
	for _, m := range regexp.MustCompile(`Hình (\d+|\?)`).FindAllStringSubmatch(text, -1) {
		if n, err := strconv.Atoi(m[1]); err != nil || n < 1 || n > len(pics) {
			t.Errorf("the text names %q, and the guide has %d pictures", m[0], len(pics))
		}
	}
	for i, lines := range pics {
		if len(lines) < 24 {
			t.Errorf("picture %d has %d lines; a screen has at least 24", i+1, len(lines))
		}
		for j, l := range lines {
			if n := utf8.RuneCountInString(l); n > 80 {
				t.Errorf("picture %d, line %d is %d characters wide: %q", i+1, j+1, n, l)
			}
		}
		// The status line names the file, unless the command line has
		// taken its place.
		joined := strings.Join(lines, "\n")
		status := lines[len(lines)-3]
		if (status != "Tệp: "+shownFile && !strings.HasPrefix(status, ":")) || strings.Contains(joined, "chỉ đọc") ||
			strings.Contains(joined, os.TempDir()) {
			t.Errorf("picture %d does not name the clerk's file as the program does:\n%s", i+1, joined)
		}
		if want := fmt.Sprintf("Hình %d. ", i+1); !strings.HasPrefix(captions[i], want) {
			t.Errorf("picture %d is captioned %q, want it to start with %q", i+1, captions[i], want)
		}
	}
	// The first picture is the first screen of an empty file, with its
	// three choices; the second the demo's dashboard.
	welcome := strings.Join(pics[0], "\n")
	for _, want := range []string{"Bắt đầu với tệp trống", "Xem thử dữ liệu mẫu", "Mở bản sao từ USB"} {
		if !strings.Contains(welcome, want) {
			t.Errorf("the first picture is not the first screen (no %q):\n%s", want, welcome)
		}
	}
	dash := strings.Join(pics[1], "\n")
	for _, want := range []string{"[1 Tổng quan]", "Đảng bộ xã Trường Sơn", "Quá hạn"} {
		if !strings.Contains(dash, want) {
			t.Errorf("the second picture is not the dashboard (no %q):\n%s", want, dash)
		}
	}
}

// The guide's markup: `…` is typed text in the fixed-width font, **…**
// bold, the one inside the other, and a mark left open is reported.
func TestRuns(t *testing.T) {
	got, ok := runs("Mở `D:\\nguon` và **bấm đúp vào `nguon.exe`** rồi `**`.")
	want := []model.Run{{Text: "Mở "}, {Text: "D:\\nguon", Mono: true}, {Text: " và "}, {Text: "bấm đúp vào ", Bold: true},
		{Text: "nguon.exe", Bold: true, Mono: true}, {Text: " rồi "}, {Text: "**", Mono: true}, {Text: "."}}
	if !ok || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("runs gave %+v (%v), want %+v", got, ok, want)
	}
	for _, open := range []string{"**bold", "`typed", "**`x**"} {
		if _, ok := runs(open); ok {
			t.Errorf("%q leaves a mark open, yet runs took it", open)
		}
	}
}

// A demo file that is not there, or a picture whose keys fail, gives an
// error rather than a guide.
func TestGuideErrors(t *testing.T) {
	if _, err := buildGuide(filepath.Join(t.TempDir(), "none.db"), "1.2.3", guideDay); err == nil {
		t.Error("a missing demo file gave a guide")
	}
	if _, err := buildGuide(demoFile(t, guideDay), "", guideDay); err == nil {
		t.Error("a guide without a version was made")
	}
	// An empty data file: the pictures of the meeting find no meeting.
	empty := filepath.Join(t.TempDir(), "empty.db")
	st, err := store.Open(empty, store.Options{DeviceID: "test"})
	if err != nil {
		t.Fatal(err)
	}
	st.Close()
	if _, err := buildGuide(empty, "1.2.3", guideDay); err == nil || !strings.Contains(err.Error(), "figure") {
		t.Errorf("a guide of an empty file gave %v, want a figure that does not show what it should", err)
	}
}

// The same demo data, version and day give the same file, byte for byte.
func TestGuideReproducible(t *testing.T) {
	demo := demoFile(t, guideDay)
	write := func() []byte {
		t.Helper()
		d, err := buildGuide(demo, "1.2.3", guideDay)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := store.WriteDOCX(&b, d); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	if a, b := write(), write(); !bytes.Equal(a, b) {
		t.Error("building the guide twice gave different files")
	}
}

// The guide opened by a real word processor: LibreOffice converts it to
// PDF and to text. The text holds every chapter and the dashboard's
// lines, the PDF is A4 and its pages are numbered "Trang N/M".
func TestGuideInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			t.Skip("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
		}
	}
	pdfinfo, err1 := exec.LookPath("pdfinfo")
	pdftotext, err2 := exec.LookPath("pdftotext")
	if err1 != nil || err2 != nil {
		t.Skip("pdfinfo and pdftotext are not installed; .ci/run installs poppler-utils")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversions are slow; not with -short")
	}
	d, err := buildGuide(demoFile(t, guideDay), "1.2.3", guideDay)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	docx := filepath.Join(dir, "HUONG-DAN-SU-DUNG.docx")
	var b bytes.Buffer
	if err := store.WriteDOCX(&b, d); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(docx, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	// A private profile: the user's own LibreOffice, open or not, is never touched.
	profile := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(t.TempDir(), "profile"))}).String()
	out := t.TempDir()
	home := t.TempDir()
	convert := func(to string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--norestore",
			"--convert-to", to, "--outdir", out, docx)
		cmd.Env = append(os.Environ(), "HOME="+home)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice --convert-to %s: %v\n%s", to, err, b)
		}
	}
	convert("pdf")
	convert("txt:Text (encoded):UTF8")
	pdf := filepath.Join(out, "HUONG-DAN-SU-DUNG.pdf")

	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	txt, err := os.ReadFile(filepath.Join(out, "HUONG-DAN-SU-DUNG.txt"))
	if err != nil {
		t.Fatal(err)
	}
	got := words(string(txt))
	for i, c := range chapters {
		if h := fmt.Sprintf("%d. %s", i+1, strings.ToUpper(c)); !strings.Contains(got, h) {
			t.Errorf("LibreOffice's text lacks the chapter %q", h)
		}
	}
	pics, _ := frames(t, d)
	for _, l := range pics[0][1:6] {
		if w := words(l); w != "" && !strings.Contains(got, w) {
			t.Errorf("LibreOffice's text lacks the dashboard's line %q", w)
		}
	}

	info, err := exec.Command(pdfinfo, pdf).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	if !regexp.MustCompile(`Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)`).Match(info) {
		t.Errorf("the guide is not A4:\n%s", info)
	}
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(info)
	if m == nil {
		t.Fatalf("pdfinfo gave no page count:\n%s", info)
	}
	pages, _ := strconv.Atoi(string(m[1]))
	t.Logf("the guide prints on %d pages", pages)
	if pages < 2 {
		t.Errorf("the guide prints on %d page(s)", pages)
	}
	// The page number fields computed by LibreOffice as it laid the pages out.
	pt, err := exec.Command(pdftotext, "-layout", pdf, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, pt)
	}
	n := string(m[1])
	for _, want := range []string{"Trang 1/" + n, "Trang 2/" + n, fmt.Sprintf("Trang %d/%s", pages, n)} {
		if !strings.Contains(string(pt), want) {
			t.Errorf("the PDF's text lacks the page number %q", want)
		}
	}
}
