package ui

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
	"nguon/store"
)

var (
	benchFamily = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	benchMiddle = []string{"Văn", "Thị", "Đức", "Minh", "Hữu", "Ngọc", "Thanh", "Quang", "Thu", "Xuân"}
	// A second middle name, or none: about 48,000 distinct names among
	// 100,000 people, as a province's merged file has, so the keys of
	// every name cost what they would.
	benchMiddle2 = []string{"", "Hoài", "Bảo", "Gia", "Khánh", "Kim", "Quỳnh", "Phương", "Diệu", "Thảo", "Anh"}
	benchGiven   = []string{"An", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hà", "Hải", "Hằng", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Ngân", "Nhung", "Phong", "Phương", "Quân", "Sơn", "Tâm", "Thảo", "Thủy", "Thuỷ", "Trang", "Tuấn", "Việt", "Yến"}
)

// benchCandidates makes n plausible candidates spread over a few cells.
func benchCandidates(n int, cells []model.Cell) []model.Candidate {
	r := rand.New(rand.NewPCG(7, 7))
	out := make([]model.Candidate, n)
	stages := model.Stages
	for i := range out {
		st := model.Stage(stages[r.IntN(len(stages))].Code)
		dob := model.NewDate(1970+r.IntN(38), time.Month(1+r.IntN(12)), 1+r.IntN(28))
		out[i] = model.Candidate{
			ID: model.NewID(time.Unix(int64(1_700_000_000+i), 0)),
			FullName: strings.Join(slices.DeleteFunc([]string{benchFamily[r.IntN(len(benchFamily))], benchMiddle[r.IntN(len(benchMiddle))],
				benchMiddle2[r.IntN(len(benchMiddle2))], benchGiven[r.IntN(len(benchGiven))]}, func(s string) bool { return s == "" }), " "),
			Sex: model.Male, DOB: dob, Ethnicity: "1", Religion: "none",
			Source: model.SourceGroup(model.SourceGroups[r.IntN(len(model.SourceGroups))].Code),
			CellID: cells[r.IntN(len(cells))].ID, Stage: st,
			Steps: map[model.Stage]model.Step{st: {Date: model.NewDate(2025, time.Month(1+r.IntN(12)), 1+r.IntN(28))}},
		}
	}
	return out
}

