package store

import (
	"io"
	"slices"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Exporting every record of a kind: a stable ID column first, then every
// field of the kind's table, headers and choices in the chosen language,
// as CSV or XLSX. Records are read one at a time inside one read
// transaction and streamed out, so 100,000 candidates need little memory.

// ExportKinds lists what an export can write.
var ExportKinds = []string{"cells", "candidates", "classes", "enrolments", "meetings"}

// ErrExportKind is returned for an unknown kind or format.
var ErrExportKind = newError(
	"Chỉ xuất được cells, candidates, classes, enrolments hoặc meetings, dạng csv hoặc xlsx.",
	"Only cells, candidates, classes, enrolments or meetings can be exported, as csv or xlsx.")

// ExportTitle is the name of an export in lang: the sheet's name, and the
// start of a suggested file name.
func ExportTitle(what string, lang model.Lang) string {
	t := map[string]model.Text{
		"cells":      {VI: "Chi bộ", EN: "Cells"},
		"candidates": {VI: "Quần chúng", EN: "Candidates"},
		"classes":    {VI: "Lớp bồi dưỡng", EN: "Classes"},
		"enrolments": {VI: "Học viên các lớp", EN: "Class participants"},
		"meetings":   {VI: "Cuộc họp chi bộ", EN: "Cell meetings"},
	}[what]
	return t.In(lang)
}

// rowSink receives the rows of an export.
type rowSink interface {
	Add(row []string) error
	Close(w io.Writer) error
}

// csvSink writes rows as they come.
type csvSink struct {
	cw        *csvWriter
	multiline []bool
}

func (c *csvSink) Add(row []string) error { return c.cw.writeKinds(row, c.multiline) }
func (c *csvSink) Close(io.Writer) error  { return c.cw.flush() }

// Export writes every live record of kind what to w, as format "csv" or
// "xlsx", in lang; it returns the number of rows written.
func (s *Store) Export(w io.Writer, what, format string, lang model.Lang) (int, error) {
	if !slices.Contains(ExportKinds, what) || format != "csv" && format != "xlsx" {
		return 0, ErrExportKind
	}
	n := 0
	var done rowSink
	err := s.view(func(tx *bolt.Tx) error {
		cells, err := list[model.Cell](tx, kindCell)
		if err != nil {
			return err
		}
		cellNames := make(map[model.ID]string, len(cells))
		var cellChoices []string
		for _, c := range cells {
			cellNames[c.ID] = c.Name
			cellChoices = append(cellChoices, c.Name)
		}
		names := model.Names{Cell: func(id model.ID) string { return cellNames[id] }}
		sink := func(cols []xlsxCol) (rowSink, error) {
			if format == "csv" {
				ml := make([]bool, len(cols))
				for i, c := range cols {
					ml[i] = c.Kind == colLongText
				}
				titles := make([]string, len(cols))
				for i, c := range cols {
					titles[i] = c.Title
				}
				cs := &csvSink{cw: newCSVWriter(w), multiline: ml}
				return cs, cs.cw.write(titles)
			}
			return newXLSXWriter(xlsxSheet{Name: ExportTitle(what, lang), Lists: model.Text{VI: "Danh mục", EN: "Lists"}.In(lang),
				Cols: cols, Lang: lang})
		}
		var sk rowSink
		finish := func() error { return nil }
		emit := func(row []string) error { n++; return sk.Add(row) }
		if format == "xlsx" {
			// Decoding records and writing the workbook each take about
			// half the time: they run side by side.
			rows := make(chan []string, 256)
			var werr error
			done := make(chan struct{})
			defer func() {
				if rows != nil {
					close(rows)
					<-done
				}
			}()
			go func() {
				defer close(done)
				for r := range rows {
					if werr == nil {
						werr = sk.Add(r)
					}
				}
			}()
			emit = func(row []string) error {
				n++
				rows <- slices.Clone(row)
				return nil
			}
			flush := func() error {
				close(rows)
				<-done
				rows = nil
				return werr
			}
			finish = flush
		}
		switch what {
		case "cells":
			sk, err = sink(fieldCols(model.CellFields, lang, cellChoices))
			if err == nil {
				err = exportKind(tx, kindCell, model.CellFields, lang, names, emit)
			}
		case "candidates":
			sk, err = sink(fieldCols(model.CandidateFields, lang, cellChoices))
			if err == nil {
				err = exportKind(tx, kindCandidate, model.CandidateFields, lang, names, emit)
			}
		case "classes":
			sk, err = sink(fieldCols(model.ClassFields, lang, cellChoices))
			if err == nil {
				err = exportKind(tx, kindClass, model.ClassFields, lang, names, emit)
			}
		case "meetings":
			sk, err = sink(fieldCols(model.MeetingFields, lang, cellChoices))
			if err == nil {
				err = exportKind(tx, kindMeeting, model.MeetingFields, lang, names, emit)
			}
		case "enrolments":
			sk, err = sink(enrolmentCols(lang))
			if err == nil {
				err = exportEnrolments(tx, lang, emit)
			}
		}
		if ferr := finish(); err == nil {
			err = ferr
		}
		if err != nil {
			if x, ok := sk.(*xlsxWriter); ok && x != nil {
				x.f.Close()
			}
			return err
		}
		done = sk
		return nil
	})
	if err != nil {
		return n, err
	}
	// The rows are all read: the workbook is zipped outside the transaction.
	return n, done.Close(w)
}

// fieldCols are the columns of a table: the ID, then every field.
func fieldCols[T any](table []model.Field[T], lang model.Lang, cells []string) []xlsxCol {
	cols := []xlsxCol{{Title: "ID"}}
	for _, f := range table {
		c := xlsxCol{Title: f.Label.In(lang)}
		switch f.Kind {
		case model.KindDate:
			c.Kind = colDate
		case model.KindNumber:
			c.Kind = colNumber
		case model.KindLongText:
			c.Kind = colLongText
		case model.KindChoice, model.KindYesNo:
			if f.ReadOnly {
				break // changed by the pipeline, never typed in
			}
			for _, o := range f.Options() {
				c.Choices = append(c.Choices, o.Label.In(lang))
			}
		case model.KindCellRef:
			c.Choices = cells
		}
		cols = append(cols, c)
	}
	return cols
}

// exportKind streams every live record of k through its table, each
// verified against its revision as list reads them: a damaged record is
// left out where the store allows damage, else the export fails.
func exportKind[T any](tx *bolt.Tx, k *kind, table []model.Field[T], lang model.Lang, names model.Names, emit func([]string) error) error {
	w := newHeadWalker(tx)
	c := tx.Bucket(k.cur).Cursor()
	row := make([]string, len(table)+1)
	trim := newMapTrim(tx)
	for key, b := c.First(); key != nil; key, b = c.Next() {
		trim.step()
		rec, err := readCurrent[T](tx, w, k, key, b)
		if err == nil && len(key) == 16 && knownDamaged(tx, model.ID(key)) {
			err = damaged(k, model.ID(key), "found damaged when the file was opened")
		}
		if err != nil {
			if de, ok := asDamage(err); ok && noteDamage(tx, damageName(tx, de)) {
				continue
			}
			return readDamage(tx, err)
		}
		id := model.ID(key)
		row[0] = id.String()
		for i, f := range table {
			row[i+1] = f.Display(&rec, lang, names)
		}
		if err := emit(row); err != nil {
			return err
		}
	}
	return nil
}

// enrolmentCols: the class (its ID and name), the participant (ID and
// name), then the enrolment's fields.
func enrolmentCols(lang model.Lang) []xlsxCol {
	l := func(vi, en string) string { return model.Text{VI: vi, EN: en}.In(lang) }
	cols := []xlsxCol{{Title: "ID"}, {Title: l("Lớp", "Class")}, {Title: l("ID học viên", "Participant ID")}}
	return append(cols, fieldCols(model.EnrolmentFields, lang, nil)[1:]...)
}

func exportEnrolments(tx *bolt.Tx, lang model.Lang, emit func([]string) error) error {
	rows, err := rowsOf(tx)
	if err != nil {
		return err
	}
	cand := make(map[model.ID]string, len(rows))
	for _, r := range rows {
		cand[r.ID] = r.Name
	}
	names := model.Names{Candidate: func(id model.ID) string {
		if n, ok := cand[id]; ok {
			return n
		}
		return id.String()
	}}
	classes, err := list[model.Class](tx, kindClass)
	if err != nil {
		return err
	}
	for _, c := range classes {
		for _, e := range c.Enrolments {
			row := []string{c.ID.String(), c.Name, e.Candidate.String()}
			for _, f := range model.EnrolmentFields {
				row = append(row, f.Display(&e, lang, names))
			}
			if err := emit(row); err != nil {
				return err
			}
		}
	}
	return nil
}
