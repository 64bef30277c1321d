package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"debug/pe"
	"encoding/hex"
	"image/color"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/tc-hib/winres/version"

	"nguon/store"
)

// Windows resource types (winuser.h).
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

var (
	firstOnce sync.Once
	firstDir  string
	firstErr  error
)

// firstRelease runs the release once for all the tests of this package:
// it builds three programs, which takes a while.
func firstRelease(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("a release builds three programs; not with -short")
	}
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	firstOnce.Do(func() {
		firstDir, firstErr = os.MkdirTemp("", "nguon-release-test-")
		if firstErr == nil {
			_, firstErr = release(".", firstDir, "", io.Discard)
		}
	})
	if firstErr != nil {
		t.Fatal(firstErr)
	}
	return firstDir
}

func TestMain(m *testing.M) {
	store.ChildMain()
	// Nothing of the machine's own: the store's config folder and the
	// documents go to a temporary folder for every test.
	tmp, err := os.MkdirTemp("", "nguon-release-home-")
	if err != nil {
		panic(err)
	}
	// HOME stays: the go command keeps its caches there, and the release
	// tests build with it.
	os.Setenv("XDG_CONFIG_HOME", filepath.Join(tmp, "config"))
	os.Setenv("AppData", filepath.Join(tmp, "config"))
	os.Setenv("NGUON_DOCS", filepath.Join(tmp, "docs"))
	code := m.Run()
	if firstDir != "" {
		os.RemoveAll(firstDir)
	}
	os.RemoveAll(tmp)
	os.Exit(code)
}

func testBuild(t *testing.T) build {
	t.Helper()
	b, err := readBuild(".", "")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// unpack reads an archive's files, by name inside it.
func unpack(t *testing.T, path string) map[string][]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	if strings.HasSuffix(path, ".zip") {
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			b, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			files[f.Name] = b
		}
		return files
	}
	gz, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeDir {
			continue
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: %s is owned by %d/%d %q/%q", path, h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files[h.Name] = b
	}
	return files
}

// Every archive holds the program, the guide, the demo file and
// DOC-TRUOC.txt in one folder, and SHA256SUMS names each archive's sum.
func TestReleaseArchives(t *testing.T) {
	dir := firstRelease(t)
	b := testBuild(t)
	folder := "nguon-" + b.Version + "/"
	sums, err := os.ReadFile(filepath.Join(dir, sumsName))
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range targets {
		name := tg.archive(b.Version)
		files := unpack(t, filepath.Join(dir, name))
		var names []string
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		want := []string{folder + readmeName, folder + guideName, folder + demoName, folder + tg.exe()}
		sort.Strings(want)
		if strings.Join(names, " ") != strings.Join(want, " ") {
			t.Errorf("%s holds %v, want %v", name, names, want)
		}
		data, _ := os.ReadFile(filepath.Join(dir, name))
		if !strings.Contains(string(sums), sha256Hex(data)+"  "+name+"\n") {
			t.Errorf("SHA256SUMS has no line for %s:\n%s", name, sums)
		}

		readme := files[folder+readmeName]
		if !utf8.Valid(readme) || !strings.Contains(string(readme), "nguon "+b.Version) {
			t.Errorf("%s: DOC-TRUOC.txt is not UTF-8 or does not name the version", name)
		}
		if tg.OS == "windows" {
			// Notepad on Windows 10 needs the BOM to take it for UTF-8,
			// and shows LF-only lines as one line on older builds.
			if !bytes.HasPrefix(readme, []byte("\ufeff")) {
				t.Errorf("%s: DOC-TRUOC.txt has no byte order mark", name)
			}
			if n, crlf := bytes.Count(readme, []byte("\n")), bytes.Count(readme, []byte("\r\n")); n == 0 || n != crlf {
				t.Errorf("%s: DOC-TRUOC.txt has %d line ends, %d of them CRLF", name, n, crlf)
			}
			for _, s := range []string{"nguon.exe", "Extract All", "windows-386", demoName} {
				if !strings.Contains(string(readme), s) {
					t.Errorf("%s: DOC-TRUOC.txt does not mention %q", name, s)
				}
			}
		} else if bytes.Contains(readme, []byte("\r")) || bytes.HasPrefix(readme, []byte("\ufeff")) {
			t.Errorf("%s: DOC-TRUOC.txt for Linux has a BOM or CRs", name)
		}
		if g := files[folder+guideName]; !bytes.HasPrefix(g, []byte("PK")) {
			t.Errorf("%s: the guide is not a DOCX package", name)
		}

		// The demo file passes the check every open makes and holds the demo.
		demo := filepath.Join(t.TempDir(), demoName)
		if err := os.WriteFile(demo, files[folder+demoName], 0o600); err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(demo, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("%s: the demo file does not open: %v", name, err)
		}
		cells, err := st.Cells()
		st.Close()
		if err != nil || len(cells) == 0 {
			t.Errorf("%s: the demo file holds %d cells (%v)", name, len(cells), err)
		}
	}
}

