package discovery

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/perfscope/perfscope/pkg/presets"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// Options are DiscoverOptions of src/discovery/discover.ts.
type Options struct {
	At           float64          // the time to look at (ms)
	ServiceLabel string           // use this service label instead of recognising one ("": recognise)
	Base         *scoring.Profile // the profile whose thresholds, weights and SLA the queries go into (nil: the default)
	Lookback     float64          // how far back label look-ups reach (ms); 0: one hour
}

// Candidate says whether a preset fits the server, and why not.
type Candidate struct {
	Preset string `json:"preset"`
	Fits   bool   `json:"fits"`
	Why    string `json:"why"`
}

// Covered is one indicator of one service: its value now, or why it has none.
type Covered struct {
	Value  *float64 `json:"value"`
	Reason string   `json:"reason,omitempty"`
}

// Latency is how the latency-SLO threshold fits the histogram found.
type Latency struct {
	presets.ThresholdFit
	Unit   string `json:"unit"`
	Metric string `json:"metric"`
}

// Discovery is what discover found: the same JSON as src/discovery's Discovery.
type Discovery struct {
	// Profile is the profile to review, or nil when nothing PerfScope can score was found.
	Profile      *scoring.Profile `json:"profile"`
	HTTP         *string          `json:"http"`
	Resources    *string          `json:"resources"`
	ServiceLabel *string          `json:"serviceLabel"`
	// Services is every service the HTTP metric names, sorted.
	Services []string `json:"services"`
	// UnlabelledSeries counts series of the HTTP metric without the service label (left out of every score).
	UnlabelledSeries float64     `json:"unlabelledSeries"`
	Candidates       []Candidate `json:"candidates"`
	Latency          *Latency    `json:"latency"`
	// Coverage is, per service and enabled indicator, the value found now or why there is none.
	Coverage map[string]map[string]Covered `json:"coverage"`
	// Fields is each enabled indicator's query field, for the report.
	Fields map[string]string `json:"fields"`
	Notes  []string          `json:"notes"`
}

func noResult(candidates []Candidate, http *string, notes ...string) *Discovery {
	return &Discovery{HTTP: http, Services: []string{}, Candidates: candidates,
		Coverage: map[string]map[string]Covered{}, Fields: map[string]string{}, Notes: notes}
}

// variables are what discovery measures with: every service and domain, 5m rates, one-hour SLA windows.
var variables = map[string]string{
	"service":         ".*",
	"domain":          ".*",
	"__rate_interval": "5m",
	"__interval":      "5m",
	"__range":         "1h",
	"window":          "1h",
}

