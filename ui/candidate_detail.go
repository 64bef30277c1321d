// The candidate's detail view: identity on the left; certificates, the
// pipeline and the history on the right.

package ui

import (
	"fmt"
	"strings"

	"nguon/model"
)

func (s *sourcesScreen) detailView() string {
	e, c, st := s.e, s.cur, s.e.st
	age := func(key string) string {
		if key == "dob" && c.DOB != 0 {
			return " (" + e.tf("years", model.MonthsBetween(c.DOB, e.today())/12) + ")"
		}
		return ""
	}
	// The name and where the person stands span the full width above the columns.
	header := []string{st.Title.Render(model.Escape(c.FullName)) + "  " +
		st.Status.Render(model.Label(model.Stages, string(c.Stage), e.lang))}
	if c.Outcome != "" {
		header = append(header, st.Warning.Render(e.tf("outcome", model.Label(model.Outcomes, string(c.Outcome), e.lang), model.Escape(c.OutcomeReason))))
	}
	// Every field of the table but the name, which heads the view.
	lines := detailRows(e, model.CandidateFields, &c, 20, age, func(k string) bool { return k != "full_name" })
	// The pipeline, certificates and history go in a second column when the
	// window is wide enough, so a clerk sees the whole file without scrolling.
	var right []string
	right = append(right, st.Section.Render("── "+e.t("certs")))
	right = append(right, s.certLines()...)
	right = append(right, s.pipelineLines()...)
	right = append(right, "", st.Section.Render("── "+e.t("history")))
	if len(c.History) == 0 {
		right = append(right, st.Muted.Render(e.t("no_history")))
	}
	// Newest first: the last change is what a clerk looks for.
	for i := len(c.History) - 1; i >= 0; i-- {
		right = append(right, s.eventLines(c.History[i])...)
	}
	if s.w >= 100 {
		lw := s.w * 40 / 100
		rw := s.w - lw - 1
		// Rules and history are sentences whose end is the fact (a date, a
		// number): wrap them, never cut them.
		right = wrapTo(right, rw)
		n := max(len(lines), len(right))
		merged := make([]string, n)
		for i := 0; i < n; i++ {
			l, r := "", ""
			if i < len(lines) {
				l = lines[i]
			}
			if i < len(right) {
				r = right[i]
			}
			merged[i] = pad(l, lw, false) + " " + r
		}
		lines = merged
	} else {
		lines = wrapTo(append(append(lines, ""), right...), s.w)
	}
	// Scrolling stops when the last line is at the bottom of the window.
	s.scroll = max(0, min(s.scroll, len(lines)-max(1, s.h-len(header))))
	end := min(len(lines), s.scroll+max(1, s.h-len(header)))
	return strings.Join(append(header, lines[s.scroll:end]...), "\n")
}

// certLines lists the candidate's classes with certificate and expiry (60 months).
func (s *sourcesScreen) certLines() []string {
	e, c, st := s.e, s.cur, s.e.st
	var out []string
	for _, cl := range e.d.classes {
		for _, en := range cl.Enrolments {
			if en.Candidate != c.ID {
				continue
			}
			out = append(out, model.Escape(cl.Name)+" — "+model.Label(model.Results, string(en.Result), e.lang))
			if en.CertDate == 0 {
				continue
			}
			line := "  " + e.tf("cert_line", model.Escape(en.CertNo), en.CertDate.String(), en.CertExpiry().String())
			if en.CertExpiry() < e.today() {
				line = st.Error.Render(line + " " + e.t("cert_expired"))
			} else {
				line = st.OK.Render(line)
			}
			out = append(out, line)
		}
	}
	if c.ExtCert.Date != 0 {
		exp := c.ExtCert.Date.AddMonths(model.CertValidityMonths)
		out = append(out, model.Escape(c.ExtCert.Issuer)+" — "+e.t("ext_cert"))
		line := "  " + e.tf("cert_line", model.Escape(c.ExtCert.No), c.ExtCert.Date.String(), exp.String())
		if exp < e.today() {
			line = st.Error.Render(line + " " + e.t("cert_expired"))
		}
		out = append(out, line)
	}
	if len(out) == 0 {
		out = append(out, st.Muted.Render(e.t("no_classes")))
	}
	return out
}

func (s *sourcesScreen) eventLines(ev model.Event) []string {
	e := s.e
	from := model.Label(model.Stages, string(ev.From), e.lang)
	to := model.Label(model.Stages, string(ev.To), e.lang)
	if ev.Outcome != "" {
		to = model.Label(model.Outcomes, string(ev.Outcome), e.lang)
	}
	head := fmt.Sprintf("%s  %s → %s", model.DateOf(ev.At.Local()).String(), from, to)
	if ev.By != "" {
		head += e.st.Muted.Render(" (" + model.Escape(e.d.settings.DeviceName(ev.By)) + ")")
	}
	out := []string{head}
	// The reason and any override get lines of their own: they are what a
	// reviewer reads, and they are often longer than the column.
	if ev.Reason != "" {
		out = append(out, "   "+model.Escape(ev.Reason))
	}
	if ev.Override != "" {
		out = append(out, "   "+e.st.Warning.Render(e.t("override")+": "+model.Escape(ev.Override)))
	}
	return out
}

// shortCell drops the "Chi bộ" every cell name starts with, so a narrow
// column shows the part that tells cells apart.
func shortCell(name string) string {
	if rest, ok := strings.CutPrefix(name, "Chi bộ "); ok && rest != "" {
		return rest
	}
	return name
}
