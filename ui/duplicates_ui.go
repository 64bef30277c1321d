package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"nguon/model"
	"nguon/store"
)

// The duplicates screen (Trùng lặp), opened with ":duplicates": pairs of
// candidates that may be one person entered twice under two IDs, mostly
// brought in by merging another laptop's copy (store.PossibleDuplicates:
// the same CCCD, or the same name, date of birth and village). enter shows
// a pair side by side; n remembers that they are two people; m merges them
// after asking which record to keep and a y/N question. Nothing is ever
// merged without the clerk (docs/file-format.md §17, item 5). Like the
// backups screen it is not a tab: esc goes back.

type dupMode int

const (
	dupList   dupMode = iota
	dupPair           // one pair side by side
	dupChoose         // m pressed: which record to keep
)

// The screen's messages name it (recordMsg), so a store answer reaches it
// even when the clerk has gone to another tab meanwhile.
type (
	dupListedMsg struct {
		screen int
		pairs  []store.DuplicatePair
		err    error
	}
	// dupPairMsg carries both full records and their history lengths.
	dupPairMsg struct {
		screen int
		pair   store.DuplicatePair
		recs   [2]model.Candidate
		hist   [2]int
		err    error
	}
	// dupMergeMsg is the clerk's y to merging gone into keep.
	dupMergeMsg struct {
		screen     int
		keep, gone model.ID
		text       string
	}
	// dupDoneMsg says how a mark or a merge went.
	dupDoneMsg struct {
		screen int
		text   string
		err    error
	}
)

func (m dupListedMsg) owner() int { return m.screen }
func (m dupPairMsg) owner() int   { return m.screen }
func (m dupMergeMsg) owner() int  { return m.screen }
func (m dupDoneMsg) owner() int   { return m.screen }

type dupScreen struct {
	e    *env
	app  *App
	idx  int // its place among the app's screens
	prev int // the screen it was opened from
	w, h int

	pairs  []store.DuplicatePair
	loaded bool
	err    string
	cur    int // the pair chosen
	top    int // the first pair shown

	mode   dupMode
	pair   store.DuplicatePair // the pair open side by side
	recs   [2]model.Candidate  // left (pair.A) and right (pair.B)
	hist   [2]int              // how many revisions each has
	rows   []dupRow            // the fields side by side (build)
	sums   []dupRow            // stage and history (build)
	differ int                 // how many rows differ
	scroll int                 // the first field row shown
	busy   bool                // a mark or merge is being written
}

// dupKeys are the screen's own keys. Merging is m, not g: g is "top" in
// every list, and no binding may be a letter pair (Telex).
type dupKeys struct{ NotSame, Merge, KeepLeft, KeepRight key.Binding }

func dupKeyMap(lang model.Lang) dupKeys {
	return dupKeys{
		NotSame:   bind([]string{"n"}, "n", catalog["dup_k_not_same"], lang),
		Merge:     bind([]string{"m"}, "m", catalog["dup_k_merge"], lang),
		KeepLeft:  bind([]string{"left"}, "←", catalog["dup_k_keep_left"], lang),
		KeepRight: bind([]string{"right"}, "→", catalog["dup_k_keep_right"], lang),
	}
}

// openDuplicates shows the duplicates screen, adding it the first time,
// and looks for pairs again: a merge may have brought new ones.
func (a *App) openDuplicates() tea.Cmd {
	s := a.dupScreen()
	if a.active != s.idx {
		s.prev = a.active
	}
	a.active = s.idx
	s.mode = dupList
	return s.refresh()
}

func (a *App) dupScreen() *dupScreen {
	return extraScreen(a, func(s *dupScreen) *int { return &s.idx },
		func(i int) *dupScreen { return &dupScreen{e: a.env, app: a, idx: i} })
}

// refresh finds the pairs off the update loop.
func (s *dupScreen) refresh() tea.Cmd {
	st, idx := s.e.store, s.idx
	return func() tea.Msg {
		pairs, err := st.PossibleDuplicates()
		return dupListedMsg{screen: idx, pairs: pairs, err: err}
	}
}

func (s *dupScreen) setSize(w, h int) { s.w, s.h = w, h }
func (s *dupScreen) capturing() bool  { return false }
func (s *dupScreen) dirty() bool      { return false }

// back leaves the choice, then the pair, then the screen.
func (s *dupScreen) back() bool {
	switch s.mode {
	case dupChoose:
		s.mode = dupPair
	case dupPair:
		s.mode = dupList
	default:
		if s.app.active == s.idx {
			s.app.active = s.prev
		}
	}
	return true
}

