//go:build !linux

package store

import "os/exec"

// hardMemoryLimit has no portable address-space limit outside Linux; the
// watchdog in limitMemory stops the child instead.
func hardMemoryLimit(budget int64, path string) {}

// childProcAttr: the child notices its parent's death when stdin closes.
func childProcAttr(cmd *exec.Cmd) {}

// checkMmapFlags: elsewhere the child's map fills page by page.
const checkMmapFlags = 0
