package model

import (
	"fmt"
	"slices"
	"strings"
)

// Reports of a file that merged several communes (docs/file-format.md §17
// item 3): one commune's report, or every commune's rows one after the
// other. Each commune's rows are the very report that commune's own file
// would give, computed on its cells and their candidates, so a district's
// figures add up to what the communes reported themselves.

// Errors of the commune choice, each one sentence in both languages.
var (
	errNoCommune = Text{
		VI: "Không có xã “%s” trong tệp này; các xã có trong tệp: %s.",
		EN: "There is no commune “%s” in this file; the communes in it are: %s."}
	errManyCommunes = Text{
		VI: "“%s” khớp với nhiều xã: %s; hãy ghi rõ tên hơn.",
		EN: "“%s” matches several communes: %s; give more of the name."}
	errClassesByCommune = Text{
		VI: "Báo cáo lớp bồi dưỡng không chia theo xã được, vì lớp không thuộc riêng xã nào.",
		EN: "The classes report cannot be split by commune, because a class belongs to no one commune."}
)

// communeColumn heads the column that names each row's commune.
var communeColumn = Text{"Đảng bộ xã", "Commune"}

// allCommunes names the rows of the whole file in a report by commune.
var allCommunes = Text{"Tất cả các xã", "All communes"}

// reportEndsInTotal lists the reports whose last row totals the others:
// by commune, it is each commune's subtotal, and the whole file's ends
// the report.
func reportEndsInTotal(what string) bool {
	return what == "targets" || what == "sources" || what == "pool"
}

// communeError explains a commune that matched none or several.
func communeError(typed string, communes []string, lang Lang) error {
	f := foldCommune(typed)
	var names, many []string
	for _, c := range communes {
		names = append(names, CommuneLabel(c, lang))
		if f != "" && strings.Contains(foldCommune(c), f) {
			many = append(many, c)
		}
	}
	t, list := errNoCommune, strings.Join(names, ", ")
	if len(many) > 1 {
		t, list = errManyCommunes, strings.Join(many, ", ")
	}
	return &FieldError{Field: "commune", Msg: Text{
		VI: fmt.Sprintf(t.VI, Clean(typed), list), EN: fmt.Sprintf(t.EN, Clean(typed), list)}}
}

// ofCommune narrows the input to one commune.
func (in ReportInput) ofCommune(commune string) ReportInput {
	in.Snapshot, in.Facts = in.Snapshot.OfCommune(commune, in.Facts)
	in.Commune, in.ByCommune = "", false
	return in
}

// reportOfCommunes is BuildReport for in.Commune and in.ByCommune. A file
// of one commune gives the report it always gave: there is nothing to
// group, and a script's output must not change under it.
func reportOfCommunes(what string, in ReportInput, lang Lang) (Report, error) {
	if what == "classes" {
		return Report{}, &FieldError{Field: "commune", Msg: errClassesByCommune}
	}
	communes := Communes(in.Cells, in.Settings.Commune)
	if in.Commune != "" {
		c, ok := MatchCommune(in.Commune, communes)
		if !ok {
			return Report{}, communeError(in.Commune, communes, lang)
		}
		r, err := buildReport(what, in.ofCommune(c), lang)
		if c != "" {
			r.Committee = c
		}
		return r, err
	}
	whole, err := buildReport(what, in, lang)
	if err != nil || len(communes) < 2 {
		return whole, err
	}
	out := whole
	out.Columns = append([]string{communeColumn.In(lang)}, whole.Columns...)
	out.Rows = nil
	for _, c := range communes {
		r, _ := buildReport(what, in.ofCommune(c), lang)
		for _, row := range r.Rows {
			out.Rows = append(out.Rows, append([]string{CommuneLabel(c, lang)}, row...))
		}
	}
	var tail [][]string
	switch {
	case reportEndsInTotal(what) && len(whole.Rows) > 0:
		tail = whole.Rows[len(whole.Rows)-1:]
	case what == "breakdown":
		tail = whole.Rows
	}
	for _, row := range tail {
		out.Rows = append(out.Rows, append([]string{allCommunes.In(lang)}, slices.Clone(row)...))
	}
	return out, nil
}
