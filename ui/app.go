// Package ui is nguon's terminal interface: a root model with tabs for the
// dashboard, cells, candidate sources, classes and meetings, built on Bubble Tea v2.
package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

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
}

// App is the root Bubble Tea model.
type App struct {
	env     *env
	screens []screen
	active  int
	width   int
	height  int
	loaded  bool
	empty   bool // first run: offer the demo data
	err     error

	status    string
	statusErr bool
	undo      tea.Cmd

	prompt    string // y/N question awaiting an answer
	promptYes tea.Cmd

	cmdline   textinput.Model
	commandOn bool

	help     help.Model
	showHelp bool
	quitting bool
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
	a := &App{env: e, cmdline: ci, help: help.New()}
	a.screens = []screen{newDashboard(e), newCells(e), newSources(e), newClasses(e), newMeetings(e)}
	return a
}

// Run starts the TUI and blocks until the user quits.
func Run(st *store.Store, opt Options) error {
	p := tea.NewProgram(New(st, opt))
	_, err := p.Run()
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

// Init loads the data.
func (a *App) Init() tea.Cmd { return a.load() }

func (a *App) setStatus(s string, isErr bool) {
	a.status, a.statusErr = s, isErr
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
	return a.update(msg)
}

// update routes messages in a fixed order (docs/architecture.md §4): size, ctrl+c,
// prompts, capturing screens, global keys, app messages, then the active screen.
func (a *App) update(msg tea.Msg) (tea.Model, tea.Cmd) {
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
	case statsChangedMsg:
		return a, a.broadcast(msg)
	case tea.KeyPressMsg:
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
	if used, cmd := dispatch(a.globalActions(), msg); used {
		return cmd
	}
	return s.update(msg)
}

// globalActions are the keys that work on every screen that is not taking
// typed text; the welcome screen adds the demo offer.
func (a *App) globalActions() []action {
	k := a.env.keys
	s := a.screens[a.active]
	as := []action{
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
		act(k.Demo, a.loadDemo).when(a.welcoming()),
		act(k.Tabs[tabCells], func() tea.Cmd { return a.switchTab(tabCells) }).when(a.welcoming()),
		act(k.Undo, func() tea.Cmd { u := a.undo; a.undo = nil; return u }).when(a.undo != nil),
		act(k.NextTab, func() tea.Cmd { return a.switchTab((a.active + 1) % len(a.screens)) }).inHelpOnly(),
		act(k.PrevTab, func() tea.Cmd { return a.switchTab((a.active + len(a.screens) - 1) % len(a.screens)) }).inHelpOnly(),
	}
	for i, b := range k.Tabs {
		as = append(as, act(b, func() tea.Cmd { return a.switchTab(i) }).inHelpOnly())
	}
	return append(as, act(k.ForceQuit, a.quit).inHelpOnly())
}

// welcoming is true while an empty file's first screen offers the demo.
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

func (a *App) loadDemo() tea.Cmd {
	st, today := a.env.store, a.env.today()
	return func() tea.Msg { return demoLoadedMsg{err: st.Import(model.Demo(today))} }
}

func (a *App) updateCommand(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.String() {
	case "esc":
		a.commandOn = false
		a.cmdline.Blur()
		return nil
	case "enter":
		a.commandOn = false
		a.cmdline.Blur()
		return a.runCommand(a.cmdline.Value())
	}
	var cmd tea.Cmd
	a.cmdline, cmd = a.cmdline.Update(msg)
	return cmd
}

func (a *App) runCommand(line string) tea.Cmd {
	c, err := parseCommand(line)
	if err != nil {
		a.setStatus(a.env.tf("unknown_cmd", model.Escape(strings.TrimSpace(line))), true)
		return nil
	}
	switch c.name {
	case "":
		return nil
	case "quit":
		if a.anyDirty() {
			a.prompt, a.promptYes = a.env.t("quit_unsaved_q"), a.quit()
			return nil
		}
		return a.quit()
	case "tab":
		return a.switchTab(c.tab)
	case "settings":
		a.active = tabDashboard
		a.empty = false
		return a.screens[tabDashboard].update(openSettingsMsg{})
	case "lang":
		if c.arg != string(model.VI) && c.arg != string(model.EN) {
			a.setStatus(a.env.t("lang_usage"), true)
			return nil
		}
		a.setLang(model.Lang(c.arg))
		return a.broadcast(dataChangedMsg{})
	case "backup":
		if c.arg == "" {
			a.setStatus(a.env.t("backup_usage"), true)
			return nil
		}
		st, lang, out := a.env.store, a.env.lang, c.arg
		return func() tea.Msg {
			if err := st.Backup(out); err != nil {
				return statusMsg{text: model.Message(err, lang), isErr: true}
			}
			return statusMsg{text: trf(lang, "backup_done", out)}
		}
	}
	return nil
}

func (a *App) setLang(l model.Lang) {
	a.env.lang = l
	a.env.keys = DefaultKeyMap(l)
	for _, s := range a.screens {
		if r, ok := s.(interface{ relabel() }); ok {
			r.relabel()
		}
	}
}

// command is a parsed ":" command line.
type command struct {
	name string
	arg  string
	tab  int
}

var errUnknownCommand = errors.New("unknown command")

// parseCommand reads a ":" command: q, backup FILE, lang vi|en, settings, 1–5 or a screen name.
func parseCommand(line string) (command, error) {
	line = strings.TrimSpace(line)
	if line == "" {
		return command{}, nil
	}
	name, arg, _ := strings.Cut(line, " ")
	arg = strings.TrimSpace(arg)
	switch model.Fold(name) {
	case "q", "quit", "thoat":
		return command{name: "quit"}, nil
	case "settings", "caidat":
		return command{name: "settings"}, nil
	case "backup", "saoluu":
		return command{name: "backup", arg: arg}, nil
	case "lang", "ngonngu":
		return command{name: "lang", arg: strings.ToLower(arg)}, nil
	case "1", "tongquan", "dashboard", "overview":
		return command{name: "tab", tab: tabDashboard}, nil
	case "2", "chibo", "cells":
		return command{name: "tab", tab: tabCells}, nil
	case "3", "nguon", "sources", "candidates":
		return command{name: "tab", tab: tabSources}, nil
	case "4", "lop", "classes":
		return command{name: "tab", tab: tabClasses}, nil
	case "5", "hop", "meetings", "meeting":
		return command{name: "tab", tab: tabMeetings}, nil
	}
	return command{}, errUnknownCommand
}

func (a *App) chromeHeights() (top, bottom int) {
	return lipgloss.Height(a.tabsView()), lipgloss.Height(a.statusView()) + lipgloss.Height(a.footerView())
}

func (a *App) resize() {
	top, bottom := a.chromeHeights()
	h := a.height - top - bottom
	for _, s := range a.screens {
		s.setSize(a.width, h)
	}
	a.help.SetWidth(a.width)
}

func (a *App) tabsView() string {
	st := a.env.st
	var parts []string
	for i, b := range a.env.keys.Tabs {
		label := b.Help().Key + " " + b.Help().Desc
		if i == a.active {
			parts = append(parts, st.TabActive.Render(label))
		} else {
			parts = append(parts, st.TabInactive.Render(label))
		}
	}
	return strings.Join(parts, " ")
}

func (a *App) statusView() string {
	st := a.env.st
	switch {
	case a.prompt != "":
		return st.Warning.Render(a.prompt)
	case a.commandOn:
		return a.cmdline.View()
	case a.status != "":
		if a.statusErr {
			return st.Error.Render(pad(a.status, a.width, false))
		}
		return st.Status.Render(pad(a.status, a.width, false))
	}
	p := a.env.t("file") + ": " + a.env.store.Path()
	if a.env.store.ReadOnly() {
		p += " (" + a.env.t("readonly") + ")"
	}
	return st.Path.Render(pad(p, a.width, false))
}

// footerView is the key bar: the screen's keys, after the global ones
// when the screen is not taking typed text (a "?" typed into a form is text).
func (a *App) footerView() string {
	s := a.screens[a.active]
	var keys []key.Binding
	if !s.capturing() {
		keys = footerKeys(a.globalActions())
	}
	if !a.welcoming() {
		keys = append(keys, footerKeys(s.actions())...)
	}
	return wrapKeys(keys, a.width, a.env.st)
}

// helpView is ? help: every key that works where the user is, the
// screen's first, then the global ones.
func (a *App) helpView() string {
	as := a.screens[a.active].actions()
	if a.welcoming() {
		as = nil
	}
	a.help.ShowAll = true
	defer func() { a.help.ShowAll = false }()
	return a.help.FullHelpView(helpColumns(append(as, a.globalActions()...), 7))
}

// wrapKeys lays the key hints out on as many lines as the width needs (two
// at most), so no key a screen offers is cut off the bar.
func wrapKeys(keys []key.Binding, width int, st Styles) string {
	var lines []string
	line, lineW := "", 0
	for _, b := range keys {
		if !b.Enabled() {
			continue
		}
		h := b.Help()
		item := st.Title.Render(h.Key) + " " + st.KeyHint.Render(h.Desc)
		w := lipgloss.Width(h.Key) + 1 + lipgloss.Width(h.Desc)
		sep := 3
		if lineW == 0 {
			sep = 0
		}
		if lineW > 0 && lineW+sep+w > width {
			lines = append(lines, line)
			line, lineW, sep = "", 0, 0
		}
		if sep > 0 {
			line += st.KeyHint.Render(" • ")
		}
		line += item
		lineW += sep + w
	}
	if line != "" {
		lines = append(lines, line)
	}
	if len(lines) > 2 {
		lines = lines[:2]
		lines[1] += st.KeyHint.Render(" …")
	}
	// Always two lines, so the screens' height never changes with the mode.
	for len(lines) < 2 {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// View renders the whole screen; like Update, it turns a bug into a sentence.
func (a *App) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			v = tea.NewView(a.env.tf("internal_error", model.Escape(fmt.Sprint(r))))
			v.AltScreen = true
		}
	}()
	v = tea.NewView(a.render())
	v.AltScreen = true
	v.WindowTitle = "nguon"
	return v
}