func (s *dupScreen) actions() []action {
	k, dk := s.e.keys, dupKeyMap(s.e.lang)
	back := act(k.Back, do(func() { s.back() }))
	switch s.mode {
	case dupChoose:
		return []action{act(dk.KeepLeft, s.askMerge(0)), act(dk.KeepRight, s.askMerge(1)), back}
	case dupPair:
		ok := !s.busy && !s.e.store.ReadOnly()
		move := func(by int) func() tea.Cmd {
			return do(func() { s.scroll = min(max(0, len(s.rows)-1), max(0, s.scroll+by)) })
		}
		page := max(1, s.h-6)
		return []action{
			act(dk.NotSame, s.markNotSame).when(ok),
			act(dk.Merge, do(func() { s.mode = dupChoose })).when(ok),
			back,
			act(k.Down, move(1)).inHelpOnly(),
			act(k.Up, move(-1)).inHelpOnly(),
			act(k.PageDown, move(page)).inHelpOnly(),
			act(k.PageUp, move(-page)).inHelpOnly(),
		}
	}
	last := max(0, len(s.pairs)-1)
	move := func(to int) func() tea.Cmd { return do(func() { s.cur = min(last, max(0, to)) }) }
	return []action{
		act(k.Open, s.openPair).when(len(s.pairs) > 0 && !s.busy),
		back,
		act(k.Down, move(s.cur+1)).inHelpOnly(),
		act(k.Up, move(s.cur-1)).inHelpOnly(),
		act(k.PageDown, move(s.cur+s.listRows())).inHelpOnly(),
		act(k.PageUp, move(s.cur-s.listRows())).inHelpOnly(),
		act(k.Top, move(0)).inHelpOnly(),
		act(k.Bottom, move(last)).inHelpOnly(),
	}
}

// openPair reads both full records and their histories.
func (s *dupScreen) openPair() tea.Cmd {
	p, st, idx := s.pairs[s.cur], s.e.store, s.idx
	return func() tea.Msg {
		m := dupPairMsg{screen: idx, pair: p}
		for i, id := range []model.ID{p.A.ID, p.B.ID} {
			c, err := st.Candidate(id)
			if err != nil {
				m.err = err
				return m
			}
			revs, err := st.Revisions(id)
			if err != nil {
				m.err = err
				return m
			}
			m.recs[i], m.hist[i] = c, len(revs)
		}
		return m
	}
}

// markNotSame remembers the two as two people; the store keeps the mark
// in both records' revisions, so it survives edits and later merges.
func (s *dupScreen) markNotSame() tea.Cmd {
	a, b, st, idx := s.pair.A.ID, s.pair.B.ID, s.e.store, s.idx
	s.busy = true
	text := s.e.t("dup_marked")
	return func() tea.Msg {
		return dupDoneMsg{screen: idx, text: text, err: st.MarkNotDuplicate(a, b)}
	}
}

// askMerge asks, in one sentence that names both sides, before keeping
// the record on side keep (0 left, 1 right) and merging the other into it.
func (s *dupScreen) askMerge(keep int) func() tea.Cmd {
	return func() tea.Cmd {
		gone := 1 - keep
		sides := [2]string{s.e.t("dup_left"), s.e.t("dup_right")}
		q := s.e.tf("dup_merge_q", sides[keep], s.who(keep), sides[gone], s.who(gone), sides[gone])
		msg := dupMergeMsg{screen: s.idx, keep: s.recs[keep].ID, gone: s.recs[gone].ID,
			text: s.e.tf("dup_merged", sides[gone], sides[keep])}
		s.mode = dupPair // after n or esc the pair is still there to read
		return confirm(q, func() tea.Msg { return msg })
	}
}

// who names one side for the question: name, date of birth, cell.
func (s *dupScreen) who(side int) string {
	c := s.recs[side]
	parts := []string{model.Escape(c.FullName)}
	if c.DOB != 0 {
		parts = append(parts, c.DOB.String())
	}
	if n := s.e.d.cellName(c.CellID); n != "" {
		parts = append(parts, model.Escape(n))
	}
	return strings.Join(parts, ", ")
}

func (s *dupScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case dupListedMsg:
		s.loaded, s.pairs, s.err = true, msg.pairs, ""
		if msg.err != nil {
			s.err = model.Message(msg.err, s.e.lang)
		}
		s.cur = min(s.cur, max(0, len(s.pairs)-1))
	case dupPairMsg:
		if msg.err != nil {
			// Gone since the list was made (merged on another screen,
			// deleted): say so and look again.
			return tea.Batch(reportErr(msg.err, s.e.lang), s.refresh())
		}
		s.pair, s.recs, s.hist = msg.pair, msg.recs, msg.hist
		s.mode, s.scroll = dupPair, 0
		s.build()
	case dataChangedMsg:
		// A language switch or a reload changes labels and cell names.
		s.build()
	case dupMergeMsg:
		st, idx := s.e.store, s.idx
		s.busy = true
		return func() tea.Msg {
			return dupDoneMsg{screen: idx, text: msg.text, err: st.MergeDuplicate(msg.keep, msg.gone)}
		}
	case dupDoneMsg:
		s.busy = false
		if msg.err != nil {
			// ErrResolveFirst and the like are sentences for the clerk;
			// the pair stays open, and the list is read again.
			return tea.Batch(reportErr(msg.err, s.e.lang), s.refresh())
		}
		s.mode = dupList
		// Every screen shows the file as it is now: a merged record
		// leaves the lists and counts.
		return tea.Batch(reportInfo(msg.text), s.app.load(), s.refresh())
	case tea.KeyPressMsg:
		_, cmd := dispatch(s.actions(), msg)
		return cmd
	}
	return nil
}