// benchApp builds the app on an empty store and puts n candidates in memory,
// as if they had been loaded, so the benchmark measures the screen alone.
func benchApp(b testing.TB, n int) *App {
	b.Helper()
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	st, err := store.Open(filepath.Join(b.TempDir(), "b.db"), store.Options{DeviceID: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	demo := model.Demo(model.DateOf(testNow))
	d := &data{settings: demo.Settings, cells: demo.Cells, classes: demo.Classes}
	for _, c := range benchCandidates(n, demo.Cells) {
		d.rows = append(d.rows, c.Row())
	}
	d.index()
	a := New(st, Options{Now: func() time.Time { return testNow }})
	a.Update(loadedMsg{d: d})
	for _, s := range a.screens {
		s.update(dataChangedMsg{})
	}
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	return a
}

func benchKey(a *App, msg tea.KeyPressMsg) {
	_, cmd := a.Update(msg)
	if cmd != nil {
		if m := cmd(); m != nil {
			a.Update(m)
		}
	}
}

// BenchmarkFilter100k is one keystroke of the candidates screen's filter over
// 100,000 candidates, as the screen runs it, frame included. Each iteration
// types a letter or erases it, so every keystroke rescans all rows (the
// worst case; a growing query narrows the previous hits and is cheaper).
func BenchmarkFilter100k(b *testing.B) {
	a := benchApp(b, 100_000)
	benchKey(a, keyMsg("3"))
	benchKey(a, keyMsg("/"))
	for _, r := range "nguye" {
		benchKey(a, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	s := a.screens[tabSources].(*sourcesScreen)
	if len(s.tbl.view) == 0 {
		b.Fatal("the filter found nobody")
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%2 == 0 {
			benchKey(a, tea.KeyPressMsg{Code: 'n', Text: "n"})
		} else {
			benchKey(a, keyMsg("backspace"))
		}
		_ = a.View()
	}
}

// BenchmarkDashboard100k moves the dashboard's cursor one item and renders
// the frame: at 100,000 candidates tens of thousands of deadlines are
// overdue, and the dashboard is the screen every start shows.
func BenchmarkDashboard100k(b *testing.B) {
	a := benchApp(b, 100_000)
	dash := a.screens[tabDashboard].(*dashboardScreen)
	if len(dash.overdue)+len(dash.due) < 10_000 {
		b.Fatalf("%d deadlines: not the hard case", len(dash.overdue)+len(dash.due))
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		benchKey(a, keyMsg(map[bool]string{true: "down", false: "up"}[i%200 < 100]))
		_ = a.View()
	}
}

// BenchmarkCursor100k moves the cursor one row and renders the frame.
func BenchmarkCursor100k(b *testing.B) {
	a := benchApp(b, 100_000)
	benchKey(a, keyMsg("3"))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		benchKey(a, keyMsg(map[bool]string{true: "down", false: "up"}[i%200 < 100]))
		_ = a.View()
	}
}

// BenchmarkSort100k re-sorts the candidate table by the next column.
func BenchmarkSort100k(b *testing.B) {
	a := benchApp(b, 100_000)
	benchKey(a, keyMsg("3"))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		benchKey(a, keyMsg("s"))
	}
}

// benchFile returns a data file holding n candidates (on the demo's cells
// and classes), built once and kept in the temp folder between runs (a
// large one takes a while to write).
func benchFile(b *testing.B, n int) string {
	b.Helper()
	// v4: some 48,000 distinct names in 100,000.
	path := filepath.Join(os.TempDir(), fmt.Sprintf("nguon-ui-bench-%d-v4.db", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	tmp := path + ".building"
	os.Remove(tmp)
	st, err := store.Open(tmp, store.Options{DeviceID: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	demo := model.Demo(model.DateOf(testNow))
	if err := st.Import(model.Dataset{Settings: demo.Settings, Cells: demo.Cells, Classes: demo.Classes}); err != nil {
		b.Fatal(err)
	}
	all := benchCandidates(n, demo.Cells)
	for i := 0; i < len(all); i += 10_000 {
		if err := st.Import(model.Dataset{Candidates: all[i:min(i+10_000, len(all))]}); err != nil {
			b.Fatal(err)
		}
	}
	st.Close()
	if err := os.Rename(tmp, path); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkOpenToFirstFrame opens a file of 1,000, 10,000 and 100,000
// candidates, loads what the screens need and renders the first full
// frame (the dashboard, reported as ms-dashboard), then the candidate
// list's (ns/op), as `nguon` does at start; it reports the heap held
// afterwards as MB-heap. "trusted" is the everyday open of a file this
// program closed and nobody touched since; "checked" is the first open of
// a file copied in, which runs the full check in a child process first.
func BenchmarkOpenToFirstFrame(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		for _, mode := range []string{"trusted", "checked"} {
			b.Run(fmt.Sprintf("%dk/%s", n/1000, mode), func(b *testing.B) {
				benchOpen(b, benchFile(b, n), n, mode == "checked")
			})
		}
	}
}

func benchOpen(b *testing.B, path string, n int, fresh bool) {
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	if !fresh { // a first open checks the file and notes it sound
		st, err := store.Open(path, store.Options{DeviceID: "bench", ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
	var heap uint64
	var first time.Duration
	for b.Loop() {
		if fresh { // no note of the file: it must be checked
			b.StopTimer()
			b.Setenv("XDG_CONFIG_HOME", b.TempDir())
			b.StartTimer()
		}
		start := time.Now()
		st, err := store.Open(path, store.Options{DeviceID: "bench", ReadOnly: true})
		if err != nil {
			b.Fatal(err)
		}
		a := New(st, Options{Now: func() time.Time { return testNow }})
		a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
		// What Init starts, as the program runs it: the load's message is
		// handled, and the command it returns (the list waiting for the
		// name keys) is left to run in the background.
		runAll(a, a.conflictCount())
		a.Update(a.load()())
		// The first frame is the dashboard; the list is a key away.
		if v := a.View(); !strings.Contains(v.Content, fmt.Sprint(len(a.env.d.rows)/1000)) {
			b.Fatal("the dashboard's first frame shows no figures")
		}
		first += time.Since(start)
		a.Update(keyMsg("3"))
		if v := a.View(); len(v.Content) == 0 {
			b.Fatal("empty frame")
		}
		if len(a.env.d.rows) != n {
			b.Fatalf("loaded %d rows", len(a.env.d.rows))
		}
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		heap = ms.HeapAlloc
		runtime.KeepAlive(a)
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(heap)/1e6, "MB-heap")
	// ns/op runs to the list's frame; this is to the dashboard's, the
	// first a start shows.
	b.ReportMetric(float64(first.Milliseconds())/float64(b.N), "ms-dashboard")
}

// runAll runs a command and everything it leads to, as the runtime would.
func runAll(a *App, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch m := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range m {
			runAll(a, c)
		}
	default:
		_, next := a.Update(m)
		runAll(a, next)
	}
}

// BenchmarkSave100k is one candidate saved as the clerk feels it, on a file
// of 100,000: the store's write, then every screen's update (the list
// placing the row, the dashboard's and the cells' counts and deadlines).
func BenchmarkSave100k(b *testing.B) {
	src := benchFile(b, 100_000)
	path := filepath.Join(b.TempDir(), "save.db")
	data, err := os.ReadFile(src)
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		b.Fatal(err)
	}
	b.Setenv("XDG_CONFIG_HOME", b.TempDir())
	st, err := store.Open(path, store.Options{DeviceID: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	a := New(st, Options{Now: func() time.Time { return testNow }})
	a.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	runAll(a, a.Init())
	benchKey(a, keyMsg("3"))
	c, err := st.Candidate(a.env.d.rows[50_000].ID)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c.Notes = fmt.Sprint("lần sửa ", i)
		runAll(a, putCmd(st.PutCandidate, c))
	}
	b.StopTimer()
	if got, _ := st.Candidate(c.ID); got.Notes != c.Notes {
		b.Fatalf("the last save is not in the file: %q", got.Notes)
	}
}
