package store

import "nguon/model"

// DefaultSettings are the settings of a file whose settings were never saved.
func DefaultSettings() model.Settings {
	return model.Settings{
		DecidingBody:      "commune_standing", // since 07/2025; older files may need the district's
		DocValidityMonths: 6,                  // the stricter reading, docs/domain-rules.md §10
		Holidays:          model.DefaultHolidays(),
	}
}
