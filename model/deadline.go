package model

import (
	"slices"
)

// Deadline kinds.
const (
	DeadlineDecision    = "decision"      // admission decision ≤ 60 working days after the cell resolution (+30)
	DeadlineCeremony    = "ceremony"      // ceremony ≤ 30 working days after the cell received the decision
	DeadlineProbation   = "probation_end" // 12 months of probation end
	DeadlineRecognition = "recognition"   // cell recognition review ≤ 30 working days after probation ends
	DeadlineCert        = "cert"          // awareness-class certificate expires after 60 months
	DeadlineEligible    = "eligible"      // a candidate turns 18 and may be voted on
	// DeadlineRecognitionDecision is the committee's recognition decision (16-KNĐ), ≤ 30 working days after the cell's resolution (+30).
	DeadlineRecognitionDecision = "recognition_decision"
	// DeadlineRemovalDecision is the committee's decision on the cell's proposal to remove, with the same limit.
	DeadlineRemovalDecision = "removal_decision"
)

// eligibleWindowMonths limits "turns 18" reminders to the coming year, so
// the list is about students in their last school year, not every teenager.
const eligibleWindowMonths = 12

// Deadline is one dated obligation for one candidate. Start is the date the
// limit counts from; Due the last day. DaysLeft is negative once Overdue.
type Deadline struct {
	Candidate ID
	Name      string
	Kind      string
	Label     Text
	Due       Date
	Start     Date
	Overdue   bool
	DaysLeft  int
}

// deadlineCalc does the date arithmetic of Deadlines without time.Time:
// working-day sums are memoised because a meeting's candidates share dates.
type deadlineCalc struct {
	cal    Calendar
	memo   map[workKey]Date
	labels map[extKey]Text
}

type extKey struct {
	kind   string
	ext    Date
	within bool
}

type workKey struct {
	from Date
	n    int
}

