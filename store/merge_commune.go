package store

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Communes in a merged file (docs/file-format.md, "Merging copies").
//
// The settings record has the same fixed ID in every file, and settings
// belong to their commune: a copy's settings revisions are merged into
// this file's settings only when the copy is a copy of this very file (the
// same meta file_id: another laptop of the commune, set up by copying the
// file). Any other file's (another commune's, or a district's) are kept
// apart, in the bucket commune_settings, keyed by revision ID, byte for
// byte as the copy held them, with whatever that copy itself kept apart.
// They are never this file's settings, and can be read with
// CommuneSettings. Names are not what decides: a district file has none
// of its own until the clerk sets one, and a commune file may carry none
// while it is new, so comparing names let a copy's province and holidays
// replace this file's. The file_id never changes and does not depend on
// what a merge brings, so which revisions go where does not depend on the
// order copies are merged in: this file's settings are the union of its
// own and its copies' settings revisions, the settings kept apart the
// union of everything else that reached it.
//
// A copy whose settings name another commune than this file's is, besides,
// another commune's file, and every cell learns its commune. Cells the copy
// brought that have none get the copy's commune; every other cell without
// one gets this file's own commune. Each is a proper revision of the cell,
// made by this laptop with the cell's head as its parent, so it merges
// onwards like any edit.

// bucketApart holds the settings revisions of other files (see above).
var bucketApart = []byte("commune_settings")

// haveRevision reports whether our file holds revision id of record rec
// (our file is always of the current schema: record ID ‖ revision ID).
func haveRevision(tx *bolt.Tx, rec model.ID, id [32]byte) bool {
	return revisionAt(tx, rec, id) != nil
}

// haveApart reports whether our file keeps settings revision id apart.
func haveApart(tx *bolt.Tx, id [32]byte) bool {
	b := tx.Bucket(bucketApart)
	return b != nil && b.Get(id[:]) != nil
}

// putApart keeps settings revisions of other files, admitted in phase 1.
func putApart(tx *bolt.Tx, revs map[[32]byte][]byte) error {
	if len(revs) == 0 {
		return nil
	}
	b, err := tx.CreateBucketIfNotExists(bucketApart)
	if err != nil {
		return err
	}
	for _, id := range slices.SortedFunc(maps.Keys(revs), func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) }) {
		if err := b.Put(id[:], revs[id]); err != nil {
			return err
		}
	}
	return nil
}

// settingsOf decodes the winning settings among a copy's settings revisions.
func settingsOf(revs []*rev) *model.Settings {
	if len(revs) == 0 {
		return nil
	}
	_, w := resolve(revs)
	if w == nil || w.Deleted {
		return nil
	}
	var v model.Settings
	if err := json.Unmarshal(w.Data, &v); err != nil {
		return nil
	}
	return &v
}

// CommuneSetting is one commune's settings as this file knows them.
type CommuneSetting struct {
	Settings model.Settings
	Own      bool // this file's own settings
}

