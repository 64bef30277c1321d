// The candidate form: every field of DESIGN.md §4, grouped in sections.

package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
)

var yesNo = []model.Option{{Code: "1", Label: catalog["yes"]}, {Code: "0", Label: catalog["no"]}}

func boolCode(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func (s *sourcesScreen) cellOptions() []model.Option {
	var opts []model.Option
	for _, c := range s.e.d.cells {
		if !c.Archived {
			opts = append(opts, model.Option{Code: c.ID.String(), Label: model.Text{VI: c.Name, EN: c.Name}})
		}
	}
	return opts
}

func (s *sourcesScreen) openForm(c model.Candidate) tea.Cmd {
	e := s.e
	idn, place, prof, pipe := catalog["sec_identity"], catalog["sec_place"], catalog["sec_profile"], catalog["sec_pipeline"]
	var f *form
	cccdCheck := func(v string) *model.FieldError {
		dob, _ := model.ParseDate(f.field("dob").value())
		if p := model.CheckCCCD(v, model.Sex(f.field("sex").value()), dob); len(p) > 0 {
			return p[0]
		}
		return nil
	}
	first := func(p model.Problems) *model.FieldError {
		if len(p) > 0 {
			return p[0]
		}
		return nil
	}
	fields := []*field{
		{key: "full_name", label: catalog["f_full_name"], section: idn, required: true},
		{key: "sex", label: catalog["f_sex"], section: idn, kind: choiceField, options: model.Sexes, required: true},
		{key: "dob", label: catalog["f_dob"], section: idn, kind: dateField, required: true},
		// Source and cell come early: they are required and what lists filter on.
		{key: "source", label: catalog["f_source"], section: idn, kind: choiceField, options: model.SourceGroups, required: true},
		{key: "cell", label: catalog["f_cell"], section: idn, kind: choiceField, options: s.cellOptions()},
		{key: "cccd", label: catalog["f_cccd"], section: idn, check: cccdCheck},
		{key: "birth_name", label: catalog["f_birth_name"], section: idn},
		{key: "old_id", label: catalog["f_old_id"], section: idn, check: func(v string) *model.FieldError { return first(model.CheckOldID(v)) }},
		{key: "ethnicity", label: catalog["f_ethnicity"], section: idn, kind: choiceField, options: model.Ethnicities},
		{key: "religion", label: catalog["f_religion"], section: idn, kind: choiceField, options: model.Religions},
		{key: "phone", label: catalog["f_phone"], section: idn, check: func(v string) *model.FieldError { return first(model.CheckPhone(v)) }},
		{key: "village", label: catalog["f_village"], section: place},
		{key: "home_town", label: catalog["f_home_town"], section: place},
		{key: "address", label: catalog["f_address"], section: place},
		{key: "current_address", label: catalog["f_current"], section: place},
		{key: "helpers", label: catalog["f_helpers"], section: pipe},
		{key: "ext_cert_no", label: catalog["f_ext_cert_no"], section: pipe},
		{key: "ext_cert_date", label: catalog["f_ext_cert_date"], section: pipe, kind: dateField},
		{key: "occupation", label: catalog["f_occupation"], section: prof},
		{key: "education", label: catalog["f_education"], section: prof},
		{key: "professional", label: catalog["f_professional"], section: prof},
		{key: "political_theory", label: catalog["f_theory"], section: prof},
		{key: "youth_union", label: catalog["f_youth"], section: prof, kind: choiceField, options: yesNo},
		{key: "youth_union_date", label: catalog["f_youth_date"], section: prof, kind: dateField},
		{key: "trade_union", label: catalog["f_trade"], section: prof, kind: choiceField, options: yesNo},
		{key: "womens_union", label: catalog["f_women"], section: prof, kind: choiceField, options: yesNo},
		{key: "discharge_date", label: catalog["f_discharge"], section: prof, kind: dateField},
		{key: "school", label: catalog["f_school"], section: prof},
		{key: "grade", label: catalog["f_grade"], section: prof},
		{key: "enterprise", label: catalog["f_enterprise"], section: prof},
		{key: "achievements", label: catalog["f_achievements"], section: prof},
		{key: "notes", label: catalog["f_notes"], section: prof},
	}
	cell := ""
	if !c.CellID.IsZero() {
		cell = c.CellID.String()
	}
	vals := map[string]string{
		"full_name": c.FullName, "sex": string(c.Sex), "dob": c.DOB.String(), "cccd": c.CCCD, "birth_name": c.BirthName,
		"old_id": c.OldID, "ethnicity": c.Ethnicity, "religion": c.Religion, "phone": c.Phone, "village": c.Village,
		"home_town": c.HomeTown, "address": c.Address, "current_address": c.CurrentAddress, "source": string(c.Source),
		"cell": cell, "helpers": strings.Join(c.Helpers, ", "), "ext_cert_no": c.ExtCert.No, "ext_cert_date": c.ExtCert.Date.String(),
		"occupation": c.Occupation, "education": c.Education, "professional": c.Professional, "political_theory": c.PoliticalTheory,
		"youth_union": boolCode(c.YouthUnion), "youth_union_date": c.YouthUnionDate.String(), "trade_union": boolCode(c.TradeUnion),
		"womens_union": boolCode(c.WomensUnion), "discharge_date": c.DischargeDate.String(), "school": c.School, "grade": c.Grade,
		"enterprise": c.Enterprise, "achievements": c.Achievements, "notes": c.Notes,
	}
	title := e.t("new_cand")
	if !c.ID.IsZero() {
		title = e.t("edit_cand")
	}
	f = newForm(title, e.lang, fields, vals)
	f.setSize(s.w, s.h)
	s.form = f
	s.cur = c
	s.mode = formMode
	return f.fields[0].input.Focus()
}

func parseDateOr0(v string) model.Date { d, _ := model.ParseDate(v); return d }

func (s *sourcesScreen) submit(v map[string]string) tea.Cmd {
	e := s.e
	if e.store.ReadOnly() {
		s.form.err = e.t("readonly_err")
		return nil
	}
	c := s.cur
	c.FullName, c.Sex, c.DOB, c.CCCD, c.BirthName = v["full_name"], model.Sex(v["sex"]), parseDateOr0(v["dob"]), v["cccd"], v["birth_name"]
	c.OldID, c.Ethnicity, c.Religion, c.Phone, c.Village = v["old_id"], v["ethnicity"], v["religion"], v["phone"], v["village"]
	c.HomeTown, c.Address, c.CurrentAddress, c.Source = v["home_town"], v["address"], v["current_address"], model.SourceGroup(v["source"])
	c.CellID, _ = model.ParseID(v["cell"])
	c.Helpers = nil
	for _, h := range strings.Split(v["helpers"], ",") {
		if h = strings.TrimSpace(h); h != "" {
			c.Helpers = append(c.Helpers, h)
		}
	}
	c.ExtCert.No, c.ExtCert.Date = v["ext_cert_no"], parseDateOr0(v["ext_cert_date"])
	c.Occupation, c.Education, c.Professional, c.PoliticalTheory = v["occupation"], v["education"], v["professional"], v["political_theory"]
	c.YouthUnion, c.YouthUnionDate, c.TradeUnion, c.WomensUnion = v["youth_union"] == "1", parseDateOr0(v["youth_union_date"]), v["trade_union"] == "1", v["womens_union"] == "1"
	c.DischargeDate, c.School, c.Grade, c.Enterprise = parseDateOr0(v["discharge_date"]), v["school"], v["grade"], v["enterprise"]
	c.Achievements, c.Notes = v["achievements"], v["notes"]
	if c.Stage == "" {
		c.Stage = model.StageSource
		c.Steps = map[model.Stage]model.Step{model.StageSource: {Date: e.today()}}
	}
	c.Normalize()
	if s.form.setProblems(c.Validate(e.today())) {
		return nil
	}
	return s.saveCmd(c)
}
