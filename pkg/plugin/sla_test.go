package plugin

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/scoring"
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

// slaRows is the SLA table of an sla query's answer, checked to have one row per scenario.
func slaRows(t *testing.T, f *fixture, dr backend.DataResponse) []map[string]any {
	t.Helper()
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	table := rows(t, dr.Frames, "SLA")
	if len(table) != len(f.Scenarios) {
		t.Fatalf("%d SLA rows, want one per scenario (%d)", len(table), len(f.Scenarios))
	}
	return table
}

func monthProfile() *scoring.Profile {
	p := scoring.DefaultProfile()
	p.SLA.Period = scoring.CalendarMonth
	return p
}

// At the fixtures' evaluation time, 2026-01-31T00:00Z, January has run exactly 30 days: a calendar-month
// period measures what the 30d one does. The burn-down has the range end only, the one point whose window
// (the time since its month began) the query can measure.
func TestMonthPeriodAtTheRangeEnd(t *testing.T) {
	f := loadFixture(t)
	dr := f.plugin(t, monthProfile()).query(t, nil, f.query("A", map[string]any{"queryType": "sla"})).Responses["A"]
	for _, row := range slaRows(t, f, dr) {
		name := row["Service"].(string)
		expectNear(t, name+" availability", row["Availability"].(float64), f.expect[name].SLA.Availability)
		expectNear(t, name+" budget remaining", row["Error budget remaining"].(float64), f.expect[name].SLA.BudgetRemaining)
		budget := fieldWith(t, dr.Frames, "Error budget remaining", data.Labels{"service": name})
		expectNear(t, name+" burn-down at the end", lastValue(budget), f.expect[name].SLA.BudgetRemaining)
		for i := range budget.Len() - 1 {
			if v, ok := budget.ConcreteAt(i); ok {
				t.Fatalf("%s: burn-down point %d is %v, measured over a window that reaches into December", name, i, v)
			}
		}
	}
	if notices := dr.Frames[0].Meta.Notices; len(notices) != 1 || notices[0].Text != monthBurnDown {
		t.Errorf("the burn-down does not say why it has one point: %+v", notices)
	}
}

// At the first instant of a month nothing of the period has elapsed: its availability, budget and latency
// compliance are no data (not a Prometheus error about a [0s] window), and the tier windows still answer.
func TestMonthPeriodAtItsFirstInstantIsNoData(t *testing.T) {
	f := loadFixture(t)
	february := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC) // the fixtures' 3d window still reaches their data
	q := dataQuery("A", map[string]any{"queryType": "sla", "rateInterval": f.RateInterval}, february.Add(-time.Hour), february, time.Minute)
	dr := f.plugin(t, monthProfile()).query(t, nil, q).Responses["A"]
	for _, row := range slaRows(t, f, dr) {
		for _, col := range []string{"Availability", "Error budget remaining", "Latency SLO compliance"} {
			if v := row[col].(float64); !math.IsNaN(v) {
				t.Errorf("%s %s = %v at the month's first instant, want no data", row["Service"], col, v)
			}
		}
	}
	known := 0
	for _, row := range rows(t, dr.Frames, "Burn rates") {
		if row["Window"] == "3d" && !math.IsNaN(row["Burn rate"].(float64)) {
			known++
		}
	}
	if known != len(f.Scenarios) {
		t.Errorf("%d services have a 3d burn rate, want all %d", known, len(f.Scenarios))
	}
}
