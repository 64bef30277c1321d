// The candidate's detail view: identity on the left; certificates, the
// pipeline and the history on the right.

package ui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"nguon/model"
)

func (s *sourcesScreen) detailView() string {
	e, c, st := s.e, s.cur, s.e.st
	var lines []string
	// A section heading is written only when a line follows it.
	pending := ""
	sec := func(k string) { pending = k }
	add := func(k, v string) {
		if strings.TrimSpace(v) == "" {
			return
		}
		if pending != "" {
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, st.Section.Render("── "+e.t(pending)))
			pending = ""
		}
		lines = append(lines, pad(e.t(k), 20, false)+model.Escape(v))
	}
	age := ""
	if c.DOB != 0 {
		age = " (" + e.tf("years", model.MonthsBetween(c.DOB, e.today())/12) + ")"
	}
	// The name and where the person stands span the full width above the columns.
	header := []string{st.Title.Render(model.Escape(c.FullName)) + "  " +
		st.Status.Render(model.Label(model.Stages, string(c.Stage), e.lang))}
	if c.Outcome != "" {
		header = append(header, st.Warning.Render(e.tf("outcome", model.Label(model.Outcomes, string(c.Outcome), e.lang), model.Escape(c.OutcomeReason))))
	}
	sec("sec_identity")
	add("f_sex", model.Label(model.Sexes, string(c.Sex), e.lang))
	add("f_dob", c.DOB.String()+age)
	add("f_cccd", c.CCCD)
	add("f_birth_name", c.BirthName)
	add("f_old_id", c.OldID)
	add("f_ethnicity", model.Label(model.Ethnicities, c.Ethnicity, e.lang))
	add("f_religion", model.Label(model.Religions, c.Religion, e.lang))
	add("f_phone", c.Phone)
	sec("sec_place")
	add("f_village", c.Village)
	add("f_home_town", c.HomeTown)
	add("f_address", c.Address)
	add("f_current", c.CurrentAddress)
	sec("sec_pipeline")
	add("f_source", model.Label(model.SourceGroups, string(c.Source), e.lang))
	add("f_cell", e.d.cellName(c.CellID))
	add("f_helpers", strings.Join(c.Helpers, ", "))
	sec("sec_profile")
	add("f_occupation", c.Occupation)
	add("f_education", c.Education)
	add("f_professional", c.Professional)
	add("f_theory", c.PoliticalTheory)
	if c.YouthUnion {
		add("f_youth", e.t("yes")+" "+c.YouthUnionDate.String())
	}
	if c.TradeUnion {
		add("f_trade", e.t("yes"))
	}
	if c.WomensUnion {
		add("f_women", e.t("yes"))
	}
	add("f_discharge", c.DischargeDate.String())
	add("f_school", strings.TrimSpace(c.School+" "+c.Grade))
	add("f_enterprise", c.Enterprise)
	add("f_achievements", c.Achievements)
	add("f_notes", c.Notes)
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
			merged[i] = pad(l, lw, false) + " " + ansi.Truncate(r, rw, "…")
		}
		lines = merged
	} else {
		lines = append(append(lines, ""), right...)
	}
	if s.scroll > len(lines)-1 {
		s.scroll = max(0, len(lines)-1)
	}
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
		head += e.st.Muted.Render(" (" + model.Escape(ev.By) + ")")
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