// nguon.exe says what it is: the version information (in Vietnamese, with
// the release's version), an icon, and the manifest.
func TestWindowsProgramResources(t *testing.T) {
	dir := firstRelease(t)
	b := testBuild(t)
	fv, _ := fileVersion(b.Version)
	for _, tg := range targets {
		if tg.OS != "windows" {
			continue
		}
		files := unpack(t, filepath.Join(dir, tg.archive(b.Version)))
		exe := files["nguon-"+b.Version+"/nguon.exe"]
		f, err := pe.NewFile(bytes.NewReader(exe))
		if err != nil {
			t.Fatalf("%s: %v", tg.Arch, err)
		}
		machine := map[string]uint16{"amd64": pe.IMAGE_FILE_MACHINE_AMD64, "386": pe.IMAGE_FILE_MACHINE_I386}[tg.Arch]
		if f.Machine != machine {
			t.Errorf("%s: machine %#x, want %#x", tg.Arch, f.Machine, machine)
		}
		res, err := peResources(exe)
		if err != nil {
			t.Fatalf("%s: resources: %v", tg.Arch, err)
		}
		for _, ty := range []uint32{rtIcon, rtGroupIcon, rtVersion, rtManifest} {
			if len(res[ty]) == 0 {
				t.Errorf("%s: no resource of type %d", tg.Arch, ty)
			}
		}
		vi, err := version.FromBytes(res[rtVersion])
		if err != nil {
			t.Fatalf("%s: version information: %v", tg.Arch, err)
		}
		if vi.FileVersion != fv || vi.ProductVersion != fv {
			t.Errorf("%s: file version %v, product version %v, want %v", tg.Arch, vi.FileVersion, vi.ProductVersion, fv)
		}
		strs := vi.SplitTranslations()[langVietnamese]
		if strs == nil {
			t.Fatalf("%s: no Vietnamese version strings", tg.Arch)
		}
		js, _ := strs.MarshalJSON()
		for _, want := range []string{`"ProductName":"nguon"`, `"ProductVersion":"` + b.Version + `"`,
			`"FileVersion":"` + b.Version + `"`, "phát triển đảng viên", `"LegalCopyright":"©`,
			`"OriginalFilename":"nguon.exe"`, b.Commit} {
			if !strings.Contains(string(js), want) {
				t.Errorf("%s: the version strings lack %s:\n%s", tg.Arch, want, js)
			}
		}
		m := string(res[rtManifest])
		for _, want := range []string{
			`<supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/>`, // Windows 10 and 11
			`>UTF-8</activeCodePage>`,
			`>true</longPathAware>`,
			`level="asInvoker"`,
			`processorArchitecture="` + manifestArch[tg.Arch] + `"`,
			`version="` + dotted(fv) + `"`,
		} {
			if !strings.Contains(m, want) {
				t.Errorf("%s: the manifest lacks %s", tg.Arch, want)
			}
		}
		// The group icon lists the five sizes Explorer picks from.
		if n := binary16(res[rtGroupIcon][4:]); n != 5 {
			t.Errorf("%s: the icon group has %d images, want 5", tg.Arch, n)
		}
	}
}

