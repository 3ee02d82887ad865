package plugin

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// ServiceHealth is one service's health on the query's grid.
type ServiceHealth struct {
	Service string
	Values  [][]float64 // per enabled indicator
	Subs    [][]float64 // per enabled indicator; NaN = no data
	Score   []float64   // NaN = no data
}

// HealthResult is a health query's answer: each service's composite score and sub-scores over the range.
type HealthResult struct {
	Services []ServiceHealth // by service
	scorer   *scoring.Scorer
	grid     grid
}

// health scores every service the indicators return at each timestamp.
func health(ctx context.Context, r *run) (Result, error) {
	services, err := r.computeHealth(ctx)
	if err != nil {
		return nil, err
	}
	if len(services) == 0 {
		return r.noData("Health score", fmt.Sprintf("no indicator returned data for service %q", r.q.Service)), nil
	}
	res := &HealthResult{Services: services, scorer: r.scorer, grid: r.grid}
	if r.alert {
		return res.Numbers(r.q.Measure), nil
	}
	return res, nil
}

// computeHealth queries every enabled indicator at once and scores each service at each timestamp.
func (r *run) computeHealth(ctx context.Context) ([]ServiceHealth, error) {
	inds := r.scorer.Indicators()
	byInd := make([]map[seriesKey][]float64, len(inds))
	err := r.parallel(len(inds), func(i int) (err error) {
		byInd[i], err = r.rangeByKey(ctx, r.indicatorSource("indicator "+inds[i].ID, inds[i].ID), r.expand(inds[i].Query, nil), 0)
		return err
	})
	if err != nil {
		return nil, err
	}
	services := map[seriesKey]bool{}
	for _, m := range byInd {
		for k := range m {
			services[k] = true
		}
	}
	out := make([]ServiceHealth, 0, len(services))
	for _, k := range sortedKeys(services) {
		sh := ServiceHealth{Service: k.service, Values: make([][]float64, len(inds))}
		for i := range inds {
			if sh.Values[i] = byInd[i][k]; sh.Values[i] == nil {
				sh.Values[i] = nans(r.grid.n)
			}
		}
		sh.Score, sh.Subs = r.scorer.ScoreColumns(sh.Values, r.grid.n)
		out = append(out, sh)
	}
	return out, nil
}

// Frames are the dashboard's: the score and sub-score series of every service, and the latest health table.
func (h *HealthResult) Frames() data.Frames {
	inds := h.scorer.Indicators()
	series := newWideFrame("Health", h.grid)
	for _, sh := range h.Services {
		labels := labelsOf(sh.Service)
		series.add("Health score", sh.Score, labels, scoreConfig(perService("Health score", sh.Service, len(h.Services))))
		for i, ind := range inds {
			labels := labelsOf(sh.Service, "indicator", ind.ID)
			series.add("Sub-score", sh.Subs[i], labels, scoreConfig(perService(ind.Name+" sub-score", sh.Service, len(h.Services))))
		}
	}
	return data.Frames{series.Frame, h.latestTable()}
}

// Numbers are the alert measure at the end of the range: each service's score, or each indicator's sub-score.
func (h *HealthResult) Numbers(measure models.Measure) Numbers {
	var out Numbers
	for _, sh := range h.Services {
		if measure == models.MeasureScore {
			out = append(out, Number{"Health score", last(sh.Score), labelsOf(sh.Service), scoreConfig("")})
			continue
		}
		for i, ind := range h.scorer.Indicators() {
			labels := labelsOf(sh.Service, "indicator", ind.ID)
			out = append(out, Number{"Sub-score", last(sh.Subs[i]), labels, scoreConfig("")})
		}
	}
	return out
}

// perService adds the service to a display name when the query covers several services.
func perService(name, service string, services int) string {
	if services > 1 {
		return name + " · " + service
	}
	return name
}

// latestTable explains the latest score of each service indicator by indicator.
func (h *HealthResult) latestTable() *data.Frame {
	inds := h.scorer.Indicators()
	var (
		svc, indicator, unit, band, scoreBand, cappedBy []string
		value, sub, weight, lost, score                 []*float64
		target, warning, critical                       []float64
		key                                             []bool
	)
	values := make([]float64, len(inds))
	for _, sh := range h.Services {
		for i := range inds {
			values[i] = last(sh.Values[i])
		}
		res := h.scorer.Evaluate(values)
		capped := ""
		for _, ind := range inds {
			if ind.ID == res.CappedBy {
				capped = ind.Name
			}
		}
		for i, ir := range res.Indicators {
			svc = append(svc, sh.Service)
			indicator = append(indicator, inds[i].Name)
			value = append(value, nullable(ir.Value))
			unit = append(unit, grafanaUnit(inds[i].Unit))
			target, warning, critical = append(target, inds[i].Target), append(warning, inds[i].Warning), append(critical, inds[i].Critical)
			sub = append(sub, nullable(ir.SubScore))
			band = append(band, ir.Band)
			weight = append(weight, nullable(ir.Weight))
			key = append(key, ir.Key)
			lost = append(lost, nullable(ir.PointsLost))
			score = append(score, nullable(res.Score))
			scoreBand = append(scoreBand, res.Band)
			cappedBy = append(cappedBy, capped)
		}
	}
	scoreCfg := scoreConfig("")
	// Each row is in its indicator's unit; a column gets a unit only when every indicator has the same one.
	var valueCfg *data.FieldConfig
	if u := sharedUnit(inds); u != "" {
		valueCfg = &data.FieldConfig{Unit: u}
	}
	return table("Latest health",
		data.NewField("Service", nil, svc),
		data.NewField("Indicator", nil, indicator),
		data.NewField("Value", nil, value).SetConfig(valueCfg),
		data.NewField("Unit", nil, unit),
		data.NewField("Target", nil, target).SetConfig(valueCfg),
		data.NewField("Warning", nil, warning).SetConfig(valueCfg),
		data.NewField("Critical", nil, critical).SetConfig(valueCfg),
		data.NewField("Sub-score", nil, sub).SetConfig(scoreCfg),
		data.NewField("Band", nil, band),
		data.NewField("Weight", nil, weight),
		data.NewField("Key indicator", nil, key),
		data.NewField("Points lost", nil, lost).SetConfig(&data.FieldConfig{Decimals: ptr(uint16(2))}),
		data.NewField("Score", nil, score).SetConfig(scoreCfg),
		data.NewField("Score band", nil, scoreBand),
		data.NewField("Capped by", nil, cappedBy),
	)
}

// sharedUnit is the Grafana unit of the indicators when they all have the same one, else "".
func sharedUnit(inds []scoring.Indicator) string {
	if len(inds) == 0 {
		return ""
	}
	u := grafanaUnit(inds[0].Unit)
	for _, ind := range inds[1:] {
		if grafanaUnit(ind.Unit) != u {
			return ""
		}
	}
	return u
}
