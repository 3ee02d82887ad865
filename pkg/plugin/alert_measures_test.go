package plugin

import (
	"encoding/json"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
	"github.com/grafana/grafana-plugin-sdk-go/data"

	"github.com/perfscope/perfscope/pkg/models"
	"github.com/perfscope/perfscope/pkg/scoring"
)

var alertHeader = map[string]string{backend.FromAlertHeaderName: "true"}

// alertNumbers is readNumbers keyed by the labels as data.Labels prints them; null is NaN.
func alertNumbers(t *testing.T, what string, dr backend.DataResponse) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	for _, n := range readNumbers(t, what, dr) {
		out[n.labels.String()] = math.NaN()
		if n.value != nil {
			out[n.labels.String()] = *n.value
		}
	}
	return out
}

// labelsKey is how alertNumbers keys a number: name=value pairs as data.Labels prints them.
func labelsKey(kv ...string) string {
	l := data.Labels{}
	for i := 0; i < len(kv); i += 2 {
		l[kv[i]] = kv[i+1]
	}
	return l.String()
}

func expectNumbers(t *testing.T, what string, got, want map[string]float64) {
	t.Helper()
	if g, w := slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)); !slices.Equal(g, w) {
		t.Errorf("%s: series\n  got  %v\n  want %v", what, g, w)
	}
	for k, v := range want {
		if g, ok := got[k]; ok {
			expectNear(t, what+" {"+k+"}", g, v)
		}
	}
}

// Each measure of each query type, per scenario, is the number expected.json and the scenario files give.
func TestAlertMeasuresMatchEveryScenario(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	profile := scoring.DefaultProfile()
	each := func(fn func(name string, want map[string]float64)) map[string]float64 {
		want := map[string]float64{}
		for _, name := range f.scenarios() {
			fn(name, want)
		}
		return want
	}
	cases := []struct {
		query map[string]any
		want  map[string]float64
	}{
		{map[string]any{"queryType": "health"}, each(func(n string, w map[string]float64) {
			w[labelsKey("service", n)] = f.expect[n].Score
		})},
		{map[string]any{"queryType": "health", "measure": "subScore"}, each(func(n string, w map[string]float64) {
			for id, v := range f.expect[n].SubScores {
				w[labelsKey("service", n, "indicator", id)] = v
			}
		})},
		{map[string]any{"queryType": "domainOverhead"}, each(func(n string, w map[string]float64) {
			w[labelsKey("service", n)] = f.Scenarios[n].Values.SystemOverhead
		})},
		{map[string]any{"queryType": "domainOverhead", "measure": "domain"}, each(func(n string, w map[string]float64) {
			for d, v := range f.Scenarios[n].Values.DomainOverhead {
				w[labelsKey("service", n, "domain", d)] = v
			}
		})},
		{map[string]any{"queryType": "domainOverhead", "measure": "domain", "excludeDomain": "quality_validation|compliance_.*"},
			each(func(n string, w map[string]float64) {
				for d, v := range f.Scenarios[n].Values.DomainOverhead {
					if d != "quality_validation" && d != "compliance_evaluation" {
						w[labelsKey("service", n, "domain", d)] = v
					}
				}
			})},
		{map[string]any{"queryType": "sla"}, each(func(n string, w map[string]float64) {
			w[labelsKey("service", n)] = f.expect[n].SLA.BudgetRemaining
		})},
		{map[string]any{"queryType": "sla", "measure": "availability"}, each(func(n string, w map[string]float64) {
			w[labelsKey("service", n)] = f.expect[n].SLA.Availability
		})},
		{map[string]any{"queryType": "sla", "measure": "latencyCompliance"}, each(func(n string, w map[string]float64) {
			w[labelsKey("service", n)] = f.Scenarios[n].Values.LatencyCompliance[profile.SLA.Period]
		})},
		{map[string]any{"queryType": "sla", "measure": "burnRate"}, each(func(n string, w map[string]float64) {
			for window, v := range f.expect[n].SLA.BurnRates {
				w[labelsKey("service", n, "window", window)] = v
			}
		})},
		{map[string]any{"queryType": "sla", "measure": "tierFiring"}, each(func(n string, w map[string]float64) {
			for _, tier := range profile.SLA.BurnRateTiers {
				w[labelsKey("service", n, "tier", tier.Name, "severity", tier.Severity)] = b2f(slices.Contains(f.expect[n].SLA.TiersFiring, tier.Name))
			}
		})},
		{map[string]any{"queryType": "sla", "measure": "tierFiring", "tier": "budget-drain"}, each(func(n string, w map[string]float64) {
			w[labelsKey("service", n, "tier", "budget-drain", "severity", "warning")] = b2f(slices.Contains(f.expect[n].SLA.TiersFiring, "budget-drain"))
		})},
	}
	queries := make([]backend.DataQuery, len(cases))
	for i, c := range cases {
		queries[i] = f.query(string(rune('A'+i)), c.query)
	}
	resp := p.query(t, alertHeader, queries...)
	for i, c := range cases {
		what, _ := json.Marshal(c.query)
		expectNumbers(t, string(what), alertNumbers(t, string(what), resp.Responses[queries[i].RefID]), c.want)
	}
}

