package plugin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/prometheus/common/model"

	"github.com/perfscope/perfscope/pkg/prom"
	"github.com/perfscope/perfscope/pkg/scoring"
)

// Query is the query model the QueryEditor writes.
type Query struct {
	QueryType string `json:"queryType"`
	// Service and Domain are regular expressions for $service and $domain (default: every one).
	Service string `json:"service"`
	Domain  string `json:"domain"`
	// ExcludeDomain is a regular expression of domains a domainOverhead query leaves out.
	ExcludeDomain string `json:"excludeDomain"`
	// Expr is the PromQL of a promql query.
	Expr string `json:"expr"`
	// RateInterval fixes $__rate_interval (otherwise Grafana's rule from the step and the scrape interval).
	RateInterval string `json:"rateInterval"`
	// mttr: the breach condition. Kind is score, indicator or tier; a score or indicator is in breach when its
	// band is Band or worse (default critical).
	Condition Condition `json:"condition"`
	// Measure is the one number per labelled series an alert query returns (measure.go); dashboards get
	// every frame whatever it says.
	Measure string `json:"measure"`
	// Tier limits an sla query's tierFiring measure to one burn-rate tier of the profile.
	Tier string `json:"tier"`
}

// Condition is what counts as a breach for an mttr query.
type Condition struct {
	Kind      string `json:"kind"`
	Band      string `json:"band"`
	Indicator string `json:"indicator"`
	Tier      string `json:"tier"`
}

// Query types.
const (
	TypeHealth         = "health"
	TypeDomainOverhead = "domainOverhead"
	TypeSLA            = "sla"
	TypeMTTR           = "mttr"
	TypePromQL         = "promql"
)

var queryTypeNames = []string{TypeHealth, TypeDomainOverhead, TypeSLA, TypeMTTR, TypePromQL}

// run is one query being answered: the parsed model, its time grid and the request's deduplicating client.
type run struct {
	d      *Datasource
	batch  *prom.Batch
	q      Query
	rng    prom.Range
	grid   grid
	alert  bool
	vars   map[string]string // template variables shared by every expression of the query
	refID  string
	scorer *scoring.Scorer
	// keepDomain tells the domains the query asks for: matching domain and not excludeDomain. Checked here
	// too, so a profile query without $domain still answers for the chosen domains only.
	keepDomain func(domain string) bool
	// unlabelled are the series left out for want of the profile's service label, for the response's notices.
	unlabelled unlabelledSeries
}

// ParseQuery decodes and checks a query's JSON; every problem names its field.
func ParseQuery(raw json.RawMessage, queryType string) (Query, error) {
	var q Query
	if len(bytes.TrimSpace(raw)) > 0 {
		if err := json.Unmarshal(raw, &q); err != nil {
			return q, fmt.Errorf("the query is not valid JSON: %s", describeJSONError(err))
		}
	}
	if queryType != "" {
		q.QueryType = queryType
	}
	if q.QueryType == "" {
		q.QueryType = TypeHealth
	}
	for _, f := range []struct {
		name string
		val  *string
	}{{"service", &q.Service}, {"domain", &q.Domain}, {"excludeDomain", &q.ExcludeDomain}} {
		if strings.TrimSpace(*f.val) == "" && f.name != "excludeDomain" {
			*f.val = ".*"
		}
		if _, err := anchored(*f.val); err != nil {
			return q, fmt.Errorf("%s: %q is not a valid regular expression: %v", f.name, *f.val, err)
		}
	}
	if q.RateInterval != "" {
		if _, err := scoring.ParseWindow(q.RateInterval); err != nil {
			return q, fmt.Errorf("rateInterval: %v", err)
		}
	}
	if q.QueryType == TypePromQL && strings.TrimSpace(q.Expr) == "" {
		return q, fmt.Errorf("expr: enter a PromQL expression")
	}
	if q.QueryType == TypeMTTR {
		if err := checkCondition(&q.Condition); err != nil {
			return q, err
		}
	}
	return q, checkMeasure(&q)
}

// domainFilter keeps the domains that match include and, unless exclude is empty, do not match exclude. Both
// were checked by ParseQuery.
func domainFilter(include, exclude string) func(string) bool {
	in, _ := anchored(include)
	if exclude == "" {
		return in.MatchString
	}
	out, _ := anchored(exclude)
	return func(domain string) bool { return in.MatchString(domain) && !out.MatchString(domain) }
}