func (a *App) render() string {
	if a.quitting {
		return ""
	}
	if a.width == 0 {
		return a.env.t("loading")
	}
	if a.width < minWidth || a.height < minHeight {
		return lipgloss.Place(a.width, a.height, lipgloss.Center, lipgloss.Center,
			a.env.st.Warning.Render(lipgloss.NewStyle().Width(max(10, a.width-2)).Render(
				a.env.tf("too_small", a.width, a.height, minWidth, minHeight))))
	}
	top, bottom := a.chromeHeights()
	bodyH := a.height - top - bottom
	var body string
	switch {
	case !a.loaded && a.err == nil:
		body = a.env.t("loading")
	case a.err != nil:
		body = a.env.st.Error.Render(model.Message(a.err, a.env.lang))
	case a.showHelp:
		body = a.helpView()
	case a.empty && a.active == tabDashboard:
		body = a.welcomeView()
	default:
		body = a.screens[a.active].view()
	}
	body = lipgloss.NewStyle().Height(bodyH).MaxHeight(bodyH).MaxWidth(a.width).Render(body)
	return strings.Join([]string{a.tabsView(), body, a.statusView(), a.footerView()}, "\n")
}

func (a *App) welcomeView() string {
	st := a.env.st
	w := min(a.width-4, 76)
	return st.Title.Render(a.env.t("welcome_title")) + "\n\n" +
		lipgloss.NewStyle().Width(w).Render(a.env.t("welcome_body"))
}
