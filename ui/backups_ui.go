package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nguon/model"
	"nguon/store"
)

// The backups screen, opened with ":backups": the automatic backups next
// to the data file (store/backups.go), newest first; enter restores one
// after a y/N question, b makes one now. Like the report screen it is not
// a tab: ":backups" adds it after the tabs, esc goes back.
//
// A restore needs the data file closed: the store is closed, the backup
// put in place (the current file kept as another backup), and the file
// opened again; the screens then load the restored data. No key but
// ctrl+c is taken meanwhile, as the screens have no open store.

type (
	// backupsListedMsg carries the folder's backups to the screen.
	backupsListedMsg struct {
		list []store.BackupInfo
		err  error
	}
	// restoreStartMsg starts a restore the clerk agreed to.
	restoreStartMsg struct{ from store.BackupInfo }
	// restoredMsg says how a restore went, with the file opened again.
	restoredMsg struct {
		from     store.BackupInfo
		kept     string
		err      error        // the restore's: the file is as it was
		st       *store.Store // the file opened again
		reopened error        // the file could not be opened again
	}
)

type backupsScreen struct {
	e    *env
	app  *App
	idx  int // its place among the app's screens
	prev int // the tab it was opened from
	w, h int

	list   []store.BackupInfo
	loaded bool
	err    string
	cur    int // the row chosen
	top    int // the first row shown
}

// backupsKeys are the screen's own keys.
type backupsKeys struct{ Restore, BackupNow key.Binding }

func backupsKeyMap(lang model.Lang) backupsKeys {
	return backupsKeys{
		Restore:   bind([]string{"enter"}, "enter", catalog["bk_k_restore"], lang),
		BackupNow: bind([]string{"b"}, "b", catalog["bk_k_now"], lang),
	}
}

// openBackups shows the backups screen, adding it the first time.
func (a *App) openBackups() tea.Cmd {
	s := a.backupsScreen()
	if a.active != s.idx {
		s.prev = a.active
	}
	a.active = s.idx
	return s.refresh()
}

func (a *App) backupsScreen() *backupsScreen {
	return extraScreen(a, func(s *backupsScreen) *int { return &s.idx },
		func(i int) *backupsScreen { return &backupsScreen{e: a.env, app: a, idx: i} })
}

// refresh reads the folder off the update loop.
func (s *backupsScreen) refresh() tea.Cmd {
	path := s.e.store.Path()
	return func() tea.Msg {
		list, err := store.ListBackups(path)
		return backupsListedMsg{list: list, err: err}
	}
}

func (s *backupsScreen) setSize(w, h int) { s.w, s.h = w, h }
func (s *backupsScreen) capturing() bool  { return false }
func (s *backupsScreen) dirty() bool      { return false }

func (s *backupsScreen) back() bool {
	if s.app.active == s.idx {
		s.app.active = s.prev
	}
	return true
}

func (s *backupsScreen) actions() []action {
	k, bk := s.e.keys, backupsKeyMap(s.e.lang)
	busy := s.app.restoring
	last := max(0, len(s.list)-1)
	move := func(to int) func() tea.Cmd { return do(func() { s.cur = min(last, max(0, to)) }) }
	return []action{
		act(bk.Restore, s.askRestore).when(len(s.list) > 0 && !busy),
		act(bk.BackupNow, s.backupNow).when(!busy && !s.e.store.ReadOnly()),
		act(k.Back, do(func() { s.back() })),
		act(k.Down, move(s.cur+1)).inHelpOnly(),
		act(k.Up, move(s.cur-1)).inHelpOnly(),
		act(k.PageDown, move(s.cur+s.rows())).inHelpOnly(),
		act(k.PageUp, move(s.cur-s.rows())).inHelpOnly(),
		act(k.Top, move(0)).inHelpOnly(),
		act(k.Bottom, move(last)).inHelpOnly(),
	}
}

// writable: a file opened --read-only is not written, nor replaced; a
// damaged one (read-only too) is exactly the one to restore over.
func (s *backupsScreen) writable() bool {
	st := s.e.store
	return !st.ReadOnly() || len(st.Damage()) > 0
}

// askRestore asks before restoring the chosen backup.
func (s *backupsScreen) askRestore() tea.Cmd {
	e, a := s.e, s.app
	switch {
	case !s.writable():
		a.setStatus(e.t("bk_restore_ro"), true)
		return nil
	case a.anyDirty():
		a.setStatus(e.t("bk_restore_dirty"), true)
		return nil
	}
	b := s.list[s.cur]
	a.prompt = e.tf("bk_restore_q", model.Escape(filepath.Base(b.Path)), b.Time.Format("02/01/2006 15:04"), s.reason(b.Reason))
	a.promptYes = func() tea.Msg { return restoreStartMsg{from: b} }
	return nil
}

// backupNow makes a manual backup into the folder, which rotation keeps,
// and lists the folder again.
func (s *backupsScreen) backupNow() tea.Cmd {
	st, lang, now := s.e.store, s.e.lang, s.e.now
	return func() tea.Msg {
		status := statusMsg{}
		if out, err := st.AutoBackup(store.ReasonManual, now()); err != nil {
			status = statusMsg{text: model.Message(err, lang), isErr: true}
		} else {
			status.text = trf(lang, "backup_done", model.Escape(out))
		}
		list, err := store.ListBackups(st.Path())
		return tea.BatchMsg{
			func() tea.Msg { return status },
			func() tea.Msg { return backupsListedMsg{list: list, err: err} },
		}
	}
}

