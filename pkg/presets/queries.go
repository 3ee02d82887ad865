package presets

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// HTTPQueries is every query of a profile that an HTTP preset supplies (queries.ts).
type HTTPQueries struct {
	Indicators             IndicatorQueries `json:"indicators"`
	ErrorRatioQuery        string           `json:"errorRatioQuery"`
	LatencyComplianceQuery string           `json:"latencyComplianceQuery"`
	TotalTimeQuery         string           `json:"totalTimeQuery"`
}

// IndicatorQueries are the indicator queries of an HTTP preset.
type IndicatorQueries struct {
	LatencyP95   string `json:"latency_p95"`
	ErrorRate    string `json:"error_rate"`
	Availability string `json:"availability"`
	Throughput   string `json:"throughput"`
}

// ByID is the queries by indicator id.
func (q IndicatorQueries) ByID() map[string]string {
	return map[string]string{"latency_p95": q.LatencyP95, "error_rate": q.ErrorRate,
		"availability": q.Availability, "throughput": q.Throughput}
}

// Fits of a latency-SLO threshold against a histogram's bounds.
const (
	FitExact        = "exact"        // on a bucket bound
	FitInterpolated = "interpolated" // between two bounds (or below the first)
	FitBelowBound   = "below-bound"  // past the last finite bound, which is used
)

// ThresholdFit is how the latency-SLO threshold meets the histogram's buckets.
type ThresholdFit struct {
	Query  string  `json:"query"`  // the fraction of requests under the threshold over $window
	Fit    string  `json:"fit"`    // FitExact, FitInterpolated or FitBelowBound
	Bounds Numbers `json:"bounds"` // the bounds used, in seconds
}

// Numbers are written as JSON.stringify writes numbers: a non-finite one as null.
type Numbers []float64

// MarshalJSON writes the numbers, null for NaN and infinities.
func (ns Numbers) MarshalJSON() ([]byte, error) {
	out := []byte{'['}
	for i, n := range ns {
		if i > 0 {
			out = append(out, ',')
		}
		if math.IsNaN(n) || math.IsInf(n, 0) {
			out = append(out, "null"...)
		} else {
			out = strconv.AppendFloat(out, n, 'g', -1, 64)
		}
	}
	return append(out, ']'), nil
}

// Spellings are bucket bounds as the server spells them in `le`, when discovery saw them.
type Spellings map[float64]string

func scale(p *HTTPPreset) float64 {
	if p.Duration.Unit == "ms" {
		return 1000
	}
	return 1
}

func inSeconds(p *HTTPPreset, q string) string {
	if scale(p) == 1 {
		return q
	}
	return q + " / " + JSNumber(scale(p))
}

// countMetric is the metric that counts requests and carries the status label.
func countMetric(p *HTTPPreset) string {
	if p.Requests != nil && p.Status.On != "duration" {
		return p.Requests.Metric
	}
	return p.Duration.Metric + "_count"
}

// isInteger is JavaScript's Number.isInteger.
func isInteger(x float64) bool { return !math.IsInf(x, 0) && !math.IsNaN(x) && x == math.Trunc(x) }

// leMatcher matches a bound: the server's spelling when known, else both "1" and "1.0" (Prometheus 2 and 3).
// A missing bound (no finite bucket at all) is written as JavaScript writes undefined.
func leMatcher(bound *float64, spellings Spellings) string {
	if bound == nil {
		return `le="undefined"`
	}
	if seen, ok := spellings[*bound]; ok {
		return `le="` + seen + `"`
	}
	text := JSNumber(*bound)
	if isInteger(*bound) {
		return `le=~"` + text + `|` + text + `\\.0"`
	}
	return `le="` + text + `"`
}

