package plugin

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// breachSeries tells, per service and timestamp, whether the query's condition holds.
func (r *run) breachSeries(ctx context.Context) (map[seriesKey][]bool, error) {
	c := r.q.Condition
	out := map[seriesKey][]bool{}
	below := func(scores []float64) []bool {
		b := make([]bool, len(scores))
		for t, s := range scores {
			b[t] = !math.IsNaN(s) && s < bandFloor[c.Band]
		}
		return b
	}
	switch c.Kind {
	case "score":
		services, err := r.computeHealth(ctx)
		if err != nil {
			return nil, err
		}
		for _, sh := range services {
			out[seriesKey{service: sh.service}] = below(sh.score)
		}
	case "indicator":
		ind, ok := findIndicator(r.d.settings.profile, c.Indicator)
		if !ok {
			return nil, fmt.Errorf("condition.indicator: %q is not an indicator of the profile", c.Indicator)
		}
		byKey, err := r.rangeByKey(ctx, r.indicatorSource("indicator "+ind.ID, ind.ID), r.expand(ind.Query, nil), 0)
		if err != nil {
			return nil, err
		}
		for k, vals := range byKey {
			subs := nans(len(vals))
			for t, v := range vals {
				if scoring.HasData(v) {
					subs[t] = scoring.SubScore(v, ind.Thresholds(), ind.Higher())
				}
			}
			out[k] = below(subs)
		}
	case "tier":
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
	s := r.d.settings.profile.SLA
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
		expr := r.expand(s.ErrorRatioQuery, map[string]string{"window": windows[i]})
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

func mttr(ctx context.Context, r *run) backend.DataResponse {
	breaches, err := r.breachSeries(ctx)
	if err != nil {
		return fail(err)
	}
	if len(breaches) == 0 {
		return r.noData("MTTR", fmt.Sprintf("no data for service %q", r.q.Service))
	}
	timestamps := make([]int64, r.grid.n)
	for i := range timestamps {
		timestamps[i] = r.grid.at(i)
	}
	target, _ := scoring.ParseWindow(r.d.settings.profile.SLA.MTTRTarget)
	mttrCfg := &data.FieldConfig{DisplayNameFromDS: "MTTR", Unit: "s"}
	if target > 0 {
		mttrCfg.Thresholds = &data.ThresholdsConfig{Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{
			step(math.Inf(-1), scoring.BandOK), step(math.Nextafter(target.Seconds(), math.Inf(1)), scoring.BandCritical)}}
	}
	var frames data.Frames
	var (
		svc, ivSvc     []string
		mttrs, openFor []*float64
		resolved       []int64
		starts, ends   []time.Time
		lengths        []float64
		open           []bool
	)
	for _, k := range sortedKeys(breaches) {
		sum := scoring.BreachIntervals(timestamps, breaches[k], r.grid.step)
		m, openSeconds := sum.MTTR/1000, 0.0
		if sum.Open != nil {
			openSeconds = float64(sum.Open.Length) / 1000
		}
		if r.alert {
			frames = append(frames, numberFrame("MTTR", m, data.Labels{"service": k.service}, mttrCfg))
			continue
		}
		svc, mttrs, resolved = append(svc, k.service), append(mttrs, nullable(m)), append(resolved, int64(len(sum.Resolved)))
		openFor = append(openFor, nil)
		if sum.Open != nil {
			openFor[len(openFor)-1] = &openSeconds
		}
		all := sum.Resolved
		if sum.Open != nil {
			all = append(all, *sum.Open)
		}
		for _, iv := range all {
			ivSvc = append(ivSvc, k.service)
			starts, ends = append(starts, time.UnixMilli(iv.Start).UTC()), append(ends, time.UnixMilli(iv.End).UTC())
			lengths = append(lengths, float64(iv.Length)/1000)
			open = append(open, sum.Open != nil && iv == *sum.Open)
		}
	}
	if r.alert {
		return backend.DataResponse{Frames: frames}
	}
	return backend.DataResponse{Frames: data.Frames{
		table("MTTR",
			data.NewField("Service", nil, svc), data.NewField("MTTR", nil, mttrs).SetConfig(mttrCfg),
			data.NewField("Resolved breaches", nil, resolved),
			data.NewField("Open breach", nil, openFor).SetConfig(&data.FieldConfig{Unit: "s"})),
		table("Breaches",
			data.NewField("Service", nil, ivSvc), data.NewField("Start", nil, starts), data.NewField("Last sample in breach", nil, ends),
			data.NewField("Duration", nil, lengths).SetConfig(&data.FieldConfig{Unit: "s"}), data.NewField("Open", nil, open)),
	}}
}
