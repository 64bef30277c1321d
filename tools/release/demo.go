package main

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"time"

	"nguon/model"
	"nguon/store"
)

// The demo data file in every archive is made here, by the store itself,
// as `nguon demo` makes one, but with a fixed clock (the commit's time), a
// fixed device and a fixed stream of "random" bits for the IDs: two
// releases of one commit ship the same bytes.

// seededStream is SHA-256 in counter mode: an endless, fixed byte stream.
type seededStream struct {
	seed [32]byte
	n    uint64
	buf  []byte
}

func newSeededStream(seed string) *seededStream {
	return &seededStream{seed: sha256.Sum256([]byte(seed))}
}

func (s *seededStream) Read(p []byte) (int, error) {
	for i := range p {
		if len(s.buf) == 0 {
			var block [40]byte
			copy(block[:], s.seed[:])
			binary.BigEndian.PutUint64(block[32:], s.n)
			s.n++
			sum := sha256.Sum256(block[:])
			s.buf = sum[:]
		}
		p[i], s.buf = s.buf[0], s.buf[1:]
	}
	return len(p), nil
}

// releaseDevice is the device ID written into the demo file's revisions.
const releaseDevice = "nguon-release"

// writeDemo creates path holding model.Demo(the commit's day), dated at the
// commit's time, written out canonically (store.WriteCanonical): ordinary
// saves lay pages out in an order that varies from run to run. The store's trust note and device ID go to the config
// folder the caller set (main points XDG_CONFIG_HOME and AppData at a
// temporary folder), never to the release maker's own.
func writeDemo(path string, b build) (model.Date, error) {
	now := b.Time
	clock := func() time.Time { return now }
	day := model.DateOf(now)
	made := path + ".made"
	defer os.Remove(made)
	st, err := store.Open(made, store.Options{
		DeviceID: releaseDevice,
		Now:      clock,
		Entropy:  newSeededStream("nguon demo " + b.Version + " " + b.Commit),
	})
	if err != nil {
		return day, fmt.Errorf("demo file: %w", err)
	}
	if err := st.Import(model.Demo(day)); err != nil {
		st.Close()
		return day, fmt.Errorf("demo data: %w", err)
	}
	if err := st.Close(); err != nil {
		return day, fmt.Errorf("demo file: %w", err)
	}
	if err := store.WriteCanonical(made, path); err != nil {
		return day, fmt.Errorf("demo file: %w", err)
	}
	// What ships must pass the check every open makes.
	if err := store.CheckFile(path); err != nil {
		return day, fmt.Errorf("demo file: %w", err)
	}
	return day, nil
}
