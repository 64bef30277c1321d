package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/model"
	"nguon/store"
)

// ":merge FILE [FILE…]" (alias ":gop"): copies of the data file brought
// from other laptops or communes are merged into this one (store/merge.go,
// docs/file-format.md §17). The store checks every copy before writing
// anything, so the TUI only runs it off the update loop, says what it is
// doing, and shows the result on a summary screen; a bad copy is one
// sentence in the status line and nothing changed. Like the backups
// screen, the summary is not a tab: it is added after the tabs, esc goes
// back.

func init() {
	for k, v := range mergeTexts {
		catalog[k] = v
	}
}

var mergeTexts = map[string]model.Text{
	"merge_usage": {VI: "Dùng :merge TỆP [TỆP…] (hoặc :gop): các tệp bản sao mang từ máy khác hoặc xã khác.",
		EN: "Use :merge FILE [FILE…]: the copies brought from other computers or communes."},
	"merge_wait":  {VI: "Đang gộp %d bản sao… (kiểm tra từng bản trước khi ghi)", EN: "Merging the copies (%d)… each is checked before anything is written."},
	"merge_busy":  {VI: "Đang gộp, hãy chờ xong.", EN: "A merge is running; wait for it to finish."},
	"merge_dirty": {VI: "Có biểu mẫu chưa lưu: hãy lưu hoặc hủy nó trước khi gộp.", EN: "A form is not saved: save or cancel it before merging."},
	"merge_title": {VI: "Kết quả gộp bản sao", EN: "Merge result"},
	"merge_copy":  {VI: "Bản sao %s", EN: "Copy %s"},
	"merge_counts": {VI: "thêm mới %d · cập nhật %d · không đổi %d · %d phiên bản mới",
		EN: "added %d · updated %d · unchanged %d · new revisions %d"},
	"merge_foreign": {VI: "của đảng bộ %s (đảng bộ khác): giữ cài đặt của tệp này; %d chi bộ được ghi tên đảng bộ.",
		EN: "of %s (another commune): this file's settings were kept; %d cells were given their commune."},
	"merge_apart": {VI: "bản sao của một tệp khác: cài đặt của nó được giữ riêng, cài đặt của tệp này không đổi.",
		EN: "a copy of another file: its settings were kept apart, and this file's stayed as they were."},
	"merge_backup":  {VI: "Đã sao lưu tệp dữ liệu trước khi gộp: %s", EN: "The data file was backed up before the merge: %s"},
	"merge_nothing": {VI: "Các bản sao không có gì mới; tệp dữ liệu không thay đổi.", EN: "The copies hold nothing new; the data file is unchanged."},
	"merge_conflicts": {VI: "Xung đột (sửa khác nhau ở hai máy): %d — bấm c hoặc gõ :xungdot để chọn bản đúng.",
		EN: "Conflicts (edited differently on two computers): %d — press c or type :conflicts to choose."},
	"merge_no_conflicts": {VI: "Không có xung đột.", EN: "No conflicts."},
	"merge_dups": {VI: "Có thể trùng người (một người hai mã): %d cặp — bấm d hoặc gõ :trunglap để xem lại.",
		EN: "Possible duplicates (one person under two IDs): %d pairs — press d or type :duplicates to review."},
	"merge_dup_line":    {VI: "“%s” (sinh %s) và “%s” (sinh %s)", EN: "“%s” (born %s) and “%s” (born %s)"},
	"merge_done":        {VI: "Đã gộp %d bản sao.", EN: "Copies merged: %d."},
	"merge_k_conflicts": {VI: "xem xung đột", EN: "review conflicts"},
	"merge_k_dups":      {VI: "xem trùng lặp", EN: "review duplicates"},
	"conflicts_after":   {VI: "%d xung đột sau khi gộp — gõ :xungdot để xem.", EN: "%d conflicts after merging — type :conflicts to review."},
}

type (
	// mergeDoneMsg carries a merge's result (or why it was refused).
	mergeDoneMsg struct {
		res   *store.MergeResult
		err   error
		count int // copies given
	}
	// conflictCountMsg says how many records are in conflict.
	conflictCountMsg struct{ n int }
)

