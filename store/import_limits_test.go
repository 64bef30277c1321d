package store

// sheetRows reads every row of a sheet as an import's pass does: the
// cells, converted from a legacy encoding, and the rows' numbers.
func sheetRows(sh *ImportSheet) ([][]string, []int, error) {
	var rows [][]string
	var nums []int
	err := sh.each(func(r sheetRow) error {
		rows = append(rows, r.cells)
		nums = append(nums, r.num)
		return nil
	})
	return rows, nums, err
}
