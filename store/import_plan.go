package store

// Planning an import: each row read, matched, checked and classified.

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// plan reads the rows of sh against the file as tx sees it, filling res;
// each row to be written is given to emit (nil: a dry run).
func (im importer[T]) plan(tx *bolt.Tx, table string, sh *ImportSheet, today model.Date, res *ImportResult, emit func(row int, rec *T) error) error {
	rp, err := im.prepare(tx, table, sh, today, res)
	if err != nil {
		return err
	}
	return sh.each(func(sr sheetRow) error { return rp.row(tx, sr, emit) })
}

// rowPlanner plans the rows of one sheet one at a time: what the header
// row says, and what earlier rows added (duplicates, IDs seen). A batched
// write (import_batch.go) keeps one across its transactions, giving each
// row the transaction it is written in.
type rowPlanner[T any] struct {
	im                         importer[T]
	ctx                        *importContext
	table                      string
	sh                         *ImportSheet
	cols                       []column
	fields                     map[string]model.Field[T]
	hdr                        int
	idCol, familyCol, givenCol int
	today                      model.Date
	res                        *ImportResult
	notes                      noteTexts
}

// prepare reads the header row and what the file holds.
func (im importer[T]) prepare(tx *bolt.Tx, table string, sh *ImportSheet, today model.Date, res *ImportResult) (*rowPlanner[T], error) {
	head := sh.headRowsFixed()
	hdr, cols, _ := findHeader(im.table, im.nameKey, head)
	if hdr == 0 {
		f, _ := model.FieldByKey(im.table, im.nameKey)
		return nil, importErr("Không tìm thấy dòng tiêu đề có cột “%s” trong 10 dòng đầu của tệp.",
			"No header row with a “%s” column was found in the first 10 rows of the file.", f.Label.VI)
	}
	res.HeaderRow = hdr
	// Whether a column holds something below the header, from the first pass.
	filledBelow := func(i int) bool { return i < len(sh.lastFilled) && sh.lastFilled[i] > hdr }
	fields := map[string]model.Field[T]{}
	for _, f := range im.table {
		fields[f.Key] = f
	}
	seen := map[string]string{}
	idCol, familyCol, givenCol := -1, -1, -1
	for _, c := range cols {
		switch c.key {
		case "":
			res.Unknown = append(res.Unknown, c.header)
			continue
		case keyIgnore:
			continue
		case keyGiven:
			givenCol = c.index
			continue
		case keyBlank:
			// Reported only when it holds something.
			if filledBelow(c.index) {
				res.Unknown = append(res.Unknown, blankColumn+c.header)
			}
			continue
		}
		if prev, ok := seen[c.key]; ok {
			return nil, importErr("Hai cột “%s” và “%s” cùng là một trường; hãy xóa hoặc đổi tên một cột.",
				"The columns “%s” and “%s” are the same field; delete or rename one of them.", prev, c.header)
		}
		seen[c.key] = c.header
		switch c.key {
		case keyID:
			idCol = c.index
		case keyFamily:
			familyCol = c.index
		default:
			if fields[c.key].Set == nil {
				res.ReadOnly = append(res.ReadOnly, c.header)
				continue
			}
		}
		res.Columns = append(res.Columns, c.header)
	}
	// Data to the right of the last header is a column without one.
	for i := len(cols); i < len(sh.lastFilled); i++ {
		if filledBelow(i) {
			res.Unknown = append(res.Unknown, blankColumn+colName(i+1))
		}
	}
	ctx, err := newImportContext(tx, table, today)
	if err != nil {
		return nil, err
	}
	return &rowPlanner[T]{im: im, ctx: ctx, table: table, sh: sh, cols: cols, fields: fields, hdr: hdr,
		idCol: idCol, familyCol: familyCol, givenCol: givenCol, today: today, res: res, notes: noteTexts{}}, nil
}

// row plans one row read from the sheet (the header and blank rows are
// passed over) against the file as tx sees it.
func (rp *rowPlanner[T]) row(tx *bolt.Tx, sr sheetRow, emit func(int, *T) error) error {
	if sr.num <= rp.hdr || isBlankRow(sr.cells) {
		return nil
	}
	rp.ctx.tx = tx
	return rp.im.planRow(tx, rp.ctx, rp.table, rp.sh, rp.cols, rp.fields, rp.idCol, rp.familyCol, rp.givenCol,
		sr, rp.today, rp.res, rp.notes, emit)
}

// noteTexts gives identical messages one copy: a column of 100,000 bad
// dates is one text, not 100,000.
type noteTexts map[model.Text]model.Text

func (n noteTexts) of(t model.Text) model.Text {
	if u, ok := n[t]; ok {
		return u
	}
	if len(n) < 100_000 {
		n[t] = t
	}
	return t
}

