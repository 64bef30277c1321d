package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"nguon/model"
	"nguon/store"
)

// A damaged file and a save that failed (docs/file-format.md §11–12).
//
// A file with damaged records is opened read-only (store.Options.
// AllowDamaged): the damaged records are not shown, and a banner above
// every screen says so and how to restore the last backup. A save that
// failed inside the store (store.Failed) ends the program at once: the
// store has kept what was being saved in a recovery file, which the next
// start offers to save again.

var (
	txtDamaged = model.Text{
		VI: "⚠ Tệp dữ liệu bị hỏng (%s) nên chỉ mở để xem; không có gì được ghi vào tệp, các bản ghi hỏng không được hiển thị. Để khôi phục: thoát nguon rồi mở bản sao lưu gần nhất bằng “nguon --db TỆP-SAO-LƯU” (bản sao lưu được tạo bằng lệnh “nguon backup --out TỆP” hoặc “:backup TỆP”).",
		EN: "⚠ The data file is damaged (%s), so it is open for viewing only: nothing is written into it and damaged records are not shown. To restore: quit nguon and open your last backup with “nguon --db BACKUP-FILE” (backups are made with “nguon backup --out FILE” or “:backup FILE”).",
	}
	txtChangedOutside = model.Text{
		VI: "⚠ Tệp dữ liệu đã bị thay đổi bên ngoài nguon từ lần đóng trước nên chỉ mở để xem, không có gì được ghi vào tệp. Hãy thoát rồi mở lại: nguon sẽ kiểm tra toàn bộ tệp.",
		EN: "⚠ The data file was changed outside nguon since it was last closed, so it is open for viewing only and nothing is written into it. Quit and open it again: nguon will check the whole file.",
	}
	txtDamagedMore  = model.Text{VI: "và %d bản ghi khác", EN: "and %d more"}
	txtRecoveryAsk  = model.Text{VI: "Lần trước nguon dừng khi đang lưu %s; nội dung được giữ trong %s. Lưu lại vào tệp dữ liệu ngay? (y/N; N giữ tệp đó cho lần sau)", EN: "Last time nguon stopped while saving %s; it is kept in %s. Save it into the data file now? (y/N; N keeps that file for later)"}
	txtRecoveryDone = model.Text{VI: "Đã lưu lại %s.", EN: "Saved %s again."}
	txtRecoveryRO   = model.Text{VI: "Có dữ liệu chưa lưu được giữ trong %s; hãy mở tệp ở chế độ bình thường (không chỉ đọc) để lưu lại.", EN: "Unsaved data is kept in %s; open the file normally (not read-only) to save it."}
)

// damageBanner is the banner of a damaged file, "" for a sound one.
func (a *App) damageBanner() string {
	d := a.damage
	if len(d) == 0 {
		return ""
	}
	if len(d) == 1 && store.ChangedOutside(d[0]) {
		return txtChangedOutside.In(a.env.lang)
	}
	var names []string
	for i, e := range d {
		if i == 2 {
			names = append(names, fmt.Sprintf(txtDamagedMore.In(a.env.lang), len(d)-2))
			break
		}
		names = append(names, e.Label().In(a.env.lang))
	}
	return fmt.Sprintf(txtDamaged.In(a.env.lang), strings.Join(names, ", "))
}

// bannerView is the banner laid out for the window, "" for a sound file.
func (a *App) bannerView() string {
	b := a.damageBanner()
	if b == "" {
		return ""
	}
	return strings.Join(wrapped(a.env.st.Error, b, max(20, a.width), ""), "\n")
}

// withBanner puts the banner, when there is one, under the tabs.
func (a *App) withBanner(tabs string) string {
	if b := a.bannerView(); b != "" {
		return tabs + "\n" + b
	}
	return tabs
}

type (
	// recoveryMsg carries the recovery files found at start.
	recoveryMsg struct{ found []store.Recovery }
	// recoveredMsg says whether a recovery file was saved again.
	recoveredMsg struct {
		r   store.Recovery
		err error
	}
)

// wholeVerifiedMsg is the whole-file comparison's result; the banner
// follows from the store's damage on the next update.
type wholeVerifiedMsg struct{ err error }

// verifyWhole compares the file with its trust note off the update loop.
func (a *App) verifyWhole() tea.Cmd {
	st := a.env.store
	return func() tea.Msg { return wholeVerifiedMsg{st.VerifyWhole()} }
}

// findRecoveries looks for recovery files next to the data file.
func (a *App) findRecoveries() tea.Cmd {
	path := a.env.store.Path()
	return func() tea.Msg { return recoveryMsg{store.Recoveries(path)} }
}

// updateDamage handles the messages of this file and quits once the store
// has failed; handled is false for every other message.
func (a *App) updateDamage(msg tea.Msg) (cmd tea.Cmd, handled bool) {
	// Damage may be found by any read; the banner (and the height left for
	// the screens) follows.
	if d := a.env.store.Damage(); len(d) != len(a.damage) {
		a.damage = d
		a.resize()
	}
	if a.env.store.Failed() != nil {
		if a.quitting {
			return nil, true
		}
		a.quitting = true
		return tea.Quit, true
	}
	switch msg := msg.(type) {
	case loadedMsg:
		if a.recoveryAsked {
			return nil, false
		}
		// After the first load, look for what a failed save left, and
		// compare the whole file with its trust note (store.VerifyWhole)
		// now that the first frame no longer waits.
		a.recoveryAsked = true
		_, cmd := a.update(msg)
		return tea.Batch(cmd, a.findRecoveries(), a.verifyWhole()), true
	case wholeVerifiedMsg:
		return nil, true // a difference shows as the banner
	case recoveryMsg:
		if len(msg.found) == 0 {
			return nil, true
		}
		r := msg.found[0]
		if a.env.store.ReadOnly() {
			a.setStatus(fmt.Sprintf(txtRecoveryRO.In(a.env.lang), model.Escape(r.Path)), true)
			return nil, true
		}
		a.prompt = fmt.Sprintf(txtRecoveryAsk.In(a.env.lang), r.Label(a.env.lang), model.Escape(r.Path))
		st := a.env.store
		a.promptYes = func() tea.Msg { return recoveredMsg{r: r, err: st.ApplyRecovery(r)} }
		return nil, true
	case recoveredMsg:
		if msg.err != nil {
			a.setStatus(model.Message(msg.err, a.env.lang), true)
			return nil, true
		}
		a.setStatus(fmt.Sprintf(txtRecoveryDone.In(a.env.lang), msg.r.Label(a.env.lang)), false)
		a.empty = false
		return tea.Batch(a.load(), a.findRecoveries()), true
	}
	return nil, false
}
