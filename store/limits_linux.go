//go:build linux

package store

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
)

// hardMemoryLimit caps the child's address space (RLIMIT_AS): what it has
// mapped now, bbolt's mapping of the file, and the budget. Past it an
// allocation fails and the runtime stops the child at once, however fast
// it was growing.
func hardMemoryLimit(budget int64, path string) {
	if raceBuild {
		return
	}
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return
	}
	pages, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return
	}
	var size int64
	if st, err := os.Stat(path); err == nil {
		size = st.Size()
	}
	// bbolt maps the file rounded up to a power of two (at least 32 KiB);
	// the runtime reserves its heap in 64 MiB arenas.
	limit := uint64(pages*int64(os.Getpagesize()) + 2*size + 1<<20 + 2*budget + 256<<20)
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &syscall.Rlimit{Cur: limit, Max: limit})
}

// childProcAttr makes the kernel stop the child when the parent dies.
func childProcAttr(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}

// checkMmapFlags maps the checked file with its pages filled in at once:
// the check reads every page, and one call is cheaper than a fault for
// each of 38,000 pages.
const checkMmapFlags = syscall.MAP_POPULATE
