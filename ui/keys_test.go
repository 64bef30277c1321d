package ui

import (
	"strings"
	"testing"

	"nguon/model"
)

// helpShows opens ? help, checks what it lists, and closes it again.
func (h *harness) helpShows(want, notWant []string) {
	h.t.Helper()
	h.press(h.keys().Help)
	h.mustSee(want...)
	h.mustNotSee(notWant...)
	h.press(h.keys().Help)
}

// footer is the two lines of the key bar.
func (h *harness) footer() string {
	lines := strings.Split(h.screen(), "\n")
	return strings.Join(lines[len(lines)-2:], "\n")
}

// ? lists exactly the keys of the screen and mode the clerk is in: the
// same declaration the keys are dispatched from.
func TestHelpIsSpecificToScreenAndMode(t *testing.T) {
	h := newHarness(t, true, model.VI)
	k := h.keys()
	h.press(k.Tabs[tabMeetings])
	h.helpShows([]string{"thêm", "sắp xếp theo cột", "thẻ sau"}, []string{"tán thành", "ghi danh", "ghi chú", "chuyển bước"})
	h.press(k.Open)
	h.helpShows([]string{"vào họp", "thêm người vào danh sách xét"}, []string{"tán thành", "ghi danh học viên", "sắp xếp theo cột"})
	h.press(k.StartMeeting)
	h.helpShows([]string{"tán thành", "hoãn", "nhập phiếu", "kết thúc họp"}, []string{"thêm người vào danh sách xét", "lọc"})
	h.press(k.Tabs[tabClasses])
	h.press(k.Open)
	h.helpShows([]string{"ghi danh học viên", "đổi kết quả"}, []string{"tán thành", "chuyển bước"})
}

// The footer offers only keys that work: none that needs a selected row on
// an empty list, and no "?" while a form takes typed text.
func TestFooterOffersOnlyWorkingKeys(t *testing.T) {
	h := newHarness(t, false, model.VI)
	k := h.keys()
	h.press(k.Tabs[tabCells])
	foot := h.footer()
	for _, absent := range []string{"enter mở", "e sửa", "d xóa"} {
		if strings.Contains(foot, absent) {
			t.Errorf("empty list offers %q:\n%s", absent, foot)
		}
	}
	if !strings.Contains(foot, "n thêm") {
		t.Errorf("empty list does not offer n:\n%s", foot)
	}
	// The disabled keys do nothing either.
	h.press(k.Edit)
	if s := h.app.screens[tabCells].(*cellsScreen); s.mode != listMode {
		t.Errorf("e on an empty list opened mode %d", s.mode)
	}
	h.press(k.New)
	foot = h.footer()
	if strings.Contains(foot, "trợ giúp") || !strings.Contains(foot, "ctrl+s lưu") {
		t.Errorf("form footer:\n%s", foot)
	}
	h.typeText("?")
	if got := h.app.screens[tabCells].(*cellsScreen).form.field("name").value(); got != "?" {
		t.Errorf("? in a form typed %q", got)
	}
}
