package model

import (
	"fmt"
	"strings"
	"time"
)

// The stage machine moves a candidate forward one stage at a time, checking
// the rules of DOMAIN.md §1 at each step. A failed rule either blocks the step
// outright (age under 18, an expired certificate, a vote short of two-thirds:
// the Charter leaves no room) or can be overridden with a written reason that
// is kept in the candidate's history (a replacement introducer, consent for
// someone over 60, dates entered out of order).

// age limits counted in whole months at the cell-meeting date (DOMAIN.md §1.1).
const (
	minAgeMonths   = 18 * 12
	maxAgeMonths   = 60 * 12
	youthAgeMonths = 31 * 12 // youth-union resolutions introduce people up to 30 years old
)

// legal time limits in working days (DOMAIN.md §1.3).
const (
	decisionWorkingDays    = 60 // admission decision after the cell resolution
	decisionExtensionDays  = 30 // at most this much longer in special cases
	ceremonyWorkingDays    = 30 // ceremony after the decision
	recognitionWorkingDays = 30 // cell review after probation ends
	probationMonths        = 12
	introducerMonths       = 12 // introducer and candidate together at least this long
)

// defaultDocValidityMonths is the stricter of the recalled validity periods
// for introductions and comment summaries, used when the setting is unset.
const defaultDocValidityMonths = 6

// NextStage returns the stage after s; "" after StageOfficial. An empty or
// unknown stage is treated as "not yet in the pipeline", so its next stage is StageSource.
func NextStage(s Stage) Stage {
	i := s.Index() + 1
	if i >= len(Stages) {
		return ""
	}
	return Stage(Stages[i].Code)
}

// PrevStage returns the stage before s; "" for StageSource and unknown stages.
func PrevStage(s Stage) Stage {
	i := s.Index()
	if i <= 0 {
		return ""
	}
	return Stage(Stages[i-1].Code)
}

// stageText returns the labels of a stage in both languages.
func stageText(s Stage) Text {
	for _, o := range Stages {
		if o.Code == string(s) {
			return o.Label
		}
	}
	return Text{string(s), string(s)}
}

// StepInput is what a person enters to move a candidate to the next stage;
// Needs tells which of its fields a stage asks for.
type StepInput struct {
	Date         Date
	DocNo        string
	Note         string
	Helpers      []string
	Introducers  []Introducer
	Vote         Vote
	DecidingBody DecidingBody
	// Override is the written reason for going ahead although overridable rules failed.
	Override string
	By       string
	At       time.Time
	Meeting  ID
}

// Input names returned by Needs.
const (
	NeedDate         = "date"
	NeedDocNo        = "doc_no"
	NeedHelpers      = "helpers"
	NeedIntroducers  = "introducers"
	NeedVote         = "vote"
	NeedDecidingBody = "deciding_body"
)

// Needs lists the StepInput fields that reaching stage to asks for, so a form
// shows only those. Every stage needs a date; a note is always optional.
func Needs(to Stage) []string {
	switch to {
	case StageSympathizer, StageVerified, StageComments, StageCommittee:
		return []string{NeedDate, NeedDocNo}
	case StageHelper:
		return []string{NeedDate, NeedDocNo, NeedHelpers}
	case StageIntroduced:
		return []string{NeedDate, NeedIntroducers}
	case StageCellVote:
		return []string{NeedVote, NeedDocNo}
	case StageDecision:
		return []string{NeedDate, NeedDocNo, NeedDecidingBody}
	case StageOfficial:
		return []string{NeedDate, NeedVote, NeedDocNo}
	}
	return []string{NeedDate}
}

func needs(to Stage, what string) bool {
	for _, n := range Needs(to) {
		if n == what {
			return true
		}
	}
	return false
}

// RuleResult is one checked rule. Msg explains the result in both languages,
// whether met or not. Overridable failures may be passed with a written reason.
// Warn marks a met rule that still deserves attention (informational items,
// late but legal steps).
type RuleResult struct {
	Rule        string
	OK          bool
	Msg         Text
	Overridable bool
	Warn        bool
}

// Rule names.
const (
	RuleActive         = "active"
	RuleOrder          = "order"
	RuleDate           = "date"
	RuleDateFuture     = "date_future"
	RuleDateOrder      = "date_order"
	RuleAge            = "age"
	RuleCert           = "cert"
	RuleHelpers        = "helpers"
	RuleIntroducers    = "introducers"
	RuleIntroOfficial  = "introducer_official"
	RuleIntroMonths    = "introducer_months"
	RuleIntroValidity  = "introducer_validity"
	RuleVote           = "vote"
	RuleDecidingBody   = "deciding_body"
	RuleAfterVote      = "after_cell_vote"
	RuleDecisionDue    = "decision_due"
	RuleHasDecision    = "has_decision"
	RuleCeremonyDue    = "ceremony_due"
	RuleProbation      = "probation"
	RuleRecognitionDue = "recognition_due"
	RuleReligion       = "religion"
	RuleDocNo          = "doc_no"
	RuleApplication    = "application"
	RuleVerified       = "verified"
	RuleComments       = "comments"
	RuleCommentsValid  = "comments_validity"
	RuleInProbation    = "in_probation"
)

