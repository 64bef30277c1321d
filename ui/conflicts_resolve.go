package ui

import (
	"encoding/json"
	"fmt"
	"strings"

	"nguon/model"
	"nguon/store"
)

// The record side of the conflicts screen: the versions of one record in
// conflict decoded into their model type, the fields that differ (from the
// kind's field table, so the rows are the ones the form and the detail view
// show), and the save that resolves the conflict. Everything here runs in
// a tea.Cmd or formats state; nothing reads the store from Update or View.

// resolver is one record in conflict, whatever its kind.
type resolver interface {
	rows() int                           // the fields that differ
	label(i int, lang model.Lang) string // the field's label
	value(i, v int, e *env) string       // field i as version v shows it ("" when empty)
	dead(v int) bool                     // version v is a deletion
	outside() bool                       // the versions differ beyond the table's fields too
	save(st *store.Store, base int, picks []int) error
	canDelete() bool
	remove(st *store.Store, id model.ID) error
}

// typedResolver is a resolver for records of type T.
type typedResolver[T any] struct {
	table   []model.Field[T]
	recs    []T    // one per version; the zero T for a deletion
	deleted []bool // per version
	diff    []model.Field[T]
	out     bool
	put     func(*store.Store, *T) error
	del     func(*store.Store, model.ID) error // nil: the kind cannot be deleted (settings)
}

// newResolver decodes the versions of a record of kind.
func newResolver(kind string, vers []store.VersionInfo) (resolver, error) {
	switch kind {
	case "cell":
		return buildResolver(model.CellFields, vers, func(st *store.Store, c *model.Cell) error { return st.PutCell(c) },
			func(st *store.Store, id model.ID) error { return st.DeleteCell(id) })
	case "candidate":
		return buildResolver(model.CandidateFields, vers, func(st *store.Store, c *model.Candidate) error { return st.PutCandidate(c) },
			func(st *store.Store, id model.ID) error { return st.DeleteCandidate(id) })
	case "class":
		return buildResolver(model.ClassFields, vers, func(st *store.Store, c *model.Class) error { return st.PutClass(c) },
			func(st *store.Store, id model.ID) error { return st.DeleteClass(id) })
	case "meeting":
		return buildResolver(model.MeetingFields, vers, func(st *store.Store, m *model.Meeting) error { return st.PutMeeting(m) },
			func(st *store.Store, id model.ID) error { return st.DeleteMeeting(id) })
	case "settings":
		return buildResolver(model.SettingsFields, vers, func(st *store.Store, v *model.Settings) error { return st.PutSettings(*v) }, nil)
	}
	return nil, &uiError{model.Text{VI: "Không biết loại bản ghi “" + model.Escape(kind) + "”.",
		EN: "Unknown kind of record “" + model.Escape(kind) + "”."}}
}

func buildResolver[T any](table []model.Field[T], vers []store.VersionInfo, put func(*store.Store, *T) error,
	del func(*store.Store, model.ID) error) (resolver, error) {
	r := &typedResolver[T]{table: table, put: put, del: del}
	for _, v := range vers {
		var rec T
		if v.Data != nil {
			if err := json.Unmarshal(v.Data, &rec); err != nil {
				return nil, err
			}
		}
		r.recs = append(r.recs, rec)
		r.deleted = append(r.deleted, v.Data == nil)
	}
	// A deletion compares as the empty record: against it, every field the
	// edit has differs, which is what the clerk weighs.
	r.diff = store.DifferingFields(table, r.recs)
	r.out = r.differsOutside()
	return r, nil
}

func (r *typedResolver[T]) rows() int       { return len(r.diff) }
func (r *typedResolver[T]) dead(v int) bool { return r.deleted[v] }
func (r *typedResolver[T]) outside() bool   { return r.out }
func (r *typedResolver[T]) canDelete() bool { return r.del != nil }

func (r *typedResolver[T]) label(i int, lang model.Lang) string { return r.diff[i].Label.In(lang) }

