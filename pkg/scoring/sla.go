package scoring

import (
	"maps"
	"math"
	"slices"
	"time"
)

// CalendarMonth is the period value for a calendar-month SLA (otherwise the period is a rolling window).
const CalendarMonth = "month"

// PeriodHours is the length of the SLA period in hours; a calendar month is the month that contains at (UTC).
func PeriodHours(period string, at time.Time) (float64, error) {
	if period == CalendarMonth {
		at = at.UTC()
		start := time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, time.UTC)
		return hours(start.AddDate(0, 1, 0).Sub(start)), nil
	}
	d, err := ParseWindow(period)
	if err != nil {
		return 0, err
	}
	return hours(d), nil
}

// PeriodWindow is the range a period's error ratio is measured over at time at: the rolling window, or the
// time elapsed since the start of the calendar month.
func PeriodWindow(period string, at time.Time) (time.Duration, error) {
	if period == CalendarMonth {
		at = at.UTC()
		return at.Sub(time.Date(at.Year(), at.Month(), 1, 0, 0, 0, 0, time.UTC)), nil
	}
	return ParseWindow(period)
}

// AllowedErrorRatio is the error ratio the SLO tolerates, 1 - target/100, rounded to 14 decimal places so a
// decimal target gives the decimal budget it means (99.9 allows 0.001, not 0.00099999999999989), as
// src/scoring does: a burn rate exactly on a tier's factor then does not fire.
func AllowedErrorRatio(targetPercent float64) float64 {
	return math.Round((100-targetPercent)*1e12) / 1e14
}

// Availability is 100 (1 - errorRatio).
func Availability(errorRatio float64) float64 { return 100 * (1 - errorRatio) }

// BudgetRemaining is 1 - errorRatio / AllowedErrorRatio(target); below 0 once the budget is overspent.
func BudgetRemaining(errorRatio, targetPercent float64) float64 {
	return 1 - errorRatio/AllowedErrorRatio(targetPercent)
}

// BurnRate is how fast a window spends the budget: errorRatio / AllowedErrorRatio(target).
func BurnRate(errorRatio, targetPercent float64) float64 {
	return errorRatio / AllowedErrorRatio(targetPercent)
}

// TierFactor is the burn rate a tier fires above: budgetFraction x periodHours / longWindowHours.
func TierFactor(t BurnRateTier, periodHours float64) (float64, error) {
	long, err := ParseWindow(t.LongWindow)
	if err != nil {
		return 0, err
	}
	return t.BudgetFraction * periodHours / hours(long), nil
}

// Firing reports whether a tier fires: both burn rates strictly above its factor (NaN never fires).
func Firing(longRate, shortRate, factor float64) bool { return longRate > factor && shortRate > factor }

// hours divides whole milliseconds by an hour's, as src/scoring does, so both sides round alike.
func hours(d time.Duration) float64 { return float64(d.Milliseconds()) / 3600e3 }

// TierState is one enabled burn-rate tier at a point in time.
type TierState struct {
	Name          string  `json:"name"`
	Severity      string  `json:"severity"`
	Factor        float64 `json:"factor"`
	LongWindow    string  `json:"longWindow"`
	ShortWindow   string  `json:"shortWindow"`
	LongBurnRate  float64 `json:"longBurnRate"`  // NaN: no data
	ShortBurnRate float64 `json:"shortBurnRate"` // NaN: no data
	Firing        bool    `json:"firing"`
}

// SLAReport is availability, error budget, burn rates and tier states at one time.
type SLAReport struct {
	Availability    float64            `json:"availability"`    // percent; NaN: no data
	BudgetRemaining float64            `json:"budgetRemaining"` // NaN: no data
	BurnRates       map[string]float64 `json:"burnRates"`       // the enabled tiers' windows, as written
	Tiers           []TierState        `json:"tiers"`           // enabled tiers, in profile order
}

// ratioFor looks a window's error ratio up by its string, then by a key of equal duration ("60m" for "1h").
func ratioFor(ratios map[string]float64, window string) float64 {
	if v, ok := ratios[window]; ok && HasData(v) {
		return v
	}
	ms, ok := parseDurationMs(window)
	if !ok {
		return math.NaN()
	}
	for _, key := range slices.Sorted(maps.Keys(ratios)) {
		if other, ok := parseDurationMs(key); ok && other == ms && HasData(ratios[key]) {
			return ratios[key]
		}
	}
	return math.NaN()
}

// burnRateOrNaN is BurnRate, NaN without data.
func burnRateOrNaN(ratio, target float64) float64 {
	if !HasData(ratio) {
		return math.NaN()
	}
	return BurnRate(ratio, target)
}

// periodRatio is the period's error ratio: keyed "period", or by the period's own string (or an equal duration).
func (s SLA) periodRatio(ratios map[string]float64) float64 {
	if period, ok := ratios["period"]; ok && HasData(period) {
		return period
	}
	return ratioFor(ratios, s.Period)
}

// Report computes the SLA from error ratios keyed by window (and "period", or the period's own string)
// measured at time at.
func (s SLA) Report(ratios map[string]float64, at time.Time) (SLAReport, error) {
	period := s.periodRatio(ratios)
	periodHours, err := PeriodHours(s.Period, at)
	if err != nil {
		return SLAReport{}, err
	}
	r := SLAReport{Availability: math.NaN(), BudgetRemaining: math.NaN(), BurnRates: map[string]float64{}, Tiers: []TierState{}}
	if HasData(period) {
		r.Availability, r.BudgetRemaining = Availability(period), BudgetRemaining(period, s.Target)
	}
	for _, t := range s.BurnRateTiers {
		if !t.Enabled {
			continue
		}
		factor, err := TierFactor(t, periodHours)
		if err != nil {
			return SLAReport{}, err
		}
		st := TierState{Name: t.Name, Severity: t.Severity, Factor: factor, LongWindow: t.LongWindow, ShortWindow: t.ShortWindow,
			LongBurnRate: burnRateOrNaN(ratioFor(ratios, t.LongWindow), s.Target), ShortBurnRate: burnRateOrNaN(ratioFor(ratios, t.ShortWindow), s.Target)}
		st.Firing = Firing(st.LongBurnRate, st.ShortBurnRate, factor)
		r.BurnRates[t.LongWindow], r.BurnRates[t.ShortWindow] = st.LongBurnRate, st.ShortBurnRate
		r.Tiers = append(r.Tiers, st)
	}
	return r, nil
}

// Bucket is one cumulative histogram bucket: the count (or rate) of observations <= Le.
type Bucket struct {
	Le    float64 `json:"le"`
	Count float64 `json:"count"`
}

// LatencyCompliance is the fraction (0..1) of requests at or under threshold: the bucket whose bound equals
// the threshold over the +Inf bucket. NaN when the threshold is not a bound or nothing was seen.
func LatencyCompliance(buckets []Bucket, threshold float64) float64 {
	under, all := -1, -1
	for i, b := range buckets {
		if under < 0 && b.Le == threshold {
			under = i
		}
		if all < 0 && math.IsInf(b.Le, 1) {
			all = i
		}
	}
	if under < 0 || all < 0 || !HasData(buckets[under].Count) || !HasData(buckets[all].Count) || buckets[all].Count <= 0 {
		return math.NaN()
	}
	return buckets[under].Count / buckets[all].Count
}
