package store

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzReadCSV: whatever bytes a CSV holds, reading it never panics, and
// what comes out is UTF-8 with a row number for every row; mapping it to
// candidates never panics either.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte("\uFEFFHọ và tên,Ngày sinh\r\nNguyễn Văn An,05/09/2001\r\n"))
	f.Add([]byte("sep=;\nHọ tên;Giới tính\n\"Lê; Thị\";Nữ\n"))
	f.Add([]byte("Ho va ten\tNgay sinh\n\"unterminated\n"))
	f.Add([]byte("NguyÔn V\xa8n An,\xae\xc6ng\r\n"))
	f.Add([]byte("\xff\xfeH\x00o\x00"))
	f.Add([]byte("Họ và tên,Số CCCD,Ngày sinh\n'=cmd,3.82E+11,37000\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sh, err := ReadCSV(b)
		if err != nil {
			return
		}
		rows, nums, err := sheetRows(sh)
		if err != nil {
			t.Fatalf("read again: %v", err)
		}
		if len(nums) != len(rows) || !slices.IsSorted(nums) {
			t.Fatalf("row numbers %v for %d rows", nums, len(rows))
		}
		for _, r := range rows {
			for _, c := range r {
				if !utf8.ValidString(c) {
					t.Fatalf("invalid UTF-8 cell %q", c)
				}
			}
		}
		if sh.guess.unreadable() {
			return
		}
		findHeader(candidateImporter.table, "full_name", sh.headRowsFixed())
		for _, r := range rows {
			for _, c := range r {
				importDate(c, false)
				wholeNumber(c)
				yesNo(strings.TrimSpace(c))
			}
		}
	})
}
