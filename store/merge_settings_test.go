package store

import (
	"path/filepath"
	"reflect"
	"testing"

	"nguon/model"
)

// Settings belong to their commune: another file's never replace this
// file's, whether either names its commune or not; a copy of this very
// file (another laptop of the commune) merges them.

func communeFile(t *testing.T, device, commune, province string, months int, holiday model.Date) *Store {
	t.Helper()
	s := laptopStore(t, device, testEpoch)
	set := model.Settings{Commune: commune, Province: province, DocValidityMonths: months, Holidays: []model.Date{holiday}}
	must(t, s.PutSettings(set))
	c := testCell("Chi bộ thôn " + device)
	must(t, s.PutCell(&c))
	return s
}

func TestMergeKeepsThisFilesSettings(t *testing.T) {
	for _, tc := range []struct {
		name, ours, theirs string
		listed             int // CommuneSettings: ours, and the copy's unless it names our commune
	}{
		{"this file names no commune", "", "Đảng bộ xã Hoằng Phụ", 2},
		{"the copy names no commune", "Đảng bộ xã Trường Sơn", "", 2},
		{"neither names one", "", "", 2},
		{"both name the same", "Đảng bộ xã Trường Sơn", "Đảng bộ xã  trường sơn", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ours := communeFile(t, "huyen", tc.ours, "Thanh Hóa", 6, model.NewDate(2026, 9, 2))
			theirs := communeFile(t, "xa", tc.theirs, "Nghệ An", 12, model.NewDate(2026, 5, 19))
			want, err := ours.Settings()
			must(t, err)
			revsBefore, err := ours.Revisions(settingsID)
			must(t, err)
			res, err := ours.Merge([]string{copyOf(t, theirs, "xa.db")}, testEpoch)
			must(t, err)
			if got, _ := ours.Settings(); !reflect.DeepEqual(got, want) {
				t.Errorf("our settings became %+v, want %+v", got, want)
			}
			if revs, _ := ours.Revisions(settingsID); len(revs) != len(revsBefore) {
				t.Errorf("the settings record has %d revisions after the merge, %d before", len(revs), len(revsBefore))
			}
			if conf, _ := ours.Conflicts(); len(conf) != 0 {
				t.Errorf("conflicts: %v", conf)
			}
			if f := res.Files[0]; !f.SettingsApart || f.Added != 1 {
				t.Errorf("merge result %+v", f)
			}
			all, err := ours.CommuneSettings()
			must(t, err)
			if len(all) != tc.listed || !all[0].Own || !reflect.DeepEqual(all[0].Settings, want) ||
				(tc.listed == 2 && (all[1].Settings.Province != "Nghệ An" || all[1].Settings.DocValidityMonths != 12)) {
				t.Errorf("CommuneSettings = %+v", all)
			}
		})
	}
}

// A district file keeps every commune's settings, and passes them on to
// another district file merging it.
func TestDistrictKeepsEveryCommunesSettings(t *testing.T) {
	district := laptopStore(t, "huyen", testEpoch)
	var copies []string
	for i, name := range []string{"Đảng bộ xã Trường Sơn", "Đảng bộ xã Hoằng Phụ", "Đảng bộ xã Quảng Nham"} {
		s := communeFile(t, "xa-"+string(rune('a'+i)), name, "Thanh Hóa", 3+i, model.NewDate(2026, 1, 10+i))
		copies = append(copies, copyOf(t, s, "xa.db"))
	}
	_, err := district.Merge(copies, testEpoch)
	must(t, err)
	if set, _ := district.Settings(); !reflect.DeepEqual(set, DefaultSettings()) {
		t.Errorf("the district's settings became %+v", set)
	}
	if _, err := district.Revisions(settingsID); err != ErrNotFound {
		t.Errorf("the district's settings record was written: %v", err)
	}
	all, err := district.CommuneSettings()
	must(t, err)
	months := map[string]int{}
	for _, c := range all[1:] {
		months[c.Settings.Commune] = c.Settings.DocValidityMonths
	}
	want := map[string]int{"Đảng bộ xã Trường Sơn": 3, "Đảng bộ xã Hoằng Phụ": 4, "Đảng bộ xã Quảng Nham": 5}
	if !reflect.DeepEqual(months, want) {
		t.Errorf("communes' settings %v, want %v", months, want)
	}
	// Another file merging the district's learns the same, and merging
	// again writes nothing.
	province := laptopStore(t, "tinh", testEpoch)
	_, err = province.Merge([]string{copyOf(t, district, "huyen.db")}, testEpoch)
	must(t, err)
	got, err := province.CommuneSettings()
	must(t, err)
	if len(got) != 4 {
		t.Errorf("the province file knows %d communes' settings, want 4 (its own and three)", len(got))
	}
	before := fileHash(t, province.Path())
	res, err := province.Merge([]string{copyOf(t, district, "huyen2.db")}, testEpoch)
	must(t, err)
	if res.Written || fileHash(t, province.Path()) != before {
		t.Error("merging the district again wrote to the file")
	}
}

// A copy of this very file, edited on another laptop, brings its settings.
func TestMergeTakesSettingsOfACopyOfThisFile(t *testing.T) {
	ours := communeFile(t, "laptop-a", "", "Thanh Hóa", 6, model.NewDate(2026, 9, 2))
	path := filepath.Join(t.TempDir(), "laptop-b.db")
	must(t, ours.Backup(path))
	b := openTestStore(t, path, Options{DeviceID: "laptop-b"})
	set, err := b.Settings()
	must(t, err)
	set.Commune, set.DocValidityMonths = "Đảng bộ xã Trường Sơn", 9
	must(t, b.PutSettings(set))
	res, err := ours.Merge([]string{copyOf(t, b, "b.db")}, testEpoch)
	must(t, err)
	if got, _ := ours.Settings(); got.Commune != set.Commune || got.DocValidityMonths != 9 {
		t.Errorf("the other laptop's settings did not arrive: %+v", got)
	}
	if f := res.Files[0]; f.SettingsApart || f.Updated != 1 {
		t.Errorf("merge result %+v", f)
	}
}
