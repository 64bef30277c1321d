package store

import (
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"nguon/model"

	berrors "go.etcd.io/bbolt/errors"
)

// TestMain points the user config folder at a temporary one, so no test
// (nor a helper subprocess, which inherits the environment) writes a device
// ID into the real one.
func TestMain(m *testing.M) {
	childFault(os.Getenv(childFaultEnv))
	// The test binary is also the checking child of the stores it opens
	// (child.go): started as one, it checks and exits here. Checks run in
	// this process unless a test asks for the child (isolate): the same
	// code either way, without a process start for every Open.
	ChildMain()
	selfExe = childExe.Swap(nil)
	if os.Getenv("NGUON_STORE_HELPER") == "" {
		dir, err := os.MkdirTemp("", "nguon-store-config-")
		if err != nil {
			panic(err)
		}
		for _, v := range []string{"XDG_CONFIG_HOME", "HOME", "AppData"} {
			os.Setenv(v, dir)
		}
		code := m.Run()
		os.RemoveAll(dir)
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// selfExe is the test binary, ready to serve as the checking child.
var selfExe *string

// isolate makes the checks of this test run in a child process, as they
// do in the program.
func isolate(t testing.TB) {
	t.Helper()
	if selfExe == nil {
		t.Skip("this test binary cannot run itself")
	}
	childExe.Store(selfExe)
	t.Cleanup(func() { childExe.Store(nil) })
}

// childFaultEnv, set by a test on the checking child only, makes that
// child fail as a damaged page can make it fail.
const childFaultEnv = "NGUON_STORE_CHILD_FAULT"

func childFault(fault string) {
	switch fault {
	case "":
		return
	case "crash":
		var p *int
		fmt.Println(*p) // SIGSEGV, as bbolt reading outside the file
	case "hang":
		select {}
	case "oom":
		var a childArgs
		if err := json.Unmarshal([]byte(os.Getenv(childArgsEnv)), &a); err != nil {
			panic(err)
		}
		limitMemory(a.Budget, a.Path)
		var hoard [][]byte
		for {
			hoard = append(hoard, make([]byte, 1<<20))
			hoard[len(hoard)-1][0] = 1
		}
	case "garbage":
		fmt.Println("{not json")
		os.Exit(0)
	}
	os.Exit(9)
}

// fakeClock is a wall clock tests control; every reading moves it 1 ms on.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *fakeClock { return &fakeClock{t: t} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(time.Millisecond)
	return c.t
}

var testEpoch = time.Date(2026, 3, 15, 9, 0, 0, 0, time.FixedZone("ICT", 7*3600))

// newTestStore opens a fresh file in a temporary folder. Its cleanup runs
// Check (every test leaves a sound file) and closes the store.
func newTestStore(t testing.TB) *Store {
	t.Helper()
	return openTestStore(t, filepath.Join(t.TempDir(), "nguon.db"), Options{})
}

// openTestStore opens path with test defaults (device "test-device", a fake
// clock) and registers the same check-and-close cleanup.
func openTestStore(t testing.TB, path string, opt Options) *Store {
	t.Helper()
	if opt.DeviceID == "" {
		opt.DeviceID = "test-device"
	}
	if opt.Now == nil {
		opt.Now = newClock(testEpoch).Now
	}
	s, err := Open(path, opt)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() {
		for _, err := range s.Check() {
			if errors.Is(err, berrors.ErrDatabaseNotOpen) {
				return // the test closed it itself
			}
			t.Errorf("Check after test: %v", err)
		}
		s.Close()
	})
	return s
}

func testCell(name string) model.Cell {
	return model.Cell{Name: name, Kind: "village", Secretary: "Lê Văn Bình", Village: "Thôn Đông",
		OfficialMembers: 24, ProbationaryMembers: 2,
		Targets: []model.Target{{Year: 2026, Total: 3, BySource: map[model.SourceGroup]int{model.SourceYouth: 2}}}}
}

// testCandidate makes a valid candidate; n varies the CCCD.
func testCandidate(cell model.ID, n int) model.Candidate {
	return model.Candidate{
		FullName: "Nguyễn Thị Hoà", Sex: model.Female, DOB: model.NewDate(2001, 5, 17),
		CCCD: fmt.Sprintf("038301%06d", n), Ethnicity: "1", Religion: "none",
		Village: "Thôn Đông", Address: "Xóm 3, thôn Đông", Occupation: "Giáo viên",
		YouthUnion: true, YouthUnionDate: model.NewDate(2016, 3, 26),
		Source: model.SourceYouth, CellID: cell, Stage: model.StageSympathizer,
		Steps: map[model.Stage]model.Step{
			model.StageSource:      {Date: model.NewDate(2025, 1, 10)},
			model.StageSympathizer: {Date: model.NewDate(2025, 3, 1), DocNo: "12-NQ/CB"},
		},
		History: []model.Event{{At: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC), By: "test",
			From: model.StageSource, To: model.StageSympathizer}},
	}
}

func testClass() model.Class {
	return model.Class{Name: "Lớp nhận thức về Đảng khóa 1/2026", TargetGroup: model.SourceYouth,
		Organiser: "Trung tâm chính trị", Start: model.NewDate(2026, 1, 5), End: model.NewDate(2026, 1, 9),
		Place: "Hội trường xã"}
}

func testMeeting(cell, cand model.ID) model.Meeting {
	return model.Meeting{Cell: cell, Date: model.NewDate(2026, 2, 10), Kind: model.MeetingReview,
		Members: 24, Present: 20, Chair: "Lê Văn Bình",
		Items: []model.AgendaItem{{Candidate: cand, Decision: model.DecisionApprove, For: 19, Against: 1}}}
}

func fileHash(t testing.TB, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func sha256Of(b []byte) [32]byte { return sha256.Sum256(b) }
