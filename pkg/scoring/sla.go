package scoring

import (
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

// allowed is the error ratio the SLO tolerates: 1 - target/100.
func allowed(targetPercent float64) float64 { return 1 - targetPercent/100 }

// Availability is 100 (1 - errorRatio).
func Availability(errorRatio float64) float64 { return 100 * (1 - errorRatio) }

// BudgetRemaining is 1 - errorRatio / (1 - target/100); below 0 once the budget is overspent.
func BudgetRemaining(errorRatio, targetPercent float64) float64 {
	return 1 - errorRatio/allowed(targetPercent)
}

// BurnRate is how fast a window spends the budget: errorRatio / (1 - target/100).
func BurnRate(errorRatio, targetPercent float64) float64 { return errorRatio / allowed(targetPercent) }

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
