package plugin

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"
)

// vector answers an instant query with one sample for service checkout, or no series when value is "".
func vector(w http.ResponseWriter, value string) {
	w.Header().Set("Content-Type", "application/json")
	result := ""
	if value != "" {
		result = fmt.Sprintf(`{"metric":{"service":"checkout"},"value":[%d,%q]}`, to.Unix(), value)
	}
	fmt.Fprintf(w, `{"status":"success","data":{"resultType":"vector","result":[%s]}}`, result)
}

// byWindow plays a Prometheus whose error ratio (and latency compliance) over each window is ratios[window];
// a window it does not list has no series.
func byWindow(ratios map[string]string) func(http.ResponseWriter, string) {
	return func(w http.ResponseWriter, q string) {
		for window, v := range ratios {
			if strings.Contains(q, "["+window+"]") {
				vector(w, v)
				return
			}
		}
		vector(w, "")
	}
}

// A tier whose burn rates are missing is no data, not "not firing"; one known burn rate at or under the
// factor is enough to tell it does not fire. Default tiers at 99.9: factors 14.4, 6, 3 and 1.
func TestTierFiringWithoutBurnRatesIsNoData(t *testing.T) {
	srv := brokenPrometheus(t, byWindow(map[string]string{
		"30d": "0.0005",
		"1h":  "0.001", // fast-burn: 1 <= 14.4, its 5m has no series: 0
		"6h":  "0.01",  // slow-burn: 10 > 6, its 30m has no series: null; slow-drain: 10 > 1
		"2h":  "NaN",   // budget-drain: 2h NaN, 1d no series: null
		"3d":  "0.002", // slow-drain: 2 > 1 and 10 > 1: 1
	}))
	p := servePlugin(t, map[string]any{"url": srv.URL}, nil, time.Time{})
	q := dataQuery("A", map[string]any{"queryType": "sla", "measure": "tierFiring"}, from, to, time.Minute)
	got := alertNumbers(t, "tierFiring", p.query(t, alertHeader, q).Responses["A"])
	expectNumbers(t, "tierFiring", got, map[string]float64{
		labelsKey("service", "checkout", "tier", "fast-burn", "severity", "critical"):   0,
		labelsKey("service", "checkout", "tier", "slow-burn", "severity", "critical"):   math.NaN(),
		labelsKey("service", "checkout", "tier", "budget-drain", "severity", "warning"): math.NaN(),
		labelsKey("service", "checkout", "tier", "slow-drain", "severity", "info"):      1,
	})
}
