package store

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"time"
	"unicode/utf8"

	"nguon/model"
)

// Admitting a revision a copy brings (phase 1 of a merge). A copy is
// another laptop's file, or anyone's: its revisions are taken in only when
// each is one this program could have saved. That is the envelope of §5
// within bounds, a clock this file can take on (hlc.go), and a payload
// that is already what Normalize makes of it and that Validate does not
// block, as a save or an import checks it. One bad revision refuses the
// whole copy, naming it.

// Bounds of a revision's envelope. A real revision is a few KB: a class of
// two hundred enrolments some 40 KB. Far larger ones are hostile, and would
// be kept for ever, in this file and every copy of it.
const (
	maxRevisionBytes = 1 << 20
	maxDeviceBytes   = 128 // a device ID is a UUID, or a short name in tests
	maxParents       = 256 // one per head: laptops that edited apart
)

// RecordRefusedError refuses a copy because of one of its records, which
// a save would not have written. It is the Err of a *CopyError.
type RecordRefusedError struct {
	Kind string // cell, candidate, class, meeting, settings
	Name string // as the record names itself, "" when it cannot be decoded
	ID   model.ID
	Why  model.Text // a clause: what is wrong with it
}

func (e *RecordRefusedError) Error() string {
	return fmt.Sprintf("%s %s %q: %s", e.Kind, e.ID, e.Name, e.Why.EN)
}

// text says it in one sentence, for the copy at path (already escaped).
func (e *RecordRefusedError) text(path string) model.Text {
	k, ok := kindLabels[e.Kind]
	if !ok {
		k = model.Text{VI: "không rõ loại", EN: "unknown kind"}
	}
	which := model.Text{VI: fmt.Sprintf("%s mã %s", k.VI, e.ID), EN: fmt.Sprintf("%s record %s", k.EN, e.ID)}
	if e.Name != "" {
		n := model.Escape(clip(e.Name)) // at most maxQuote characters (import_limits.go)
		which = model.Text{VI: fmt.Sprintf("%s “%s”", k.VI, n), EN: fmt.Sprintf("%s record “%s”", k.EN, n)}
	}
	return model.Text{
		VI: fmt.Sprintf("Không gộp gì vì bản sao %s có bản ghi %s %s.", path, which.VI, e.Why.VI),
		EN: fmt.Sprintf("Nothing was merged: the copy %s holds the %s, which %s.", path, which.EN, e.Why.EN)}
}

// Why a record is refused.
var (
	whyFuture = model.Text{
		VI: fmt.Sprintf("ghi thời điểm sau đồng hồ của máy này hơn %d ngày; hãy kiểm tra ngày giờ của máy đã tạo bản sao", int(maxClockAhead.Hours()/24)),
		EN: fmt.Sprintf("is dated more than %d days ahead of this computer's clock; check the date and time of the computer the copy came from", int(maxClockAhead.Hours()/24))}
	whyClock = model.Text{VI: "có số đếm đồng hồ không thể có", EN: "has an impossible clock reading"}
	whyLarge = model.Text{
		VI: fmt.Sprintf("lớn bất thường (quá %d KB hoặc quá nhiều phiên bản cha)", maxRevisionBytes>>10),
		EN: fmt.Sprintf("is unusually large (over %d KB, or too many parent versions)", maxRevisionBytes>>10)}
	whyUnclean = model.Text{
		VI: "chứa ký tự điều khiển hoặc chữ chưa chuẩn hóa mà nguon không bao giờ lưu",
		EN: "holds control characters or unnormalised text that nguon never saves"}
	whyKind = model.Text{VI: "mang mã của một bản ghi khác loại", EN: "has the ID of a record of another kind"}
)

// whyInvalid is the first blocking problem Validate found, as a clause.
// Its values are the record's, so it is cut too, if longer than a
// sentence of the model's with a value in it.
func whyInvalid(err error) model.Text {
	clause := func(lang model.Lang) string {
		s := strings.TrimSuffix(model.Message(err, lang), ".")
		if r, n := utf8.DecodeRuneInString(s); n > 0 {
			s = strings.ToLower(string(r)) + s[n:]
		}
		if utf8.RuneCountInString(s) > 2*maxQuote {
			s = string([]rune(s)[:2*maxQuote]) + "…"
		}
		return model.Escape(s)
	}
	return model.Text{VI: "không hợp lệ (" + clause(model.VI) + ")", EN: "is not valid (" + clause(model.EN) + ")"}
}

// admitted is a revision of a copy that this file lacks, checked.
type admitted struct {
	rev *rev
	row []byte // the list row of a live candidate
}

