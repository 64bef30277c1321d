//go:build nguonfault

package store

import "os"

// Built with the nguonfault tag (tests only), NGUON_FAULT=save-panic makes
// every save panic just before its commit, as bbolt does inside a commit on
// a damaged freelist ("page already freed"), so that the tests of the built
// program can see what a clerk then sees (damage_test.go).
func init() {
	if os.Getenv("NGUON_FAULT") == "save-panic" {
		testFault = func(point string) {
			if point == "commit" {
				panic("injected fault: page 600 already freed")
			}
		}
	}
}
