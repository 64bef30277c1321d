//go:build nguonfault

package store

import "os"

// Built with the nguonfault tag (tests only), NGUON_FAULT names a failure
// to inject, so that the tests of the built program can see what a clerk
// then sees:
//
//   - save-panic makes every save panic just before its commit, as bbolt
//     does inside a commit on a damaged freelist ("page already freed")
//     (damage_test.go);
//   - import-kill writes imports 100 records a transaction and kills the
//     process (SIGKILL, as kill -9) right after the second commit, with the
//     import half written (import_kill_test.go).
func init() {
	switch os.Getenv("NGUON_FAULT") {
	case "save-panic":
		testFault = func(point string) {
			if point == "commit" {
				panic("injected fault: page 600 already freed")
			}
		}
	case "import-kill":
		importBatchRows = 100
		testFault = func(point string) {
			if point == "import-batch-2-committed" {
				if p, err := os.FindProcess(os.Getpid()); err == nil {
					_ = p.Kill()
				}
				select {} // the signal is on its way
			}
		}
	}
}
