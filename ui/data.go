package ui

import (
	"slices"
	"time"

	"nguon/model"
	"nguon/store"
)

// env is what every screen shares: language, keys, styles, the store and
// the in-memory data. Screens hold a pointer so a language switch reaches all.
type env struct {
	lang  model.Lang
	keys  KeyMap
	st    Styles
	store *store.Store
	now   func() time.Time
	d     *data
}

func (e *env) t(key string) string { return tr(e.lang, key) }

func (e *env) tf(key string, args ...any) string { return trf(e.lang, key, args...) }

func (e *env) today() model.Date { return model.DateOf(e.now()) }

// ruleContext is what the pipeline rules need to explain a record on screen.
func (e *env) ruleContext() model.RuleContext {
	d := e.d
	return model.RuleContext{Today: e.today(), Settings: d.settings, Classes: d.classes, Cal: model.NewCalendar(d.settings.Holidays)}
}

// data is the in-memory copy of what the screens list. It is read from the
// store once at start (one short transaction per kind) and patched after each
// save, so no screen touches the store while rendering.
type data struct {
	settings model.Settings
	cells    []model.Cell
	rows     []model.CandidateRow
	folded   []string // model.Fold of each row's name, for filtering
	sortKeys []string // model.NameSortKey of each row's name, for sorting
	classes  []model.Class
	meetings []model.Meeting

	cellIdx map[model.ID]int
	cellKey map[model.ID]string // collation key of each cell's name, for sorting by cell
	rowIdx  map[model.ID]int
	certs   map[model.ID]model.Date // best passed certificate date per candidate, from classes
}

func loadData(s *store.Store) (*data, bool, error) {
	snap, err := s.Snapshot()
	if err != nil {
		return nil, false, err
	}
	d := &data{settings: snap.Settings, cells: snap.Cells, rows: snap.Rows, classes: snap.Classes, meetings: snap.Meetings}
	d.index()
	empty := len(d.cells) == 0 && len(d.rows) == 0 && len(d.classes) == 0 && len(d.meetings) == 0
	return d, empty, nil
}

// index rebuilds the lookup maps and the per-row search and sort keys.
func (d *data) index() {
	d.indexCells()
	d.rowIdx = make(map[model.ID]int, len(d.rows))
	d.folded = make([]string, len(d.rows))
	d.sortKeys = make([]string, len(d.rows))
	for i, r := range d.rows {
		d.rowIdx[r.ID] = i
		d.folded[i] = model.Fold(r.Name)
		d.sortKeys[i] = model.NameSortKey(r.Name)
	}
	d.indexCerts()
}

func (d *data) indexCells() {
	d.cellIdx = make(map[model.ID]int, len(d.cells))
	d.cellKey = make(map[model.ID]string, len(d.cells))
	for i, c := range d.cells {
		d.cellIdx[c.ID] = i
		d.cellKey[c.ID] = model.SortKey(c.Name)
	}
}

func (d *data) indexCerts() {
	d.certs = make(map[model.ID]model.Date)
	for _, c := range d.classes {
		for _, e := range c.Enrolments {
			if e.Result == model.ResultPassed && e.CertDate > d.certs[e.Candidate] {
				d.certs[e.Candidate] = e.CertDate
			}
		}
	}
}

// candName is a candidate's name, or the ID when the record is gone.
func (d *data) candName(id model.ID) string {
	if i, ok := d.rowIdx[id]; ok {
		return d.rows[i].Name
	}
	return id.String()
}

func (d *data) cellName(id model.ID) string {
	if i, ok := d.cellIdx[id]; ok {
		return d.cells[i].Name
	}
	return ""
}

// putRow inserts or replaces one candidate's row after a save.
func (d *data) putRow(r model.CandidateRow) {
	if i, ok := d.rowIdx[r.ID]; ok {
		d.rows[i] = r
		d.folded[i] = model.Fold(r.Name)
		d.sortKeys[i] = model.NameSortKey(r.Name)
		return
	}
	d.rowIdx[r.ID] = len(d.rows)
	d.rows = append(d.rows, r)
	d.folded = append(d.folded, model.Fold(r.Name))
	d.sortKeys = append(d.sortKeys, model.NameSortKey(r.Name))
}

// dropRow removes a candidate's row after a delete.
func (d *data) dropRow(id model.ID) {
	i, ok := d.rowIdx[id]
	if !ok {
		return
	}
	last := len(d.rows) - 1
	d.rows[i], d.folded[i], d.sortKeys[i] = d.rows[last], d.folded[last], d.sortKeys[last]
	d.rowIdx[d.rows[i].ID] = i
	d.rows, d.folded, d.sortKeys = d.rows[:last], d.folded[:last], d.sortKeys[:last]
	delete(d.rowIdx, id)
}

// putCell, putClass and putMeeting replace or add one record after a
// save; the drop functions remove one after a delete. Each keeps the
// lookups that depend on its list.
func (d *data) putCell(c model.Cell)       { d.cells = upsert(d.cells, c, cellID); d.indexCells() }
func (d *data) dropCell(id model.ID)       { d.cells = drop(d.cells, id, cellID); d.indexCells() }
func (d *data) putClass(c model.Class)     { d.classes = upsert(d.classes, c, classID); d.indexCerts() }
func (d *data) dropClass(id model.ID)      { d.classes = drop(d.classes, id, classID); d.indexCerts() }
func (d *data) putMeeting(m model.Meeting) { d.meetings = upsert(d.meetings, m, meetingID) }
func (d *data) dropMeeting(id model.ID)    { d.meetings = drop(d.meetings, id, meetingID) }
func cellID(c model.Cell) model.ID         { return c.ID }
func classID(c model.Class) model.ID       { return c.ID }
func meetingID(m model.Meeting) model.ID   { return m.ID }

// drop removes the record with ID id from list.
func drop[T any](list []T, id model.ID, idOf func(T) model.ID) []T {
	return slices.DeleteFunc(list, func(x T) bool { return idOf(x) == id })
}

// upsert replaces the record with v's ID, or appends v when there is none.
func upsert[T any](list []T, v T, id func(T) model.ID) []T {
	if i := slices.IndexFunc(list, func(x T) bool { return id(x) == id(v) }); i >= 0 {
		list[i] = v
		return list
	}
	return append(list, v)
}
