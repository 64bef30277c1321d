package store

import "nguon/model"

// DefaultSettings are the settings of a file whose settings were never saved.
// Files that saved their settings keep what they stored (older ones: 6 months).
func DefaultSettings() model.Settings {
	return model.Settings{
		DecidingBody: "commune_standing", // since 07/2025; older files may need the district's
		// 12 months from each document's own date (docs/domain-rules.md §4.2).
		DocValidityMonths: 12,
		Holidays:          model.DefaultHolidays(),
	}
}
