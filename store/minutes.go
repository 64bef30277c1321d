package store

import (
	"fmt"
	"io"
	"time"

	"nguon/model"
)

// Papers gathers what the documents of a closed meeting are written from:
// the meeting, its cell, the settings and the agenda as CloseMeeting saved
// them, with the classes (for certificates) and the time they are made.
func (cm ClosedMeeting) Papers(classes []model.Class, made time.Time) model.MeetingPapers {
	return model.MeetingPapers{Meeting: cm.Meeting, Cell: cm.Cell, Settings: cm.Settings, Agenda: cm.Agenda,
		Classes: classes, Made: made}
}

// meetingDocName is the first name tried for one document of a meeting:
// the minutes are named for the cell, the date and the meeting (the last
// hex digits of its ID, so two meetings of one cell on one day never share
// a name); a resolution for what it proposes, the person and the date.
func meetingDocName(p model.MeetingPapers, d model.MeetingDoc) string {
	date := p.Meeting.Date.ISO()
	switch d.Kind {
	case model.DocAdmission:
		return fmt.Sprintf("nghi-quyet-de-nghi-ket-nap-%s-%s.docx", slugOr(d.Name, "quan-chung"), date)
	case model.DocRecognition:
		return fmt.Sprintf("nghi-quyet-de-nghi-cong-nhan-chinh-thuc-%s-%s.docx", slugOr(d.Name, "dang-vien"), date)
	}
	id := p.Meeting.ID.String()
	return fmt.Sprintf("bien-ban-%s-%s-%s.docx", slugOr(p.Cell.Name, "chi-bo"), date, id[len(id)-6:])
}

func slugOr(s, def string) string {
	if s = slug(s); s != "" {
		return s
	}
	return def
}

// WriteMeetingDocuments writes the minutes of a closed meeting and the
// cell's resolutions (model.MeetingDocs) into dir as Word documents, each
// under a name no other file has, and returns their paths, the minutes
// first. It stops at the first document it cannot write, returning the
// paths written so far; no half-written file is left.
func WriteMeetingDocuments(dir string, p model.MeetingPapers) ([]string, error) {
	var paths []string
	for _, d := range model.MeetingDocs(p) {
		doc := d.Doc
		path, err := WriteNewFile(dir, meetingDocName(p, d), func(w io.Writer) error { return WriteDOCX(w, doc) })
		if err != nil {
			return paths, err
		}
		paths = append(paths, path)
	}
	return paths, nil
}