// RuleContext is what the rules need besides the candidate and the input.
type RuleContext struct {
	Today    Date // 0 skips the "not in the future" check
	Settings Settings
	// Classes are searched for the candidate's best passed certificate.
	Classes []Class
	Cal     Calendar
}

// tr formats a message in both languages from the same arguments; a Text
// argument contributes its Vietnamese label to vi and its English one to en.
func tr(vi, en string, args ...any) Text {
	a, b := make([]any, len(args)), make([]any, len(args))
	for i, x := range args {
		a[i], b[i] = x, x
		if t, isText := x.(Text); isText {
			a[i], b[i] = t.VI, t.EN
		}
	}
	return Text{fmt.Sprintf(vi, a...), fmt.Sprintf(en, b...)}
}

func ok(rule string, vi, en string, args ...any) RuleResult {
	return RuleResult{Rule: rule, OK: true, Msg: tr(vi, en, args...)}
}

func warn(rule string, vi, en string, args ...any) RuleResult {
	r := ok(rule, vi, en, args...)
	r.Warn = true
	return r
}

func fail(rule string, vi, en string, args ...any) RuleResult {
	return RuleResult{Rule: rule, Msg: tr(vi, en, args...)}
}

func failO(rule string, vi, en string, args ...any) RuleResult {
	r := fail(rule, vi, en, args...)
	r.Overridable = true
	return r
}

// stepDate is the date stored for the step; for the two votes the meeting's
// date stands in when no separate date is given.
func stepDate(to Stage, in StepInput) Date {
	if to == StageCellVote && in.Vote.Date != 0 {
		return in.Vote.Date
	}
	if in.Date == 0 && (to == StageCellVote || to == StageOfficial) {
		return in.Vote.Date
	}
	return in.Date
}

// voteDate is the date of the meeting that voted.
func voteDate(in StepInput) Date {
	if in.Vote.Date != 0 {
		return in.Vote.Date
	}
	return in.Date
}

// CheckAdvance checks every rule for moving c to stage to with input in.
// Met rules are returned too (OK true), so a screen can show the whole list.
func CheckAdvance(c Candidate, to Stage, in StepInput, ctx RuleContext) []RuleResult {
	var rs []RuleResult
	order := ruleOrder(c, to)
	rs = append(rs, order)
	if !order.OK {
		return rs
	}
	date := stepDate(to, in)
	rs = append(rs, ruleDates(c, to, date, ctx.Today)...)
	if date == 0 {
		return rs
	}
	rs = append(rs, stageRules(c, to, in, ctx, date)...)
	if to.Index() < StageCellVote.Index() {
		if r, has := ruleAgeWarning(c, date); has {
			rs = append(rs, r)
		}
	}
	if needs(to, NeedDocNo) && strings.TrimSpace(in.DocNo) == "" && strings.TrimSpace(in.Vote.DocNo) == "" {
		rs = append(rs, warn(RuleDocNo, "Chưa ghi số văn bản.", "No document number is recorded."))
	}
	return rs
}

