package plugin

import (
	"github.com/perfscope/perfscope/pkg/scoring"

	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/grafana/grafana-plugin-sdk-go/backend"
)

// At the evaluation time each scenario's score and firing tiers are known (expected.json): an mttr query's
// score and tier conditions hold at the range's last sample exactly when those say so, an open breach.
func TestMTTRScoreAndTierConditionsAtTheEvaluationTime(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	inBreach := map[string]func(name string) bool{}
	var queries []backend.DataQuery
	for _, band := range []string{"info", "warning", "critical"} {
		inBreach[band] = func(name string) bool { return scoring.AtOrWorse(f.expect[name].Score, band) }
		queries = append(queries, f.query(band, map[string]any{"queryType": "mttr", "condition": map[string]any{"kind": "score", "band": band}}))
	}
	for _, tier := range []string{"fast-burn", "slow-burn", "budget-drain", "slow-drain"} {
		inBreach[tier] = func(name string) bool { return slices.Contains(f.expect[name].SLA.TiersFiring, tier) }
		queries = append(queries, f.query(tier, map[string]any{"queryType": "mttr", "condition": map[string]any{"kind": "tier", "tier": tier}}))
	}
	resp := p.query(t, nil, queries...)
	breaches := 0
	for ref, want := range inBreach {
		dr := resp.Responses[ref]
		if dr.Error != nil {
			t.Fatalf("%s: %v", ref, dr.Error)
		}
		table, intervals := rows(t, dr.Frames, "MTTR"), rows(t, dr.Frames, "Breaches")
		for _, name := range f.scenarios() {
			if n := len(serviceRows(table, name)); n != 1 {
				t.Errorf("%s %s: %d MTTR rows, want 1", ref, name, n)
			}
			open := false
			for _, row := range serviceRows(intervals, name) {
				open = open || (row["Open"].(bool) && row["Last sample in breach"].(time.Time).Equal(f.eval))
			}
			if open != want(name) {
				t.Errorf("%s %s: in breach at %s is %v, want %v", ref, name, f.EvalTime, open, want(name))
			}
			if open {
				breaches++
			}
		}
	}
	if breaches < 5 {
		t.Fatalf("only %d open breaches: the scenarios should test both answers", breaches)
	}
}

// A promql query for a dashboard is each series over time; at the evaluation time, the scenario's values.
func TestPromQLPassthroughSeriesMatchEveryScenario(t *testing.T) {
	f := loadFixture(t)
	p := f.plugin(t, nil)
	expr := `sum by (service, code) (rate(http_requests_total{service=~"$service"}[$__rate_interval]))`
	dr := p.query(t, nil, f.query("P", map[string]any{"queryType": "promql", "expr": expr})).Responses["P"]
	if dr.Error != nil {
		t.Fatal(dr.Error)
	}
	want := map[string]float64{}
	for _, name := range f.scenarios() {
		for code, v := range f.Scenarios[name].Values.RequestsPerSecondByCode {
			want[fmt.Sprintf("%s %s", name, code)] = v
		}
	}
	if len(dr.Frames) != len(want) {
		t.Fatalf("%d series, want one per scenario and code (%d)", len(dr.Frames), len(want))
	}
	for _, fr := range dr.Frames {
		times, values := fr.Fields[0], fr.Fields[1]
		key := fmt.Sprintf("%s %s", values.Labels["service"], values.Labels["code"])
		if n := times.Len(); n == 0 || !times.At(n-1).(time.Time).Equal(f.eval) {
			t.Fatalf("%s: the series does not reach %s", key, f.EvalTime)
		}
		w, ok := want[key]
		if !ok {
			t.Fatalf("unexpected series %s", key)
		}
		expectNear(t, key+" requests per second", values.At(values.Len()-1).(float64), w)
	}
}
