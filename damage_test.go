//go:build linux

package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"nguon/model"
	"nguon/store"
)

// Issue 9: a damaged file is never shown as fact and never crashes the
// program. The corpus is made here from a demo file: (a) single-bit and
// 64-byte changes at 50 offsets over its data pages, (b) page-header fields
// set to hostile values, (c) copies taken with a plain file copy while
// another process saves. Every file goes through check, report, backup and
// the TUI of the built program; each must end within 10 s in at most
// 500 MB, print no Go stack, leave the file as it was, and a file check
// calls damaged must be refused or opened read-only with the banner.

// The files go through the program by testdata/corpusrunner, which reports
// exit codes, times and peak memory. The test binary doubles as a saver
// that keeps saving into a file while the test copies it (chosen before
// TestMain).
const saverEnv = "NGUON_TEST_SAVER"

func init() {
	if db := os.Getenv(saverEnv); db != "" {
		os.Exit(saver(db))
	}
}

// saver edits and adds candidates in db, one save at a time, until killed.
func saver(db string) int {
	st, err := store.Open(db, store.Options{DeviceID: "saver"})
	if err != nil {
		fmt.Println(err)
		return 3
	}
	rows, err := st.CandidateRows()
	if err != nil || len(rows) == 0 {
		fmt.Println("no candidates", err)
		return 3
	}
	for i := 0; ; i++ {
		c, err := st.Candidate(rows[i%len(rows)].ID)
		if err != nil {
			fmt.Println(err)
			return 4
		}
		c.Notes = fmt.Sprintf("Ghi chú lần %d: %s", i, strings.Repeat("chi tiết ", i%40))
		if i%3 == 0 {
			c.ID = model.ID{}
			c.CCCD = ""
			c.FullName = "Người Mới " + []string{"An", "Bình", "Chi", "Dung", "Giang", "Hà", "Khánh", "Lan"}[i%8]
		}
		if err := st.PutCandidate(&c); err != nil {
			fmt.Println(err)
			return 5
		}
		if i == 0 {
			fmt.Println("ready")
		}
	}
}

// corpusFile is one damaged (or, by luck, still sound) file.
type corpusFile struct {
	group string // "a", "b" or "c"
	name  string
	path  string
	sum   [32]byte // SHA-256 as made: no command may change it
}

// pageInfo is what the test needs to know of a sound file's pages.
type pageInfo struct {
	size     int
	hwm      uint64
	root     uint64 // the root bucket's page
	freelist uint64
	leaves   []uint64 // leaf pages in use
	branches []uint64 // branch pages in use
}

