package model

// Dataset is a whole set of records, as the demo builds it or an import reads it.
type Dataset struct {
	Settings   Settings
	Cells      []Cell
	Candidates []Candidate
	Classes    []Class
	Meetings   []Meeting
}
