package store

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// readSmall reads a small file nguon keeps for itself (a trust note, the
// device ID, a recovery file) only when it is a regular file of at most max
// bytes: a FIFO put in its place would block every command, and a link to
// /dev/zero would be read for ever.
func readSmall(path string, max int64) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file", path)
	}
	if st.Size() > max {
		return nil, fmt.Errorf("%s has %d bytes, more than %d", path, st.Size(), max)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// It may have been swapped between the two looks.
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%s grew past %d bytes", path, max)
	}
	return b, nil
}