func pagesOf(t *testing.T, path string) pageInfo {
	t.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, PreLoadFreelist: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var pi pageInfo
	pi.size = db.Info().PageSize
	err = db.View(func(tx *bolt.Tx) error {
		b, _ := os.ReadFile(path)
		// The meta page with the higher transaction ID is the one in use.
		best := 0
		if binary.NativeEndian.Uint64(b[pi.size+16+48:]) > binary.NativeEndian.Uint64(b[16+48:]) {
			best = pi.size
		}
		m := b[best+16:]
		pi.root, pi.freelist, pi.hwm = binary.NativeEndian.Uint64(m[16:]), binary.NativeEndian.Uint64(m[32:]), binary.NativeEndian.Uint64(m[40:])
		for id := 2; id < int(pi.hwm); id++ {
			p, err := tx.Page(id)
			if err != nil || p == nil {
				continue
			}
			switch p.Type {
			case "leaf":
				pi.leaves = append(pi.leaves, uint64(id))
			case "branch":
				pi.branches = append(pi.branches, uint64(id))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(pi.leaves) == 0 || len(pi.branches) == 0 {
		t.Fatalf("the demo file has %d leaf and %d branch pages; the corpus needs both", len(pi.leaves), len(pi.branches))
	}
	return pi
}

// emitFunc adds one file to the corpus.
type emitFunc func(group, name string, data []byte)

// changedBytes is corpus (a): at 50 offsets spread over the data pages, one
// flipped bit and 64 random bytes.
func changedBytes(good []byte, pi pageInfo, emit emitFunc) {
	data := append(append([]uint64(nil), pi.leaves...), pi.branches...)
	sort.Slice(data, func(i, j int) bool { return data[i] < data[j] })
	r := rand.New(rand.NewPCG(9, 9))
	span := len(data) * pi.size
	for i := range 50 {
		at := i*span/50 + r.IntN(span/50)
		page := data[at/pi.size]
		off := int(page)*pi.size + at%pi.size
		bit := append([]byte(nil), good...)
		bit[off] ^= 1 << r.IntN(8)
		emit("a", fmt.Sprintf("bit-p%d-%d", page, off%pi.size), bit)
		blk := append([]byte(nil), good...)
		for j := 0; j < 64 && off+j < len(blk); j++ {
			blk[off+j] = byte(r.Uint32())
		}
		emit("a", fmt.Sprintf("64b-p%d-%d", page, off%pi.size), blk)
	}
}

// hostileHeaders is corpus (b): page-header fields set to hostile values.
func hostileHeaders(good []byte, pi pageInfo, emit emitFunc) {
	ps := uint64(pi.size)
	set := func(name string, page uint64, off int, width int, v uint64) {
		b := append([]byte(nil), good...)
		at := int(page*ps) + off
		switch width {
		case 2:
			binary.NativeEndian.PutUint16(b[at:], uint16(v))
		case 4:
			binary.NativeEndian.PutUint32(b[at:], uint32(v))
		case 8:
			binary.NativeEndian.PutUint64(b[at:], v)
		}
		if !bytes.Equal(b[at:at+width], good[at:at+width]) { // the field may already hold v
			emit("b", fmt.Sprintf("%s-p%d-%#x", name, page, v), b)
		}
	}
	branch, leaf, rootLeaf := pi.branches[0], pi.leaves[len(pi.leaves)/2], pi.root
	for _, v := range []uint64{0, 1, branch, pi.leaves[0], pi.hwm, pi.hwm + 7, 1 << 32, 1 << 62, ^uint64(0)} {
		set("branch-pointer", branch, 16+8, 8, v)
	}
	for _, v := range []uint64{1, pi.hwm, 0xFFFF, 0xFFFFFFFF} {
		set("overflow", leaf, 12, 4, v)
		set("overflow", branch, 12, 4, v)
	}
	for _, v := range []uint64{0, 0xFFFF, 0x7FFFFFFF, 0xFFFFFFFF} {
		set("leaf-pos", leaf, 16+4, 4, v)
		set("leaf-pos", rootLeaf, 16+4, 4, v)
	}
	for _, v := range []uint64{0, 0xFFFF, 0xFFFFFFFF} {
		set("leaf-ksize", leaf, 16+8, 4, v)
		set("leaf-vsize", leaf, 16+12, 4, v)
		set("leaf-vsize", rootLeaf, 16+12, 4, v)
	}
	for _, v := range []uint64{0, leaf + 1, pi.hwm + 5, ^uint64(0)} {
		set("page-id", leaf, 0, 8, v)
		set("page-id", branch, 0, 8, v)
	}
	for _, v := range []uint64{0, 0xFFFF} {
		set("count", leaf, 10, 2, v)
		set("count", branch, 10, 2, v)
	}
	for _, v := range []uint64{0, 0x10} {
		set("flags", leaf, 8, 2, v)
	}
	if fl := pi.freelist; fl != ^uint64(0) {
		set("freelist-count", fl, 10, 2, 0xFFFE)
		for _, v := range []uint64{1 << 40, ^uint64(0)} {
			b := append([]byte(nil), good...)
			binary.NativeEndian.PutUint16(b[fl*ps+10:], 0xFFFF)
			binary.NativeEndian.PutUint64(b[fl*ps+16:], v)
			emit("b", fmt.Sprintf("freelist-count-0xffff-p%d-%#x", fl, v), b)
		}
		for _, v := range []uint64{0, leaf, pi.hwm + 1} {
			b := append([]byte(nil), good...)
			binary.NativeEndian.PutUint16(b[fl*ps+10:], 1)
			binary.NativeEndian.PutUint64(b[fl*ps+16:], v)
			emit("b", fmt.Sprintf("freelist-id-p%d-%#x", fl, v), b)
		}
	}
}

// tornCopies is corpus (c): plain copies of a file taken while another
// process saves into it, read in 64 KiB pieces as a slow USB stick would.
func tornCopies(t *testing.T, n int, emit emitFunc) {
	t.Helper()
	db := demoFile(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = childEnv(t, saverEnv+"="+db)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	}()
	if line, err := bufio.NewReader(stdout).ReadString('\n'); err != nil || line != "ready\n" {
		t.Fatalf("saver: %q %v", line, err)
	}
	buf := make([]byte, 64<<10)
	for i := range n {
		f, err := os.Open(db)
		if err != nil {
			t.Fatal(err)
		}
		var copyBytes bytes.Buffer
		for {
			k, err := f.Read(buf)
			copyBytes.Write(buf[:k])
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Microsecond)
		}
		f.Close()
		emit("c", fmt.Sprintf("copy-%02d", i), copyBytes.Bytes())
		time.Sleep(time.Duration(5+i*3) * time.Millisecond)
	}
}

// corpusTally counts what happened to the files.
type corpusTally struct {
	mu                                                         sync.Mutex
	tried, sound, refused, readOnly, crashes, hangs, overLimit int
	checkSaid, tuiSaid                                         map[string]int
	soundNames, tornNames                                      []string
	slowest                                                    map[string]int64 // ms, by command
	largest                                                    map[string]int64 // KB, by command
}

func (c *corpusTally) add(f func(c *corpusTally)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f(c)
}

// stackMarks are what a Go panic or fatal error prints.
var stackMarks = []string{"goroutine ", "panic:", "fatal error", "runtime.", ".go:", "SIGSEGV"}

func hasStack(s string) bool {
	for _, m := range stackMarks {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// knownRefusals are the sentences a refused file may get.
var knownRefusals = []error{store.ErrEmptyFile, store.ErrTruncated, store.ErrTorn, store.ErrDamagedPage,
	store.ErrNotNguon, store.ErrNewerSchema, store.ErrCorrupt, store.ErrDamagedRecord}

// corpusWorkers is how many runners put files through the program at
// once; each runs three commands side by side, each with a checking child.
const corpusWorkers = 2

func TestDamageCorpus(t *testing.T) {
	if testing.Short() {
		t.Skip("the damage corpus takes a while")
	}
	demo := demoFile(t)
	good, err := os.ReadFile(demo)
	if err != nil {
		t.Fatal(err)
	}
	pi := pagesOf(t, demo)
	runner := filepath.Join(t.TempDir(), "corpusrunner")
	if out, err := exec.Command("go", "build", "-o", runner, "./testdata/corpusrunner").CombinedOutput(); err != nil {
		t.Fatalf("building the runner: %v\n%s", err, out)
	}
	want := nguon(t, nil, "--lang", "en", "report", "--what", "targets", "--db", demo)
	if want.code != 0 {
		t.Fatalf("report of the demo file: %s", want.stderr)
	}
	dir := t.TempDir()
	var corpus []corpusFile
	emit := func(group, name string, data []byte) {
		path := filepath.Join(dir, fmt.Sprintf("%03d.db", len(corpus)))
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		corpus = append(corpus, corpusFile{group: group, name: name, path: path, sum: sha256.Sum256(data)})
	}
	changedBytes(good, pi, emit)
	hostileHeaders(good, pi, emit)
	tornCopies(t, 20, emit)

	tally := &corpusTally{checkSaid: map[string]int{}, tuiSaid: map[string]int{}, slowest: map[string]int64{}, largest: map[string]int64{}}
	start := time.Now()
	t.Run("files", func(t *testing.T) {
		var wg sync.WaitGroup
		for w := range corpusWorkers {
			var batch []corpusFile
			for i := w; i < len(corpus); i += corpusWorkers {
				batch = append(batch, corpus[i])
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				runCorpusBatch(t, runner, batch, want.stdout, tally)
			}()
		}
		wg.Wait()
	})
	t.Logf("corpus: %d files tried in %v: %d sound, %d refused, %d opened read-only with the banner; %d crashes, %d hangs, %d over 500 MB",
		tally.tried, time.Since(start).Round(time.Second), tally.sound, tally.refused, tally.readOnly, tally.crashes, tally.hangs, tally.overLimit)
	for _, name := range []string{"check", "report", "backup", "open"} {
		t.Logf("%s: slowest %d ms, largest %d MB", name, tally.slowest[name], tally.largest[name]>>10)
	}
	sort.Strings(tally.soundNames)
	t.Logf("sound after the change (it fell on unused bytes): %s", strings.Join(tally.soundNames, ", "))
	t.Logf("damage that looks like a torn copy (pages well formed, not fitting together): %s", strings.Join(tally.tornNames, ", "))
	for _, said := range []struct {
		what string
		m    map[string]int
	}{{"check", tally.checkSaid}, {"the TUI", tally.tuiSaid}} {
		var msgs []string
		for m, n := range said.m {
			msgs = append(msgs, fmt.Sprintf("%4d× %s", n, m))
		}
		sort.Strings(msgs)
		t.Logf("what %s said:\n%s", said.what, strings.Join(msgs, "\n"))
	}
}

// corpusRun is what the runner reports of one command (testdata/corpusrunner).
type corpusRun struct {
	Code    int    `json:"code"` // -1: killed by a signal, -3: did not end
	Stdout  string `json:"stdout"`
	Stderr  string `json:"stderr"`
	MS      int64  `json:"ms"`
	RSSKB   int64  `json:"rss_kb"`
	Refused bool   `json:"refused,omitempty"` // the TUI: ended before its first screen
	Banner  bool   `json:"banner,omitempty"`  // the TUI: showed the damaged-file banner
	Screen  string `json:"screen,omitempty"`
}

type corpusJob struct {
	Bin   string         `json:"bin"`
	Files []corpusTarget `json:"files"`
}

type corpusTarget struct {
	DB  string `json:"db"`
	Out string `json:"out"`
}

// runCorpusBatch has one runner put the files through the program and
// judges each as its result arrives.
func runCorpusBatch(t *testing.T, runner string, batch []corpusFile, soundReport string, tally *corpusTally) {
	job := corpusJob{Bin: bin}
	for _, f := range batch {
		outDir := strings.TrimSuffix(f.path, ".db") + "-out"
		if err := os.Mkdir(outDir, 0o700); err != nil {
			t.Error(err)
			return
		}
		job.Files = append(job.Files, corpusTarget{DB: f.path, Out: filepath.Join(outDir, "copy.db")})
	}
	raw, _ := json.Marshal(job)
	cmd := exec.Command(runner)
	cmd.Env = childEnv(t)
	cmd.Stdin = bytes.NewReader(raw)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Error(err)
		return
	}
	if err := cmd.Start(); err != nil {
		t.Error(err)
		return
	}
	lines := bufio.NewScanner(stdout)
	lines.Buffer(nil, 16<<20)
	for _, f := range batch {
		if !lines.Scan() {
			t.Errorf("the runner stopped before %s: %v", f.name, lines.Err())
			break
		}
		var runs map[string]corpusRun
		if err := json.Unmarshal(lines.Bytes(), &runs); err != nil {
			t.Errorf("%s: the runner said %q", f.name, lines.Bytes())
			continue
		}
		judgeCorpusFile(t, f, runs, soundReport, tally)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("runner: %v", err)
	}
}

// judgeCorpusFile holds what the program did with one file to the rules.
func judgeCorpusFile(t *testing.T, f corpusFile, runs map[string]corpusRun, soundReport string, tally *corpusTally) {
	outDir := strings.TrimSuffix(f.path, ".db") + "-out"
	errorf := func(format string, args ...any) { t.Errorf("%s %s: %s", f.group, f.name, fmt.Sprintf(format, args...)) }
	tally.add(func(c *corpusTally) { c.tried++ })
	for _, name := range []string{"check", "report", "backup", "open"} {
		r := runs[name]
		tally.add(func(c *corpusTally) {
			c.slowest[name] = max(c.slowest[name], r.MS)
			c.largest[name] = max(c.largest[name], r.RSSKB)
		})
		text := r.Stdout + r.Stderr + r.Screen
		switch {
		case hasStack(text) || r.Code == -1 || r.Code > 2:
			errorf("%s crashed (exit %d):\n%s", name, r.Code, text)
			tally.add(func(c *corpusTally) { c.crashes++ })
		case r.Code == -3 || r.MS > 10_000:
			errorf("%s took %d ms", name, r.MS)
			tally.add(func(c *corpusTally) { c.hangs++ })
		case r.RSSKB > 500<<10:
			errorf("%s used %d MB", name, r.RSSKB>>10)
			tally.add(func(c *corpusTally) { c.overLimit++ })
		}
	}
	if b, err := os.ReadFile(f.path); err != nil || sha256.Sum256(b) != f.sum {
		errorf("the file was changed (%v)", err)
	}
	check, report, backup, open := runs["check"], runs["report"], runs["backup"], runs["open"]
	said := kindOfMessage(lastLine(check.Stdout + check.Stderr))
	tally.add(func(c *corpusTally) {
		c.checkSaid["("+f.group+") "+said]++
		if f.group != "c" && said == model.Message(store.ErrTorn, model.EN) {
			c.tornNames = append(c.tornNames, f.group+" "+f.name)
		}
	})
	if entries, _ := os.ReadDir(outDir); check.Code != 0 && len(entries) != 0 {
		errorf("the backup of a damaged file left %d files behind", len(entries))
	}
	if check.Code == 0 {
		tally.add(func(c *corpusTally) { c.sound++; c.soundNames = append(c.soundNames, f.group+" "+f.name) })
		if report.Code != 0 || backup.Code != 0 || open.Code != 0 || open.Refused || open.Banner {
			errorf("check calls the file sound, yet report exits %d, backup %d, the TUI %d (refused %v, banner %v): %s%s%s",
				report.Code, backup.Code, open.Code, open.Refused, open.Banner, report.Stderr, backup.Stderr, open.Screen)
		}
		// Never a damaged value as fact: a sound file says what the demo
		// said (a copy taken while saving holds another state of the file).
		if f.group != "c" && report.Stdout != soundReport {
			errorf("check calls the file sound, but its report differs from the demo's:\n%s", report.Stdout)
		}
		return
	}
	// Damaged: report and backup refuse, in one sentence that says what is
	// wrong; the TUI refuses the same way or opens read-only with the banner.
	for name, r := range map[string]corpusRun{"report": report, "backup": backup} {
		if r.Code != 1 || strings.Count(r.Stderr, "\n") != 1 || !knownRefusal(r.Stderr) {
			errorf("%s of a file check calls damaged: exit %d, stderr %q", name, r.Code, r.Stderr)
		}
	}
	switch {
	case open.Refused:
		tally.add(func(c *corpusTally) { c.refused++; c.tuiSaid["("+f.group+") refused: "+kindOfMessage(open.Screen)]++ })
		if !knownRefusal(open.Screen) {
			errorf("the TUI refused the file saying:\n%s", open.Screen)
		}
	case open.Banner:
		tally.add(func(c *corpusTally) { c.readOnly++; c.tuiSaid["("+f.group+") opened read-only with the banner"]++ })
		if open.Code != 0 {
			errorf("the TUI of a damaged file ended with %d", open.Code)
		}
	default:
		errorf("check calls the file damaged (%s) but the TUI opened it without the banner:\n%s", check.Stdout+check.Stderr, open.Screen)
	}
}

// knownRefusal reports whether s holds one of the sentences that say what
// is wrong with a file.
func knownRefusal(s string) bool {
	return kindOfMessage(s) != s
}

// squeeze drops all white space: a terminal wraps a sentence anywhere.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// kindOfMessage is the last line of what a command said, with the names
// and IDs of records left out, for counting.
func kindOfMessage(s string) string {
	sq := squeeze(s)
	for _, e := range knownRefusals {
		for _, lang := range []model.Lang{model.VI, model.EN} {
			if strings.Contains(sq, squeeze(model.Message(e, lang))) {
				return model.Message(e, model.EN)
			}
		}
	}
	for _, p := range []string{"The data file is damaged in ", "Tệp dữ liệu bị hỏng ở "} {
		if strings.Contains(sq, squeeze(p)) {
			return "The data file is damaged in a named record"
		}
	}
	if strings.Contains(s, "The data file has ") {
		return "check: the data file has problems (listed)"
	}
	return s
}

// lastLine is what a command said last.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
