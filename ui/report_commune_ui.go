package ui

import "nguon/model"

// The :report form's commune choice, offered only in a file that merged
// several communes' files: the whole file, each commune with its subtotal
// (`nguon report --by commune`), or one commune (`--commune`).

// byEachCommune is the choice's code for a report by commune; a commune's
// name is never "*".
const byEachCommune = "*"

var (
	repCommune     = model.Text{VI: "Xã", EN: "Commune"}
	repWholeFile   = model.Text{VI: "Cả tệp, không chia theo xã", EN: "The whole file, not by commune"}
	repEachCommune = model.Text{VI: "Từng xã, có dòng cộng của mỗi xã", EN: "Each commune, with its subtotal"}
)

// communeOptions are the choices, or nil in a commune's own file. A commune
// without a name (the file's own, unnamed) cannot be asked for by name and
// is left out; it still has its rows in the report by commune.
func (s *reportScreen) communeOptions() []model.Option {
	communes := model.Communes(s.e.d.cells, s.e.d.settings.Commune)
	if len(communes) < 2 {
		return nil
	}
	opts := []model.Option{{Code: "", Label: repWholeFile}, {Code: byEachCommune, Label: repEachCommune}}
	for _, c := range communes {
		if c != "" {
			opts = append(opts, model.Option{Code: c, Label: model.Text{VI: c, EN: c}})
		}
	}
	return opts
}
