package store

import (
	"encoding/hex"
	"encoding/json"
	"maps"
	"reflect"
	"strings"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
	"pgregory.net/rapid"
)

// The settings record in the property tests of merging: settings belong
// to their file, so it is merged by file, not by union.

// lineage is the first laptop of laptop l's file.
func lineage(l int) int {
	if l == 1 {
		return 0
	}
	return l
}

// settings edits laptop l's settings. Every laptop names the same commune
// or none, so no cell is ever given a commune (a stamp is a revision made
// by whichever file merges, which would make merge orders differ); the
// settings still belong to two files, laptop-c's and the others'.
func (w *world) settings(s *Store, l int) {
	set, err := s.Settings()
	ok(w.t, err)
	set.Commune = rapid.SampledFrom([]string{"", "Đảng bộ xã Trường Sơn"}).Draw(w.t, "commune")
	set.Province = rapid.SampledFrom([]string{"Thanh Hóa", "Nghệ An", "Hà Tĩnh"}).Draw(w.t, "province")
	set.DocValidityMonths = rapid.IntRange(1, 24).Draw(w.t, "validity")
	set.Holidays = []model.Date{model.NewDate(2026, 1, rapid.IntRange(1, 28).Draw(w.t, "holiday"))}
	ok(w.t, s.PutSettings(set))
	revs, err := s.Revisions(settingsID)
	ok(w.t, err)
	w.written[lineage(l)][revs[len(revs)-1].ID] = true
}

// withoutSettings leaves out the settings record's revisions, which merge
// by file rather than by union (checkSettings).
func withoutSettings(revs map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for id, raw := range revs {
		if !strings.HasPrefix(string(raw), `{"id":"`+settingsID.String()) {
			out[id] = raw
		}
	}
	return out
}

// everButSettings is every revision ever written but the settings'.
func (w *world) everButSettings() map[string]bool {
	out := map[string]bool{}
	for id := range w.ever {
		if !w.written[0][id] && !w.written[2][id] {
			out[id] = true
		}
	}
	return out
}

// checkSettings checks each merged file's settings: its own record holds
// exactly the settings revisions written on its file's laptops, whatever
// the order of the merges; every other settings revision is kept apart;
// and what it shows is the winner of its own.
func (w *world) checkSettings(files map[*Store]int) {
	rt := w.t
	all := map[string]bool{}
	for _, l := range []int{0, 2} {
		for id := range w.written[l] {
			all[id] = true
		}
	}
	for x, l := range files {
		own := map[string][]byte{}
		for id, raw := range revisionSet(rt, x) {
			if !strings.HasPrefix(string(raw), `{"id":"`+settingsID.String()) {
				continue
			}
			own[id] = raw
		}
		if !maps.Equal(keySet(own), w.written[l]) {
			rt.Fatalf("%s: settings revisions %v, written on its own file's laptops %v", x.Path(), keySet(own), w.written[l])
		}
		known := keySet(own)
		ok(rt, x.view(func(tx *bolt.Tx) error {
			if b := tx.Bucket(bucketApart); b != nil {
				return b.ForEach(func(k, _ []byte) error { known[hex.EncodeToString(k)] = true; return nil })
			}
			return nil
		}))
		if !maps.Equal(known, all) {
			rt.Fatalf("%s knows %d settings revisions, %d were written", x.Path(), len(known), len(all))
		}
		got, err := x.Settings()
		ok(rt, err)
		if want := recompute(rt, own)[settingsID]; want != nil && !want.winner.Deleted {
			var ws model.Settings
			ok(rt, json.Unmarshal(want.winner.Data, &ws))
			if !reflect.DeepEqual(got, ws) {
				rt.Fatalf("%s shows settings %+v, its own winner is %+v", x.Path(), got, ws)
			}
		} else if !reflect.DeepEqual(got, DefaultSettings()) {
			rt.Fatalf("%s wrote no settings of its own but shows %+v", x.Path(), got)
		}
	}
}
