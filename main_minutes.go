package main

import (
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/alecthomas/kong"

	"nguon/model"
	"nguon/store"
)

// The minutes command: the minutes and resolutions of closed meetings as
// Word documents, the same the program writes when a meeting closes.

// minutesCmd writes the documents of one closed meeting, of those of a cell
// or a day, or of every closed meeting.
type minutesCmd struct {
	Out     string `name:"out" placeholder:"THƯ-MỤC" help:"Thư mục ghi tài liệu (mặc định: biến NGUON_DOCS, nếu không thì Documents/nguon trong thư mục người dùng) / Folder for the documents (default: $NGUON_DOCS, else Documents/nguon in the home folder)."`
	Meeting string `name:"meeting" placeholder:"MÃ" help:"Mã cuộc họp: đủ 36 ký tự, hoặc 6 ký tự cuối như trong tên tệp biên bản / The meeting's ID: all 36 characters, or the last 6 as in the minutes' file name."`
	Cell    string `name:"cell" placeholder:"CHI-BỘ" help:"Tên chi bộ, gõ không dấu cũng được / The cell's name, accents optional."`
	Date    string `name:"date" placeholder:"NGÀY" help:"Ngày họp dd/mm/yyyy / The meeting's date, dd/mm/yyyy."`

	date model.Date
}

var (
	msgMinutesWritten = model.Text{VI: "Đã ghi %s", EN: "Wrote %s"}
	msgMinutesDone    = model.Text{
		VI: "Đã ghi %d tài liệu của %d cuộc họp vào thư mục %s.",
		EN: "Wrote %d documents of %d meetings into %s."}
	msgNoClosedMeeting = model.Text{
		VI: "Không có cuộc họp đã kết thúc nào khớp với điều kiện đã cho; biên bản chỉ lập cho cuộc họp đã kết thúc.",
		EN: "No closed meeting matches what was given; minutes are made only for closed meetings."}
	msgMeetingOpen = model.Text{
		VI: "Cuộc họp %s ngày %s chưa kết thúc; hãy kết thúc cuộc họp trong chương trình rồi lập biên bản.",
		EN: "The meeting %s of %s is not closed yet; close it in the program, then make its minutes."}
	msgNoSuchCell = model.Text{
		VI: "Không có chi bộ nào tên “%s”; hãy ghi đúng tên như trong thẻ Chi bộ.",
		EN: "There is no cell named “%s”; give the name as the Cells tab shows it."}
	msgManyCells = model.Text{
		VI: "Tên “%s” khớp nhiều chi bộ (%s); hãy ghi rõ hơn.",
		EN: "“%s” matches several cells (%s); give more of the name."}
	msgOutNotFolder = model.Text{
		VI: "%s là một tệp, không phải thư mục; hãy ghi tên một thư mục cho --out.",
		EN: "%s is a file, not a folder; give a folder to --out."}
)

// Validate refuses flags that do not go together, and a date or an ID
// that cannot be read, before the file is opened.
func (c *minutesCmd) Validate(kctx *kong.Context) error {
	if c.Meeting != "" && (c.Cell != "" || c.Date != "") {
		return usage(model.Text{
			VI: "--meeting không dùng cùng --cell hoặc --date được; hãy chọn cuộc họp theo mã, hoặc theo chi bộ và ngày",
			EN: "--meeting cannot be used with --cell or --date; choose the meeting by its ID, or by cell and date"})
	}
	if c.Meeting != "" && !meetingIDLike(c.Meeting) {
		return usage(model.Text{
			VI: "--meeting %s không phải mã cuộc họp, hãy ghi đủ 36 ký tự hoặc ít nhất 6 ký tự cuối (0-9, a-f)",
			EN: "--meeting %s is not a meeting ID, give all 36 characters or at least the last 6 (0-9, a-f)"}, c.Meeting)
	}
	var err error
	c.date, err = flagDate("--date", c.Date)
	return err
}

// meetingIDLike reports whether s can be a meeting's ID or its end.
func meetingIDLike(s string) bool {
	s = strings.ToLower(s)
	if _, err := model.ParseID(s); err == nil {
		return true
	}
	if len(s) < 6 || len(s) > 36 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f' || r == '-') {
			return false
		}
	}
	return true
}

