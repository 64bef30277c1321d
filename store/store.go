// Package store keeps nguon's records in one bbolt file.
//
// Every save appends an immutable revision; everything else in the file is
// derived from the revisions and can be rebuilt (Rebuild) or verified
// (Check) from them. A merge of copies is therefore a union of revisions.
//
//	meta                 file facts, not derived
//	├─ app               "nguon"
//	├─ schema            uint32 big-endian file schema (fileSchema)
//	├─ created           RFC 3339 time the file was made
//	├─ file_id           UUID of this file
//	├─ hlc               wall ms u64 + logical u32, big-endian: the highest clock in the file
//	└─ migrations        JSON list of applied migration names, in order
//	revs                 recordID (16) + revID (32) → revision JSON, immutable;
//	                     revID = sha256(revision JSON):
//	                     {"id","kind","parents":[hex],"clock":{"wall","logical"},
//	                      "device","deleted","schema","at","data":{payload}}
//	heads                recordID (16) + revID (32) → kind         derived
//	cur_cells            recordID → revID of the winner            derived, absent when deleted
//	cur_candidates       recordID → revID of the winner            derived
//	cur_classes          recordID → revID of the winner            derived
//	cur_meetings         recordID → revID of the winner            derived
//	cur_settings         settingsID → revID of the winner          derived
//	rows_candidates      recordID → binary model.CandidateRow      derived (rows.go)
//
// A record's heads are its revisions no other revision names as a parent;
// more than one head is a conflict. The winner shown is the same on every
// laptop: live before deleted, then higher clock, device, revision ID.
//
// The device ID lives in the user's config folder, never in the file, so a
// copied file does not clone a laptop's identity.
package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"nguon/model"

	bolt "go.etcd.io/bbolt"
)

// fileSchema is the layout version of the file (meta "schema").
const fileSchema = 2

const appName = "nguon"

// Bucket names.
var (
	bucketMeta          = []byte("meta")
	bucketRevs          = []byte("revs")
	bucketHeads         = []byte("heads")
	bucketRecRevs       = []byte("recrevs") // schema 1 only: v3-lean removes it
	bucketCurCells      = []byte("cur_cells")
	bucketCurCandidates = []byte("cur_candidates")
	bucketCurClasses    = []byte("cur_classes")
	bucketCurMeetings   = []byte("cur_meetings")
	bucketCurSettings   = []byte("cur_settings")
	bucketRowsCand      = []byte("rows_candidates")

	// derivedBuckets are everything Rebuild recomputes from revs.
	derivedBuckets = [][]byte{bucketHeads, bucketCurCells, bucketCurCandidates,
		bucketCurClasses, bucketCurMeetings, bucketCurSettings, bucketRowsCand}
)

// Meta keys.
var (
	metaApp        = []byte("app")
	metaSchema     = []byte("schema")
	metaCreated    = []byte("created")
	metaFileID     = []byte("file_id")
	metaHLC        = []byte("hlc")
	metaMigrations = []byte("migrations")
)

// Options tune Open.
type Options struct {
	ReadOnly bool
	// AllowDamaged opens a file with damaged records read-only, showing
	// what is sound (Damage names the rest), instead of refusing it. Damaged
	// pages are refused either way.
	AllowDamaged bool
	DeviceID     string           // "" → LoadDeviceID() (read-only: the saved one, if any)
	Now          func() time.Time // nil → time.Now
	Timeout      time.Duration    // how long to wait for another window's lock; 0 → 1s
	// Entropy is where the random bits of new record IDs and of a new
	// file's ID come from; nil is crypto/rand. The release passes a fixed
	// stream so that the demo file it ships is the same bytes every time.
	Entropy io.Reader

	maxSize int // tests: bbolt MaxSize, to simulate a full disk
	// keepPending opens a file an import stopped in as it is, marker and
	// all: only to keep it as a backup before it is replaced.
	keepPending bool
}

// Store is an open nguon data file. Its methods are safe for concurrent use;
// each runs one short bbolt transaction.
type Store struct {
	db           *bolt.DB
	path         string
	readOnly     bool
	allowDamaged bool
	device       string
	now          func() time.Time
	ids          idSource
	damage       damageLog
	failed       atomic.Pointer[SaveCrashError] // a save failed inside bbolt: the store is unusable
	// rowHints are candidate rows made ahead of a merge's transaction, by
	// revision ID (merge.go); set only while that transaction runs.
	rowHints map[[32]byte][]byte
	// whole is set when the file was opened on its trust note: the
	// whole-file comparison still to make (trust.go).
	whole *wholeCheck
	// undone is set when Open put the file back as it was before an
	// import that stopped half way (import_pending.go).
	undone *ImportUndone
}

// idSource hands out UUIDv7s that increase strictly, even for thousands
// made in one millisecond (an import): keys then arrive in order, so lists
// come back in creation order and bbolt's pages stay packed.
type idSource struct {
	mu      sync.Mutex
	last    model.ID
	entropy io.Reader // nil: crypto/rand
}