// MTTR over the fixtures' 12 h series, of the incident story's error-rate breaches.
func TestAlertMTTRIsTheMeanTimeToRecovery(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	q := dataQuery("M", map[string]any{"queryType": "mttr", "rateInterval": f.RateInterval,
		"condition": map[string]any{"kind": "indicator", "indicator": "error_rate", "band": "critical"}},
		time.Unix(f.Series.StartUnix, 0), f.eval, time.Duration(f.Series.StepSeconds)*time.Second)
	want := map[string]float64{}
	for _, name := range f.scenarios() {
		want[labelsKey("service", name)] = math.NaN() // no breach resolved: no MTTR
		if m := f.expect[name].Breaches["error_rate > 1"].MTTRSeconds; m != nil {
			want[labelsKey("service", name)] = *m
		}
	}
	if !near(want[labelsKey("service", "incident")], 900) {
		t.Fatalf("the incident scenario should recover from its error-rate breaches in 900 s on average, not %v", want)
	}
	expectNumbers(t, "mttr", alertNumbers(t, "mttr", p.query(t, alertHeader, q).Responses["M"]), want)
}

// A bad measure, tier or domain filter is that query's error, naming the field; the other queries answer.
func TestAlertMeasureMistakesNameTheirField(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	cases := map[string]struct {
		query map[string]any
		want  string
	}{
		"U": {map[string]any{"queryType": "health", "measure": "scores"}, `measure: "scores" is not a measure of health queries (one of score, subScore)`},
		"S": {map[string]any{"queryType": "sla", "measure": "score"}, `measure: "score" is not a measure of sla queries (one of budgetRemaining, availability, latencyCompliance, burnRate, tierFiring, budgetSpent, exhaustionSeconds, policyState)`},
		"P": {map[string]any{"queryType": "promql", "expr": "up", "measure": "score"}, "measure: a promql query alerts on its own series"},
		"T": {map[string]any{"queryType": "sla", "measure": "tierFiring", "tier": "fast"}, `tier: "fast" is not an enabled burn-rate tier of the profile (enabled: fast-burn, slow-burn, budget-drain, slow-drain)`},
		"W": {map[string]any{"queryType": "sla", "measure": "burnRate", "tier": "fast-burn"}, "tier: only the tierFiring measure of sla queries takes a tier, not burnRate"},
		"X": {map[string]any{"queryType": "domainOverhead", "measure": "domain", "excludeDomain": "quality_("}, `excludeDomain: "quality_(" is not a valid regular expression`},
	}
	queries := []backend.DataQuery{f.query("OK", map[string]any{"queryType": "health", "service": "healthy"})}
	for ref, c := range cases {
		queries = append(queries, f.query(ref, c.query))
	}
	for _, headers := range []map[string]string{alertHeader, nil} {
		resp := p.query(t, headers, queries...)
		for ref, c := range cases {
			dr := resp.Responses[ref]
			if dr.Error == nil || !strings.Contains(dr.Error.Error(), c.want) || dr.Status != backend.StatusBadRequest {
				t.Errorf("%s: error %v (status %d), want one containing %q", ref, dr.Error, dr.Status, c.want)
			}
		}
		if err := resp.Responses["OK"].Error; err != nil {
			t.Errorf("a good query beside the bad ones failed: %v", err)
		}
	}
}

// No data for an alert query is one numeric frame without fields, which Grafana reads as No Data.
func TestAlertNoDataIsATypedEmptyFrame(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	for _, qt := range []string{"health", "domainOverhead", "sla", "mttr"} {
		dr := p.query(t, alertHeader, f.query("A", map[string]any{"queryType": qt, "service": "no-such-service"})).Responses["A"]
		if dr.Error != nil || len(dr.Frames) != 1 || len(dr.Frames[0].Fields) != 0 || dr.Frames[0].Meta.Type != data.FrameTypeNumericMulti {
			t.Errorf("%s: %v, frames %+v, want one numeric frame without fields", qt, dr.Error, dr.Frames)
		}
	}
}

// The measure is for alerting only: a dashboard gets the same frames whatever it says.
func TestDashboardFramesIgnoreTheMeasure(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	for _, c := range []struct{ queryType, measure string }{{"health", "subScore"}, {"domainOverhead", "domain"}, {"sla", "tierFiring"}} {
		frames := func(model map[string]any) string {
			dr := p.query(t, nil, f.query("A", model)).Responses["A"]
			if dr.Error != nil {
				t.Fatal(dr.Error)
			}
			raw, err := json.Marshal(dr.Frames)
			if err != nil {
				t.Fatal(err)
			}
			return string(raw)
		}
		plain, measured := frames(map[string]any{"queryType": c.queryType}), frames(map[string]any{"queryType": c.queryType, "measure": c.measure})
		if plain != measured || len(plain) < 1000 {
			t.Errorf("%s: the dashboard frames change with measure %s (%d bytes against %d)", c.queryType, c.measure, len(measured), len(plain))
		}
	}
}

// The frontend offers the measures the backend has: both check the same golden file.
func TestMeasuresAreTheFrontendsMeasures(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "measures.golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var golden map[models.QueryType][]models.Measure
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	if !maps.EqualFunc(golden, models.Measures, slices.Equal) {
		t.Errorf("measures %v, the golden file (src/datasource/measures.ts) %v", models.Measures, golden)
	}
}
