package store

import (
	"fmt"
	"strings"

	"nguon/model"
)

// How an import's result is told to a clerk, in either language: the
// command line prints every line, the TUI the first few of each kind.

// KindName is what the imported records are called.
func (r *ImportResult) KindName(lang model.Lang) string {
	if r.Kind == "cells" {
		return model.Text{VI: "chi bộ", EN: "cells"}.In(lang)
	}
	return model.Text{VI: "quần chúng", EN: "candidates"}.In(lang)
}

// Counts is the one-line tally: added, updated, unchanged, duplicates, errors.
func (r *ImportResult) Counts(lang model.Lang) string {
	t := model.Text{
		VI: "%s: thêm mới %d, cập nhật %d, không đổi %d, trùng %d, lỗi %d.",
		EN: "%s: %d added, %d updated, %d unchanged, %d duplicates, %d with errors."}
	name := r.KindName(lang)
	name = strings.ToUpper(name[:1]) + name[1:] // both start with an ASCII letter
	return fmt.Sprintf(t.In(lang), name, r.Added, r.Updated, r.Unchanged, len(r.Duplicates), len(r.Errors))
}

// Lines describes the result, at most limit rows of each kind (0: all).
// Text from the file is escaped, so it cannot reach the terminal raw.
func (r *ImportResult) Lines(lang model.Lang, limit int) []string { return r.lines(lang, limit, 0) }

// Brief is Lines with at most total rows in all (errors first, then
// duplicates, then notes): what fits above a question on a small screen.
func (r *ImportResult) Brief(lang model.Lang, total int) []string { return r.lines(lang, 0, total) }

func (r *ImportResult) lines(lang model.Lang, limit, total int) []string {
	l := func(vi, en string, args ...any) string {
		for i, a := range args {
			if s, ok := a.(string); ok {
				args[i] = model.Escape(s)
			}
		}
		return fmt.Sprintf(model.Text{VI: vi, EN: en}.In(lang), args...)
	}
	var out []string
	where := ""
	if r.Sheet != "" {
		where = l(" trang “%s”,", " sheet “%s”,", r.Sheet)
	}
	if r.HeaderRow > 0 {
		out = append(out, l("Đọc%s tiêu đề ở dòng %d.", "Read%s header on row %d.", where, r.HeaderRow))
	}
	if r.Encoding != EncUnicode {
		out = append(out, l("Tệp dùng bảng mã %s; đã chuyển sang Unicode.", "The file is in the %s encoding; converted to Unicode.", r.Encoding.Name()))
	}
	if len(r.Unknown) > 0 {
		names := make([]string, len(r.Unknown))
		for i, u := range r.Unknown {
			names[i] = "“" + model.Escape(u) + "”"
			if col, ok := strings.CutPrefix(u, blankColumn); ok {
				names[i] = model.Text{VI: "cột " + col + " (không có tiêu đề)", EN: "column " + col + " (no header)"}.In(lang)
			}
		}
		out = append(out, l("Cột không nhận ra nên không nhập: %s.", "Columns not recognised, so not imported: %s.", strings.Join(names, ", ")))
	}
	if len(r.ReadOnly) > 0 {
		out = append(out, l("Cột chỉ thay đổi qua các bước của quy trình nên không nhập: %s.",
			"Columns that change only through the pipeline's steps, so not imported: %s.", quoteAll(r.ReadOnly)))
	}
	out = append(out, r.Counts(lang))
	shown, hidden := 0, 0
	notes := func(kind string, ns []RowNote) {
		groups := groupNotes(ns, lang)
		for i, g := range groups {
			if total > 0 && shown == total {
				hidden += restRows(groups[i:])
				break
			}
			if limit > 0 && i == limit {
				out = append(out, l("… và %d dòng nữa.", "… and %d more rows.", restRows(groups[i:])))
				break
			}
			shown++
			if len(g.rows) == 1 {
				who := ""
				if g.name != "" {
					who = " (" + model.Escape(clip(g.name)) + ")"
				}
				out = append(out, fmt.Sprintf("%s %s %d%s: %s", kind, model.Text{VI: "dòng", EN: "row"}.In(lang), g.rows[0], who, g.msg))
				continue
			}
			out = append(out, fmt.Sprintf("%s %s %s: %s", kind, model.Text{VI: "dòng", EN: "rows"}.In(lang), rowRanges(g.rows, lang), g.msg))
		}
	}
	notes(l("Lỗi", "Error"), r.Errors)
	notes(l("Trùng", "Duplicate"), r.Duplicates)
	notes(l("Lưu ý", "Note"), r.Warnings)
	if hidden > 0 {
		out = append(out, l("… và %d dòng nữa (xem tất cả bằng “nguon import --dry-run”).", "… and %d more rows (see them all with “nguon import --dry-run”).", hidden))
	}
	if r.Backup != "" {
		out = append(out, l("Đã sao lưu tệp dữ liệu trước khi nhập vào %s.", "The data file was backed up before the import to %s.", r.Backup))
	}
	return out
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = quote(s)
	}
	return strings.Join(q, ", ")
}

// noteGroup is the rows that have the same note: a column of bad dates is
// one line, not one per row.
type noteGroup struct {
	rows []int
	name string // the first row's
	msg  string // escaped
}

// groupNotes groups notes whose message is the same in lang, in the order
// each message first appears.
func groupNotes(ns []RowNote, lang model.Lang) []noteGroup {
	var out []noteGroup
	at := map[string]int{}
	for _, n := range ns {
		m := n.Msg.In(lang)
		if i, ok := at[m]; ok {
			out[i].rows = append(out[i].rows, n.Row)
			continue
		}
		at[m] = len(out)
		out = append(out, noteGroup{rows: []int{n.Row}, name: n.Name, msg: model.Escape(m)})
	}
	return out
}

func restRows(gs []noteGroup) int {
	n := 0
	for _, g := range gs {
		n += len(g.rows)
	}
	return n
}

// maxRanges is how many runs of rows a grouped note names before it only
// counts them.
const maxRanges = 8

// rowRanges says which rows: "2–100001", "2, 4–7, 9", and past maxRanges
// runs "2, 4, 6, … (50000 rows)".
func rowRanges(rows []int, lang model.Lang) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if len(parts) == maxRanges {
			return strings.Join(parts, ", ") + ", … (" + fmt.Sprintf(model.Text{VI: "%d dòng", EN: "%d rows"}.In(lang), len(rows)) + ")"
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d–%d", rows[i], rows[j]))
		} else {
			parts = append(parts, fmt.Sprint(rows[i]))
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}
