package main

import (
	"bytes"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"nguon/model"
)

// signalReader tells when it is read from, then hands out what is fed to it.
type signalReader struct {
	reading chan struct{}
	once    sync.Once
	pr      *io.PipeReader
}

func (r *signalReader) Read(p []byte) (int, error) {
	r.once.Do(func() { close(r.reading) })
	return r.pr.Read(p)
}

// lockedBuffer is written by holdWindow's goroutine and read by the test.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// In a window of its own, a failed run prints the prompt in the chosen
// language and returns only once Enter (or the end of input) comes.
func TestHoldWindowWaitsForEnter(t *testing.T) {
	for _, tc := range []struct {
		lang   model.Lang
		prompt string
		input  string // "" closes the input instead
	}{
		{model.VI, "Nhấn Enter để đóng…", "\n"},
		{model.EN, "Press Enter to close…", "\r\n"},
		{model.VI, "Nhấn Enter để đóng…", ""},
	} {
		pr, pw := io.Pipe()
		in := &signalReader{reading: make(chan struct{}), pr: pr}
		var out lockedBuffer
		done := make(chan struct{})
		go func() {
			holdWindow(exitFail, func() bool { return true }, in, &out, tc.lang)
			close(done)
		}()
		select {
		case <-in.reading:
		case <-done:
			t.Fatalf("%s: returned without reading the input", tc.lang)
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: never read the input", tc.lang)
		}
		if got := out.String(); !strings.HasSuffix(got, tc.prompt) {
			t.Errorf("%s: printed %q, want the prompt %q", tc.lang, got, tc.prompt)
		}
		select {
		case <-done:
			t.Fatalf("%s: returned before Enter", tc.lang)
		default:
		}
		if tc.input == "" {
			pw.Close()
		} else {
			go pw.Write([]byte(tc.input))
		}
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: still waiting after %q", tc.lang, tc.input)
		}
		pw.Close()
	}
}

// Started from a terminal, or after a run that went well, nothing is
// printed and nothing is read.
func TestHoldWindowOnlyAfterAFailureInItsOwnWindow(t *testing.T) {
	for _, tc := range []struct {
		code int
		own  bool
	}{{exitOK, true}, {exitFail, false}, {exitUsage, false}, {exitOK, false}} {
		var out bytes.Buffer
		in := strings.NewReader("\n")
		holdWindow(tc.code, func() bool { return tc.own }, in, &out, model.VI)
		if out.Len() != 0 || in.Len() != 1 {
			t.Errorf("exit %d, own window %v: printed %q, read %d bytes", tc.code, tc.own, out.String(), 1-in.Len())
		}
	}
	// A usage error in a window of its own waits too.
	var out bytes.Buffer
	holdWindow(exitUsage, func() bool { return true }, strings.NewReader("\n"), &out, model.EN)
	if !strings.Contains(out.String(), "Press Enter to close…") {
		t.Errorf("usage error: printed %q", out.String())
	}
	// Off Windows nguon never owns its window.
	if runtime.GOOS != "windows" && ownConsole() {
		t.Error("ownConsole is true outside Windows")
	}
}
