// Package model is nguon's domain: records, enumerations with their
// Vietnamese and English labels, validation, dates and Vietnamese text.
// It depends on the standard library and golang.org/x/text only.
package model

import "time"

// SchemaVersion is the version of the JSON payloads this program writes.
const SchemaVersion = 1

// Settings are the file's one settings record.
type Settings struct {
	Commune      string       `json:"commune"`       // e.g. "Đảng bộ xã Trường Sơn"
	Province     string       `json:"province"`      // e.g. "Thanh Hóa"
	DecidingBody DecidingBody `json:"deciding_body"` // who signs admission decisions
	// DocValidityMonths is how long introductions, resolutions and comment
	// summaries stay valid, counted from each document's own date; 0 means
	// the default of 12 months (docs/domain-rules.md §4.2). New files store
	// 12; older files keep the 6 they stored.
	DocValidityMonths int    `json:"doc_validity_months"`
	Holidays          []Date `json:"holidays"`
	// Devices names the computers (or the people at them) that write to the
	// file, by device ID: the history records the ID, and shows the name.
	Devices map[string]string `json:"devices,omitempty"`
}

// DeviceName is what the history shows for a device: its name when the
// clerk gave one, else the ID as recorded.
func (st Settings) DeviceName(id string) string {
	if n := st.Devices[id]; n != "" {
		return n
	}
	return id
}

// Target is a cell's admission target for one year.
type Target struct {
	Year     int                 `json:"year"`
	Total    int                 `json:"total"`
	BySource map[SourceGroup]int `json:"by_source,omitempty"`
}

// Cell is a party cell (chi bộ).
type Cell struct {
	ID                  ID       `json:"id"`
	Name                string   `json:"name"`
	Kind                CellKind `json:"kind"`
	Secretary           string   `json:"secretary"`
	Village             string   `json:"village"`
	OfficialMembers     int      `json:"official_members"`
	ProbationaryMembers int      `json:"probationary_members"`
	Targets             []Target `json:"targets,omitempty"`
	Archived            bool     `json:"archived"`
	Notes               string   `json:"notes"`
	// Commune is the party committee the cell belongs to, so that files of
	// several communes merged into one district file keep them apart
	// (docs/file-format.md, "Merging copies"). Empty in a commune's own file
	// until it is merged with another commune's.
	Commune string `json:"commune,omitempty"`
}

// TargetFor returns the cell's target for year (zero Target when none).
func (c Cell) TargetFor(year int) Target {
	for _, t := range c.Targets {
		if t.Year == year {
			return t
		}
	}
	return Target{Year: year}
}

// Step is the record of one completed pipeline stage.
type Step struct {
	Date  Date   `json:"date"`
	DocNo string `json:"doc_no,omitempty"` // số nghị quyết, số quyết định…
	Note  string `json:"note,omitempty"`
	// Received is, for the admission decision, the day the cell received it:
	// the ceremony's 30 working days count from it (294-QĐ/TW §4.1).
	Received Date `json:"received,omitempty"`
}

// Document is a numbered and dated paper of some body: a consent, a
// resolution, a decision.
type Document struct {
	No   string `json:"no,omitempty"`
	Date Date   `json:"date,omitempty"`
}

// Introducer is one introduction: a member, or a youth/trade-union resolution.
type Introducer struct {
	Kind IntroducerKind `json:"kind"`
	Name string         `json:"name"` // member's name, or the issuing committee
	// Official is true when the introducing member is an official (not probationary) member.
	Official bool `json:"official"`
	// MonthsTogether is how long the member has worked, studied or lived with the candidate.
	MonthsTogether int    `json:"months_together"`
	DocNo          string `json:"doc_no,omitempty"`
	Date           Date   `json:"date"`
}

// Vote is the count of a cell (or committee) vote. The base for the two-thirds
// rule is Members minus those attached elsewhere minus exempted members who were absent.
type Vote struct {
	Date         Date   `json:"date"`
	Members      int    `json:"members"`       // official members of the cell
	Attached     int    `json:"attached"`      // temporarily attached elsewhere
	ExemptAbsent int    `json:"exempt_absent"` // exempted from party work and absent
	Present      int    `json:"present"`
	For          int    `json:"for"`
	Against      int    `json:"against"`
	DocNo        string `json:"doc_no,omitempty"`
}

// Base is the denominator of the two-thirds rule.
func (v Vote) Base() int { return v.Members - v.Attached - v.ExemptAbsent }

