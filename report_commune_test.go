package main

import (
	"encoding/csv"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"nguon/model"
	"nguon/store"
)

// hoaBinh is the commune whose cells the two-commune file was given.
const hoaBinh = "Đảng bộ xã Hòa Bình"

// twoCommuneFile is the demo file (Đảng bộ xã Trường Sơn) after a merge
// brought three cells of another commune: those cells carry its name.
func twoCommuneFile(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "huyen.db")
	st, err := store.Open(db, store.Options{DeviceID: "huyen"})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ds := model.Demo(model.DateOf(time.Now()))
	for i := range ds.Cells[:3] {
		ds.Cells[i].Commune = hoaBinh
	}
	if err := st.Import(ds); err != nil {
		t.Fatal(err)
	}
	return db
}

func reportCSV(t *testing.T, args ...string) [][]string {
	t.Helper()
	r := nguon(t, nil, append([]string{"report", "--format", "csv"}, args...)...)
	if r.code != 0 {
		t.Fatalf("report %v: exit %d: %s", args, r.code, r.stderr)
	}
	rows, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(r.stdout, "\uFEFF"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows[1:] // after the columns' names
}

// --by commune gives each commune the rows --commune gives it alone, with
// its subtotal, then the whole file's total; the subtotals add up to it.
func TestCLIReportByCommune(t *testing.T) {
	db := twoCommuneFile(t)
	by := reportCSV(t, "--db", db, "--what", "targets", "--by", "commune")
	plain := reportCSV(t, "--db", db, "--what", "targets")
	var communes []string
	sum := 0
	for _, row := range by {
		if c := row[0]; !slices.Contains(communes, c) {
			communes = append(communes, c)
		}
		if row[1] == "Toàn đảng bộ" && row[0] != "Tất cả các xã" {
			n, _ := strconv.Atoi(row[2])
			sum += n
		}
	}
	if !slices.Equal(communes, []string{hoaBinh, "Đảng bộ xã Trường Sơn", "Tất cả các xã"}) {
		t.Fatalf("communes in the report: %q", communes)
	}
	total := by[len(by)-1]
	if strings.Join(total[1:], "|") != strings.Join(plain[len(plain)-1], "|") || strconv.Itoa(sum) != total[2] {
		t.Fatalf("total %q, plain %q, subtotals' targets %d", total, plain[len(plain)-1], sum)
	}
	for _, c := range communes[:2] {
		var mine []string
		for _, row := range by {
			if row[0] == c {
				mine = append(mine, strings.Join(row[1:], "|"))
			}
		}
		var alone []string
		for _, row := range reportCSV(t, "--db", db, "--what", "targets", "--commune", model.Fold(c)) {
			alone = append(alone, strings.Join(row, "|"))
		}
		if len(mine) != 4 && c == hoaBinh || !slices.Equal(mine, alone) {
			t.Errorf("%s by commune:\n%q\nalone:\n%q", c, mine, alone)
		}
	}
}

func TestCLIReportCommuneRefusals(t *testing.T) {
	db := twoCommuneFile(t)
	r := nguon(t, nil, "report", "--db", db, "--what", "admitted", "--commune", "Tân Lập")
	if r.code != 1 || !strings.Contains(r.stderr, "Tân Lập") || !strings.Contains(r.stderr, hoaBinh+", Đảng bộ xã Trường Sơn") {
		t.Fatalf("unknown commune: exit %d: %q", r.code, r.stderr)
	}
	oneLineErr(t, r, "unknown commune")
	r = nguon(t, nil, "report", "--db", db, "--what", "classes", "--by", "commune")
	if r.code != 2 {
		t.Fatalf("classes by commune: exit %d", r.code)
	}
	oneLineErr(t, r, "classes by commune")
	if r = nguon(t, nil, "report", "--db", db, "--what", "due", "--by", "village"); r.code != 2 {
		t.Fatalf("--by village: exit %d", r.code)
	}
}

// On a file of one commune, --by commune changes nothing, byte for byte.
func TestCLIReportOneCommuneUnchanged(t *testing.T) {
	db := demoFile(t)
	for _, what := range []string{"targets", "sources", "admitted", "due", "breakdown"} {
		plain := nguon(t, nil, "report", "--db", db, "--what", what)
		by := nguon(t, nil, "report", "--db", db, "--what", what, "--by", "commune")
		if plain.code != 0 || by.code != 0 || plain.stdout != by.stdout {
			t.Errorf("%s: exit %d/%d, by commune differs:\n%s\n%s", what, plain.code, by.code, plain.stdout, by.stdout)
		}
	}
}