// mergeState is the App's part of merging (App.merge).
type mergeState struct {
	running   bool
	conflicts int // records in conflict, as last counted off the update loop
}

// splitPaths splits the command's argument into file names; a name with
// spaces is written in double quotes.
func splitPaths(arg string) []string {
	var out []string
	for i, part := range strings.Split(arg, `"`) {
		if i%2 == 1 {
			if part = strings.TrimSpace(part); part != "" {
				out = append(out, part)
			}
			continue
		}
		out = append(out, strings.Fields(part)...)
	}
	return out
}

// runMerge starts ":merge". A form open with unsaved changes would save
// over what the merge brings, so the merge waits for it.
func (a *App) runMerge(arg string) tea.Cmd {
	paths := splitPaths(arg)
	switch {
	case len(paths) == 0:
		a.setStatus(a.env.t("merge_usage"), true)
		return nil
	case a.merge.running:
		a.setStatus(a.env.t("merge_busy"), true)
		return nil
	case a.anyDirty():
		a.setStatus(a.env.t("merge_dirty"), true)
		return nil
	}
	for i, p := range paths {
		paths[i] = importSource(p) // a bare name may be in the documents folder
	}
	st, now := a.env.store, a.env.now
	a.merge.running = true
	a.setStatus(a.env.tf("merge_wait", len(paths)), false)
	return func() tea.Msg {
		res, err := st.Merge(paths, now())
		return mergeDoneMsg{res: res, err: err, count: len(paths)}
	}
}

// conflictCount counts the records in conflict off the update loop.
func (a *App) conflictCount() tea.Cmd {
	st := a.env.store
	return func() tea.Msg {
		ids, err := st.Conflicts()
		if err != nil {
			return nil // the screens that list them say why
		}
		return conflictCountMsg{n: len(ids)}
	}
}

// updateMerge handles the merge's and the conflicts screen's messages
// whatever screen is showing; handled is false for every other message.
func (a *App) updateMerge(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	switch msg := msg.(type) {
	case mergeDoneMsg:
		return a.mergeDone(msg), true
	case conflictCountMsg:
		a.merge.conflicts = msg.n
		if msg.n > 0 && a.status == "" {
			a.setStatus(a.env.tf("conflicts_after", msg.n), false)
		}
		return nil, true
	case conflictsListedMsg, conflictVersionsMsg, conflictResolvedMsg:
		return a.conflictsScreen().update(msg), true
	}
	return nil, false
}

// mergeDone shows the summary, and reloads the screens when the merge wrote.
func (a *App) mergeDone(msg mergeDoneMsg) tea.Cmd {
	a.merge.running = false
	lang := a.env.lang
	if msg.res == nil {
		// A refused merge changed nothing: one sentence says why.
		a.setStatus(oneLine(model.Message(msg.err, lang)), true)
		return nil
	}
	a.merge.conflicts = len(msg.res.Conflicts)
	s := a.mergeScreen()
	s.res, s.top = msg.res, 0
	if a.active != s.idx {
		s.prev = a.active
	}
	a.active = s.idx
	switch {
	case msg.err != nil: // written, but the review lists could not be read
		a.setStatus(oneLine(model.Message(msg.err, lang)), true)
	case msg.res.Written:
		a.setStatus(a.env.tf("merge_done", msg.count), false)
	default:
		a.setStatus(a.env.t("merge_nothing"), false)
	}
	if !msg.res.Written {
		return nil
	}
	cmds := []tea.Cmd{a.load()}
	if c := a.findConflicts(); c != nil {
		cmds = append(cmds, c.refresh())
	}
	return tea.Batch(cmds...)
}

// hardWrapped breaks a line holding a path at the width, wherever that
// falls: a word wrap would break it at a "-" and hide where it goes on.
func hardWrapped(s string, w int) []string {
	return strings.Split(ansi.Hardwrap(s, w, true), "\n")
}

// oneLine keeps a message to one line of the status bar.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// mergeScreen is the summary of the last merge.
type mergeScreen struct {
	e    *env
	app  *App
	idx  int // its place among the app's screens
	prev int // the tab it was opened from
	w, h int
	res  *store.MergeResult
	top  int // the first line shown
}

