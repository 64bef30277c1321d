package ui

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/textinput"
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
	// cmp orders two rows (negative, zero, positive); ranks, when set, gives
	// every row an int in the same order, for sorting all rows at once.
	cmp   func(a, b int) int
	ranks func() []int32
	// keep orders which columns stay when the terminal is too narrow for
	// all: the lowest is hidden first, and of equals the rightmost.
	keep int
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

func (r rowsOf) Len() int                      { return r.n() }
func (r rowsOf) Search(i int) (string, string) { return r.search(i) }

// byInt and byDate order rows by a number.
func byInt(f func(int) int) func(a, b int) int {
	return func(a, b int) int { return cmp.Compare(f(a), f(b)) }
}

func byDate(f func(int) model.Date) func(a, b int) int {
	return func(a, b int) int { return cmp.Compare(f(a), f(b)) }
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
	// scan holds the folded search keys in sort order, one after another,
	// so a filter key is one pass over contiguous memory; nil when stale.
	scan *scanBuf
	// hitPos are the hits' places in scan (hitScan), so narrowing reads
	// their keys from contiguous memory instead of row by row.
	hitPos  []int32
	hitScan *scanBuf

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
	t.afterChange(cur)
}

// compare orders two rows by the sort column, then by index, so the order
// is total and a row's place can be found by binary search.
func (t *table) compare(a, b int) int {
	c := t.cols[t.sortCol]
	var r int
	if c.cmp != nil {
		r = c.cmp(a, b)
	} else {
		r = strings.Compare(model.SortKey(c.text(a)), model.SortKey(c.text(b)))
	}
	if t.desc {
		r = -r
	}
	if r != 0 {
		return r
	}
	return a - b
}

func (t *table) sortRows() {
	t.scan = nil
	c := t.cols[t.sortCol]
	if c.ranks == nil {
		slices.SortFunc(t.order, t.compare)
		return
	}
	// One int per row, computed once: a comparison is two loads.
	rk := c.ranks()
	sign := int32(1)
	if t.desc {
		sign = -1
	}
	slices.SortFunc(t.order, func(a, b int) int {
		if d := (rk[a] - rk[b]) * sign; d != 0 {
			return int(d)
		}
		return a - b
	})
}

// place puts a row that was added or changed where the sort puts it: one
// binary search, not a sort of every row.
func (t *table) place(row int) {
	cur := t.Selected()
	if i := slices.Index(t.order, row); i >= 0 {
		t.order = slices.Delete(t.order, i, i+1)
	}
	j, _ := slices.BinarySearchFunc(t.order, row, t.compare)
	t.order = slices.Insert(t.order, j, row)
	t.afterChange(cur)
}

// removed takes a deleted row out; the source moved its last row, numbered
// last, into the deleted one's place.
func (t *table) removed(row, last int) {
	if row < 0 {
		return
	}
	cur := t.Selected()
	if i := slices.Index(t.order, row); i >= 0 {
		t.order = slices.Delete(t.order, i, i+1)
	}
	if last != row {
		if i := slices.Index(t.order, last); i >= 0 {
			t.order[i] = row
		}
		if cur == last {
			cur = row
		}
	} else if cur == row {
		cur = -1
	}
	t.afterChange(cur)
}

// afterChange refilters after the rows changed and keeps the cursor on the
// row it was on.
func (t *table) afterChange(cur int) {
	t.scan = nil
	t.query = "\x00" // force refilter
	t.refilter()
	if cur >= 0 {
		t.selectRow(cur)
	}
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

func (t *table) resort() {
	cur := t.Selected()
	t.sortRows()
	t.afterChange(cur)
}

// widths distributes the terminal width over the columns. A row is the
// selection mark and its space, then the columns one space apart. When
// they do not fit, the flexible columns give up width down to minFlex,
// then whole columns are hidden (width 0), the least kept first but never
// the one the rows are sorted by: a column cut in the middle shows "1…"
// for a number of days, which no one can read. What is left over goes to
// the flexible columns.
func (t *table) widths() []int {
	w := make([]int, len(t.cols))
	used, flex := 1, 0
	for i, c := range t.cols {
		w[i] = c.width
		used += c.width + 1
		if c.flex {
			flex++
		}
	}
	if used > t.width {
		for i, c := range t.cols {
			if c.flex && w[i] > minFlex {
				used -= w[i] - minFlex
				w[i] = minFlex
			}
		}
	}
	for used > t.width {
		hide := -1
		for i, c := range t.cols {
			if i > 0 && i != t.sortCol && w[i] > 0 && (hide < 0 || c.keep <= t.cols[hide].keep) {
				hide = i // the least kept, and of those the rightmost; never the sort column
			}
		}
		if hide < 0 {
			break // the first column alone: the frame cuts it
		}
		used -= w[hide] + 1
		w[hide] = 0
	}
	if extra := t.width - used; extra > 0 && flex > 0 {
		for i, c := range t.cols {
			if c.flex {
				w[i] += extra / flex
			}
		}
	}
	return w
}

// minFlex is as narrow as a flexible column (a name) gets before columns
// are hidden: most names of three words fit.
const minFlex = 15

func pad(s string, w int, right bool) string {
	n, ok := quickWidth(s)
	if !ok || n > w {
		s = ansi.Truncate(s, w, "…")
		n = ansi.StringWidth(s)
	}
	gap := w - n
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
		if ws[i] == 0 {
			continue // hidden: the terminal is too narrow
		}
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
		cells := make([]string, 0, len(t.cols))
		for c := range t.cols {
			if ws[c] > 0 {
				cells = append(cells, pad(model.Escape(t.cols[c].text(r)), ws[c], t.cols[c].right))
			}
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
		// Wordwrap breaks at spaces; Hardwrap then cuts what is still too
		// long (ansi.Wrap can leave a line one hyphen over the limit).
		out = append(out, strings.Split(ansi.Hardwrap(ansi.Wordwrap(l, w, " "), w, true), "\n")...)
	}
	return out
}
