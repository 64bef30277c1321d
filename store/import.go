package store

import (
	"path/filepath"
	"slices"
	"strings"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// Importing the lists clerks keep (docs: README "Commands"). Columns are
// found by their headers through the field tables; every row is parsed,
// normalised and validated as a form would be; rows with an ID update that
// record, rows without one that match a person or cell already in the file
// are duplicates. All rows are written, or none (in batches past
// importBatchRows records, undone from the backup if they stop half way).

// ImportKinds are the record kinds an import can read.
var ImportKinds = []string{"candidates", "cells"}

// ImportOptions say what an import does.
type ImportOptions struct {
	// Kind is "candidates" or "cells"; "" finds it from the headers.
	Kind string
	// DryRun plans and reports without writing anything.
	DryRun bool
	// SkipInvalid writes the good rows when some are bad; by default one
	// bad row means nothing is written.
	SkipInvalid bool
	// NoBackup leaves out the copy of the file made before writing (tests);
	// an import written in batches makes it all the same.
	NoBackup bool
}

// RowNote is something about one row of the file: an error, a duplicate
// or a warning, said in both languages.
type RowNote struct {
	Row  int    // the spreadsheet row number (the header is usually row 1)
	Name string // the person's or the cell's name, as the row has it
	Msg  model.Text
}

// ImportResult is what an import found and did.
type ImportResult struct {
	Kind      string // "candidates" or "cells"
	Sheet     string // the XLSX sheet read, "" for CSV
	HeaderRow int
	Encoding  Encoding
	Columns   []string // headers of the columns read
	Unknown   []string // headers not recognised: those columns were not read
	ReadOnly  []string // columns an export writes but an import never sets (the stage…)

	Added, Updated, Unchanged    int
	Duplicates, Errors, Warnings []RowNote

	Written bool   // the records were saved
	Backup  string // the copy of the data file made just before, if any
}

// Errors of a whole import.
var (
	ErrImportRefused = newError("Không nhập gì vì có dòng bị lỗi (liệt kê ở trên); hãy sửa tệp rồi nhập lại, hoặc dùng --skip-invalid để chỉ nhập các dòng đúng.",
		"Nothing was imported because some rows have errors (listed above); fix the file and import it again, or use --skip-invalid to import only the good rows.")
	ErrImportKind = newError("Loại dữ liệu nhập phải là candidates (quần chúng) hoặc cells (chi bộ).",
		"What to import must be candidates or cells.")
)

// importContext is what rows are checked against: the file's cells and
// candidates as the transaction sees them, and the rows seen so far.
type importContext struct {
	table      string
	tx         *bolt.Tx
	today      model.Date
	cellByID   map[model.ID]model.Cell
	cellByName map[string][]model.ID
	// For duplicates: what the file holds and what earlier rows add.
	byCCCD    map[string]string            // CCCD → name
	byNameDOB map[string]string            // folded name + DOB → name
	seenIDs   map[model.ID]int             // ID → row that named it
	choices   map[string]map[string]string // field key → choiceKey → option code
}

func newImportContext(tx *bolt.Tx, table string, today model.Date) (*importContext, error) {
	c := &importContext{table: table, tx: tx, today: today, cellByID: map[model.ID]model.Cell{},
		cellByName: map[string][]model.ID{}, byCCCD: map[string]string{}, byNameDOB: map[string]string{},
		seenIDs: map[model.ID]int{}, choices: map[string]map[string]string{}}
	cells, err := list[model.Cell](tx, kindCell)
	if err != nil {
		return nil, err
	}
	for _, cl := range cells {
		c.cellByID[cl.ID] = cl
		k := cellKey(cl.Name)
		c.cellByName[k] = append(c.cellByName[k], cl.ID)
	}
	if table == "candidates" {
		rows, err := rowsOf(tx)
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			c.remember(r.Name, r.CCCD, r.DOB)
		}
	}
	return c, nil
}

