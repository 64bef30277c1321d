package ui

import (
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/model"
)

// column is one table column declared as data: its title, its width (the
// minimum; flex columns share what is left of the terminal's width), the
// text of a row, and the order it sorts by (nil: its text, collated).
type column struct {
	title model.Text
	width int
	flex  bool
	right bool
	text  func(row int) string
	less  func(a, b int) bool
}

// tableRows is what a table lists: rows addressed by index into the
// screen's own slice, so the table never copies 100,000 records.
type tableRows interface {
	Len() int
	// Search returns the row's folded search key and its original text
	// (for ranking exact-accent matches first).
	Search(row int) (folded, original string)
}

// named lists rows searched by a name folded on the fly: fine for the few
// cells, classes and meetings (candidates keep their folded names ready).
func named(n func() int, name func(int) string) tableRows {
	return rowsOf{n, func(i int) (string, string) { s := name(i); return model.Fold(s), s }}
}

// rowsOf makes tableRows from two functions.
type rowsOf struct {
	n      func() int
	search func(int) (string, string)
}

func (r rowsOf) Len() int                       { return r.n() }
func (r rowsOf) Search(i int) (string, string)  { return r.search(i) }
func byInt(f func(int) int) func(a, b int) bool { return func(a, b int) bool { return f(a) < f(b) } }
func byDate(f func(int) model.Date) func(a, b int) bool {
	return func(a, b int) bool { return f(a) < f(b) }
}

// less orders two rows by a column.
func (t *table) less(a, b, col int) bool {
	c := t.cols[col]
	if c.less != nil {
		return c.less(a, b)
	}
	return model.SortKey(c.text(a)) < model.SortKey(c.text(b))
}

// table is the list component every screen uses: a virtualised table with
// filter-as-you-type (accent-insensitive), sort by column and a cursor.
// Only the visible rows are rendered, which keeps a frame cheap at 100,000 rows.
type table struct {
	cols    []column
	src     tableRows
	order   []int // all rows, sorted
	view    []int // rows passing the filters, in display order
	hits    []int // rows passing the filters, in sort order
	keep    func(row int) bool
	cursor  int
	offset  int
	height  int
	width   int
	sortCol int
	desc    bool

	filtering bool
	input     textinput.Model
	query     string // folded query that produced view
	rawQuery  string
	// fresh is set when / reopens a kept query: the query shows as if
	// selected, so typing starts a new one while arrows and backspace edit it.
	fresh bool
}

func newTable(cols []column, src tableRows, sortCol int) *table {
	in := newInput()
	in.Prompt = "/ "
	in.CharLimit = 80
	t := &table{cols: cols, src: src, sortCol: sortCol, input: in, height: 10}
	t.reload()
	return t
}

// reload re-reads the source (after data changed), keeping the cursor on the same row when possible.
func (t *table) reload() {
	cur := t.Selected()
	n := t.src.Len()
	t.order = make([]int, n)
	for i := range t.order {
		t.order[i] = i
	}
	t.sortRows()
	t.query = "\x00" // force refilter
	t.refilter()
	if cur >= 0 {
		t.selectRow(cur)
	}
}

func (t *table) sortRows() {
	col, desc := t.sortCol, t.desc
	slices.SortStableFunc(t.order, func(a, b int) int {
		if desc {
			a, b = b, a
		}
		switch {
		case t.less(a, b, col):
			return -1
		case t.less(b, a, col):
			return 1
		}
		return 0
	})
}

// setKeep installs a quick filter (source group, cell, stage…).
func (t *table) setKeep(f func(int) bool) {
	t.keep = f
	t.query = "\x00"
	t.refilter()
}

