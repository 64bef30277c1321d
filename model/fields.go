package model

import (
	"strconv"
	"strings"
)

// FieldKind says how a field's text is typed, checked and shown.
type FieldKind int

// Field kinds. A choice holds an option code; a cell reference holds the
// cell's ID, whose choices are the file's cells (known only at run time).
const (
	KindText FieldKind = iota
	KindLongText
	KindDate
	KindNumber
	KindChoice
	KindYesNo
	KindList // names separated by commas
	KindDateList
	KindCellRef
	KindCandidateRef
)

// YesNo are the choices of a yes/no field; its text is "1" or "0".
var YesNo = []Option{{Code: "1", Label: Text{"Có", "Yes"}}, {Code: "0", Label: Text{"Không", "No"}}}

// Field describes one field of a record of type T, as data: the form, the
// detail view, export columns and import headers all read the same entry,
// so adding a field to a record is one entry in its table.
type Field[T any] struct {
	// Key is the field's JSON name (a dotted path for nested values) and the
	// Field of the record's validation problems.
	Key     string
	Label   Text
	Section Text
	Kind    FieldKind
	Choices []Option // KindChoice; KindYesNo uses YesNo
	// Required fields may not be left empty in a form.
	Required bool
	// ReadOnly fields are exported but not typed into the record's form:
	// they change through the pipeline's own steps.
	ReadOnly bool
	// Limit is how many characters may be typed; 0 means 200.
	Limit int
	// Aliases are other column headers that mean this field on import.
	Aliases []string
	// Get returns the field as text: option codes, IDs, dd/mm/yyyy dates.
	Get func(*T) string
	// Set parses text into the field; nil for read-only fields.
	Set func(*T, string) *FieldError
	// Check looks at the value in the context of the whole record as it
	// stands (a CCCD against the sex and date of birth); nil for none.
	Check func(rec *T, v string) *FieldError
}

// Options returns the fixed choices of the field (nil for references).
func (f Field[T]) Options() []Option {
	if f.Kind == KindYesNo {
		return YesNo
	}
	return f.Choices
}

// Names resolves references for display: a cell's or a candidate's name.
type Names struct {
	Cell      func(ID) string
	Candidate func(ID) string
}

// Display returns the field as a person reads it: option labels instead
// of codes and names instead of IDs.
func (f Field[T]) Display(rec *T, lang Lang, n Names) string {
	v := f.Get(rec)
	if v == "" {
		return ""
	}
	switch f.Kind {
	case KindChoice, KindYesNo:
		return Label(f.Options(), v, lang)
	case KindCellRef, KindCandidateRef:
		id, err := ParseID(v)
		if err != nil {
			return v
		}
		if f.Kind == KindCellRef && n.Cell != nil {
			return n.Cell(id)
		}
		if f.Kind == KindCandidateRef && n.Candidate != nil {
			return n.Candidate(id)
		}
	}
	return v
}

// FieldByKey finds a field of a table.
func FieldByKey[T any](table []Field[T], key string) (Field[T], bool) {
	for _, f := range table {
		if f.Key == key {
			return f, true
		}
	}
	return Field[T]{}, false
}

// Apply sets every value of vals whose key is in table on rec and returns
// the parse problems; values of read-only or unknown keys are ignored.
func Apply[T any](table []Field[T], rec *T, vals map[string]string) Problems {
	var p Problems
	for _, f := range table {
		v, ok := vals[f.Key]
		if !ok || f.Set == nil {
			continue
		}
		if e := f.Set(rec, v); e != nil {
			if e.Field == "" {
				e.Field = f.Key
			}
			p = append(p, e)
		}
	}
	return p
}

// Values returns the text of every field of rec, by key.
func Values[T any](table []Field[T], rec *T) map[string]string {
	m := make(map[string]string, len(table))
	for _, f := range table {
		m[f.Key] = f.Get(rec)
	}
	return m
}

// Headers are the column titles of a table for export, after an ID column.
func Headers[T any](table []Field[T], lang Lang) []string {
	out := []string{"ID"}
	for _, f := range table {
		out = append(out, f.Label.In(lang))
	}
	return out
}

// Row is one exported line: the record's ID, then every field as displayed.
func Row[T any](table []Field[T], id ID, rec *T, lang Lang, n Names) []string {
	out := []string{id.String()}
	for _, f := range table {
		out = append(out, f.Display(rec, lang, n))
	}
	return out
}

// The small constructors below keep the tables one line per field.

func textField[T any](key string, label, section Text, ptr func(*T) *string) Field[T] {
	return Field[T]{Key: key, Label: label, Section: section,
		Get: func(r *T) string { return *ptr(r) },
		Set: func(r *T, v string) *FieldError { *ptr(r) = v; return nil }}
}

func longTextField[T any](key string, label, section Text, ptr func(*T) *string) Field[T] {
	f := textField(key, label, section, ptr)
	f.Kind, f.Limit = KindLongText, 2000
	return f
}

