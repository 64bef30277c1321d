package ui

import (
	"charm.land/bubbles/v2/key"

	"nguon/model"
)

// KeyMap is every binding of the app. It is built per language because the
// help texts are part of each binding; screens pick the ones that apply.
type KeyMap struct {
	Help, Quit, ForceQuit, Command, NextTab, PrevTab key.Binding
	Tabs                                             []key.Binding

	Up, Down, Top, Bottom, PageUp, PageDown            key.Binding
	Open, Back, Filter, New, Edit, Delete, Undo        key.Binding
	Sort, SortReverse                                  key.Binding
	BySource, ByCell, ByStage, ByCommune, ClearFilters key.Binding
	Advance, GoBack, Exit, Targets, Enrol, Result      key.Binding
	AddToAgenda                                        key.Binding

	NextField, PrevField, Save, Cancel key.Binding
	Yes, No                            key.Binding
	// Keys of a text line being typed into (a filter, a picker's search):
	// arrows only, since letters are text there.
	Accept, ClearQuery, ArrowUp, ArrowDown key.Binding
	// OpenOther opens the record a duplicate warning names.
	OpenOther key.Binding
	// PrevYear and NextYear change the dashboard's year.
	PrevYear, NextYear key.Binding
	// Commune shows the dashboard of the next commune of a merged file.
	Commune key.Binding

	// Meeting mode.
	NextItem, PrevItem, Approve, Defer, Reject, Votes, Note, CloseMeeting, StartMeeting key.Binding
}

func bind(keys []string, helpKey string, t model.Text, lang model.Lang) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(helpKey, t.In(lang)))
}

// DefaultKeyMap builds the bindings with help in lang. No binding is a
// letter pair (Telex turns "dd" into "đ") and ctrl+h stays backspace.
func DefaultKeyMap(lang model.Lang) KeyMap {
	b := func(keys []string, h string, vi, en string) key.Binding {
		return bind(keys, h, model.Text{VI: vi, EN: en}, lang)
	}
	k := KeyMap{
		Help:      b([]string{"?"}, "?", "trợ giúp", "help"),
		Quit:      b([]string{"q"}, "q", "quay lại/thoát", "back/quit"),
		ForceQuit: b([]string{"ctrl+c"}, "ctrl+c", "thoát", "quit"),
		Command:   b([]string{":"}, ":", "lệnh", "command"),
		NextTab:   b([]string{"]"}, "]", "thẻ sau", "next tab"),
		PrevTab:   b([]string{"["}, "[", "thẻ trước", "previous tab"),

		Up:       b([]string{"up", "k"}, "↑/k", "lên", "up"),
		Down:     b([]string{"down", "j"}, "↓/j", "xuống", "down"),
		Top:      b([]string{"g", "home"}, "g", "đầu", "top"),
		Bottom:   b([]string{"G", "end"}, "G", "cuối", "bottom"),
		PageUp:   b([]string{"pgup", "ctrl+u"}, "pgup", "trang trước", "page up"),
		PageDown: b([]string{"pgdown", "ctrl+d"}, "pgdn", "trang sau", "page down"),
		Open:     b([]string{"enter"}, "enter", "mở", "open"),
		Back:     b([]string{"esc"}, "esc", "quay lại", "back"),
		Filter:   b([]string{"/"}, "/", "lọc", "filter"),
		New:      b([]string{"n"}, "n", "thêm", "new"),
		Edit:     b([]string{"e"}, "e", "sửa", "edit"),
		Delete:   b([]string{"d"}, "d", "xóa", "delete"),
		Undo:     b([]string{"u"}, "u", "hoàn tác", "undo"),

		Sort:         b([]string{"s"}, "s", "sắp xếp theo cột", "sort column"),
		SortReverse:  b([]string{"S"}, "S", "đảo thứ tự", "reverse"),
		BySource:     b([]string{"f"}, "f", "lọc theo nguồn", "by source"),
		ByCell:       b([]string{"c"}, "c", "lọc theo chi bộ", "by cell"),
		ByStage:      b([]string{"t"}, "t", "lọc theo bước", "by stage"),
		ByCommune:    b([]string{"w"}, "w", "lọc theo xã", "by commune"),
		ClearFilters: b([]string{"x"}, "x", "bỏ lọc", "clear filters"),
		Advance:      b([]string{"a"}, "a", "chuyển bước", "advance"),
		GoBack:       b([]string{"b"}, "b", "lùi bước", "step back"),
		Exit:         b([]string{"r"}, "r", "ra khỏi danh sách", "exit"),
		Targets:      b([]string{"t"}, "t", "chỉ tiêu", "targets"),
		Enrol:        b([]string{"a"}, "a", "ghi danh học viên", "enrol"),
		Result:       b([]string{"space"}, "space", "đổi kết quả", "cycle result"),
		AddToAgenda:  b([]string{"a"}, "a", "thêm người vào danh sách xét", "add to the agenda"),

		NextField: b([]string{"tab", "down"}, "tab", "ô sau", "next field"),
		PrevField: b([]string{"shift+tab", "up"}, "shift+tab", "ô trước", "previous field"),
		Save:      b([]string{"ctrl+s"}, "ctrl+s", "lưu", "save"),
		Cancel:    b([]string{"esc"}, "esc", "hủy", "cancel"),
		Yes:       b([]string{"y", "Y"}, "y", "đồng ý", "yes"),
		No:        b([]string{"n", "N", "esc"}, "n", "không", "no"),

		Accept:     b([]string{"enter"}, "enter", "chọn", "choose"),
		ClearQuery: b([]string{"esc"}, "esc", "bỏ lọc chữ", "clear filter"),
		ArrowUp:    b([]string{"up"}, "↑", "lên", "up"),
		ArrowDown:  b([]string{"down"}, "↓", "xuống", "down"),
		OpenOther:  b([]string{"ctrl+o"}, "ctrl+o", "mở hồ sơ trùng", "open the other record"),
		PrevYear:   b([]string{"["}, "[", "năm trước", "previous year"),
		NextYear:   b([]string{"]"}, "]", "năm sau", "next year"),
		Commune:    b([]string{"x"}, "x", "xã khác", "next commune"),

		NextItem:     b([]string{"right", "j", "down"}, "→", "người sau", "next"),
		PrevItem:     b([]string{"left", "k", "up"}, "←", "người trước", "previous"),
		Approve:      b([]string{"a"}, "a", "tán thành", "approve"),
		Defer:        b([]string{"h"}, "h", "hoãn", "defer"),
		Reject:       b([]string{"x"}, "x", "không tán thành", "reject"),
		Votes:        b([]string{"v"}, "v", "nhập phiếu", "votes"),
		Note:         b([]string{"m"}, "m", "ghi chú", "note"),
		CloseMeeting: b([]string{"ctrl+e"}, "ctrl+e", "kết thúc họp", "close meeting"),
		StartMeeting: b([]string{"enter"}, "enter", "vào họp", "run meeting"),
	}
	names := []model.Text{{VI: "Tổng quan", EN: "Overview"}, {VI: "Chi bộ", EN: "Cells"}, {VI: "Nguồn", EN: "Sources"}, {VI: "Lớp", EN: "Classes"}, {VI: "Họp", EN: "Meetings"}}
	for i, n := range names {
		s := string(rune('1' + i))
		k.Tabs = append(k.Tabs, bind([]string{s}, s, n, lang))
	}
	return k
}
