package store

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"nguon/model"
)

// MinutesPath is where the minutes of a closed meeting are written: beside
// the data file, named for the cell and the date.
func MinutesPath(dbPath string, cell model.Cell, m model.Meeting) string {
	name := strings.ReplaceAll(model.Fold(cell.Name), " ", "-")
	if name == "" {
		name = "chi-bo"
	}
	return filepath.Join(filepath.Dir(dbPath), fmt.Sprintf("bien-ban-%s-%s.md", name, m.Date.ISO()))
}

// WriteMinutes writes the minutes of a meeting closed by CloseMeeting and
// returns the file's path; a failure leaves no half-written file.
func (s *Store) WriteMinutes(cm ClosedMeeting) (string, error) {
	path := MinutesPath(s.path, cm.Cell, cm.Meeting)
	text := model.Minutes(cm.Meeting, cm.Cell, cm.Agenda, cm.Settings, model.VI)
	err := WriteFileAtomic(path, func(w io.Writer) error {
		_, err := io.WriteString(w, text)
		return err
	})
	return path, err
}
