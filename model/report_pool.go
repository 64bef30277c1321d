package model

import (
	"fmt"
	"strconv"
)

// reportPool is the sympathiser list (candidates in the pipeline who
// reached it) by cell and source group, those identified but not yet on
// it, the recognitions and removals the committee decided in the period,
// and the cells with no candidates at all (Biểu 2, part III).
func reportPool(in ReportInput, lang Lang) Report {
	l := func(vi, en string) string { return Text{vi, en}.In(lang) }
	cols := []string{l("Chi bộ", "Cell"), l("Đang theo dõi", "In pipeline"), l("Chưa vào danh sách", "Not yet listed"),
		l("Danh sách cảm tình Đảng", "Sympathiser list")}
	for _, o := range SourceGroups {
		cols = append(cols, o.Label.In(lang))
	}
	cols = append(cols, l("Công nhận chính thức trong kỳ", "Recognised in the period"), l("Xóa tên trong kỳ", "Removed in the period"),
		l("Ghi chú", "Note"))
	r := Report{
		Title: l("Quần chúng và danh sách cảm tình Đảng theo chi bộ, nguồn; công nhận, xóa tên ",
			"Candidates and the sympathiser list by cell and source; recognitions and removals ") + periodText(in.From, in.To, lang),
		Columns: cols,
	}
	nSrc := len(SourceGroups)
	type tally struct {
		active, source, listed, recognised, removed int
		bySource                                    []int
	}
	newTally := func() *tally { return &tally{bySource: make([]int, nSrc)} }
	by, total := map[ID]*tally{}, newTally()
	get := func(id ID) *tally {
		if by[id] == nil {
			by[id] = newTally()
		}
		return by[id]
	}
	in2 := func(d Date) bool { return d != 0 && in.From <= d && d <= in.To }
	for i := range in.Facts {
		f := &in.Facts[i]
		for _, t := range []*tally{get(f.Cell), total} {
			if f.InPipeline {
				t.active++
				if !f.Listed {
					t.source++
				} else {
					t.listed++
					if f.Source >= 0 {
						t.bySource[f.Source]++
					}
				}
			}
			if in2(f.Recognised) {
				t.recognised++
			}
			if in2(f.Removed) {
				t.removed++
			}
		}
	}
	line := func(name string, t *tally, note string) []string {
		out := []string{name, strconv.Itoa(t.active), strconv.Itoa(t.source), strconv.Itoa(t.listed)}
		for _, n := range t.bySource {
			out = append(out, strconv.Itoa(n))
		}
		return append(out, strconv.Itoa(t.recognised), strconv.Itoa(t.removed), note)
	}
	none := 0
	for _, c := range sortedCells(in.Cells) {
		t := get(c.ID)
		note := ""
		if t.active == 0 {
			if c.Archived && t.recognised+t.removed == 0 {
				continue
			}
			note = l("Không có quần chúng", "No candidates")
			none++
		}
		r.Rows = append(r.Rows, line(c.Name, t, note))
	}
	note := ""
	if none > 0 {
		note = fmt.Sprintf(l("%d chi bộ không có quần chúng", "%d cells without candidates"), none)
	}
	r.Rows = append(r.Rows, line(l("Toàn đảng bộ", "Whole committee"), total, note))
	return r
}
