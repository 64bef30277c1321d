package store

import (
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"nguon/model"
)

// From a spreadsheet cell to the text a field's Set reads: option codes,
// IDs, dd/mm/yyyy dates and whole numbers, whatever Excel or a clerk made of
// them (labels in either language, date cells, numbers stored as text).

// leadingZero lists the candidate fields whose numbers start with 0 (a CCCD
// begins with the province code 001…096, a phone number with 0): Excel
// keeps them as numbers and drops that 0. The value is the length the field
// has when the 0 is back.
var leadingZero = map[string][]int{"cccd": {12}, "old_id": {9, 12}, "phone": {10}}

// cellText undoes what a spreadsheet did to a text: the apostrophe nguon's
// CSV puts before text that looks like a formula, and a number written in
// Excel's scientific notation.
func cellText(v string) string {
	if len(v) > 1 && v[0] == '\'' && strings.ContainsRune("=+-@", rune(v[1])) {
		return v[1:]
	}
	return v
}

// wholeNumber reads a number as Excel stores it ("4", "4.0", "1.2E+11")
// and returns its digits when it is a whole number.
func wholeNumber(v string) (string, bool) {
	v = strings.TrimSpace(v)
	if v == "" || strings.IndexFunc(v, func(r rune) bool { return !strings.ContainsRune("0123456789.eE+-", r) }) >= 0 {
		return "", false
	}
	if _, err := strconv.ParseInt(v, 10, 64); err == nil {
		return strings.TrimLeft(v, "+"), true
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) >= 1e15 {
		return "", false
	}
	return strconv.FormatInt(int64(f), 10), true
}

// fieldText converts the text of one cell for field f.
func fieldText[T any](f model.Field[T], raw string, sh *ImportSheet, c *importContext) (string, *model.FieldError) {
	v := cellText(raw)
	if f.Kind != model.KindLongText {
		v = strings.TrimSpace(v)
	}
	switch f.Kind {
	case model.KindText:
		if lens, ok := leadingZero[f.Key]; ok && c.table == "candidates" {
			if strings.ContainsAny(v, "eE") && strings.ContainsAny(v, "+") {
				return "", &model.FieldError{Msg: model.Text{
					VI: "Số " + quote(v) + " đã bị Excel đổi sang dạng khoa học và mất chữ số; hãy định dạng cột này là Văn bản (Text) rồi gõ lại số.",
					EN: "The number " + quote(v) + " was turned into scientific notation by Excel and lost digits; format this column as Text and type the number again."}}
			}
			if n, ok := wholeNumber(v); ok && !strings.HasPrefix(v, "0") {
				for _, l := range lens {
					if len(n) == l-1 {
						return "0" + n, nil
					}
				}
				return n, nil
			}
		}
		return v, nil
	case model.KindDate:
		d, err := importDate(v, sh.Date1904)
		if err != nil {
			return "", err
		}
		return d.String(), nil
	case model.KindNumber:
		if v == "" {
			return "", nil
		}
		if n, ok := wholeNumber(v); ok {
			return n, nil
		}
		return "", &model.FieldError{Msg: model.Text{
			VI: quote(v) + " không phải một số nguyên không âm.",
			EN: quote(v) + " is not a whole number, zero or more."}}
	case model.KindYesNo:
		return yesNo(v)
	case model.KindChoice:
		return c.choice(f.Key, f.Options(), f.Label, v)
	case model.KindCellRef:
		return c.cellRef(v)
	}
	return v, nil
}

// importDate reads a date as a spreadsheet holds it: a date cell (a serial
// number), an ISO date, or dd/mm/yyyy text. A bare year is refused: the
// whole date is needed, and 1990 days after 1900 is not what was meant.
func importDate(v string, date1904 bool) (model.Date, *model.FieldError) {
	if v == "" {
		return 0, nil
	}
	if f, err := strconv.ParseFloat(v, 64); err == nil {
		if f >= 1000 && f <= 2200 && f == math.Trunc(f) {
			return 0, &model.FieldError{Msg: model.Text{
				VI: "Chỉ có năm (" + clip(v) + "); cần ghi đủ ngày/tháng/năm, ví dụ 05/09/" + clip(v) + ".",
				EN: "Only the year (" + clip(v) + "); write the whole date, e.g. 05/09/" + clip(v) + "."}}
		}
		if f > 0 && f < 2958466 {
			t, err := excelize.ExcelDateToTime(f, date1904)
			if err == nil && t.Year() >= 1900 {
				return model.DateOf(t), nil
			}
		}
		return 0, &model.FieldError{Msg: model.Text{
			VI: quote(v) + " không phải một ngày; hãy ghi dạng ngày/tháng/năm, ví dụ 05/09/2007.",
			EN: quote(v) + " is not a date; write it day/month/year, e.g. 05/09/2007."}}
	}
	if len(v) >= 10 && v[4] == '-' && v[7] == '-' {
		var d model.Date
		if err := d.UnmarshalText([]byte(v[:10])); err == nil && (len(v) == 10 || v[10] == 'T' || v[10] == ' ') {
			return d, nil
		}
	}
	d, err := model.ParseDate(v)
	if err != nil {
		fe := &model.FieldError{Msg: model.Text{VI: model.Message(err, model.VI), EN: model.Message(err, model.EN)}}
		fe.Msg.VI = quote(v) + ": " + fe.Msg.VI
		fe.Msg.EN = quote(v) + ": " + fe.Msg.EN
		return 0, fe
	}
	return d, nil
}

