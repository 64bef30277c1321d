package store

import (
	"fmt"

	"nguon/model"
)

// How a merge's result is told to a clerk, in either language: the
// command line prints these lines.

// maxListed caps each list: a district merging sixty communes may find
// thousands, which the review screens page through; a terminal would not.
const maxListed = 20

// Lines describes the result. Text from the files is escaped, so it cannot
// reach the terminal raw.
func (r *MergeResult) Lines(lang model.Lang) []string {
	l := func(vi, en string, args ...any) string {
		for i, a := range args {
			if s, ok := a.(string); ok {
				args[i] = model.Escape(s)
			}
		}
		return fmt.Sprintf(model.Text{VI: vi, EN: en}.In(lang), args...)
	}
	var out []string
	if r.Backup != "" {
		out = append(out, l("Đã sao lưu tệp dữ liệu trước khi gộp: %s.", "The data file was backed up before the merge: %s.", r.Backup))
	}
	for _, f := range r.Files {
		out = append(out, l("Bản sao %s: thêm mới %d, cập nhật %d, không đổi %d.",
			"Copy %s: %d added, %d updated, %d unchanged.", f.Path, f.Added, f.Updated, f.Unchanged))
		if f.Foreign {
			out = append(out, l("  Bản sao của %s, đảng bộ khác: giữ thiết lập của tệp này; %d chi bộ được ghi tên đảng bộ.",
				"  A copy of %s, another commune: this file's settings were kept; %d cells were given their commune.", f.Commune, f.Stamped))
		} else if f.SettingsApart {
			out = append(out, l("  Bản sao của một tệp khác: thiết lập của nó được giữ riêng, thiết lập của tệp này không đổi.",
				"  A copy of another file: its settings were kept apart, and this file's were left as they were."))
		}
	}
	if len(r.Conflicts) > 0 {
		out = append(out, l("Xung đột (sửa khác nhau ở hai máy), cần chọn bản đúng rồi lưu: %d.",
			"Conflicts (edited differently on two computers), to be reviewed and saved: %d.", len(r.Conflicts)))
		for i, c := range r.Conflicts {
			if i == maxListed {
				out = append(out, l("  … và %d bản ghi nữa: xem tất cả bằng :xungdot trong chương trình.",
					"  … and %d more: review them all with :conflicts in the program.", len(r.Conflicts)-maxListed))
				break
			}
			name := c.Name
			if name == "" {
				name = c.ID.String()
			}
			out = append(out, l("  – %s “%s”: %d phiên bản.", "  – %s “%s”: %d versions.", kindLabels[c.Kind].In(lang), name, c.Heads))
		}
	}
	if len(r.Duplicates) > 0 {
		out = append(out, l("Có thể trùng người (hai mã khác nhau), cần xem lại: %d cặp.",
			"Possible duplicates (one person under two IDs), to be reviewed: %d pairs.", len(r.Duplicates)))
		for i, d := range r.Duplicates {
			if i == maxListed {
				out = append(out, l("  … và %d cặp nữa: xem tất cả bằng :trunglap trong chương trình.",
					"  … and %d more pairs: review them all with :duplicates in the program.", len(r.Duplicates)-maxListed))
				break
			}
			out = append(out, "  – "+d.line(lang))
		}
	}
	return out
}

func (d DuplicatePair) line(lang model.Lang) string {
	why := model.Text{VI: "cùng họ tên, ngày sinh, thôn", EN: "same name, date of birth and village"}
	switch {
	case d.SameCCCD && d.SameName:
		why = model.Text{VI: "cùng CCCD, họ tên, ngày sinh, thôn", EN: "same CCCD, name, date of birth and village"}
	case d.SameCCCD:
		why = model.Text{VI: "cùng CCCD " + d.A.CCCD, EN: "same CCCD " + d.A.CCCD}
	}
	return fmt.Sprintf(model.Text{VI: "“%s” (sinh %s) và “%s” (sinh %s): %s.", EN: "“%s” (born %s) and “%s” (born %s): %s."}.In(lang),
		model.Escape(d.A.Name), d.A.DOB.String(), model.Escape(d.B.Name), d.B.DOB.String(), model.Escape(why.In(lang)))
}
