// Package ui is nguon's terminal interface: a root model with tabs for the
// dashboard, cells, candidate sources, classes and meetings, built on Bubble Tea v2.
package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"nguon/model"
	"nguon/store"
)

// Minimum terminal size: the forms and tables are laid out for 80×24.
const (
	minWidth  = 80
	minHeight = 24
)

// Tabs, in the order of the 1…5 keys.
const (
	tabDashboard = iota
	tabCells
	tabSources
	tabClasses
	tabMeetings
)

// screen is the contract every tab satisfies.
// findScreen returns the screen of type S opened before, noting its place
// in a.screens through at (screens beyond the five tabs are added the
// first time they are opened), or the zero S.
func findScreen[S screen](a *App, at func(S) *int) (S, bool) {
	for i, sc := range a.screens {
		if s, ok := sc.(S); ok {
			*at(s) = i
			return s, true
		}
	}
	var zero S
	return zero, false
}

// extraScreen returns the screen of type S, adding the one make builds
// (given its place) the first time.
func extraScreen[S screen](a *App, at func(S) *int, make func(idx int) S) S {
	if s, ok := findScreen(a, at); ok {
		return s
	}
	s := make(len(a.screens))
	a.screens = append(a.screens, s)
	a.resize()
	return s
}

type screen interface {
	update(msg tea.Msg) tea.Cmd
	view() string
	setSize(w, h int)
	// actions are the keys that work on the screen now; its dispatch, the
	// footer and the ? help all read them.
	actions() []action
	// capturing is true while a text field or filter has the keyboard.
	capturing() bool
	// back leaves a sub-view (detail, form); false when already at the list.
	back() bool
	// dirty is true when a form holds unsaved changes.
	dirty() bool
}

// Options configure the TUI.
type Options struct {
	Lang model.Lang
	// Now is the clock (tests pin it); nil means time.Now.
	Now func() time.Time
	// DailyBackup makes the day's automatic backup on the first open of a
	// day (backups_ui.go); main sets it where the file opens for writing.
	DailyBackup bool
}

// App is the root Bubble Tea model.
type App struct {
	env     *env
	screens []screen
	active  int
	width   int
	height  int
	loaded  bool
	empty   bool // first run: the welcome menu (welcome.go)
	err     error

	status string
	// statusKeys counts the keys pressed since the status was set: a
	// message is read at once or not at all, so it goes after a few keys
	// (with the undo it offers) instead of staying many screens later.
	statusKeys int
	statusErr  bool
	undo       tea.Cmd

	prompt    string // y/N question awaiting an answer
	promptYes tea.Cmd

	cmdline   textinput.Model
	commandOn bool

	help     help.Model
	showHelp bool
	quitting bool

	recoveryAsked bool                 // the first load looked for recovery files (damaged.go)
	damage        []*store.DamageError // what the store knows is damaged, for the banner (damaged.go)

	daily     bool  // Options.DailyBackup, done by Init
	restoring bool  // a restore, or a welcome choice, is swapping the file (backups_ui.go, welcome.go)
	fatal     error // the file could not be opened again after a restore: Run returns it

	merge mergeState // a merge running, and how many records are in conflict (merge_ui.go)

	welcome welcomeState // the first screen's menu (welcome.go)
}