// anchored compiles a regular expression as Prometheus matches label values: against the whole value.
func anchored(expr string) (*regexp.Regexp, error) { return regexp.Compile("^(?:" + expr + ")$") }

func checkCondition(c *Condition) error {
	if c.Kind == "" {
		c.Kind = "score"
	}
	if c.Band == "" {
		c.Band = scoring.BandCritical
	}
	switch c.Kind {
	case "score", "indicator":
		if _, ok := bandFloor[c.Band]; !ok {
			return fmt.Errorf("condition.band: %q is not one of info, warning, critical", c.Band)
		}
		if c.Kind == "indicator" && c.Indicator == "" {
			return fmt.Errorf("condition.indicator: choose the indicator whose breaches count")
		}
	case "tier":
		if c.Tier == "" {
			return fmt.Errorf("condition.tier: choose the burn-rate tier whose firing counts")
		}
	default:
		return fmt.Errorf("condition.kind: %q is not one of score, indicator, tier", c.Kind)
	}
	return nil
}

// bandFloor is the score below which a score is in the band or worse.
var bandFloor = map[string]float64{scoring.BandInfo: 90, scoring.BandWarning: 70, scoring.BandCritical: 50}

func newRun(d *Datasource, batch *prom.Batch, dq backend.DataQuery, alert bool) (*run, error) {
	q, err := ParseQuery(dq.JSON, dq.QueryType)
	if err != nil {
		return nil, err
	}
	step := dq.Interval
	if step <= 0 && dq.MaxDataPoints > 0 {
		step = dq.TimeRange.Duration() / time.Duration(dq.MaxDataPoints)
	}
	step = max(step.Truncate(time.Millisecond), time.Second)
	from, to := dq.TimeRange.From, dq.TimeRange.To
	if !to.After(from) {
		return nil, fmt.Errorf("time range: %s to %s is empty", from.UTC().Format(time.RFC3339), to.UTC().Format(time.RFC3339))
	}
	// Align to the step, as Grafana's Prometheus datasource does, so refreshes hit the same samples.
	start := time.UnixMilli(from.UnixMilli() / step.Milliseconds() * step.Milliseconds())
	end := time.UnixMilli(to.UnixMilli() / step.Milliseconds() * step.Milliseconds())
	n := int(end.Sub(start)/step) + 1
	if n > prom.MaxPoints {
		return nil, fmt.Errorf("time range: %s at a %s step is %d points; at most %d are allowed: widen the interval or narrow the range",
			end.Sub(start), step, n, prom.MaxPoints)
	}
	rate := max(4*d.settings.scrapeInterval, step+d.settings.scrapeInterval)
	if q.RateInterval != "" {
		rate, _ = scoring.ParseWindow(q.RateInterval)
	}
	r := &run{d: d, batch: batch, q: q, alert: alert, refID: dq.RefID, scorer: d.scorer,
		rng:        prom.Range{Start: start, End: end, Step: step},
		grid:       grid{start: start.UnixMilli(), step: step.Milliseconds(), n: n},
		keepDomain: domainFilter(q.Domain, q.ExcludeDomain),
	}
	r.vars = map[string]string{
		"__rate_interval": formatDuration(rate),
		"__range":         formatDuration(to.Sub(from).Truncate(time.Second)),
		"service":         escapeString(q.Service),
		"domain":          escapeString(q.Domain),
	}
	return r, nil
}

// formatDuration writes a duration the way PromQL reads it ("5m", "1h30m", "1500ms").
func formatDuration(d time.Duration) string { return model.Duration(d).String() }

// escapeString makes a value safe inside a PromQL double-quoted string.
func escapeString(s string) string {
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

// formatNumber writes a number the way Prometheus writes label values such as le="0.2".
func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

var variable = regexp.MustCompile(`\$\{(\w+)\}|\$(\w+)|\[\[(\w+)\]\]`)

// expand substitutes the query's template variables and extra ones into expr; unknown variables stay as
// they are, so Prometheus names them in its error.
func (r *run) expand(expr string, extra map[string]string) string {
	return variable.ReplaceAllStringFunc(expr, func(m string) string {
		name := strings.Trim(m, "${}[]")
		if v, ok := extra[name]; ok {
			return v
		}
		if v, ok := r.vars[name]; ok {
			return v
		}
		return m
	})
}
