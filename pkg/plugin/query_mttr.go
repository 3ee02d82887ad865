package plugin

import (
	"context"
	"fmt"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// serviceBreaches are one service's breach intervals over the range.
type serviceBreaches struct {
	service string
	summary scoring.BreachSummary
}

// MTTRResult is an mttr query's answer: each service's breaches of the query's condition over the range and
// its mean time to recovery.
type MTTRResult struct {
	services []serviceBreaches // by service
	sla      scoring.SLA       // the profile's, for its MTTR target
}

// mttr finds, per service, the intervals in which the query's condition holds and their mean length.
func mttr(ctx context.Context, r *run) (Result, error) {
	breaches, err := r.breachSeries(ctx)
	if err != nil {
		return nil, err
	}
	if len(breaches) == 0 {
		return r.noData("MTTR", fmt.Sprintf("no data for service %q", r.q.Service)), nil
	}
	timestamps := make([]int64, r.grid.n)
	for i := range timestamps {
		timestamps[i] = r.grid.at(i)
	}
	res := &MTTRResult{sla: r.d.settings.Profile.SLA}
	for _, k := range sortedKeys(breaches) {
		res.services = append(res.services, serviceBreaches{k.service, scoring.BreachIntervals(timestamps, breaches[k], r.grid.step)})
	}
	if r.alert {
		return res.Numbers(), nil
	}
	return res, nil
}

// breachSeries tells, per service and timestamp, whether the query's condition holds.
func (r *run) breachSeries(ctx context.Context) (map[seriesKey][]bool, error) {
	c := r.q.Condition
	out := map[seriesKey][]bool{}
	below := func(scores []float64) []bool {
		b := make([]bool, len(scores))
		for t, s := range scores {
			b[t] = scoring.AtOrWorse(s, c.Band)
		}
		return b
	}
	switch c.Kind {
	case models.ConditionScore:
		services, err := r.computeHealth(ctx)
		if err != nil {
			return nil, err
		}
		for _, sh := range services {
			out[seriesKey{service: sh.Service}] = below(sh.Score)
		}
	case models.ConditionIndicator:
		ind, ok := findIndicator(r.d.settings.Profile, c.Indicator)
		if !ok {
			return nil, fmt.Errorf("condition.indicator: %q is not an indicator of the profile", c.Indicator)
		}
		byKey, err := r.rangeByKey(ctx, r.indicatorSource("indicator "+ind.ID, ind.ID), r.expand(ind.Query, nil), 0)
		if err != nil {
			return nil, err
		}
		for k, vals := range byKey {
			b := make([]bool, len(vals))
			for t, v := range vals {
				b[t] = scoring.InBreach(v, ind.Thresholds(), ind.Higher(), c.Band)
			}
			out[k] = b
		}
	case models.ConditionTier:
		return r.tierFiring(ctx, c.Tier)
	}
	return out, nil
}

func findIndicator(p *scoring.Profile, id string) (scoring.Indicator, bool) {
	for _, ind := range p.Indicators {
		if ind.ID == id {
			return ind, true
		}
	}
	return scoring.Indicator{}, false
}

// tierFiring evaluates a burn-rate tier at every timestamp from its long and short window error ratios.
func (r *run) tierFiring(ctx context.Context, name string) (map[seriesKey][]bool, error) {
	s := r.d.settings.Profile.SLA
	var tier *scoring.BurnRateTier
	for i := range s.BurnRateTiers {
		if s.BurnRateTiers[i].Name == name {
			tier = &s.BurnRateTiers[i]
		}
	}
	if tier == nil {
		return nil, fmt.Errorf("condition.tier: %q is not a burn-rate tier of the profile", name)
	}
	periodHours, err := scoring.PeriodHours(s.Period, r.rng.End)
	if err != nil {
		return nil, fmt.Errorf("sla.period: %w", err)
	}
	factor, err := scoring.TierFactor(*tier, periodHours)
	if err != nil {
		return nil, fmt.Errorf("tier %s: %w", tier.Name, err)
	}
	windows := []string{tier.LongWindow, tier.ShortWindow}
	ratios := make([]map[seriesKey][]float64, 2)
	err = r.parallel(2, func(i int) (err error) {
		expr := r.expand(s.ErrorRatioQuery, map[string]string{varWindow: windows[i]})
		ratios[i], err = r.rangeByKey(ctx, source{what: "error ratio over " + windows[i], field: fieldErrorRatio}, expr, 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	out := map[seriesKey][]bool{}
	for k, long := range ratios[0] {
		short := ratios[1][k]
		b := make([]bool, len(long))
		for t := range long {
			b[t] = short != nil && scoring.Firing(scoring.BurnRate(long[t], s.Target), scoring.BurnRate(short[t], s.Target), factor)
		}
		out[k] = b
	}
	return out, nil
}

// Frames are the dashboard's: the MTTR table (one row per service) and the breaches table (one row per
// interval, the open one last).
func (m *MTTRResult) Frames() data.Frames {
	var (
		svc, ivSvc     []string
		mttrs, openFor []*float64
		resolved       []int64
		starts, ends   []time.Time
		lengths        []float64
		open           []bool
	)
	for _, sb := range m.services {
		sum := sb.summary
		mean, openSeconds := sum.MTTR/1000, 0.0
		if sum.Open != nil {
			openSeconds = float64(sum.Open.Length) / 1000
		}
		svc, mttrs, resolved = append(svc, sb.service), append(mttrs, nullable(mean)), append(resolved, int64(len(sum.Resolved)))
		openFor = append(openFor, nil)
		if sum.Open != nil {
			openFor[len(openFor)-1] = &openSeconds
		}
		all := sum.Resolved
		if sum.Open != nil {
			all = append(all, *sum.Open)
		}
		for _, iv := range all {
			ivSvc = append(ivSvc, sb.service)
			starts, ends = append(starts, time.UnixMilli(iv.Start).UTC()), append(ends, time.UnixMilli(iv.End).UTC())
			lengths = append(lengths, float64(iv.Length)/1000)
			open = append(open, sum.Open != nil && iv == *sum.Open)
		}
	}
	return data.Frames{
		table("MTTR",
			data.NewField("Service", nil, svc), data.NewField("MTTR", nil, mttrs).SetConfig(mttrConfig(m.sla)),
			data.NewField("Resolved breaches", nil, resolved),
			data.NewField("Open breach", nil, openFor).SetConfig(&data.FieldConfig{Unit: "s"})),
		table("Breaches",
			data.NewField("Service", nil, ivSvc), data.NewField("Start", nil, starts), data.NewField("Last sample in breach", nil, ends),
			data.NewField("Duration", nil, lengths).SetConfig(&data.FieldConfig{Unit: "s"}), data.NewField("Open", nil, open)),
	}
}

// Numbers are the alert measure: each service's MTTR over the range, in seconds.
func (m *MTTRResult) Numbers() Numbers {
	cfg := mttrConfig(m.sla)
	out := make(Numbers, 0, len(m.services))
	for _, sb := range m.services {
		out = append(out, Number{"MTTR", sb.summary.MTTR / 1000, labelsOf(sb.service), cfg})
	}
	return out
}