// New builds the root model on an open store.
func New(st *store.Store, opt Options) *App {
	if opt.Lang != model.EN {
		opt.Lang = model.VI
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	e := &env{lang: opt.Lang, keys: DefaultKeyMap(opt.Lang), st: DefaultStyles(), store: st, now: opt.Now, d: &data{}}
	e.d.index()
	ci := newInput()
	ci.Prompt = ":"
	a := &App{env: e, cmdline: ci, help: help.New(), daily: opt.DailyBackup}
	a.screens = []screen{newDashboard(e), newCells(e), newSources(e), newClasses(e), newMeetings(e)}
	if u := st.ImportUndone(); u != nil {
		// The open put the file back as it was before an import that
		// stopped half way: the clerk must know the import is not there.
		a.setStatus(u.Text().In(opt.Lang), true)
	}
	return a
}

// Run starts the TUI and blocks until the user quits.
func Run(st *store.Store, opt Options) error {
	p := tea.NewProgram(New(st, opt))
	m, err := p.Run()
	if app, ok := m.(*App); ok && app.env.store != st {
		// A restore (backups_ui.go) closed st and opened the file again:
		// the caller closes st, this closes what replaced it.
		st = app.env.store
		defer st.Close()
	}
	if app, ok := m.(*App); ok && app.fatal != nil {
		return app.fatal
	}
	if ferr := st.Failed(); ferr != nil {
		return ferr // a save failed inside the store: say so, and exit
	}
	if err != nil && strings.Contains(err.Error(), "console mode") {
		return errLegacyConsole
	}
	return err
}

type uiError struct{ msg model.Text }

func (e *uiError) Error() string    { return e.msg.VI }
func (e *uiError) Text() model.Text { return e.msg }

// errLegacyConsole explains the legacy Windows console failure in words a clerk can act on.
var errLegacyConsole = &uiError{model.Text{
	VI: "Cửa sổ dòng lệnh cũ của Windows không chạy được nguồn: hãy mở Windows Terminal (gõ “wt” trong menu Start) rồi chạy lại.",
	EN: "The legacy Windows console cannot run nguon: open Windows Terminal (type “wt” in the Start menu) and run it again.",
}}

func (a *App) load() tea.Cmd {
	st := a.env.store
	return func() tea.Msg {
		d, empty, err := loadData(st)
		return loadedMsg{d: d, empty: empty, err: err}
	}
}

// Init loads the data, and makes the day's backup when asked to.
func (a *App) Init() tea.Cmd {
	if a.daily && !a.env.store.ReadOnly() {
		return tea.Batch(a.load(), a.dailyBackup(), a.conflictCount())
	}
	return tea.Batch(a.load(), a.conflictCount())
}

// statusLife is how many keys a status message outlives.
const statusLife = 4

func (a *App) setStatus(s string, isErr bool) {
	a.status, a.statusErr, a.statusKeys = s, isErr, 0
	a.undo = nil
}

// Update handles one message. A bug in a screen must not print a stack trace
// over the clerk's screen or lose the session: it becomes one status line,
// and everything saved so far is already safe in the file.
func (a *App) Update(msg tea.Msg) (m tea.Model, cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			a.setStatus(a.env.tf("internal_error", model.Escape(fmt.Sprint(r))), true)
			m, cmd = a, nil
		}
	}()
	a.freshen()
	return a.update(msg)
}

// freshen brings the showing screen up to date when it put off a reload
// until the data's name keys were there (listScreen.needsKeys): whatever
// the clerk sees or types into is current.
func (a *App) freshen() {
	if l, ok := a.screens[a.active].(interface{ freshen() }); ok {
		l.freshen()
	}
}

// update routes messages in a fixed order (docs/architecture.md §4): size, ctrl+c,
// prompts, capturing screens, global keys, app messages, then the active screen.
func (a *App) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if cmd, handled := a.updateBackups(msg); handled {
		return a, cmd
	}
	if cmd, handled := a.updateDamage(msg); handled {
		return a, cmd
	}
	if cmd, handled := a.updateMerge(msg); handled {
		return a, cmd
	}
	if cmd, handled := a.updateWelcome(msg); handled {
		return a, cmd
	}
	k := a.env.keys
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.resize()
		return a, nil
	case loadedMsg:
		if msg.err != nil {
			a.err = msg.err
			a.setStatus(model.Message(msg.err, a.env.lang), true)
			return a, nil
		}
		a.env.d = msg.d
		a.loaded, a.empty = true, msg.empty
		return a, a.broadcast(dataChangedMsg{})
	case dataChangedMsg:
		return a, a.broadcast(msg)
	case statusMsg:
		a.setStatus(msg.text, msg.isErr)
		return a, nil
	case deletedMsg:
		a.setStatus(a.env.tf("deleted", msg.label), false)
		a.undo = msg.undo
		return a, nil
	case confirmMsg:
		a.prompt, a.promptYes = msg.prompt, msg.yes
		return a, nil
	case navigateMsg:
		a.active = msg.tab
		return a, a.screens[a.active].update(msg)
	case demoLoadedMsg:
		if msg.err != nil {
			a.setStatus(model.Message(msg.err, a.env.lang), true)
			return a, nil
		}
		a.setStatus(a.env.t("demo_loaded"), false)
		a.empty = false
		return a, a.load()
	case quitMsg:
		a.quitting = true
		return a, tea.Quit
	// Record results go to the screen that owns the record even when another
	// tab is showing (an undo pressed on the dashboard, say).
	// A first record ends the first-run offer of demo data.
	case recordMsg:
		a.empty = false
		return a, a.screens[msg.owner()].update(msg)
	case statsChangedMsg, keysReadyMsg:
		return a, a.broadcast(msg)
	case tea.KeyPressMsg:
		if a.status != "" {
			if a.statusKeys++; a.statusKeys > statusLife {
				a.setStatus("", false)
			}
		}
		return a, a.handleKey(msg, k)
	}
	return a, a.screens[a.active].update(msg)
}

