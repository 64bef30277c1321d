package main

import (
	"bufio"
	"fmt"
	"io"

	"nguon/model"
)

var msgPressEnter = model.Text{VI: "Nhấn Enter để đóng…", EN: "Press Enter to close…"}

// holdWindow keeps a window that closes with nguon (own: ownConsole) open
// after a run that failed, until Enter or the end of input, so the clerk
// who double-clicked nguon.exe reads the sentence run printed instead of
// seeing the window vanish. A run that went well closes as it always did.
func holdWindow(code int, own func() bool, in io.Reader, out io.Writer, lang model.Lang) {
	if code == exitOK || !own() {
		return
	}
	fmt.Fprint(out, "\n"+msgPressEnter.In(lang))
	_, _ = bufio.NewReader(in).ReadString('\n')
}
