package scoring

import "math"

// Interval is one breach: a maximal run of consecutive samples in breach. Times are in milliseconds.
type Interval struct {
	Start  int64 `json:"start"`  // the first sample in breach
	End    int64 `json:"end"`    // the last sample in breach
	Length int64 `json:"length"` // end - start + step
}

// BreachSummary is the breaches of a range and their mean time to recovery.
type BreachSummary struct {
	Resolved []Interval `json:"resolved"` // ended inside the range, oldest first
	Open     *Interval  `json:"open"`     // still in breach at the last sample, reported apart
	MTTR     float64    `json:"mttr"`     // mean length of the resolved intervals (ms); NaN when none
}

// BreachIntervals finds the maximal runs of consecutive samples in breach over ascending timestamps on a grid
// of step ms, where consecutive means at most one step apart (a gap or a sample without data ends a run).
// The run that contains the last sample is open; the others are resolved.
func BreachIntervals(timestamps []int64, inBreach []bool, step int64) BreachSummary {
	var sum BreachSummary
	var cur *Interval
	for i, t := range timestamps {
		if !inBreach[i] {
			continue
		}
		if cur != nil && t-cur.End <= step {
			cur.End = t
			continue
		}
		if cur != nil {
			cur.Length = cur.End - cur.Start + step
			sum.Resolved = append(sum.Resolved, *cur)
		}
		cur = &Interval{Start: t, End: t}
	}
	if cur != nil {
		cur.Length = cur.End - cur.Start + step
		if inBreach[len(inBreach)-1] {
			sum.Open = cur
		} else {
			sum.Resolved = append(sum.Resolved, *cur)
		}
	}
	sum.MTTR = math.NaN()
	if len(sum.Resolved) > 0 {
		var total float64
		for _, iv := range sum.Resolved {
			total += float64(iv.Length)
		}
		sum.MTTR = total / float64(len(sum.Resolved))
	}
	return sum
}

// InBreach reports whether a value is in breach: its sub-score in band or a worse one (BandCritical unless a
// condition says otherwise). A value without data is not in breach; it ends a breach run, as a gap does.
func InBreach(v float64, t Thresholds, higher bool, band string) bool {
	return HasData(v) && AtOrWorse(SubScore(v, t, higher), band)
}