// civilDays converts a date to days since 1970-01-01 (proleptic Gregorian,
// Hinnant's days_from_civil), cheap enough to run for every row.
func civilDays(d Date) int {
	y, m, dd := d.Year(), int(d.Month()), d.Day()
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + dd - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilDate is the inverse of civilDays.
func civilDate(z int) Date {
	z += 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date(y*10000 + m*100 + d)
}

func (dc *deadlineCalc) addWorkingDays(from Date, n int) Date {
	k := workKey{from, n}
	if d, ok := dc.memo[k]; ok {
		return d
	}
	z := civilDays(from)
	for left := n; left > 0; {
		z++
		// 1970-01-01 was a Thursday; weekday 0 is Sunday as in time.Weekday.
		wd := ((z % 7) + 7 + 4) % 7
		if wd == 0 || wd == 6 {
			continue
		}
		if len(dc.cal.Holidays) > 0 && dc.cal.Holidays[civilDate(z)] {
			continue
		}
		left--
	}
	d := civilDate(z)
	dc.memo[k] = d
	return d
}

// extensionLabel explains an overdue committee decision of kind (admission,
// recognition, removal); labels are shared between the many candidates of one
// cell meeting instead of formatted row by row.
func (dc *deadlineCalc) extensionLabel(kind string, ext Date, within bool) Text {
	k := extKey{kind, ext, within}
	if t, ok := dc.labels[k]; ok {
		return t
	}
	what, limit := decisionWhat(kind)
	t := tr("%s: đã quá cả thời gian gia hạn (%s)", "%s: past even the extension (%s)", what, ext)
	if within {
		t = tr("%s: đã quá %d ngày làm việc, chỉ được gia hạn đến %s",
			"%s: past %d working days; the extension runs only to %s", what, limit, ext)
	}
	dc.labels[k] = t
	return t
}

// dueLabel is the label of a committee decision that is not yet late,
// formatted once per kind.
func (dc *deadlineCalc) dueLabel(kind string) Text {
	k := extKey{kind: kind}
	if t, ok := dc.labels[k]; ok {
		return t
	}
	what, limit := decisionWhat(kind)
	t := tr("%s: hạn %d ngày làm việc sau nghị quyết chi bộ", "%s: due %d working days after the cell resolution", what, limit)
	dc.labels[k] = t
	return t
}

// decisionWhat names a committee decision's deadline and its limit.
func decisionWhat(kind string) (Text, int) {
	switch kind {
	case DeadlineRecognitionDecision:
		return Text{"Quyết định công nhận đảng viên chính thức", "Recognition decision"}, recDecisionWorkingDays
	case DeadlineRemovalDecision:
		return Text{"Quyết định xóa tên đảng viên dự bị", "Removal decision"}, recDecisionWorkingDays
	}
	return Text{"Quyết định kết nạp", "Admission decision"}, decisionWorkingDays
}

// bestCerts maps each candidate to the date of their latest passed certificate.
func bestCerts(classes []Class) map[ID]Date {
	n := 0
	for i := range classes {
		n += len(classes[i].Enrolments)
	}
	m := make(map[ID]Date, n)
	for i := range classes {
		for _, e := range classes[i].Enrolments {
			if e.Result == ResultPassed && e.CertDate > m[e.Candidate] {
				m[e.Candidate] = e.CertDate
			}
		}
	}
	return m
}

// addFunc records one deadline of row r.
type addFunc func(r *CandidateRow, kind string, label Text, start, due Date)

// committee adds the deadline of a committee's decision of kind, limit
// working days after the cell's resolution of from, ext more at most.
func (dc *deadlineCalc) committee(r *CandidateRow, kind string, from Date, limit, ext int, today Date, add addFunc) {
	due := dc.addWorkingDays(from, limit)
	label := dc.dueLabel(kind)
	if today > due {
		end := dc.addWorkingDays(from, limit+ext)
		label = dc.extensionLabel(kind, end, today <= end)
	}
	add(r, kind, label, from, due)
}

// ceremony adds the deadline of the ceremony: 30 working days from the day
// the cell received the decision (the row's Since when later than the
// decision), else from the decision's date, saying so.
func (dc *deadlineCalc) ceremony(r *CandidateRow, add addFunc) {
	dec := r.Decision
	if dec == 0 {
		dec = r.Since
	}
	if dec == 0 {
		return
	}
	if r.Since > dec {
		add(r, DeadlineCeremony, Text{"Lễ kết nạp: hạn 30 ngày làm việc sau ngày chi bộ nhận quyết định",
			"Admission ceremony: due 30 working days after the cell received the decision"}, r.Since, dc.addWorkingDays(r.Since, ceremonyWorkingDays))
		return
	}
	add(r, DeadlineCeremony, Text{"Lễ kết nạp: hạn 30 ngày làm việc, tính từ ngày quyết định vì chưa ghi ngày chi bộ nhận",
		"Admission ceremony: due 30 working days counted from the decision, as the day the cell received it is not recorded"},
		dec, dc.addWorkingDays(dec, ceremonyWorkingDays))
}

// Deadlines lists the open legal deadlines of the active candidates in rows,
// using only row fields and the certificates in classes, so it stays fast
// over 100,000 rows. A deadline appears only while its step is not done.
func Deadlines(rows []CandidateRow, classes []Class, cal Calendar, today Date) []Deadline {
	dc := &deadlineCalc{cal: cal, memo: make(map[workKey]Date), labels: make(map[extKey]Text)}
	certs := bestCerts(classes)
	tz := civilDays(today)
	eligibleLimit := today.AddMonths(eligibleWindowMonths)
	voteIdx := StageCellVote.Index()
	out := make([]Deadline, 0, len(rows)/2)
	var add addFunc = func(r *CandidateRow, kind string, label Text, start, due Date) {
		left := civilDays(due) - tz
		out = append(out, Deadline{Candidate: r.ID, Name: r.Name, Kind: kind, Label: label,
			Due: due, Start: start, Overdue: left < 0, DaysLeft: left})
	}
	for i := range rows {
		r := &rows[i]
		if r.Outcome != OutcomeActive {
			continue
		}
		switch r.Stage {
		case StageCellVote, StageCommittee:
			cv := r.CellVote
			if cv == 0 && r.Stage == StageCellVote {
				cv = r.Since
			}
			if cv != 0 {
				dc.committee(r, DeadlineDecision, cv, decisionWorkingDays, decisionExtensionDays, today, add)
			}
		case StageDecision:
			dc.ceremony(r, add)
		case StageProbation:
			if r.RecVote != 0 {
				// The cell proposed removal; the committee decides.
				dc.committee(r, DeadlineRemovalDecision, r.RecVote, recDecisionWorkingDays, recDecisionExtension, today, add)
				break
			}
			cer := r.Ceremony
			if cer == 0 {
				cer = r.Since
			}
			if cer == 0 {
				break
			}
			end := cer.AddMonths(probationMonths)
			if today <= end {
				add(r, DeadlineProbation, Text{"Hết 12 tháng dự bị", "12 months of probation end"}, cer, end)
			}
			add(r, DeadlineRecognition, Text{"Chi bộ xét công nhận chính thức: hạn 30 ngày làm việc sau khi hết dự bị",
				"Recognition review by the cell: due 30 working days after probation ends"}, end, dc.addWorkingDays(end, recognitionWorkingDays))
		case StageRecognition:
			rv := r.RecVote
			if rv == 0 {
				rv = r.Since
			}
			if rv != 0 {
				dc.committee(r, DeadlineRecognitionDecision, rv, recDecisionWorkingDays, recDecisionExtension, today, add)
			}
		}
		if r.Stage.Index() >= voteIdx {
			continue
		}
		cert := certs[r.ID]
		if r.ExtCert > cert {
			cert = r.ExtCert
		}
		if cert != 0 {
			add(r, DeadlineCert, Text{"Giấy chứng nhận lớp nhận thức về Đảng hết hạn (60 tháng)",
				"Awareness-class certificate expires (60 months)"}, cert, cert.AddMonths(CertValidityMonths))
		}
		if r.DOB != 0 {
			if e := r.DOB.AddMonths(minAgeMonths); e > today && e <= eligibleLimit {
				add(r, DeadlineEligible, Text{"Đủ 18 tuổi, chi bộ được xét kết nạp", "Turns 18 and may be voted on"}, r.DOB, e)
			}
		}
	}
	return out
}

// kindRank orders deadlines of the same day: legal limits first, reminders last.
func kindRank(kind string) int {
	switch kind {
	case DeadlineDecision, DeadlineRecognitionDecision, DeadlineRemovalDecision:
		return 0
	case DeadlineCeremony:
		return 1
	case DeadlineRecognition:
		return 2
	case DeadlineProbation:
		return 3
	case DeadlineCert:
		return 4
	}
	return 5
}

// Due splits ds into the deadlines falling in the next within days (today
// included) and those already past, each sorted by date, then kind, then name.
func Due(ds []Deadline, today Date, within int) (due, overdue []Deadline) {
	limit := today.AddDays(within)
	// Counted first: a merged file has tens of thousands overdue, and
	// growing the slices by appending copied them over and over.
	nd, no := 0, 0
	for _, d := range ds {
		switch {
		case d.Due < today:
			no++
		case d.Due <= limit:
			nd++
		}
	}
	if nd > 0 {
		due = make([]Deadline, 0, nd)
	}
	if no > 0 {
		overdue = make([]Deadline, 0, no)
	}
	for _, d := range ds {
		switch {
		case d.Due < today:
			overdue = append(overdue, d)
		case d.Due <= limit:
			due = append(due, d)
		}
	}
	sortDeadlines(due)
	sortDeadlines(overdue)
	return due, overdue
}

func sortDeadlines(ds []Deadline) { slices.SortFunc(ds, CompareDeadlines) }
