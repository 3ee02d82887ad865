//go:build linux

package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strconv"
	"time"

	"github.com/perfscope/perfscope/tools/fixtures"
)

// The data: n services in the default profile's shape (label service), 30 days of history ending at the
// generation time, then served live for Prometheus to scrape, so rules evaluated at wall-clock time read both.
const (
	day        = 24 * time.Hour
	history    = 31 * day // a full 30-day window at the first evaluation
	denseStep  = 15 * time.Second
	denseSpan  = 10 * time.Minute // before the end and around 7 days ago: 5-minute rates need scrapes
	regression = 7 * day          // the latency regression's baseline offset
	growth     = 3*day + time.Hour
	scrapeStep = "15s"
)

// span says where a series has samples: every point of the history, only the dense ones, or the last growth.
type span int

const (
	spanHistory span = iota
	spanDense
	spanGrowth
)

// metric is one series of a service: its name, extra labels, span and value at time t (seconds since start).
type metric struct {
	name   string
	labels []fixtures.Label
	span   span
	value  func(t float64) float64
}

var buckets = []struct {
	le       string
	fraction float64
}{{"0.05", 0.3}, {"0.1", 0.7}, {"0.2", 0.96}, {"0.5", 0.99}, {"1", 0.999}, {"+Inf", 1}}

// service i's metrics, a healthy fleet (no alert of either rule set fires, as in a steady state): a daily
// traffic wave, 2 to 6 errors in 10,000 requests, p95 latency under 0.2 s, memory growing up to 3 MB a day, two
// domains taking 2.5 % of request time, CPU, memory and a database pool.
func serviceMetrics(i int, sloth []fixtures.Label) []metric {
	rps := 5 + float64(i%10)
	errors := 0.0002 + 0.0001*float64(i%5)
	// Requests so far: rps integrated over a wave of +-30 % a day.
	requests := func(t float64) float64 {
		w := 2 * math.Pi / day.Seconds()
		return rps * (t + 0.3/w*(1-math.Cos(w*t)))
	}
	count := func(f float64) func(float64) float64 {
		return func(t float64) float64 { return math.Floor(f * requests(t)) }
	}
	l := func(kv ...string) []fixtures.Label {
		var out []fixtures.Label
		for j := 0; j+1 < len(kv); j += 2 {
			out = append(out, fixtures.Label{Name: kv[j], Value: kv[j+1]})
		}
		return out
	}
	constant := func(v float64) func(float64) float64 { return func(float64) float64 { return v } }
	ms := []metric{
		{"http_requests_total", l("code", "200"), spanHistory, count(1 - errors)},
		{"http_requests_total", l("code", "500"), spanHistory, count(errors)},
		{"http_request_duration_seconds_count", nil, spanHistory, count(1)},
		{"http_request_duration_seconds_sum", nil, spanDense, func(t float64) float64 { return 0.12 * requests(t) }},
		{"process_resident_memory_bytes", nil, spanGrowth, func(t float64) float64 {
			return 2e8 + 1e6*float64(i%4)*t/day.Seconds() + 1e6*math.Sin(t/3600)
		}},
		{"domain_duration_seconds_sum", l("domain", "checkout"), spanDense, func(t float64) float64 { return 0.002 * requests(t) }},
		{"domain_duration_seconds_sum", l("domain", "search"), spanDense, func(t float64) float64 { return 0.001 * requests(t) }},
		{"node_cpu_seconds_total", l("cpu", "0", "mode", "idle"), spanDense, func(t float64) float64 { return 0.6 * t }},
		{"node_cpu_seconds_total", l("cpu", "0", "mode", "user"), spanDense, func(t float64) float64 { return 0.4 * t }},
		{"node_memory_MemAvailable_bytes", nil, spanDense, constant(4e9)},
		{"node_memory_MemTotal_bytes", nil, spanDense, constant(8e9)},
		{"db_pool_connections_in_use", nil, spanDense, constant(float64(5 + i%10))},
		{"db_pool_connections_max", nil, spanDense, constant(50)},
		// Sloth's recorded 5-minute error ratio, as its own rules would have recorded it all month.
		{"slo:sli_error:ratio_rate5m", sloth, spanHistory, constant(errors)},
	}
	for _, b := range buckets {
		s := spanDense
		if b.le == "0.2" { // the SLA's latency threshold: latency compliance reads it over 30 days
			s = spanHistory
		}
		ms = append(ms, metric{"http_request_duration_seconds_bucket", l("le", b.le), s, count(b.fraction)})
	}
	return ms
}

