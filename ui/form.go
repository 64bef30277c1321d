package ui

import (
	"strconv"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

// fieldKind decides how a field is typed and checked.
type fieldKind int

const (
	textField fieldKind = iota
	dateField
	numberField
	choiceField
	multilineField // one line on screen, newlines kept as " / " is not needed: notes stay single-line here
)

// field is one form field, declared as data by the screens.
type field struct {
	key      string // the model's JSON name, so model.Problems map back to fields
	label    model.Text
	section  model.Text
	kind     fieldKind
	required bool
	options  []model.Option // choiceField
	limit    int            // characters allowed; 0 means 200
	// check validates the field alone when the user leaves it (nil: only the kind's check).
	check func(v string) *model.FieldError

	input  textinput.Model
	code   string // choiceField: the chosen option's code
	match  int    // choiceField: highlighted match while typing
	errMsg string
	warn   string
}

func (f *field) value() string {
	if f.kind == choiceField {
		return f.code
	}
	return model.Clean(f.input.Value())
}

// matches lists the options whose folded label contains what was typed.
func (f *field) matches(lang model.Lang) []model.Option {
	q := model.Fold(f.input.Value())
	if q == "" {
		return f.options
	}
	var out []model.Option
	for _, o := range f.options {
		if strings.Contains(model.Fold(o.Label.In(lang)), q) {
			out = append(out, o)
		}
	}
	return out
}

// form is the one form component: focus cycling, inline errors, ctrl+s
// save, and a guard against losing unsaved changes.
type form struct {
	title   string
	fields  []*field
	focus   int
	initial map[string]string
	offset  int
	height  int
	width   int
	lang    model.Lang
	err     string // record-level error (failed save, validation summary)
	confirm bool   // asking whether to discard changes
	guard   telexGuard
	// extra are keys the owning screen adds while the form says something
	// that needs them (open the other record of a duplicate).
	extra []action
}

// formSubmitMsg is sent when the user saves; the owning screen validates and stores.
type formSubmitMsg struct{ values map[string]string }

// formCancelMsg is sent when the user leaves the form without saving.
type formCancelMsg struct{}

func newForm(title string, lang model.Lang, fields []*field, values map[string]string) *form {
	f := &form{title: title, fields: fields, lang: lang, height: 20, width: 80}
	for _, fl := range fields {
		in := newInput()
		in.Prompt = ""
		in.CharLimit = 200
		if fl.limit > 0 {
			in.CharLimit = fl.limit
		}
		fl.input = in
		v := values[fl.key]
		if fl.kind == choiceField {
			fl.code = v
		} else {
			fl.input.SetValue(v)
		}
	}
	f.initial = f.values()
	f.focusField(0)
	return f
}

func (f *form) values() map[string]string {
	m := make(map[string]string, len(f.fields))
	for _, fl := range f.fields {
		m[fl.key] = fl.value()
	}
	return m
}

// dirty reports whether anything differs from what the form opened with.
func (f *form) dirty() bool {
	for k, v := range f.values() {
		if f.initial[k] != v {
			return true
		}
	}
	return false
}

func (f *form) field(key string) *field {
	for _, fl := range f.fields {
		if fl.key == key {
			return fl
		}
	}
	return nil
}

func (f *form) focusField(i int) tea.Cmd {
	if i < 0 {
		i = len(f.fields) - 1
	}
	if i >= len(f.fields) {
		i = 0
	}
	cur := f.fields[f.focus]
	cur.input.Blur()
	if cur.kind == choiceField {
		cur.input.SetValue("")
	}
	f.focus = i
	nf := f.fields[i]
	nf.match = 0
	return nf.input.Focus()
}

// leave checks the focused field as the user moves away from it.
func (f *form) leave() {
	fl := f.fields[f.focus]
	if fl.kind == choiceField && strings.TrimSpace(fl.input.Value()) != "" {
		if ms := fl.matches(f.lang); len(ms) > 0 {
			fl.code = ms[min(fl.match, len(ms)-1)].Code
		}
	}
	f.checkField(fl)
}

func (f *form) checkField(fl *field) bool {
	fl.errMsg, fl.warn = "", ""
	v := fl.value()
	if v == "" {
		if fl.required {
			fl.errMsg = tr(f.lang, "required")
			return false
		}
		return true
	}
	switch fl.kind {
	case dateField:
		if _, err := model.ParseDate(v); err != nil {
			fl.errMsg = model.Message(err, f.lang)
			return false
		}
	case numberField:
		if n, err := strconv.Atoi(v); err != nil || n < 0 {
			fl.errMsg = tr(f.lang, "number")
			return false
		}
	}
	if fl.check != nil {
		if e := fl.check(v); e != nil {
			if e.Warning {
				fl.warn = e.Msg.In(f.lang)
			} else {
				fl.errMsg = e.Msg.In(f.lang)
				return false
			}
		}
	}
	return true
}

// setProblems shows the record-level validation result on the fields.
// It returns true when something blocks saving.
func (f *form) setProblems(p model.Problems) bool {
	blocked := false
	for _, e := range p {
		fl := f.field(e.Field)
		msg := e.Msg.In(f.lang)
		if fl == nil {
			if !e.Warning {
				f.err = msg
				blocked = true
			}
			continue
		}
		if e.Warning {
			fl.warn = msg
		} else {
			fl.errMsg = msg
			blocked = true
		}
	}
	if blocked {
		for i, fl := range f.fields {
			if fl.errMsg != "" {
				f.focusField(i)
				if f.err == "" {
					f.err = tr(f.lang, "fix_errors")
				}
				break
			}
		}
	}
	return blocked
}

// actions are the form's keys: moving between fields, save and cancel, or
// the answers while it asks whether to discard changes.
func (f *form) actions(k KeyMap) []action {
	if f.confirm {
		return []action{
			act(k.Yes, func() tea.Cmd { return func() tea.Msg { return formCancelMsg{} } }),
			act(k.No, do(func() { f.confirm = false })),
		}
	}
	return append([]action{
		act(k.NextField, func() tea.Cmd { f.leave(); return f.focusField(f.focus + 1) }),
		act(k.PrevField, func() tea.Cmd { f.leave(); return f.focusField(f.focus - 1) }),
		act(k.Save, f.save),
		act(k.Cancel, f.cancel),
	}, f.extra...)
}

func (f *form) save() tea.Cmd {
	f.leave()
	f.err = ""
	ok := true
	for _, x := range f.fields {
		if !f.checkField(x) {
			ok = false
		}
	}
	if !ok {
		f.setProblems(nil)
		for i, x := range f.fields {
			if x.errMsg != "" {
				f.err = tr(f.lang, "fix_errors")
				return f.focusField(i)
			}
		}
	}
	vals := f.values()
	return func() tea.Msg { return formSubmitMsg{values: vals} }
}

func (f *form) cancel() tea.Cmd {
	if f.dirty() {
		f.confirm = true
		return nil
	}
	return func() tea.Msg { return formCancelMsg{} }
}

// choiceKey handles the keys that move within a drop-down: the arrows
// through what matches the typed text, left/right through every option.
func (f *form) choiceKey(fl *field, km tea.KeyPressMsg) (bool, tea.Cmd) {
	switch km.String() {
	case "up", "down":
		ms := fl.matches(f.lang)
		if strings.TrimSpace(fl.input.Value()) == "" || len(ms) == 0 {
			return false, nil
		}
		if km.String() == "down" {
			fl.match = (fl.match + 1) % len(ms)
		} else {
			fl.match = (fl.match + len(ms) - 1) % len(ms)
		}
		return true, nil
	case "left", "right":
		// The ring of values: every option, and blank when the field is
		// optional, so an optional choice can be cleared again. From blank,
		// right is the first option, not the second.
		ring := make([]string, 0, len(fl.options)+1)
		if !fl.required {
			ring = append(ring, "")
		}
		for _, o := range fl.options {
			ring = append(ring, o.Code)
		}
		if len(ring) == 0 {
			return true, nil
		}
		idx := -1
		for i, c := range ring {
			if c == fl.code {
				idx = i
			}
		}
		switch {
		case km.String() == "right":
			idx = (idx + 1) % len(ring)
		case idx < 0:
			idx = len(ring) - 1
		default:
			idx = (idx + len(ring) - 1) % len(ring)
		}
		fl.code = ring[idx]
		fl.input.SetValue("")
		return true, nil
	}
	return false, nil
}

func (f *form) update(msg tea.Msg, k KeyMap) tea.Cmd {
	var cmds []tea.Cmd
	for _, m := range f.guard.filter(msg) {
		cmds = append(cmds, f.handle(m, k))
	}
	return tea.Batch(cmds...)
}

func (f *form) handle(msg tea.Msg, k KeyMap) tea.Cmd {
	fl := f.fields[f.focus]
	if km, ok := msg.(tea.KeyPressMsg); ok {
		if f.confirm {
			if used, cmd := dispatch(f.actions(k), km); used {
				return cmd
			}
			f.confirm = false
			return nil
		}
		if fl.kind == choiceField {
			if used, cmd := f.choiceKey(fl, km); used {
				return cmd
			}
		}
		if km.String() == "enter" {
			f.leave()
			return f.focusField(f.focus + 1)
		}
		if used, cmd := dispatch(f.actions(k), km); used {
			return cmd
		}
	}
	if f.confirm {
		return nil
	}
	if pm, ok := msg.(tea.PasteMsg); ok {
		// Pasted text may carry escape sequences from a web page or a
		// spreadsheet; the input would drop ESC but keep "[31m".
		msg = tea.PasteMsg{Content: model.Clean(pm.Content)}
	}
	var cmd tea.Cmd
	before := fl.input.Value()
	fl.input, cmd = fl.input.Update(msg)
	if fl.input.Value() != before {
		fl.match = 0
		fl.errMsg = ""
	}
	return cmd
}
