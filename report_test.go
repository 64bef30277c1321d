package main

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/model"
	"nguon/store"
	"nguon/ui"
)

func TestCLITUIEndToEnd(t *testing.T) {
	db := demoFile(t)
	done := filepath.Join(t.TempDir(), "done")
	env := childEnv(t)
	tm := newTmux(t, env, 100, 30, fmt.Sprintf("%s --db %s; echo EXIT=$? > %s; sleep 30",
		shellQuote(bin), shellQuote(db), shellQuote(done)))

	waitForScreen(t, tm, 10*time.Second, "Tổng quan", "Chi bộ", "Nguồn", "Lớp")
	// While the TUI holds the file, the command line must say so at once.
	r := nguon(t, nil, "check", "--db", db)
	if r.code != 1 || strings.TrimSpace(r.stderr) != model.Message(store.ErrInUse, model.VI) {
		t.Errorf("check while the TUI is open: exit %d, stderr %q", r.code, r.stderr)
	}

	before := tm.screen()
	tm.keys("?")
	// The full help lists keys the footer does not, such as ctrl+c and the
	// tab keys; on the dashboard [ is the year, listed once.
	help := waitForScreen(t, tm, 5*time.Second, "ctrl+c", "năm trước", "2 Chi bộ")
	if help == before {
		t.Error("? did not change the screen")
	}
	// q first closes the help, then quits.
	deadline := time.Now().Add(patience)
	for {
		tm.keys("q")
		time.Sleep(300 * time.Millisecond)
		if b, err := os.ReadFile(done); err == nil {
			if got := strings.TrimSpace(string(b)); got != "EXIT=0" {
				t.Errorf("the TUI ended with %s, want EXIT=0", got)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("q did not quit; screen:\n%s", tm.screen())
		}
	}
	if r := nguon(t, nil, "check", "--db", db); r.code != 0 {
		t.Errorf("check after the TUI quit: exit %d: %s", r.code, r.stderr)
	}
}

func TestCLIReport(t *testing.T) {
	db := demoFile(t)
	r := nguon(t, nil, "report", "--db", db, "--what", "due")
	if r.code != 0 || !strings.Contains(r.stdout, "Việc đến hạn và quá hạn") || !strings.Contains(r.stdout, "quá hạn") {
		t.Fatalf("report due: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = nguon(t, nil, "report", "--db", db, "--what", "targets", "--lang", "en", "--year", "2026")
	if r.code != 0 || !strings.Contains(r.stdout, "Whole committee") {
		t.Fatalf("report targets: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	out := filepath.Join(t.TempDir(), "sources.csv")
	r = nguon(t, nil, "report", "--db", db, "--what", "sources", "--format", "csv", "--out", out)
	b, err := os.ReadFile(out)
	if r.code != 0 || err != nil || !strings.HasPrefix(string(b), "\uFEFFNguồn,") {
		t.Fatalf("report csv: exit %d %v %q", r.code, err, b)
	}
	xlsx := filepath.Join(t.TempDir(), "classes.xlsx")
	if r = nguon(t, nil, "report", "--db", db, "--what", "classes", "--format", "xlsx", "--out", xlsx); r.code != 0 {
		t.Fatalf("report xlsx: %s", r.stderr)
	}
	if b, _ := os.ReadFile(xlsx); len(b) < 4 || string(b[:2]) != "PK" {
		t.Fatal("the xlsx report is not a zip workbook")
	}
	r = nguon(t, nil, "report", "--db", db, "--what", "classes", "--format", "xlsx")
	if r.code != 2 {
		t.Fatalf("xlsx without --out: exit %d", r.code)
	}
	oneLineErr(t, r, "xlsx without --out")
	r = nguon(t, nil, "report", "--db", db, "--what", "nope")
	if r.code != 2 {
		t.Fatalf("unknown report: exit %d", r.code)
	}
}

// tuiOn opens the TUI model on a file, loaded and sized, without a terminal.
func tuiOn(t *testing.T, db string, lang model.Lang) (*ui.App, func(tea.Msg) string) {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	app := ui.New(st, ui.Options{Lang: lang})
	var send func(tea.Msg) string
	send = func(msg tea.Msg) string {
		_, cmd := app.Update(msg)
		for cmd != nil {
			m := cmd()
			cmd = nil
			switch m := m.(type) {
			case tea.BatchMsg:
				for _, c := range m {
					if c != nil {
						send(c())
					}
				}
			case nil:
			default:
				_, cmd = app.Update(m)
			}
		}
		return ansi.Strip(app.View().Content)
	}
	// Init may batch several loads (the data, the conflicts' count): run each.
	switch m := app.Init()().(type) {
	case tea.BatchMsg:
		for _, c := range m {
			if c != nil {
				send(c())
			}
		}
	default:
		send(m)
	}
	send(tea.WindowSizeMsg{Width: 120, Height: 40})
	return app, send
}

// The dashboard, the cell list and the cells' detail views show the same
// figures as `nguon report --what targets`, cell by cell and in total:
// they come from the same counts.
func TestDashboardAgreesWithTargetsReport(t *testing.T) {
	db := demoFile(t)
	r := nguon(t, nil, "report", "--db", db, "--what", "targets", "--format", "csv")
	if r.code != 0 {
		t.Fatalf("report: %s", r.stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.stdout, "\uFEFF"))).ReadAll()
	if err != nil || len(rows) < 3 {
		t.Fatalf("report csv: %v %q", err, r.stdout)
	}
	body, total := rows[1:len(rows)-1], rows[len(rows)-1]
	_, send := tuiOn(t, db, model.VI)
	year := time.Now().Year()
	dash := send(nil)
	want := fmt.Sprintf("Kết nạp năm %d: %s / %s chỉ tiêu (%s)", year, total[2], total[1], total[3])
	if !strings.Contains(dash, want) || !strings.Contains(dash, "Quần chúng đang theo dõi: "+total[4]) {
		t.Fatalf("dashboard lacks %q and %s in the pipeline:\n%s", want, total[4], dash)
	}
	list := send(tea.KeyPressMsg{Code: '2', Text: "2"})
	details := 0
	for i, row := range body {
		name, target, admitted, rate, active := row[0], row[1], row[2], row[3], row[4]
		line := ""
		for _, l := range strings.Split(list, "\n") {
			if strings.HasPrefix(strings.TrimLeft(l, "› "), name) {
				line = l
			}
		}
		if f := strings.Fields(line); len(f) < 3 || f[len(f)-3] != target || f[len(f)-2] != admitted || f[len(f)-1] != active {
			t.Errorf("cell list for %s: %q, report says target %s admitted %s active %s", name, line, target, admitted, active)
		}
		if target == "0" {
			continue
		}
		// The detail view of the i-th cell (the list and the report share the order).
		send(tea.KeyPressMsg{Code: tea.KeyHome})
		for j := 0; j < i; j++ {
			send(tea.KeyPressMsg{Code: tea.KeyDown})
		}
		detail := send(tea.KeyPressMsg{Code: tea.KeyEnter})
		if want := fmt.Sprintf("%d: %s / %s chỉ tiêu (%s)", year, admitted, target, rate); !strings.Contains(detail, want) {
			t.Errorf("detail of %s lacks %q:\n%s", name, want, detail)
		}
		send(tea.KeyPressMsg{Code: tea.KeyEscape})
		details++
	}
	if details < 3 {
		t.Errorf("only %d cells with a target were compared", details)
	}
}
