package model

import (
	"encoding/json"
	"strconv"
	"time"
	"unicode/utf8"
)

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

// jsonReader reads the strict subset of JSON described above. Its error is
// sticky: after the first thing it does not take, every read returns zero
// values and the caller falls back to encoding/json.
type jsonReader struct {
	b   []byte
	i   int
	bad bool
}

func (d *jsonReader) fail() { d.bad = true }

// next consumes c, the next byte.
func (d *jsonReader) next(c byte) bool {
	if d.bad || d.i >= len(d.b) || d.b[d.i] != c {
		d.fail()
		return false
	}
	d.i++
	return true
}

func (d *jsonReader) peek() byte {
	if d.bad || d.i >= len(d.b) {
		d.fail()
		return 0
	}
	return d.b[d.i]
}

// raw reads a string with no escapes and valid UTF-8, returning its bytes.
func (d *jsonReader) raw() []byte {
	if !d.next('"') {
		return nil
	}
	start := d.i
	var high byte // any byte of a multi-byte character sets the top bit
	for ; d.i < len(d.b); d.i++ {
		c := d.b[d.i]
		if c == '"' {
			s := d.b[start:d.i]
			d.i++
			if high >= 0x80 && !utf8.Valid(s) {
				d.fail()
				return nil
			}
			return s
		}
		if c == '\\' || c < 0x20 {
			d.fail()
			return nil
		}
		high |= c
	}
	d.fail()
	return nil
}

func (d *jsonReader) str() string { return string(d.raw()) }

func (d *jsonReader) boolean() bool {
	switch {
	case d.bad:
	case hasAt(d.b, d.i, "true"):
		d.i += 4
		return true
	case hasAt(d.b, d.i, "false"):
		d.i += 5
		return false
	}
	d.fail()
	return false
}

func hasAt(b []byte, i int, lit string) bool {
	return len(b)-i >= len(lit) && string(b[i:i+len(lit)]) == lit
}

// integer reads a JSON integer that fits an int; a fraction or an exponent
// is left to encoding/json (which refuses them for an int).
func (d *jsonReader) integer() int {
	if d.bad {
		return 0
	}
	start := d.i
	if d.i < len(d.b) && d.b[d.i] == '-' {
		d.i++
	}
	digits := d.i
	for d.i < len(d.b) && d.b[d.i] >= '0' && d.b[d.i] <= '9' {
		d.i++
	}
	n := d.i - digits
	if n == 0 || (n > 1 && d.b[digits] == '0') {
		d.fail()
		return 0
	}
	if d.i < len(d.b) && (d.b[d.i] == '.' || d.b[d.i] == 'e' || d.b[d.i] == 'E') {
		d.fail()
		return 0
	}
	v, err := strconv.ParseInt(string(d.b[start:d.i]), 10, strconv.IntSize)
	if err != nil {
		d.fail()
	}
	return int(v)
}

func (d *jsonReader) date() Date {
	var v Date
	if s := d.raw(); !d.bad && v.UnmarshalText(s) != nil {
		d.fail()
	}
	return v
}

func (d *jsonReader) id() ID {
	var v ID
	if s := d.raw(); !d.bad && v.UnmarshalText(s) != nil {
		d.fail()
	}
	return v
}

func (d *jsonReader) time() time.Time {
	var v time.Time
	if s := d.raw(); !d.bad && v.UnmarshalText(s) != nil {
		d.fail()
	}
	return v
}

// object reads an object, calling field for each key with the reader at
// its value. A key met twice is left to encoding/json (which merges some
// values and replaces others): field numbers each key it knows, and
// returns -1 for a key it does not.
func (d *jsonReader) object(field func(key []byte) int) {
	if !d.next('{') {
		return
	}
	if d.peek() == '}' {
		d.i++
		return
	}
	var seen uint64
	for !d.bad {
		key := d.raw()
		if !d.next(':') {
			return
		}
		n := field(key)
		if n < 0 || n >= 64 || seen&(1<<n) != 0 {
			d.fail()
			return
		}
		seen |= 1 << n
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

// array reads an array, calling elem with the reader at each element.
func (d *jsonReader) array(elem func()) {
	if !d.next('[') {
		return
	}
	if d.peek() == ']' {
		d.i++
		return
	}
	for !d.bad {
		elem()
		switch d.peek() {
		case ',':
			d.i++
		case ']':
			d.i++
			return
		default:
			d.fail()
		}
	}
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
