// Package models holds the plain data the PerfScope datasource (pkg/plugin) reads and shares: the query model
// the QueryEditor writes, its query types and alert measures, and the datasource settings. Parsing and checking
// live here, each problem naming its field; what a query computes and the frames it answers live in pkg/plugin.
package models

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/perfscope/perfscope/pkg/scoring"
)

// QueryType is what a query computes; the query-type mux of pkg/plugin has one handler per type.
type QueryType string

// Query types.
const (
	QueryTypeHealth         QueryType = "health"
	QueryTypeDomainOverhead QueryType = "domainOverhead"
	QueryTypeSLA            QueryType = "sla"
	QueryTypeMTTR           QueryType = "mttr"
	QueryTypePromQL         QueryType = "promql"
	QueryTypeGroup          QueryType = "group"
)

// QueryTypes are every query type, in the order errors list them.
var QueryTypes = []QueryType{QueryTypeHealth, QueryTypeDomainOverhead, QueryTypeSLA, QueryTypeMTTR, QueryTypePromQL, QueryTypeGroup}

// QueryTypeNames lists the query types as an error names them: "health, domainOverhead, ...".
func QueryTypeNames() string {
	names := make([]string, len(QueryTypes))
	for i, t := range QueryTypes {
		names[i] = string(t)
	}
	return strings.Join(names, ", ")
}

// Query is the query model the QueryEditor writes.
type Query struct {
	QueryType QueryType `json:"queryType"`
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
	// Measure is the one number per labelled series an alert query returns (measures.go); dashboards get
	// every frame whatever it says.
	Measure Measure `json:"measure"`
	// Tier limits an sla query's tierFiring measure to one burn-rate tier of the profile.
	Tier string `json:"tier"`
	// Group is a regular expression of the group ids a group query answers for (default: every group).
	Group string `json:"group"`
}

// Condition is what counts as a breach for an mttr query.
type Condition struct {
	Kind      ConditionKind `json:"kind"`
	Band      string        `json:"band"`
	Indicator string        `json:"indicator"`
	Tier      string        `json:"tier"`
}

// ConditionKind is what an mttr query's breaches are of.
type ConditionKind string

// Condition kinds.
const (
	ConditionScore     ConditionKind = "score"     // the composite score in Band or worse
	ConditionIndicator ConditionKind = "indicator" // one indicator's sub-score in Band or worse
	ConditionTier      ConditionKind = "tier"      // a burn-rate tier firing
)

// ConditionBands are the bands a score or indicator condition may name: a breach is that band or worse.
var ConditionBands = conditionBands()

// conditionBands are the library's bands but ok (every score is ok or worse).
func conditionBands() []string {
	var out []string
	for _, b := range scoring.BandFloors[1:] {
		out = append(out, b.Band)
	}
	return out
}

// ParseQuery decodes and checks a query's JSON; every problem names its field. queryType, when set (Grafana
// sends it beside the JSON), wins over the JSON's.
func ParseQuery(raw json.RawMessage, queryType string) (Query, error) {
	var q Query
	if len(bytes.TrimSpace(raw)) > 0 {
		if err := json.Unmarshal(raw, &q); err != nil {
			return q, fmt.Errorf("the query is not valid JSON: %s", DescribeJSONError(err))
		}
	}
	if queryType != "" {
		q.QueryType = QueryType(queryType)
	}
	if q.QueryType == "" {
		q.QueryType = QueryTypeHealth
	}
	for _, f := range []struct {
		name string
		val  *string
	}{{"service", &q.Service}, {"domain", &q.Domain}, {"excludeDomain", &q.ExcludeDomain}, {"group", &q.Group}} {
		if strings.TrimSpace(*f.val) == "" && f.name != "excludeDomain" {
			*f.val = ".*"
		}
		if _, err := Anchored(*f.val); err != nil {
			return q, fmt.Errorf("%s: %q is not a valid regular expression: %v", f.name, *f.val, err)
		}
	}
	if q.RateInterval != "" {
		if _, err := scoring.ParseWindow(q.RateInterval); err != nil {
			return q, fmt.Errorf("rateInterval: %v", err)
		}
	}
	if q.QueryType == QueryTypePromQL && strings.TrimSpace(q.Expr) == "" {
		return q, fmt.Errorf("expr: enter a PromQL expression")
	}
	if q.QueryType == QueryTypeMTTR {
		if err := checkCondition(&q.Condition); err != nil {
			return q, err
		}
	}
	return q, checkMeasure(&q)
}

// DomainFilter keeps the domains the query asks for: those that match Domain and, unless ExcludeDomain is
// empty, do not match ExcludeDomain. Both were checked by ParseQuery.
func (q Query) DomainFilter() func(string) bool {
	in, _ := Anchored(q.Domain)
	if q.ExcludeDomain == "" {
		return in.MatchString
	}
	out, _ := Anchored(q.ExcludeDomain)
	return func(domain string) bool { return in.MatchString(domain) && !out.MatchString(domain) }
}

// Anchored compiles a regular expression as Prometheus matches label values: against the whole value.
func Anchored(expr string) (*regexp.Regexp, error) { return regexp.Compile("^(?:" + expr + ")$") }

func checkCondition(c *Condition) error {
	if c.Kind == "" {
		c.Kind = ConditionScore
	}
	if c.Band == "" {
		c.Band = scoring.BandCritical
	}
	switch c.Kind {
	case ConditionScore, ConditionIndicator:
		if !slices.Contains(ConditionBands, c.Band) {
			return fmt.Errorf("condition.band: %q is not one of info, warning, critical", c.Band)
		}
		if c.Kind == ConditionIndicator && c.Indicator == "" {
			return fmt.Errorf("condition.indicator: choose the indicator whose breaches count")
		}
	case ConditionTier:
		if c.Tier == "" {
			return fmt.Errorf("condition.tier: choose the burn-rate tier whose firing counts")
		}
	default:
		return fmt.Errorf("condition.kind: %q is not one of score, indicator, tier", c.Kind)
	}
	return nil
}