// yesNo reads a yes/no column: "Có"/"Không", x, 1/0, TRUE/FALSE, yes/no.
func yesNo(v string) (string, *model.FieldError) {
	if v == "" {
		return "0", nil
	}
	k := cleanForMatch(v)
	if k == "" && strings.TrimSpace(v) != "" {
		k = strings.TrimSpace(v)
	}
	for _, w := range model.YesWords {
		if k == cleanForMatch(w) || v == w {
			return "1", nil
		}
	}
	for _, w := range model.NoWords {
		if k == cleanForMatch(w) || v == w {
			return "0", nil
		}
	}
	return "", &model.FieldError{Msg: model.Text{
		VI: quote(v) + " không phải Có hay Không.",
		EN: quote(v) + " is neither Yes nor No."}}
}

// choiceKey is how choices are compared: folded, without spaces or signs,
// so "Ê Đê", "Ê-đê" and "Êđê" are one.
func choiceKey(s string) string { return strings.ReplaceAll(cleanForMatch(s), " ", "") }

// choice finds the option a cell names by its code, either label or an alias.
func (c *importContext) choice(key string, opts []model.Option, label model.Text, v string) (string, *model.FieldError) {
	if v == "" {
		return "", nil
	}
	idx, ok := c.choices[key]
	if !ok {
		// Built once per column: the codes, both labels, then the aliases.
		idx = map[string]string{}
		for alias, code := range model.ValueAliases[key] {
			idx[choiceKey(alias)] = code
		}
		for _, o := range opts {
			for _, s := range []string{o.Code, o.Label.VI, o.Label.EN} {
				idx[choiceKey(s)] = o.Code
			}
		}
		c.choices[key] = idx
	}
	for _, o := range opts {
		if v == o.Code {
			return o.Code, nil
		}
	}
	if code, ok := idx[choiceKey(v)]; ok {
		return code, nil
	}
	var vi, en []string
	if len(opts) <= 12 {
		for _, o := range opts {
			vi, en = append(vi, o.Label.VI), append(en, o.Label.EN)
		}
		return "", &model.FieldError{Msg: model.Text{
			VI: quote(v) + " không có trong danh sách " + label.VI + " (" + strings.Join(vi, ", ") + ").",
			EN: quote(v) + " is not one of the choices for " + label.EN + " (" + strings.Join(en, ", ") + ")."}}
	}
	return "", &model.FieldError{Msg: model.Text{
		VI: quote(v) + " không có trong danh mục " + label.VI + ".",
		EN: quote(v) + " is not in the list of " + label.EN + "."}}
}

// cellKey compares cell names without the words "chi bộ" in front, so
// "Thôn Đông" finds "Chi bộ thôn Đông".
func cellKey(name string) string {
	k := cleanForMatch(name)
	return strings.TrimPrefix(k, "chi bo ")
}

// cellRef finds the cell a cell names: by ID or by name.
func (c *importContext) cellRef(v string) (string, *model.FieldError) {
	if v == "" {
		return "", nil
	}
	if id, err := model.ParseID(v); err == nil {
		if _, ok := c.cellByID[id]; ok {
			return id.String(), nil
		}
	}
	ids := c.cellByName[cellKey(v)]
	switch len(ids) {
	case 1:
		return ids[0].String(), nil
	case 0:
		return "", &model.FieldError{Msg: model.Text{
			VI: "Chi bộ " + quote(v) + " không có trong tệp dữ liệu; hãy thêm chi bộ đó trước (hoặc nhập danh sách chi bộ).",
			EN: "The cell " + quote(v) + " is not in the data file; add it first (or import the list of cells)."}}
	}
	return "", &model.FieldError{Msg: model.Text{
		VI: "Có nhiều chi bộ tên " + quote(v) + "; hãy ghi đúng tên đầy đủ.",
		EN: "Several cells are called " + quote(v) + "; write the full name."}}
}
