package ui

import (
	"runtime"
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

// The table's filter: quick filters, the query typed after /, and the
// buffer of folded keys a query is matched against.

// scanBuf is every row's folded key in sort order, each ended by a newline
// (which no key holds), and where each starts.
type scanBuf struct {
	text  string
	start []int32    // start[k] is where order[k]'s key begins; one more at the end
	freq  [256]int32 // how often each byte occurs in text
}

// setKeep installs a quick filter (source group, cell, stage…).
func (t *table) setKeep(f func(int) bool) {
	t.keep = f
	t.query = "\x00"
	t.refilter()
}

func (t *table) buildScan() *scanBuf {
	if t.scan != nil {
		return t.scan
	}
	var b strings.Builder
	start := make([]int32, 0, len(t.order)+1)
	for _, r := range t.order {
		start = append(start, int32(b.Len()))
		f, _ := t.src.Search(r)
		b.WriteString(f)
		b.WriteByte('\n')
	}
	start = append(start, int32(b.Len()))
	t.scan = &scanBuf{text: b.String(), start: start}
	for i := 0; i < len(t.scan.text); i++ {
		t.scan.freq[t.scan.text[i]]++
	}
	return t.scan
}

// match lists, in sort order, the rows whose key holds every word: it
// looks through the whole buffer for the word holding the rarest byte,
// and checks the others only on the rows where it is found.
//
// It jumps from one place of that byte to the next (a vector search) and
// compares the word there. strings.Index starts from the word's first
// byte instead, and in folded Vietnamese names "n" or "t" begins a word
// every few bytes: "nguye" over 100,000 names took 1.5 ms that way.
func (t *table) match(words []string) []int {
	sb := t.buildScan()
	lead, rare := 0, 0
	for i, w := range words {
		for j := range len(w) {
			if sb.freq[w[j]] < sb.freq[words[lead][rare]] {
				lead, rare = i, j
			}
		}
	}
	// The keys are split among the cores, each scanning its part of the
	// buffer; the parts' hits, each in order, are joined in order.
	n := len(t.order)
	parts := min(runtime.GOMAXPROCS(0), 1+n/16384)
	found := make([]scanHits, parts)
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() { found[p] = t.scanPart(sb, words, lead, rare, p*n/parts, (p+1)*n/parts) })
	}
	wg.Wait()
	hits, pos := found[0].rows, found[0].pos
	for _, f := range found[1:] {
		hits, pos = append(hits, f.rows...), append(pos, f.pos...)
	}
	t.hitPos, t.hitScan = pos, sb
	return hits
}

// scanHits are the rows a part of the scan found, and their places.
type scanHits struct {
	rows []int
	pos  []int32
}

// scanPart finds the hits among the keys from, to (places in sort order).
// It only reads the table, so parts run side by side.
func (t *table) scanPart(sb *scanBuf, words []string, lead, rare, from, to int) scanHits {
	word := words[lead]
	out := scanHits{rows: make([]int, 0, (to-from)/8+64), pos: make([]int32, 0, (to-from)/8+64)}
	text := sb.text[:sb.start[to]]
	k := from
	for pos := int(sb.start[from]); pos < len(text); {
		i := strings.IndexByte(text[pos:], word[rare])
		if i < 0 {
			break
		}
		at := int32(pos + i - rare)
		if at < sb.start[from] || !strings.HasPrefix(text[at:], word) {
			pos += i + 1
			continue
		}
		// Matches come in order: walk the starts forward to the key that
		// holds this one (a sequential scan of int32s, cheaper than a search).
		for sb.start[k+1] <= at {
			k++
		}
		key := text[sb.start[k] : sb.start[k+1]-1]
		r := t.order[k]
		ok := t.keep == nil || t.keep(r)
		for j, w := range words {
			ok = ok && (j == lead || strings.Contains(key, w))
		}
		if ok {
			out.rows = append(out.rows, r)
			out.pos = append(out.pos, int32(k))
		}
		pos = int(sb.start[k+1])
	}
	return out
}

// narrowScan keeps the hits whose keys, read from the scan buffer in
// order, hold every word; it updates their places in place.
func (t *table) narrowScan(words []string) []int {
	sb := t.scan
	hits := make([]int, 0, len(t.hits))
	pos := t.hitPos[:0]
	for i, k := range t.hitPos {
		key := sb.text[sb.start[k] : sb.start[k+1]-1]
		ok := true
		for _, w := range words {
			ok = ok && strings.Contains(key, w)
		}
		if ok {
			hits = append(hits, t.hits[i])
			pos = append(pos, k)
		}
	}
	t.hitPos = pos
	return hits
}

// refilter recomputes the view. When the query only grew, it narrows the
// previous hits instead of scanning every row: typing stays cheap at 100k.
func (t *table) refilter() {
	q := model.Fold(t.rawQuery)
	narrowing := t.query != "\x00" && t.query != "" && strings.HasPrefix(q, t.query)
	// Every word of the query must appear, in any order: "nguyen thuy"
	// finds "Nguyễn Văn Thuỷ".
	words := strings.Fields(q)
	var hits []int
	switch {
	case narrowing && t.scan != nil && t.hitScan == t.scan && len(t.hitPos) == len(t.hits):
		hits = t.narrowScan(words)
	case narrowing:
		t.hitScan = nil
		hits = make([]int, 0, len(t.hits))
	rows:
		for _, r := range t.hits {
			folded, _ := t.src.Search(r)
			for _, w := range words {
				if !strings.Contains(folded, w) {
					continue rows
				}
			}
			hits = append(hits, r)
		}
	case len(words) > 0:
		hits = t.match(words)
	case t.keep == nil:
		t.hitScan = nil
		hits = t.order
	default:
		t.hitScan = nil
		hits = make([]int, 0, 1024)
		for _, r := range t.order {
			if t.keep(r) {
				hits = append(hits, r)
			}
		}
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
