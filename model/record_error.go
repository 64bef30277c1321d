package model

// RecordError is a problem with one named record inside a workflow that
// touches many (closing a meeting, say): it keeps both languages, so no
// caller has to take an error string apart to say whose record failed.
type RecordError struct {
	Name string
	Err  error
}

func (e *RecordError) Error() string { return e.Name + ": " + Message(e.Err, VI) }

// Text names the record, then says what is wrong in each language.
func (e *RecordError) Text() Text {
	return Text{VI: e.Name + ": " + Message(e.Err, VI), EN: e.Name + ": " + Message(e.Err, EN)}
}

func (e *RecordError) Unwrap() error { return e.Err }
