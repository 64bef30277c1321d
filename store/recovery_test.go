package store

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nguon/model"
)

// TestHelperSavePanics is not a test: TestSavePanicKeepsTheRecord runs the
// test binary again with NGUON_STORE_PANIC set, to save into a store whose
// commit panics, as bbolt does on a damaged freelist.
func TestHelperSavePanics(t *testing.T) {
	path := os.Getenv("NGUON_STORE_PANIC")
	if path == "" {
		t.Skip("runs only as a helper subprocess")
	}
	s, err := Open(path, Options{DeviceID: "helper"})
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(3)
	}
	testFault = func(point string) { panic("page 600 already freed") }
	cell := testCell("Chi bộ thôn Mới")
	err = s.PutCell(&cell)
	var ce *SaveCrashError
	if !errors.As(err, &ce) || !errors.Is(err, ErrSaveCrashed) || s.Failed() == nil {
		fmt.Println("save:", err)
		os.Exit(4)
	}
	// Nothing more happens: no write, no read, and Close does not wait for
	// the transaction that will never end.
	if err := s.PutCell(&cell); !errors.Is(err, ErrSaveCrashed) {
		fmt.Println("second save:", err)
		os.Exit(5)
	}
	if _, err := s.Cells(); !errors.Is(err, ErrSaveCrashed) {
		fmt.Println("read:", err)
		os.Exit(6)
	}
	if err := s.Close(); err != nil {
		fmt.Println("close:", err)
		os.Exit(7)
	}
	fmt.Println(model.Message(err, model.EN))
	fmt.Println(ce.Recovery)
	os.Exit(0)
}

func TestSavePanicKeepsTheRecord(t *testing.T) {
	isolate(t)
	path, _, _ := seeded(t)
	before := fileHash(t, path)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSavePanics$")
	// NGUON_STORE_HELPER: TestMain leaves the config folder to the parent.
	cmd.Env = append(os.Environ(), "NGUON_STORE_PANIC="+path, "NGUON_STORE_HELPER=panic")
	done := make(chan struct{})
	var out []byte
	var err error
	go func() { out, err = cmd.Output(); close(done) }()
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("the process hung after a save panicked")
	}
	if err != nil {
		t.Fatalf("helper: %v: %s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	recovery := lines[len(lines)-1]
	if !strings.HasPrefix(recovery, path+".recovery-") {
		t.Fatalf("helper said %q", out)
	}
	if fileHash(t, path) != before {
		t.Error("the file was written after the panic")
	}
	recs := Recoveries(path)
	if len(recs) != 1 || recs[0].Path != recovery || recs[0].Label(model.EN) != "cell “Chi bộ thôn Mới”" {
		t.Fatalf("Recoveries = %+v", recs)
	}
	s := openTestStore(t, path, Options{})
	must(t, s.ApplyRecovery(recs[0]))
	cells, _ := s.Cells()
	found := false
	for _, c := range cells {
		found = found || c.Name == "Chi bộ thôn Mới"
	}
	if !found {
		t.Error("the recovered cell was not saved")
	}
	if _, err := os.Stat(recovery); !errors.Is(err, os.ErrNotExist) {
		t.Error("the recovery file is still there")
	}
	if len(Recoveries(path)) != 0 {
		t.Error("Recoveries still lists it")
	}
}

// A recovery file whose records break the rules is refused as a whole and kept.
func TestRecoveryRefusedIsKept(t *testing.T) {
	s := newTestStore(t)
	bad := intent{Op: "put", Kind: "cell", ID: model.NewID(testEpoch), Data: []byte(`{"name":""}`)}
	p, err := writeRecovery(s.Path(), []intent{bad}, "test", testEpoch)
	must(t, err)
	recs := Recoveries(s.Path())
	if len(recs) != 1 {
		t.Fatalf("Recoveries = %+v", recs)
	}
	var invalid *model.InvalidError
	if err := s.ApplyRecovery(recs[0]); !errors.As(err, &invalid) {
		t.Errorf("ApplyRecovery of an invalid record = %v", err)
	}
	if _, err := os.Stat(p); err != nil {
		t.Error("a refused recovery file was removed")
	}
	if filepath.Dir(p) != filepath.Dir(s.Path()) {
		t.Errorf("recovery file %s is not next to the data file", p)
	}
}
