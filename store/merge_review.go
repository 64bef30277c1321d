package store

import (
	"bytes"
	"encoding/json"
	"slices"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Reviewing what a merge surfaced: conflicts (a record with several
// current revisions) and possible duplicates (one person entered twice,
// under two IDs). Neither is ever settled without the clerk.

// Errors of the review.
var (
	ErrResolveFirst = newError("Bản ghi này đang có xung đột; hãy giải quyết xung đột trước.",
		"This record is in conflict; resolve the conflict first.")
	ErrSamePerson = newError("Hai bản ghi phải khác nhau.", "The two records must be different.")
)

// ConflictInfo names a record in conflict.
type ConflictInfo struct {
	ID    model.ID
	Kind  string // cell, candidate, class, meeting, settings
	Name  string // from the winning (else any live) revision
	Heads int
}

// VersionInfo is one current revision of a record in conflict: what a
// side-by-side view shows.
type VersionInfo struct {
	Revision RevisionInfo
	Winner   bool            // the one shown until the conflict is resolved
	Data     json.RawMessage // the payload; nil for a deletion
}

// ConflictList lists the records in conflict with their names.
func (s *Store) ConflictList() ([]ConflictInfo, error) {
	ids, err := s.Conflicts()
	if err != nil || len(ids) == 0 {
		return nil, err
	}
	var out []ConflictInfo
	err = s.view(func(tx *bolt.Tx) error {
		for _, id := range ids {
			revs, err := revsOf(tx, id)
			if err != nil {
				return err
			}
			heads, w := resolve(revs)
			if w == nil {
				continue
			}
			out = append(out, ConflictInfo{ID: id, Kind: w.Kind, Name: nameIn(w.Data), Heads: len(heads)})
		}
		return nil
	})
	return out, err
}

// ConflictVersions returns the current revisions (heads) of a record,
// the winner first, each with its payload. Resolving is saving the chosen
// payload (merged field by field, or one version whole) through the normal
// put (PutCandidate…), whose revision names every head as its parent; a
// resolution then merges everywhere like any edit.
func (s *Store) ConflictVersions(id model.ID) ([]VersionInfo, error) {
	var out []VersionInfo
	err := s.view(func(tx *bolt.Tx) error {
		revs, err := revsOf(tx, id)
		if err != nil {
			return err
		}
		heads, w := resolve(revs)
		for _, h := range heads {
			v := VersionInfo{Revision: h.info(), Winner: h == w}
			if !h.Deleted {
				v.Data = slices.Clone(h.Data)
			}
			out = append(out, v)
		}
		slices.SortStableFunc(out, func(a, b VersionInfo) int { return boolOrder(b.Winner) - boolOrder(a.Winner) })
		return nil
	})
	if err == nil && len(out) == 0 {
		err = ErrNotFound
	}
	return out, err
}

func boolOrder(b bool) int {
	if b {
		return 1
	}
	return 0
}

// DifferingFields returns the fields of table whose values differ between
// the versions (decoded payloads of a record in conflict): the rows of a
// side-by-side view.
func DifferingFields[T any](table []model.Field[T], versions []T) []model.Field[T] {
	var out []model.Field[T]
	for _, f := range table {
		if f.Get == nil {
			continue
		}
		for i := 1; i < len(versions); i++ {
			if f.Get(&versions[i]) != f.Get(&versions[0]) {
				out = append(out, f)
				break
			}
		}
	}
	return out
}

// headPayload returns the payload of a live candidate with one head.
func headPayload(tx *bolt.Tx, id model.ID) (map[string]json.RawMessage, error) {
	revs, err := revsOf(tx, id)
	if err != nil {
		return nil, err
	}
	heads, w := resolve(revs)
	switch {
	case w == nil || w.Deleted:
		return nil, ErrNotFound
	case w.Kind != kindCandidate.name:
		return nil, ErrWrongKind
	case len(heads) > 1:
		return nil, ErrResolveFirst
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(w.Data, &m); err != nil {
		return nil, wrap(ErrCorrupt, err)
	}
	return m, nil
}

// MarkNotDuplicate remembers that candidates a and b are two people, so
// PossibleDuplicates no longer pairs them. The mark is a field
// "not_same_as" (a list of IDs) in a revision of each of the two: it merges
// with them, and since the check reads every revision of a pair, a later
// edit that drops the field (model.Candidate does not know it) keeps it.
func (s *Store) MarkNotDuplicate(a, b model.ID) error {
	if a == b {
		return ErrSamePerson
	}
	return s.Update(func(t *Tx) error {
		for _, p := range [][2]model.ID{{a, b}, {b, a}} {
			m, err := headPayload(t.tx, p[0])
			if err != nil {
				return err
			}
			var marks []model.ID
			_ = json.Unmarshal(m["not_same_as"], &marks)
			if slices.Contains(marks, p[1]) {
				continue
			}
			marks = append(marks, p[1])
			slices.SortFunc(marks, func(x, y model.ID) int { return bytes.Compare(x[:], y[:]) })
			if err := writeWith(t, p[0], m, "not_same_as", marks); err != nil {
				return err
			}
		}
		return nil
	})
}

// MergeDuplicate records that gone is the same person as keep: a revision
// of gone carrying "merged_into": keep, then its deletion, in one
// transaction. Both histories stay (Revisions); gone leaves every list and
// count as any deleted record does, and an edit of gone made elsewhere
// meanwhile brings it back as a conflict, never silently. Copy what gone
// knew into keep (saving keep) first.
func (s *Store) MergeDuplicate(keep, gone model.ID) error {
	if keep == gone {
		return ErrSamePerson
	}
	return s.Update(func(t *Tx) error {
		if _, err := headPayload(t.tx, keep); err != nil {
			return err
		}
		m, err := headPayload(t.tx, gone)
		if err != nil {
			return err
		}
		if err := writeWith(t, gone, m, "merged_into", keep); err != nil {
			return err
		}
		t.intents = append(t.intents, intent{Op: "delete", Kind: kindCandidate.name, ID: gone})
		if err := t.write(kindCandidate, gone, nil, true); err != nil {
			return err
		}
		return repoint(t, keep, gone)
	})
}

// repoint moves what classes and meetings record of candidate gone to
// keep, the same person: their enrolments and agenda items would
// otherwise name a record that no longer exists. Enrolled twice in one
// class, the person keeps one enrolment, a passed one if either passed.
// On a meeting's agenda twice, both items stay as they were decided, the
// one of gone under its old ID.
func repoint(t *Tx, keep, gone model.ID) error {
	classes, err := list[model.Class](t.tx, kindClass)
	if err != nil {
		return err
	}
	for _, c := range classes {
		at, was := -1, -1
		for i, e := range c.Enrolments {
			switch e.Candidate {
			case keep:
				at = i
			case gone:
				was = i
			}
		}
		if was < 0 {
			continue
		}
		c.Enrolments = slices.Clone(c.Enrolments)
		e := c.Enrolments[was]
		e.Candidate = keep
		switch {
		case at < 0:
			c.Enrolments[was] = e
		case e.Result == model.ResultPassed && c.Enrolments[at].Result != model.ResultPassed:
			c.Enrolments[at] = e
			c.Enrolments = slices.Delete(c.Enrolments, was, was+1)
		default:
			c.Enrolments = slices.Delete(c.Enrolments, was, was+1)
		}
		if err := t.PutClass(&c); err != nil {
			return err
		}
	}
	meetings, err := list[model.Meeting](t.tx, kindMeeting)
	if err != nil {
		return err
	}
	for _, m := range meetings {
		was := slices.IndexFunc(m.Items, func(it model.AgendaItem) bool { return it.Candidate == gone })
		if was < 0 || slices.ContainsFunc(m.Items, func(it model.AgendaItem) bool { return it.Candidate == keep }) {
			continue
		}
		m.Items = slices.Clone(m.Items)
		m.Items[was].Candidate = keep
		if err := t.PutMeeting(&m); err != nil {
			return err
		}
	}
	return nil
}

// writeWith saves candidate id's payload m with field key set to v.
func writeWith(t *Tx, id model.ID, m map[string]json.RawMessage, key string, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	m[key] = raw
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	t.intents = append(t.intents, intent{Op: "put", Kind: kindCandidate.name, ID: id, Data: data})
	return t.write(kindCandidate, id, data, false)
}

// MergedInto returns the record a deleted candidate was merged into
// (MergeDuplicate), or the zero ID.
func (s *Store) MergedInto(id model.ID) (model.ID, error) {
	var into model.ID
	err := s.view(func(tx *bolt.Tx) error {
		revs, err := revsOf(tx, id)
		if err != nil {
			return err
		}
		_, w := resolve(revs)
		if w == nil || !w.Deleted {
			return nil
		}
		for _, r := range revs {
			if slices.Contains(w.parents, r.id) {
				var m struct {
					Into model.ID `json:"merged_into"`
				}
				if json.Unmarshal(r.Data, &m) == nil && !m.Into.IsZero() {
					into = m.Into
				}
			}
		}
		return nil
	})
	return into, err
}
