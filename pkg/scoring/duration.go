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

const maxSafeInteger = 1<<53 - 1

// parseDurationMs returns the milliseconds of a positive duration string, or false when it is not one.
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
	return ms, ms > 0 && ms <= maxSafeInteger && ms == float64(int64(ms))
}

// ParseWindow parses a positive Prometheus duration such as "5m", "1h", "30d" or "1h30m".
func ParseWindow(s string) (time.Duration, error) {
	ms, ok := parseDurationMs(s)
	if !ok {
		return 0, errors.New(strconv.Quote(s) + ` is not a positive duration such as "5m", "1h30m" or "7d"`)
	}
	return time.Duration(ms) * time.Millisecond, nil
}
