package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"nguon/model"
)

// MinutesPath is the first name tried for the minutes of a closed meeting:
// beside the data file, named for the cell, the date and the meeting (the
// last hex digits of its ID), so two meetings of one cell on one day never
// share a name.
func MinutesPath(dbPath string, cell model.Cell, m model.Meeting) string {
	name := strings.ReplaceAll(model.Fold(cell.Name), " ", "-")
	if name == "" {
		name = "chi-bo"
	}
	id := m.ID.String()
	return filepath.Join(filepath.Dir(dbPath), fmt.Sprintf("bien-ban-%s-%s-%s.md", name, m.Date.ISO(), id[len(id)-6:]))
}

// freeName returns path, or path with "-2", "-3"… before its extension when
// a file of that name exists: a document written earlier (by a copy of the
// same data file, say) is never replaced.
func freeName(path string) string {
	ext := filepath.Ext(path)
	stem := strings.TrimSuffix(path, ext)
	for n := 1; ; n++ {
		p := path
		if n > 1 {
			p = fmt.Sprintf("%s-%d%s", stem, n, ext)
		}
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) {
			return p
		}
	}
}

// WriteMinutes writes the minutes of a meeting closed by CloseMeeting under
// a name no other file has, and returns that path; a failure leaves no
// half-written file.
func (s *Store) WriteMinutes(cm ClosedMeeting) (string, error) {
	path := freeName(MinutesPath(s.path, cm.Cell, cm.Meeting))
	text := model.Minutes(cm.Meeting, cm.Cell, cm.Agenda, cm.Settings, model.VI)
	err := WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	})
	return path, err
}
