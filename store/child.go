package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"nguon/model"
)

// Checks in a child process.
//
// Whatever walks the pages of a file that may be damaged (the check made
// on every open, `nguon check`, the verification of a backup copy, and any
// file offered to an import or merge) runs in a child process: the same
// program started again with NGUON_CHILD_ARGS set, under a time limit and a
// memory limit. A damaged page can make bbolt read outside the file
// (SIGSEGV, which recover cannot catch), recurse forever or ask for
// gigabytes; in the child that only ends the child, and the parent says in
// one sentence that the file is damaged (ErrDamagedPage).
//
// The program's main calls ChildMain first; a program (or a test binary)
// that does not runs the same checks in its own process, without that
// protection.

const childArgsEnv = "NGUON_CHILD_ARGS"

// Modes of the child.
const (
	modeOpen  = "open"  // structure, meta and every current record (Open)
	modeCheck = "check" // structure, meta, everything derived, every record valid (nguon check)
	modeCopy  = "copy"  // as check, without validating records (a backup's copy)
)

// Exit codes of a child that did not answer.
const (
	exitChildArgs    = 3
	exitChildMemory  = 4
	exitChildTimeout = 5
	exitChildOrphan  = 6
)

type childArgs struct {
	Mode    string        `json:"mode"`
	Path    string        `json:"path"`
	Today   model.Date    `json:"today"`
	Lock    time.Duration `json:"lock"`    // how long to wait for another window's lock
	Budget  int64         `json:"budget"`  // bytes of memory the child may use
	Timeout time.Duration `json:"timeout"` // after which the parent kills it
}

// inspection is the child's answer.
type inspection struct {
	Verdict  string         `json:"verdict"`          // verdictOK, or what refuses the file
	Detail   string         `json:"detail,omitempty"` // the cause, for logs
	Pending  []string       `json:"pending,omitempty"`
	Damaged  []damageAnswer `json:"damaged,omitempty"`
	Problems []problemText  `json:"problems,omitempty"`
	// Rollback is set when one of the two meta pages is damaged (rollback.go).
	Rollback *RollbackError `json:"rollback,omitempty"`
	// Peak is the most memory the child's runtime held (the file's mapping
	// not counted), as its watchdog saw it: benchmarks report it.
	Peak int64 `json:"peak,omitempty"`
}

// childPeak is the child's highest memory use seen by its watchdog;
// lastChildPeak is the Peak of the last child's answer (benchmarks).
var childPeak, lastChildPeak atomic.Int64

type damageAnswer struct {
	Kind  string   `json:"kind,omitempty"`
	ID    model.ID `json:"id"`
	Name  string   `json:"name,omitempty"`
	Cause string   `json:"cause,omitempty"`
}

type problemText struct {
	Record model.ID   `json:"record"`
	Text   model.Text `json:"text"`
}

const verdictOK = "ok"

// verdicts name the refusals an inspection can end in.
var verdicts = []struct {
	name string
	err  *Error
}{
	{"empty", ErrEmptyFile}, {"truncated", ErrTruncated}, {"not_nguon", ErrNotNguon},
	{"newer", ErrNewerSchema}, {"torn", ErrTorn}, {"page", ErrDamagedPage}, {"in_use", ErrInUse},
	{"missing", ErrMissingFile}, {"permission", ErrPermission}, {"upgrade", ErrNeedsUpgrade},
	{"write", ErrWrite}, {"corrupt", ErrCorrupt}, // ErrCorrupt last: the precise ones match it too
}

func refused(err error) *inspection {
	for _, v := range verdicts {
		if errors.Is(err, v.err) {
			return &inspection{Verdict: v.name, Detail: err.Error()}
		}
	}
	return &inspection{Verdict: "error", Detail: err.Error()}
}

// err turns a refusal back into the error a person reads.
func (in *inspection) err() error {
	if in.Verdict == verdictOK {
		return nil
	}
	if in.Rollback != nil {
		return in.Rollback
	}
	for _, v := range verdicts {
		if v.name == in.Verdict {
			if in.Detail == "" || in.Detail == v.err.Error() {
				return v.err
			}
			return wrap(v.err, errors.New(in.Detail))
		}
	}
	return wrap(ErrCheckFailed, errors.New(in.Detail))
}