func (r *typedResolver[T]) value(i, v int, e *env) string {
	f := r.diff[i]
	s := f.Display(&r.recs[v], e.lang, e.d.names())
	if f.Kind == model.KindYesNo && s == "" {
		s = model.Label(model.YesNo, "0", e.lang)
	}
	return s
}

// differsOutside reports whether two live versions still differ once the
// differing fields are copied: targets, enrolments, an agenda and the
// pipeline's dates are not in the tables, and come from the base version.
func (r *typedResolver[T]) differsOutside() bool {
	for v := 1; v < len(r.recs); v++ {
		if r.deleted[v] || r.deleted[0] {
			continue
		}
		tmp := r.recs[0]
		for _, f := range r.diff {
			if copyField(f, &tmp, &r.recs[v]) != nil {
				return true
			}
		}
		a, errA := json.Marshal(tmp)
		b, errB := json.Marshal(r.recs[v])
		if errA != nil || errB != nil || string(a) != string(b) {
			return true
		}
	}
	return false
}

// save starts from the base version (the winner unless a whole other
// version was taken), copies each picked field from its version, and
// saves through the normal put, whose revision names every head as a
// parent: that resolves the conflict, here and wherever it is merged.
func (r *typedResolver[T]) save(st *store.Store, base int, picks []int) error {
	rec := r.recs[base]
	for i, f := range r.diff {
		if p := picks[i]; p != base && !r.deleted[p] {
			if err := copyField(f, &rec, &r.recs[p]); err != nil {
				return err
			}
		}
	}
	return r.put(st, &rec)
}

func (r *typedResolver[T]) remove(st *store.Store, id model.ID) error { return r.del(st, id) }

// errCopy says a field could not be copied between versions.
func errCopy(label model.Text) error {
	return &uiError{model.Text{
		VI: "Không chép được ô “" + label.VI + "” từ phiên bản đã chọn; hãy lấy cả phiên bản đó.",
		EN: "The field “" + label.EN + "” could not be copied from the chosen version; take that whole version instead."}}
}

// copyField sets field f of dst to its value in src: through the table's
// Set, or, for a read-only field (the stage, a cell's commune), through
// its JSON name, since only the pipeline's steps have a setter for it. The
// copy is checked, so a value that does not survive is never saved.
func copyField[T any](f model.Field[T], dst, src *T) error {
	want := f.Get(src)
	if f.Set != nil {
		if fe := f.Set(dst, want); fe != nil {
			return fe
		}
	} else if err := copyJSON(f.Key, dst, src); err != nil {
		return err
	}
	if f.Get(dst) != want {
		return errCopy(f.Label)
	}
	return nil
}

// copyJSON copies the value at a dotted JSON path from src into dst.
func copyJSON[T any](path string, dst, src *T) error {
	var d, s map[string]json.RawMessage
	if err := remarshal(dst, &d); err != nil {
		return err
	}
	if err := remarshal(src, &s); err != nil {
		return err
	}
	if err := copyPath(d, s, strings.Split(path, ".")); err != nil {
		return err
	}
	raw, err := json.Marshal(d)
	if err != nil {
		return err
	}
	var out T
	if err := json.Unmarshal(raw, &out); err != nil {
		return err
	}
	*dst = out
	return nil
}

func remarshal(v any, into *map[string]json.RawMessage) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, into)
}

// copyPath copies s's value at path into d; a value s leaves out (empty,
// omitted) is left out of d too.
func copyPath(d, s map[string]json.RawMessage, path []string) error {
	k := path[0]
	if len(path) == 1 {
		if v, ok := s[k]; ok {
			d[k] = v
		} else {
			delete(d, k)
		}
		return nil
	}
	var dn, sn map[string]json.RawMessage
	if len(d[k]) > 0 {
		if err := json.Unmarshal(d[k], &dn); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	if len(s[k]) > 0 {
		if err := json.Unmarshal(s[k], &sn); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	if dn == nil { // absent or null: an empty object
		dn = map[string]json.RawMessage{}
	}
	if err := copyPath(dn, sn, path[1:]); err != nil {
		return err
	}
	raw, err := json.Marshal(dn)
	d[k] = raw
	return err
}
