package ui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

// picker chooses one option by typing part of its label (accent-insensitive)
// and moving with the arrows. Folded labels are computed once, so it stays
// quick when offered every candidate of a large file.
type picker struct {
	title  string
	opts   []model.Option
	folded []string
	// primary is the folded part of a label before " — " (a person's name
	// before their date of birth and cell): matches there rank first.
	primary []string
	input   textinput.Model
	matches []int
	idx     int
	height  int
	done    bool
	chosen  *model.Option
	guard   telexGuard
}

func newPicker(title string, opts []model.Option, lang model.Lang) *picker {
	p := &picker{title: title, opts: opts, folded: make([]string, len(opts)), primary: make([]string, len(opts)), height: 10}
	for i, o := range opts {
		p.folded[i] = model.Fold(o.Label.In(lang))
		name, _, _ := strings.Cut(o.Label.In(lang), " — ")
		p.primary[i] = model.Fold(name)
	}
	p.input = newInput()
	p.input.Prompt = "› "
	p.input.Focus()
	p.filter()
	return p
}

func (p *picker) filter() {
	q := model.Fold(p.input.Value())
	p.matches = p.matches[:0]
	var rest []int
	for i, f := range p.folded {
		switch {
		case q == "" || strings.Contains(p.primary[i], q):
			p.matches = append(p.matches, i)
		case strings.Contains(f, q):
			rest = append(rest, i)
		}
	}
	p.matches = append(p.matches, rest...)
	p.idx = 0
}

// actions are the picker's keys; letters are the search text, so moving
// is on the arrows only.
func (p *picker) actions(k KeyMap) []action {
	return []action{
		act(k.ArrowUp, do(func() { p.idx = max(0, p.idx-1) })),
		act(k.ArrowDown, do(func() { p.idx = max(0, min(len(p.matches)-1, p.idx+1)) })),
		act(k.Accept, do(func() {
			if len(p.matches) > 0 {
				o := p.opts[p.matches[p.idx]]
				p.chosen, p.done = &o, true
			}
		})),
		act(k.Cancel, do(func() { p.done = true })),
	}
}

// update handles one message; done and chosen tell whether the picker
// should close, and with which option (nil: cancelled).
func (p *picker) update(msg tea.Msg, k KeyMap) (done bool, chosen *model.Option, cmd tea.Cmd) {
	var cmds []tea.Cmd
	for _, m := range p.guard.filter(msg) {
		var c tea.Cmd
		done, chosen, c = p.handle(m, k)
		cmds = append(cmds, c)
		if done {
			break
		}
	}
	return done, chosen, tea.Batch(cmds...)
}

func (p *picker) handle(msg tea.Msg, k KeyMap) (done bool, chosen *model.Option, cmd tea.Cmd) {
	if km, ok := msg.(tea.KeyPressMsg); ok {
		if used, cmd := dispatch(p.actions(k), km); used {
			return p.done, p.chosen, cmd
		}
	}
	before := p.input.Value()
	p.input, cmd = p.input.Update(msg)
	if p.input.Value() != before {
		p.filter()
	}
	return false, nil, cmd
}

func (p *picker) view(st Styles, lang model.Lang) string {
	var b strings.Builder
	b.WriteString(st.Title.Render(p.title) + "\n" + p.input.View() + "\n")
	h := max(3, p.height-3)
	start := 0
	if p.idx >= h {
		start = p.idx - h + 1
	}
	for i := start; i < len(p.matches) && i < start+h; i++ {
		label := model.Escape(p.opts[p.matches[i]].Label.In(lang))
		if i == p.idx {
			b.WriteString(st.Selected.Render("› "+label) + "\n")
		} else {
			b.WriteString("  " + label + "\n")
		}
	}
	if len(p.matches) == 0 {
		b.WriteString(st.Muted.Render(tr(lang, "no_match")) + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}
