package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"nguon/model"
	"nguon/store"
)

// The duplicates screen's layout (duplicates_ui.go has its keys and
// messages): the list of pairs, two lines each, and one pair side by side.

// why is the reason a pair is listed, one phrase per line of the pair.
func (s *dupScreen) why(p store.DuplicatePair) []string {
	var out []string
	if p.SameCCCD {
		out = append(out, s.e.t("dup_same_cccd"))
	}
	if p.SameName {
		out = append(out, s.e.t("dup_same_name"))
	}
	return out
}

func (s *dupScreen) view() string {
	e, st := s.e, s.e.st
	out := []string{st.Title.Render(e.t("dup_title"))}
	switch {
	case s.err != "":
		return strings.Join(append(out, st.Error.Render(s.err)), "\n")
	case !s.loaded:
		return strings.Join(append(out, st.Muted.Render(e.t("dup_loading"))), "\n")
	case s.mode != dupList:
		return s.pairView()
	case len(s.pairs) == 0:
		return strings.Join(append(out, "", e.t("dup_empty")), "\n")
	}
	return strings.Join(append(out, s.listView()...), "\n")
}

// listHead is what stands above the pairs: a note and the column heads.
func (s *dupScreen) listHead() []string {
	e, st := s.e, s.e.st
	out := wrapped(st.Muted, e.tf("dup_note", len(s.pairs)), max(20, s.w), "")
	return append(out, "")
}

// listRows is how many pairs fit: three lines each (two people, a gap).
func (s *dupScreen) listRows() int { return max(1, (s.h-len(s.listHead())-2)/3) }

// dupDateW is "17/05/2001"; dupWhyW the longest reason phrase.
const dupDateW, dupWhyW = 10, 26

func (s *dupScreen) listView() []string {
	e, st := s.e, s.e.st
	out := s.listHead()
	rest := max(20, s.w-2-dupDateW-dupWhyW-6)
	nameW := rest * 11 / 20
	cellW := rest - nameW
	line := func(mark, name, dob, cell, why string) string {
		return mark + pad(name, nameW, false) + "  " + pad(dob, dupDateW, false) + "  " +
			pad(cell, cellW, false) + "  " + pad(why, dupWhyW, false)
	}
	out = append(out, st.Header.Render(line("  ", e.t("dup_col_name"), e.t("dup_col_dob"), e.t("dup_col_cell"), e.t("dup_col_why"))))
	n := s.listRows()
	s.top = min(max(s.top, s.cur-n+1), s.cur)
	for i := s.top; i < min(len(s.pairs), s.top+n); i++ {
		p := s.pairs[i]
		why := append(s.why(p), "", "")
		for j, r := range []model.CandidateRow{p.A, p.B} {
			mark := "  "
			if i == s.cur {
				mark = "▸ "
			}
			l := line(mark, model.Escape(r.Name), r.DOB.String(), model.Escape(e.d.cellName(r.Cell)), why[j])
			if i == s.cur {
				l = st.Selected.Render(l)
			}
			out = append(out, l)
		}
		out = append(out, "")
	}
	return out
}

// dupRow is one line of the side-by-side view.
type dupRow struct {
	section     string // a section heading when set; the rest is empty
	label       string
	left, right string
	differ      bool
}

// pairRows are the fields of both records, identity first (the table's
// order), for every field either has; differing rows are marked.
func (s *dupScreen) pairRows() []dupRow {
	e := s.e
	var out []dupRow
	section := ""
	for _, f := range model.CandidateFields {
		if f.ReadOnly {
			continue
		}
		var v [2]string
		for i := range s.recs {
			v[i] = f.Display(&s.recs[i], e.lang, e.d.names())
			if f.Kind == model.KindYesNo && f.Get(&s.recs[i]) != "1" {
				v[i] = ""
			}
		}
		if v[0] == "" && v[1] == "" {
			continue
		}
		if sec := f.Section.In(e.lang); sec != "" && sec != section {
			out = append(out, dupRow{section: sec})
			section = sec
		}
		out = append(out, dupRow{label: f.Label.In(e.lang), left: v[0], right: v[1],
			differ: f.Get(&s.recs[0]) != f.Get(&s.recs[1])})
	}
	return out
}