// Passes reports whether votes for reach two-thirds of the base (exactly 2/3 passes).
func (v Vote) Passes() bool { b := v.Base(); return b > 0 && 3*v.For >= 2*b }

// Certificate is an awareness-class certificate held from elsewhere (e.g. the army).
type Certificate struct {
	No     string `json:"no"`
	Date   Date   `json:"date"`
	Issuer string `json:"issuer"`
}

// Event is one change in a candidate's history: who, when, from → to, why.
type Event struct {
	At       time.Time `json:"at"`
	By       string    `json:"by"` // device or clerk
	From     Stage     `json:"from"`
	To       Stage     `json:"to"`
	Outcome  Outcome   `json:"outcome,omitempty"`
	Reason   string    `json:"reason,omitempty"`
	Override string    `json:"override,omitempty"` // the written reason a rule was overridden
	Meeting  ID        `json:"meeting,omitzero"`
}

// Candidate is a person in the pipeline (quần chúng ưu tú).
type Candidate struct {
	ID ID `json:"id"`
	// Identity.
	FullName       string `json:"full_name"`
	BirthName      string `json:"birth_name,omitempty"`
	Sex            Sex    `json:"sex"`
	DOB            Date   `json:"dob"`
	CCCD           string `json:"cccd"`
	OldID          string `json:"old_id,omitempty"` // CMND 9 or 12 digits
	Ethnicity      string `json:"ethnicity"`        // GSO code
	Religion       string `json:"religion"`
	Phone          string `json:"phone,omitempty"`
	HomeTown       string `json:"home_town,omitempty"`
	Address        string `json:"address,omitempty"`
	CurrentAddress string `json:"current_address,omitempty"`
	Village        string `json:"village,omitempty"`
	// Profile.
	Occupation      string `json:"occupation,omitempty"`
	Education       string `json:"education,omitempty"` // "12/12"
	Professional    string `json:"professional,omitempty"`
	PoliticalTheory string `json:"political_theory,omitempty"`
	YouthUnion      bool   `json:"youth_union"`
	YouthUnionDate  Date   `json:"youth_union_date,omitempty"`
	TradeUnion      bool   `json:"trade_union"`
	WomensUnion     bool   `json:"womens_union"`
	DischargeDate   Date   `json:"discharge_date,omitempty"`
	School          string `json:"school,omitempty"`
	Grade           string `json:"grade,omitempty"`
	Enterprise      string `json:"enterprise,omitempty"`
	Achievements    string `json:"achievements,omitempty"`
	// Pipeline.
	Source          SourceGroup    `json:"source"`
	CellID          ID             `json:"cell"`
	Helpers         []string       `json:"helpers,omitempty"`
	Stage           Stage          `json:"stage"`
	Steps           map[Stage]Step `json:"steps,omitempty"`
	Introducers     []Introducer   `json:"introducers,omitempty"`
	CellVote        Vote           `json:"cell_vote,omitzero"`
	RecognitionVote Vote           `json:"recognition_vote,omitzero"`
	DecisionBody    DecidingBody   `json:"decision_body,omitempty"`
	ExtCert         Certificate    `json:"ext_cert,omitzero"`
	Outcome         Outcome        `json:"outcome,omitempty"`
	OutcomeReason   string         `json:"outcome_reason,omitempty"`
	OutcomeDate     Date           `json:"outcome_date,omitempty"`
	History         []Event        `json:"history,omitempty"`
	Notes           string         `json:"notes,omitempty"`

	// What committees decided besides the steps (docs/domain-rules.md §4.2).
	// Over60Consent is the provincial standing committee's prior written
	// consent to admit someone over 60 at the cell meeting (01-HD/TW).
	Over60Consent Document `json:"over60_consent,omitzero"`
	// RemovalProposal is the cell's resolution proposing that a probationary
	// member be removed (xóa tên) instead of recognised; the committee decides.
	RemovalProposal Document `json:"removal_proposal,omitzero"`
	// OutcomeDocNo is the number of the committee's decision behind an
	// outcome that a committee decides (a removal).
	OutcomeDocNo string `json:"outcome_doc_no,omitempty"`
}

// StageDate returns the date the given stage was completed (0 if not).
func (c Candidate) StageDate(s Stage) Date { return c.Steps[s].Date }

