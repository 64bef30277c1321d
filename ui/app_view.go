package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/model"
)

// The root's rendering: tabs, body, status line and key bar.

func (a *App) chromeHeights() (top, bottom int) {
	return lipgloss.Height(a.withBanner(a.tabsView())), lipgloss.Height(a.statusView()) + lipgloss.Height(a.footerView())
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
			parts = append(parts, st.TabActive.Render("["+label+"]"))
		} else {
			parts = append(parts, st.TabInactive.Render(" "+label+" "))
		}
	}
	return strings.Join(parts, " ")
}

func (a *App) statusView() string {
	st := a.env.st
	switch {
	// A question or a message is a sentence to read whole: it wraps onto
	// more lines (the body gives them up) rather than losing its end.
	case a.prompt != "":
		return strings.Join(wrapped(st.Warning, a.prompt, max(20, a.width), ""), "\n")
	case a.commandOn:
		return a.cmdline.View()
	case a.status != "" && a.statusErr:
		return strings.Join(wrapped(st.Error, a.status, max(20, a.width), ""), "\n")
	case a.status != "":
		return strings.Join(wrapped(st.Status, a.status, max(20, a.width), ""), "\n")
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
	switch {
	case a.welcomeTyping():
		return wrapKeys(footerKeys(a.welcomeActions()), a.width, a.env.st)
	case !s.capturing():
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
	a.freshen()
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
	body = fitBody(body, a.width, bodyH)
	return strings.Join([]string{a.withBanner(a.tabsView()), body, a.statusView(), a.footerView()}, "\n")
}

// fitWidth cuts every line wider than the window with "…", so a clerk sees
// that something goes on rather than a line that silently stops.
func fitWidth(body string, w int) string {
	return strings.Join(fitLines(strings.Split(body, "\n"), w), "\n")
}

func fitLines(lines []string, w int) []string {
	for i, l := range lines {
		// A line of no more bytes than cells cannot be too wide.
		if len(l) <= w {
			continue
		}
		if n, ok := quickWidth(l); ok && n <= w {
			continue
		}
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "…")
		}
	}
	return lines
}

// fitBody makes the body exactly h lines, none wider than w. It does by
// hand what a lipgloss Height style would, without measuring and padding
// every line to the widest: that was half of each frame's time at 100,000
// rows (BenchmarkFilter100k), and the terminal needs no trailing spaces.
func fitBody(body string, w, h int) string {
	lines := fitLines(strings.Split(body, "\n"), w)
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}
