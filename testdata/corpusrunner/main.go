//go:build linux

// Command corpusrunner puts files through the nguon program for the damage
// corpus test (damage_test.go, issue 9): for each file, check, report and
// backup side by side (they only read), then the TUI in a pseudo-terminal,
// asking for read-write as a clerk's start does. It prints one JSON line
// per file: exit codes, times, peak memory and what the TUI showed.
//
// It is a program of its own, built without the race detector, so that the
// peak memory it measures is nguon's: a child started by vfork carries its
// parent's peak into its own count, and a race-enabled test binary's peak
// is hundreds of megabytes.
package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unsafe"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/vt"
)

// corpusRun is what one command did (damage_test.go decodes the same JSON).
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

// squeeze drops all white space: a terminal wraps a sentence anywhere.
func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

func main() {
	var job corpusJob
	if err := json.NewDecoder(os.Stdin).Decode(&job); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	for _, f := range job.Files {
		runs := map[string]corpusRun{}
		var mu sync.Mutex
		var wg sync.WaitGroup
		for name, args := range map[string][]string{
			"check":  {"--lang", "en", "check", "--db", f.DB},
			"report": {"--lang", "en", "report", "--what", "targets", "--db", f.DB},
			"backup": {"--lang", "en", "backup", "--db", f.DB, "--out", f.Out},
		} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := runPiped(job.Bin, args)
				mu.Lock()
				runs[name] = r
				mu.Unlock()
			}()
		}
		wg.Wait()
		runs["open"] = runInPTY(job.Bin, []string{"--db", f.DB})
		b, _ := json.Marshal(runs)
		os.Stdout.Write(append(b, '\n'))
	}
}

// runPiped runs the program, killing it after 30 s.
func runPiped(bin string, args []string) corpusRun {
	cmd := exec.Command(bin, args...)
	var so, se bytes.Buffer
	cmd.Stdout, cmd.Stderr = &so, &se
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return corpusRun{Code: -2, Stderr: err.Error()}
	}
	hung := false
	timer := time.AfterFunc(30*time.Second, func() { hung = true; _ = cmd.Process.Kill() })
	err := cmd.Wait()
	timer.Stop()
	r := corpusRun{Stdout: so.String(), Stderr: se.String(), MS: time.Since(start).Milliseconds(),
		RSSKB: cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss}
	if ee, ok := err.(*exec.ExitError); ok {
		r.Code = ee.ExitCode()
	}
	if hung {
		r.Code = -3
	}
	return r
}

// runInPTY starts the TUI in a 100×30 pseudo-terminal read by a virtual
// terminal, waits for its first screen (or its end), and quits with q.
func runInPTY(bin string, args []string) corpusRun {
	master, slave, err := openPTY(100, 30)
	if err != nil {
		return corpusRun{Code: -2, Stderr: err.Error()}
	}
	defer master.Close()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	cmd.Stdin, cmd.Stdout, cmd.Stderr = slave, slave, slave
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		slave.Close()
		return corpusRun{Code: -2, Stderr: err.Error()}
	}
	slave.Close()
	emu := vt.NewSafeEmulator(100, 30)
	emu.WriteString("\x1b[20h")
	drained := make(chan struct{})
	go func() { _, _ = io.Copy(emu, master); close(drained) }() // ends when the program's side closes
	go func() { _, _ = io.Copy(master, emu) }()                 // the terminal's answers to the program's queries
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var r corpusRun
	screen := func() string { return ansi.Strip(emu.Render()) }
	deadline := time.After(15 * time.Second)
	quit := time.NewTicker(20 * time.Millisecond)
	defer quit.Stop()
	for shown, quitting := false, false; ; {
		select {
		case err := <-done:
			select { // the last bytes reach the emulator
			case <-drained:
			case <-time.After(2 * time.Second):
			}
			if !shown {
				r.Refused, r.MS, r.Screen = true, time.Since(start).Milliseconds(), screen()
			}
			if ee, ok := err.(*exec.ExitError); ok {
				r.Code = ee.ExitCode()
			}
			r.RSSKB = cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss
			return r
		case <-deadline:
			_ = cmd.Process.Kill()
			<-done
			r.Code, r.MS, r.Screen = -3, time.Since(start).Milliseconds(), screen()
			return r
		case <-quit.C:
			// The first screen is up once the key bar is; the data has
			// loaded once the status line names the file or says why not.
			s := screen()
			if !shown && strings.Contains(s, "? trợ giúp") {
				shown = true
				r.MS = time.Since(start).Milliseconds()
			}
			if shown && !quitting && (strings.Contains(s, "Tệp: ") || time.Since(start) > 3*time.Second) {
				quitting = true
				r.Screen = s
				r.Banner = strings.Contains(squeeze(s), squeeze("⚠ Tệp dữ liệu bị hỏng")) && strings.Contains(squeeze(s), squeeze("chỉ mở để xem"))
				_, _ = master.Write([]byte("q"))
			}
		}
	}
}

// openPTY opens a pseudo-terminal pair of the given size (Linux).
func openPTY(cols, rows uint16) (master, slave *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	ioctl := func(f *os.File, req uintptr, arg unsafe.Pointer) error {
		if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), req, uintptr(arg)); e != 0 {
			return e
		}
		return nil
	}
	var unlock int32
	var n uint32
	if err := ioctl(master, syscall.TIOCSPTLCK, unsafe.Pointer(&unlock)); err != nil {
		master.Close()
		return nil, nil, err
	}
	if err := ioctl(master, syscall.TIOCGPTN, unsafe.Pointer(&n)); err != nil {
		master.Close()
		return nil, nil, err
	}
	slave, err = os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		master.Close()
		return nil, nil, err
	}
	ws := struct{ rows, cols, x, y uint16 }{rows, cols, 0, 0}
	if err := ioctl(slave, syscall.TIOCSWINSZ, unsafe.Pointer(&ws)); err != nil {
		master.Close()
		slave.Close()
		return nil, nil, err
	}
	return master, slave, nil
}
