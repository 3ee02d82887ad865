package scoring

import (
	"math"
	"time"
)

// A calendar-month SLA measured from request and error rates sampled on a grid: the month's availability and
// the budget burn-down from the 1st, summing the rates' samples, each counted in the month of its timestamp (a
// PromQL query with one fixed window runs back into the month before). As src/scoring/calendar.ts.

// MonthCompliance is one calendar month (UTC) of an SLA's history.
type MonthCompliance struct {
	Month        string  `json:"month"`        // "2026-01"
	Availability float64 `json:"availability"` // percent; NaN when the month has no requests in the range
	Compliant    *bool   `json:"compliant"`    // nil when unknown
	Partial      bool    `json:"partial"`      // the grid covers only part of the month
}

func monthStart(ms int64) time.Time {
	t := time.UnixMilli(ms).UTC()
	return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
}

// ErrorRatios are the error rate over the request rate at each grid point: NaN where either is missing or
// nothing was requested.
func ErrorRatios(errors, requests []float64) []float64 {
	out := make([]float64, len(errors))
	for k := range errors {
		out[k] = math.NaN()
		if requests[k] > 0 {
			out[k] = errors[k] / requests[k]
		}
	}
	return out
}

// MonthlyCompliance is the availability per calendar month (UTC) from error and request rates on the grid:
// the errors over the requests of the month's samples, against the SLA target.
func MonthlyCompliance(errors, requests []float64, g Grid, target float64) []MonthCompliance {
	type month struct {
		key              string
		errors, requests float64
		first, last      int64
	}
	var months []*month
	for k := 0; k < g.Length; k++ {
		t := g.At(k)
		key := time.UnixMilli(t).UTC().Format("2006-01")
		if len(months) == 0 || months[len(months)-1].key != key {
			months = append(months, &month{key: key, first: t})
		}
		m := months[len(months)-1]
		if HasData(errors[k]) && HasData(requests[k]) {
			m.errors += errors[k]
			m.requests += requests[k]
		}
		m.last = t
	}
	out := make([]MonthCompliance, len(months))
	for i, m := range months {
		value := math.NaN()
		if m.requests > 0 {
			value = Availability(m.errors / m.requests)
		}
		c := MonthCompliance{Month: m.key, Availability: value}
		if met, known := ObjectiveMet(ObjectiveAvailability, value, ObjectiveTargets{Target: &target}); known {
			c.Compliant = &met
		}
		start := monthStart(m.first)
		c.Partial = m.first-g.Step >= start.UnixMilli() || m.last+g.Step < start.AddDate(0, 1, 0).UnixMilli()
		out[i] = c
	}
	return out
}

// MonthBurnDown is the error budget remaining at each grid point t, measured from the 1st of t's month (UTC):
// the errors over the requests of the month's samples up to t (NaN where it cannot be measured); points whose
// month began before from (the time range's start, ms) are left out. firstMonth is the start of the first
// month with a burn-down (ms), ok false when there is none.
func MonthBurnDown(errors, requests []float64, g Grid, target float64, from int64) (values []float64, firstMonth int64, ok bool) {
	values = make([]float64, g.Length)
	var month int64 = math.MinInt64
	var errorSum, requestSum float64
	for k := 0; k < g.Length; k++ {
		values[k] = math.NaN()
		start := monthStart(g.At(k)).UnixMilli()
		if start < from {
			continue
		}
		if start != month {
			month, errorSum, requestSum = start, 0, 0
		}
		if HasData(errors[k]) && HasData(requests[k]) {
			errorSum += errors[k]
			requestSum += requests[k]
		}
		if requestSum > 0 {
			values[k] = BudgetRemaining(errorSum/requestSum, target)
			if !ok {
				firstMonth, ok = start, true
			}
		}
	}
	return values, firstMonth, ok
}
