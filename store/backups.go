package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Automatic backups (docs/architecture.md §6a).
//
// They live in a folder of their own next to the data file,
// <data file>.backups (nguon.db → nguon.db.backups): named after the data
// file, so two data files in one folder never share or rotate each
// other's backups, and apart from it, so a clerk copying nguon.db to a USB
// stick does not pick a backup by mistake. Each is a verified Backup named
//
//	<stem>-<yyyy-mm-dd-hhmmss>-<reason word><ext>   nguon-2026-11-28-234015-truoc-khi-nhap.db
//
// (a "-2", "-3"… before the extension when that second is taken). The time
// is the wall clock where it was made, so the names sort by time and read
// as the clerk's own clock; the reason words are Vietnamese, without
// accents, as the folder is read by clerks. Only files of exactly this
// pattern are listed or ever removed.

// Why a backup was made.
const (
	ReasonDaily   = "daily"   // the first open of a calendar day
	ReasonImport  = "import"  // before an import writes
	ReasonMerge   = "merge"   // before a merge writes
	ReasonRestore = "restore" // the file a restore replaced
	ReasonManual  = "manual"  // asked for by the clerk: never rotated away
)

// KeepBackups is how many automatic backups (every reason but manual)
// the rotation keeps.
const KeepBackups = 10

// reasonWords are the reasons as their file names spell them.
var reasonWords = map[string]string{
	ReasonDaily:   "hang-ngay",
	ReasonImport:  "truoc-khi-nhap",
	ReasonMerge:   "truoc-khi-gop",
	ReasonRestore: "truoc-khi-khoi-phuc",
	ReasonManual:  "thu-cong",
}

const stampLayout = "2006-01-02-150405"

// ErrRestoreBad refuses a restore from a file that fails the open check;
// the cause says what is wrong with it.
var ErrRestoreBad = newError("Bản sao lưu này bị hỏng hoặc không phải tệp dữ liệu của nguon nên không khôi phục được; tệp dữ liệu vẫn nguyên vẹn.",
	"This backup is damaged or not a nguon data file, so it cannot be restored; the data file is intact.")

// ErrRestoreSame refuses restoring the data file over itself.
var ErrRestoreSame = newError("Bản sao lưu phải khác tệp dữ liệu.", "The backup must be another file than the data file.")

// BackupInfo is one backup in the folder.
type BackupInfo struct {
	Path   string
	Time   time.Time // the wall clock of its name, in time.Local
	Reason string    // one of the Reason constants
	Size   int64
	seq    int // the "-2" of a second backup in the same second
}

// Automatic reports whether the rotation may remove it.
func (b BackupInfo) Automatic() bool { return b.Reason != ReasonManual }

// BackupDir is the folder of the automatic backups of the data file at dbPath.
func BackupDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), filepath.Base(dbPath)+".backups")
}

// backupNaming splits the data file's name into what every backup's name
// starts and ends with.
func backupNaming(dbPath string) (stem, ext string) {
	base := filepath.Base(dbPath)
	ext = filepath.Ext(base)
	stem = strings.TrimSuffix(base, ext)
	if ext == "" || stem == "" {
		stem, ext = base, ".db"
	}
	return stem, ext
}

// backupPattern matches the names of dbPath's backups, and only them.
func backupPattern(dbPath string) *regexp.Regexp {
	stem, ext := backupNaming(dbPath)
	words := make([]string, 0, len(reasonWords))
	for _, w := range reasonWords {
		words = append(words, regexp.QuoteMeta(w))
	}
	sort.Strings(words)
	return regexp.MustCompile(`^` + regexp.QuoteMeta(stem) + `-([0-9]{4}-[0-9]{2}-[0-9]{2}-[0-9]{6})-(` +
		strings.Join(words, "|") + `)(?:-([0-9]{1,4}))?` + regexp.QuoteMeta(ext) + `$`)
}

// ListBackups lists the backups of the data file at dbPath, newest first.
// No folder yet is no backups.
func ListBackups(dbPath string) ([]BackupInfo, error) {
	dir := BackupDir(dbPath)
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	pat := backupPattern(dbPath)
	byWord := map[string]string{}
	for r, w := range reasonWords {
		byWord[w] = r
	}
	var out []BackupInfo
	for _, e := range entries {
		m := pat.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() {
			continue
		}
		t, err := time.ParseInLocation(stampLayout, m[1], time.Local)
		if err != nil {
			continue // 2026-13-45: not a name we wrote
		}
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		seq, _ := strconv.Atoi(m[3])
		out = append(out, BackupInfo{Path: filepath.Join(dir, e.Name()), Time: t, Reason: byWord[m[2]], Size: info.Size(), seq: seq})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if !a.Time.Equal(b.Time) {
			return a.Time.After(b.Time)
		}
		if a.seq != b.seq {
			return a.seq > b.seq
		}
		return a.Path > b.Path
	})
	return out, nil
}

// newBackupName is a free name for a backup made now for reason.
func newBackupName(dbPath, reason string, now time.Time) (string, error) {
	word, ok := reasonWords[reason]
	if !ok {
		return "", fmt.Errorf("store: unknown backup reason %q", reason)
	}
	stem, ext := backupNaming(dbPath)
	base := filepath.Join(BackupDir(dbPath), stem+"-"+now.Format(stampLayout)+"-"+word)
	out := base + ext
	for i := 2; ; i++ {
		if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
			return out, nil
		}
		out = fmt.Sprintf("%s-%d%s", base, i, ext)
	}
}

