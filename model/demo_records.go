package model

import (
	"fmt"
	"time"
)

// What a demo candidate's steps record: times, votes, documents,
// introducers, and the profile.

// at is a moment in office hours (Vietnam, UTC+7) on d.
func (g *demoGen) at(d Date) time.Time {
	return d.Time().Add(time.Duration(g.between(60, 540)) * time.Minute)
}

func (g *demoGen) vote(cell Cell, d Date) Vote {
	v := Vote{Date: d, Members: cell.OfficialMembers, Attached: g.r.IntN(2), ExemptAbsent: g.r.IntN(2)}
	v.Present = v.Members - v.Attached - v.ExemptAbsent - g.r.IntN(3)
	v.Against = g.r.IntN(2)
	v.For = v.Present - v.Against
	// Small cells cannot afford absences: whoever is missing, the demo's votes pass.
	for !v.Passes() {
		v.Present++
		v.For++
	}
	return v
}

func (g *demoGen) step(c *Candidate, r demoRow, s Stage, d Date, cell Cell, helper string) Step {
	st := Step{Date: d}
	unit := "ĐU" // the commune party committee
	if d < provincialClasses {
		unit = "HU" // before 07/2025 the district standing committee decided
	}
	switch s {
	case StageSource:
		st.Note = map[SourceGroup]string{
			SourceYouth: "Đoàn xã giới thiệu.", SourceSoldier: "Ban Chỉ huy Quân sự xã giới thiệu.",
			SourceStudent: "Đoàn trường giới thiệu.", SourceWomen: "Hội Liên hiệp Phụ nữ xã giới thiệu.",
			SourceWorker: "Công đoàn công ty giới thiệu.", SourceOther: "Chi ủy phát hiện qua công tác ở địa phương.",
		}[r.src]
	case StageSympathizer:
		st.DocNo = g.docNo(1, 99, "NQ/CB", cell.Name, d)
	case StageHelper:
		st.DocNo = g.docNo(1, 99, "NQ/CB", cell.Name, d)
		st.Note = "Phân công đồng chí " + helper + " giúp đỡ."
	case StageApplication:
		st.Note = "Đơn xin vào Đảng (Mẫu 1-KNĐ)."
	case StageHistory:
		st.Note = "Lý lịch (Mẫu 2-KNĐ) đã đóng dấu giáp lai."
	case StageVerified:
		st.DocNo = g.docNo(10, 250, "CV/ĐU", unit, d)
		st.Note = "Đã có kết quả thẩm tra lý lịch của người vào Đảng và người thân."
	case StageComments:
		st.DocNo = g.docNo(1, 99, "TH/CB", cell.Name, d)
		st.Note = "Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú (Mẫu 5-KNĐ)."
	case StageCellVote:
		st.DocNo = g.docNo(1, 99, "NQ/CB", cell.Name, d)
	case StageCommittee:
		st.DocNo = g.docNo(20, 300, "NQ/ĐU", unit, d)
	case StageDecision:
		st.DocNo = g.docNo(100, 400, "QĐ/"+unit, unit, d)
	case StageProbation:
		st.Note = "Lễ kết nạp tại Nhà văn hóa thôn " + c.Village + "."
		if cell.Kind != "village" {
			st.Note = "Lễ kết nạp tại " + unitName(cell.Name) + "."
		}
	case StageOfficial:
		st.DocNo = g.docNo(100, 400, "QĐ/"+unit, unit, d)
	}
	return st
}

// unitName drops the "Chi bộ " prefix of a cell name: the ceremony is held at the unit.
func unitName(name string) string {
	const p = "Chi bộ "
	if len(name) > len(p) && name[:len(p)] == p {
		return name[len(p):]
	}
	return name
}