func nameDOBKey(name string, dob model.Date) string {
	return cleanForMatch(name) + "|" + dob.ISO()
}

func (c *importContext) remember(name, cccd string, dob model.Date) {
	if cccd != "" {
		c.byCCCD[cccd] = name
	}
	if dob != 0 {
		c.byNameDOB[nameDOBKey(name, dob)] = name
	}
}

// column is one column of the file and the field it fills.
type column struct {
	index  int
	header string
	key    string // field key; "id" for the ID column; "" when unknown
}

const (
	keyID     = "\x00id"
	keyFamily = "\x00family" // a "Họ" column next to a "Tên" one
	keyGiven  = "\x00given"  // the unlabelled half of a "Họ và tên" header merged over two columns
	keyBlank  = "\x00blank"  // a column without a header

	// blankColumn starts an Unknown entry naming a column without a
	// header by its letter.
	blankColumn = "\x00"
	keyIgnore   = "\x00ignore" // STT: the row number of the list
)

// headerKeys maps every header a table accepts (its keys, both labels and
// the aliases), compared as cleanForMatch does, to the field key.
func headerKeys[T any](table []model.Field[T]) map[string]string {
	m := map[string]string{}
	for _, a := range model.IDAliases {
		m[cleanForMatch(a)] = keyID
	}
	for _, a := range []string{"stt", "tt", "số thứ tự", "no", "số tt"} {
		m[cleanForMatch(a)] = keyIgnore
	}
	for _, f := range table {
		for _, h := range append([]string{f.Key, f.Label.VI, f.Label.EN}, f.Aliases...) {
			m[cleanForMatch(h)] = f.Key
		}
	}
	return m
}

// familyHeaders are the first half of a name split in two columns.
var familyHeaders = []string{"họ", "họ đệm", "họ và tên đệm", "họ và chữ đệm", "họ lót", "họ và đệm"}

// mapHeaders reads one row as a header row.
func mapHeaders[T any](table []model.Field[T], nameKey string, row []string) (cols []column, found int) {
	keys := headerKeys(table)
	for i, h := range row {
		k := keys[cleanForMatch(h)]
		if nameKey == "full_name" && slices.ContainsFunc(familyHeaders, func(f string) bool { return cleanForMatch(f) == cleanForMatch(h) }) {
			k = keyFamily
		}
		if strings.TrimSpace(h) == "" {
			// "Họ và tên" written over two merged cells leaves the second
			// unlabelled: it holds the given name.
			if n := len(cols); nameKey == "full_name" && n > 0 && cols[n-1].key == nameKey && cols[n-1].index == i-1 {
				cols = append(cols, column{index: i, key: keyGiven})
				continue
			}
			cols = append(cols, column{index: i, header: colName(i + 1), key: keyBlank})
			continue
		}
		cols = append(cols, column{index: i, header: clip(model.Clean(h)), key: k})
		if k != "" && k != keyIgnore {
			found++
		}
	}
	return cols, found
}

// findHeader finds the header row among the first rows of a sheet (lists
// often have a title above): the first row naming the table's name column
// and at least one other. It returns the row's number (0: none) and its
// columns.
func findHeader[T any](table []model.Field[T], nameKey string, head []sheetRow) (int, []column, int) {
	for _, r := range head {
		cols, found := mapHeaders(table, nameKey, r.cells)
		if found >= 2 && slices.ContainsFunc(cols, func(c column) bool { return c.key == nameKey }) {
			return r.num, cols, found
		}
	}
	return 0, nil, 0
}

// importer is the part of an import that depends on the record kind.
type importer[T any] struct {
	table    []model.Field[T]
	nameKey  string
	k        *kind
	id       func(*T) *model.ID
	name     func(*T) string
	fresh    func(today model.Date) T
	validate func(*T, model.Date) model.Problems
	put      func(*Tx, *T) error
	dup      func(c *importContext, rec *T) string // the existing record a new one repeats
	remember func(c *importContext, rec *T)
}

