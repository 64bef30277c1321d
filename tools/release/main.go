// Command release writes the archives a commune office gets on a USB stick:
//
//	go run ./tools/release [-out dist] [-version 0.1.0]
//
// For Windows (64- and 32-bit) a zip, for Linux a tar.gz, each holding the
// program, the guide (HUONG-DAN-SU-DUNG.docx), a demo data file and
// DOC-TRUOC.txt, plus SHA256SUMS. It needs Go and git, nothing else, and
// is reproducible: two runs on one commit write the same bytes
// (docs/release.md).
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"nguon/store"
)

// build is what is stamped into every program of one release.
type build struct {
	Version string
	Commit  string    // the full hash; "-dirty" appended for uncommitted changes
	Time    time.Time // the commit's time: the archives' and the demo's date
	Root    string    // the module's folder
}

// target is one platform a release is built for.
type target struct{ OS, Arch string }

// targets are the platforms of a release: 64-bit Windows, 32-bit Windows
// (old Windows 10 laptops still run it), and Linux.
var targets = []target{{"windows", "amd64"}, {"windows", "386"}, {"linux", "amd64"}}

func (t target) exe() string {
	if t.OS == "windows" {
		return "nguon.exe"
	}
	return "nguon"
}

// archive is the name of the target's archive.
func (t target) archive(version string) string {
	ext := ".tar.gz"
	if t.OS == "windows" {
		ext = ".zip"
	}
	return fmt.Sprintf("nguon-%s-%s-%s%s", version, t.OS, t.Arch, ext)
}

// Names inside every archive.
const (
	guideName  = "HUONG-DAN-SU-DUNG.docx"
	demoName   = "du-lieu-mau.db"
	readmeName = "DOC-TRUOC.txt"
	sumsName   = "SHA256SUMS"
)

func main() {
	store.ChildMain() // the store checks files in a child: this program, started again
	out := flag.String("out", "dist", "folder to write the archives and SHA256SUMS into")
	ver := flag.String("version", "", "release version (default: main.go's version without -dev)")
	flag.Parse()
	written, err := release(".", *out, *ver, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "release:", err)
		os.Exit(1)
	}
	for _, p := range written {
		fmt.Println(p)
	}
}

// release builds every target from the module around dir and writes the
// archives and SHA256SUMS into out; it returns the files written. Nothing
// of the release maker's own (config folder, documents) is touched: the
// demo file is made under a temporary config folder.
func release(dir, out, ver string, log io.Writer) ([]string, error) {
	b, err := readBuild(dir, ver)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(b.Commit, "-dirty") {
		fmt.Fprintf(log, "warning: the checkout has uncommitted changes; the programs say commit %s\n", b.Commit)
	}
	tmp, err := os.MkdirTemp("", "nguon-release-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	// The Go toolchain keeps its own folders (module and build caches,
	// `go env -w` settings): it runs in the environment as it was.
	goEnv := os.Environ()
	restore := isolate(filepath.Join(tmp, "config"))
	defer restore()

	demoPath := filepath.Join(tmp, demoName)
	day, err := writeDemo(demoPath, b)
	if err != nil {
		return nil, err
	}
	demo, err := os.ReadFile(demoPath)
	if err != nil {
		return nil, err
	}
	doc, err := buildGuide(demoPath, b.Version, day)
	if err != nil {
		return nil, fmt.Errorf("guide: %w", err)
	}
	var guide bytes.Buffer
	if err := store.WriteDOCX(&guide, doc); err != nil {
		return nil, fmt.Errorf("guide: %w", err)
	}
	// The guide rendered frames from the demo file; what ships is the
	// file as it was made, not as it was after being opened.
	if now, err := os.ReadFile(demoPath); err != nil || !bytes.Equal(now, demo) {
		return nil, errors.New("the demo file changed while the guide was made")
	}

	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	sums := map[string]string{}
	var written []string
	for _, t := range targets {
		fmt.Fprintf(log, "building %s/%s\n", t.OS, t.Arch)
		prog, err := goBuild(b, t, tmp, goEnv)
		if err != nil {
			return nil, err
		}
		es := []entry{
			{Name: t.exe(), Data: prog, Exec: true},
			{Name: guideName, Data: guide.Bytes()},
			{Name: demoName, Data: demo},
			{Name: readmeName, Data: readmeText(b, t)},
		}
		name := t.archive(b.Version)
		data, err := archiveBytes(t.OS == "windows", "nguon-"+b.Version, es, b.Time)
		if err != nil {
			return nil, err
		}
		p := filepath.Join(out, name)
		if err := writeFile(p, data); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(data)
		sums[name] = hex.EncodeToString(sum[:])
		written = append(written, p)
	}
	names := make([]string, 0, len(sums))
	for n := range sums {
		names = append(names, n)
	}
	sort.Strings(names)
	var list strings.Builder
	for _, n := range names {
		// The format sha256sum -c and PowerShell's Get-FileHash users know.
		fmt.Fprintf(&list, "%s  %s\n", sums[n], n)
	}
	p := filepath.Join(out, sumsName)
	if err := writeFile(p, []byte(list.String())); err != nil {
		return nil, err
	}
	return append(written, p), nil
}

// isolate points every folder the store may write to (config folder,
// documents) at dir, for this process and the checking children it
// starts, and returns what puts them back. (On Linux and Windows the
// config folder follows XDG_CONFIG_HOME and AppData; releases are not
// made on macOS.)
func isolate(dir string) func() {
	vars := []string{"XDG_CONFIG_HOME", "AppData", "NGUON_DOCS", "NGUON_DB"}
	old := map[string]*string{}
	for _, v := range vars {
		if s, ok := os.LookupEnv(v); ok {
			old[v] = &s
		} else {
			old[v] = nil
		}
	}
	os.Setenv("XDG_CONFIG_HOME", dir)
	os.Setenv("AppData", dir)
	os.Setenv("NGUON_DOCS", filepath.Join(dir, "docs"))
	os.Unsetenv("NGUON_DB")
	return func() {
		for v, s := range old {
			if s == nil {
				os.Unsetenv(v)
			} else {
				os.Setenv(v, *s)
			}
		}
	}
}

// writeFile writes data under a temporary name and renames it into place:
// a release stopped half way leaves no half archive under the real name.
func writeFile(path string, data []byte) error {
	tmp := path + ".part"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, path)
}

