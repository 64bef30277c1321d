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
// The fingerprint is the size, the modification time, the SHA-256 of the
// first 128 KiB (the two meta pages, which name the last transaction and
// its root) and the SHA-256 of the whole file. The first three are
// compared before the file is opened: a file copied in, restored, written
// by another program or another laptop, or cut short differs in at least
// one of them and gets the full check. The whole file's hash is compared
// after the first frame (VerifyWhole), before anything is saved: a file
// changed in place with its time put back is then caught, made read-only
// and checked in full at the next open. Until then every read of the map
// is guarded (faultsafe.go), so damage there ends as a message, never a
// crash. `nguon check` (and every backup's verification) always checks in
// full, and every record read is still verified against its revision.

// fingerprint identifies one state of a data file.
type fingerprint struct {
	Size  int64  `json:"size"`
	ModNS int64  `json:"mod_ns"`
	Meta  string `json:"meta"`
	Whole string `json:"whole"` // SHA-256 of the whole file
}

// maxNotes bounds the notes file read at every open.
const maxNotes = 1 << 20

// sameAtOpen compares what is compared before the file is opened.
func (f fingerprint) sameAtOpen(o fingerprint) bool {
	return f.Size == o.Size && f.ModNS == o.ModNS && f.Meta == o.Meta
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
// With whole false it leaves Whole empty (the quick look made at open).
func fingerprintOf(path string, whole bool) (fingerprint, bool) {
	f, err := os.Open(path)
	if err != nil {
		return fingerprint{}, false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return fingerprint{}, false
	}
	h := sha256.New()
	// Two meta pages of at most 64 KiB each (bbolt's largest page size);
	// smaller pages mean the first data pages are hashed too, which is fine.
	if _, err := io.CopyN(h, f, 2<<16); err != nil && err != io.EOF {
		return fingerprint{}, false
	}
	fp := fingerprint{Size: st.Size(), ModNS: st.ModTime().UnixNano(), Meta: hex.EncodeToString(h.Sum(nil))}
	if whole {
		if fp.Whole, err = wholeHash(f, st.Size()); err != nil {
			return fingerprint{}, false
		}
	}
	return fp, true
}

// wholeHash is the SHA-256 of the file's first size bytes.
func wholeHash(f *os.File, size int64) (string, error) {
	h := sha256.New()
	if _, err := io.CopyBuffer(h, io.NewSectionReader(f, 0, size), make([]byte, 1<<20)); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
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
	if b, err := readSmall(name, maxNotes); err == nil && json.Unmarshal(b, &stored) == nil {
		for _, e := range stored.Files {
			notes[e.Path] = e.fingerprint
			order = append(order, e.Path)
		}
	}
	return notes, order
}

// trusted returns the note of a file that looks exactly as noted after its
// last clean check or close (size, time, first pages); its whole-file hash
// is still to be compared (VerifyWhole).
func trusted(path string) (fingerprint, bool) {
	fp, ok := fingerprintOf(path, false)
	if !ok {
		return fingerprint{}, false
	}
	trustMu.Lock()
	defer trustMu.Unlock()
	notes, _ := trustedNotes()
	note, found := notes[trustKey(path)]
	if !found || note.Whole == "" || !note.sameAtOpen(fp) {
		return fingerprint{}, false
	}
	return note, true
}

// noteTrusted notes the file's fingerprint as sound, or forgets it when
// sound is false. Failing to note costs only a check next time.
func noteTrusted(path string, sound bool) {
	var fp fingerprint
	ok := false
	if sound {
		fp, ok = fingerprintOf(path, true)
	}
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
	tmp, err := createTemp(filepath.Dir(name), tempNote)
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

// wholeCheck is the comparison of an open file trusted by its note with
// the note's whole-file hash, made once: in the background after the
// first frame, or before the first save or the close, whichever comes first.
type wholeCheck struct {
	once sync.Once
	want fingerprint
}

// ErrChangedOutside is a file that looked as this program left it when it
// was opened, but whose content differs: written by something else with its
// time put back. It is kept read-only; the next open checks it in full.
var ErrChangedOutside = newError("Tệp dữ liệu đã bị thay đổi bên ngoài nguon từ lần đóng trước nên nguon không ghi gì vào tệp này nữa; hãy thoát rồi mở lại để nguon kiểm tra toàn bộ tệp.",
	"The data file was changed outside nguon since it was last closed, so nguon writes nothing more into it; quit and open it again so nguon checks the whole file.")

// VerifyWhole compares a file opened on its trust note with the whole-file
// hash the note holds. On a difference the note is dropped and the store
// takes the file for damaged: read-only, with the banner saying why.
// It returns ErrChangedOutside then, and nil for a file checked in full at
// open or found as noted. Safe to call from any goroutine, many times.
func (s *Store) VerifyWhole() error {
	w := s.whole
	if w == nil {
		return nil
	}
	w.once.Do(func() {
		f, err := os.Open(s.path)
		if err == nil {
			var got string
			got, err = wholeHash(f, w.want.Size)
			f.Close()
			if err == nil && got == w.want.Whole {
				return
			}
		}
		noteTrusted(s.path, false)
		s.damage.add(&DamageError{Kind: kindChanged, Cause: ErrChangedOutside})
	})
	if s.damage.hasKind(kindChanged) {
		return ErrChangedOutside
	}
	return nil
}

// ChangedOutside reports whether a store's damage is the file found
// changed outside nguon (VerifyWhole), not known to be damaged.
func ChangedOutside(d *DamageError) bool { return d != nil && d.Kind == kindChanged }
