package model

import (
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"
)

// demoDays are the days the demo is checked on: the day this was written,
// around Tết, a leap day, and the turn of a year, since everything is
// placed relative to today.
var demoDays = []Date{
	NewDate(2026, time.November, 27),
	NewDate(2026, time.February, 16),
	NewDate(2028, time.February, 29),
	NewDate(2027, time.January, 1),
	NewDate(2030, time.June, 15),
}

func TestDemoDeterministic(t *testing.T) {
	for _, day := range demoDays {
		a, b := Demo(day), Demo(day)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("Demo(%s) differs between two calls", day)
		}
	}
	if reflect.DeepEqual(Demo(demoDays[0]).Candidates[0].Steps, Demo(demoDays[1]).Candidates[0].Steps) {
		t.Error("the demo's dates do not follow today")
	}
}

func TestDemoCounts(t *testing.T) {
	for _, day := range demoDays {
		d := Demo(day)
		if len(d.Cells) != 11 {
			t.Errorf("%s: %d cells, want 11", day, len(d.Cells))
		}
		members, kinds := 0, map[CellKind]bool{}
		for _, c := range d.Cells {
			members += c.OfficialMembers + c.ProbationaryMembers
			kinds[c.Kind] = true
			for _, year := range []int{day.Year() - 1, day.Year()} {
				tg := c.TargetFor(year)
				sum := 0
				for _, n := range tg.BySource {
					sum += n
				}
				if tg.Total == 0 || sum != tg.Total {
					t.Errorf("%s: %s target %d: total %d, by source %d", day, c.Name, year, tg.Total, sum)
				}
			}
		}
		if members != 306 {
			t.Errorf("%s: %d members, want 306", day, members)
		}
		for _, k := range []CellKind{"village", "school", "agency", "military", "enterprise"} {
			if !kinds[k] {
				t.Errorf("%s: no %s cell", day, k)
			}
		}
		if n := len(d.Candidates); n < 55 || n > 70 {
			t.Errorf("%s: %d candidates, want 55–70", day, n)
		}
		sources, stages := map[SourceGroup]bool{}, map[Stage]bool{}
		for _, c := range d.Candidates {
			sources[c.Source] = true
			stages[c.Stage] = true
		}
		for _, o := range SourceGroups {
			if !sources[SourceGroup(o.Code)] {
				t.Errorf("%s: no candidate from source %s", day, o.Code)
			}
		}
		if len(stages) < 10 {
			t.Errorf("%s: %d distinct stages, want at least 10", day, len(stages))
		}
		if n := len(d.Classes); n < 3 || n > 4 {
			t.Errorf("%s: %d classes, want 3–4", day, n)
		}
		s := d.Settings
		if s.Commune != "Đảng bộ xã Trường Sơn" || s.Province != "Thanh Hóa" || s.DecidingBody != "commune_standing" || s.DocValidityMonths != 12 {
			t.Errorf("%s: settings %+v", day, s)
		}
	}
}

