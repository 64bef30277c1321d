package ui

import (
	"strings"
	"time"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"nguon/model"
	"nguon/store"
)

// The report screen, opened with ":report": choose a report and a period,
// read it on screen, and write it as CSV, XLSX or DOCX into the documents
// folder, without leaving the program. The figures are the command line's:
// the same store read (Store.ReportInput) and model.BuildReport.
//
// It is not a tab: ":report" adds it after the five tabs the first time,
// and q or esc go back to the tab it was opened from.

// reportReadyMsg carries a computed report to the report screen, wherever
// the clerk is when it arrives.
type reportReadyMsg struct {
	screen int
	rep    model.Report
	err    error
}

func (m reportReadyMsg) owner() int { return m.screen }

type reportScreen struct {
	e    *env
	app  *App
	idx  int // its place among the app's screens
	prev int // the tab it was opened from
	w, h int

	form *form // choosing the report and the period

	what     string
	from, to model.Date
	rep      *model.Report
	lines    []string // the report as text, split once when it arrives
	head     int      // how many of lines stay at the top (titles, column heads)
	firstW   int      // the first column's width: it stays when scrolling right
	top      int      // first body line shown
	left     int      // columns scrolled off to the left
	busy     bool
	stale    bool // the data changed since the report was computed
	err      string

	// commune is a merged file's commune choice: "" the whole file, "*"
	// each commune in turn, else one commune's name (report_commune_ui.go).
	commune string
}

// reportKeys are the screen's own keys, with help in the screen's language.
type reportKeys struct{ CSV, XLSX, DOCX, Change, Refresh, Left, Right key.Binding }

func reportKeyMap(lang model.Lang) reportKeys {
	b := func(k, vi, en string) key.Binding {
		return bind([]string{k}, k, model.Text{VI: vi, EN: en}, lang)
	}
	return reportKeys{
		CSV:     b("c", "ghi CSV", "write CSV"),
		XLSX:    b("x", "ghi Excel", "write Excel"),
		DOCX:    b("w", "ghi Word", "write Word"),
		Change:  b("e", "đổi báo cáo, thời gian", "change report, period"),
		Refresh: b("r", "tính lại", "recompute"),
		Left:    bind([]string{"left"}, "←", model.Text{VI: "sang trái", EN: "scroll left"}, lang),
		Right:   bind([]string{"right"}, "→", model.Text{VI: "sang phải", EN: "scroll right"}, lang),
	}
}

// openReport shows the report screen: with no argument, the form to
// choose a report and a period; with "KIND [FROM [TO]]", that report at
// once. A word it cannot read is said in one sentence on the status line.
func (a *App) openReport(arg string) tea.Cmd {
	words := strings.Fields(arg)
	what, from, to := "", model.Date(0), model.Date(0)
	if len(words) > 0 {
		k, ok := model.ReportKind(words[0])
		if !ok {
			_, err := model.BuildReport(words[0], model.ReportInput{}, a.env.lang)
			a.setStatus(model.Message(err, a.env.lang), true)
			return nil
		}
		what = k
		for i, w := range words[1:min(len(words), 3)] {
			d, err := model.ParseDate(w)
			if err != nil {
				a.setStatus(a.env.tf("rep_bad_date", model.Escape(w)), true)
				return nil
			}
			if i == 0 {
				from = d
			} else {
				to = d
			}
		}
		if len(words) > 3 {
			a.setStatus(a.env.t("rep_usage"), true)
			return nil
		}
	}
	s := a.reportScreen()
	if a.active != s.idx {
		s.prev = a.active
	}
	a.active = s.idx
	if what == "" {
		return s.openForm()
	}
	s.what, s.from, s.to = what, from, to
	if err := s.checkPeriod(); err != nil {
		a.active = s.prev
		a.setStatus(model.Message(err, a.env.lang), true)
		return nil
	}
	s.form = nil
	return s.build()
}

// reportScreen finds the report screen, adding it the first time.
func (a *App) reportScreen() *reportScreen {
	return extraScreen(a, func(s *reportScreen) *int { return &s.idx },
		func(i int) *reportScreen { return &reportScreen{e: a.env, app: a, idx: i, what: "targets"} })
}

func (s *reportScreen) setSize(w, h int) {
	s.w, s.h = w, h
	if s.form != nil {
		s.form.setSize(w, h)
	}
}

