package model

import "fmt"

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

// Rule names of the exceptions and the committees' decisions (issue 8 section A).
const (
	RuleEducation       = "education"
	RuleIntroYouth      = "introducer_youth_union"
	RuleIntroMember     = "introducer_membership"
	RuleConsent         = "over60_consent"
	RuleReceived        = "received"
	RuleDecisionNo      = "decision_no"
	RuleAfterRecVote    = "after_recognition_vote"
	RuleRecDecisionDue  = "recognition_decision_due"
	RuleRemovalProposal = "removal_proposal"
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