func (a *App) mergeScreen() *mergeScreen {
	return extraScreen(a, func(s *mergeScreen) *int { return &s.idx },
		func(i int) *mergeScreen { return &mergeScreen{e: a.env, app: a, idx: i} })
}

func (s *mergeScreen) setSize(w, h int) { s.w, s.h = w, h }
func (s *mergeScreen) capturing() bool  { return false }
func (s *mergeScreen) dirty() bool      { return false }
func (s *mergeScreen) update(msg tea.Msg) tea.Cmd {
	if km, ok := msg.(tea.KeyPressMsg); ok {
		_, cmd := dispatch(s.actions(), km)
		return cmd
	}
	return nil
}

func (s *mergeScreen) back() bool {
	if s.app.active == s.idx {
		s.app.active = s.prev
	}
	return true
}

func (s *mergeScreen) actions() []action {
	k := s.e.keys
	open := bind([]string{"c"}, "c", catalog["merge_k_conflicts"], s.e.lang)
	dups := bind([]string{"d"}, "d", catalog["merge_k_dups"], s.e.lang)
	scroll := func(by int) func() tea.Cmd {
		return do(func() { s.top = max(0, min(s.top+by, len(s.lines())-s.h)) })
	}
	return []action{
		act(open, s.app.openConflicts).when(s.res != nil && len(s.res.Conflicts) > 0),
		act(dups, s.app.openDuplicates).when(s.res != nil && len(s.res.Duplicates) > 0), // duplicates_ui.go
		act(k.Back, do(func() { s.back() })),
		act(k.Down, scroll(1)).inHelpOnly(),
		act(k.Up, scroll(-1)).inHelpOnly(),
		act(k.PageDown, scroll(max(1, s.h-1))).inHelpOnly(),
		act(k.PageUp, scroll(-max(1, s.h-1))).inHelpOnly(),
	}
}

// lines is the summary, wrapped to the width: paths are read whole.
func (s *mergeScreen) lines() []string {
	e, st, w := s.e, s.e.st, max(20, s.w)
	if s.res == nil {
		return nil
	}
	r := s.res
	out := []string{st.Title.Render(e.t("merge_title")), ""}
	for _, f := range r.Files {
		out = append(out, hardWrapped(e.tf("merge_copy", model.Escape(f.Path)), w)...)
		out = append(out, wrapped(st.Label, e.tf("merge_counts", f.Added, f.Updated, f.Unchanged, f.New), w-2, "  ")...)
		if f.Foreign {
			out = append(out, wrapped(st.Label, e.tf("merge_foreign", model.Escape(f.Commune), f.Stamped), w-2, "  ")...)
		} else if f.SettingsApart {
			out = append(out, wrapped(st.Label, e.t("merge_apart"), w-2, "  ")...)
		}
	}
	out = append(out, "")
	if r.Backup != "" {
		out = append(out, hardWrapped(e.tf("merge_backup", model.Escape(r.Backup)), w)...)
	} else if !r.Written {
		out = append(out, wrapped(st.Muted, e.t("merge_nothing"), w, "")...)
	}
	if len(r.Conflicts) > 0 {
		out = append(out, wrapped(st.Warning, e.tf("merge_conflicts", len(r.Conflicts)), w, "")...)
		for _, c := range r.Conflicts {
			out = append(out, pad("  – "+kindLabel(e, c.Kind)+" "+model.Escape(conflictName(e, c)), w, false))
		}
	} else {
		out = append(out, e.t("merge_no_conflicts"))
	}
	if len(r.Duplicates) > 0 {
		out = append(out, wrapped(st.Warning, e.tf("merge_dups", len(r.Duplicates)), w, "")...)
		for _, d := range r.Duplicates {
			out = append(out, pad("  – "+e.tf("merge_dup_line", model.Escape(d.A.Name), d.A.DOB.String(),
				model.Escape(d.B.Name), d.B.DOB.String()), w, false))
		}
	}
	return out
}

func (s *mergeScreen) view() string {
	ls := s.lines()
	top := max(0, min(s.top, len(ls)-s.h))
	return strings.Join(ls[top:min(len(ls), top+max(1, s.h))], "\n")
}
