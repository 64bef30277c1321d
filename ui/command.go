package ui

import (
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

// The ":" command line: typing it, parsing it, running it.

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
		// What the status line said was in the other language.
		a.setStatus(a.env.t("lang_set"), false)
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
	case "backups":
		return a.openBackups() // backups_ui.go
	case "duplicates":
		return a.openDuplicates() // duplicates_ui.go
	case "report":
		return a.openReport(c.arg) // report_ui.go
	case "export":
		return a.runExport(c.arg)
	case "import":
		return a.runImport(c.arg)
	case "merge":
		return a.runMerge(c.arg) // merge_ui.go
	case "conflicts":
		return a.openConflicts() // conflicts_ui.go
	}
	return nil
}

func (a *App) setLang(l model.Lang) {
	a.env.lang = l
	a.env.keys = DefaultKeyMap(l)
}

// command is a parsed ":" command line.
type command struct {
	name string
	arg  string
	tab  int
}

var errUnknownCommand = errors.New("unknown command")

// parseCommand reads a ":" command: q, backup FILE, backups, export WHAT [FILE],
// import [WHAT] FILE, lang vi|en, settings, 1–5 or a screen name.
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
		return command{name: "backup", arg: unquotePath(arg)}, nil
	case "backups", "dssaoluu", "khoiphuc":
		return command{name: "backups"}, nil
	case "duplicates", "dups", "trunglap":
		return command{name: "duplicates"}, nil
	case "report", "baocao":
		return command{name: "report", arg: arg}, nil
	case "export", "xuat":
		return command{name: "export", arg: arg}, nil
	case "import", "nhap":
		return command{name: "import", arg: arg}, nil
	case "merge", "gop":
		return command{name: "merge", arg: arg}, nil
	case "conflicts", "xungdot":
		return command{name: "conflicts"}, nil
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

// unquotePath takes off the quotation marks around a pasted path: Windows'
// "Copy as path" gives "D:\Xa\ds.xlsx", quotes included.
func unquotePath(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' && s[len(s)-1] == '"' || s[0] == '\'' && s[len(s)-1] == '\'') {
		return strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}