var candidateImporter = importer[model.Candidate]{
	table: model.CandidateFields, nameKey: "full_name", k: kindCandidate,
	id:   func(c *model.Candidate) *model.ID { return &c.ID },
	name: func(c *model.Candidate) string { return c.FullName },
	fresh: func(today model.Date) model.Candidate {
		// As the form does for a new person: found today.
		return model.Candidate{Stage: model.StageSource,
			Steps: map[model.Stage]model.Step{model.StageSource: {Date: today}}}
	},
	validate: func(c *model.Candidate, today model.Date) model.Problems { c.Normalize(); return c.Validate(today) },
	// The planned record was normalised and validated against this state of
	// the file and this day (run re-plans otherwise): saved as it is.
	put: func(t *Tx, c *model.Candidate) error { return t.put(kindCandidate, &c.ID, c, nil) },
	dup: func(ctx *importContext, c *model.Candidate) string {
		if c.CCCD != "" {
			if n, ok := ctx.byCCCD[c.CCCD]; ok {
				return "cccd\x00" + n
			}
		}
		if c.DOB != 0 {
			if n, ok := ctx.byNameDOB[nameDOBKey(c.FullName, c.DOB)]; ok {
				return "name\x00" + n
			}
		}
		return ""
	},
	remember: func(ctx *importContext, c *model.Candidate) { ctx.remember(c.FullName, c.CCCD, c.DOB) },
}

var cellImporter = importer[model.Cell]{
	table: model.CellFields, nameKey: "name", k: kindCell,
	id:    func(c *model.Cell) *model.ID { return &c.ID },
	name:  func(c *model.Cell) string { return c.Name },
	fresh: func(model.Date) model.Cell { return model.Cell{} },
	validate: func(c *model.Cell, _ model.Date) model.Problems {
		if c.Kind == "" {
			c.Kind = guessCellKind(c.Name)
		}
		c.Normalize()
		return c.Validate()
	},
	put: func(t *Tx, c *model.Cell) error { return t.PutCell(c) },
	dup: func(ctx *importContext, c *model.Cell) string {
		if ids := ctx.cellByName[cellKey(c.Name)]; len(ids) > 0 {
			return "name\x00" + ctx.cellByID[ids[0]].Name
		}
		return ""
	},
	remember: func(ctx *importContext, c *model.Cell) {
		k := cellKey(c.Name)
		ctx.cellByID[c.ID] = *c
		ctx.cellByName[k] = append(ctx.cellByName[k], c.ID)
	},
}

// guessCellKind reads the kind of a cell from its name when a list has no
// kind column: "Chi bộ thôn Đông" is a village cell. "" when the name
// does not say.
func guessCellKind(name string) model.CellKind {
	k := " " + cleanForMatch(name) + " "
	for _, w := range []struct {
		words []string
		kind  model.CellKind
	}{
		{[]string{" truong ", " mam non ", " tieu hoc ", " thcs ", " thpt "}, "school"},
		{[]string{" quan su ", " cong an "}, "military"},
		{[]string{" cong ty ", " doanh nghiep ", " hop tac xa ", " htx "}, "enterprise"},
		{[]string{" co quan ", " ubnd ", " uy ban ", " tram y te "}, "agency"},
		{[]string{" thon ", " xom ", " ban ", " to dan pho ", " khu pho ", " khu dan cu ", " lang "}, "village"},
	} {
		for _, word := range w.words {
			if strings.Contains(k, word) {
				return w.kind
			}
		}
	}
	return ""
}

