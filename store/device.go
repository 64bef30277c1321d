package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"nguon/model"
)

// configDir is nguon's folder in the user's config directory.
func configDir() (string, error) {
	base, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("no user config folder: %w", err)
	}
	dir := filepath.Join(base, "nguon")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", openError(err)
	}
	return dir, nil
}

// LoadDeviceID returns this laptop's device ID, kept in
// os.UserConfigDir()/nguon/device and made (randomly) the first time. It is
// not in the data file, so copying the file does not copy the laptop.
func LoadDeviceID() (string, error) {
	dir, err := configDir()
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, "device")
	if id := readDeviceID(path); id != "" {
		return id, nil
	}
	if _, err := os.Stat(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", openError(err)
	}
	// Write the ID under a temporary name and link it into place, so a
	// reader never sees a half-written file and two first starts at once
	// agree on one ID (the loser of the link reads the winner's).
	tmp, err := createTemp(dir, tempNote)
	if err != nil {
		return "", openError(err)
	}
	defer os.Remove(tmp.Name())
	id := model.NewID(time.Now()).String()
	_, err = tmp.WriteString(id + "\n")
	if serr := tmp.Sync(); err == nil {
		err = serr
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", openError(err)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if id := readDeviceID(path); id != "" {
			return id, nil
		}
		// No hard links here, or an empty leftover file: replace it.
		if err := os.Rename(tmp.Name(), path); err != nil {
			return "", openError(err)
		}
	}
	return id, nil
}

// readDeviceID returns the saved device ID, or "" when there is none.
func readDeviceID(path string) string {
	b, err := readSmall(path, 4<<10)
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(b))
}

// existingDeviceID returns the device ID when one was made, without making
// one: a read-only open writes nothing anywhere.
func existingDeviceID() string {
	base, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return readDeviceID(filepath.Join(base, "nguon", "device"))
}

// DefaultPath returns $NGUON_DB when set, else nguon.db in
// os.UserConfigDir()/nguon (made if missing).
func DefaultPath() (string, error) {
	if p := os.Getenv("NGUON_DB"); p != "" {
		return p, nil
	}
	dir, err := configDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "nguon.db"), nil
}
