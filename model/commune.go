package model

import (
	"slices"
	"strings"
)

// Communes of a merged file (docs/file-format.md §17 item 3). A district or
// province office merges many communes' files into one; each cell carries
// the commune it came from, and a cell without one belongs to the file's
// own commune (its settings'). The dashboard and the reports group by the
// commune a cell belongs to, and a candidate belongs to its cell's commune.

// foldCommune compares commune names as the merge does: case, accents and
// extra spaces apart, so "Đảng bộ xã Trường  Sơn" is "dang bo xa truong son".
func foldCommune(s string) string { return strings.Join(strings.Fields(Fold(s)), " ") }

// SameCommune reports whether two names are the same commune's.
func SameCommune(a, b string) bool { return foldCommune(a) == foldCommune(b) }

// CommuneOf is the commune a cell belongs to: its own when the merge gave
// it one, else the file's (own, from the settings). It is "" only when
// neither names one; screens then say "this commune".
func CommuneOf(cell Cell, own string) string {
	if c := Clean(cell.Commune); c != "" {
		return c
	}
	return Clean(own)
}

// Communes lists the communes of cells in Vietnamese order, each once
// (the first spelling met wins). "" (no name) is listed, first, when a cell
// belongs to no named commune. A file of one commune lists one or none.
func Communes(cells []Cell, own string) []string {
	seen := map[string]bool{}
	var out []string
	for _, c := range cells {
		name := CommuneOf(c, own)
		if f := foldCommune(name); !seen[f] {
			seen[f] = true
			out = append(out, name)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int { return strings.Compare(SortKey(a), SortKey(b)) })
	return out
}

// CellsOf are the IDs of the cells of commune.
func CellsOf(cells []Cell, own, commune string) map[ID]bool {
	out := map[ID]bool{}
	for _, c := range cells {
		if SameCommune(CommuneOf(c, own), commune) {
			out[c.ID] = true
		}
	}
	return out
}

// ThisCommune names the file's own commune when it has no name, in a list
// of several communes.
var ThisCommune = Text{"(xã này)", "(this commune)"}

// CommuneLabel is a commune's name for a list of communes.
func CommuneLabel(name string, lang Lang) string {
	if name == "" {
		return ThisCommune.In(lang)
	}
	return name
}

// MatchCommune finds the commune a person typed: the one whose name is the
// same without case, accents or extra spaces, else the only one whose name
// contains what was typed ("truong son" finds "Đảng bộ xã Trường Sơn").
// ok is false when none or several match.
func MatchCommune(typed string, communes []string) (string, bool) {
	f := foldCommune(typed)
	if f == "" {
		return "", false
	}
	var found []string
	for _, c := range communes {
		fc := foldCommune(c)
		if fc == f {
			return c, true
		}
		if strings.Contains(fc, f) {
			found = append(found, c)
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return "", false
}

// OfCommune keeps of a snapshot what belongs to one commune: its cells,
// their candidates, the facts of their full records in facts, and the classes its
// candidates took part in, with only their enrolments (a class belongs to
// no commune, so a district's class is counted in each commune for the
// commune's own participants). Meetings are kept whole: no figure reads them.
func (s Snapshot) OfCommune(commune string, facts []ReportFacts) (Snapshot, []ReportFacts) {
	in := CellsOf(s.Cells, s.Settings.Commune, commune)
	out := s
	out.Cells = slices.DeleteFunc(slices.Clone(s.Cells), func(c Cell) bool { return !in[c.ID] })
	out.Rows = slices.DeleteFunc(slices.Clone(s.Rows), func(r CandidateRow) bool { return !in[r.Cell] })
	kept := make(map[ID]bool, len(out.Rows))
	for _, r := range out.Rows {
		kept[r.ID] = true
	}
	out.Classes = nil
	for _, c := range s.Classes {
		c.Enrolments = slices.DeleteFunc(slices.Clone(c.Enrolments), func(e Enrolment) bool { return !kept[e.Candidate] })
		if len(c.Enrolments) > 0 {
			out.Classes = append(out.Classes, c)
		}
	}
	if facts != nil {
		facts = slices.DeleteFunc(slices.Clone(facts), func(f ReportFacts) bool { return !in[f.Cell] })
	}
	return out, facts
}