// Discover recognises which presets fit a Prometheus-compatible server, which label names services, the
// latency histogram's buckets and unit, and builds a profile from them; then measures every indicator of that
// profile per service, so the report says what was found and, where nothing was, why. Bounded: about 20
// requests whatever the number of metrics, services or series on the server (discover in src/discovery).
func Discover(ctx context.Context, api API, o Options) (*Discovery, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	at := o.At
	lookback := o.Lookback
	if lookback == 0 {
		lookback = defaultLookback
	}
	start := at - lookback
	base := o.Base
	if base == nil {
		base = scoring.DefaultProfile()
	}
	nameList, err := labelValues(ctx, api, "__name__", "", start, at)
	if err != nil {
		return nil, err
	}
	names := map[string]bool{}
	for _, n := range nameList {
		names[n] = true
	}
	labelsSeen := map[string][]string{}
	labelsOf := func(metric string) ([]string, error) {
		if l, ok := labelsSeen[metric]; ok {
			return l, nil
		}
		l, err := labelNames(ctx, api, metric, start, at)
		if err == nil {
			labelsSeen[metric] = l
		}
		return l, err
	}

	candidates, http, err := recogniseHTTP(names, labelsOf)
	if err != nil {
		return nil, err
	}
	if http == nil {
		return noResult(candidates, nil, "no HTTP request histogram of a known preset was found: nothing to score"), nil
	}
	bucket := http.Duration.Metric + "_bucket"
	carried, err := labelsOf(bucket)
	if err != nil {
		return nil, err
	}
	serviceLabel, why := pickServiceLabel(o.ServiceLabel, http, bucket, carried)
	if why != "" {
		return noResult(candidates, &http.ID, why), nil
	}

	var services, leValues []string
	var unlabelled float64
	err = concurrently(ctx, cancel,
		func() (err error) { services, err = labelValues(ctx, api, serviceLabel, bucket, start, at); return },
		func() (err error) { leValues, err = labelValues(ctx, api, "le", bucket, start, at); return },
		func() (err error) {
			unlabelled, err = countOf(ctx, api, "count("+bucket+"{"+serviceLabel+`=""})`, at)
			return
		},
	)
	if err != nil {
		return nil, err
	}
	buckets, spellings := bucketsOf(leValues)
	latency := &Latency{
		ThresholdFit: presets.Fit(http, serviceLabel, base.SLA.LatencyThreshold, buckets, spellings),
		Unit:         http.Duration.Unit,
		Metric:       http.Duration.Metric,
	}

	cpu := ""
	if i := slices.IndexFunc(base.Indicators, func(ind scoring.Indicator) bool { return ind.ID == "cpu" }); i >= 0 {
		cpu = base.Indicators[i].Query
	}
	own, err := coveredBy(ctx, api, cpu, serviceLabel, at)
	if err != nil {
		return nil, err
	}
	var resources *presets.ResourcePreset
	if own > 0 {
		candidates = append(candidates, Candidate{Preset: "profile", Fits: true,
			Why: fmt.Sprintf("the base profile's own CPU query covers %d services", own)})
	} else if resources, err = chooseResources(ctx, api, names, serviceLabel, at, &candidates); err != nil {
		return nil, err
	}
	profile := presets.Apply(presets.Choice{ServiceLabel: serviceLabel, HTTP: http, Resources: resources,
		Buckets: buckets, Spellings: spellings}, base)
	notes := notesFor(profile, names, http, resources, own)

	enabled, fields := enabledIndicators(profile)
	coverage, err := measureCoverage(ctx, cancel, api, profile, enabled, services, at)
	if err != nil {
		return nil, err
	}
	var resourcesID *string
	if resources != nil {
		resourcesID = &resources.ID
	}
	return &Discovery{
		Profile:          profile,
		HTTP:             &http.ID,
		Resources:        resourcesID,
		ServiceLabel:     &serviceLabel,
		Services:         services,
		UnlabelledSeries: unlabelled,
		Candidates:       candidates,
		Latency:          latency,
		Coverage:         coverage,
		Fields:           fields,
		Notes:            notes,
	}, nil
}

// recogniseHTTP is every HTTP preset with whether it fits the server and why, and the first that fits (nil
// when none does).
func recogniseHTTP(names map[string]bool, labelsOf func(string) ([]string, error)) ([]Candidate, *presets.HTTPPreset, error) {
	candidates := []Candidate{}
	var http *presets.HTTPPreset
	for _, p := range presets.All().HTTP() {
		why, fits, err := httpMismatch(p, names, labelsOf)
		if err != nil {
			return nil, nil, err
		}
		if fits {
			why = p.Duration.Metric + "_bucket with " + p.Status.Label
			if http == nil {
				http = p
			}
		}
		candidates = append(candidates, Candidate{Preset: p.ID, Fits: fits, Why: why})
	}
	return candidates, http, nil
}

