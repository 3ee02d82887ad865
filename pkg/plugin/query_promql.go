package plugin

import (
	"context"
	"math"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"
	"github.com/prometheus/common/model"
)

// PromQLResult is a promql query's answer: the series Prometheus returned, as it returned them.
type PromQLResult struct {
	series model.Matrix
}

// promql passes a PromQL expression through, so one datasource can serve a whole dashboard.
func promql(ctx context.Context, r *run) (Result, error) {
	expr := r.expand(r.q.Expr, nil)
	m, err := r.batch.QueryRange(ctx, expr, r.rng)
	if err != nil {
		return nil, err
	}
	if len(m) == 0 {
		return r.noData("Value", "the query returned no series"), nil
	}
	res := &PromQLResult{series: m}
	if r.alert {
		return res.Numbers(r.grid.at(r.grid.n - 1)), nil
	}
	return res, nil
}

// seriesName is a series' frame name: its metric name, or Value.
func seriesName(s *model.SampleStream) string {
	if name := string(s.Metric[model.MetricNameLabel]); name != "" {
		return name
	}
	return "Value"
}

// seriesLabels are every label of a series, __name__ too, as Grafana's Prometheus datasource keeps them: two
// series of different metrics with the same other labels stay apart.
func seriesLabels(s *model.SampleStream) data.Labels {
	labels := make(data.Labels, len(s.Metric))
	for k, v := range s.Metric {
		labels[string(k)] = string(v)
	}
	return labels
}

// Frames are one frame per series.
func (p *PromQLResult) Frames() data.Frames {
	frames := make(data.Frames, 0, len(p.series))
	for _, s := range p.series {
		frames = append(frames, seriesFrame(seriesName(s), s.Values, seriesLabels(s)))
	}
	return frames
}

// Numbers are one number per series for alerting: its sample at end, the range's last timestamp (ms), or no
// data when it has none there.
func (p *PromQLResult) Numbers(end int64) Numbers {
	out := make(Numbers, 0, len(p.series))
	for _, s := range p.series {
		v := math.NaN()
		if n := len(s.Values); n > 0 && int64(s.Values[n-1].Timestamp) == end {
			v = float64(s.Values[n-1].Value)
		}
		out = append(out, Number{seriesName(s), v, seriesLabels(s), nil})
	}
	return out
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
