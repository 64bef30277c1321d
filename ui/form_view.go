package ui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"

	"nguon/model"
)

// The form's layout: sizes, fields with their errors, and scrolling.

// setSize gives each input the width the label leaves it, so a long value
// (the holiday list) scrolls inside its field instead of running off the
// screen.
func (f *form) setSize(w, h int) {
	f.width, f.height = w, h
	iw := max(10, w-f.labelWidth()-4)
	for _, fl := range f.fields {
		fl.input.SetWidth(iw)
	}
}

func (f *form) labelWidth() int {
	w := 0
	for _, fl := range f.fields {
		w = max(w, len([]rune(fl.label.In(f.lang)))+2)
	}
	return w
}

// View renders the form: sections, labels, inputs, inline errors and warnings.
func (f *form) View(st Styles) string {
	labelW := f.labelWidth()
	var lines []string
	focusLine := 0
	var section string
	for i, fl := range f.fields {
		if s := fl.section.In(f.lang); s != "" && s != section {
			section = s
			lines = append(lines, st.Section.Render("── "+s))
		}
		if i == f.focus {
			focusLine = len(lines)
		}
		lines = append(lines, f.fieldLines(st, fl, i == f.focus, labelW)...)
	}
	head := []string{st.Title.Render(f.title)}
	if f.confirm {
		head = append(head, st.Warning.Render(tr(f.lang, "discard_q")))
	} else if f.err != "" {
		// A refusal is a sentence the clerk must read whole.
		head = append(head, wrapped(st.Error, f.err, max(20, f.width), "")...)
	}
	h := max(3, f.height-len(head))
	if focusLine < f.offset {
		f.offset = focusLine
	}
	if focusLine >= f.offset+h-2 {
		f.offset = focusLine - h + 3
	}
	if f.offset > len(lines)-1 {
		f.offset = max(0, len(lines)-1)
	}
	end := min(len(lines), f.offset+h)
	return strings.Join(append(head, lines[f.offset:end]...), "\n")
}

// fieldLines draws one field: its label and value, the matching choices
// while a drop-down is being typed into, and its error or warning.
func (f *form) fieldLines(st Styles, fl *field, focused bool, labelW int) []string {
	label := fl.label.In(f.lang)
	if fl.required {
		label += " *"
	}
	// A marker as well as a colour: the focus must show on a washed-out projector.
	ls, mark := st.Label, "  "
	if focused {
		ls, mark = st.FocusLabel, "› "
	}
	val := model.Escape(fl.input.Value())
	switch {
	case fl.kind == choiceField && focused:
		val = "[" + model.Escape(model.Label(fl.options, fl.code, f.lang)) + "] " + fl.input.View()
	case fl.kind == choiceField:
		val = model.Escape(model.Label(fl.options, fl.code, f.lang))
	case focused:
		val = fl.input.View()
	}
	lines := []string{ls.Render(mark+pad(label, labelW, false)) + val}
	indent := strings.Repeat(" ", labelW+2)
	if focused && fl.kind == choiceField && strings.TrimSpace(fl.input.Value()) != "" {
		ms := fl.matches(f.lang)
		for j, o := range ms {
			if j >= 6 {
				lines = append(lines, indent+st.Muted.Render("…"))
				break
			}
			item := "  " + model.Escape(o.Label.In(f.lang))
			if j == fl.match {
				item = st.Selected.Render("› " + model.Escape(o.Label.In(f.lang)))
			}
			lines = append(lines, indent+item)
		}
		if len(ms) == 0 {
			lines = append(lines, indent+st.Muted.Render(tr(f.lang, "no_match")))
		}
	}
	msgW := max(20, f.width-labelW-2)
	if fl.errMsg != "" {
		lines = append(lines, wrapped(st.Error, "✗ "+fl.errMsg, msgW, indent)...)
	} else if fl.warn != "" {
		lines = append(lines, wrapped(st.Warning, "! "+fl.warn, msgW, indent)...)
	}
	return lines
}

// wrapped breaks a sentence into lines of width w, each indented and styled:
// messages are read whole, never cut.
func wrapped(style lipgloss.Style, text string, w int, indent string) []string {
	var out []string
	for _, l := range strings.Split(lipgloss.NewStyle().Width(w).Render(text), "\n") {
		out = append(out, indent+style.Render(l))
	}
	return out
}

// newInput makes a text input with a steady cursor: a blinking one redraws the
// screen twice a second for nothing, and steadiness reads better on a projector.
func newInput() textinput.Model {
	in := textinput.New()
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return in
}