func binary16(b []byte) int { return int(b[0]) | int(b[1])<<8 }

// The Linux program of the release runs here: it prints the stamped
// version, commit and date, and finds its own demo file sound.
func TestLinuxProgramRuns(t *testing.T) {
	dir := firstRelease(t)
	b := testBuild(t)
	files := unpack(t, filepath.Join(dir, target{"linux", "amd64"}.archive(b.Version)))
	bin := t.TempDir()
	prog := filepath.Join(bin, "nguon")
	demo := filepath.Join(bin, demoName)
	if err := os.WriteFile(prog, files["nguon-"+b.Version+"/nguon"], 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(demo, files["nguon-"+b.Version+"/"+demoName], 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command(prog, args...)
		cmd.Env = append(os.Environ(), "NGUON_LANG=vi")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("nguon %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	v := run("version")
	want := "nguon " + b.Version + ", commit " + b.Commit + ", ngày " + b.Time.UTC().Format("2006-01-02T15:04:05Z")
	if strings.TrimSpace(v) != want {
		t.Errorf("nguon version says %q, want %q", v, want)
	}
	if out := run("check", "--db", demo); !strings.Contains(out, "Tệp dữ liệu tốt.") {
		t.Errorf("nguon check of the demo file: %s", out)
	}
}

// Two releases of one checkout are the same bytes, archive for archive.
func TestReleaseIsReproducible(t *testing.T) {
	dir := firstRelease(t)
	again := t.TempDir()
	if _, err := release(".", again, "", io.Discard); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(targets)+1 {
		t.Fatalf("the release wrote %d files, want %d", len(entries), len(targets)+1)
	}
	for _, e := range entries {
		a, _ := os.ReadFile(filepath.Join(dir, e.Name()))
		b, err := os.ReadFile(filepath.Join(again, e.Name()))
		if err != nil {
			t.Fatalf("the second release has no %s", e.Name())
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two releases", e.Name())
		}
	}
}

func TestFileVersion(t *testing.T) {
	for in, want := range map[string][4]uint16{
		"0.1.0": {0, 1, 0, 0}, "1.2.3.4": {1, 2, 3, 4}, "2.0.0-rc1": {2, 0, 0, 0}, "3": {3, 0, 0, 0},
	} {
		if got, err := fileVersion(in); err != nil || got != want {
			t.Errorf("fileVersion(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "1.x", "1.2.3.4.5", "70000.0", "-1"} {
		if _, err := fileVersion(bad); err == nil {
			t.Errorf("fileVersion(%q) took a bad version", bad)
		}
	}
}

// The version a release stamps is the one main.go writes down.
func TestMainVersion(t *testing.T) {
	b := testBuild(t)
	src, err := os.ReadFile(filepath.Join(b.Root, "main.go"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`var version = "([^"]+)"`).FindSubmatch(src)
	if m == nil {
		t.Fatal("main.go has no version")
	}
	if want := strings.TrimSuffix(string(m[1]), "-dev"); b.Version != want {
		t.Errorf("the release version is %q, main.go says %q", b.Version, m[1])
	}
}

// The icon: a gold star in the middle of a red square whose corners are
// transparent (rounded).
func TestIcon(t *testing.T) {
	img := iconImage(64)
	at := func(x, y int) color.NRGBA { return img.At(x, y).(color.NRGBA) }
	if c := at(0, 0); c.A != 0 {
		t.Errorf("the corner is not transparent: %v", c)
	}
	if c := at(32, 34); c.R != 0xFF || c.G != 0xCD || c.A != 0xFF {
		t.Errorf("the middle is not gold: %v", c)
	}
	if c := at(32, 61); c.R != 0xDA || c.G != 0x25 || c.A != 0xFF {
		t.Errorf("the bottom edge is not red: %v", c)
	}
}

func sha256Hex(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
