// Package scoring is the Go twin of src/scoring: the same profile, the same maths, the same validation
// messages. The shared vectors in testdata/vectors/ keep the two in agreement to 1e-9.
package scoring

import "math"

// Band names, from best to worst, plus "nodata".
const (
	BandOK       = "ok"
	BandInfo     = "info"
	BandWarning  = "warning"
	BandCritical = "critical"
	BandNoData   = "nodata"
)

// Thresholds are one indicator's (or domain's) target, warning and critical values.
type Thresholds struct {
	Target   float64 `json:"target"`
	Warning  float64 `json:"warning"`
	Critical float64 `json:"critical"`
}

// SubScore maps a value to 0..100. Lower is better unless higher is set, in which case
// s_higher(v; T,W,C) = s_lower(-v; -T,-W,-C). The caller must pass a finite v.
func SubScore(v float64, t Thresholds, higher bool) float64 {
	tt, w, c := t.Target, t.Warning, t.Critical
	if higher {
		v, tt, w, c = -v, -tt, -w, -c
	}
	switch {
	case v <= tt:
		return SubScoreAtTarget
	case v <= w:
		return SubScoreAtTarget - (SubScoreAtTarget-SubScoreAtWarning)*(v-tt)/(w-tt)
	case v <= c:
		return SubScoreAtWarning - (SubScoreAtWarning-SubScoreAtCritical)*(v-w)/(c-w)
	default:
		return math.Max(0, SubScoreAtCritical-(SubScoreAtWarning-SubScoreAtCritical)*(v-c)/(c-w))
	}
}

// The sub-score at each threshold: 100 at the target (and better), 70 at warning, 50 at critical
// (SUB_SCORE_AT in src/scoring/subscore.ts).
const (
	SubScoreAtTarget   = 100.0
	SubScoreAtWarning  = 70.0
	SubScoreAtCritical = 50.0
)

// Band names the band of a score; a NaN score (no data) is "nodata".
func Band(s float64) string {
	switch {
	case math.IsNaN(s):
		return BandNoData
	case s >= 90:
		return BandOK
	case s >= 70:
		return BandInfo
	case s >= 50:
		return BandWarning
	default:
		return BandCritical
	}
}

// HasData reports whether v is a usable sample: missing, NaN and infinite values are "no data".
func HasData(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
