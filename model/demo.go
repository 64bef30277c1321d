package model

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// The demo file is modelled on the commune in the source article (Đảng bộ xã
// Trường Sơn, Thanh Hóa: 306 members in 11 cells) so that a clerk trying the
// program recognises their own work. Every date is placed relative to today,
// so the dashboard always has something due, whatever day the demo is made.
// The generator is seeded with a constant: the same day gives the same file,
// which keeps tests and screenshots stable.

// demoSeed fixes names, numbers and IDs.
const demoSeed = 0x6e67756f6e // "nguon"

// Demo builds the demonstration dataset for today.
func Demo(today Date) Dataset {
	g := &demoGen{
		r:     rand.New(rand.NewPCG(demoSeed, demoSeed>>7)),
		today: today,
		base:  uint64(today.Time().UnixMilli()),
		used:  map[string]bool{},
	}
	return g.build()
}

// demoGen carries the random source and the bookkeeping that keeps names,
// ID numbers and document numbers unique.
type demoGen struct {
	r     *rand.Rand
	today Date
	base  uint64
	seq   uint64
	used  map[string]bool

	cells    []Cell
	pools    [][]string // names of official members per cell: [0] is the secretary
	classes  []Class
	classIdx map[string]int
	meetings []Meeting
	meetIdx  map[string]int
}

