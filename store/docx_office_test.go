package store

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The minutes and one resolution, as the program writes them, opened by a
// real word processor: LibreOffice converts them to PDF and to text, and
// the test reads the text and counts the A4 pages. Conversions are slow,
// so this is the one test that makes them.
func TestDOCXInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if soffice, err = exec.LookPath("libreoffice"); err != nil {
			t.Skip("LibreOffice (soffice) is not installed; .ci/run installs libreoffice-writer-nogui")
		}
	}
	pdfinfo, err := exec.LookPath("pdfinfo")
	if err != nil {
		t.Skip("pdfinfo is not installed; .ci/run installs poppler-utils")
	}
	if testing.Short() {
		t.Skip("LibreOffice conversions are slow; not with -short")
	}
	dir := t.TempDir()
	paths, err := WriteMeetingDocuments(dir, docPapers())
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3 {
		t.Fatalf("want the minutes and two resolutions, got %v", paths)
	}
	minutes, resolution := paths[0], paths[1]
	if !strings.HasPrefix(filepath.Base(minutes), "bien-ban-chi-bo-thon-dong-hoa-2026-03-05-") ||
		filepath.Base(resolution) != "nghi-quyet-de-nghi-ket-nap-nguyen-van-hung-2026-03-05.docx" {
		t.Fatalf("document names: %v", paths)
	}

	// A private profile: the user's own LibreOffice, open or not, is never touched.
	profile := (&url.URL{Scheme: "file", Path: filepath.ToSlash(filepath.Join(t.TempDir(), "profile"))}).String()
	out := t.TempDir()
	convert := func(to string) {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation="+profile, "--headless", "--norestore",
			"--convert-to", to, "--outdir", out, minutes, resolution)
		cmd.Env = append(os.Environ(), "HOME="+t.TempDir())
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("soffice --convert-to %s: %v\n%s", to, err, b)
		}
	}
	convert("pdf")
	convert("txt:Text (encoded):UTF8")

	stem := func(p string) string { return filepath.Join(out, strings.TrimSuffix(filepath.Base(p), ".docx")) }
	pages := func(p string) int {
		t.Helper()
		b, err := exec.Command(pdfinfo, stem(p)+".pdf").CombinedOutput()
		if err != nil {
			t.Fatalf("pdfinfo %s: %v\n%s", p, err, b)
		}
		info := string(b)
		if !regexp.MustCompile(`Page size:\s+595(\.\d+)? x 841(\.\d+)? pts \(A4\)`).MatchString(info) {
			t.Errorf("%s is not A4:\n%s", filepath.Base(p), info)
		}
		m := regexp.MustCompile(`Pages:\s+(\d+)`).FindStringSubmatch(info)
		if m == nil {
			t.Fatalf("pdfinfo gave no page count:\n%s", info)
		}
		n, _ := strconv.Atoi(m[1])
		t.Logf("%s: %d page(s)", filepath.Base(p), n)
		return n
	}
	text := func(p string) string {
		t.Helper()
		b, err := os.ReadFile(stem(p) + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		return strings.Join(strings.Fields(string(b)), " ")
	}

	// The minutes of four people fill two pages; the resolution fits on one.
	if n := pages(minutes); n < 2 || n > 3 {
		t.Errorf("the minutes print on %d pages, want 2 or 3", n)
	}
	if n := pages(resolution); n != 1 {
		t.Errorf("the resolution prints on %d pages, want 1", n)
	}
	for _, c := range []struct {
		path  string
		wants []string
	}{
		{minutes, []string{"ĐẢNG BỘ XÃ TRƯỜNG SƠN", "CHI BỘ THÔN ĐÔNG HÒA", "ĐẢNG CỘNG SẢN VIỆT NAM", "Trường Sơn, ngày 05 tháng 3 năm 2026",
			"BIÊN BẢN", "Họp chi bộ xét đề nghị kết nạp đảng viên", "Chủ trì: đồng chí Lê Văn Bình, Bí thư chi bộ.",
			"1. Quần chúng Nguyễn Văn Hưng", "19/22 đồng chí tán thành, đạt 86,4% so với tổng số đảng viên chính thức",
			"2. Quần chúng Lê Thị Thu Hà", "20/22 đồng chí tán thành, đạt 90,9%", "3. Quần chúng Trần Văn Nam", "Kết quả xét: Hoãn xét.",
			"Chưa xét, để lại cuộc họp sau", "Đỗ Minh Khôi", "T/M CHI BỘ", "BÍ THƯ", "THƯ KÝ", "Phạm Thị Dung"}},
		{resolution, []string{"Số 07-NQ/CB", "NGHỊ QUYẾT", "Đề nghị kết nạp đảng viên",
			"có 19/22 đồng chí tán thành việc kết nạp quần chúng Nguyễn Văn Hưng vào Đảng, đạt 86,4% so với tổng số đảng viên chính thức",
			"Chi bộ đề nghị cấp ủy có thẩm quyền xem xét, quyết định kết nạp quần chúng Nguyễn Văn Hưng vào Đảng Cộng sản Việt Nam.",
			"Nơi nhận:", "Đảng ủy xã Trường Sơn", "T/M CHI BỘ", "Lê Văn Bình"}},
	} {
		got := text(c.path)
		for _, w := range c.wants {
			if !strings.Contains(got, w) {
				t.Errorf("LibreOffice's text of %s lacks %q:\n%s", filepath.Base(c.path), w, got)
			}
		}
	}
}
