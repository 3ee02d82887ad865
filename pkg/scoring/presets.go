package scoring

// MetricPreset is a family of ready queries; each replaces the query of the indicator it names.
type MetricPreset struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Description string            `json:"description"`
	Queries     map[string]string `json:"queries"`
}

// OpenTelemetry HTTP semantic conventions, as exported to Prometheus (seconds histogram, status code label).
func otelRequests(window, codes string) string {
	return `sum by (service) (rate(http_server_request_duration_seconds_count{service=~"$service"` + codes + `}[` + window + `]))`
}

func otelErrorsOrZero(window string) string {
	return "(" + otelRequests(window, `, http_response_status_code=~"5.."`) + " or " + otelRequests(window, "") + " * 0)"
}

// MetricPresets are the presets of src/scoring/profile/presets.ts (a golden file keeps the two equal).
func MetricPresets() []MetricPreset {
	def := map[string]string{}
	for _, ind := range DefaultProfile().Indicators {
		def[ind.ID] = ind.Query
	}
	rate := "$__rate_interval"
	return []MetricPreset{
		{ID: "prometheus-client", Name: "Prometheus client conventions",
			Description: "http_request_duration_seconds and http_requests_total, as the Prometheus client libraries name them.",
			Queries: map[string]string{"latency_p95": def["latency_p95"], "error_rate": def["error_rate"],
				"availability": def["availability"], "throughput": def["throughput"]}},
		{ID: "otel-http", Name: "OpenTelemetry HTTP semantic conventions",
			Description: "http_server_request_duration_seconds with the http_response_status_code label.",
			Queries: map[string]string{
				"latency_p95":  `histogram_quantile(0.95, sum by (service, le) (rate(http_server_request_duration_seconds_bucket{service=~"$service"}[$__rate_interval])))`,
				"error_rate":   "100 * " + otelErrorsOrZero(rate) + " / " + otelRequests(rate, ""),
				"availability": "100 * (1 - " + otelErrorsOrZero("1h") + " / " + otelRequests("1h", "") + ")",
				"throughput":   otelRequests(rate, ""),
			}},
		{ID: "node-exporter", Name: "node_exporter", Description: "Machine CPU and memory utilisation from node_exporter.",
			Queries: map[string]string{"cpu": def["cpu"], "memory": def["memory"]}},
		{ID: "process", Name: "Process metrics",
			Description: "The service's own process_* metrics: CPU seconds, and resident memory as a share of the machine's.",
			Queries: map[string]string{
				"cpu":    `100 * sum by (service) (rate(process_cpu_seconds_total{service=~"$service"}[$__rate_interval]))`,
				"memory": `100 * sum by (service) (process_resident_memory_bytes{service=~"$service"}) / sum by (service) (node_memory_MemTotal_bytes{service=~"$service"})`,
			}},
	}
}