func TestDemoNamesAndNumbers(t *testing.T) {
	d := Demo(demoDays[0])
	ids := map[ID]bool{}
	checkID := func(id ID) {
		t.Helper()
		if id.IsZero() || ids[id] {
			t.Errorf("ID %s is zero or repeated", id)
		}
		if id[6]>>4 != 7 || id[8]>>6 != 2 {
			t.Errorf("ID %s is not UUIDv7-shaped", id)
		}
		ids[id] = true
	}
	for _, c := range d.Cells {
		checkID(c.ID)
	}
	for _, c := range d.Classes {
		checkID(c.ID)
	}
	for _, m := range d.Meetings {
		checkID(m.ID)
	}
	given := map[string]bool{}
	cccds := map[string]bool{}
	for _, c := range d.Candidates {
		checkID(c.ID)
		if !norm.NFC.IsNormalString(c.FullName) || !norm.NFC.IsNormalString(c.Address) || !norm.NFC.IsNormalString(c.Notes) {
			t.Errorf("%q: text not in NFC", c.FullName)
		}
		words := regexp.MustCompile(`\S+`).FindAllString(c.FullName, -1)
		if len(words) != 3 {
			t.Errorf("%q: want family, middle and given name", c.FullName)
		}
		given[words[len(words)-1]] = true
		if ps := CheckCCCD(c.CCCD, c.Sex, c.DOB); len(ps) > 0 || c.CCCD[:3] != "038" {
			t.Errorf("%s: CCCD %s: %v", c.FullName, c.CCCD, ps)
		}
		if cccds[c.CCCD] {
			t.Errorf("CCCD %s repeated", c.CCCD)
		}
		cccds[c.CCCD] = true
		if ps := CheckPhone(c.Phone); len(ps) > 0 || len(c.Phone) != 10 || (c.Phone[:2] != "09" && c.Phone[:2] != "03") {
			t.Errorf("%s: phone %q", c.FullName, c.Phone)
		}
		if ps := CheckOldID(c.OldID); len(ps) > 0 {
			t.Errorf("%s: old ID %q: %v", c.FullName, c.OldID, ps)
		}
		if Label(Ethnicities, c.Ethnicity, VI) == c.Ethnicity || Label(Religions, c.Religion, VI) == c.Religion {
			t.Errorf("%s: ethnicity %q or religion %q unknown", c.FullName, c.Ethnicity, c.Religion)
		}
	}
	for _, n := range []string{"Thủy", "Đức", "Ánh", "Hưng"} {
		if !given[n] {
			t.Errorf("no candidate called %s", n)
		}
	}
	for _, c := range d.Cells {
		if !norm.NFC.IsNormalString(c.Name) || !norm.NFC.IsNormalString(c.Secretary) {
			t.Errorf("cell %q: text not in NFC", c.Name)
		}
	}
}

// TestDemoDatesInOrder checks that each candidate's steps are dated in
// pipeline order, none in the future, every stage reached has its date and
// the history tells the same story.
func TestDemoDatesInOrder(t *testing.T) {
	for _, day := range demoDays {
		for _, c := range Demo(day).Candidates {
			idx := c.Stage.Index()
			if idx < 0 {
				t.Fatalf("%s: stage %q", c.FullName, c.Stage)
			}
			var prev Date
			for i, o := range Stages {
				st, has := c.Steps[Stage(o.Code)]
				switch {
				case i > idx && has:
					t.Errorf("%s %s: step %s beyond stage %s", day, c.FullName, o.Code, c.Stage)
				case i <= idx && (!has || st.Date == 0):
					t.Errorf("%s %s: stage %s has no date", day, c.FullName, o.Code)
				case i <= idx && (st.Date < prev || st.Date > day):
					t.Errorf("%s %s: %s dated %s after %s or after today", day, c.FullName, o.Code, st.Date, prev)
				}
				if has {
					prev = st.Date
				}
			}
			if c.DOB >= c.Steps[StageSource].Date || MonthsBetween(c.DOB, c.Steps[StageSource].Date) < 14*12 {
				t.Errorf("%s %s: born %s, found %s", day, c.FullName, c.DOB, c.Steps[StageSource].Date)
			}
			for i := 1; i < len(c.History); i++ {
				if c.History[i].At.Before(c.History[i-1].At) {
					t.Errorf("%s %s: history out of order", day, c.FullName)
				}
			}
			if n := len(c.History); n == 0 || c.History[n-1].To != c.Stage {
				t.Errorf("%s %s: history does not end at the current stage", day, c.FullName)
			}
			if c.Outcome != OutcomeActive && (c.OutcomeReason == "" || c.OutcomeDate < prev || c.OutcomeDate > day) {
				t.Errorf("%s %s: outcome %s without reason or with date %s", day, c.FullName, c.Outcome, c.OutcomeDate)
			}
			if c.DischargeDate != 0 && c.DischargeDate > day {
				t.Errorf("%s %s: discharged in the future", day, c.FullName)
			}
		}
	}
}

