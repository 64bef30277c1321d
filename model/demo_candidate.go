package model

import (
	"fmt"
	"time"
)

// demoPins is what pins a candidate's timeline: the current stage's date, a
// meeting, a certificate. It also carries the meeting and the class the
// candidate is linked to, whose records the candidate's own must agree with.
type demoPins struct {
	top, cert, recVote Date
	gapOver            map[Stage]int
	meet               *Meeting
	decided            bool // the meeting decided the current stage (or, for a committee, the cell vote before it)
	class              *Class
	enrol              *Enrolment
}

// candidate makes the candidate of one demo row: identity and profile, a
// dated step for every stage reached, the people and votes those stages
// record, the row's agenda items, and the history.
func (g *demoGen) candidate(r demoRow) Candidate {
	cell := g.cells[r.cell]
	pool := g.pools[r.cell]
	c := g.identity(r)
	p := g.pins(r, c.ID)
	dates := g.timeline(r, p.top, p.cert, p.recVote, p.gapOver)

	helper := pool[1+g.r.IntN(len(pool)-1)]
	for i, d := range dates {
		s := Stage(Stages[i].Code)
		c.Steps[s] = g.step(&c, r, s, d, cell, helper)
	}
	inArmy := r.src == SourceSoldier && (r.spec == "certsoon" || r.spec == "certexpired")
	g.classStep(&c, p, inArmy)
	if r.src == SourceSoldier {
		g.discharge(&c, p.cert, dates[0], inArmy)
	}

	g.received(&c, dates)
	g.admission(&c, r, p, cell, pool, helper)
	g.recognition(&c, r, p, cell)
	g.agendaItems(&c, r, p)
	g.history(&c, r, p, dates)
	g.outcome(&c, r, dates[len(dates)-1])
	return c
}

// identity makes the candidate's record before the pipeline: ID, name,
// numbers, home, then the profile.
func (g *demoGen) identity(r demoRow) Candidate {
	today := g.today
	cell := g.cells[r.cell]
	eth, rel := r.eth, r.rel
	if eth == "" {
		eth = "1"
	}
	if rel == "" {
		rel = "none"
	}
	dob := today.AddMonths(-r.age).AddDays(-g.between(0, 27))
	c := Candidate{
		ID: g.id(), Sex: r.sex, DOB: dob, Ethnicity: eth, Religion: rel,
		Source: r.src, CellID: cell.ID, Stage: r.stage, Steps: map[Stage]Step{},
	}
	c.FullName = g.name(r.sex, eth, r.given)
	c.CCCD = g.cccd(r.sex, dob)
	c.Phone = g.phone()
	if r.age >= ym(30, 0) {
		c.OldID = g.unique(func() string { return fmt.Sprintf("17%07d", g.r.IntN(10000000)) })
	}
	c.Village = demoCells[r.cell].village
	if c.Village == "" {
		c.Village = pick(g, demoVillages)
	}
	c.Address = "Thôn " + c.Village + ", xã Trường Sơn, tỉnh Thanh Hóa"
	c.HomeTown = "Xã Trường Sơn, tỉnh Thanh Hóa"
	g.profile(&c, r)
	return c
}

// pins works out what pins the timeline of row r, enrolling candidate id in
// the row's class.
func (g *demoGen) pins(r demoRow, id ID) demoPins {
	p := demoPins{top: g.today.AddDays(-r.ago), gapOver: map[Stage]int{}}
	g.pinMeeting(r, &p)
	g.pinClass(r, id, &p)
	g.pinSpecial(r, &p)
	if r.stage == StageOfficial && p.recVote == 0 {
		p.recVote = p.top.AddDays(-g.between(8, 15))
	}
	return p
}

// pinMeeting dates the current stage from the meeting that decided it.
func (g *demoGen) pinMeeting(r demoRow, p *demoPins) {
	if r.meet == "" {
		return
	}
	meet := &g.meetings[g.meetIdx[r.meet]]
	p.meet = meet
	p.decided = meet.Closed && !r.deferd
	switch {
	case !p.decided:
	case r.stage == StageOfficial:
		p.recVote = meet.Date
		p.top = meet.Date.AddDays(g.between(8, 14))
	case r.stage == StageCommittee:
		p.gapOver[StageCommittee] = g.between(12, 18)
		p.top = meet.Date.AddDays(p.gapOver[StageCommittee])
	default:
		p.top = meet.Date
	}
}

