package plugin

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// slaState is one service's SLA at the end of the range.
type slaState struct {
	ratio      map[string]float64 // error ratio by window as the profile writes it, the period's under "period"
	report     scoring.SLAReport
	budget     scoring.BudgetReport
	compliance float64
}

// SLAResult is an sla query's answer: each service's SLA at the end of the range (availability, budget,
// burn rates, tiers, latency compliance) and, for dashboards, its burn-down over the range.
type SLAResult struct {
	states  map[seriesKey]*slaState
	windows []string                // the enabled tiers' windows, then the budget policy's
	budget  map[seriesKey][]float64 // the period's error ratio over the range (the burn-down); nil for alerts
	sla     scoring.SLA
	grid    grid
}

// sla reports each service's SLA with scoring's SLA maths.
func sla(ctx context.Context, r *run) (Result, error) {
	s := r.d.settings.Profile.SLA
	if err := r.checkTier(); err != nil {
		return nil, err
	}
	states, period, windows, err := r.computeSLA(ctx)
	if err != nil {
		return nil, err
	}
	var budget map[seriesKey][]float64
	switch {
	case r.alert:
	case s.Period == scoring.CalendarMonth:
		budget = r.periodRatioAtEnd(states)
	default:
		expr := r.expand(s.ErrorRatioQuery, map[string]string{varWindow: period})
		if budget, err = r.rangeByKey(ctx, source{what: "error ratio over " + period, field: fieldErrorRatio}, expr, 0); err != nil {
			return nil, err
		}
	}
	if len(states) == 0 && len(budget) == 0 {
		return r.noData("SLA", fmt.Sprintf("no requests found for service %q", r.q.Service)), nil
	}
	res := &SLAResult{states: states, windows: windows, budget: budget, sla: s, grid: r.grid}
	if r.alert {
		return res.Numbers(r.q.Measure, r.q.Tier), nil
	}
	return res, nil
}

// slaWindows are the period window (as sent to Prometheus), every enabled tier's windows and the budget policy's,
// without repeats.
// The period is "" at the first instant of a calendar month: nothing has elapsed, so it has no data yet (and
// Prometheus refuses a [0s] window).
func (r *run) slaWindows() (period string, windows []string, err error) {
	s := r.d.settings.Profile.SLA
	pw, err := scoring.PeriodWindow(s.Period, r.rng.End)
	if err != nil {
		return "", nil, fmt.Errorf("sla.period: %w", err)
	}
	if pw > 0 {
		period = formatDuration(pw)
	}
	seen := map[string]bool{}
	for _, t := range s.BurnRateTiers {
		for _, w := range []string{t.LongWindow, t.ShortWindow} {
			if t.Enabled && !seen[w] {
				seen[w] = true
				windows = append(windows, w)
			}
		}
	}
	for _, w := range s.BudgetPolicy.Windows {
		if !seen[w] {
			seen[w] = true
			windows = append(windows, w)
		}
	}
	return period, windows, nil
}

// computeSLA measures the error ratio over the period and every tier window, and the latency SLO
// compliance, at the end of the range, and reports them per service with scoring's SLA maths.
func (r *run) computeSLA(ctx context.Context) (states map[seriesKey]*slaState, period string, windows []string, err error) {
	s := r.d.settings.Profile.SLA
	if period, windows, err = r.slaWindows(); err != nil {
		return nil, "", nil, err
	}
	all, keys, queries := windows, windows, len(windows)
	if period != "" { // and the latency compliance over the period
		all, keys, queries = append([]string{period}, windows...), append([]string{"period"}, windows...), len(windows)+2
	}
	ratios := make([]map[seriesKey]float64, len(all))
	var compliance map[seriesKey]float64
	err = r.parallel(queries, func(i int) (err error) {
		if i == len(all) {
			expr := r.expand(s.LatencyComplianceQuery, map[string]string{varWindow: period, "latencyThreshold": formatNumber(s.LatencyThreshold)})
			compliance, err = r.instantByKey(ctx, source{what: "latency SLO compliance", field: fieldLatencyCompliance}, expr)
			return err
		}
		expr := r.expand(s.ErrorRatioQuery, map[string]string{varWindow: all[i]})
		ratios[i], err = r.instantByKey(ctx, source{what: "error ratio over " + all[i], field: fieldErrorRatio}, expr)
		return err
	})
	if err != nil {
		return nil, "", nil, err
	}
	states = map[seriesKey]*slaState{}
	get := func(k seriesKey) *slaState {
		if states[k] == nil {
			states[k] = &slaState{ratio: map[string]float64{}, compliance: math.NaN()}
		}
		return states[k]
	}
	for i, w := range keys {
		for k, v := range ratios[i] {
			get(k).ratio[w] = v
		}
	}
	for k, v := range compliance {
		get(k).compliance = v
	}
	for _, st := range states {
		if st.report, err = s.Report(st.ratio, r.rng.End); err != nil {
			return nil, "", nil, fmt.Errorf("sla: %w", err)
		}
		if st.budget, err = s.Budget(st.ratio, r.rng.End); err != nil {
			return nil, "", nil, fmt.Errorf("sla: %w", err)
		}
	}
	return states, period, windows, nil
}