// refilter recomputes the view. When the query only grew, it narrows the
// previous hits instead of scanning every row: typing stays cheap at 100k.
func (t *table) refilter() {
	q := model.Fold(t.rawQuery)
	base := t.order
	narrowing := t.query != "\x00" && t.query != "" && strings.HasPrefix(q, t.query)
	if narrowing {
		base = t.hits
	}
	// Every word of the query must appear, in any order: "nguyen thuy"
	// finds "Nguyễn Văn Thuỷ".
	words := strings.Fields(q)
	hits := make([]int, 0, min(len(base), 1024))
rows:
	for _, r := range base {
		if !narrowing && t.keep != nil && !t.keep(r) {
			continue
		}
		if len(words) > 0 {
			folded, _ := t.src.Search(r)
			for _, w := range words {
				if !strings.Contains(folded, w) {
					continue rows
				}
			}
		}
		hits = append(hits, r)
	}
	t.hits = hits
	t.view = hits
	// Exact-accent matches first ("Đức" typed with accents ranks Đức above Duc),
	// a stable partition so the sort order holds within each group.
	if exact := strings.Fields(strings.ToLower(model.NFC(t.rawQuery))); q != "" && strings.Join(exact, " ") != strings.Join(words, " ") {
		first := make([]int, 0, len(hits))
		var rest []int
		for _, r := range hits {
			_, orig := t.src.Search(r)
			orig = strings.ToLower(orig)
			all := true
			for _, w := range exact {
				all = all && strings.Contains(orig, w)
			}
			if all {
				first = append(first, r)
			} else {
				rest = append(rest, r)
			}
		}
		t.view = append(first, rest...)
	}
	if t.query != q {
		t.cursor, t.offset = 0, 0
	}
	t.query = q
	t.clamp()
}

func (t *table) clamp() {
	if t.cursor >= len(t.view) {
		t.cursor = len(t.view) - 1
	}
	if t.cursor < 0 {
		t.cursor = 0
	}
	h := t.bodyHeight()
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+h {
		t.offset = t.cursor - h + 1
	}
	if t.offset < 0 {
		t.offset = 0
	}
}

func (t *table) bodyHeight() int {
	h := t.height - 1 // header
	if t.filtering || t.rawQuery != "" {
		h--
	}
	if h < 1 {
		h = 1
	}
	return h
}

// Selected returns the source row under the cursor, or -1.
func (t *table) Selected() int {
	if t.cursor < 0 || t.cursor >= len(t.view) {
		return -1
	}
	return t.view[t.cursor]
}

func (t *table) selectRow(row int) {
	for i, r := range t.view {
		if r == row {
			t.cursor = i
			t.clamp()
			return
		}
	}
}

// Count returns shown/total, e.g. "12/340".
func (t *table) Count() string {
	return strconv.Itoa(len(t.view)) + "/" + strconv.Itoa(t.src.Len())
}

func (t *table) setSize(w, h int) {
	t.width, t.height = w, h
	t.input.SetWidth(w - 4)
	t.clamp()
}

// capturing is true while the filter line has the keyboard.
func (t *table) capturing() bool { return t.filtering }

// moveActions are the keys that move the cursor; they lead the footer.
func (t *table) moveActions(k KeyMap) []action {
	return []action{
		act(k.Up, do(func() { t.cursor--; t.clamp() })),
		act(k.Down, do(func() { t.cursor++; t.clamp() })),
	}
}

// listActions are the table's other keys in list mode: jumps, filter, sort.
func (t *table) listActions(k KeyMap) []action {
	return []action{
		act(k.Top, do(func() { t.cursor = 0; t.clamp() })).inHelpOnly(),
		act(k.Bottom, do(func() { t.cursor = len(t.view) - 1; t.clamp() })).inHelpOnly(),
		act(k.PageUp, do(func() { t.cursor -= t.bodyHeight(); t.clamp() })).inHelpOnly(),
		act(k.PageDown, do(func() { t.cursor += t.bodyHeight(); t.clamp() })).inHelpOnly(),
		act(k.Filter, t.startFilter),
		act(k.Sort, do(func() { t.sortCol = (t.sortCol + 1) % len(t.cols); t.desc = false; t.resort() })),
		act(k.SortReverse, do(func() { t.desc = !t.desc; t.resort() })).inHelpOnly(),
		act(k.ClearQuery, do(t.clearQuery)).when(t.rawQuery != ""),
	}
}

// filterActions are the keys that work while the filter line is typed into.
func (t *table) filterActions(k KeyMap) []action {
	leave := func() { t.filtering = false; t.input.Blur() }
	return []action{
		act(k.Accept, do(leave)),
		act(k.ClearQuery, do(func() { leave(); t.clearQuery() })),
		act(k.ArrowUp, do(func() { leave(); t.cursor--; t.clamp() })),
		act(k.ArrowDown, do(func() { leave(); t.cursor++; t.clamp() })),
	}
}

func (t *table) startFilter() tea.Cmd {
	t.filtering, t.fresh = true, t.rawQuery != ""
	t.input.SetValue(t.rawQuery)
	t.input.CursorEnd()
	return t.input.Focus()
}

func (t *table) clearQuery() {
	t.rawQuery = ""
	t.input.SetValue("")
	t.refilter()
}

