package store

import (
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Communes in a merged file (docs/file-format.md, "Merging copies").
//
// The settings record has the same fixed ID in every file. Copies of one
// commune share it, and merging them merges it. A copy whose settings name
// another commune (both names set, compared folded) is another commune's
// file: merging its settings would make a false conflict over whose name
// the file carries, so they are left out, and instead every cell learns its
// commune. Cells the copy brought that have none get the copy's commune;
// every other cell without one gets this file's own commune. Each is a
// proper revision of the cell, made by this laptop with the cell's head as
// its parent, so it merges onwards like any edit.

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

// foreignCommune reports whether copy c is another commune's file.
func foreignCommune(ours string, c *mergeCopy) bool {
	if c.settings == nil || foldName(ours) == "" || foldName(c.res.Commune) == "" {
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
