package ui

import (
	"os"
	"path/filepath"
	"testing"
)

// TestMain gives the tests a config folder, a home and a documents folder
// of their own: no test writes a device ID, a trust note or a document
// into the user's real folders, whichever test forgets to set them.
func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "nguon-ui-test-")
	if err != nil {
		panic(err)
	}
	for _, v := range []string{"XDG_CONFIG_HOME", "HOME", "AppData", "USERPROFILE"} {
		os.Setenv(v, dir)
	}
	os.Setenv("NGUON_DOCS", filepath.Join(dir, "docs"))
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}
