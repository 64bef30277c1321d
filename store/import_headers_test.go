package store

import (
	"testing"

	"nguon/model"
)

// Every header an import accepts names one field of its table: no alias
// of one field is the label or an alias of another.
func TestHeaderAliasesAreUnique(t *testing.T) {
	check := func(name string, keys map[string][]string) {
		for h, fields := range keys {
			if len(fields) > 1 {
				t.Errorf("%s: the header %q means %v", name, h, fields)
			}
		}
	}
	check("candidates", headerOwners(model.CandidateFields))
	check("cells", headerOwners(model.CellFields))
	// What clerks write is understood.
	keys := headerKeys(model.CandidateFields)
	for h, want := range map[string]string{
		"Họ và tên": "full_name", "HỌ TÊN": "full_name", "Ngày sinh": "dob", "Ngày, tháng, năm sinh": "dob",
		"Số CCCD": "cccd", "Giới tính": "sex", "Dân tộc": "ethnicity", "Tôn giáo": "religion",
		"Thôn/xóm": "village", "Nguồn": "source", "Chi bộ": "cell", "Full name": "full_name", "Date of birth": "dob",
	} {
		if got := keys[cleanForMatch(h)]; got != want {
			t.Errorf("%q → %q, want %q", h, got, want)
		}
	}
}

func headerOwners[T any](table []model.Field[T]) map[string][]string {
	m := map[string][]string{}
	for _, f := range table {
		seen := map[string]bool{}
		for _, h := range append([]string{f.Key, f.Label.VI, f.Label.EN}, f.Aliases...) {
			k := cleanForMatch(h)
			if !seen[k] {
				seen[k] = true
				m[k] = append(m[k], f.Key)
			}
		}
	}
	return m
}
