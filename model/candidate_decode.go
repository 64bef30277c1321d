package model

import "encoding/json"

// DecodeCandidate decodes a candidate's JSON into c, which must be zero,
// exactly as json.Unmarshal would. Checking a 100,000-candidate file
// decodes every one of them, and encoding/json's reflection was most of
// that time; this reads the layout json.Marshal writes (known keys, no
// spaces, strings without escapes) directly, and hands anything else to
// json.Unmarshal: a key it does not know or meets twice, an escape, a
// null, a number with a fraction, invalid UTF-8, a value it would reject.
// So it never accepts what json.Unmarshal refuses, and what it accepts
// decodes to the same value (TestDecodeCandidateAgreesWithJSON).
func DecodeCandidate(data []byte, c *Candidate) error {
	d := jsonReader{b: data}
	d.candidate(c)
	if d.bad || d.i != len(d.b) {
		*c = Candidate{}
		return json.Unmarshal(data, c)
	}
	return nil
}

func (d *jsonReader) candidate(c *Candidate) {
	d.object(func(key []byte) int {
		switch string(key) {
		case "id":
			c.ID = d.id()
		case "full_name":
			c.FullName = d.str()
			return 1
		case "birth_name":
			c.BirthName = d.str()
			return 2
		case "sex":
			c.Sex = Sex(d.str())
			return 3
		case "dob":
			c.DOB = d.date()
			return 4
		case "cccd":
			c.CCCD = d.str()
			return 5
		case "old_id":
			c.OldID = d.str()
			return 6
		case "ethnicity":
			c.Ethnicity = d.str()
			return 7
		case "religion":
			c.Religion = d.str()
			return 8
		case "phone":
			c.Phone = d.str()
			return 9
		case "home_town":
			c.HomeTown = d.str()
			return 10
		case "address":
			c.Address = d.str()
			return 11
		case "current_address":
			c.CurrentAddress = d.str()
			return 12
		case "village":
			c.Village = d.str()
			return 13
		case "occupation":
			c.Occupation = d.str()
			return 14
		case "education":
			c.Education = d.str()
			return 15
		case "professional":
			c.Professional = d.str()
			return 16
		case "political_theory":
			c.PoliticalTheory = d.str()
			return 17
		case "youth_union":
			c.YouthUnion = d.boolean()
			return 18
		case "youth_union_date":
			c.YouthUnionDate = d.date()
			return 19
		case "trade_union":
			c.TradeUnion = d.boolean()
			return 20
		case "womens_union":
			c.WomensUnion = d.boolean()
			return 21
		case "discharge_date":
			c.DischargeDate = d.date()
			return 22
		case "school":
			c.School = d.str()
			return 23
		case "grade":
			c.Grade = d.str()
			return 24
		case "enterprise":
			c.Enterprise = d.str()
			return 25
		case "achievements":
			c.Achievements = d.str()
			return 26
		case "source":
			c.Source = SourceGroup(d.str())
			return 27
		case "cell":
			c.CellID = d.id()
			return 28
		case "helpers":
			c.Helpers = []string{}
			d.array(func() { c.Helpers = append(c.Helpers, d.str()) })
			return 29
		case "stage":
			c.Stage = Stage(d.str())
			return 30
		case "steps":
			c.Steps = map[Stage]Step{}
			d.steps(c.Steps)
			return 31
		case "introducers":
			c.Introducers = []Introducer{}
			d.array(func() { c.Introducers = append(c.Introducers, d.introducer()) })
			return 32
		case "cell_vote":
			c.CellVote = d.vote()
			return 33
		case "recognition_vote":
			c.RecognitionVote = d.vote()
			return 34
		case "decision_body":
			c.DecisionBody = DecidingBody(d.str())
			return 35
		case "ext_cert":
			c.ExtCert = d.certificate()
			return 36
		case "outcome":
			c.Outcome = Outcome(d.str())
			return 37
		case "outcome_reason":
			c.OutcomeReason = d.str()
			return 38
		case "outcome_date":
			c.OutcomeDate = d.date()
			return 39
		case "history":
			c.History = []Event{}
			d.array(func() { c.History = append(c.History, d.event()) })
			return 40
		case "notes":
			c.Notes = d.str()
			return 41
		case "over60_consent":
			c.Over60Consent = d.document()
			return 42
		case "removal_proposal":
			c.RemovalProposal = d.document()
			return 43
		case "outcome_doc_no":
			c.OutcomeDocNo = d.str()
			return 44
		default:
			return -1
		}
		return 0
	})
}