// planRow plans one row.
func (im importer[T]) planRow(tx *bolt.Tx, ctx *importContext, table string, sh *ImportSheet, cols []column,
	fields map[string]model.Field[T], idCol, familyCol, givenCol int, sr sheetRow, today model.Date,
	res *ImportResult, notes noteTexts, emit func(int, *T) error) error {
	row, rowNum := sr.cells, sr.num
	cell := func(idx int) string {
		if idx >= 0 && idx < len(row) {
			return row[idx]
		}
		return ""
	}
	vals := map[string]string{}
	var problems []model.Text
	var warns []RowNote
	note := func(f model.Field[T], fe *model.FieldError) {
		problems = append(problems, model.Text{VI: f.Label.VI + ": " + fe.Msg.VI, EN: f.Label.EN + ": " + fe.Msg.EN})
	}
	for _, c := range cols {
		f, ok := fields[c.key]
		if !ok || f.Set == nil {
			continue
		}
		v, fe := fieldText(f, cell(c.index), sh, ctx)
		if fe != nil {
			note(f, fe)
			continue
		}
		vals[c.key] = v
	}
	if givenCol >= 0 {
		vals[im.nameKey] = strings.TrimSpace(vals[im.nameKey] + " " + strings.TrimSpace(cell(givenCol)))
	}
	if familyCol >= 0 {
		vals[im.nameKey] = strings.TrimSpace(strings.TrimSpace(cell(familyCol)) + " " + vals[im.nameKey])
	}
	label := model.Clean(vals[im.nameKey])
	fail := func(t model.Text) {
		res.Errors = append(res.Errors, RowNote{Row: rowNum, Name: noteName(label), Msg: notes.of(t)})
	}

	// The record the row is about.
	rec := im.fresh(today)
	isNew := true
	var before []byte
	if raw := strings.TrimSpace(cell(idCol)); raw != "" {
		id, err := model.ParseID(raw)
		if err != nil {
			fail(model.Text{VI: "Mã ID " + quote(raw) + " không hợp lệ; để trống ô ID khi thêm người mới.",
				EN: "The ID " + quote(raw) + " is not valid; leave the ID empty for a new record."})
			return nil
		}
		if prev, ok := ctx.seenIDs[id]; ok {
			fail(model.Text{VI: fmt.Sprintf("Mã ID này đã có ở dòng %d.", prev), EN: fmt.Sprintf("This ID is already on row %d.", prev)})
			return nil
		}
		ctx.seenIDs[id] = rowNum
		existing, err := get[T](tx, im.k, id)
		switch {
		case err == nil:
			rec, isNew = existing, false
			im.validate(&existing, today) // normalised, to compare with
			before, _ = json.Marshal(existing)
		case errors.Is(err, ErrNotFound):
			if heads := headsOf(tx, id); len(heads) > 0 {
				if heads[0].kind != im.k.name {
					fail(model.Text{VI: "Mã ID này thuộc về một loại dữ liệu khác trong tệp.", EN: "This ID belongs to another kind of record in the file."})
				} else {
					fail(model.Text{VI: "Bản ghi có mã ID này đã bị xóa trong tệp dữ liệu; xóa ô ID nếu muốn thêm lại như người mới.",
						EN: "The record with this ID was deleted from the data file; clear the ID to add it again as new."})
				}
				return nil
			}
			*im.id(&rec) = id // a record from another file: keep its ID
		default:
			return err
		}
	}
	for _, p := range model.Apply(im.table, &rec, vals) {
		f, _ := model.FieldByKey(im.table, p.Field)
		note(f, p)
	}
	if len(problems) == 0 {
		for _, p := range im.validate(&rec, today) {
			f, ok := model.FieldByKey(im.table, p.Field)
			t := p.Msg
			if ok && !strings.Contains(t.VI, f.Label.VI) {
				t = model.Text{VI: f.Label.VI + ": " + t.VI, EN: f.Label.EN + ": " + t.EN}
			}
			if p.Warning {
				warns = append(warns, RowNote{Row: rowNum, Name: noteName(im.name(&rec)), Msg: notes.of(t)})
			} else {
				problems = append(problems, t)
			}
		}
	}
	if len(problems) > 0 {
		vi, en := make([]string, len(problems)), make([]string, len(problems))
		for j, p := range problems {
			vi[j], en[j] = p.VI, p.EN
		}
		fail(model.Text{VI: strings.Join(vi, "; "), EN: strings.Join(en, "; ")})
		return nil
	}
	label = im.name(&rec)
	if isNew {
		if d := im.dup(ctx, &rec); d != "" {
			how, other, _ := strings.Cut(d, "\x00")
			msg := model.Text{VI: "trùng với " + quote(other) + " đã có (cùng họ tên và ngày sinh), không thêm.",
				EN: "the same as " + quote(other) + " already there (same name and date of birth); not added."}
			switch {
			case how == "cccd":
				msg = model.Text{VI: "trùng với " + quote(other) + " đã có (cùng số CCCD), không thêm.",
					EN: "the same as " + quote(other) + " already there (same CCCD); not added."}
			case table == "cells":
				msg = model.Text{VI: "trùng với chi bộ " + quote(other) + " đã có, không thêm.",
					EN: "the same as the cell " + quote(other) + " already there; not added."}
			}
			res.Duplicates = append(res.Duplicates, RowNote{Row: rowNum, Name: noteName(label), Msg: msg})
			return nil
		}
		im.remember(ctx, &rec)
		res.Added++
	} else {
		after, _ := json.Marshal(rec)
		if string(after) == string(before) {
			res.Unchanged++
			return nil
		}
		im.remember(ctx, &rec)
		res.Updated++
	}
	res.Warnings = append(res.Warnings, warns...)
	if emit != nil {
		return emit(rowNum, &rec)
	}
	return nil
}

// noteName is a row's name as a note keeps it: cut, and not holding on to
// the row it came from.
func noteName(s string) string { return strings.Clone(clip(s)) }
