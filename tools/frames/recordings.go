package main

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// A recording is one panel's queries over one time range, answered as Grafana's /api/ds/query answers them.
type recording struct {
	File       string
	Datasource string // dsPrometheus (stock datasource) or dsPerfScope (PerfScope backend datasource)
	Range      time.Duration
	Step       time.Duration
	Queries    []target
}

// The datasources a recording asks.
const (
	dsPrometheus = "prometheus"
	dsPerfScope  = "perfscope"
)

// byService is the legend of a series per service.
const byService = "{{service}}"

// target is a panel query as the dashboard JSON holds it.
type target struct {
	RefID        string `json:"refId"`
	Expr         string `json:"expr,omitempty"`
	Instant      bool   `json:"instant,omitempty"`
	LegendFormat string `json:"legendFormat,omitempty"`
	// PerfScope datasource query model.
	QueryType    string          `json:"queryType,omitempty"`
	RateInterval string          `json:"rateInterval,omitempty"`
	Condition    json.RawMessage `json:"condition,omitempty"`
}

// The fixture's rate interval (testdata/scenarios/expected.json "rateInterval"): $__rate_interval at a 1m step.
const rateInterval = "5m"

// monthRateInterval is $__rate_interval at a 1h step: Grafana's max(step + scrape interval, 4 x scrape interval).
const monthRateInterval = "1h15s"

// expand fills the template variables of a profile query as a dashboard showing every service does.
func expand(query string, extra map[string]string) string {
	pairs := []string{"$__rate_interval", rateInterval, "$service", ".*", "$domain", ".*"}
	for k, v := range extra {
		pairs = append(pairs, "$"+k, v)
	}
	return strings.NewReplacer(pairs...).Replace(query)
}

func sum(metric, matchers, rate string) string {
	return fmt.Sprintf(`sum by (service) (rate(%s{service=~".*"%s}[%s]))`, metric, matchers, rate)
}

// windowRatios is one query for the error ratio over every burn-rate window and the SLA period, each series
// labelled with its window, as the SLA panel reads them.
func windowRatios(p *scoring.Profile) string {
	windows := []string{}
	seen := map[string]bool{}
	for _, t := range p.SLA.BurnRateTiers {
		for _, w := range []string{t.ShortWindow, t.LongWindow} {
			if t.Enabled && !seen[w] {
				seen[w] = true
				windows = append(windows, w)
			}
		}
	}
	windows = append(windows, p.SLA.Period)
	parts := make([]string, len(windows))
	for i, w := range windows {
		parts[i] = fmt.Sprintf(`label_replace(%s, "window", "%s", "", "")`, expand(p.SLA.ErrorRatioQuery, map[string]string{"window": w}), w)
	}
	return strings.Join(parts, " or ")
}

func recordings() []recording {
	p := scoring.DefaultProfile()
	var health []target
	for _, ind := range p.Indicators {
		if ind.Enabled {
			health = append(health, target{RefID: ind.ID, Expr: expand(ind.Query, nil), LegendFormat: byService})
		}
	}
	d := p.Domains
	sla := func(rate string) []target {
		return []target{
			{RefID: "errors", Expr: sum("http_requests_total", `, code=~"5.."`, rate), LegendFormat: byService},
			{RefID: "requests", Expr: sum("http_requests_total", "", rate), LegendFormat: byService},
			{RefID: "period", Expr: expand(p.SLA.ErrorRatioQuery, map[string]string{"window": p.SLA.Period}), LegendFormat: byService},
			{RefID: "windows", Expr: windowRatios(p), Instant: true, LegendFormat: "{{service}} {{window}}"},
			{RefID: "latency", Instant: true, LegendFormat: byService, Expr: expand(p.SLA.LatencyComplianceQuery,
				map[string]string{"window": p.SLA.Period, "latencyThreshold": fmt.Sprint(p.SLA.LatencyThreshold)})},
		}
	}
	perfscope := func(queryType string, condition string) target {
		t := target{RefID: queryType, QueryType: queryType, RateInterval: rateInterval}
		if condition != "" {
			t.Condition = json.RawMessage(condition)
		}
		return t
	}
	return []recording{
		{File: "health.prometheus.json", Datasource: dsPrometheus, Range: time.Hour, Step: time.Minute, Queries: health},
		{File: "domainoverhead.prometheus.json", Datasource: dsPrometheus, Range: time.Hour, Step: time.Minute, Queries: []target{
			{RefID: "domain_time", Expr: expand(d.DomainTimeQuery, nil), LegendFormat: "{{service}} {{domain}}"},
			{RefID: "total_time", Expr: expand(d.TotalTimeQuery, nil), LegendFormat: byService},
			{RefID: "domain_latency", Expr: expand(d.DomainLatencyQuery, nil), LegendFormat: "{{service}} {{domain}}"},
			{RefID: "domain_baseline", Expr: offset(expand(d.DomainLatencyQuery, nil), d.BaselineOffset), LegendFormat: "{{service}} {{domain}}"},
		}},
		{File: "sla.prometheus.json", Datasource: dsPrometheus, Range: 12 * time.Hour, Step: time.Minute, Queries: sla(rateInterval)},
		{File: "sla-30d.prometheus.json", Datasource: dsPrometheus, Range: 30 * 24 * time.Hour, Step: time.Hour, Queries: sla(monthRateInterval)},
		{File: "health.perfscope.json", Datasource: dsPerfScope, Range: time.Hour, Step: time.Minute,
			Queries: []target{perfscope("health", "")}},
		{File: "domainoverhead.perfscope.json", Datasource: dsPerfScope, Range: time.Hour, Step: time.Minute,
			Queries: []target{perfscope("domainOverhead", "")}},
		{File: "sla.perfscope.json", Datasource: dsPerfScope, Range: 12 * time.Hour, Step: time.Minute,
			Queries: []target{perfscope("sla", ""), perfscope("mttr", `{"kind":"indicator","indicator":"error_rate","band":"critical"}`)}},
	}
}

// offset moves every range selector of the default domain latency query back by the baseline offset.
func offset(expr, by string) string {
	return strings.ReplaceAll(expr, "["+rateInterval+"]", "["+rateInterval+"] offset "+by)
}
