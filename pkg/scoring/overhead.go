package scoring

import "math"

// Domain overhead modes.
const (
	ModeShare    = "share"
	ModeBaseline = "baseline"
)

// ShareOverhead is 100 x time spent in the domain / total request time; NaN (no data) without a positive total.
func ShareOverhead(domainTime, totalTime float64) float64 {
	if !HasData(domainTime) || !HasData(totalTime) || totalTime <= 0 {
		return math.NaN()
	}
	return 100 * domainTime / totalTime
}

// BaselineOverhead is 100 x (latency now - latency at the baseline) / latency at the baseline; NaN (no data)
// without a positive baseline.
func BaselineOverhead(now, baseline float64) float64 {
	if !HasData(now) || !HasData(baseline) || baseline <= 0 {
		return math.NaN()
	}
	return 100 * (now - baseline) / baseline
}

// OverheadBand bands an overhead percentage with a domain's (or the system's) thresholds, lower is better.
func OverheadBand(overhead float64, t Thresholds) string {
	if !HasData(overhead) {
		return BandNoData
	}
	return Band(SubScore(overhead, t, false))
}
