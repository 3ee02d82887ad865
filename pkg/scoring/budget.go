package scoring

import (
	"fmt"
	"math"
	"time"
)

// Policy states, mildest first; PolicyNoData is never a level.
const (
	PolicyOK     = "ok"
	PolicyWarn   = "warn"
	PolicyPage   = "page"
	PolicyFreeze = "freeze"
	PolicyNoData = "nodata"
)

// PolicyStates are the states in order: a state's index is its PolicyLevel.
var PolicyStates = []string{PolicyOK, PolicyWarn, PolicyPage, PolicyFreeze}

// BudgetWindow is one policy window's burn rate and projected exhaustion.
type BudgetWindow struct {
	Window   string  `json:"window"`
	BurnRate float64 `json:"burnRate"` // NaN: no data
	// ExhaustionSeconds is remaining budget x period length / burn rate: 0 once the budget is spent, NaN when the
	// burn rate is 0 (never) or unknown.
	ExhaustionSeconds float64 `json:"exhaustionSeconds"`
}

// BudgetReport is the error budget spent, the projection per window and the policy state.
type BudgetReport struct {
	Spent   float64        `json:"spent"` // percent of the period's budget, above 100 when overspent; NaN: no data
	Windows []BudgetWindow `json:"windows"`
	// State is PolicyNoData when the spent is unknown, or when a window is unknown and the known numbers would
	// pass (ok, warn).
	State string `json:"state"`
}

// PolicyBands are the band each state is drawn in, by level: ok, info, warning, critical.
var PolicyBands = []string{BandOK, BandInfo, BandWarning, BandCritical}

// SpentSteps colour a budget spent (percent) by the policy state it alone gives, in band colours.
func (p BudgetPolicy) SpentSteps() []BandStep {
	return []BandStep{{From: math.Inf(-1), Band: BandOK}, {From: p.WarnSpent, Band: BandInfo},
		{From: p.PageSpent, Band: BandWarning}, {From: p.FreezeSpent, Band: BandCritical}}
}

// PolicyLevel is a state's number for alert measures (0 ok, 1 warn, 2 page, 3 freeze); false for no data.
func PolicyLevel(state string) (float64, bool) {
	for i, s := range PolicyStates {
		if s == state {
			return float64(i), true
		}
	}
	return 0, false
}

// SpentState is the state the spent percent alone puts a service in.
func (p BudgetPolicy) SpentState(spent float64) string {
	switch {
	case spent >= p.FreezeSpent:
		return PolicyFreeze
	case spent >= p.PageSpent:
		return PolicyPage
	case spent >= p.WarnSpent:
		return PolicyWarn
	}
	return PolicyOK
}

// ExhaustionSeconds is remaining x periodMs / 1000 / burnRate: 0 once remaining <= 0, NaN when the rate is 0 or
// either is unknown.
func ExhaustionSeconds(remaining, rate, periodMs float64) float64 {
	switch {
	case !HasData(remaining) || !HasData(rate):
		return math.NaN()
	case remaining <= 0:
		return 0
	case rate > 0:
		return remaining * periodMs / 1000 / rate
	}
	return math.NaN()
}

// periodMs is the SLA period's length in milliseconds (a calendar month: the one that contains at, UTC).
func periodMs(period string, at time.Time) (float64, error) {
	if period == CalendarMonth {
		at = at.UTC()
		start := time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, time.UTC)
		return float64(start.AddDate(0, 1, 0).Sub(start).Milliseconds()), nil
	}
	d, err := ParseWindow(period)
	return float64(d.Milliseconds()), err
}

// Budget computes the budget spent, burn rate and exhaustion per policy window and the policy state from error
// ratios keyed by window (and "period"), as Report takes them. A group's state is its services' rolled up by
// WorstPolicyState.
func (s SLA) Budget(ratios map[string]float64, at time.Time) (BudgetReport, error) {
	period := s.periodRatio(ratios)
	length, err := periodMs(s.Period, at)
	if err != nil {
		return BudgetReport{}, err
	}
	remaining := math.NaN()
	if HasData(period) {
		remaining = BudgetRemaining(period, s.Target)
	}
	p := s.BudgetPolicy
	r := BudgetReport{Spent: math.NaN(), Windows: make([]BudgetWindow, len(p.Windows)), State: PolicyNoData}
	limit, limitErr := parseDurationMs(p.FreezeExhaustion)
	exhausting, unknown := false, false
	for i, w := range p.Windows {
		rate := burnRateOrNaN(ratioFor(ratios, w), s.Target)
		r.Windows[i] = BudgetWindow{Window: w, BurnRate: rate, ExhaustionSeconds: ExhaustionSeconds(remaining, rate, length)}
		unknown = unknown || !HasData(rate)
		exhausting = exhausting || r.Windows[i].ExhaustionSeconds < limit/1000
	}
	if !limitErr {
		return BudgetReport{}, fmt.Errorf("sla.budgetPolicy.freezeExhaustion %q is not %s", p.FreezeExhaustion, DurationRule)
	}
	if !HasData(remaining) {
		return r, nil
	}
	r.Spent = 100 * (1 - remaining)
	r.State = p.SpentState(r.Spent)
	if exhausting {
		r.State = PolicyFreeze
	}
	if unknown && (r.State == PolicyOK || r.State == PolicyWarn) {
		r.State = PolicyNoData
	}
	return r, nil
}

// WorstPolicyState is a group's policy state from its members' (services' or nested groups'): the worst page or
// freeze if any member has one; else no data when a member has no state, or there is no member (missing data
// never passes); else the worst state. Rolling up nested groups first gives the same state as rolling up all their services at once.
func WorstPolicyState(states []string) string {
	worst, worstLevel, noData := PolicyOK, 0.0, len(states) == 0
	for _, s := range states {
		level, ok := PolicyLevel(s)
		if !ok {
			noData = true
			continue
		}
		if level > worstLevel {
			worst, worstLevel = s, level
		}
	}
	if page, _ := PolicyLevel(PolicyPage); noData && worstLevel < page {
		return PolicyNoData
	}
	return worst
}
