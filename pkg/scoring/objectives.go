package scoring

import "math"

// The SLA's objectives, as src/scoring/objectives.ts.
const (
	ObjectiveAvailability = "availability" // percent
	ObjectiveBudget       = "budget"       // budget remaining, 1 untouched, 0 spent
	ObjectiveLatency      = "latency"      // fraction of requests under the latency threshold
	ObjectiveMTTR         = "mttr"         // milliseconds
)

// ObjectiveTargets are the SLA fields objectives are judged against; nil is absent (the objective unknown).
type ObjectiveTargets struct {
	Target        *float64 `json:"target"`
	LatencyTarget *float64 `json:"latencyTarget"`
	MTTRTarget    *string  `json:"mttrTarget"`
}

// TargetsOf are an SLA's objective targets.
func TargetsOf(s SLA) ObjectiveTargets {
	return ObjectiveTargets{Target: &s.Target, LatencyTarget: &s.LatencyTarget, MTTRTarget: &s.MTTRTarget}
}

// ObjectiveThreshold is the value at which an objective is met, in its value's unit: availability at the
// target, budget at 0, latency compliance at latencyTarget / 100, MTTR at the MTTR target (ms). NaN when that
// target is absent or (MTTR) not a duration.
func ObjectiveThreshold(objective string, sla ObjectiveTargets) float64 {
	switch objective {
	case ObjectiveAvailability:
		if sla.Target != nil {
			return *sla.Target
		}
	case ObjectiveBudget:
		return 0
	case ObjectiveLatency:
		if sla.LatencyTarget != nil {
			return *sla.LatencyTarget / 100
		}
	case ObjectiveMTTR:
		if sla.MTTRTarget != nil {
			if ms, ok := parseDurationMs(*sla.MTTRTarget); ok {
				return ms
			}
		}
	}
	return math.NaN()
}

// ObjectiveMet reports whether an objective is met (availability, budget and latency at or above their
// threshold, MTTR at or below it); known is false when the value has no data or the threshold is unknown.
func ObjectiveMet(objective string, value float64, sla ObjectiveTargets) (met, known bool) {
	threshold := ObjectiveThreshold(objective, sla)
	if !HasData(value) || math.IsNaN(threshold) {
		return false, false
	}
	if objective == ObjectiveMTTR {
		return value <= threshold, true
	}
	return value >= threshold, true
}