// pinClass enrols candidate id in the row's class: before the class stage
// the current stage comes before the class starts; from it on, the class's
// certificate pins the class stage.
func (g *demoGen) pinClass(r demoRow, id ID, p *demoPins) {
	if r.class == "" {
		return
	}
	ci := g.classIdx[r.class]
	class := &g.classes[ci]
	p.class = class
	if r.stage.Index() < StageClass.Index() {
		p.top = class.Start.AddDays(-g.between(10, 30))
		p.enrol = &Enrolment{Candidate: id, Result: r.result}
	} else {
		p.cert = class.End
		no := fmt.Sprintf("CN-NTVĐ %04d/%d", demoClasses[ci].firstCert+len(class.Enrolments), p.cert.Year())
		p.enrol = &Enrolment{Candidate: id, Result: ResultPassed, CertNo: no, CertDate: p.cert}
		if r.stage == StageClass {
			p.top = p.cert
		}
	}
	class.Enrolments = append(class.Enrolments, *p.enrol)
}

// pinSpecial places the rows that show a deadline or an expiry near today.
func (g *demoGen) pinSpecial(r demoRow, p *demoPins) {
	today := g.today
	switch r.spec {
	case "probsoon":
		p.top = today.AddMonths(-12).AddDays(g.between(5, 25))
	case "proboverdue":
		p.top = today.AddMonths(-14).AddDays(-g.between(0, 10))
	case "certsoon":
		// Certificates run 60 months: these two lapse within the next quarter.
		p.cert = today.AddMonths(-58).AddDays(-g.between(0, 10))
		if r.stage == StageClass {
			p.cert = today.AddMonths(-59).AddDays(-g.between(0, 10))
			p.top = p.cert
		}
	case "certexpired":
		p.cert = today.AddMonths(-61).AddDays(-g.between(0, 20))
	}
}

// timeline dates every stage up to r.stage. top is the date of the current
// stage; cert, when set, pins the class stage to a certificate's date; for an
// official member recVote is the cell's recognition vote, between the end of
// probation and the committee's decision.
func (g *demoGen) timeline(r demoRow, top, cert, recVote Date, gapOver map[Stage]int) []Date {
	idx := r.stage.Index()
	classIdx := StageClass.Index()
	dates := make([]Date, idx+1)
	dates[idx] = top
	i := idx
	if r.stage == StageOfficial {
		// The cell proposes recognition within 30 working days after the 12
		// months end; the committee decides (top) a week or two later.
		dates[idx-1] = recVote
		dates[idx-2] = recVote.AddDays(-g.between(5, 15)).AddMonths(-12)
		i = idx - 2
	}
	for ; i > 0; i-- {
		if i-1 == classIdx && cert != 0 {
			dates[i-1] = cert
			continue
		}
		s := Stage(Stages[i].Code)
		gap, over := gapOver[s]
		if !over {
			gp := demoGaps[s]
			gap = g.between(gp[0], gp[1])
		}
		dates[i-1] = dates[i].AddDays(-gap)
	}
	// A pinned certificate may leave less room after the class than the
	// usual gaps need: squeeze the later stages into the time there is.
	if cert != 0 && idx > classIdx {
		lo, a := cert.AddDays(10), dates[classIdx+1]
		if a < lo {
			span, room := DaysBetween(a, top), DaysBetween(lo, top)
			for j := classIdx + 1; j < idx; j++ {
				dates[j] = lo.AddDays(DaysBetween(a, dates[j]) * room / span)
			}
		}
		for j := classIdx + 1; j <= idx; j++ {
			if dates[j] <= dates[j-1] {
				dates[j] = dates[j-1].AddDays(1)
			}
		}
	}
	return dates
}

