//go:build race

package store

// raceBuild: the race detector reserves terabytes of address space, so a
// race-enabled child gets no address-space limit (limits_linux.go).
const raceBuild = true
