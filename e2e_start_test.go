//go:build !windows

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"nguon/store"
)

// Starting nguon as a clerk does: a double-click, or a file dropped on it.

// A first start with no data file, as a double-click on nguon.exe is: the
// welcome menu shows at 80×24; choosing the demo opens nguon-mau.db beside
// the default file, which stays empty.
func TestE2EWelcomeChoosesDemo(t *testing.T) {
	cfg, docs := t.TempDir(), t.TempDir()
	done := filepath.Join(t.TempDir(), "done")
	tm := newTmux(t, childEnv(t, "XDG_CONFIG_HOME="+cfg, "HOME="+cfg, "NGUON_DOCS="+docs), 80, 24,
		fmt.Sprintf("%s; echo EXIT=$? > %s; sleep 30", shellQuote(bin), shellQuote(done)))
	waitForScreen(t, tm, 10*time.Second, "Chào mừng", "▸ Bắt đầu với tệp trống", "Xem thử dữ liệu mẫu", "Mở bản sao từ USB")
	tm.press("j")
	waitForScreen(t, tm, 5*time.Second, "▸ Xem thử dữ liệu mẫu")
	tm.press("Enter")
	real := filepath.Join(cfg, "nguon", "nguon.db")
	demo := filepath.Join(cfg, "nguon", "nguon-mau.db")
	// The status names both files; the line may wrap anywhere, so compare without breaks.
	deadline := time.Now().Add(patience)
	for {
		s := squeeze(tm.screen())
		if strings.Contains(s, squeeze("Đảng bộ xã Trường Sơn")) && strings.Contains(s, squeeze("Đây là tệp dữ liệu mẫu "+demo)) &&
			strings.Contains(s, squeeze(real+" vẫn trống")) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the demo did not open; screen:\n%s", tm.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
	quitTUI(t, tm, done)

	st, err := store.Open(real, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	empty, err := st.IsEmpty()
	st.Close()
	if err != nil || !empty {
		t.Errorf("the default data file is not empty after the demo (%v)", err)
	}
	r := nguon(t, nil, "report", "--db", demo, "--what", "targets")
	if r.code != 0 || !strings.Contains(r.stdout, "thôn Đông Hòa") {
		t.Errorf("nguon-mau.db lacks the demo: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if entries, _ := os.ReadDir(docs); len(entries) != 0 {
		t.Errorf("the demo wrote into the documents folder: %v", entries)
	}
}

// The named file opens in the TUI, as --db would open it.
func TestE2EOpenNamedFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "dữ liệu mẫu.db")
	if err := os.Rename(demoFile(t), db); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"vi", "en"} {
		done := filepath.Join(t.TempDir(), "done")
		tm := newTmux(t, childEnv(t), 100, 30, fmt.Sprintf("%s --lang %s %s; echo EXIT=$? > %s; sleep 30",
			shellQuote(bin), lang, shellQuote(db), shellQuote(done)))
		file := map[string]string{"vi": "Tệp: ", "en": "File: "}[lang]
		waitForScreen(t, tm, 10*time.Second, "Đảng bộ xã Trường Sơn", file+db)
		quitTUI(t, tm, done)
	}
}
