package scoring

import (
	"errors"
	"regexp"
	"strconv"
	"time"
)

// Prometheus duration syntax: units largest first, each at most once ("1h30m", "7d", "500ms"), as in
// src/scoring/duration.ts.
var durationSyntax = regexp.MustCompile(`^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$`)

var unitMs = []float64{365 * 24 * 3600e3, 7 * 24 * 3600e3, 24 * 3600e3, 3600e3, 60e3, 1e3, 1}

// MaxDuration is the longest duration PerfScope accepts anywhere (the profile, queries): ten years, far past
// any SLA period or window, and far inside what Prometheus and a time.Duration (292 years) can hold.
const MaxDuration = "10y"

const maxDurationMs = 10 * 365 * 24 * 3600e3

// DurationRule is what a duration must be, for messages that name the field.
const DurationRule = `a positive duration such as "5m", "1h30m" or "7d", at most ` + MaxDuration

// parseDurationMs returns the milliseconds of a positive duration string of at most MaxDuration, or false when
// it is not one.
func parseDurationMs(text string) (float64, bool) {
	m := durationSyntax.FindStringSubmatch(text)
	if text == "" || m == nil {
		return 0, false
	}
	ms := 0.0
	for i, part := range m[1:] {
		if part != "" {
			n, _ := strconv.ParseFloat(part, 64)
			ms += n * unitMs[i]
		}
	}
	return ms, ms > 0 && ms <= maxDurationMs
}

// ParseWindow parses a positive Prometheus duration such as "5m", "1h", "30d" or "1h30m".
func ParseWindow(s string) (time.Duration, error) {
	ms, ok := parseDurationMs(s)
	if !ok {
		return 0, errors.New(strconv.Quote(s) + " is not " + DurationRule)
	}
	return time.Duration(ms) * time.Millisecond, nil
}