// between returns a number in [lo, hi].
func (g *demoGen) between(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

func pick[T any](g *demoGen, xs []T) T { return xs[g.r.IntN(len(xs))] }

// id makes a UUIDv7-shaped ID from the seed: the time part counts up from
// today's midnight so IDs still sort in creation order, the rest is seeded.
func (g *demoGen) id() ID {
	var id ID
	g.seq++
	ms := g.base + g.seq
	id[0], id[1], id[2] = byte(ms>>40), byte(ms>>32), byte(ms>>24)
	id[3], id[4], id[5] = byte(ms>>16), byte(ms>>8), byte(ms)
	a, b := g.r.Uint64(), g.r.Uint64()
	for i := 6; i < 16; i++ {
		if i < 11 {
			id[i] = byte(a >> (8 * (i - 6)))
		} else {
			id[i] = byte(b >> (8 * (i - 11)))
		}
	}
	id[6] = id[6]&0x0f | 0x70
	id[8] = id[8]&0x3f | 0x80
	return id
}

// unique draws from f until it returns a value not drawn before.
func (g *demoGen) unique(f func() string) string {
	for {
		s := f()
		if !g.used[s] {
			g.used[s] = true
			return s
		}
	}
}

var (
	demoFamily      = []string{"Nguyễn", "Nguyễn", "Nguyễn", "Lê", "Lê", "Lê", "Trần", "Đặng", "Hoàng", "Phạm", "Đỗ", "Vũ", "Bùi", "Trịnh", "Trịnh", "Ngô", "Mai", "Đinh", "Hà"}
	demoFamilyMuong = []string{"Bùi", "Quách", "Đinh", "Hà", "Phạm"}
	demoFamilyThai  = []string{"Lò", "Lường", "Hà", "Vi", "Cầm"}
	demoMiddleM     = []string{"Văn", "Văn", "Văn", "Đức", "Minh", "Hữu", "Quang", "Xuân", "Đình", "Ngọc", "Trọng"}
	demoMiddleF     = []string{"Thị", "Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Phương"}
	demoGivenM      = []string{"Hưng", "Đức", "Tuấn", "Nam", "Hùng", "Dũng", "Thắng", "Quân", "Long", "Phúc", "Khánh", "Trường", "Hiếu", "Cường", "Việt", "Sơn", "Lâm", "Tùng", "Hoàng", "Đạt", "Kiên", "Mạnh", "Thành", "Huy"}
	demoGivenF      = []string{"Thủy", "Ánh", "Lan", "Hương", "Hoa", "Trang", "Linh", "Huyền", "Thảo", "Nhung", "Hằng", "Yến", "Phương", "Mai", "Hà", "Ngân", "Loan", "Oanh", "Dung", "Giang"}
	demoMobile      = []string{"090", "091", "093", "094", "096", "097", "098", "032", "033", "034", "035", "036", "037", "038", "039"}
)

// name makes a unique full name; given, when set, is used as the given name.
func (g *demoGen) name(sex Sex, eth, given string) string {
	return g.unique(func() string {
		fam := pick(g, demoFamily)
		switch eth {
		case "6":
			fam = pick(g, demoFamilyMuong)
		case "3":
			fam = pick(g, demoFamilyThai)
		}
		mid, giv := pick(g, demoMiddleM), pick(g, demoGivenM)
		if sex == Female {
			mid, giv = pick(g, demoMiddleF), pick(g, demoGivenF)
		}
		if given != "" {
			giv = given
		}
		if mid == giv {
			mid = "Văn"
			if sex == Female {
				mid = "Thị"
			}
		}
		return fam + " " + mid + " " + giv
	})
}

// cccd makes a Thanh Hóa (038) citizen ID whose century/sex digit and year
// match sex and dob (docs/domain-rules.md §9).
func (g *demoGen) cccd(sex Sex, dob Date) string {
	c := (dob.Year()/100 - 19) * 2
	if sex == Female {
		c++
	}
	return g.unique(func() string {
		return fmt.Sprintf("038%d%02d%06d", c, dob.Year()%100, g.r.IntN(1000000))
	})
}

func (g *demoGen) phone() string {
	return g.unique(func() string { return fmt.Sprintf("%s%07d", pick(g, demoMobile), g.r.IntN(10000000)) })
}

// docNo makes a document number such as "125-QĐ/ĐU", unique among the
// documents of its kind that issuer numbered in d's year.
func (g *demoGen) docNo(lo, hi int, suffix, issuer string, d Date) string {
	key := fmt.Sprintf("%s|%d|", issuer, d.Year())
	no := g.unique(func() string { return key + fmt.Sprintf("%02d-%s", g.between(lo, hi), suffix) })
	return no[len(key):]
}

// provincialClasses is when classes moved from the district political centre
// to the provincial political school (docs/domain-rules.md §2); it is also when
// the commune's standing committee took over admission decisions.
var provincialClasses = NewDate(2025, time.July, 1)

func demoIssuer(d Date) string {
	if d < provincialClasses {
		return "Trung tâm Chính trị huyện Nông Cống"
	}
	return "Trường Chính trị tỉnh Thanh Hóa"
}

func (g *demoGen) build() Dataset {
	g.buildCells()
	g.buildClasses()
	g.buildMeetings()
	cands := make([]Candidate, 0, len(demoRows))
	for _, r := range demoRows {
		cands = append(cands, g.candidate(r))
	}
	return Dataset{
		Settings: Settings{
			Commune:           "Đảng bộ xã Trường Sơn",
			Province:          "Thanh Hóa",
			DecidingBody:      "commune_standing",
			DocValidityMonths: 12, // the default for new files
			Holidays:          DefaultHolidays(),
		},
		Cells:      g.cells,
		Candidates: cands,
		Classes:    g.classes,
		Meetings:   g.meetings,
	}
}

func demoTarget(year int, by map[SourceGroup]int) Target {
	t := Target{Year: year, BySource: map[SourceGroup]int{}}
	for k, v := range by {
		t.BySource[k] = v
		t.Total += v
	}
	return t
}

func (g *demoGen) buildCells() {
	year := g.today.Year()
	for i, dc := range demoCells {
		prob := 0
		for _, r := range demoRows {
			if r.cell == i && r.stage == StageProbation && r.spec != "withdrawn" && r.spec != "moved" {
				prob++
			}
		}
		pool := make([]string, 6)
		for j := range pool {
			sex := Male
			if g.r.IntN(3) == 0 {
				sex = Female
			}
			pool[j] = g.name(sex, "1", "")
		}
		g.pools = append(g.pools, pool)
		c := Cell{
			ID: g.id(), Name: dc.name, Kind: CellKind(dc.kind), Secretary: pool[0], Village: dc.village,
			OfficialMembers: dc.members - prob, ProbationaryMembers: prob,
			Targets: []Target{demoTarget(year-1, dc.prev), demoTarget(year, dc.cur)},
		}
		switch dc.kind {
		case "village":
			c.Notes = "Sinh hoạt định kỳ ngày mùng 5 hằng tháng tại Nhà văn hóa thôn " + dc.village + "."
		case "enterprise":
			c.Notes = "Công nhân làm ca; chi bộ họp vào chiều thứ Bảy tuần đầu tháng."
		}
		g.cells = append(g.cells, c)
	}
}

// monday moves d back to the Monday of its week: classes run Monday to Friday.
func monday(d Date) Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

func (g *demoGen) buildClasses() {
	g.classIdx = map[string]int{}
	for i, dc := range demoClasses {
		start := monday(g.today.AddDays(-dc.startAgo))
		g.classes = append(g.classes, Class{
			ID: g.id(), Name: dc.name, TargetGroup: dc.group,
			Organiser: demoIssuer(start) + " phối hợp với Đảng ủy xã Trường Sơn",
			Start:     start, End: start.AddDays(4), Place: dc.place,
			Notes: fmt.Sprintf("Khóa học có %d học viên; danh sách đầy đủ lưu tại Văn phòng Đảng ủy.", dc.total),
		})
		g.classIdx[dc.key] = i
	}
}

// workingDaysBefore returns the date n working days before d.
func workingDaysBefore(cal Calendar, d Date, n int) Date {
	for n > 0 {
		d = d.AddDays(-1)
		if cal.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

func (g *demoGen) buildMeetings() {
	g.meetIdx = map[string]int{}
	for i, dm := range demoMeets {
		cell := g.cells[dm.cell]
		date := g.today.AddDays(-dm.ago)
		if dm.late {
			date = workingDaysBefore(NewCalendar(DefaultHolidays()), g.today, demoLateWorkingDays)
		}
		m := Meeting{
			ID: g.id(), Cell: cell.ID, Date: date, Kind: dm.kind, Members: cell.OfficialMembers,
			Chair: g.pools[dm.cell][0], Secretary: g.pools[dm.cell][1], Notes: dm.notes, Closed: dm.ago > 0 || dm.late,
		}
		if m.Closed {
			m.Attached = g.r.IntN(2)
			m.ExemptAbsent = g.r.IntN(3)
			m.Present = m.Members - m.Attached - m.ExemptAbsent - g.r.IntN(4)
		}
		g.meetings = append(g.meetings, m)
		g.meetIdx[dm.key] = i
	}
}
