package store

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// Temporary files. nguon writes every file it makes under a temporary
// name in the same folder and renames (or links) it into place. Each name
// carries its own proof that nguon made it:
//
//	.nguon-<kind>-<16 hex random>-<8 hex tag>.part
//
// where the tag is the start of the SHA-256 of the kind and the random part
// ("new" data file, "backup", "doc" for a report, an export or minutes,
// "note" for the config folder's notes). No other program's file carries
// such a tag by chance, and a clerk never opens a hidden ".part". A signal
// removes this process's own (Interrupted); what a kill -9 or a power cut
// leaves is removed by CleanStale: at every open (the data file's folder,
// its backups folder and the config folder), before every backup (in its
// folder), and when the program starts (the documents folder). It removes
// nothing else, whatever the name looks like, and skips a temporary file
// another running nguon holds a lock on.
//
// Before this naming, nguon wrote ".<name>.new-<digits>" and
// ".<name>.tmp-<digits>" for data files and backups: such a file is
// removed only when it also holds a bbolt file's first page.

var (
	ourTemp    = regexp.MustCompile(`^\.nguon-([a-z]+)-([0-9a-f]{16})-([0-9a-f]{8})\.part$`)
	legacyTemp = regexp.MustCompile(`^\..+\.(?:tmp|new)-[0-9]+$`)
)

// Kinds of temporary file.
const (
	tempNew    = "new"
	tempBackup = "backup"
	tempDoc    = "doc"
	tempNote   = "note"
)

func tempTag(kind, nonce string) string {
	sum := sha256.Sum256([]byte("nguon temporary file\x00" + kind + "\x00" + nonce))
	return hex.EncodeToString(sum[:4])
}

// isOurTemp reports whether name is a temporary name nguon made.
func isOurTemp(name string) bool {
	m := ourTemp.FindStringSubmatch(name)
	return m != nil && m[3] == tempTag(m[1], m[2])
}

// createTemp makes a new temporary file of kind in dir, held with a shared
// lock (where the system has one) until it is closed, so that CleanStale in
// another nguon leaves it alone.
func createTemp(dir, kind string) (*os.File, error) {
	for {
		var r [8]byte
		if _, err := rand.Read(r[:]); err != nil {
			return nil, err
		}
		nonce := hex.EncodeToString(r[:])
		name := filepath.Join(dir, ".nguon-"+kind+"-"+nonce+"-"+tempTag(kind, nonce)+".part")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		lockShared(f)
		return f, nil
	}
}

// legacyOurs reports whether an old-style temporary name holds what nguon
// wrote under it: a bbolt file's first page.
func legacyOurs(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	b := make([]byte, pageHeaderSize+4)
	if _, err := io.ReadFull(f, b); err != nil {
		return false
	}
	return startsLikeBolt(b)
}

// CleanStale removes the temporary files nguon left in dir that no running
// nguon is writing. Errors are ignored: it only tidies.
func CleanStale(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, name)
		switch {
		case isOurTemp(name):
		case legacyTemp.MatchString(name) && legacyOurs(p):
		default:
			continue
		}
		if !tempInUse(p) {
			_ = os.Remove(p)
		}
	}
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }

// staged is a file written under a temporary name next to its target
// (createTemp, held with a shared lock so that CleanStale in
// another nguon leaves it alone) and renamed over the target only once it
// is complete: on any failure, or a signal (Interrupted), it is removed and
// the target is left as it was.
type staged struct {
	*os.File
	name         string
	untrack      func()
	closed, done bool
}

func stage(dir string) (*staged, error) {
	f, err := createTemp(dir, tempBackup)
	if err != nil {
		return nil, err
	}
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