// TestDemoReplay rebuilds every candidate with the stage machine from the
// demo's own dates, documents, votes and introducers: each step must pass
// every rule without an override, and the result must equal the demo record.
func TestDemoReplay(t *testing.T) {
	for _, day := range demoDays {
		d := Demo(day)
		ctx := RuleContext{Today: day, Settings: d.Settings, Classes: d.Classes, Cal: NewCalendar(d.Settings.Holidays)}
		for _, want := range d.Candidates {
			c := want
			c.Stage, c.Steps, c.Helpers, c.Introducers = "", map[Stage]Step{}, nil, nil
			c.CellVote, c.RecognitionVote, c.DecisionBody, c.History = Vote{}, Vote{}, "", nil
			c.Outcome, c.OutcomeReason, c.OutcomeDate = "", "", 0
			for i := 0; i <= want.Stage.Index(); i++ {
				s := Stage(Stages[i].Code)
				st := want.Steps[s]
				in := StepInput{Date: st.Date, DocNo: st.DocNo, Note: st.Note, Helpers: want.Helpers,
					Introducers: want.Introducers, DecidingBody: want.DecisionBody, Received: st.Received,
					Consent: want.Over60Consent}
				switch s {
				case StageCellVote:
					in.Vote = want.CellVote
				case StageRecognition:
					in.Vote = want.RecognitionVote
				}
				next, rs, err := Advance(c, s, in, ctx)
				if err != nil {
					t.Errorf("%s %s → %s: %v", day, want.FullName, s, Message(err, EN))
					break
				}
				for _, r := range rs {
					if !r.OK {
						t.Errorf("%s %s → %s: %s", day, want.FullName, s, r.Msg.EN)
					}
				}
				c = next
			}
			if !reflect.DeepEqual(c.Steps, want.Steps) || !reflect.DeepEqual(c.CellVote, want.CellVote) ||
				!reflect.DeepEqual(c.RecognitionVote, want.RecognitionVote) || c.DecisionBody != want.DecisionBody {
				t.Errorf("%s %s: replay differs from the demo record", day, want.FullName)
			}
		}
	}
}

// TestDemoHasWorkDue checks the situations the demo exists to show.
func TestDemoHasWorkDue(t *testing.T) {
	for _, day := range demoDays {
		d := Demo(day)
		cal := NewCalendar(d.Settings.Holidays)
		var under18, probSoon, probOverdue, certSoon, certGone, late, left int
		for _, c := range d.Candidates {
			if c.Source == SourceStudent && MonthsBetween(c.DOB, day) < 18*12 {
				under18++
				if c.Stage.Index() > StageSympathizer.Index() {
					t.Errorf("%s %s: under 18 at stage %s", day, c.FullName, c.Stage)
				}
			}
			if c.Outcome != OutcomeActive {
				left++
				continue
			}
			if c.Stage == StageProbation {
				end := c.StageDate(StageProbation).AddMonths(12)
				switch n := DaysBetween(day, end); {
				case n >= 0 && n <= 30:
					probSoon++
				case n < -30:
					probOverdue++
				}
			}
			if cert := BestCert(c, d.Classes, day); cert != 0 && c.Stage.Index() < StageCellVote.Index() {
				switch exp := cert.AddMonths(CertValidityMonths); {
				case exp < day:
					certGone++
				case exp <= day.AddMonths(3):
					certSoon++
				}
			}
			if c.Stage == StageCommittee || c.Stage == StageCellVote {
				if n := cal.WorkingDaysBetween(c.CellVote.Date, day); n > 50 && n <= 60 {
					late++
				}
			}
		}
		for _, x := range []struct {
			what string
			n    int
		}{{"under-18 students", under18}, {"probations ending within 30 days", probSoon}, {"overdue probation", probOverdue},
			{"certificates expiring within 3 months", certSoon}, {"expired certificates", certGone},
			{"decisions waiting over 50 working days", late}, {"candidates who left", left}} {
			if x.n == 0 {
				t.Errorf("%s: no %s", day, x.what)
			}
		}
		var rows []CandidateRow
		for _, c := range d.Candidates {
			rows = append(rows, c.Row())
		}
		if due, overdue := Due(Deadlines(rows, d.Classes, cal, day), day, 30); len(due) == 0 || len(overdue) == 0 {
			t.Errorf("%s: %d deadlines due and %d overdue, want some of each", day, len(due), len(overdue))
		}
	}
}

var certNo = regexp.MustCompile(`^CN-NTVĐ \d{4}/\d{4}$`)