// readBuild finds the module, its version and the commit it is built from.
func readBuild(dir, ver string) (build, error) {
	var b build
	root, err := moduleRoot(dir)
	if err != nil {
		return b, err
	}
	b.Root = root
	if ver == "" {
		v, err := mainVersion(filepath.Join(root, "main.go"))
		if err != nil {
			return b, err
		}
		ver = strings.TrimSuffix(v, "-dev")
	}
	if _, err := fileVersion(ver); err != nil {
		return b, err
	}
	b.Version = ver
	commit, err := git(root, "rev-parse", "HEAD")
	if err != nil {
		return b, fmt.Errorf("the release is stamped with its commit, and this is not a git checkout: %w", err)
	}
	when, err := git(root, "log", "-1", "--format=%cI", "HEAD")
	if err != nil {
		return b, err
	}
	if b.Time, err = time.Parse(time.RFC3339, when); err != nil {
		return b, fmt.Errorf("commit time %q: %w", when, err)
	}
	if status, err := git(root, "status", "--porcelain", "--untracked-files=no"); err != nil {
		return b, err
	} else if status != "" {
		commit += "-dirty"
	}
	b.Commit = commit
	return b, nil
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// moduleRoot is the folder of the go.mod of module nguon around dir.
func moduleRoot(dir string) (string, error) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(d, "go.mod")); err == nil {
			if !bytes.HasPrefix(b, []byte("module nguon\n")) {
				return "", fmt.Errorf("%s is not nguon's go.mod", filepath.Join(d, "go.mod"))
			}
			return d, nil
		}
		up := filepath.Dir(d)
		if up == d {
			return "", errors.New("run the release from inside nguon's source folder")
		}
		d = up
	}
}

// mainVersion reads `var version = "…"` from the program's main.go, the one
// place the version is written down.
func mainVersion(path string) (string, error) {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.SkipObjectResolution)
	if err != nil {
		return "", err
	}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.VAR {
			continue
		}
		for _, s := range g.Specs {
			vs := s.(*ast.ValueSpec)
			for i, n := range vs.Names {
				if n.Name != "version" || i >= len(vs.Values) {
					continue
				}
				if lit, ok := vs.Values[i].(*ast.BasicLit); ok && lit.Kind == token.STRING {
					return strconv.Unquote(lit.Value)
				}
			}
		}
	}
	return "", fmt.Errorf("%s has no var version = \"…\"", path)
}

// goBuild builds the program for t and returns its bytes. The build is
// pure Go (no C compiler), -trimpath (no folder of this machine inside),
// without VCS stamping (the version, commit and date are stamped
// explicitly, so an untracked file cannot mark the build "modified"), and
// for the oldest processors each architecture runs on. A Windows program
// gets its resources (winres.go) in a copy of the source, so the source
// folder is never written to; with -trimpath the copy's folder leaves no
// trace in the program.
func goBuild(b build, t target, tmp string, env []string) ([]byte, error) {
	out := filepath.Join(tmp, t.OS+"-"+t.Arch, t.exe())
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, err
	}
	ldflags := fmt.Sprintf("-s -w -X main.version=%s -X main.commit=%s -X main.date=%s",
		b.Version, b.Commit, b.Time.UTC().Format(time.RFC3339))
	args := []string{"build", "-trimpath", "-buildvcs=false", "-ldflags", ldflags, "-o", out}
	src := b.Root
	if t.OS == "windows" {
		// The linker takes a .syso only from the package's own folder (an
		// -overlay does not reach it), so Windows builds are made from a
		// copy of the source with the resource object added.
		src = filepath.Join(tmp, "src-"+t.Arch)
		if err := copySource(b.Root, src); err != nil {
			return nil, err
		}
		obj, err := syso(b, t.Arch)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(src, "rsrc_windows_"+t.Arch+".syso"), obj, 0o644); err != nil {
			return nil, err
		}
	}
	args = append(args, ".")
	cmd := exec.Command("go", args...)
	cmd.Dir = src
	cmd.Env = append(env, "CGO_ENABLED=0", "GOOS="+t.OS, "GOARCH="+t.Arch,
		"GOAMD64=v1", "GO386=sse2", "GOFLAGS=", "GOEXPERIMENT=")
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go build for %s/%s: %v\n%s", t.OS, t.Arch, err, stderr.String())
	}
	return os.ReadFile(out)
}

// copySource copies the files git knows of, or would (tracked, and new ones
// not ignored), from root into dst: what the release is built from, and
// nothing a developer's folder holds besides (builds, dist/).
func copySource(root, dst string) error {
	list, err := git(root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		return err
	}
	for _, name := range strings.Split(list, "\x00") {
		if name == "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(name)))
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted in the checkout, not yet in git
		} else if err != nil {
			return err
		}
		p := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