const monthBurnDown = "calendar-month period: the burn-down has the range end only, " +
	"since each earlier point would need its own window (the time since its month began), which one PromQL range query cannot have"

// periodRatioAtEnd is the burn-down's error ratio of a calendar-month period: the period's ratio at the range
// end, and no data before it.
func (r *run) periodRatioAtEnd(states map[seriesKey]*slaState) map[seriesKey][]float64 {
	out := make(map[seriesKey][]float64, len(states))
	for k, st := range states {
		out[k] = nans(r.grid.n)
		out[k][r.grid.n-1] = ratioAt(st.ratio, "period")
	}
	return out
}

func ratioAt(ratio map[string]float64, window string) float64 {
	if v, ok := ratio[window]; ok {
		return v
	}
	return math.NaN()
}

// checkTier rejects a tier the profile does not have enabled, naming the ones it has.
func (r *run) checkTier() error {
	if r.q.Tier == "" {
		return nil
	}
	var names []string
	for _, t := range r.d.settings.Profile.SLA.BurnRateTiers {
		if t.Enabled {
			if t.Name == r.q.Tier {
				return nil
			}
			names = append(names, t.Name)
		}
	}
	return fmt.Errorf("tier: %q is not an enabled burn-rate tier of the profile (enabled: %s)", r.q.Tier, strings.Join(names, ", "))
}

// Frames are the dashboard's: the burn-down series (budget and availability) and the SLA, burn rates and
// burn-rate tiers tables.
func (res *SLAResult) Frames() data.Frames {
	s := res.sla
	series := newWideFrame("SLA", res.grid)
	if s.Period == scoring.CalendarMonth {
		series.Meta.Notices = append(series.Meta.Notices, data.Notice{Severity: data.NoticeSeverityInfo, Text: monthBurnDown})
	}
	for _, k := range sortedKeys(res.budget) {
		ratios := res.budget[k]
		avail, left := nans(res.grid.n), nans(res.grid.n)
		for t, v := range ratios {
			avail[t], left[t] = scoring.Availability(v), scoring.BudgetRemaining(v, s.Target)
		}
		labels := labelsOf(k.service)
		series.add("Error budget remaining", left, labels, budgetConfig(s, perService("Error budget remaining", k.service, len(res.budget))))
		series.add("Availability", avail, labels, availabilityConfig(s, perService("Availability", k.service, len(res.budget))))
	}
	var (
		svc, windowCol, tierSvc, tierName, severity, longW, shortW []string
		avail, left, compliance, ratio, rate, factor, long, short  []*float64
		firing                                                     []bool
		slaSvc                                                     []string
	)
	for _, k := range sortedKeys(res.states) {
		st := res.states[k]
		rep := st.report
		slaSvc = append(slaSvc, k.service)
		avail = append(avail, nullable(rep.Availability))
		left = append(left, nullable(rep.BudgetRemaining))
		compliance = append(compliance, nullable(st.compliance))
		for _, w := range res.windows {
			svc, windowCol = append(svc, k.service), append(windowCol, w)
			ratio, rate = append(ratio, nullable(ratioAt(st.ratio, w))), append(rate, nullable(rep.BurnRates[w]))
		}
		for _, ts := range rep.Tiers {
			tierSvc, tierName, severity = append(tierSvc, k.service), append(tierName, ts.Name), append(severity, ts.Severity)
			longW, shortW = append(longW, ts.LongWindow), append(shortW, ts.ShortWindow)
			factor, long, short = append(factor, nullable(ts.Factor)), append(long, nullable(ts.LongBurnRate)), append(short, nullable(ts.ShortBurnRate))
			firing = append(firing, ts.Firing)
		}
	}
	rateCfg := &data.FieldConfig{Decimals: ptr(uint16(2))}
	policy, exhaustion := res.policyFrames(rateCfg)
	return data.Frames{series.Frame,
		table("SLA",
			data.NewField("Service", nil, slaSvc),
			data.NewField("Availability", nil, avail).SetConfig(availabilityConfig(s, "")),
			data.NewField("Error budget remaining", nil, left).SetConfig(budgetConfig(s, "")),
			data.NewField("Latency SLO compliance", nil, compliance).SetConfig(complianceConfig(s))),
		table("Burn rates",
			data.NewField("Service", nil, svc), data.NewField("Window", nil, windowCol),
			data.NewField("Error ratio", nil, ratio).SetConfig(&data.FieldConfig{Unit: "percentunit", Decimals: ptr(uint16(4))}),
			data.NewField("Burn rate", nil, rate).SetConfig(rateCfg)),
		table("Burn-rate tiers",
			data.NewField("Service", nil, tierSvc), data.NewField("Tier", nil, tierName), data.NewField("Severity", nil, severity),
			data.NewField("Factor", nil, factor).SetConfig(rateCfg),
			data.NewField("Long window", nil, longW), data.NewField("Long burn rate", nil, long).SetConfig(rateCfg),
			data.NewField("Short window", nil, shortW), data.NewField("Short burn rate", nil, short).SetConfig(rateCfg),
			data.NewField("Firing", nil, firing)),
		policy, exhaustion,
	}
}