// updateFilter handles a message while the filter line has the keyboard:
// its keys first, then typing, which refilters as the query changes.
func (t *table) updateFilter(msg tea.Msg, k KeyMap) tea.Cmd {
	if km, ok := msg.(tea.KeyPressMsg); ok {
		if used, cmd := dispatch(t.filterActions(k), km); used {
			return cmd
		}
	}
	if t.fresh {
		t.fresh = false
		switch m := msg.(type) {
		case tea.KeyPressMsg:
			if m.Text != "" {
				t.input.SetValue("")
			}
		case tea.PasteMsg:
			t.input.SetValue("")
		}
	}
	var cmd tea.Cmd
	t.input, cmd = t.input.Update(msg)
	if v := t.input.Value(); v != t.rawQuery {
		t.rawQuery = v
		t.refilter()
	}
	return cmd
}

func (t *table) resort() {
	cur := t.Selected()
	t.sortRows()
	t.query = "\x00"
	t.refilter()
	if cur >= 0 {
		t.selectRow(cur)
	}
}

// widths distributes the terminal width over the columns.
func (t *table) widths() []int {
	w := make([]int, len(t.cols))
	total, flex := 2, 0 // the selection mark and its space
	for i, c := range t.cols {
		w[i] = c.width
		total += c.width + 1
		if c.flex {
			flex++
		}
	}
	if extra := t.width - total; extra > 0 && flex > 0 {
		for i, c := range t.cols {
			if c.flex {
				w[i] += extra / flex
			}
		}
	}
	return w
}

func pad(s string, w int, right bool) string {
	s = ansi.Truncate(s, w, "…")
	gap := w - ansi.StringWidth(s)
	if gap <= 0 {
		return s
	}
	if right {
		return strings.Repeat(" ", gap) + s
	}
	return s + strings.Repeat(" ", gap)
}

// View renders the header, the visible rows and the filter line.
//
// The selected row is marked with "›" as well as a colour, and the sort
// column's arrow is kept when its title is cut: both must show on a
// terminal without colours (TERM=dumb) or a washed-out projector.
func (t *table) View(st Styles, empty string, lang model.Lang) string {
	var b strings.Builder
	ws := t.widths()
	hdr := []string{" "}
	for i, c := range t.cols {
		title := c.title.In(lang)
		if i == t.sortCol {
			arrow := "↑"
			if t.desc {
				arrow = "↓"
			}
			title = ansi.Truncate(title, max(0, ws[i]-1), "…") + arrow
		}
		hdr = append(hdr, pad(title, ws[i], c.right))
	}
	b.WriteString(st.Header.Render(strings.Join(hdr, " ")))
	b.WriteByte('\n')
	h := t.bodyHeight()
	if len(t.view) == 0 {
		// An empty file and a filter that hides every row need different words.
		if t.src.Len() > 0 {
			empty = tr(lang, "no_rows_match")
		}
		b.WriteString(st.Muted.Render(empty))
		b.WriteByte('\n')
		h--
	}
	for i := t.offset; i < len(t.view) && i < t.offset+h; i++ {
		r := t.view[i]
		cells := make([]string, len(t.cols))
		for c := range t.cols {
			cells[c] = pad(model.Escape(t.cols[c].text(r)), ws[c], t.cols[c].right)
		}
		line := "  " + strings.Join(cells, " ")
		if i == t.cursor {
			line = "›" + st.Selected.Render(" "+strings.Join(cells, " "))
		}
		b.WriteString(line)
		b.WriteByte('\n')
	}
	if t.filtering && t.fresh {
		b.WriteString("/ " + st.Selected.Render(model.Escape(t.rawQuery)))
	} else if t.filtering {
		b.WriteString(t.input.View())
	} else if t.rawQuery != "" {
		b.WriteString(st.Muted.Render("/ " + model.Escape(t.rawQuery)))
	}
	return strings.TrimRight(b.String(), "\n")
}

// wrapTo breaks every line wider than w into lines of at most w cells,
// at spaces where it can, keeping styles: what a line ends with (a date,
// a count) is then shown, never cut off.
func wrapTo(lines []string, w int) []string {
	if w < 10 {
		return lines
	}
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		if ansi.StringWidth(l) <= w {
			out = append(out, l)
			continue
		}
		out = append(out, strings.Split(ansi.Wrap(l, w, " "), "\n")...)
	}
	return out
}
