package plugin

import (
	"context"
	"fmt"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// serviceHealth is one service's health on the query's grid.
type serviceHealth struct {
	service string
	values  [][]float64 // per enabled indicator
	subs    [][]float64 // per enabled indicator; NaN = no data
	score   []float64   // NaN = no data
}

// computeHealth queries every enabled indicator at once and scores each service at each timestamp.
func (r *run) computeHealth(ctx context.Context) ([]serviceHealth, error) {
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
	out := make([]serviceHealth, 0, len(services))
	for _, k := range sortedKeys(services) {
		sh := serviceHealth{service: k.service, values: make([][]float64, len(inds))}
		for i := range inds {
			if sh.values[i] = byInd[i][k]; sh.values[i] == nil {
				sh.values[i] = nans(r.grid.n)
			}
		}
		sh.score, sh.subs = r.scorer.ScoreColumns(sh.values, r.grid.n)
		out = append(out, sh)
	}
	return out, nil
}

func health(ctx context.Context, r *run) backend.DataResponse {
	services, err := r.computeHealth(ctx)
	if err != nil {
		return fail(err)
	}
	if len(services) == 0 {
		return r.noData("Health score", fmt.Sprintf("no indicator returned data for service %q", r.q.Service))
	}
	if r.alert {
		return backend.DataResponse{Frames: r.healthNumbers(services)}
	}
	inds := r.scorer.Indicators()
	series := newWideFrame("Health", r.grid)
	for _, sh := range services {
		labels := data.Labels{"service": sh.service}
		series.add("Health score", sh.score, labels, scoreConfig(perService("Health score", sh.service, len(services))))
		for i, ind := range inds {
			labels := data.Labels{"service": sh.service, "indicator": ind.ID}
			series.add("Sub-score", sh.subs[i], labels, scoreConfig(perService(ind.Name+" sub-score", sh.service, len(services))))
		}
	}
	return backend.DataResponse{Frames: data.Frames{series.Frame, r.latestHealthTable(services)}}
}

// healthNumbers is the alert measure at the end of the range: each service's score, or each indicator's
// sub-score.
func (r *run) healthNumbers(services []serviceHealth) data.Frames {
	var frames data.Frames
	for _, sh := range services {
		if r.q.Measure == MeasureScore {
			frames = append(frames, numberFrame("Health score", last(sh.score), data.Labels{"service": sh.service}, scoreConfig("")))
			continue
		}
		for i, ind := range r.scorer.Indicators() {
			labels := data.Labels{"service": sh.service, "indicator": ind.ID}
			frames = append(frames, numberFrame("Sub-score", last(sh.subs[i]), labels, scoreConfig("")))
		}
	}
	return frames
}

// perService adds the service to a display name when the query covers several services.
func perService(name, service string, services int) string {
	if services > 1 {
		return name + " · " + service
	}
	return name
}

// latestHealthTable explains the latest score of each service indicator by indicator.
func (r *run) latestHealthTable(services []serviceHealth) *data.Frame {
	inds := r.scorer.Indicators()
	var (
		svc, indicator, unit, band, scoreBand, cappedBy []string
		value, sub, weight, lost, score                 []*float64
		target, warning, critical                       []float64
		key                                             []bool
	)
	values := make([]float64, len(inds))
	for _, sh := range services {
		for i := range inds {
			values[i] = last(sh.values[i])
		}
		res := r.scorer.Evaluate(values)
		capped := ""
		for _, ind := range inds {
			if ind.ID == res.CappedBy {
				capped = ind.Name
			}
		}
		for i, ir := range res.Indicators {
			svc = append(svc, sh.service)
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