// CommuneSettings lists the settings of every commune this file knows:
// its own first, then those of the other files merged into it, kept
// apart. These are grouped by the commune they name (folded), each group
// showing its winning current revision (docs/file-format.md §6); a group
// that names this file's own commune is this file's, which it shows. They
// are read-only: only this file's own can be edited, through PutSettings.
func (s *Store) CommuneSettings() ([]CommuneSetting, error) {
	own, err := s.Settings()
	if err != nil {
		return nil, err
	}
	var revs []*rev
	apart := map[[32]byte]bool{}
	err = s.view(func(tx *bolt.Tx) error {
		if revs, err = revsOf(tx, settingsID); err != nil {
			return err
		}
		b := tx.Bucket(bucketApart)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			r, err := decodeRev(k, v)
			if err != nil || r.Record != settingsID {
				return wrap(ErrCorrupt, fmt.Errorf("%s: %x: %v", bucketApart, k, err))
			}
			revs = append(revs, r)
			apart[r.id] = true
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	heads, _ := resolve(revs) // across both: what this file wrote on top of another's is not that one's
	best := map[string]*rev{}
	settings := map[string]model.Settings{}
	for _, h := range heads {
		var v model.Settings
		if h.Deleted || !apart[h.id] || json.Unmarshal(h.Data, &v) != nil {
			continue
		}
		if f := foldName(v.Commune); best[f] == nil || beats(h, best[f]) {
			best[f], settings[f] = h, v
		}
	}
	out := []CommuneSetting{{Settings: own, Own: true}}
	for f, v := range settings {
		if f == "" || f != foldName(own.Commune) {
			out = append(out, CommuneSetting{Settings: v})
		}
	}
	slices.SortFunc(out[1:], func(a, b CommuneSetting) int {
		return strings.Compare(model.SortKey(a.Settings.Commune), model.SortKey(b.Settings.Commune))
	})
	return out, nil
}

// foldName compares commune names: case, accents and spacing apart.
func foldName(s string) string { return strings.Join(strings.Fields(model.Fold(s)), " ") }

// ourCommune is this file's commune, as its settings say ("" when unset).
func ourCommune(tx *bolt.Tx) string {
	v, err := get[model.Settings](tx, kindSettings, settingsID)
	if err != nil {
		return ""
	}
	return v.Commune
}

// foreignCommune reports whether copy c is another commune's file: both
// name their commune, and not the same one. Cells are given a commune
// only then: a stamp is a revision, which an edit of the cell made on the
// commune's laptop meanwhile would meet as a conflict, so a file that has
// no name to tell its cells from the copy's is left as it is.
func foreignCommune(ours string, c *mergeCopy) bool {
	if c.same || c.settings == nil || foldName(ours) == "" || foldName(c.res.Commune) == "" {
		return false
	}
	return foldName(ours) != foldName(c.res.Commune)
}

// stamp is one cell head to be given a commune.
type stamp struct {
	cell    model.ID
	head    *rev
	single  bool // the cell's only head: saved through the normal put path
	commune string
}

// cellsToStamp lists the live heads of cells without a commune, once the
// copies are merged, with the commune each gets: a cell a copy of another
// commune brought gets that copy's, every other one ours. Nothing is
// stamped unless a copy of another commune was merged.
func cellsToStamp(tx *bolt.Tx, copies []*mergeCopy, ours string) ([]stamp, error) {
	brought := map[model.ID]string{}
	foreign := false
	for _, c := range copies {
		foreign = foreign || c.res.Foreign
		for id := range c.added {
			if c.res.Foreign {
				brought[id] = c.res.Commune
			}
		}
	}
	if !foreign {
		return nil, nil
	}
	var out []stamp
	cells, err := list[model.Cell](tx, kindCell) // a cell with a live head is listed
	if err != nil {
		return nil, err
	}
	for _, cur := range cells {
		revs, err := revsOf(tx, cur.ID)
		if err != nil {
			return nil, err
		}
		heads, _ := resolve(revs)
		commune, ok := brought[cur.ID]
		if !ok {
			commune = ours
		}
		for _, h := range heads {
			var cell model.Cell
			if h.Deleted || json.Unmarshal(h.Data, &cell) != nil || cell.Commune != "" || commune == "" {
				continue
			}
			out = append(out, stamp{cell: cur.ID, head: h, single: len(heads) == 1, commune: commune})
		}
	}
	return out, nil
}

// stampCommunes gives the cells without a commune theirs, when a copy of
// another commune was merged, and counts each copy's stamps.
func stampCommunes(t *Tx, copies []*mergeCopy) error {
	stamps, err := cellsToStamp(t.tx, copies, ourCommune(t.tx))
	if err != nil {
		return err
	}
	for _, st := range stamps {
		var cell model.Cell
		if err := json.Unmarshal(st.head.Data, &cell); err != nil {
			return wrap(ErrCorrupt, err)
		}
		cell.Commune = st.commune
		data, err := json.Marshal(cell)
		if err != nil {
			return err
		}
		if st.single {
			err = t.write(kindCell, st.cell, data, false)
		} else {
			err = stampHead(t, st, data)
		}
		if err != nil {
			return err
		}
		for _, c := range copies {
			if c.res.Foreign && (c.added[st.cell] || st.commune == ourCommune(t.tx)) {
				c.res.Stamped++
				break
			}
		}
	}
	return nil
}

// stampHead replaces one head of a cell in conflict, and only that one:
// the normal put would name every head as a parent and so settle the
// conflict behind the clerk's back.
func stampHead(t *Tx, st stamp, data []byte) error {
	last, err := decodeHLC(t.tx.Bucket(bucketMeta).Get(metaHLC))
	if err != nil {
		return err
	}
	clock, err := last.next(t.now.UnixMilli())
	if err != nil {
		return err
	}
	raw, _, err := revision{Record: st.cell, Kind: kindCell.name, Parents: []string{hex.EncodeToString(st.head.id[:])},
		Clock: clock, Device: t.s.device, Schema: model.SchemaVersion,
		At: t.now.UTC().Format(atLayout), Data: data}.encode()
	if err != nil {
		return err
	}
	return addRevision(t.tx, raw) // raises the file's clock
}

// Communes lists the communes of the file's cells in Vietnamese order. A
// cell without a commune belongs to the file's own (its settings'), which
// is listed when such a cell exists and the settings name one.
func (s *Store) Communes() ([]string, error) {
	cells, err := s.Cells()
	if err != nil {
		return nil, err
	}
	settings, err := s.Settings()
	if err != nil {
		return nil, err
	}
	byFold := map[string]string{}
	for _, c := range cells {
		name := c.Commune
		if name == "" {
			name = settings.Commune
		}
		if f := foldName(name); f != "" && byFold[f] == "" {
			byFold[f] = name
		}
	}
	out := make([]string, 0, len(byFold))
	for _, name := range byFold {
		out = append(out, name)
	}
	slices.SortFunc(out, func(a, b string) int { return strings.Compare(model.SortKey(a), model.SortKey(b)) })
	return out, nil
}
