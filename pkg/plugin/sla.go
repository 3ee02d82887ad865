package plugin

import (
	"context"
	"fmt"
	"math"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// slaState is one service's SLA at the end of the range.
type slaState struct {
	ratio      map[string]float64 // error ratio by window; the period's under periodKey
	compliance float64
	tiers      []tierState
}

type tierState struct {
	tier        scoring.BurnRateTier
	factor      float64
	long, short float64 // burn rates
	firing      bool
}

// slaWindows are the period window (as sent to Prometheus) and every enabled tier's windows, without repeats.
func (r *run) slaWindows() (period string, windows []string, err error) {
	s := r.d.settings.profile.SLA
	pw, err := scoring.PeriodWindow(s.Period, r.rng.End)
	if err != nil {
		return "", nil, fmt.Errorf("sla.period: %w", err)
	}
	period = formatDuration(pw)
	seen := map[string]bool{period: true}
	windows = []string{period}
	for _, t := range s.BurnRateTiers {
		for _, w := range []string{t.LongWindow, t.ShortWindow} {
			if t.Enabled && !seen[w] {
				seen[w] = true
				windows = append(windows, w)
			}
		}
	}
	return period, windows, nil
}

func (r *run) computeSLA(ctx context.Context) (map[seriesKey]*slaState, string, error) {
	s := r.d.settings.profile.SLA
	period, windows, err := r.slaWindows()
	if err != nil {
		return nil, "", err
	}
	periodHours, _ := scoring.PeriodHours(s.Period, r.rng.End)
	ratios := make([]map[seriesKey]float64, len(windows))
	var compliance map[seriesKey]float64
	err = parallel(len(windows)+1, func(i int) (err error) {
		if i == len(windows) {
			expr := r.expand(s.LatencyComplianceQuery, map[string]string{"window": period, "latencyThreshold": formatNumber(s.LatencyThreshold)})
			compliance, err = r.instantByKey(ctx, "latency SLO compliance", expr, false)
			return err
		}
		expr := r.expand(s.ErrorRatioQuery, map[string]string{"window": windows[i]})
		ratios[i], err = r.instantByKey(ctx, "error ratio over "+windows[i], expr, false)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	out := map[seriesKey]*slaState{}
	get := func(k seriesKey) *slaState {
		if out[k] == nil {
			out[k] = &slaState{ratio: map[string]float64{}, compliance: math.NaN()}
		}
		return out[k]
	}
	for i, w := range windows {
		for k, v := range ratios[i] {
			get(k).ratio[w] = v
		}
	}
	for k, v := range compliance {
		get(k).compliance = v
	}
	for _, st := range out {
		for _, t := range s.BurnRateTiers {
			if !t.Enabled {
				continue
			}
			factor, _ := scoring.TierFactor(t, periodHours) // windows validated with the settings
			ts := tierState{tier: t, factor: factor, long: burn(st.ratio, t.LongWindow, s.Target), short: burn(st.ratio, t.ShortWindow, s.Target)}
			ts.firing = scoring.Firing(ts.long, ts.short, factor)
			st.tiers = append(st.tiers, ts)
		}
	}
	return out, period, nil
}

func burn(ratio map[string]float64, window string, target float64) float64 {
	v, ok := ratio[window]
	if !ok {
		return math.NaN()
	}
	return scoring.BurnRate(v, target)
}

func ratioAt(ratio map[string]float64, window string) float64 {
	if v, ok := ratio[window]; ok {
		return v
	}
	return math.NaN()
}

func sla(ctx context.Context, r *run) backend.DataResponse {
	s := r.d.settings.profile.SLA
	states, period, err := r.computeSLA(ctx)
	if err != nil {
		return fail(err)
	}
	var budget map[seriesKey][]float64
	if !r.alert {
		expr := r.expand(s.ErrorRatioQuery, map[string]string{"window": period})
		if budget, err = r.rangeByKey(ctx, "error ratio over "+period, expr, false, 0); err != nil {
			return fail(err)
		}
	}
	if len(states) == 0 && len(budget) == 0 {
		return backend.DataResponse{Frames: data.Frames{noData("SLA", fmt.Sprintf("no requests found for service %q", r.q.Service))}}
	}
	availCfg := func(name string) *data.FieldConfig {
		return &data.FieldConfig{DisplayNameFromDS: name, Unit: "percent", Decimals: ptr(uint16(3)), Thresholds: &data.ThresholdsConfig{
			Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{step(math.Inf(-1), scoring.BandCritical), step(s.Target, scoring.BandOK)}}}
	}
	budgetCfg := func(name string) *data.FieldConfig {
		return &data.FieldConfig{DisplayNameFromDS: name, Unit: "percentunit", Decimals: ptr(uint16(1)), Thresholds: &data.ThresholdsConfig{
			Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{step(math.Inf(-1), scoring.BandCritical), step(0, scoring.BandOK)}}}
	}
	complianceCfg := &data.FieldConfig{Unit: "percentunit", Decimals: ptr(uint16(2)), Thresholds: &data.ThresholdsConfig{
		Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{step(math.Inf(-1), scoring.BandCritical), step(s.LatencyTarget/100, scoring.BandOK)}}}

	var frames data.Frames
	services := len(states)
	for _, k := range sortedKeys(budget) {
		ratios := budget[k]
		avail, left := nans(r.grid.n), nans(r.grid.n)
		for t, v := range ratios {
			avail[t], left[t] = scoring.Availability(v), scoring.BudgetRemaining(v, s.Target)
		}
		labels := data.Labels{"service": k.service}
		frames = append(frames,
			seriesFrame("Error budget remaining", r.grid, left, labels, budgetCfg(perService("Error budget remaining", k.service, len(budget)))),
			seriesFrame("Availability", r.grid, avail, labels, availCfg(perService("Availability", k.service, len(budget)))))
	}
	var (
		svc, windows, tierSvc, tierName, severity, longW, shortW  []string
		avail, left, compliance, ratio, rate, factor, long, short []*float64
		firing                                                    []bool
		slaSvc                                                    []string
	)
	for _, k := range sortedKeys(states) {
		st, labels := states[k], data.Labels{"service": k.service}
		pr := ratioAt(st.ratio, period)
		if r.alert {
			frames = append(frames,
				numberFrame("Availability", scoring.Availability(pr), labels, availCfg("")),
				numberFrame("Error budget remaining", scoring.BudgetRemaining(pr, s.Target), labels, budgetCfg("")),
				numberFrame("Latency SLO compliance", st.compliance, labels, complianceCfg))
		}
		slaSvc = append(slaSvc, k.service)
		avail = append(avail, nullable(scoring.Availability(pr)))
		left = append(left, nullable(scoring.BudgetRemaining(pr, s.Target)))
		compliance = append(compliance, nullable(st.compliance))
		_, ws, _ := r.slaWindows()
		for _, w := range ws[1:] {
			b := burn(st.ratio, w, s.Target)
			if r.alert {
				frames = append(frames, numberFrame("Burn rate", b, data.Labels{"service": k.service, "window": w}, nil))
			}
			svc, windows = append(svc, k.service), append(windows, w)
			ratio, rate = append(ratio, nullable(ratioAt(st.ratio, w))), append(rate, nullable(b))
		}
		for _, ts := range st.tiers {
			if r.alert {
				frames = append(frames, numberFrame("Tier firing", b2f(ts.firing),
					data.Labels{"service": k.service, "tier": ts.tier.Name, "severity": ts.tier.Severity}, nil))
			}
			tierSvc, tierName, severity = append(tierSvc, k.service), append(tierName, ts.tier.Name), append(severity, ts.tier.Severity)
			longW, shortW = append(longW, ts.tier.LongWindow), append(shortW, ts.tier.ShortWindow)
			factor, long, short = append(factor, nullable(ts.factor)), append(long, nullable(ts.long)), append(short, nullable(ts.short))
			firing = append(firing, ts.firing)
		}
	}
	if r.alert {
		return backend.DataResponse{Frames: frames}
	}
	_ = services
	rateCfg := &data.FieldConfig{Decimals: ptr(uint16(2))}
	frames = append(frames,
		table("SLA",
			data.NewField("Service", nil, slaSvc),
			data.NewField("Availability", nil, avail).SetConfig(availCfg("")),
			data.NewField("Error budget remaining", nil, left).SetConfig(budgetCfg("")),
			data.NewField("Latency SLO compliance", nil, compliance).SetConfig(complianceCfg)),
		table("Burn rates",
			data.NewField("Service", nil, svc), data.NewField("Window", nil, windows),
			data.NewField("Error ratio", nil, ratio).SetConfig(&data.FieldConfig{Unit: "percentunit", Decimals: ptr(uint16(4))}),
			data.NewField("Burn rate", nil, rate).SetConfig(rateCfg)),
		table("Burn-rate tiers",
			data.NewField("Service", nil, tierSvc), data.NewField("Tier", nil, tierName), data.NewField("Severity", nil, severity),
			data.NewField("Factor", nil, factor).SetConfig(rateCfg),
			data.NewField("Long window", nil, longW), data.NewField("Long burn rate", nil, long).SetConfig(rateCfg),
			data.NewField("Short window", nil, shortW), data.NewField("Short burn rate", nil, short).SetConfig(rateCfg),
			data.NewField("Firing", nil, firing)))
	return backend.DataResponse{Frames: frames}
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
