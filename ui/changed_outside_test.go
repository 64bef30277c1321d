package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
	"nguon/store"
)

// A file changed in place after nguon closed it, its time put back, opens
// on its trust note; once the first frame is drawn the whole file is
// compared, and the screen says it was changed outside nguon and is open
// for viewing only, in the chosen language.
func TestChangedOutsideBanner(t *testing.T) {
	for _, lang := range []model.Lang{model.VI, model.EN} {
		t.Run(string(lang), func(t *testing.T) {
			t.Setenv("XDG_CONFIG_HOME", t.TempDir())
			path := filepath.Join(t.TempDir(), "test.db")
			opt := store.Options{DeviceID: "test-device", Now: func() time.Time { return testNow }}
			st, err := store.Open(path, opt)
			if err != nil {
				t.Fatal(err)
			}
			if err := st.Import(model.Demo(model.DateOf(testNow))); err != nil {
				t.Fatal(err)
			}
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Size() <= 128<<10 {
				t.Fatalf("the demo file has %d bytes: a change would be seen before the open", fi.Size())
			}
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			last := make([]byte, 1)
			f.ReadAt(last, fi.Size()-1)
			last[0] ^= 0xFF
			f.WriteAt(last, fi.Size()-1)
			f.Close()
			if err := os.Chtimes(path, fi.ModTime(), fi.ModTime()); err != nil {
				t.Fatal(err)
			}

			opt.AllowDamaged = true
			st, err = store.Open(path, opt)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			h := &harness{t: t, st: st}
			h.app = New(st, Options{Lang: lang, Now: func() time.Time { return testNow }})
			h.run(h.app.Init())
			h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
			want := map[model.Lang]string{model.VI: "thay đổi bên ngoài nguon", model.EN: "changed outside nguon"}[lang]
			if s := h.screen(); !strings.Contains(strings.Join(strings.Fields(s), " "), want) {
				t.Errorf("the screen does not say %q:\n%s", want, s)
			}
			if !st.ReadOnly() && len(st.Damage()) == 0 {
				t.Error("the store still takes saves")
			}
		})
	}
}
