package ui

import (
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"nguon/model"
	"nguon/store"
)

// Rendering of the conflicts screen: it only formats what the update
// loop holds. The chosen side of a field is marked "[x]" (not by colour
// alone, which a projector or TERM=dumb loses); values too long for their
// column are cut with "…" and shown whole under the table for the field
// the cursor is on.

func (s *conflictsScreen) view() string {
	if s.rec != nil {
		return s.recordView()
	}
	e, st := s.e, s.e.st
	out := s.listHeading()
	switch {
	case s.err != "":
		return strings.Join(append(out, st.Error.Render(s.err)), "\n")
	case !s.loaded:
		return strings.Join(append(out, st.Muted.Render(e.t("cf_loading"))), "\n")
	case len(s.list) == 0:
		return strings.Join(append(out, e.t("cf_empty")), "\n")
	}
	kindW, nW := 12, 12
	nameW := max(10, s.w-kindW-nW-6)
	out = append(out, st.Header.Render("  "+pad(e.t("cf_col_kind"), kindW, false)+" "+
		pad(e.t("cf_col_name"), nameW, false)+" "+pad(e.t("cf_col_n"), nW, true)))
	n := s.listRows()
	s.top = min(max(s.top, s.cur-n+1), s.cur)
	for i := s.top; i < min(len(s.list), s.top+n); i++ {
		c := s.list[i]
		line := "  " + pad(kindLabel(e, c.Kind), kindW, false) + " " + pad(model.Escape(s.names[i]), nameW, false) +
			" " + pad(fmt.Sprint(c.Heads), nW, true)
		if i == s.cur {
			line = st.Selected.Render("▸" + line[1:])
		}
		out = append(out, line)
	}
	return strings.Join(out, "\n")
}

func (s *conflictsScreen) listHeading() []string {
	st := s.e.st
	out := []string{st.Title.Render(s.e.t("cf_title"))}
	return append(append(out, wrapped(st.Muted, s.e.t("cf_note"), max(20, s.w), "")...), "")
}

// listRows is how many conflicts fit under the heading and column heads.
func (s *conflictsScreen) listRows() int { return max(1, s.h-len(s.listHeading())-1) }

// columns are the widths of the side-by-side view: the field labels,
// then two equal columns of values.
func (s *conflictsScreen) columns() (labelW, colW int) {
	v, w := s.rec, max(minWidth, s.w)
	labelW = ansi.StringWidth(s.e.t("cf_time")) + 1
	for i := range v.r.rows() {
		labelW = max(labelW, ansi.StringWidth(v.r.label(i, s.e.lang))+1)
	}
	labelW = min(labelW, w/4)
	return labelW, (w - labelW - 4) / 2
}

func (s *conflictsScreen) recordView() string {
	e, st, v := s.e, s.e.st, s.rec
	w := max(minWidth, s.w)
	labelW, colW := s.columns()
	title := e.tf("cf_rec", kindLabel(e, v.info.Kind), model.Escape(v.name), len(v.vers))
	out := []string{st.Title.Render(pad(title, w, false))}
	out = append(out, s.versionHeader(labelW, colW)...)
	tail := s.recordTail(w)
	n := max(1, s.h-len(out)-len(tail))
	v.top = min(max(v.top, v.cur-n+1), v.cur)
	for i := v.top; i < min(v.r.rows(), v.top+n); i++ {
		line := pad(v.r.label(i, e.lang), labelW, false) + " " + s.cell(i, 0, colW) + "  " + s.cell(i, v.other, colW)
		if i == v.cur {
			line = st.Selected.Render("▸" + line)
		} else {
			line = " " + line
		}
		out = append(out, line)
	}
	return strings.Join(append(out, tail...), "\n")
}

// versionHeader names the two versions shown: the computer that saved
// each, when, and which one every screen shows until the conflict is
// resolved (or that it is a deletion).
func (s *conflictsScreen) versionHeader(labelW, colW int) []string {
	e, st, v := s.e, s.e.st, s.rec
	col := func(i int, f func(i int) string) string { return pad(f(i), colW, false) }
	device := func(i int) string {
		return fmt.Sprintf("%d %s", i+1, model.Escape(e.d.settings.DeviceName(v.vers[i].Revision.Device)))
	}
	at := func(i int) string {
		if t := v.vers[i].Revision.At; !t.IsZero() {
			return t.Local().Format("02/01/2006 15:04")
		}
		return ""
	}
	state := func(i int) string {
		var parts []string
		if v.vers[i].Winner {
			parts = append(parts, e.t("cf_shown"))
		}
		if len(v.vers) > 2 {
			parts = append(parts, e.tf("cf_nth", i+1, len(v.vers)))
		}
		if v.r.dead(i) {
			parts = append(parts, e.t("cf_dead"))
		}
		return strings.Join(parts, " · ")
	}
	row := func(label string, f func(i int) string) string {
		return st.Header.Render(" " + pad(label, labelW, false) + " " + col(0, f) + "  " + col(v.other, f))
	}
	return []string{row(e.t("cf_device"), device), row(e.t("cf_time"), at), " " + pad("", labelW, false) + " " +
		st.Muted.Render(col(0, state)) + "  " + st.Muted.Render(col(v.other, state))}
}

// cell is field i of version ver in a column: "[x]" when the field takes
// its value from that version.
func (s *conflictsScreen) cell(i, ver, colW int) string {
	v := s.rec
	if v.r.dead(ver) {
		return pad("    —", colW, false)
	}
	mark := "[ ] "
	if v.picks[i] == ver {
		mark = "[x] "
	}
	val := v.r.value(i, ver, s.e)
	if val == "" {
		val = s.e.t("cf_empty_v")
	}
	return mark + pad(strings.Join(strings.Fields(model.Escape(val)), " "), colW-4, false)
}

// recordTail is what goes under the fields: the whole values of the field
// the cursor is on, then what the keys cannot show (a deletion, parts
// that are not in the table).
func (s *conflictsScreen) recordTail(w int) []string {
	e, st, v := s.e, s.e.st, s.rec
	out := []string{""}
	if v.r.rows() > 0 {
		for _, ver := range []int{0, v.other} {
			val := e.t("cf_dead")
			if !v.r.dead(ver) {
				val = model.Escape(v.r.value(v.cur, ver, e))
			}
			lines := wrapped(st.Muted, fmt.Sprintf("%d: %s", ver+1, val), w-1, " ")
			out = append(out, lines[:min(2, len(lines))]...)
		}
	}
	var notes []string
	switch {
	case slices.ContainsFunc(v.vers, func(x store.VersionInfo) bool { return x.Data == nil }):
		notes = append(notes, e.t("cf_deletion"))
	case v.r.rows() == 0:
		notes = append(notes, e.t("cf_same"))
	}
	if v.r.outside() {
		notes = append(notes, e.tf("cf_outside", v.base+1))
	}
	for _, n := range notes {
		out = append(out, wrapped(st.Warning, n, w, "")...)
	}
	return out
}