func dateField[T any](key string, label, section Text, ptr func(*T) *Date) Field[T] {
	return Field[T]{Key: key, Label: label, Section: section, Kind: KindDate,
		Get: func(r *T) string { return ptr(r).String() },
		Set: func(r *T, v string) *FieldError {
			if strings.TrimSpace(v) == "" {
				*ptr(r) = 0
				return nil
			}
			d, err := ParseDate(v)
			if err != nil {
				return asFieldError(key, err)
			}
			*ptr(r) = d
			return nil
		}}
}

func numberField[T any](key string, label, section Text, ptr func(*T) *int) Field[T] {
	return Field[T]{Key: key, Label: label, Section: section, Kind: KindNumber,
		Get: func(r *T) string {
			if n := *ptr(r); n != 0 {
				return strconv.Itoa(n)
			}
			return ""
		},
		Set: func(r *T, v string) *FieldError {
			n, err := ParseCount(v)
			if err != nil {
				return asFieldError(key, err)
			}
			*ptr(r) = n
			return nil
		}}
}

func yesNoField[T any](key string, label, section Text, ptr func(*T) *bool) Field[T] {
	return Field[T]{Key: key, Label: label, Section: section, Kind: KindYesNo,
		Get: func(r *T) string {
			if *ptr(r) {
				return "1"
			}
			return "0"
		},
		Set: func(r *T, v string) *FieldError { *ptr(r) = v == "1"; return nil }}
}

// choiceField stores an option code in a string-like field.
func choiceField[T any, S ~string](key string, label, section Text, opts []Option, ptr func(*T) *S) Field[T] {
	return Field[T]{Key: key, Label: label, Section: section, Kind: KindChoice, Choices: opts,
		Get: func(r *T) string { return string(*ptr(r)) },
		Set: func(r *T, v string) *FieldError { *ptr(r) = S(v); return nil }}
}

func refField[T any](key string, kind FieldKind, label, section Text, ptr func(*T) *ID) Field[T] {
	return Field[T]{Key: key, Label: label, Section: section, Kind: kind,
		Get: func(r *T) string {
			if id := *ptr(r); !id.IsZero() {
				return id.String()
			}
			return ""
		},
		Set: func(r *T, v string) *FieldError {
			if strings.TrimSpace(v) == "" {
				*ptr(r) = ID{}
				return nil
			}
			id, err := ParseID(strings.TrimSpace(v))
			if err != nil {
				return &FieldError{Field: key, Msg: Text{"Mã “" + v + "” không hợp lệ.", "“" + v + "” is not a valid ID."}}
			}
			*ptr(r) = id
			return nil
		}}
}

func listField[T any](key string, label, section Text, ptr func(*T) *[]string) Field[T] {
	return Field[T]{Key: key, Label: label, Section: section, Kind: KindList,
		Get: func(r *T) string { return strings.Join(*ptr(r), ", ") },
		Set: func(r *T, v string) *FieldError { *ptr(r) = SplitList(v); return nil }}
}

// SplitList reads names separated by commas or semicolons, dropping blanks.
func SplitList(v string) []string {
	var out []string
	for _, h := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' }) {
		if h = strings.TrimSpace(h); h != "" {
			out = append(out, h)
		}
	}
	return out
}

// ParseCount reads a whole number, zero or more; empty text is zero.
func ParseCount(v string) (int, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, errNotCount
	}
	return n, nil
}

var errNotCount = &FieldError{Msg: Text{"Phải là một số nguyên không âm.", "Must be a whole number, zero or more."}}

// ParseDateList reads dd/mm/yyyy dates separated by commas, semicolons or
// spaces; what names one date in a message ("Ngày nghỉ", "Holiday").
func ParseDateList(x string, what Text) ([]Date, *FieldError) {
	var out []Date
	for _, f := range strings.FieldsFunc(x, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		d, err := ParseDate(f)
		if err != nil {
			return nil, &FieldError{Msg: Text{VI: what.VI + " “" + f + "”: " + Message(err, VI), EN: what.EN + " “" + f + "”: " + Message(err, EN)}}
		}
		out = append(out, d)
	}
	return out, nil
}

// asFieldError gives a parse error the field it belongs to.
func asFieldError(key string, err error) *FieldError {
	if fe, ok := err.(*FieldError); ok {
		c := *fe
		c.Field = key
		return &c
	}
	return &FieldError{Field: key, Msg: Text{err.Error(), err.Error()}}
}

// TableReport lays records out as a report: an ID column, then one column
// per field of the table, values as a person reads them. Export files
// (CSV, XLSX) are written from it.
func TableReport[T any](title string, table []Field[T], ids []ID, recs []T, lang Lang, n Names) Report {
	r := Report{Title: title, Columns: Headers(table, lang)}
	for i := range recs {
		r.Rows = append(r.Rows, Row(table, ids[i], &recs[i], lang, n))
	}
	return r
}