// summaryRows are what the choice of the record to keep rests on: where
// each stands and how much history each has.
func (s *dupScreen) summaryRows() []dupRow {
	e := s.e
	stage := func(c model.Candidate) string {
		t := model.Label(model.Stages, string(c.Stage), e.lang)
		if c.Outcome != model.OutcomeActive {
			t += " (" + model.Label(model.Outcomes, string(c.Outcome), e.lang) + ")"
		}
		return t
	}
	saves := func(n int) string {
		if n == 1 {
			return e.t("dup_saves1")
		}
		return e.tf("dup_saves", n)
	}
	a, b := s.recs[0], s.recs[1]
	return []dupRow{
		{label: e.t("dup_stage"), left: stage(a), right: stage(b), differ: stage(a) != stage(b)},
		{label: e.t("dup_history"), left: saves(s.hist[0]), right: saves(s.hist[1]), differ: s.hist[0] != s.hist[1]},
	}
}

// build lays the open pair out once, when it arrives or the data or the
// language change, so that View only formats.
func (s *dupScreen) build() {
	if s.recs[0].ID.IsZero() {
		return
	}
	s.rows, s.sums, s.differ = s.pairRows(), s.summaryRows(), 0
	for _, r := range s.rows {
		if r.differ {
			s.differ++
		}
	}
}

// suggest is the side the hint offers to keep (-1 for none) and why: the
// later stage, else the longer history; the clerk decides.
func (s *dupScreen) suggest() (int, string) {
	a, b := s.recs[0].Stage.Index(), s.recs[1].Stage.Index()
	switch {
	case a != b:
		return boolSide(b > a), s.e.t("dup_hint_stage")
	case s.hist[0] != s.hist[1]:
		return boolSide(s.hist[1] > s.hist[0]), s.e.t("dup_hint_history")
	}
	return -1, ""
}

func boolSide(right bool) int {
	if right {
		return 1
	}
	return 0
}

// pairHead is the text above the columns: the reason and what ≠ means,
// or, while choosing, the question with its hint.
func (s *dupScreen) pairHead(differ int) []string {
	e, st, w := s.e, s.e.st, max(20, s.w)
	out := []string{st.Title.Render(e.t("dup_pair_title"))}
	if s.mode == dupChoose {
		q := e.t("dup_choose")
		if side, why := s.suggest(); side >= 0 {
			q += " " + e.tf("dup_hint", [2]string{e.t("dup_left"), e.t("dup_right")}[side], why)
		}
		return append(out, wrapped(st.Warning, q, w, "")...)
	}
	why := strings.Join(s.why(s.pair), "; ")
	return append(out, wrapped(st.Muted, e.tf("dup_pair_note", why, differ), w, "")...)
}

func (s *dupScreen) pairView() string {
	e, st, rows := s.e, s.e.st, s.rows
	head := s.pairHead(s.differ)
	labelW := 0
	for _, r := range append(rows[:len(rows):len(rows)], s.sums...) {
		labelW = max(labelW, ansi.StringWidth(r.label)+1)
	}
	labelW = min(labelW, max(12, s.w/4))
	valW := max(8, (s.w-2-labelW-4)/2)
	line := func(r dupRow) string {
		mark := "  "
		if r.differ {
			mark = st.Warning.Render("≠") + " "
		}
		flat := func(v string) string { return model.Escape(strings.ReplaceAll(v, "\n", " ")) }
		return mark + pad(r.label, labelW, false) + " " + pad(flat(r.left), valW, false) + " │ " + pad(flat(r.right), valW, false)
	}
	out := append(head, st.Header.Render("  "+pad("", labelW, false)+" "+pad(e.t("dup_left_col"), valW, false)+
		" │ "+pad(e.t("dup_right_col"), valW, false)))
	for _, r := range s.sums {
		out = append(out, line(r))
	}
	avail := max(1, s.h-len(out))
	if len(rows) > avail {
		avail-- // for the line saying more rows follow
	}
	s.scroll = min(s.scroll, max(0, len(rows)-avail))
	end := min(len(rows), s.scroll+avail)
	for _, r := range rows[s.scroll:end] {
		if r.section != "" {
			out = append(out, st.Section.Render("── "+r.section))
			continue
		}
		out = append(out, line(r))
	}
	if end < len(rows) {
		out = append(out, st.Muted.Render(e.tf("dup_more", len(rows)-end)))
	}
	return strings.Join(out, "\n")
}
