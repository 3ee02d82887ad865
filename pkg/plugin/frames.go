package plugin

import (
	"math"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// Band colours, as the panels draw them.
var bandColor = map[string]string{
	scoring.BandOK: "green", scoring.BandInfo: "blue", scoring.BandWarning: "orange", scoring.BandCritical: "red",
}

func step(v float64, band string) data.Threshold {
	return data.Threshold{Value: data.ConfFloat64(v), Color: bandColor[band]}
}

// scoreThresholds colour a score (0..100) by its band: >= 90 ok, >= 70 info, >= 50 warning, else critical.
func scoreThresholds() *data.ThresholdsConfig {
	return &data.ThresholdsConfig{Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{
		step(math.Inf(-1), scoring.BandCritical), step(50, scoring.BandWarning), step(70, scoring.BandInfo), step(90, scoring.BandOK),
	}}
}

// valueThresholds colour a raw value by the band its sub-score falls in, so a value and its sub-score always
// show the same colour: the sub-score is 90 at a third of the way from target to warning, 70 at warning and
// 50 at critical. Grafana colours a value >= a step's value, hence the next float up on the lower-is-better side.
func valueThresholds(t scoring.Thresholds, higher bool) *data.ThresholdsConfig {
	if higher {
		return &data.ThresholdsConfig{Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{
			step(math.Inf(-1), scoring.BandCritical), step(t.Critical, scoring.BandWarning), step(t.Warning, scoring.BandInfo),
			step(t.Target-(t.Target-t.Warning)/3, scoring.BandOK),
		}}
	}
	up := func(v float64) float64 { return math.Nextafter(v, math.Inf(1)) }
	return &data.ThresholdsConfig{Mode: data.ThresholdsModeAbsolute, Steps: []data.Threshold{
		step(math.Inf(-1), scoring.BandOK), step(up(t.Target+(t.Warning-t.Target)/3), scoring.BandInfo),
		step(up(t.Warning), scoring.BandWarning), step(up(t.Critical), scoring.BandCritical),
	}}
}

// grafanaUnit maps a profile unit to a Grafana unit id; Grafana's own ids pass through.
func grafanaUnit(unit string) string {
	switch unit {
	case "%":
		return "percent"
	case "seconds":
		return "s"
	case "milliseconds":
		return "ms"
	case "req/s":
		return "reqps"
	}
	return unit
}

func scoreConfig(displayName string) *data.FieldConfig {
	return &data.FieldConfig{DisplayNameFromDS: displayName, Unit: "none", Min: ptr(data.ConfFloat64(0)), Max: ptr(data.ConfFloat64(100)),
		Decimals: ptr(uint16(1)), Thresholds: scoreThresholds()}
}

func ptr[T any](v T) *T { return &v }

// nullable turns NaN and infinities into nulls, which Grafana draws as gaps and alerting reads as no data.
func nullable(v float64) *float64 {
	if !scoring.HasData(v) {
		return nil
	}
	return &v
}

// wideFrame is a query's time series on its grid, in the data plane's time series wide format: one time
// field shared by every value field (labelled by service, indicator, domain). One time field instead of one
// per series makes the frame several times cheaper to encode, send and decode.
type wideFrame struct {
	*data.Frame
	g grid
}

func newWideFrame(name string, g grid) *wideFrame {
	times := make([]time.Time, g.n)
	for i := range times {
		times[i] = time.UnixMilli(g.at(i)).UTC()
	}
	f := data.NewFrame(name, data.NewField("Time", nil, times).SetConfig(&data.FieldConfig{Interval: float64(g.step)}))
	f.Meta = &data.FrameMeta{Type: data.FrameTypeTimeSeriesWide, TypeVersion: data.FrameTypeVersion{0, 1}}
	return &wideFrame{Frame: f, g: g}
}

// add appends a value field. A series with data at every point is a plain float64 field, which Arrow encodes
// and Grafana decodes in bulk; one with gaps is nullable, its points without data nulls (one allocation for
// the whole series).
func (w *wideFrame) add(name string, vals []float64, labels data.Labels, cfg *data.FieldConfig) {
	complete := true
	for _, v := range vals {
		if !scoring.HasData(v) {
			complete = false
			break
		}
	}
	if complete {
		w.Fields = append(w.Fields, data.NewField(name, labels, vals).SetConfig(cfg))
		return
	}
	backing, values := make([]float64, len(vals)), make([]*float64, len(vals))
	for i, v := range vals {
		if scoring.HasData(v) {
			backing[i] = v
			values[i] = &backing[i]
		}
	}
	w.Fields = append(w.Fields, data.NewField(name, labels, values).SetConfig(cfg))
}

// numberFrame is one number for Grafana alerting, in the data plane's numeric multi format.
func numberFrame(name string, v float64, labels data.Labels, cfg *data.FieldConfig) *data.Frame {
	f := data.NewFrame(name, data.NewField(name, labels, []*float64{nullable(v)}).SetConfig(cfg))
	f.Meta = &data.FrameMeta{Type: data.FrameTypeNumericMulti, TypeVersion: data.FrameTypeVersion{0, 1}}
	return f
}

// table is a frame Grafana shows as a table.
func table(name string, fields ...*data.Field) *data.Frame {
	f := data.NewFrame(name, fields...)
	f.Meta = &data.FrameMeta{PreferredVisualization: data.VisTypeTable}
	return f
}

// last is the value at the end of the range (NaN when the last sample is missing).
func last(vals []float64) float64 {
	if len(vals) == 0 {
		return math.NaN()
	}
	return vals[len(vals)-1]
}

// noData is the honest answer when Prometheus has no series for the query. An alert query's carries the
// numeric type, as the data plane contract writes "no data": one typed frame without fields.
func (r *run) noData(name, why string) backend.DataResponse {
	f := data.NewFrame(name)
	f.Meta = &data.FrameMeta{Notices: []data.Notice{{Severity: data.NoticeSeverityInfo, Text: why}}}
	if r.alert {
		f.Meta.Type, f.Meta.TypeVersion = data.FrameTypeNumericMulti, data.FrameTypeVersion{0, 1}
	}
	return backend.DataResponse{Frames: data.Frames{f}}
}