// restore closes the store, restores, and opens the file again; whatever
// happens to the restore, the file must be opened again.
func (a *App) restore(b store.BackupInfo) tea.Cmd {
	old, now := a.env.store, a.env.now
	path := old.Path()
	return func() tea.Msg {
		_ = old.Close() // its errors are the reopen's to find
		kept, err := store.RestoreBackup(path, b.Path, now())
		st, oerr := store.Open(path, store.Options{AllowDamaged: true, DeviceID: old.Device(), Now: now})
		return restoredMsg{from: b, kept: kept, err: err, st: st, reopened: oerr}
	}
}

// updateBackups handles the restore's messages, and holds the keys while
// no store is open; handled is false for every other message.
func (a *App) updateBackups(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if a.restoring && !key.Matches(msg, a.env.keys.ForceQuit) {
			return nil, true
		}
	case restoreStartMsg:
		a.restoring = true
		a.setStatus(a.env.t("bk_restoring"), false)
		return a.restore(msg.from), true
	case restoredMsg:
		a.restoring = false
		if msg.reopened != nil {
			// Nothing can go on without the file: say why, at the exit.
			a.fatal = msg.reopened
			a.quitting = true
			return tea.Quit, true
		}
		a.env.store = msg.st
		s := a.backupsScreen()
		if msg.err != nil {
			a.setStatus(model.Message(msg.err, a.env.lang), true)
			return tea.Batch(a.load(), s.refresh()), true
		}
		text := a.env.tf("bk_restored_only", model.Escape(filepath.Base(msg.from.Path)))
		if msg.kept != "" {
			text = a.env.tf("bk_restored", model.Escape(filepath.Base(msg.from.Path)), model.Escape(msg.kept))
		}
		a.setStatus(text, false)
		a.active = tabDashboard // the restored data, at a glance
		return tea.Batch(a.load(), s.refresh()), true
	}
	return nil, false
}

// dailyBackup makes the day's backup off the update loop; only a failure
// is said, and it never stops the clerk's work.
func (a *App) dailyBackup() tea.Cmd {
	st, lang, now := a.env.store, a.env.lang, a.env.now
	return func() tea.Msg {
		if _, err := st.DailyBackup(now()); err != nil {
			return statusMsg{text: trf(lang, "bk_daily_failed", model.Message(err, lang)), isErr: true}
		}
		return nil
	}
}

func (s *backupsScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case backupsListedMsg:
		s.loaded, s.list, s.err = true, msg.list, ""
		if msg.err != nil {
			s.err = model.Message(msg.err, s.e.lang)
		}
		s.cur = min(s.cur, max(0, len(s.list)-1))
		return nil
	case tea.KeyPressMsg:
		_, cmd := dispatch(s.actions(), msg)
		return cmd
	}
	return nil
}

// reason is a backup's reason in the screen's language.
func (s *backupsScreen) reason(r string) string { return s.e.t("bk_r_" + r) }

// rows is how many backups fit under the heading and the column heads,
// above the line naming the chosen file.
func (s *backupsScreen) rows() int { return max(1, s.h-len(s.heading())-2) }

// heading is the title, the folder and what is kept, wrapped to the width.
func (s *backupsScreen) heading() []string {
	e, st := s.e, s.e.st
	out := []string{
		st.Title.Render(e.t("bk_title")),
		st.Muted.Render(pad(e.tf("bk_folder", model.Escape(store.BackupDir(e.store.Path()))), max(20, s.w), false)),
	}
	out = append(out, wrapped(st.Muted, e.tf("bk_note", store.KeepBackups), max(20, s.w), "")...)
	return append(out, "")
}

// Column widths: "28/11/2026 23:40", the longest reason, "1023,9 MB".
const bkTimeW, bkReasonW, bkSizeW = 16, 22, 10

func (s *backupsScreen) view() string {
	e, st := s.e, s.e.st
	out := s.heading()
	switch {
	case s.err != "":
		return strings.Join(append(out, st.Error.Render(s.err)), "\n")
	case !s.loaded:
		return strings.Join(append(out, st.Muted.Render(e.t("bk_loading"))), "\n")
	case len(s.list) == 0:
		return strings.Join(append(out, e.t("bk_empty")), "\n")
	}
	out = append(out, st.Header.Render("  "+pad(e.t("bk_col_time"), bkTimeW, false)+"   "+
		pad(e.t("bk_col_reason"), bkReasonW, false)+"   "+pad(e.t("bk_col_size"), bkSizeW, true)))
	n := s.rows()
	s.top = min(max(s.top, s.cur-n+1), s.cur)
	for i := s.top; i < min(len(s.list), s.top+n); i++ {
		b := s.list[i]
		line := "  " + pad(b.Time.Format("02/01/2006 15:04"), bkTimeW, false) + "   " +
			pad(s.reason(b.Reason), bkReasonW, false) + "   " + pad(sizeText(b.Size, e.lang), bkSizeW, true)
		if i == s.cur {
			line = st.Selected.Render("▸" + line[1:])
		}
		out = append(out, line)
	}
	out = append(out, st.Muted.Render(pad(model.Escape(filepath.Base(s.list[s.cur].Path)), max(20, s.w), false)))
	return strings.Join(out, "\n")
}

// sizeText writes a file size as clerks read it: "1,2 MB" in Vietnamese.
func sizeText(n int64, lang model.Lang) string {
	var s string
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		s = fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	default:
		s = fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	if lang == model.VI {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