func isBlankRow(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// importPlan is what a dry run found. The planned records are not kept
// (100,000 of them were the import's largest cost): the write plans every
// row again as it reads it, in its own transaction, against the file as it
// is then.
type importPlan struct {
	res ImportResult
}

// run plans in a read transaction, or (write) plans again and saves each
// row as it is planned (write, import_batch.go).
func (im importer[T]) run(s *Store, table string, sh *ImportSheet, opt ImportOptions, res *ImportResult, p *importPlan, write bool, pending *pendingImport) error {
	if !write {
		return s.view(func(tx *bolt.Tx) error {
			err := im.plan(tx, table, sh, model.DateOf(s.now()), res, nil)
			p.res = *res
			return err
		})
	}
	return im.write(s, table, sh, opt, res, pending)
}

// Import reads the records of one of the sheets and, unless opt.DryRun,
// saves them: a verified copy of the data file is made first (an
// automatic backup, …-truoc-khi-nhap.db in its backups folder), then every
// row is written in one transaction, or past importBatchRows records in
// batches that the next open undoes if they stop half way
// (import_batch.go). With errors in some rows nothing is written unless
// opt.SkipInvalid. A disk without room for the backup and the growth is
// refused first (*NoRoomError). The result says what was (or would be) done; with
// ErrImportRefused it lists the rows to fix.
func (s *Store) ImportSheets(sheets []*ImportSheet, opt ImportOptions) (*ImportResult, error) {
	sh, kind, err := pickSheet(sheets, opt.Kind)
	if err != nil {
		return nil, err
	}
	if sh.guess.unreadable() {
		return nil, ErrLegacyEncoding
	}
	res := &ImportResult{Kind: kind, Sheet: sh.Name, Encoding: sh.Encoding}
	var plan importPlan
	var pending *pendingImport
	run := func(write bool) error {
		if kind == "cells" {
			return cellImporter.run(s, kind, sh, opt, res, &plan, write, pending)
		}
		return candidateImporter.run(s, kind, sh, opt, res, &plan, write, pending)
	}
	// Plan first: a refused or empty import writes nothing, not even a backup.
	if err := run(false); err != nil {
		return res, err
	}
	if opt.DryRun {
		return res, nil
	}
	if len(res.Errors) > 0 && !opt.SkipInvalid {
		return res, ErrImportRefused
	}
	records := res.Added + res.Updated
	if records == 0 {
		return res, nil
	}
	if s.readOnly {
		return res, ErrReadOnly
	}
	// The backup and the growth, or nothing (room.go).
	if err := s.ensureRoom(int64(records) * importBytesPerRecord); err != nil {
		return res, err
	}
	// More than one batch is undone from the backup if it stops half way
	// (import_batch.go), so it is made even of an empty file.
	batched := records > importBatchRows
	backup := batched
	if !batched && !opt.NoBackup {
		empty, err := s.IsEmpty()
		backup = err == nil && !empty
	}
	if backup {
		out, err := s.AutoBackup(ReasonImport, s.now()) // counted in the rotation (backups.go)
		if err != nil {
			return res, err
		}
		res.Backup = out
		if batched {
			pending = &pendingImport{Backup: filepath.Base(out), At: s.now()}
		}
	}
	return res, run(true)
}

// pickSheet chooses the sheet and the kind: the one whose header row
// names the most fields.
func pickSheet(sheets []*ImportSheet, kind string) (*ImportSheet, string, error) {
	if kind != "" && !slices.Contains(ImportKinds, kind) {
		return nil, "", ErrImportKind
	}
	var best *ImportSheet
	bestKind, bestFound := "", 0
	for _, sh := range sheets {
		if kind == "" || kind == "candidates" {
			if _, _, n := findHeader(model.CandidateFields, "full_name", sh.head); n > bestFound {
				best, bestKind, bestFound = sh, "candidates", n
			}
		}
		if kind == "" || kind == "cells" {
			if _, _, n := findHeader(model.CellFields, "name", sh.head); n > bestFound {
				best, bestKind, bestFound = sh, "cells", n
			}
		}
	}
	if best != nil {
		return best, bestKind, nil
	}
	if len(sheets) == 0 || len(sheets) == 1 && sheets[0].blank {
		return nil, "", importErr("Tệp không có dòng nào.", "The file has no rows.")
	}
	if kind == "" {
		kind = "candidates"
	}
	// The plan then says which column is missing.
	return sheets[0], kind, nil
}
