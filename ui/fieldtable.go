package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"nguon/model"
)

// fieldsOf builds form fields from a model field table: the fields named
// by keys, or every editable field when none are named. The form, the
// detail view and export all read the same table (model/field_tables.go).
func fieldsOf[T any](e *env, table []model.Field[T], keys ...string) []*field {
	var out []*field
	add := func(mf model.Field[T]) {
		f := &field{key: mf.Key, label: mf.Label, section: mf.Section, required: mf.Required, limit: mf.Limit}
		switch mf.Kind {
		case model.KindDate:
			f.kind = dateField
		case model.KindNumber:
			f.kind = numberField
		case model.KindChoice, model.KindYesNo:
			f.kind, f.options = choiceField, mf.Options()
		case model.KindCellRef:
			f.kind, f.options = choiceField, e.d.cellOptions()
		case model.KindLongText:
			if f.limit == 0 {
				f.limit = 2000
			}
		case model.KindDateList:
			set := mf.Set
			f.check = func(v string) *model.FieldError { var r T; return set(&r, v) }
		}
		out = append(out, f)
	}
	if len(keys) == 0 {
		for _, mf := range table {
			if !mf.ReadOnly && mf.Kind != model.KindCandidateRef {
				add(mf)
			}
		}
		return out
	}
	for _, k := range keys {
		if mf, ok := model.FieldByKey(table, k); ok {
			add(mf)
		}
	}
	return out
}

// recordForm opens a form on rec with the table's fields (or those named).
// Fields whose table entry has a Check are checked against the record as
// the form stands when the clerk leaves them (a CCCD against the sex and
// the date of birth typed above it).
func recordForm[T any](e *env, title string, table []model.Field[T], rec T, keys ...string) *form {
	fields := fieldsOf(e, table, keys...)
	f := newForm(title, e.lang, fields, model.Values(table, &rec))
	for _, fl := range f.fields {
		mf, ok := model.FieldByKey(table, fl.key)
		if !ok || mf.Check == nil {
			continue
		}
		check := mf.Check
		fl.check = func(v string) *model.FieldError {
			cur := rec
			model.Apply(table, &cur, f.values())
			return check(&cur, v)
		}
	}
	return f
}

// fromForm copies the form's values into a copy of rec.
func fromForm[T any](table []model.Field[T], rec T, vals map[string]string) (T, model.Problems) {
	p := model.Apply(table, &rec, vals)
	return rec, p
}

// cellOptions are the cells a record can be given: archived cells are no
// longer offered.
func (d *data) cellOptions() []model.Option {
	var opts []model.Option
	for _, c := range d.cells {
		if !c.Archived {
			opts = append(opts, model.Option{Code: c.ID.String(), Label: model.Text{VI: c.Name, EN: c.Name}})
		}
	}
	return opts
}

// names resolves references for display from the in-memory data.
func (d *data) names() model.Names {
	return model.Names{Cell: d.cellName, Candidate: d.candName}
}

// detailRows are the lines of a detail view read from a field table: a
// label and the value as a person reads it, for every editable field that
// has a value, under its section's heading (written only when a line
// follows it). extra adds text after a field's value (the age after the
// date of birth); show, when set, leaves fields out. Labels get the width
// of the longest shown, at least minW, so none is cut into its value.
func detailRows[T any](e *env, table []model.Field[T], rec *T, minW int, extra func(key string) string, show func(key string) bool) []string {
	type row struct{ label, value, section string }
	var rows []row
	labelW := minW
	for _, f := range table {
		if f.ReadOnly || (show != nil && !show(f.Key)) {
			continue
		}
		v := f.Display(rec, e.lang, e.d.names())
		if f.Kind == model.KindYesNo && f.Get(rec) != "1" {
			v = ""
		}
		if v == "" {
			continue
		}
		if extra != nil {
			v += extra(f.Key)
		}
		label := f.Label.In(e.lang)
		labelW = max(labelW, ansi.StringWidth(label)+1)
		rows = append(rows, row{label, v, f.Section.In(e.lang)})
	}
	var lines []string
	section := ""
	for _, r := range rows {
		if r.section != "" && r.section != section {
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, e.st.Section.Render("── "+r.section))
			section = r.section
		}
		lines = append(lines, pad(r.label, labelW, false)+model.Escape(r.value))
	}
	return lines
}

// detailLines is detailRows as one block of text.
func detailLines[T any](e *env, table []model.Field[T], rec *T, labelW int, show func(key string) bool) string {
	var b strings.Builder
	for _, l := range detailRows(e, table, rec, labelW, nil, show) {
		b.WriteString(l + "\n")
	}
	return b.String()
}
