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

// staged is a file written under a temporary name next to its target
// (.<name>.tmp-<digits>, held with a shared lock so that CleanStale in
// another nguon leaves it alone) and renamed over the target only once it
// is complete: on any failure, or a signal (Interrupted), it is removed and
// the target is left as it was.
type staged struct {
	*os.File
	name         string
	untrack      func()
	closed, done bool
}

func stage(dir, base string) (*staged, error) {
	f, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, err
	}
	lockShared(f)
	st := &staged{File: f, name: f.Name()}
	st.untrack = track(func() { os.Remove(st.name) })
	return st, nil
}

// install closes the file and renames it over target.
func (st *staged) install(target string) error {
	st.closed = true
	if err := st.File.Close(); err != nil {
		return err
	}
	if err := os.Rename(st.name, target); err != nil {
		return err
	}
	st.done = true
	syncDir(filepath.Dir(target))
	return nil
}

// discard removes the file unless it was installed; deferred by the writer.
func (st *staged) discard() {
	if !st.closed {
		st.File.Close()
	}
	if !st.done {
		os.Remove(st.name)
	}
	st.untrack()
}
