package model

// ReportFacts is what the breakdown and pool reports need of one
// candidate's full record, already sorted into the categories they count.
// The reports read it instead of the records: at 100,000 candidates the
// records decoded together take some 400 MB, these 5 MB, and each
// record's free text is read into its Biểu 2 categories once instead of
// once per row of the report.
type ReportFacts struct {
	Cell ID
	DOB  Date
	// Decision is the date of the admission decision (0: none).
	Decision Date
	// Recognised is the day of the step official when the candidate is a
	// full member now; Removed the day of the outcome when they were
	// removed (0 otherwise): the pool report counts them in its period.
	Recognised, Removed Date
	// Source is the index of the source group in SourceGroups, -1 when none.
	Source int8
	// Education, Professional and Occupation are GeneralEducation,
	// Professional and Occupation of the record.
	Education, Professional, Occupation int8
	// Ethnicity and Religion are indices in Ethnicities and Religions,
	// -1 when the code is none of theirs.
	Ethnicity, Religion int16
	// InPipeline is InPipeline of the record's row; Listed that it is
	// past the step source as well (on the sympathiser list).
	InPipeline, Listed                      bool
	Female, Minority, Religious, YouthUnion bool
}

// codeIndex maps each option's code to its place in opts.
func codeIndex(opts []Option) map[string]int16 {
	m := make(map[string]int16, len(opts))
	for i, o := range opts {
		if _, dup := m[o.Code]; !dup {
			m[o.Code] = int16(i)
		}
	}
	return m
}

var (
	sourceIndex    = codeIndex(SourceGroups)
	ethnicityIndex = codeIndex(Ethnicities)
	religionIndex  = codeIndex(Religions)
)

// indexOf is the place of code in an index, -1 when it is not there.
func indexOf(m map[string]int16, code string) int16 {
	if i, ok := m[code]; ok {
		return i
	}
	return -1
}

// FactsOf reads a candidate's record into the facts the reports count.
func FactsOf(c *Candidate) ReportFacts {
	r := c.Row()
	f := ReportFacts{
		Cell: c.CellID, DOB: c.DOB, Decision: r.Decision,
		Source:    int8(indexOf(sourceIndex, string(c.Source))),
		Education: int8(GeneralEducation(c.Education)), Professional: int8(Professional(c.Professional)),
		Occupation: int8(Occupation(*c)),
		Ethnicity:  indexOf(ethnicityIndex, c.Ethnicity), Religion: indexOf(religionIndex, c.Religion),
		InPipeline: InPipeline(r),
		Female:     c.Sex == Female, Minority: EthnicMinority(c.Ethnicity), Religious: Religious(c.Religion),
		YouthUnion: c.YouthUnion,
	}
	f.Listed = f.InPipeline && r.Stage != StageSource
	if r.Outcome == OutcomeActive && r.Stage == StageOfficial {
		f.Recognised = c.StageDate(StageOfficial)
	}
	if r.Outcome == OutcomeRemoved {
		f.Removed = c.OutcomeDate
	}
	return f
}

// FactsOfAll is FactsOf of every candidate, for callers that hold the
// records anyway (tests, the demo).
func FactsOfAll(cs []Candidate) []ReportFacts {
	out := make([]ReportFacts, len(cs))
	for i := range cs {
		out[i] = FactsOf(&cs[i])
	}
	return out
}