// AutoBackup writes a verified backup (Backup) into the backups folder,
// named for now and reason, then removes the automatic backups beyond the
// newest KeepBackups. It returns the backup's path.
func (s *Store) AutoBackup(reason string, now time.Time) (string, error) {
	if err := os.MkdirAll(BackupDir(s.path), 0o700); err != nil {
		return "", wrap(ErrBackupWrite, err)
	}
	out, err := newBackupName(s.path, reason, now)
	if err != nil {
		return "", err
	}
	if err := s.Backup(out); err != nil {
		return "", err
	}
	rotateBackups(s.path, out)
	return out, nil
}

// rotateBackups removes the automatic backups beyond the newest
// KeepBackups, never keep (just made: with a clock set back it may look
// the oldest). Failures are ignored: it only tidies.
func rotateBackups(dbPath, keep string) {
	list, err := ListBackups(dbPath)
	if err != nil {
		return
	}
	n := 0
	for _, b := range list {
		if !b.Automatic() {
			continue
		}
		if n++; n > KeepBackups && b.Path != keep {
			_ = os.Remove(b.Path)
		}
	}
}

// DailyBackup makes the day's backup on the first open of a calendar day
// (of now's clock); later calls that day only read the folder. A file
// opened read-only, or holding nothing yet, is not backed up. It returns
// the backup's path, "" when none was made.
func (s *Store) DailyBackup(now time.Time) (string, error) {
	if s.readOnly {
		return "", nil
	}
	list, err := ListBackups(s.path)
	if err != nil {
		return "", wrap(ErrBackupWrite, err)
	}
	day := now.Format("2006-01-02")
	for _, b := range list {
		if b.Reason == ReasonDaily && b.Time.Format("2006-01-02") == day {
			return "", nil
		}
	}
	if empty, err := s.IsEmpty(); err != nil || empty {
		return "", err
	}
	return s.AutoBackup(ReasonDaily, now)
}

// RestoreBackup replaces the closed data file at dbPath with the backup.
// The backup is copied next to the data file and that copy must pass the
// open check (CheckFile, in a child process); otherwise ErrRestoreBad, and
// nothing else is touched. Then the current file is kept as a backup
// (reason restore; a damaged one byte for byte, as it is), and only then
// is the copy renamed over the data file. It returns where the current
// file was kept ("" when there was none).
func RestoreBackup(dbPath, backup string, now time.Time) (string, error) {
	if SameFile(dbPath, backup) {
		return "", ErrRestoreSame
	}
	tmp, err := stage(filepath.Dir(dbPath))
	if err != nil {
		return "", wrap(ErrWrite, err)
	}
	defer tmp.discard()
	if err := copyInto(tmp.File, backup); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", wrap(ErrRestoreBad, err)
		}
		return "", wrap(ErrWrite, err)
	}
	// The copy is what will be installed, so the copy is what is checked.
	if err := CheckFile(tmp.name); err != nil {
		return "", wrap(ErrRestoreBad, err)
	}
	kept, err := keepCurrent(dbPath, now)
	if err != nil {
		return "", err
	}
	// Another window that opened the file meanwhile would go on writing
	// into the replaced file: refuse instead (the kept copy stays).
	if err := waitUnlocked(dbPath, 0); err != nil {
		return kept, err
	}
	if err := tmp.install(dbPath); err != nil {
		return kept, wrap(ErrWrite, err)
	}
	return kept, nil
}

// copyInto copies the file at src into f and flushes it to disk.
func copyInto(f *os.File, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if _, err := io.Copy(f, in); err != nil {
		return err
	}
	return f.Sync()
}

// keepCurrent keeps the data file about to be replaced as a backup: a
// verified one when it opens soundly for writing (which also proves no
// other window has it), else its bytes as they are, since a damaged file
// is exactly the one a clerk restores over and may still want.
func keepCurrent(dbPath string, now time.Time) (string, error) {
	if _, err := os.Lstat(dbPath); errors.Is(err, fs.ErrNotExist) {
		return "", nil
	}
	// keepPending: a file an import stopped in is kept as it is.
	st, err := Open(dbPath, Options{AllowDamaged: true, Now: func() time.Time { return now }, keepPending: true})
	if errors.Is(err, ErrInUse) {
		return "", err
	}
	if err == nil {
		sound := !st.ReadOnly() // a damaged file opens read-only
		var kept string
		var berr error
		if sound {
			kept, berr = st.AutoBackup(ReasonRestore, now)
		}
		cerr := st.Close()
		if sound && berr == nil {
			if cerr != nil {
				return kept, wrap(ErrWrite, cerr)
			}
			return kept, nil
		}
	}
	if err := waitUnlocked(dbPath, 0); err != nil {
		return "", err
	}
	return keepRaw(dbPath, now)
}

// keepRaw copies the data file's bytes into the backups folder, under a
// temporary name first, as Backup does, but without the check it would fail.
func keepRaw(dbPath string, now time.Time) (string, error) {
	dir := BackupDir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", wrap(ErrBackupWrite, err)
	}
	out, err := newBackupName(dbPath, ReasonRestore, now)
	if err != nil {
		return "", err
	}
	tmp, err := createTemp(dir, tempBackup)
	if err != nil {
		return "", wrap(ErrBackupWrite, err)
	}
	name := tmp.Name()
	untrack := track(func() { os.Remove(name) })
	defer untrack()
	err = copyInto(tmp, dbPath)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, out)
	}
	if err != nil {
		os.Remove(name)
		return "", wrap(ErrBackupWrite, err)
	}
	syncDir(dir)
	rotateBackups(dbPath, out)
	return out, nil
}