func (a *App) broadcast(msg tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, s := range a.screens {
		cmds = append(cmds, s.update(msg))
	}
	return tea.Batch(cmds...)
}

func (a *App) anyDirty() bool {
	for _, s := range a.screens {
		if s.dirty() {
			return true
		}
	}
	return false
}

func (a *App) handleKey(msg tea.KeyPressMsg, k KeyMap) tea.Cmd {
	if key.Matches(msg, k.ForceQuit) {
		if a.anyDirty() && a.prompt == "" {
			a.prompt, a.promptYes = a.env.t("quit_unsaved_q"), a.quit()
			return nil
		}
		return a.quit()
	}
	if a.prompt != "" {
		yes := a.promptYes
		a.prompt, a.promptYes = "", nil
		if key.Matches(msg, k.Yes) {
			return yes
		}
		return nil
	}
	if a.commandOn {
		return a.updateCommand(msg)
	}
	if a.width < minWidth || a.height < minHeight {
		if key.Matches(msg, k.Quit) {
			return a.quit()
		}
		return nil
	}
	if a.welcomeTyping() {
		// The copy's path has the keyboard: a typed q or ? is part of it.
		if used, cmd := dispatch(a.welcomeActions(), msg); used {
			return cmd
		}
		var cmd tea.Cmd
		a.welcome.input, cmd = a.welcome.input.Update(msg)
		return cmd
	}
	s := a.screens[a.active]
	if s.capturing() {
		return s.update(msg)
	}
	if a.showHelp {
		if key.Matches(msg, k.Help, k.Back, k.Quit) {
			a.showHelp = false
		}
		return nil
	}
	// The welcome menu hides the dashboard: its keys are not the screen's.
	if a.welcoming() {
		_, cmd := dispatch(a.globalActions(), msg)
		return cmd
	}
	// A screen's own keys come first ([ and ] change the dashboard's year),
	// then the global ones.
	if matches(s.actions(), msg) {
		return s.update(msg)
	}
	if used, cmd := dispatch(a.globalActions(), msg); used {
		return cmd
	}
	return s.update(msg)
}

// globalActions are the keys that work on every screen that is not taking
// typed text; the welcome menu's keys lead them while it shows.
func (a *App) globalActions() []action {
	k := a.env.keys
	s := a.screens[a.active]
	var as []action
	if a.welcoming() {
		as = a.welcomeActions()
	}
	as = append(as, []action{
		act(k.Help, do(func() { a.showHelp = true })),
		act(k.Quit, func() tea.Cmd {
			if s.back() {
				return nil
			}
			return a.quit()
		}),
		act(k.Command, func() tea.Cmd {
			a.commandOn = true
			a.cmdline.SetValue("")
			return a.cmdline.Focus()
		}),
		act(k.Undo, func() tea.Cmd { u := a.undo; a.undo = nil; return u }).when(a.undo != nil),
		act(k.NextTab, func() tea.Cmd { return a.switchTab((a.active + 1) % len(a.screens)) }).inHelpOnly(),
		act(k.PrevTab, func() tea.Cmd { return a.switchTab((a.active + len(a.screens) - 1) % len(a.screens)) }).inHelpOnly(),
	}...)
	for i, b := range k.Tabs {
		as = append(as, act(b, func() tea.Cmd { return a.switchTab(i) }).inHelpOnly())
	}
	return append(as, act(k.ForceQuit, a.quit).inHelpOnly())
}

// welcoming is true while an empty file's first screen shows the welcome menu.
func (a *App) welcoming() bool { return a.empty && a.loaded && a.active == tabDashboard }

func (a *App) switchTab(i int) tea.Cmd {
	a.active = i
	return nil
}

// quitMsg asks the root to quit; quitting goes through a message so a
// confirmation prompt can hold the command without quitting yet.
type quitMsg struct{}

func (a *App) quit() tea.Cmd { return func() tea.Msg { return quitMsg{} } }

type demoLoadedMsg struct{ err error }

// loadDemo fills the open file with the demo: only when that file is the
// demo file itself (welcome.go).
func (a *App) loadDemo() tea.Cmd {
	st, today := a.env.store, a.env.today()
	return func() tea.Msg { return demoLoadedMsg{err: st.Import(model.Demo(today))} }
}
