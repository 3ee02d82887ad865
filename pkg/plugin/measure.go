package plugin

import (
	"fmt"
	"slices"
	"strings"
)

// Grafana alerting applies a threshold to every number of a response and refuses two numbers with the same
// labels, so an alert query (header FromAlert) answers with one number per labelled series: its measure.

// Alert measures, by query type.
const (
	MeasureScore             = "score"             // health: the composite score per service
	MeasureSubScore          = "subScore"          // health: each indicator's sub-score, labelled indicator
	MeasureSystem            = "system"            // domainOverhead: the system total per service
	MeasureDomain            = "domain"            // domainOverhead: each domain's overhead, labelled domain
	MeasureBudgetRemaining   = "budgetRemaining"   // sla: error budget left over the period (1 = untouched)
	MeasureAvailability      = "availability"      // sla: percent of good requests over the period
	MeasureLatencyCompliance = "latencyCompliance" // sla: fraction of requests within the latency threshold
	MeasureBurnRate          = "burnRate"          // sla: burn rate over each tier window, labelled window
	MeasureTierFiring        = "tierFiring"        // sla: 1 while a tier fires, else 0 (null without the data to tell), labelled tier and severity
	MeasureMTTR              = "mttr"              // mttr: mean time to recovery over the range, in seconds
)

// measures are each query type's measures, the default first. A promql query returns its own series.
var measures = map[string][]string{
	TypeHealth:         {MeasureScore, MeasureSubScore},
	TypeDomainOverhead: {MeasureSystem, MeasureDomain},
	TypeSLA:            {MeasureBudgetRemaining, MeasureAvailability, MeasureLatencyCompliance, MeasureBurnRate, MeasureTierFiring},
	TypeMTTR:           {MeasureMTTR},
}

// checkMeasure fills in the query type's default measure and rejects one the type does not have.
func checkMeasure(q *Query) error {
	list, ok := measures[q.QueryType]
	switch {
	case q.QueryType == TypePromQL && q.Measure != "":
		return fmt.Errorf("measure: a promql query alerts on its own series and takes no measure; leave measure empty")
	case !ok: // no measures, or an unknown query type the mux reports
		return nil
	case q.Measure == "":
		q.Measure = list[0]
	case !slices.Contains(list, q.Measure):
		return fmt.Errorf("measure: %q is not a measure of %s queries (one of %s)", q.Measure, q.QueryType, strings.Join(list, ", "))
	}
	if q.Tier != "" && q.Measure != MeasureTierFiring {
		return fmt.Errorf("tier: only the %s measure of sla queries takes a tier, not %s", MeasureTierFiring, q.Measure)
	}
	return nil
}