// NewHTTPQueries is the queries of an HTTP preset, grouped and filtered by label; buckets nil means the
// preset's default buckets.
func NewHTTPQueries(p *HTTPPreset, label string, latencyThreshold float64, spellings Spellings, buckets []float64) HTTPQueries {
	if buckets == nil {
		buckets = p.Duration.Buckets
	}
	sel := func(metric, extra string) string { return metric + "{" + label + `=~"$service"` + extra + "}" }
	sum := func(expr, by string) string { return "sum by (" + by + ") (" + expr + ")" }
	requests := func(window, codes string) string {
		return sum("rate("+sel(countMetric(p), codes)+"["+window+"])", label)
	}
	errors := func(window string) string {
		return "(" + requests(window, ", "+p.Status.Label+`=~"`+p.Status.ServerError+`"`) + " or " + requests(window, "") + " * 0)"
	}
	p95 := "histogram_quantile(0.95, " + sum("rate("+sel(p.Duration.Metric+"_bucket", "")+"[$__rate_interval])", label+", le") + ")"
	return HTTPQueries{
		Indicators: IndicatorQueries{
			LatencyP95:   inSeconds(p, p95),
			ErrorRate:    "100 * " + errors("$__rate_interval") + " / " + requests("$__rate_interval", ""),
			Availability: "100 * (1 - " + errors("1h") + " / " + requests("1h", "") + ")",
			Throughput:   requests("$__rate_interval", ""),
		},
		ErrorRatioQuery:        errors("$window") + " / " + requests("$window", ""),
		LatencyComplianceQuery: Fit(p, label, latencyThreshold, buckets, spellings).Query,
		TotalTimeQuery:         inSeconds(p, sum("rate("+sel(p.Duration.Metric+"_sum", "")+"[$__rate_interval])", label)),
	}
}

// Fit is the fraction of requests faster than the threshold (seconds). On a bucket bound it is that bucket
// over the count; between two bounds it is interpolated linearly, as histogram_quantile assumes requests
// spread in a bucket (weights rounded to 12 significant digits); past the last finite bound the last bound is
// used. Without a finite bound (a server holding only le="+Inf", or none yet), the preset's default buckets
// are used. thresholdFit in queries.ts.
func Fit(p *HTTPPreset, label string, threshold float64, buckets []float64, spellings Spellings) ThresholdFit {
	t := threshold * scale(p)
	under := func(bound *float64) string {
		return "sum by (" + label + ") (rate(" + p.Duration.Metric + "_bucket{" + label + `=~"$service", ` +
			leMatcher(bound, spellings) + "}[$window]))"
	}
	all := "sum by (" + label + ") (rate(" + p.Duration.Metric + "_count{" + label + `=~"$service"}[$window]))`
	var finite []float64
	for _, b := range buckets {
		if !math.IsInf(b, 0) && !math.IsNaN(b) {
			finite = append(finite, b)
		}
	}
	if len(finite) == 0 {
		finite = p.Duration.Buckets
	}
	seconds := func(b float64) float64 { return b / scale(p) }
	hiAt := slices.IndexFunc(finite, func(b float64) bool { return b >= t })
	if hiAt >= 0 && finite[hiAt] == t {
		return ThresholdFit{Query: under(&t) + " / " + all, Fit: FitExact, Bounds: Numbers{seconds(t)}}
	}
	if hiAt < 0 {
		last := finite[len(finite)-1]
		return ThresholdFit{Query: under(&last) + " / " + all, Fit: FitBelowBound, Bounds: Numbers{seconds(last)}}
	}
	hi := finite[hiAt]
	var lo *float64
	for i := len(finite) - 1; i >= 0; i-- {
		if finite[i] < t {
			lo = &finite[i]
			break
		}
	}
	var w float64
	if lo == nil {
		w = t / hi
	} else {
		w = (t - *lo) / (hi - *lo)
	}
	weight := ToPrecision(w, 12)
	low, bounds := "", Numbers{seconds(hi)}
	if lo != nil {
		low = JSNumber(ToPrecision(1-weight, 12)) + " * " + under(lo) + " + "
		bounds = Numbers{seconds(*lo), seconds(hi)}
	}
	return ThresholdFit{
		Query:  "(" + low + JSNumber(weight) + " * " + under(&hi) + ") / " + all,
		Fit:    FitInterpolated,
		Bounds: bounds,
	}
}

// ResourceQueries is the cpu and memory queries of a resource preset, for services named by label.
func ResourceQueries(p *ResourcePreset, label string) (cpu, memory string) {
	fill := func(q string) string { return strings.ReplaceAll(q, "{{service}}", label) }
	return fill(p.Queries.CPU), fill(p.Queries.Memory)
}
