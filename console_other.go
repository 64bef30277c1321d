//go:build !windows

package main

// ownConsole is false: outside Windows nguon is started from a terminal
// that stays open after it exits.
func ownConsole() bool { return false }
