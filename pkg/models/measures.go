package models

import (
	"fmt"
	"slices"
	"strings"
)

// Grafana alerting applies a threshold to every number of a response and refuses two numbers with the same
// labels, so an alert query (header FromAlert) answers with one number per labelled series: its measure.

// Measure is the number an alert query answers per labelled series.
type Measure string

// Alert measures, by query type.
const (
	MeasureScore             Measure = "score"             // health: the composite score per service
	MeasureSubScore          Measure = "subScore"          // health: each indicator's sub-score, labelled indicator
	MeasureSystem            Measure = "system"            // domainOverhead: the system total per service
	MeasureDomain            Measure = "domain"            // domainOverhead: each domain's overhead, labelled domain
	MeasureBudgetRemaining   Measure = "budgetRemaining"   // sla: error budget left over the period (1 = untouched)
	MeasureAvailability      Measure = "availability"      // sla: percent of good requests over the period
	MeasureLatencyCompliance Measure = "latencyCompliance" // sla: fraction of requests within the latency threshold
	MeasureBurnRate          Measure = "burnRate"          // sla: burn rate over each tier and budget-policy window, labelled window
	MeasureTierFiring        Measure = "tierFiring"        // sla: 1 while a tier fires, else 0 (null without the data to tell), labelled tier and severity
	MeasureBudgetSpent       Measure = "budgetSpent"       // sla: percent of the period's error budget spent (the policy's measure)
	MeasureExhaustion        Measure = "exhaustionSeconds" // sla: seconds until the budget is spent at each policy window's burn rate, labelled window (null: never or no data)
	MeasurePolicyState       Measure = "policyState"       // sla: error-budget policy state, 0 ok, 1 warn, 2 page, 3 freeze (null without data)
	MeasureMTTR              Measure = "mttr"              // mttr: mean time to recovery over the range, in seconds
	MeasureGroupScore        Measure = "groupScore"        // group: each group's score, labelled group
	MeasureGroupPolicyState  Measure = "groupPolicyState"  // group: each group's error-budget policy state (the worst of its services'), 0 ok .. 3 freeze (null without data), labelled group
)

// Measures are each query type's measures, the default first. A promql query returns its own series.
// pkg/plugin/testdata/measures.golden.json holds the same, for src/datasource/measures.ts to check.
var Measures = map[QueryType][]Measure{
	QueryTypeHealth:         {MeasureScore, MeasureSubScore},
	QueryTypeDomainOverhead: {MeasureSystem, MeasureDomain},
	QueryTypeSLA: {MeasureBudgetRemaining, MeasureAvailability, MeasureLatencyCompliance, MeasureBurnRate, MeasureTierFiring,
		MeasureBudgetSpent, MeasureExhaustion, MeasurePolicyState},
	QueryTypeMTTR:  {MeasureMTTR},
	QueryTypeGroup: {MeasureGroupScore, MeasureGroupPolicyState},
}

// checkMeasure fills in the query type's default measure and rejects one the type does not have.
func checkMeasure(q *Query) error {
	list, ok := Measures[q.QueryType]
	switch {
	case q.QueryType == QueryTypePromQL && q.Measure != "":
		return fmt.Errorf("measure: a promql query alerts on its own series and takes no measure; leave measure empty")
	case !ok: // no measures, or an unknown query type the mux reports
		return nil
	case q.Measure == "":
		q.Measure = list[0]
	case !slices.Contains(list, q.Measure):
		names := make([]string, len(list))
		for i, m := range list {
			names[i] = string(m)
		}
		return fmt.Errorf("measure: %q is not a measure of %s queries (one of %s)", q.Measure, q.QueryType, strings.Join(names, ", "))
	}
	if q.Tier != "" && q.Measure != MeasureTierFiring {
		return fmt.Errorf("tier: only the %s measure of sla queries takes a tier, not %s", MeasureTierFiring, q.Measure)
	}
	return nil
}
