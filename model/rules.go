// The rules checked when a candidate advances, each explained in a sentence.

package model

import (
	"fmt"
	"strings"
)

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
// Over 60 breaks no rule: the provincial committee decides instead, with its
// standing committee's prior written consent (checked with the decision).
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
		return warn(RuleAge, "Trên 60 tuổi tại ngày họp chi bộ (%s): Tỉnh ủy (cấp ủy trực thuộc Trung ương) quyết định việc kết nạp, sau khi Ban Thường vụ Tỉnh ủy đồng ý bằng văn bản.",
			"Over 60 on the cell-meeting date (%s): the provincial party committee decides, after its standing committee's prior written consent.", a)
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
		return warn(RuleAge, "Trên 60 tuổi: Tỉnh ủy quyết định việc kết nạp, cần Ban Thường vụ Tỉnh ủy đồng ý trước bằng văn bản.",
			"Over 60: the provincial party committee decides, with its standing committee's prior written consent."), true
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

// ruleIntroducers checks who introduces c on date at (Charter Art. 4):
// every introducing member, that a resolution comes from a body c belongs to,
// and the combination — a Youth Union member of youth age is introduced by
// the Youth Union's resolution unless there is no grassroots Youth Union.
func ruleIntroducers(c Candidate, intros []Introducer, at Date) []RuleResult {
	var rs []RuleResult
	members, youth, union := 0, 0, 0
	for _, in := range intros {
		switch in.Kind {
		case IntroMember:
			members++
			rs = append(rs, ruleIntroMember(in)...)
		case IntroYouthRes:
			youth++
		case IntroUnionRes:
			union++
		}
	}
	if youth > 0 && !c.YouthUnion {
		rs = append(rs, fail(RuleIntroMember, "Có nghị quyết giới thiệu của Đoàn nhưng người này không phải đoàn viên; hãy sửa hồ sơ hoặc cách giới thiệu.",
			"A Youth Union resolution introduces someone who is not a Youth Union member; correct the record or the introduction."))
	}
	if union > 0 && !c.TradeUnion {
		rs = append(rs, fail(RuleIntroMember, "Có nghị quyết giới thiệu của Công đoàn nhưng người này không phải đoàn viên công đoàn; hãy sửa hồ sơ hoặc cách giới thiệu.",
			"A trade-union resolution introduces someone who is not a trade-union member; correct the record or the introduction."))
	}
	youthAge, age := false, 0
	if c.DOB != 0 {
		age = MonthsBetween(c.DOB, at)
		youthAge = age < youthAgeMonths
	}
	switch {
	case members == 1 && youth > 0 && c.DOB == 0:
		rs = append(rs, fail(RuleIntroducers, "Chưa có ngày sinh nên không biết người này còn trong độ tuổi Đoàn hay không.",
			"There is no date of birth, so youth-union age cannot be checked."))
	case members == 1 && youth > 0 && !youthAge:
		a := ageText(age)
		rs = append(rs, fail(RuleIntroducers,
			"Nghị quyết Đoàn chỉ giới thiệu người từ 30 tuổi trở xuống, người này đã %s ngày %s; cần hai đảng viên giới thiệu.",
			"A youth-union resolution introduces only people up to 30, and this person is %s on %s; two members must introduce.", a, at))
	case members == 1 && youth > 0:
		rs = append(rs, ok(RuleIntroducers, "Có nghị quyết Đoàn cơ sở và một đảng viên giới thiệu.",
			"Introduced by a youth-union resolution and one member."))
	case c.YouthUnion && youthAge && (members >= 2 || members == 1 && union > 0):
		rs = append(rs, failO(RuleIntroYouth,
			"Người vào Đảng là đoàn viên trong độ tuổi thanh niên (%s): nơi có Đoàn cơ sở phải có nghị quyết giới thiệu của Ban Chấp hành Đoàn cơ sở (Mẫu 4-KNĐ) và một đảng viên chính thức. Ngoại lệ (ví dụ nơi không có tổ chức Đoàn cơ sở): ghi lý do, căn cứ.",
			"A Youth Union member of youth age (%s): where there is a grassroots Youth Union, its committee's resolution (form 4-KNĐ) and one official member introduce. An exception (no grassroots Youth Union, say) needs the reason and its grounds.", ageText(age)))
	case members >= 2:
		rs = append(rs, ok(RuleIntroducers, "Có %d đảng viên giới thiệu.", "Introduced by %d members.", members))
	case members == 1 && union > 0:
		rs = append(rs, ok(RuleIntroducers, "Có nghị quyết Công đoàn cơ sở và một đảng viên giới thiệu.",
			"Introduced by a trade-union resolution and one member."))
	default:
		rs = append(rs, fail(RuleIntroducers,
			"Cần hai đảng viên chính thức giới thiệu, hoặc nghị quyết Đoàn (hay Công đoàn) cơ sở cùng một đảng viên chính thức.",
			"Two official members must introduce, or a youth-union (or trade-union) resolution with one official member."))
	}
	return rs
}

// ruleIntroMember checks one introducing member: official, and together
// with the candidate for 12 months unless a replacement.
func ruleIntroMember(in Introducer) []RuleResult {
	var rs []RuleResult
	name := strings.TrimSpace(in.Name)
	if !in.Official {
		rs = append(rs, fail(RuleIntroOfficial, "Người giới thiệu %s chưa là đảng viên chính thức.",
			"Introducer %s is not an official member.", name))
	}
	if in.MonthsTogether < introducerMonths {
		rs = append(rs, failO(RuleIntroMonths,
			"Người giới thiệu %s mới cùng công tác, học tập hoặc cư trú với người vào Đảng %d tháng (cần 12); chỉ là ngoại lệ khi là người được chi bộ phân công thay thế (24-QĐ/TW, 3.2.2).",
			"Introducer %s has worked, studied or lived with the candidate for %d months (12 needed); an exception only for a replacement assigned by the cell (24-QĐ/TW, 3.2.2).", name, in.MonthsTogether))
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

func ruleDecidingBody(c Candidate, in StepInput, ctx RuleContext) RuleResult {
	b := decidingBody(c, in, ctx)
	switch {
	case b == "":
		return fail(RuleDecidingBody, "Chưa chọn cấp có thẩm quyền quyết định kết nạp (xem phần cài đặt).",
			"No deciding body is chosen (see the settings).")
	case Over60AtCellVote(c) && b != DecidingProvincial:
		bt := Text{Label(DecidingBodies, string(b), VI), Label(DecidingBodies, string(b), EN)}
		return fail(RuleDecidingBody, "Người trên 60 tuổi tại ngày họp chi bộ do Tỉnh ủy (cấp ủy trực thuộc Trung ương) quyết định kết nạp, không phải %s.",
			"Someone over 60 at the cell meeting is admitted by the provincial party committee, not by the %s.", bt)
	}
	return ok(RuleDecidingBody, "Cấp quyết định: %s.", "Deciding body: %s.", Text{Label(DecidingBodies, string(b), VI), Label(DecidingBodies, string(b), EN)})
}

// decidingBody is the body entered for the step; otherwise the provincial
// committee for someone over 60 at the cell meeting, else the settings'.
func decidingBody(c Candidate, in StepInput, ctx RuleContext) DecidingBody {
	switch {
	case in.DecidingBody != "":
		return in.DecidingBody
	case Over60AtCellVote(c):
		return DecidingProvincial
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
