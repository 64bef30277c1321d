package model

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// decodeBoth decodes b with DecodeCandidate and with json.Unmarshal and
// fails t unless both agree: the same value, or both an error.
func decodeBoth(t testing.TB, b []byte) (fast bool) {
	t.Helper()
	var got, want Candidate
	errGot := DecodeCandidate(b, &got)
	errWant := json.Unmarshal(b, &want)
	if (errGot == nil) != (errWant == nil) {
		t.Fatalf("%q: DecodeCandidate error %v, json.Unmarshal error %v", b, errGot, errWant)
	}
	if errWant == nil && !reflect.DeepEqual(got, want) {
		t.Fatalf("%q:\nDecodeCandidate %+v\njson.Unmarshal  %+v", b, got, want)
	}
	d := jsonReader{b: b}
	var c Candidate
	d.candidate(&c)
	return !d.bad && d.i == len(b)
}

// oddStrings are values that take the slow path or test its edges.
var oddStrings = []string{"", "Nguyễn Thị Hạnh", `a "quoted" word`, "back\\slash", "tab\there", "line\nbreak",
	"<b>&amp;</b>", "\u2028", "\x00", "\xff\xfe", "ℕ𝓰𝓾𝓸𝓷 😀", "Đ", "e\u0301"}

// randomCandidate fills every field, so every decoder is exercised.
func randomCandidate(r *rand.Rand, plain bool) Candidate {
	s := func() string {
		if plain || r.IntN(4) > 0 {
			return []string{"", "Nguyễn Văn An", "Thôn 3", "038095001234", "Đảng ủy xã", "12/12"}[r.IntN(6)]
		}
		return oddStrings[r.IntN(len(oddStrings))]
	}
	date := func() Date {
		if r.IntN(5) == 0 {
			return 0
		}
		return NewDate(1950+r.IntN(80), time.Month(1+r.IntN(12)), 1+r.IntN(28))
	}
	id := func() ID {
		if r.IntN(5) == 0 {
			return ID{}
		}
		return NewID(time.Unix(r.Int64N(2e9), 0))
	}
	num := func() int { return r.IntN(200) - 20 }
	vote := func() Vote {
		return Vote{Date: date(), Members: num(), Attached: num(), ExemptAbsent: num(), Present: num(),
			For: num(), Against: num(), DocNo: s()}
	}
	c := Candidate{ID: id(), FullName: s(), BirthName: s(), Sex: Sex(s()), DOB: date(), CCCD: s(), OldID: s(),
		Ethnicity: s(), Religion: s(), Phone: s(), HomeTown: s(), Address: s(), CurrentAddress: s(), Village: s(),
		Occupation: s(), Education: s(), Professional: s(), PoliticalTheory: s(), YouthUnion: r.IntN(2) == 0,
		YouthUnionDate: date(), TradeUnion: r.IntN(2) == 0, WomensUnion: r.IntN(2) == 0, DischargeDate: date(),
		School: s(), Grade: s(), Enterprise: s(), Achievements: s(), Source: SourceGroup(s()), CellID: id(),
		Stage: Stage(s()), CellVote: vote(), RecognitionVote: vote(), DecisionBody: DecidingBody(s()),
		ExtCert: Certificate{No: s(), Date: date(), Issuer: s()}, Outcome: Outcome(s()), OutcomeReason: s(),
		OutcomeDate: date(), Notes: s(), Over60Consent: Document{No: s(), Date: date()},
		RemovalProposal: Document{No: s(), Date: date()}, OutcomeDocNo: s()}
	for range r.IntN(3) {
		c.Helpers = append(c.Helpers, s())
	}
	if r.IntN(4) > 0 {
		c.Steps = map[Stage]Step{}
		for _, st := range Stages[:r.IntN(len(Stages))] {
			c.Steps[Stage(st.Code)] = Step{Date: date(), DocNo: s(), Note: s(), Received: date()}
		}
	}
	for range r.IntN(3) {
		c.Introducers = append(c.Introducers, Introducer{Kind: IntroducerKind(s()), Name: s(),
			Official: r.IntN(2) == 0, MonthsTogether: num(), DocNo: s(), Date: date()})
	}
	for range r.IntN(3) {
		at := time.Unix(r.Int64N(2e9), r.Int64N(1e9)).In(time.FixedZone("ICT", 7*3600))
		c.History = append(c.History, Event{At: at, By: s(), From: Stage(s()), To: Stage(s()),
			Outcome: Outcome(s()), Reason: s(), Override: s(), Meeting: id()})
	}
	return c
}

func TestDecodeCandidateAgreesWithJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 3000 {
		plain := i%2 == 0
		b, err := json.Marshal(randomCandidate(r, plain))
		if err != nil {
			t.Fatal(err)
		}
		if fast := decodeBoth(t, b); plain && !fast {
			t.Fatalf("json.Marshal's own layout took the slow path: %s", b)
		}
	}
	for _, c := range Demo(NewDate(2026, 3, 1)).Candidates {
		b, _ := json.Marshal(c)
		decodeBoth(t, b)
	}
}

