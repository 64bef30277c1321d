package store

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"nguon/model"
)

// TestHelperProcess is not a test: other tests run the test binary again
// with NGUON_STORE_HELPER set, to get a second process holding the file.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv("NGUON_STORE_HELPER")
	if mode == "" {
		t.Skip("runs only as a helper subprocess")
	}
	s, err := Open(os.Getenv("NGUON_STORE_PATH"), Options{DeviceID: "helper-process"})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	switch mode {
	case "hold":
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin) // hold the file until the parent closes stdin
	case "saveloop":
		cell := testCell("Chi bộ thôn Đông")
		if err := s.PutCell(&cell); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(4)
		}
		for i := 0; ; i++ {
			c := testCandidate(cell.ID, i)
			if err := s.PutCandidate(&c); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(5)
			}
			fmt.Println(c.ID) // only after the commit returned
		}
	}
	s.Close()
	os.Exit(0)
}

// helper starts the test binary as a helper process on path.
func helper(t *testing.T, mode, path string) (*exec.Cmd, *bufio.Scanner, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), "NGUON_STORE_HELPER="+mode, "NGUON_STORE_PATH="+path)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	must(t, err)
	stdout, err := cmd.StdoutPipe()
	must(t, err)
	must(t, cmd.Start())
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	return cmd, bufio.NewScanner(stdout), stdin
}

func TestSecondProcessGetsInUse(t *testing.T) {
	isolate(t)
	path := filepath.Join(t.TempDir(), "nguon.db")
	s := openTestStore(t, path, Options{})
	cell := testCell("Chi bộ thôn Đông")
	must(t, s.PutCell(&cell))
	must(t, s.Close())

	_, out, stdin := helper(t, "hold", path)
	if !out.Scan() || out.Text() != "ready" {
		t.Fatalf("helper did not start: %q %v", out.Text(), out.Err())
	}
	before := fileHash(t, path)
	backup := filepath.Join(t.TempDir(), "backup.db")
	attempts := []struct {
		name string
		try  func() error
	}{
		{"Open", func() error { _, err := Open(path, Options{DeviceID: "x"}); return err }},
		{"Open read-only", func() error { _, err := Open(path, Options{ReadOnly: true, DeviceID: "x"}); return err }},
		{"Backup", func() error { return Backup(path, backup) }},
		{"Check", func() error { _, err := Check(path); return err }},
	}
	for _, a := range attempts {
		start := time.Now()
		err := a.try()
		took := time.Since(start)
		if !errors.Is(err, ErrInUse) {
			t.Errorf("%s while another process holds the file = %v, want ErrInUse", a.name, err)
		}
		if took > 1500*time.Millisecond {
			t.Errorf("%s took %v to give up, want about a second", a.name, took)
		}
		if model.Message(err, model.VI) != "Tệp dữ liệu đang được mở ở một cửa sổ nguon khác." {
			t.Errorf("%s message = %q", a.name, model.Message(err, model.VI))
		}
	}
	if _, err := os.Stat(backup); !errors.Is(err, os.ErrNotExist) {
		t.Error("a refused backup left a file behind")
	}
	if fileHash(t, path) != before {
		t.Error("refused opens changed the file")
	}

	stdin.Close() // the helper closes the store and exits; the file is free again
	deadline := time.Now().Add(10 * time.Second)
	for {
		s, err := Open(path, Options{DeviceID: "x", Timeout: 200 * time.Millisecond})
		if err == nil {
			s.Close()
			break
		}
		if !errors.Is(err, ErrInUse) || time.Now().After(deadline) {
			t.Fatalf("file not free after the helper quit: %v", err)
		}
	}
}

func TestKillDuringSaves(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nguon.db")
	cmd, out, _ := helper(t, "saveloop", path)
	var ids []model.ID
	for len(ids) < 40 && out.Scan() {
		if id, err := model.ParseID(out.Text()); err == nil {
			ids = append(ids, id)
		}
	}
	if len(ids) < 40 {
		t.Fatalf("helper printed only %d IDs: %v", len(ids), out.Err())
	}
	must(t, cmd.Process.Kill()) // SIGKILL mid-stream: no deferred cleanup runs
	cmd.Wait()

	s := openTestStore(t, path, Options{})
	if errs := s.Check(); len(errs) != 0 {
		t.Fatalf("Check after kill -9: %v", errs)
	}
	for _, id := range ids {
		if _, err := s.Candidate(id); err != nil {
			t.Errorf("candidate %s acknowledged before the kill is gone: %v", id, err)
		}
	}
	rows, _ := s.CandidateRows()
	if len(rows) < len(ids) {
		t.Errorf("%d rows, want at least %d", len(rows), len(ids))
	}
}
