package store

import (
	"fmt"

	"nguon/model"
)

// Import saves a whole dataset in one transaction: all of it or, when any
// record is invalid, none of it. Settings are saved only when set. The
// dataset's own slices are not modified.
func (s *Store) Import(d model.Dataset) error {
	return s.Update(func(t *Tx) error {
		if !isZeroSettings(d.Settings) {
			if err := t.PutSettings(d.Settings); err != nil {
				return fmt.Errorf("settings: %w", err)
			}
		}
		for i := range d.Cells {
			c := d.Cells[i]
			if err := t.PutCell(&c); err != nil {
				return fmt.Errorf("cell %d (%s): %w", i+1, c.Name, err)
			}
		}
		for i := range d.Candidates {
			c := d.Candidates[i]
			if err := t.PutCandidate(&c); err != nil {
				return fmt.Errorf("candidate %d (%s): %w", i+1, c.FullName, err)
			}
		}
		for i := range d.Classes {
			c := d.Classes[i]
			if err := t.PutClass(&c); err != nil {
				return fmt.Errorf("class %d (%s): %w", i+1, c.Name, err)
			}
		}
		for i := range d.Meetings {
			m := d.Meetings[i]
			if err := t.PutMeeting(&m); err != nil {
				return fmt.Errorf("meeting %d (%s): %w", i+1, m.Date, err)
			}
		}
		return nil
	})
}

func isZeroSettings(v model.Settings) bool {
	return v.Commune == "" && v.Province == "" && v.DecidingBody == "" &&
		v.DocValidityMonths == 0 && len(v.Holidays) == 0
}