// classStep numbers the class step after its certificate: the demo class's,
// or one from an earlier course (in the army for inArmy).
func (g *demoGen) classStep(c *Candidate, p demoPins, inArmy bool) {
	st, has := c.Steps[StageClass]
	if !has {
		return
	}
	if p.enrol == nil {
		// A certificate from an earlier course, before this year's classes.
		issuer := demoIssuer(st.Date)
		if inArmy {
			issuer = "Đảng ủy Sư đoàn 324, Quân khu 4"
		}
		c.ExtCert = Certificate{No: fmt.Sprintf("CN-NTVĐ %04d/%d", g.between(20, 900), st.Date.Year()), Date: st.Date, Issuer: issuer}
		st.DocNo, st.Note = c.ExtCert.No, "Giấy chứng nhận do "+issuer+" cấp."
	} else {
		st.DocNo, st.Note = p.enrol.CertNo, p.class.Name+"."
	}
	c.Steps[StageClass] = st
}

// discharge dates a soldier's discharge: after the class for one trained
// while serving (inArmy), else before they were first identified.
func (g *demoGen) discharge(c *Candidate, cert, first Date, inArmy bool) {
	if inArmy {
		// Found and trained while serving: discharged after the class.
		c.DischargeDate = cert.AddDays(g.between(200, 300))
		c.Notes = "Được chi bộ đơn vị bồi dưỡng và học lớp nhận thức về Đảng khi tại ngũ."
	} else {
		c.DischargeDate = first.AddDays(-g.between(30, 200))
	}
}

// admission records the helper, the introducers, the cell's vote (and its
// agenda item, when a meeting decided it) and the deciding body, as far as
// the candidate has come.
func (g *demoGen) admission(c *Candidate, r demoRow, p demoPins, cell Cell, pool []string, helper string) {
	if r.stage.Index() >= StageHelper.Index() {
		c.Helpers = []string{helper}
	}
	if r.stage.Index() >= StageIntroduced.Index() {
		c.Introducers = g.introducers(*c, r, helper, pool, c.Steps[StageIntroduced].Date)
	}
	if r.stage.Index() >= StageCellVote.Index() {
		c.CellVote = g.vote(cell, c.Steps[StageCellVote].Date)
		if p.decided && p.meet.Kind == MeetingAdmission {
			it := AgendaItem{Candidate: c.ID, Decision: DecisionApprove, Against: g.r.IntN(2),
				Note: "Đủ điều kiện; đề nghị Đảng ủy xem xét kết nạp."}
			it.For = p.meet.Present - it.Against
			p.meet.Items = append(p.meet.Items, it)
			c.CellVote = p.meet.VoteFor(it)
		}
		c.CellVote.DocNo = c.Steps[StageCellVote].DocNo
	}
	if r.stage.Index() >= StageDecision.Index() {
		c.DecisionBody = "commune_standing"
		if c.Steps[StageDecision].Date < provincialClasses {
			c.DecisionBody = "district_standing"
		}
	}
}

// recognition records the cell's recognition vote of an official member,
// whose resolution numbers the recognition step.
func (g *demoGen) recognition(c *Candidate, r demoRow, p demoPins, cell Cell) {
	if r.stage != StageOfficial {
		return
	}
	c.RecognitionVote = g.vote(cell, p.recVote)
	if p.decided {
		it := AgendaItem{Candidate: c.ID, Decision: DecisionApprove, For: p.meet.Present,
			Note: "Hoàn thành tốt nhiệm vụ trong thời gian dự bị."}
		p.meet.Items = append(p.meet.Items, it)
		c.RecognitionVote = p.meet.VoteFor(it)
	}
	c.RecognitionVote.DocNo = g.docNo(1, 99, "NQ/CB", cell.Name, p.recVote)
	st := c.Steps[StageRecognition]
	st.DocNo = c.RecognitionVote.DocNo
	c.Steps[StageRecognition] = st
}

