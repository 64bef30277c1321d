package model

import "errors"

// Lang is a UI language.
type Lang string

// The two languages nguon speaks.
const (
	VI Lang = "vi"
	EN Lang = "en"
)

// Text is one message in both languages.
type Text struct{ VI, EN string }

// In returns the message in lang (Vietnamese unless lang is English).
func (t Text) In(lang Lang) string {
	if lang == EN && t.EN != "" {
		return t.EN
	}
	return t.VI
}

// FieldError is a validation problem with one field (or the whole record when
// Field is empty). A Warning is shown but does not block saving.
type FieldError struct {
	Field   string
	Msg     Text
	Warning bool
}

func (e *FieldError) Error() string { return e.Msg.VI }

// Is makes errors.Is match a copy of a shared error value (ParseDate hands
// out copies) by what it says.
func (e *FieldError) Is(target error) bool {
	t, ok := target.(*FieldError)
	return ok && t.Msg == e.Msg && t.Warning == e.Warning
}

// Problems is the outcome of validating a record.
type Problems []*FieldError

// Errors returns the problems that block saving.
func (p Problems) Errors() Problems {
	var out Problems
	for _, e := range p {
		if !e.Warning {
			out = append(out, e)
		}
	}
	return out
}

// Warnings returns the problems that do not block saving.
func (p Problems) Warnings() Problems {
	var out Problems
	for _, e := range p {
		if e.Warning {
			out = append(out, e)
		}
	}
	return out
}

// For returns the first problem of field, or nil.
func (p Problems) For(field string) *FieldError {
	for _, e := range p {
		if e.Field == field {
			return e
		}
	}
	return nil
}

// Err returns nil when nothing blocks saving, else an error listing the blocking problems.
func (p Problems) Err() error {
	if errs := p.Errors(); len(errs) > 0 {
		return &InvalidError{Problems: errs}
	}
	return nil
}

// InvalidError is returned by the store when a record does not validate.
type InvalidError struct{ Problems Problems }

func (e *InvalidError) Error() string { return e.Problems[0].Msg.VI }

// Localized is an error that can explain itself in either language.
type Localized interface {
	error
	Text() Text
}

// Message renders any error for a person: localized errors in lang, others as is.
func Message(err error, lang Lang) string {
	var l Localized
	if errors.As(err, &l) {
		return l.Text().In(lang)
	}
	var fe *FieldError
	if errors.As(err, &fe) {
		return fe.Msg.In(lang)
	}
	var ie *InvalidError
	if errors.As(err, &ie) {
		return ie.Problems[0].Msg.In(lang)
	}
	return err.Error()
}
