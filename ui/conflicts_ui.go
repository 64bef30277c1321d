package ui

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nguon/model"
	"nguon/store"
)

// The Xung đột (conflicts) screen, opened with ":conflicts" (":xungdot")
// or from a merge's summary: the records that more than one laptop edited
// apart (store.ConflictList), and for one of them a side-by-side view of
// the fields that differ. The clerk picks a side per field, or a whole
// version, and saves; the save names every version as its parent, so the
// conflict is resolved here and wherever the file is merged later. Like
// the backups screen it is not a tab: it is added after the tabs, esc goes
// back. The winner (the version every screen shows meanwhile) is always
// the left column; with more than two versions, tab shows the next other.

func init() {
	for k, v := range conflictTexts {
		catalog[k] = v
	}
}

var conflictTexts = map[string]model.Text{
	"cf_title":    {VI: "Xung đột", EN: "Conflicts"},
	"cf_note":     {VI: "Các bản ghi được sửa khác nhau ở hai máy. Chọn bản đúng cho từng ô rồi lưu.", EN: "Records edited differently on two computers. Choose the right value of each field, then save."},
	"cf_loading":  {VI: "Đang đọc các xung đột…", EN: "Reading the conflicts…"},
	"cf_empty":    {VI: "Không có xung đột nào.", EN: "There are no conflicts."},
	"cf_col_kind": {VI: "Loại", EN: "Kind"},
	"cf_col_name": {VI: "Tên", EN: "Name"},
	"cf_col_n":    {VI: "Số phiên bản", EN: "Versions"},
	"cf_rec":      {VI: "Xung đột: %s “%s” — %d phiên bản", EN: "Conflict: %s “%s” — %d versions"},
	"cf_device":   {VI: "Máy", EN: "Computer"},
	"cf_time":     {VI: "Lúc lưu", EN: "Saved"},
	"cf_shown":    {VI: "đang hiện", EN: "shown now"},
	"cf_nth":      {VI: "bản %d/%d", EN: "version %d/%d"},
	"cf_dead":     {VI: "ĐÃ XÓA", EN: "DELETED"},
	"cf_empty_v":  {VI: "(trống)", EN: "(empty)"},
	"cf_outside": {VI: "Phần không có ở đây (chỉ tiêu, học viên, danh sách xét, ngày các bước) cũng khác nhau: lấy theo bản %d.",
		EN: "Parts not listed here (targets, participants, agenda, step dates) differ too: they come from version %d."},
	"cf_same":      {VI: "Các ô đều giống nhau; bấm ctrl+s để lưu một bản.", EN: "Every field is the same; press ctrl+s to save one version."},
	"cf_deletion":  {VI: "Một máy đã xóa bản ghi này, máy kia đã sửa: ctrl+s giữ bản sửa, d giữ việc xóa.", EN: "One computer deleted this record, another edited it: ctrl+s keeps the edit, d keeps the deletion."},
	"cf_saved":     {VI: "Đã lưu “%s”; xung đột đã được giải quyết.", EN: "Saved “%s”; the conflict is resolved."},
	"cf_removed":   {VI: "Đã giữ việc xóa “%s”; xung đột đã được giải quyết.", EN: "Kept the deletion of “%s”; the conflict is resolved."},
	"cf_delete_q":  {VI: "Giữ việc xóa “%s”? Bản sửa vẫn còn trong lịch sử. (y/N)", EN: "Keep the deletion of “%s”? The edit stays in the history. (y/N)"},
	"cf_saving":    {VI: "Đang lưu…", EN: "Saving…"},
	"cf_kind_cell": {VI: "chi bộ", EN: "cell"}, "cf_kind_candidate": {VI: "quần chúng", EN: "candidate"},
	"cf_kind_class": {VI: "lớp", EN: "class"}, "cf_kind_meeting": {VI: "cuộc họp", EN: "meeting"},
	"cf_kind_settings": {VI: "cài đặt", EN: "settings"},
	"cf_k_left":        {VI: "lấy bản trái", EN: "take left"},
	"cf_k_right":       {VI: "lấy bản phải", EN: "take right"},
	"cf_k_all_left":    {VI: "cả bản trái", EN: "whole left"},
	"cf_k_all_right":   {VI: "cả bản phải", EN: "whole right"},
	"cf_k_other":       {VI: "bản khác", EN: "other version"},
	"cf_k_save":        {VI: "lưu lựa chọn", EN: "save choice"},
	"cf_k_keep_edit":   {VI: "giữ bản sửa", EN: "keep the edit"},
	"cf_k_keep_del":    {VI: "giữ việc xóa", EN: "keep the deletion"},
	"cf_k_open":        {VI: "xem", EN: "review"},
}

type (
	conflictsListedMsg struct {
		list []store.ConflictInfo
		err  error
	}
	conflictVersionsMsg struct {
		info store.ConflictInfo
		vers []store.VersionInfo
		r    resolver
		err  error
	}
	conflictResolvedMsg struct {
		name    string
		deleted bool
		err     error
	}
)

