package store

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Temporary files. nguon writes every file it makes under a hidden
// temporary name in the same folder and renames it into place:
//
//	.<name>.new-<digits>   a new data file (create)
//	.<name>.tmp-<digits>   a backup (Backup)
//	.<name>.<digits>.tmp   a report, an export or minutes (WriteFileAtomic)
//
// A signal removes this process's own (Interrupted); what a kill -9 or a
// power cut leaves is removed by CleanStale, run on every open (in the data
// file's folder) and before every backup (in the backup's folder).

var ourTemp = regexp.MustCompile(`^\..+\.(?:tmp|new)-[0-9]+$|^\..+\.[0-9]+\.tmp$`)

// staleAfter is how old an unlocked report temporary must be before it is
// taken for a leftover: their writers hold no lock on them.
const staleAfter = 10 * time.Minute

// CleanStale removes the temporary files of nguon's own patterns in dir
// that no running nguon is writing. Errors are ignored: it only tidies.
func CleanStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !ourTemp.MatchString(name) {
			continue
		}
		p := filepath.Join(dir, name)
		if strings.HasSuffix(name, ".tmp") {
			if info, err := e.Info(); err != nil || time.Since(info.ModTime()) < staleAfter {
				continue
			}
		} else if tempInUse(p) {
			continue
		}
		_ = os.Remove(p)
	}
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