// TestDecodeCandidateRefusesWhatJSONRefuses mutates valid candidates in the
// ways a damaged or hand-edited payload differs, and requires DecodeCandidate
// to decode each exactly as json.Unmarshal does.
func TestDecodeCandidateRefusesWhatJSONRefuses(t *testing.T) {
	cases := []string{
		``, `{`, `[]`, `null`, `{}`, ` {}`, `{} `, `{}x`, `{"id":""}`, `{"full_name":"a","full_name":"b"}`,
		`{"FULL_NAME":"a"}`, `{"full_name":"a","FULL_NAME":"b"}`, `{"unknown":1}`, `{"full_name":null}`,
		`{"full_name":1}`, `{"youth_union":"true"}`, `{"youth_union":tru}`, `{"dob":"2001-02-30"}`,
		`{"dob":"01/02/2001"}`, `{"dob":20010101}`, `{"cell":"not-a-uuid"}`, `{"helpers":null}`,
		`{"helpers":[]}`, `{"helpers":["a",]}`, `{"helpers":["a" ,"b"]}`, `{"steps":{}}`,
		`{"steps":{"class":{},"class":{"doc_no":"x"}}}`, `{"steps":{"class":{"date":"2020-01-01","date":""}}}`,
		`{"cell_vote":{"members":01}}`, `{"cell_vote":{"members":1.0}}`, `{"cell_vote":{"members":1e2}}`,
		`{"cell_vote":{"members":-0}}`, `{"cell_vote":{"members":99999999999999999999}}`,
		`{"cell_vote":{"members":-}}`, `{"history":[{"at":"2020-01-01T00:00:00Z"}]}`,
		`{"history":[{"at":"2020-01-01"}]}`, `{"history":[{"at":"2020-01-01T00:00:00+07:00","meeting":""}]}`,
		`{"notes":"a\u0041"}`, "{\"notes\":\"a\x01\"}", "{\"notes\":\"\xff\"}", `{"notes":"a`,
		`{"ext_cert":{"no":"1","issuer":"x","extra":1}}`, `{"over60_consent":{"no":"1"}}`,
	}
	for _, c := range cases {
		decodeBoth(t, []byte(c))
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		b, _ := json.Marshal(randomCandidate(r, r.IntN(2) == 0))
		decodeBoth(t, mutate(r, b))
	}
}

// mutate damages b in one of the ways a byte flip, a cut or a hand edit
// would.
func mutate(r *rand.Rand, b []byte) []byte {
	b = bytes.Clone(b)
	i := r.IntN(len(b))
	switch r.IntN(6) {
	case 0:
		b[i] ^= 1 << r.IntN(8)
	case 1:
		b = b[:i]
	case 2:
		b = append(b[:i:i], b[i+1:]...)
	case 3:
		ins := []string{" ", ",", "\"", "null", "0", "-", "\\", "{}", "[]", ".5", `"x":1,`}[r.IntN(11)]
		b = append(b[:i:i], append([]byte(ins), b[i:]...)...)
	case 4:
		// A key repeated: the second copy of a field changes nothing or something.
		if j := bytes.Index(b, []byte(`,"`)); j > 0 {
			end := bytes.IndexByte(b[j+1:], ',')
			if end > 0 {
				field := b[j : j+1+end]
				b = append(bytes.Clone(b[:len(b)-1]), append(field, '}')...)
			}
		}
	case 5:
		b = []byte(strings.ToUpper(string(b)))
	}
	return b
}

func FuzzDecodeCandidate(f *testing.F) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 8 {
		b, _ := json.Marshal(randomCandidate(r, r.IntN(2) == 0))
		f.Add(b)
	}
	f.Add([]byte(`{"steps":{"class":{"date":"2020-01-01"}},"cell_vote":{"members":-0}}`))
	f.Fuzz(func(t *testing.T, b []byte) { decodeBoth(t, b) })
}

// BenchmarkDecodeCandidate compares the direct reader with encoding/json on
// the demo's candidates, the layout every stored payload has.
func BenchmarkDecodeCandidate(b *testing.B) {
	var payloads [][]byte
	for _, c := range Demo(NewDate(2026, 3, 1)).Candidates {
		p, _ := json.Marshal(c)
		payloads = append(payloads, p)
	}
	b.Run("direct", func(b *testing.B) {
		for b.Loop() {
			for _, p := range payloads {
				var c Candidate
				if err := DecodeCandidate(p, &c); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		for b.Loop() {
			for _, p := range payloads {
				var c Candidate
				if err := json.Unmarshal(p, &c); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