func TestDemoClasses(t *testing.T) {
	for _, day := range demoDays {
		d := Demo(day)
		byID := map[ID]Candidate{}
		for _, c := range d.Candidates {
			byID[c.ID] = c
		}
		results := map[EnrolmentResult]int{}
		groups := map[SourceGroup]int{}
		for _, cl := range d.Classes {
			groups[cl.TargetGroup]++
			if cl.Start > cl.End || cl.End > day || cl.Start.Weekday() != time.Monday {
				t.Errorf("%s %s: runs %s–%s", day, cl.Name, cl.Start, cl.End)
			}
			for _, e := range cl.Enrolments {
				results[e.Result]++
				c, has := byID[e.Candidate]
				if !has {
					t.Errorf("%s %s: enrols an unknown candidate", day, cl.Name)
					continue
				}
				switch e.Result {
				case ResultPassed:
					if !certNo.MatchString(e.CertNo) || e.CertDate < cl.End || c.StageDate(StageClass) != e.CertDate {
						t.Errorf("%s %s: %s passed with %q on %s, class step %s", day, cl.Name, c.FullName, e.CertNo, e.CertDate, c.StageDate(StageClass))
					}
				default:
					if e.CertNo != "" || c.Stage.Index() >= StageClass.Index() {
						t.Errorf("%s %s: %s did not pass but has a certificate or the class stage", day, cl.Name, c.FullName)
					}
				}
			}
		}
		if results[ResultPassed] == 0 || results[ResultAttended] == 0 || results[ResultFailed] != 1 {
			t.Errorf("%s: enrolment results %v, want passed, attended and one failed", day, results)
		}
		if groups[SourceStudent] != 2 || groups[SourceWomen] != 1 || groups[SourceYouth] != 1 {
			t.Errorf("%s: classes by group %v", day, groups)
		}
	}
}

func TestDemoMeetings(t *testing.T) {
	for _, day := range demoDays {
		d := Demo(day)
		byID := map[ID]Candidate{}
		for _, c := range d.Candidates {
			byID[c.ID] = c
		}
		kinds := map[MeetingKind]int{}
		upcoming := 0
		for _, m := range d.Meetings {
			kinds[m.Kind]++
			if len(m.Items) == 0 {
				t.Errorf("%s: meeting %s of %s has no agenda", day, m.Kind, m.Date)
			}
			if m.Closed != (m.Date <= day) {
				t.Errorf("%s: meeting on %s closed=%v", day, m.Date, m.Closed)
			}
			for _, it := range m.Items {
				c, has := byID[it.Candidate]
				if !has || c.CellID != m.Cell {
					t.Errorf("%s: meeting on %s lists someone outside its cell", day, m.Date)
					continue
				}
				if !m.Closed {
					if it.Decision != DecisionNone || c.Stage != StageComments {
						t.Errorf("%s: upcoming meeting lists %s at %s, decision %q", day, c.FullName, c.Stage, it.Decision)
					}
					for _, r := range Missing(c, StageCellVote, RuleContext{Today: day, Settings: d.Settings, Classes: d.Classes}, m.Date) {
						if !r.OK {
							t.Errorf("%s: %s is not ready for the vote on %s: %s", day, c.FullName, m.Date, r.Msg.EN)
						}
					}
					continue
				}
				if it.Decision == DecisionNone || it.For+it.Against > m.Present {
					t.Errorf("%s: item for %s: %+v", day, c.FullName, it)
				}
				switch m.Kind {
				case MeetingAdmission:
					want := m.VoteFor(it)
					want.DocNo = c.CellVote.DocNo
					if c.CellVote != want || !want.Passes() {
						t.Errorf("%s: %s cell vote %+v, meeting says %+v", day, c.FullName, c.CellVote, want)
					}
				case MeetingRecognition:
					// The cell proposed on the meeting's day; the committee decided later.
					if c.RecognitionVote.Date != m.Date || c.StageDate(StageRecognition) != m.Date || c.Stage != StageOfficial ||
						c.StageDate(StageOfficial) <= m.Date {
						t.Errorf("%s: %s recognised on %s, meeting %s", day, c.FullName, c.RecognitionVote.Date, m.Date)
					}
				}
			}
			if !m.Closed {
				upcoming++
			}
		}
		if upcoming == 0 || kinds[MeetingReview] == 0 || kinds[MeetingAdmission] == 0 || kinds[MeetingRecognition] == 0 {
			t.Errorf("%s: meetings %v, %d upcoming", day, kinds, upcoming)
		}
	}
}