// received dates the day the cell received its admission decision: one to
// four days after it, on a working day, and not after the ceremony or
// today. The spread comes from the ID, not the generator, so adding the
// date changed no other value of the demo.
func (g *demoGen) received(c *Candidate, dates []Date) {
	st, has := c.Steps[StageDecision]
	if !has {
		return
	}
	last := g.today
	if i := StageProbation.Index(); i < len(dates) {
		last = dates[i]
	}
	cal := NewCalendar(DefaultHolidays())
	d := st.Date.AddDays(1 + int(c.ID[15]%4))
	for !cal.IsWorkingDay(d) {
		d = d.AddDays(1)
	}
	st.Received = min(d, last)
	c.Steps[StageDecision] = st
}

// agendaItems puts the candidate on the agenda of a monthly review, and of
// any meeting still to come.
func (g *demoGen) agendaItems(c *Candidate, r demoRow, p demoPins) {
	meet := p.meet
	if meet != nil && meet.Kind == MeetingReview {
		it := AgendaItem{Candidate: c.ID, Decision: DecisionApprove, For: meet.Present,
			Note: "Đưa vào danh sách cảm tình Đảng."}
		switch {
		case r.deferd:
			it.Decision = DecisionDefer
			it.Note = "Cần thêm thời gian rèn luyện; Chi đoàn tiếp tục bồi dưỡng, xem xét lại sau 3 tháng."
		case MonthsBetween(c.DOB, meet.Date) < 18*12:
			it.Note = "Đưa vào danh sách cảm tình Đảng; chưa đủ 18 tuổi, xét kết nạp khi đủ tuổi."
		}
		meet.Items = append(meet.Items, it)
	}
	if meet != nil && !meet.Closed {
		meet.Items = append(meet.Items, AgendaItem{Candidate: c.ID})
	}
}

// history writes one event per stage reached, the one a meeting decided
// linked to it.
func (g *demoGen) history(c *Candidate, r demoRow, p demoPins, dates []Date) {
	meet := p.meet
	linked := r.stage
	switch {
	case meet != nil && meet.Kind == MeetingAdmission:
		linked = StageCellVote
	case meet != nil && meet.Kind == MeetingRecognition:
		linked = StageRecognition
	}
	var prev Stage
	for i, d := range dates {
		s := Stage(Stages[i].Code)
		var at time.Time
		if s == StageRecognition {
			// Set from the ID, not the generator: see received.
			at = d.Time().Add(time.Duration(90+int(c.ID[14])) * time.Minute)
		} else {
			at = g.at(d)
		}
		ev := Event{At: at, By: demoClerk, From: prev, To: s}
		if p.decided && s == linked {
			ev.Meeting = meet.ID
		}
		c.History = append(c.History, ev)
		prev = s
	}
}

// outcome writes the way out for those who left the pipeline after last,
// the date of their last stage, and the notes of the special rows.
func (g *demoGen) outcome(c *Candidate, r demoRow, last Date) {
	switch r.spec {
	case "withdrawn":
		c.Outcome, c.OutcomeDate = OutcomeWithdrawn, last.AddDays(g.between(60, 100))
		c.OutcomeReason = "Xin rút khỏi danh sách để đi làm việc tại Nhật Bản theo hợp đồng lao động 3 năm."
	case "moved":
		c.Outcome, c.OutcomeDate = OutcomeMoved, last.AddDays(g.between(30, 60))
		c.OutcomeReason = "Đã nhập ngũ; hồ sơ chuyển cho chi bộ đơn vị quân đội tiếp tục bồi dưỡng."
	case "proboverdue":
		c.Notes = "Đã hết 12 tháng dự bị; chi bộ chưa họp xét công nhận đảng viên chính thức."
	case "certexpired":
		c.Notes = "Giấy chứng nhận lớp nhận thức về Đảng đã hết hạn; đề nghị học lại ở lớp gần nhất."
	}
	if c.Outcome != OutcomeActive {
		if c.OutcomeDate > g.today {
			c.OutcomeDate = g.today
		}
		c.History = append(c.History, Event{At: g.at(c.OutcomeDate), By: demoClerk, From: c.Stage, To: c.Stage,
			Outcome: c.Outcome, Reason: c.OutcomeReason})
	}
}