// admit checks revision id of record rec, stored as raw, as this file
// would take it in at wall time now. A revision that does not hash to its
// ID or does not decode is the copy's damage (ErrCorrupt); one that a save
// would not have written is a *RecordRefusedError.
func admit(rec model.ID, id [32]byte, raw []byte, now time.Time) (admitted, error) {
	if len(raw) > maxRevisionBytes {
		return admitted{}, &RecordRefusedError{Kind: kindOfRaw(raw), ID: rec, Why: whyLarge}
	}
	if sha256.Sum256(raw) != id {
		return admitted{}, wrap(ErrCorrupt, fmt.Errorf("revision %x is not the SHA-256 of its bytes", id[:4]))
	}
	r, err := decodeRev(id[:], raw)
	if err != nil {
		return admitted{}, wrap(ErrCorrupt, err)
	}
	if r.Record != rec {
		return admitted{}, wrap(ErrCorrupt, fmt.Errorf("revision %x is filed under record %s but belongs to %s", id[:4], rec, r.Record))
	}
	refuse := func(why model.Text) (admitted, error) {
		name := ""
		if !r.Deleted {
			name = nameIn(r.Data)
		}
		return admitted{}, &RecordRefusedError{Kind: r.Kind, Name: name, ID: rec, Why: why}
	}
	switch {
	case len(r.Device) > maxDeviceBytes || len(r.Parents) > maxParents:
		return refuse(whyLarge)
	case r.Clock.Wall > now.Add(maxClockAhead).UnixMilli():
		return refuse(whyFuture)
	case !r.Clock.plausible(now):
		return refuse(whyClock)
	case (r.Kind == kindSettings.name) != (rec == settingsID):
		return refuse(whyKind)
	}
	a := admitted{rev: r}
	if r.Deleted {
		return a, nil
	}
	// Dates a few days ahead are as the clock allowance lets them be: a
	// laptop a day ahead saves "today" as tomorrow.
	today := model.DateOf(now.Add(maxClockAhead))
	var why *model.Text
	switch kindNamed(r.Kind) {
	case kindCell:
		_, why = admitPayload(r.Data, json.Unmarshal, (*model.Cell).Normalize, func(v *model.Cell) model.Problems { return v.Validate() })
	case kindCandidate:
		var cand model.Candidate
		cand, why = admitPayload(r.Data, decodeCandidate, (*model.Candidate).Normalize,
			func(v *model.Candidate) model.Problems { return v.Validate(today) })
		if why == nil {
			a.row = sealRow(cand.Row(), id)
		}
	case kindClass:
		_, why = admitPayload(r.Data, json.Unmarshal, (*model.Class).Normalize, func(v *model.Class) model.Problems { return v.Validate() })
	case kindMeeting:
		_, why = admitPayload(r.Data, json.Unmarshal, (*model.Meeting).Normalize, func(v *model.Meeting) model.Problems { return v.Validate() })
	case kindSettings:
		_, why = admitPayload(r.Data, json.Unmarshal, (*model.Settings).Normalize, func(v *model.Settings) model.Problems { return v.Validate() })
	}
	if why != nil {
		return refuse(*why)
	}
	return a, nil
}

// admitPayload decodes a payload twice, normalises one and compares: a
// stored payload is always normalised, so one that Normalize would change
// was not written by a save. Then it validates, as a save does (errors
// block, warnings do not).
func admitPayload[T any](data []byte, decode func([]byte, any) error, normalize func(*T), validate func(*T) model.Problems) (T, *model.Text) {
	var stored, clean T
	if decode(data, &stored) != nil || decode(data, &clean) != nil {
		return stored, &model.Text{VI: "không đọc được", EN: "cannot be read"}
	}
	normalize(&clean)
	if !sameValue(reflect.ValueOf(stored), reflect.ValueOf(clean)) {
		return stored, &whyUnclean
	}
	if err := validate(&stored).Err(); err != nil {
		why := whyInvalid(err)
		return stored, &why
	}
	return stored, nil
}

func decodeCandidate(b []byte, v any) error { return model.DecodeCandidate(b, v.(*model.Candidate)) }

// sameValue is reflect.DeepEqual except that a nil slice or map equals an
// empty one: Normalize turns some empty lists into none, and either is
// what a save may have stored.
func sameValue(a, b reflect.Value) bool {
	switch a.Kind() {
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := range a.Len() {
			if !sameValue(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			bv := b.MapIndex(k)
			if !bv.IsValid() || !sameValue(a.MapIndex(k), bv) {
				return false
			}
		}
		return true
	case reflect.Struct:
		for i := range a.NumField() {
			if !sameValue(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameValue(a.Elem(), b.Elem())
	}
	return a.Equal(b)
}

// kindOfRaw reads the kind of a revision too large to decode whole.
func kindOfRaw(raw []byte) string {
	const key = `"kind":"`
	i := strings.Index(string(raw[:min(len(raw), 200)]), key)
	if i < 0 {
		return ""
	}
	rest := raw[i+len(key) : min(len(raw), i+len(key)+16)]
	if j := strings.IndexByte(string(rest), '"'); j > 0 && kindNamed(string(rest[:j])) != nil {
		return string(rest[:j])
	}
	return ""
}