func (c *minutesCmd) Run(e *env) error {
	path, err := e.dbPath()
	if err != nil {
		return err
	}
	out := c.Out
	if out == "" {
		if out, err = store.DocumentsDir(); err != nil {
			return err
		}
	}
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		return fail(msgOutNotFolder, out)
	}
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		return err
	}
	snap, err := st.Snapshot()
	if err != nil {
		st.Close()
		return err
	}
	meetings, err := c.choose(snap)
	if err != nil {
		st.Close()
		return err
	}
	// Only the agendas' candidates: their records, not every record.
	var agendaIDs []model.ID
	for _, m := range meetings {
		for _, it := range m.Items {
			agendaIDs = append(agendaIDs, it.Candidate)
		}
	}
	byID, err := st.CandidatesOf(agendaIDs)
	st.Close()
	if err != nil {
		return err
	}
	cells := make(map[model.ID]model.Cell, len(snap.Cells))
	for _, x := range snap.Cells {
		cells[x.ID] = x
	}
	n := 0
	for _, m := range meetings {
		agenda := map[model.ID]model.Candidate{}
		for _, it := range m.Items {
			if x, ok := byID[it.Candidate]; ok {
				agenda[it.Candidate] = x
			}
		}
		p := model.MeetingPapers{Meeting: m, Cell: cells[m.Cell], Settings: snap.Settings, Agenda: agenda,
			Classes: snap.Classes, Made: e.now()}
		paths, err := store.WriteMeetingDocuments(out, p)
		for _, w := range paths {
			e.say(msgMinutesWritten, w)
		}
		n += len(paths)
		if err != nil {
			return err
		}
	}
	abs, _ := filepath.Abs(out)
	e.say(msgMinutesDone, n, len(meetings), abs)
	return nil
}

// choose picks the closed meetings asked for, by date then cell name: the
// one with the ID, those of the cell and the day given, or all of them.
func (c *minutesCmd) choose(snap model.Snapshot) ([]model.Meeting, error) {
	var cell *model.Cell
	if c.Cell != "" {
		x, err := findCell(snap.Cells, c.Cell)
		if err != nil {
			return nil, err
		}
		cell = &x
	}
	id := strings.ToLower(c.Meeting)
	var out []model.Meeting
	for _, m := range snap.Meetings {
		switch {
		case id != "" && !strings.HasSuffix(m.ID.String(), id):
			continue
		case cell != nil && m.Cell != cell.ID:
			continue
		case c.date != 0 && m.Date != c.date:
			continue
		}
		if !m.Closed {
			if id != "" {
				return nil, fail(msgMeetingOpen, m.ID.String(), m.Date.String())
			}
			continue
		}
		out = append(out, m)
	}
	if len(out) == 0 {
		return nil, fail(msgNoClosedMeeting)
	}
	name := map[model.ID]string{}
	for _, x := range snap.Cells {
		name[x.ID] = model.SortKey(x.Name)
	}
	slices.SortStableFunc(out, func(a, b model.Meeting) int {
		return cmp.Or(cmp.Compare(a.Date, b.Date), strings.Compare(name[a.Cell], name[b.Cell]))
	})
	return out, nil
}

// findCell finds a cell by its name, accents and case optional: the one
// whose name is the one typed, else the only one whose name holds it.
func findCell(cells []model.Cell, typed string) (model.Cell, error) {
	want := strings.Join(strings.Fields(model.Fold(typed)), " ")
	var holding []model.Cell
	for _, x := range cells {
		f := strings.Join(strings.Fields(model.Fold(x.Name)), " ")
		if f == want || f == "chi bo "+want {
			return x, nil
		}
		if strings.Contains(f, want) {
			holding = append(holding, x)
		}
	}
	switch len(holding) {
	case 0:
		return model.Cell{}, fail(msgNoSuchCell, typed)
	case 1:
		return holding[0], nil
	}
	names := make([]string, len(holding))
	for i, x := range holding {
		names[i] = x.Name
	}
	return model.Cell{}, fail(msgManyCells, typed, strings.Join(names, ", "))
}
