package scoring

// The default queries follow docs/metrics.md (Prometheus client conventions), as in src/scoring/profile.
// `or ... * 0` turns "no 5xx series" into an error rate of 0 instead of no data.
func requests(window, codes string) string {
	return `sum by (service) (rate(http_requests_total{service=~"$service"` + codes + `}[` + window + `]))`
}

func errorsOrZero(window string) string {
	return "(" + requests(window, `, code=~"5.."`) + " or " + requests(window, "") + " * 0)"
}

// DomainQueries are PerfScope's own domain instrumentation queries (docs/metrics.md) for services named by
// label: the time spent in each domain and its mean latency (domainQueries in src/scoring/profile/defaults.ts).
func DomainQueries(label string) (domainTime, domainLatency string) {
	rate := func(suffix string) string {
		return "sum by (" + label + ", domain) (rate(domain_duration_seconds_" + suffix + "{" + label +
			`=~"$service", domain=~"$domain"}[$__rate_interval]))`
	}
	return rate("sum"), rate("sum") + " / " + rate("count")
}

// DefaultServiceLabel is the label that names services when the profile does not say (Profile.ServiceLabel).
const DefaultServiceLabel = "service"

func indicator(id, name, unit, direction string, t [3]float64, weight float64, key, enabled bool, query string) Indicator {
	return Indicator{ID: id, Name: name, Unit: unit, Direction: direction, Target: t[0], Warning: t[1], Critical: t[2],
		Weight: weight, Key: key, Enabled: enabled, Query: query}
}

// DefaultProfile returns a fresh copy of the default profile, PerfScope's own performance standards; a test
// keeps it equal to testdata/profiles/default.json.
func DefaultProfile() *Profile {
	rate := "$__rate_interval"
	domainTime, domainLatency := DomainQueries(DefaultServiceLabel)
	return &Profile{
		Aggregation:  Weighted,
		ServiceLabel: DefaultServiceLabel,
		Indicators: []Indicator{
			indicator("latency_p95", "Latency p95", "s", "lower", [3]float64{0.2, 0.5, 1}, 0.3, true, true,
				`histogram_quantile(0.95, sum by (service, le) (rate(http_request_duration_seconds_bucket{service=~"$service"}[$__rate_interval])))`),
			indicator("error_rate", "Error rate", "percent", "lower", [3]float64{0.1, 0.5, 1}, 0.3, true, true,
				"100 * "+errorsOrZero(rate)+" / "+requests(rate, "")),
			indicator("cpu", "CPU", "percent", "lower", [3]float64{70, 80, 90}, 0.15, false, true,
				`100 * (1 - avg by (service) (rate(node_cpu_seconds_total{service=~"$service", mode="idle"}[$__rate_interval])))`),
			indicator("memory", "Memory", "percent", "lower", [3]float64{80, 90, 95}, 0.15, false, true,
				`100 * (1 - sum by (service) (node_memory_MemAvailable_bytes{service=~"$service"}) / sum by (service) (node_memory_MemTotal_bytes{service=~"$service"}))`),
			indicator("availability", "Availability", "percent", "higher", [3]float64{99.9, 99.5, 99}, 0.1, false, true,
				"100 * (1 - "+errorsOrZero("1h")+" / "+requests("1h", "")+")"),
			indicator("throughput", "Throughput", "reqps", "higher", [3]float64{1, 0.5, 0.1}, 0.1, false, false, requests(rate, "")),
		},
		Domains: Domains{
			Defaults:           Thresholds{Target: 1.5, Warning: 3, Critical: 5},
			Overrides:          map[string]Thresholds{},
			System:             Thresholds{Target: 4.7, Warning: 7, Critical: 10},
			Mode:               ModeShare,
			BaselineOffset:     "7d",
			DomainTimeQuery:    domainTime,
			TotalTimeQuery:     `sum by (service) (rate(http_request_duration_seconds_sum{service=~"$service"}[$__rate_interval]))`,
			DomainLatencyQuery: domainLatency,
		},
		SLA: SLA{
			Target: 99.9, Period: "30d", MTTRTarget: "5m", LatencyThreshold: 0.2, LatencyTarget: 95,
			BurnRateTiers: []BurnRateTier{
				{Name: "fast-burn", BudgetFraction: 0.02, LongWindow: "1h", ShortWindow: "5m", Severity: "critical", Enabled: true},
				{Name: "slow-burn", BudgetFraction: 0.05, LongWindow: "6h", ShortWindow: "30m", Severity: "critical", Enabled: true},
				{Name: "budget-drain", BudgetFraction: 0.1, LongWindow: "1d", ShortWindow: "2h", Severity: "warning", Enabled: true},
				{Name: "slow-drain", BudgetFraction: 0.1, LongWindow: "3d", ShortWindow: "6h", Severity: "info", Enabled: true},
			},
			ErrorRatioQuery: errorsOrZero("$window") + " / " + requests("$window", ""),
			LatencyComplianceQuery: `sum by (service) (rate(http_request_duration_seconds_bucket{service=~"$service", le="$latencyThreshold"}[$window]))` +
				` / sum by (service) (rate(http_request_duration_seconds_count{service=~"$service"}[$window]))`,
			BudgetPolicy: DefaultBudgetPolicy(),
		},
		Groups: []Group{},
	}
}

// DefaultBudgetPolicy is the error-budget policy of a profile without one; README "Error-budget policy" gives
// the reasons.
func DefaultBudgetPolicy() BudgetPolicy {
	return BudgetPolicy{WarnSpent: 50, PageSpent: 75, FreezeSpent: 100, FreezeExhaustion: "3d", Windows: []string{"1h", "6h", "1d"}}
}
