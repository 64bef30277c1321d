package ui

import (
	"runtime"
	"slices"
	"strings"
	"sync"
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
	// nameCache holds the folded and collation keys of each distinct name:
	// 100,000 people share a few thousand names, and a collation key is
	// the dearest thing computed at open.
	nameCache map[string]nameKeys
	// ranks caches nameRanks until a row changes.
	ranks []int32
	// keysDone, while not nil, is closed when the name keys (folded,
	// sortKeys, nameCache) and the ranks, computed in the background after
	// a load, are there. The first frame (the dashboard) needs none of
	// them, and at 100,000 candidates they are a third of the open; the
	// candidate list waits for them (listScreen.needsKeys). Nothing reads
	// them before ready or settle says so.
	keysDone chan struct{}
}

// keysInBackground computes the name keys, then the ranks, on the other
// cores.
func (d *data) keysInBackground() {
	done := make(chan struct{})
	d.keysDone = done
	go func() {
		d.nameKeys()
		d.ranks = d.computeRanks()
		close(done)
	}()
}

// ready reports whether the keys are there, without waiting.
func (d *data) ready() bool {
	if d.keysDone == nil {
		return true
	}
	select {
	case <-d.keysDone:
		d.keysDone = nil
		return true
	default:
		return false
	}
}

// settle waits for the keys computed in the background; every change to
// the rows waits first.
func (d *data) settle() {
	if d.keysDone != nil {
		<-d.keysDone
		d.keysDone = nil
	}
}

type nameKeys struct{ folded, sortKey string }

// keysOf returns the keys of a name, computing them once per distinct name.
func (d *data) keysOf(name string) nameKeys {
	if k, ok := d.nameCache[name]; ok {
		return k
	}
	if d.nameCache == nil {
		d.nameCache = map[string]nameKeys{}
	}
	k := nameKeys{model.Fold(name), model.NameSortKey(name)}
	d.nameCache[name] = k
	return k
}

func loadData(s *store.Store) (*data, bool, error) {
	snap, err := s.Snapshot()
	if err != nil {
		return nil, false, err
	}
	d := &data{settings: snap.Settings, cells: snap.Cells, rows: snap.Rows, classes: snap.Classes, meetings: snap.Meetings}
	d.indexIDs()
	d.keysInBackground()
	empty := len(d.cells) == 0 && len(d.rows) == 0 && len(d.classes) == 0 && len(d.meetings) == 0
	return d, empty, nil
}

// index rebuilds the lookup maps and the per-row search and sort keys.
func (d *data) index() {
	d.settle()
	d.indexIDs()
	d.nameKeys()
}

// indexIDs rebuilds the lookups by ID and the certificates.
func (d *data) indexIDs() {
	d.indexCells()
	d.rowIdx = make(map[model.ID]int, len(d.rows))
	for i, r := range d.rows {
		d.rowIdx[r.ID] = i
	}
	d.indexCerts()
}