func (s *reportScreen) capturing() bool { return s.form != nil }
func (s *reportScreen) dirty() bool     { return false } // nothing typed here is lost by leaving

// back closes the form over a report, else goes back to the tab the
// report was opened from.
func (s *reportScreen) back() bool {
	if s.form != nil && s.rep != nil {
		s.form = nil
		return true
	}
	s.form = nil
	if s.app.active == s.idx {
		s.app.active = s.prev
	}
	return true
}

func (s *reportScreen) actions() []action {
	k := s.e.keys
	if s.form != nil {
		return s.form.actions(k)
	}
	rk := reportKeyMap(s.e.lang)
	have := s.rep != nil && !s.busy
	body := max(1, s.bodyHeight())
	last := max(0, len(s.lines)-s.head-body)
	return []action{
		act(rk.DOCX, func() tea.Cmd { return s.write("docx") }).when(have),
		act(rk.XLSX, func() tea.Cmd { return s.write("xlsx") }).when(have),
		act(rk.CSV, func() tea.Cmd { return s.write("csv") }).when(have),
		act(rk.Change, s.openForm),
		act(rk.Refresh, s.build).when(!s.busy),
		act(k.Back, do(func() { s.back() })),
		act(k.Down, do(func() { s.top = min(last, s.top+1) })).inHelpOnly(),
		act(k.Up, do(func() { s.top = max(0, s.top-1) })).inHelpOnly(),
		act(k.PageDown, do(func() { s.top = min(last, s.top+body) })).inHelpOnly(),
		act(k.PageUp, do(func() { s.top = max(0, s.top-body) })).inHelpOnly(),
		act(k.Top, do(func() { s.top = 0 })).inHelpOnly(),
		act(k.Bottom, do(func() { s.top = last })).inHelpOnly(),
		act(rk.Right, do(func() { s.left = min(s.maxLeft(), s.left+8) })).inHelpOnly(),
		act(rk.Left, do(func() { s.left = max(0, s.left-8) })).inHelpOnly(),
	}
}

// openForm asks which report and which period, starting from the last
// ones asked (the whole of this year at first).
func (s *reportScreen) openForm() tea.Cmd {
	e := s.e
	from, to := s.from, s.to
	if from == 0 && to == 0 {
		y := e.today().Year()
		from, to = model.NewDate(y, time.January, 1), model.NewDate(y, time.December, 31)
	}
	fields := []*field{
		{key: "what", label: catalog["rep_what"], kind: choiceField, options: model.ReportOptions, required: true},
		{key: "from", label: catalog["rep_from"], kind: dateField},
		{key: "to", label: catalog["rep_to"], kind: dateField},
	}
	if opts := s.communeOptions(); opts != nil {
		fields = append(fields, &field{key: "commune", label: repCommune, kind: choiceField, options: opts})
	}
	s.form = newForm(e.t("rep_title"), e.lang, fields, map[string]string{"what": s.what, "from": from.String(), "to": to.String(),
		"commune": s.commune})
	s.form.setSize(s.w, s.h)
	return s.form.fields[0].input.Focus()
}

// checkPeriod is the model's check of the period asked for: one sentence
// when it runs backwards, or spans two years against a year's targets.
func (s *reportScreen) checkPeriod() error {
	if !model.ReportHasPeriod(s.what) {
		return nil
	}
	_, _, err := (model.ReportInput{Today: s.e.today(), From: s.from, To: s.to}).Period(s.what)
	return err
}

func (s *reportScreen) submit(v map[string]string) tea.Cmd {
	from, _ := model.ParseDate(v["from"]) // the form checked the dates
	to, _ := model.ParseDate(v["to"])
	s.what, s.from, s.to, s.commune = v["what"], from, to, v["commune"]
	if err := s.checkPeriod(); err != nil {
		var fe *model.FieldError
		if asFieldError(err, &fe) {
			s.form.setProblems(model.Problems{fe})
		}
		return nil
	}
	s.form = nil
	return s.build()
}

// build computes the report off the update loop, as the command line does.
func (s *reportScreen) build() tea.Cmd {
	st, what, from, to, today, lang, idx := s.e.store, s.what, s.from, s.to, s.e.today(), s.e.lang, s.idx
	commune := s.commune
	s.busy, s.stale, s.err = true, false, ""
	return func() tea.Msg {
		in, err := st.ReportInput(what)
		if err != nil {
			return reportReadyMsg{screen: idx, err: err}
		}
		in.Today, in.From, in.To = today, from, to
		in.ByCommune = commune == byEachCommune
		if !in.ByCommune {
			in.Commune = commune
		}
		r, err := model.BuildReport(what, in, lang)
		return reportReadyMsg{screen: idx, rep: r, err: err}
	}
}