func (in *inspection) damage() []*DamageError {
	var out []*DamageError
	for _, d := range in.Damaged {
		out = append(out, &DamageError{Kind: d.Kind, ID: d.ID, Name: d.Name, Cause: errors.New(d.Cause)})
	}
	return out
}

// problems returns the problems of a check, as CheckErrors.
func (in *inspection) problems() []error {
	var out []error
	for _, p := range in.Problems {
		out = append(out, &CheckError{Record: p.Record, Msg: p.Text})
	}
	return out
}

// childExe is this program's own file, once ChildMain has run.
var childExe atomic.Pointer[string]

// ChildMain must be called first in main (and in the TestMain of tests
// that open files through the program). When the process was started as a
// checking child, it checks, prints its answer and exits; otherwise it
// notes that checks can run in a child of this program, and returns.
func ChildMain() {
	raw, isChild := os.LookupEnv(childArgsEnv)
	if !isChild {
		if exe := selfExecutable(); exe != "" {
			childExe.Store(&exe)
		}
		return
	}
	os.Exit(serveChild(raw))
}

// Isolated reports whether checks run in a child process.
func Isolated() bool { return childExe.Load() != nil }

func selfExecutable() string {
	if _, err := os.Stat("/proc/self/exe"); err == nil {
		return "/proc/self/exe" // still runs when the program file was replaced
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	return exe
}

// serveChild is the child's side: it limits itself, inspects the file and
// prints the answer as JSON.
func serveChild(raw string) int {
	var a childArgs
	if err := json.Unmarshal([]byte(raw), &a); err != nil {
		fmt.Fprintln(os.Stderr, "nguon child:", err)
		return exitChildArgs
	}
	// The parent holds our stdin open: when it dies, stop.
	go func() {
		_, _ = io.Copy(io.Discard, os.Stdin)
		os.Exit(exitChildOrphan)
	}()
	time.AfterFunc(a.Timeout+2*time.Second, func() { os.Exit(exitChildTimeout) })
	limitMemory(a.Budget, a.Path)
	// The check's live heap is a few megabytes, so the default pacing
	// collects about every 5 MB allocated: over a hundred times in a check
	// of 100,000 candidates. Collecting a quarter as often saves a tenth
	// of its time for some 10 MB more at the peak.
	debug.SetGCPercent(400)
	debug.SetPanicOnFault(true)
	in := inspectHere(a)
	in.Peak = childPeak.Load()
	if err := json.NewEncoder(os.Stdout).Encode(in); err != nil {
		return exitChildArgs
	}
	return 0
}

// limitMemory makes the child stop rather than grow: the runtime's soft
// limit, a watchdog on what the runtime has mapped (every platform), and
// the address-space limit where the system has one (limits_*.go).
func limitMemory(budget int64, path string) {
	debug.SetMemoryLimit(budget) // below the live heap it would only make the GC run without end
	hardMemoryLimit(budget, path)
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	go func() {
		for {
			metrics.Read(samples)
			used := int64(samples[0].Value.Uint64()) - int64(samples[1].Value.Uint64())
			if used > childPeak.Load() {
				childPeak.Store(used)
			}
			if used > budget+budget/4 {
				fmt.Fprintln(os.Stderr, "nguon child: out of memory")
				os.Exit(exitChildMemory)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}()
}

// inspect checks the file at path in mode: in a child of this program
// when ChildMain has run, else here. Its error is for a check that did not
// finish (crashed, out of time or memory: ErrDamagedPage) or could not
// start (ErrCheckFailed); what the check found is in the inspection.
func inspect(path, mode string, today model.Date, lock time.Duration) (*inspection, error) {
	if err := waitUnlocked(path, lock); err != nil {
		return nil, err
	}
	var size int64
	if st, err := os.Stat(path); err == nil {
		size = st.Size()
	}
	a := childArgs{Mode: mode, Path: path, Today: today, Lock: lock,
		Budget: childBudget(mode, size), Timeout: childTimeoutFor(mode, size)}
	exe := childExe.Load()
	if exe == nil {
		return inspectHere(a), nil
	}
	return runChild(*exe, a)
}

// childTimeoutFor is childTimeout; tests shorten it.
var childTimeoutFor = childTimeout

// childTimeout is generous for a sound file on a slow disk, and short for
// a small file, where only a damaged page makes a check take seconds.
func childTimeout(mode string, size int64) time.Duration {
	rate := int64(16 << 20) // bytes per second
	if mode != modeOpen {
		rate = 8 << 20
	}
	return 5*time.Second + time.Duration(size/rate)*time.Second
}

// childBudget is the memory the child may use: a full check holds every
// revision decoded, the open check little more than bbolt's page map.
func childBudget(mode string, size int64) int64 {
	if mode == modeOpen {
		return 192<<20 + size/2
	}
	return 192<<20 + 2*size
}

// testChildHook, when set by a test, is called with the child command
// just before it starts.
var testChildHook func(*exec.Cmd)

func runChild(exe string, a childArgs) (*inspection, error) {
	raw, err := json.Marshal(a)
	if err != nil {
		return nil, wrap(ErrCheckFailed, err)
	}
	cmd := exec.Command(exe)
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, childArgsEnv+"=") && !strings.HasPrefix(kv, "GOTRACEBACK=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, childArgsEnv+"="+string(raw), "GOTRACEBACK=none")
	out := &capped{max: 16 << 20}
	errOut := &capped{max: 64 << 10}
	cmd.Stdout, cmd.Stderr = out, errOut
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, wrap(ErrCheckFailed, err)
	}
	childProcAttr(cmd)
	if testChildHook != nil {
		testChildHook(cmd)
	}
	if err := cmd.Start(); err != nil {
		return nil, wrap(ErrCheckFailed, err)
	}
	untrack := track(func() { _ = cmd.Process.Kill() })
	defer untrack()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	timer := time.NewTimer(a.Timeout)
	defer timer.Stop()
	select {
	case err = <-done:
	case <-timer.C:
		_ = cmd.Process.Kill()
		<-done
		return nil, wrap(ErrDamagedPage, fmt.Errorf("the check of %s ran out of time (%v)", a.Path, a.Timeout))
	}
	stdin.Close()
	if err != nil {
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee) && ee.ExitCode() == exitChildMemory,
			bytes.Contains(errOut.Bytes(), []byte("out of memory")):
			return nil, wrap(ErrDamagedPage, fmt.Errorf("the check of %s ran out of memory", a.Path))
		case errors.As(err, &ee) && ee.ExitCode() == exitChildTimeout:
			return nil, wrap(ErrDamagedPage, fmt.Errorf("the check of %s ran out of time", a.Path))
		}
		return nil, wrap(ErrDamagedPage, fmt.Errorf("the check of %s crashed (%v): %s", a.Path, err, firstLine(errOut.Bytes())))
	}
	var in inspection
	if err := json.Unmarshal(out.Bytes(), &in); err != nil || in.Verdict == "" {
		return nil, wrap(ErrDamagedPage, fmt.Errorf("the check of %s gave no answer: %s", a.Path, firstLine(errOut.Bytes())))
	}
	lastChildPeak.Store(in.Peak)
	return &in, nil
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(b)), "\n")
	return s
}

