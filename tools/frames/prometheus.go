package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"
)

// promResult is the data of a Prometheus HTTP API answer, matrix or vector.
type promResult struct {
	ResultType string `json:"resultType"`
	Result     []struct {
		Metric map[string]string `json:"metric"`
		Values [][2]any          `json:"values"`
		Value  [2]any            `json:"value"`
	} `json:"result"`
}

func queryPrometheus(ctx context.Context, base string, t target, from, to time.Time, step time.Duration) (*promResult, error) {
	params := url.Values{"query": {t.Expr}}
	path := "/api/v1/query_range"
	if t.Instant {
		path = "/api/v1/query"
		params.Set("time", strconv.FormatInt(to.Unix(), 10))
	} else {
		params.Set("start", strconv.FormatInt(from.Unix(), 10))
		params.Set("end", strconv.FormatInt(to.Unix(), 10))
		params.Set("step", strconv.FormatFloat(step.Seconds(), 'f', -1, 64))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+path+"?"+params.Encode(), nil)
	if err != nil {
		return nil, err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var body struct {
		Status string     `json:"status"`
		Error  string     `json:"error"`
		Data   promResult `json:"data"`
	}
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		return nil, fmt.Errorf("refId %s: %v", t.RefID, err)
	}
	if body.Status != "success" {
		return nil, fmt.Errorf("refId %s: Prometheus says: %s", t.RefID, body.Error)
	}
	return &body.Data, nil
}

// sample reads one [timestamp, "value"] pair; Prometheus writes NaN and infinities as strings too.
func sample(p [2]any) (time.Time, float64, error) {
	ts, ok := p[0].(float64)
	text, ok2 := p[1].(string)
	if !ok || !ok2 {
		return time.Time{}, 0, fmt.Errorf("unexpected sample %v", p)
	}
	v, err := strconv.ParseFloat(text, 64)
	return time.UnixMilli(int64(ts * 1000)).UTC(), v, err
}

// legend formats {{label}} templates as Grafana's Prometheus datasource does.
func legend(format string, labels map[string]string) string {
	out := []byte{}
	for i := 0; i < len(format); i++ {
		if format[i] == '{' && i+1 < len(format) && format[i+1] == '{' {
			end := i + 2
			for end+1 < len(format) && format[end:end+2] != "}}" {
				end++
			}
			name := format[i+2 : end]
			for len(name) > 0 && name[0] == ' ' {
				name = name[1:]
			}
			for len(name) > 0 && name[len(name)-1] == ' ' {
				name = name[:len(name)-1]
			}
			out = append(out, labels[name]...)
			i = end + 1
			continue
		}
		out = append(out, format[i])
	}
	return string(out)
}

// prometheusFrames shapes an answer as Grafana's Prometheus datasource does: one frame per series with a
// "Time" field (its config carries the step) and a "Value" field carrying the series' labels, in the data
// plane's time series multi format.
func prometheusFrames(r *promResult, t target, step time.Duration) (data.Frames, error) {
	frames := data.Frames{}
	for _, s := range r.Result {
		points := s.Values
		if r.ResultType == "vector" {
			points = [][2]any{s.Value}
		}
		times := make([]time.Time, len(points))
		values := make([]float64, len(points))
		for i, p := range points {
			var err error
			if times[i], values[i], err = sample(p); err != nil {
				return nil, fmt.Errorf("refId %s: %v", t.RefID, err)
			}
		}
		timeField := data.NewField(data.TimeSeriesTimeFieldName, nil, times)
		timeField.Config = &data.FieldConfig{Interval: float64(step.Milliseconds())}
		valueField := data.NewField(data.TimeSeriesValueFieldName, data.Labels(s.Metric), values)
		if t.LegendFormat != "" {
			valueField.Config = &data.FieldConfig{DisplayNameFromDS: legend(t.LegendFormat, s.Metric)}
		}
		f := data.NewFrame("", timeField, valueField)
		f.RefID = t.RefID
		f.Meta = &data.FrameMeta{
			Type: data.FrameTypeTimeSeriesMulti, TypeVersion: data.FrameTypeVersion{0, 1},
			Custom:              map[string]string{"resultType": r.ResultType},
			ExecutedQueryString: fmt.Sprintf("Expr: %s\nStep: %s", t.Expr, step),
		}
		frames = append(frames, f)
	}
	// Prometheus does not promise an order; Grafana shows what it gets. Sort so recordings are stable.
	sort.SliceStable(frames, func(i, j int) bool {
		return frames[i].Fields[1].Labels.String() < frames[j].Fields[1].Labels.String()
	})
	return frames, nil
}

func recordPrometheus(ctx context.Context, base string, rec recording, from, to time.Time) (*backend.QueryDataResponse, error) {
	resp := backend.NewQueryDataResponse()
	for _, t := range rec.Queries {
		r, err := queryPrometheus(ctx, base, t, from, to, rec.Step)
		if err != nil {
			return nil, err
		}
		frames, err := prometheusFrames(r, t, rec.Step)
		if err != nil {
			return nil, err
		}
		resp.Responses[t.RefID] = backend.DataResponse{Frames: frames}
	}
	return resp, nil
}
