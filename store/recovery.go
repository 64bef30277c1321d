package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"nguon/model"
)

// Recovery files. When a save fails inside bbolt (a panic, or a fault on a
// page damaged while the file was open), the file is not written again and
// the process should exit; what the save carried (what the clerk typed) is
// written next to the data file as
//
//	<data file>.recovery-<yyyymmdd-hhmmss>.json
//
// and the next start offers to save it again (docs/file-format.md §12).

// intent is one record a transaction saves or deletes.
type intent struct {
	Op   string          `json:"op"` // "put" or "delete"
	Kind string          `json:"kind"`
	ID   model.ID        `json:"id"`
	Data json.RawMessage `json:"data,omitempty"`
}

// recoveryFile is the JSON of a recovery file.
type recoveryFile struct {
	Format   int       `json:"nguon_recovery"` // 1
	DataFile string    `json:"data_file"`
	At       time.Time `json:"at"`
	Cause    string    `json:"cause"`
	Records  []intent  `json:"records"`
}

// SaveCrashError is a save that failed inside the storage engine. It
// matches ErrSaveCrashed; Recovery is the file holding what was being
// saved ("" when there was nothing to keep, or it could not be written).
type SaveCrashError struct {
	Recovery string
	Cause    error // the panic, for logs
	KeepErr  error // why the recovery file could not be written, or nil
	// ImportBackup is set when a batched import stopped half way: the
	// backup the next open puts back (import_batch.go).
	ImportBackup string
}

func (e *SaveCrashError) Error() string { return e.Text().VI + " (" + e.Cause.Error() + ")" }

// Unwrap lets errors.Is find ErrSaveCrashed.
func (e *SaveCrashError) Unwrap() []error { return []error{ErrSaveCrashed, e.Cause} }

// Text is one sentence: what happened, where the typed data is, what next.
func (e *SaveCrashError) Text() model.Text {
	switch {
	case e.ImportBackup != "":
		return importStoppedText(e.ImportBackup, e.Cause)
	case e.Recovery != "":
		p := model.Escape(e.Recovery)
		return model.Text{
			VI: "Lỗi ngoài dự kiến khi lưu vào tệp dữ liệu nên nguon đã dừng mà không ghi thêm gì; những gì vừa nhập được giữ trong " + p + " và sẽ được đề nghị lưu lại khi mở nguon lần sau.",
			EN: "An unexpected failure while saving into the data file stopped nguon without writing anything more; what was just typed is kept in " + p + " and will be offered again at the next start.",
		}
	case e.KeepErr != nil:
		return model.Text{
			VI: "Lỗi ngoài dự kiến khi lưu vào tệp dữ liệu nên nguon đã dừng mà không ghi thêm gì; không giữ lại được những gì vừa nhập (ổ đĩa đầy hoặc không có quyền ghi), hãy nhập lại sau khi mở nguon.",
			EN: "An unexpected failure while saving into the data file stopped nguon without writing anything more; what was just typed could not be kept (disk full or no permission), so enter it again after restarting nguon.",
		}
	}
	return model.Text{
		VI: "Lỗi ngoài dự kiến khi đọc hoặc ghi tệp dữ liệu nên nguon đã dừng mà không ghi thêm gì; hãy mở lại nguon và chạy “nguon check”.",
		EN: "An unexpected failure while reading or writing the data file stopped nguon without writing anything more; start nguon again and run “nguon check”.",
	}
}

// crashed handles a panic inside a write transaction of t.
func (s *Store) crashed(r any, t *Tx) error {
	e := &SaveCrashError{Cause: fmt.Errorf("panic while saving: %v", r)}
	if t != nil && len(t.intents) > 0 {
		e.Recovery, e.KeepErr = writeRecovery(s.path, t.intents, e.Cause.Error(), s.now())
	}
	s.failed.Store(e)
	return e
}

const recoveryInfix = ".recovery-"