func (g *demoGen) introducers(c Candidate, r demoRow, helper string, pool []string, d Date) []Introducer {
	member := Introducer{Kind: IntroMember, Name: helper, Official: true, MonthsTogether: g.between(18, 120), Date: d}
	switch {
	case c.YouthUnion && MonthsBetween(c.DOB, d) < youthAgeMonths:
		// A Youth Union member of youth age: the Youth Union introduces, at work too.
		org := "Ban Chấp hành Đoàn xã Trường Sơn"
		switch r.src {
		case SourceStudent:
			org = "Ban Chấp hành Đoàn " + demoSchool
		case SourceWorker:
			org = "Ban Chấp hành Đoàn " + demoEnterprise
		}
		return []Introducer{{Kind: IntroYouthRes, Name: org, DocNo: g.docNo(1, 30, "NQ/ĐTN", org, d), Date: d}, member}
	case c.TradeUnion && r.src == SourceWorker:
		return []Introducer{
			{Kind: IntroUnionRes, Name: "Ban Chấp hành Công đoàn " + demoEnterprise, DocNo: g.docNo(1, 30, "NQ/CĐ", "CĐ", d), Date: d},
			member,
		}
	}
	other := helper
	for other == helper {
		other = pick(g, pool)
	}
	return []Introducer{member, {Kind: IntroMember, Name: other, Official: true, MonthsTogether: g.between(14, 200), Date: d}}
}

var demoAchievements = []string{
	"Giấy khen của Đoàn xã về thành tích xuất sắc trong công tác Đoàn năm %d.",
	"Giấy khen của UBND xã: hoàn thành xuất sắc nhiệm vụ năm %d.",
	"Danh hiệu Lao động tiên tiến năm %d.",
	"Giấy khen của Hội Liên hiệp Phụ nữ xã năm %d.",
}

// profile fills occupation, education and memberships from the source group.
func (g *demoGen) profile(c *Candidate, r demoRow) {
	today := g.today
	c.Education = "12/12"
	switch r.src {
	case SourceStudent:
		c.Occupation = "Học sinh"
		c.School = demoSchool
		grade := "12"
		if r.age < ym(17, 3) {
			grade = "11"
		}
		c.Grade = fmt.Sprintf("%sA%d", grade, g.between(1, 9))
		c.Education = grade + "/12"
		if r.age >= ym(18, 0) {
			c.Achievements = fmt.Sprintf("Học sinh giỏi cấp tỉnh năm học %d-%d.", today.Year()-1, today.Year())
		}
	case SourceYouth:
		c.Occupation = pick(g, []string{"Lao động tự do", "Nông dân", "Kinh doanh tự do"})
	case SourceSoldier:
		c.Occupation = pick(g, []string{"Lao động tự do", "Nông dân", "Dân quân thường trực"})
	case SourceWomen:
		c.Occupation = pick(g, []string{"Nông dân", "Buôn bán nhỏ", "Giáo viên mầm non"})
		c.WomensUnion = true
		if r.age > ym(32, 0) && g.r.IntN(2) == 0 {
			c.Education = "9/12"
		}
	case SourceWorker:
		c.Occupation = "Công nhân may"
		c.Enterprise = demoEnterprise
		c.TradeUnion = true
	case SourceOther:
		c.Occupation = pick(g, []string{"Giáo viên", "Y sĩ trạm y tế xã", "Kinh doanh"})
		c.Professional = pick(g, []string{"Trung cấp", "Cao đẳng", "Đại học"})
	}
	switch demoCells[r.cell].kind {
	case "agency":
		c.Occupation = "Công chức xã"
		c.Professional = "Đại học"
		c.TradeUnion = true
	case "military":
		c.Occupation = pick(g, []string{"Dân quân thường trực", "Công an viên"})
	}
	if r.sex == Female && r.age >= ym(25, 0) {
		c.WomensUnion = true
	}
	if r.src == SourceStudent || r.src == SourceYouth || r.src == SourceSoldier || r.age < ym(30, 0) {
		c.YouthUnion = true
		c.YouthUnionDate = c.DOB.AddMonths(ym(15, g.between(0, 20)))
		if c.YouthUnionDate > today.AddDays(-30) {
			c.YouthUnionDate = c.DOB.AddMonths(ym(15, 2))
		}
	}
	if r.src != SourceStudent && c.Achievements == "" && g.r.IntN(5) < 2 {
		c.Achievements = fmt.Sprintf(pick(g, demoAchievements), today.Year()-1)
	}
}