func (g *idSource) next(now time.Time) model.ID {
	g.mu.Lock()
	defer g.mu.Unlock()
	id := model.NewIDFrom(now, g.entropy)
	if bytes.Compare(id[:], g.last[:]) <= 0 {
		// Count on from the last ID in its random tail (bytes 9–15),
		// leaving the timestamp, version and variant bits alone.
		id = g.last
		for i := 15; i >= 9; i-- {
			id[i]++
			if id[i] != 0 {
				break
			}
		}
	}
	g.last = id
	return id
}

// Open opens the data file at path, creating it (under a temporary name,
// then renamed into place) when it does not exist and opt.ReadOnly is false.
//
// Before bbolt opens it, the file is checked in a child process (child.go):
// its pages, its meta entries and every current record against its
// revision. Empty, truncated, torn, foreign, newer, locked files and files
// with a damaged page are refused with ErrEmptyFile, ErrTruncated, ErrTorn,
// ErrNotNguon, ErrNewerSchema, ErrInUse or ErrDamagedPage; a file with a
// damaged record is refused with a *DamageError naming it, or, with
// opt.AllowDamaged, opened read-only (Damage lists what is damaged). A
// refused or damaged file is left exactly as it was.
func Open(path string, opt Options) (*Store, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Timeout <= 0 {
		opt.Timeout = time.Second
	}
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if opt.ReadOnly {
			return nil, wrap(ErrMissingFile, err)
		}
		if err := create(path, opt); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, openError(err)
	}
	CleanStale(filepath.Dir(path))
	CleanStale(BackupDir(path))
	if dir, err := configDir(); err == nil {
		CleanStale(dir)
	}
	in, whole, err := openCheck(path, opt)
	if err != nil {
		return nil, err
	}
	readOnly := opt.ReadOnly
	damage := in.damage()
	if len(damage) > 0 {
		if !opt.AllowDamaged {
			return nil, damage[0]
		}
		readOnly = true // nothing is ever written into a damaged file
	}
	if readOnly && !readable(in.Pending) {
		return nil, ErrNeedsUpgrade
	}
	db, err := openBolt(path, readOnly, opt)
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: path, readOnly: readOnly, allowDamaged: opt.AllowDamaged, device: opt.DeviceID, now: opt.Now, whole: whole}
	s.ids.entropy = opt.Entropy
	for _, d := range damage {
		s.damage.add(d)
	}
	stores.Store(db, s)
	err = safeView(db, checkMeta)
	if errors.Is(err, errPendingMigrations) {
		if readOnly {
			err = nil // readable pending migrations: the readers cope
		} else if err = keepBeforeUpgrade(db, path, opt.Now()); err != nil {
		} else if err = faultSafe(func() error { return db.Update(func(tx *bolt.Tx) error { return migrate(tx) }) }); err != nil {
			var l model.Localized
			if !errors.As(err, &l) {
				err = wrap(ErrWrite, err)
			}
		}
	}
	if err == nil && s.device == "" {
		if readOnly {
			s.device = existingDeviceID()
		} else {
			s.device, err = LoadDeviceID()
		}
	}
	if err != nil {
		stores.Delete(db)
		db.Close()
		if whole != nil && !errors.Is(err, ErrInUse) {
			// Opened on its note, yet the file fails: it is not as noted.
			// Forget the note and open again, now with the full check,
			// which says what is wrong in the words a clerk should read.
			noteTrusted(path, false)
			return Open(path, opt)
		}
		return nil, err
	}
	if opt.keepPending {
		return s, nil
	}
	return s.undoPendingImport(opt)
}

func openBolt(path string, readOnly bool, opt Options) (*bolt.DB, error) {
	// bbolt's InitialMmapSize would spare a large merge its remapping (3 of
	// 6 s at 120,000 records) but makes bbolt grow the file 16 MiB at a time
	// from the first page: a commune's 1 MB file would travel as 17 MB.
	var db *bolt.DB
	err := faultSafe(func() (err error) {
		// bbolt reads the meta and freelist pages here, through the map.
		db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: opt.Timeout, ReadOnly: readOnly, MaxSize: opt.maxSize})
		return err
	})
	if err != nil {
		return nil, openError(err)
	}
	return db, nil
}

// create makes a new, fully initialised file next to path and only then
// gives it the real name, so a crash never leaves a half-made file there.
func create(path string, opt Options) error {
	dir := filepath.Dir(path)
	tmp, err := createTemp(dir, tempNew)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return openError(err)
		}
		return wrap(ErrCreate, err)
	}
	name := tmp.Name()
	tmp.Close()
	untrack := track(func() { os.Remove(name) })
	defer untrack()
	defer os.Remove(name) // after a link or a failure; a no-op after a rename
	db, err := bolt.Open(name, 0o600, &bolt.Options{Timeout: opt.Timeout})
	if err != nil {
		return wrap(ErrCreate, err)
	}
	err = db.Update(func(tx *bolt.Tx) error { return initFile(tx, opt.Now(), opt.Entropy) })
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncFile(name)
	}
	if err != nil {
		return wrap(ErrCreate, err)
	}
	// A hard link never replaces a file that another nguon made in the
	// meantime (which that process may already be writing to); folders
	// without hard links (FAT32 USB sticks) fall back to a rename.
	if err := os.Link(name, path); errors.Is(err, fs.ErrExist) {
		return nil
	} else if err != nil {
		if err := os.Rename(name, path); err != nil {
			return wrap(ErrCreate, err)
		}
	}
	syncDir(dir)
	return nil
}