type conflictsScreen struct {
	e    *env
	app  *App
	idx  int // its place among the app's screens
	prev int // the tab it was opened from
	w, h int

	list   []store.ConflictInfo
	names  []string // what each is called, resolved when the list arrives
	loaded bool
	err    string
	cur    int
	top    int
	rec    *conflictView // one record side by side; nil on the list
	busy   bool          // a save or a delete is running
}

// conflictView is one record in conflict, side by side.
type conflictView struct {
	info  store.ConflictInfo
	name  string
	vers  []store.VersionInfo // the winner first
	r     resolver
	other int   // the version in the right column
	base  int   // the version the save starts from
	picks []int // per differing field, the version its value comes from
	cur   int
	top   int
}

type conflictKeys struct {
	Left, Right, AllLeft, AllRight, Other, Save, KeepEdit, KeepDel, Open key.Binding
}

func conflictKeyMap(lang model.Lang) conflictKeys {
	b := func(keys []string, h, label string) key.Binding { return bind(keys, h, catalog[label], lang) }
	return conflictKeys{
		Left:     b([]string{"left", "1"}, "←/1", "cf_k_left"),
		Right:    b([]string{"right", "2"}, "→/2", "cf_k_right"),
		AllLeft:  b([]string{"<"}, "<", "cf_k_all_left"),
		AllRight: b([]string{">"}, ">", "cf_k_all_right"),
		Other:    b([]string{"tab"}, "tab", "cf_k_other"),
		Save:     b([]string{"ctrl+s"}, "ctrl+s", "cf_k_save"),
		KeepEdit: b([]string{"ctrl+s"}, "ctrl+s", "cf_k_keep_edit"),
		KeepDel:  b([]string{"d"}, "d", "cf_k_keep_del"),
		Open:     b([]string{"enter"}, "enter", "cf_k_open"),
	}
}

// openConflicts shows the conflicts screen, adding it the first time.
func (a *App) openConflicts() tea.Cmd {
	s := a.conflictsScreen()
	if a.active != s.idx {
		s.prev = a.active
	}
	a.active = s.idx
	return s.refresh()
}

func conflictsAt(s *conflictsScreen) *int { return &s.idx }

// findConflicts is the screen when it was opened before, else nil.
func (a *App) findConflicts() *conflictsScreen {
	c, _ := findScreen(a, conflictsAt)
	return c
}

func (a *App) conflictsScreen() *conflictsScreen {
	return extraScreen(a, conflictsAt,
		func(i int) *conflictsScreen { return &conflictsScreen{e: a.env, app: a, idx: i} })
}

// refresh lists the conflicts off the update loop.
func (s *conflictsScreen) refresh() tea.Cmd {
	st := s.e.store
	return func() tea.Msg {
		list, err := st.ConflictList()
		return conflictsListedMsg{list: list, err: err}
	}
}

// openRecord reads the versions of the chosen record off the update loop.
func (s *conflictsScreen) openRecord() tea.Cmd {
	info, st := s.list[s.cur], s.e.store
	return func() tea.Msg {
		vers, err := st.ConflictVersions(info.ID)
		if err != nil {
			return conflictVersionsMsg{info: info, err: err}
		}
		r, err := newResolver(info.Kind, vers)
		return conflictVersionsMsg{info: info, vers: vers, r: r, err: err}
	}
}

func (s *conflictsScreen) setSize(w, h int) { s.w, s.h = w, h }
func (s *conflictsScreen) capturing() bool  { return false }
func (s *conflictsScreen) dirty() bool      { return false }

// back leaves the record for the list (nothing is saved), then the screen.
func (s *conflictsScreen) back() bool {
	if s.rec != nil {
		s.rec = nil
		return true
	}
	if s.app.active == s.idx {
		s.app.active = s.prev
	}
	return true
}

func (s *conflictsScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case conflictsListedMsg:
		s.loaded, s.list, s.err = true, msg.list, ""
		if msg.err != nil {
			s.err = model.Message(msg.err, s.e.lang)
		}
		s.names = s.names[:0]
		for _, c := range s.list {
			s.names = append(s.names, conflictName(s.e, c))
		}
		s.app.merge.conflicts = len(s.list)
		s.cur = min(s.cur, max(0, len(s.list)-1))
		return nil
	case conflictVersionsMsg:
		if msg.err != nil {
			return reportErr(msg.err, s.e.lang)
		}
		s.rec = newConflictView(s.e, msg)
		return nil
	case conflictResolvedMsg:
		return s.resolved(msg)
	case tea.KeyPressMsg:
		_, cmd := dispatch(s.actions(), msg)
		return cmd
	}
	return nil
}

func newConflictView(e *env, msg conflictVersionsMsg) *conflictView {
	v := &conflictView{info: msg.info, name: conflictName(e, msg.info), vers: msg.vers, r: msg.r, other: 1}
	v.picks = make([]int, msg.r.rows()) // every field from the winner until the clerk picks
	return v
}