// nameKeys computes every row's folded and collation keys, and forgets the
// ranks. A collation key costs half a microsecond: at 100,000 rows with
// tens of thousands of distinct names, the cores share them, each with its
// own cache of the names and the name parts it met.
func (d *data) nameKeys() {
	d.ranks = nil
	d.folded = make([]string, len(d.rows))
	d.sortKeys = make([]string, len(d.rows))
	workers := min(runtime.GOMAXPROCS(0), 1+len(d.rows)/8192)
	caches := make([]map[string]nameKeys, workers)
	var keys sync.WaitGroup
	for w := range workers {
		keys.Go(func() {
			from, to := w*len(d.rows)/workers, (w+1)*len(d.rows)/workers
			cache := make(map[string]nameKeys, (to-from)/2)
			keyer := model.NewNameKeyer(1024)
			for i := from; i < to; i++ {
				name := d.rows[i].Name
				k, ok := cache[name]
				if !ok {
					k = nameKeys{model.Fold(name), keyer.SortKey(name)}
					cache[name] = k
				}
				d.folded[i], d.sortKeys[i] = k.folded, k.sortKey
			}
			caches[w] = cache
		})
	}
	keys.Wait()
	d.nameCache = caches[0] // later saves mostly meet names already seen
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

// putRow inserts or replaces one candidate's row after a save and returns
// its index and the row it replaced (nil for a new one).
func (d *data) putRow(r model.CandidateRow) (int, *model.CandidateRow) {
	d.settle()
	d.ranks = nil
	k := d.keysOf(r.Name)
	if i, ok := d.rowIdx[r.ID]; ok {
		old := d.rows[i]
		d.rows[i], d.folded[i], d.sortKeys[i] = r, k.folded, k.sortKey
		return i, &old
	}
	i := len(d.rows)
	d.rowIdx[r.ID] = i
	d.rows = append(d.rows, r)
	d.folded = append(d.folded, k.folded)
	d.sortKeys = append(d.sortKeys, k.sortKey)
	return i, nil
}

// dropRow removes a candidate's row after a delete: the last row moves into
// its place. It returns the index removed and the index the last row had
// (-1 when the candidate has no row).
func (d *data) dropRow(id model.ID) (removed, moved int) {
	d.settle()
	d.ranks = nil
	i, ok := d.rowIdx[id]
	if !ok {
		return -1, -1
	}
	last := len(d.rows) - 1
	d.rows[i], d.folded[i], d.sortKeys[i] = d.rows[last], d.folded[last], d.sortKeys[last]
	d.rowIdx[d.rows[i].ID] = i
	d.rows, d.folded, d.sortKeys = d.rows[:last], d.folded[:last], d.sortKeys[:last]
	delete(d.rowIdx, id)
	return i, last
}

// nameRanks returns the rank of each row's name (computeRanks), computed
// once until a row changes.
func (d *data) nameRanks() []int32 {
	d.settle()
	if d.ranks == nil {
		d.ranks = d.computeRanks()
	}
	return d.ranks
}

// computeRanks numbers the rows' names in collation order: equal names share
// a rank. Sorting 100,000 rows by an int is far cheaper than by keys of
// 60 bytes that often tie. A large file has tens of thousands of distinct
// names, so they are found by the name (a third of the key's length to
// hash), and their keys are sorted in halves on two cores and merged.
func (d *data) computeRanks() []int32 {
	first := make(map[string]int32, len(d.rows)/2) // a name's first row
	nameOf := make([]int32, len(d.rows))           // each row's distinct name, numbered
	var uniq []int32                               // the first row of each distinct name
	for i, r := range d.rows {
		n, ok := first[r.Name]
		if !ok {
			n = int32(len(uniq))
			first[r.Name] = n
			uniq = append(uniq, int32(i))
		}
		nameOf[i] = n
	}
	byKey := func(a, b int32) int { return strings.Compare(d.sortKeys[a], d.sortKeys[b]) }
	half := len(uniq) / 2
	var sorting sync.WaitGroup
	sorting.Go(func() { slices.SortFunc(uniq[:half], byKey) })
	slices.SortFunc(uniq[half:], byKey)
	sorting.Wait()
	rankOf := make([]int32, len(uniq)) // by distinct name
	rank, prev := int32(-1), ""
	for a, b := 0, half; a < half || b < len(uniq); {
		var row int32
		if b == len(uniq) || a < half && byKey(uniq[a], uniq[b]) <= 0 {
			row, a = uniq[a], a+1
		} else {
			row, b = uniq[b], b+1
		}
		if k := d.sortKeys[row]; rank < 0 || k != prev {
			rank, prev = rank+1, k
		}
		rankOf[nameOf[row]] = rank
	}
	ranks := nameOf // each row's name number becomes its rank
	for i, n := range nameOf {
		ranks[i] = rankOf[n]
	}
	return ranks
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
