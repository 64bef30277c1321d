package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
)

// The check made on every open walks every page and hashes every revision
// in a child process: about a second and a half for 100,000 candidates, far
// too slow to pay each morning for a file nobody else touched. So after a
// clean check, and again after a clean close, the store notes the file's
// fingerprint in the user's config folder (not in the file, which travels);
// an open that finds the file exactly as noted skips the check.
//
// The fingerprint is the size, the modification time and the SHA-256 of
// the two meta pages (which name the last transaction and its root): a
// file copied in, restored, written by another program or another laptop,
// or cut short differs in at least one of them and gets the full check.
// What it cannot see is a disk that damages pages of a file nobody wrote
// since; `nguon check` (and every backup's verification) always checks in
// full, and every record read is still verified against its revision.

// fingerprint identifies one state of a data file.
type fingerprint struct {
	Size  int64  `json:"size"`
	ModNS int64  `json:"mod_ns"`
	Meta  string `json:"meta"`
}

// maxTrusted bounds the notes: a clerk uses a few files, an office a few
// dozen; the oldest notes go first.
const maxTrusted = 32

var (
	trustMu sync.Mutex
	// checksRun counts full open checks (tests watch it).
	checksRun atomic.Int64
)

// fingerprintOf reads the file's fingerprint; ok is false when it cannot.
func fingerprintOf(path string) (fingerprint, bool) {
	f, err := os.Open(path)
	if err != nil {
		return fingerprint{}, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return fingerprint{}, false
	}
	h := sha256.New()
	// Two meta pages of at most 64 KiB each (bbolt's largest page size);
	// smaller pages mean the first data pages are hashed too, which is fine.
	if _, err := io.CopyN(h, f, 2<<16); err != nil && err != io.EOF {
		return fingerprint{}, false
	}
	return fingerprint{Size: st.Size(), ModNS: st.ModTime().UnixNano(), Meta: hex.EncodeToString(h.Sum(nil))}, true
}

// trustFile is where the fingerprints are noted.
func trustFile() (string, error) {
	dir, err := configDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "checked.json"), nil
}

// trustKey is the file's absolute path, the key of its note.
func trustKey(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		return abs
	}
	return path
}

// trustedNotes reads the notes; a missing or unreadable file is no notes.
func trustedNotes() (map[string]fingerprint, []string) {
	notes := map[string]fingerprint{}
	var order []string
	name, err := trustFile()
	if err != nil {
		return notes, nil
	}
	var stored struct {
		Files []struct {
			Path string `json:"path"`
			fingerprint
		} `json:"files"`
	}
	if b, err := os.ReadFile(name); err == nil && json.Unmarshal(b, &stored) == nil {
		for _, e := range stored.Files {
			notes[e.Path] = e.fingerprint
			order = append(order, e.Path)
		}
	}
	return notes, order
}

// trusted reports whether the file is exactly as noted after its last
// clean check or close.
func trusted(path string) bool {
	fp, ok := fingerprintOf(path)
	if !ok {
		return false
	}
	trustMu.Lock()
	defer trustMu.Unlock()
	notes, _ := trustedNotes()
	return notes[trustKey(path)] == fp
}

// noteTrusted notes the file's fingerprint as sound, or forgets it when
// sound is false. Failing to note costs only a check next time.
func noteTrusted(path string, sound bool) {
	fp, ok := fingerprintOf(path)
	trustMu.Lock()
	defer trustMu.Unlock()
	name, err := trustFile()
	if err != nil {
		return
	}
	notes, order := trustedNotes()
	key := trustKey(path)
	delete(notes, key)
	order = deleteString(order, key)
	if ok && sound {
		notes[key] = fp
		order = append(order, key)
	}
	for len(order) > maxTrusted {
		delete(notes, order[0])
		order = order[1:]
	}
	type entry struct {
		Path string `json:"path"`
		fingerprint
	}
	var stored struct {
		Files []entry `json:"files"`
	}
	for _, p := range order {
		stored.Files = append(stored.Files, entry{p, notes[p]})
	}
	b, _ := json.MarshalIndent(stored, "", " ")
	tmp, err := os.CreateTemp(filepath.Dir(name), ".checked-*")
	if err != nil {
		return
	}
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil || os.Rename(tmp.Name(), name) != nil {
		os.Remove(tmp.Name())
	}
}

func deleteString(s []string, v string) []string {
	out := s[:0]
	for _, x := range s {
		if x != v {
			out = append(out, x)
		}
	}
	return out
}