// write writes the report shown into the documents folder under a name of
// its own, and says where on the status line.
func (s *reportScreen) write(format string) tea.Cmd {
	r, lang, now := *s.rep, s.e.lang, s.e.now
	return func() tea.Msg {
		dir, err := store.DocumentsDir()
		if err == nil {
			var p string
			if p, err = store.WriteReport(dir, r, format, lang, now()); err == nil {
				return statusMsg{text: trf(lang, "rep_written", model.Escape(p))}
			}
		}
		return statusMsg{text: model.Message(err, lang), isErr: true}
	}
}

func (s *reportScreen) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case reportReadyMsg:
		s.busy = false
		if msg.err != nil {
			s.err = model.Message(msg.err, s.e.lang)
			return nil
		}
		r := msg.rep
		s.rep, s.top, s.left = &r, 0, 0
		s.lines = strings.Split(strings.TrimRight(r.Text(), "\n"), "\n")
		s.head, s.firstW = 0, 0
		for _, row := range append([][]string{r.Columns}, r.Rows...) {
			if len(row) > 0 {
				s.firstW = max(s.firstW, utf8.RuneCountInString(model.Escape(row[0]))+2)
			}
		}
		for i, l := range s.lines {
			if strings.HasPrefix(l, "---") {
				s.head = i + 1
				break
			}
		}
		return nil
	case formSubmitMsg:
		return s.submit(msg.values)
	case formCancelMsg:
		s.form = nil
		if s.rep == nil && !s.busy {
			s.back()
		}
		return nil
	case dataChangedMsg, statsChangedMsg:
		// Another screen changed the data (or the language): recompute
		// when showing, else say the figures are old.
		if s.rep == nil {
			return nil
		}
		if s.app.active == s.idx && !s.busy {
			return s.build()
		}
		s.stale = true
		return nil
	case tea.KeyPressMsg:
		if s.form != nil {
			return s.form.update(msg, s.e.keys)
		}
		_, cmd := dispatch(s.actions(), msg)
		return cmd
	}
	if s.form != nil {
		return s.form.update(msg, s.e.keys)
	}
	return nil
}

// bodyHeight is the room for the report's rows below its fixed head.
func (s *reportScreen) bodyHeight() int { return s.h - s.head - 2 }

// maxLeft is how far the widest line can scroll left.
func (s *reportScreen) maxLeft() int {
	w := 0
	for _, l := range s.lines {
		w = max(w, ansi.StringWidth(l))
	}
	return max(0, w-s.w)
}

func (s *reportScreen) view() string {
	e, st := s.e, s.e.st
	if s.form != nil {
		return s.form.View(st)
	}
	status := ""
	switch {
	case s.busy:
		status = st.Muted.Render(e.t("rep_busy"))
	case s.err != "":
		status = st.Error.Render(s.err)
	case s.stale:
		status = st.Warning.Render(e.t("rep_stale"))
	}
	if s.rep == nil {
		return status
	}
	// Scrolling right keeps the first column (the cell, the category) in place.
	cut := func(l string) string {
		if r := []rune(l); s.left > 0 && len(r) > s.firstW {
			l = string(r[:s.firstW]) + string(r[min(len(r), s.firstW+s.left):])
		}
		return ansi.Truncate(l, s.w, "…")
	}
	out := make([]string, 0, s.h)
	for i, l := range s.lines[:s.head] {
		if i < s.head-2 {
			out = append(out, ansi.Truncate(l, s.w, "…")) // the titles do not scroll
		} else {
			out = append(out, cut(l))
		}
	}
	if s.head > 1 {
		// The column heads stand out from the titles.
		out[s.head-2] = st.Header.Render(out[s.head-2])
		out[0] = st.Title.Render(out[0])
	}
	body := s.lines[s.head:]
	end := min(len(body), s.top+max(1, s.bodyHeight()))
	for _, l := range body[min(s.top, end):end] {
		out = append(out, cut(l))
	}
	if status != "" {
		out = append(out, status)
	}
	return strings.Join(out, "\n")
}
