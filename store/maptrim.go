package store

import bolt "go.etcd.io/bbolt"

// Trimming the map. bbolt reads the file through a memory map, and every
// page a read touches stays resident: a command that reads every record of
// a 100,000-candidate file (an export, a report) counts the whole file,
// some 150 MB, in its memory on top of its own. The pages are the file's,
// kept in the page cache whatever we do, so a long read tells the system
// every so often that it is done with the pages it has read (dropMapped);
// a later read of them finds them in the cache again. bbolt never writes
// through the map, so nothing is lost.

// trimEvery is how many records a long read goes through between trims.
const trimEvery = 4096

// mapTrim counts the records of a long read and trims the map now and then.
type mapTrim struct {
	tx *bolt.Tx
	n  int
}

func newMapTrim(tx *bolt.Tx) *mapTrim { return &mapTrim{tx: tx} }

// step counts one record read.
func (m *mapTrim) step() {
	if m.n++; m.n%trimEvery == 0 {
		dropMapped(m.tx)
	}
}