// capped keeps the first max bytes written to it and drops the rest.
type capped struct {
	bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); room > 0 {
		c.Buffer.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

// Clean-up on interruption: the temporary files this process is writing
// and the children it runs, so that a signal (main's handler calls
// Interrupted) leaves nothing behind.
var (
	liveMu   sync.Mutex
	liveNext int
	live     = map[int]func(){}
)

// track registers a clean-up and returns the function that unregisters it.
func track(cleanup func()) (untrack func()) {
	liveMu.Lock()
	defer liveMu.Unlock()
	liveNext++
	n := liveNext
	live[n] = cleanup
	return func() {
		liveMu.Lock()
		defer liveMu.Unlock()
		delete(live, n)
	}
}

// Interrupted removes the temporary files this process is writing and
// stops its checking children. main calls it when a signal ends the program.
func Interrupted() {
	liveMu.Lock()
	fns := make([]func(), 0, len(live))
	for _, f := range live {
		fns = append(fns, f)
	}
	live = map[int]func(){}
	liveMu.Unlock()
	for _, f := range fns {
		f()
	}
}

// CheckFile runs the open check on a file that is not (yet) ours, such as
// one offered to an import or a merge, in a child process: nil for a sound
// nguon file, otherwise the one error that says what is wrong with it.
func CheckFile(path string) error {
	in, err := inspect(path, modeOpen, model.DateOf(time.Now()), time.Second)
	if err != nil {
		return err
	}
	if err := in.err(); err != nil {
		return err
	}
	if d := in.damage(); len(d) > 0 {
		return d[0]
	}
	return nil
}
