//go:build windows

package main

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// golang.org/x/sys/windows has no wrapper for it.
var procGetConsoleProcessList = windows.NewLazySystemDLL("kernel32.dll").NewProc("GetConsoleProcessList")

// ownConsole reports whether nguon is the only process in its console: so
// Windows made the window for it (a double-click on nguon.exe, a file
// dropped on it) and closes it the moment nguon exits. Started from a
// terminal, the shell is in the console too.
func ownConsole() bool {
	if procGetConsoleProcessList.Find() != nil {
		return false
	}
	// The count comes back even when the list does not fit.
	var pids [2]uint32
	n, _, _ := procGetConsoleProcessList.Call(uintptr(unsafe.Pointer(&pids[0])), uintptr(len(pids)))
	return n == 1
}