// pickServiceLabel is the label that names services: the one asked for, else the preset's own, else the first
// of ServiceLabels the histogram carries; why says what is wrong when there is none.
func pickServiceLabel(asked string, http *presets.HTTPPreset, bucket string, carried []string) (label, why string) {
	wanted := append([]string{http.ServiceLabel}, ServiceLabels...)
	label = asked
	if label == "" {
		if i := slices.IndexFunc(wanted, func(l string) bool { return slices.Contains(carried, l) }); i >= 0 {
			label = wanted[i]
		}
	}
	if label != "" && slices.Contains(carried, label) {
		return label, ""
	}
	shown := strings.Join(slices.DeleteFunc(slices.Clone(carried), func(l string) bool { return l == "__name__" }), ", ")
	if asked != "" {
		return "", fmt.Sprintf(`no series of %s carries the service label asked for, "%s"; they carry %s`, bucket, asked, shown)
	}
	return "", fmt.Sprintf("no label of %s names services (looked for %s); they carry %s: choose one as the service label (Settings: Service label; CLI: discover --service-label)", bucket, strings.Join(wanted, ", "), shown)
}

// bucketsOf is the histogram's finite bucket bounds, sorted, and how the server spells each.
func bucketsOf(leValues []string) ([]float64, presets.Spellings) {
	spellings := presets.Spellings{}
	buckets := []float64{}
	for _, text := range leValues {
		bound := sampleValue(text)
		if math.IsInf(bound, 0) || math.IsNaN(bound) {
			continue
		}
		if _, seen := spellings[bound]; !seen {
			buckets = append(buckets, bound)
		}
		spellings[bound] = text
	}
	slices.Sort(buckets)
	return buckets, spellings
}

// notesFor is what the report says about the profile built; it disables cpu and memory when no resource
// metrics cover the services.
func notesFor(profile *scoring.Profile, names map[string]bool, http *presets.HTTPPreset, resources *presets.ResourcePreset, own int) []string {
	notes := []string{}
	if resources == nil && own == 0 {
		notes = append(notes, "no CPU and memory metrics of a known preset cover these services: cpu and memory are disabled")
		for i, ind := range profile.Indicators {
			if ind.ID == "cpu" || ind.ID == "memory" {
				profile.Indicators[i].Enabled = false
			}
		}
	}
	if !names["domain_duration_seconds_sum"] {
		notes = append(notes, "no domain_duration_seconds (PerfScope's own domain instrumentation, docs/metrics.md): domain overhead will have no data")
	}
	about := "about " + http.ID
	if resources != nil {
		about += " and " + resources.ID
	}
	return append(notes, about+": docs/presets.md")
}

// enabledIndicators is the indices of the profile's enabled indicators and the field that holds each one's query.
func enabledIndicators(profile *scoring.Profile) ([]int, map[string]string) {
	var enabled []int
	fields := map[string]string{}
	for i, ind := range profile.Indicators {
		if ind.Enabled {
			enabled = append(enabled, i)
			fields[ind.ID] = fmt.Sprintf("indicators[%d].query", i)
		}
	}
	return enabled, fields
}

// httpMismatch says why an HTTP preset does not fit the server; fits when it does.
func httpMismatch(p *presets.HTTPPreset, names map[string]bool, labelsOf func(string) ([]string, error)) (why string, fits bool, err error) {
	bucket := p.Duration.Metric + "_bucket"
	if !names[bucket] {
		if names[p.Duration.Metric+"_count"] {
			return p.Duration.Metric + " has no buckets (_bucket series): its histogram is not enabled", false, nil
		}
		return "no " + bucket, false, nil
	}
	if p.Requests != nil && !names[p.Requests.Metric] {
		return "no " + p.Requests.Metric, false, nil
	}
	statusOn := bucket
	if p.Status.On == "requests" && p.Requests != nil {
		statusOn = p.Requests.Metric
	}
	labels, err := labelsOf(statusOn)
	if err != nil {
		return "", false, err
	}
	if !slices.Contains(labels, p.Status.Label) {
		return statusOn + " has no " + p.Status.Label + " label", false, nil
	}
	return "", true, nil
}