// CandidateRow is the compact part of a candidate that lists, filters,
// the dashboard and deadlines need; the store keeps it in a derived bucket
// so opening 100,000 candidates does not decode 100,000 full records.
type CandidateRow struct {
	ID       ID          `json:"i"`
	Name     string      `json:"n"`
	Sex      Sex         `json:"x"`
	DOB      Date        `json:"b"`
	CCCD     string      `json:"c,omitempty"`
	Village  string      `json:"v,omitempty"`
	Source   SourceGroup `json:"s"`
	Cell     ID          `json:"l"`
	Stage    Stage       `json:"g"`
	Since    Date        `json:"d,omitempty"` // date the current stage was reached (for a decision: received)
	Outcome  Outcome     `json:"o,omitempty"`
	ExtCert  Date        `json:"e,omitempty"` // date of a certificate from elsewhere
	CellVote Date        `json:"cv,omitempty"`
	Decision Date        `json:"de,omitempty"`
	Ceremony Date        `json:"ce,omitempty"` // start of probation
	RecVote  Date        `json:"rv,omitempty"`
}

// Row derives the list row of a candidate. At the decision stage Since is
// the day the cell received the decision when that is recorded (it is then
// later than Decision): the ceremony's limit counts from it.
func (c Candidate) Row() CandidateRow {
	since := c.StageDate(c.Stage)
	if rec := c.Steps[StageDecision].Received; c.Stage == StageDecision && rec > since {
		since = rec
	}
	return CandidateRow{
		ID: c.ID, Name: c.FullName, Sex: c.Sex, DOB: c.DOB, CCCD: c.CCCD, Village: c.Village,
		Source: c.Source, Cell: c.CellID, Stage: c.Stage, Since: since, Outcome: c.Outcome,
		ExtCert: c.ExtCert.Date, CellVote: c.CellVote.Date, Decision: c.StageDate(StageDecision),
		Ceremony: c.StageDate(StageProbation), RecVote: c.RecognitionVote.Date,
	}
}

// CertValidityMonths is how long an awareness-class certificate stays valid (06-HD/TW §5.4).
const CertValidityMonths = 60

// Enrolment is one candidate in a class.
type Enrolment struct {
	Candidate ID              `json:"candidate"`
	Result    EnrolmentResult `json:"result"`
	CertNo    string          `json:"cert_no,omitempty"`
	CertDate  Date            `json:"cert_date,omitempty"`
}

// CertExpiry is the last day the certificate is valid.
func (e Enrolment) CertExpiry() Date {
	if e.CertDate == 0 {
		return 0
	}
	return e.CertDate.AddMonths(CertValidityMonths)
}

// Class is an awareness class (lớp bồi dưỡng nhận thức về Đảng).
type Class struct {
	ID          ID          `json:"id"`
	Name        string      `json:"name"`
	TargetGroup SourceGroup `json:"target_group"`
	Organiser   string      `json:"organiser"`
	Start       Date        `json:"start"`
	End         Date        `json:"end"`
	Place       string      `json:"place"`
	Enrolments  []Enrolment `json:"enrolments,omitempty"`
	Notes       string      `json:"notes,omitempty"`
}

// AgendaItem is one candidate on a meeting's agenda.
type AgendaItem struct {
	Candidate ID       `json:"candidate"`
	Decision  Decision `json:"decision,omitempty"`
	For       int      `json:"for"`
	Against   int      `json:"against"`
	Note      string   `json:"note,omitempty"`
	// DocNo is the number of the cell's resolution about this person (Mẫu 6-KNĐ, 13-KNĐ).
	DocNo string `json:"doc_no,omitempty"`
	// Override is the written reason the cell went ahead although a rule that
	// allows it (an old introduction, say) was not met; it lands in the history.
	Override string `json:"override,omitempty"`
}

// Meeting is a cell meeting that reviews candidates.
type Meeting struct {
	ID           ID           `json:"id"`
	Cell         ID           `json:"cell"`
	Date         Date         `json:"date"`
	Kind         MeetingKind  `json:"kind"`
	Members      int          `json:"members"`
	Attached     int          `json:"attached"`
	ExemptAbsent int          `json:"exempt_absent"`
	Present      int          `json:"present"`
	Chair        string       `json:"chair,omitempty"`
	Secretary    string       `json:"secretary,omitempty"`
	Items        []AgendaItem `json:"items,omitempty"`
	Closed       bool         `json:"closed"`
	Notes        string       `json:"notes,omitempty"`
}

// VoteFor returns the vote of one agenda item with the meeting's attendance base.
func (m Meeting) VoteFor(it AgendaItem) Vote {
	return Vote{Date: m.Date, Members: m.Members, Attached: m.Attached, ExemptAbsent: m.ExemptAbsent,
		Present: m.Present, For: it.For, Against: it.Against}
}