// resolved ends a save or a delete: back to the list, read again, and
// the screens reload what the file now holds.
func (s *conflictsScreen) resolved(msg conflictResolvedMsg) tea.Cmd {
	s.busy = false
	if msg.err != nil {
		return reportErr(msg.err, s.e.lang)
	}
	s.rec = nil
	text := s.e.tf("cf_saved", model.Escape(msg.name))
	if msg.deleted {
		text = s.e.tf("cf_removed", model.Escape(msg.name))
	}
	return tea.Batch(s.refresh(), s.app.load(), reportInfo(text))
}

func (s *conflictsScreen) actions() []action {
	if s.rec != nil {
		return s.recordActions()
	}
	k, ck := s.e.keys, conflictKeyMap(s.e.lang)
	last := max(0, len(s.list)-1)
	move := func(to int) func() tea.Cmd { return do(func() { s.cur = min(last, max(0, to)) }) }
	return []action{
		act(ck.Open, s.openRecord).when(len(s.list) > 0),
		act(k.Back, do(func() { s.back() })),
		act(k.Down, move(s.cur+1)).inHelpOnly(),
		act(k.Up, move(s.cur-1)).inHelpOnly(),
		act(k.PageDown, move(s.cur+s.listRows())).inHelpOnly(),
		act(k.PageUp, move(s.cur-s.listRows())).inHelpOnly(),
		act(k.Top, move(0)).inHelpOnly(),
		act(k.Bottom, move(last)).inHelpOnly(),
	}
}

// recordActions are the keys of the side-by-side view.
func (s *conflictsScreen) recordActions() []action {
	k, ck, v := s.e.keys, conflictKeyMap(s.e.lang), s.rec
	rows, n := v.r.rows(), len(v.vers)
	dead := func(x store.VersionInfo) bool { return x.Data == nil }
	rightLive, anyDead := !v.r.dead(v.other), slices.ContainsFunc(v.vers, dead)
	// Against a deletion alone there is nothing to pick: only the edit is there.
	choice := n-countFunc(v.vers, dead) > 1
	write := !s.busy && !s.e.store.ReadOnly()
	pick := func(ver int) func() tea.Cmd { return do(func() { v.picks[v.cur] = ver }) }
	whole := func(ver int) func() tea.Cmd {
		return do(func() {
			v.base = ver
			for i := range v.picks {
				v.picks[i] = ver
			}
		})
	}
	move := func(by int) func() tea.Cmd { return do(func() { v.cur = min(max(0, rows-1), max(0, v.cur+by)) }) }
	save := ck.Save
	if anyDead {
		save = ck.KeepEdit
	}
	return []action{
		act(ck.Left, pick(0)).when(rows > 0 && choice),
		act(ck.Right, pick(v.other)).when(rows > 0 && rightLive),
		act(ck.AllLeft, whole(0)).when(choice),
		act(ck.AllRight, whole(v.other)).when(rightLive),
		act(ck.Other, do(func() { v.other = v.other%(n-1) + 1 })).when(n > 2),
		act(save, s.save).when(write),
		act(ck.KeepDel, s.askDelete).when(write && anyDead && v.r.canDelete()),
		act(k.Back, do(func() { s.back() })),
		act(k.Down, move(1)).inHelpOnly(),
		act(k.Up, move(-1)).inHelpOnly(),
	}
}

// save writes the picked values in one put, off the update loop.
func (s *conflictsScreen) save() tea.Cmd {
	v, st := s.rec, s.e.store
	s.busy = true
	r, base, picks, name := v.r, v.base, slices.Clone(v.picks), v.name
	return tea.Batch(reportInfo(s.e.t("cf_saving")), func() tea.Msg {
		return conflictResolvedMsg{name: name, err: r.save(st, base, picks)}
	})
}

// askDelete asks before keeping a deletion.
func (s *conflictsScreen) askDelete() tea.Cmd {
	v, st := s.rec, s.e.store
	r, id, name := v.r, v.info.ID, v.name
	return confirm(s.e.tf("cf_delete_q", model.Escape(name)), func() tea.Msg {
		return conflictResolvedMsg{name: name, deleted: true, err: r.remove(st, id)}
	})
}

func countFunc[T any](xs []T, f func(T) bool) int {
	n := 0
	for _, x := range xs {
		if f(x) {
			n++
		}
	}
	return n
}

// kindLabel is a record kind in the UI's language.
func kindLabel(e *env, kind string) string {
	if _, ok := catalog["cf_kind_"+kind]; ok {
		return e.t("cf_kind_" + kind)
	}
	return kind
}

// conflictName is what a record in conflict is called: its name, a
// meeting's cell and date, the settings' commune, else its ID.
func conflictName(e *env, c store.ConflictInfo) string {
	switch {
	case c.Name != "":
		return c.Name
	case c.Kind == "settings":
		return e.d.settings.Commune
	case c.Kind == "meeting":
		for _, m := range e.d.meetings {
			if m.ID == c.ID {
				return strings.TrimSpace(e.d.cellName(m.Cell) + " " + m.Date.String())
			}
		}
	}
	return c.ID.String()
}