// chooseResources is the resource preset whose CPU query covers the most services (nil when none covers any).
func chooseResources(ctx context.Context, api API, names map[string]bool, label string, at float64, candidates *[]Candidate) (*presets.ResourcePreset, error) {
	var best *presets.ResourcePreset
	bestCovered := 0
	for _, p := range presets.All().Resources() {
		var absent []string
		for _, m := range p.Metrics {
			if !names[m] {
				absent = append(absent, m)
			}
		}
		if len(absent) > 0 {
			*candidates = append(*candidates, Candidate{Preset: p.ID, Why: "no " + strings.Join(absent, ", ")})
			continue
		}
		cpu, _ := presets.ResourceQueries(p, label)
		covered, err := coveredBy(ctx, api, cpu, label, at)
		if err != nil {
			return nil, err
		}
		why := "its CPU query finds no service by " + label
		if covered > 0 {
			why = fmt.Sprintf("CPU for %d services", covered)
		}
		*candidates = append(*candidates, Candidate{Preset: p.ID, Fits: covered > 0, Why: why})
		if covered > bestCovered {
			best, bestCovered = p, covered
		}
	}
	return best, nil
}

// coveredBy is how many services (by label) a query has a value for now.
func coveredBy(ctx context.Context, api API, query, label string, at float64) (int, error) {
	if query == "" {
		return 0, nil
	}
	samples, err := instantQuery(ctx, api, Interpolate(query, variables), at)
	if err != nil {
		return 0, err
	}
	seen := map[string]bool{}
	for _, s := range samples {
		if name := s.Labels[label]; name != "" && !math.IsNaN(s.Value) && !math.IsInf(s.Value, 0) {
			seen[name] = true
		}
	}
	return len(seen), nil
}

// measureCoverage is every enabled indicator's value per service now; where one has none, why (one
// explanation per indicator). The indicators are measured concurrently.
func measureCoverage(ctx context.Context, cancel context.CancelFunc, api API, profile *scoring.Profile, enabled []int,
	services []string, at float64) (map[string]map[string]Covered, error) {
	coverage := map[string]map[string]Covered{}
	for _, s := range services {
		coverage[s] = map[string]Covered{}
	}
	vars := map[string]string{"latencyThreshold": presets.JSNumber(profile.SLA.LatencyThreshold)}
	for k, v := range variables {
		vars[k] = v
	}
	var mu sync.Mutex
	tasks := make([]func() error, len(enabled))
	for k, i := range enabled {
		ind := profile.Indicators[i]
		tasks[k] = func() error {
			samples, err := instantQuery(ctx, api, Interpolate(ind.Query, vars), at)
			if err != nil {
				return err
			}
			values := map[string]float64{}
			for _, s := range samples {
				if name := s.Labels[profile.ServiceLabel]; name != "" && !math.IsNaN(s.Value) && !math.IsInf(s.Value, 0) {
					values[name] = s.Value
				}
			}
			var lacking []string
			for _, s := range services {
				if _, ok := values[s]; !ok {
					lacking = append(lacking, s)
				}
			}
			reason := ""
			if len(lacking) > 0 {
				if reason, err = ExplainFor(ctx, api, ind.Query, profile.ServiceLabel, lacking, at); err != nil {
					return err
				}
			}
			mu.Lock()
			defer mu.Unlock()
			for _, s := range services {
				if v, ok := values[s]; ok {
					coverage[s][ind.ID] = Covered{Value: &v}
				} else {
					coverage[s][ind.ID] = Covered{Reason: reason}
				}
			}
			return nil
		}
	}
	if err := concurrently(ctx, cancel, tasks...); err != nil {
		return nil, err
	}
	return coverage, nil
}

// concurrently runs the tasks at once (the client bounds how many requests are in flight) and returns the
// first error, cancelling the others as Promise.all abandons them.
func concurrently(ctx context.Context, cancel context.CancelFunc, tasks ...func() error) error {
	errs := make([]error, len(tasks))
	var first error
	var once sync.Once
	var wg sync.WaitGroup
	for i, task := range tasks {
		wg.Go(func() {
			if errs[i] = task(); errs[i] != nil {
				once.Do(func() { first = errs[i]; cancel() })
			}
		})
	}
	wg.Wait()
	if first == nil && ctx.Err() != nil {
		return ctx.Err()
	}
	return first
}