// writeRecovery writes records to a new recovery file next to dbPath.
func writeRecovery(dbPath string, records []intent, cause string, now time.Time) (string, error) {
	b, err := json.MarshalIndent(recoveryFile{Format: 1, DataFile: filepath.Base(dbPath), At: now,
		Cause: cause, Records: records}, "", "  ")
	if err != nil {
		return "", err
	}
	base := dbPath + recoveryInfix + now.Format("20060102-150405")
	for n := 1; ; n++ {
		path := base + ".json"
		if n > 1 {
			path = fmt.Sprintf("%s-%d.json", base, n)
		}
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		_, err = f.Write(b)
		if err == nil {
			err = f.Sync()
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return "", err
		}
		syncDir(filepath.Dir(path))
		return path, nil
	}
}

// Recovery is a recovery file found next to a data file.
type Recovery struct {
	Path    string
	At      time.Time
	Records []RecoveredRecord
	records []intent
}

// RecoveredRecord describes one record a recovery file holds.
type RecoveredRecord struct {
	Kind   string // "cell", "candidate", …
	Name   string // as typed
	Delete bool   // a deletion rather than a save
}

// Label names the records briefly, for the offer made at start.
func (r Recovery) Label(lang model.Lang) string {
	var names []string
	for _, rec := range r.Records {
		k := kindLabels[rec.Kind].In(lang)
		if rec.Name != "" {
			k += " “" + model.Escape(rec.Name) + "”"
		}
		names = append(names, k)
	}
	if len(names) > 3 {
		more := fmt.Sprintf("%d", len(names)-3)
		names = append(names[:3], map[model.Lang]string{model.VI: "và " + more + " bản ghi khác", model.EN: "and " + more + " more"}[lang])
	}
	return strings.Join(names, ", ")
}

// maxRecoveryFile bounds a recovery file read at start: it holds the
// records of one save, an import's at most.
const maxRecoveryFile = 256 << 20

// Recoveries lists the recovery files left next to the data file at
// dbPath, oldest first. Unreadable ones are skipped.
func Recoveries(dbPath string) []Recovery {
	matches, _ := filepath.Glob(escapeGlob(dbPath) + recoveryInfix + "*.json")
	slices.Sort(matches)
	var out []Recovery
	for _, p := range matches {
		b, err := readSmall(p, maxRecoveryFile)
		if err != nil {
			continue
		}
		var f recoveryFile
		if json.Unmarshal(b, &f) != nil || f.Format != 1 || len(f.Records) == 0 {
			continue
		}
		r := Recovery{Path: p, At: f.At, records: f.Records}
		for _, in := range f.Records {
			r.Records = append(r.Records, RecoveredRecord{Kind: in.Kind, Name: nameIn(in.Data), Delete: in.Op == "delete"})
		}
		out = append(out, r)
	}
	return out
}

func escapeGlob(p string) string {
	r := strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`)
	if filepath.Separator == '\\' {
		return p // no escaping on Windows; such names are rare there
	}
	return r.Replace(strings.ReplaceAll(p, `\`, `\\`))
}

// ApplyRecovery saves what a recovery file holds, all in one transaction
// (each record normalised and validated again), and then removes the file.
func (s *Store) ApplyRecovery(r Recovery) error {
	err := s.Update(func(t *Tx) error {
		for _, in := range r.records {
			if err := t.apply(in); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := os.Remove(r.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return wrap(ErrWrite, err)
	}
	return nil
}

func (t *Tx) apply(in intent) error {
	k := kindNamed(in.Kind)
	if k == nil {
		return ErrWrongKind
	}
	if in.Op == "delete" {
		if err := t.del(k, in.ID); err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		return nil
	}
	switch k {
	case kindCell:
		return applyPut(in.Data, t.PutCell)
	case kindCandidate:
		return applyPut(in.Data, t.PutCandidate)
	case kindClass:
		return applyPut(in.Data, t.PutClass)
	case kindMeeting:
		return applyPut(in.Data, t.PutMeeting)
	}
	var v model.Settings
	if err := json.Unmarshal(in.Data, &v); err != nil {
		return wrap(ErrCorrupt, err)
	}
	return t.PutSettings(v)
}

func applyPut[T any](data []byte, put func(*T) error) error {
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return wrap(ErrCorrupt, err)
	}
	return put(&v)
}
