package ui

import (
	"strings"

	"nguon/model"
)

// The dashboard of a file that merged several communes' files (a district's
// or a province's): the key Commune steps from all communes, where the
// first table has one row per commune, to each commune in turn, where the
// dashboard is that commune's own (its cells, candidates, sources and
// deadlines), and back. A commune's own file has one commune and never
// shows any of this.

// communeCount is one commune's line in the "all communes" table.
type communeCount struct {
	n      model.CellCount
	groups [4]int
}

// several reports whether the file holds more than one commune.
func (s *dashboardScreen) several() bool { return len(s.communes) > 1 }

// showCommunes reports whether the first table lists communes, not cells.
func (s *dashboardScreen) showCommunes() bool { return s.several() && s.commune == 0 }

// top is the number of rows of the first table, which the cursor visits
// before the deadlines.
func (s *dashboardScreen) top() int {
	if s.showCommunes() {
		return len(s.communes)
	}
	return len(s.cells)
}

// learnCommunes lists the file's communes and which one each cell is in.
// The commune shown stays the same one when the list changes around it.
func (s *dashboardScreen) learnCommunes() {
	d := s.e.d
	shown := ""
	if s.commune > 0 && s.commune <= len(s.communes) {
		shown = s.communes[s.commune-1]
	}
	s.communes = model.Communes(d.cells, d.settings.Commune)
	s.commune, s.cellCommune = 0, nil
	if !s.several() {
		return
	}
	s.cellCommune = make(map[model.ID]int, len(d.cells))
	byName := map[string]int{} // cells share a few spellings: each is looked up once
	for _, c := range d.cells {
		name := model.CommuneOf(c, d.settings.Commune)
		i, ok := byName[name]
		if !ok {
			i = s.communeIndex(name)
			byName[name] = i
		}
		s.cellCommune[c.ID] = i
	}
	if shown != "" {
		s.commune = s.communeIndex(shown)
	}
}

// communeIndex is the commune's place in communes, from 1; 0 when absent.
func (s *dashboardScreen) communeIndex(name string) int {
	for i, k := range s.communes {
		if model.SameCommune(name, k) {
			return i + 1
		}
	}
	return 0
}

// shown is the part of the file the dashboard counts: all of it, or the
// commune chosen (model's OfCommune, the same as `report --commune`).
func (s *dashboardScreen) shown() model.Snapshot {
	d := s.e.d
	all := model.Snapshot{Settings: d.settings, Cells: d.cells, Rows: d.rows, Classes: d.classes}
	if s.commune == 0 {
		return all
	}
	snap, _ := all.OfCommune(s.communes[s.commune-1], nil)
	return snap
}

// inShown reports whether a candidate of cell counts in the commune shown.
func (s *dashboardScreen) inShown(cell model.ID) bool {
	return s.commune == 0 || s.cellCommune[cell] == s.commune
}

// tally sums the cells' figures per commune for the "all communes" table,
// from the counts already made: it never recounts the candidates.
func (s *dashboardScreen) tally() {
	s.perCommune = nil
	if !s.showCommunes() {
		return
	}
	s.perCommune = make([]communeCount, len(s.communes))
	for _, c := range s.cells {
		i := s.cellCommune[c.ID] - 1
		if i < 0 {
			continue
		}
		pc := &s.perCommune[i]
		n := s.counts.ByCell[c.ID]
		pc.n.Target += n.Target
		pc.n.Admitted += n.Admitted
		pc.n.Active += n.Active
		for g, v := range s.counts.ByCellGroup[c.ID] {
			pc.groups[g] += v
		}
	}
}

// nextCommune shows the next commune, after the last all of them again.
func (s *dashboardScreen) nextCommune() { s.showCommune((s.commune + 1) % (len(s.communes) + 1)) }

// showCommune shows commune i (0: all), from the top.
func (s *dashboardScreen) showCommune(i int) {
	s.commune, s.cursor, s.scroll = i, 0, 0
	s.recompute()
}

// communeTitle is the title of the dashboard of the commune shown.
func (s *dashboardScreen) communeTitle() string {
	return model.CommuneLabel(s.communes[s.commune-1], s.e.lang)
}

// communeLine says which communes the dashboard shows and how to change it.
func (s *dashboardScreen) communeLine() string {
	k := s.e.keys.Commune.Help().Key
	if s.commune == 0 {
		return s.e.tf("dash_commune_all", len(s.communes), k)
	}
	return s.e.tf("dash_commune_one", s.commune, len(s.communes), k)
}

// shortCommune drops the "Đảng bộ " every commune's name starts with, as
// shortCell drops "Chi bộ ", so the names fit a narrow column.
func shortCommune(name string, lang model.Lang) string {
	if rest, ok := strings.CutPrefix(name, "Đảng bộ "); ok && rest != "" {
		return rest
	}
	return model.CommuneLabel(name, lang)
}