// policyFrames are the error-budget policy's tables: the budget spent and policy state per service, and the
// burn rate and projected exhaustion per service and policy window.
func (res *SLAResult) policyFrames(rateCfg *data.FieldConfig) (policy, exhaustion *data.Frame) {
	var (
		svc, state, winSvc, window []string
		spent, rate, seconds       []*float64
	)
	for _, k := range sortedKeys(res.states) {
		b := res.states[k].budget
		svc, spent, state = append(svc, k.service), append(spent, nullable(b.Spent)), append(state, b.State)
		for _, w := range b.Windows {
			winSvc, window = append(winSvc, k.service), append(window, w.Window)
			rate, seconds = append(rate, nullable(w.BurnRate)), append(seconds, nullable(w.ExhaustionSeconds))
		}
	}
	return table("Error-budget policy",
			data.NewField("Service", nil, svc),
			data.NewField("Budget spent", nil, spent).SetConfig(spentConfig(res.sla.BudgetPolicy)),
			data.NewField("Policy state", nil, state)),
		table("Budget exhaustion",
			data.NewField("Service", nil, winSvc), data.NewField("Window", nil, window),
			data.NewField("Burn rate", nil, rate).SetConfig(rateCfg),
			data.NewField("Time to exhaustion", nil, seconds).SetConfig(&data.FieldConfig{Unit: "s"}))
}

// spentConfig colours the budget spent by the policy's thresholds, in band colours.
func spentConfig(p scoring.BudgetPolicy) *data.FieldConfig {
	return &data.FieldConfig{Unit: grafanaUnit("%"), Decimals: ptr(uint16(1)), Thresholds: thresholdsOf(p.SpentSteps())}
}

// policyStateConfig colours the policy state's level (0 ok .. 3 freeze) in band colours.
func policyStateConfig() *data.FieldConfig {
	steps := make([]scoring.BandStep, len(scoring.PolicyBands))
	for i, band := range scoring.PolicyBands {
		steps[i] = scoring.BandStep{From: float64(i), Band: band}
	}
	steps[0].From = math.Inf(-1)
	return &data.FieldConfig{Thresholds: thresholdsOf(steps)}
}

// Numbers are the alert measure at the end of the range, per service: one of the period's numbers, the burn
// rate of each tier window, or whether each tier (or the query's one tier) fires.
func (res *SLAResult) Numbers(measure models.Measure, tier string) Numbers {
	s := res.sla
	var out Numbers
	for _, k := range sortedKeys(res.states) {
		st, labels := res.states[k], labelsOf(k.service)
		switch measure {
		case models.MeasureBudgetRemaining:
			out = append(out, Number{"Error budget remaining", st.report.BudgetRemaining, labels, budgetConfig(s, "")})
		case models.MeasureAvailability:
			out = append(out, Number{"Availability", st.report.Availability, labels, availabilityConfig(s, "")})
		case models.MeasureLatencyCompliance:
			out = append(out, Number{"Latency SLO compliance", st.compliance, labels, complianceConfig(s)})
		case models.MeasureBurnRate:
			for _, w := range res.windows {
				out = append(out, Number{"Burn rate", st.report.BurnRates[w], labelsOf(k.service, "window", w), nil})
			}
		case models.MeasureBudgetSpent:
			out = append(out, Number{"Budget spent", st.budget.Spent, labels, spentConfig(s.BudgetPolicy)})
		case models.MeasureExhaustion:
			for _, w := range st.budget.Windows {
				out = append(out, Number{"Time to exhaustion", w.ExhaustionSeconds, labelsOf(k.service, "window", w.Window), &data.FieldConfig{Unit: "s"}})
			}
		case models.MeasurePolicyState:
			level, ok := scoring.PolicyLevel(st.budget.State)
			if !ok {
				level = math.NaN()
			}
			out = append(out, Number{"Policy state", level, labels, policyStateConfig()})
		case models.MeasureTierFiring:
			for _, ts := range st.report.Tiers {
				if tier == "" || ts.Name == tier {
					out = append(out, Number{"Tier firing", tierFiringMeasure(ts),
						labelsOf(k.service, "tier", ts.Name, "severity", ts.Severity), nil})
				}
			}
		}
	}
	return out
}

// tierFiringMeasure is 1 while the tier fires, 0 while it does not, and NaN (no data) when a missing burn
// rate leaves that open: a known one at or below the factor already rules firing out.
func tierFiringMeasure(ts scoring.TierState) float64 {
	if !ts.Firing && !(ts.LongBurnRate <= ts.Factor || ts.ShortBurnRate <= ts.Factor) {
		return math.NaN()
	}
	return b2f(ts.Firing)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