// dataset is the fleet's series and timestamps.
type dataset struct {
	services int
	start    time.Time // counters start here
	end      time.Time // the last backfilled sample
	history  []time.Time
	dense    map[int64]bool
	growth   time.Time
	sloth    []fixtures.Label
}

func newDataset(services int, step time.Duration, end time.Time, sloth []fixtures.Label) *dataset {
	end = end.Truncate(denseStep)
	d := &dataset{services: services, start: end.Add(-history).Truncate(step), end: end, dense: map[int64]bool{},
		growth: end.Add(-growth), sloth: sloth}
	seen := map[int64]bool{}
	add := func(from, to time.Time, every time.Duration, dense bool) {
		for t := from; !t.After(to); t = t.Add(every) {
			if !seen[t.Unix()] {
				seen[t.Unix()] = true
				d.history = append(d.history, t)
			}
			if dense {
				d.dense[t.Unix()] = true
			}
		}
	}
	add(d.start, end, step, false)
	add(end.Add(-denseSpan), end, denseStep, true)
	then := end.Add(-regression)
	add(then.Add(-denseSpan), then.Add(3*denseSpan), denseStep, true)
	sort.Slice(d.history, func(i, j int) bool { return d.history[i].Before(d.history[j]) })
	return d
}

func (d *dataset) has(m metric, t time.Time) bool {
	switch m.span {
	case spanDense:
		return d.dense[t.Unix()]
	case spanGrowth:
		return !t.Before(d.growth)
	}
	return true
}

func (d *dataset) series(i int) []metric { return serviceMetrics(i, d.sloth) }

func (d *dataset) labels(i int, m metric) string {
	all := append([]fixtures.Label{{Name: "service", Value: fixtures.FleetService(i + 1)}}, m.labels...)
	out := "{"
	for j, l := range all {
		if j > 0 {
			out += ","
		}
		out += l.Name + "=" + strconv.Quote(l.Value)
	}
	return out + "}"
}

// writeOpenMetrics streams the history as OpenMetrics text for promtool, one family per metric name (all
// untyped: rate() reads samples, not metadata), each series in time order. Returns the sample count.
func (d *dataset) writeOpenMetrics(w io.Writer) (int, error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	var names []string
	for _, m := range d.series(0) {
		if len(names) == 0 || names[len(names)-1] != m.name {
			names = append(names, m.name)
		}
	}
	samples := 0
	for _, name := range names {
		fmt.Fprintf(bw, "# TYPE %s unknown\n", name)
		for i := 0; i < d.services; i++ {
			for _, m := range d.series(i) {
				if m.name != name {
					continue
				}
				prefix := m.name + d.labels(i, m) + " "
				for _, t := range d.history {
					if !d.has(m, t) {
						continue
					}
					line := append(bw.AvailableBuffer(), prefix...)
					line = strconv.AppendFloat(line, m.value(t.Sub(d.start).Seconds()), 'g', -1, 64)
					line = append(line, ' ')
					line = strconv.AppendInt(line, t.Unix(), 10)
					line = append(line, '\n')
					if _, err := bw.Write(line); err != nil {
						return samples, err
					}
					samples++
				}
			}
		}
	}
	if _, err := bw.WriteString("# EOF\n"); err != nil {
		return samples, err
	}
	return samples, bw.Flush()
}

// ServeHTTP is the live scrape after the history: every series but Sloth's recorded one (its rules record it
// from now on), valued at the scrape's time.
func (d *dataset) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	t := time.Since(d.start).Seconds()
	w.Header().Set("Content-Type", "text/plain; version=0.0.4")
	bw := bufio.NewWriterSize(w, 1<<16)
	for i := 0; i < d.services; i++ {
		for _, m := range d.series(i) {
			if m.name == "slo:sli_error:ratio_rate5m" {
				continue
			}
			fmt.Fprintf(bw, "%s%s %s\n", m.name, d.labels(i, m), strconv.FormatFloat(m.value(t), 'g', -1, 64))
		}
	}
	_ = bw.Flush()
}
