package store

import (
	"encoding/json"
	"reflect"
	"testing"

	"nguon/model"
)

// The envelope parser reads what encoding/json reads, for every shape a
// revision takes, and declines (ok false) whatever it cannot read exactly.
func TestParseRevisionAgreesWithJSON(t *testing.T) {
	cell := testCell(`Chi bộ <thôn> & "Đông" \ ","data":{}`)
	cell.ID = model.NewID(testEpoch)
	data, _ := json.Marshal(cell)
	parent := "8f3c" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789ab"
	for _, r := range []revision{
		{Record: cell.ID, Kind: "cell", Clock: HLC{Wall: 1795898651041, Logical: 3}, Device: "laptop-a", Schema: 1, At: "2026-11-28T20:44:11.041Z", Data: data},
		{Record: cell.ID, Kind: "cell", Parents: []string{parent, parent[1:] + "0"}, Clock: HLC{Wall: 1, Logical: 1<<32 - 1}, Device: "", Schema: 1, At: "2026-11-28T20:44:11.041+07:00", Data: data},
		{Record: cell.ID, Kind: "cell", Parents: []string{parent}, Deleted: true, Schema: 1, At: "2026-11-28T20:44:11.041Z"},
	} {
		raw, _, err := r.encode()
		must(t, err)
		var want revision
		must(t, json.Unmarshal(raw, &want))
		got, parents, ok := parseRevision(raw)
		if !ok {
			t.Fatalf("parseRevision declined %s", raw)
		}
		if !reflect.DeepEqual(got, want) || len(parents) != len(want.Parents) {
			t.Errorf("parseRevision = %+v\nwant %+v", got, want)
		}
	}
	raw, _, _ := revision{Record: cell.ID, Kind: "cell", Device: `a"b`, Schema: 1, At: "x", Data: data}.encode()
	if _, _, ok := parseRevision(raw); ok {
		t.Error("parseRevision read a device with an escaped quote")
	}
	for _, bad := range []string{``, `{}`, `{"id":"x"}`, string(raw[:len(raw)-1]),
		`{"kind":"cell","id":"` + cell.ID.String() + `"}`} {
		if _, _, ok := parseRevision([]byte(bad)); ok {
			t.Errorf("parseRevision read %q", bad)
		}
	}
}