func TestDemoMemberCountsFollowCandidates(t *testing.T) {
	d := Demo(demoDays[0])
	for _, cell := range d.Cells {
		n := 0
		for _, c := range d.Candidates {
			if c.CellID == cell.ID && c.Stage == StageProbation && c.Outcome == OutcomeActive {
				n++
			}
		}
		if cell.ProbationaryMembers != n || cell.OfficialMembers < 3 {
			t.Errorf("%s: %d official, %d probationary, %d probationary candidates", cell.Name, cell.OfficialMembers, cell.ProbationaryMembers, n)
		}
	}
	if !slices.ContainsFunc(d.Candidates, func(c Candidate) bool { return c.Ethnicity == "6" }) ||
		!slices.ContainsFunc(d.Candidates, func(c Candidate) bool { return c.Religion == "catholic" }) {
		t.Error("no Mường or no Catholic candidate")
	}
}

// TestDemoValidates checks that every demo record passes validation without
// even a warning, and that normalising changes nothing: what the store saves
// is what Demo built.
func TestDemoValidates(t *testing.T) {
	for _, day := range demoDays {
		d, raw := Demo(day), Demo(day)
		report := func(what string, ps Problems) {
			t.Helper()
			for _, p := range ps {
				t.Errorf("%s %s: %s: %s (warning %v)", day, what, p.Field, p.Msg.EN, p.Warning)
			}
		}
		report("settings", d.Settings.Validate())
		d.Settings.Normalize()
		for i := range d.Cells {
			report(d.Cells[i].Name, d.Cells[i].Validate())
			d.Cells[i].Normalize()
		}
		for i := range d.Candidates {
			report(d.Candidates[i].FullName, d.Candidates[i].Validate(day))
			d.Candidates[i].Normalize()
		}
		for i := range d.Classes {
			report(d.Classes[i].Name, d.Classes[i].Validate())
			d.Classes[i].Normalize()
		}
		for i := range d.Meetings {
			report("meeting of "+d.Meetings[i].Date.String(), d.Meetings[i].Validate())
			d.Meetings[i].Normalize()
		}
		if !reflect.DeepEqual(d, raw) {
			t.Errorf("%s: normalising the demo changes it", day)
		}
	}
}

// TestDemoCommitteesDecide checks the demo follows issue 8 §A: each
// admission decision says when the cell received it, and each official
// member has the cell's proposal and then the committee's numbered decision.
func TestDemoCommitteesDecide(t *testing.T) {
	cal := NewCalendar(DefaultHolidays())
	for _, day := range demoDays {
		for _, c := range Demo(day).Candidates {
			if dec, has := c.Steps[StageDecision]; has {
				last := day
				if cer := c.StageDate(StageProbation); cer != 0 {
					last = cer
				}
				if dec.Received < dec.Date || dec.Received > last || dec.Received != last && !cal.IsWorkingDay(dec.Received) {
					t.Errorf("%s %s: decision of %s received %s", day, c.FullName, dec.Date, dec.Received)
				}
			}
			if c.Stage != StageOfficial {
				continue
			}
			rec, off := c.Steps[StageRecognition], c.Steps[StageOfficial]
			if rec.DocNo == "" || rec.DocNo != c.RecognitionVote.DocNo || rec.Date != c.RecognitionVote.Date ||
				!strings.Contains(off.DocNo, "QĐ") || off.Date <= rec.Date {
				t.Errorf("%s %s: proposal %+v, decision %+v", day, c.FullName, rec, off)
			}
			if since := c.OfficialSince(); since == 0 || since > rec.Date || since != c.StageDate(StageProbation).AddMonths(12) {
				t.Errorf("%s %s: official since %s", day, c.FullName, since)
			}
		}
	}
}
