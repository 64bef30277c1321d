package ui

import (
	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

// telexGuard drops the burst that Unikey or EVKey sends right after a
// command key opens a form or a picker. With Telex on, pressing a then â
// (typed "aa") sends "a", backspace, "â": the "a" opens the advance form,
// and the backspace and the "â" would land in it. The guard holds a
// backspace that arrives first and drops it together with a replacement
// that folds to the command's letter; anything else passes unchanged.
type telexGuard struct {
	opener string // the command key's letter; "" when the guard is off
	held   *tea.KeyPressMsg
}

func isBackspace(k tea.KeyPressMsg) bool {
	return k.Code == tea.KeyBackspace || (k.Code == 'h' && k.Mod == tea.ModCtrl)
}

// arm turns the guard on for a form or picker opened by key.
func (g *telexGuard) arm(key tea.KeyPressMsg) {
	g.opener, g.held = "", nil
	if len(key.Text) == 1 && key.Text[0] >= 'a' && key.Text[0] <= 'z' && key.Mod == 0 {
		g.opener = key.Text
	}
}

// filter returns the messages to handle in place of msg.
func (g *telexGuard) filter(msg tea.Msg) []tea.Msg {
	if g.opener == "" {
		return []tea.Msg{msg}
	}
	km, isKey := msg.(tea.KeyPressMsg)
	if g.held == nil {
		if isKey && isBackspace(km) {
			g.held = &km
			return nil
		}
		g.opener = ""
		return []tea.Msg{msg}
	}
	held := *g.held
	opener := g.opener
	g.opener, g.held = "", nil
	if isKey && km.Text != "" && model.Fold(km.Text)[:1] == opener {
		return nil
	}
	return []tea.Msg{held, msg}
}