// stageRules are the rules particular to reaching stage to on date.
func stageRules(c Candidate, to Stage, in StepInput, ctx RuleContext, date Date) []RuleResult {
	var rs []RuleResult
	switch to {
	case StageHelper:
		if len(nonEmpty(in.Helpers)) == 0 {
			rs = append(rs, fail(RuleHelpers, "Chưa phân công đảng viên giúp đỡ.", "No helping member is assigned."))
		} else {
			rs = append(rs, ok(RuleHelpers, "Đảng viên giúp đỡ: %s.", "Helping members: %s.", strings.Join(nonEmpty(in.Helpers), ", ")))
		}
	case StageClass:
		rs = append(rs, ruleCert(c, date, ctx.Classes))
	case StageIntroduced:
		rs = append(rs, ruleIntroducers(c, in.Introducers, date)...)
	case StageCellVote:
		rs = append(rs, ruleAge(c, date), ruleCert(c, date, ctx.Classes), ruleVote(in.Vote))
		rs = append(rs, ruleDocValidity(c, date, ctx)...)
		if r, has := ruleReligion(c); has {
			rs = append(rs, r)
		}
	case StageDecision:
		rs = append(rs, ruleDecidingBody(in, ctx), ruleAfter(c, StageCellVote, date, RuleAfterVote))
		if cv := c.StageDate(StageCellVote); cv != 0 && date >= cv {
			rs = append(rs, ruleWithin(RuleDecisionDue, ctx.Cal, cv, date, decisionWorkingDays, decisionExtensionDays,
				Text{"quyết định kết nạp", "admission decision"}, Text{"nghị quyết chi bộ", "the cell resolution"}))
		}
	case StageProbation:
		dec := c.StageDate(StageDecision)
		if dec == 0 {
			rs = append(rs, fail(RuleHasDecision, "Chưa có quyết định kết nạp nên chưa thể làm lễ kết nạp.",
				"There is no admission decision yet, so there can be no ceremony."))
		} else {
			rs = append(rs, ruleAfter(c, StageDecision, date, RuleHasDecision))
			if date >= dec {
				rs = append(rs, ruleWithin(RuleCeremonyDue, ctx.Cal, dec, date, ceremonyWorkingDays, 0,
					Text{"lễ kết nạp", "admission ceremony"}, Text{"quyết định kết nạp", "the admission decision"}))
			}
		}
	case StageOfficial:
		rs = append(rs, ruleProbation(c, voteDate(in)), ruleVote(in.Vote))
		if end := c.StageDate(StageProbation).AddMonths(probationMonths); c.StageDate(StageProbation) != 0 && voteDate(in) >= end {
			rs = append(rs, ruleWithin(RuleRecognitionDue, ctx.Cal, end, voteDate(in), recognitionWorkingDays, 0,
				Text{"xét công nhận đảng viên chính thức", "recognition review"}, Text{"ngày hết dự bị", "the end of probation"}))
		}
	}
	return rs
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func outcomeText(o Outcome) Text {
	for _, x := range Outcomes {
		if x.Code == string(o) {
			return x.Label
		}
	}
	return Text{string(o), string(o)}
}

func ruleActive(c Candidate) RuleResult {
	if c.Outcome != OutcomeActive {
		t := outcomeText(c.Outcome)
		return fail(RuleActive, "Người này đã ra khỏi danh sách (%s); phải khôi phục trước.",
			"This person has left the list (%s) and must be reinstated first.", t)
	}
	return ok(RuleActive, "Đang trong danh sách theo dõi.", "Active in the pipeline.")
}

func ruleOrder(c Candidate, to Stage) RuleResult {
	if r := ruleActive(c); !r.OK {
		r.Rule = RuleOrder
		return r
	}
	next := NextStage(c.Stage)
	cur := stageText(c.Stage)
	switch {
	case to.Index() < 0:
		return fail(RuleOrder, "Bước “%s” không có trong quy trình.", "“%s” is not a pipeline stage.", to)
	case next == "":
		return fail(RuleOrder, "Đã là đảng viên chính thức; không còn bước nào tiếp theo.",
			"Already an official member; there is no further stage.")
	case to == c.Stage:
		return fail(RuleOrder, "Người này đã ở bước “%s”.", "This person is already at “%s”.", cur)
	case to.Index() < c.Stage.Index():
		return fail(RuleOrder, "Không thể tiến về bước trước; hãy dùng lùi bước và ghi lý do.",
			"Advancing cannot move backwards; go back a stage with a written reason instead.")
	case to != next:
		n := stageText(next)
		return fail(RuleOrder, "Bước tiếp theo là “%s”; phải làm lần lượt từng bước.",
			"The next stage is “%s”; stages are taken one at a time.", n)
	}
	t := stageText(to)
	return ok(RuleOrder, "Chuyển sang bước “%s”.", "Moves to “%s”.", t)
}

// latestBefore returns the latest date among the completed stages before to.
func latestBefore(c Candidate, to Stage) (Stage, Date) {
	var s Stage
	var d Date
	ti := to.Index()
	for st, step := range c.Steps {
		if i := st.Index(); i >= 0 && i < ti && (step.Date > d || step.Date == d && i > s.Index()) {
			s, d = st, step.Date
		}
	}
	return s, d
}

func ruleDates(c Candidate, to Stage, date Date, today Date) []RuleResult {
	if date == 0 {
		return []RuleResult{fail(RuleDate, "Chưa nhập ngày của bước này.", "The date of this step is missing.")}
	}
	rs := []RuleResult{ok(RuleDate, "Ngày %s.", "Dated %s.", date)}
	if today != 0 && date > today {
		rs = append(rs, fail(RuleDateFuture, "Ngày %s còn ở tương lai.", "%s is in the future.", date))
	}
	if s, d := latestBefore(c, to); d != 0 && date < d {
		t := stageText(s)
		rs = append(rs, failO(RuleDateOrder, "Ngày %s sớm hơn ngày của bước “%s” (%s).",
			"%s is earlier than the date of “%s” (%s).", date, t, d))
	}
	return rs
}

func ruleAfter(c Candidate, prev Stage, date Date, rule string) RuleResult {
	d := c.StageDate(prev)
	t := stageText(prev)
	switch {
	case d == 0:
		return warn(rule, "Chưa có ngày của bước “%s” để đối chiếu.", "“%s” has no date to compare with.", t)
	case date < d:
		return fail(rule, "Ngày %s không thể trước ngày “%s” (%s).", "%s cannot be before “%s” (%s).", date, t, d)
	}
	return ok(rule, "Sau ngày “%s” (%s).", "After “%s” (%s).", t, d)
}

// ruleWithin reports a step taken within (or after) a working-day limit. Lateness
// does not block recording what happened; it is shown so the delay gets explained.
func ruleWithin(rule string, cal Calendar, from, date Date, limit, ext int, what, since Text) RuleResult {
	n := cal.WorkingDaysBetween(from, date)
	switch {
	case n <= limit:
		return ok(rule, "%s sau %d ngày làm việc kể từ %s (hạn %d).", "%s after %d working days from %s (limit %d).", capT(what), n, since, limit)
	case ext > 0 && n <= limit+ext:
		return warn(rule, "%s sau %d ngày làm việc kể từ %s: vượt thời hạn %d ngày làm việc, còn trong thời gian gia hạn tối đa %d ngày.",
			"%s after %d working days from %s: past the %d-working-day limit, within the %d-day extension.", capT(what), n, since, limit, ext)
	}
	return warn(rule, "%s sau %d ngày làm việc kể từ %s: vượt thời hạn %d ngày làm việc; cần báo cáo, giải trình với cấp trên.",
		"%s after %d working days from %s: past the %d-working-day limit; report it to the higher committee.", capT(what), n, since, limit+ext)
}

func capT(t Text) Text { return Text{capFirst(t.VI), capFirst(t.EN)} }

func capFirst(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func ageText(months int) Text {
	y, m := months/12, months%12
	if m == 0 {
		return Text{fmt.Sprintf("%d tuổi", y), fmt.Sprintf("%d years", y)}
	}
	return Text{fmt.Sprintf("%d tuổi %d tháng", y, m), fmt.Sprintf("%d years %d months", y, m)}
}

// ruleAge checks 18–60 counted in whole months at the cell-meeting date.
func ruleAge(c Candidate, at Date) RuleResult {
	if c.DOB == 0 {
		return fail(RuleAge, "Chưa có ngày sinh nên không tính được tuổi.", "There is no date of birth, so the age cannot be checked.")
	}
	m := MonthsBetween(c.DOB, at)
	a := ageText(m)
	switch {
	case m < minAgeMonths:
		e := c.DOB.AddMonths(minAgeMonths)
		return fail(RuleAge, "Chưa đủ 18 tuổi tại ngày họp chi bộ; đủ điều kiện từ %s.",
			"Under 18 on the cell-meeting date; eligible from %s.", e)
	case m > maxAgeMonths:
		return failO(RuleAge, "Quá 60 tuổi tại ngày họp chi bộ (%s); cần văn bản đồng ý trước của Ban Thường vụ Tỉnh ủy.",
			"Over 60 on the cell-meeting date (%s); the provincial standing committee's prior written consent is needed.", a)
	}
	return ok(RuleAge, "Đủ tuổi tại ngày họp chi bộ %s (%s).", "Of age on the cell-meeting date %s (%s).", at, a)
}

// ruleAgeWarning notes, on earlier stages, someone who will not yet be 18 —
// nothing blocks nurturing a 17-year-old, but the clerk should know when the vote can happen.
func ruleAgeWarning(c Candidate, at Date) (RuleResult, bool) {
	if c.DOB == 0 {
		return RuleResult{}, false
	}
	m := MonthsBetween(c.DOB, at)
	switch {
	case m < minAgeMonths:
		e := c.DOB.AddMonths(minAgeMonths)
		return warn(RuleAge, "Chưa đủ 18 tuổi; chi bộ chỉ được xét kết nạp từ %s.",
			"Under 18; the cell can vote on admission from %s.", e), true
	case m > maxAgeMonths:
		return warn(RuleAge, "Đã quá 60 tuổi; việc kết nạp cần Ban Thường vụ Tỉnh ủy đồng ý trước bằng văn bản.",
			"Over 60; admission needs the provincial standing committee's prior written consent."), true
	}
	return RuleResult{}, false
}

// BestCert returns the date of the candidate's latest certificate issued on
// or before at (any date when at is 0): a passed enrolment in classes or the
// certificate brought from elsewhere.
func BestCert(c Candidate, classes []Class, at Date) Date {
	best := Date(0)
	if d := c.ExtCert.Date; d != 0 && (at == 0 || d <= at) {
		best = d
	}
	for i := range classes {
		for _, e := range classes[i].Enrolments {
			if e.Candidate == c.ID && e.Result == ResultPassed && e.CertDate > best && (at == 0 || e.CertDate <= at) {
				best = e.CertDate
			}
		}
	}
	return best
}

// CertValidOn reports whether a certificate issued on cert is valid on day at.
// The 60th-month anniversary itself is still valid (Enrolment.CertExpiry is the
// last valid day); the next day it has expired.
func CertValidOn(cert, at Date) bool {
	return cert != 0 && cert <= at && at <= cert.AddMonths(CertValidityMonths)
}

func ruleCert(c Candidate, at Date, classes []Class) RuleResult {
	cert := BestCert(c, classes, at)
	if cert == 0 {
		return fail(RuleCert, "Chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng.",
			"There is no awareness-class certificate.")
	}
	exp := cert.AddMonths(CertValidityMonths)
	if !CertValidOn(cert, at) {
		return fail(RuleCert, "Giấy chứng nhận lớp nhận thức về Đảng cấp ngày %s đã hết hạn ngày %s; phải học lại trước khi chi bộ xét.",
			"The awareness-class certificate of %s expired on %s; the class must be retaken before the cell votes.", cert, exp)
	}
	return ok(RuleCert, "Giấy chứng nhận cấp ngày %s còn hạn đến %s.", "Certificate of %s valid until %s.", cert, exp)
}

func ruleIntroducers(c Candidate, intros []Introducer, at Date) []RuleResult {
	var rs []RuleResult
	members, youth, union := 0, 0, 0
	for _, in := range intros {
		switch in.Kind {
		case IntroMember:
			members++
			name := strings.TrimSpace(in.Name)
			if !in.Official {
				rs = append(rs, fail(RuleIntroOfficial, "Người giới thiệu %s chưa là đảng viên chính thức.",
					"Introducer %s is not an official member.", name))
			}
			if in.MonthsTogether < introducerMonths {
				rs = append(rs, failO(RuleIntroMonths,
					"Người giới thiệu %s mới cùng công tác, học tập hoặc cư trú với người vào Đảng %d tháng (cần 12); chỉ bỏ qua khi là người được phân công thay thế (24-QĐ/TW, 3.2.2).",
					"Introducer %s has worked, studied or lived with the candidate for %d months (12 needed); waive only for an assigned replacement (24-QĐ/TW, 3.2.2).", name, in.MonthsTogether))
			}
		case IntroYouthRes:
			youth++
		case IntroUnionRes:
			union++
		}
	}
	switch {
	case members >= 2:
		rs = append(rs, ok(RuleIntroducers, "Có %d đảng viên giới thiệu.", "Introduced by %d members.", members))
	case members == 1 && union > 0:
		rs = append(rs, ok(RuleIntroducers, "Có nghị quyết Công đoàn cơ sở và một đảng viên giới thiệu.",
			"Introduced by a trade-union resolution and one member."))
	case members == 1 && youth > 0:
		if c.DOB == 0 {
			rs = append(rs, fail(RuleIntroducers, "Chưa có ngày sinh nên không biết người này còn trong độ tuổi Đoàn hay không.",
				"There is no date of birth, so youth-union age cannot be checked."))
			break
		}
		if m := MonthsBetween(c.DOB, at); m >= youthAgeMonths {
			a := ageText(m)
			rs = append(rs, fail(RuleIntroducers,
				"Nghị quyết Đoàn chỉ giới thiệu người từ 30 tuổi trở xuống, người này đã %s ngày %s; cần hai đảng viên giới thiệu.",
				"A youth-union resolution introduces only people up to 30, and this person is %s on %s; two members must introduce.", a, at))
			break
		}
		rs = append(rs, ok(RuleIntroducers, "Có nghị quyết Đoàn cơ sở và một đảng viên giới thiệu.",
			"Introduced by a youth-union resolution and one member."))
	default:
		rs = append(rs, fail(RuleIntroducers,
			"Cần hai đảng viên chính thức giới thiệu, hoặc nghị quyết Đoàn (hay Công đoàn) cơ sở cùng một đảng viên chính thức.",
			"Two official members must introduce, or a youth-union (or trade-union) resolution with one official member."))
	}
	return rs
}

// NeededVotes is the smallest number of votes for that reaches two-thirds of base.
func NeededVotes(base int) int {
	if base <= 0 {
		return 0
	}
	return (2*base + 2) / 3
}

func ruleVote(v Vote) RuleResult {
	b := v.Base()
	switch {
	case v.Members < 0 || v.Attached < 0 || v.ExemptAbsent < 0 || v.Present < 0 || v.For < 0 || v.Against < 0:
		return fail(RuleVote, "Số liệu biểu quyết không được âm.", "Vote figures cannot be negative.")
	case b <= 0:
		return fail(RuleVote, "Số đảng viên làm căn cứ biểu quyết phải lớn hơn 0 (tổng số trừ người sinh hoạt tạm thời nơi khác và người miễn sinh hoạt vắng mặt).",
			"The voting base must be above 0 (members minus those attached elsewhere and exempt members who were absent).")
	case v.For+v.Against > v.Present:
		return fail(RuleVote, "Số phiếu tán thành và không tán thành (%d) nhiều hơn số người có mặt (%d).",
			"Votes for and against (%d) exceed the members present (%d).", v.For+v.Against, v.Present)
	case !v.Passes():
		return fail(RuleVote, "Chỉ có %d/%d phiếu tán thành, cần ít nhất %d (hai phần ba).",
			"Only %d/%d votes for, at least %d needed (two-thirds).", v.For, b, NeededVotes(b))
	}
	return ok(RuleVote, "Đạt %d/%d phiếu tán thành, cần ít nhất %d.", "%d/%d votes for, at least %d needed.", v.For, b, NeededVotes(b))
}

func ruleReligion(c Candidate) (RuleResult, bool) {
	if c.Religion == "" || c.Religion == "none" {
		return RuleResult{}, false
	}
	rel := Text{Label(Religions, c.Religion, VI), Label(Religions, c.Religion, EN)}
	return warn(RuleReligion, "Người theo tôn giáo (%s): áp dụng Quy định 06-QĐ/TW và ghi người phê duyệt.",
		"Religious follower (%s): apply Regulation 06-QĐ/TW and record who approved.", rel), true
}

func ruleDecidingBody(in StepInput, ctx RuleContext) RuleResult {
	b := decidingBody(in, ctx)
	if b == "" {
		return fail(RuleDecidingBody, "Chưa chọn cấp có thẩm quyền quyết định kết nạp (xem phần cài đặt).",
			"No deciding body is chosen (see the settings).")
	}
	return ok(RuleDecidingBody, "Cấp quyết định: %s.", "Deciding body: %s.", Text{Label(DecidingBodies, string(b), VI), Label(DecidingBodies, string(b), EN)})
}

func decidingBody(in StepInput, ctx RuleContext) DecidingBody {
	if in.DecidingBody != "" {
		return in.DecidingBody
	}
	return ctx.Settings.DecidingBody
}

func ruleProbation(c Candidate, at Date) RuleResult {
	cer := c.StageDate(StageProbation)
	if cer == 0 {
		return fail(RuleProbation, "Chưa có ngày lễ kết nạp nên chưa tính được thời gian dự bị.",
			"There is no ceremony date, so probation cannot be counted.")
	}
	end := cer.AddMonths(probationMonths)
	if at < end {
		return fail(RuleProbation, "Chưa đủ 12 tháng dự bị: thời gian dự bị kết thúc ngày %s.",
			"Probation has not run 12 months: it ends on %s.", end)
	}
	return ok(RuleProbation, "Đã hết 12 tháng dự bị ngày %s.", "Probation ended on %s.", end)
}

// Advance moves c to stage to. Every failed rule that cannot be overridden
// stops it with that rule's sentence; overridable failures need in.Override.
// c is not modified: the result is a copy with the step, its data and a history event.
func Advance(c Candidate, to Stage, in StepInput, ctx RuleContext) (Candidate, []RuleResult, error) {
	rs := CheckAdvance(c, to, in, ctx)
	var overridden []string
	for _, r := range rs {
		if r.OK {
			continue
		}
		if !r.Overridable {
			return c, rs, &FieldError{Field: r.Rule, Msg: r.Msg}
		}
		overridden = append(overridden, r.Rule)
	}
	reason := strings.TrimSpace(in.Override)
	if len(overridden) > 0 && reason == "" {
		for _, r := range rs {
			if !r.OK {
				return c, rs, &FieldError{Field: r.Rule, Msg: Text{
					"Cần ghi lý do bằng văn bản để bỏ qua: " + r.Msg.VI,
					"A written reason is needed to override: " + r.Msg.EN}}
			}
		}
	}
	out := copyCandidate(c)
	date := stepDate(to, in)
	step := Step{Date: date, DocNo: strings.TrimSpace(in.DocNo), Note: strings.TrimSpace(in.Note)}
	switch to {
	case StageHelper:
		out.Helpers = nonEmpty(in.Helpers)
	case StageIntroduced:
		out.Introducers = append([]Introducer(nil), in.Introducers...)
	case StageCellVote, StageOfficial:
		v := in.Vote
		v.Date = voteDate(in)
		if v.DocNo == "" {
			v.DocNo = step.DocNo
		}
		if step.DocNo == "" {
			step.DocNo = v.DocNo
		}
		if to == StageCellVote {
			out.CellVote = v
		} else {
			out.RecognitionVote = v
		}
	case StageDecision:
		out.DecisionBody = decidingBody(in, ctx)
	}
	out.Steps[to] = step
	ev := Event{At: in.At, By: in.By, From: c.Stage, To: to, Meeting: in.Meeting}
	if len(overridden) > 0 {
		ev.Override = reason + " [" + strings.Join(overridden, ", ") + "]"
	}
	out.History = append(out.History, ev)
	out.Stage = to
	return out, rs, nil
}

// copyCandidate copies the maps and slices the pipeline changes, so the
// caller's record (often shared with a list) never sees a half-made step.
func copyCandidate(c Candidate) Candidate {
	out := c
	out.Steps = make(map[Stage]Step, len(c.Steps)+1)
	for k, v := range c.Steps {
		out.Steps[k] = v
	}
	out.History = append(make([]Event, 0, len(c.History)+1), c.History...)
	out.Helpers = append([]string(nil), c.Helpers...)
	out.Introducers = append([]Introducer(nil), c.Introducers...)
	return out
}

func needReason(reason string, what Text) error {
	if strings.TrimSpace(reason) == "" {
		return &FieldError{Field: "reason", Msg: Text{"Cần ghi lý do " + what.VI + ".", "A reason is needed " + what.EN + "."}}
	}
	return nil
}

// GoBack moves c one stage back, undoing the current stage's record; a reason is required.
func GoBack(c Candidate, reason string, in StepInput) (Candidate, error) {
	if err := needReason(reason, Text{"để lùi bước", "to go back a stage"}); err != nil {
		return c, err
	}
	if r := ruleActive(c); !r.OK {
		return c, &FieldError{Field: RuleActive, Msg: r.Msg}
	}
	prev := PrevStage(c.Stage)
	if prev == "" {
		return c, &FieldError{Field: RuleOrder, Msg: Text{"Đây là bước đầu tiên, không lùi được nữa.", "This is the first stage; there is nothing to go back to."}}
	}
	out := copyCandidate(c)
	delete(out.Steps, c.Stage)
	switch c.Stage {
	case StageCellVote:
		out.CellVote = Vote{}
	case StageOfficial:
		out.RecognitionVote = Vote{}
	case StageDecision:
		out.DecisionBody = ""
	}
	out.Stage = prev
	out.History = append(out.History, Event{At: in.At, By: in.By, From: c.Stage, To: prev,
		Reason: strings.TrimSpace(reason), Meeting: in.Meeting})
	return out, nil
}

// Exit takes c out of the pipeline with outcome o; a reason is required and
// removal (xóa tên) applies only to probationary members.
func Exit(c Candidate, o Outcome, reason string, date Date, in StepInput) (Candidate, error) {
	if err := needReason(reason, Text{"khi đưa ra khỏi danh sách", "to take someone off the list"}); err != nil {
		return c, err
	}
	if r := ruleActive(c); !r.OK {
		return c, &FieldError{Field: RuleActive, Msg: r.Msg}
	}
	if Label(Outcomes, string(o), VI) == string(o) {
		return c, &FieldError{Field: "outcome", Msg: Text{"Chưa chọn hình thức ra khỏi danh sách.", "No way of leaving the list is chosen."}}
	}
	if c.Stage == StageOfficial {
		return c, &FieldError{Field: "outcome", Msg: Text{"Người này đã là đảng viên chính thức, không còn trong danh sách phát triển.",
			"This person is already an official member and no longer in the pipeline."}}
	}
	if o == OutcomeRemoved && c.Stage != StageProbation {
		return c, &FieldError{Field: "outcome", Msg: Text{"Chỉ xóa tên đảng viên dự bị; người này chưa là đảng viên dự bị.",
			"Removal applies only to probationary members, and this person is not one."}}
	}
	if date == 0 {
		return c, &FieldError{Field: "date", Msg: Text{"Chưa nhập ngày ra khỏi danh sách.", "The date of leaving is missing."}}
	}
	out := copyCandidate(c)
	out.Outcome, out.OutcomeReason, out.OutcomeDate = o, strings.TrimSpace(reason), date
	out.History = append(out.History, Event{At: in.At, By: in.By, From: c.Stage, To: c.Stage, Outcome: o,
		Reason: strings.TrimSpace(reason), Meeting: in.Meeting})
	return out, nil
}

// Reinstate undoes an exit, putting c back at the stage they left from; a reason is required.
func Reinstate(c Candidate, reason string, in StepInput) (Candidate, error) {
	if err := needReason(reason, Text{"để khôi phục vào danh sách", "to reinstate"}); err != nil {
		return c, err
	}
	if c.Outcome == OutcomeActive {
		return c, &FieldError{Field: "outcome", Msg: Text{"Người này đang trong danh sách, không cần khôi phục.",
			"This person is active; there is nothing to reinstate."}}
	}
	out := copyCandidate(c)
	out.Outcome, out.OutcomeReason, out.OutcomeDate = OutcomeActive, "", 0
	out.History = append(out.History, Event{At: in.At, By: in.By, From: c.Stage, To: c.Stage,
		Reason: strings.TrimSpace(reason), Meeting: in.Meeting})
	return out, nil
}

// reached reports whether c has completed stage s.
func reached(c Candidate, s Stage) bool {
	return c.Stage.Index() >= s.Index() || c.StageDate(s) != 0
}

func docValidity(ctx RuleContext) int {
	if ctx.Settings.DocValidityMonths > 0 {
		return ctx.Settings.DocValidityMonths
	}
	return defaultDocValidityMonths
}

// ruleDocValidity flags introductions and the comment summary older than the
// configured validity at the cell meeting. The periods are recalled, not
// confirmed (DOMAIN.md §1.3), so a written reason may override them.
func ruleDocValidity(c Candidate, at Date, ctx RuleContext) []RuleResult {
	var rs []RuleResult
	months := docValidity(ctx)
	for _, in := range c.Introducers {
		if in.Date != 0 && at > in.Date.AddMonths(months) {
			rs = append(rs, failO(RuleIntroValidity, "Giấy giới thiệu của %s (%s) đã quá %d tháng.",
				"The introduction by %s (%s) is older than %d months.", in.Name, in.Date, months))
		}
	}
	if d := c.StageDate(StageComments); d != 0 && at > d.AddMonths(months) {
		rs = append(rs, failO(RuleCommentsValid, "Bản tổng hợp ý kiến nhận xét (%s) đã quá %d tháng; cần lấy lại.",
			"The comment summary (%s) is older than %d months and must be gathered again.", d, months))
	}
	return rs
}

func ruleReached(c Candidate, s Stage, rule string) RuleResult {
	t := stageText(s)
	if !reached(c, s) {
		return fail(rule, "Chưa xong bước “%s”.", "“%s” is not done.", t)
	}
	if d := c.StageDate(s); d != 0 {
		return ok(rule, "Đã xong bước “%s” (%s).", "“%s” done (%s).", t, d)
	}
	return ok(rule, "Đã xong bước “%s”.", "“%s” done.", t)
}

// Missing is the checklist shown for a candidate in a review meeting held on
// meetingDate: met items OK, missing items not. to is StageCellVote for an
// admission vote, StageOfficial for a recognition vote, or any other stage to
// see what advancing there still needs.
func Missing(c Candidate, to Stage, ctx RuleContext, meetingDate Date) []RuleResult {
	rs := []RuleResult{ruleActive(c)}
	switch to {
	case StageCellVote:
		rs = append(rs, ruleAge(c, meetingDate), ruleCert(c, meetingDate, ctx.Classes),
			ruleReached(c, StageApplication, RuleApplication), ruleReached(c, StageVerified, RuleVerified))
		rs = append(rs, ruleIntroducers(c, c.Introducers, meetingDate)...)
		rs = append(rs, ruleReached(c, StageComments, RuleComments))
		rs = append(rs, ruleDocValidity(c, meetingDate, ctx)...)
		if r, has := ruleReligion(c); has {
			rs = append(rs, r)
		}
	case StageOfficial:
		if c.Stage == StageProbation {
			rs = append(rs, ok(RuleInProbation, "Đang là đảng viên dự bị.", "A probationary member."))
		} else {
			rs = append(rs, fail(RuleInProbation, "Chưa là đảng viên dự bị.", "Not a probationary member."))
		}
		rs = append(rs, ruleProbation(c, meetingDate))
		if cer := c.StageDate(StageProbation); cer != 0 && meetingDate >= cer.AddMonths(probationMonths) {
			rs = append(rs, ruleWithin(RuleRecognitionDue, ctx.Cal, cer.AddMonths(probationMonths), meetingDate,
				recognitionWorkingDays, 0, Text{"xét công nhận đảng viên chính thức", "recognition review"},
				Text{"ngày hết dự bị", "the end of probation"}))
		}
	default:
		in := StepInput{Date: meetingDate, Helpers: c.Helpers, Introducers: c.Introducers, DecidingBody: c.DecisionBody}
		for _, r := range CheckAdvance(c, to, in, ctx) {
			if r.Rule != RuleDocNo { // the number comes from the meeting itself
				rs = append(rs, r)
			}
		}
	}
	return rs
}

// ReadyFor reports whether nguon should propose candidate r for a meeting of
// kind held on meetingDate.
func ReadyFor(kind MeetingKind, r CandidateRow, meetingDate Date) bool {
	if r.Outcome != OutcomeActive {
		return false
	}
	switch kind {
	case MeetingAdmission:
		// Only files whose comments are gathered can be voted on; earlier
		// stages would be refused when the meeting's decisions are applied.
		return r.Stage == StageComments
	case MeetingRecognition:
		// Due within the next 30 days, or already due, so the review is not missed.
		return r.Stage == StageProbation && r.Ceremony != 0 &&
			r.Ceremony.AddMonths(probationMonths) <= meetingDate.AddDays(30)
	case MeetingReview:
		return r.Stage.Index() < StageCellVote.Index()
	}
	return false
}

// ApplyDecision records what meeting m decided about c in agenda item it.
// Approving in an admission meeting is the cell's resolution (StageCellVote);
// in a recognition meeting it makes c an official member; in a monthly review
// it puts a newly identified person on the sympathizer list. Deferrals and
// rejections are written to the history; rejecting recognition removes the
// probationary member.
func ApplyDecision(c Candidate, m Meeting, it AgendaItem, ctx RuleContext, by string, at time.Time) (Candidate, error) {
	if it.Candidate != c.ID {
		return c, &FieldError{Field: "candidate", Msg: Text{"Mục này của cuộc họp không phải của người này.",
			"This agenda item is about someone else."}}
	}
	in := StepInput{Date: m.Date, DocNo: it.DocNo, Note: it.Note, Override: it.Override, By: by, At: at, Meeting: m.ID}
	note := func(d Text) (Candidate, error) {
		out := copyCandidate(c)
		reason := fmt.Sprintf("%s %s: %s", meetingLabel(m.Kind).VI, m.Date, d.VI)
		if n := strings.TrimSpace(it.Note); n != "" {
			reason += " — " + n
		}
		out.History = append(out.History, Event{At: at, By: by, From: c.Stage, To: c.Stage, Reason: reason, Meeting: m.ID})
		return out, nil
	}
	switch it.Decision {
	case DecisionApprove:
		switch m.Kind {
		case MeetingAdmission:
			in.Vote = m.VoteFor(it)
			out, _, err := Advance(c, StageCellVote, in, ctx)
			return out, err
		case MeetingRecognition:
			in.Vote = m.VoteFor(it)
			out, _, err := Advance(c, StageOfficial, in, ctx)
			return out, err
		case MeetingReview:
			if c.Stage == StageSource {
				out, _, err := Advance(c, StageSympathizer, in, ctx)
				return out, err
			}
			return note(Text{"tán thành", "approved"})
		}
	case DecisionDefer:
		if m.Kind.known() {
			return note(Text{"hoãn xét", "deferred"})
		}
	case DecisionReject:
		if m.Kind == MeetingRecognition {
			reason := "chi bộ không đề nghị công nhận"
			if n := strings.TrimSpace(it.Note); n != "" {
				reason += ": " + n
			}
			return Exit(c, OutcomeRemoved, reason, m.Date, in)
		}
		if m.Kind.known() {
			return note(Text{"không tán thành", "rejected"})
		}
	default:
		return c, &FieldError{Field: "decision", Msg: Text{"Chưa ghi quyết định của chi bộ cho người này.",
			"The cell's decision for this person is not recorded."}}
	}
	return c, &FieldError{Field: "kind", Msg: Text{"Không rõ loại cuộc họp.", "Unknown meeting kind."}}
}

func (k MeetingKind) known() bool {
	return k == MeetingAdmission || k == MeetingRecognition || k == MeetingReview
}

// meetingLabel returns the labels of a meeting kind.
func meetingLabel(k MeetingKind) Text {
	for _, o := range MeetingKinds {
		if o.Code == string(k) {
			return o.Label
		}
	}
	return Text{string(k), string(k)}
}
