package plugin

import (
	"math"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// The frame builders the query types' results share; testdata/frames/contract.json declares the frames they
// make, as the panels read them back.

// Band colours, as the panels draw them.
var bandColor = map[string]string{
	scoring.BandOK: "green", scoring.BandInfo: "blue", scoring.BandWarning: "orange", scoring.BandCritical: "red",
}

func step(v float64, band string) data.Threshold {
	return data.Threshold{Value: data.ConfFloat64(v), Color: bandColor[band]}
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

// labelsOf are a value field's labels: the service, which PerfScope's frames call "service" whatever label
// names services in the user's metrics (the panels and alert rules read it), and the other names and values.
func labelsOf(service string, more ...string) data.Labels {
	labels := data.Labels{"service": service}
	for i := 0; i+1 < len(more); i += 2 {
		labels[more[i]] = more[i+1]
	}
	return labels
}

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

// Number is one labelled number of an alert query's answer.
type Number struct {
	Name   string
	Value  float64 // NaN: no data, a null
	Labels data.Labels
	Config *data.FieldConfig
}

// Numbers are an alert query's answer: one number per labelled series, its measure (models.Measures), each
// in its own numeric frame, as Grafana alerting reads them.
type Numbers []Number

// Frames are the numbers' numeric frames, in order.
func (ns Numbers) Frames() data.Frames {
	var frames data.Frames
	for _, n := range ns {
		frames = append(frames, numberFrame(n.Name, n.Value, n.Labels, n.Config))
	}
	return frames
}

// NoData is the honest answer when Prometheus has no series for the query: one frame without fields, its
// notice saying why. An alert query's carries the numeric type, as the data plane contract writes "no data".
type NoData struct {
	Name, Why string
	Alert     bool
}

// Frames is the one no-data frame.
func (n NoData) Frames() data.Frames {
	f := data.NewFrame(n.Name)
	f.Meta = &data.FrameMeta{Notices: []data.Notice{{Severity: data.NoticeSeverityInfo, Text: n.Why}}}
	if n.Alert {
		f.Meta.Type, f.Meta.TypeVersion = data.FrameTypeNumericMulti, data.FrameTypeVersion{0, 1}
	}
	return data.Frames{f}
}

func (r *run) noData(name, why string) NoData { return NoData{Name: name, Why: why, Alert: r.alert} }
