package plugin

import (
	"context"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/prometheus/common/model"
)

// promql passes a PromQL expression through, so one datasource can serve a whole dashboard.
func promql(ctx context.Context, r *run) backend.DataResponse {
	expr := r.expand(r.q.Expr, nil)
	m, err := r.batch.QueryRange(ctx, expr, r.rng)
	if err != nil {
		return fail(err)
	}
	if len(m) == 0 {
		return backend.DataResponse{Frames: data.Frames{noData("Value", "the query returned no series")}}
	}
	frames := make(data.Frames, 0, len(m))
	for _, s := range m {
		labels := data.Labels{}
		for k, v := range s.Metric {
			if k != model.MetricNameLabel {
				labels[string(k)] = string(v)
			}
		}
		vals := nans(r.grid.n)
		for _, p := range s.Values {
			if i := r.grid.index(int64(p.Timestamp)); i >= 0 {
				vals[i] = float64(p.Value)
			}
		}
		name := string(s.Metric[model.MetricNameLabel])
		if name == "" {
			name = "Value"
		}
		if r.alert {
			frames = append(frames, numberFrame(name, last(vals), labels, nil))
		} else {
			frames = append(frames, seriesFrame(name, r.grid, vals, labels, nil))
		}
	}
	return backend.DataResponse{Frames: frames}
}
