// Package discovery is the Go twin of src/discovery: it recognises which presets of the catalogue fit a
// Prometheus-compatible server, which label names services and how the latency histogram's buckets are
// spelled, builds a profile from them and measures every indicator per service, with the same requests and the
// same Discovery JSON as the TypeScript (recordings in testdata/discovery hold the two equal). The PerfScope
// datasource serves it as POST /discover.
package discovery

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/perfscope/perfscope/pkg/presets"
)

// API is the part of the Prometheus HTTP API discovery reads (Prometheus, Thanos, Mimir and VictoriaMetrics
// answer it alike): GET an API path (e.g. "/api/v1/labels") with parameters, in order; the answer's `data`.
type API interface {
	Get(ctx context.Context, path string, params []Param) (json.RawMessage, error)
}

// Param is one query parameter, [name, value] in JSON.
type Param [2]string

// Sample is one instant-vector sample.
type Sample struct {
	Labels map[string]string
	Value  float64
}

// sampleValue reads a sample value as Prometheus writes it ("NaN", "+Inf", "-Inf" for non-finite ones).
func sampleValue(text string) float64 {
	switch text {
	case "+Inf":
		return math.Inf(1)
	case "-Inf":
		return math.Inf(-1)
	}
	v, err := strconv.ParseFloat(text, 64)
	if err != nil {
		return math.NaN()
	}
	return v
}

// seconds is a time in ms as the API's parameters spell it: seconds, as JavaScript writes at / 1000.
func seconds(ms float64) string { return presets.JSNumber(ms / 1000) }

// instantQuery runs an instant query at `at` (ms); a scalar is one sample without labels.
func instantQuery(ctx context.Context, api API, query string, at float64) ([]Sample, error) {
	raw, err := api.Get(ctx, "/api/v1/query", []Param{{"query", query}, {"time", seconds(at)}})
	if err != nil {
		return nil, err
	}
	var data struct {
		ResultType string          `json:"resultType"`
		Result     json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(raw, &data); err != nil {
		return nil, badAnswer("/api/v1/query", err)
	}
	if data.ResultType == "scalar" {
		var scalar [2]any
		if err := json.Unmarshal(data.Result, &scalar); err != nil {
			return nil, badAnswer("/api/v1/query", err)
		}
		text, _ := scalar[1].(string)
		return []Sample{{Labels: map[string]string{}, Value: sampleValue(text)}}, nil
	}
	var vector []struct {
		Metric map[string]string `json:"metric"`
		Value  *[2]any           `json:"value"`
	}
	if len(data.Result) > 0 {
		if err := json.Unmarshal(data.Result, &vector); err != nil {
			return nil, badAnswer("/api/v1/query", err)
		}
	}
	samples := make([]Sample, len(vector))
	for i, r := range vector {
		if r.Value == nil {
			return nil, badAnswer("/api/v1/query", fmt.Errorf("a %s result without a value", data.ResultType))
		}
		text, _ := r.Value[1].(string)
		samples[i] = Sample{Labels: r.Metric, Value: sampleValue(text)}
	}
	return samples, nil
}

// countOf is a single number from a count(...)-like query: 0 when it returns nothing.
func countOf(ctx context.Context, api API, query string, at float64) (float64, error) {
	samples, err := instantQuery(ctx, api, query, at)
	if err != nil || len(samples) == 0 {
		return 0, err
	}
	return samples[0].Value, nil
}

// labelNames is the label names of the series of metric (bounded by the server's own limits).
func labelNames(ctx context.Context, api API, metric string, start, end float64) ([]string, error) {
	return stringList(ctx, api, "/api/v1/labels", []Param{{"match[]", metric}, {"start", seconds(start)}, {"end", seconds(end)}})
}

// labelValues is the values of label over the series of match ("" for every series).
func labelValues(ctx context.Context, api API, label, match string, start, end float64) ([]string, error) {
	params := []Param{{"start", seconds(start)}, {"end", seconds(end)}}
	if match != "" {
		params = append(params, Param{"match[]", match})
	}
	return stringList(ctx, api, "/api/v1/label/"+encodeURIComponent(label)+"/values", params)
}

func stringList(ctx context.Context, api API, path string, params []Param) ([]string, error) {
	raw, err := api.Get(ctx, path, params)
	if err != nil {
		return nil, err
	}
	var list []string
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, badAnswer(path, err)
	}
	if list == nil {
		list = []string{}
	}
	return list, nil
}

// BadAnswerError is an answer of the server that is not what the API's documentation says it is.
type BadAnswerError struct {
	Path string
	Err  error
}

func (e *BadAnswerError) Error() string {
	return fmt.Sprintf("%s answered data that is not the Prometheus API's: %v", e.Path, e.Err)
}

func (e *BadAnswerError) Unwrap() error { return e.Err }

func badAnswer(path string, err error) error { return &BadAnswerError{Path: path, Err: err} }

// encodeURIComponent is JavaScript's: every byte but A-Z a-z 0-9 - _ . ! ~ * ' ( ) percent-encoded.
func encodeURIComponent(s string) string {
	const hex = "0123456789ABCDEF"
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			out = append(out, c)
		case c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' || c == '(' || c == ')':
			out = append(out, c)
		default:
			out = append(out, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(out)
}