// steps reads the steps into m. A stage met twice is left to
// encoding/json, as a key is.
func (d *jsonReader) steps(m map[Stage]Step) {
	if !d.next('{') {
		return
	}
	if d.peek() == '}' {
		d.i++
		return
	}
	for !d.bad {
		stage := Stage(d.str())
		if !d.next(':') {
			return
		}
		if _, twice := m[stage]; twice {
			d.fail()
			return
		}
		m[stage] = d.step()
		switch d.peek() {
		case ',':
			d.i++
		case '}':
			d.i++
			return
		default:
			d.fail()
		}
	}
}

func (d *jsonReader) step() (s Step) {
	d.object(func(key []byte) int {
		switch string(key) {
		case "date":
			s.Date = d.date()
		case "doc_no":
			s.DocNo = d.str()
			return 1
		case "note":
			s.Note = d.str()
			return 2
		case "received":
			s.Received = d.date()
			return 3
		default:
			return -1
		}
		return 0
	})
	return s
}

func (d *jsonReader) introducer() (in Introducer) {
	d.object(func(key []byte) int {
		switch string(key) {
		case "kind":
			in.Kind = IntroducerKind(d.str())
		case "name":
			in.Name = d.str()
			return 1
		case "official":
			in.Official = d.boolean()
			return 2
		case "months_together":
			in.MonthsTogether = d.integer()
			return 3
		case "doc_no":
			in.DocNo = d.str()
			return 4
		case "date":
			in.Date = d.date()
			return 5
		default:
			return -1
		}
		return 0
	})
	return in
}

func (d *jsonReader) vote() (v Vote) {
	d.object(func(key []byte) int {
		switch string(key) {
		case "date":
			v.Date = d.date()
		case "members":
			v.Members = d.integer()
			return 1
		case "attached":
			v.Attached = d.integer()
			return 2
		case "exempt_absent":
			v.ExemptAbsent = d.integer()
			return 3
		case "present":
			v.Present = d.integer()
			return 4
		case "for":
			v.For = d.integer()
			return 5
		case "against":
			v.Against = d.integer()
			return 6
		case "doc_no":
			v.DocNo = d.str()
			return 7
		default:
			return -1
		}
		return 0
	})
	return v
}

func (d *jsonReader) certificate() (c Certificate) {
	d.object(func(key []byte) int {
		switch string(key) {
		case "no":
			c.No = d.str()
		case "date":
			c.Date = d.date()
			return 1
		case "issuer":
			c.Issuer = d.str()
			return 2
		default:
			return -1
		}
		return 0
	})
	return c
}

func (d *jsonReader) document() (doc Document) {
	d.object(func(key []byte) int {
		switch string(key) {
		case "no":
			doc.No = d.str()
		case "date":
			doc.Date = d.date()
			return 1
		default:
			return -1
		}
		return 0
	})
	return doc
}

func (d *jsonReader) event() (e Event) {
	d.object(func(key []byte) int {
		switch string(key) {
		case "at":
			e.At = d.time()
		case "by":
			e.By = d.str()
			return 1
		case "from":
			e.From = Stage(d.str())
			return 2
		case "to":
			e.To = Stage(d.str())
			return 3
		case "outcome":
			e.Outcome = Outcome(d.str())
			return 4
		case "reason":
			e.Reason = d.str()
			return 5
		case "override":
			e.Override = d.str()
			return 6
		case "meeting":
			e.Meeting = d.id()
			return 7
		default:
			return -1
		}
		return 0
	})
	return e
}