func initFile(tx *bolt.Tx, now time.Time, entropy io.Reader) error {
	m, err := tx.CreateBucket(bucketMeta)
	if err != nil {
		return err
	}
	schema := binary.BigEndian.AppendUint32(nil, fileSchema)
	for _, kv := range [][2][]byte{
		{metaApp, []byte(appName)},
		{metaSchema, schema},
		{metaCreated, []byte(now.Format(time.RFC3339))},
		{metaFileID, []byte(model.NewIDFrom(now, entropy).String())},
		{metaHLC, HLC{}.bytes()},
		{metaMigrations, []byte("[]")},
	} {
		if err := m.Put(kv[0], kv[1]); err != nil {
			return err
		}
	}
	return migrate(tx)
}

func syncFile(name string) error {
	f, err := os.OpenFile(name, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes a rename durable on systems that need it; Windows cannot
// open folders for syncing and needs no help, so errors are ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

var errPendingMigrations = errors.New("migrations pending")

// checkMeta refuses files that are not ours or are newer than us.
func checkMeta(tx *bolt.Tx) error {
	m := tx.Bucket(bucketMeta)
	if m == nil || string(m.Get(metaApp)) != appName {
		return ErrNotNguon
	}
	v := m.Get(metaSchema)
	if len(v) != 4 {
		return wrap(ErrCorrupt, errors.New("meta schema is not a uint32"))
	}
	if binary.BigEndian.Uint32(v) > fileSchema {
		return ErrNewerSchema
	}
	applied, err := appliedMigrations(m)
	if err != nil {
		return err
	}
	if len(applied) < len(migrations) {
		return errPendingMigrations
	}
	if len(applied) > len(migrations) {
		return ErrNewerSchema
	}
	return nil
}

// Close releases the file. After a save failed inside bbolt it does not
// touch bbolt (whose Close would wait forever for the failed transaction):
// the lock goes when the process exits, which it then should.
func (s *Store) Close() error {
	if s.failed.Load() != nil {
		return nil
	}
	if !s.readOnly {
		// A note is made only for a file known to be as this program left it.
		_ = s.VerifyWhole()
	}
	stores.Delete(s.db)
	err := s.db.Close()
	if err == nil && !s.readOnly && !s.damage.any() {
		noteTrusted(s.path, true) // what this program wrote since its check
	}
	return err
}

// openCheck is the check made on open (child.go), skipped for a file
// exactly as this program last checked or closed it (trust.go).
// A file opened on its note comes with that note, whose whole-file hash
// VerifyWhole compares later.
func openCheck(path string, opt Options) (*inspection, *wholeCheck, error) {
	// The meta pages are read on every open, trusted or not: a few bytes,
	// and the one damage bbolt would hide by itself (rollback.go).
	if _, err := guardMeta(path); err == nil {
		if note, ok := trusted(path); ok {
			return &inspection{Verdict: verdictOK}, &wholeCheck{want: note}, nil
		}
	}
	checksRun.Add(1)
	in, err := inspect(path, modeOpen, model.DateOf(opt.Now()), opt.Timeout)
	if err != nil {
		noteTrusted(path, false)
		return nil, nil, err
	}
	if err := in.err(); err != nil {
		noteTrusted(path, false)
		return nil, nil, err
	}
	noteTrusted(path, len(in.damage()) == 0 && len(in.Pending) == 0)
	return in, nil, nil
}

// Failed returns the failure of a save that went wrong inside bbolt (a
// *SaveCrashError naming the recovery file), or nil. A store that failed
// does nothing more; the program should say so and exit.
func (s *Store) Failed() error {
	if f := s.failed.Load(); f != nil {
		return f
	}
	return nil
}

// Path returns the file's path as given to Open.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the file was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Device returns the ID this laptop writes into its revisions.
func (s *Store) Device() string { return s.device }

// view runs fn in one read transaction. A fault or panic while reading
// (a page damaged since the file was opened) becomes ErrDamagedPage, and
// the store saves nothing more.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	if f := s.Failed(); f != nil {
		return f
	}
	err = faultSafe(func() error { return s.db.View(fn) })
	if errors.Is(err, ErrDamagedPage) {
		s.pageFault(err)
	}
	return err
}

// pageFault notes a page found damaged while the file is open: nothing
// more is saved into it, and its trust note goes, so the next open checks
// it in full.
func (s *Store) pageFault(err error) {
	s.damage.add(&DamageError{Cause: err})
	noteTrusted(s.path, false)
}
