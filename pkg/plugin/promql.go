package plugin

import (
	"context"
	"math"
	"time"

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
		return r.noData("Value", "the query returned no series")
	}
	frames := make(data.Frames, 0, len(m))
	for _, s := range m {
		// Every label, __name__ too, as Grafana's Prometheus datasource keeps them: two series of different
		// metrics with the same other labels stay apart.
		labels := make(data.Labels, len(s.Metric))
		for k, v := range s.Metric {
			labels[string(k)] = string(v)
		}
		name := string(s.Metric[model.MetricNameLabel])
		if name == "" {
			name = "Value"
		}
		if r.alert {
			v := math.NaN()
			if n := len(s.Values); n > 0 && int64(s.Values[n-1].Timestamp) == r.grid.at(r.grid.n-1) {
				v = float64(s.Values[n-1].Value)
			}
			frames = append(frames, numberFrame(name, v, labels, nil))
		} else {
			frames = append(frames, seriesFrame(name, s.Values, labels))
		}
	}
	return backend.DataResponse{Frames: frames}
}

// seriesFrame is one series as Prometheus returned it, in the data plane's time series multi format: its own
// timestamps, NaN and infinite samples left out (no data).
func seriesFrame(name string, points []model.SamplePair, labels data.Labels) *data.Frame {
	times, values := make([]time.Time, 0, len(points)), make([]float64, 0, len(points))
	for _, p := range points {
		if v := float64(p.Value); !math.IsNaN(v) && !math.IsInf(v, 0) {
			times, values = append(times, p.Timestamp.Time().UTC()), append(values, v)
		}
	}
	f := data.NewFrame(name, data.NewField("Time", nil, times), data.NewField(name, labels, values))
	f.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
	return f
}
